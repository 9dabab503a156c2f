/*
 * Works: planning one, reading and listing them, and the helpers the
 * family's files share. The decision and the life cycle are in
 * work_cycle.c, the ledger in ledger.c.
 */
#include "domain/works/work.h"
#include "domain/works/works_impl.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/money.h"
#include "base/text.h"
#include "domain/decide/matter.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/works/board.h"

/* ---------------------------------------------------------------- names */

DV_ENUM_DEFINE(work_kind, WK_COUNT, WORK_KINDS, "kind");
DV_ENUM_DEFINE(work_status, WS_COUNT, WORK_STATUSES, "status");
DV_ENUM_DEFINE(work_output, OUT_COUNT, WORK_OUTPUTS, "output");
DV_ENUM_DEFINE(work_source, FUND_COUNT, WORK_SOURCES, "source");
DV_ENUM_DEFINE(levy, LEVY_COUNT, LEVIES, "levy");

/* The form and API fields of the outputs and of the funding plan. */
static const char *const output_fields[] = {
	[OUT_ALLEY_M] = "out_alley_m", [OUT_LIGHTS] = "out_lights",   [OUT_CAMERAS] = "out_cameras",
	[OUT_AREA_M2] = "out_area_m2", [OUT_DRAIN_M] = "out_drain_m",
};
_Static_assert(ARRAY_LEN(output_fields) == OUT_COUNT, "a field per output");

static const char *const funding_fields[] = {
	[FUND_HOUSEHOLDS] = "fund_households", [FUND_BUSINESSES] = "fund_businesses",
	[FUND_AGENCIES] = "fund_agencies",     [FUND_BUDGET] = "fund_budget",
	[FUND_OTHER] = "fund_other",
};
_Static_assert(ARRAY_LEN(funding_fields) == FUND_COUNT, "a field per source");

/* -------------------------------------------------------------- helpers */

int works_require_manager(struct dv_ctx *ctx, const struct work *w)
{
	return perm_require(ctx, ACT_MANAGE_WORKS, w->unit_id);
}

int works_total_add(struct dv_ctx *ctx, int64_t work_id, const char *kind, const char *source,
		    int64_t amount, int64_t entries)
{
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO work_total (work_id, kind, source, amount, entries) "
		      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (work_id, kind, source) DO UPDATE "
		      "SET amount = work_total.amount + $4, entries = work_total.entries + $5",
		      DB_I(work_id), DB_T(kind), DB_T(source), DB_I(amount), DB_I(entries));
}

int works_money_load(struct dv_ctx *ctx, int64_t work_id, struct work_money *m)
{
	struct db_stmt *st = NULL;
	memset(m, 0, sizeof(*m));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT kind, source, amount FROM work_total WHERE work_id = $1",
			  DB_I(work_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum ledger_kind k;
		enum work_source s;
		int64_t v = db_col_int(st, 2);
		if (ledger_kind_parse(db_col_text(st, 0), &k, NULL))
			continue;
		int has_source = !work_source_parse(db_col_text(st, 1), &s, NULL);
		switch (k) {
		case EK_PLEDGE: m->pledged += v; break;
		case EK_CONTRIBUTION: m->contributions += v; break;
		case EK_IN_KIND: m->in_kind += v; break;
		case EK_SPONSOR: m->sponsors += v; break;
		case EK_EXPENSE: m->spent += v; break;
		case EK_REFUND: m->refunded += v; break;
		case EK_CORRECTION: m->corrections += v; break;
		default: break;
		}
		if (has_source && ledger_kind_sign(k) > 0)
			m->by_source[s] += v;
	}
	if (rc < 0)
		return rc;
	m->in = m->contributions + m->in_kind + m->sponsors;
	m->out = m->spent + m->refunded;
	m->balance = m->in - m->out;
	/* expenses no board member has decided on yet: the work's expenses
	 * only, through the (work_id, kind) index */
	if ((rc = db_query(ctx->db, &st, &ctx->err,
			   "SELECT COUNT(*), COALESCE(SUM(l.amount), 0) FROM work_ledger l "
			   "WHERE l.work_id = $1 AND l.kind = 'expense' AND NOT EXISTS "
			   "(SELECT 1 FROM work_signoff s WHERE s.entry_id = l.id)",
			   DB_I(work_id))))
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		m->npending = db_col_int(st, 0);
		m->pending = db_col_int(st, 1);
		db_finish(st);
	}
	return rc < 0 ? rc : 0;
}

const char *works_house_no(struct arena *a, const char *address)
{
	const char *comma = strchr(address, ',');
	return comma ? arena_strndup(a, address, (size_t)(comma - address))
		     : arena_strdup(a, address);
}

int works_amount(struct dv_ctx *ctx, const char *text, const char *field, int required,
		 int positive, int64_t *out)
{
	*out = 0;
	const char *p = text ? text : "";
	while (*p == ' ')
		p++;
	if (!*p)
		return required ? dv_fail(&ctx->err, DV_EINVAL, field, "Enter an amount in đồng")
				: 0;
	int rc = money_parse(text, out, &ctx->err);
	if (rc) {
		ctx->err.field = field;
		return rc;
	}
	if (*out < 0 || (positive && *out == 0))
		return dv_fail(&ctx->err, DV_EINVAL, field, "The amount must be more than zero");
	if (*out > WORK_AMOUNT_MAX)
		return dv_fail(
			&ctx->err, DV_EINVAL, field,
			"The amount is over the limit of 100.000.000.000 ₫: check the zeros");
	return 0;
}

int works_day(struct dv_ctx *ctx, const char *text, const char *field, int32_t *out)
{
	int32_t today = time_local_date(ctx->now);
	if (!text || !*text) {
		*out = today;
		return 0;
	}
	if (date_parse(text, out, &ctx->err)) {
		ctx->err.field = field;
		return DV_EINVAL;
	}
	if (*out > today)
		return dv_fail(&ctx->err, DV_EINVAL, field, "The day cannot be in the future");
	return 0;
}

int works_matter_check(struct dv_ctx *ctx, const struct work *w, int64_t matter_id, int type,
		       int meeting, int must_pass, const char *field)
{
	struct matter m;
	int within = 0;
	if (matter_id <= 0 || matter_get(ctx, matter_id, &m))
		return dv_fail(&ctx->err, DV_EINVAL, field, "No such matter");
	if (m.type != type)
		return type == MT_CONTRIBUTIONS
			       ? dv_fail(&ctx->err, DV_EINVAL, field,
					 "The decision must be a matter of contributions to public "
					 "works (Art. 15, item 1)")
			       : dv_fail(&ctx->err, DV_EINVAL, field,
					 "Residents on the board are elected by a matter of type 5 "
					 "(Art. 15, item 5)");
	if (unit_is_within(ctx, m.unit_id, w->unit_id, &within) || !within)
		return dv_fail(&ctx->err, DV_EINVAL, field,
			       "The matter was decided in another community");
	if (meeting && m.form != FORM_MEETING)
		return dv_fail(&ctx->err, DV_EINVAL, field,
			       "Board members are elected at a community meeting (Art. 17)");
	if (must_pass && (m.status != MS_CLOSED || !m.has_result || !m.result.passed))
		return dv_fail(&ctx->err, DV_EINVAL, field, "The matter has not passed");
	return 0;
}

/* --------------------------------------------------------------- reading */

#define WORK_COLS                                                                                  \
	"w.id, w.unit_id, w.ward_id, u.name, w.kind, w.status, w.name, w.place, w.goal, "          \
	"w.estimate, w.starts_on, w.ends_on, w.matter_id, w.rule, w.rule_amount, "                 \
	"w.treasurer_id, COALESCE(a.display_name, ''), w.progress, w.entries, w.head_hash, "       \
	"w.plan_notice_id, w.settlement_notice_id, w.settlement_summary, w.settled_hash, "         \
	"w.cancel_reason, w.created_at, w.collecting_at, w.building_at, w.accepted_at, "           \
	"w.settled_at, w.closed_at, w.cancelled_at"
#define WORK_FROM                                                                                  \
	" FROM work w JOIN unit u ON u.id = w.unit_id LEFT JOIN account a ON a.id = "              \
	"w.treasurer_id"

static const char *dup(struct dv_ctx *ctx, struct db_stmt *st, int col)
{
	return arena_strdup(ctx->arena, db_col_text(st, col));
}

static void read_row(struct dv_ctx *ctx, struct db_stmt *st, struct work *w)
{
	memset(w, 0, sizeof(*w));
	w->id = db_col_int(st, 0);
	w->unit_id = db_col_int(st, 1);
	w->ward_id = db_col_int(st, 2);
	w->unit_name = dup(ctx, st, 3);
	if (work_kind_parse(db_col_text(st, 4), &w->kind, NULL))
		w->kind = WK_OTHER;
	if (work_status_parse(db_col_text(st, 5), &w->status, NULL))
		w->status = WS_PLANNED;
	w->name = dup(ctx, st, 6);
	w->place = dup(ctx, st, 7);
	w->goal = dup(ctx, st, 8);
	w->estimate = db_col_int(st, 9);
	w->starts_on = (int32_t)db_col_int(st, 10);
	w->ends_on = (int32_t)db_col_int(st, 11);
	w->matter_id = db_col_int(st, 12);
	w->has_levy = !levy_parse(db_col_text(st, 13), &w->levy, NULL);
	w->levy_amount = db_col_int(st, 14);
	w->treasurer_id = db_col_int(st, 15);
	w->treasurer_name = dup(ctx, st, 16);
	w->progress = (int)db_col_int(st, 17);
	w->entries = db_col_int(st, 18);
	w->head_hash = dup(ctx, st, 19);
	w->plan_notice_id = db_col_int(st, 20);
	w->settlement_notice_id = db_col_int(st, 21);
	w->settlement_summary = dup(ctx, st, 22);
	w->settled_hash = dup(ctx, st, 23);
	w->cancel_reason = dup(ctx, st, 24);
	w->created_at = db_col_int(st, 25);
	w->collecting_at = db_col_int(st, 26);
	w->building_at = db_col_int(st, 27);
	w->accepted_at = db_col_int(st, 28);
	w->settled_at = db_col_int(st, 29);
	w->closed_at = db_col_int(st, 30);
	w->cancelled_at = db_col_int(st, 31);
}

/* Outputs, plan, money and what the actor may do. */
static int fill(struct dv_ctx *ctx, struct work *w)
{
	struct db_stmt *st = NULL;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT 'o', output, quantity FROM work_output WHERE work_id = $1 "
		"UNION ALL SELECT 'f', source, amount FROM work_funding WHERE work_id = $1",
		DB_I(w->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		const char *what = db_col_text(st, 1);
		if (db_col_text(st, 0)[0] == 'o') {
			enum work_output o;
			if (!work_output_parse(what, &o, NULL))
				w->quantities[o] = db_col_int(st, 2);
		} else {
			enum work_source s;
			if (!work_source_parse(what, &s, NULL))
				w->funding[s] = db_col_int(st, 2);
		}
	}
	if (rc < 0 || (rc = works_money_load(ctx, w->id, &w->money)))
		return rc < 0 ? rc : rc;
	if (!ctx->actor->account_id && !ctx->actor->system)
		return 0;
	w->may_manage = perm_may(ctx, ACT_MANAGE_WORKS, w->unit_id);
	w->may_record =
		w->may_manage || (w->treasurer_id && w->treasurer_id == ctx->actor->account_id);
	w->may_form_board = perm_may(ctx, ACT_FORM_BOARDS, w->unit_id);
	return board_seat(ctx, w->id, &w->member_id);
}

int work_get(struct dv_ctx *ctx, int64_t id, struct work *w)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err, "SELECT " WORK_COLS WORK_FROM " WHERE w.id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such work");
	read_row(ctx, st, w);
	db_finish(st);
	return fill(ctx, w);
}

int work_list(struct dv_ctx *ctx, const struct work_filter *f, int64_t offset, int limit,
	      struct work **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > WORK_PAGE_MAX || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	const char *status = f->status < 0 ? "" : work_status_name((enum work_status)f->status);
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " WORK_COLS WORK_FROM
			  " WHERE (CAST($1 AS BIGINT) = 0 OR w.unit_id IN (SELECT descendant FROM "
			  "unit_tree WHERE ancestor = $1)) AND ($2 = '' OR w.status = $2) "
			  "ORDER BY w.created_at DESC, w.id DESC LIMIT $3 OFFSET $4",
			  DB_I(f->unit_id), DB_T(status), DB_I(limit + 1), DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_row(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	for (size_t i = 0; rc >= 0 && i < *n; i++)
		rc = fill(ctx, &(*out)[i]);
	return rc < 0 ? rc : 0;
}

/* -------------------------------------------------------------- planning */

struct clean_work {
	enum work_kind kind;
	const char *name, *place, *goal;
	int64_t estimate;
	int32_t starts_on, ends_on;
	int64_t quantities[OUT_COUNT];
	int64_t funding[FUND_COUNT];
};

static int clean_text(struct dv_ctx *ctx, const char *in, size_t max, unsigned flags,
		      const char *field, const char **out)
{
	return text_clean(ctx->arena, in, in ? strlen(in) : 0, max, flags, field, out, &ctx->err);
}

static int clean_date(struct dv_ctx *ctx, const char *in, const char *field, int32_t *out)
{
	*out = 0;
	if (!in || !*in)
		return 0;
	if (date_parse(in, out, &ctx->err)) {
		ctx->err.field = field;
		return DV_EINVAL;
	}
	return 0;
}

static int clean_quantity(struct dv_ctx *ctx, const char *in, const char *field, int64_t *out)
{
	char *end;
	*out = 0;
	if (!in || !*in)
		return 0;
	long long v = strtoll(in, &end, 10);
	if (*end || end == in || v < 0 || v > WORK_QUANTITY_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, field, "Write a whole number from 0 to %d",
			       WORK_QUANTITY_MAX);
	*out = v;
	return 0;
}

static int clean_work(struct dv_ctx *ctx, const struct work_input *in, struct clean_work *c)
{
	memset(c, 0, sizeof(*c));
	if (work_kind_parse(in->kind, &c->kind, &ctx->err))
		return DV_EINVAL;
	int rc = clean_text(ctx, in->name, WORK_NAME_MAX, TEXT_REQUIRED, "name", &c->name);
	if (!rc)
		rc = clean_text(ctx, in->place, WORK_PLACE_MAX, TEXT_REQUIRED, "place", &c->place);
	if (!rc)
		rc = clean_text(ctx, in->goal, WORK_GOAL_MAX, TEXT_MULTILINE, "goal", &c->goal);
	if (!rc)
		rc = works_amount(ctx, in->estimate, "estimate", 1, 1, &c->estimate);
	if (!rc)
		rc = clean_date(ctx, in->starts_on, "starts_on", &c->starts_on);
	if (!rc)
		rc = clean_date(ctx, in->ends_on, "ends_on", &c->ends_on);
	if (!rc && c->starts_on && c->ends_on && c->ends_on < c->starts_on)
		return dv_fail(&ctx->err, DV_EINVAL, "ends_on",
			       "The work cannot end before it starts");
	for (int i = 0; !rc && i < OUT_COUNT; i++)
		rc = clean_quantity(ctx, in->outputs[i], output_fields[i], &c->quantities[i]);
	int64_t plan = 0;
	for (int i = 0; !rc && i < FUND_COUNT; i++) {
		rc = works_amount(ctx, in->funding[i], funding_fields[i], 0, 0, &c->funding[i]);
		plan += c->funding[i];
	}
	if (!rc && plan && plan != c->estimate) {
		struct buf a = BUF_INIT, b = BUF_INIT;
		money_format(&a, plan);
		money_format(&b, c->estimate);
		rc = dv_fail(&ctx->err, DV_EINVAL, "fund_households",
			     "The funding plan adds up to %s, the estimate is %s", a.ptr, b.ptr);
		buf_release(&a);
		buf_release(&b);
	}
	return rc;
}

static int write_parts(struct dv_ctx *ctx, int64_t id, const struct clean_work *c)
{
	int rc = db_run(ctx->db, &ctx->err, "DELETE FROM work_output WHERE work_id = $1", DB_I(id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err, "DELETE FROM work_funding WHERE work_id = $1",
			    DB_I(id));
	for (int i = 0; !rc && i < OUT_COUNT; i++)
		if (c->quantities[i])
			rc = db_run(ctx->db, &ctx->err,
				    "INSERT INTO work_output (work_id, output, quantity) "
				    "VALUES ($1, $2, $3)",
				    DB_I(id), DB_T(work_output_name((enum work_output)i)),
				    DB_I(c->quantities[i]));
	for (int i = 0; !rc && i < FUND_COUNT; i++)
		if (c->funding[i])
			rc = db_run(ctx->db, &ctx->err,
				    "INSERT INTO work_funding (work_id, source, amount) "
				    "VALUES ($1, $2, $3)",
				    DB_I(id), DB_T(work_source_name((enum work_source)i)),
				    DB_I(c->funding[i]));
	return rc;
}

static json_t *work_details(const struct clean_work *c)
{
	return json_pack("{s:s, s:s, s:I}", "name", c->name, "kind", work_kind_name(c->kind),
			 "estimate", (json_int_t)c->estimate);
}

static int create_tx(struct dv_ctx *ctx, int64_t unit_id, const struct clean_work *c, int64_t *id)
{
	struct unit u;
	int64_t ward = 0;
	char genesis[HASH_HEX_LEN + 1];
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_MANAGE_WORKS, unit_id)))
		return rc;
	if (strcmp(u.status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "This unit has been merged");
	if ((rc = unit_commune_of(ctx, unit_id, &ward)) && rc != DV_ENOTFOUND)
		return rc;
	memset(genesis, '0', HASH_HEX_LEN);
	genesis[HASH_HEX_LEN] = '\0';
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO work (unit_id, ward_id, kind, name, name_folded, place, goal, "
		    "estimate, starts_on, ends_on, head_hash, created_by, created_at, updated_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) "
		    "RETURNING id",
		    DB_I(unit_id), DB_ID(ward), DB_T(work_kind_name(c->kind)), DB_T(c->name),
		    DB_T(text_fold_a(ctx->arena, c->name)), DB_T(c->place), DB_T(c->goal),
		    DB_I(c->estimate), DB_ID(c->starts_on), DB_ID(c->ends_on), DB_T(genesis),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = write_parts(ctx, *id, c);
	if (!rc)
		rc = ctx_audit(ctx, "work.create", "work", *id, unit_id, work_details(c));
	return rc;
}

int work_create(struct dv_ctx *ctx, const struct work_input *in, int64_t *id_out)
{
	struct clean_work c;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_MANAGE_WORKS, in->unit_id))
		return perm_require(ctx, ACT_MANAGE_WORKS, in->unit_id);
	int rc = clean_work(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in->unit_id, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct clean_work *c)
{
	struct work w;
	int rc = work_get(ctx, id, &w);
	if (rc || (rc = works_require_manager(ctx, &w)))
		return rc;
	if (w.status != WS_PLANNED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The work collects already: its plan can no longer change");
	rc = db_run(
		ctx->db, &ctx->err,
		"UPDATE work SET kind = $1, name = $2, name_folded = $3, place = $4, goal = $5, "
		"estimate = $6, starts_on = $7, ends_on = $8, updated_at = $9 WHERE id = $10",
		DB_T(work_kind_name(c->kind)), DB_T(c->name),
		DB_T(text_fold_a(ctx->arena, c->name)), DB_T(c->place), DB_T(c->goal),
		DB_I(c->estimate), DB_ID(c->starts_on), DB_ID(c->ends_on), DB_I(ctx->now),
		DB_I(id));
	if (!rc)
		rc = write_parts(ctx, id, c);
	if (!rc)
		rc = ctx_audit(ctx, "work.update", "work", id, w.unit_id, work_details(c));
	return rc;
}

int work_update(struct dv_ctx *ctx, int64_t id, const struct work_input *in)
{
	struct clean_work c;
	int rc = clean_work(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, &c));
}

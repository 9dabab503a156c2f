/*
 * Plans: a unit's plan for a year, derived from the higher unit's, and
 * what the family's files share.
 */
#include "domain/plans/plan.h"
#include "domain/plans/plans_impl.h"

#include <string.h>

#include "base/i18n.h"
#include "base/date.h"
#include "base/money.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/plans/task.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

DV_ENUM_DEFINE(plan_kind, PLAN_KIND_COUNT, PLAN_KINDS, "kind");
DV_ENUM_DEFINE(plan_status, PS_COUNT, PLAN_STATUSES, "status");

/* ---------------------------------------------------------------- shared */

size_t plans_len(const char *s)
{
	return s ? strlen(s) : 0;
}

int32_t plans_today(struct dv_ctx *ctx)
{
	return time_local_date(ctx->now);
}

int64_t plans_ward_of(struct dv_ctx *ctx, int64_t unit_id)
{
	int64_t w = 0;
	struct dv_err saved = ctx->err;
	int rc = unit_commune_of(ctx, unit_id, &w);
	ctx->err = saved; /* above the ward level is no error */
	return rc ? 0 : w;
}

int plans_day(struct dv_ctx *ctx, const char *text, const char *field, int32_t *ymd)
{
	if (!text || !*text) {
		*ymd = plans_today(ctx);
		return 0;
	}
	if (date_parse(text, ymd, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, field, "Write a day as dd/mm/yyyy");
	if (*ymd > plans_today(ctx))
		return dv_fail(&ctx->err, DV_EINVAL, field, "This day has not come yet");
	return 0;
}

int plans_count(struct dv_ctx *ctx, const char *text, const char *field, int64_t *out)
{
	struct dv_err e = {0};
	if (!text || !*text)
		return dv_fail(&ctx->err, DV_EINVAL, field, "Give a number");
	if (money_parse(text, out, &e) || *out < 0)
		return dv_fail(&ctx->err, DV_EINVAL, field, "Write a whole number, such as 1.250");
	return 0;
}

const char *plans_day_text(struct dv_ctx *ctx, int32_t ymd)
{
	struct buf b = BUF_INIT;
	date_format(&b, ymd);
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

/* ---------------------------------------------------------------- reading */

#define PLAN_COLS                                                                                  \
	"p.id, p.unit_id, u.name, u.kind, p.year, p.kind, p.status, p.title, p.directions, "        \
	"COALESCE(p.parent_id, 0), COALESCE(pp.unit_id, 0), COALESCE(pu.name, ''), "               \
	"COALESCE(p.adopted_on, 0), p.created_at, p.updated_at, (SELECT COUNT(*) FROM plan_task t " \
	"WHERE t.plan_id = p.id AND t.status <> 'dropped'), (SELECT COUNT(*) FROM plan_task t "    \
	"WHERE t.plan_id = p.id AND t.status = 'done'), (SELECT COUNT(*) FROM plan_task t WHERE "  \
	"t.plan_id = p.id AND t.status IN ('assigned', 'in_progress') AND t.due_on < $1)"
#define PLAN_FROM                                                                                  \
	" FROM plan p JOIN unit u ON u.id = p.unit_id LEFT JOIN plan pp ON pp.id = p.parent_id "   \
	"LEFT JOIN unit pu ON pu.id = pp.unit_id"

static void read_plan(struct dv_ctx *ctx, struct db_stmt *st, struct plan *p)
{
	memset(p, 0, sizeof(*p));
	p->id = db_col_int(st, 0);
	p->unit_id = db_col_int(st, 1);
	p->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	enum unit_kind uk = UNIT_WARD;
	unit_kind_parse(db_col_text(st, 3), &uk, NULL);
	p->unit_kind = (int)uk;
	p->year = (int)db_col_int(st, 4);
	plan_kind_parse(db_col_text(st, 5), &p->kind, NULL);
	plan_status_parse(db_col_text(st, 6), &p->status, NULL);
	p->title = arena_strdup(ctx->arena, db_col_text(st, 7));
	p->directions = arena_strdup(ctx->arena, db_col_text(st, 8));
	p->parent_id = db_col_int(st, 9);
	p->parent_unit_id = db_col_int(st, 10);
	p->parent_unit_name = arena_strdup(ctx->arena, db_col_text(st, 11));
	p->adopted_on = (int32_t)db_col_int(st, 12);
	p->created_at = db_col_int(st, 13);
	p->updated_at = db_col_int(st, 14);
	p->tasks = db_col_int(st, 15);
	p->done = db_col_int(st, 16);
	p->overdue = db_col_int(st, 17);
}

/* The rights and the deadline of a plan just read. */
static void finish_plan(struct dv_ctx *ctx, struct plan *p)
{
	p->may_edit = perm_may(ctx, ACT_PLAN_WORK, p->unit_id);
	p->may_report = p->may_edit || perm_may(ctx, ACT_REPORT_WORK, p->unit_id);
	p->deadline = rule_date_in(rule_value(ctx, RULE_PLAN_DEADLINE), p->year);
	p->late = p->adopted_on ? p->adopted_on > p->deadline
				: plans_today(ctx) > p->deadline;
}

static int visible(const struct plan *p)
{
	return p->status == PS_ADOPTED || p->may_edit || p->may_report;
}

int plan_load(struct dv_ctx *ctx, int64_t id, struct plan *p)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err, "SELECT " PLAN_COLS PLAN_FROM " WHERE p.id = $2",
			  DB_I(plans_today(ctx)), DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such plan");
	read_plan(ctx, st, p);
	db_finish(st);
	finish_plan(ctx, p);
	return 0;
}

int plan_get(struct dv_ctx *ctx, int64_t id, struct plan *p)
{
	int rc = plan_load(ctx, id, p);
	if (!rc && !visible(p))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such plan");
	return rc;
}

int plan_find(struct dv_ctx *ctx, int64_t unit_id, int year, enum plan_kind kind, struct plan *p)
{
	int64_t id = 0;
	int rc = db_int(ctx->db, &id, &ctx->err,
			"SELECT id FROM plan WHERE unit_id = $1 AND year = $2 AND kind = $3",
			DB_I(unit_id), DB_I(year), DB_T(plan_kind_name(kind)));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such plan");
	return rc ? rc : plan_get(ctx, id, p);
}

static int list_where(struct dv_ctx *ctx, const char *where, struct db_param a,
		      struct db_param b, struct plan **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct plan *v = NULL;
	size_t k = 0, cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  arena_printf(ctx->arena,
				       "SELECT " PLAN_COLS PLAN_FROM " WHERE %s ORDER BY p.year "
				       "DESC, CASE WHEN p.unit_id = $2 THEN 0 ELSE 1 END, u.name, "
				       "p.kind LIMIT %d",
				       where, PLAN_LIST_MAX),
			  DB_I(plans_today(ctx)), a, b);
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_plan(ctx, st, ARENA_PUSH(ctx->arena, v, k, cap));
	if (rc < 0)
		return rc;
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		finish_plan(ctx, &v[i]);
		if (visible(&v[i]))
			v[m++] = v[i];
	}
	*out = v;
	*n = m;
	return 0;
}

int plan_list(struct dv_ctx *ctx, int64_t unit_id, int year, struct plan **out, size_t *n)
{
	return list_where(ctx,
			  "(CAST($2 AS BIGINT) = 0 OR p.unit_id IN (SELECT descendant FROM "
			  "unit_tree WHERE ancestor = $2) OR p.unit_id IN (SELECT ancestor FROM "
			  "unit_tree WHERE descendant = $2)) AND (CAST($3 AS BIGINT) = 0 OR p.year = "
			  "$3)",
			  DB_I(unit_id), DB_I(year), out, n);
}

int plan_children(struct dv_ctx *ctx, int64_t id, struct plan **out, size_t *n)
{
	return list_where(ctx, "p.parent_id = $3 AND CAST($2 AS BIGINT) = 0", DB_I(0), DB_I(id), out,
			  n);
}

/* ---------------------------------------------------------------- writing */

struct clean_plan {
	const char *title, *directions;
};

static int clean(struct dv_ctx *ctx, const struct plan_input *in, struct clean_plan *c)
{
	int rc = text_clean(ctx->arena, in->title, plans_len(in->title), PLAN_TITLE_MAX,
			    TEXT_REQUIRED, "title", &c->title, &ctx->err);
	if (!rc)
		rc = text_clean(ctx->arena, in->directions, plans_len(in->directions),
				PLAN_DIRECTIONS_MAX, TEXT_MULTILINE, "directions", &c->directions,
				&ctx->err);
	return rc;
}

/* The plan of the nearest unit above with the same year and kind. */
static int parent_plan(struct dv_ctx *ctx, int64_t unit_id, int year, enum plan_kind kind,
		       int64_t *parent)
{
	int rc = db_int(ctx->db, parent, &ctx->err,
			"SELECT p.id FROM plan p JOIN unit_tree t ON t.ancestor = p.unit_id WHERE "
			"t.descendant = $1 AND t.depth > 0 AND p.year = $2 AND p.kind = $3 ORDER BY "
			"t.depth LIMIT 1",
			DB_I(unit_id), DB_I(year), DB_T(plan_kind_name(kind)));
	if (rc == DV_ENOTFOUND) {
		*parent = 0;
		return 0;
	}
	return rc;
}

/* Copy the parent's indicators (with their targets), then take up the
 * parent's tasks given to this unit, each pointing at the copy of its
 * indicator. */
static int derive(struct dv_ctx *ctx, int64_t id, int64_t parent, int64_t unit_id,
		  int64_t ward)
{
	int rc = db_run(ctx->db, &ctx->err,
			"INSERT INTO plan_indicator (plan_id, ward_id, position, code, name, measure, "
			"target, parent_id) SELECT $1, $2, i.position, i.code, i.name, i.measure, "
			"i.target, i.id FROM plan_indicator i WHERE i.plan_id = $3 AND i.removed_at IS "
			"NULL",
			DB_I(id), DB_ID(ward), DB_I(parent));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO plan_task (plan_id, ward_id, title, detail, unit_id, owner, "
			    "due_on, indicator_id, parent_id, status, created_by, created_at, "
			    "updated_by, updated_at) SELECT $1, $2, t.title, t.detail, $3, t.owner, "
			    "t.due_on, (SELECT c.id FROM plan_indicator c WHERE c.plan_id = $1 AND "
			    "c.parent_id = t.indicator_id), t.id, 'assigned', $5, $6, $5, $6 FROM "
			    "plan_task t WHERE t.plan_id = $4 AND t.unit_id = $3 AND t.organization_id "
			    "IS NULL AND t.status <> 'dropped' ORDER BY t.due_on, t.id",
			    DB_I(id), DB_ID(ward), DB_I(unit_id), DB_I(parent),
			    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	return rc;
}

static int create_tx(struct dv_ctx *ctx, const struct plan_input *in, enum plan_kind kind,
		     const struct clean_plan *c, int64_t *id)
{
	int64_t there = 0, parent = 0, ward = plans_ward_of(ctx, in->unit_id);
	struct unit u;
	int rc = unit_get(ctx, in->unit_id, &u);
	if (rc || (rc = perm_require(ctx, ACT_PLAN_WORK, in->unit_id)))
		return rc;
	rc = db_int(ctx->db, &there, &ctx->err,
		    "SELECT id FROM plan WHERE unit_id = $1 AND year = $2 AND kind = $3",
		    DB_I(in->unit_id), DB_I(in->year), DB_T(plan_kind_name(kind)));
	if (!rc)
		return dv_fail(&ctx->err, DV_ECONFLICT, "year",
			       "This unit has its plan of that kind for that year already");
	if (rc != DV_ENOTFOUND || (rc = parent_plan(ctx, in->unit_id, in->year, kind, &parent)))
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO plan (unit_id, ward_id, year, kind, title, directions, parent_id, "
		    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
		    "$9) RETURNING id",
		    DB_I(in->unit_id), DB_ID(ward), DB_I(in->year), DB_T(plan_kind_name(kind)),
		    DB_T(c->title), DB_T(c->directions), DB_ID(parent),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc && parent)
		rc = derive(ctx, *id, parent, in->unit_id, ward);
	if (!rc)
		rc = ctx_audit(ctx, "plan.create", "plan", *id, in->unit_id,
			       json_pack("{s:i, s:s, s:I}", "year", in->year, "kind",
					 plan_kind_name(kind), "parent", (json_int_t)parent));
	return rc;
}

int plan_create(struct dv_ctx *ctx, const struct plan_input *in, int64_t *id_out)
{
	struct clean_plan c;
	enum plan_kind kind;
	int64_t id = 0;
	int y = plans_today(ctx) / 10000;
	int rc = plan_kind_parse(in->kind, &kind, &ctx->err);
	if (rc)
		return rc;
	if (in->year < y - 1 || in->year > y + 1)
		return dv_fail(&ctx->err, DV_EINVAL, "year",
			       "A plan is made for this year, the next or the last");
	if ((rc = clean(ctx, in, &c)) || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in, kind, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct clean_plan *c)
{
	struct plan p;
	int rc = plan_get(ctx, id, &p);
	if (rc || (rc = perm_require(ctx, ACT_PLAN_WORK, p.unit_id)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE plan SET title = $1, directions = $2, updated_at = $3 WHERE id = $4",
		    DB_T(c->title), DB_T(c->directions), DB_I(ctx->now), DB_I(id));
	return rc ? rc : ctx_audit(ctx, "plan.update", "plan", id, p.unit_id, NULL);
}

int plan_update(struct dv_ctx *ctx, int64_t id, const struct plan_input *in)
{
	struct clean_plan c;
	int rc = clean(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, &c));
}

static int adopt_tx(struct dv_ctx *ctx, int64_t id, int32_t on)
{
	struct plan p;
	int rc = plan_get(ctx, id, &p);
	if (rc || (rc = perm_require(ctx, ACT_PLAN_WORK, p.unit_id)))
		return rc;
	if (p.status != PS_DRAFT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The plan is adopted already");
	if (on / 10000 < p.year - 1)
		return dv_fail(&ctx->err, DV_EINVAL, "adopted_on",
			       "A plan is adopted in its year or the year before");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE plan SET status = 'adopted', adopted_on = $1, updated_at = $2 WHERE id "
		    "= $3",
		    DB_I(on), DB_I(ctx->now), DB_I(id));
	return rc ? rc
		  : ctx_audit(ctx, "plan.adopt", "plan", id, p.unit_id,
			      json_pack("{s:i}", "adopted_on", (int)on));
}

int plan_adopt(struct dv_ctx *ctx, int64_t id, const char *on)
{
	int32_t day;
	int rc = plans_day(ctx, on, "adopted_on", &day);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, adopt_tx(ctx, id, day));
}

/* ------------------------------------------------------------- tasks' sum */

int plan_task_figures(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
		      int64_t *tasks, int64_t *done)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT COUNT(*), COALESCE(SUM(CASE WHEN t.status = 'done' THEN 1 ELSE 0 "
			  "END), 0) FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE p.unit_id "
			  "IN (SELECT descendant FROM unit_tree WHERE ancestor = $1) AND t.status <> "
			  "'dropped' AND t.due_on BETWEEN $2 AND $3",
			  DB_I(unit_id), DB_I(from), DB_I(to));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		*tasks += db_col_int(st, 0);
		*done += db_col_int(st, 1);
		db_finish(st);
		rc = 0;
	}
	return rc;
}

/*
 * The inspection board's cases, what it checked and found, its
 * recommendations and the authority's answers.
 */
#include "domain/reports/inspection.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/reports/board.h"
#include "domain/reports/report.h"
#include "domain/rules.h"

DV_ENUM_DEFINE(case_source, CASE_SOURCE_COUNT, CASE_SOURCES, "source");
DV_ENUM_DEFINE(case_status, CASE_STATUS_COUNT, CASE_STATUSES, "status");
DV_ENUM_DEFINE(entry_kind, ENTRY_KIND_COUNT, ENTRY_KINDS, "kind");
DV_ENUM_DEFINE(outcome, OUTCOME_COUNT, OUTCOMES, "outcome");

static int clean(struct dv_ctx *ctx, const char *in, size_t max, unsigned flags, const char *field,
		 const char **out)
{
	return text_clean(ctx->arena, in, in ? strlen(in) : 0, max, flags, field, out, &ctx->err);
}

/* ----------------------------------------------------------------- reading */

#define CASE_COLS                                                                                  \
	"c.id, c.ward_id, u.name, c.source, COALESCE(c.report_id, 0), c.title, c.subject, "        \
	"c.status, c.opened_on, COALESCE(c.closed_on, 0), c.conclusion, c.complainant, (SELECT "   \
	"COUNT(*) FROM inspection_recommendation r WHERE r.case_id = c.id), (SELECT COUNT(*) "     \
	"FROM inspection_recommendation r WHERE r.case_id = c.id AND r.outcome <> ''), (SELECT "   \
	"COUNT(*) FROM inspection_recommendation r WHERE r.case_id = c.id AND r.outcome = '' "     \
	"AND r.due < $1)"

static void read_case(struct dv_ctx *ctx, struct db_stmt *st, struct inspection_case *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->ward_id = db_col_int(st, 1);
	c->ward_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	if (case_source_parse(db_col_text(st, 3), &c->source, NULL))
		c->source = CASE_OWN;
	c->report_id = db_col_int(st, 4);
	c->title = arena_strdup(ctx->arena, db_col_text(st, 5));
	c->subject = arena_strdup(ctx->arena, db_col_text(st, 6));
	if (case_status_parse(db_col_text(st, 7), &c->status, NULL))
		c->status = CASE_OPEN;
	c->opened_on = (int32_t)db_col_int(st, 8);
	c->closed_on = (int32_t)db_col_int(st, 9);
	c->conclusion = arena_strdup(ctx->arena, db_col_text(st, 10));
	c->complainant = arena_strdup(ctx->arena, db_col_text(st, 11));
	c->recommendations = db_col_int(st, 12);
	c->answered = db_col_int(st, 13);
	c->overdue = db_col_int(st, 14);
}

/* What the actor may see of a case: the complainant for the board and the
 * authority; the report when the actor may see it. */
static void case_for_actor(struct dv_ctx *ctx, struct inspection_case *c)
{
	c->may_work = c->status == CASE_OPEN && perm_may(ctx, ACT_INSPECT, c->ward_id);
	c->may_answer = perm_may(ctx, ACT_ANSWER_INSPECTION, c->ward_id);
	if (!perm_may(ctx, ACT_INSPECT, c->ward_id) && !c->may_answer)
		c->complainant = "";
	if (c->report_id) {
		struct report r;
		struct dv_err keep = ctx->err;
		if (report_get(ctx, c->report_id, &r))
			c->report_id = 0;
		ctx->err = keep;
	}
}

static void read_rec(struct dv_ctx *ctx, struct db_stmt *st, struct inspection_rec *r,
		     int32_t today)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->case_id = db_col_int(st, 1);
	r->text = arena_strdup(ctx->arena, db_col_text(st, 2));
	r->sent_on = (int32_t)db_col_int(st, 3);
	r->due = (int32_t)db_col_int(st, 4);
	if (outcome_parse(db_col_text(st, 5), &r->outcome, NULL))
		r->outcome = OUTCOME_NONE;
	r->answer = arena_strdup(ctx->arena, db_col_text(st, 6));
	r->answered_at = db_col_int(st, 7);
	r->case_title = arena_strdup(ctx->arena, db_col_text(st, 8));
	r->overdue = r->outcome == OUTCOME_NONE && today > r->due;
}

#define REC_COLS                                                                                   \
	"r.id, r.case_id, r.text, r.sent_on, r.due, r.outcome, r.answer, "                         \
	"COALESCE(r.answered_at, 0), c.title"

static int load_parts(struct dv_ctx *ctx, struct inspection_case *c)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int32_t today = time_local_date(ctx->now);
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, kind, text, on_date FROM inspection_entry WHERE case_id = $1 "
			  "ORDER BY on_date, id",
			  DB_I(c->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct inspection_entry *e = ARENA_PUSH(ctx->arena, c->entries, c->nentries, cap);
		e->id = db_col_int(st, 0);
		if (entry_kind_parse(db_col_text(st, 1), &e->kind, NULL))
			e->kind = ENTRY_FINDING;
		e->text = arena_strdup(ctx->arena, db_col_text(st, 2));
		e->on_date = (int32_t)db_col_int(st, 3);
	}
	if (rc < 0)
		return rc;
	cap = 0;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT " REC_COLS " FROM inspection_recommendation r JOIN inspection_case c "
		      "ON c.id = r.case_id WHERE r.case_id = $1 ORDER BY r.id",
		      DB_I(c->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_rec(ctx, st, ARENA_PUSH(ctx->arena, c->recs, c->nrecs, cap), today);
	return rc < 0 ? rc : 0;
}

int inspection_case_get(struct dv_ctx *ctx, int64_t id, struct inspection_case *c)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " CASE_COLS " FROM inspection_case c JOIN unit u ON u.id = "
			  "c.ward_id WHERE c.id = $2",
			  DB_I(time_local_date(ctx->now)), DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such case");
	read_case(ctx, st, c);
	db_finish(st);
	case_for_actor(ctx, c);
	return load_parts(ctx, c);
}

int inspection_case_list(struct dv_ctx *ctx, int64_t ward_id, int32_t from, int32_t to,
			 int64_t offset, int limit, struct inspection_case **out, size_t *n,
			 int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > CASE_PAGE_MAX || offset < 0 || offset > 100000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT " CASE_COLS " FROM inspection_case c JOIN unit u ON u.id = "
		"c.ward_id WHERE c.ward_id = $2 AND ($3 = 0 OR c.opened_on >= $3) AND ($4 = "
		"0 OR c.opened_on <= $4) ORDER BY c.opened_on DESC, c.id DESC LIMIT $5 "
		"OFFSET $6",
		DB_I(time_local_date(ctx->now)), DB_I(ward_id), DB_I(from), DB_I(to),
		DB_I(limit + 1), DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_case(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < *n; i++)
		case_for_actor(ctx, &(*out)[i]);
	return 0;
}

int inspection_recs_between(struct dv_ctx *ctx, int64_t ward_id, int32_t from, int32_t to,
			    struct inspection_rec **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int32_t today = time_local_date(ctx->now);
	*out = NULL;
	*n = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT " REC_COLS " FROM inspection_recommendation r JOIN inspection_case c "
		"ON c.id = r.case_id WHERE r.ward_id = $1 AND r.sent_on >= $2 AND r.sent_on "
		"<= $3 ORDER BY r.sent_on, r.id",
		DB_I(ward_id), DB_I(from), DB_I(to));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_rec(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap), today);
	return rc < 0 ? rc : 0;
}

int inspection_quarter(struct dv_err *err, int year, int q, int32_t *from, int32_t *to)
{
	static const int last_day[] = {31, 30, 30, 31};
	if (year < 2000 || year > 9999 || q < 1 || q > 4)
		return dv_fail(err, DV_EINVAL, "quarter", "Give a quarter such as 2026-2");
	*from = date_ymd(year, 3 * q - 2, 1);
	*to = date_ymd(year, 3 * q, last_day[q - 1]);
	return 0;
}

/* ----------------------------------------------------------------- writing */

/* The case the board works on now: open, the actor one of its members. */
static int workable(struct dv_ctx *ctx, int64_t id, struct inspection_case *c)
{
	int rc = inspection_case_get(ctx, id, c);
	if (rc || (rc = perm_require(ctx, ACT_INSPECT, c->ward_id)))
		return rc;
	if (c->status != CASE_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The case is closed");
	return 0;
}

static int open_tx(struct dv_ctx *ctx, int64_t ward_id, enum case_source src,
		   const struct case_input *in, const char *title, const char *subject,
		   const char *complainant, int64_t *id)
{
	struct board b;
	int rc = board_get(ctx, ward_id, &b);
	if (rc || (rc = perm_require(ctx, ACT_INSPECT, ward_id)))
		return rc;
	if (b.status != BOARD_ACTIVE)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The board opens cases once it is constituted");
	if (src == CASE_REPORT) {
		struct report r;
		rc = report_get(ctx, in->report_id, &r);
		if (rc == DV_ENOTFOUND || (!rc && r.ward_id != ward_id))
			return dv_fail(&ctx->err, DV_EINVAL, "report", "No such report in %s",
				       b.ward_name);
		if (rc)
			return rc;
	}
	rc = db_int(
		ctx->db, id, &ctx->err,
		"INSERT INTO inspection_case (board_id, ward_id, source, report_id, complainant, "
		"title, subject, status, opened_on, created_by, created_at) VALUES ($1, $2, $3, "
		"$4, $5, $6, $7, 'open', $8, $9, $10) RETURNING id",
		DB_I(b.id), DB_I(ward_id), DB_T(case_source_name(src)),
		DB_ID(src == CASE_REPORT ? in->report_id : 0), DB_T(complainant), DB_T(title),
		DB_T(subject), DB_I(time_local_date(ctx->now)), DB_ID(ctx->actor->account_id),
		DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "inspection.case_open", "inspection_case", *id, ward_id,
			       json_pack("{s:s, s:I}", "source", case_source_name(src), "report",
					 (json_int_t)in->report_id));
	return rc;
}

int inspection_case_open(struct dv_ctx *ctx, int64_t ward_id, const struct case_input *in,
			 int64_t *id_out)
{
	enum case_source src;
	const char *title, *subject, *complainant;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_INSPECT, ward_id))
		return perm_require(ctx, ACT_INSPECT, ward_id);
	int rc = case_source_parse(in->source, &src, &ctx->err);
	if (!rc)
		rc = clean(ctx, in->title, CASE_TITLE_MAX, TEXT_REQUIRED, "title", &title);
	if (!rc)
		rc = clean(ctx, in->subject, CASE_TEXT_MAX, TEXT_MULTILINE | TEXT_REQUIRED,
			   "subject", &subject);
	if (!rc)
		rc = clean(ctx, src == CASE_COMPLAINT ? in->complainant : "", CASE_COMPLAINANT_MAX,
			   src == CASE_COMPLAINT ? TEXT_REQUIRED : 0, "complainant", &complainant);
	if (!rc && src == CASE_REPORT && in->report_id <= 0)
		rc = dv_fail(&ctx->err, DV_EINVAL, "report", "Give the number of the report");
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, open_tx(ctx, ward_id, src, in, title, subject, complainant, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int entry_tx(struct dv_ctx *ctx, int64_t case_id, enum entry_kind kind, const char *text,
		    int32_t on, int64_t *id)
{
	struct inspection_case c;
	int rc = workable(ctx, case_id, &c);
	if (rc)
		return rc;
	if (on < c.opened_on)
		return dv_fail(&ctx->err, DV_EINVAL, "on_date",
			       "The day cannot be before the case was opened");
	rc = db_int(
		ctx->db, id, &ctx->err,
		"INSERT INTO inspection_entry (case_id, ward_id, kind, text, on_date, created_by, "
		"created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
		DB_I(case_id), DB_I(c.ward_id), DB_T(entry_kind_name(kind)), DB_T(text), DB_I(on),
		DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "inspection.entry_add", "inspection_case", case_id, c.ward_id,
			       json_pack("{s:s, s:I}", "kind", entry_kind_name(kind), "entry",
					 (json_int_t)*id));
	return rc;
}

int inspection_entry_add(struct dv_ctx *ctx, int64_t case_id, const char *kind_in,
			 const char *text_in, const char *on_in, int64_t *id_out)
{
	enum entry_kind kind;
	const char *text;
	int32_t today = time_local_date(ctx->now), on = today;
	int64_t id = 0;
	int rc = entry_kind_parse(kind_in, &kind, &ctx->err);
	if (!rc)
		rc = clean(ctx, text_in, CASE_TEXT_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "text",
			   &text);
	if (!rc && on_in && *on_in && date_parse(on_in, &on, NULL))
		rc = dv_fail(&ctx->err, DV_EINVAL, "on_date",
			     "Enter a real date as dd/mm/yyyy, such as 17/02/2023");
	if (!rc && on > today)
		rc = dv_fail(&ctx->err, DV_EINVAL, "on_date", "The day cannot be in the future");
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, entry_tx(ctx, case_id, kind, text, on, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int recommend_tx(struct dv_ctx *ctx, int64_t case_id, const char *text, int64_t *id)
{
	struct inspection_case c;
	int rc = workable(ctx, case_id, &c);
	if (rc)
		return rc;
	int32_t today = time_local_date(ctx->now);
	int32_t due = date_add_days(today, rule_value(ctx, RULE_BOARD_ANSWER_DAYS));
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO inspection_recommendation (case_id, ward_id, text, sent_on, due, "
		    "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
		    DB_I(case_id), DB_I(c.ward_id), DB_T(text), DB_I(today), DB_I(due),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "inspection.recommend", "inspection_case", case_id, c.ward_id,
			       json_pack("{s:I, s:I}", "recommendation", (json_int_t)*id, "due",
					 (json_int_t)due));
	return rc;
}

int inspection_recommend(struct dv_ctx *ctx, int64_t case_id, const char *text_in, int64_t *id_out)
{
	const char *text;
	int64_t id = 0;
	int rc = clean(ctx, text_in, CASE_TEXT_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "text", &text);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, recommend_tx(ctx, case_id, text, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int inspection_rec_case(struct dv_ctx *ctx, int64_t rec_id, int64_t *case_id)
{
	int rc =
		db_int(ctx->db, case_id, &ctx->err,
		       "SELECT case_id FROM inspection_recommendation WHERE id = $1", DB_I(rec_id));
	return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such recommendation")
				  : rc;
}

static int answer_tx(struct dv_ctx *ctx, int64_t rec_id, enum outcome o, const char *answer)
{
	struct inspection_case c;
	int64_t case_id = 0;
	int rc = inspection_rec_case(ctx, rec_id, &case_id);
	if (rc || (rc = inspection_case_get(ctx, case_id, &c)) ||
	    (rc = perm_require(ctx, ACT_ANSWER_INSPECTION, c.ward_id)))
		return rc;
	if (c.status != CASE_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The case is closed: its answers can no longer change");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE inspection_recommendation SET outcome = $1, answer = $2, answered_at = "
		    "$3, answered_by = $4 WHERE id = $5",
		    DB_T(outcome_name(o)), DB_T(answer), DB_I(ctx->now),
		    DB_ID(ctx->actor->account_id), DB_I(rec_id));
	if (!rc)
		rc = ctx_audit(ctx, "inspection.answer", "inspection_case", case_id, c.ward_id,
			       json_pack("{s:I, s:s}", "recommendation", (json_int_t)rec_id,
					 "outcome", outcome_name(o)));
	return rc;
}

int inspection_answer(struct dv_ctx *ctx, int64_t rec_id, const char *outcome_in,
		      const char *answer_in)
{
	enum outcome o;
	const char *answer;
	if (!outcome_in || !*outcome_in || outcome_parse(outcome_in, &o, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "outcome",
			       "Choose: accepted, partly accepted or not accepted");
	int rc = clean(ctx, answer_in, CASE_TEXT_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "answer",
		       &answer);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, answer_tx(ctx, rec_id, o, answer));
}

static int close_tx(struct dv_ctx *ctx, int64_t case_id, const char *conclusion)
{
	struct inspection_case c;
	int rc = workable(ctx, case_id, &c);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE inspection_case SET status = 'closed', closed_on = $1, conclusion = $2 "
		    "WHERE id = $3",
		    DB_I(time_local_date(ctx->now)), DB_T(conclusion), DB_I(case_id));
	if (!rc)
		rc = ctx_audit(ctx, "inspection.case_close", "inspection_case", case_id, c.ward_id,
			       NULL);
	return rc;
}

int inspection_case_close(struct dv_ctx *ctx, int64_t case_id, const char *in)
{
	const char *conclusion;
	int rc = clean(ctx, in, CASE_TEXT_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "conclusion",
		       &conclusion);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, close_tx(ctx, case_id, conclusion));
}

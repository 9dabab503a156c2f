/*
 * Periodic reports rolled up: the consolidation a higher unit reads, and
 * the reports an officer still has to send.
 */
#include "domain/plans/periodic.h"
#include "domain/plans/periodic_impl.h"
#include "domain/plans/plans_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/rules.h"

/* A unit below the template's, with the days it existed. */
struct reporter {
	int64_t id;
	const char *name;
	int32_t born;  /* a split's part: from that day; else 0 */
	int32_t ended; /* merged or split on that day; else 0 */
	const char *successor;
};

static int reporters(struct dv_ctx *ctx, int64_t unit_id, struct reporter **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT u.id, u.name, COALESCE((SELECT MIN(e.effective_date) FROM unit_event e WHERE "
		"e.unit_id = u.id AND e.kind = 'split_from'), 0), COALESCE((SELECT "
		"MIN(l.effective_date) FROM unit_lineage l WHERE l.predecessor_id = u.id AND "
		"l.direct = 1), 0), COALESCE((SELECT s.name FROM unit_lineage l JOIN unit s ON s.id = "
		"l.unit_id WHERE l.predecessor_id = u.id AND l.direct = 1 ORDER BY s.id LIMIT 1), "
		"'') FROM unit u WHERE u.parent_id = $1 ORDER BY CASE WHEN u.status = 'active' THEN "
		"0 ELSE 1 END, u.name_folded, u.id LIMIT $2",
		DB_I(unit_id), DB_I(PERIODIC_UNITS_MAX));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct reporter *r = ARENA_PUSH(ctx->arena, *out, *n, cap);
		r->id = db_col_int(st, 0);
		r->name = arena_strdup(ctx->arena, db_col_text(st, 1));
		r->born = (int32_t)db_col_int(st, 2);
		r->ended = (int32_t)db_col_int(st, 3);
		r->successor = arena_strdup(ctx->arena, db_col_text(st, 4));
	}
	return rc < 0 ? rc : 0;
}

/* Was the unit there at the end of the period (a unit merged on 1 July
 * reports for June, not for July)? */
static int expected(const struct reporter *r, int32_t to)
{
	return (!r->ended || r->ended > to) && (!r->born || r->born <= to);
}

static struct consolidation_row *row_of(struct consolidation *c, int64_t unit_id)
{
	for (size_t i = 0; i < c->nrows; i++)
		if (c->rows[i].unit_id == unit_id)
			return &c->rows[i];
	return NULL;
}

/* Each period's state per row, from the reports there are. */
static int states(struct dv_ctx *ctx, struct consolidation *c, const struct reporter *rv, size_t nr)
{
	struct db_stmt *st = NULL;
	int np = c->last - c->first + 1;
	int32_t today = plans_today(ctx);
	for (size_t i = 0; i < nr; i++) {
		struct consolidation_row *row = &c->rows[i];
		for (int k = 0; k < np; k++) {
			int32_t from, to;
			periodic_range(c->t.kind, c->year, c->first + k, &from, &to);
			row->states[k] = expected(&rv[i], to)
						 ? (enum periodic_state)periodic_state_of(
							   today,
							   periodic_due(ctx, c->t.kind, c->year,
									c->first + k),
							   0, 0)
						 : PR_NOT_EXPECTED;
		}
	}
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, unit_id, period, status, due_on, COALESCE(submitted_on, 0) FROM "
			  "periodic_report WHERE template_id = $1 AND year = $2 AND period BETWEEN $3 "
			  "AND $4",
			  DB_I(c->t.id), DB_I(c->year), DB_I(c->first), DB_I(c->last));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct consolidation_row *row = row_of(c, db_col_int(st, 1));
		int k = (int)db_col_int(st, 2) - c->first;
		if (!row || k < 0 || k >= np)
			continue;
		row->report_ids[k] = db_col_int(st, 0);
		int submitted = !strcmp(db_col_text(st, 3), "submitted");
		/* a report sent anyway counts, expected or not */
		if (submitted || row->states[k] != PR_NOT_EXPECTED)
			row->states[k] = (enum periodic_state)periodic_state_of(
				today, (int32_t)db_col_int(st, 4), submitted,
				(int32_t)db_col_int(st, 5));
	}
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < c->nrows; i++)
		for (int k = 0; k < np; k++) {
			c->rows[i].state[c->rows[i].states[k]]++;
			c->state[c->rows[i].states[k]]++;
		}
	return 0;
}

/* The sums of the submitted reports' values, per row and in all. */
static int sums(struct dv_ctx *ctx, struct consolidation *c)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT r.unit_id, v.position, SUM(v.num), SUM(v.den) FROM periodic_value v "
			  "JOIN periodic_report r ON r.id = v.report_id WHERE r.template_id = $1 AND "
			  "r.year = $2 AND r.period BETWEEN $3 AND $4 AND r.status = 'submitted' "
			  "GROUP BY r.unit_id, v.position",
			  DB_I(c->t.id), DB_I(c->year), DB_I(c->first), DB_I(c->last));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct consolidation_row *row = row_of(c, db_col_int(st, 0));
		int64_t pos = db_col_int(st, 1);
		if (!row || pos < 1 || (size_t)pos > c->t.nitems)
			continue;
		int64_t num = db_col_int(st, 2), den = db_col_int(st, 3);
		row->values[pos - 1].num += num;
		row->values[pos - 1].den += den;
		c->total[pos - 1].num += num;
		c->total[pos - 1].den += den;
	}
	return rc < 0 ? rc : 0;
}

/* The text sections of each row, its periods one after another. */
static int texts(struct dv_ctx *ctx, struct consolidation *c)
{
	struct db_stmt *st = NULL;
	struct buf *b = arena_array(ctx->arena, struct buf, c->nrows * c->t.nsections + 1);
	for (size_t i = 0; i < c->nrows * c->t.nsections; i++)
		b[i] = (struct buf)BUF_INIT;
	int several = c->last > c->first;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT r.unit_id, r.period, t.section, t.body FROM periodic_text t JOIN "
			  "periodic_report r ON r.id = t.report_id WHERE r.template_id = $1 AND "
			  "r.year = $2 AND r.period BETWEEN $3 AND $4 AND r.status = 'submitted' AND "
			  "t.body <> '' ORDER BY r.unit_id, r.period, t.section",
			  DB_I(c->t.id), DB_I(c->year), DB_I(c->first), DB_I(c->last));
	while (rc == 0 && (rc = db_step(st, &ctx->err)) == DB_ROW) {
		rc = 0;
		struct consolidation_row *row = row_of(c, db_col_int(st, 0));
		int64_t s = db_col_int(st, 2);
		if (!row || s < 1 || (size_t)s > c->t.nsections)
			continue;
		struct buf *x = &b[(size_t)(row - c->rows) * c->t.nsections + (size_t)(s - 1)];
		if (x->len)
			buf_adds(x, "\n\n");
		if (several)
			buf_addf(x, "%s: ",
				 periodic_label(ctx->arena, ctx->lang, c->t.kind, c->year,
						(int)db_col_int(st, 1)));
		buf_adds(x, db_col_text(st, 3));
	}
	for (size_t i = 0; i < c->nrows; i++)
		for (size_t s = 0; s < c->t.nsections; s++) {
			struct buf *x = &b[i * c->t.nsections + s];
			c->rows[i].texts[s] = arena_strdup(ctx->arena, x->len ? x->ptr : "");
			buf_release(x);
		}
	return rc < 0 ? rc : 0;
}

int periodic_consolidate(struct dv_ctx *ctx, int64_t template_id, int year, int period,
			 struct consolidation *c)
{
	struct reporter *rv;
	size_t nr;
	memset(c, 0, sizeof(*c));
	int rc = periodic_template_get(ctx, template_id, &c->t);
	if (rc)
		return rc;
	if (!perm_may(ctx, ACT_PLAN_WORK, c->t.unit_id) &&
	    !perm_may(ctx, ACT_REPORT_WORK, c->t.unit_id))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "The consolidation is for the officers of the unit that asks");
	int np = periodic_periods(c->t.kind);
	if (year < PLAN_YEAR_MIN || year > plans_today(ctx) / 10000 + 1)
		return dv_fail(&ctx->err, DV_EINVAL, "year", "No such year");
	if (period < 0 || period > np)
		return dv_fail(&ctx->err, DV_EINVAL, "period", "No such period");
	c->year = year;
	c->first = period ? period : 1;
	c->last = period ? period : np;
	if ((rc = reporters(ctx, c->t.unit_id, &rv, &nr)))
		return rc;
	c->rows = arena_array(ctx->arena, struct consolidation_row, nr + 1);
	c->total = arena_array(ctx->arena, struct figure, c->t.nitems + 1);
	for (size_t i = 0; i < nr; i++) {
		struct consolidation_row *row = &c->rows[c->nrows++];
		row->unit_id = rv[i].id;
		row->name = rv[i].name;
		row->successor = rv[i].successor;
		row->ended_on = rv[i].ended;
		row->values = arena_array(ctx->arena, struct figure, c->t.nitems + 1);
		row->texts = arena_array(ctx->arena, const char *, c->t.nsections + 1);
		row->report_ids = arena_array(ctx->arena, int64_t, (size_t)np + 1);
		row->states = arena_array(ctx->arena, enum periodic_state, (size_t)np + 1);
	}
	if ((rc = states(ctx, c, rv, nr)) || (rc = sums(ctx, c)) || (rc = texts(ctx, c)))
		return rc;
	/* a unit gone before the periods asked about, with nothing sent, is
	 * no row */
	size_t m = 0;
	for (size_t i = 0; i < c->nrows; i++)
		if (c->rows[i].state[PR_NOT_EXPECTED] < c->last - c->first + 1)
			c->rows[m++] = c->rows[i];
	c->nrows = m;
	return 0;
}

/* ---------------------------------------------------------------- to do */

static int pending_of_unit(struct dv_ctx *ctx, int64_t unit_id, int32_t horizon,
		     struct periodic_pending **out, size_t *n, size_t *cap, int64_t *missing)
{
	struct periodic_template *t;
	size_t nt;
	int32_t today = plans_today(ctx);
	int y = today / 10000;
	int rc = periodic_templates(ctx, unit_id, 0, &t, &nt);
	for (size_t i = 0; !rc && i < nt; i++) {
		if (!t[i].active)
			continue;
		for (int year = y - 1; !rc && year <= y; year++)
			for (int p = 1; !rc && p <= periodic_periods(t[i].kind); p++) {
				int32_t due = periodic_due(ctx, t[i].kind, year, p), from, to;
				int64_t sent = 0;
				periodic_range(t[i].kind, year, p, &from, &to);
				/* from the template's start on, and not too early */
				if (due > horizon || time_local_midnight(to) < t[i].created_at)
					continue;
				if ((rc = db_int(ctx->db, &sent, &ctx->err,
						 "SELECT COUNT(*) FROM periodic_report WHERE "
						 "template_id = $1 AND unit_id = $2 AND year = $3 AND "
						 "period = $4 AND status = 'submitted'",
						 DB_I(t[i].id), DB_I(unit_id), DB_I(year), DB_I(p))))
					break;
				if (sent)
					continue;
				struct periodic_pending *d = ARENA_PUSH(ctx->arena, *out, *n, *cap);
				d->template_id = t[i].id;
				d->template_name = t[i].name;
				d->unit_id = unit_id;
				d->year = year;
				d->period = p;
				d->kind = t[i].kind;
				d->due_on = due;
				d->missing = today > due;
				*missing += d->missing;
			}
	}
	return rc;
}

int periodic_pending(struct dv_ctx *ctx, int limit, struct periodic_pending **out, size_t *n,
		  int64_t *missing)
{
	const struct actor *a = ctx->actor;
	size_t cap = 0;
	int32_t horizon = date_add_days(plans_today(ctx), rule_value(ctx, RULE_TASK_SOON_DAYS));
	*out = NULL;
	*n = 0;
	*missing = 0;
	int rc = 0;
	for (size_t i = 0; !rc && i < a->ngrants; i++) {
		const struct grant *g = &a->grants[i];
		int seen = 0;
		if (g->organization_id || !role_allows((enum role)g->role, ACT_REPORT_WORK))
			continue;
		for (size_t k = 0; k < i; k++)
			seen |= a->grants[k].unit_id == g->unit_id && !a->grants[k].organization_id &&
				role_allows((enum role)a->grants[k].role, ACT_REPORT_WORK);
		if (seen)
			continue;
		size_t before = *n;
		rc = pending_of_unit(ctx, g->unit_id, horizon, out, n, &cap, missing);
		for (size_t k = before; !rc && k < *n; k++) {
			struct db_stmt *st = NULL;
			(*out)[k].unit_name = "";
			if ((rc = db_query(ctx->db, &st, &ctx->err,
					   "SELECT name FROM unit WHERE id = $1", DB_I(g->unit_id))))
				break;
			if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
				(*out)[k].unit_name = arena_strdup(ctx->arena, db_col_text(st, 0));
				db_finish(st);
				rc = 0;
			}
		}
	}
	if (*n > (size_t)limit)
		*n = (size_t)limit;
	return rc;
}

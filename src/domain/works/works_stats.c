/*
 * The totals of the works of a unit's subtree: three grouped queries over
 * the subtree's works (through unit_tree and the works' unit index), their
 * outputs and their kept totals, never over the ledgers.
 */
#include "base/i18n.h"
#include "domain/works/works_stats.h"

#include <string.h>

#include "base/date.h"
#include "domain/works/ledger.h"

/* The works counted: of the subtree ($1, 0 for all) and, with a period,
 * accepted within it ($2 = 1, accepted_at in [$3, $4)). */
#define WHERE_WORKS                                                                                \
	" (CAST($1 AS BIGINT) = 0 OR w.unit_id IN (SELECT descendant FROM unit_tree WHERE "        \
	"ancestor = $1)) AND (CAST($2 AS BIGINT) = 0 OR (w.accepted_at >= $3 AND "                 \
	"w.accepted_at < $4))"

static int by_status(struct dv_ctx *ctx, const struct db_param *p, struct works_totals *t)
{
	struct db_stmt *st = NULL;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT w.kind, w.status, COUNT(*), COALESCE(SUM(w.estimate), 0) FROM work w "
		"WHERE" WHERE_WORKS " GROUP BY w.kind, w.status",
		p[0], p[1], p[2], p[3]);
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum work_kind k;
		enum work_status s;
		int64_t n = db_col_int(st, 2);
		if (work_status_parse(db_col_text(st, 1), &s, NULL))
			continue;
		t->by_status[s] += n;
		if (s == WS_CANCELLED)
			continue;
		t->works += n;
		t->estimate += db_col_int(st, 3);
		if (!work_kind_parse(db_col_text(st, 0), &k, NULL))
			t->by_kind[k] += n;
	}
	return rc < 0 ? rc : 0;
}

static int outputs(struct dv_ctx *ctx, const struct db_param *p, struct works_totals *t)
{
	struct db_stmt *st = NULL;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT o.output, CASE WHEN w.status IN ('accepted', 'settled', 'closed') "
		"THEN 1 ELSE 0 END AS done, SUM(o.quantity) FROM work_output o JOIN work w "
		"ON w.id = o.work_id WHERE w.status <> 'cancelled' AND" WHERE_WORKS
		" GROUP BY o.output, CASE WHEN w.status IN ('accepted', 'settled', "
		"'closed') THEN 1 ELSE 0 END",
		p[0], p[1], p[2], p[3]);
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum work_output o;
		if (work_output_parse(db_col_text(st, 0), &o, NULL))
			continue;
		if (db_col_int(st, 1))
			t->delivered[o] += db_col_int(st, 2);
		else
			t->planned[o] += db_col_int(st, 2);
	}
	return rc < 0 ? rc : 0;
}

static int money(struct dv_ctx *ctx, const struct db_param *p, struct works_totals *t)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT t.kind, t.source, SUM(t.amount) FROM work_total t JOIN work w ON "
			  "w.id = t.work_id WHERE" WHERE_WORKS " GROUP BY t.kind, t.source",
			  p[0], p[1], p[2], p[3]);
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum ledger_kind k;
		enum work_source s;
		int64_t v = db_col_int(st, 2);
		if (ledger_kind_parse(db_col_text(st, 0), &k, NULL))
			continue;
		if (ledger_kind_sign(k) > 0) {
			t->in += v;
			if (!work_source_parse(db_col_text(st, 1), &s, NULL))
				t->by_source[s] += v;
			if (k == EK_IN_KIND)
				t->in_kind += v;
		} else if (k == EK_EXPENSE) {
			t->spent += v;
		} else if (k == EK_REFUND) {
			t->refunded += v;
		}
	}
	return rc < 0 ? rc : 0;
}

int works_totals(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
		 struct works_totals *t)
{
	memset(t, 0, sizeof(*t));
	int64_t lo = from ? time_local_midnight(from) : 0;
	int64_t hi = to ? time_local_midnight(date_add_days(to, 1)) : INT64_C(1) << 62;
	const struct db_param p[] = {DB_I(unit_id), DB_I(from || to), DB_I(lo), DB_I(hi)};
	int rc = by_status(ctx, p, t);
	if (!rc)
		rc = outputs(ctx, p, t);
	return rc ? rc : money(ctx, p, t);
}

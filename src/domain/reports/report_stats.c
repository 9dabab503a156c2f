/*
 * Statistics of reports per unit and category. Counts come from one
 * grouped, indexed query over the unit's reports in the period; the median
 * from the resolution times, streamed in order, per category.
 */
#include "domain/reports/report_stats.h"

#include <string.h>

#include "base/date.h"
#include "domain/perm.h"
#include "domain/reports/report_impl.h"

int report_stats_on_time_percent(const struct report_stats *s)
{
	return s->resolved ? (int)(s->on_time * 100 / s->resolved) : -1;
}

int report_stats_rating_tenths(const struct report_stats *s)
{
	return s->rated ? (int)(s->rating_sum * 10 / s->rated) : -1;
}

/* resolved = resolved or closed, with its resolution kept (a rejected
 * report was closed, not resolved) */
#define RESOLVED_SQL "(r.status IN ('resolved', 'closed') AND r.resolved_at IS NOT NULL)"

#define STATS_WHERE                                                                                \
	" FROM report r JOIN report_category c ON c.id = r.category_id WHERE r.unit_id IN "        \
	"(SELECT descendant FROM unit_tree WHERE ancestor = $1) AND (CAST($2 AS BIGINT) = 0 OR "   \
	"r.created_at >= $2) AND (CAST($3 AS BIGINT) = 0 OR r.created_at < $3) AND (c.private = "  \
	"0 OR $4 = 1)"

static int counts(struct dv_ctx *ctx, int64_t unit, int64_t from, int64_t to, int priv,
		  struct report_stats **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT c.id, c.code, c.name_vi, c.name_en, COUNT(*), SUM(CASE WHEN r.status "
		"IN " REPORT_OPEN_SQL
		" THEN 1 ELSE 0 END), SUM(CASE WHEN r.status IN " REPORT_OPEN_SQL " AND "
		"r.resolve_due < $5 THEN 1 ELSE 0 END), SUM(CASE WHEN " RESOLVED_SQL " THEN 1 ELSE "
		"0 END), SUM(CASE WHEN r.rating IS NOT NULL THEN 1 ELSE 0 END), "
		"COALESCE(SUM(r.rating), 0)" STATS_WHERE
		" GROUP BY c.id, c.code, c.name_vi, c.name_en, c.position ORDER BY c.position, "
		"c.id",
		DB_I(unit), DB_I(from), DB_I(to), DB_I(priv), DB_I(time_local_date(ctx->now)));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct report_stats *s = ARENA_PUSH(ctx->arena, *out, *n, cap);
		memset(s, 0, sizeof(*s));
		s->category_id = db_col_int(st, 0);
		s->category_code = arena_strdup(ctx->arena, db_col_text(st, 1));
		s->category_vi = arena_strdup(ctx->arena, db_col_text(st, 2));
		s->category_en = arena_strdup(ctx->arena, db_col_text(st, 3));
		s->received = db_col_int(st, 4);
		s->open = db_col_int(st, 5);
		s->overdue = db_col_int(st, 6);
		s->resolved = db_col_int(st, 7);
		s->rated = db_col_int(st, 8);
		s->rating_sum = db_col_int(st, 9);
	}
	if (rc < 0)
		return rc;
	struct report_stats *total = ARENA_PUSH(ctx->arena, *out, *n, cap);
	memset(total, 0, sizeof(*total));
	total->category_code = total->category_vi = total->category_en = "";
	return 0;
}

/*
 * On time and the median need each resolved report's local resolution day
 * and duration: streamed by category then duration, so the median of each
 * category is read as its rows pass.
 */
static int durations(struct dv_ctx *ctx, int64_t unit, int64_t from, int64_t to, int priv,
		     struct report_stats *v, size_t n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT r.category_id, r.resolved_at - r.created_at, r.resolved_at, "
			  "r.resolve_due" STATS_WHERE " AND " RESOLVED_SQL
			  " ORDER BY r.category_id, 2",
			  DB_I(unit), DB_I(from), DB_I(to), DB_I(priv));
	if (rc)
		return rc;
	int64_t seen = 0, cat = -1;
	struct report_stats *s = NULL;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (db_col_int(st, 0) != cat) {
			cat = db_col_int(st, 0);
			seen = 0;
			s = NULL;
			for (size_t i = 0; i + 1 < n; i++)
				if (v[i].category_id == cat)
					s = &v[i];
		}
		if (!s)
			continue;
		int64_t secs = db_col_int(st, 1);
		/* the lower middle for an even count: a median that happened */
		if (seen == (s->resolved - 1) / 2)
			s->median_seconds = secs;
		seen++;
		s->on_time += time_local_date(db_col_int(st, 2)) <= (int32_t)db_col_int(st, 3);
	}
	return rc < 0 ? rc : 0;
}

/* The total's median: the lower middle of all durations. */
static int total_median(struct dv_ctx *ctx, int64_t unit, int64_t from, int64_t to, int priv,
			struct report_stats *total)
{
	struct db_stmt *st = NULL;
	if (!total->resolved)
		return 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT r.resolved_at - r.created_at" STATS_WHERE " AND " RESOLVED_SQL
			  " ORDER BY 1 LIMIT 1 OFFSET $5",
			  DB_I(unit), DB_I(from), DB_I(to), DB_I(priv),
			  DB_I((total->resolved - 1) / 2));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		total->median_seconds = db_col_int(st, 0);
		db_finish(st);
		return 0;
	}
	return rc < 0 ? rc : 0;
}

int report_stats(struct dv_ctx *ctx, int64_t unit_id, int64_t from, int64_t to,
		 struct report_stats **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	int priv = ctx->actor->system || perm_may(ctx, ACT_VIEW_PRIVATE_REPORTS, unit_id);
	int rc = counts(ctx, unit_id, from, to, priv, out, n);
	if (rc || (rc = durations(ctx, unit_id, from, to, priv, *out, *n)))
		return rc;
	struct report_stats *total = &(*out)[*n - 1];
	for (size_t i = 0; i + 1 < *n; i++) {
		total->received += (*out)[i].received;
		total->open += (*out)[i].open;
		total->overdue += (*out)[i].overdue;
		total->resolved += (*out)[i].resolved;
		total->on_time += (*out)[i].on_time;
		total->rated += (*out)[i].rated;
		total->rating_sum += (*out)[i].rating_sum;
	}
	return total_median(ctx, unit_id, from, to, priv, total);
}

int report_stats_year(struct dv_ctx *ctx, int64_t unit_id, int year, struct report_stats **out,
		      size_t *n)
{
	if (year < 2000 || year > 9998)
		return dv_fail(&ctx->err, DV_EINVAL, "year", "Give a year such as 2026");
	return report_stats(ctx, unit_id, time_local_midnight(date_ymd(year, 1, 1)),
			    time_local_midnight(date_ymd(year + 1, 1, 1)), out, n);
}

int report_resolved_count(struct dv_ctx *ctx, int64_t unit_id, int64_t since, int64_t *n)
{
	return db_int(ctx->db, n, &ctx->err,
		      "SELECT COUNT(*) FROM report r JOIN report_category c ON c.id = r.category_id "
		      "WHERE r.unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = $1) "
		      "AND " RESOLVED_SQL " AND r.resolved_at >= $2 AND c.private = 0",
		      DB_I(unit_id), DB_I(since));
}

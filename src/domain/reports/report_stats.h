/*
 * How reports were handled, per unit and category, over a period: what the
 * public page of a unit summarizes, the inspection board's quarterly
 * report reads, and the year-end review takes (report_stats_year).
 *
 * For the reports made in the period: how many were received, how many
 * are resolved (resolved or closed now), how many of those by their
 * deadline, the median time from the report to its resolution, how many
 * were rated and their average rating. Rejected and merged reports count
 * as received, not as resolved. Reports of private categories are counted
 * only for those who may see them (the unit's officers with
 * ACT_VIEW_PRIVATE_REPORTS, and the system).
 */
#ifndef DV_DOMAIN_REPORTS_REPORT_STATS_H
#define DV_DOMAIN_REPORTS_REPORT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"

struct report_stats {
	int64_t category_id; /* 0 for the total */
	const char *category_code, *category_vi, *category_en;
	int64_t received;
	int64_t open;
	int64_t overdue; /* open past their deadline, now */
	int64_t resolved;
	int64_t on_time;	/* resolved by the deadline */
	int64_t median_seconds; /* to resolve; 0 when none is resolved */
	int64_t rated;
	int64_t rating_sum; /* average = rating_sum / rated */
};

/* "42%" of resolved on time, as a whole percentage rounded down; -1 when
 * nothing is resolved. */
int report_stats_on_time_percent(const struct report_stats *s);
/* The average rating in tenths (43 for 4.3); -1 when none is rated. */
int report_stats_rating_tenths(const struct report_stats *s);

/*
 * The statistics of unit_id's subtree for the reports made in [from, to)
 * (instants; 0 leaves a side open): one row per category that received
 * any, in the categories' order, and the total last (category_id 0).
 * Arena array; *n is at least 1.
 */
int report_stats(struct dv_ctx *ctx, int64_t unit_id, int64_t from, int64_t to,
		 struct report_stats **out, size_t *n);

/* How many reports of unit_id's subtree were resolved at or after `since`
 * (an instant), whenever they were made; public categories only. */
int report_resolved_count(struct dv_ctx *ctx, int64_t unit_id, int64_t since, int64_t *n);

/* The same for a calendar year in Vietnam's time (the year-end review). */
int report_stats_year(struct dv_ctx *ctx, int64_t unit_id, int year, struct report_stats **out,
		      size_t *n);

#endif

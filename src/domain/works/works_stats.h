/*
 * What works delivered, summed over a unit's subtree: the unit's page shows
 * it, the city sees its totals, and the year-end review reads them. Only
 * public aggregates: counts of works, quantities, đồng by source.
 */
#ifndef DV_DOMAIN_WORKS_STATS_H
#define DV_DOMAIN_WORKS_STATS_H

#include <stdint.h>

#include "domain/ctx.h"
#include "domain/works/work.h"

struct works_totals {
	int64_t works; /* not cancelled */
	int64_t by_status[WS_COUNT];
	int64_t by_kind[WK_COUNT];    /* works of each kind, not cancelled */
	int64_t delivered[OUT_COUNT]; /* outputs of works accepted or beyond */
	int64_t planned[OUT_COUNT];   /* outputs of works not accepted yet */
	int64_t by_source[FUND_COUNT]; /* money in, net of corrections */
	int64_t in_kind;	      /* of which given in kind */
	int64_t in, spent, refunded;
	int64_t estimate; /* of the works not cancelled */
};

/*
 * The totals of the works of unit_id's subtree (0: every unit). With from
 * and to (YYYYMMDD, 0 for an open end), only the works accepted within
 * those days count (the year-end review: what was delivered that year);
 * without, every work. One indexed query over the subtree's works.
 */
int works_totals(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
		 struct works_totals *t);

#endif

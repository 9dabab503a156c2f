/*
 * Electing a community head (Art. 15, item 4): a matter of type 4 decided at
 * a meeting by secret ballot among its candidates (the matter's options; a
 * single candidate is asked agree / disagree). The timeline is checked
 * against the rules in force (domain/rules.h): the election plan issued at
 * least RULE_HEAD_PLAN_DAYS before the election, the election team set up
 * at most RULE_HEAD_TEAM_DAYS before it with no candidate on it, and the
 * meeting's public notice posted at least RULE_HEAD_NOTICE_DAYS before it.
 * A candidate is elected with more than RULE_MOTION_MAJORITY % of the
 * representatives present; when nobody is, a new election is ordered.
 */
#ifndef DV_DOMAIN_ELECTION_H
#define DV_DOMAIN_ELECTION_H

#include <stdint.h>

#include "domain/ctx.h"

struct election {
	int64_t matter_id;
	int32_t plan_on;    /* the day the plan was issued */
	const char *team;   /* one name per line, "" until set up */
	int32_t team_on;    /* 0 until set up */
};

/* Record the election plan of a draft type-4 meeting matter (the head):
 * issued on plan_on (dd/mm/yyyy; NULL or "" for today), not in the future. */
int election_plan(struct dv_ctx *ctx, int64_t matter_id, const char *plan_on);

/* Set up the election team today: RULE_COUNTERS_MIN to _MAX names, one per
 * line, none of them a candidate; at most RULE_HEAD_TEAM_DAYS before the
 * meeting, which must be called. */
int election_team(struct dv_ctx *ctx, int64_t matter_id, const char *members);

/* DV_ENOTFOUND if the matter has no election plan. */
int election_get(struct dv_ctx *ctx, int64_t matter_id, struct election *e);

/* For meeting.c: may a type-4 matter's meeting be called for starts_at
 * (the plan early enough, the notice early enough)? And may its register
 * open (the team set up)? 0 or DV_EINVAL/DV_ECONFLICT naming the rule. */
int election_check_schedule(struct dv_ctx *ctx, int64_t matter_id, int64_t starts_at);
int election_check_open(struct dv_ctx *ctx, int64_t matter_id);

#endif

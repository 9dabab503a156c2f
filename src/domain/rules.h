/*
 * The thresholds and time limits of grassroots democracy, each a parameter
 * with its legal default (Law 10/2022/QH15, Decree 59/2023/NĐ-CP). A
 * deployment may change a value (rule_setting); every page that applies a
 * rule shows the value in force.
 *
 * A threshold is a percentage that must be strictly exceeded: "more than
 * half" is 50, so exactly half fails and one more passes.
 */
#ifndef DV_DOMAIN_RULES_H
#define DV_DOMAIN_RULES_H

#include <stdint.h>

#include "domain/ctx.h"

enum rule {
	RULE_MEETING_QUORUM,   /* % of households' representatives present */
	RULE_MOTION_MAJORITY,  /* % of those present agreeing */
	RULE_BALLOT_VALIDITY,  /* % of all households agreeing, for ballots and online votes */
	RULE_COUNTERS_MIN,     /* people on a counting committee */
	RULE_COUNTERS_MAX,
	RULE_HEAD_PLAN_DAYS,   /* the election plan at least N days before */
	RULE_HEAD_TEAM_DAYS,   /* the election team at most N days before */
	RULE_HEAD_NOTICE_DAYS, /* the public notice at least N days before */
	RULE_COUNT
};

struct rule_info {
	const char *key;      /* "meeting_quorum" */
	const char *label;    /* English msgid */
	const char *unit;     /* "percent", "people", "days" */
	const char *basis;    /* where the law says it (English msgid) */
	int64_t legal;	      /* the legal default */
	int64_t min, max;     /* what a deployment may set */
};

const struct rule_info *rule_info(enum rule r);

/* The value in force: the deployment's, or the legal default. On a
 * database error the legal default is returned (and the error logged). */
int64_t rule_value(struct dv_ctx *ctx, enum rule r);

/* Change a value (ACT_CONFIGURE: a city administrator). DV_EINVAL outside
 * the rule's range. */
int rule_set(struct dv_ctx *ctx, enum rule r, int64_t value);

/* rule_set from text, as a form or the command line gives it: the rule's
 * key ("ballot_validity") and a whole number. DV_EINVAL naming "value" for
 * an unknown key or a value that is not a whole number. */
int rule_set_text(struct dv_ctx *ctx, const char *key, const char *value);

/* Does `part` exceed `percent`% of `whole`? Integer arithmetic, strict: with
 * 50, 5 of 10 does not and 6 of 10 does; 0 of 0 does not. */
int rule_exceeds(int64_t part, int64_t whole, int64_t percent);

#endif

/*
 * The thresholds and time limits of grassroots democracy, each a parameter
 * with its legal default (Law 10/2022/QH15, Decree 59/2023/NĐ-CP). A
 * deployment may change a value (rule_setting); every page that applies a
 * rule shows the value in force.
 *
 * A threshold is a percentage that must be strictly exceeded: "more than
 * half" is 50, so exactly half fails and one more passes. A "fraction"
 * (the council's quorum of two thirds) must be reached: 2/3 of 9 is 6, and
 * 6 is enough. A "date" is a day of every year (25 November).
 *
 * Values are whole numbers in every unit, as the database keeps them:
 * percent, people and days as they read; a fraction num/den as
 * num * 100 + den (2/3 is 203); a day of the year as month * 100 + day
 * (25 November is 1125). rule_format() writes them as people read them.
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
	/* works: the community investment supervision board (domain/works/board.h) */
	RULE_SUPERVISION_MIN,		/* members of a work's supervision board, at least */
	RULE_SUPERVISION_RESIDENTS_MAX, /* residents elected at a meeting among them, at most */
	RULE_SUPERVISION_DEPUTIES_MAX,	/* deputy heads, at most */
	/* reports: citizen reports and the People's Inspection Board */
	RULE_BOARD_MEMBERS_MIN,	  /* members of a People's Inspection Board, at least */
	RULE_BOARD_PER_COMMUNITY, /* members from each village or residential group, at least */
	RULE_BOARD_ANSWER_DAYS,	  /* the authority answers a recommendation within N days */
	RULE_REPORT_CLOSE_DAYS,	  /* a resolved report closes by itself after N days */
	RULE_REPORT_REOPEN_DAYS,  /* the reporter may reopen it within N days of its resolution */
	/* emulation, titles and awards (Law 06/2022/QH15, Decree 98/2023/NĐ-CP,
	 * Decree 86/2023/NĐ-CP) */
	RULE_COUNCIL_QUORUM,	     /* fraction of the council's members present */
	RULE_COUNCIL_MAJORITY,	     /* % of the members present agreeing to a nomination */
	RULE_TITLE_MEETING_MAJORITY, /* % of the representatives present agreeing to propose */
	RULE_TITLE_DEADLINE,	     /* the year's cultural titles decided by this date */
	RULE_TITLE_PUBLISH_DAYS,     /* their list published within N days of the decision */
	/* plans: the year's plans and tasks, periodic reports, the year-end review */
	RULE_PLAN_DEADLINE,	      /* the year's plan adopted by this date of the year */
	RULE_TASK_SOON_DAYS,	      /* a task is due soon within N days of its deadline */
	RULE_PERIODIC_MONTH_DAYS,     /* a monthly report is due N days after the month */
	RULE_PERIODIC_QUARTER_DAYS,   /* a quarterly report, N days after the quarter */
	RULE_PERIODIC_HALF_DAYS,      /* a six-month report, N days after the half year */
	RULE_PERIODIC_YEAR_DAYS,      /* an annual report, N days after the year */
	RULE_REVIEW_DEADLINE,	      /* the year's review made final by this date of the next */
	RULE_COUNT
};

struct rule_info {
	const char *key;      /* "meeting_quorum" */
	const char *label;    /* English msgid */
	const char *unit;     /* "percent", "people", "days", "fraction", "date" */
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
 * key ("ballot_validity") and a whole number, or for a fraction rule
 * "2/3" and for a date rule a day of the year "25/11". DV_EINVAL naming
 * "value" for an unknown key or a value of the wrong shape. */
int rule_set_text(struct dv_ctx *ctx, const char *key, const char *value);

/* A fraction rule's value (203) as its numerator and denominator (2, 3). */
void rule_fraction(int64_t value, int64_t *num, int64_t *den);

/* Does `part` reach the fraction `value` (num * 100 + den) of `whole`?
 * Integer arithmetic, at least: with 2/3, 6 of 9 does and 5 of 9 does not;
 * 0 of 0 does not. */
int rule_reaches(int64_t part, int64_t whole, int64_t value);

/* The date rule `value` (month * 100 + day) in year y, as YYYYMMDD. */
int32_t rule_date_in(int64_t value, int y);

/* A value of rule `r` as people read it, in `lang`: "50%", "2/3",
 * "25/11", "15 days", "5 people". Arena string. */
const char *rule_format(struct arena *a, const char *lang, enum rule r, int64_t value);

/* Does `part` exceed `percent`% of `whole`? Integer arithmetic, strict: with
 * 50, 5 of 10 does not and 6 of 10 does; 0 of 0 does not. */
int rule_exceeds(int64_t part, int64_t whole, int64_t percent);

#endif

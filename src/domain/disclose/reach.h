/*
 * Reach: which households a notice has reached. A household's
 * representative marks a notice "đã biết" online; a neighborhood head (or
 * the front committee, a ward officer) records households reached on paper
 * or at a meeting, many at a time. Each household counts once per notice,
 * with the first way it was reached.
 *
 * The counts per unit are kept by the writes (notice_reach_count), so the
 * reach page of a city-wide notice reads one row per neighborhood. A
 * household counts in the unit it lived in when it was reached.
 */
#ifndef DV_DOMAIN_REACH_H
#define DV_DOMAIN_REACH_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define REACH_BATCH_MAX 500 /* households recorded in one request */
#define REACH_PAGE_MAX 200

#define REACH_HOWS(X)                                   \
	X(REACH_ONLINE, "online", N_("Read online"))    \
	X(REACH_SMS, "sms", N_("Text message delivered")) \
	X(REACH_PAPER, "paper", N_("Notice on paper"))  \
	X(REACH_MEETING, "meeting", N_("At a meeting"))
DV_ENUM(reach_how, REACH_HOW_COUNT, REACH_HOWS);


/*
 * The actor's own household has read the notice. Needs ACT_ACKNOWLEDGE on
 * the household (its representative) and a published notice that covers
 * the household's unit (DV_EINVAL otherwise). *already is set when the
 * household was reached before (nothing changes then).
 */
int reach_ack(struct dv_ctx *ctx, int64_t notice_id, int *already);

/*
 * Record households reached on paper or at a meeting on day `on`
 * (dd/mm/yyyy, NULL or "" for today). Every household must be active,
 * covered by the notice, and in a unit where the actor has
 * ACT_RECORD_REACH; otherwise nothing is recorded (a household the actor
 * may not see is DV_ENOTFOUND). Households reached before are left as they
 * were; *recorded says how many are new.
 */
int reach_record(struct dv_ctx *ctx, int64_t notice_id, const int64_t *households, size_t n,
		 enum reach_how how, const char *on, size_t *recorded);

/* In the caller's transaction: a text message of the notice was delivered
 * to the household (the gateway's report, outbox.h); *added unless the
 * household was reached before. No permission: the report is the proof. */
int reach_by_sms(struct dv_ctx *ctx, int64_t notice_id, int64_t household_id, int *added);

/* How a household was reached: 0 with *how and *on set, or DV_ENOTFOUND. */
int reach_of_household(struct dv_ctx *ctx, int64_t notice_id, int64_t household_id,
		       enum reach_how *how, int32_t *on);

struct reach_unit {
	int64_t unit_id;
	const char *name;
	const char *parent_name;
	int64_t households; /* active households there now */
	int64_t reached;
};

/*
 * Reach per community (neighborhood, village, residential group) in the
 * notice's scope, grouped under their parents; *households and *reached
 * are the totals of the scope. The notice must be readable (published
 * notices are public: these are aggregates).
 */
int reach_by_unit(struct dv_ctx *ctx, int64_t notice_id, struct reach_unit **out, size_t *n,
		  int64_t *households, int64_t *reached);

struct reach_household {
	int64_t id;
	const char *code;
	const char *address;
	const char *unit_name;
	const char *representative;
	const char *phone; /* the representative's; "" unless the actor may see it */
	int has_account;   /* can be reached online */
};

/*
 * A page of the households not yet reached in unit_id (0: the notice's
 * whole scope) and the notice's scope, by address. Needs ACT_RECORD_REACH
 * on that unit.
 */
int reach_missing(struct dv_ctx *ctx, int64_t notice_id, int64_t unit_id, int64_t offset,
		  int limit, struct reach_household **out, size_t *n, int *more);

/* A notice and how far it reached within a unit. */
struct reach_recent {
	int64_t notice_id;
	const char *title;
	int32_t visible_from;
	int64_t households; /* in the unit */
	int64_t reached;    /* in the unit */
};

/* The latest published notices that cover unit_id (from it or a unit
 * above it, or from a unit merged or split into it), with their reach
 * within it: for the unit's home page. */
int reach_recent(struct dv_ctx *ctx, int64_t unit_id, int limit, struct reach_recent **out,
		 size_t *n);

/* What the year-end review and the plans' indicators read of disclosure
 * in a unit's subtree over a period: counts only, public. */
struct reach_figures {
	int64_t notices;    /* published by the subtree's units, posted from a day in the period */
	int64_t households; /* active households of the subtree now */
	int64_t reached;    /* of the subtree's households, those reached by any notice in
			       the period (each once) */
};

/* The figures of unit_id's subtree for the days [from, to] (YYYYMMDD).
 * Two indexed queries; 0 or a database error. */
int reach_figures(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
		  struct reach_figures *f);

#endif

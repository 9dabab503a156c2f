/*
 * Co-funded community works ("Nhà nước và nhân dân cùng làm", dân làm): the
 * alley roads, street lights and security cameras that households,
 * businesses, the police and the ward pay for together.
 *
 * A work belongs to a unit (usually a community, sometimes a ward): its
 * kind, name, place, goal, the outputs it delivers with their quantities
 * (metres of alley, lights, cameras...), its estimate, its funding plan by
 * source and its schedule. Residents decide the policy and the level of
 * contributions (Law 10/2022/QH15, Art. 15 item 1): a work collects from
 * households only once a matter of that type has passed for it, and the
 * rule it decided (an amount per household, per metre of frontage, or
 * voluntary) is the work's levy.
 *
 * Life: planned -> collecting (the decision passed) -> building ->
 * accepted (nghiệm thu, signed by a member of the supervision board) ->
 * settled (the final accounts published, with the ledger's head hash) ->
 * closed (the board dissolves); or cancelled, once every household's
 * contributions are refunded. The plan and the final accounts are public
 * disclosure (Art. 11): publishing them makes notices in the categories
 * "investment" and "funds", so their reach is counted.
 *
 * Every work is public. Managing it needs ACT_MANAGE_WORKS on its unit (the
 * community head, a ward officer); the ledger is in ledger.h, the
 * households' shares in share.h, the board in board.h, progress in
 * progress.h, the totals the city reads in works_stats.h.
 */
#ifndef DV_DOMAIN_WORKS_WORK_H
#define DV_DOMAIN_WORKS_WORK_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define WORK_NAME_MAX	 200
#define WORK_PLACE_MAX	 200
#define WORK_GOAL_MAX	 10000
#define WORK_REASON_MAX	 1000
#define WORK_SUMMARY_MAX 5000
/* The largest amount one entry, an estimate or a plan line may hold (a
 * hundred billion đồng): a typing slip of three zeros is caught. */
#define WORK_AMOUNT_MAX	  INT64_C(100000000000)
#define WORK_QUANTITY_MAX 1000000
#define WORK_PAGE_MAX	  100

#define WORK_KINDS(X)                                                                              \
	X(WK_ALLEY_CONCRETE, "alley_concrete", N_("Concrete alley road"))                          \
	X(WK_ALLEY_ASPHALT, "alley_asphalt", N_("Asphalt alley road"))                             \
	X(WK_LIGHTS, "lights", N_("Street lights"))                                                \
	X(WK_CAMERAS, "cameras", N_("Security cameras"))                                           \
	X(WK_DRAINS, "drains", N_("Drains"))                                                       \
	X(WK_CULTURAL_HOUSE, "cultural_house", N_("Cultural house"))                               \
	X(WK_OTHER, "other", N_("Other work"))
DV_ENUM(work_kind, WK_COUNT, WORK_KINDS);

#define WORK_STATUSES(X)                                                                           \
	X(WS_PLANNED, "planned", N_("Planned"))                                                    \
	X(WS_COLLECTING, "collecting", N_("Collecting contributions"))                             \
	X(WS_BUILDING, "building", N_("Under construction"))                                       \
	X(WS_ACCEPTED, "accepted", N_("Accepted on completion"))                                   \
	X(WS_SETTLED, "settled", N_("Final accounts published"))                                   \
	X(WS_CLOSED, "closed", N_("Closed"))                                                       \
	X(WS_CANCELLED, "cancelled", N_("Cancelled"))
DV_ENUM(work_status, WS_COUNT, WORK_STATUSES);

/* What a work delivers, counted in the city's totals. */
#define WORK_OUTPUTS(X)                                                                            \
	X(OUT_ALLEY_M, "alley_m", N_("Metres of alley"))                                           \
	X(OUT_LIGHTS, "lights", N_("Street lights"))                                               \
	X(OUT_CAMERAS, "cameras", N_("Security cameras"))                                          \
	X(OUT_AREA_M2, "area_m2", N_("Square metres"))                                             \
	X(OUT_DRAIN_M, "drain_m", N_("Metres of drain"))
DV_ENUM(work_output, OUT_COUNT, WORK_OUTPUTS);

/* Where the money comes from: the funding plan, and the ledger's sponsor
 * and in-kind entries. */
#define WORK_SOURCES(X)                                                                            \
	X(FUND_HOUSEHOLDS, "households", N_("Households"))                                          \
	X(FUND_BUSINESSES, "businesses", N_("Businesses and donors"))                               \
	X(FUND_AGENCIES, "agencies", N_("Police and agencies"))                                     \
	X(FUND_BUDGET, "budget", N_("Ward budget"))                                                 \
	X(FUND_OTHER, "other", N_("Other sources"))
DV_ENUM(work_source, FUND_COUNT, WORK_SOURCES);

/* The contribution rule the community decided. */
#define LEVIES(X)                                                                                  \
	X(LEVY_VOLUNTARY, "voluntary", N_("Voluntary"))                                            \
	X(LEVY_PER_HOUSEHOLD, "per_household", N_("An amount per household"))                      \
	X(LEVY_PER_METRE, "per_metre", N_("An amount per metre of frontage"))
DV_ENUM(levy, LEVY_COUNT, LEVIES);

/* The money of a work, net of corrections; an expense counts once a board
 * member signed it off. Pledges are promises, not money. */
struct work_money {
	int64_t pledged;
	int64_t contributions, in_kind, sponsors; /* money in, by kind */
	int64_t by_source[FUND_COUNT];		  /* money in, by source */
	int64_t in;				  /* contributions + in kind + sponsors */
	int64_t spent, refunded;		  /* money out */
	int64_t out;
	int64_t balance;	   /* in - out */
	int64_t corrections;	   /* the signed effect of corrections, included above */
	int64_t pending, npending; /* expenses waiting for a board member's sign-off */
};

struct work {
	int64_t id;
	int64_t unit_id, ward_id;
	const char *unit_name;
	enum work_kind kind;
	enum work_status status;
	const char *name, *place, *goal;
	int64_t estimate;
	int32_t starts_on, ends_on; /* the schedule, 0 if not set */
	int64_t matter_id;	    /* the decision (Art. 15 type 1), 0 if none yet */
	int has_levy;		    /* the contribution rule is set */
	enum levy levy;
	int64_t levy_amount; /* per household, or per metre */
	int64_t treasurer_id;
	const char *treasurer_name;
	int progress; /* percent, from the latest milestone */
	int64_t entries;
	const char *head_hash; /* the ledger's head */
	int64_t plan_notice_id, settlement_notice_id;
	const char *settlement_summary;
	const char *settled_hash; /* the head when the final accounts were published */
	const char *cancel_reason;
	int64_t created_at, collecting_at, building_at, accepted_at, settled_at, closed_at,
		cancelled_at;
	int64_t quantities[OUT_COUNT]; /* 0: not an output of this work */
	int64_t funding[FUND_COUNT];    /* the plan */
	struct work_money money;
	/* what the actor may do */
	int may_manage; /* ACT_MANAGE_WORKS on the unit */
	int may_record; /* contributions: a manager or the treasurer */
	int may_form_board;
	int64_t member_id; /* the actor's seat on the board, 0 if none */
};

struct work_input {
	int64_t unit_id; /* for a new work */
	const char *kind;
	const char *name;
	const char *place;
	const char *goal;
	const char *estimate;		 /* "250.000.000" */
	const char *starts_on, *ends_on; /* dd/mm/yyyy or yyyy-mm-dd; NULL or "" for none */
	/* quantities as text, "" or NULL for none; the funding plan likewise */
	const char *outputs[OUT_COUNT];
	const char *funding[FUND_COUNT];
};

/* A planned work in in->unit_id (ACT_MANAGE_WORKS there; the unit active).
 * DV_EINVAL names the field at fault. */
int work_create(struct dv_ctx *ctx, const struct work_input *in, int64_t *id_out);
/* Change a planned work (in->unit_id is ignored); DV_ECONFLICT once it
 * collects. */
int work_update(struct dv_ctx *ctx, int64_t id, const struct work_input *in);

/* Read a work (every work is public) with its outputs, plan and money, and
 * what the actor may do with it. DV_ENOTFOUND if there is none. */
int work_get(struct dv_ctx *ctx, int64_t id, struct work *w);

struct work_filter {
	int64_t unit_id; /* 0: all; else the works of the unit's subtree */
	int status;	 /* -1: all; else one status */
};
/* Newest first; outputs, plan and money are filled too. Arena array. */
int work_list(struct dv_ctx *ctx, const struct work_filter *f, int64_t offset, int limit,
	      struct work **out, size_t *n, int *more);

/* ------------------------------------------------------------- decision */

/*
 * Link the work to the matter that decides its contributions (a matter of
 * Art. 15 type 1 of the work's unit or a community inside it, in any
 * status), with the rule it decides: levy_name() and the amount (per
 * household or per metre; "" for voluntary). A planned work only.
 */
int work_set_decision(struct dv_ctx *ctx, int64_t id, int64_t matter_id, const char *levy,
		      const char *amount);

/* Has the decision passed? 1 with the matter closed and passed; 0 with the
 * reason (an English msgid) in *why. No error: a matter the actor may not
 * read has not passed for it. */
int work_decision_passed(struct dv_ctx *ctx, const struct work *w, const char **why);

/* Name (login: a phone or e-mail of an account) the treasurer who may
 * record contributions with the head; NULL or "" names nobody. */
int work_set_treasurer(struct dv_ctx *ctx, int64_t id, const char *login);

/* ------------------------------------------------------------ life cycle */

/* planned -> collecting: the decision must have passed and the rule be set
 * (DV_ECONFLICT naming what is missing). */
int work_start_collecting(struct dv_ctx *ctx, int64_t id);
/* collecting -> building. */
int work_start_building(struct dv_ctx *ctx, int64_t id);
/* building -> accepted: the acceptance (nghiệm thu) signed by a member of
 * the supervision board (DV_EPERM for anyone else). */
int work_accept(struct dv_ctx *ctx, int64_t id, const char *note);
/* Publish the work's plan as a public notice in the category "investment"
 * (on the manager's behalf, as a meeting's invitation is); once. */
int work_publish_plan(struct dv_ctx *ctx, int64_t id, int64_t *notice_id);
/* accepted -> settled: publish the final accounts as a public notice in
 * the category "funds", carrying the ledger's head hash. No expense may be
 * waiting for its sign-off. */
int work_settle(struct dv_ctx *ctx, int64_t id, const char *summary, int64_t *notice_id);
/* settled -> closed: the board dissolves. */
int work_close(struct dv_ctx *ctx, int64_t id);
/* Cancel a work that has not been accepted, with the reason: every
 * household's contributions must have been refunded (DV_ECONFLICT naming
 * how many are not). The board dissolves. */
int work_cancel(struct dv_ctx *ctx, int64_t id, const char *reason);

#endif

/*
 * Emulation movements (phong trào thi đua, Law 06/2022/QH15): a unit (a
 * city, a ward) or one of its organizations launches a movement with a
 * name, a period, its criteria and who may take part (units,
 * organizations, households, individuals within the unit). Participants
 * register their commitments (targets) until the period ends and report
 * their progress during it; after the end, the launching unit evaluates
 * each participant (excellently completed, well completed, completed, not
 * completed). An evaluated participation is an achievement a nomination
 * may cite (domain/awards).
 *
 * Launching and evaluating need ACT_RUN_MOVEMENTS on the movement's unit;
 * registering and reporting need ACT_JOIN_MOVEMENTS on the participant's
 * unit (a household's representative for its own household). Movements
 * and the participations of units and organizations are public; those of
 * households and individuals are shown to those who run or join there.
 */
#ifndef DV_DOMAIN_EMULATION_MOVEMENT_H
#define DV_DOMAIN_EMULATION_MOVEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/emulation/subject.h"

#define MOVEMENT_NAME_MAX 200
#define MOVEMENT_CRITERIA_MAX 10000
#define MOVEMENT_DAYS_MAX (5 * 366) /* the longest period */
#define COMMITMENT_MAX 2000
#define PROGRESS_MAX 2000
#define RESULT_NOTE_MAX 1000
#define MOVEMENT_PAGE_MAX 100
#define MOVEMENT_ENTRIES_MAX 5000 /* listed on one page */

#define MOVEMENT_STATUSES(X)                                                                       \
	X(MOV_UPCOMING, "upcoming", N_("Not begun"))                                               \
	X(MOV_RUNNING, "running", N_("Under way"))                                                 \
	X(MOV_ENDED, "ended", N_("Ended"))
DV_ENUM(movement_status, MOV_STATUS_COUNT, MOVEMENT_STATUSES);

#define MOVEMENT_RESULTS(X)                                                                        \
	X(RESULT_NONE, "", N_("Not evaluated yet"))                                                \
	X(RESULT_EXCELLENT, "excellent", N_("Excellently completed"))                              \
	X(RESULT_GOOD, "good", N_("Well completed"))                                               \
	X(RESULT_DONE, "done", N_("Completed"))                                                    \
	X(RESULT_NOT_DONE, "not_done", N_("Not completed"))
DV_ENUM(movement_result, RESULT_COUNT, MOVEMENT_RESULTS);

struct movement {
	int64_t id;
	int64_t unit_id;
	const char *unit_name;
	int64_t organization_id; /* launched by an organization of the unit, or 0 */
	const char *organization_name;
	const char *name;
	const char *criteria; /* Markdown */
	unsigned participants; /* 1 << subject_kind for each kind that may take part */
	int32_t starts_on, ends_on;
	enum movement_status status; /* from the dates and today */
	int64_t entries, evaluated;
	int may_run;  /* the actor may evaluate (and sees every participant) */
	int may_join; /* the actor may register participants somewhere in it */
	int64_t created_at;
};

struct movement_input {
	int64_t unit_id;
	int64_t organization_id; /* 0: the unit itself */
	const char *name;
	const char *criteria;
	const char *participants; /* kinds' names, comma separated: "unit,household" */
	const char *starts_on, *ends_on; /* dd/mm/yyyy or yyyy-mm-dd */
};

/* Launch a movement (ACT_RUN_MOVEMENTS on the unit; an organization must
 * be the unit's). The period runs at most MOVEMENT_DAYS_MAX days and ends
 * on or after today. DV_EINVAL naming the field. */
int movement_create(struct dv_ctx *ctx, const struct movement_input *in, int64_t *id);

/* Read a movement (public). */
int movement_get(struct dv_ctx *ctx, int64_t id, struct movement *m);

/* Movements of unit_id's subtree and of the units above it (0: all),
 * newest first; status -1 for any. Arena array. */
int movement_list(struct dv_ctx *ctx, int64_t unit_id, int status, int64_t offset, int limit,
		  struct movement **out, size_t *n, int *more);

struct movement_progress {
	int32_t reported_on;
	const char *text;
	int64_t reported_at;
};

struct movement_entry {
	int64_t id;
	int64_t movement_id;
	struct subject subject;
	const char *commitment;
	enum movement_result result;
	const char *result_note;
	int64_t registered_at, evaluated_at;
	size_t nprogress; /* filled by movement_entry_get */
	struct movement_progress *progress;
};

/* Register a participant with its commitment, until the movement ends: its
 * kind must be one the movement takes, within its unit, registered once
 * (DV_ECONFLICT). */
int movement_join(struct dv_ctx *ctx, int64_t movement_id, const struct subject_input *who,
		  const char *commitment, int64_t *entry_id);

/* Report progress on day `on` (NULL or "" for today; within the period and
 * not after today). */
int movement_report(struct dv_ctx *ctx, int64_t entry_id, const char *on, const char *text);

/* Evaluate a participant once the period is over (ACT_RUN_MOVEMENTS on the
 * movement's unit): result is a movement_result name; evaluating again
 * replaces the result (the audit keeps the old one). */
int movement_evaluate(struct dv_ctx *ctx, int64_t entry_id, const char *result,
		      const char *note);

/* The participants the actor may see (see above), by registration. */
int movement_entries(struct dv_ctx *ctx, const struct movement *m, struct movement_entry **out,
		     size_t *n);

/* One participation with its progress reports, if the actor may see it. */
int movement_entry_get(struct dv_ctx *ctx, int64_t entry_id, struct movement_entry *e);

/* The movement of a participation; DV_ENOTFOUND if there is none. */
int movement_entry_movement(struct dv_ctx *ctx, int64_t entry_id, int64_t *movement_id);

/* What the year-end review and the plans' indicators read of the movements
 * launched by a unit's subtree that ran in `year`: how many, their
 * participants, how many were evaluated and how many of those excellently
 * or well. Public counts. */
struct movement_figures {
	int64_t movements, participants, evaluated, excellent;
};
int movement_figures(struct dv_ctx *ctx, int64_t unit_id, int year, struct movement_figures *f);

#endif

/*
 * The tasks of a plan: each given to a unit (the plan's own or a lower
 * one) or to an organization (an agency, the Front, a union), with a
 * deadline, the person in charge and the indicator it moves. A task for
 * several assignees is one task each, made together (batch_id), so each
 * assignee's progress is its own.
 *
 * The assignee carries it out: its officers (ACT_REPORT_WORK on the
 * assigned unit; for an organization, a grant on that organization, or a
 * grant of the unit's own officers) update the status with a note and
 * attach evidence. A task not done past its deadline is overdue and shows
 * on its owner's page (task_mine).
 *
 * A lower unit's plan takes up the tasks given to it: its own task with
 * parent_id, which its officers break down further. task_uptake shows the
 * higher unit how each took them up.
 *
 * Tasks are public with their plan; changing one (its text, assignee,
 * deadline) needs ACT_PLAN_WORK on the plan's unit.
 */
#ifndef DV_DOMAIN_PLANS_TASK_H
#define DV_DOMAIN_PLANS_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/disclose/attachment.h"

#define TASK_TITLE_MAX 300
#define TASK_DETAIL_MAX 5000
#define TASK_OWNER_MAX 200
#define TASK_NOTE_MAX 2000
#define TASK_ASSIGNEES_MAX 50
#define TASKS_MAX 500 /* of one plan, listed on its page */

#define TASK_STATUSES(X)                                                                           \
	X(TS_ASSIGNED, "assigned", N_("Assigned"))                                                 \
	X(TS_IN_PROGRESS, "in_progress", N_("Under way"))                                          \
	X(TS_DONE, "done", N_("Done"))                                                             \
	X(TS_DROPPED, "dropped", N_("Dropped"))
DV_ENUM(task_status, TS_STATUS_COUNT, TASK_STATUSES);

struct plan_task {
	int64_t id;
	int64_t plan_id;
	int64_t plan_unit_id;
	const char *plan_unit_name;
	int year;
	const char *title;
	const char *detail;
	int64_t unit_id; /* the assigned unit, or the organization's unit */
	const char *unit_name;
	int64_t organization_id; /* 0 for a unit */
	const char *organization_name;
	const char *assignee; /* the organization's name, or the unit's */
	const char *owner;    /* the person in charge, as written */
	int32_t due_on;
	int64_t indicator_id;
	const char *indicator; /* its name, "" for none */
	int64_t parent_id;     /* the higher plan's task it takes up */
	int64_t batch_id;
	enum task_status status;
	const char *progress; /* the latest note */
	int32_t done_on;
	int overdue;  /* not done nor dropped, due before today */
	int due_soon; /* not done, due within RULE_TASK_SOON_DAYS */
	int64_t updated_at;
	int may_edit;  /* ACT_PLAN_WORK on the plan's unit */
	int may_carry; /* may update its status and attach evidence */
};

struct task_input {
	int64_t plan_id; /* for new tasks */
	const char *title;
	const char *detail;
	const int64_t *units; /* assignees: units (the plan's unit or below) */
	size_t nunits;
	const int64_t *organizations; /* and organizations of those units */
	size_t norganizations;
	const char *owner;
	const char *due_on; /* dd/mm/yyyy or yyyy-mm-dd, within the plan's year or the next */
	int64_t indicator_id; /* one of the plan's, or 0 */
};

/* Give a task to each assignee (at least one, at most TASK_ASSIGNEES_MAX):
 * *ids (arena, *n) the tasks made, in the order of the units then the
 * organizations. */
int task_create(struct dv_ctx *ctx, const struct task_input *in, int64_t **ids, size_t *n);
/* Change a task's title, detail, person in charge, deadline and indicator
 * (in->units: NULL keeps the assignee; one unit or organization moves it). */
int task_update(struct dv_ctx *ctx, int64_t id, const struct task_input *in);
/* The assignee reports: a status (task_status_name) with a note, on day
 * `on` (NULL or "" for today; not after today). "done" records the day. */
int task_progress(struct dv_ctx *ctx, int64_t id, const char *status, const char *note,
		  const char *on);
/* A task the actor may see. */
int task_get(struct dv_ctx *ctx, int64_t id, struct plan_task *t);
/* The tasks of a plan, by deadline. Arena array. */
int task_list(struct dv_ctx *ctx, int64_t plan_id, struct plan_task **out, size_t *n);

struct task_event {
	enum task_status status;
	const char *note;
	int32_t on;
	const char *by;
	int64_t at;
};
/* The task's history, oldest first. */
int task_events(struct dv_ctx *ctx, int64_t id, struct task_event **out, size_t *n);

/* How a lower unit took up a task given to it: the tasks of its plan
 * that take it up, with their status. */
int task_uptake(struct dv_ctx *ctx, int64_t id, struct plan_task **out, size_t *n);

/* The tasks the actor carries out (see above) that are not done: overdue
 * ones first, then by deadline; at most `limit`. *overdue and *soon count
 * them all. For the owner's page. */
int task_mine(struct dv_ctx *ctx, int limit, struct plan_task **out, size_t *n, int64_t *overdue,
	      int64_t *soon);

/* Owner of a task's evidence (attachment.h): who may carry it out may
 * attach; public with the plan. */
extern const struct attach_owner task_attach;
/* A file of a task the actor may see. */
int task_file_read(struct dv_ctx *ctx, int64_t task_id, int64_t file_id, int thumb,
		   struct file_data *out);

#endif

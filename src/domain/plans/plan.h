/*
 * A unit's plan for a year (kế hoạch công tác dân vận; a second kind for
 * carrying out grassroots democracy): the directions in text, indicators
 * with targets, and tasks (task.h) given to its agencies, organizations
 * and lower units.
 *
 * A lower unit's plan derives from the higher one: creating a ward's plan
 * of a year and kind copies the indicators of the city's plan of the same
 * year and kind, with their targets, and takes up every task of it given
 * to the ward (a task of the ward's own, linked to the city's by
 * parent_id), so the city sees how each ward took its tasks up.
 *
 * Indicators are of two sorts. Those danvan can compute (figures.h: reach
 * of notices, models, metres of alley, reports on time, Gia đình văn hóa
 * and the others) are read live from the modules for the plan's unit and
 * year, and shown with last year's value as their trend: nobody types
 * them. The others are entered, each value with its day, a note and its
 * evidence (files through domain/disclose/attachment.h), the previous
 * value giving the trend.
 *
 * Drafts are seen by those who plan in the unit (ACT_PLAN_WORK on it or
 * above); an adopted plan, its indicators and its tasks are public.
 * Changing a plan needs ACT_PLAN_WORK on its unit; entering a value, that
 * or ACT_REPORT_WORK there.
 */
#ifndef DV_DOMAIN_PLANS_PLAN_H
#define DV_DOMAIN_PLANS_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/disclose/attachment.h"
#include "domain/plans/figures.h"

#define PLAN_TITLE_MAX 200
#define PLAN_DIRECTIONS_MAX 20000
#define PLAN_INDICATORS_MAX 40
#define INDICATOR_NAME_MAX 200
#define VALUE_NOTE_MAX 2000
#define PLAN_LIST_MAX 100
#define PLAN_YEAR_MIN 2000
#define PLAN_YEAR_MAX 2100

#define PLAN_KINDS(X)                                                                              \
	X(PLAN_MOBILIZATION, "mobilization", N_("Mass mobilization work"))                         \
	X(PLAN_DEMOCRACY, "democracy", N_("Carrying out grassroots democracy"))
DV_ENUM(plan_kind, PLAN_KIND_COUNT, PLAN_KINDS);

#define PLAN_STATUSES(X)                                                                           \
	X(PS_DRAFT, "draft", N_("Draft"))                                                          \
	X(PS_ADOPTED, "adopted", N_("Adopted"))
DV_ENUM(plan_status, PS_COUNT, PLAN_STATUSES);

struct plan {
	int64_t id;
	int64_t unit_id;
	const char *unit_name;
	int unit_kind; /* enum unit_kind */
	int year;
	enum plan_kind kind;
	enum plan_status status;
	const char *title;
	const char *directions; /* Markdown */
	int64_t parent_id;	/* the higher unit's plan it derives from, or 0 */
	int64_t parent_unit_id;
	const char *parent_unit_name;
	int32_t adopted_on;
	int32_t deadline; /* adopted by this day (RULE_PLAN_DEADLINE) */
	int late;	  /* adopted after it, or still a draft past it */
	int64_t tasks, done, overdue;
	int64_t created_at, updated_at;
	int may_edit;	/* ACT_PLAN_WORK on its unit */
	int may_report; /* ACT_REPORT_WORK (or ACT_PLAN_WORK) on its unit */
};

struct plan_input {
	int64_t unit_id; /* for a new plan */
	int year;	 /* for a new plan */
	const char *kind; /* for a new plan: plan_kind_name */
	const char *title;
	const char *directions;
};

/* Make a unit's plan for a year (this year, the next or the one before):
 * once per unit, year and kind (DV_ECONFLICT). Derived from the plan of
 * the nearest unit above that has one of the same year and kind (see
 * above). */
int plan_create(struct dv_ctx *ctx, const struct plan_input *in, int64_t *id);
/* Change the title and the directions (a draft or an adopted plan). */
int plan_update(struct dv_ctx *ctx, int64_t id, const struct plan_input *in);
/* Adopt a draft on day `on` (dd/mm/yyyy, NULL or "" for today; not after
 * today nor before the year): it becomes public. */
int plan_adopt(struct dv_ctx *ctx, int64_t id, const char *on);
/* A plan the actor may see (DV_ENOTFOUND otherwise). */
int plan_get(struct dv_ctx *ctx, int64_t id, struct plan *p);
/* The plan of a unit, year and kind, if the actor may see it. */
int plan_find(struct dv_ctx *ctx, int64_t unit_id, int year, enum plan_kind kind, struct plan *p);
/* The plans of unit_id's subtree and of the units above it (0: all) of
 * `year` (0: any) the actor may see, newest year first, the unit's own
 * first. At most PLAN_LIST_MAX. Arena array. */
int plan_list(struct dv_ctx *ctx, int64_t unit_id, int year, struct plan **out, size_t *n);
/* The plans derived from plan `id` (the lower units' of the same year and
 * kind) the actor may see, by unit name. */
int plan_children(struct dv_ctx *ctx, int64_t id, struct plan **out, size_t *n);

/* ------------------------------------------------------------ indicators */

struct plan_indicator {
	int64_t id;
	int64_t plan_id;
	int position;
	int computed;		/* read from the modules: code says which */
	enum indicator code;	/* when computed */
	const char *name;	/* the entered indicator's name, or the code's label */
	enum measure measure;
	int has_target;
	int64_t target;		/* a percentage in tenths */
	int64_t parent_id;	/* the higher plan's indicator it was copied from */
	/* filled by plan_indicators: */
	int has_value;
	struct figure value;	/* computed now, or the latest entered */
	int32_t value_on;	/* the latest entered value's day */
	int64_t value_id;	/* the latest entered value, for its evidence */
	int has_previous;
	struct figure previous; /* last year's (computed), or the entry before (entered) */
	int trend;		/* -1, 0, 1: the value against the previous */
	int short_of_target;	/* a value below its target */
};

struct indicator_input {
	const char *code;    /* an indicator_name for a computed one; NULL or "" for entered */
	const char *name;    /* an entered indicator's name */
	const char *measure; /* an entered indicator's measure_name */
	const char *target;  /* as people type it (target_parse); NULL or "" for none */
};

/* Add an indicator to a plan (at most PLAN_INDICATORS_MAX; a computed
 * one once). */
int plan_indicator_add(struct dv_ctx *ctx, int64_t plan_id, const struct indicator_input *in,
		       int64_t *id);
/* Change an indicator's target (and an entered one's name). */
int plan_indicator_update(struct dv_ctx *ctx, int64_t id, const struct indicator_input *in);
/* Take an indicator off its plan (its entered values stay, with their
 * evidence, for the record). */
int plan_indicator_remove(struct dv_ctx *ctx, int64_t id);
/* An indicator of a plan the actor may see, without its value. */
int plan_indicator_get(struct dv_ctx *ctx, int64_t id, struct plan_indicator *i);
/* The indicators of a plan with their values and trends: computed ones
 * from the modules for the plan's unit (its scope) and year, and last
 * year; entered ones from their values. Arena array. */
int plan_indicators(struct dv_ctx *ctx, const struct plan *p, struct plan_indicator **out,
		    size_t *n);

/* An entered value. */
struct indicator_entry {
	int64_t id;
	int64_t indicator_id;
	int32_t on;
	struct figure value;
	const char *note;
	const char *by; /* who entered it */
	int64_t at;
	size_t nfiles;
	struct attachment *files;
};

/* Enter a value of an entered indicator on day `on` (dd/mm/yyyy, NULL or
 * "" for today; within the plan's year and not after today): num, and den
 * for a percentage (num of den, 0 <= num <= den, den > 0), as people type
 * whole numbers. DV_EINVAL naming the field; DV_ECONFLICT for a computed
 * indicator (danvan computes it). */
int indicator_enter(struct dv_ctx *ctx, int64_t indicator_id, const char *on, const char *num,
		    const char *den, const char *note, int64_t *value_id);
/* The values entered, newest first, with their evidence. Arena array. */
int indicator_entries(struct dv_ctx *ctx, int64_t indicator_id, struct indicator_entry **out,
		      size_t *n);

/* The indicator an entered value belongs to, if the actor may see it. */
int indicator_of_value(struct dv_ctx *ctx, int64_t value_id, int64_t *indicator_id);

/* Owner of the evidence of an entered value (attachment.h): who may enter
 * values on the plan may attach; public with the plan. */
extern const struct attach_owner indicator_value_attach;
/* A file of an entered value the actor may see. */
int indicator_file_read(struct dv_ctx *ctx, int64_t value_id, int64_t file_id, int thumb,
			struct file_data *out);

#endif

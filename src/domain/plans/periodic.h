/*
 * Periodic reports (báo cáo định kỳ) rolled up the tree.
 *
 * A unit sets a template for the units directly below it: monthly,
 * quarterly, six-month or annual, with its text sections (headings) and
 * its figures (items): computed ones (figures.h, read from the modules for
 * the reporting unit's scope over the period, frozen when the report is
 * submitted) and entered ones (a count, an amount, or a share typed as
 * two counts). Each unit below submits its report by the deadline, N days
 * after the period ends (the rules periodic_month_days ... year_days).
 *
 * The higher unit sees the consolidation: for each unit below, whether
 * each period's report came on time, late or not at all (missing once the
 * deadline has passed), the sums of the figures, and rates recomputed from
 * the summed counts (never an average of percentages); the text sections
 * side by side. A unit merged or split away is expected for the periods
 * it still existed at their end, and not after: its row says which unit
 * carries it on and from when, and its reports count in the totals.
 *
 * Templates are public; reports are seen by the reporting unit's officers
 * and those above it (ACT_REPORT_WORK or ACT_PLAN_WORK there).
 * Setting a template needs ACT_PLAN_WORK on its unit; writing and
 * submitting a report, ACT_REPORT_WORK on the reporting unit.
 */
#ifndef DV_DOMAIN_PLANS_PERIODIC_H
#define DV_DOMAIN_PLANS_PERIODIC_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/plans/figures.h"

#define PERIODIC_NAME_MAX 200
#define PERIODIC_SECTIONS_MAX 12
#define PERIODIC_SECTION_MAX 200 /* characters of a heading */
#define PERIODIC_ITEMS_MAX 30
#define PERIODIC_TEXT_MAX 20000
#define PERIODIC_UNITS_MAX 200 /* units below a template's unit */

#define PERIODIC_KINDS(X)                                                                          \
	X(PK_MONTHLY, "monthly", N_("Monthly"))                                                    \
	X(PK_QUARTERLY, "quarterly", N_("Quarterly"))                                              \
	X(PK_HALF, "half", N_("Six-month"))                                                        \
	X(PK_ANNUAL, "annual", N_("Annual"))
DV_ENUM(periodic_kind, PK_COUNT, PERIODIC_KINDS);

/* How a period's report stands. */
#define PERIODIC_STATES(X)                                                                         \
	X(PR_ON_TIME, "on_time", N_("On time"))                                                    \
	X(PR_LATE, "late", N_("Late"))                                                             \
	X(PR_MISSING, "missing", N_("Missing"))                                                    \
	X(PR_NOT_DUE, "not_due", N_("Not due yet"))                                                \
	X(PR_NOT_EXPECTED, "not_expected", N_("Not expected"))
DV_ENUM(periodic_state, PR_COUNT, PERIODIC_STATES);

/* Periods in a year of the kind: 12, 4, 2, 1. */
int periodic_periods(enum periodic_kind k);
/* Period p (1..) of year y as its first and last day. */
void periodic_range(enum periodic_kind k, int y, int p, int32_t *from, int32_t *to);
/* Its deadline, by the rule in force. */
int32_t periodic_due(struct dv_ctx *ctx, enum periodic_kind k, int y, int p);
/* "Quý 2/2022", "Tháng 3/2022", "6 tháng đầu năm 2022", "Năm 2022" in
 * lang (vi, en). Arena string. */
const char *periodic_label(struct arena *a, const char *lang, enum periodic_kind k, int y, int p);

struct periodic_item {
	int position; /* from 1 */
	int computed;
	enum indicator code; /* when computed */
	const char *name;    /* the entered item's name, or the code's label */
	enum measure measure;
};

struct periodic_template {
	int64_t id;
	int64_t unit_id;
	const char *unit_name;
	enum periodic_kind kind;
	const char *name;
	size_t nsections;
	const char **sections;
	size_t nitems;
	struct periodic_item *items;
	int active;
	int64_t created_at;
	int may_edit; /* ACT_PLAN_WORK on its unit */
};

struct periodic_item_input {
	const char *code;    /* indicator_name, or NULL / "" */
	const char *name;    /* an entered item */
	const char *measure; /* an entered item's measure_name */
};

struct periodic_template_input {
	int64_t unit_id;
	const char *kind; /* periodic_kind_name */
	const char *name;
	const char *sections; /* headings, one a line, at least one */
	const struct periodic_item_input *items;
	size_t nitems;
};

int periodic_template_create(struct dv_ctx *ctx, const struct periodic_template_input *in,
			     int64_t *id);
/* Stop (0) or restart (1) asking for a template's reports. */
int periodic_template_active(struct dv_ctx *ctx, int64_t id, int active);
int periodic_template_get(struct dv_ctx *ctx, int64_t id, struct periodic_template *t);
/* The templates set by unit_id (own = 1) or asked of it by the unit above
 * (own = 0), active ones first. Arena array. */
int periodic_templates(struct dv_ctx *ctx, int64_t unit_id, int own, struct periodic_template **out,
		       size_t *n);

struct periodic_report {
	int64_t id; /* 0 for a report not begun */
	int64_t template_id;
	int64_t unit_id;
	const char *unit_name;
	int year, period;
	int32_t from, to, due_on;
	int submitted;
	int32_t submitted_on;
	enum periodic_state state;
	struct figure *values; /* [template's nitems]: frozen once submitted, else
				  computed now and entered so far */
	const char **texts;    /* [template's nsections] */
	int may_edit;	       /* ACT_REPORT_WORK on the unit, not yet submitted */
};

/* The report of unit_id on a template for a period: the stored one, or a
 * fresh draft (id 0) with its computed values. unit_id must be directly
 * below the template's unit. */
int periodic_report_get(struct dv_ctx *ctx, int64_t template_id, int64_t unit_id, int year,
			int period, struct periodic_template *t, struct periodic_report *r);

/* Save the draft: entered[k] (as typed: "1.250") for the entered items by
 * position (num; for a share "num/den" or two parts "12/40"), texts[s]
 * for each section (NULL keeps it). Then, with submit, freeze and send it:
 * the day is today, late after the deadline. DV_ECONFLICT once submitted;
 * DV_EINVAL naming "item_N" or "text_N". */
int periodic_report_save(struct dv_ctx *ctx, int64_t template_id, int64_t unit_id, int year,
			 int period, const char *const *entered, size_t nentered,
			 const char *const *texts, size_t ntexts, int submit, int64_t *id);

struct consolidation_row {
	int64_t unit_id; /* a unit below */
	const char *name;
	const char *successor; /* the unit that carries it on, "" while it is active */
	int32_t ended_on;      /* the day it was merged or split, 0 while active */
	int64_t state[PR_COUNT];  /* the periods of its reports, by state */
	struct figure *values;	  /* [nitems]: sums over its submitted reports */
	const char **texts;	  /* [nsections]: its texts, joined over periods */
	int64_t *report_ids;	  /* [periods]: the report of each period, 0 for none */
	enum periodic_state *states; /* [periods] */
};

struct consolidation {
	struct periodic_template t;
	int year;
	int first, last; /* the periods summed */
	size_t nrows;
	struct consolidation_row *rows;
	struct figure *total; /* [nitems] */
	int64_t state[PR_COUNT];
};

/* The consolidation of a template's reports for `year`, period `period`
 * (0: every period of the year). Needs ACT_PLAN_WORK or ACT_REPORT_WORK on
 * the template's unit. */
int periodic_consolidate(struct dv_ctx *ctx, int64_t template_id, int year, int period,
			 struct consolidation *c);

/* The reports the actor should submit: for each unit where it may report
 * and each active template asked of it, the periods of this year and the
 * last whose deadline has passed or comes within RULE_TASK_SOON_DAYS, not
 * submitted; *missing counts those past their deadline. At most limit. */
struct periodic_pending {
	int64_t template_id;
	const char *template_name;
	int64_t unit_id;
	const char *unit_name;
	int year, period;
	enum periodic_kind kind;
	int32_t due_on;
	int missing;
};
int periodic_pending(struct dv_ctx *ctx, int limit, struct periodic_pending **out, size_t *n,
		  int64_t *missing);

#endif

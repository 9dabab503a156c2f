/*
 * The figures of the mobilization year, read from the modules that record
 * them: notices and their reach (disclose), matters and turnout (decide),
 * consultations and their answers (consult), co-funded works and their
 * money (works), citizen reports and their handling (reports), models and
 * movements (emulation), Gia đình văn hóa (titles), certificates of merit
 * (awards), and the plans' own tasks. Nothing here is typed by anyone:
 * each figure comes from the module's own public function, so the review,
 * the plans' indicators and the periodic reports show what the modules'
 * pages and API show.
 *
 * A unit's figure covers its subtree and, once units were merged or split
 * into it, the units it carries on (the registry's lineage): the new ward's
 * review of a year counts what the wards it was formed from did that year.
 * A scope is that list of disjoint subtrees.
 *
 * Every figure is a count (households, đồng, metres are counts too). A
 * rate is never stored: it is recomputed from two counts wherever it is
 * shown (indicators below), so a sum over units or periods stays exact.
 *
 * The figures are what the public may see: citizen reports of private
 * categories are not counted (report_stats as an anonymous reader), and
 * a title round counts once it is published.
 */
#ifndef DV_DOMAIN_PLANS_FIGURES_H
#define DV_DOMAIN_PLANS_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

/* The counts, each with its stored name and its label. */
#define FIGS(X)                                                                                    \
	X(FIG_NOTICES, "notices", N_("Notices published"))                                         \
	X(FIG_HOUSEHOLDS, "households", N_("Households"))                                          \
	X(FIG_REACHED, "reached", N_("Households reached by notices"))                             \
	X(FIG_MATTERS, "matters", N_("Matters decided by residents"))                              \
	X(FIG_PASSED, "matters_passed", N_("Matters passed"))                                      \
	X(FIG_ELIGIBLE, "eligible", N_("Households called to decide"))                             \
	X(FIG_TOOK_PART, "took_part", N_("Households that took part"))                             \
	X(FIG_CONSULTATIONS, "consultations", N_("Drafts put to residents for comment"))           \
	X(FIG_OPINIONS, "opinions", N_("Opinions received"))                                       \
	X(FIG_ANSWERED, "answered", N_("Opinions answered"))                                       \
	X(FIG_WORKS, "works", N_("Co-funded works completed"))                                     \
	X(FIG_ALLEY_M, "alley_m", N_("Metres of alley built"))                                     \
	X(FIG_LIGHTS, "lights", N_("Street lights installed"))                                     \
	X(FIG_CAMERAS, "cameras", N_("Security cameras installed"))                                \
	X(FIG_MONEY, "money", N_("Money raised for the works"))                                    \
	X(FIG_MONEY_HOUSEHOLDS, "money_households", N_("of it from households"))                   \
	X(FIG_MONEY_BUSINESSES, "money_businesses", N_("of it from businesses and donors"))        \
	X(FIG_MONEY_AGENCIES, "money_agencies", N_("of it from the police and agencies"))          \
	X(FIG_MONEY_BUDGET, "money_budget", N_("of it from the budget"))                           \
	X(FIG_MONEY_OTHER, "money_other", N_("of it from other sources"))                          \
	X(FIG_REPORTS, "reports", N_("Citizen reports received"))                                  \
	X(FIG_RESOLVED, "resolved", N_("Citizen reports resolved"))                                \
	X(FIG_ON_TIME, "on_time", N_("Citizen reports resolved on time"))                          \
	X(FIG_MODELS, "models", N_("Dân vận khéo models"))                                         \
	X(FIG_EFFECTIVE, "models_effective", N_("Models found effective"))                         \
	X(FIG_MOVEMENTS, "movements", N_("Emulation movements"))                                   \
	X(FIG_PARTICIPANTS, "participants", N_("Participants in movements"))                       \
	X(FIG_EXCELLENT, "excellent", N_("Participants who completed excellently or well"))        \
	X(FIG_FAMILIES, "families", N_("Households in the year's Gia đình văn hóa rounds"))        \
	X(FIG_FAMILIES_AWARDED, "families_awarded", N_("Households holding Gia đình văn hóa"))     \
	X(FIG_AWARDS, "awards", N_("Certificates of merit"))                                       \
	X(FIG_TASKS, "tasks", N_("Plan tasks due"))                                                \
	X(FIG_TASKS_DONE, "tasks_done", N_("Plan tasks done"))
DV_ENUM(fig, FIG_COUNT, FIGS);

/* How a figure or an indicator reads. */
#define MEASURES(X)                                                                                \
	X(M_COUNT, "count", N_("Number"))                                                    \
	X(M_PERCENT, "percent", N_("Percentage"))                                            \
	X(M_MONEY, "money", N_("Money (đồng)"))                                              \
	X(M_METRES, "metres", N_("Metres"))
DV_ENUM(measure, MEASURE_COUNT, MEASURES);

/* The indicators danvan computes (never typed): a figure, or a rate of
 * two figures (num of den). */
#define INDICATORS(X)                                                                              \
	X(IND_REACH, "reach", N_("Share of households reached by disclosure notices"))             \
	X(IND_NOTICES, "notices", N_("Disclosure notices published"))                              \
	X(IND_MATTERS, "matters", N_("Matters decided by residents"))                              \
	X(IND_TURNOUT, "turnout", N_("Share of households taking part in decisions"))              \
	X(IND_CONSULTATIONS, "consultations", N_("Drafts put to residents for comment"))           \
	X(IND_ANSWERED, "answered", N_("Share of residents' opinions answered"))                   \
	X(IND_WORKS, "works", N_("Co-funded works completed"))                                     \
	X(IND_ALLEY_M, "alley_m", N_("Metres of alley built with residents' money"))               \
	X(IND_MONEY_HOUSEHOLDS, "money_households", N_("Money households gave to the works"))      \
	X(IND_REPORTS, "reports", N_("Citizen reports received"))                                  \
	X(IND_ON_TIME, "reports_on_time", N_("Share of citizen reports resolved on time"))         \
	X(IND_MODELS, "models", N_("Dân vận khéo models"))                                         \
	X(IND_MODELS_EFFECTIVE, "models_effective", N_("Share of Dân vận khéo models effective"))  \
	X(IND_PARTICIPANTS, "participants", N_("Participants in emulation movements"))             \
	X(IND_FAMILIES, "family_titles", N_("Share of households holding Gia đình văn hóa"))       \
	X(IND_AWARDS, "awards", N_("Certificates of merit"))                                       \
	X(IND_TASKS_DONE, "tasks_done", N_("Share of plan tasks done"))
DV_ENUM(indicator, IND_COUNT, INDICATORS);

struct indicator_info {
	enum measure measure;
	enum fig num;
	int den; /* a figure, or -1 for none (not a rate) */
};
const struct indicator_info *indicator_info(enum indicator i);

/* A value: num, and for a rate its den; a rate without a den has no
 * value yet. */
struct figure {
	int64_t num, den;
};

/* The value of a computed indicator from a unit's figures. */
struct figure indicator_value_of(enum indicator i, const int64_t v[FIG_COUNT]);

/* A rate in tenths of a percent, rounded half up (955 for 95.5%); -1 when
 * den is 0. Integer arithmetic: the same on every machine. */
int64_t figure_permille(struct figure f);

/* "95,5%", "1.250", "1.250.000 ₫", "1.250 m", in the arena; "–" for a rate
 * without a den. */
const char *figure_format(struct arena *a, enum measure m, struct figure f);
/* A target as stored (a percentage in tenths) the same way. */
const char *target_format(struct arena *a, enum measure m, int64_t target);
/* Read a target as people type it: "95", "95,5", "1.250.000", "1.250";
 * into the stored number (a percentage in tenths). DV_EINVAL naming
 * `field` otherwise. */
int target_parse(struct dv_ctx *ctx, enum measure m, const char *text, const char *field,
		 int64_t *out);

/* ------------------------------------------------------------- scopes */

#define SCOPE_MAX 32

/* The disjoint subtrees a unit's figures cover: the unit's own, and those
 * of the units it carries on that are not inside it. */
struct scope {
	int64_t unit_id;
	size_t n;
	int64_t roots[SCOPE_MAX];
};
int scope_of(struct dv_ctx *ctx, int64_t unit_id, struct scope *s);

/* Which modules to read: all, or a part for a quicker answer. */
enum {
	FIGS_DISCLOSE = 1 << 0,
	FIGS_DECIDE = 1 << 1,
	FIGS_CONSULT = 1 << 2,
	FIGS_WORKS = 1 << 3,
	FIGS_REPORTS = 1 << 4,
	FIGS_EMULATION = 1 << 5,
	FIGS_TITLES = 1 << 6,
	FIGS_AWARDS = 1 << 7,
	FIGS_PLANS = 1 << 8,
	FIGS_ALL = (1 << 9) - 1
};

/* The modules a computed indicator reads. */
unsigned indicator_modules(enum indicator i);

/*
 * The figures of scope s over the days [from, to] (YYYYMMDD) into v
 * (zeroed first), from the modules in `which`. What the modules count per
 * year (models, movements, titles, certificates) is read for the year of
 * `to`. 0 or a database error.
 */
int figures_compute(struct dv_ctx *ctx, const struct scope *s, int32_t from, int32_t to,
		    unsigned which, int64_t v[FIG_COUNT]);

/* The same for a unit (its scope) and a calendar year. */
int figures_year(struct dv_ctx *ctx, int64_t unit_id, int year, unsigned which,
		 int64_t v[FIG_COUNT]);

#endif

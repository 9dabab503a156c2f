/*
 * The figures of the year from the modules' own functions, summed over a
 * unit's scope (its subtree and the units it carries on).
 */
#include "domain/plans/figures.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/date.h"
#include "base/money.h"
#include "domain/awards/decision.h"
#include "domain/consult/consultation.h"
#include "domain/decide/matter.h"
#include "domain/disclose/reach.h"
#include "domain/emulation/model.h"
#include "domain/emulation/movement.h"
#include "domain/plans/plans_impl.h"
#include "domain/registry/unit.h"
#include "domain/reports/report_stats.h"
#include "domain/titles/title.h"
#include "domain/works/works_stats.h"

DV_ENUM_DEFINE(fig, FIG_COUNT, FIGS, "key");
DV_ENUM_DEFINE(measure, MEASURE_COUNT, MEASURES, "measure");
DV_ENUM_DEFINE(indicator, IND_COUNT, INDICATORS, "code");

/* ------------------------------------------------------------ indicators */

static const struct indicator_info infos[] = {
	[IND_REACH] = {M_PERCENT, FIG_REACHED, FIG_HOUSEHOLDS},
	[IND_NOTICES] = {M_COUNT, FIG_NOTICES, -1},
	[IND_MATTERS] = {M_COUNT, FIG_MATTERS, -1},
	[IND_TURNOUT] = {M_PERCENT, FIG_TOOK_PART, FIG_ELIGIBLE},
	[IND_CONSULTATIONS] = {M_COUNT, FIG_CONSULTATIONS, -1},
	[IND_ANSWERED] = {M_PERCENT, FIG_ANSWERED, FIG_OPINIONS},
	[IND_WORKS] = {M_COUNT, FIG_WORKS, -1},
	[IND_ALLEY_M] = {M_METRES, FIG_ALLEY_M, -1},
	[IND_MONEY_HOUSEHOLDS] = {M_MONEY, FIG_MONEY_HOUSEHOLDS, -1},
	[IND_REPORTS] = {M_COUNT, FIG_REPORTS, -1},
	[IND_ON_TIME] = {M_PERCENT, FIG_ON_TIME, FIG_RESOLVED},
	[IND_MODELS] = {M_COUNT, FIG_MODELS, -1},
	[IND_MODELS_EFFECTIVE] = {M_PERCENT, FIG_EFFECTIVE, FIG_MODELS},
	[IND_PARTICIPANTS] = {M_COUNT, FIG_PARTICIPANTS, -1},
	[IND_FAMILIES] = {M_PERCENT, FIG_FAMILIES_AWARDED, FIG_FAMILIES},
	[IND_AWARDS] = {M_COUNT, FIG_AWARDS, -1},
	[IND_TASKS_DONE] = {M_PERCENT, FIG_TASKS_DONE, FIG_TASKS},
};
_Static_assert(ARRAY_LEN(infos) == IND_COUNT, "every indicator reads its figures");

/* The module each figure comes from. */
static const unsigned fig_module[] = {
	[FIG_NOTICES] = FIGS_DISCLOSE,	     [FIG_HOUSEHOLDS] = FIGS_DISCLOSE,
	[FIG_REACHED] = FIGS_DISCLOSE,	     [FIG_MATTERS] = FIGS_DECIDE,
	[FIG_PASSED] = FIGS_DECIDE,	     [FIG_ELIGIBLE] = FIGS_DECIDE,
	[FIG_TOOK_PART] = FIGS_DECIDE,	     [FIG_CONSULTATIONS] = FIGS_CONSULT,
	[FIG_OPINIONS] = FIGS_CONSULT,	     [FIG_ANSWERED] = FIGS_CONSULT,
	[FIG_WORKS] = FIGS_WORKS,	     [FIG_ALLEY_M] = FIGS_WORKS,
	[FIG_LIGHTS] = FIGS_WORKS,	     [FIG_CAMERAS] = FIGS_WORKS,
	[FIG_MONEY] = FIGS_WORKS,	     [FIG_MONEY_HOUSEHOLDS] = FIGS_WORKS,
	[FIG_MONEY_BUSINESSES] = FIGS_WORKS, [FIG_MONEY_AGENCIES] = FIGS_WORKS,
	[FIG_MONEY_BUDGET] = FIGS_WORKS,     [FIG_MONEY_OTHER] = FIGS_WORKS,
	[FIG_REPORTS] = FIGS_REPORTS,	     [FIG_RESOLVED] = FIGS_REPORTS,
	[FIG_ON_TIME] = FIGS_REPORTS,	     [FIG_MODELS] = FIGS_EMULATION,
	[FIG_EFFECTIVE] = FIGS_EMULATION,    [FIG_MOVEMENTS] = FIGS_EMULATION,
	[FIG_PARTICIPANTS] = FIGS_EMULATION, [FIG_EXCELLENT] = FIGS_EMULATION,
	[FIG_FAMILIES] = FIGS_TITLES,	     [FIG_FAMILIES_AWARDED] = FIGS_TITLES,
	[FIG_AWARDS] = FIGS_AWARDS,	     [FIG_TASKS] = FIGS_PLANS,
	[FIG_TASKS_DONE] = FIGS_PLANS,
};
_Static_assert(ARRAY_LEN(fig_module) == FIG_COUNT, "every figure has its module");

const struct indicator_info *indicator_info(enum indicator i)
{
	return &infos[(unsigned)i < IND_COUNT ? i : 0];
}

unsigned indicator_modules(enum indicator i)
{
	const struct indicator_info *ii = indicator_info(i);
	return fig_module[ii->num] | (ii->den >= 0 ? fig_module[ii->den] : 0);
}

struct figure indicator_value_of(enum indicator i, const int64_t v[FIG_COUNT])
{
	const struct indicator_info *ii = indicator_info(i);
	return (struct figure){v[ii->num], ii->den >= 0 ? v[ii->den] : 0};
}

int64_t figure_permille(struct figure f)
{
	if (f.den <= 0)
		return -1;
	/* half up, without floating point */
	return (f.num * 2000 + f.den) / (2 * f.den);
}

static const char *plain(struct arena *a, int64_t n, const char *suffix)
{
	struct buf b = BUF_INIT;
	money_format_plain(&b, n);
	buf_adds(&b, suffix);
	const char *s = arena_strdup(a, b.ptr);
	buf_release(&b);
	return s;
}

static const char *tenths(struct arena *a, int64_t p)
{
	return p % 10 ? arena_printf(a, "%lld,%lld%%", (long long)(p / 10), (long long)(p % 10))
		      : arena_printf(a, "%lld%%", (long long)(p / 10));
}

const char *target_format(struct arena *a, enum measure m, int64_t target)
{
	switch (m) {
	case M_PERCENT:
		return tenths(a, target);
	case M_MONEY:
		return plain(a, target, " ₫");
	case M_METRES:
		return plain(a, target, " m");
	default:
		return plain(a, target, "");
	}
}

const char *figure_format(struct arena *a, enum measure m, struct figure f)
{
	if (m != M_PERCENT)
		return target_format(a, m, f.num);
	int64_t p = figure_permille(f);
	return p < 0 ? "–" : tenths(a, p);
}

int target_parse(struct dv_ctx *ctx, enum measure m, const char *text, const char *field,
		 int64_t *out)
{
	if (!text || !*text)
		return dv_fail(&ctx->err, DV_EINVAL, field, "Give the target");
	if (m == M_PERCENT) {
		/* "95", "95,5", "95.5", "95%" */
		char *end;
		long whole = strtol(text, &end, 10), frac = 0;
		if (end == text || whole < 0 || whole > 100)
			return dv_fail(&ctx->err, DV_EINVAL, field,
				       "Write a percentage from 0 to 100, such as 95 or 95,5");
		if (*end == ',' || *end == '.') {
			const char *f = end + 1;
			if (*f < '0' || *f > '9')
				return dv_fail(&ctx->err, DV_EINVAL, field,
					       "Write a percentage from 0 to 100, such as 95 or 95,5");
			frac = *f - '0';
			end = (char *)f + 1;
		}
		if (*end == '%')
			end++;
		if (*end || (whole == 100 && frac))
			return dv_fail(&ctx->err, DV_EINVAL, field,
				       "Write a percentage from 0 to 100, such as 95 or 95,5");
		*out = whole * 10 + frac;
		return 0;
	}
	/* a count, metres or đồng: the money reader takes "1.250.000" and
	 * "1250000 đ" alike */
	struct dv_err e = {0};
	if (money_parse(text, out, &e) || *out < 0)
		return dv_fail(&ctx->err, DV_EINVAL, field, "Write a whole number, such as 1.250");
	return 0;
}

/* ---------------------------------------------------------------- scopes */

int scope_of(struct dv_ctx *ctx, int64_t unit_id, struct scope *s)
{
	struct unit_link *p;
	size_t np;
	memset(s, 0, sizeof(*s));
	s->unit_id = unit_id;
	s->roots[s->n++] = unit_id;
	int rc = unit_predecessors(ctx, unit_id, &p, &np);
	if (rc)
		return rc;
	/* a predecessor inside a root (or a root inside it) would count twice */
	for (size_t i = 0; i < np; i++) {
		int inside = 0;
		for (size_t k = 0; !rc && !inside && k < s->n; k++)
			rc = unit_is_within(ctx, p[i].unit.id, s->roots[k], &inside);
		if (rc)
			return rc;
		if (inside)
			continue;
		size_t k = 0;
		while (k < s->n) {
			int under = 0;
			if (s->roots[k] != unit_id &&
			    (rc = unit_is_within(ctx, s->roots[k], p[i].unit.id, &under)))
				return rc;
			if (under)
				s->roots[k] = s->roots[--s->n];
			else
				k++;
		}
		if (s->n == SCOPE_MAX)
			return dv_sysfail(&ctx->err, DV_EINTERNAL, NULL,
					  "Unit %lld carries on too many units", (long long)unit_id);
		s->roots[s->n++] = p[i].unit.id;
	}
	return 0;
}

/* --------------------------------------------------------------- modules */

static int read_disclose(struct dv_ctx *ctx, int64_t u, int32_t from, int32_t to, int64_t *v)
{
	struct reach_figures f;
	int rc = reach_figures(ctx, u, from, to, &f);
	if (!rc) {
		v[FIG_NOTICES] += f.notices;
		v[FIG_HOUSEHOLDS] += f.households;
		v[FIG_REACHED] += f.reached;
	}
	return rc;
}

static int read_decide(struct dv_ctx *ctx, int64_t u, int32_t from, int32_t to, int64_t *v)
{
	struct matter_figures m;
	int rc = matter_figures(ctx, u, from, to, &m);
	if (!rc) {
		v[FIG_MATTERS] += m.decided;
		v[FIG_PASSED] += m.passed;
		v[FIG_ELIGIBLE] += m.eligible;
		v[FIG_TOOK_PART] += m.took_part;
	}
	return rc;
}

static int read_consult(struct dv_ctx *ctx, int64_t u, int32_t from, int32_t to, int64_t *v)
{
	struct consultation_figures c;
	int rc = consultation_figures(ctx, u, from, to, &c);
	if (!rc) {
		v[FIG_CONSULTATIONS] += c.consultations;
		v[FIG_OPINIONS] += c.opinions;
		v[FIG_ANSWERED] += c.answered;
	}
	return rc;
}

static int read_works(struct dv_ctx *ctx, int64_t u, int32_t from, int32_t to, int64_t *v)
{
	struct works_totals t;
	int rc = works_totals(ctx, u, from, to, &t);
	if (rc)
		return rc;
	v[FIG_WORKS] += t.works;
	v[FIG_ALLEY_M] += t.delivered[OUT_ALLEY_M];
	v[FIG_LIGHTS] += t.delivered[OUT_LIGHTS];
	v[FIG_CAMERAS] += t.delivered[OUT_CAMERAS];
	v[FIG_MONEY] += t.in;
	v[FIG_MONEY_HOUSEHOLDS] += t.by_source[FUND_HOUSEHOLDS];
	v[FIG_MONEY_BUSINESSES] += t.by_source[FUND_BUSINESSES];
	v[FIG_MONEY_AGENCIES] += t.by_source[FUND_AGENCIES];
	v[FIG_MONEY_BUDGET] += t.by_source[FUND_BUDGET];
	v[FIG_MONEY_OTHER] += t.by_source[FUND_OTHER];
	return 0;
}

/* As the public sees them: private categories are not counted. */
static int read_reports(struct dv_ctx *ctx, int64_t u, int32_t from, int32_t to, int64_t *v)
{
	struct report_stats *s;
	size_t n;
	const struct actor *who = ctx->actor;
	ctx->actor = &actor_anonymous;
	int rc = report_stats(ctx, u, time_local_midnight(from),
			      time_local_midnight(date_add_days(to, 1)), &s, &n);
	ctx->actor = who;
	if (rc || !n)
		return rc;
	v[FIG_REPORTS] += s[n - 1].received;
	v[FIG_RESOLVED] += s[n - 1].resolved;
	v[FIG_ON_TIME] += s[n - 1].on_time;
	return 0;
}

static int read_emulation(struct dv_ctx *ctx, int64_t u, int year, int64_t *v)
{
	struct model_figures by[FIELD_COUNT], total = {0};
	struct movement_figures m;
	memset(by, 0, sizeof(by));
	int rc = model_figures(ctx, u, year, by, &total);
	if (!rc)
		rc = movement_figures(ctx, u, year, &m);
	if (rc)
		return rc;
	v[FIG_MODELS] += total.registered;
	v[FIG_EFFECTIVE] += total.effective;
	v[FIG_MOVEMENTS] += m.movements;
	v[FIG_PARTICIPANTS] += m.participants;
	v[FIG_EXCELLENT] += m.excellent;
	return 0;
}

static int read_titles(struct dv_ctx *ctx, int64_t u, int year, int64_t *v)
{
	struct title_figures t;
	int rc = title_figures(ctx, u, year, &t);
	if (!rc) {
		v[FIG_FAMILIES] += t.households;
		v[FIG_FAMILIES_AWARDED] += t.awarded;
	}
	return rc;
}

static int read_awards(struct dv_ctx *ctx, int64_t u, int year, int64_t *v)
{
	struct award_decision *d;
	size_t n;
	int rc = award_decisions_of_year(ctx, u, year, &d, &n);
	for (size_t i = 0; !rc && i < n; i++)
		v[FIG_AWARDS] += d[i].awards - d[i].revoked;
	return rc;
}

int figures_compute(struct dv_ctx *ctx, const struct scope *s, int32_t from, int32_t to,
		    unsigned which, int64_t v[FIG_COUNT])
{
	int year = to / 10000, rc = 0;
	memset(v, 0, sizeof(int64_t) * FIG_COUNT);
	for (size_t i = 0; !rc && i < s->n; i++) {
		int64_t u = s->roots[i];
		if (!rc && (which & FIGS_DISCLOSE))
			rc = read_disclose(ctx, u, from, to, v);
		if (!rc && (which & FIGS_DECIDE))
			rc = read_decide(ctx, u, from, to, v);
		if (!rc && (which & FIGS_CONSULT))
			rc = read_consult(ctx, u, from, to, v);
		if (!rc && (which & FIGS_WORKS))
			rc = read_works(ctx, u, from, to, v);
		if (!rc && (which & FIGS_REPORTS))
			rc = read_reports(ctx, u, from, to, v);
		if (!rc && (which & FIGS_EMULATION))
			rc = read_emulation(ctx, u, year, v);
		if (!rc && (which & FIGS_TITLES))
			rc = read_titles(ctx, u, year, v);
		if (!rc && (which & FIGS_AWARDS))
			rc = read_awards(ctx, u, year, v);
		if (!rc && (which & FIGS_PLANS))
			rc = plan_task_figures(ctx, u, from, to, &v[FIG_TASKS], &v[FIG_TASKS_DONE]);
	}
	return rc;
}

int figures_year(struct dv_ctx *ctx, int64_t unit_id, int year, unsigned which,
		 int64_t v[FIG_COUNT])
{
	struct scope s;
	int rc = scope_of(ctx, unit_id, &s);
	return rc ? rc : figures_compute(ctx, &s, date_ymd(year, 1, 1), date_ymd(year, 12, 31),
					 which, v);
}

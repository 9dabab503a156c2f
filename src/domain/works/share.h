/*
 * A household's share of a work: what it owes under the rule the community
 * decided, what it pledged and gave, its exemption or reduction, and
 * whether its name may be shown.
 *
 * The community decides who is exempt (miễn) or pays less (giảm): poor and
 * near-poor households, policy families, elderly people living alone. The
 * category is the reason and is never public: the public sees "miễn/giảm"
 * only. Publicly, a household is its registry code and house number; its
 * name appears only once the household agreed (its representative, on /me,
 * or the head recording a contribution with the household's consent).
 */
#ifndef DV_DOMAIN_WORKS_SHARE_H
#define DV_DOMAIN_WORKS_SHARE_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/works/work.h"

#define SHARE_PAGE_MAX	   200
#define SHARE_FRONTAGE_MAX 100000 /* centimetres: a hundred metres */

#define EXEMPTIONS(X)                                                                              \
	X(XM_NONE, "", N_("Pays the full share"))                                                  \
	X(XM_EXEMPT, "exempt", N_("Exempt"))                                                       \
	X(XM_REDUCED, "reduced", N_("Reduced"))
DV_ENUM(exemption, XM_COUNT, EXEMPTIONS);

/* Why: seen by the work's managers, never by the public. */
#define EXEMPT_CATEGORIES(X)                                                                       \
	X(EXC_NONE, "", N_("None"))                                                                \
	X(EXC_POOR, "poor", N_("Poor household"))                                                  \
	X(EXC_NEAR_POOR, "near_poor", N_("Near-poor household"))                                   \
	X(EXC_POLICY, "policy", N_("Policy family"))                                               \
	X(EXC_ELDERLY, "elderly_alone", N_("Elderly person living alone"))                         \
	X(EXC_OTHER, "other", N_("Another case the community decided"))
DV_ENUM(exempt_category, EXC_COUNT, EXEMPT_CATEGORIES);

struct share {
	int64_t household_id;
	const char *code;     /* the registry code, "" if none */
	const char *house_no; /* the first part of the address */
	const char *name;     /* "" unless shown (see above) */
	int show_name;
	int64_t frontage_cm;
	enum exemption exemption;
	enum exempt_category category;	  /* EXC_NONE unless the reader manages the work */
	int64_t due;			  /* under the rule; 0 for voluntary or exempt */
	int64_t pledged, given, refunded; /* net of corrections; given: contributions + in kind */
	int64_t entries;
};

struct share_input {
	const char *frontage;  /* metres, "4,5" or "4.5"; NULL leaves it */
	const char *exemption; /* exemption_name; NULL leaves it */
	const char *category;  /* exempt_category_name, required with an exemption */
	const char *due;       /* what a reduced household owes */
};

/* Set a household's frontage or exemption (ACT_MANAGE_WORKS), before the
 * work is accepted. The household must live in the work's unit. */
int share_set(struct dv_ctx *ctx, int64_t work_id, int64_t household_id,
	      const struct share_input *in);

/* The household of the work's unit with this id or registry code, for the
 * forms: DV_EINVAL naming `field` when there is none in the unit. */
int share_find_household(struct dv_ctx *ctx, const struct work *w, int64_t id, const char *code,
			 const char *field, int64_t *household_id);

/* A page of the active households of the work's unit with their shares, by
 * code. Public: names and categories only as said above. */
int share_list(struct dv_ctx *ctx, const struct work *w, int64_t offset, int limit,
	       struct share **out, size_t *n, int *more);

/* How many households paid in full, in part, nothing, and are exempt or
 * reduced (for the work's page). */
struct share_counts {
	int64_t households, paid, partly, unpaid, exempt;
};
int share_counts(struct dv_ctx *ctx, const struct work *w, struct share_counts *c);

/* What a household owes under the work's rule. */
int64_t share_due(const struct work *w, const struct share *s);

/* The actor's household says whether its name may be shown with its
 * contributions to the work (its representative: ACT_WORK_CONSENT). */
int share_consent(struct dv_ctx *ctx, int64_t work_id, int show_name);

/* The works a household has a share in or gave to, with its share, for its
 * own page (the household's account, or someone who may see it). */
struct my_share {
	struct work work;
	struct share share;
};
int share_mine(struct dv_ctx *ctx, int64_t household_id, struct my_share **out, size_t *n);

#endif

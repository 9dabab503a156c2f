/*
 * Organizations attached to units: the Fatherland Front committee, the mass
 * organizations (Youth Union, Women's Union, Veterans, Farmers, Trade
 * Union) and agencies. Later modules attach work to them (collective
 * opinions, emulation movements, awards).
 */
#ifndef DV_DOMAIN_ORG_H
#define DV_DOMAIN_ORG_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

/* The kinds of organization attached to a unit (base/names.h). */
#define ORG_KINDS(X)                                                                               \
	X(ORG_FRONT, "front", N_("Fatherland Front Committee"))                                    \
	X(ORG_YOUTH_UNION, "youth_union", N_("Ho Chi Minh Communist Youth Union"))                 \
	X(ORG_WOMENS_UNION, "womens_union", N_("Women's Union"))                                   \
	X(ORG_VETERANS, "veterans", N_("Veterans' Association"))                                   \
	X(ORG_FARMERS, "farmers", N_("Farmers' Association"))                                      \
	X(ORG_TRADE_UNION, "trade_union", N_("Trade Union"))                                       \
	X(ORG_AGENCY, "agency", N_("Agency"))
DV_ENUM(org_kind, ORG_KIND_COUNT, ORG_KINDS);

#define ORG_NAME_MAX 150

struct organization {
	int64_t id;
	int64_t unit_id;
	enum org_kind kind;
	const char *name;
};

/* Create an organization of unit_id. Needs ACT_MANAGE_ORGS on the unit. */
int org_create(struct dv_ctx *ctx, int64_t unit_id, enum org_kind kind, const char *name,
	       int64_t *id_out);
int org_get(struct dv_ctx *ctx, int64_t id, struct organization *o);
/* The unit's organizations, by kind then creation. Arena array. */
int org_list(struct dv_ctx *ctx, int64_t unit_id, struct organization **out, size_t *n);

#endif

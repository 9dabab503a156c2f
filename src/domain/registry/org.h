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

#include "domain/ctx.h"

enum org_kind {
	ORG_FRONT,
	ORG_YOUTH_UNION,
	ORG_WOMENS_UNION,
	ORG_VETERANS,
	ORG_FARMERS,
	ORG_TRADE_UNION,
	ORG_AGENCY,
	ORG_KIND_COUNT
};

#define ORG_NAME_MAX 150

struct organization {
	int64_t id;
	int64_t unit_id;
	enum org_kind kind;
	const char *name;
};

const char *org_kind_name(enum org_kind k);  /* "youth_union" */
const char *org_kind_label(enum org_kind k); /* English msgid */
int org_kind_parse(const char *name, enum org_kind *k, struct dv_err *err);

/* Create an organization of unit_id. Needs ACT_MANAGE_ORGS on the unit. */
int org_create(struct dv_ctx *ctx, int64_t unit_id, enum org_kind kind, const char *name,
	       int64_t *id_out);
int org_get(struct dv_ctx *ctx, int64_t id, struct organization *o);
/* The unit's organizations, by kind then creation. Arena array. */
int org_list(struct dv_ctx *ctx, int64_t unit_id, struct organization **out, size_t *n);

#endif

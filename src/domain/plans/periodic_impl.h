/*
 * What periodic.c and periodic_roll.c share.
 */
#ifndef DV_DOMAIN_PLANS_PERIODIC_IMPL_H
#define DV_DOMAIN_PLANS_PERIODIC_IMPL_H

#include <stdint.h>

#include "domain/ctx.h"
#include "domain/plans/periodic.h"

/* The state of a period's report: on time or late once submitted, else
 * missing after its deadline or not due yet (enum periodic_state). */
int periodic_state_of(int32_t today, int32_t due_on, int submitted, int32_t submitted_on);

/* The computed items' values (by the template's item order) of unit_id's
 * scope over [from, to]; entered items are left as they are. */
int periodic_compute(struct dv_ctx *ctx, const struct periodic_template *t, int64_t unit_id,
		     int32_t from, int32_t to, struct figure *values);

#endif

/*
 * What review.c and review_build.c share.
 */
#ifndef DV_DOMAIN_PLANS_REVIEW_IMPL_H
#define DV_DOMAIN_PLANS_REVIEW_IMPL_H

#include <stdint.h>

#include "domain/ctx.h"
#include "domain/plans/review.h"

/* A review without the visibility check, with the actor's rights. */
int review_load(struct dv_ctx *ctx, int64_t id, struct review *r);

#endif

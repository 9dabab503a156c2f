/*
 * What the files of domain/plans share, and nobody else needs.
 */
#ifndef DV_DOMAIN_PLANS_IMPL_H
#define DV_DOMAIN_PLANS_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"
#include "domain/plans/plan.h"

/* The tasks of the plans of unit_id's subtree due within [from, to] (not
 * dropped), and how many of them are done. */
int plan_task_figures(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
		      int64_t *tasks, int64_t *done);

/* A plan without the visibility check, with the actor's rights on it. */
int plan_load(struct dv_ctx *ctx, int64_t id, struct plan *p);

/* The commune-level unit of unit_id (the sharding key), or 0 above it. */
int64_t plans_ward_of(struct dv_ctx *ctx, int64_t unit_id);

/* The length of s, 0 for NULL. */
size_t plans_len(const char *s);

/* Today in Vietnam. */
int32_t plans_today(struct dv_ctx *ctx);

/* A day as people type it (NULL or "" for today) into *ymd: DV_EINVAL
 * naming `field`, and refused after today. */
int plans_day(struct dv_ctx *ctx, const char *text, const char *field, int32_t *ymd);

/* A whole number as people type it ("1.250"), at least 0: DV_EINVAL naming
 * `field`. */
int plans_count(struct dv_ctx *ctx, const char *text, const char *field, int64_t *out);

/* "dd/mm/yyyy" of a day, in the arena. */
const char *plans_day_text(struct dv_ctx *ctx, int32_t ymd);

#endif

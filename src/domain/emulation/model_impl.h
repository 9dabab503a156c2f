/*
 * What model.c and model_eval.c share, and nobody else needs.
 */
#ifndef DV_DOMAIN_EMULATION_MODEL_IMPL_H
#define DV_DOMAIN_EMULATION_MODEL_IMPL_H

#include "domain/emulation/model.h"

/* A model with the actor's rights on it, without the visibility check. */
int model_load(struct dv_ctx *ctx, int64_t id, struct model *m);
/* A model the actor may change (ACT_REGISTER_MODELS); DV_EPERM for one it
 * only sees, DV_ENOTFOUND for one it does not. */
int model_editable(struct dv_ctx *ctx, int64_t id, struct model *m);

#endif

/*
 * What the files of domain/awards share, and nobody else needs.
 */
#ifndef DV_DOMAIN_AWARDS_IMPL_H
#define DV_DOMAIN_AWARDS_IMPL_H

#include "domain/awards/decision.h"
#include "domain/awards/nomination.h"

/* A round with the actor's rights on it, without the visibility check. */
int award_round_load(struct dv_ctx *ctx, int64_t id, struct award_round *r);
/* A nomination, without the visibility check. */
int nomination_load(struct dv_ctx *ctx, int64_t id, struct nomination *n);
/* May a round of `level` give form f itself (1), send its dossier up (0),
 * or neither, the form being below it (-1)? */
int award_form_given(enum award_form f, enum award_level level);

#endif

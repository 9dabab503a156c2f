/*
 * What the files of domain/titles share, and nobody else needs.
 */
#ifndef DV_DOMAIN_TITLES_TITLE_IMPL_H
#define DV_DOMAIN_TITLES_TITLE_IMPL_H

#include "domain/titles/title.h"

/* A round with the rules in force and the actor's rights on it, without
 * the visibility check. */
int title_round_load(struct dv_ctx *ctx, int64_t id, struct title_round *r);

#endif

/*
 * What consultation.c and opinion.c share, and nobody else needs.
 */
#ifndef DV_DOMAIN_CONSULTATION_IMPL_H
#define DV_DOMAIN_CONSULTATION_IMPL_H

#include "domain/consult/consultation.h"

/* Add the opinions' counts to c's sections. */
int consult_count_sections(struct dv_ctx *ctx, struct consultation *c);

#endif

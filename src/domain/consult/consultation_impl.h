/*
 * What consultation.c and opinion.c share, and nobody else needs.
 */
#ifndef DV_DOMAIN_CONSULTATION_IMPL_H
#define DV_DOMAIN_CONSULTATION_IMPL_H

#include "domain/consult/consultation.h"

/* The index of `name` in a table of consultation.c: 'k' kinds, 's' stances,
 * 'c' channels, 'a' answers (not the empty one); -1 if it is not there. */
int consult_parse_name(int table, const char *name);

/* Add the opinions' counts to c's sections. */
int consult_count_sections(struct dv_ctx *ctx, struct consultation *c);

#endif

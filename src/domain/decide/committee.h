/*
 * Committees a community sets up for a vote: the counting committee of a
 * secret ballot at a meeting and the team of a head election, each of
 * RULE_COUNTERS_MIN to RULE_COUNTERS_MAX named people (Decree 59/2023).
 */
#ifndef DV_DOMAIN_DECIDE_COMMITTEE_H
#define DV_DOMAIN_DECIDE_COMMITTEE_H

#include "domain/ctx.h"

#define COMMITTEE_NAME_MAX 100 /* characters in one person's name */

/* Clean a list of names, one per line, into *out (arena; lines joined by
 * "\n", blank lines dropped): DV_EINVAL naming `field` for a bad name or a
 * count outside the rules in force. */
int committee_clean(struct dv_ctx *ctx, const char *in, const char *field, const char **out);

#endif

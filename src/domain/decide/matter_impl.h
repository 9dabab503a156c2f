/*
 * Private to the matter files of domain/decide/ (matter.c, matter_draft.c,
 * ballot.c, meeting.c, ...).
 */
#ifndef DV_DOMAIN_MATTER_IMPL_H
#define DV_DOMAIN_MATTER_IMPL_H

#include "domain/decide/matter.h"

/* Read a matter without a permission check or closing it. */
int matter_load(struct dv_ctx *ctx, int64_t id, struct matter *m);

/* Close an open matter whose deadline has passed (its own transaction):
 * count, decide with the threshold in force, publish the tally's hash. */
int matter_close(struct dv_ctx *ctx, int64_t id);

#endif

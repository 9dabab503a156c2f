/*
 * Private to the notice files of domain/disclose/ (notice.c, notice_duty.c,
 * reach.c): what they share and the pages must not call.
 */
#ifndef DV_DOMAIN_NOTICE_IMPL_H
#define DV_DOMAIN_NOTICE_IMPL_H

#include "domain/disclose/notice.h"

/* Read a notice without a permission check. */
int notice_load(struct dv_ctx *ctx, int64_t id, struct notice *n);

/* Read a notice the actor may change (not archived, may publish in its
 * unit); DV_ENOTFOUND if it may not even read it. */
int notice_editable(struct dv_ctx *ctx, int64_t id, struct notice *n);

/* In the caller's transaction: store the notice as it is now as its next
 * published version, with a note on what changed, and index it. */
int notice_record_version(struct dv_ctx *ctx, int64_t id, const char *note);

/* 0, or DV_EINVAL ("visible_until") when until (0: none) leaves less than
 * min_days from `from`, both days counted. */
int notice_check_until(struct dv_ctx *ctx, int32_t from, int32_t until, int min_days);

#endif

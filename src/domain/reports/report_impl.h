/*
 * What report.c, report_flow.c, report_photo.c and report_stats.c share,
 * and nobody else needs.
 */
#ifndef DV_DOMAIN_REPORTS_REPORT_IMPL_H
#define DV_DOMAIN_REPORTS_REPORT_IMPL_H

#include "domain/disclose/attachment.h"
#include "domain/reports/report.h"

/* The statuses still to be acted on, as SQL text. */
#define REPORT_OPEN_SQL "('submitted', 'acknowledged', 'in_progress', 'reopened')"

/* Reports' photos, for domain/disclose/attachment.h. */
extern const struct attach_owner report_attach;

/* The report with its visibility checked (DV_ENOTFOUND), without the
 * actor's fields past mine and may_handle. *account gets the reporter's
 * account (0: anonymous), which struct report never shows. */
int report_load(struct dv_ctx *ctx, int64_t id, struct report *r, int64_t *account);

/* A report the actor may handle: DV_ENOTFOUND if it may not see it,
 * DV_EPERM if it may see but not handle it. */
int report_handled(struct dv_ctx *ctx, int64_t id, struct report *r);

/* Append a step to the public history and touch updated_at, in the
 * caller's transaction. */
int report_event_add(struct dv_ctx *ctx, const struct report *r, enum report_event_kind kind,
		     enum report_status status, const char *note, int64_t body_id);

/* The days of the rules in force, in seconds. */
int64_t report_close_after(struct dv_ctx *ctx);
int64_t report_reopen_within(struct dv_ctx *ctx);

#endif

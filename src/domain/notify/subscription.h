/*
 * E-mail subscriptions without an account (FixMyStreet's local alerts): a
 * unit's notices, or new reports in a unit's subtree. A subscription is
 * confirmed by the link mailed to the address (the outbox carries it), and
 * every mail then carries a one-click unsubscribe link.
 */
#ifndef DV_DOMAIN_NOTIFY_SUBSCRIPTION_H
#define DV_DOMAIN_NOTIFY_SUBSCRIPTION_H

#include <stdint.h>

#include "base/i18n.h"
#include "base/names.h"
#include "domain/ctx.h"

#define NOTIFY_EMAIL_MAX 254

/* What one subscribes to (notify_subscription.topic). */
#define NOTIFY_TOPICS(X)                                                                           \
	X(NT_NOTICES, "notices", N_("Notices of this unit"))                                       \
	X(NT_REPORTS, "reports", N_("New reports in this unit"))
DV_ENUM(notify_topic, NT_COUNT, NOTIFY_TOPICS);

/*
 * Subscribe `email` to `topic` of unit_id, the mails in ctx->lang: a new
 * unconfirmed subscription and its confirmation mail in the outbox, in one
 * transaction. DV_EINVAL naming "email" or "topic" for bad input,
 * DV_ENOTFOUND for no such unit, DV_EBUSY when the address was asked to
 * confirm NOTIFY_SUBSCRIBE_PER_DAY times in the last 24 hours. Anyone may
 * subscribe: nothing is shown to them but "check your mail", so the form
 * reveals no address.
 */
#define NOTIFY_SUBSCRIBE_PER_DAY 5
int notify_subscribe(struct dv_ctx *ctx, int64_t unit_id, const char *topic, const char *email);

/* Confirm the subscription whose confirm token is `token`; *unit_id its
 * unit. DV_ENOTFOUND for an unknown or withdrawn one; confirming twice is 0. */
int notify_confirm(struct dv_ctx *ctx, const char *token, int64_t *unit_id);

/* Stop the subscription whose unsubscribe token is `token` (again is 0);
 * DV_ENOTFOUND for an unknown token. */
int notify_unsubscribe(struct dv_ctx *ctx, const char *token, int64_t *unit_id);

#endif

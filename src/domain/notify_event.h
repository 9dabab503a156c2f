/*
 * The events people may be told of, recorded by the transaction that makes
 * them (the outbox pattern): a notice published, a report changing state.
 * Every family may record one; the notify family (domain/notify/), below
 * them all, turns each into messages for its recipients and delivers them.
 * Because the row commits or rolls back with the event, a crash never loses
 * a message nor invents one.
 */
#ifndef DV_DOMAIN_NOTIFY_EVENT_H
#define DV_DOMAIN_NOTIFY_EVENT_H

#include <stdint.h>

#include "domain/ctx.h"

/* The kinds of event (notify_event.kind, notify_pref.kind). */
#define NOTIFY_NOTICE_PUBLISHED "notice_published"
#define NOTIFY_REPORT_CHANGED	"report_changed"
#define NOTIFY_REPORT_FILED	"report_filed" /* for e-mail subscribers only */
#define NOTIFY_BALLOT_OPENED	"ballot_opened" /* to the households on its roll */
#define NOTIFY_NOTICE_SMS	"notice_sms" /* an officer texts a notice to households */
#define NOTIFY_CONSULT_OPENED	"consultation_opened"  /* to the residents of its area */
#define NOTIFY_CONSULT_CLOSING	"consultation_closing" /* the day before it closes */
#define NOTIFY_WORK_CHANGED	"work_changed" /* to the households that paid into it */

/*
 * Record that `kind` happened to entity/entity_id ("notice", 12) in unit_id
 * (ward_id its commune-level unit, 0 if none) inside the caller's open
 * transaction. title names the record in messages; detail is the kind's
 * own word (a report's new status); account_id is the one person concerned
 * (a report's reporter), 0 for everyone the kind reaches. 0 or the
 * database's error.
 */
int notify_event_add(struct dv_ctx *ctx, const char *kind, int64_t unit_id, int64_t ward_id,
		     const char *entity, int64_t entity_id, const char *title, const char *detail,
		     int64_t account_id);

/* How many in-app messages the account has not read (every page's header
 * shows it); 0 on any error, which is logged by the store. */
int64_t notify_unread(struct dv_ctx *ctx, int64_t account_id);

#endif

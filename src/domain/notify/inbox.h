/*
 * The in-app inbox of the acting account and how it wants to hear of each
 * kind of event. The sender fills the inbox (outbox.h); the unread count
 * shown in every page's header is domain/notify_event.h's.
 */
#ifndef DV_DOMAIN_NOTIFY_INBOX_H
#define DV_DOMAIN_NOTIFY_INBOX_H

#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"
#include "domain/notify/outbox.h"

#define NOTIFY_PAGE 50

struct notify_item {
	int64_t id;
	const char *kind;   /* notice_published, report_changed */
	const char *entity; /* "notice", "report": the page it links to */
	int64_t entity_id;
	int64_t unit_id;
	const char *unit_name;
	const char *title, *detail;
	int64_t created_at;
	int64_t read_at; /* 0 while unread */
};

/*
 * The actor's messages, newest first: at most `limit` from `offset`, in
 * ctx's arena; *more says whether there are others after them. Unread only
 * when `unread`. DV_EPERM for nobody logged in.
 */
int notify_inbox_list(struct dv_ctx *ctx, int unread, int limit, int64_t offset,
		      struct notify_item **out, size_t *n, int *more);

/* Mark the actor's message id read (0: all of them). DV_ENOTFOUND for a
 * message that is not the actor's. */
int notify_inbox_read(struct dv_ctx *ctx, int64_t id);

/* The actor's choice for each kind: NC_INAPP when never set, but NC_NONE
 * for new reports nearby and NC_SMS for a ballot when the actor's own
 * record has a phone (the default of the
 * expansion, outbox.c). */
int notify_prefs_get(struct dv_ctx *ctx, enum notify_channel out[NK_COUNT]);

/* Set the actor's choice for kind; NC_SMS only where NOTIFY_SMS_KIND. */
int notify_pref_set(struct dv_ctx *ctx, enum notify_kind kind, enum notify_channel channel);

/* The language the actor's mails and messages are written in ("vi" or
 * "en"), and setting it (DV_EINVAL for another). */
int notify_lang_get(struct dv_ctx *ctx, const char **lang);
int notify_lang_set(struct dv_ctx *ctx, const char *lang);

#endif

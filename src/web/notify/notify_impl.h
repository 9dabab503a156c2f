/*
 * Private to web/notify/: the handlers its route table names, the text of
 * messages (mail.c) and the transports (transport.c).
 */
#ifndef DV_WEB_NOTIFY_IMPL_H
#define DV_WEB_NOTIFY_IMPL_H

#include <stddef.h>

#include "domain/notify/inbox.h"
#include "domain/notify/outbox.h"
#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_notifications(struct req *r);
int page_notifications_read(struct req *r);
int page_notifications_prefs(struct req *r);
int page_subscribe(struct req *r);
int page_subscribe_post(struct req *r);
int page_confirm(struct req *r);
int page_confirm_post(struct req *r);
int page_unsubscribe(struct req *r);
int page_unsubscribe_post(struct req *r);
int api_notifications(struct req *r);
int page_notice_sms(struct req *r);
int page_notice_sms_post(struct req *r);
int page_sms_delivered(struct req *r);

/* mail.c: the subject and plain text of m in r's language (r->ctx.lang),
 * links made absolute with public_url; arena strings. */
void mail_text(struct req *r, const struct notify_msg *m, const char *public_url,
	       const char **subject, const char **text);
/* The one-click unsubscribe address of a subscription's mail, or NULL. */
const char *mail_unsubscribe_url(struct req *r, const struct notify_msg *m, const char *public_url);
/* The whole message (headers, CRLF lines, a base64 body) and its length. */
const char *mail_message(struct req *r, const struct notify_msg *m, const char *public_url,
			 const char *from, const char *host, size_t *len);

/*
 * transport.c: one way a message travels. deliver returns 0 when the
 * message was taken, or -1 with a short reason in err (never a secret).
 *
 * commit(arg) records the message as sent; the transport calls it at the
 * last moment it can still take the message back: SMTP just before the
 * final "." of DATA (the server drops a message whose "." never came), so a
 * sender killed around it loses the message to a retry but never sends it
 * twice, and only a process killed in the microseconds between the commit
 * and the write of the "." would lose one. A non-zero commit aborts the
 * delivery. A delivery that fails after its commit is put back by the
 * caller.
 */
typedef int (*transport_commit_fn)(void *arg, const char *provider_id);
struct transport {
	const char *channel; /* "email", "sms" (in-app messages need no transport) */
	int (*deliver)(struct transport *t, struct req *r, const struct notify_msg *m,
		       transport_commit_fn commit, void *arg, char *err, size_t errlen);
	void (*release)(struct transport *t);
	void *state;
};

/* deliver's answer for a message that can never go (a phone the gateway
 * calls invalid or blocked): it is given up at once. */
#define TRANSPORT_REFUSED (-2)

/* SMTP through libcurl; 0, or -1 if libcurl cannot start. */
int transport_smtp(struct transport *t, const char *url, int starttls, const char *from,
		   const char *public_url);
/* Text messages through the gateway of sms_configure (transport_sms.c): the
 * commit comes once the gateway has taken the message, with its id. */
int transport_sms(struct transport *t, const char *public_url);
void transport_release(struct transport *t);

/* mail.c: a text message's words in r's language, without marks. */
const char *sms_message(struct req *r, const struct notify_msg *m, const char *public_url);

#endif

/*
 * The notify family of pages (the inbox on /me, how one hears of things,
 * e-mail subscriptions without an account) and the sender that drains the
 * outbox inside `danvan serve`: what the rest of the program may use of it.
 */
#ifndef DV_WEB_NOTIFY_H
#define DV_WEB_NOTIFY_H

#include "web/http.h"
#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route notify_routes[];
extern const size_t notify_routes_n;

struct sender_config {
	const char *db_url;
	/* smtp://[user:password@]host[:port] (STARTTLS when the server offers
	 * it; required with starttls = 1) or smtps://... (TLS from the start);
	 * NULL: in-app only */
	const char *smtp_url;
	int starttls;
	const char *from;	/* the envelope and From address */
	const char *public_url; /* the site's address, for links in mails */
	/* text messages go through the gateway of sms_configure, if any */
	int interval_ms;	/* how often an idle sender looks at the outbox */
};

/*
 * Text messages through an SMS gateway. The request shape implemented is
 * eSMS.vn's (a JSON POST with ApiKey, SecretKey, Brandname, a RequestId
 * the gateway refuses twice, and a CallbackUrl it calls with the delivery
 * report). The keys are read from a file or the environment and never
 * logged.
 */
struct sms_config {
	const char *url; /* the gateway's send address */
	const char *api_key, *secret_key, *brandname;
	long price;	 /* đồng per message part, for the officer's preview */
	long timeout_ms; /* a request not answered by then is tried again later */
};

/* Set once, before the server and the sender start; NULL: no gateway. */
void sms_configure(const struct sms_config *c);
int sms_configured(void);
const struct sms_config *sms_config(void);

/* The token in the address of message id's delivery report (32 hex
 * digits): only the gateway that was given the address can report. */
void sms_report_token(int64_t id, char out[33]);

struct sender;

/*
 * Start the sender on a thread of its own with its own database connection:
 * it puts back what a killed sender had claimed, then expands events and
 * delivers due messages until sender_stop. NULL (said on stderr) if it
 * cannot start. Says at start whether mail goes out or only the inbox.
 */
struct sender *sender_start(const struct sender_config *cfg);

/* Finish the message in hand, stop and free the sender (NULL is fine). */
void sender_stop(struct sender *s);

#endif

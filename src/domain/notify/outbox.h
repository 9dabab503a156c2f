/*
 * The outbox: one message to one recipient on one channel, made from an
 * event (domain/notify_event.h) or a subscription's confirmation, and
 * delivered by the sender (web/notify/sender.c) with retries.
 *
 * A row's life: pending -> sending (claimed, its attempt counted) -> sent,
 * or back to pending with a later next_attempt_at, or failed once the
 * attempts run out. One sender works a database at a time: at start it puts
 * back what a killed sender had claimed (notify_recover).
 */
#ifndef DV_DOMAIN_NOTIFY_OUTBOX_H
#define DV_DOMAIN_NOTIFY_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "base/i18n.h"
#include "base/names.h"
#include "domain/ctx.h"

/* How a message travels (notify_outbox.channel, notify_pref.channel). */
#define NOTIFY_CHANNELS(X)                                                                         \
	X(NC_INAPP, "inapp", N_("In the app"))                                                     \
	X(NC_EMAIL, "email", N_("By e-mail (and in the app)"))                                     \
	X(NC_DIGEST, "digest", N_("In a daily e-mail (and in the app)"))                           \
	X(NC_NONE, "none", N_("Not at all"))                                                       \
	X(NC_SMS, "sms", N_("By text message (and in the app)"))
DV_ENUM(notify_channel, NC_COUNT, NOTIFY_CHANNELS);

/* Text messages cost money: a person may choose them (NC_SMS) for these
 * kinds only; the channels before NC_SMS serve every kind. A household's
 * representative with a phone gets a ballot by text message unless they
 * chose otherwise. */
#define NOTIFY_SMS_KIND(k) ((k) == NK_BALLOT)

/* The kinds of event a person chooses how to hear of (notify_event.h);
 * the confirmation of a subscription is sent whatever one chose. */
#define NOTIFY_KINDS(X)                                                                            \
	X(NK_NOTICE, "notice_published", N_("A notice published in my area"))                      \
	X(NK_REPORT, "report_changed", N_("My reports changing state"))                            \
	X(NK_REPORT_NEAR, "report_filed", N_("New reports in my neighborhood"))                    \
	X(NK_BALLOT, "ballot_opened", N_("A ballot my household may vote in"))                     \
	X(NK_CONSULT_OPEN, "consultation_opened", N_("A draft opened for comments in my area"))    \
	X(NK_CONSULT_CLOSE, "consultation_closing",                                                \
	  N_("A draft in my area taking comments for one more day"))                               \
	X(NK_WORK, "work_changed", N_("A work my household paid into: its progress and accounts"))
DV_ENUM(notify_kind, NK_COUNT, NOTIFY_KINDS);

#define NOTIFY_KIND_CONFIRM "subscription_confirm"

/*
 * Digests and limits. A message for a digest waits in state 'held'; each
 * day at NOTIFY_DIGEST_HOUR (Vietnam's time) what a recipient was held
 * before then becomes one mail (notify_digest). One address gets at most
 * NOTIFY_MAILS_PER_DAY mails in 24 hours (a digest and a confirmation
 * included): the others wait for its next digest. One phone gets at most
 * NOTIFY_SMS_PER_DAY text messages in 24 hours: the others wait until the
 * oldest of those is a day old.
 */
#define NOTIFY_DIGEST_HOUR    7
#define NOTIFY_DIGEST_ITEMS   50 /* listed in one digest; it counts the others */
#define NOTIFY_MAILS_PER_DAY  10
#define NOTIFY_SMS_PER_DAY    3
#define NOTIFY_KIND_DIGEST    "digest"

/* Attempts before a message is given up, and the first wait between two
 * (doubled each time, at most a day). */
#define NOTIFY_MAX_ATTEMPTS    6
#define NOTIFY_BACKOFF_SECONDS 30

struct notify_msg {
	int64_t id;
	const char *kind;    /* notice_published, report_changed, subscription_confirm */
	const char *channel; /* inapp, email, sms */
	int64_t account_id;  /* 0 for a subscription's */
	int64_t subscription_id;
	const char *address; /* an e-mail's, or a text message's phone */
	const char *lang;
	const char *entity; /* "notice", "report", "unit" */
	int64_t entity_id;
	int64_t unit_id;
	const char *unit_name;
	const char *title, *detail;
	const char *secret;	 /* a confirm token, or "" */
	const char *unsubscribe; /* the subscription's unsubscribe token, or "" */
	int attempts;		 /* this one included */
	int64_t created_at;
};

/*
 * Turn up to max_events recorded events into outbox rows, each event in
 * its own transaction with the mark that it was expanded. sms: a gateway
 * is configured, so those who chose text messages (or get them by
 * default) get one; without it they get the in-app message only. *done
 * counts the events expanded. 0 or the database's error.
 */
int notify_expand(struct dv_ctx *ctx, int max_events, int sms, int *done);

/*
 * Record, once each, that a consultation open for more than a day closes
 * within the next 24 hours (NOTIFY_CONSULT_CLOSING): no transaction of its
 * own marks that moment, so the sender looks for it. *added how many.
 */
int notify_closing_soon(struct dv_ctx *ctx, int *added);

/*
 * Make the sender's own connection commit without waiting for the disk.
 * The sender marks a mail sent just before its final "." (web/notify/): a
 * sender killed while its commit waited for the disk would leave the mark
 * (the database, or the page cache, finishes the commit) and the mail
 * unsent. Without the wait that time shrinks to a write. What it costs: a
 * crash of the machine or of the database server may forget the last marks
 * and claims, and those messages go again. Its commits leave the page
 * caches alone (db_quiet): what it writes is on no public page.
 */
int notify_sender_connection(struct dv_ctx *ctx);

/*
 * Senders: each server runs one, and several servers may share a database.
 * A sender picks a random owner number at start and holds it on its
 * connection (notify_sender_own) for as long as it runs; what it claims is
 * marked with it. notify_recover puts back the claims of every other sender
 * that is gone (a killed server's), notify_release those of `owner` (the
 * round that failed).
 */
int notify_sender_own(struct dv_ctx *ctx, int64_t owner);
int notify_recover(struct dv_ctx *ctx, int64_t self);
int notify_release(struct dv_ctx *ctx, int64_t owner);

/*
 * Claim up to max rows due now for owner (state sending, attempt counted,
 * committed) into *out (ctx's arena), oldest first; *n how many. Two senders
 * never claim one row: the claim takes the deployment's lock (ctx_begin),
 * and reads back only its own.
 */
int notify_claim(struct dv_ctx *ctx, int64_t owner, int max, struct notify_msg **out, size_t *n);

/* m was delivered: mark it sent and record the attempt, and for the in-app
 * channel put it in the inbox, in one transaction. provider_id is the
 * gateway's id of a text message (its delivery report names it), or NULL. */
int notify_sent(struct dv_ctx *ctx, const struct notify_msg *m, const char *provider_id);

/* What a gateway's delivery report was about (notify_delivered_tx). */
struct notify_delivery {
	const char *kind, *entity;
	int64_t entity_id, household_id;
	int first; /* this report is the first to say it was delivered */
};

/*
 * In the caller's transaction: the gateway reports text message `id`
 * delivered (ok) or not (error kept, the message failed). A report after a
 * delivered one changes nothing. DV_ENOTFOUND for no such text message.
 */
int notify_delivered_tx(struct dv_ctx *ctx, int64_t id, int ok, const char *error,
			struct notify_delivery *d);

/*
 * The same in a transaction of its own, and a notice's text message
 * delivered counts its household as reached by text message, once
 * (reach_by_sms). DV_ENOTFOUND for no such message.
 */
int sms_delivered(struct dv_ctx *ctx, int64_t outbox_id, int ok, const char *error);

/* The in-app messages among v[0..n) delivered into their inboxes in one
 * transaction (the others untouched): a notice to a ward's thousands of
 * accounts takes the write lock once per claim, not once per message.
 * *done how many. */
int notify_sent_inapp(struct dv_ctx *ctx, const struct notify_msg *v, size_t n, size_t *done);

/* m's attempt failed with `error` (kept, never a secret), even after notify_sent
 * (the server refused it at the end): try again later,
 * or give up after NOTIFY_MAX_ATTEMPTS. */
int notify_failed(struct dv_ctx *ctx, const struct notify_msg *m, const char *error);

/*
 * Before m goes out by mail or text message: is its recipient over the
 * day's limit? Then it waits (a mail for the next digest, a text message
 * until a slot frees) with its attempt given back, in a transaction of its
 * own, and *held is set. Outside a transaction.
 */
int notify_throttle(struct dv_ctx *ctx, const struct notify_msg *m, int *held);

/* The instant before which held messages go into today's digests: today's
 * NOTIFY_DIGEST_HOUR if it has passed at ctx->now, else yesterday's. */
int64_t notify_digest_due(const struct dv_ctx *ctx);

/*
 * Make the digests due: for up to max recipients with messages held
 * before notify_digest_due, one mail each listing them (in its detail, one
 * line per message: kind, entity, id, unit and title separated by tabs),
 * the held ones marked digested with it, each recipient in one
 * transaction. *made how many digests.
 */
int notify_digest(struct dv_ctx *ctx, int max, int *made);

/* Counts of the outbox's rows by state (for the log and the tests). */
struct notify_counts {
	int64_t pending, sending, sent, failed, held, digested;
};
int notify_counts(struct dv_ctx *ctx, struct notify_counts *c);

#endif

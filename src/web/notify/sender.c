/*
 * The sender: a thread of `danvan serve` with its own database connection
 * that expands recorded events into messages and delivers the due ones,
 * one at a time, oldest first.
 *
 * Exactly once: a message is claimed (its attempt counted) in one
 * transaction, then delivered, and marked sent in another transaction at
 * the transport's last moment (notify_impl.h): in-app, the mark is the
 * delivery; by mail, just before the final "." of DATA, so a sender killed
 * before it has sent nothing the server keeps, and the message is claimed
 * again after the restart. Every attempt keeps the same Message-ID.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "base/date.h"
#include "base/log.h"
#include "base/token.h"
#include "web/notify/notify.h"
#include "web/notify/notify_impl.h"

#define CLAIM_MAX  50 /* messages claimed together */
#define EXPAND_MAX 20 /* events expanded in one round */
#define DIGEST_MAX 50 /* digests made in one round */

struct sender {
	struct sender_config cfg;
	struct db *db;
	pthread_t thread;
	atomic_int stop;
	struct transport smtp, sms;
	int has_smtp, has_sms;
	long sent, failed;
	int64_t owner;	     /* this sender's mark on its claims (outbox.h) */
	time_t recovered_at; /* when it last put back a gone sender's claims */
	time_t closing_at;   /* when it last looked for consultations closing */
};

/* How often a sender looks for the claims of senders that are gone. */
#define RECOVER_SECONDS 30
/* How often it looks for consultations closing within a day. */
#define CLOSING_SECONDS 60

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

struct commit {
	struct req *r;
	const struct notify_msg *m;
	int done, rc;
};

/* The transport's last moment: the message is recorded as sent. */
static int commit_sent(void *arg, const char *provider_id)
{
	struct commit *c = arg;
	c->r->ctx.now = time_now();
	c->rc = notify_sent(&c->r->ctx, c->m, provider_id);
	c->done = !c->rc;
	return c->rc;
}

/* Is m over its recipient's limit for the day (outbox.h)? Then it waits,
 * and *held is set. A digest and a confirmation are never held. */
static int over_limit(struct req *r, const struct notify_msg *m, int *held)
{
	*held = 0;
	if (!strcmp(m->kind, NOTIFY_KIND_DIGEST) || !strcmp(m->kind, NOTIFY_KIND_CONFIRM))
		return 0;
	r->ctx.now = time_now();
	return notify_throttle(&r->ctx, m, held);
}

/* Deliver one claimed message and record the outcome. */
static int deliver(struct sender *s, struct req *r, const struct notify_msg *m)
{
	char err[256] = "";
	int held = 0;
	int hrc = over_limit(r, m, &held);
	if (hrc || held)
		return hrc;
	struct commit c = {r, m, 0, 0};
	int sms = !strcmp(m->channel, "sms");
	struct transport *t = sms ? (s->has_sms ? &s->sms : NULL) : (s->has_smtp ? &s->smtp : NULL);
	r->ctx.lang = !strcmp(m->lang, "en") ? "en" : "vi";
	int drc = t ? t->deliver(t, r, m, commit_sent, &c, err, sizeof(err)) : -1;
	int ok = drc == 0;
	if (!t)
		snprintf(err, sizeof(err), "no transport for %s (start serve with %s)", m->channel,
			 sms ? "--sms" : "--smtp");
	if (c.rc) /* the database refused the mark: the message goes again later */
		return c.rc;
	if (ok) {
		s->sent++;
		return 0;
	}
	s->failed++;
	log_warn("notify: message %lld: %s", (long long)m->id, err);
	r->ctx.now = time_now();
	/* also after its commit: the server refused it at the end */
	struct notify_msg last = *m;
	if (drc == TRANSPORT_REFUSED) /* it can never go: given up now */
		last.attempts = NOTIFY_MAX_ATTEMPTS;
	return notify_failed(&r->ctx, &last, err);
}

/* One round: expand, claim, deliver. How much work it did. */
static int round_once(struct sender *s, struct req *r)
{
	int expanded = 0;
	struct notify_msg *v;
	size_t n = 0;
	r->ctx.now = time_now();
	int digests = 0;
	int rc = notify_expand(&r->ctx, EXPAND_MAX, s->has_sms, &expanded);
	if (!rc)
		rc = notify_digest(&r->ctx, DIGEST_MAX, &digests);
	if (!rc)
		rc = notify_claim(&r->ctx, s->owner, CLAIM_MAX, &v, &n);
	size_t inapp = 0;
	if (!rc && !(rc = notify_sent_inapp(&r->ctx, v, n, &inapp)))
		s->sent += (long)inapp;
	for (size_t i = 0; !rc && i < n && !atomic_load(&s->stop); i++)
		if (strcmp(v[i].channel, "inapp") != 0)
			rc = deliver(s, r, &v[i]);
	if (rc) {
		log_error("notify: %s (%d)", r->ctx.err.msg, rc);
		/* what this round claimed goes back for the next one */
		r->ctx.err = (struct dv_err){0};
		if (notify_release(&r->ctx, s->owner))
			log_error("notify: %s", r->ctx.err.msg);
		return 0;
	}
	return expanded + digests + (int)n;
}

static void *sender_main(void *arg)
{
	struct sender *s = arg;
	struct req *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	arena_init(&r->arena);
	ctx_init(&r->ctx, s->db, &r->arena, &actor_system);
	r->public_url = s->cfg.public_url;
	int rc = notify_sender_connection(&r->ctx);
	if (!rc)
		rc = notify_sender_own(&r->ctx, s->owner);
	if (rc)
		log_error("notify: %s (%d)", r->ctx.err.msg, rc);
	while (!atomic_load(&s->stop)) {
		if (time(NULL) - s->recovered_at >= RECOVER_SECONDS) {
			s->recovered_at = time(NULL);
			if (notify_recover(&r->ctx, s->owner))
				log_error("notify: %s", r->ctx.err.msg);
			r->ctx.err = (struct dv_err){0};
		}
		if (time(NULL) - s->closing_at >= CLOSING_SECONDS) {
			int added = 0;
			s->closing_at = time(NULL);
			r->ctx.now = time_now();
			if (notify_closing_soon(&r->ctx, &added))
				log_error("notify: %s", r->ctx.err.msg);
			r->ctx.err = (struct dv_err){0};
		}
		int busy = round_once(s, r);
		arena_release(&r->arena);
		r->ctx.err = (struct dv_err){0};
		if (!busy)
			for (int w = 0; w < s->cfg.interval_ms && !atomic_load(&s->stop); w += 50)
				sleep_ms(50);
	}
	arena_release(&r->arena);
	free(r);
	return NULL;
}

/* The URL without a password, for the log. */
static const char *url_for_log(char *out, size_t n, const char *url)
{
	const char *scheme = strstr(url, "://");
	const char *at = strchr(url, '@');
	if (scheme && at && at > scheme)
		snprintf(out, n, "%.*s://%s", (int)(scheme - url), url, at + 1);
	else
		snprintf(out, n, "%s", url);
	return out;
}

struct sender *sender_start(const struct sender_config *cfg)
{
	struct sender *s = calloc(1, sizeof(*s));
	struct dv_err err = {0};
	if (!s)
		return NULL;
	s->cfg = *cfg;
	uint32_t r;
	token_bytes(&r, sizeof(r));
	s->owner = 1 + (int64_t)(r % 2147483646u); /* one of the owners' lock keys */
	if (s->cfg.interval_ms <= 0)
		s->cfg.interval_ms = 1000;
	if (db_open(cfg->db_url, &s->db, &err)) {
		log_error("notify: %s", err.msg);
		free(s);
		return NULL;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	char shown[512];
	if (cfg->smtp_url && *cfg->smtp_url) {
		if (transport_smtp(&s->smtp, cfg->smtp_url, cfg->starttls, cfg->from,
				   cfg->public_url)) {
			log_error("notify: libcurl cannot start");
			db_close(s->db);
			free(s);
			return NULL;
		}
		s->has_smtp = 1;
		log_info("notifications: in the app, and e-mail through %s from %s",
			 url_for_log(shown, sizeof(shown), cfg->smtp_url), cfg->from);
	} else {
		log_info("notifications: in the app only (no --smtp or DANVAN_SMTP: e-mails wait "
			 "in the outbox)");
	}
	if (sms_configured()) {
		if (transport_sms(&s->sms, cfg->public_url)) {
			log_error("notify: libcurl cannot start");
			sender_stop(s);
			return NULL;
		}
		s->has_sms = 1;
		log_info("notifications: text messages through %s",
			 url_for_log(shown, sizeof(shown), sms_config()->url));
	}
	/* the stop signals are the main thread's */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	int rc = pthread_create(&s->thread, NULL, sender_main, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		log_error("notify: cannot start the sender's thread");
		sender_stop(s);
		return NULL;
	}
	return s;
}

void sender_stop(struct sender *s)
{
	if (!s)
		return;
	atomic_store(&s->stop, 1);
	if (s->thread)
		pthread_join(s->thread, NULL);
	if (s->sent || s->failed)
		log_info("notify: %ld messages delivered, %ld attempts failed", s->sent, s->failed);
	if (s->has_smtp)
		transport_release(&s->smtp);
	if (s->has_sms)
		transport_release(&s->sms);
	db_close(s->db);
	free(s);
}

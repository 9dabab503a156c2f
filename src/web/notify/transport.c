/*
 * The transports: SMTP through libcurl (one handle kept for the sender's
 * life, so the connection is reused between mails). The in-app inbox needs
 * none: the sender writes a claim's in-app messages into their inboxes in
 * one transaction (notify_sent_inapp).
 */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "web/notify/notify_impl.h"

struct smtp {
	CURL *curl;
	char *url, *from, *public_url, *host;
	int starttls;
};

/* libcurl reads the message from here. */
struct upload {
	const char *p;
	size_t left;
	transport_commit_fn commit;
	void *arg;
	int committed, commit_failed;
};

static size_t upload_read(char *out, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	if (!u->left) { /* libcurl sends the final "." when this returns 0 */
		if (!u->committed) {
			u->committed = 1;
			if (u->commit(u->arg, NULL)) {
				u->commit_failed = 1;
				return CURL_READFUNC_ABORT;
			}
		}
		return 0;
	}
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;
	memcpy(out, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

static int smtp_deliver(struct transport *t, struct req *r, const struct notify_msg *m,
			transport_commit_fn commit, void *arg, char *err, size_t errlen)
{
	struct smtp *s = t->state;
	size_t len;
	const char *msg = mail_message(r, m, s->public_url, s->from, s->host, &len);
	struct upload u = {msg, len, commit, arg, 0, 0};
	struct curl_slist *rcpt =
		curl_slist_append(NULL, arena_printf(&r->arena, "<%s>", m->address));
	CURL *c = s->curl;
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, arena_printf(&r->arena, "<%s>", s->from));
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL,
			 s->starttls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	CURLcode rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	if (rc == CURLE_OK && u.committed)
		return 0;
	if (u.commit_failed) {
		snprintf(err, errlen, "smtp: not sent, the outbox could not be written");
		return -1;
	}
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	/* the error names what failed, never the URL (it may hold a password) */
	snprintf(err, errlen, "smtp: %s (%ld)", curl_easy_strerror(rc), code);
	return -1;
}

static void smtp_release(struct transport *t)
{
	struct smtp *s = t->state;
	if (s) {
		curl_easy_cleanup(s->curl);
		free(s->url);
		free(s->from);
		free(s->public_url);
		free(s->host);
		free(s);
	}
	t->state = NULL;
}

int transport_smtp(struct transport *t, const char *url, int starttls, const char *from,
		   const char *public_url)
{
	struct smtp *s = calloc(1, sizeof(*s));
	if (!s || !(s->curl = curl_easy_init())) {
		free(s);
		return -1;
	}
	s->url = strdup(url);
	s->from = strdup(from);
	s->public_url = strdup(public_url);
	const char *at = strrchr(from, '@');
	s->host = strdup(at && at[1] ? at + 1 : "localhost");
	s->starttls = starttls;
	*t = (struct transport){
		.channel = "email", .deliver = smtp_deliver, .release = smtp_release, .state = s};
	return 0;
}

void transport_release(struct transport *t)
{
	if (t->release)
		t->release(t);
}

/*
 * Text messages through an SMS gateway over HTTPS (libcurl), in eSMS.vn's
 * request shape: one JSON POST per message, answered with CodeResult 100
 * and the gateway's SMSID when it takes the message. Exactly once: each
 * request carries RequestId "danvan-<outbox id>", which the gateway
 * refuses a second time (CodeResult 124), so a sender killed after the
 * gateway took a message but before it recorded that sends it again as a
 * duplicate the gateway drops, and records it then. The delivery report
 * comes later to the CallbackUrl (page_delivery.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "base/buf.h"
#include "web/notify/notify.h"
#include "web/notify/notify_impl.h"

static struct sms_config config;
static int configured;
static unsigned char report_key[crypto_generichash_KEYBYTES];

void sms_configure(const struct sms_config *c)
{
	configured = c != NULL;
	if (!c)
		return;
	config = *c;
	/* the delivery reports' tokens are keyed by the gateway's secret */
	crypto_generichash(report_key, sizeof(report_key), (const unsigned char *)c->secret_key,
			   strlen(c->secret_key), (const unsigned char *)"danvan sms report", 17);
}

int sms_configured(void)
{
	return configured;
}

const struct sms_config *sms_config(void)
{
	return configured ? &config : NULL;
}

void sms_report_token(int64_t id, char out[33])
{
	unsigned char mac[16];
	char text[32];
	int n = snprintf(text, sizeof(text), "%lld", (long long)id);
	crypto_generichash(mac, sizeof(mac), (const unsigned char *)text, (size_t)n, report_key,
			   sizeof(report_key));
	sodium_bin2hex(out, 33, mac, sizeof(mac));
}

struct sms {
	CURL *curl;
	char *public_url;
};

static size_t collect(char *p, size_t size, size_t nmemb, void *arg)
{
	struct buf *b = arg;
	size_t n = size * nmemb;
	if (b->len + n > 64 * 1024)
		return 0; /* no gateway answers this much */
	buf_add(b, p, n);
	return n;
}

/* The request's body (the keys are in it: never logged). */
static char *request_body(struct req *r, const struct notify_msg *m, const char *public_url)
{
	char token[33], id[32];
	sms_report_token(m->id, token);
	snprintf(id, sizeof(id), "danvan-%lld", (long long)m->id);
	json_t *j = json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "ApiKey", config.api_key,
		"SecretKey", config.secret_key, "Phone", m->address, "Content",
		sms_message(r, m, public_url), "Brandname", config.brandname, "SmsType", "2",
		"IsUnicode", "0", "Sandbox", "0", "RequestId", id, "CallbackUrl",
		arena_printf(&r->arena, "%s/sms/delivered/%lld/%s", public_url, (long long)m->id,
			     token));
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	return s;
}

/* What the gateway answered: 0 taken (*smsid set, "" for a duplicate),
 * TRANSPORT_REFUSED for a phone it will never take, -1 otherwise. */
static int read_answer(struct req *r, const struct buf *b, long status, const char **smsid,
		       char *err, size_t errlen)
{
	json_error_t je;
	json_t *j = status == 200 ? json_loadb(b->ptr ? b->ptr : "", b->len, 0, &je) : NULL;
	const char *code = j ? json_string_value(json_object_get(j, "CodeResult")) : NULL;
	const char *id = j ? json_string_value(json_object_get(j, "SMSID")) : NULL;
	const char *msg = j ? json_string_value(json_object_get(j, "ErrorMessage")) : NULL;
	int rc = -1;
	if (!code) {
		snprintf(err, errlen, "sms: the gateway answered HTTP %ld without a CodeResult",
			 status);
	} else if (!strcmp(code, "100") || !strcmp(code, "124")) {
		/* 124: this RequestId was taken before (a send not recorded) */
		*smsid = arena_strdup(&r->arena, id && !strcmp(code, "100") ? id : "");
		rc = 0;
	} else {
		snprintf(err, errlen, "sms: the gateway refused it: CodeResult %.8s (%.120s)", code,
			 msg ? msg : "");
		/* 99: the phone is blocked; 108: it is not a phone number */
		if (!strcmp(code, "99") || !strcmp(code, "108"))
			rc = TRANSPORT_REFUSED;
	}
	json_decref(j);
	return rc;
}

static int sms_deliver(struct transport *t, struct req *r, const struct notify_msg *m,
		       transport_commit_fn commit, void *arg, char *err, size_t errlen)
{
	struct sms *s = t->state;
	char *body = request_body(r, m, s->public_url);
	if (!body) {
		snprintf(err, errlen, "sms: the request could not be made");
		return -1;
	}
	struct buf answer = BUF_INIT;
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	CURL *c = s->curl;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, config.url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, config.timeout_ms);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, config.timeout_ms);
	CURLcode cc = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	sodium_memzero(body, strlen(body));
	free(body);
	const char *smsid = NULL;
	int rc = -1;
	if (cc != CURLE_OK) /* names what failed, never the request (it holds the keys) */
		snprintf(err, errlen, "sms: %s", curl_easy_strerror(cc));
	else
		rc = read_answer(r, &answer, status, &smsid, err, errlen);
	buf_release(&answer);
	if (!rc && commit(arg, smsid)) {
		snprintf(err, errlen, "sms: sent, but the outbox could not be written");
		return -1;
	}
	return rc;
}

static void sms_release(struct transport *t)
{
	struct sms *s = t->state;
	if (s) {
		curl_easy_cleanup(s->curl);
		free(s->public_url);
		free(s);
	}
	t->state = NULL;
}

int transport_sms(struct transport *t, const char *public_url)
{
	struct sms *s = calloc(1, sizeof(*s));
	if (!s || !(s->curl = curl_easy_init())) {
		free(s);
		return -1;
	}
	s->public_url = strdup(public_url);
	*t = (struct transport){
		.channel = "sms", .deliver = sms_deliver, .release = sms_release, .state = s};
	return 0;
}

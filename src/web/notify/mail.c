/*
 * A message as the recipient reads it: the text in the recipient's
 * language (what happened, where, why they get it, how to stop), and for
 * e-mail the whole RFC 5322 message, plain text in UTF-8.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/notify/subscription.h"
#include "domain/notify_event.h"
#include "domain/reports/report.h"
#include "domain/works/work.h"
#include "web/link.h"
#include "web/notify/notify_impl.h"

static const char *topic_label(struct req *r, const char *topic)
{
	return T(r, notify_topic_label_of(topic));
}

/* A digest: one line and one link per message held for it (digest.c). */
static void digest_text(struct req *r, const struct notify_msg *m, const char *public_url,
			const char **subject, struct buf *b)
{
	struct arena *a = &r->arena;
	*subject = arena_printf(a, T(r, "Your daily digest: %lld messages"),
				(long long)m->entity_id);
	buf_adds(b, T(r, "What happened since your last digest:"));
	buf_adds(b, "\n\n");
	char *copy = arena_strdup(a, m->detail), *line, *save = NULL;
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[5], *rest = line;
		int k = 0;
		for (; k < 5 && rest; k++)
			f[k] = strsep(&rest, "\t");
		if (k < 5)
			continue;
		buf_addf(b, "* %s: %s\n  %s%s\n", f[3], f[4], public_url,
			 link_entity(r, f[1], strtoll(f[2], NULL, 10), m->unit_id));
	}
	if (m->entity_id > NOTIFY_DIGEST_ITEMS)
		buf_addf(b, "\n%s\n",
			 arena_printf(a, T(r, "And %lld more: %s"),
				      (long long)(m->entity_id - NOTIFY_DIGEST_ITEMS),
				      arena_printf(a, "%s%s", public_url,
						   m->account_id ? link_me_notifications(r)
								 : link_notices(r, m->unit_id, 0))));
	buf_adds(b, "\n");
	buf_adds(b, m->account_id
			    ? T(r, "You receive this because you chose a daily digest, or many "
				   "messages came for you in a day.")
			    : T(r, "You receive this because many messages came for this address "
				   "in a day."));
}

/* The subject line and the body of m, in r's language. */
void mail_text(struct req *r, const struct notify_msg *m, const char *public_url,
	       const char **subject, const char **text)
{
	struct arena *a = &r->arena;
	struct buf b;
	buf_init(&b, 1024);
	if (!strcmp(m->kind, NOTIFY_KIND_DIGEST)) {
		digest_text(r, m, public_url, subject, &b);
	} else if (!strcmp(m->kind, NOTIFY_KIND_CONFIRM)) {
		*subject = arena_printf(a, T(r, "Confirm your subscription to %s"), m->title);
		buf_addf(&b, T(r, "Someone, we hope you, asked to receive by e-mail: %s, %s."),
			 topic_label(r, m->detail), m->title);
		buf_adds(&b, "\n\n");
		buf_addf(&b, T(r, "To confirm, open this link: %s"),
			 arena_printf(a, "%s%s", public_url,
				      link_subscription_confirm(r, m->secret)));
		buf_adds(&b, "\n\n");
		buf_adds(&b,
			 T(r, "If it was not you, ignore this mail: nothing more will be sent."));
	} else if (!strcmp(m->kind, NOTIFY_REPORT_CHANGED)) {
		const char *status = T(r, report_status_label_of(m->detail));
		*subject = arena_printf(a, T(r, "Your report is now: %s"), status);
		buf_addf(&b, T(r, "Your report \"%s\" in %s is now: %s."), m->title, m->unit_name,
			 status);
		buf_adds(&b, "\n\n");
		buf_addf(&b, T(r, "See it: %s"),
			 arena_printf(a, "%s%s", public_url, link_report(r, m->entity_id, NULL)));
		buf_adds(&b, "\n\n");
		buf_adds(&b, T(r, "You receive this because you made this report and chose to hear "
				  "of it by e-mail."));
	} else if (!strcmp(m->kind, NOTIFY_BALLOT_OPENED)) {
		*subject = arena_printf(a, T(r, "Your household may vote in %s: %s"), m->unit_name,
					m->title);
		buf_addf(&b, T(r, "%s has opened a household ballot:"), m->unit_name);
		buf_addf(&b, "\n\n  %s\n\n", m->title);
		buf_addf(&b, T(r, "Vote for your household: %s"),
			 arena_printf(a, "%s%s", public_url, link_matter(r, m->entity_id, NULL)));
		buf_adds(&b, "\n\n");
		buf_adds(&b, T(r, "You receive this because you represent your household."));
	} else if (!strcmp(m->kind, NOTIFY_CONSULT_OPENED) ||
		   !strcmp(m->kind, NOTIFY_CONSULT_CLOSING)) {
		int closing = !strcmp(m->kind, NOTIFY_CONSULT_CLOSING);
		*subject = closing ? arena_printf(a, T(r, "Comments close tomorrow: %s"), m->title)
				   : arena_printf(a, T(r, "%s asks for your comments: %s"),
						  m->unit_name, m->title);
		buf_addf(&b,
			 closing ? T(r, "%s takes comments on this draft for one more day:")
				 : T(r, "%s has opened a draft for comments:"),
			 m->unit_name);
		buf_addf(&b, "\n\n  %s\n\n", m->title);
		buf_addf(&b, T(r, "Read it and comment: %s"),
			 arena_printf(a, "%s%s", public_url,
				      link_consultation(r, m->entity_id, NULL)));
		buf_adds(&b, "\n\n");
		buf_adds(&b, T(r, "You receive this because you live in its area and chose to "
				  "hear of drafts by e-mail."));
	} else if (!strcmp(m->kind, NOTIFY_WORK_CHANGED)) {
		const char *status = T(r, work_status_label_of(m->detail));
		*subject = arena_printf(a, T(r, "%s is now: %s"), m->title, status);
		buf_addf(&b, T(r, "The work \"%s\" in %s, which your household paid into, is now: "
				  "%s."),
			 m->title, m->unit_name, status);
		buf_adds(&b, "\n\n");
		buf_addf(&b, T(r, "Its progress and its public ledger: %s"),
			 arena_printf(a, "%s%s", public_url, link_work(r, m->entity_id, NULL)));
		buf_adds(&b, "\n\n");
		buf_adds(&b, T(r, "You receive this because your household paid into it."));
	} else if (!strcmp(m->kind, NOTIFY_REPORT_FILED)) {
		*subject = arena_printf(a, T(r, "New report in %s: %s"), m->unit_name, m->title);
		buf_addf(&b, T(r, "A problem was reported in %s: %s."), m->unit_name, m->title);
		buf_adds(&b, "\n\n");
		buf_addf(&b, T(r, "See it: %s"),
			 arena_printf(a, "%s%s", public_url, link_report(r, m->entity_id, NULL)));
		buf_adds(&b, "\n\n");
		if (m->subscription_id)
			buf_addf(&b,
				 T(r, "You receive this because you subscribed to new reports in %s."),
				 m->unit_name);
		else
			buf_adds(&b, T(r, "You receive this because you chose to hear of new reports "
					  "in your neighborhood."));
	} else {
		*subject = arena_printf(a, T(r, "New notice from %s: %s"), m->unit_name, m->title);
		buf_addf(&b, T(r, "%s has published a notice:"), m->unit_name);
		buf_addf(&b, "\n\n  %s\n\n", m->title);
		buf_addf(&b, T(r, "Read it: %s"),
			 arena_printf(a, "%s%s", public_url, link_notice(r, m->entity_id, NULL)));
		buf_adds(&b, "\n\n");
		if (m->subscription_id)
			buf_addf(&b,
				 T(r,
				   "You receive this because you subscribed to the notices of %s."),
				 m->unit_name);
		else
			buf_adds(&b,
				 T(r, "You receive this because you live here and chose to hear of "
				      "notices by e-mail."));
	}
	buf_adds(&b, "\n");
	if (m->subscription_id && *m->unsubscribe) {
		buf_addf(&b, T(r, "To stop these mails: %s"),
			 mail_unsubscribe_url(r, m, public_url));
		buf_adds(&b, "\n");
	} else if (m->account_id) {
		buf_addf(&b, T(r, "To choose how you hear of it: %s"),
			 arena_printf(a, "%s%s", public_url, link_me_notifications(r)));
		buf_adds(&b, "\n");
	}
	buf_adds(&b, "\n-- \n");
	buf_addf(&b, T(r, "Sent by danvan for %s."), m->unit_name);
	buf_adds(&b, "\n");
	*text = arena_strdup(a, b.ptr);
	buf_release(&b);
}

const char *mail_unsubscribe_url(struct req *r, const struct notify_msg *m, const char *public_url)
{
	if (!m->subscription_id || !*m->unsubscribe)
		return NULL;
	return arena_printf(&r->arena, "%s%s", public_url, link_unsubscribe(r, m->unsubscribe));
}

/* ------------------------------------------------------------- RFC 5322 */

static void base64_lines(struct buf *b, const char *s, size_t n)
{
	char line[80];
	for (size_t i = 0; i < n; i += 57) {
		size_t k = n - i < 57 ? n - i : 57;
		sodium_bin2base64(line, sizeof(line), (const unsigned char *)s + i, k,
				  sodium_base64_VARIANT_ORIGINAL);
		buf_adds(b, line);
		buf_adds(b, "\r\n");
	}
}

/* A header's text as RFC 2047 encoded words, each under 75 characters, cut
 * between UTF-8 characters, folded onto continuation lines. */
static void encoded_words(struct buf *b, const char *s)
{
	char word[80];
	size_t n = strlen(s), i = 0;
	int first = 1;
	while (i < n || first) {
		size_t k = n - i < 42 ? n - i : 42;
		while (k && i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k--;
		sodium_bin2base64(word, sizeof(word), (const unsigned char *)s + i, k,
				  sodium_base64_VARIANT_ORIGINAL);
		buf_addf(b, "%s=?UTF-8?B?%s?=", first ? "" : "\r\n ", word);
		first = 0;
		i += k;
		if (!k)
			break;
	}
}

/* An address between angle brackets. */
static void angle(struct buf *b, const char *s)
{
	buf_addch(b, '<');
	buf_adds(b, s);
	buf_addch(b, '>');
}

/* Anything a header value must not hold: a line break would start a new
 * header, so the few fields that take text from outside are cleaned. */
static const char *one_line(struct req *r, const char *s)
{
	char *c = arena_strdup(&r->arena, s);
	for (char *p = c; *p; p++)
		if (*p == '\r' || *p == '\n')
			*p = ' ';
	return c;
}

const char *mail_message(struct req *r, const struct notify_msg *m, const char *public_url,
			 const char *from, const char *host, size_t *len)
{
	const char *subject, *text;
	mail_text(r, m, public_url, &subject, &text);
	struct buf b;
	buf_init(&b, 1024);
	char date[64];
	time_t now = (time_t)r->ctx.now;
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_adds(&b, "From: ");
	encoded_words(&b, one_line(r, m->unit_name));
	buf_addch(&b, ' ');
	angle(&b, from);
	buf_adds(&b, "\r\nTo: ");
	angle(&b, one_line(r, m->address));
	buf_adds(&b, "\r\n");
	buf_adds(&b, "Subject: ");
	encoded_words(&b, one_line(r, subject));
	buf_addf(&b, "\r\nDate: %s\r\n", date);
	/* the same message keeps its Message-ID on every attempt */
	buf_adds(&b, "Message-ID: ");
	angle(&b, arena_printf(&r->arena, "notify-%lld@%s", (long long)m->id, host));
	buf_adds(&b, "\r\n");
	buf_adds(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
		     "Content-Transfer-Encoding: base64\r\n");
	buf_addf(&b, "Content-Language: %s\r\nAuto-Submitted: auto-generated\r\n", r->ctx.lang);
	const char *unsub = mail_unsubscribe_url(r, m, public_url);
	if (unsub) { /* RFC 8058: a POST to it unsubscribes at once */
		buf_adds(&b, "List-Unsubscribe: ");
		angle(&b, unsub);
		buf_adds(&b, "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	}
	buf_adds(&b, "\r\n");
	base64_lines(&b, text, strlen(text));
	*len = b.len;
	const char *out = arena_strndup(&r->arena, b.ptr, b.len);
	buf_release(&b);
	return out;
}

const char *sms_message(struct req *r, const struct notify_msg *m, const char *public_url)
{
	if (!strcmp(m->kind, NOTIFY_NOTICE_SMS))
		return m->detail; /* made, and shown to the officer, when it was confirmed */
	const char *words =
		arena_printf(&r->arena, T(r, "%s: your household may vote in \"%s\". Vote: %s"),
			     m->unit_name, m->title,
			     arena_printf(&r->arena, "%s%s", public_url,
					  link_matter(r, m->entity_id, NULL)));
	struct buf b = BUF_INIT;
	text_ascii(&b, words, strlen(words));
	const char *s = arena_strndup(&r->arena, b.ptr ? b.ptr : "", b.len);
	buf_release(&b);
	return s;
}

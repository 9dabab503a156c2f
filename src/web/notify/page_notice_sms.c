/*
 * Texting a notice to the households' representatives (an officer's
 * action): a preview with the count, the parts of each message, the
 * estimated cost and the text as it will go, then a confirmation that
 * carries the count the officer saw. Below, what became of earlier sends.
 */
#include <string.h>

#include "base/i18n.h"
#include "base/money.h"
#include "domain/disclose/notice.h"
#include "domain/disclose/notice_sms.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/notify/notify.h"
#include "web/page.h"
#include "web/notify/notify_impl.h"

static const char *notice_url(struct req *r, int64_t id)
{
	return arena_printf(&r->arena, "%s%s", r->public_url, link_notice(r, id, NULL));
}

static void row(struct req *r, const char *label, int64_t n)
{
	html_raw(&r->out, "<tr><th scope=\"row\">");
	html_txt(&r->out, label);
	html_raw(&r->out, "</th><td class=\"num\">");
	buf_addf(&r->out, "%lld", (long long)n);
	html_raw(&r->out, "</td></tr>");
}

static void counts(struct req *r, const struct notice_sms *p)
{
	html_raw(&r->out, "<table class=\"list keep\"><tbody>");
	row(r, T(r, "Households the notice covers"), p->households);
	row(r, T(r, "Already reached another way (not texted)"), p->reached);
	row(r, T(r, "Already texted for this notice"), p->texted);
	row(r, T(r, "Representative without a phone number"), p->no_phone);
	row(r, T(r, "Messages to send now"), p->to_send);
	row(r, T(r, "Parts of each message"), p->parts);
	html_raw(&r->out, "</tbody></table>");
}

static void cost(struct req *r, const struct notice_sms *p)
{
	struct buf m = BUF_INIT;
	money_format(&m, (int64_t)p->to_send * p->parts * sms_config()->price);
	html_raw(&r->out, "<p class=\"big\">");
	html_txtf(&r->out, T(r, "Estimated cost: %s (%ld đồng per part)"), m.ptr,
		  sms_config()->price);
	html_raw(&r->out, "</p>");
	buf_release(&m);
}

static void earlier(struct req *r, const struct notice_sms *p)
{
	if (!p->waiting && !p->sent && !p->delivered && !p->failed)
		return;
	page_section(r, "sms-fates", T(r, "Messages sent before"));
	html_raw(&r->out, "<table class=\"list keep\"><tbody>");
	row(r, T(r, "Waiting to go"), p->waiting);
	row(r, T(r, "Taken by the gateway, no report yet"), p->sent);
	row(r, T(r, "Delivered (the household counts as reached)"), p->delivered);
	row(r, T(r, "Not delivered"), p->failed);
	html_raw(&r->out, "</tbody></table></section>");
}

static int sms_page(struct req *r, const struct form_errors *fe, int status)
{
	struct notice n;
	struct notice_sms p;
	int64_t queued = -1;
	int rc = req_query_int(r, "recorded", 0, 10000000, 0, &queued);
	if (rc || (rc = notice_get(&r->ctx, r->params[0], &n)) ||
	    (rc = notice_sms_preview(&r->ctx, n.id, notice_url(r, n.id), &p)))
		return rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Text message"), n.title);
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_notice(r, n.id, NULL), n.title);
	page_heading(r, title);
	form_summary(r, fe);
	if (queued > 0)
		page_note(r, "done",
			  arena_printf(&r->arena, T(r, "%lld messages are on their way."),
				       (long long)queued));
	page_note(r, "info",
		  T(r, "Each household's representative gets this message once. Households "
		       "the notice already reached are left out; each message the network "
		       "delivers counts its household as reached."));
	html_raw(&r->out, "<blockquote class=\"sms\"><p>");
	html_txt(&r->out, p.text);
	html_raw(&r->out, "</p></blockquote>");
	counts(r, &p);
	if (!sms_configured()) {
		page_note(r, "warn",
			  T(r, "This site has no SMS gateway yet (danvan serve --sms): nothing "
			       "can be sent."));
	} else if (p.queuing) {
		page_note(r, "info",
			  T(r, "The messages of the last send are still being queued."));
	} else if (p.to_send > 0) {
		cost(r, &p);
		form_begin(r, link_notice(r, n.id, "sms"), NULL);
		form_hidden(r, "count", arena_printf(&r->arena, "%lld", (long long)p.to_send));
		form_submit(r, arena_printf(&r->arena, T(r, "Send %lld messages"),
					    (long long)p.to_send));
		form_end(r);
	}
	earlier(r, &p);
	layout_end(r);
	return 0;
}

int page_notice_sms(struct req *r)
{
	return sms_page(r, NULL, 200);
}

int page_notice_sms_post(struct req *r)
{
	int64_t count = 0, queued = 0;
	int rc = req_form_parse(r);
	if (!rc && !sms_configured())
		rc = dv_fail(&r->ctx.err, DV_ECONFLICT, NULL,
			     "This site has no SMS gateway yet: nothing can be sent");
	if (!rc)
		rc = req_form_id(r, "count", &count);
	if (!rc)
		rc = notice_sms_send(&r->ctx, r->params[0], notice_url(r, r->params[0]), count,
				     &queued);
	if (rc)
		return form_after(r, rc, sms_page, NULL);
	res_redirect(r, arena_printf(&r->arena, "%s?recorded=%lld",
				     link_notice(r, r->params[0], "sms"), (long long)queued));
	return 0;
}

/*
 * E-mail subscriptions without an account: the form (linked from a unit's
 * notices), the confirmation link's page and the unsubscribe page. The
 * links in mails open a page with one button: a mail scanner that fetches
 * every link changes nothing; a mail client's one-click unsubscribe posts.
 */
#include <string.h>

#include "domain/notify/subscription.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/notify/notify_impl.h"
#include "web/page.h"

static int show_form(struct req *r, const struct form_errors *fe, int status)
{
	struct unit u;
	int rc = unit_get(&r->ctx, r->params[0], &u);
	if (rc)
		return rc;
	const char *name = unit_title(&r->arena, r->ctx.lang, u.kind, u.name);
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Receive by e-mail"), name);
	const char *topic = req_form(r, "topic");
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_notices(r, u.id, 0), name);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "No account needed. We send a link to confirm the address; every mail "
		       "then has a link to stop them at once."));
	form_summary(r, fe);
	form_begin(r, link_unit(r, u.id, "subscribe"), NULL);
	form_input(r,
		   &(struct field){.name = "email",
				   .label = T(r, "E-mail address"),
				   .value = req_form(r, "email"),
				   .type = "email",
				   .autocomplete = "email",
				   .required = 1,
				   .maxlength = NOTIFY_EMAIL_MAX},
		   fe);
	form_select_names(r, "topic", T(r, "What to receive"), topic ? topic : "notices",
			  notify_topic_names, NT_COUNT, fe);
	form_submit(r, T(r, "Subscribe"));
	form_end(r);
	layout_end(r);
	return 0;
}

int page_subscribe(struct req *r)
{
	return show_form(r, NULL, 200);
}

/* A page of one message after an action. */
static void said(struct req *r, const char *title, const char *text, int64_t unit_id)
{
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead", text);
	if (unit_id) {
		html_raw(&r->out, "<p>");
		html_link(&r->out, link_notices(r, unit_id, 0), T(r, "Back to the notices"));
		html_raw(&r->out, "</p>");
	}
	layout_end(r);
}

int page_subscribe_post(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = notify_subscribe(&r->ctx, r->params[0], req_form(r, "topic"),
				      req_form(r, "email"));
	if (rc) {
		struct form_errors fe = {0};
		int status = form_mendable(r, rc, &fe);
		return status ? show_form(r, &fe, status) : rc;
	}
	said(r, T(r, "Check your mail"),
	     T(r, "We have sent a link to this address. The subscription starts when you open "
		  "it."),
	     r->params[0]);
	return 0;
}

/* A page with one button that posts to the same address. */
static void one_button(struct req *r, const char *title, const char *text, const char *button)
{
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead", text);
	form_button(r, r->path, button, NULL);
	layout_end(r);
}

int page_confirm(struct req *r)
{
	one_button(r, T(r, "Confirm the subscription"),
		   T(r, "Press the button to start receiving these mails."), T(r, "Confirm"));
	return 0;
}

int page_confirm_post(struct req *r)
{
	int64_t unit_id = 0;
	int rc = notify_confirm(&r->ctx, r->sparam, &unit_id);
	if (rc)
		return rc;
	said(r, T(r, "Subscription confirmed"),
	     T(r, "You will receive a mail when something is published. Every mail has a link "
		  "to stop them."),
	     unit_id);
	return 0;
}

int page_unsubscribe(struct req *r)
{
	one_button(r, T(r, "Stop these mails"),
		   T(r, "Press the button and no more mails of this subscription will be sent."),
		   T(r, "Unsubscribe"));
	return 0;
}

int page_unsubscribe_post(struct req *r)
{
	int64_t unit_id = 0;
	int rc = notify_unsubscribe(&r->ctx, r->sparam, &unit_id);
	if (rc)
		return rc;
	said(r, T(r, "Unsubscribed"), T(r, "No more mails of this subscription will be sent."),
	     unit_id);
	return 0;
}

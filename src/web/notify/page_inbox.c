/*
 * /me/notifications: the actor's messages, newest first, each linking to
 * its page, with "mark read"; and how the actor wants to hear of each kind
 * of event. GET /api/v1/me/notifications lists the same in JSON.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/notify_event.h"
#include "domain/reports/report.h"
#include "domain/works/work.h"
#include "web/api.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/notify/notify.h"
#include "web/notify/notify_impl.h"
#include "web/page.h"

/* The page a message is about. */
static const char *item_link(struct req *r, const struct notify_item *it)
{
	return link_entity(r, it->entity, it->entity_id, it->unit_id);
}

/* What happened, in a line. */
static const char *item_text(struct req *r, const struct notify_item *it)
{
	if (!strcmp(it->kind, NOTIFY_REPORT_CHANGED))
		return arena_printf(&r->arena, T(r, "Your report \"%s\" is now: %s"), it->title,
				    T(r, report_status_label_of(it->detail)));
	if (!strcmp(it->kind, NOTIFY_BALLOT_OPENED))
		return arena_printf(&r->arena, T(r, "Your household may vote in %s: %s"),
				    it->unit_name, it->title);
	if (!strcmp(it->kind, NOTIFY_REPORT_FILED))
		return arena_printf(&r->arena, T(r, "New report in %s: %s"), it->unit_name,
				    it->title);
	if (!strcmp(it->kind, NOTIFY_CONSULT_OPENED))
		return arena_printf(&r->arena, T(r, "%s asks for your comments: %s"),
				    it->unit_name, it->title);
	if (!strcmp(it->kind, NOTIFY_CONSULT_CLOSING))
		return arena_printf(&r->arena, T(r, "Comments close tomorrow: %s"), it->title);
	if (!strcmp(it->kind, NOTIFY_WORK_CHANGED))
		return arena_printf(&r->arena, T(r, "A work your household paid into, %s, is now: %s"),
				    it->title, T(r, work_status_label_of(it->detail)));
	return arena_printf(&r->arena, T(r, "New notice from %s: %s"), it->unit_name, it->title);
}

static void item(struct req *r, const struct notify_item *it)
{
	struct buf *b = &r->out;
	html_raw(b, it->read_at ? "<li class=\"read\">" : "<li class=\"unread\">");
	if (!it->read_at) {
		html_raw(b, "<strong>");
		html_txt(b, T(r, "New"));
		html_raw(b, "</strong> ");
	}
	html_link(b, item_link(r, it), item_text(r, it));
	html_raw(b, " <span class=\"meta\">");
	html_txt(b, page_time(r, it->created_at));
	html_raw(b, "</span>");
	if (!it->read_at) {
		form_begin(r, "/me/notifications/read", "inline");
		form_hidden(r, "id", arena_printf(&r->arena, "%lld", (long long)it->id));
		form_submit(r, T(r, "Mark read"));
		form_end(r);
	}
	html_raw(b, "</li>");
}

static void prefs_form(struct req *r, const struct form_errors *fe)
{
	enum notify_channel ch[NK_COUNT];
	if (notify_prefs_get(&r->ctx, ch))
		return;
	page_section(r, "prefs", T(r, "How you hear of things"));
	form_begin(r, "/me/notifications/prefs", NULL);
	for (int k = 0; k < NK_COUNT; k++)
		form_select_names(r, notify_kind_name((enum notify_kind)k),
				  T(r, notify_kind_label((enum notify_kind)k)),
				  notify_channel_name(ch[k]), notify_channel_names,
				  NOTIFY_SMS_KIND(k) ? NC_COUNT : NC_SMS, fe);
	if (!sms_configured())
		page_note(r, "info",
			  T(r, "This site sends no text messages yet: what you chose to get by "
			       "text message comes in the app."));
	static const struct name_label langs[] = {{"vi", "Tiếng Việt"}, {"en", "English"}};
	const char *lang = "vi";
	notify_lang_get(&r->ctx, &lang);
	form_select_names(r, "lang", T(r, "Language of your e-mails and messages"), lang, langs,
			  2, fe);
	form_submit(r, T(r, "Save"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static int show(struct req *r, const struct form_errors *fe, int status)
{
	struct notify_item *v;
	size_t n;
	int more;
	int64_t page;
	int rc = page_number(r, 100000, &page);
	if (rc || (rc = notify_inbox_list(&r->ctx, 0, NOTIFY_PAGE, (page - 1) * NOTIFY_PAGE, &v, &n,
					  &more)))
		return rc;
	layout_begin(r, T(r, "Notifications"));
	r->status = status;
	page_back(r, "/me", r->ctx.actor->display_name);
	page_heading(r, T(r, "Notifications"));
	form_summary(r, fe);
	if (notify_unread(&r->ctx, r->ctx.actor->account_id))
		form_button(r, "/me/notifications/read", T(r, "Mark all read"), NULL);
	if (n) {
		html_raw(&r->out, "<ul class=\"items notifications\">");
		for (size_t i = 0; i < n; i++)
			item(r, &v[i]);
		html_raw(&r->out, "</ul>");
	} else {
		page_note(r, "empty", T(r, "No notifications yet."));
	}
	page_pager(r, link_me_notifications(r), page, more);
	prefs_form(r, fe);
	layout_end(r);
	return 0;
}

int page_notifications(struct req *r)
{
	return show(r, NULL, 200);
}

int page_notifications_read(struct req *r)
{
	int64_t id = 0;
	int rc = req_form_parse(r);
	if (!rc && req_form(r, "id"))
		rc = req_form_id(r, "id", &id);
	if (!rc)
		rc = notify_inbox_read(&r->ctx, id);
	return form_after(r, rc, show, link_me_notifications(r));
}

int page_notifications_prefs(struct req *r)
{
	enum notify_channel ch[NK_COUNT];
	int rc = req_form_parse(r);
	/* every choice is checked before any is saved; a kind the form does
	 * not name keeps its choice (a form from before the kind existed) */
	if (!rc)
		rc = notify_prefs_get(&r->ctx, ch);
	for (int k = 0; !rc && k < NK_COUNT; k++) {
		const char *v = req_form(r, notify_kind_name((enum notify_kind)k));
		if (!v)
			continue;
		rc = notify_channel_parse(v, &ch[k], &r->ctx.err);
		if (rc)
			r->ctx.err.field = notify_kind_name((enum notify_kind)k);
	}
	for (int k = 0; !rc && k < NK_COUNT; k++)
		if (ch[k] == NC_SMS && !NOTIFY_SMS_KIND(k))
			rc = dv_fail(&r->ctx.err, DV_EINVAL, notify_kind_name((enum notify_kind)k),
				     "Text messages are sent for ballots only");
	const char *lang = req_form(r, "lang");
	if (!rc && lang && strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "lang", "Choose Vietnamese or English");
	for (int k = 0; !rc && k < NK_COUNT; k++)
		rc = notify_pref_set(&r->ctx, (enum notify_kind)k, ch[k]);
	if (!rc && lang)
		rc = notify_lang_set(&r->ctx, lang);
	return form_after(r, rc, show, link_me_notifications(r));
}

/* ------------------------------------------------------------------- API */

int api_notifications(struct req *r)
{
	int64_t limit = 20, offset = 0, unread = 0;
	struct notify_item *v;
	size_t n;
	int more;
	int rc = req_query_int(r, "limit", 1, 100, 0, &limit);
	if (!rc)
		rc = req_query_int(r, "offset", 0, INT64_MAX / 2, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "unread", 0, 1, 0, &unread);
	if (!rc)
		rc = notify_inbox_list(&r->ctx, (int)unread, (int)limit, offset, &v, &n, &more);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct notify_item *it = &v[i];
		json_array_append_new(
			items,
			json_pack("{s:I, s:s, s:s, s:s, s:{s:I, s:s}, s:s, s:s, s:s, s:o}", "id",
				  (json_int_t)it->id, "kind", it->kind, "text", item_text(r, it),
				  "title", it->title, "unit", "id", (json_int_t)it->unit_id, "name",
				  it->unit_name, "url",
				  arena_printf(&r->arena, "%s%s", r->public_url, item_link(r, it)),
				  "detail", it->detail, "created_at", api_time(r, it->created_at),
				  "read_at",
				  it->read_at ? json_string(api_time(r, it->read_at))
					      : json_null()));
	}
	api_send(r, 200,
		 json_pack("{s:o, s:I, s:b}", "items", items, "unread",
			   (json_int_t)notify_unread(&r->ctx, r->ctx.actor->account_id), "more",
			   more));
	return 0;
}

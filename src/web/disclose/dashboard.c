/*
 * What /me shows about notices: for a household, the notices that concern
 * it and whether it knows them; for an officer, what needs attention
 * (overdue duties, drafts, notices past their window).
 */
#include "base/date.h"
#include "base/i18n.h"
#include "domain/registry/household.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/disclose/reach.h"
#include "web/link.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/todo.h"
#include "web/disclose/disclose_impl.h"

#define HOUSEHOLD_NOTICES 10

int notice_household_todo(struct req *r, struct todo *t, int64_t household_id)
{
	struct household h;
	struct reach_recent *v;
	size_t n;
	int64_t unknown = 0;
	int rc = household_load(&r->ctx, household_id, &h);
	if (rc || (rc = reach_recent(&r->ctx, h.unit_id, HOUSEHOLD_NOTICES, &v, &n)))
		return rc;
	if (!perm_may_household(&r->ctx, ACT_ACKNOWLEDGE, h.id, h.unit_id))
		return 0;
	for (size_t i = 0; i < n; i++) {
		enum reach_how how;
		int32_t on;
		unknown += reach_of_household(&r->ctx, v[i].notice_id, h.id, &how, &on) != 0;
	}
	todo_add(t, N_("%lld public notices to read and say your household knows"), unknown,
		 "#notices", 0);
	return 0;
}

int notice_household_section(struct req *r, int64_t household_id)
{
	struct household h;
	struct reach_recent *v;
	size_t n;
	int rc = household_load(&r->ctx, household_id, &h);
	if (rc || (rc = reach_recent(&r->ctx, h.unit_id, HOUSEHOLD_NOTICES, &v, &n)))
		return rc;
	int may_ack = perm_may_household(&r->ctx, ACT_ACKNOWLEDGE, h.id, h.unit_id);
	struct buf *b = &r->out;
	html_raw(b, "<section id=\"notices\"><h2>");
	html_txt(b, T(r, "Notices for my household"));
	html_raw(b, "</h2>");
	if (!n)
		page_note(r, "empty", T(r, "No notices yet."));
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < n; i++) {
		enum reach_how how;
		int32_t on;
		html_raw(b, "<li>");
		html_link(b, link_notice(r, v[i].notice_id, NULL), v[i].title);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, page_date(r, v[i].visible_from));
		html_raw(b, "</span> ");
		if (!reach_of_household(&r->ctx, v[i].notice_id, h.id, &how, &on)) {
			html_raw(b, "<span class=\"done\">");
			html_txt(b, T(r, "known"));
			html_raw(b, "</span>");
		} else if (may_ack) {
			form_button(r, link_notice(r, v[i].notice_id, "ack"),
				    T(r, "My household has read it"), "inline");
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
	return 0;
}

static const char *alert_text(struct req *r, const struct notice_alert *a)
{
	switch (a->kind) {
	case ALERT_OVERDUE:
		return arena_printf(&r->arena, T(r, "%s: due %s, overdue"),
				    T(r, channel_label(a->channel)), page_date(r, a->date));
	case ALERT_DRAFT: return T(r, "Draft, not published yet");
	case ALERT_EXPIRED:
		return arena_printf(&r->arena, T(r, "Posting period ended %s: archive it"),
				    page_date(r, a->date));
	}
	return "";
}

int notice_todo(struct req *r, struct todo *t)
{
	struct notice_alert *v;
	size_t n;
	int64_t count[3] = {0};
	if (!perm_may_somewhere(&r->ctx, ACT_PUBLISH_NOTICES))
		return 0;
	int rc = notice_alerts(&r->ctx, &v, &n);
	for (size_t i = 0; !rc && i < n; i++)
		count[v[i].kind]++;
	const char *href = "/me/notices";
	todo_add(t, N_("%lld duties of public notices overdue"), count[ALERT_OVERDUE], href, 1);
	todo_add(t, N_("%lld notices drafted, not published yet"), count[ALERT_DRAFT], href, 0);
	todo_add(t, N_("%lld notices past their posting period, to archive"), count[ALERT_EXPIRED],
		  href, 0);
	return rc;
}

/* GET /me/notices: each notice that needs the officer, and why. */
int page_my_notices(struct req *r)
{
	struct notice_alert *v;
	size_t n;
	if (!perm_may_somewhere(&r->ctx, ACT_PUBLISH_NOTICES))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	int rc = notice_alerts(&r->ctx, &v, &n);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, T(r, "Public notices that need you"));
	page_back(r, "/me", T(r, "My page"));
	page_heading(r, T(r, "Public notices that need you"));
	if (!n)
		page_note(r, "done", T(r, "Nothing is overdue."));
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, v[i].kind == ALERT_OVERDUE ? "<li class=\"overdue\">" : "<li>");
		html_link(b, link_notice(r, v[i].notice_id, NULL), v[i].title);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, v[i].unit_name);
		html_raw(b, "</span> · ");
		html_txt(b, alert_text(r, &v[i]));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
	layout_end(r);
	return 0;
}

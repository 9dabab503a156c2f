/*
 * A community meeting on the web: the head's actions (call, open, motions,
 * counts, close), the register for checking representatives in on a phone,
 * the invitations with their QR codes, the minutes, and an iCalendar file.
 * Its part of the matter's page is meeting_view.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/registry/household.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "print/ics.h"
#include "print/meeting_pdf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/decide/decide_impl.h"

/* ------------------------------------------------------------- actions */

int page_meeting_schedule(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return matter_page_after(r, rc);
	int64_t at = page_local_instant(req_form(r, "starts_on"), req_form(r, "starts_time"));
	if (!at)
		return matter_page_after(r, dv_fail(&r->ctx.err, DV_EINVAL, "starts_on",
						    "Give the day and the hour of the meeting"));
	return matter_page_after(r, meeting_schedule(&r->ctx, r->params[0], at,
						     req_form(r, "place")));
}

int page_meeting_open(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = meeting_open(&r->ctx, r->params[0], req_form(r, "chair"),
				  req_form(r, "secretary"));
	return matter_page_after(r, rc);
}

int page_motion_add(struct req *r)
{
	int rc = req_form_parse(r);
	enum motion_kind k = MOTION_MAIN;
	enum motion_method how = VOTE_HANDS;
	const char *kind = req_form(r, "kind"), *method = req_form(r, "method");
	if (!rc && kind)
		rc = motion_kind_parse(kind, &k, &r->ctx.err);
	if (!rc && method)
		rc = motion_method_parse(method, &how, &r->ctx.err);
	if (!rc)
		rc = motion_add(&r->ctx, r->params[0], k, req_form(r, "text"), how,
				req_form(r, "members"), NULL);
	return matter_page_after(r, rc);
}

/* A count field: a whole number, -1 when it is not one. */
static int64_t count_of(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	char *end;
	long long n = v && *v ? strtoll(v, &end, 10) : 0;
	return v && *v && *end ? -1 : n;
}

int page_motion_record(struct req *r)
{
	int64_t motion = r->params[0], matter = 0;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	if ((rc = motion_matter(&r->ctx, motion, &matter)))
		return rc;
	r->params[0] = matter; /* the page to come back to */
	if (req_form(r, "option0")) {
		int64_t counts[MATTER_OPTIONS_MAX];
		size_t n = 0;
		char name[16];
		for (; n < MATTER_OPTIONS_MAX; n++) {
			snprintf(name, sizeof(name), "option%zu", n);
			if (!req_form(r, name))
				break;
			if ((counts[n] = count_of(r, name)) < 0)
				return matter_page_after(
					r, dv_fail(&r->ctx.err, DV_EINVAL, "yes",
						   "Write the counts as whole numbers"));
		}
		return matter_page_after(r, motion_record_options(&r->ctx, motion, counts, n));
	}
	int64_t yes = count_of(r, "yes"), no = count_of(r, "no"), abstain = count_of(r, "abstain");
	if (yes < 0 || no < 0 || abstain < 0)
		return matter_page_after(r, dv_fail(&r->ctx.err, DV_EINVAL, "yes",
						    "Write the counts as whole numbers"));
	return matter_page_after(r, motion_record(&r->ctx, motion, yes, no, abstain));
}

int page_meeting_close(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return matter_page_after(r, rc);
	int64_t at = page_local_instant(req_form(r, "ballots_on"), req_form(r, "ballots_time"));
	return matter_page_after(r, meeting_close(&r->ctx, r->params[0], at, NULL));
}

/* ------------------------------------------------------------ register */

static void register_row(struct req *r, int64_t matter, const struct attendee *a)
{
	struct buf *b = &r->out;
	html_raw(b, a->present ? "<li class=\"present\">" : "<li>");
	html_raw(b, "<span>");
	html_txt(b, a->address);
	if (*a->representative) {
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, a->representative);
		html_raw(b, "</span>");
	}
	html_raw(b, "</span>");
	if (a->present) {
		html_raw(b, " <strong class=\"done\">");
		html_txt(b, T(r, "present"));
		html_raw(b, "</strong>");
	} else {
		form_begin(r, link_matter(r, matter, "checkin"), "inline primary");
		form_hidden(r, "household", arena_printf(&r->arena, "%lld", (long long)a->household_id));
		form_hidden(r, "q", req_query(r, "q"));
		html_raw(b, "<button type=\"submit\">");
		html_txt(b, T(r, "Here"));
		html_raw(b, "</button>");
		form_end(r);
	}
	html_raw(b, "</li>");
}

int page_meeting_register(struct req *r)
{
	struct matter mt;
	struct meeting m;
	struct attendee *v;
	size_t n;
	const char *q = req_query(r, "q");
	int rc = meeting_get(&r->ctx, r->params[0], &mt, &m);
	if (rc || (rc = meeting_register(&r->ctx, mt.id, q, &v, &n)))
		return rc == DV_EPERM ? dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
						"There is no page at this address.")
				      : rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Register"), mt.title);
	layout_begin(r, title);
	page_back(r, link_matter(r, mt.id, NULL), mt.title);
	page_heading(r, title);
	meeting_quorum_panel(r, &m);
	if (m.status != MEET_OPEN)
		page_note(r, "banner", T(r, "The meeting is not in session."));
	form_search(r, NULL, T(r, "Find a household by address or name"), q, 100, 0);
	html_raw(&r->out, "<ul class=\"register\">");
	for (size_t i = 0; i < n; i++)
		register_row(r, mt.id, &v[i]);
	html_raw(&r->out, "</ul>");
	layout_end(r);
	return 0;
}

int page_meeting_checkin(struct req *r)
{
	int already;
	int64_t h = 0;
	int rc = req_form_parse(r);
	const char *q = req_form(r, "q");
	if (!rc && !(rc = req_form_id(r, "household", &h)))
		rc = meeting_check_in(&r->ctx, r->params[0], h, &already);
	if (rc)
		return rc;
	res_redirect(r, link_query(r, link_matter(r, r->params[0], "register"), "q", q));
	return 0;
}

/* The QR code on an invitation: a page that checks the household in with
 * one tap (a scan is a GET; the check-in is the POST it leads to). */
int page_meeting_code(struct req *r)
{
	struct matter mt;
	struct meeting m;
	int rc = meeting_get(&r->ctx, r->params[0], &mt, &m);
	if (rc)
		return rc;
	layout_begin(r, T(r, "Check in"));
	page_heading(r, mt.title);
	meeting_quorum_panel(r, &m);
	if (!perm_may(&r->ctx, ACT_RECORD_REACH, mt.unit_id)) {
		page_note(r, "hint", T(r, "Show this invitation to the community head at the door."));
	} else {
		form_begin(r, link_checkin(r, mt.id, r->sparam),
			   "stacked");
		form_submit(r, T(r, "Check this household in"));
		form_end(r);
	}
	layout_end(r);
	return 0;
}

int page_meeting_code_post(struct req *r)
{
	int64_t hid;
	int already;
	int rc = meeting_check_in_code(&r->ctx, r->params[0], r->sparam, &hid, &already);
	if (rc)
		return rc;
	res_redirect(r, link_matter(r, r->params[0], "register"));
	return 0;
}

/* ----------------------------------------------------------- documents */

int matter_papers(struct req *r, const struct matter *mt, struct meeting_paper *p)
{
	struct unit u, ward;
	int64_t ward_id = 0;
	int rc = unit_get(&r->ctx, mt->unit_id, &u);
	if (rc)
		return rc;
	p->community = arena_printf(&r->arena, "%s", unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	p->ward = "";
	if (!unit_commune_of(&r->ctx, u.id, &ward_id) && !unit_get(&r->ctx, ward_id, &ward))
		p->ward = arena_printf(&r->arena, "%s", unit_title(&r->arena, r->ctx.lang, ward.kind, ward.name));
	p->reason = matter_reason(&r->ctx, mt);
	return 0;
}

int page_meeting_minutes(struct req *r)
{
	struct matter mt;
	struct meeting m;
	struct meeting_paper p;
	int rc = meeting_get(&r->ctx, r->params[0], &mt, &m);
	if (rc || (rc = matter_papers(r, &mt, &p)))
		return rc;
	if (m.status == MEET_SCHEDULED)
		return dv_fail(&r->ctx.err, DV_ECONFLICT, NULL, "The meeting has not begun");
	if ((rc = minutes_pdf(&mt, &m, &p, r->ctx.lang, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "inline; filename=\"minutes-%lld.pdf\"", (long long)mt.id));
	return 0;
}

int page_meeting_invitations(struct req *r)
{
	struct matter mt;
	struct meeting m;
	struct meeting_paper p;
	int64_t *ids;
	const char **codes;
	size_t n;
	int rc = meeting_get(&r->ctx, r->params[0], &mt, &m);
	if (rc || (rc = matter_papers(r, &mt, &p)) ||
	    (rc = meeting_invite_codes(&r->ctx, mt.id, &ids, &codes, &n)))
		return rc;
	if (!n)
		return dv_fail(&r->ctx.err, DV_EINVAL, NULL, "This community has no households");
	struct meeting_slip *v = arena_array(&r->arena, struct meeting_slip, n);
	for (size_t i = 0; i < n; i++) {
		struct household h;
		if ((rc = household_load(&r->ctx, ids[i], &h)))
			return rc;
		v[i].address = h.address;
		v[i].representative = h.representative_name;
		v[i].checkin_url = arena_printf(&r->arena, "%s/matters/%lld/checkin/%s",
						r->public_url, (long long)mt.id, codes[i]);
	}
	if ((rc = meeting_slips_pdf(&mt, &m, &p, v, n, r->ctx.lang, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"meeting-%lld.pdf\"",
				(long long)mt.id));
	return 0;
}

int page_meeting_ics(struct req *r)
{
	struct matter mt;
	struct meeting m;
	int rc = meeting_get(&r->ctx, r->params[0], &mt, &m);
	if (rc)
		return rc;
	r->status = 200;
	r->content_type = "text/calendar; charset=utf-8";
	ics_calendar(&r->out,
		     &(struct ics_event){
			     .uid = arena_printf(&r->arena, "meeting-%lld@danvan", (long long)mt.id),
			     .stamp = r->ctx.now,
			     .start = m.starts_at,
			     .end = m.starts_at + 2 * 3600,
			     .summary = arena_printf(&r->arena, T(r, "Community meeting: %s"), mt.title),
			     .location = m.place,
			     .url = arena_printf(&r->arena, "%s%s", r->public_url,
						 link_matter(r, mt.id, NULL)),
			     .description = mt.body,
		     });
	return 0;
}

/*
 * A community meeting on the web: its place on the matter's page (time,
 * place, invitation, quorum, motions, minutes), the head's forms, the
 * register for checking representatives in on a phone, the invitations
 * with their QR codes, the minutes, and an iCalendar file.
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
#include "print/meeting_pdf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/decide/decide_impl.h"

static void day_and_time(struct req *r, const char *day, const char *label, const char *time,
			 int64_t when, const struct form_errors *fe)
{
	html_raw(&r->out, "<div class=\"row\">");
	form_input(r,
		   &(struct field){.name = day, .label = label,
				   .value = page_date_iso(r, time_local_date(when)), .type = "date",
				   .required = 1},
		   fe);
	form_input(r, &(struct field){.name = time, .label = T(r, "at"), .value = "19:00",
				      .type = "time", .required = 1},
		   fe);
	html_raw(&r->out, "</div>");
}

/* ---------------------------------------------------------- on the page */

static void schedule_form(struct req *r, const struct matter *mt, const struct form_errors *fe)
{
	html_raw(&r->out, "<section class=\"tools\"><h2>");
	html_txt(&r->out, T(r, "Call the meeting"));
	html_raw(&r->out, "</h2>");
	form_begin(r, link_matter(r, mt->id, "schedule"), "stacked");
	day_and_time(r, "starts_on", T(r, "The meeting is on"), "starts_time",
		     r->ctx.now + 7 * 86400, fe);
	form_input(r,
		   &(struct field){.name = "place", .label = T(r, "Place"),
				   .value = req_form(r, "place"),
				   .hint = T(r, "The cultural house, a school yard…"), .required = 1,
				   .maxlength = MEETING_PLACE_MAX},
		   fe);
	form_submit(r, T(r, "Call the meeting and post the invitation"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static void quorum_panel(struct req *r, const struct meeting *m)
{
	struct buf *b = &r->out;
	long long need = (long long)(m->eligible * m->quorum / 100 + 1);
	html_raw(b, "<section class=\"quorum\"><p class=\"big\"><strong>");
	html_txtf(b, "%lld / %lld", (long long)m->present, (long long)m->eligible);
	html_raw(b, "</strong> ");
	html_txt(b, T(r, "households' representatives present"));
	html_raw(b, "</p><p class=\"");
	html_raw(b, m->quorate ? "done\">" : "late\">");
	html_txt(b, m->quorate ? arena_printf(&r->arena, T(r, "Quorate: more than %d%% are here."),
					      m->quorum)
			       : arena_printf(&r->arena,
					      T(r, "Not quorate yet: %lld are needed (more than "
						   "%d%%)."),
					      need, m->quorum));
	html_raw(b, "</p></section>");
}

static void motion_item(struct req *r, const struct matter *mt, const struct motion *o,
			int manage)
{
	int by_option = o->kind == MOTION_MAIN && !mt->yesno;
	struct buf *b = &r->out;
	html_raw(b, "<li><p><strong>");
	html_txt(b, o->text);
	html_raw(b, "</strong> <span class=\"meta\">");
	html_txt(b, o->method == VOTE_SECRET ? T(r, "Secret ballot") : T(r, "Show of hands"));
	html_raw(b, "</span></p>");
	if (*o->members)
		page_note(r, "meta", o->members);
	if (o->decided && o->by_option) {
		election_counts(r, mt, o);
		html_raw(b, o->passed ? "<p><strong class=\"done\">" : "<p><strong class=\"late\">");
		html_txt(b, o->passed ? T(r, "Elected with more than half of those present")
				      : T(r, "Nobody has more than half of those present"));
		html_raw(b, "</strong></p></li>");
		return;
	}
	if (o->decided) {
		html_raw(b, "<p>");
		html_txtf(b, T(r, "%lld agreed, %lld disagreed, %lld no opinion, of %lld present:"),
			  (long long)o->yes, (long long)o->no, (long long)o->abstain,
			  (long long)o->present);
		html_raw(b, o->passed ? " <strong class=\"done\">" : " <strong class=\"late\">");
		html_txt(b, o->passed ? T(r, "Passed") : T(r, "Not passed"));
		html_raw(b, "</strong></p></li>");
		return;
	}
	if (manage && by_option) {
		election_count_form(r, mt, o);
	} else if (manage) {
		form_begin(r, link_motion(r, o->id, "record"), "duty");
		const char *names[] = {"yes", "no", "abstain"};
		const char *labels[] = {T(r, "Agree"), T(r, "Disagree"), T(r, "No opinion")};
		for (int i = 0; i < 3; i++) {
			html_raw(b, "<label>");
			html_txt(b, labels[i]);
			html_raw(b, " <input type=\"number\" min=\"0\" inputmode=\"numeric\" name=\"");
			html_raw(b, names[i]);
			html_raw(b, "\" value=\"0\"></label>");
		}
		html_raw(b, "<button type=\"submit\">");
		html_txt(b, T(r, "Enter the count"));
		html_raw(b, "</button>");
		form_end(r);
	}
	html_raw(b, "</li>");
}

static void motion_form(struct req *r, const struct matter *mt, const struct meeting *m,
			const struct form_errors *fe)
{
	int has_main = 0;
	for (size_t i = 0; i < m->nmotions; i++)
		has_main |= m->motions[i].kind == MOTION_MAIN;
	form_begin(r, link_matter(r, mt->id, "motions"), "stacked");
	form_select_names(r, "kind", T(r, "Put to the vote"), has_main ? "other" : "main",
			  motion_kind_names, MOTION_KIND_COUNT, fe);
	form_select_names(r, "method", T(r, "How"), "hands", motion_method_names,
			  MOTION_METHOD_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "text", .label = T(r, "Text of the motion"),
				   .hint = T(r, "Empty for the matter itself"),
				   .maxlength = MOTION_TEXT_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "members", .label = T(r, "Counting committee"),
				      .hint = T(r, "For a counting committee: one name per line")},
		      3, fe);
	form_submit(r, T(r, "Put to the vote"));
	form_end(r);
}

static void close_form(struct req *r, const struct matter *mt, const struct meeting *m,
		       const struct form_errors *fe)
{
	form_begin(r, link_matter(r, mt->id, "close"), "stacked");
	if (!m->quorate && mt->type != MT_RULES && mt->type != MT_HEAD && mt->type != MT_BOARDS) {
		page_note(r, "hint",
			  T(r, "Without a quorum the matter goes to household ballots, closing:"));
		day_and_time(r, "ballots_on", T(r, "Ballots close on"), "ballots_time",
			     r->ctx.now + 7 * 86400, fe);
	}
	form_submit(r, T(r, "Close the meeting"));
	form_end(r);
}

static void open_tools(struct req *r, const struct matter *mt, const struct meeting *m,
		       const struct form_errors *fe)
{
	struct buf *b = &r->out;
	int manage = perm_may(&r->ctx, ACT_CONVENE_MEETINGS, mt->unit_id);
	quorum_panel(r, m);
	if (perm_may(&r->ctx, ACT_RECORD_REACH, mt->unit_id)) {
		html_raw(b, "<p>");
		html_link(b, link_matter(r, mt->id, "register"),
			  T(r, "Check representatives in"));
		html_raw(b, "</p>");
	}
	html_raw(b, "<section class=\"motions\"><h2>");
	html_txt(b, T(r, "Votes"));
	html_raw(b, "</h2><ol>");
	for (size_t i = 0; i < m->nmotions; i++)
		motion_item(r, mt, &m->motions[i], manage);
	html_raw(b, "</ol>");
	if (manage) {
		motion_form(r, mt, m, fe);
		close_form(r, mt, m, fe);
	}
	html_raw(b, "</section>");
}

static void open_form(struct req *r, const struct matter *mt, const struct form_errors *fe)
{
	form_begin(r, link_matter(r, mt->id, "register/open"), "stacked");
	form_input(r,
		   &(struct field){.name = "chair", .label = T(r, "Chaired by"),
				   .value = r->ctx.actor->display_name, .required = 1,
				   .maxlength = MEETING_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "secretary", .label = T(r, "Minutes taken by"),
				   .value = req_form(r, "secretary"), .required = 1,
				   .maxlength = MEETING_NAME_MAX},
		   fe);
	form_submit(r, T(r, "Open the meeting's register"));
	form_end(r);
}

static void facts(struct req *r, const struct matter *mt, const struct meeting *m)
{
	struct buf *b = &r->out;
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "When"));
	html_raw(b, "</dt><dd>");
	html_txt(b, page_time(r, m->starts_at));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Place"));
	html_raw(b, "</dt><dd>");
	html_txt(b, m->place);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Meeting"));
	html_raw(b, "</dt><dd>");
	html_txt(b, T(r, meeting_status_label(m->status)));
	html_raw(b, "</dd></dl><p class=\"links\">");
	if (m->notice_id)
		html_link(b, link_notice(r, m->notice_id, NULL), T(r, "The invitation"));
	html_link(b, link_matter(r, mt->id, "meeting.ics"), T(r, "Add to my calendar"));
	if (m->status != MEET_SCHEDULED)
		html_link(b, link_matter(r, mt->id, "minutes.pdf"),
			  T(r, "Minutes (PDF)"));
	if (m->followup_id)
		html_link(b, link_matter(r, m->followup_id, NULL),
			  T(r, "The household ballots it went to"));
	html_raw(b, "</p>");
}

void meeting_section(struct req *r, const struct matter *mt, const struct form_errors *fe)
{
	struct meeting m;
	struct matter again;
	int manage = perm_may(&r->ctx, ACT_CONVENE_MEETINGS, mt->unit_id);
	if (meeting_get(&r->ctx, mt->id, &again, &m)) {
		if (manage && mt->status == MS_DRAFT)
			schedule_form(r, mt, fe);
		return;
	}
	html_raw(&r->out, "<section class=\"meeting\"><h2>");
	html_txt(&r->out, T(r, "Community meeting"));
	html_raw(&r->out, "</h2>");
	facts(r, mt, &m);
	if (m.status == MEET_SCHEDULED && manage) {
		form_begin(r, link_matter(r, mt->id, "invitations"), "inline");
		html_raw(&r->out, "<button type=\"submit\">");
		html_txt(&r->out, T(r, "Print the invitations (PDF, with QR codes)"));
		html_raw(&r->out, "</button>");
		form_end(r);
		open_form(r, mt, fe);
	} else if (m.status == MEET_OPEN) {
		open_tools(r, mt, &m, fe);
	} else if (m.status == MEET_CLOSED) {
		quorum_panel(r, &m);
		html_raw(&r->out, "<ol class=\"motions\">");
		for (size_t i = 0; i < m.nmotions; i++)
			motion_item(r, mt, &m.motions[i], 0);
		html_raw(&r->out, "</ol>");
	}
	html_raw(&r->out, "</section>");
}

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
	html_raw(&r->out, "<p class=\"crumbs-back\">");
	html_link(&r->out, link_matter(r, mt.id, NULL), mt.title);
	html_raw(&r->out, "</p>");
	page_heading(r, title);
	quorum_panel(r, &m);
	if (m.status != MEET_OPEN)
		page_note(r, "banner", T(r, "The meeting is not in session."));
	html_raw(&r->out, "<form method=\"get\" class=\"search\" role=\"search\"><label for=\"q\">");
	html_txt(&r->out, T(r, "Find a household by address or name"));
	html_raw(&r->out, "</label><input id=\"q\" name=\"q\" type=\"search\" maxlength=\"100\" value=\"");
	html_attr(&r->out, q ? q : "");
	html_raw(&r->out, "\"><button type=\"submit\">");
	html_txt(&r->out, T(r, "Search"));
	html_raw(&r->out, "</button></form><ul class=\"register\">");
	for (size_t i = 0; i < n; i++)
		register_row(r, mt.id, &v[i]);
	html_raw(&r->out, "</ul>");
	layout_end(r);
	return 0;
}

int page_meeting_checkin(struct req *r)
{
	int already;
	int rc = req_form_parse(r);
	const char *h = req_form(r, "household"), *q = req_form(r, "q");
	if (!rc)
		rc = meeting_check_in(&r->ctx, r->params[0], h ? strtoll(h, NULL, 10) : 0, &already);
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
	quorum_panel(r, &m);
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
	p->community = arena_printf(&r->arena, "%s %s", T(r, unit_kind_label(u.kind)), u.name);
	p->ward = "";
	if (!unit_commune_of(&r->ctx, u.id, &ward_id) && !unit_get(&r->ctx, ward_id, &ward))
		p->ward = arena_printf(&r->arena, "%s %s", T(r, unit_kind_label(ward.kind)),
				       ward.name);
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

/* RFC 5545 text: backslash, semicolon, comma and newline escaped. */
static void ics_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			buf_adds(b, "\\n");
			continue;
		}
		if (*s == '\\' || *s == ';' || *s == ',')
			buf_addch(b, '\\');
		if ((unsigned char)*s >= 0x20)
			buf_addch(b, *s);
	}
}

static void ics_time(struct buf *b, int64_t t)
{
	struct buf iso = BUF_INIT;
	time_format_iso(&iso, t); /* 2026-12-10T12:00:00Z */
	for (const char *p = iso.ptr; *p; p++)
		if (*p != '-' && *p != ':')
			buf_addch(b, *p);
	buf_release(&iso);
}

int page_meeting_ics(struct req *r)
{
	struct matter mt;
	struct meeting m;
	struct buf *b = &r->out;
	int rc = meeting_get(&r->ctx, r->params[0], &mt, &m);
	if (rc)
		return rc;
	r->status = 200;
	r->content_type = "text/calendar; charset=utf-8";
	buf_adds(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//danvan//meeting//VI\r\n"
		    "BEGIN:VEVENT\r\n");
	buf_addf(b, "UID:meeting-%lld@danvan\r\nDTSTAMP:", (long long)mt.id);
	ics_time(b, r->ctx.now);
	buf_adds(b, "\r\nDTSTART:");
	ics_time(b, m.starts_at);
	buf_adds(b, "\r\nDTEND:");
	ics_time(b, m.starts_at + 2 * 3600);
	buf_adds(b, "\r\nSUMMARY:");
	ics_text(b, arena_printf(&r->arena, T(r, "Community meeting: %s"), mt.title));
	buf_adds(b, "\r\nLOCATION:");
	ics_text(b, m.place);
	buf_addf(b, "\r\nURL:%s/matters/%lld\r\nDESCRIPTION:", r->public_url, (long long)mt.id);
	ics_text(b, mt.body);
	buf_adds(b, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
	return 0;
}

int page_matter_ballots_pdf(struct req *r)
{
	struct matter mt;
	struct meeting_paper p;
	struct ballot_sheet *v;
	size_t n;
	int rc = matter_get(&r->ctx, r->params[0], &mt);
	if (rc || (rc = matter_papers(r, &mt, &p)) || (rc = ballot_sheets(&r->ctx, mt.id, &v, &n)))
		return rc;
	const char **labels = arena_array(&r->arena, const char *, mt.noptions + 1);
	for (size_t i = 0; i < mt.noptions; i++)
		labels[i] = mt.yesno ? T(r, mt.options[i].label) : mt.options[i].label;
	if ((rc = ballot_sheets_pdf(&mt, labels, &p, v, n, r->ctx.lang, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"ballots-%lld.pdf\"",
				(long long)mt.id));
	return 0;
}

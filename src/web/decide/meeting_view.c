/*
 * A community meeting's part of its matter's page: time and place, the
 * quorum, the motions and their counts, and the head's forms for each step
 * (call, open the register, put motions, close). The forms post to the
 * handlers of page_meeting.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"
#include "web/form.h"
#include "web/html.h"
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

void meeting_quorum_panel(struct req *r, const struct meeting *m)
{
	struct buf *b = &r->out;
	long long need = (long long)(m->eligible * m->quorum / 100 + 1);
	html_raw(b, "<div class=\"quorum\"><p class=\"big\"><strong>");
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
	html_raw(b, "</p></div>");
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
	meeting_quorum_panel(r, m);
	if (perm_may(&r->ctx, ACT_RECORD_REACH, mt->unit_id)) {
		html_raw(b, "<p>");
		html_link(b, link_matter(r, mt->id, "register"),
			  T(r, "Check representatives in"));
		html_raw(b, "</p>");
	}
	page_section(r, "motions", T(r, "Votes"));
	html_raw(b, "<ol>");
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
		meeting_quorum_panel(r, &m);
		html_raw(&r->out, "<ol class=\"motions\">");
		for (size_t i = 0; i < m.nmotions; i++)
			motion_item(r, mt, &m.motions[i], 0);
		html_raw(&r->out, "</ol>");
	}
	html_raw(&r->out, "</section>");
}

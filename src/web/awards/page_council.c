/*
 * The emulation and commendation council on the web: its members, a
 * session with its quorum and each member's vote on each nomination, its
 * minutes as a PDF; and the restricted register of discipline,
 * investigation and inspection, for the council and the inspection staff.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"
#include "print/award_pdf.h"
#include "web/awards/awards.h"
#include "web/awards/awards_impl.h"
#include "web/emulation/emulation.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"

/* ------------------------------------------------------------ the members */

static int council_page(struct req *r, const struct form_errors *fe, int status)
{
	struct unit u;
	struct council_member *m;
	size_t n;
	int rc = unit_get(&r->ctx, r->params[0], &u);
	if (rc || (rc = council_members(&r->ctx, u.id, &m, &n)))
		return rc;
	int may_run = perm_may(&r->ctx, ACT_RUN_AWARDS, u.id);
	if (!may_run && !perm_may(&r->ctx, ACT_EVALUATE_AWARDS, u.id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	struct buf *b = &r->out;
	const char *title = arena_printf(&r->arena, "%s: %s",
					 T(r, "Emulation and commendation council"),
					 subject_unit_title(&r->arena, u.kind, u.name));
	layout_begin(r, title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_awards(r, u.id, NULL), u.name);
	page_heading(r, title);
	if (!n)
		page_note(r, "empty", T(r, "The council has no members yet."));
	html_raw(b, "<ol>");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_txt(b, m[i].name);
		html_raw(b, " · ");
		html_txt(b, m[i].position);
		if (may_run)
			form_button(r, link_council_member(r, m[i].id, "remove"), T(r, "Remove"),
				    "inline secondary");
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
	if (may_run) {
		page_section(r, "tools", T(r, "Add a member"));
		form_begin(r, link_unit(r, u.id, "council"), "stacked");
		form_input(r,
			   &(struct field){.name = "name", .label = T(r, "Full name"),
					   .value = req_form(r, "name"), .required = 1,
					   .maxlength = COUNCIL_NAME_MAX},
			   fe);
		form_input(r,
			   &(struct field){.name = "position", .label = T(r, "Position in the council"),
					   .value = req_form(r, "position"), .required = 1,
					   .hint = T(r, "Chair, vice-chair, member"),
					   .maxlength = COUNCIL_POSITION_MAX},
			   fe);
		form_submit(r, T(r, "Add"));
		form_end(r);
		html_raw(b, "</section>");
	}
	layout_end(r);
	return 0;
}

int page_council(struct req *r)
{
	return council_page(r, NULL, 200);
}

int page_council_add(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = council_member_add(&r->ctx, r->params[0], req_form(r, "name"),
					req_form(r, "position"), NULL);
	return form_after(r, rc, council_page, link_unit(r, r->params[0], "council"));
}

int page_council_remove(struct req *r)
{
	int64_t unit = 0;
	int rc = council_member_unit(&r->ctx, r->params[0], &unit);
	if (rc)
		return rc;
	rc = council_member_remove(&r->ctx, r->params[0]);
	r->params[0] = unit;
	return form_after(r, rc, council_page, link_unit(r, unit, "council"));
}

/* ------------------------------------------------------------ a session */

static const char *quorum_text(struct req *r, int64_t value)
{
	int64_t num, den;
	rule_fraction(value, &num, &den);
	return arena_printf(&r->arena, "%lld/%lld", (long long)num, (long long)den);
}

static void vote_form(struct req *r, const struct council_session *s, const struct nomination *n)
{
	struct buf *b = &r->out;
	form_begin(r, link_council_session(r, s->id, "votes"), "stacked vote");
	form_hidden(r, "nomination", arena_printf(&r->arena, "%lld", (long long)n->id));
	html_raw(b, "<div class=\"row\">");
	for (size_t i = 0; i < s->nattendance; i++) {
		const struct council_member *m = &s->attendance[i];
		if (!m->present)
			continue;
		const char *id = arena_printf(&r->arena, "v%lld-%lld", (long long)n->id,
					      (long long)m->id);
		html_raw(b, "<div class=\"field\"><label for=\"");
		html_attr(b, id);
		html_raw(b, "\">");
		html_txt(b, m->name);
		html_raw(b, "</label><select id=\"");
		html_attr(b, id);
		html_raw(b, "\" name=\"m");
		html_txtf(b, "%lld", (long long)m->id);
		html_raw(b, "\"><option value=\"\">—</option>");
		for (int k = 0; k < CV_COUNT; k++) {
			html_raw(b, "<option value=\"");
			html_attr(b, council_vote_choice_name((enum council_vote_choice)k));
			html_raw(b, "\">");
			html_txt(b, T(r, council_vote_choice_label((enum council_vote_choice)k)));
			html_raw(b, "</option>");
		}
		html_raw(b, "</select></div>");
	}
	html_raw(b, "</div><div class=\"actions\"><button type=\"submit\">");
	html_txt(b, T(r, "Record the votes"));
	html_raw(b, "</button> <button type=\"submit\" name=\"all\" value=\"yes\">");
	html_txt(b, T(r, "Every member present agrees"));
	html_raw(b, "</button></div>");
	form_end(r);
}

static int session_page(struct req *r, const struct form_errors *fe, int status)
{
	struct council_session s;
	struct award_round ar;
	struct nomination *v;
	size_t n;
	int rc = council_session_get(&r->ctx, r->params[0], &s);
	if (rc || (rc = award_round_get(&r->ctx, s.round_id, &ar)) ||
	    (rc = nomination_list(&r->ctx, ar.id, &v, &n)))
		return rc;
	struct buf *b = &r->out;
	const char *title = arena_printf(&r->arena, "%s %s", T(r, "Session of the council,"),
					 page_date(r, s.held_on));
	layout_begin(r, title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_award_round(r, ar.id, NULL), ar.name);
	page_heading(r, title);
	html_raw(b, "<section class=\"quorum\"><p class=\"big\"><strong>");
	html_txtf(b, "%lld/%lld", (long long)s.present, (long long)s.members);
	html_raw(b, "</strong> ");
	html_txt(b, T(r, "members present"));
	html_raw(b, "</p><p>");
	html_txtf(b, T(r, "The council decides with at least %s of its members present (%s): %s."),
		  quorum_text(r, s.quorum), T(r, rule_info(RULE_COUNCIL_QUORUM)->basis),
		  s.quorate ? T(r, "quorate") : T(r, "not quorate, no vote is taken"));
	html_raw(b, " ");
	html_txtf(b, T(r, "A nomination passes with more than %d%% of those present agreeing."),
		  s.majority);
	html_raw(b, "</p></section><p class=\"links\">");
	html_link(b, link_council_session(r, s.id, "minutes.pdf"), T(r, "The minutes (PDF)"));
	html_raw(b, "</p>");
	int may = s.open && s.quorate && ar.may_vote;
	for (size_t i = 0; i < n; i++) {
		if (v[i].status == NS_WITHDRAWN || v[i].status == NS_AWARDED ||
		    v[i].status == NS_FORWARDED)
			continue;
		html_raw(b, "<section class=\"clause\" id=\"n");
		html_txtf(b, "%lld", (long long)v[i].id);
		html_raw(b, "\"><h2>");
		html_txt(b, award_subject_line(r, &v[i].subject));
		html_raw(b, "</h2><p>");
		html_txt(b, award_form_text(r, v[i].form));
		html_raw(b, " · ");
		html_txt(b, v[i].achievement);
		html_raw(b, "</p><p class=\"meta\">");
		html_txt(b, T(r, nomination_status_label(v[i].status)));
		if (v[i].voted) {
			html_raw(b, " · ");
			html_txtf(b, T(r, "%lld of %lld present agreed"), (long long)v[i].yes,
				  (long long)v[i].present);
		}
		html_raw(b, "</p>");
		if (may)
			vote_form(r, &s, &v[i]);
		html_raw(b, "</section>");
	}
	if (s.open && ar.may_vote)
		form_button(r, link_council_session(r, s.id, "close"), T(r, "Close the session"),
			    "inline primary");
	layout_end(r);
	return 0;
}

int page_session(struct req *r)
{
	return session_page(r, NULL, 200);
}

int page_session_vote(struct req *r)
{
	struct council_session s;
	int rc = req_form_parse(r);
	if (rc || (rc = council_session_get(&r->ctx, r->params[0], &s)))
		return rc;
	const char *all = req_form(r, "all");
	int64_t nid = 0;
	if ((rc = req_form_id(r, "nomination", &nid)))
		return form_after(r, rc, session_page, link_council_session(r, s.id, NULL));
	int64_t *members = arena_array(&r->arena, int64_t, s.nattendance + 1);
	const char **votes = arena_array(&r->arena, const char *, s.nattendance + 1);
	size_t k = 0;
	for (size_t i = 0; i < s.nattendance; i++) {
		if (!s.attendance[i].present)
			continue;
		const char *v = all && !strcmp(all, "yes")
					? "yes"
					: req_form(r, arena_printf(&r->arena, "m%lld",
								   (long long)s.attendance[i].id));
		if (!v || !*v)
			continue;
		members[k] = s.attendance[i].id;
		votes[k++] = v;
	}
	int passed;
	rc = nid > 0 ? council_vote(&r->ctx, s.id, nid, members, votes, k, &passed)
		     : dv_fail(&r->ctx.err, DV_EINVAL, "nomination", "No such nomination");
	return form_after(r, rc, session_page,
			  arena_printf(&r->arena, "%s#n%lld", link_council_session(r, s.id, NULL),
				       (long long)nid));
}

int page_session_close(struct req *r)
{
	struct council_session s;
	int rc = council_session_get(&r->ctx, r->params[0], &s);
	if (rc)
		return rc;
	rc = council_session_close(&r->ctx, s.id);
	return rc ? form_after(r, rc, session_page, link_council_session(r, s.id, NULL))
		  : form_after(r, 0, session_page, link_award_round(r, s.round_id, NULL));
}

/* "A, B" of the ballots with vote v; "—" for none. */
static const char *names_of(struct req *r, const struct council_ballot *b, size_t n,
			    enum council_vote_choice v, int64_t *count)
{
	struct buf s = BUF_INIT;
	*count = 0;
	for (size_t i = 0; i < n; i++)
		if (b[i].vote == v) {
			buf_addf(&s, "%s%s", s.len ? ", " : "", b[i].name);
			(*count)++;
		}
	const char *out = arena_strdup(&r->arena, s.len ? s.ptr : "—");
	buf_release(&s);
	return out;
}

int page_session_minutes(struct req *r)
{
	struct council_session s;
	struct award_round ar;
	struct nomination *v;
	size_t n, ni = 0;
	int rc = council_session_get(&r->ctx, r->params[0], &s);
	if (rc || (rc = award_round_get(&r->ctx, s.round_id, &ar)) ||
	    (rc = nomination_list(&r->ctx, ar.id, &v, &n)))
		return rc;
	struct minutes_member *m = arena_array(&r->arena, struct minutes_member, s.nattendance + 1);
	for (size_t i = 0; i < s.nattendance; i++)
		m[i] = (struct minutes_member){s.attendance[i].name, s.attendance[i].position,
					       s.attendance[i].present};
	struct minutes_item *it = arena_array(&r->arena, struct minutes_item, n + 1);
	for (size_t i = 0; i < n; i++) {
		struct council_ballot *bv;
		size_t nb;
		if ((rc = council_votes(&r->ctx, s.id, v[i].id, &bv, &nb)))
			return rc;
		if (!nb)
			continue; /* not voted in this session */
		struct minutes_item *x = &it[ni++];
		x->name = v[i].subject.name;
		x->detail = v[i].subject.detail;
		x->form = award_form_info(v[i].form)->name_vi;
		x->achievement = v[i].achievement;
		x->voted = 1;
		x->yes_names = names_of(r, bv, nb, CV_YES, &x->yes);
		x->no_names = names_of(r, bv, nb, CV_NO, &x->no);
		x->abstain_names = names_of(r, bv, nb, CV_ABSTAIN, &x->abstain);
		x->passed = rule_exceeds(x->yes, s.present, s.majority);
	}
	struct council_minutes c = {.authority = ar.unit_title,
				    .round = ar.name,
				    .held_on = s.held_on,
				    .place = s.place,
				    .members = s.members,
				    .present = s.present,
				    .quorum = quorum_text(r, s.quorum),
				    .quorate = s.quorate,
				    .majority = s.majority,
				    .m = m,
				    .nm = s.nattendance,
				    .items = it,
				    .ni = ni};
	if ((rc = council_minutes_pdf(&c, r->ctx.lang, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "inline; filename=\"bien-ban-hoi-dong-%lld.pdf\"",
				(long long)s.id));
	return 0;
}

/* ------------------------------------------------ the restricted register */

static int restrictions_page(struct req *r, const struct form_errors *fe, int status)
{
	struct unit u;
	struct restriction *v;
	size_t n;
	int rc = unit_get(&r->ctx, r->params[0], &u);
	if (rc)
		return rc;
	rc = restriction_list(&r->ctx, u.id, &v, &n);
	if (rc == DV_EPERM)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	if (rc)
		return rc;
	struct buf *b = &r->out;
	const char *title = arena_printf(&r->arena, "%s: %s",
					 T(r, "Discipline, investigation and inspection"), u.name);
	layout_begin(r, title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_awards(r, u.id, NULL), u.name);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Seen only by the council and the inspection staff; every look is in the "
		       "audit. Nobody listed here while an entry runs can be proposed."));
	static const struct page_col cols[] = {{N_("Who")}, {N_("Why")}, {N_("From")},
					       {N_("Until")}, {N_("Actions"), 0, 1}};
	page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, v[i].active ? "<tr class=\"overdue\"><th scope=\"row\">"
					: "<tr><th scope=\"row\">");
		html_txt(b, award_subject_line(r, &v[i].subject));
		html_raw(b, "</th><td>");
		html_txt(b, T(r, restriction_reason_label(v[i].reason)));
		if (*v[i].note) {
			html_raw(b, "<br><span class=\"meta\">");
			html_txt(b, v[i].note);
			html_raw(b, "</span>");
		}
		html_raw(b, "</td><td>");
		html_txt(b, page_date(r, v[i].from_on));
		html_raw(b, "</td><td>");
		html_txt(b, v[i].lifted_on ? arena_printf(&r->arena, "%s (%s)",
							  page_date(r, v[i].lifted_on),
							  T(r, "lifted"))
			    : v[i].until_on ? page_date(r, v[i].until_on)
					    : T(r, "until lifted"));
		html_raw(b, "</td><td>");
		if (!v[i].lifted_on)
			form_button(r, link_restriction(r, v[i].id, "lift"), T(r, "Lift"),
				    "inline secondary");
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
	page_section(r, "tools", T(r, "Record an entry"));
	form_begin(r, link_unit(r, u.id, "restrictions"), "stacked");
	if ((rc = emulation_subject_select(r, "subject", T(r, "Who"), u.id, (1u << SUBJ_COUNT) - 1,
					   fe)))
		return rc;
	form_input(r,
		   &(struct field){.name = "name", .label = T(r, "The person's full name"),
				   .value = req_form(r, "name"), .maxlength = SUBJECT_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "detail", .label = T(r, "Position and workplace"),
				   .value = req_form(r, "detail"), .maxlength = SUBJECT_DETAIL_MAX},
		   fe);
	form_select_names(r, "reason", T(r, "Why"), req_form(r, "reason"), restriction_reason_names,
			  RR_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "from_on", .label = T(r, "From"),
				   .value = req_form(r, "from_on"), .type = "date", .required = 1},
		   fe);
	form_input(r,
		   &(struct field){.name = "until_on", .label = T(r, "Until (empty: until lifted)"),
				   .value = req_form(r, "until_on"), .type = "date"},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "note", .label = T(r, "Note"),
				      .value = req_form(r, "note"),
				      .maxlength = RESTRICTION_NOTE_MAX},
		      2, fe);
	form_submit(r, T(r, "Record"));
	form_end(r);
	html_raw(b, "</section>");
	layout_end(r);
	return 0;
}

int page_restrictions(struct req *r)
{
	return restrictions_page(r, NULL, 200);
}

int page_restriction_add(struct req *r)
{
	struct restriction_input in = {.unit_id = r->params[0]};
	int rc = req_form_parse(r);
	if (!rc)
		rc = emulation_subject_read(r, "subject", r->params[0], &in.subject);
	if (!rc) {
		in.reason = req_form(r, "reason");
		in.from_on = req_form(r, "from_on");
		in.until_on = req_form(r, "until_on");
		in.note = req_form(r, "note");
		rc = restriction_add(&r->ctx, &in, NULL);
	}
	return form_after(r, rc, restrictions_page, link_unit(r, r->params[0], "restrictions"));
}

int page_restriction_lift(struct req *r)
{
	int64_t unit = 0;
	int rc = restriction_unit(&r->ctx, r->params[0], &unit);
	if (rc)
		return rc;
	rc = restriction_lift(&r->ctx, r->params[0], NULL);
	r->params[0] = unit;
	return form_after(r, rc, restrictions_page, link_unit(r, unit, "restrictions"));
}

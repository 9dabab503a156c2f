/*
 * Matters a community decides: the list, one matter with its ballot for the
 * household or its result, the public tally of receipts, the rules in
 * force; and the head's forms (draft, agreement, opening).
 */
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/date.h"
#include "base/i18n.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"
#include "domain/rules.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/todo.h"
#include "web/decide/decide_impl.h"

#define LIST_SIZE 20

const char *option_label(struct req *r, const struct matter *m,
				const struct matter_option *o)
{
	return m->yesno ? T(r, o->label) : o->label;
}

/* ------------------------------------------------------------------ list */

static void matter_item(struct req *r, const struct matter *m)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><article class=\"item\"><p class=\"kicker\">");
	html_txt(b, T(r, matter_form_label(m->form)));
	html_raw(b, "</p><h2>");
	html_link(b, link_matter(r, m->id, NULL), m->title);
	html_raw(b, "</h2><p class=\"meta\">");
	html_txt(b, m->unit_name);
	html_raw(b, " · ");
	if (m->form == FORM_MEETING && m->status == MS_OPEN) /* called, not yet held */
		html_txt(b, T(r, matter_form_label(m->form)));
	else
		html_txt(b, T(r, matter_status_label(m->status)));
	if (m->status == MS_OPEN && m->form != FORM_MEETING) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "until %s"), page_time(r, m->closes_at));
	} else if (m->has_result) {
		html_raw(b, m->result.passed ? " · <strong class=\"done\">" : " · <strong class=\"late\">");
		html_txt(b, m->result.passed ? T(r, "Passed") : T(r, "Not passed"));
		html_raw(b, "</strong>");
	}
	html_raw(b, "</p></article></li>");
}

int page_matters(struct req *r)
{
	struct matter_filter f = {.status = -1};
	struct matter *v;
	struct unit u;
	size_t n;
	int more;
	int64_t page;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &f.unit_id);
	if (rc ||
	    (rc = req_query_enum(r, "status", matter_status_names, MS_STATUS_COUNT, &f.status)) ||
	    (rc = page_number(r, 10000, &page)))
		return rc;
	if (f.unit_id && unit_get(&r->ctx, f.unit_id, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	rc = matter_list(&r->ctx, &f, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more);
	if (rc == DV_EPERM)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	if (rc)
		return rc;
	const char *title = T(r, "Matters residents decide");
	if (f.unit_id)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "What the households of a community decide together, by a meeting, by "
		       "household ballots or by an online vote, under the Law on Grassroots "
		       "Democracy."));
	html_raw(&r->out, "<p class=\"links\">");
	html_link(&r->out, "/rules", T(r, "The rules in force"));
	if (f.unit_id && perm_may(&r->ctx, ACT_CONVENE_MEETINGS, u.id)) {
		html_link(&r->out, link_matters(r, u.id, "draft"),
			  T(r, "Drafts"));
		if (unit_kind_is_community(u.kind))
			html_link(&r->out, link_unit(r, u.id, "matters/new"),
				  T(r, "Put a matter to the community"));
	}
	html_raw(&r->out, "</p>");
	if (n) {
		html_raw(&r->out, "<ul class=\"items\">");
		for (size_t i = 0; i < n; i++)
			matter_item(r, &v[i]);
		html_raw(&r->out, "</ul>");
	} else {
		page_note(r, "empty", T(r, "No matters here yet."));
	}
	page_pager(r,
		   link_matters(r, f.unit_id, NULL), page, more);
	layout_end(r);
	return 0;
}

/* ------------------------------------------------------------ one matter */

/* A closed matter: where the household checks its ballot. */
static void ballot_closed(struct req *r, const struct matter *m, const char *how)
{
	struct buf *b = &r->out;
	if (!*how)
		return;
	html_raw(b, "<section class=\"ballot\"><p>");
	html_txt(b, strcmp(how, "online") == 0 ? T(r, "Your household voted online.")
					       : T(r, "Your household signed for a paper ballot."));
	html_raw(b, " ");
	html_link(b, link_matter(r, m->id, "tally"), T(r, "Find your receipt in the public tally"));
	html_raw(b, "</p></section>");
}

/* The receipt of the ballot just cast: the one time it is shown. */
static void receipt_once(struct req *r, const char *receipt)
{
	struct buf *b = &r->out;
	html_raw(b, "<p class=\"done\">");
	html_txt(b, T(r, "Your household has voted. Its receipt, shown only this once:"));
	html_raw(b, "</p><p class=\"receipt\"><code>");
	html_txt(b, receipt);
	html_raw(b, "</code></p><p class=\"hint\">");
	html_txt(b,
		 T(r, "Write it down or keep a photo of it. The system keeps nothing that ties "
		      "your household to this receipt, so nobody can show it to you again, not "
		      "even an officer. When voting closes, find it in the public tally to check "
		      "that your ballot was counted as cast."));
	html_raw(b, "</p>");
}

static void vote_form(struct req *r, const struct matter *m)
{
	struct buf *b = &r->out;
	form_begin(r, link_matter(r, m->id, "vote"), "stacked vote");
	html_raw(b, "<fieldset><legend>");
	html_txt(b, T(r, "Your household's choice"));
	html_raw(b, "</legend>");
	for (size_t i = 0; i < m->noptions; i++) {
		html_raw(b, "<div class=\"field radio\"><input type=\"radio\" name=\"choice\" id=\"c");
		html_attr(b, m->options[i].code);
		html_raw(b, "\" value=\"");
		html_attr(b, m->options[i].code);
		html_raw(b, "\"><label for=\"c");
		html_attr(b, m->options[i].code);
		html_raw(b, "\">");
		html_txt(b, option_label(r, m, &m->options[i]));
		html_raw(b, "</label></div>");
	}
	html_raw(b, "</fieldset><p class=\"hint\">");
	html_txt(b, T(r, "One ballot per household, cast once. Its receipt is drawn when you vote "
			 "and shown to you then, and only then."));
	html_raw(b, "</p>");
	form_submit(r, T(r, "Cast the ballot"));
	form_end(r);
}

/* The household's ballot: the form, the receipt just drawn (`cast`, or
 * NULL), or how the household took part. */
static void ballot_box(struct req *r, const struct matter *m, const char *cast)
{
	struct buf *b = &r->out;
	const char *how;
	if (m->status == MS_DRAFT || ballot_mine(&r->ctx, m->id, &how))
		return;
	if (m->status == MS_CLOSED) {
		ballot_closed(r, m, how);
		return;
	}
	html_raw(b, "<section class=\"ballot\" aria-label=\"");
	html_attr(b, T(r, "Your household's ballot"));
	html_raw(b, "\">");
	if (cast)
		receipt_once(r, cast);
	else if (strcmp(how, "online") == 0)
		page_note(r, "done",
			  T(r,
			    "Your household has voted online. Its receipt was shown once, when it "
			    "voted: the system keeps nothing that ties it to your household."));
	else if (strcmp(how, "paper") == 0)
		page_note(r, "done",
			  T(r,
			    "Your household signed for a paper ballot: tick it, tear off the stub "
			    "and keep it, and put the ballot in the ballot box."));
	else
		vote_form(r, m);
	html_raw(b, "</section>");
}

static void result_section(struct req *r, const struct matter *m)
{
	struct buf *b = &r->out;
	if (!m->has_result)
		return;
	html_raw(b, "<section class=\"result\"><h2>");
	html_txt(b, T(r, "Result"));
	html_raw(b, "</h2><p class=\"big\"><strong class=\"");
	html_raw(b, m->result.passed ? "done\">" : "late\">");
	html_txt(b, m->result.passed ? T(r, "Passed") : T(r, "Not passed"));
	html_raw(b, "</strong></p><p>");
	html_txt(b, matter_reason(&r->ctx, m));
	html_raw(b, "</p>");
	if (m->form == FORM_MEETING) {
		html_raw(b, "</section>");
		return; /* the meeting's votes are listed with it */
	}
	html_raw(b, "<table class=\"list keep\"><tbody>");
	for (size_t i = 0; i < m->noptions; i++) {
		html_raw(b, "<tr><th scope=\"row\">");
		html_txt(b, option_label(r, m, &m->options[i]));
		html_raw(b, "</th><td class=\"num\">");
		html_int(b, m->options[i].votes);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "<tr><th scope=\"row\">");
	html_txt(b, T(r, "Did not vote"));
	html_raw(b, "</th><td class=\"num\">");
	html_int(b, m->result.eligible - m->result.cast);
	html_raw(b, "</td></tr></tbody></table><p>");
	html_link(b, link_matter(r, m->id, "tally"),
		  T(r, "Every ballot by its receipt: check yours, or recount"));
	html_raw(b, "</p></section>");
}

static void manage_tools(struct req *r, const struct matter *m, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	int agree = perm_may(&r->ctx, ACT_AGREE_ONLINE_VOTE, m->unit_id);
	if (m->status != MS_DRAFT || (!m->may_manage && !agree))
		return;
	page_section(r, "tools", T(r, "Before voting opens"));
	if (m->form == FORM_ONLINE) {
		html_raw(b, "<p>");
		html_txtf(b, T(r, "Agreement to an online vote: community head %s, front work "
				  "committee %s."),
			  m->head_agreed ? T(r, "yes") : T(r, "not yet"),
			  m->front_agreed ? T(r, "yes") : T(r, "not yet"));
		html_raw(b, "</p>");
		if (agree)
			form_button(r, link_matter(r, m->id, "agree"),
				    T(r, "Record my agreement"), "inline secondary");
	}
	if (m->may_manage && m->form != FORM_MEETING) {
		html_link(b, link_matter(r, m->id, "edit"), T(r, "Edit"));
		form_begin(r, link_matter(r, m->id, "open"), "stacked");
		form_input(r,
			   &(struct field){.name = "closes_on",
					   .label = T(r, "Voting closes on"),
					   .value = page_date_iso(r, time_local_date(r->ctx.now + 7 * 86400)),
					   .type = "date",
					   .required = 1},
			   fe);
		form_input(r,
			   &(struct field){.name = "closes_time",
					   .label = T(r, "at"),
					   .value = "20:00",
					   .type = "time",
					   .required = 1},
			   fe);
		form_submit(r, T(r, "Open voting: issue a ballot to every household"));
		form_end(r);
	}
	html_raw(b, "</section>");
}

/* The matter's page; `cast` is the receipt of a ballot just cast, or NULL. */
static int show_matter(struct req *r, const struct form_errors *fe, int status, const char *cast)
{
	struct matter m;
	struct buf *b = &r->out;
	int rc = matter_get(&r->ctx, r->params[0], &m);
	if (rc)
		return rc;
	layout_begin(r, m.title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_matters(r, m.unit_id, NULL), m.unit_name);
	html_raw(b, "<p class=\"kicker\">");
	html_txtf(b, T(r, "Art. 15, item %d"), m.type);
	html_raw(b, " · ");
	html_txt(b, T(r, matter_type_label(m.type)));
	html_raw(b, "</p>");
	page_heading(r, m.title);
	html_raw(b, "<p class=\"meta\">");
	html_txt(b, T(r, matter_form_label(m.form)));
	if (m.form != FORM_MEETING || m.status != MS_OPEN) { /* a meeting says its own */
		html_raw(b, " · ");
		html_txt(b, T(r, matter_status_label(m.status)));
	}
	if (m.status == MS_OPEN && m.form != FORM_MEETING) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "until %s"), page_time(r, m.closes_at));
		html_raw(b, " · ");
		html_txtf(b, T(r, "%lld of %lld households have voted"), (long long)m.cast,
			  (long long)m.eligible);
	}
	html_raw(b, "</p>");
	if (m.status == MS_DRAFT)
		page_note(r, "banner", T(r, "Draft: not public yet."));
	html_raw(b, "<div class=\"prose\">");
	html_markdown(b, m.body);
	html_raw(b, "</div>");
	if (m.status != MS_CLOSED && m.form != FORM_MEETING)
		page_note(r, "hint",
			  arena_printf(&r->arena,
				       T(r, "It passes when more than %lld%% of all households "
					    "agree (rule in force)."),
				       (long long)rule_value(&r->ctx, RULE_BALLOT_VALIDITY)));
	ballot_box(r, &m, cast);
	if (m.status != MS_DRAFT && m.form == FORM_BALLOT &&
	    perm_may(&r->ctx, ACT_RECORD_REACH, m.unit_id)) {
		html_raw(b, "<p class=\"links\">");
		html_link(b, link_matter(r, m.id, "roll"),
			  T(r, "Paper ballots: printing and the distribution list"));
		if (m.status == MS_OPEN)
			html_link(b, link_matter(r, m.id, "paper"),
				  T(r, "Enter paper ballots (counting team)"));
		html_raw(b, "</p>");
	}
	result_section(r, &m);
	election_section(r, &m, fe);
	if (m.form == FORM_MEETING)
		meeting_section(r, &m, fe);
	else
		manage_tools(r, &m, fe);
	layout_end(r);
	return 0;
}

static int matter_page(struct req *r, const struct form_errors *fe, int status)
{
	return show_matter(r, fe, status, NULL);
}

int page_matter(struct req *r)
{
	return matter_page(r, NULL, 200);
}

/* A refused action: the matter again, the error on top. */
int matter_page_after(struct req *r, int rc)
{
	return form_after(r, rc, matter_page, link_matter(r, r->params[0], NULL));
}

/* A ballot cast is answered with the page itself, not a redirect: it
 * carries the receipt, which is shown this once and kept nowhere (a URL
 * would leave it in logs and histories). */
int page_matter_vote(struct req *r)
{
	const char *receipt;
	int rc = req_form_parse(r);
	if (!rc)
		rc = ballot_cast(&r->ctx, r->params[0], req_form(r, "choice"), &receipt);
	return rc ? matter_page_after(r, rc) : show_matter(r, NULL, 200, receipt);
}

int page_matter_agree(struct req *r)
{
	return matter_page_after(r, matter_agree(&r->ctx, r->params[0]));
}

int page_matter_open(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return matter_page_after(r, rc);
	int64_t at = page_local_instant(req_form(r, "closes_on"), req_form(r, "closes_time"));
	if (!at)
		return matter_page_after(r, dv_fail(&r->ctx.err, DV_EINVAL, "closes_on",
					"Give the day and the hour voting closes"));
	return matter_page_after(r, matter_open(&r->ctx, r->params[0], at));
}

/* -------------------------------------------------------------- the tally */

/* An option code of the tally as the reader reads it: its label in the
 * reader's language (the code itself if no option has it). */
static const char *choice_label(struct req *r, const struct matter *m, const char *code)
{
	for (size_t i = 0; i < m->noptions; i++)
		if (strcmp(m->options[i].code, code) == 0)
			return option_label(r, m, &m->options[i]);
	return code;
}

/* A receipt as typed from a stub: any case, with or without its dash or
 * spaces. */
static int same_receipt(const char *code, const char *typed)
{
	for (;; code++, typed++) {
		while (*code == '-')
			code++;
		while (*typed == '-' || *typed == ' ')
			typed++;
		char t = (char)(*typed >= 'a' && *typed <= 'z' ? *typed - 32 : *typed);
		if (*code != t)
			return 0;
		if (!*code)
			return 1;
	}
}

/* The lookup posts the receipt rather than putting it in the address, so
 * that it stays out of the logs of the server and of any proxy before it,
 * which also see who asks. */
static void receipt_form(struct req *r, const struct matter *m, const char *mine)
{
	struct buf *b = &r->out;
	form_begin(r, link_matter(r, m->id, "tally"), "search");
	html_raw(b, "<label for=\"receipt\">");
	html_txt(b, T(r, "Your receipt"));
	html_raw(b, "</label><input id=\"receipt\" name=\"receipt\" maxlength=\"20\" "
		    "autocomplete=\"off\" value=\"");
	html_attr(b, mine ? mine : "");
	html_raw(b, "\"><button type=\"submit\">");
	html_txt(b, T(r, "Check"));
	html_raw(b, "</button>");
	form_end(r);
}

/* The public tally; `mine` is a receipt to look up, or NULL. */
static int tally_page(struct req *r, const char *mine)
{
	struct matter m;
	struct tally_row *v;
	size_t n;
	struct buf *b = &r->out;
	int rc = matter_get(&r->ctx, r->params[0], &m);
	if (rc || (rc = matter_tally(&r->ctx, m.id, &v, &n)))
		return rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Public tally"), m.title);
	layout_begin(r, title);
	page_back(r, link_matter(r, m.id, NULL), m.title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Every ballot cast, by its receipt code, with no names. Only the household "
		       "that holds a receipt knows it is theirs: enter yours to check how your "
		       "ballot was counted; download the list to recount."));
	receipt_form(r, &m, mine);
	if (mine && *mine) {
		const char *found = NULL;
		for (size_t i = 0; i < n && !found; i++)
			if (same_receipt(v[i].receipt, mine))
				found = v[i].choice;
		page_note(r, found ? "done" : "late",
			  found ? arena_printf(&r->arena, T(r, "Receipt %s is counted as: %s"),
					       mine, choice_label(r, &m, found))
				: arena_printf(&r->arena, T(r, "Receipt %s is not in the tally"),
					       mine));
	}
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_api(r, "matters", m.id, "tally.csv"), T(r, "Download (CSV)"));
	html_link(b, link_api(r, "matters", m.id, "tally.json"), T(r, "Download (JSON)"));
	html_raw(b, "</p><p class=\"meta\">");
	html_txt(b, T(r, "SHA-256 of the CSV file, also written in the audit chain:"));
	html_raw(b, " <code class=\"token\">");
	html_txt(b, m.tally_sha256);
	html_raw(b, "</code></p><p class=\"hint\">");
	html_txt(b, T(r, "This fingerprint was published and written into the audit chain when "
			 "voting closed. Anyone can download the CSV file, compute its SHA-256 "
			 "(for example with sha256sum) and compare it with this one: if they are "
			 "the same, the list was not changed afterwards."));
	html_raw(b, "</p>");
	static const struct page_col cols[] = {{N_("Receipt")}, {N_("Choice")}};
	page_table_begin(r, "list keep", NULL, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<tr><td><code>");
		html_txt(b, v[i].receipt);
		html_raw(b, "</code></td><td>");
		html_txt(b, choice_label(r, &m, v[i].choice));
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
	layout_end(r);
	return 0;
}

int page_matter_tally(struct req *r)
{
	return tally_page(r, NULL);
}

int page_matter_tally_check(struct req *r)
{
	int rc = req_form_parse(r);
	return rc ? rc : tally_page(r, req_form(r, "receipt"));
}

/* ------------------------------------------------------------ for /me */

/* The drafts of one unit the actor convenes in, counted up to a page. */
static int unit_todo(struct req *r, struct todo *t, int64_t unit_id)
{
	struct matter_filter f = {.unit_id = unit_id, .status = MS_DRAFT};
	struct matter *v;
	size_t k;
	int more;
	int rc = matter_list(&r->ctx, &f, 0, MATTER_PAGE_MAX, &v, &k, &more);
	if (!rc)
		todo_add(t, N_("%lld matters drafted, not yet put to the community"), (int64_t)k,
			 link_matters(r, unit_id, "draft"), 0);
	return rc;
}

int decide_todo(struct req *r, struct todo *t)
{
	return todo_each_unit(r, t, ACT_CONVENE_MEETINGS, unit_todo);
}

int decide_household_todo(struct req *r, struct todo *t, int64_t unit_id)
{
	struct matter_filter f = {.unit_id = unit_id, .status = MS_OPEN};
	struct matter *v;
	size_t n;
	int more;
	int64_t ballots = 0, meetings = 0, ballot_id = 0, meeting_id = 0;
	int rc = matter_list(&r->ctx, &f, 0, MATTER_PAGE_MAX, &v, &n, &more);
	for (size_t i = 0; !rc && i < n; i++) {
		const char *how = "";
		if (v[i].form == FORM_MEETING) {
			meetings++;
			meeting_id = v[i].id;
		} else if (!ballot_mine(&r->ctx, v[i].id, &how) && !*how) {
			ballots++; /* on the household's roll, not cast yet */
			ballot_id = v[i].id;
		}
	}
	todo_add(t, N_("%lld ballots for your household to cast"), ballots,
		 ballots == 1 ? link_matter(r, ballot_id, NULL) : link_matters(r, unit_id, "open"),
		 1);
	todo_add(t, N_("%lld community meetings called"), meetings,
		 meetings == 1 ? link_matter(r, meeting_id, NULL) : link_matters(r, unit_id, "open"),
		 0);
	return rc;
}

/* ----------------------------------------------------- for a unit's home */

#define SECTION_MATTERS 5

/* One open matter: its ballot's deadline and turnout, or its meeting's
 * time and place. */
static int open_matter_line(struct req *r, const struct matter *m)
{
	struct buf *b = &r->out;
	html_raw(b, "<li>");
	html_link(b, link_matter(r, m->id, NULL), m->title);
	html_raw(b, " <span class=\"meta\">");
	html_txt(b, m->unit_name);
	html_raw(b, " · ");
	if (m->form == FORM_MEETING) {
		struct meeting mt;
		int rc = meeting_load(&r->ctx, m->id, &mt);
		if (rc)
			return rc;
		html_txtf(b, T(r, "meeting on %s at %s"), page_time(r, mt.starts_at), mt.place);
	} else {
		html_txtf(b, T(r, "vote until %s"), page_time(r, m->closes_at));
		html_raw(b, " · ");
		html_txtf(b, T(r, "%lld of %lld households have voted"), (long long)m->cast,
			  (long long)m->eligible);
	}
	html_raw(b, "</span></li>");
	return 0;
}

int decide_unit_section(struct req *r, int64_t unit_id)
{
	struct matter_filter f = {.unit_id = unit_id, .status = MS_OPEN};
	struct matter *v;
	size_t n;
	int more;
	int rc = matter_list(&r->ctx, &f, 0, SECTION_MATTERS, &v, &n, &more);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	page_section(r, "recent", T(r, "Open votes and meetings"));
	if (!n)
		page_note(r, "empty", T(r, "No vote or meeting is open now."));
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; !rc && i < n; i++)
		rc = open_matter_line(r, &v[i]);
	html_raw(b, "</ul><p class=\"links\">");
	html_link(b, link_matters(r, unit_id, NULL), T(r, "Matters residents decide"));
	html_raw(b, "</p></section>");
	return rc;
}

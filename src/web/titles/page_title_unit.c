/*
 * A community's sheet in a round of "Gia đình văn hóa": the households
 * that registered (and the form to register more), the evaluation meeting
 * (called here, held on the meeting's own pages), the count for each
 * household while the meeting is in session, the exclusions the ward
 * records (seen only by those who record them), and the proposal to the
 * ward.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"
#include "domain/registry/household.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/titles/titles.h"
#include "web/titles/titles_impl.h"

#define HOUSEHOLDS_PAGE 150

struct sheet {
	struct title_round t;
	struct unit u;
	struct title_candidate *c;
	size_t nc;
	int64_t matter, proposed_at;
	struct meeting m;
	int has_meeting;
	int may_run;
};

static int sheet_load(struct req *r, int64_t round_id, int64_t unit_id, struct sheet *s)
{
	int in = 0;
	memset(s, 0, sizeof(*s));
	int rc = title_round_get(&r->ctx, round_id, &s->t);
	if (rc || (rc = unit_get(&r->ctx, unit_id, &s->u)) ||
	    (rc = unit_is_within(&r->ctx, unit_id, s->t.unit_id, &in)))
		return rc;
	s->may_run = perm_may(&r->ctx, ACT_RUN_TITLES, unit_id);
	if (!in || !unit_kind_is_community(s->u.kind) || !s->t.kind.by_meeting ||
	    (!s->may_run && !s->t.may_exclude && !s->t.may_decide))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	if ((rc = title_candidates(&r->ctx, round_id, unit_id, &s->c, &s->nc)))
		return rc;
	rc = title_meeting_of(&r->ctx, round_id, unit_id, &s->matter, &s->proposed_at);
	if (rc == DV_ENOTFOUND)
		return 0;
	if (rc || (rc = meeting_load(&r->ctx, s->matter, &s->m)))
		return rc;
	s->has_meeting = 1;
	return 0;
}

/* ------------------------------------------------------------ the pieces */

static void vote_form(struct req *r, const struct title_candidate *c)
{
	struct buf *b = &r->out;
	const char *id = arena_printf(&r->arena, "%lld", (long long)c->id);
	static const char *const fields[][2] = {
		{"yes", N_("Agree")}, {"no", N_("Disagree")}, {"abstain", N_("No opinion")}};
	form_begin(r, link_title_candidate(r, c->id, "vote"), "inline");
	for (size_t i = 0; i < 3; i++) {
		int64_t v = i == 0 ? c->yes : i == 1 ? c->no : c->abstain;
		html_raw(b, "<label for=\"");
		html_attr(b, fields[i][0]);
		html_attr(b, id);
		html_raw(b, "\">");
		html_txt(b, T(r, fields[i][1]));
		html_raw(b, "</label> <input type=\"number\" min=\"0\" inputmode=\"numeric\" "
			    "size=\"4\" name=\"");
		html_attr(b, fields[i][0]);
		html_raw(b, "\" id=\"");
		html_attr(b, fields[i][0]);
		html_attr(b, id);
		html_raw(b, "\" value=\"");
		if (c->voted)
			html_txtf(b, "%lld", (long long)v);
		html_raw(b, "\"> ");
	}
	html_raw(b, "<button type=\"submit\">");
	html_txt(b, T(r, "Record the count"));
	html_raw(b, "</button>");
	form_end(r);
}

static void exclude_form(struct req *r, const struct title_candidate *c)
{
	struct buf *b = &r->out;
	const char *id = arena_printf(&r->arena, "%lld", (long long)c->id);
	form_begin(r, link_title_candidate(r, c->id, "exclude"), "inline");
	html_raw(b, "<label class=\"sr\" for=\"x");
	html_attr(b, id);
	html_raw(b, "\">");
	html_txt(b, T(r, "What excludes it"));
	html_raw(b, "</label><select name=\"reason\" id=\"x");
	html_attr(b, id);
	html_raw(b, "\">");
	for (int k = 0; k < EX_COUNT; k++) {
		html_raw(b, "<option value=\"");
		html_attr(b, exclusion_reason_name((enum exclusion_reason)k));
		html_raw(b, "\">");
		html_txt(b, T(r, exclusion_reason_label((enum exclusion_reason)k)));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select> <label class=\"sr\" for=\"xn");
	html_attr(b, id);
	html_raw(b, "\">");
	html_txt(b, T(r, "Note (never public)"));
	html_raw(b, "</label><input name=\"note\" maxlength=\"2000\" id=\"xn");
	html_attr(b, id);
	html_raw(b, "\"> <button type=\"submit\">");
	html_txt(b, T(r, "Exclude"));
	html_raw(b, "</button>");
	form_end(r);
}

static void candidates_table(struct req *r, const struct sheet *s)
{
	struct buf *b = &r->out;
	int counting = s->has_meeting && s->m.status == MEET_OPEN && s->m.quorate &&
		       !s->proposed_at && s->may_run && s->t.status == TR_OPEN;
	static const struct page_col cols[] = {{N_("Household")}, {N_("Status")},
					       {N_("Count at the meeting")}, {N_("Actions"), 0, 1}};
	page_table_begin(r, "list", N_("Registered households"), cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < s->nc; i++) {
		const struct title_candidate *c = &s->c[i];
		html_raw(b, "<tr id=\"c");
		html_txtf(b, "%lld", (long long)c->id);
		html_raw(b, "\"><th scope=\"row\">");
		html_txt(b, c->name);
		html_raw(b, "</th><td>");
		html_txt(b, T(r, candidate_status_label(c->status)));
		if (*c->exclusion) {
			html_raw(b, "<br><span class=\"meta\">");
			html_txt(b, T(r, exclusion_reason_label_of(c->exclusion)));
			html_raw(b, "</span>");
		}
		html_raw(b, "</td><td>");
		if (c->voted)
			html_txtf(b, T(r, "%lld of %lld present agreed"), (long long)c->yes,
				  (long long)c->present);
		html_raw(b, "</td><td>");
		if (counting && c->status != TC_EXCLUDED)
			vote_form(r, c);
		if (s->t.may_exclude && s->t.status == TR_OPEN && c->status != TC_EXCLUDED)
			exclude_form(r, c);
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
}

static void meeting_block(struct req *r, const struct sheet *s, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	page_section(r, "tools", T(r, "The evaluation meeting"));
	if (s->has_meeting) {
		html_raw(b, "<p>");
		html_txt(b, T(r, meeting_status_label(s->m.status)));
		html_raw(b, " · ");
		html_txt(b, page_time(r, s->m.starts_at));
		html_raw(b, " · ");
		html_txtf(b, T(r, "%lld present of %lld households"), (long long)s->m.present,
			  (long long)s->m.eligible);
		html_raw(b, " · ");
		html_txt(b, s->m.quorate ? T(r, "quorate") : T(r, "not quorate"));
		html_raw(b, " · ");
		html_link(b, link_matter(r, s->matter, NULL), T(r, "the meeting's page"));
		html_raw(b, "</p>");
		if (s->m.status == MEET_OPEN && s->m.quorate)
			page_note(r, "hint",
				  arena_printf(&r->arena,
					       T(r, "A household is proposed when more than %lld%% "
						    "of those present agree (%s)."),
					       (long long)rule_value(&r->ctx,
								     RULE_TITLE_MEETING_MAJORITY),
					       T(r, rule_info(RULE_TITLE_MEETING_MAJORITY)->basis)));
	}
	int may_call = s->may_run && s->t.status == TR_OPEN && s->nc &&
		       (!s->has_meeting || (s->m.status == MEET_CLOSED && !s->m.quorate)) &&
		       perm_may(&r->ctx, ACT_CONVENE_MEETINGS, s->u.id);
	if (may_call) {
		form_begin(r, link_title_unit(r, s->t.id, s->u.id, "meeting"), "stacked");
		html_raw(b, "<div class=\"row\">");
		form_input(r,
			   &(struct field){.name = "day", .label = T(r, "Day"),
					   .value = req_form(r, "day"), .type = "date",
					   .required = 1},
			   fe);
		form_input(r,
			   &(struct field){.name = "time", .label = T(r, "Time"),
					   .value = req_form(r, "time") ? req_form(r, "time")
									: "19:00",
					   .type = "time", .required = 1},
			   fe);
		html_raw(b, "</div>");
		form_input(r,
			   &(struct field){.name = "place", .label = T(r, "Place"),
					   .value = req_form(r, "place"), .required = 1,
					   .maxlength = MEETING_PLACE_MAX},
			   fe);
		form_submit(r, T(r, "Call the meeting"));
		form_end(r);
	}
	if (s->has_meeting && s->m.status == MEET_CLOSED && !s->proposed_at && s->may_run &&
	    s->t.status == TR_OPEN)
		form_button(r, link_title_unit(r, s->t.id, s->u.id, "propose"),
			    T(r, "Send the proposal to the ward"), "inline primary");
	if (s->proposed_at)
		page_note(r, "done",
			  arena_printf(&r->arena, T(r, "The proposal went to the ward on %s."),
				       page_time(r, s->proposed_at)));
	html_raw(b, "</section>");
}

/* The households not registered yet, with a box each. */
static int register_block(struct req *r, const struct sheet *s, int64_t page)
{
	struct household *h;
	size_t n;
	int more;
	if (!s->may_run || s->t.status != TR_OPEN)
		return 0;
	int rc = household_list(&r->ctx, s->u.id, NULL, (page - 1) * HOUSEHOLDS_PAGE,
				HOUSEHOLDS_PAGE, &h, &n, &more);
	if (rc)
		return rc == DV_EPERM ? 0 : rc;
	struct buf *b = &r->out;
	page_section(r, "tools", T(r, "Register households"));
	form_begin(r, link_title_round(r, s->t.id, "candidates"), "stacked");
	form_hidden(r, "unit", arena_printf(&r->arena, "%lld", (long long)s->u.id));
	html_raw(b, "<ul class=\"register\">");
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		int registered = 0;
		for (size_t k = 0; k < s->nc; k++)
			registered |= s->c[k].ref == h[i].id;
		if (registered)
			continue;
		any = 1;
		const char *id = arena_printf(&r->arena, "h%lld", (long long)h[i].id);
		html_raw(b, "<li><input type=\"checkbox\" name=\"ref\" value=\"");
		html_txtf(b, "%lld", (long long)h[i].id);
		html_raw(b, "\" id=\"");
		html_attr(b, id);
		html_raw(b, "\"> <label for=\"");
		html_attr(b, id);
		html_raw(b, "\">");
		html_txt(b, h[i].address);
		if (*h[i].representative_name) {
			html_raw(b, " · ");
			html_txt(b, h[i].representative_name);
		}
		html_raw(b, "</label></li>");
	}
	html_raw(b, "</ul>");
	if (any)
		form_submit(r, T(r, "Register the ticked households"));
	else
		page_note(r, "empty", T(r, "Every household on this page has registered."));
	form_end(r);
	page_pager(r, link_title_unit(r, s->t.id, s->u.id, NULL), page, more);
	html_raw(b, "</section>");
	return 0;
}

static int sheet_page(struct req *r, const struct form_errors *fe, int status)
{
	struct sheet s;
	int64_t page;
	int rc = page_number(r, 1000, &page);
	if (rc || (rc = sheet_load(r, r->params[0], r->params[1], &s)))
		return rc;
	const char *title = arena_printf(&r->arena, "%s: %s", title_round_name(r, &s.t), s.u.name);
	layout_begin(r, title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_title_round(r, s.t.id, NULL), title_round_name(r, &s.t));
	page_heading(r, title);
	if (s.nc)
		candidates_table(r, &s);
	else
		page_note(r, "empty", T(r, "No household has registered yet."));
	meeting_block(r, &s, fe);
	if ((rc = register_block(r, &s, page)))
		return rc;
	layout_end(r);
	return 0;
}

int page_title_unit(struct req *r)
{
	return sheet_page(r, NULL, 200);
}

int title_unit_after(struct req *r, int64_t round_id, int64_t unit_id, int rc)
{
	r->params[0] = round_id;
	r->params[1] = unit_id;
	r->nparams = 2;
	return form_after(r, rc, sheet_page, link_title_unit(r, round_id, unit_id, NULL));
}

/* --------------------------------------------------------------- actions */

int page_title_meeting(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	int64_t at = page_local_instant(req_form(r, "day"), req_form(r, "time"));
	rc = at ? title_meeting_call(&r->ctx, r->params[0], r->params[1], at, req_form(r, "place"),
				     NULL)
		: dv_fail(&r->ctx.err, DV_EINVAL, "day", "Give the day and the hour of the meeting");
	return title_unit_after(r, r->params[0], r->params[1], rc);
}

int page_title_propose(struct req *r)
{
	return title_unit_after(r, r->params[0], r->params[1],
				title_propose(&r->ctx, r->params[0], r->params[1]));
}

/* The candidate's round and community, for the page to come back to. */
static int candidate_place(struct req *r, int64_t id, int64_t *round, int64_t *unit)
{
	return title_candidate_round(&r->ctx, id, round, unit);
}

static int count_field(struct req *r, const char *name, int64_t *out)
{
	const char *v = req_form(r, name);
	char *end;
	*out = v && *v ? strtoll(v, &end, 10) : 0;
	if (v && *v && (*end || *out < 0 || *out > 1000000))
		return dv_fail(&r->ctx.err, DV_EINVAL, name, "A count is a whole number, 0 or more");
	return 0;
}

int page_title_vote(struct req *r)
{
	int64_t round, unit, yes, no, abstain;
	int rc = req_form_parse(r);
	if (rc || (rc = candidate_place(r, r->params[0], &round, &unit)))
		return rc;
	if (!(rc = count_field(r, "yes", &yes)) && !(rc = count_field(r, "no", &no)) &&
	    !(rc = count_field(r, "abstain", &abstain)))
		rc = title_vote(&r->ctx, r->params[0], yes, no, abstain);
	return title_unit_after(r, round, unit, rc);
}

int page_title_exclude(struct req *r)
{
	int64_t round, unit;
	int rc = req_form_parse(r);
	if (rc || (rc = candidate_place(r, r->params[0], &round, &unit)))
		return rc;
	rc = title_exclude(&r->ctx, r->params[0], req_form(r, "reason"), req_form(r, "note"));
	return title_unit_after(r, round, unit, rc);
}

int page_title_evaluate(struct req *r)
{
	int64_t round, unit;
	int rc = req_form_parse(r);
	if (rc || (rc = candidate_place(r, r->params[0], &round, &unit)))
		return rc;
	const char *meets = req_form(r, "meets");
	rc = title_evaluate(&r->ctx, r->params[0], meets && !strcmp(meets, "1"),
			    req_form(r, "note"));
	return title_round_after(r, round, rc);
}

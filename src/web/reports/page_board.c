/*
 * The People's Inspection Board of a ward on the web: its public page
 * (members, the rules in force, its cases with the authority's answers),
 * recording members and constituting it (the ward's officers), opening a
 * case (the board), and its quarterly report as a PDF.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/decide/matter.h"
#include "domain/registry/unit.h"
#include "domain/reports/report_stats.h"
#include "print/inspection_pdf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/reports/reports_impl.h"

#define CASES_SHOWN 50

int quarter_parse(struct req *r, const char *s, int *year, int *q)
{
	if (!s || !*s) {
		int32_t today = time_local_date(r->ctx.now);
		*year = today / 10000;
		*q = (today / 100 % 100 - 1) / 3 + 1;
		return 0;
	}
	char dash, end;
	if (sscanf(s, "%4d%c%1d%c", year, &dash, q, &end) != 3 || dash != '-' || *q < 1 || *q > 4 ||
	    *year < 2000)
		return dv_fail(&r->ctx.err, DV_EINVAL, "quarter",
			       "The parameter quarter is a year and a quarter, such as 2026-2");
	return 0;
}

void case_item(struct req *r, const struct inspection_case *c)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><article class=\"item\"><p class=\"kicker\">");
	html_txt(b, T(r, case_source_label(c->source)));
	html_raw(b, "</p><h3>");
	html_link(b, link_inspection_case(r, c->id, NULL), c->title);
	html_raw(b, "</h3><p class=\"meta\">");
	html_txt(b, T(r, case_status_label(c->status)));
	html_raw(b, " · ");
	html_txtf(b, T(r, "opened %s"), page_date(r, c->opened_on));
	if (c->recommendations) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "%lld recommendations, %lld answered"),
			  (long long)c->recommendations, (long long)c->answered);
	}
	if (c->overdue) {
		html_raw(b, " · <span class=\"late\">");
		html_txtf(b, T(r, "%lld answers overdue"), (long long)c->overdue);
		html_raw(b, "</span>");
	}
	html_raw(b, "</p></article></li>");
}

static void members_block(struct req *r, const struct board *bd)
{
	struct buf *b = &r->out;
	page_section(r, NULL, T(r, "Members"));
	if (!bd->nmembers) {
		page_note(r, "empty", T(r, "No member has been recorded yet."));
	} else {
		html_raw(b, "<ul class=\"items compact\">");
		for (size_t i = 0; i < bd->nmembers; i++) {
			const struct board_member *m = &bd->members[i];
			html_raw(b, "<li><strong>");
			html_txt(b, m->name);
			html_raw(b, "</strong> · ");
			html_txt(b, T(r, member_position_label(m->position)));
			html_raw(b, " <span class=\"meta\">");
			html_txtf(b, T(r, "elected by %s at"), m->unit_name);
			html_raw(b, " ");
			html_link(b, link_matter(r, m->matter_id, NULL), m->matter_title);
			html_raw(b, "</span>");
			if (bd->may_manage && bd->status != BOARD_ACTIVE) {
				form_button(r, link_inspection_member(r, m->id, "leave"),
					    T(r, "Remove"), "inline secondary");
			} else if (bd->may_manage) {
				/* once constituted, only a dismissal by the community */
				html_raw(b, "<details><summary>");
				html_txt(b, T(r, "Dismissed by the community"));
				html_raw(b, "</summary>");
				form_begin(r, link_inspection_member(r, m->id, "leave"),
					   "inline-form");
				/* an id of its own per member: several of these forms
				 * share the page */
				html_raw(b, "<div class=\"field\"><label for=\"dm-");
				html_txtf(b, "%lld", (long long)m->id);
				html_raw(b, "\">");
				html_txt(b, T(r, "Number of the matter that dismissed them"));
				html_raw(b, "</label><input type=\"number\" name=\"matter\" "
					    "required id=\"dm-");
				html_txtf(b, "%lld", (long long)m->id);
				html_raw(b, "\"></div>");
				form_submit(r, T(r, "Record the dismissal"));
				form_end(r);
				html_raw(b, "</details>");
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	/* the rules, each with how the board stands */
	html_raw(b, "<ul class=\"rules\"><li>");
	html_txtf(b, T(r, "At least %lld members: %zu now."), (long long)bd->members_min,
		  bd->nmembers);
	html_raw(b, "</li><li>");
	html_txtf(b, T(r, "At least %lld from each village or residential group:"),
		  (long long)bd->per_community);
	for (size_t i = 0; i < bd->ncommunities; i++) {
		const struct board_community *c = &bd->communities[i];
		html_raw(b, c->members < bd->per_community ? " <span class=\"late\">" : " <span>");
		html_txtf(b, "%s %lld%s", c->name, (long long)c->members,
			  i + 1 < bd->ncommunities ? "," : "");
		html_raw(b, "</span>");
	}
	html_raw(b, "</li></ul></section>");
}

static void manage_block(struct req *r, const struct board *bd, const struct form_errors *fe)
{
	if (!bd->may_manage)
		return;
	struct buf *b = &r->out;
	page_section(r, "tools", T(r, "Record an elected member"));
	form_begin(r, link_inspection(r, bd->ward_id, "members", NULL), "stacked");
	form_input(r,
		   &(struct field){.name = "name",
				   .label = T(r, "Full name"),
				   .value = req_form(r, "name"),
				   .required = 1,
				   .maxlength = BOARD_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){
			   .name = "matter",
			   .label = T(r, "Number of the matter that elected them"),
			   .value = req_form(r, "matter"),
			   .type = "number",
			   .required = 1,
			   .hint = T(r, "A matter of type 5 decided at the community's meeting"),
			   .maxlength = 15},
		   fe);
	form_select_names(r, "position", T(r, "Position"), req_form(r, "position"),
			  member_position_names, MP_COUNT, fe);
	form_submit(r, T(r, "Record the member"));
	form_end(r);
	if (bd->status != BOARD_ACTIVE && bd->nmembers)
		form_button(r, link_inspection(r, bd->ward_id, "constitute", NULL),
			    T(r, "Constitute the board"), "inline primary");
	html_raw(b, "</section>");
}

static void case_form(struct req *r, const struct board *bd, const struct form_errors *fe)
{
	if (!bd->may_inspect || bd->status != BOARD_ACTIVE)
		return;
	html_raw(&r->out, "<section class=\"tools\"><h2>");
	html_txt(&r->out, T(r, "Open a case"));
	html_raw(&r->out, "</h2>");
	form_begin(r, link_inspection(r, bd->ward_id, "cases", NULL), "stacked");
	form_select_names(r, "source", T(r, "From"), req_form(r, "source"), case_source_names,
			  CASE_SOURCE_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "report",
				   .label = T(r, "Number of the report (from a report)"),
				   .value = req_form(r, "report"),
				   .type = "number",
				   .maxlength = 15},
		   fe);
	form_input(r,
		   &(struct field){.name = "complainant",
				   .label = T(r, "Who complained (never public)"),
				   .value = req_form(r, "complainant"),
				   .maxlength = CASE_COMPLAINANT_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "title",
				   .label = T(r, "Title"),
				   .value = req_form(r, "title"),
				   .required = 1,
				   .maxlength = CASE_TITLE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "subject",
				      .label = T(r, "What the board inspects"),
				      .value = req_form(r, "subject"),
				      .required = 1,
				      .maxlength = CASE_TEXT_MAX},
		      3, fe);
	form_submit(r, T(r, "Open the case"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static int board_page(struct req *r, const struct form_errors *fe, int status)
{
	struct board bd;
	struct inspection_case *cases;
	size_t n;
	int more;
	int rc = board_get(&r->ctx, r->params[0], &bd);
	if (rc || (rc = inspection_case_list(&r->ctx, bd.ward_id, 0, 0, 0, CASES_SHOWN, &cases, &n,
					     &more)))
		return rc;
	const char *title =
		arena_printf(&r->arena, "%s %s", T(r, "People's Inspection Board"), bd.ward_name);
	layout_begin(r, title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_unit(r, bd.ward_id, NULL), bd.ward_name);
	page_heading(r, title);
	html_raw(&r->out, "<p class=\"meta\">");
	html_txt(&r->out, T(r, board_status_label(bd.status)));
	if (bd.constituted_at) {
		html_raw(&r->out, " · ");
		html_txt(&r->out, page_time(r, bd.constituted_at));
	}
	html_raw(&r->out, "</p>");
	page_note(r, "lead",
		  T(r, "Elected by the communities' meetings, the board watches over how the ward "
		       "applies the law, handles residents' reports and complaints, and keeps "
		       "its word. Its recommendations are answered publicly."));
	members_block(r, &bd);
	manage_block(r, &bd, fe);
	html_raw(&r->out, "<section><h2>");
	html_txt(&r->out, T(r, "Cases"));
	html_raw(&r->out, "</h2>");
	if (n) {
		html_raw(&r->out, "<ul class=\"items\">");
		for (size_t i = 0; i < n; i++)
			case_item(r, &cases[i]);
		html_raw(&r->out, "</ul>");
	} else {
		page_note(r, "empty", T(r, "No case yet."));
	}
	int year, q;
	quarter_parse(r, NULL, &year, &q);
	html_raw(&r->out, "<p class=\"links\">");
	html_link(&r->out,
		  link_inspection(r, bd.ward_id, "report.pdf",
				  arena_printf(&r->arena, "%d-%d", year, q)),
		  arena_printf(&r->arena, T(r, "Report of quarter %d/%d (PDF)"), q, year));
	html_link(&r->out, link_reports(r, bd.ward_id, 0, NULL, 0), T(r, "Residents' reports"));
	html_raw(&r->out, "</p></section>");
	case_form(r, &bd, fe);
	layout_end(r);
	return 0;
}

int page_board(struct req *r)
{
	return board_page(r, NULL, 200);
}

int board_page_after(struct req *r, int rc)
{
	return form_after(r, rc, board_page, link_inspection(r, r->params[0], NULL, NULL));
}

static int64_t form_id(struct req *r, const char *name)
{
	const char *s = req_form(r, name);
	char *end;
	long long v = s && *s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && v > 0 && v <= REQ_ID_MAX ? v : 0;
}

int page_board_member_add(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = board_member_add(&r->ctx, r->params[0], form_id(r, "matter"),
				      req_form(r, "name"), req_form(r, "position"), NULL);
	return board_page_after(r, rc);
}

int page_board_member_leave(struct req *r)
{
	int64_t ward = 0;
	int rc = req_form_parse(r);
	if (rc || (rc = board_member_ward(&r->ctx, r->params[0], &ward)))
		return rc;
	int64_t member = r->params[0];
	r->params[0] = ward; /* the page to come back to */
	return board_page_after(r, board_member_leave(&r->ctx, member, form_id(r, "matter")));
}

int page_board_constitute(struct req *r)
{
	return board_page_after(r, board_constitute(&r->ctx, r->params[0]));
}

int page_case_open(struct req *r)
{
	int64_t id = 0;
	int rc = req_form_parse(r);
	struct case_input in = {.source = req_form(r, "source"),
				.report_id = form_id(r, "report"),
				.complainant = req_form(r, "complainant"),
				.title = req_form(r, "title"),
				.subject = req_form(r, "subject")};
	if (!rc)
		rc = inspection_case_open(&r->ctx, r->params[0], &in, &id);
	if (!rc) {
		res_redirect(r, link_inspection_case(r, id, NULL));
		return 0;
	}
	return board_page_after(r, rc);
}

/* ------------------------------------------------------------- the report */

int page_board_report_pdf(struct req *r)
{
	struct board bd;
	struct inspection_case *cases;
	struct report_stats *stats;
	size_t n, nstats;
	int more, year, q;
	int32_t from, to;
	struct unit wu;
	int rc = board_get(&r->ctx, r->params[0], &bd);
	if (rc || (rc = unit_get(&r->ctx, bd.ward_id, &wu)) ||
	    (rc = quarter_parse(r, req_query(r, "quarter"), &year, &q)) ||
	    (rc = inspection_quarter(&r->ctx.err, year, q, &from, &to)) ||
	    (rc = inspection_case_list(&r->ctx, bd.ward_id, from, to, 0, CASE_PAGE_MAX, &cases, &n,
				       &more)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct inspection_case full;
		if ((rc = inspection_case_get(&r->ctx, cases[i].id, &full)))
			return rc;
		cases[i] = full;
	}
	/* the ward's handling of reports in the quarter: public figures */
	const struct actor *was = r->ctx.actor;
	r->ctx.actor = &actor_anonymous;
	rc = report_stats(&r->ctx, bd.ward_id, time_local_midnight(from),
			  time_local_midnight(date_add_days(to, 1)), &stats, &nstats);
	r->ctx.actor = was;
	if (rc)
		return rc;
	struct inspection_paper paper = {
		.year = year,
		.quarter = q,
		.cases = cases,
		.ncases = n,
		.stats = stats,
		.nstats = nstats,
		.lang = r->ctx.lang,
		.today = time_local_date(r->ctx.now),
		.ward = unit_title(&r->arena, r->ctx.lang, wu.kind, bd.ward_name),
		.url = arena_printf(&r->arena, "%s%s", r->public_url,
				    link_inspection(r, bd.ward_id, NULL, NULL))};
	buf_reset(&r->out);
	if ((rc = inspection_pdf(&bd, &paper, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(
		r, "Content-Disposition",
		arena_printf(&r->arena, "inline; filename=\"ban-thanh-tra-%d-q%d.pdf\"", year, q));
	return 0;
}

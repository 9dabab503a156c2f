/*
 * A case of the People's Inspection Board: what it inspects, what it
 * checked and found, its recommendations and the authority's answers
 * (public, the complainant withheld); the board's forms and the
 * authority's answer forms.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/reports/reports_impl.h"

static void entries_block(struct req *r, const struct inspection_case *c)
{
	struct buf *b = &r->out;
	page_section(r, NULL, T(r, "What the board checked and found"));
	if (!c->nentries)
		page_note(r, "empty", T(r, "Nothing recorded yet."));
	html_raw(b, "<ol class=\"timeline\">");
	for (size_t i = 0; i < c->nentries; i++) {
		html_raw(b, "<li><strong>");
		html_txt(b, T(r, entry_kind_label(c->entries[i].kind)));
		html_raw(b, "</strong> <span class=\"meta\">");
		html_txt(b, page_date(r, c->entries[i].on_date));
		html_raw(b, "</span><br>");
		html_txt(b, c->entries[i].text);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>");
}

/* The authority's answer form for one recommendation; ids of its own,
 * several share the page. */
static void answer_form(struct req *r, const struct inspection_rec *rec)
{
	struct buf *b = &r->out;
	const char *id = arena_printf(&r->arena, "ans-%lld", (long long)rec->id);
	html_raw(b, "<details><summary>");
	html_txt(b, rec->outcome == OUTCOME_NONE ? T(r, "Answer") : T(r, "Change the answer"));
	html_raw(b, "</summary>");
	form_begin(r, link_inspection_rec(r, rec->id, "answer"), "stacked");
	html_raw(b, "<fieldset class=\"stances\"><legend>");
	html_txt(b, T(r, "The authority's decision"));
	html_raw(b, "</legend>");
	for (int o = OUTCOME_ACCEPTED; o < OUTCOME_COUNT; o++) {
		const char *oid = arena_printf(&r->arena, "%s-%d", id, o);
		html_raw(b, "<div class=\"field radio\"><input type=\"radio\" name=\"outcome\" "
			    "value=\"");
		html_attr(b, outcome_name((enum outcome)o));
		html_raw(b, "\" id=\"");
		html_attr(b, oid);
		html_raw(b,
			 o == OUTCOME_ACCEPTED ? "\" checked><label for=\"" : "\"><label for=\"");
		html_attr(b, oid);
		html_raw(b, "\">");
		html_txt(b, T(r, outcome_label((enum outcome)o)));
		html_raw(b, "</label></div>");
	}
	html_raw(b, "</fieldset><div class=\"field\"><label for=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_txt(b, T(r, "The answer, with its reasons (public)"));
	html_raw(b, "</label><textarea name=\"answer\" rows=\"3\" required id=\"");
	html_attr(b, id);
	html_raw(b, "\"></textarea></div>");
	form_submit(r, T(r, "Send the answer"));
	form_end(r);
	html_raw(b, "</details>");
}

static void recs_block(struct req *r, const struct inspection_case *c)
{
	struct buf *b = &r->out;
	page_section(r, NULL, T(r, "Recommendations and the authority's answers"));
	if (!c->nrecs)
		page_note(r, "empty", T(r, "No recommendation yet."));
	html_raw(b, "<ol class=\"opinions\">");
	for (size_t i = 0; i < c->nrecs; i++) {
		const struct inspection_rec *rec = &c->recs[i];
		html_raw(b, rec->overdue ? "<li class=\"opinion overdue\"><p>"
					 : "<li class=\"opinion\"><p>");
		html_txt(b, rec->text);
		html_raw(b, "</p><p class=\"meta\">");
		html_txtf(b, T(r, "Sent %s, to answer by %s"), page_date(r, rec->sent_on),
			  page_date(r, rec->due));
		if (rec->overdue) {
			html_raw(b, " · <span class=\"late\">");
			html_txt(b, T(r, "no answer in time"));
			html_raw(b, "</span>");
		}
		html_raw(b, "</p>");
		if (rec->outcome != OUTCOME_NONE) {
			html_raw(b, "<p class=\"answer\"><strong>");
			html_txt(b, T(r, outcome_label(rec->outcome)));
			html_raw(b, "</strong> (");
			html_txt(b, page_time(r, rec->answered_at));
			html_raw(b, "): ");
			html_txt(b, rec->answer);
			html_raw(b, "</p>");
		}
		if (c->may_answer && c->status == CASE_OPEN)
			answer_form(r, rec);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>");
}

static void work_forms(struct req *r, const struct inspection_case *c, const struct form_errors *fe)
{
	if (!c->may_work)
		return;
	html_raw(&r->out, "<section class=\"tools\"><h2>");
	html_txt(&r->out, T(r, "The board's work"));
	html_raw(&r->out, "</h2>");
	form_begin(r, link_inspection_case(r, c->id, "entries"), "stacked");
	form_select_names(r, "kind", T(r, "Record"), req_form(r, "kind"), entry_kind_names,
			  ENTRY_KIND_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "on_date",
				   .label = T(r, "On"),
				   .type = "date",
				   .value = req_form(r, "on_date"),
				   .hint = T(r, "Empty for today"),
				   .maxlength = 10},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "text",
				      .label = T(r, "What was checked, or found"),
				      .value = req_form(r, "text"),
				      .required = 1,
				      .maxlength = CASE_TEXT_MAX},
		      3, fe);
	form_submit(r, T(r, "Record it"));
	form_end(r);
	form_begin(r, link_inspection_case(r, c->id, "recommendations"), "stacked");
	form_textarea(r,
		      &(struct field){.name = "recommendation",
				      .label = T(r, "A recommendation to the authority"),
				      .value = req_form(r, "recommendation"),
				      .required = 1,
				      .maxlength = CASE_TEXT_MAX},
		      3, fe);
	form_submit(r, T(r, "Send the recommendation"));
	form_end(r);
	form_begin(r, link_inspection_case(r, c->id, "close"), "stacked");
	form_textarea(r,
		      &(struct field){.name = "conclusion",
				      .label = T(r, "The board's conclusion"),
				      .value = req_form(r, "conclusion"),
				      .required = 1,
				      .maxlength = CASE_TEXT_MAX},
		      3, fe);
	form_submit(r, T(r, "Close the case"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static int case_page(struct req *r, const struct form_errors *fe, int status)
{
	struct inspection_case c;
	struct buf *b = &r->out;
	int rc = inspection_case_get(&r->ctx, r->params[0], &c);
	if (rc)
		return rc;
	layout_begin(r, c.title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_inspection(r, c.ward_id, NULL, NULL),
		  arena_printf(&r->arena, "%s %s", T(r, "People's Inspection Board"), c.ward_name));
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, case_source_label(c.source)));
	html_raw(b, "</p>");
	page_heading(r, c.title);
	html_raw(b, "<p class=\"meta\">");
	html_txt(b, T(r, case_status_label(c.status)));
	html_raw(b, " · ");
	html_txtf(b, T(r, "opened %s"), page_date(r, c.opened_on));
	if (c.closed_on) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "closed %s"), page_date(r, c.closed_on));
	}
	html_raw(b, "</p><div class=\"prose\"><p>");
	html_txt(b, c.subject);
	html_raw(b, "</p></div>");
	if (c.report_id) {
		html_raw(b, "<p>");
		html_link(
			b, link_report(r, c.report_id, NULL),
			arena_printf(&r->arena, T(r, "The report #%lld"), (long long)c.report_id));
		html_raw(b, "</p>");
	}
	if (*c.complainant) {
		html_raw(b, "<p class=\"banner\">");
		html_txt(b, T(r, "Complainant (not public)"));
		html_raw(b, ": ");
		html_txt(b, c.complainant);
		html_raw(b, "</p>");
	}
	entries_block(r, &c);
	recs_block(r, &c);
	if (*c.conclusion) {
		page_section(r, NULL, T(r, "Conclusion"));
		html_raw(b, "<p>");
		html_txt(b, c.conclusion);
		html_raw(b, "</p></section>");
	}
	work_forms(r, &c, fe);
	layout_end(r);
	return 0;
}

int page_case(struct req *r)
{
	return case_page(r, NULL, 200);
}

int case_page_after(struct req *r, int rc)
{
	return form_after(r, rc, case_page, link_inspection_case(r, r->params[0], NULL));
}

int page_case_entry(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = inspection_entry_add(&r->ctx, r->params[0], req_form(r, "kind"),
					  req_form(r, "text"), req_form(r, "on_date"), NULL);
	return case_page_after(r, rc);
}

int page_case_recommend(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = inspection_recommend(&r->ctx, r->params[0], req_form(r, "recommendation"),
					  NULL);
	if (rc == DV_EINVAL && r->ctx.err.field && !strcmp(r->ctx.err.field, "text"))
		r->ctx.err.field = "recommendation";
	return case_page_after(r, rc);
}

int page_case_close(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = inspection_case_close(&r->ctx, r->params[0], req_form(r, "conclusion"));
	return case_page_after(r, rc);
}

int page_rec_answer(struct req *r)
{
	int64_t case_id = 0;
	int rc = req_form_parse(r);
	if (rc || (rc = inspection_rec_case(&r->ctx, r->params[0], &case_id)))
		return rc;
	int64_t rec = r->params[0];
	r->params[0] = case_id; /* the page to come back to */
	return case_page_after(
		r, inspection_answer(&r->ctx, rec, req_form(r, "outcome"), req_form(r, "answer")));
}

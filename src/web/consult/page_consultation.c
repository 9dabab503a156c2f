/*
 * Consultations on the web: the list, one draft with its sections and the
 * opinions on each, the forms to comment (residents), to give a collective
 * opinion (organizations, the front) or to record one received elsewhere
 * (officers), and the officers' answers. The draft's own forms are in
 * page_consultation_edit.c, the synthesis in page_synthesis.c.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/consult/consultation.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/consult/consult_impl.h"

#define LIST_SIZE 20

/* ------------------------------------------------------------------ list */

static void item(struct req *r, const struct consultation *c)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><article class=\"item\"><p class=\"kicker\">");
	html_txt(b, T(r, consult_kind_label(c->kind)));
	html_raw(b, "</p><h2>");
	html_link(b, link_consultation(r, c->id, NULL), c->title);
	html_raw(b, "</h2><p class=\"meta\">");
	html_txt(b, c->unit_name);
	html_raw(b, " · ");
	html_txt(b, T(r, consult_status_label(c->status)));
	if (c->status == CS_OPEN) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "until %s"), page_time(r, c->closes_at));
	}
	if (c->status != CS_DRAFT) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "%lld opinions"), (long long)c->opinions);
	}
	html_raw(b, "</p></article></li>");
}

static void search_form(struct req *r, const struct consult_filter *f)
{
	html_raw(&r->out, "<form method=\"get\" action=\"/consultations\" class=\"filters\" "
			  "role=\"search\">");
	if (f->unit_id)
		form_hidden(r, "unit", arena_printf(&r->arena, "%lld", (long long)f->unit_id));
	if (f->status >= 0)
		form_hidden(r, "status", consult_status_name((enum consult_status)f->status));
	form_input(r,
		   &(struct field){.name = "q", .label = T(r, "Search"), .value = f->query,
				   .type = "search",
				   .hint = T(r, "Words from the title or the text, with or without accents"),
				   .maxlength = 100},
		   NULL);
	form_submit(r, T(r, "Show"));
	html_raw(&r->out, "</form>");
}

int page_consultations(struct req *r)
{
	struct consult_filter f = {.status = -1};
	struct consultation *v;
	struct unit u;
	size_t n;
	int more;
	int64_t page;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &f.unit_id);
	if (rc ||
	    (rc = req_query_enum(r, "status", consult_status_names, CS_STATUS_COUNT, &f.status)) ||
	    (rc = page_number(r, 10000, &page)))
		return rc;
	if (f.unit_id && unit_get(&r->ctx, f.unit_id, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	f.query = req_query(r, "q");
	rc = consultation_list(&r->ctx, &f, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more);
	if (rc == DV_EPERM)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	if (rc)
		return rc;
	const char *title = T(r, "Drafts for comment");
	if (f.unit_id)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Plans, projects and decisions the authority must put to residents before "
		       "deciding (Law on Grassroots Democracy, Art. 25). Comment on each part; "
		       "every opinion gets an answer."));
	if (f.unit_id && perm_may(&r->ctx, ACT_CONSULT, u.id)) {
		html_raw(&r->out, "<p class=\"links\">");
		html_link(&r->out, link_consultations(r, u.id, "draft"),
			  T(r, "Drafts"));
		html_link(&r->out, link_unit(r, u.id, "consultations/new"),
			  T(r, "Open a draft for comments"));
		html_raw(&r->out, "</p>");
	}
	search_form(r, &f);
	if (n) {
		html_raw(&r->out, "<ul class=\"items\">");
		for (size_t i = 0; i < n; i++)
			item(r, &v[i]);
		html_raw(&r->out, "</ul>");
	} else {
		page_note(r, "empty", T(r, "No drafts here yet."));
	}
	page_pager(r,
		   link_consultations(r, f.unit_id, NULL),
		   page, more);
	layout_end(r);
	return 0;
}

static void stance_radios(struct req *r, int section)
{
	struct buf *b = &r->out;
	html_raw(b, "<fieldset class=\"stances\"><legend>");
	html_txt(b, T(r, "Your opinion"));
	html_raw(b, "</legend>");
	for (int i = 0; i < ST_COUNT; i++) {
		const char *id = arena_printf(&r->arena, "st%d-%d", section, i);
		html_raw(b, "<div class=\"field radio\"><input type=\"radio\" name=\"stance\" id=\"");
		html_attr(b, id);
		html_raw(b, "\" value=\"");
		html_attr(b, stance_name((enum stance)i));
		html_raw(b, i == ST_OTHER ? "\" checked" : "\"");
		html_raw(b, "><label for=\"");
		html_attr(b, id);
		html_raw(b, "\">");
		html_txt(b, T(r, stance_label((enum stance)i)));
		html_raw(b, "</label></div>");
	}
	html_raw(b, "</fieldset>");
}

/* The comment form of one section, folded until opened. */
static void comment_form(struct req *r, const struct consultation *c,
			 const struct consult_section *s, int collective)
{
	struct buf *b = &r->out;
	html_raw(b, "<details class=\"comment\"><summary>");
	html_txt(b, s->number ? T(r, "Comment on this part") : T(r, "Comment on the whole draft"));
	html_raw(b, "</summary>");
	form_begin(r, link_consultation(r, c->id, "opinions"), "stacked");
	form_hidden(r, "section", arena_printf(&r->arena, "%d", s->number));
	stance_radios(r, s->number);
	html_raw(b, "<div class=\"field\"><label for=\"text");
	html_txtf(b, "%d", s->number);
	html_raw(b, "\">");
	html_txt(b, T(r, "What you think, and what you propose"));
	html_raw(b, "</label><textarea id=\"text");
	html_txtf(b, "%d", s->number);
	html_raw(b, "\" name=\"text\" rows=\"4\" required maxlength=\"");
	html_txtf(b, "%d", OPINION_TEXT_MAX);
	html_raw(b, "\"></textarea></div>");
	if (collective)
		form_checkbox(r, "collective",
			      T(r, "A collective opinion, in the name of my organization"), 0);
	form_submit(r, T(r, "Send the opinion"));
	form_end(r);
	html_raw(b, "</details>");
}

/* The officers' form for an opinion received at a meeting, in the box... */
static void record_form(struct req *r, const struct consultation *c,
			const struct form_errors *fe)
{
	const char *secs[2 * CONSULT_SECTIONS_MAX + 3];
	size_t k = 0;
	for (size_t i = 0; i < c->nsections; i++) {
		secs[k++] = arena_printf(&r->arena, "%d", c->sections[i].number);
		secs[k++] = consult_section_title(r, &c->sections[i]);
	}
	secs[k] = NULL;
	html_raw(&r->out, "<section class=\"tools\"><h2>");
	html_txt(&r->out, T(r, "Record an opinion received elsewhere"));
	html_raw(&r->out, "</h2>");
	form_begin(r, link_consultation(r, c->id, "opinions"), "stacked");
	/* every channel but the web, where residents write themselves */
	form_select_names(r, "channel", T(r, "Received"), req_form(r, "channel"),
			  opinion_channel_names + OC_WEB + 1, OC_COUNT - 1, fe);
	form_input(r,
		   &(struct field){.name = "author", .label = T(r, "Given by"),
				   .value = req_form(r, "author"),
				   .hint = T(r, "A name and address, or a group; not shown to the public"),
				   .maxlength = OPINION_AUTHOR_MAX},
		   fe);
	form_select(r, "section", T(r, "On"), req_form(r, "section"), secs, fe);
	form_select_names(r, "stance", T(r, "Opinion"), req_form(r, "stance"), stance_names, ST_COUNT,
			  fe);
	form_textarea(r,
		      &(struct field){.name = "text", .label = T(r, "What was said"),
				      .value = req_form(r, "text"), .required = 1,
				      .maxlength = OPINION_TEXT_MAX},
		      4, fe);
	form_submit(r, T(r, "Record the opinion"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

/* ------------------------------------------------------------- the page */

static void section_block(struct req *r, const struct consultation *c,
			  const struct consult_section *s, const struct opinion *ops, size_t n,
			  int may_comment, int collective)
{
	struct buf *b = &r->out;
	html_raw(b, "<section class=\"clause\" id=\"s");
	html_txtf(b, "%d", s->number);
	html_raw(b, "\"><h2>");
	html_txt(b, consult_section_title(r, s));
	html_raw(b, "</h2>");
	if (*s->body) {
		html_raw(b, "<div class=\"prose\">");
		html_markdown(b, s->body);
		html_raw(b, "</div>");
	}
	if (c->status != CS_DRAFT)
		consult_counts(r, s, c->status == CS_PUBLISHED || c->may_manage);
	int any = 0;
	for (size_t i = 0; i < n; i++)
		if (ops[i].section == s->number) {
			if (!any++)
				html_raw(b, "<ol class=\"opinions\">");
			consult_opinion(r, c, &ops[i]);
		}
	if (any)
		html_raw(b, "</ol>");
	if (may_comment || collective)
		comment_form(r, c, s, collective);
	html_raw(b, "</section>");
}

static void heading_block(struct req *r, const struct consultation *c)
{
	struct buf *b = &r->out;
	page_back(r, link_consultations(r, c->unit_id, NULL), c->unit_name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, consult_kind_label(c->kind)));
	html_raw(b, "</p>");
	page_heading(r, c->title);
	html_raw(b, "<p class=\"meta\">");
	html_txt(b, T(r, consult_status_label(c->status)));
	if (c->opened_at) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "comments from %s to %s"), page_time(r, c->opened_at),
			  page_time(r, c->closes_at));
	}
	if (c->status != CS_DRAFT) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "%lld opinions"), (long long)c->opinions);
	}
	html_raw(b, "</p>");
}

static int consultation_page(struct req *r, const struct form_errors *fe, int status)
{
	struct consultation c;
	struct opinion *ops;
	size_t n;
	int rc = consultation_get(&r->ctx, r->params[0], &c);
	if (rc || (rc = opinion_list(&r->ctx, &c, -1, &ops, &n)))
		return rc;
	int open = c.status == CS_OPEN;
	int may_comment = open && perm_may_within(&r->ctx, ACT_COMMENT, c.unit_id);
	int collective = open && perm_may_within(&r->ctx, ACT_COLLECTIVE_OPINION, c.unit_id);
	layout_begin(r, c.title);
	r->status = status;
	form_summary(r, fe);
	heading_block(r, &c);
	consult_draft_tools(r, &c, fe);
	if (c.status == CS_PUBLISHED || (c.may_manage && c.status == CS_CLOSED))
		consult_synthesis_links(r, &c);
	if (open && !r->ctx.actor->account_id) {
		html_raw(&r->out, "<p class=\"hint\">");
		html_link(&r->out, "/login", T(r, "Log in to comment"));
		html_raw(&r->out, "</p>");
	}
	for (size_t i = 1; i < c.nsections; i++)
		section_block(r, &c, &c.sections[i], ops, n, may_comment, collective);
	if (c.status != CS_DRAFT)
		section_block(r, &c, &c.sections[0], ops, n, may_comment, collective);
	if (open && c.may_manage)
		record_form(r, &c, fe);
	consult_publish_form(r, &c, fe);
	layout_end(r);
	return 0;
}

int page_consultation(struct req *r)
{
	return consultation_page(r, NULL, 200);
}

int consultation_page_after(struct req *r, int rc)
{
	return form_after(r, rc, consultation_page,
			  link_consultation(r, r->params[0], NULL));
}

int page_opinion_add(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	const char *sec = req_form(r, "section"), *col = req_form(r, "collective");
	char *end;
	long s = sec && *sec ? strtol(sec, &end, 10) : -1;
	struct opinion_input in = {.section = sec && *sec && !*end && s <= CONSULT_SECTIONS_MAX
						      ? (int)s
						      : -1,
				   .stance = req_form(r, "stance"),
				   .text = req_form(r, "text"),
				   .collective = col && *col,
				   .channel = req_form(r, "channel"),
				   .author = req_form(r, "author")};
	rc = opinion_add(&r->ctx, r->params[0], &in, NULL);
	if (!rc) {
		res_redirect(r, link_consultation_section(r, r->params[0], in.section));
		return 0;
	}
	return consultation_page_after(r, rc);
}

int page_opinion_answer(struct req *r)
{
	int64_t cid = 0;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	if ((rc = opinion_consultation(&r->ctx, r->params[0], &cid)))
		return rc;
	int64_t id = r->params[0];
	r->params[0] = cid; /* the page to come back to */
	rc = opinion_answer(&r->ctx, id, req_form(r, "answer"), req_form(r, "reason"));
	if (!rc) {
		res_redirect(r, link_consultation_opinion(r, cid, id));
		return 0;
	}
	return consultation_page_after(r, rc);
}

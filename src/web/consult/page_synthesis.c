/*
 * The synthesis of a consultation (Art. 26: the authority answers what it
 * received): a page with each section's counts and each opinion with its
 * answer, the same as a PDF ready to sign and as an Excel workbook. Public
 * once published; the officers see it before, to check it.
 */
#include <string.h>

#include "base/array.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/consult/consultation.h"
#include "domain/registry/unit.h"
#include "print/consultation_pdf.h"
#include "print/consultation_xlsx.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/consult/consult_impl.h"

/* The consultation and its opinions, if its synthesis may be seen. */
static int load(struct req *r, struct consultation *c, struct opinion **ops, size_t *n)
{
	int rc = consultation_get(&r->ctx, r->params[0], c);
	if (rc)
		return rc;
	if (c->status != CS_PUBLISHED && !(c->may_manage && c->status == CS_CLOSED))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
			       "The synthesis is published once every opinion is answered");
	return opinion_list(&r->ctx, c, -1, ops, n);
}

static void totals_row(struct req *r, const struct consult_section *s, const char *title)
{
	struct buf *b = &r->out;
	const int64_t v[] = {s->opinions, s->support, s->oppose, s->other, s->collective,
			     s->accepted, s->partly, s->rejected};
	html_raw(b, "<tr><th scope=\"row\">");
	html_txt(b, title);
	html_raw(b, "</th>");
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		html_raw(b, "<td class=\"num\">");
		html_int(b, v[i]);
		html_raw(b, "</td>");
	}
	html_raw(b, "</tr>");
}

static void counts_table(struct req *r, const struct consultation *c)
{
	struct buf *b = &r->out;
	static const struct page_col cols[] = {
		{N_("Part")},	      {N_("Opinions"), 1},   {N_("Support"), 1},
		{N_("Oppose"), 1},    {N_("Other"), 1},	     {N_("Collective"), 1},
		{N_("Accepted"), 1},  {N_("Partly"), 1},     {N_("Not accepted"), 1}};
	struct consult_section all = {0};
	html_raw(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"");
	html_attr(b, T(r, "Opinions by part"));
	html_raw(b, "\">");
	page_table_begin(r, "list keep", NULL, cols, ARRAY_LEN(cols));
	for (size_t k = 0; k < c->nsections; k++) {
		const struct consult_section *s = &c->sections[(k + 1) % c->nsections];
		totals_row(r, s, consult_section_title(r, s));
		all.opinions += s->opinions, all.support += s->support, all.oppose += s->oppose;
		all.other += s->other, all.collective += s->collective;
		all.accepted += s->accepted, all.partly += s->partly, all.rejected += s->rejected;
	}
	html_raw(b, "</tbody><tfoot>");
	totals_row(r, &all, T(r, "In all"));
	html_raw(b, "</tfoot></table></div>");
}

int page_synthesis(struct req *r)
{
	struct consultation c;
	struct opinion *ops;
	size_t n;
	int rc = load(r, &c, &ops, &n);
	if (rc)
		return rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Synthesis of opinions"), c.title);
	layout_begin(r, title);
	page_back(r, link_consultation(r, c.id, NULL), c.title);
	page_heading(r, T(r, "Synthesis of opinions"));
	if (c.status != CS_PUBLISHED)
		page_note(r, "banner", T(r, "Not published yet: only the officers see it."));
	consult_synthesis_links(r, &c);
	counts_table(r, &c);
	for (size_t k = 0; k < c.nsections; k++) {
		const struct consult_section *s = &c.sections[(k + 1) % c.nsections];
		if (!s->opinions)
			continue;
		html_raw(&r->out, "<section class=\"clause\"><h2>");
		html_txt(&r->out, consult_section_title(r, s));
		html_raw(&r->out, "</h2><ol class=\"opinions\">");
		for (size_t i = 0; i < n; i++)
			if (ops[i].section == s->number)
				consult_opinion(r, &(struct consultation){.status = c.status}, &ops[i]);
		html_raw(&r->out, "</ol></section>");
	}
	consult_publish_form(r, &(struct consultation){.status = c.status, .summary = c.summary},
			     NULL);
	layout_end(r);
	return 0;
}

/* The labels and names the documents print, in the request's language. */
static void paper_of(struct req *r, const struct consultation *c, struct synthesis_paper *p)
{
	const char **st = arena_array(&r->arena, const char *, ST_COUNT);
	const char **ch = arena_array(&r->arena, const char *, OC_COUNT);
	const char **an = arena_array(&r->arena, const char *, ANS_COUNT);
	for (int i = 0; i < ST_COUNT; i++)
		st[i] = T(r, stance_label((enum stance)i));
	for (int i = 0; i < OC_COUNT; i++)
		ch[i] = T(r, opinion_channel_label((enum opinion_channel)i));
	for (int i = 0; i < ANS_COUNT; i++)
		an[i] = T(r, answer_label((enum answer)i));
	struct unit u;
	const char *unit = c->unit_name;
	if (!unit_get(&r->ctx, c->unit_id, &u))
		unit = arena_printf(&r->arena, "%s", unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	*p = (struct synthesis_paper){
		.authority = text_upper_a(&r->arena,
					  arena_printf(&r->arena, T(r, "People's Committee of %s"),
						       unit)),
		.unit = unit,
		.kind = T(r, consult_kind_label(c->kind)),
		.stances = st,
		.channels = ch,
		.answers = an};
}

static int document(struct req *r, int xlsx)
{
	struct consultation c;
	struct opinion *ops;
	struct synthesis_paper p;
	size_t n;
	int rc = load(r, &c, &ops, &n);
	if (rc)
		return rc;
	paper_of(r, &c, &p);
	rc = xlsx ? synthesis_xlsx(&c, ops, n, &p, r->ctx.lang, &r->out, &r->ctx.err)
		  : synthesis_pdf(&c, ops, n, &p, r->ctx.lang, &r->out, &r->ctx.err);
	if (rc)
		return rc;
	r->status = 200;
	r->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			       : "application/pdf";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "%s; filename=\"tong-hop-y-kien-%lld.%s\"",
				xlsx ? "attachment" : "inline", (long long)c.id,
				xlsx ? "xlsx" : "pdf"));
	return 0;
}

int page_synthesis_pdf(struct req *r)
{
	return document(r, 0);
}

int page_synthesis_xlsx(struct req *r)
{
	return document(r, 1);
}

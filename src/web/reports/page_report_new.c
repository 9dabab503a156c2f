/*
 * Reporting a problem from a phone: first what the problem is (a list of
 * categories, one tap), then a short form: the community, an address or
 * landmark, the position if the resident wants (typed, or filled by a
 * small script that asks the phone, when it runs), a description, the
 * category's questions, photos, and a phone number for an anonymous
 * reporter. A plain multipart form: it works without JavaScript.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/static.h"
#include "web/reports/reports_impl.h"

#define COMMUNITY_DEPTH 6

/* Every active community, as "Ward › Community" options, grouped by the
 * units above them in the tree's order. */
static int community_options(struct req *r, const char ***out)
{
	struct unit *roots;
	size_t nroots, k = 0, cap = 0;
	const char **o = NULL;
	int rc = unit_roots(&r->ctx, &roots, &nroots);
	*ARENA_PUSH(&r->arena, o, k, cap) = "";
	*ARENA_PUSH(&r->arena, o, k, cap) = T(r, "Choose…");
	for (size_t i = 0; !rc && i < nroots; i++) {
		struct unit *v;
		size_t n;
		const char *parent[COMMUNITY_DEPTH + 2] = {0};
		if ((rc = unit_subtree(&r->ctx, roots[i].id, COMMUNITY_DEPTH, &v, &n)))
			break;
		for (size_t j = 0; j < n; j++) {
			if (v[j].depth <= COMMUNITY_DEPTH)
				parent[v[j].depth] = v[j].name;
			if (!unit_kind_is_community(v[j].kind) || v[j].depth < 1)
				continue;
			*ARENA_PUSH(&r->arena, o, k, cap) =
				arena_printf(&r->arena, "%lld", (long long)v[j].id);
			*ARENA_PUSH(&r->arena, o, k, cap) = arena_printf(
				&r->arena, "%s › %s", parent[v[j].depth - 1], v[j].name);
		}
	}
	*ARENA_PUSH(&r->arena, o, k, cap) = NULL;
	*out = o;
	return rc;
}

static int choose_category(struct req *r, int64_t unit_id)
{
	struct report_category *v;
	size_t n;
	int rc = report_category_list(&r->ctx, 0, &v, &n);
	if (rc)
		return rc;
	layout_begin(r, T(r, "Report a problem"));
	page_heading(r, T(r, "Report a problem"));
	page_note(r, "lead", T(r, "What is the problem?"));
	html_raw(&r->out, "<ul class=\"choices\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(&r->out, "<li>");
		html_link(&r->out, link_report_new(r, unit_id, v[i].id),
			  report_category_name(&v[i], r->ctx.lang));
		if (*v[i].description) {
			html_raw(&r->out, " <span class=\"meta\">");
			html_txt(&r->out, v[i].description);
			html_raw(&r->out, "</span>");
		}
		html_raw(&r->out, "</li>");
	}
	html_raw(&r->out, "</ul>");
	layout_end(r);
	return 0;
}

/* The value the form shows: what was sent (a multipart part), or NULL. */
static const char *sent(struct req *r, const char *name)
{
	struct mp_part *parts;
	size_t n;
	if (!r->parts_parsed || req_multipart(r, &parts, &n))
		return NULL;
	return form_part_text(multipart_find(parts, n, name));
}

static void question_field(struct req *r, const struct report_question *q,
			   const struct form_errors *fe)
{
	const char *name = arena_printf(&r->arena, "attribute[%s]", q->code);
	if (q->type == QT_SINGLE) {
		const char **o = arena_alloc(&r->arena, (2 * q->nchoices + 3) * sizeof(*o));
		size_t k = 0;
		o[k++] = "";
		o[k++] = q->required ? T(r, "Choose…") : T(r, "Not known");
		for (size_t i = 0; i < q->nchoices; i++) {
			o[k++] = q->choices[i].key;
			o[k++] = q->choices[i].name;
		}
		o[k] = NULL;
		form_select(r, name, q->description, sent(r, name), o, fe);
		return;
	}
	struct field f = {.name = name,
			  .label = q->description,
			  .value = sent(r, name),
			  .required = q->required,
			  .maxlength = REPORT_ANSWER_MAX};
	if (q->type == QT_TEXT)
		form_textarea(r, &f, 3, fe);
	else
		form_input(r, &f, fe);
}

static int report_form(struct req *r, const struct report_category *c, int64_t unit_id,
		       const struct form_errors *fe, int status)
{
	const char **units;
	const char *v;
	int rc = community_options(r, &units);
	if (rc)
		return rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Report a problem"),
					 report_category_name(c, r->ctx.lang));
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_report_new(r, unit_id, 0), T(r, "Another kind of problem"));
	page_heading(r, title);
	if (c->is_private)
		page_note(r, "banner",
			  T(r, "Reports of this kind are seen only by the police and the ward's "
			       "officers: they are never published."));
	form_summary(r, fe);
	form_begin_upload(r, link_reports(r, 0, 0, NULL, 0), "stacked");
	form_hidden(r, "category", arena_printf(&r->arena, "%lld", (long long)c->id));
	form_select(r, "unit", T(r, "Neighborhood, village or residential group"),
		    (v = sent(r, "unit")) ? v
		    : unit_id		  ? arena_printf(&r->arena, "%lld", (long long)unit_id)
					  : "",
		    units, fe);
	form_input(r,
		   &(struct field){
			   .name = "address",
			   .label = T(r, "Address or landmark"),
			   .value = sent(r, "address"),
			   .hint = T(r, "A house number and street, an alley, or what is near"),
			   .maxlength = REPORT_ADDRESS_MAX},
		   fe);
	html_raw(&r->out, "<fieldset><legend>");
	html_txt(&r->out, T(r, "Position (optional)"));
	html_raw(&r->out, "</legend><div id=\"locate\" data-label=\"");
	html_attr(&r->out, T(r, "Use my phone's position"));
	html_raw(&r->out, "\" data-wait=\"");
	html_attr(&r->out, T(r, "Finding the position…"));
	html_raw(&r->out, "\" data-done=\"");
	html_attr(&r->out, T(r, "The position is filled in."));
	html_raw(&r->out, "\" data-fail=\"");
	html_attr(&r->out,
		  T(r, "The phone did not give its position: type it, or leave it empty."));
	html_raw(&r->out, "\"></div><div class=\"row\">");
	form_input(r,
		   &(struct field){.name = "lat",
				   .label = T(r, "Latitude"),
				   .value = sent(r, "lat"),
				   .hint = T(r, "Such as 10.906100"),
				   .maxlength = 20},
		   fe);
	form_input(r,
		   &(struct field){.name = "long",
				   .label = T(r, "Longitude"),
				   .value = sent(r, "long"),
				   .hint = T(r, "Such as 106.770600"),
				   .maxlength = 20},
		   fe);
	html_raw(&r->out, "</div></fieldset>");
	form_textarea(r,
		      &(struct field){.name = "description",
				      .label = T(r, "What is the problem?"),
				      .value = sent(r, "description"),
				      .required = 1,
				      .maxlength = REPORT_DESCRIPTION_MAX},
		      4, fe);
	for (size_t i = 0; i < c->nquestions; i++)
		question_field(r, &c->questions[i], fe);
	form_files(
		r,
		&(struct field){.name = "photos",
				.label = T(r, "Photos (up to 5)"),
				.hint = T(r, "Faces and number plates are hidden by the officers "
					     "before the photos are public; the position stored in "
					     "a photo is removed.")},
		"image/jpeg,image/png,image/webp", fe);
	if (!r->ctx.actor->account_id)
		form_input(r,
			   &(struct field){
				   .name = "phone",
				   .label = T(r, "Your phone (optional)"),
				   .value = sent(r, "phone"),
				   .type = "tel",
				   .autocomplete = "tel",
				   .hint = T(r, "Only the officers who handle it see it, to call "
						"you back. Log in to follow your reports."),
				   .maxlength = 20},
			   fe);
	form_submit(r, T(r, "Send the report"));
	form_end(r);
	html_raw(&r->out, "<script src=\"");
	html_attr(&r->out, static_path("report.js"));
	html_raw(&r->out, "\" defer></script>");
	layout_end(r);
	return 0;
}

int page_report_new(struct req *r)
{
	int64_t unit_id = 0, cat_id = 0;
	struct report_category c;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &unit_id);
	if (!rc)
		rc = req_query_int(r, "category", 0, REQ_ID_MAX, 0, &cat_id);
	if (rc)
		return rc;
	if (!cat_id)
		return choose_category(r, unit_id);
	rc = report_category_get(&r->ctx, cat_id, &c);
	if (rc == DV_ENOTFOUND || (!rc && !c.active))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such category");
	return rc ? rc : report_form(r, &c, unit_id, NULL, 200);
}

/* A whole number from a multipart field; 0 for none or a bad one (the
 * domain then names the field). */
static int64_t part_id(struct req *r, const char *name)
{
	const char *s = sent(r, name);
	char *end;
	long long v = s && *s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && v > 0 && v <= REQ_ID_MAX ? v : 0;
}

/* The parts of the form as the domain's input: answers to the category's
 * questions, the photos chosen. */
static int read_parts(struct req *r, const struct report_category *c, struct report_input *in)
{
	struct mp_part *parts;
	size_t n, cap = 0, acap = 0;
	int rc = req_multipart(r, &parts, &n);
	if (rc)
		return rc;
	struct report_photo_in *photos = NULL;
	struct report_answer *answers = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(parts[i].name, "photos") && parts[i].filename && parts[i].len) {
			struct report_photo_in *p = ARENA_PUSH(&r->arena, photos, in->nphotos, cap);
			*p = (struct report_photo_in){parts[i].filename, parts[i].data,
						      parts[i].len};
		}
	}
	for (size_t k = 0; k < c->nquestions; k++) {
		const char *v =
			sent(r, arena_printf(&r->arena, "attribute[%s]", c->questions[k].code));
		if (v && *v)
			*ARENA_PUSH(&r->arena, answers, in->nanswers, acap) =
				(struct report_answer){c->questions[k].code, v};
	}
	in->photos = photos;
	in->answers = answers;
	return 0;
}

/* An anonymous report of a private category cannot be shown to its
 * reporter afterwards (nobody but the police and the ward sees it): this
 * page says it arrived, with its number to quote on the phone. */
static int sent_privately(struct req *r, int64_t id)
{
	layout_begin(r, T(r, "Report sent"));
	page_heading(r, T(r, "Report sent"));
	html_raw(&r->out, "<p class=\"notice\">");
	html_txtf(&r->out,
		  T(r, "Your report #%lld went to the police and the ward's officers. "
		       "It is not published; quote its number if you call them."),
		  (long long)id);
	html_raw(&r->out, "</p><p class=\"links\">");
	html_link(&r->out, link_report_new(r, 0, 0), T(r, "Report another problem"));
	html_raw(&r->out, "</p>");
	layout_end(r);
	return 0;
}

int page_report_create(struct req *r)
{
	struct report_category c;
	struct form_errors fe = {0};
	struct mp_part *parts;
	size_t n;
	int64_t id = 0;
	int rc = req_multipart(r, &parts, &n);
	if (rc)
		return rc;
	rc = report_category_get(&r->ctx, part_id(r, "category"), &c);
	if (rc == DV_ENOTFOUND || (!rc && !c.active))
		return dv_fail(&r->ctx.err, DV_EINVAL, "category", "Choose what the problem is");
	if (rc)
		return rc;
	struct report_input in = {.category_id = c.id,
				  .unit_id = part_id(r, "unit"),
				  .address = sent(r, "address"),
				  .lat = sent(r, "lat"),
				  .lon = sent(r, "long"),
				  .description = sent(r, "description"),
				  .phone = r->ctx.actor->account_id ? NULL : sent(r, "phone"),
				  .source = SRC_WEB,
				  .ip = r->ip};
	if ((rc = read_parts(r, &c, &in)))
		return rc;
	rc = report_create(&r->ctx, &in, &id, NULL);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return report_form(r, &c, in.unit_id, &fe, status);
	if (rc)
		return rc;
	if (c.is_private && !r->ctx.actor->account_id)
		return sent_privately(r, id);
	res_redirect(r, link_report(r, id, NULL));
	return 0;
}

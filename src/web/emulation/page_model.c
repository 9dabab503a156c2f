/*
 * "Dân vận khéo" models on the web: the public library (searched without
 * accents), the figures per field and year, a model with its evaluations,
 * files and replications, the unit's own list, the forms to register,
 * change, replicate and evaluate a model and to attach its files.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/money.h"
#include "domain/perm.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"
#include "web/emulation/emulation.h"
#include "web/emulation/emulation_impl.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/page.h"

#define LIST_SIZE 20

static const char *number(struct req *r, int64_t n)
{
	struct buf b = BUF_INIT;
	money_format_plain(&b, n);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

/* ------------------------------------------------------------- the lists */

static void model_item(struct req *r, const struct model *m)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><article class=\"item\"><p class=\"kicker\">");
	html_txt(b, T(r, model_field_label(m->field)));
	html_raw(b, "</p><h2>");
	html_link(b, link_model(r, m->id, NULL), m->name);
	html_raw(b, "</h2><p class=\"meta\">");
	html_txt(b, *m->organization_name ? m->organization_name : m->unit_name);
	html_raw(b, " · ");
	html_txtf(b, T(r, "since %s"), page_date(r, m->since));
	if (m->latest_year) {
		html_raw(b, " · ");
		html_txtf(b, "%s %d", T(r, model_verdict_label(m->latest_verdict)), m->latest_year);
	}
	if (m->origin_id) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "replicates %s"), m->origin_name);
	}
	html_raw(b, "</p></article></li>");
}

static void search_form(struct req *r, int64_t unit, int field, const char *q)
{
	html_raw(&r->out, "<form method=\"get\" action=\"/models\" class=\"filters\" role=\"search\">");
	if (unit)
		form_hidden(r, "unit", arena_printf(&r->arena, "%lld", (long long)unit));
	const char **opt = arena_array(&r->arena, const char *, 2 * FIELD_COUNT + 3);
	opt[0] = "";
	opt[1] = T(r, "Every field");
	for (int i = 0; i < FIELD_COUNT; i++) {
		opt[2 + 2 * i] = model_field_name((enum model_field)i);
		opt[3 + 2 * i] = T(r, model_field_label((enum model_field)i));
	}
	form_select(r, "field", T(r, "Field"),
		    field >= 0 ? model_field_name((enum model_field)field) : "", opt, NULL);
	form_input(r,
		   &(struct field){.name = "q", .label = T(r, "Search"), .value = q, .type = "search",
				   .hint = T(r, "Words of the name or the description, with or "
						"without accents"),
				   .maxlength = 100},
		   NULL);
	form_submit(r, T(r, "Show"));
	html_raw(&r->out, "</form>");
}

int page_models(struct req *r)
{
	struct model_filter f = {.field = -1, .library = 1};
	struct model *v;
	struct unit u;
	size_t n;
	int more;
	int64_t page;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &f.unit_id);
	if (rc || (rc = req_query_enum(r, "field", model_field_names, FIELD_COUNT, &f.field)) ||
	    (rc = page_number(r, 10000, &page)))
		return rc;
	if (f.unit_id && unit_get(&r->ctx, f.unit_id, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	f.query = req_query(r, "q");
	if ((rc = model_list(&r->ctx, &f, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more)))
		return rc;
	const char *title = T(r, "Dân vận khéo models");
	if (f.unit_id)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	struct buf *b = &r->out;
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Good practices of skilful mass mobilization that the Mass Mobilization "
		       "Board found effective, to learn from and replicate."));
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_model_figures(r, f.unit_id, 0), T(r, "Figures per field and year"));
	if (f.unit_id && (perm_may(&r->ctx, ACT_REGISTER_MODELS, f.unit_id) ||
			  perm_may(&r->ctx, ACT_EVALUATE_MODELS, f.unit_id)))
		html_link(b, link_unit(r, f.unit_id, "models"), T(r, "Every model of this unit"));
	html_raw(b, "</p>");
	search_form(r, f.unit_id, f.field, f.query);
	if (!n)
		page_note(r, "empty", T(r, "No effective model here yet."));
	html_raw(b, "<ul class=\"items\">");
	for (size_t i = 0; i < n; i++)
		model_item(r, &v[i]);
	html_raw(b, "</ul>");
	page_pager(r, link_models(r, f.unit_id, f.field >= 0 ? model_field_name(f.field) : NULL,
				  f.query),
		   page, more);
	layout_end(r);
	return 0;
}

int page_unit_models(struct req *r)
{
	struct model_filter f = {.unit_id = r->params[0], .field = -1};
	struct model *v;
	struct unit u;
	size_t n;
	int more;
	int64_t page;
	int rc = unit_get(&r->ctx, f.unit_id, &u);
	if (rc || (rc = page_number(r, 10000, &page)))
		return rc;
	rc = model_list(&r->ctx, &f, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more);
	if (rc == DV_EPERM)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	if (rc)
		return rc;
	const char *title =
		arena_printf(&r->arena, "%s: %s", T(r, "Models registered"),
			     unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	struct buf *b = &r->out;
	layout_begin(r, title);
	page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	html_raw(b, "<p class=\"links\">");
	if (perm_may(&r->ctx, ACT_REGISTER_MODELS, u.id))
		html_link(b, link_unit(r, u.id, "models/new"), T(r, "Register a model"));
	html_link(b, link_models(r, u.id, NULL, NULL), T(r, "The library"));
	html_raw(b, "</p>");
	if (!n)
		page_note(r, "empty", T(r, "No models registered here yet."));
	html_raw(b, "<ul class=\"items\">");
	for (size_t i = 0; i < n; i++)
		model_item(r, &v[i]);
	html_raw(b, "</ul>");
	page_pager(r, link_unit(r, u.id, "models"), page, more);
	layout_end(r);
	return 0;
}

int page_model_figures(struct req *r)
{
	int64_t unit = 0, year = time_local_date(r->ctx.now) / 10000;
	struct model_figures by[FIELD_COUNT], all;
	struct unit u;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &unit);
	if (rc || (rc = req_query_int(r, "year", 1900, 9999, 0, &year)))
		return rc;
	if (!unit) {
		struct unit *roots;
		size_t nr;
		if ((rc = unit_roots(&r->ctx, &roots, &nr)))
			return rc;
		if (!nr)
			return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
		unit = roots[0].id;
	}
	if ((rc = unit_get(&r->ctx, unit, &u)) ||
	    (rc = model_figures(&r->ctx, unit, (int)year, by, &all)))
		return rc;
	const char *title = arena_printf(&r->arena, "%s %lld: %s", T(r, "Dân vận khéo models in"),
					 (long long)year, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	struct buf *b = &r->out;
	layout_begin(r, title);
	page_back(r, link_models(r, unit, NULL, NULL), T(r, "The library"));
	page_heading(r, title);
	static const struct page_col cols[] = {{N_("Field")},	   {N_("Registered"), 1},
					       {N_("Evaluated"), 1},  {N_("Effective"), 1},
					       {N_("Replications"), 1}, {N_("Effective share"), 1}};
	page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols));
	for (int i = 0; i <= FIELD_COUNT; i++) {
		const struct model_figures *x = i < FIELD_COUNT ? &by[i] : &all;
		html_raw(b, "<tr><th scope=\"row\">");
		html_txt(b, i < FIELD_COUNT ? T(r, model_field_label((enum model_field)i))
					    : T(r, "In all"));
		html_raw(b, "</th><td class=\"num\">");
		html_int(b, x->registered);
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, x->evaluated);
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, x->effective);
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, x->replicated);
		html_raw(b, "</td><td class=\"num\">");
		html_txt(b, page_percent(r, x->effective, x->registered));
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_model_figures(r, unit, year - 1), T(r, "The year before"));
	html_raw(b, "</p>");
	layout_end(r);
	return 0;
}

/* --------------------------------------------------------------- a model */

static void files_block(struct req *r, const struct model *m, const struct attachment *v,
			size_t n, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	if (!n && !m->may_edit)
		return;
	page_section(r, "files", T(r, "Photos and files"));
	html_raw(b, "<ul>");
	for (size_t i = 0; i < n; i++) {
		const char *href = link_model_file(r, m->id, v[i].file_id, 0);
		html_raw(b, "<li>");
		if (v[i].has_thumb) {
			html_raw(b, "<figure><a href=\"");
			html_attr(b, href);
			html_raw(b, "\"><img src=\"");
			html_attr(b, link_model_file(r, m->id, v[i].file_id, 1));
			html_raw(b, "\" alt=\"");
			html_attr(b, *v[i].caption ? v[i].caption : v[i].name);
			html_raw(b, "\" loading=\"lazy\"></a>");
			if (*v[i].caption) {
				html_raw(b, "<figcaption>");
				html_txt(b, v[i].caption);
				html_raw(b, "</figcaption>");
			}
			html_raw(b, "</figure>");
		} else {
			html_link(b, href, v[i].name);
		}
		if (m->may_edit)
			form_button(r, link_file_remove(r, link_model(r, m->id, NULL), v[i].file_id),
				    T(r, "Remove"), "inline secondary");
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
	if (m->may_edit) {
		form_begin_upload(r, link_model(r, m->id, "files"), "stacked");
		form_file(r, &(struct field){.name = "file", .label = T(r, "A photo or a PDF")},
			  "image/jpeg,image/png,image/webp,.pdf,application/pdf", fe);
		form_input(r,
			   &(struct field){.name = "caption", .label = T(r, "Caption"),
					   .maxlength = ATTACH_CAPTION_MAX},
			   fe);
		form_submit(r, T(r, "Attach"));
		form_end(r);
	}
	html_raw(b, "</section>");
}

static void evaluations_block(struct req *r, const struct model *m,
			      const struct model_evaluation *v, size_t n,
			      const struct form_errors *fe)
{
	struct buf *b = &r->out;
	page_section(r, NULL, T(r, "Evaluations by the Mass Mobilization Board"));
	if (!n)
		page_note(r, "empty", T(r, "Not evaluated yet."));
	html_raw(b, "<ol class=\"timeline\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li><strong>");
		html_txtf(b, "%d: %s", v[i].year, T(r, model_verdict_label(v[i].verdict)));
		html_raw(b, "</strong><br>");
		html_txt(b, T(r, "Evidence seen:"));
		html_raw(b, " ");
		html_txt(b, v[i].evidence);
		if (*v[i].notes) {
			html_raw(b, "<br>");
			html_txt(b, v[i].notes);
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
	if (m->may_evaluate) {
		html_raw(b, "<h3>");
		html_txt(b, T(r, "Evaluate for a year"));
		html_raw(b, "</h3>");
		form_begin(r, link_model(r, m->id, "evaluations"), "stacked");
		const char *y = req_form(r, "year");
		form_input(r,
			   &(struct field){.name = "year", .label = T(r, "Year"),
					   .value = y ? y : arena_printf(&r->arena, "%d",
									time_local_date(r->ctx.now) /
										10000),
					   .type = "number", .required = 1},
			   fe);
		form_select_names(r, "verdict", T(r, "Verdict"), req_form(r, "verdict"),
				  model_verdict_names, VERDICT_COUNT, fe);
		form_textarea(r,
			      &(struct field){.name = "evidence", .label = T(r, "Evidence seen"),
					      .value = req_form(r, "evidence"), .required = 1,
					      .maxlength = MODEL_NOTES_MAX},
			      3, fe);
		form_textarea(r,
			      &(struct field){.name = "notes", .label = T(r, "Notes"),
					      .value = req_form(r, "notes"),
					      .maxlength = MODEL_NOTES_MAX},
			      3, fe);
		form_submit(r, T(r, "Record the evaluation"));
		form_end(r);
	}
	html_raw(b, "</section>");
}

static void facts(struct req *r, const struct model *m)
{
	struct buf *b = &r->out;
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Registered by"));
	html_raw(b, "</dt><dd>");
	html_txt(b, *m->organization_name ? m->organization_name : m->unit_name);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Field"));
	html_raw(b, "</dt><dd>");
	html_txt(b, T(r, model_field_label(m->field)));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Since"));
	html_raw(b, "</dt><dd>");
	html_txt(b, page_date(r, m->since));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Run by"));
	html_raw(b, "</dt><dd>");
	html_txt(b, m->runner);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "People reached"));
	html_raw(b, "</dt><dd>");
	html_txt(b, number(r, m->reached));
	if (m->origin_id) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "Replicates"));
		html_raw(b, "</dt><dd>");
		html_link(b, link_model(r, m->origin_id, NULL), m->origin_name);
	}
	html_raw(b, "</dd></dl>");
}

static int model_page(struct req *r, const struct form_errors *fe, int status)
{
	struct model m, *reps;
	struct model_evaluation *ev;
	struct attachment *files;
	size_t nev, nfiles, nreps;
	int rc = model_get(&r->ctx, r->params[0], &m);
	if (rc || (rc = model_evaluations(&r->ctx, m.id, &ev, &nev)) ||
	    (rc = attachment_list(&r->ctx, &model_attach, m.id, &files, &nfiles)) ||
	    (rc = model_replications(&r->ctx, m.id, &reps, &nreps)))
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, m.name);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_models(r, 0, NULL, NULL), T(r, "Dân vận khéo models"));
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, model_field_label(m.field)));
	html_raw(b, "</p>");
	page_heading(r, m.name);
	if (!m.is_public)
		page_note(r, "note", T(r, "Not in the public library: not evaluated effective."));
	facts(r, &m);
	html_raw(b, "<div class=\"prose\">");
	html_markdown(b, m.description);
	html_raw(b, "</div>");
	if (*m.results) {
		html_raw(b, "<h2>");
		html_txt(b, T(r, "Results"));
		html_raw(b, "</h2><div class=\"prose\">");
		html_markdown(b, m.results);
		html_raw(b, "</div>");
	}
	files_block(r, &m, files, nfiles, fe);
	evaluations_block(r, &m, ev, nev, fe);
	page_section(r, NULL, T(r, "Replicated by"));
	if (!nreps)
		page_note(r, "empty", T(r, "No other unit yet."));
	html_raw(b, "<ul>");
	for (size_t i = 0; i < nreps; i++) {
		html_raw(b, "<li>");
		html_link(b, link_model(r, reps[i].id, NULL), reps[i].name);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, reps[i].unit_name);
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul>");
	/* replicating: a model of one's own unit with this one as its origin */
	for (size_t i = 0; m.is_public && i < r->ctx.actor->ngrants; i++) {
		const struct grant *g = &r->ctx.actor->grants[i];
		if (!role_allows((enum role)g->role, ACT_REGISTER_MODELS) || g->unit_id == m.unit_id)
			continue;
		html_raw(b, "<p class=\"links\">");
		html_link(b, link_query_id(r, link_unit(r, g->unit_id, "models/new"), "origin", m.id),
			  T(r, "Replicate it in my unit"));
		html_raw(b, "</p>");
		break;
	}
	html_raw(b, "</section>");
	if (m.may_edit) {
		html_raw(b, "<p class=\"links\">");
		html_link(b, link_model(r, m.id, "edit"), T(r, "Edit the model"));
		html_raw(b, "</p>");
	}
	layout_end(r);
	return 0;
}

int page_model(struct req *r)
{
	return model_page(r, NULL, 200);
}

int model_page_after(struct req *r, int rc)
{
	return form_after(r, rc, model_page, link_model(r, r->params[0], NULL));
}

int page_model_evaluate(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	const char *y = req_form(r, "year");
	char *end;
	long year = y && *y ? strtol(y, &end, 10) : 0;
	if (!y || !*y || *end || year < 1900 || year > 9999)
		return model_page_after(r, dv_fail(&r->ctx.err, DV_EINVAL, "year", "No such year"));
	return model_page_after(r, model_evaluate(&r->ctx, r->params[0], (int)year,
						  req_form(r, "verdict"), req_form(r, "notes"),
						  req_form(r, "evidence")));
}

int page_model_file_add(struct req *r)
{
	const struct mp_part *file, *caption;
	struct mp_part *parts;
	size_t nparts;
	int64_t fid;
	int rc = form_upload(r, &file);
	if (!rc && !(rc = req_multipart(r, &parts, &nparts))) {
		caption = multipart_find(parts, nparts, "caption");
		rc = attachment_add(&r->ctx, &model_attach, r->params[0], file->filename, file->data,
				    file->len, form_part_text(caption), &fid);
	}
	return model_page_after(r, rc);
}

int page_model_file_remove(struct req *r)
{
	return model_page_after(
		r, attachment_remove(&r->ctx, &model_attach, r->params[0], r->params[1]));
}

static int send_file(struct req *r, int thumb)
{
	struct file_data f;
	int rc = model_file_read(&r->ctx, r->params[0], r->params[1], thumb, &f);
	if (rc)
		return rc;
	r->status = 200;
	r->content_type = f.mime;
	res_header(r, "Cache-Control", f.is_public ? "public, max-age=86400" : "private, no-store");
	res_header(r, "Content-Disposition", "inline");
	buf_add(&r->out, f.data, f.len);
	return 0;
}

int page_model_file(struct req *r)
{
	return send_file(r, 0);
}

int page_model_thumb(struct req *r)
{
	return send_file(r, 1);
}

/* -------------------------------------------------------- register, edit */

static int model_form(struct req *r, int64_t unit_id, const struct model *m, int64_t origin,
		      const struct form_errors *fe, int status)
{
	const char *v;
	struct organization *orgs;
	size_t no;
	int rc = org_list(&r->ctx, unit_id, &orgs, &no);
	if (rc)
		return rc;
	const char *title = m ? arena_printf(&r->arena, "%s: %s", T(r, "Edit"), m->name)
			      : origin ? T(r, "Replicate a model")
				       : T(r, "Register a Dân vận khéo model");
	layout_begin(r, title);
	r->status = status;
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, m ? link_model(r, m->id, NULL) : link_unit(r, unit_id, "models"), "stacked");
	if (origin)
		form_hidden(r, "origin", arena_printf(&r->arena, "%lld", (long long)origin));
	if (!m) {
		const char **opt = arena_array(&r->arena, const char *, 2 * no + 3);
		opt[0] = "";
		opt[1] = T(r, "The unit itself");
		for (size_t i = 0; i < no; i++) {
			opt[2 + 2 * i] = arena_printf(&r->arena, "%lld", (long long)orgs[i].id);
			opt[3 + 2 * i] = orgs[i].name;
		}
		form_select(r, "organization", T(r, "Registered by"), req_form(r, "organization"),
			    opt, fe);
	}
	form_select_names(r, "field", T(r, "Field"),
			  (v = req_form(r, "field")) ? v : m ? model_field_name(m->field) : "culture",
			  model_field_names, FIELD_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "name", .label = T(r, "Name of the model"),
				   .value = (v = req_form(r, "name")) ? v : m ? m->name : "",
				   .required = 1, .maxlength = MODEL_NAME_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "description", .label = T(r, "What it does"),
				      .value = (v = req_form(r, "description")) ? v
						: m			? m->description
									: "",
				      .required = 1, .maxlength = MODEL_TEXT_MAX},
		      6, fe);
	form_input(r,
		   &(struct field){.name = "since", .label = T(r, "Running since"),
				   .value = (v = req_form(r, "since")) ? v
					    : m			? page_date_iso(r, m->since)
								: "",
				   .type = "date", .required = 1},
		   fe);
	form_input(r,
		   &(struct field){.name = "runner", .label = T(r, "Who runs it"),
				   .value = (v = req_form(r, "runner")) ? v : m ? m->runner : "",
				   .required = 1, .maxlength = MODEL_RUNNER_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "reached", .label = T(r, "People reached"),
				   .value = (v = req_form(r, "reached")) ? v
					    : m ? arena_printf(&r->arena, "%lld", (long long)m->reached)
						: "",
				   .maxlength = 15},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "results", .label = T(r, "Results (figures)"),
				      .value = (v = req_form(r, "results")) ? v : m ? m->results : "",
				      .maxlength = MODEL_RESULTS_MAX},
		      4, fe);
	form_submit(r, T(r, "Save the model"));
	form_end(r);
	layout_end(r);
	return 0;
}

/* The form's fields; DV_EINVAL naming an id that is not a plain number. */
static int read_input(struct req *r, struct model_input *in)
{
	memset(in, 0, sizeof(*in));
	int rc = req_form_id(r, "organization", &in->organization_id);
	if (rc || (rc = req_form_id(r, "origin", &in->origin_id)))
		return rc;
	in->field = req_form(r, "field");
	in->name = req_form(r, "name");
	in->description = req_form(r, "description");
	in->since = req_form(r, "since");
	in->runner = req_form(r, "runner");
	in->reached = req_form(r, "reached");
	in->results = req_form(r, "results");
	return 0;
}

static int registering_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_REGISTER_MODELS, u->id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_model_new(struct req *r)
{
	struct unit u;
	int64_t origin = 0;
	int rc = registering_unit(r, &u);
	if (rc || (rc = req_query_int(r, "origin", 1, REQ_ID_MAX, 0, &origin)))
		return rc;
	return model_form(r, u.id, NULL, origin, NULL, 200);
}

int page_model_create(struct req *r)
{
	struct unit u;
	struct model_input in;
	struct form_errors fe = {0};
	int64_t id;
	int rc = registering_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	if (!(rc = read_input(r, &in))) {
		in.unit_id = u.id;
		rc = model_create(&r->ctx, &in, &id);
	}
	int status = form_mendable(r, rc, &fe);
	if (status)
		return model_form(r, u.id, NULL, in.origin_id, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_model(r, id, NULL));
	return 0;
}

static int editable(struct req *r, struct model *m)
{
	int rc = model_get(&r->ctx, r->params[0], m);
	if (rc)
		return rc;
	if (!m->may_edit)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_model_edit(struct req *r)
{
	struct model m;
	int rc = editable(r, &m);
	return rc ? rc : model_form(r, m.unit_id, &m, 0, NULL, 200);
}

int page_model_update(struct req *r)
{
	struct model m;
	struct model_input in;
	struct form_errors fe = {0};
	int rc = editable(r, &m);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	if (!(rc = read_input(r, &in)))
		rc = model_update(&r->ctx, m.id, &in);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return model_form(r, m.unit_id, &m, 0, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_model(r, m.id, NULL));
	return 0;
}

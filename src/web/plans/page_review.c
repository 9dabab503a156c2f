/*
 * The year-end review on the web: a unit's reviews and the form to build
 * one, a review's page (its figures for the unit and the units below, its
 * lists, its narrative parts with the officers' form while a draft), the
 * actions (build again, make final, publish), and the review printed: a
 * PDF (also at /units/ID/review/YEAR.pdf) and a workbook of its figures.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "print/review_pdf.h"
#include "print/review_xlsx.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/plans/plans.h"
#include "web/plans/plans_impl.h"

/* ------------------------------------------------------- a unit's reviews */

static int unit_reviews_page(struct req *r, const struct form_errors *fe, int status)
{
	struct unit u;
	struct review *v;
	size_t n;
	int rc = unit_get(&r->ctx, r->params[0], &u);
	if (rc || (rc = review_list(&r->ctx, u.id, 0, &v, &n)))
		return rc;
	struct buf *b = &r->out;
	const char *title = arena_printf(&r->arena, "%s: %s %s", T(r, "Year-end reviews"),
					 T(r, unit_kind_label(u.kind)), u.name);
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	form_summary(r, fe);
	if (!n)
		page_note(r, "empty", T(r, "No review here yet."));
	else
		html_raw(b, "<ul class=\"items\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_link(b, link_review(r, v[i].id, NULL), v[i].title);
		html_raw(b, " <span class=\"meta\">");
		html_txtf(b, "%s · %d · %s", v[i].unit_name, v[i].year,
			  T(r, review_status_label(v[i].status)));
		html_raw(b, "</span> ");
		html_link(b, link_review(r, v[i].id, "review.pdf"), "PDF");
		html_raw(b, "</li>");
	}
	if (n)
		html_raw(b, "</ul>");
	if (perm_may(&r->ctx, ACT_REVIEW_YEAR, u.id)) {
		int y = time_local_date(r->ctx.now) / 10000;
		const char *years[] = {arena_printf(&r->arena, "%d", y),
				       arena_printf(&r->arena, "%d", y),
				       arena_printf(&r->arena, "%d", y - 1),
				       arena_printf(&r->arena, "%d", y - 1),
				       arena_printf(&r->arena, "%d", y - 2),
				       arena_printf(&r->arena, "%d", y - 2),
				       NULL};
		page_section(r, "tools", T(r, "Build a review"));
		page_note(r, "meta",
			  T(r, "danvan reads every figure of the year from the modules; the "
			       "narrative parts are written afterwards."));
		form_begin(r, link_unit(r, u.id, "reviews"), "stacked");
		form_select(r, "year", T(r, "Year"), req_form(r, "year"), years, fe);
		form_submit(r, T(r, "Build the draft"));
		form_end(r);
		html_raw(b, "</section>");
	}
	layout_end(r);
	return 0;
}

int page_unit_reviews(struct req *r)
{
	return unit_reviews_page(r, NULL, 200);
}

int page_review_create(struct req *r)
{
	int64_t id = 0;
	const char *y = NULL;
	int rc = req_form_parse(r);
	if (!rc) {
		y = req_form(r, "year");
		char *end = NULL;
		long year = y ? strtol(y, &end, 10) : 0;
		if (!y || !*y || *end || year < PLAN_YEAR_MIN || year > PLAN_YEAR_MAX)
			rc = dv_fail(&r->ctx.err, DV_EINVAL, "year", "Choose a year");
		else
			rc = review_build(&r->ctx, r->params[0], (int)year, &id);
	}
	return form_after(r, rc, unit_reviews_page, rc ? NULL : link_review(r, id, NULL));
}

/* ---------------------------------------------------------- a review */

static void figure_rows(struct req *r, const struct review_doc *d)
{
	struct buf *b = &r->out;
	int ny = d->r.year - d->year0 + 1;
	/* a table kept as one on phones, scrolled sideways if it must */
	html_raw(b, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
	html_txt(b, T(r, "The figures, year on year"));
	html_raw(b, "\"><table class=\"list keep\"><caption>");
	html_txt(b, T(r, "The figures, year on year"));
	html_raw(b, "</caption><thead><tr><th scope=\"col\">");
	html_txt(b, T(r, "Figure"));
	html_raw(b, "</th>");
	for (int y = 0; y < ny; y++) {
		html_raw(b, "<th scope=\"col\" class=\"num\">");
		html_txtf(b, "%d", d->year0 + y);
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead><tbody>");
	for (int f = 0; f < FIG_COUNT; f++) {
		enum measure m = (f >= FIG_MONEY && f <= FIG_MONEY_OTHER) ? M_MONEY
				 : f == FIG_ALLEY_M			  ? M_METRES
									  : M_COUNT;
		html_raw(b, "<tr><th scope=\"row\">");
		html_txt(b, T(r, fig_label((enum fig)f)));
		html_raw(b, "</th>");
		for (int y = 0; y < ny; y++) {
			html_raw(b, "<td class=\"num\">");
			html_txt(b, plans_figure(r, m,
						 (struct figure){review_fig(d, 0, d->year0 + y,
									    (enum fig)f),
								 0}));
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

static void units_rows(struct req *r, const struct review_doc *d)
{
	struct buf *b = &r->out;
	if (d->nunits < 2)
		return;
	static const enum fig cols[] = {FIG_NOTICES, FIG_MATTERS, FIG_WORKS,
					FIG_MONEY,   FIG_REPORTS, FIG_MODELS};
	html_raw(b, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
	html_txt(b, T(r, "Units below"));
	html_raw(b, "\"><table class=\"list keep\"><caption>");
	html_txt(b, T(r, "Units below"));
	html_raw(b, "</caption><thead><tr><th scope=\"col\">");
	html_txt(b, T(r, "Unit"));
	html_raw(b, "</th>");
	for (size_t c = 0; c < ARRAY_LEN(cols); c++) {
		html_raw(b, "<th scope=\"col\" class=\"num\">");
		html_txt(b, T(r, fig_label(cols[c])));
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead><tbody>");
	for (size_t u = 1; u < d->nunits; u++) {
		html_raw(b, "<tr><th scope=\"row\">");
		html_txt(b, d->units[u].name);
		html_raw(b, "</th>");
		for (size_t c = 0; c < ARRAY_LEN(cols); c++) {
			html_raw(b, "<td class=\"num\">");
			html_txt(b, plans_figure(r, cols[c] == FIG_MONEY ? M_MONEY : M_COUNT,
						 (struct figure){
							 review_fig(d, u, d->r.year, cols[c]), 0}));
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

static void lines_block(struct req *r, const struct review_doc *d)
{
	struct buf *b = &r->out;
	for (int k = 0; k < RL_COUNT; k++) {
		size_t n;
		const struct review_line *v = review_lines_of(d, (enum review_line_kind)k, &n);
		if (!n || k == RL_UNIT)
			continue;
		html_raw(b, "<h2>");
		html_txt(b, T(r, review_line_kind_label((enum review_line_kind)k)));
		html_raw(b, "</h2><ul class=\"items compact\">");
		for (size_t i = 0; i < n; i++) {
			html_raw(b, "<li>");
			html_txt(b, v[i].label);
			if (v[i].detail && *v[i].detail) {
				html_raw(b, " <span class=\"meta\">");
				html_txt(b, v[i].detail);
				html_raw(b, "</span>");
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
}

/* The conference that reviewed the year, once recorded: its facts and the
 * certificates handed at it (each one's PDF for the officers who print
 * them; the decisions, public, for everyone). */
static int conference_block(struct req *r, const struct review_doc *d, struct review_conference *c,
			    int *found)
{
	const struct review *v = &d->r;
	struct dv_err saved = r->ctx.err;
	int rc = review_conference_get(&r->ctx, v->id, c);
	*found = rc == 0;
	if (rc == DV_ENOTFOUND) {
		r->ctx.err = saved;
		return 0;
	}
	if (rc)
		return rc;
	struct buf *b = &r->out;
	page_section(r, "conference", T(r, "The year-end conference"));
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Held on"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, "%s %s", plans_date(r, c->held_on), c->starts ? c->starts : "");
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Place"));
	html_raw(b, "</dt><dd>");
	html_txt(b, c->place);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Participants"));
	html_raw(b, "</dt><dd>");
	html_txt(b, c->participants);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Agenda"));
	html_raw(b, "</dt><dd>");
	html_txt(b, c->agenda);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Certificates handed"));
	html_raw(b, "</dt><dd>");
	html_int(b, (int64_t)c->nawards);
	html_raw(b, "</dd></dl>");
	size_t nd, na;
	const struct review_line *dec = review_lines_of(d, RL_DECISION, &nd);
	const struct review_line *aw = review_lines_of(d, RL_AWARD, &na);
	if (c->nawards && nd) {
		html_raw(b, "<p class=\"links\">");
		for (size_t i = 0; i < nd; i++)
			html_link(b, link_award_decision(r, dec[i].ref, NULL), dec[i].label);
		html_raw(b, "</p>");
	}
	if (c->nawards) {
		html_raw(b, "<details><summary>");
		html_txt(b, T(r, "Who was handed a certificate"));
		html_raw(b, "</summary><ul class=\"items compact\">");
		for (size_t i = 0; i < na; i++) {
			int handed = 0;
			for (size_t k = 0; k < c->nawards && !handed; k++)
				handed = c->award_ids[k] == aw[i].ref;
			if (!handed)
				continue;
			html_raw(b, "<li>");
			if (v->may_edit)
				html_link(b, link_award(r, aw[i].ref, "certificate.pdf"),
					  aw[i].label);
			else
				html_txt(b, aw[i].label);
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></details>");
	}
	html_raw(b, "</section>");
	return 0;
}

/* The form recording the conference (or correcting it), for the officers
 * who may edit a final or published review: as typed when shown again
 * with its errors, else as recorded; every certificate the review lists is
 * ticked until a conference says otherwise. */
static void conference_form(struct req *r, const struct review_doc *d,
			    const struct review_conference *c, int found,
			    const struct form_errors *fe)
{
	struct buf *b = &r->out;
	int posted = req_form(r, "held_on") != NULL;
	const char *typed;
	page_section(r, "tools",
		     found ? T(r, "Correct the conference") : T(r, "Record the conference"));
	page_note(r, "meta",
		  T(r, "The conference that reviewed the year: when and where, who took part, "
		       "its agenda and the certificates handed at it."));
	form_begin(r, link_review(r, d->r.id, "conference"), "stacked");
	form_input(r,
		   &(struct field){.name = "held_on",
				   .label = T(r, "Held on"),
				   .type = "date",
				   .required = 1,
				   .value = posted  ? req_form(r, "held_on")
					    : found ? page_date_iso(r, c->held_on)
						    : NULL},
		   fe);
	typed = req_form(r, "starts");
	form_input(r,
		   &(struct field){.name = "starts",
				   .label = T(r, "Starting at"),
				   .type = "time",
				   .hint = T(r, "hh:mm, may be left empty"),
				   .value = posted  ? typed
					    : found ? c->starts
						    : NULL},
		   fe);
	typed = req_form(r, "place");
	form_input(r,
		   &(struct field){.name = "place",
				   .label = T(r, "Place"),
				   .required = 1,
				   .maxlength = REVIEW_LINE_MAX,
				   .value = posted  ? typed
					    : found ? c->place
						    : NULL},
		   fe);
	typed = req_form(r, "participants");
	form_textarea(r,
		      &(struct field){.name = "participants",
				      .label = T(r, "Participants"),
				      .required = 1,
				      .value = posted  ? typed
					       : found ? c->participants
						       : NULL},
		      4, fe);
	typed = req_form(r, "agenda");
	form_textarea(r,
		      &(struct field){.name = "agenda",
				      .label = T(r, "Agenda"),
				      .required = 1,
				      .value = posted  ? typed
					       : found ? c->agenda
						       : NULL},
		      4, fe);
	size_t na;
	const struct review_line *aw = review_lines_of(d, RL_AWARD, &na);
	if (na) {
		const char *err = form_error_for(fe, "awards");
		html_raw(b, err ? "<fieldset class=\"has-error\" id=\"f-awards\"><legend>"
				: "<fieldset id=\"f-awards\"><legend>");
		html_txt(b, T(r, "Certificates handed at it"));
		html_raw(b, "</legend>");
		if (err) {
			html_raw(b, "<p class=\"field-error\">");
			html_txt(b, err);
			html_raw(b, "</p>");
		}
		for (size_t i = 0; i < na; i++) {
			const char *key =
				arena_printf(&r->arena, "award_%lld", (long long)aw[i].ref);
			int checked = !found;
			for (size_t k = 0; found && k < c->nawards && !checked; k++)
				checked = c->award_ids[k] == aw[i].ref;
			if (posted)
				checked = req_form(r, key) != NULL;
			form_checkbox(r, key, aw[i].label, checked);
		}
		html_raw(b, "</fieldset>");
	}
	form_submit(r, T(r, "Save the conference"));
	form_end(r);
	html_raw(b, "</section>");
}

static void edit_form(struct req *r, const struct review *v, const struct form_errors *fe)
{
	page_section(r, "tools", T(r, "The heading and the narrative"));
	form_begin(r, link_review(r, v->id, NULL), "stacked");
	const struct {
		const char *name, *label, *value;
		size_t max;
	} heads[] = {
		{"title", N_("Title"), v->title, REVIEW_TITLE_MAX},
		{"authority", N_("Authority"), v->authority, REVIEW_LINE_MAX},
		{"place", N_("Place"), v->place, REVIEW_LINE_MAX},
		{"signer_title", N_("Signer's title"), v->signer_title, REVIEW_LINE_MAX},
		{"signer_name", N_("Signer's name"), v->signer_name, REVIEW_LINE_MAX},
	};
	for (size_t i = 0; i < ARRAY_LEN(heads); i++) {
		const char *typed = req_form(r, heads[i].name);
		form_input(r,
			   &(struct field){.name = heads[i].name,
					   .label = T(r, heads[i].label),
					   .value = typed ? typed : heads[i].value,
					   .maxlength = heads[i].max},
			   fe);
	}
	for (int p = 0; p < RP_COUNT; p++) {
		const char *name = review_part_name((enum review_part)p);
		const char *typed = req_form(r, name);
		form_textarea(r,
			      &(struct field){.name = name,
					      .label = T(r, review_part_label((enum review_part)p)),
					      .value = typed ? typed : v->parts[p]},
			      5, fe);
	}
	form_submit(r, T(r, "Save"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

int review_page(struct req *r, const struct form_errors *fe, int status)
{
	struct review_doc d;
	int rc = review_doc(&r->ctx, r->params[0], &d);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	const struct review *v = &d.r;
	layout_begin(r, v->title);
	r->status = status;
	page_back(r, link_unit(r, v->unit_id, "reviews"), v->unit_name);
	page_heading(r, v->title);
	form_summary(r, fe);
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Unit"));
	html_raw(b, "</dt><dd>");
	html_link(b, link_unit(r, v->unit_id, NULL), v->unit_name);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Year"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, "%d", v->year);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Status"));
	html_raw(b, "</dt><dd>");
	html_txt(b, T(r, review_status_label(v->status)));
	if (v->deadline) {
		html_raw(b, v->late ? " <span class=\"late\">" : " <span class=\"meta\">");
		html_txtf(b, T(r, "(final by %s)"), plans_date(r, v->deadline));
		html_raw(b, "</span>");
	}
	html_raw(b, "</dd>");
	if (v->hash && *v->hash) {
		html_raw(b, "<dt>");
		html_txt(b, T(r, "Content hash"));
		html_raw(b, "</dt><dd><code>");
		html_txt(b, v->hash);
		html_raw(b, "</code></dd>");
	}
	html_raw(b, "</dl><p class=\"links\">");
	html_link(b, link_review(r, v->id, "review.pdf"), T(r, "The report (PDF)"));
	html_link(b, link_review(r, v->id, "review.xlsx"), T(r, "Every figure (XLSX)"));
	if (v->notice_id)
		html_link(b, link_notice(r, v->notice_id, NULL), T(r, "The public notice"));
	html_raw(b, "</p>");
	figure_rows(r, &d);
	units_rows(r, &d);
	lines_block(r, &d);
	for (int p = 0; p < RP_COUNT; p++) {
		if (!v->parts[p] || !*v->parts[p])
			continue;
		html_raw(b, "<h2>");
		html_txt(b, T(r, review_part_label((enum review_part)p)));
		html_raw(b, "</h2><p class=\"prose\">");
		html_txt(b, v->parts[p]);
		html_raw(b, "</p>");
	}
	struct review_conference conf;
	int found;
	if ((rc = conference_block(r, &d, &conf, &found)))
		return rc;
	if (v->may_edit && v->status != RS_DRAFT)
		conference_form(r, &d, &conf, found, fe);
	if (v->may_edit && v->status == RS_DRAFT) {
		edit_form(r, v, fe);
		form_button(r, link_review(r, v->id, "build"), T(r, "Read the figures again"),
			    "inline secondary");
		form_button(r, link_review(r, v->id, "final"),
			    T(r, "Make it final (nothing changes afterwards)"), "inline");
	}
	if (v->may_edit && v->status == RS_FINAL)
		form_button(r, link_review(r, v->id, "publish"), T(r, "Publish it"), "inline");
	layout_end(r);
	return 0;
}

int page_review(struct req *r)
{
	return review_page(r, NULL, 200);
}

int page_review_update(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc) {
		struct review_input in = {.title = req_form(r, "title"),
					  .authority = req_form(r, "authority"),
					  .place = req_form(r, "place"),
					  .signer_title = req_form(r, "signer_title"),
					  .signer_name = req_form(r, "signer_name")};
		for (int p = 0; p < RP_COUNT; p++)
			in.parts[p] = req_form(r, review_part_name((enum review_part)p));
		rc = review_update(&r->ctx, r->params[0], &in);
	}
	return form_after(r, rc, review_page, link_review(r, r->params[0], NULL));
}

int page_review_build(struct req *r)
{
	struct review v;
	int64_t id;
	int rc = req_form_parse(r);
	if (!rc && !(rc = review_get(&r->ctx, r->params[0], &v)))
		rc = review_build(&r->ctx, v.unit_id, v.year, &id);
	return form_after(r, rc, review_page, link_review(r, r->params[0], NULL));
}

int page_review_final(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = review_finalize(&r->ctx, r->params[0], req_form(r, "final_on"));
	return form_after(r, rc, review_page, link_review(r, r->params[0], NULL));
}

int page_review_publish(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = review_publish(&r->ctx, r->params[0],
				    link_review(r, r->params[0], "review.pdf"));
	return form_after(r, rc, review_page, link_review(r, r->params[0], NULL));
}

/* The conference from its form: the certificates ticked among those the
 * review lists (the domain checks them again). */
int page_review_conference(struct req *r)
{
	struct review_doc d;
	int rc = req_form_parse(r);
	if (!rc)
		rc = review_doc(&r->ctx, r->params[0], &d);
	if (!rc) {
		size_t na, n = 0;
		const struct review_line *aw = review_lines_of(&d, RL_AWARD, &na);
		int64_t *ids = arena_array(&r->arena, int64_t, na + 1);
		for (size_t i = 0; i < na; i++)
			if (req_form(r,
				     arena_printf(&r->arena, "award_%lld", (long long)aw[i].ref)))
				ids[n++] = aw[i].ref;
		struct conference_input in = {.held_on = req_form(r, "held_on"),
					      .starts = req_form(r, "starts"),
					      .place = req_form(r, "place"),
					      .participants = req_form(r, "participants"),
					      .agenda = req_form(r, "agenda"),
					      .awards = ids,
					      .nawards = n};
		rc = review_conference_set(&r->ctx, r->params[0], &in);
	}
	return form_after(r, rc, review_page, link_review(r, r->params[0], NULL));
}

/* ------------------------------------------------------------- printed */

static int send_pdf(struct req *r, int64_t id)
{
	struct review_doc d;
	int rc = review_doc(&r->ctx, id, &d);
	if (rc)
		return rc;
	const char *url = r->public_url ? arena_printf(&r->arena, "%s%s", r->public_url,
						       link_review(r, id, NULL))
					: NULL;
	if ((rc = review_pdf(&d, r->ctx.lang, url, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(
		r, "Content-Disposition",
		arena_printf(&r->arena, "inline; filename=\"bao-cao-tong-ket-%d.pdf\"", d.r.year));
	return 0;
}

int page_review_pdf(struct req *r)
{
	return send_pdf(r, r->params[0]);
}

int page_unit_review_pdf(struct req *r)
{
	struct review v;
	if (r->params[1] < PLAN_YEAR_MIN || r->params[1] > PLAN_YEAR_MAX)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such review");
	int rc = review_find(&r->ctx, r->params[0], (int)r->params[1], &v);
	return rc ? rc : send_pdf(r, v.id);
}

int page_review_xlsx(struct req *r)
{
	struct review_doc d;
	int rc = review_doc(&r->ctx, r->params[0], &d);
	if (rc || (rc = review_xlsx(&d, r->ctx.lang, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"so-lieu-tong-ket-%d.xlsx\"",
				d.r.year));
	return 0;
}

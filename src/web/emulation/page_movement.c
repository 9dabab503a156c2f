/*
 * Emulation movements on the web: the list, a movement with its criteria
 * and participants, launching one, registering a participant's
 * commitments, reporting progress, and the evaluation at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"
#include "web/emulation/emulation.h"
#include "web/emulation/emulation_impl.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"

#define LIST_SIZE 20

const char *emulation_period(struct req *r, int32_t from, int32_t to)
{
	return arena_printf(&r->arena, "%s – %s", page_date(r, from), page_date(r, to));
}

/* "unit, household" as the interface says them. */
static const char *kinds_label(struct req *r, unsigned kinds)
{
	struct buf b = BUF_INIT;
	for (int k = 0; k < SUBJ_COUNT; k++)
		if (kinds & (1u << k))
			buf_addf(&b, "%s%s", b.len ? ", " : "",
				 T(r, subject_kind_label((enum subject_kind)k)));
	const char *s = arena_strdup(&r->arena, b.ptr ? b.ptr : "");
	buf_release(&b);
	return s;
}

/* ------------------------------------------------------------------ list */

int page_movements(struct req *r)
{
	int64_t unit = 0, page;
	int status = -1;
	struct movement *v;
	size_t n;
	int more;
	struct unit u;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &unit);
	if (rc ||
	    (rc = req_query_enum(r, "status", movement_status_names, MOV_STATUS_COUNT, &status)) ||
	    (rc = page_number(r, 10000, &page)))
		return rc;
	if (unit && unit_get(&r->ctx, unit, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	if ((rc = movement_list(&r->ctx, unit, status, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n,
				&more)))
		return rc;
	const char *title = T(r, "Emulation movements");
	if (unit)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Movements a unit or an organization launches: who takes part commits to "
		       "targets, reports progress, and is evaluated at the end."));
	struct buf *b = &r->out;
	if (unit && perm_may(&r->ctx, ACT_RUN_MOVEMENTS, unit)) {
		html_raw(b, "<p class=\"links\">");
		html_link(b, link_unit(r, unit, "movements/new"), T(r, "Launch a movement"));
		html_raw(b, "</p>");
	}
	if (!n)
		page_note(r, "empty", T(r, "No movements here yet."));
	html_raw(b, "<ul class=\"items\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li><article class=\"item\"><p class=\"kicker\">");
		html_txt(b, T(r, movement_status_label(v[i].status)));
		html_raw(b, "</p><h2>");
		html_link(b, link_movement(r, v[i].id, NULL), v[i].name);
		html_raw(b, "</h2><p class=\"meta\">");
		html_txt(b, *v[i].organization_name ? v[i].organization_name : v[i].unit_name);
		html_raw(b, " · ");
		html_txt(b, emulation_period(r, v[i].starts_on, v[i].ends_on));
		html_raw(b, " · ");
		html_txtf(b, T(r, "%lld taking part"), (long long)v[i].entries);
		html_raw(b, "</p></article></li>");
	}
	html_raw(b, "</ul>");
	page_pager(r, link_movements(r, unit), page, more);
	layout_end(r);
	return 0;
}

/* -------------------------------------------------------------- a movement */

static void entry_row(struct req *r, const struct movement *m, const struct movement_entry *e)
{
	struct buf *b = &r->out;
	html_raw(b, "<tr id=\"e");
	html_txtf(b, "%lld", (long long)e->id);
	html_raw(b, "\"><th scope=\"row\">");
	html_txt(b, e->subject.name);
	html_raw(b, "<br><span class=\"meta\">");
	html_txt(b, T(r, subject_kind_label(e->subject.kind)));
	if (*e->subject.detail) {
		html_raw(b, " · ");
		html_txt(b, e->subject.detail);
	}
	html_raw(b, "</span></th><td>");
	html_txt(b, e->commitment);
	html_raw(b, "</td><td>");
	html_txt(b, T(r, movement_result_label(e->result)));
	if (*e->result_note) {
		html_raw(b, "<br><span class=\"meta\">");
		html_txt(b, e->result_note);
		html_raw(b, "</span>");
	}
	html_raw(b, "</td><td>");
	const char *id = arena_printf(&r->arena, "%lld", (long long)e->id);
	if (m->status == MOV_ENDED && m->may_run) {
		form_begin(r, link_movement_entry(r, e->id, "evaluate"), "inline");
		html_raw(b, "<label class=\"sr\" for=\"res");
		html_attr(b, id);
		html_raw(b, "\">");
		html_txt(b, T(r, "Result"));
		html_raw(b, "</label><select name=\"result\" id=\"res");
		html_attr(b, id);
		html_raw(b, "\">");
		for (int k = RESULT_NONE + 1; k < RESULT_COUNT; k++) {
			html_raw(b, "<option value=\"");
			html_attr(b, movement_result_name((enum movement_result)k));
			html_raw(b, k == (int)e->result ? "\" selected>" : "\">");
			html_txt(b, T(r, movement_result_label((enum movement_result)k)));
			html_raw(b, "</option>");
		}
		html_raw(b, "</select> <label class=\"sr\" for=\"note");
		html_attr(b, id);
		html_raw(b, "\">");
		html_txt(b, T(r, "Note"));
		html_raw(b, "</label><input name=\"note\" maxlength=\"1000\" id=\"note");
		html_attr(b, id);
		html_raw(b, "\"> <button type=\"submit\">");
		html_txt(b, T(r, "Evaluate"));
		html_raw(b, "</button>");
		form_end(r);
	} else if (m->status == MOV_RUNNING && m->may_join) {
		form_begin(r, link_movement_entry(r, e->id, "progress"), "inline");
		html_raw(b, "<label class=\"sr\" for=\"pr");
		html_attr(b, id);
		html_raw(b, "\">");
		html_txt(b, T(r, "Progress"));
		html_raw(b, "</label><input name=\"text\" required maxlength=\"2000\" id=\"pr");
		html_attr(b, id);
		html_raw(b, "\"> <button type=\"submit\">");
		html_txt(b, T(r, "Report progress"));
		html_raw(b, "</button>");
		form_end(r);
	}
	html_raw(b, "</td></tr>");
}

static int join_form(struct req *r, const struct movement *m, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	page_section(r, "tools", T(r, "Register to take part"));
	form_begin(r, link_movement(r, m->id, "entries"), "stacked");
	int rc = emulation_subject_select(r, "subject", T(r, "Who takes part"), m->unit_id,
					  m->participants, fe);
	if (rc)
		return rc;
	if (m->participants & (1u << SUBJ_INDIVIDUAL)) {
		form_input(r,
			   &(struct field){.name = "name", .label = T(r, "The person's full name"),
					   .value = req_form(r, "name"),
					   .maxlength = SUBJECT_NAME_MAX},
			   fe);
		form_input(r,
			   &(struct field){.name = "detail", .label = T(r, "Position and workplace"),
					   .value = req_form(r, "detail"),
					   .maxlength = SUBJECT_DETAIL_MAX},
			   fe);
	}
	form_textarea(r,
		      &(struct field){.name = "commitment", .label = T(r, "Commitments (targets)"),
				      .value = req_form(r, "commitment"), .required = 1,
				      .maxlength = COMMITMENT_MAX},
		      3, fe);
	form_submit(r, T(r, "Register"));
	form_end(r);
	html_raw(b, "</section>");
	return 0;
}

static int movement_page(struct req *r, const struct form_errors *fe, int status)
{
	struct movement m;
	struct movement_entry *v;
	size_t n;
	int rc = movement_get(&r->ctx, r->params[0], &m);
	if (rc || (rc = movement_entries(&r->ctx, &m, &v, &n)))
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, m.name);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_movements(r, m.unit_id), m.unit_name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, movement_status_label(m.status)));
	html_raw(b, "</p>");
	page_heading(r, m.name);
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Launched by"));
	html_raw(b, "</dt><dd>");
	html_txt(b, *m.organization_name ? m.organization_name : m.unit_name);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Period"));
	html_raw(b, "</dt><dd>");
	html_txt(b, emulation_period(r, m.starts_on, m.ends_on));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Who may take part"));
	html_raw(b, "</dt><dd>");
	html_txt(b, kinds_label(r, m.participants));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Taking part"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, T(r, "%lld, of whom %lld evaluated"), (long long)m.entries,
		  (long long)m.evaluated);
	html_raw(b, "</dd></dl><h2>");
	html_txt(b, T(r, "Criteria"));
	html_raw(b, "</h2><div class=\"prose\">");
	html_markdown(b, m.criteria);
	html_raw(b, "</div>");
	if (n) {
		static const struct page_col cols[] = {{N_("Participant")}, {N_("Commitments")},
						       {N_("Result")}, {N_("Actions"), 0, 1}};
		page_table_begin(r, "list", N_("Taking part"), cols, ARRAY_LEN(cols));
		for (size_t i = 0; i < n; i++)
			entry_row(r, &m, &v[i]);
		page_table_end(r);
	}
	if (m.status != MOV_ENDED && m.may_join && (rc = join_form(r, &m, fe)))
		return rc;
	layout_end(r);
	return 0;
}

int page_movement(struct req *r)
{
	return movement_page(r, NULL, 200);
}

int movement_page_after(struct req *r, int64_t movement_id, int rc)
{
	r->params[0] = movement_id;
	return form_after(r, rc, movement_page, link_movement(r, movement_id, NULL));
}

int page_movement_join(struct req *r)
{
	struct subject_input who;
	struct movement m;
	int rc = req_form_parse(r);
	if (rc || (rc = movement_get(&r->ctx, r->params[0], &m)))
		return rc;
	rc = emulation_subject_read(r, "subject", m.unit_id, &who);
	if (!rc)
		rc = movement_join(&r->ctx, m.id, &who, req_form(r, "commitment"), NULL);
	return movement_page_after(r, m.id, rc);
}

int page_movement_report(struct req *r)
{
	int64_t mid = 0, id = r->params[0];
	int rc = req_form_parse(r);
	if (rc || (rc = movement_entry_movement(&r->ctx, id, &mid)))
		return rc;
	rc = movement_report(&r->ctx, id, req_form(r, "on"), req_form(r, "text"));
	return movement_page_after(r, mid, rc);
}

int page_movement_evaluate(struct req *r)
{
	int64_t mid = 0, id = r->params[0];
	int rc = req_form_parse(r);
	if (rc || (rc = movement_entry_movement(&r->ctx, id, &mid)))
		return rc;
	rc = movement_evaluate(&r->ctx, id, req_form(r, "result"), req_form(r, "note"));
	return movement_page_after(r, mid, rc);
}

/* ---------------------------------------------------------------- launch */

/* The checkbox of kind k among who may take part; arena string. */
static const char *part_field(struct req *r, enum subject_kind k)
{
	return arena_printf(&r->arena, "part_%s", subject_kind_name(k));
}

static int launch_form(struct req *r, const struct unit *u, const struct form_errors *fe,
		       int status)
{
	struct buf *b = &r->out;
	struct organization *orgs;
	size_t no;
	int rc = org_list(&r->ctx, u->id, &orgs, &no);
	if (rc)
		return rc;
	const char *title = T(r, "Launch a movement");
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_movements(r, u->id), u->name);
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, link_unit(r, u->id, "movements"), "stacked");
	const char **opt = arena_array(&r->arena, const char *, 2 * no + 3);
	opt[0] = "";
	opt[1] = subject_unit_title(&r->arena, u->kind, u->name);
	for (size_t i = 0; i < no; i++) {
		opt[2 + 2 * i] = arena_printf(&r->arena, "%lld", (long long)orgs[i].id);
		opt[3 + 2 * i] = orgs[i].name;
	}
	form_select(r, "organization", T(r, "Launched by"), req_form(r, "organization"), opt, fe);
	form_input(r,
		   &(struct field){.name = "name", .label = T(r, "Name of the movement"),
				   .value = req_form(r, "name"), .required = 1,
				   .maxlength = MOVEMENT_NAME_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "criteria", .label = T(r, "Criteria"),
				      .value = req_form(r, "criteria"), .required = 1,
				      .maxlength = MOVEMENT_CRITERIA_MAX},
		      6, fe);
	html_raw(b, "<fieldset><legend>");
	html_txt(b, T(r, "Who may take part"));
	html_raw(b, "</legend>");
	/* "part_<kind>": "organization" alone is the select of who launches it */
	for (int k = 0; k < SUBJ_COUNT; k++) {
		const char *name = part_field(r, (enum subject_kind)k);
		form_checkbox(r, name, T(r, subject_kind_label((enum subject_kind)k)),
			      req_form(r, name) != NULL);
	}
	html_raw(b, "</fieldset>");
	form_input(r,
		   &(struct field){.name = "starts_on", .label = T(r, "Begins on"),
				   .value = req_form(r, "starts_on"), .type = "date", .required = 1},
		   fe);
	form_input(r,
		   &(struct field){.name = "ends_on", .label = T(r, "Ends on"),
				   .value = req_form(r, "ends_on"), .type = "date", .required = 1},
		   fe);
	form_submit(r, T(r, "Launch"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int running_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_RUN_MOVEMENTS, u->id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_movement_new(struct req *r)
{
	struct unit u;
	int rc = running_unit(r, &u);
	return rc ? rc : launch_form(r, &u, NULL, 200);
}

int page_movement_create(struct req *r)
{
	struct unit u;
	struct form_errors fe = {0};
	int64_t id;
	int rc = running_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	struct buf kinds = BUF_INIT;
	for (int k = 0; k < SUBJ_COUNT; k++)
		if (req_form(r, part_field(r, (enum subject_kind)k)))
			buf_addf(&kinds, "%s%s", kinds.len ? "," : "",
				 subject_kind_name((enum subject_kind)k));
	struct movement_input in = {.unit_id = u.id,
				    .name = req_form(r, "name"),
				    .criteria = req_form(r, "criteria"),
				    .participants = arena_strdup(&r->arena, kinds.ptr ? kinds.ptr : ""),
				    .starts_on = req_form(r, "starts_on"),
				    .ends_on = req_form(r, "ends_on")};
	buf_release(&kinds);
	if (!(rc = req_form_id(r, "organization", &in.organization_id)))
		rc = movement_create(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return launch_form(r, &u, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_movement(r, id, NULL));
	return 0;
}

/*
 * What the city administrator sets for reports: the categories with their
 * deadlines and questions, the handling bodies with their officers and
 * the routing rules, and the keys of Open311 apps. The ward's officers add
 * officers to their ward's bodies on the same page.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/reports/report_app.h"
#include "domain/reports/routing.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/reports/reports_impl.h"

static int configurer(struct req *r)
{
	if (!perm_may_somewhere(&r->ctx, ACT_CONFIGURE))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
			       "There is no page at this address.");
	return 0;
}

static int64_t form_id(struct req *r, const char *name)
{
	const char *s = req_form(r, name);
	char *end;
	long long v = s && *s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && v > 0 && v <= REQ_ID_MAX ? v : 0;
}

/* ------------------------------------------------------------ categories */

int page_report_categories(struct req *r)
{
	struct report_category *v;
	size_t n;
	int rc = configurer(r);
	if (rc || (rc = report_category_list(&r->ctx, 1, &v, &n)))
		return rc;
	layout_begin(r, T(r, "Report categories"));
	page_heading(r, T(r, "Report categories"));
	page_note(r, "lead",
		  T(r,
		    "What residents report, with the working days to acknowledge and to "
		    "resolve each kind. A private kind is seen only by the police and the ward."));
	html_raw(&r->out, "<p class=\"links\">");
	html_link(&r->out, link_report_category(r, 0, "new"), T(r, "Add a category"));
	html_link(&r->out, link_report_body(r, 0, NULL), T(r, "Handling bodies and routing"));
	html_link(&r->out, link_report_app(r, 0, NULL), T(r, "Open311 apps"));
	html_raw(&r->out, "</p>");
	static const struct page_col cols[] = {{N_("Category"), 0, 0},	  {N_("Code"), 0, 0},
					       {N_("Acknowledge"), 1, 0}, {N_("Resolve"), 1, 0},
					       {N_("Private"), 0, 0},	  {N_("In use"), 0, 0}};
	page_table_begin(r, "list", N_("Working days"), cols, 6);
	for (size_t i = 0; i < n; i++) {
		html_raw(&r->out, "<tr><td>");
		html_link(&r->out, link_report_category(r, v[i].id, "edit"),
			  report_category_name(&v[i], r->ctx.lang));
		html_raw(&r->out, "</td><td><code>");
		html_txt(&r->out, v[i].code);
		html_raw(&r->out, "</code></td><td class=\"num\">");
		html_int(&r->out, v[i].ack_days);
		html_raw(&r->out, "</td><td class=\"num\">");
		html_int(&r->out, v[i].resolve_days);
		html_raw(&r->out, "</td><td>");
		html_txt(&r->out, v[i].is_private ? T(r, "yes") : "");
		html_raw(&r->out, "</td><td>");
		html_txt(&r->out, v[i].active ? T(r, "yes") : T(r, "no"));
		html_raw(&r->out, "</td></tr>");
	}
	page_table_end(r);
	layout_end(r);
	return 0;
}

static int category_form(struct req *r, const struct report_category *c,
			 const struct form_errors *fe, int status)
{
	const char *v;
	const char *title = c ? arena_printf(&r->arena, "%s: %s", T(r, "Edit"), c->name_vi)
			      : T(r, "Add a category");
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_report_category(r, 0, NULL), T(r, "Report categories"));
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, c ? link_report_category(r, c->id, NULL) : link_report_category(r, 0, NULL),
		   "stacked");
#define VAL(name, stored) ((v = req_form(r, name)) ? v : c ? (stored) : "")
	form_input(r,
		   &(struct field){.name = "code",
				   .label = T(r, "Code (Open311 service_code)"),
				   .value = VAL("code", c->code),
				   .required = 1,
				   .hint = T(r, "Small letters without accents, digits and _"),
				   .maxlength = REPORT_CATEGORY_CODE_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "name_vi",
				   .label = T(r, "Name in Vietnamese"),
				   .value = VAL("name_vi", c->name_vi),
				   .required = 1,
				   .maxlength = REPORT_CATEGORY_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "name_en",
				   .label = T(r, "Name in English"),
				   .value = VAL("name_en", c->name_en),
				   .required = 1,
				   .maxlength = REPORT_CATEGORY_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "description",
				   .label = T(r, "Description"),
				   .value = VAL("description", c->description),
				   .maxlength = REPORT_CATEGORY_DESC_MAX},
		   fe);
	form_input(r,
		   &(struct field){
			   .name = "ack_days",
			   .label = T(r, "Working days to acknowledge"),
			   .value = VAL("ack_days", arena_printf(&r->arena, "%d", c->ack_days)),
			   .type = "number",
			   .required = 1,
			   .maxlength = 2},
		   fe);
	form_input(r,
		   &(struct field){.name = "resolve_days",
				   .label = T(r, "Working days to resolve"),
				   .value = VAL("resolve_days",
						arena_printf(&r->arena, "%d", c->resolve_days)),
				   .type = "number",
				   .required = 1,
				   .maxlength = 2},
		   fe);
	form_textarea(
		r,
		&(struct field){.name = "questions",
				.label = T(r, "Extra questions"),
				.value = VAL("questions", report_questions_text(&r->ctx, c)),
				.hint = T(r, "One a line: code | string, number, text or "
					     "singlevaluelist | required or optional | the "
					     "question | key=answer; key=answer (for a list)"),
				.maxlength = REPORT_QUESTION_TEXT_MAX},
		5, fe);
#undef VAL
	int sent = req_form(r, "code") != NULL;
	form_checkbox(
		r, "private",
		T(r, "Private: seen only by the police and the ward (security, social evils)"),
		sent ? req_form(r, "private") != NULL : c && c->is_private);
	form_checkbox(r, "active", T(r, "In use"),
		      sent ? req_form(r, "active") != NULL : !c || c->active);
	form_submit(r, T(r, "Save"));
	form_end(r);
	layout_end(r);
	return 0;
}

static void read_category(struct req *r, struct report_category_input *in)
{
	memset(in, 0, sizeof(*in));
	in->code = req_form(r, "code");
	in->name_vi = req_form(r, "name_vi");
	in->name_en = req_form(r, "name_en");
	in->description = req_form(r, "description");
	in->ack_days = req_form(r, "ack_days");
	in->resolve_days = req_form(r, "resolve_days");
	in->questions = req_form(r, "questions");
	if (!in->questions)
		in->questions = "";
	in->is_private = req_form(r, "private") != NULL;
	in->active = req_form(r, "active") != NULL;
}

int page_report_category_new(struct req *r)
{
	int rc = configurer(r);
	return rc ? rc : category_form(r, NULL, NULL, 200);
}

int page_report_category_create(struct req *r)
{
	struct report_category_input in;
	struct form_errors fe = {0};
	int64_t id;
	int rc = configurer(r);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_category(r, &in);
	rc = report_category_create(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return category_form(r, NULL, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_report_category(r, 0, NULL));
	return 0;
}

int page_report_category_edit(struct req *r)
{
	struct report_category c;
	int rc = configurer(r);
	if (rc || (rc = report_category_get(&r->ctx, r->params[0], &c)))
		return rc == DV_ENOTFOUND
			       ? dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such category")
			       : rc;
	return category_form(r, &c, NULL, 200);
}

int page_report_category_update(struct req *r)
{
	struct report_category c;
	struct report_category_input in;
	struct form_errors fe = {0};
	int rc = configurer(r);
	if (rc || (rc = report_category_get(&r->ctx, r->params[0], &c)))
		return rc == DV_ENOTFOUND
			       ? dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such category")
			       : rc;
	if ((rc = req_form_parse(r)))
		return rc;
	read_category(r, &in);
	rc = report_category_update(&r->ctx, c.id, &in);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return category_form(r, &c, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_report_category(r, 0, NULL));
	return 0;
}

/* ---------------------------------------------------- bodies and routing */

/* May the actor see this page: a city administrator, or an officer who
 * staffs bodies of a ward. */
static int staffer(struct req *r)
{
	if (perm_may_somewhere(&r->ctx, ACT_CONFIGURE) ||
	    perm_may_somewhere(&r->ctx, ACT_HANDLE_REPORTS))
		return 0;
	return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
}

static int body_block(struct req *r, const struct report_body *b, const struct form_errors *fe)
{
	struct report_officer *o;
	size_t n;
	struct buf *out = &r->out;
	int rc = report_body_officers(&r->ctx, b->id, &o, &n);
	if (rc)
		return rc;
	html_raw(out, "<li><strong>");
	html_txt(out, b->name);
	html_raw(out, "</strong> <span class=\"meta\">");
	html_txtf(out, "%s · %s", T(r, body_kind_label(b->kind)), b->unit_name);
	html_raw(out, "</span>");
	int may = perm_may(&r->ctx, ACT_CONFIGURE, b->unit_id) ||
		  perm_may(&r->ctx, ACT_HANDLE_REPORTS, b->unit_id);
	if (n) {
		html_raw(out, "<ul>");
		for (size_t i = 0; i < n; i++) {
			html_raw(out, "<li>");
			html_txtf(out, "%s (%s)", o[i].name, o[i].login);
			if (may)
				form_button(r, link_report_body_officer(r, b->id, o[i].account_id),
					    T(r, "Remove"), "inline secondary");
			html_raw(out, "</li>");
		}
		html_raw(out, "</ul>");
	}
	if (may && b->kind != BODY_HEAD) {
		form_begin(r, link_report_body(r, b->id, "officers"), "inline-form");
		form_input(r,
			   &(struct field){.name = "login",
					   .label = T(r, "Add an officer (login)"),
					   .maxlength = 200},
			   fe);
		form_submit(r, T(r, "Add"));
		form_end(r);
	}
	html_raw(out, "</li>");
	return 0;
}

static void option_list(struct req *r, const char ***out, size_t n,
			int64_t (*id)(const void *, size_t),
			const char *(*label)(struct req *, const void *, size_t), const void *v,
			const char *first)
{
	const char **o = arena_alloc(&r->arena, (2 * n + 3) * sizeof(*o));
	size_t k = 0;
	o[k++] = "";
	o[k++] = first;
	for (size_t i = 0; i < n; i++) {
		o[k++] = arena_printf(&r->arena, "%lld", (long long)id(v, i));
		o[k++] = label(r, v, i);
	}
	o[k] = NULL;
	*out = o;
}

static int64_t body_id_at(const void *v, size_t i)
{
	return ((const struct report_body *)v)[i].id;
}
static const char *body_label_at(struct req *r, const void *v, size_t i)
{
	const struct report_body *b = &((const struct report_body *)v)[i];
	return arena_printf(&r->arena, "%s (%s)", b->name, b->unit_name);
}
static int64_t cat_id_at(const void *v, size_t i)
{
	return ((const struct report_category *)v)[i].id;
}
static const char *cat_label_at(struct req *r, const void *v, size_t i)
{
	return report_category_name(&((const struct report_category *)v)[i], r->ctx.lang);
}

static int bodies_page(struct req *r, const struct form_errors *fe, int status)
{
	struct report_body *bodies;
	struct report_rule *rules;
	struct report_category *cats;
	size_t nb, nr, nc;
	int rc = staffer(r);
	if (rc || (rc = report_body_list(&r->ctx, &bodies, &nb)) ||
	    (rc = report_rule_list(&r->ctx, &rules, &nr)) ||
	    (rc = report_category_list(&r->ctx, 1, &cats, &nc)))
		return rc;
	int admin = perm_may_somewhere(&r->ctx, ACT_CONFIGURE);
	layout_begin(r, T(r, "Handling bodies and routing"));
	r->status = status;
	page_heading(r, T(r, "Handling bodies and routing"));
	form_summary(r, fe);
	page_note(r, "lead",
		  T(r, "Who acts on each kind of report. A rule on a unit holds for all of it; the "
		       "rule nearest the report wins. Without a rule, the ward's officers handle "
		       "the report."));
	html_raw(&r->out, "<h2>");
	html_txt(&r->out, T(r, "Bodies"));
	html_raw(&r->out, "</h2><ul class=\"items\">");
	for (size_t i = 0; i < nb; i++)
		if ((rc = body_block(r, &bodies[i], fe)))
			return rc;
	html_raw(&r->out, "</ul>");
	if (admin) {
		html_raw(&r->out, "<h3>");
		html_txt(&r->out, T(r, "Add a body"));
		html_raw(&r->out, "</h3>");
		form_begin(r, link_report_body(r, 0, NULL), "stacked");
		form_input(r,
			   &(struct field){.name = "unit",
					   .label = T(r, "Unit it serves (number)"),
					   .value = req_form(r, "unit"),
					   .type = "number",
					   .required = 1,
					   .maxlength = 15},
			   fe);
		form_select_names(r, "kind", T(r, "Kind"), req_form(r, "kind"), body_kind_names,
				  BODY_KIND_COUNT, fe);
		form_input(r,
			   &(struct field){.name = "name",
					   .label = T(r, "Name"),
					   .value = req_form(r, "name"),
					   .required = 1,
					   .maxlength = REPORT_BODY_NAME_MAX},
			   fe);
		form_submit(r, T(r, "Add the body"));
		form_end(r);
	}
	html_raw(&r->out, "<h2>");
	html_txt(&r->out, T(r, "Routing rules"));
	html_raw(&r->out, "</h2>");
	static const struct page_col cols[] = {
		{N_("Category"), 0, 0}, {N_("Unit"), 0, 0}, {N_("Handled by"), 0, 0}};
	page_table_begin(r, "list", NULL, cols, 3);
	for (size_t i = 0; i < nr; i++) {
		const char *cname = "";
		for (size_t k = 0; k < nc; k++)
			if (cats[k].id == rules[i].category_id)
				cname = report_category_name(&cats[k], r->ctx.lang);
		html_raw(&r->out, "<tr><td>");
		html_txt(&r->out, cname);
		html_raw(&r->out, "</td><td>");
		html_txt(&r->out, rules[i].unit_name);
		html_raw(&r->out, "</td><td>");
		html_txt(&r->out, rules[i].body_name);
		html_raw(&r->out, "</td></tr>");
	}
	page_table_end(r);
	if (admin) {
		const char **co, **bo;
		option_list(r, &co, nc, cat_id_at, cat_label_at, cats, T(r, "Choose…"));
		option_list(r, &bo, nb, body_id_at, body_label_at, bodies,
			    T(r, "No rule: the ward itself"));
		html_raw(&r->out, "<h3>");
		html_txt(&r->out, T(r, "Set a rule"));
		html_raw(&r->out, "</h3>");
		form_begin(r, link_report_rules(r), "stacked");
		form_select(r, "category", T(r, "Category"), req_form(r, "category"), co, fe);
		form_input(r,
			   &(struct field){.name = "rule_unit",
					   .label = T(r, "On the unit (number)"),
					   .value = req_form(r, "rule_unit"),
					   .type = "number",
					   .required = 1,
					   .maxlength = 15},
			   fe);
		form_select(r, "body", T(r, "Handled by"), req_form(r, "body"), bo, fe);
		form_submit(r, T(r, "Save the rule"));
		form_end(r);
	}
	layout_end(r);
	return 0;
}

int page_report_bodies(struct req *r)
{
	return bodies_page(r, NULL, 200);
}

static int bodies_after(struct req *r, int rc)
{
	return form_after(r, rc, bodies_page, link_report_body(r, 0, NULL));
}

int page_report_body_create(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = report_body_create(&r->ctx, form_id(r, "unit"), req_form(r, "kind"),
					req_form(r, "name"), NULL);
	if (rc == DV_EPERM || rc == DV_ENOTFOUND)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "unit", "You may not add a body there");
	return bodies_after(r, rc);
}

int page_report_officer_add(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = report_body_officer_add(&r->ctx, r->params[0], req_form(r, "login"));
	return bodies_after(r, rc);
}

int page_report_officer_remove(struct req *r)
{
	return bodies_after(r, report_body_officer_remove(&r->ctx, r->params[0], r->params[1]));
}

int page_report_rule_set(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = report_rule_set(&r->ctx, form_id(r, "category"), form_id(r, "rule_unit"),
				     form_id(r, "body"));
	if (rc == DV_EPERM)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "rule_unit", "You may not set rules there");
	return bodies_after(r, rc);
}

/* ------------------------------------------------------------------ apps */

static int apps_page(struct req *r, const struct form_errors *fe, int status, const char *key)
{
	struct report_app *v;
	size_t n;
	int rc = configurer(r);
	if (rc || (rc = report_app_list(&r->ctx, &v, &n)))
		return rc;
	layout_begin(r, T(r, "Open311 apps"));
	r->status = status;
	page_back(r, link_report_category(r, 0, NULL), T(r, "Report categories"));
	page_heading(r, T(r, "Open311 apps"));
	form_summary(r, fe);
	page_note(r, "lead",
		  T(r, "Apps that send reports through Open311 GeoReport v2 carry a key. "
		       "Reading needs none."));
	if (key) {
		html_raw(&r->out, "<p class=\"notice\">");
		html_txt(&r->out, T(r, "The app's key, shown this once:"));
		html_raw(&r->out, " <code class=\"token\">");
		html_txt(&r->out, key);
		html_raw(&r->out, "</code></p>");
	}
	static const struct page_col cols[] = {{N_("App"), 0, 0},
					       {N_("Issued"), 0, 0},
					       {N_("Last used"), 0, 0},
					       {N_("Revoke"), 0, 1}};
	page_table_begin(r, "list", NULL, cols, 4);
	for (size_t i = 0; i < n; i++) {
		html_raw(&r->out, "<tr><td>");
		html_txt(&r->out, v[i].name);
		html_raw(&r->out, "</td><td>");
		html_txt(&r->out, page_time(r, v[i].created_at));
		html_raw(&r->out, "</td><td>");
		html_txt(&r->out, v[i].last_used_at ? page_time(r, v[i].last_used_at) : "–");
		html_raw(&r->out, "</td><td>");
		if (v[i].revoked_at)
			html_txt(&r->out, T(r, "revoked"));
		else
			form_button(r, link_report_app(r, v[i].id, "revoke"), T(r, "Revoke"),
				    "inline secondary");
		html_raw(&r->out, "</td></tr>");
	}
	page_table_end(r);
	form_begin(r, link_report_app(r, 0, NULL), "stacked");
	form_input(r,
		   &(struct field){.name = "name",
				   .label = T(r, "Name of the app"),
				   .required = 1,
				   .maxlength = REPORT_APP_NAME_MAX},
		   fe);
	form_submit(r, T(r, "Issue a key"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int apps_again(struct req *r, const struct form_errors *fe, int status)
{
	return apps_page(r, fe, status, NULL);
}

int page_report_apps(struct req *r)
{
	return apps_page(r, NULL, 200, NULL);
}

int page_report_app_create(struct req *r)
{
	char key[TOKEN_TEXT_MAX + 1];
	int rc = req_form_parse(r);
	if (!rc)
		rc = report_app_create(&r->ctx, req_form(r, "name"), key, NULL);
	if (rc)
		return form_after(r, rc, apps_again, link_report_app(r, 0, NULL));
	/* the key is in this answer only: not a redirect, so no address holds it */
	return apps_page(r, NULL, 200, key);
}

int page_report_app_revoke(struct req *r)
{
	return form_after(r, report_app_revoke(&r->ctx, r->params[0]), apps_again,
			  link_report_app(r, 0, NULL));
}

/*
 * Plans on the web: a unit's plans and the form to make one, a plan's page
 * (directions, indicators with target, value and trend, tasks and how the
 * units below took them up, the plans derived from it) with the planners'
 * forms, and an indicator's page with its entered values and evidence.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/plans/plans.h"
#include "web/plans/plans_impl.h"

static const char *year_text(struct req *r, int y)
{
	return arena_printf(&r->arena, "%d", y);
}

/* ------------------------------------------------------- a unit's plans */

static void create_form(struct req *r, const struct unit *u, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	int y = time_local_date(r->ctx.now) / 10000;
	const char *years[] = {year_text(r, y),	    year_text(r, y),	 year_text(r, y + 1),
			       year_text(r, y + 1), year_text(r, y - 1), year_text(r, y - 1),
			       NULL};
	html_raw(b, "<section class=\"tools\"><h2>");
	html_txt(b, T(r, "Make a plan"));
	html_raw(b, "</h2>");
	page_note(r, "meta",
		  T(r, "A plan starts from the plan of the unit above of the same year and kind: "
		       "its indicators and the tasks it gives this unit."));
	form_begin(r, link_unit(r, u->id, "plans"), "stacked");
	form_select(r, "year", T(r, "Year"), req_form(r, "year"), years, fe);
	form_select_names(r, "kind", T(r, "Kind"), req_form(r, "kind"), plan_kind_names,
			  PLAN_KIND_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "title", .label = T(r, "Title"),
				   .value = req_form(r, "title"), .required = 1,
				   .maxlength = PLAN_TITLE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "directions", .label = T(r, "Directions"),
				      .value = req_form(r, "directions"),
				      .hint = T(r, "What the year aims at, in a few paragraphs")},
		      6, fe);
	form_submit(r, T(r, "Make the plan"));
	form_end(r);
	html_raw(b, "</section>");
}

static int unit_plans_page(struct req *r, const struct form_errors *fe, int status)
{
	struct unit u;
	struct plan *v;
	size_t n;
	int rc = unit_get(&r->ctx, r->params[0], &u);
	if (rc || (rc = plan_list(&r->ctx, u.id, 0, &v, &n)))
		return rc;
	struct buf *b = &r->out;
	const char *title =
		arena_printf(&r->arena, "%s: %s %s", T(r, "Plans"), T(r, unit_kind_label(u.kind)),
			     u.name);
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	form_summary(r, fe);
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_unit(r, u.id, "reviews"), T(r, "Year-end reviews"));
	if (perm_may(&r->ctx, ACT_PLAN_WORK, u.id) || perm_may(&r->ctx, ACT_REPORT_WORK, u.id))
		html_link(b, link_unit(r, u.id, "periodic"), T(r, "Periodic reports"));
	html_raw(b, "</p>");
	if (!n)
		page_note(r, "empty", T(r, "No plan here yet."));
	static const struct page_col cols[] = {{N_("Plan"), 0, 0},   {N_("Unit"), 0, 0},
					       {N_("Year"), 1, 0},   {N_("Status"), 0, 0},
					       {N_("Tasks"), 1, 0},  {N_("Done"), 1, 0},
					       {N_("Overdue"), 1, 0}};
	if (n)
		page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<tr><th scope=\"row\">");
		html_link(b, link_plan(r, v[i].id, NULL), v[i].title);
		html_raw(b, "<br><span class=\"meta\">");
		html_txt(b, T(r, plan_kind_label(v[i].kind)));
		html_raw(b, "</span></th><td>");
		page_cell_label(r, N_("Unit"));
		html_txt(b, v[i].unit_name);
		html_raw(b, "</td><td class=\"num\">");
		page_cell_label(r, N_("Year"));
		html_txtf(b, "%d", v[i].year);
		html_raw(b, "</td><td>");
		page_cell_label(r, N_("Status"));
		html_txt(b, T(r, plan_status_label(v[i].status)));
		html_raw(b, "</td><td class=\"num\">");
		page_cell_label(r, N_("Tasks"));
		html_int(b, v[i].tasks);
		html_raw(b, "</td><td class=\"num\">");
		page_cell_label(r, N_("Done"));
		html_int(b, v[i].done);
		html_raw(b, v[i].overdue ? "</td><td class=\"num late\">" : "</td><td class=\"num\">");
		page_cell_label(r, N_("Overdue"));
		html_int(b, v[i].overdue);
		html_raw(b, "</td></tr>");
	}
	if (n)
		page_table_end(r);
	if (perm_may(&r->ctx, ACT_PLAN_WORK, u.id))
		create_form(r, &u, fe);
	layout_end(r);
	return 0;
}

int page_unit_plans(struct req *r)
{
	return unit_plans_page(r, NULL, 200);
}

int page_plan_create(struct req *r)
{
	int64_t id = 0, year = 0;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	const char *ys = req_form(r, "year");
	char *end;
	year = ys ? strtoll(ys, &end, 10) : 0;
	if (!ys || !*ys || *end)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "year", "Pick the year");
	if (!rc)
		rc = plan_create(&r->ctx,
				 &(struct plan_input){.unit_id = r->params[0],
						      .year = (int)year,
						      .kind = req_form(r, "kind"),
						      .title = req_form(r, "title"),
						      .directions = req_form(r, "directions")},
				 &id);
	return form_after(r, rc, unit_plans_page, rc ? NULL : link_plan(r, id, NULL));
}

/* ---------------------------------------------------------- a plan's page */

static void facts(struct req *r, const struct plan *p)
{
	struct buf *b = &r->out;
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Unit"));
	html_raw(b, "</dt><dd>");
	html_link(b, link_unit(r, p->unit_id, NULL), p->unit_name);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Year"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, "%d", p->year);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Status"));
	html_raw(b, "</dt><dd>");
	html_txt(b, T(r, plan_status_label(p->status)));
	if (p->adopted_on) {
		html_raw(b, ", ");
		html_txt(b, plans_date(r, p->adopted_on));
	}
	if (p->late) {
		html_raw(b, " <span class=\"late\">");
		html_txtf(b, T(r, "(to be adopted by %s)"), plans_date(r, p->deadline));
		html_raw(b, "</span>");
	}
	if (p->parent_id) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "Derived from"));
		html_raw(b, "</dt><dd>");
		html_link(b, link_plan(r, p->parent_id, NULL),
			  arena_printf(&r->arena, T(r, "the plan of %s"), p->parent_unit_name));
	}
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Tasks"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, T(r, "%lld tasks, %lld done, %lld overdue"), (long long)p->tasks,
		  (long long)p->done, (long long)p->overdue);
	html_raw(b, "</dd></dl>");
}

static void indicators_table(struct req *r, const struct plan *p, const struct plan_indicator *v,
			     size_t n)
{
	struct buf *b = &r->out;
	static const struct page_col cols[] = {{N_("Indicator"), 0, 0}, {N_("Target"), 1, 0},
					       {N_("Value"), 1, 0},	{N_("Last year"), 1, 0},
					       {N_("Trend"), 0, 0}};
	if (!n) {
		page_note(r, "empty", T(r, "No indicator yet."));
		return;
	}
	page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, v[i].short_of_target ? "<tr class=\"overdue\"><th scope=\"row\">"
						 : "<tr><th scope=\"row\">");
		html_link(b, link_plan_indicator(r, v[i].id, NULL),
			  v[i].computed ? T(r, v[i].name) : v[i].name);
		html_raw(b, "<br><span class=\"meta\">");
		html_txt(b, v[i].computed ? T(r, "computed from the records")
					  : T(r, "entered with evidence"));
		html_raw(b, "</span></th><td class=\"num\">");
		page_cell_label(r, N_("Target"));
		html_txt(b, v[i].has_target ? target_format(&r->arena, v[i].measure, v[i].target)
					    : "–");
		html_raw(b, "</td><td class=\"num\">");
		page_cell_label(r, N_("Value"));
		html_txt(b, v[i].has_value ? plans_figure(r, v[i].measure, v[i].value) : "–");
		if (!v[i].computed && v[i].value_on) {
			html_raw(b, "<br><span class=\"meta\">");
			html_txt(b, plans_date(r, v[i].value_on));
			html_raw(b, "</span>");
		}
		html_raw(b, "</td><td class=\"num\">");
		page_cell_label(r, v[i].computed ? N_("Last year") : N_("Before"));
		html_txt(b, v[i].has_previous ? plans_figure(r, v[i].measure, v[i].previous) : "–");
		html_raw(b, "</td><td>");
		page_cell_label(r, N_("Trend"));
		if (v[i].has_previous && v[i].has_value)
			plans_trend(r, v[i].trend);
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
	(void)p;
}

static int tasks_table(struct req *r, const struct plan_task *v, size_t n)
{
	struct buf *b = &r->out;
	static const struct page_col cols[] = {{N_("Task"), 0, 0},
					       {N_("Given to"), 0, 0},
					       {N_("Deadline"), 1, 0},
					       {N_("Status"), 0, 0},
					       {N_("Taken up below"), 0, 0}};
	if (!n) {
		page_note(r, "empty", T(r, "No task yet."));
		return 0;
	}
	page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		struct plan_task *up;
		size_t nu;
		int rc = task_uptake(&r->ctx, v[i].id, &up, &nu);
		if (rc)
			return rc;
		html_raw(b, v[i].overdue ? "<tr class=\"overdue\"><th scope=\"row\">"
					 : "<tr><th scope=\"row\">");
		html_link(b, link_task(r, v[i].id, NULL), v[i].title);
		if (*v[i].indicator) {
			html_raw(b, "<br><span class=\"meta\">");
			html_txt(b, T(r, v[i].indicator));
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td>");
		page_cell_label(r, N_("Given to"));
		html_txt(b, v[i].assignee);
		if (*v[i].owner) {
			html_raw(b, "<br><span class=\"meta\">");
			html_txt(b, v[i].owner);
			html_raw(b, "</span>");
		}
		html_raw(b, "</td><td class=\"num\">");
		page_cell_label(r, N_("Deadline"));
		html_txt(b, plans_date(r, v[i].due_on));
		html_raw(b, "</td><td>");
		page_cell_label(r, N_("Status"));
		plans_task_state(r, &v[i]);
		html_raw(b, "</td><td>");
		page_cell_label(r, N_("Taken up below"));
		for (size_t k = 0; k < nu; k++) {
			if (k)
				html_raw(b, "<br>");
			html_link(b, link_task(r, up[k].id, NULL),
				  arena_printf(&r->arena, "%s: %s", up[k].plan_unit_name,
					       T(r, task_status_label(up[k].status))));
		}
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
	return 0;
}

static void edit_forms(struct req *r, const struct plan *p, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	html_raw(b, "<section class=\"tools\"><h2>");
	html_txt(b, T(r, "Change the plan"));
	html_raw(b, "</h2>");
	form_begin(r, link_plan(r, p->id, NULL), "stacked");
	const char *title = req_form(r, "title"), *dir = req_form(r, "directions");
	form_input(r,
		   &(struct field){.name = "title", .label = T(r, "Title"),
				   .value = title ? title : p->title, .required = 1,
				   .maxlength = PLAN_TITLE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "directions", .label = T(r, "Directions"),
				      .value = dir ? dir : p->directions},
		      8, fe);
	form_submit(r, T(r, "Save"));
	form_end(r);
	if (p->status == PS_DRAFT) {
		form_begin(r, link_plan(r, p->id, "adopt"), "stacked");
		form_input(r,
			   &(struct field){.name = "adopted_on", .label = T(r, "Adopted on"),
					   .type = "date", .value = req_form(r, "adopted_on"),
					   .hint = T(r, "Empty for today")},
			   fe);
		form_submit(r, T(r, "Adopt the plan"));
		form_end(r);
	}
	html_raw(b, "</section>");
}

static void indicator_form(struct req *r, const struct plan *p, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	const char **opt = arena_array(&r->arena, const char *, 2 * IND_COUNT + 3);
	opt[0] = "";
	opt[1] = T(r, "One entered with evidence (below)");
	for (int i = 0; i < IND_COUNT; i++) {
		opt[2 + 2 * i] = indicator_name((enum indicator)i);
		opt[3 + 2 * i] = T(r, indicator_label((enum indicator)i));
	}
	html_raw(b, "<h3>");
	html_txt(b, T(r, "Add an indicator"));
	html_raw(b, "</h3>");
	form_begin(r, link_plan(r, p->id, "indicators"), "stacked");
	form_select(r, "code", T(r, "Computed by danvan"), req_form(r, "code"), opt, fe);
	form_input(r,
		   &(struct field){.name = "ind_name", .label = T(r, "Or the name of one entered"),
				   .value = req_form(r, "ind_name"), .maxlength = INDICATOR_NAME_MAX},
		   fe);
	form_select_names(r, "measure", T(r, "Measured in"), req_form(r, "measure"), measure_names,
			  MEASURE_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "target", .label = T(r, "Target"),
				   .value = req_form(r, "target"), .maxlength = 20,
				   .hint = T(r, "A number, or a percentage such as 95 or 95,5")},
		   fe);
	form_submit(r, T(r, "Add"));
	form_end(r);
}

static int task_form(struct req *r, const struct plan *p, const struct plan_indicator *iv,
		     size_t ni, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	struct unit *kids;
	struct organization *orgs;
	size_t nk, no;
	int rc = unit_children(&r->ctx, p->unit_id, &kids, &nk);
	if (rc)
		return rc;
	html_raw(b, "<h3>");
	html_txt(b, T(r, "Give a task"));
	html_raw(b, "</h3>");
	form_begin(r, link_plan(r, p->id, "tasks"), "stacked");
	form_input(r,
		   &(struct field){.name = "task_title", .label = T(r, "Task"),
				   .value = req_form(r, "task_title"), .required = 1,
				   .maxlength = TASK_TITLE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "task_detail", .label = T(r, "Details"),
				      .value = req_form(r, "task_detail")},
		      3, fe);
	const char *err = form_error_for(fe, "assignees");
	html_raw(b, err ? "<fieldset class=\"has-error\" id=\"f-assignees\"><legend>"
			: "<fieldset id=\"f-assignees\"><legend>");
	html_txt(b, T(r, "Given to (one task each)"));
	html_raw(b, "</legend>");
	if (err) {
		html_raw(b, "<p class=\"field-error\">");
		html_txt(b, err);
		html_raw(b, "</p>");
	}
	for (size_t i = 0; i <= nk; i++) {
		int64_t uid = i ? kids[i - 1].id : p->unit_id;
		const char *name = i ? kids[i - 1].name : p->unit_name;
		const char *key = arena_printf(&r->arena, "unit_%lld", (long long)uid);
		form_checkbox(r, key, name, req_form(r, key) != NULL);
		if ((rc = org_list(&r->ctx, uid, &orgs, &no)))
			return rc;
		for (size_t k = 0; k < no; k++) {
			const char *ok = arena_printf(&r->arena, "org_%lld", (long long)orgs[k].id);
			form_checkbox(r, ok, arena_printf(&r->arena, "%s (%s)", orgs[k].name, name),
				      req_form(r, ok) != NULL);
		}
	}
	html_raw(b, "</fieldset>");
	form_input(r,
		   &(struct field){.name = "task_owner", .label = T(r, "Person in charge"),
				   .value = req_form(r, "task_owner"), .maxlength = TASK_OWNER_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "task_due", .label = T(r, "Deadline"), .type = "date",
				   .value = req_form(r, "task_due"), .required = 1},
		   fe);
	const char **opt = arena_array(&r->arena, const char *, 2 * ni + 3);
	opt[0] = "";
	opt[1] = T(r, "None");
	for (size_t i = 0; i < ni; i++) {
		opt[2 + 2 * i] = arena_printf(&r->arena, "%lld", (long long)iv[i].id);
		opt[3 + 2 * i] = iv[i].computed ? T(r, iv[i].name) : iv[i].name;
	}
	form_select(r, "task_indicator", T(r, "The indicator it moves"),
		    req_form(r, "task_indicator"), opt, fe);
	form_submit(r, T(r, "Give the task"));
	form_end(r);
	return 0;
}

static int plan_page(struct req *r, const struct form_errors *fe, int status)
{
	struct plan p;
	struct plan_indicator *iv;
	struct plan_task *tv;
	struct plan *kids;
	size_t ni, nt, nk;
	int rc = plan_get(&r->ctx, r->params[0], &p);
	if (rc || (rc = plan_indicators(&r->ctx, &p, &iv, &ni)) ||
	    (rc = task_list(&r->ctx, p.id, &tv, &nt)) || (rc = plan_children(&r->ctx, p.id, &kids, &nk)))
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, p.title);
	r->status = status;
	page_back(r, link_unit(r, p.unit_id, "plans"), p.unit_name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, plan_kind_label(p.kind)));
	html_raw(b, "</p>");
	page_heading(r, p.title);
	form_summary(r, fe);
	facts(r, &p);
	if (*p.directions) {
		html_raw(b, "<section><h2>");
		html_txt(b, T(r, "Directions"));
		html_raw(b, "</h2><div class=\"prose\">");
		html_markdown(b, p.directions);
		html_raw(b, "</div></section>");
	}
	html_raw(b, "<section><h2>");
	html_txt(b, T(r, "Indicators"));
	html_raw(b, "</h2>");
	page_note(r, "meta",
		  T(r, "Indicators danvan computes are read from the records now, for the unit and "
		       "the units it carries on; the others are entered with their evidence."));
	indicators_table(r, &p, iv, ni);
	if (p.may_edit)
		indicator_form(r, &p, fe);
	html_raw(b, "</section><section><h2>");
	html_txt(b, T(r, "Tasks"));
	html_raw(b, "</h2>");
	if ((rc = tasks_table(r, tv, nt)) || (p.may_edit && (rc = task_form(r, &p, iv, ni, fe))))
		return rc;
	html_raw(b, "</section>");
	if (nk) {
		html_raw(b, "<section><h2>");
		html_txt(b, T(r, "The plans of the units below"));
		html_raw(b, "</h2><ul class=\"items compact\">");
		for (size_t i = 0; i < nk; i++) {
			html_raw(b, "<li>");
			html_link(b, link_plan(r, kids[i].id, NULL), kids[i].unit_name);
			html_raw(b, " <span class=\"meta\">");
			html_txtf(b, "%s · ", T(r, plan_status_label(kids[i].status)));
			html_txtf(b, T(r, "%lld tasks, %lld done, %lld overdue"),
				  (long long)kids[i].tasks, (long long)kids[i].done,
				  (long long)kids[i].overdue);
			html_raw(b, "</span></li>");
		}
		html_raw(b, "</ul></section>");
	}
	if (p.may_edit)
		edit_forms(r, &p, fe);
	layout_end(r);
	return 0;
}

int page_plan(struct req *r)
{
	return plan_page(r, NULL, 200);
}

int page_plan_update(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = plan_update(&r->ctx, r->params[0],
				 &(struct plan_input){.title = req_form(r, "title"),
						      .directions = req_form(r, "directions")});
	return form_after(r, rc, plan_page, link_plan(r, r->params[0], NULL));
}

int page_plan_adopt(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = plan_adopt(&r->ctx, r->params[0], req_form(r, "adopted_on"));
	return form_after(r, rc, plan_page, link_plan(r, r->params[0], NULL));
}

int page_plan_indicator_add(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = plan_indicator_add(&r->ctx, r->params[0],
					&(struct indicator_input){.code = req_form(r, "code"),
								  .name = req_form(r, "ind_name"),
								  .measure = req_form(r, "measure"),
								  .target = req_form(r, "target")},
					NULL);
	plans_field(r, "name", "ind_name");
	return form_after(r, rc, plan_page, link_plan(r, r->params[0], NULL));
}

/* The assignees ticked: unit_ID and org_ID. */
static int assignees(struct req *r, struct task_input *in)
{
	size_t cu = 0, co = 0;
	int64_t *units = NULL, *orgs = NULL;
	for (size_t i = 0; i < r->form.n; i++) {
		const char *k = r->form.v[i].key;
		int unit = !strncmp(k, "unit_", 5), org = !strncmp(k, "org_", 4);
		if (!unit && !org)
			continue;
		char *end;
		long long id = strtoll(k + (unit ? 5 : 4), &end, 10);
		if (*end || id <= 0)
			return dv_fail(&r->ctx.err, DV_EINVAL, "assignees", "No such unit");
		if (unit)
			*ARENA_PUSH(&r->arena, units, in->nunits, cu) = id;
		else
			*ARENA_PUSH(&r->arena, orgs, in->norganizations, co) = id;
	}
	in->units = units;
	in->organizations = orgs;
	return 0;
}

int page_plan_task_add(struct req *r)
{
	struct task_input in = {.plan_id = r->params[0]};
	int64_t *ids;
	size_t n;
	int rc = req_form_parse(r);
	if (!rc)
		rc = assignees(r, &in);
	if (!rc)
		rc = req_form_id(r, "task_indicator", &in.indicator_id);
	if (!rc) {
		in.title = req_form(r, "task_title");
		in.detail = req_form(r, "task_detail");
		in.owner = req_form(r, "task_owner");
		in.due_on = req_form(r, "task_due");
		rc = task_create(&r->ctx, &in, &ids, &n);
	}
	static const char *const map[][2] = {{"title", "task_title"}, {"detail", "task_detail"},
					     {"owner", "task_owner"},	  {"due_on", "task_due"},
					     {"indicator", "task_indicator"}, {"unit", "assignees"},
					     {"organization", "assignees"}};
	for (size_t i = 0; rc && i < ARRAY_LEN(map); i++)
		plans_field(r, map[i][0], map[i][1]);
	return form_after(r, rc, plan_page, link_plan(r, r->params[0], NULL));
}

/* ---------------------------------------------------- an indicator's page */

static int indicator_page(struct req *r, const struct form_errors *fe, int status)
{
	struct plan_indicator i;
	struct plan p;
	struct indicator_entry *e;
	size_t ne = 0;
	int rc = plan_indicator_get(&r->ctx, r->params[0], &i);
	if (rc || (rc = plan_get(&r->ctx, i.plan_id, &p)))
		return rc;
	if (!i.computed && (rc = indicator_entries(&r->ctx, i.id, &e, &ne)))
		return rc;
	struct plan_indicator *all;
	size_t na;
	if ((rc = plan_indicators(&r->ctx, &p, &all, &na)))
		return rc;
	for (size_t k = 0; k < na; k++)
		if (all[k].id == i.id)
			i = all[k];
	struct buf *b = &r->out;
	const char *title = i.computed ? T(r, i.name) : i.name;
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_plan(r, p.id, NULL), p.title);
	page_heading(r, title);
	form_summary(r, fe);
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Target"));
	html_raw(b, "</dt><dd>");
	html_txt(b, i.has_target ? target_format(&r->arena, i.measure, i.target) : "–");
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Value"));
	html_raw(b, "</dt><dd>");
	html_txt(b, i.has_value ? plans_figure(r, i.measure, i.value) : "–");
	if (i.has_value && i.measure == M_PERCENT && i.value.den) {
		html_raw(b, " <span class=\"meta\">");
		html_txtf(b, T(r, "(%lld of %lld)"), (long long)i.value.num, (long long)i.value.den);
		html_raw(b, "</span>");
	}
	if (i.has_previous) {
		html_raw(b, "</dd><dt>");
		html_txt(b, i.computed ? T(r, "Last year") : T(r, "Before"));
		html_raw(b, "</dt><dd>");
		html_txt(b, plans_figure(r, i.measure, i.previous));
		html_raw(b, " ");
		plans_trend(r, i.trend);
	}
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "How it is known"));
	html_raw(b, "</dt><dd>");
	html_txt(b, i.computed ? T(r, "Computed by danvan from the records of the unit and the "
				      "units it carries on, for the plan's year: never typed")
			       : T(r, "Entered by the unit's officers, each value with its evidence"));
	html_raw(b, "</dd></dl>");
	if (!i.computed) {
		html_raw(b, "<section><h2>");
		html_txt(b, T(r, "Values entered"));
		html_raw(b, "</h2>");
		if (!ne)
			page_note(r, "empty", T(r, "No value entered yet."));
		html_raw(b, "<ol class=\"timeline\">");
		for (size_t k = 0; k < ne; k++) {
			html_raw(b, "<li><strong>");
			html_txt(b, plans_figure(r, i.measure, e[k].value));
			html_raw(b, "</strong> <span class=\"meta\">");
			html_txtf(b, "%s · %s", plans_date(r, e[k].on), e[k].by);
			html_raw(b, "</span>");
			if (*e[k].note) {
				html_raw(b, "<br>");
				html_txt(b, e[k].note);
			}
			plans_files(r, e[k].files, e[k].nfiles, e[k].id, link_value_file);
			if (p.may_report) {
				form_begin_upload(r, link_value_file(r, e[k].id, 0), "inline");
				const char *fid = arena_printf(&r->arena, "file_%lld", (long long)e[k].id);
				html_raw(b, "<label for=\"");
				html_attr(b, fid);
				html_raw(b, "\">");
				html_txt(b, T(r, "Evidence (a photo or a PDF)"));
				html_raw(b, "</label> <input type=\"file\" name=\"file\" id=\"");
				html_attr(b, fid);
				html_raw(b, "\" accept=\"image/jpeg,image/png,image/webp,.pdf,"
					    "application/pdf\" required> <button type=\"submit\">");
				html_txt(b, T(r, "Attach"));
				html_raw(b, "</button>");
				form_end(r);
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ol>");
		if (p.may_report) {
			html_raw(b, "<h3>");
			html_txt(b, T(r, "Enter a value"));
			html_raw(b, "</h3>");
			form_begin(r, link_plan_indicator(r, i.id, "values"), "stacked");
			form_input(r,
				   &(struct field){.name = "num",
						   .label = i.measure == M_PERCENT
								    ? T(r, "How many")
								    : T(r, "Value"),
						   .value = req_form(r, "num"), .required = 1,
						   .maxlength = 20},
				   fe);
			if (i.measure == M_PERCENT)
				form_input(r,
					   &(struct field){.name = "den", .label = T(r, "Out of"),
							   .value = req_form(r, "den"),
							   .required = 1, .maxlength = 20},
					   fe);
			form_input(r,
				   &(struct field){.name = "on", .label = T(r, "As of"),
						   .type = "date", .value = req_form(r, "on"),
						   .hint = T(r, "Empty for today")},
				   fe);
			form_textarea(r,
				      &(struct field){.name = "note", .label = T(r, "Note"),
						      .value = req_form(r, "note")},
				      3, fe);
			form_submit(r, T(r, "Enter"));
			form_end(r);
		}
		html_raw(b, "</section>");
	}
	if (p.may_edit) {
		html_raw(b, "<section class=\"tools\"><h2>");
		html_txt(b, T(r, "Change the indicator"));
		html_raw(b, "</h2>");
		form_begin(r, link_plan_indicator(r, i.id, NULL), "stacked");
		form_input(r,
			   &(struct field){.name = "target", .label = T(r, "Target"),
					   .value = i.has_target ? target_format(&r->arena, i.measure,
										 i.target)
								 : "",
					   .maxlength = 20},
			   fe);
		form_submit(r, T(r, "Save"));
		form_end(r);
		form_button(r, link_plan_indicator(r, i.id, "remove"), T(r, "Take it off the plan"),
			    "inline secondary");
		html_raw(b, "</section>");
	}
	layout_end(r);
	return 0;
}

int page_plan_indicator(struct req *r)
{
	return indicator_page(r, NULL, 200);
}

int page_plan_indicator_update(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = plan_indicator_update(&r->ctx, r->params[0],
					   &(struct indicator_input){.target = req_form(r, "target")});
	return form_after(r, rc, indicator_page, link_plan_indicator(r, r->params[0], NULL));
}

int page_plan_indicator_remove(struct req *r)
{
	struct plan_indicator i;
	int rc = plan_indicator_get(&r->ctx, r->params[0], &i);
	if (!rc)
		rc = plan_indicator_remove(&r->ctx, i.id);
	return form_after(r, rc, indicator_page, rc ? NULL : link_plan(r, i.plan_id, NULL));
}

int page_indicator_enter(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = indicator_enter(&r->ctx, r->params[0], req_form(r, "on"), req_form(r, "num"),
				     req_form(r, "den"), req_form(r, "note"), NULL);
	return form_after(r, rc, indicator_page, link_plan_indicator(r, r->params[0], NULL));
}

int page_value_file_add(struct req *r)
{
	int64_t indicator = 0;
	int rc = indicator_of_value(&r->ctx, r->params[0], &indicator);
	if (rc)
		return rc;
	rc = plans_attach(r, &indicator_value_attach, r->params[0]);
	r->params[0] = indicator;
	return form_after(r, rc, indicator_page, link_plan_indicator(r, indicator, NULL));
}

int page_value_file(struct req *r)
{
	struct file_data f;
	int rc = indicator_file_read(&r->ctx, r->params[0], r->params[1], 0, &f);
	return rc ? rc : plans_send_file(r, &f);
}

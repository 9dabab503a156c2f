/*
 * Tasks on the web: an officer's own (overdue first), a task's page with
 * its history, evidence, how the units below took it up, the owner's
 * report and the planner's changes.
 */
#include <string.h>

#include "base/i18n.h"
#include "domain/perm.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/plans/plans.h"
#include "web/plans/plans_impl.h"

static void task_rows(struct req *r, const struct plan_task *v, size_t n, int with_plan)
{
	struct buf *b = &r->out;
	static const struct page_col cols[] = {{N_("Task"), 0, 0},
					       {N_("Given to"), 0, 0},
					       {N_("Deadline"), 1, 0},
					       {N_("Status"), 0, 0}};
	page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, v[i].overdue ? "<tr class=\"overdue\"><th scope=\"row\">"
					 : "<tr><th scope=\"row\">");
		html_link(b, link_task(r, v[i].id, NULL), v[i].title);
		if (with_plan) {
			html_raw(b, "<br><span class=\"meta\">");
			html_txtf(b, "%s %d · %s", T(r, "Plan"), v[i].year, v[i].plan_unit_name);
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td>");
		page_cell_label(r, N_("Given to"));
		html_txt(b, v[i].assignee);
		html_raw(b, "</td><td class=\"num\">");
		page_cell_label(r, N_("Deadline"));
		html_txt(b, plans_date(r, v[i].due_on));
		html_raw(b, "</td><td>");
		page_cell_label(r, N_("Status"));
		plans_task_state(r, &v[i]);
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
}

int page_tasks_mine(struct req *r)
{
	struct plan_task *v;
	size_t n;
	int64_t overdue, soon;
	int rc = task_mine(&r->ctx, TASKS_MAX, &v, &n, &overdue, &soon);
	if (rc)
		return rc;
	const char *title = T(r, "My tasks");
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "The tasks of the year's plans given to your units and organizations, not "
		       "done yet: overdue ones first."));
	html_raw(&r->out, "<p class=\"meta\">");
	html_txtf(&r->out, T(r, "%lld overdue, %lld due soon"), (long long)overdue, (long long)soon);
	html_raw(&r->out, "</p>");
	/* overdue first */
	struct plan_task *o = arena_array(&r->arena, struct plan_task, n + 1);
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if (v[i].overdue == !pass)
				o[k++] = v[i];
	if (n)
		task_rows(r, o, k, 1);
	else
		page_note(r, "empty", T(r, "No task waits for you."));
	layout_end(r);
	return 0;
}

static void progress_form(struct req *r, const struct plan_task *t, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	html_raw(b, "<section class=\"tools\"><h2>");
	html_txt(b, T(r, "Report on the task"));
	html_raw(b, "</h2>");
	form_begin(r, link_task(r, t->id, "progress"), "stacked");
	const char *status = req_form(r, "status");
	form_select_names(r, "status", T(r, "Status"),
			  status ? status : task_status_name(t->status), task_status_names,
			  TS_STATUS_COUNT, fe);
	form_textarea(r,
		      &(struct field){.name = "note", .label = T(r, "What was done"),
				      .value = req_form(r, "note"),
				      .hint = T(r, "Needed to drop a task: say why")},
		      4, fe);
	form_input(r,
		   &(struct field){.name = "on", .label = T(r, "On"), .type = "date",
				   .value = req_form(r, "on"), .hint = T(r, "Empty for today")},
		   fe);
	form_submit(r, T(r, "Report"));
	form_end(r);
	html_raw(b, "<h3>");
	html_txt(b, T(r, "Attach evidence"));
	html_raw(b, "</h3>");
	form_begin_upload(r, link_task_file(r, t->id, 0), "stacked");
	form_file(r, &(struct field){.name = "file", .label = T(r, "A photo or a PDF"), .required = 1},
		  "image/jpeg,image/png,image/webp,.pdf,application/pdf", fe);
	form_input(r,
		   &(struct field){.name = "caption", .label = T(r, "Caption"),
				   .maxlength = ATTACH_CAPTION_MAX},
		   fe);
	form_submit(r, T(r, "Attach"));
	form_end(r);
	html_raw(b, "</section>");
}

static void edit_form(struct req *r, const struct plan_task *t, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	const char *v;
	html_raw(b, "<section class=\"tools\"><h2>");
	html_txt(b, T(r, "Change the task"));
	html_raw(b, "</h2>");
	form_begin(r, link_task(r, t->id, NULL), "stacked");
	form_input(r,
		   &(struct field){.name = "title", .label = T(r, "Task"),
				   .value = (v = req_form(r, "title")) ? v : t->title,
				   .required = 1, .maxlength = TASK_TITLE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "detail", .label = T(r, "Details"),
				      .value = (v = req_form(r, "detail")) ? v : t->detail},
		      3, fe);
	form_input(r,
		   &(struct field){.name = "owner", .label = T(r, "Person in charge"),
				   .value = (v = req_form(r, "owner")) ? v : t->owner,
				   .maxlength = TASK_OWNER_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "due_on", .label = T(r, "Deadline"), .type = "date",
				   .value = (v = req_form(r, "due_on")) ? v
									: page_date_iso(r, t->due_on),
				   .required = 1},
		   fe);
	if (t->indicator_id)
		form_hidden(r, "indicator", arena_printf(&r->arena, "%lld", (long long)t->indicator_id));
	form_submit(r, T(r, "Save"));
	form_end(r);
	html_raw(b, "</section>");
}

static int task_page(struct req *r, const struct form_errors *fe, int status)
{
	struct plan_task t, *up;
	struct task_event *ev;
	struct attachment *files;
	size_t nu, ne, nf;
	int rc = task_get(&r->ctx, r->params[0], &t);
	if (rc || (rc = task_uptake(&r->ctx, t.id, &up, &nu)) ||
	    (rc = task_events(&r->ctx, t.id, &ev, &ne)) ||
	    (rc = attachment_list(&r->ctx, &task_attach, t.id, &files, &nf)))
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, t.title);
	r->status = status;
	page_back(r, link_plan(r, t.plan_id, NULL),
		  arena_printf(&r->arena, "%s %d: %s", T(r, "Plan"), t.year, t.plan_unit_name));
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, "Task"));
	html_raw(b, "</p>");
	page_heading(r, t.title);
	form_summary(r, fe);
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Given to"));
	html_raw(b, "</dt><dd>");
	html_txt(b, t.assignee);
	if (*t.owner) {
		html_raw(b, " · ");
		html_txt(b, t.owner);
	}
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Deadline"));
	html_raw(b, "</dt><dd>");
	html_txt(b, plans_date(r, t.due_on));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Status"));
	html_raw(b, "</dt><dd>");
	plans_task_state(r, &t);
	if (t.done_on) {
		html_raw(b, " ");
		html_txt(b, plans_date(r, t.done_on));
	}
	if (*t.indicator) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "Moves"));
		html_raw(b, "</dt><dd>");
		html_link(b, link_plan_indicator(r, t.indicator_id, NULL), T(r, t.indicator));
	}
	if (t.parent_id) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "Takes up"));
		html_raw(b, "</dt><dd>");
		html_link(b, link_task(r, t.parent_id, NULL), T(r, "the task from the unit above"));
	}
	html_raw(b, "</dd></dl>");
	if (*t.detail) {
		html_raw(b, "<div class=\"prose\">");
		html_markdown(b, t.detail);
		html_raw(b, "</div>");
	}
	if (nu) {
		html_raw(b, "<section><h2>");
		html_txt(b, T(r, "How the units below took it up"));
		html_raw(b, "</h2>");
		task_rows(r, up, nu, 1);
		html_raw(b, "</section>");
	}
	html_raw(b, "<section><h2>");
	html_txt(b, T(r, "Evidence"));
	html_raw(b, "</h2>");
	if (!nf)
		page_note(r, "empty", T(r, "No evidence attached yet."));
	plans_files(r, files, nf, t.id, link_task_file);
	html_raw(b, "</section><section class=\"history\"><h2>");
	html_txt(b, T(r, "History"));
	html_raw(b, "</h2><ol class=\"timeline\">");
	for (size_t i = 0; i < ne; i++) {
		html_raw(b, "<li><strong>");
		html_txt(b, T(r, task_status_label(ev[i].status)));
		html_raw(b, "</strong> <span class=\"meta\">");
		html_txtf(b, "%s · %s", plans_date(r, ev[i].on), ev[i].by);
		html_raw(b, "</span>");
		if (*ev[i].note) {
			html_raw(b, "<br>");
			html_txt(b, ev[i].note);
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>");
	if (t.may_carry)
		progress_form(r, &t, fe);
	if (t.may_edit)
		edit_form(r, &t, fe);
	layout_end(r);
	return 0;
}

int page_task(struct req *r)
{
	return task_page(r, NULL, 200);
}

int page_task_update(struct req *r)
{
	struct task_input in = {0};
	int rc = req_form_parse(r);
	if (!rc)
		rc = req_form_id(r, "indicator", &in.indicator_id);
	if (!rc) {
		in.title = req_form(r, "title");
		in.detail = req_form(r, "detail");
		in.owner = req_form(r, "owner");
		in.due_on = req_form(r, "due_on");
		rc = task_update(&r->ctx, r->params[0], &in);
	}
	return form_after(r, rc, task_page, link_task(r, r->params[0], NULL));
}

int page_task_progress(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = task_progress(&r->ctx, r->params[0], req_form(r, "status"), req_form(r, "note"),
				   req_form(r, "on"));
	return form_after(r, rc, task_page, link_task(r, r->params[0], NULL));
}

int page_task_file_add(struct req *r)
{
	return form_after(r, plans_attach(r, &task_attach, r->params[0]), task_page,
			  link_task(r, r->params[0], NULL));
}

int page_task_file(struct req *r)
{
	struct file_data f;
	int rc = task_file_read(&r->ctx, r->params[0], r->params[1], 0, &f);
	return rc ? rc : plans_send_file(r, &f);
}

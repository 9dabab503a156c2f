/*
 * Planning a work (its form, new and edited) and the actions of the work's
 * page: the decision, the treasurer, the steps of its life, the plan and
 * the final accounts, the board and its findings, progress, households'
 * shares and a household's consent.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/works/board.h"
#include "domain/works/progress.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/works/works_impl.h"

/* ------------------------------------------------------------ the plan */

static const char *val(struct req *r, const char *name, const char *dflt)
{
	const char *v = req_form(r, name);
	return v ? v : dflt;
}

static const char *number(struct req *r, int64_t v)
{
	return v ? arena_printf(&r->arena, "%lld", (long long)v) : "";
}

static const char *amount(struct req *r, int64_t v)
{
	return v ? works_money(r, v) : "";
}

static void fields(struct req *r, const struct work *w, const struct form_errors *fe)
{
	form_select_names(r, "kind", T(r, "Kind of work"),
			  val(r, "kind", w ? work_kind_name(w->kind) : "alley_concrete"),
			  work_kind_names, WK_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "name",
				   .label = T(r, "Name"),
				   .value = val(r, "name", w ? w->name : ""),
				   .required = 1,
				   .maxlength = WORK_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "place",
				   .label = T(r, "Place"),
				   .value = val(r, "place", w ? w->place : ""),
				   .required = 1,
				   .maxlength = WORK_PLACE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "goal",
				      .label = T(r, "Goal"),
				      .value = val(r, "goal", w ? w->goal : ""),
				      .maxlength = WORK_GOAL_MAX},
		      4, fe);
	form_input(r,
		   &(struct field){.name = "estimate",
				   .label = T(r, "Estimate in đồng"),
				   .value = val(r, "estimate", w ? amount(r, w->estimate) : ""),
				   .required = 1,
				   .hint = T(r, "Such as 250.000.000"),
				   .maxlength = 30},
		   fe);
	form_input(r,
		   &(struct field){
			   .name = "starts_on",
			   .label = T(r, "Starts"),
			   .type = "date",
			   .value = val(r, "starts_on", w ? page_date_iso(r, w->starts_on) : "")},
		   fe);
	form_input(
		r,
		&(struct field){.name = "ends_on",
				.label = T(r, "Ends"),
				.type = "date",
				.value = val(r, "ends_on", w ? page_date_iso(r, w->ends_on) : "")},
		fe);
	html_raw(&r->out, "<fieldset><legend>");
	html_txt(&r->out, T(r, "What it delivers"));
	html_raw(&r->out, "</legend>");
	for (int i = 0; i < OUT_COUNT; i++) {
		const char *f =
			arena_printf(&r->arena, "out_%s", work_output_name((enum work_output)i));
		form_input(r,
			   &(struct field){
				   .name = f,
				   .label = T(r, work_output_label((enum work_output)i)),
				   .type = "number",
				   .value = val(r, f, w ? number(r, w->quantities[i]) : ""),
			   },
			   fe);
	}
	html_raw(&r->out, "</fieldset><fieldset><legend>");
	html_txt(&r->out, T(r, "Funding plan, in đồng"));
	html_raw(&r->out, "</legend>");
	page_note(r, "hint", T(r, "The sources add up to the estimate, or are left empty."));
	for (int i = 0; i < FUND_COUNT; i++) {
		const char *f =
			arena_printf(&r->arena, "fund_%s", work_source_name((enum work_source)i));
		form_input(r,
			   &(struct field){.name = f,
					   .label = T(r, work_source_label((enum work_source)i)),
					   .value = val(r, f, w ? amount(r, w->funding[i]) : ""),
					   .maxlength = 30},
			   fe);
	}
	html_raw(&r->out, "</fieldset>");
}

static int work_form(struct req *r, int64_t unit_id, const struct work *w,
		     const struct form_errors *fe, int status)
{
	const char *title = w ? arena_printf(&r->arena, "%s: %s", T(r, "Edit"), w->name)
			      : T(r, "Plan a new work");
	layout_begin(r, title);
	r->status = status;
	if (w)
		page_back(r, link_work(r, w->id, NULL), w->name);
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, w ? link_work(r, w->id, NULL) : link_unit(r, unit_id, "works"), "stacked");
	fields(r, w, fe);
	form_submit(r, T(r, "Save the plan"));
	form_end(r);
	layout_end(r);
	return 0;
}

static void read_input(struct req *r, struct work_input *in)
{
	memset(in, 0, sizeof(*in));
	in->kind = req_form(r, "kind");
	in->name = req_form(r, "name");
	in->place = req_form(r, "place");
	in->goal = req_form(r, "goal");
	in->estimate = req_form(r, "estimate");
	in->starts_on = req_form(r, "starts_on");
	in->ends_on = req_form(r, "ends_on");
	for (int i = 0; i < OUT_COUNT; i++)
		in->outputs[i] = req_form(r, arena_printf(&r->arena, "out_%s",
							  work_output_name((enum work_output)i)));
	for (int i = 0; i < FUND_COUNT; i++)
		in->funding[i] = req_form(r, arena_printf(&r->arena, "fund_%s",
							  work_source_name((enum work_source)i)));
}

/* The unit of the form, if the actor may plan works there. */
static int planning_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_MANAGE_WORKS, u->id) || strcmp(u->status, "active") != 0)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
			       "There is no page at this address.");
	return 0;
}

int page_work_new(struct req *r)
{
	struct unit u;
	int rc = planning_unit(r, &u);
	return rc ? rc : work_form(r, u.id, NULL, NULL, 200);
}

int page_work_create(struct req *r)
{
	struct unit u;
	struct work_input in;
	struct form_errors fe = {0};
	int64_t id;
	int rc = planning_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	in.unit_id = u.id;
	rc = work_create(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return work_form(r, u.id, NULL, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_work(r, id, NULL));
	return 0;
}

static int editable(struct req *r, struct work *w)
{
	int rc = work_get(&r->ctx, r->params[0], w);
	if (rc)
		return rc;
	if (!w->may_manage || w->status != WS_PLANNED)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
			       "There is no page at this address.");
	return 0;
}

int page_work_edit(struct req *r)
{
	struct work w;
	int rc = editable(r, &w);
	return rc ? rc : work_form(r, w.unit_id, &w, NULL, 200);
}

int page_work_update(struct req *r)
{
	struct work w;
	struct work_input in;
	struct form_errors fe = {0};
	int rc = editable(r, &w);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	rc = work_update(&r->ctx, w.id, &in);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return work_form(r, w.unit_id, &w, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_work(r, w.id, NULL));
	return 0;
}

/* ------------------------------------------------------------- actions */

/* A whole number typed in a field: 0 when empty or not a number. */
static int64_t form_id(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	char *end;
	long long x = v && *v ? strtoll(v, &end, 10) : 0;
	return v && *v && !*end && x > 0 ? x : 0;
}

int page_work_decision(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	int64_t matter = form_id(r, "matter");
	if (!matter)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "matter", "Choose the matter that decided it");
	else
		rc = work_set_decision(&r->ctx, r->params[0], matter, req_form(r, "levy"),
				       req_form(r, "levy_amount"));
	return work_page_after(r, rc, "manage");
}

int page_work_treasurer(struct req *r)
{
	int rc = req_form_parse(r);
	return rc ? rc
		  : work_page_after(
			    r, work_set_treasurer(&r->ctx, r->params[0], req_form(r, "treasurer")),
			    "manage");
}

int page_work_status(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	const char *to = req_form(r, "to");
	if (to && !strcmp(to, "collecting"))
		rc = work_start_collecting(&r->ctx, r->params[0]);
	else if (to && !strcmp(to, "building"))
		rc = work_start_building(&r->ctx, r->params[0]);
	else if (to && !strcmp(to, "closed"))
		rc = work_close(&r->ctx, r->params[0]);
	else
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "to",
			     "The next step is one of: collecting, building, closed");
	return work_page_after(r, rc, NULL);
}

int page_work_accept(struct req *r)
{
	int rc = req_form_parse(r);
	return rc ? rc
		  : work_page_after(
			    r, work_accept(&r->ctx, r->params[0], req_form(r, "acceptance")), NULL);
}

int page_work_plan(struct req *r)
{
	return work_page_after(r, work_publish_plan(&r->ctx, r->params[0], NULL), NULL);
}

int page_work_settle(struct req *r)
{
	int rc = req_form_parse(r);
	return rc ? rc
		  : work_page_after(
			    r, work_settle(&r->ctx, r->params[0], req_form(r, "summary"), NULL),
			    NULL);
}

int page_work_cancel(struct req *r)
{
	int rc = req_form_parse(r);
	return rc ? rc
		  : work_page_after(r, work_cancel(&r->ctx, r->params[0], req_form(r, "reason")),
				    NULL);
}

/* ------------------------------------------------------- board, progress */

#define BOARD_ROWS_MAX 9

int page_work_board(struct req *r)
{
	struct board_member_input m[BOARD_ROWS_MAX];
	size_t n = 0;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	int64_t election = form_id(r, "election");
	for (int i = 1; i <= BOARD_ROWS_MAX; i++) {
		const char *name = req_form(r, arena_printf(&r->arena, "m%d_name", i));
		if (!name || !*name)
			continue; /* an empty row */
		const char *origin = req_form(r, arena_printf(&r->arena, "m%d_origin", i));
		m[n++] = (struct board_member_input){
			.name = name,
			.role = req_form(r, arena_printf(&r->arena, "m%d_role", i)),
			.origin = origin,
			.matter_id = origin && !strcmp(origin, "resident") ? election : 0,
			.login = req_form(r, arena_printf(&r->arena, "m%d_login", i)),
		};
	}
	return work_page_after(r, board_set(&r->ctx, r->params[0], m, n), "board");
}

int page_work_finding(struct req *r)
{
	int rc = req_form_parse(r);
	return rc ? rc
		  : work_page_after(
			    r, finding_add(&r->ctx, r->params[0], req_form(r, "finding"), NULL),
			    NULL);
}

int page_work_milestone(struct req *r)
{
	int rc = req_form_parse(r);
	return rc ? rc
		  : work_page_after(r,
				    milestone_add(&r->ctx, r->params[0], req_form(r, "stage"),
						  req_form(r, "percent"),
						  req_form(r, "description"),
						  req_form(r, "milestone_on"), NULL),
				    "milestone");
}

int page_work_milestone_file(struct req *r)
{
	const struct mp_part *file;
	int64_t work = 0, fid;
	int rc = milestone_work(&r->ctx, r->params[1], &work);
	if (rc || work != r->params[0])
		return rc ? rc : dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such milestone");
	if (!(rc = form_upload(r, &file)))
		rc = attachment_add(&r->ctx, &milestone_attach, r->params[1], file->filename,
				    file->data, file->len, NULL, &fid);
	return work_page_after(r, rc, "milestone");
}

/* ----------------------------------------------------------- households */

int page_work_share(struct req *r)
{
	struct work w;
	int64_t hid = 0;
	int rc = req_form_parse(r);
	if (rc || (rc = work_get(&r->ctx, r->params[0], &w)))
		return rc;
	const char *h = req_form(r, "share_household");
	int64_t id = h && h[0] == '#' ? strtoll(h + 1, NULL, 10) : 0;
	rc = share_find_household(&r->ctx, &w, id, id ? NULL : h, "share_household", &hid);
	if (!rc) {
		const char *ex = req_form(r, "exemption"), *fr = req_form(r, "frontage");
		/* an empty frontage leaves the one recorded */
		struct share_input in = {.frontage = fr && *fr ? fr : NULL,
					 .exemption = ex ? ex : "",
					 .category = req_form(r, "category"),
					 .due = req_form(r, "due")};
		rc = share_set(&r->ctx, w.id, hid, &in);
	}
	return work_page_after(r, rc, "shares");
}

int page_work_consent(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	const char *show = req_form(r, "show_name"), *back = req_form(r, "back");
	rc = share_consent(&r->ctx, r->params[0], show && !strcmp(show, "1"));
	if (!rc && back && !strcmp(back, "me")) {
		res_redirect(r, "/me");
		return 0;
	}
	return work_page_after(r, rc, NULL);
}

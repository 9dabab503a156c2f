/*
 * Plans in the JSON API: a unit's plans and making one, a plan with its
 * indicators (target, value, last year's, trend) and tasks, adopting it,
 * adding an indicator or tasks, a task and its assignee's progress, and
 * the consolidation of a template's periodic reports; an entered value of
 * an indicator with its evidence, and a unit's periodic report, saved and
 * sent.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/link.h"
#include "web/plans/plans_impl.h"

#define ID_MAX 999999999999999LL

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *figure_json(enum measure m, int has, struct figure f)
{
	if (!has)
		return json_null();
	if (m != M_PERCENT)
		return json_pack("{s:I}", "value", (json_int_t)f.num);
	int64_t pm = figure_permille(f);
	/* the rate in tenths of a percent (955 for 95,5%), exact */
	return json_pack("{s:I, s:I, s:o}", "num", (json_int_t)f.num, "den", (json_int_t)f.den,
			 "permille", pm < 0 ? json_null() : json_integer(pm));
}

static json_t *plan_json(struct req *r, const struct plan *p)
{
	json_t *j = json_pack("{s:I, s:{s:I, s:s}, s:i, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:b}",
			      "id", (json_int_t)p->id, "unit", "id", (json_int_t)p->unit_id, "name",
			      p->unit_name, "year", p->year, "kind", plan_kind_name(p->kind),
			      "status", plan_status_name(p->status), "title", p->title,
			      "directions", p->directions ? p->directions : "", "parent",
			      id_or_null(p->parent_id), "adopted_on",
			      p->adopted_on ? date_json(p->adopted_on) : json_null(), "deadline",
			      p->deadline ? date_json(p->deadline) : json_null(), "late", p->late);
	json_object_set_new(j, "tasks",
			    json_pack("{s:I, s:I, s:I}", "all", (json_int_t)p->tasks, "done",
				      (json_int_t)p->done, "overdue", (json_int_t)p->overdue));
	json_object_set_new(j, "url",
			    json_string(arena_printf(&r->arena, "%s%s", r->public_url,
						     link_plan(r, p->id, NULL))));
	return j;
}

static json_t *indicator_json(struct req *r, const struct plan_indicator *i)
{
	json_t *j =
		json_pack("{s:I, s:b, s:s, s:s, s:o, s:o, s:o, s:i, s:b}", "id", (json_int_t)i->id,
			  "computed", i->computed, "name", i->computed ? T(r, i->name) : i->name,
			  "measure", measure_name(i->measure), "target",
			  i->has_target ? json_integer(i->target) : json_null(), "value",
			  figure_json(i->measure, i->has_value, i->value), "previous",
			  figure_json(i->measure, i->has_previous, i->previous), "trend", i->trend,
			  "short_of_target", i->short_of_target);
	json_object_set_new(j, "code",
			    i->computed ? json_string(indicator_name(i->code)) : json_null());
	return j;
}

static json_t *task_json(struct req *r, const struct plan_task *t)
{
	(void)r;
	return json_pack("{s:I, s:I, s:s, s:s, s:{s:I, s:o, s:s}, s:s, s:o, s:s, s:o, s:o, s:s, "
			 "s:o, s:b}",
			 "id", (json_int_t)t->id, "plan", (json_int_t)t->plan_id, "title", t->title,
			 "detail", t->detail ? t->detail : "", "assignee", "unit",
			 (json_int_t)t->unit_id, "organization", id_or_null(t->organization_id),
			 "name", t->assignee, "owner", t->owner ? t->owner : "", "due_on",
			 date_json(t->due_on), "status", task_status_name(t->status), "indicator",
			 id_or_null(t->indicator_id), "parent", id_or_null(t->parent_id),
			 "progress", t->progress ? t->progress : "", "done_on",
			 t->done_on ? date_json(t->done_on) : json_null(), "overdue", t->overdue);
}

static int send_plan(struct req *r, int status, int64_t id)
{
	struct plan p;
	struct plan_indicator *iv;
	struct plan_task *tv;
	size_t ni, nt;
	int rc = plan_get(&r->ctx, id, &p);
	if (rc || (rc = plan_indicators(&r->ctx, &p, &iv, &ni)) ||
	    (rc = task_list(&r->ctx, id, &tv, &nt)))
		return rc;
	json_t *j = plan_json(r, &p), *a = json_array(), *b = json_array();
	for (size_t i = 0; i < ni; i++)
		json_array_append_new(a, indicator_json(r, &iv[i]));
	for (size_t i = 0; i < nt; i++)
		json_array_append_new(b, task_json(r, &tv[i]));
	json_object_set_new(j, "indicators", a);
	json_object_set_new(j, "task_list", b);
	if (status == 201)
		res_header(r, "location", link_api(r, "plans", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_plans(struct req *r)
{
	int64_t year = 0;
	struct plan *v;
	size_t n;
	int rc = req_query_int(r, "year", PLAN_YEAR_MIN, PLAN_YEAR_MAX, 0, &year);
	if (rc || (rc = plan_list(&r->ctx, r->params[0], (int)year, &v, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, plan_json(r, &v[i]));
	api_send(r, 200, json_pack("{s:o}", "plans", a));
	return 0;
}

int api_plan_create(struct req *r)
{
	json_t *body;
	int64_t year = 0, id = 0;
	int has_year = 0;
	struct plan_input in = {.unit_id = r->params[0]};
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "year", &year, &has_year);
	if (!rc)
		rc = api_str(r, body, "kind", &in.kind);
	if (!rc)
		rc = api_str(r, body, "title", &in.title);
	if (!rc)
		rc = api_str(r, body, "directions", &in.directions);
	if (!rc && (!has_year || year < PLAN_YEAR_MIN || year > PLAN_YEAR_MAX))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "year", "Pick the year");
	in.year = (int)year;
	if (!rc)
		rc = plan_create(&r->ctx, &in, &id);
	json_decref(body);
	return rc ? rc : send_plan(r, 201, id);
}

int api_plan(struct req *r)
{
	return send_plan(r, 200, r->params[0]);
}

int api_plan_adopt(struct req *r)
{
	const char *on = NULL;
	int rc = api_body_str(r, "adopted_on", &on);
	if (!rc)
		rc = plan_adopt(&r->ctx, r->params[0], on);
	return rc ? rc : send_plan(r, 200, r->params[0]);
}

int api_plan_indicator_add(struct req *r)
{
	json_t *body;
	struct indicator_input in = {0};
	int64_t id;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "code", &in.code);
	if (!rc)
		rc = api_str(r, body, "name", &in.name);
	if (!rc)
		rc = api_str(r, body, "measure", &in.measure);
	if (!rc)
		rc = api_str(r, body, "target", &in.target);
	if (!rc)
		rc = plan_indicator_add(&r->ctx, r->params[0], &in, &id);
	json_decref(body);
	return rc ? rc : send_plan(r, 201, r->params[0]);
}

int api_plan_tasks(struct req *r)
{
	struct plan p;
	struct plan_task *v;
	size_t n;
	int rc = plan_get(&r->ctx, r->params[0], &p);
	if (rc || (rc = task_list(&r->ctx, p.id, &v, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, task_json(r, &v[i]));
	api_send(r, 200, json_pack("{s:I, s:o}", "plan", (json_int_t)p.id, "tasks", a));
	return 0;
}

/* An array member of ids: its values into an arena array. */
static int id_array(struct req *r, json_t *body, const char *key, int64_t **out, size_t *n)
{
	json_t *a = json_object_get(body, key);
	*out = NULL;
	*n = 0;
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > 200)
		return dv_fail(&r->ctx.err, DV_EINVAL, key, "%s must be a list of ids", key);
	*out = arena_array(&r->arena, int64_t, json_array_size(a) + 1);
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		if (!json_is_integer(v) || json_integer_value(v) <= 0 ||
		    json_integer_value(v) > ID_MAX)
			return dv_fail(&r->ctx.err, DV_EINVAL, key, "%s must be a list of ids",
				       key);
		(*out)[(*n)++] = json_integer_value(v);
	}
	return 0;
}

int api_plan_tasks_add(struct req *r)
{
	json_t *body;
	struct task_input in = {.plan_id = r->params[0]};
	int64_t *ids, *units = NULL, *orgs = NULL, indicator = 0;
	size_t n;
	int has;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "title", &in.title);
	if (!rc)
		rc = api_str(r, body, "detail", &in.detail);
	if (!rc)
		rc = api_str(r, body, "owner", &in.owner);
	if (!rc)
		rc = api_str(r, body, "due_on", &in.due_on);
	if (!rc)
		rc = api_int(r, body, "indicator", &indicator, &has);
	if (!rc)
		rc = id_array(r, body, "units", &units, &in.nunits);
	if (!rc)
		rc = id_array(r, body, "organizations", &orgs, &in.norganizations);
	in.units = units;
	in.organizations = orgs;
	in.indicator_id = indicator;
	if (!rc)
		rc = task_create(&r->ctx, &in, &ids, &n);
	json_decref(body);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		struct plan_task t;
		if ((rc = task_get(&r->ctx, ids[i], &t))) {
			json_decref(a);
			return rc;
		}
		json_array_append_new(a, task_json(r, &t));
	}
	api_send(r, 201, json_pack("{s:o}", "tasks", a));
	return 0;
}

int api_task(struct req *r)
{
	struct plan_task t;
	int rc = task_get(&r->ctx, r->params[0], &t);
	if (rc)
		return rc;
	api_send(r, 200, task_json(r, &t));
	return 0;
}

int api_tasks_mine(struct req *r)
{
	struct plan_task *v;
	size_t n;
	int64_t overdue = 0, soon = 0;
	int rc = task_mine(&r->ctx, 200, &v, &n, &overdue, &soon);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, task_json(r, &v[i]));
	api_send(r, 200,
		 json_pack("{s:o, s:I, s:I}", "tasks", a, "overdue", (json_int_t)overdue,
			   "due_soon", (json_int_t)soon));
	return 0;
}

int api_task_progress(struct req *r)
{
	json_t *body;
	const char *status = NULL, *note = NULL, *on = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "status", &status);
	if (!rc)
		rc = api_str(r, body, "note", &note);
	if (!rc)
		rc = api_str(r, body, "on", &on);
	if (!rc)
		rc = task_progress(&r->ctx, r->params[0], status, note, on);
	json_decref(body);
	return rc ? rc : api_task(r);
}

/* ------------------------------------------------------- consolidation */

int api_consolidation(struct req *r)
{
	struct consolidation c;
	int64_t year = 0, period = 0;
	int rc = req_query_int(r, "year", PLAN_YEAR_MIN, PLAN_YEAR_MAX, 1, &year);
	if (!rc)
		rc = req_query_int(r, "period", 0, 12, 0, &period);
	if (rc || (rc = periodic_consolidate(&r->ctx, r->params[0], (int)year, (int)period, &c)))
		return rc;
	json_t *items = json_array(), *rows = json_array(), *total = json_array();
	for (size_t i = 0; i < c.t.nitems; i++) {
		json_array_append_new(items,
				      json_pack("{s:s, s:s}", "name",
						c.t.items[i].computed ? T(r, c.t.items[i].name)
								      : c.t.items[i].name,
						"measure", measure_name(c.t.items[i].measure)));
		json_array_append_new(total, figure_json(c.t.items[i].measure, 1, c.total[i]));
	}
	for (size_t k = 0; k < c.nrows; k++) {
		const struct consolidation_row *w = &c.rows[k];
		json_t *st = json_object(), *vals = json_array(), *texts = json_array();
		for (int s = 0; s < PR_COUNT; s++)
			json_object_set_new(st, periodic_state_name((enum periodic_state)s),
					    json_integer(w->state[s]));
		for (size_t i = 0; i < c.t.nitems; i++)
			json_array_append_new(vals,
					      figure_json(c.t.items[i].measure, 1, w->values[i]));
		for (size_t s = 0; s < c.t.nsections; s++)
			json_array_append_new(texts, json_string(w->texts[s] ? w->texts[s] : ""));
		json_array_append_new(rows,
				      json_pack("{s:I, s:s, s:o, s:o, s:o}", "unit",
						(json_int_t)w->unit_id, "name", w->name, "states",
						st, "values", vals, "texts", texts));
	}
	json_t *st = json_object();
	for (int s = 0; s < PR_COUNT; s++)
		json_object_set_new(st, periodic_state_name((enum periodic_state)s),
				    json_integer(c.state[s]));
	api_send(r, 200,
		 json_pack("{s:I, s:s, s:i, s:i, s:i, s:o, s:o, s:o, s:o}", "template",
			   (json_int_t)c.t.id, "name", c.t.name, "year", c.year, "first", c.first,
			   "last", c.last, "items", items, "rows", rows, "total", total, "states",
			   st));
	return 0;
}

/* ------------------------------------------------------ entered values */

/* The value value_id of indicator_id as entered, with its evidence. */
static int value_send(struct req *r, int status, int64_t indicator_id, int64_t value_id)
{
	struct plan_indicator ind;
	struct indicator_entry *v;
	size_t n;
	int rc = plan_indicator_get(&r->ctx, indicator_id, &ind);
	if (rc || (rc = indicator_entries(&r->ctx, indicator_id, &v, &n)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (v[i].id != value_id)
			continue;
		json_t *files = files_json("", v[i].files, v[i].nfiles), *f;
		size_t k;
		json_array_foreach(files, k, f)
		{
			json_object_set_new(
				f, "url",
				json_string(arena_printf(
					&r->arena, "%s%s", r->public_url,
					link_value_file(r, value_id, v[i].files[k].file_id))));
		}
		api_send(r, status,
			 json_pack("{s:I, s:I, s:o, s:o, s:s, s:s, s:o}", "id",
				   (json_int_t)value_id, "indicator", (json_int_t)indicator_id,
				   "on", date_json(v[i].on), "value",
				   figure_json(ind.measure, 1, v[i].value), "note",
				   v[i].note ? v[i].note : "", "by", v[i].by ? v[i].by : "",
				   "files", files));
		return 0;
	}
	return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such value");
}

/* A whole number of the body as the domain reads what people type. */
static int body_count(struct req *r, json_t *body, const char *key, const char **out)
{
	int64_t v = 0;
	int present = 0;
	int rc = api_int(r, body, key, &v, &present);
	*out = rc || !present ? NULL : arena_printf(&r->arena, "%lld", (long long)v);
	return rc;
}

int api_indicator_enter(struct req *r)
{
	json_t *body;
	const char *on = NULL, *num = NULL, *den = NULL, *note = NULL;
	int64_t id = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	if (!(rc = api_str(r, body, "on", &on)) && !(rc = body_count(r, body, "num", &num)) &&
	    !(rc = body_count(r, body, "den", &den)) && !(rc = api_str(r, body, "note", &note)))
		rc = indicator_enter(&r->ctx, r->params[0], on, num, den, note, &id);
	json_decref(body);
	return rc ? rc : value_send(r, 201, r->params[0], id);
}

int api_value_file_add(struct req *r)
{
	int64_t indicator = 0;
	int rc = indicator_of_value(&r->ctx, r->params[0], &indicator);
	if (rc || (rc = plans_attach(r, &indicator_value_attach, r->params[0])))
		return rc;
	return value_send(r, 201, indicator, r->params[0]);
}

/* ----------------------------------------------------- periodic reports */

static int report_send(struct req *r, int status, int64_t template_id, int64_t unit_id, int year,
		       int period)
{
	struct periodic_template t;
	struct periodic_report p;
	int rc = periodic_report_get(&r->ctx, template_id, unit_id, year, period, &t, &p);
	if (rc)
		return rc;
	json_t *items = json_array(), *texts = json_array();
	for (size_t i = 0; i < t.nitems; i++)
		json_array_append_new(
			items,
			json_pack("{s:i, s:s, s:b, s:s, s:o}", "position", t.items[i].position,
				  "name",
				  t.items[i].computed ? T(r, t.items[i].name) : t.items[i].name,
				  "computed", t.items[i].computed, "measure",
				  measure_name(t.items[i].measure), "value",
				  figure_json(t.items[i].measure, 1, p.values[i])));
	for (size_t s = 0; s < t.nsections; s++)
		json_array_append_new(texts, json_pack("{s:s, s:s}", "heading", t.sections[s],
						       "text", p.texts[s] ? p.texts[s] : ""));
	api_send(r, status,
		 json_pack("{s:o, s:I, s:{s:I, s:s}, s:i, s:i, s:o, s:o, s:o, s:s, s:b, s:o, s:b, "
			   "s:o, s:o}",
			   "id", id_or_null(p.id), "template", (json_int_t)t.id, "unit", "id",
			   (json_int_t)p.unit_id, "name", p.unit_name, "year", p.year, "period",
			   p.period, "from", date_json(p.from), "to", date_json(p.to), "due_on",
			   date_json(p.due_on), "state", periodic_state_name(p.state), "submitted",
			   p.submitted, "submitted_on",
			   p.submitted_on ? date_json(p.submitted_on) : json_null(), "may_edit",
			   p.may_edit, "items", items, "texts", texts));
	return 0;
}

static int report_period(struct req *r, int64_t *year, int64_t *period)
{
	int rc = req_query_int(r, "year", PLAN_YEAR_MIN, PLAN_YEAR_MAX, 1, year);
	return rc ? rc : req_query_int(r, "period", 1, 12, 1, period);
}

int api_periodic_report(struct req *r)
{
	int64_t year = 0, period = 0;
	int rc = report_period(r, &year, &period);
	return rc ? rc : report_send(r, 200, r->params[0], r->params[1], (int)year, (int)period);
}

/* The body: values by position ({"3": 4, "4": {"num": 450, "den": 500}}),
 * texts by section in order (null keeps one), submit to send it. */
int api_periodic_report_save(struct req *r)
{
	struct periodic_template t;
	struct periodic_report p;
	int64_t year = 0, period = 0, id = 0;
	json_t *body, *vals, *texts;
	int submit = 0;
	int rc = report_period(r, &year, &period);
	if (rc ||
	    (rc = periodic_report_get(&r->ctx, r->params[0], r->params[1], (int)year, (int)period,
				      &t, &p)) ||
	    (rc = req_json(r, &body)))
		return rc;
	const char **entered = arena_array(&r->arena, const char *, t.nitems + 1);
	const char **text = arena_array(&r->arena, const char *, t.nsections + 1);
	vals = json_object_get(body, "values");
	texts = json_object_get(body, "texts");
	if (vals && !json_is_null(vals) && !json_is_object(vals))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "values",
			     "values must map an item's position to its value");
	if (!rc && texts && !json_is_null(texts) &&
	    (!json_is_array(texts) || json_array_size(texts) > t.nsections))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "texts", "texts must be a list of texts");
	for (size_t i = 0; !rc && vals && json_is_object(vals) && i < t.nitems; i++) {
		char key[24];
		snprintf(key, sizeof(key), "%d", t.items[i].position);
		json_t *v = json_object_get(vals, key);
		const char *field = arena_printf(&r->arena, "item_%d", t.items[i].position);
		if (!v || json_is_null(v))
			continue;
		if (json_is_integer(v) && t.items[i].measure != M_PERCENT)
			entered[i] =
				arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
		else if (json_is_object(v) && t.items[i].measure == M_PERCENT &&
			 json_is_integer(json_object_get(v, "num")) &&
			 json_is_integer(json_object_get(v, "den")))
			entered[i] = arena_printf(
				&r->arena, "%lld/%lld",
				(long long)json_integer_value(json_object_get(v, "num")),
				(long long)json_integer_value(json_object_get(v, "den")));
		else
			rc = dv_fail(&r->ctx.err, DV_EINVAL, field,
				     "A count is a whole number; a share is {num, den}");
	}
	for (size_t s = 0; !rc && texts && json_is_array(texts) && s < json_array_size(texts);
	     s++) {
		json_t *v = json_array_get(texts, s);
		if (json_is_string(v))
			text[s] = json_string_value(v);
		else if (!json_is_null(v))
			rc = dv_fail(&r->ctx.err, DV_EINVAL,
				     arena_printf(&r->arena, "text_%zu", s + 1),
				     "texts must be a list of texts");
	}
	if (!rc)
		rc = api_bool(r, body, "submit", &submit);
	if (!rc)
		rc = periodic_report_save(&r->ctx, t.id, p.unit_id, (int)year, (int)period, entered,
					  t.nitems, text, t.nsections, submit, &id);
	json_decref(body);
	return rc ? rc : report_send(r, 200, t.id, p.unit_id, (int)year, (int)period);
}

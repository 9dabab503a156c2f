/*
 * Emulation in the JSON API: movements with their participants, progress
 * and evaluation; "Dân vận khéo" models, the library, evaluations and the
 * figures.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/emulation/emulation.h"
#include "web/emulation/emulation_impl.h"
#include "web/link.h"

#define LIST_DEFAULT 20

/* ------------------------------------------------------------- movements */

static json_t *kinds_json(unsigned kinds)
{
	json_t *a = json_array();
	for (int k = 0; k < SUBJ_COUNT; k++)
		if (kinds & (1u << k))
			json_array_append_new(a, json_string(subject_kind_name((enum subject_kind)k)));
	return a;
}

static json_t *movement_json(struct req *r, const struct movement *m)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:{s:I, s:s}, s:o, s:o, s:o, s:I, s:I}", "id",
			      (json_int_t)m->id, "name", m->name, "status",
			      movement_status_name(m->status), "unit", "id",
			      (json_int_t)m->unit_id, "name", m->unit_name, "participants",
			      kinds_json(m->participants), "starts_on", date_json(m->starts_on),
			      "ends_on", date_json(m->ends_on), "entries", (json_int_t)m->entries,
			      "evaluated", (json_int_t)m->evaluated);
	(void)r;
	json_object_set_new(j, "organization",
			    m->organization_id ? json_pack("{s:I, s:s}", "id",
							   (json_int_t)m->organization_id, "name",
							   m->organization_name)
					       : json_null());
	return j;
}

static json_t *entry_json(struct req *r, const struct movement_entry *e)
{
	json_t *j = json_pack("{s:I, s:o, s:s}", "id", (json_int_t)e->id, "subject",
			      emulation_subject_json(&e->subject), "commitment", e->commitment);
	json_object_set_new(j, "result",
			    e->result ? json_pack("{s:s, s:s, s:s}", "result",
						  movement_result_name(e->result), "note",
						  e->result_note, "at", api_time(r, e->evaluated_at))
				      : json_null());
	if (e->progress) {
		json_t *p = json_array();
		for (size_t i = 0; i < e->nprogress; i++)
			json_array_append_new(p, json_pack("{s:o, s:s}", "on",
							   date_json(e->progress[i].reported_on),
							   "text", e->progress[i].text));
		json_object_set_new(j, "progress", p);
	}
	return j;
}

int api_movements(struct req *r)
{
	int64_t unit = 0, offset = 0, limit = LIST_DEFAULT;
	int status = -1, more;
	struct movement *v;
	size_t n;
	int rc = req_query_int(r, "unit", 1, REQ_ID_MAX, 0, &unit);
	if (!rc)
		rc = req_query_enum(r, "status", movement_status_names, MOV_STATUS_COUNT, &status);
	if (!rc)
		rc = req_query_int(r, "offset", 0, 1000000, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, MOVEMENT_PAGE_MAX, 0, &limit);
	if (rc || (rc = movement_list(&r->ctx, unit, status, offset, (int)limit, &v, &n, &more)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, movement_json(r, &v[i]));
	api_send(r, 200, json_pack("{s:o, s:b}", "movements", a, "more", more));
	return 0;
}

static int send_movement(struct req *r, int status, int64_t id)
{
	struct movement m;
	struct movement_entry *v;
	size_t n;
	int rc = movement_get(&r->ctx, id, &m);
	if (rc || (rc = movement_entries(&r->ctx, &m, &v, &n)))
		return rc;
	json_t *j = movement_json(r, &m), *a = json_array();
	json_object_set_new(j, "criteria", json_string(m.criteria));
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, entry_json(r, &v[i]));
	json_object_set_new(j, "taking_part", a);
	if (status == 201)
		res_header(r, "location", link_api(r, "movements", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_movement(struct req *r)
{
	return send_movement(r, 200, r->params[0]);
}

/* ["unit", "household"] as "unit,household"; DV_EINVAL naming the member. */
static int kinds_member(struct req *r, json_t *body, const char **out)
{
	json_t *a = json_object_get(body, "participants");
	*out = NULL;
	if (!a)
		return 0;
	if (!json_is_array(a))
		return dv_fail(&r->ctx.err, DV_EINVAL, "participants",
			       "participants is a list of kinds");
	struct buf b = BUF_INIT;
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x)
	{
		if (!json_is_string(x) || i >= SUBJ_COUNT * 2) {
			buf_release(&b);
			return dv_fail(&r->ctx.err, DV_EINVAL, "participants",
				       "participants is a list of kinds");
		}
		buf_addf(&b, "%s%s", b.len ? "," : "", json_string_value(x));
	}
	*out = arena_strdup(&r->arena, b.ptr ? b.ptr : "");
	buf_release(&b);
	return 0;
}

int api_movement_create(struct req *r)
{
	json_t *body;
	struct movement_input in = {0};
	int has_unit = 0, has_org = 0;
	int64_t id;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &in.unit_id, &has_unit);
	if (!rc)
		rc = api_int(r, body, "organization", &in.organization_id, &has_org);
	if (!rc)
		rc = api_str(r, body, "name", &in.name);
	if (!rc)
		rc = api_str(r, body, "criteria", &in.criteria);
	if (!rc)
		rc = kinds_member(r, body, &in.participants);
	if (!rc)
		rc = api_str(r, body, "starts_on", &in.starts_on);
	if (!rc)
		rc = api_str(r, body, "ends_on", &in.ends_on);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_unit)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say which unit launches it");
	if ((rc = movement_create(&r->ctx, &in, &id)))
		return rc;
	return send_movement(r, 201, id);
}

/* A subject in a JSON body: {"kind", "ref", "name", "detail", "unit"}. */
static int subject_member(struct req *r, json_t *body, const char *key, struct subject_input *in)
{
	json_t *s = json_object_get(body, key);
	int present;
	memset(in, 0, sizeof(*in));
	if (!s || !json_is_object(s))
		return dv_fail(&r->ctx.err, DV_EINVAL, key,
			       "%s is an object: kind, ref, or name, detail and unit", key);
	int rc = api_str(r, s, "kind", &in->kind);
	if (!rc)
		rc = api_int(r, s, "ref", &in->ref, &present);
	if (!rc)
		rc = api_str(r, s, "name", &in->name);
	if (!rc)
		rc = api_str(r, s, "detail", &in->detail);
	if (!rc)
		rc = api_int(r, s, "unit", &in->unit_id, &present);
	return rc;
}

int api_movement_join(struct req *r)
{
	json_t *body;
	struct subject_input who;
	const char *commitment = NULL;
	int64_t id;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = subject_member(r, body, "subject", &who);
	if (!rc)
		rc = api_str(r, body, "commitment", &commitment);
	json_decref(body);
	if (rc || (rc = movement_join(&r->ctx, r->params[0], &who, commitment, &id)))
		return rc;
	res_header(r, "location", link_api(r, "movements", r->params[0], NULL));
	api_send(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
	return 0;
}

int api_movement_report(struct req *r)
{
	json_t *body;
	const char *on = NULL, *text = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "on", &on);
	if (!rc)
		rc = api_str(r, body, "text", &text);
	json_decref(body);
	if (rc || (rc = movement_report(&r->ctx, r->params[0], on, text)))
		return rc;
	struct movement_entry e;
	if ((rc = movement_entry_get(&r->ctx, r->params[0], &e)))
		return rc;
	api_send(r, 200, entry_json(r, &e));
	return 0;
}

int api_movement_evaluate(struct req *r)
{
	json_t *body;
	const char *result = NULL, *note = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "result", &result);
	if (!rc)
		rc = api_str(r, body, "note", &note);
	json_decref(body);
	if (rc || (rc = movement_evaluate(&r->ctx, r->params[0], result, note)))
		return rc;
	struct movement_entry e;
	if ((rc = movement_entry_get(&r->ctx, r->params[0], &e)))
		return rc;
	api_send(r, 200, entry_json(r, &e));
	return 0;
}

/* ---------------------------------------------------------------- models */

static json_t *model_json(struct req *r, const struct model *m, int full)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:{s:I, s:s}, s:o, s:s, s:I, s:i, s:b}", "id",
			      (json_int_t)m->id, "name", m->name, "field",
			      model_field_name(m->field), "unit", "id", (json_int_t)m->unit_id,
			      "name", m->unit_name, "since", date_json(m->since), "runner",
			      m->runner, "reached", (json_int_t)m->reached, "year", m->year,
			      "effective", m->is_public);
	json_object_set_new(j, "latest",
			    m->latest_year ? json_pack("{s:i, s:s}", "year", m->latest_year,
						       "verdict",
						       model_verdict_name(m->latest_verdict))
					   : json_null());
	json_object_set_new(j, "origin",
			    m->origin_id ? json_pack("{s:I, s:s}", "id", (json_int_t)m->origin_id,
						     "name", m->origin_name)
					 : json_null());
	json_object_set_new(j, "organization",
			    m->organization_id ? json_pack("{s:I, s:s}", "id",
							   (json_int_t)m->organization_id, "name",
							   m->organization_name)
					       : json_null());
	if (full) {
		json_object_set_new(j, "description", json_string(m->description));
		json_object_set_new(j, "results", json_string(m->results));
		json_object_set_new(j, "replications", json_integer(m->replications));
	}
	(void)r;
	return j;
}

int api_models(struct req *r)
{
	struct model_filter f = {.field = -1, .library = 1};
	int64_t offset = 0, limit = LIST_DEFAULT;
	struct model *v;
	size_t n;
	int more;
	f.query = req_query(r, "q");
	int rc = req_query_int(r, "unit", 1, REQ_ID_MAX, 0, &f.unit_id);
	if (!rc)
		rc = req_query_enum(r, "field", model_field_names, FIELD_COUNT, &f.field);
	if (!rc)
		rc = req_query_int(r, "offset", 0, 1000000, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, MODEL_PAGE_MAX, 0, &limit);
	if (rc || (rc = model_list(&r->ctx, &f, offset, (int)limit, &v, &n, &more)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, model_json(r, &v[i], 0));
	api_send(r, 200, json_pack("{s:o, s:b}", "models", a, "more", more));
	return 0;
}

static int send_model(struct req *r, int status, int64_t id)
{
	struct model m;
	struct model_evaluation *ev;
	struct attachment *files;
	size_t nev, nf;
	int rc = model_get(&r->ctx, id, &m);
	if (rc || (rc = model_evaluations(&r->ctx, id, &ev, &nev)) ||
	    (rc = attachment_list(&r->ctx, &model_attach, id, &files, &nf)))
		return rc;
	json_t *j = model_json(r, &m, 1), *a = json_array(), *fa = json_array();
	for (size_t i = 0; i < nev; i++)
		json_array_append_new(a, json_pack("{s:i, s:s, s:s, s:s, s:s}", "year", ev[i].year,
						   "verdict", model_verdict_name(ev[i].verdict),
						   "notes", ev[i].notes, "evidence", ev[i].evidence,
						   "at", api_time(r, ev[i].at)));
	for (size_t i = 0; i < nf; i++)
		json_array_append_new(fa, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id",
						    (json_int_t)files[i].file_id, "name",
						    files[i].name, "mime", files[i].mime, "caption",
						    files[i].caption, "url",
						    link_model_file(r, id, files[i].file_id, 0)));
	json_object_set_new(j, "evaluations", a);
	json_object_set_new(j, "files", fa);
	if (status == 201)
		res_header(r, "location", link_api(r, "models", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_model(struct req *r)
{
	return send_model(r, 200, r->params[0]);
}

static int model_input_json(struct req *r, json_t *body, struct model_input *in, int *has_unit)
{
	int has;
	int64_t reached = 0;
	int rc = api_int(r, body, "unit", &in->unit_id, has_unit);
	if (!rc)
		rc = api_int(r, body, "organization", &in->organization_id, &has);
	if (!rc)
		rc = api_int(r, body, "origin", &in->origin_id, &has);
	if (!rc)
		rc = api_str(r, body, "field", &in->field);
	if (!rc)
		rc = api_str(r, body, "name", &in->name);
	if (!rc)
		rc = api_str(r, body, "description", &in->description);
	if (!rc)
		rc = api_str(r, body, "since", &in->since);
	if (!rc)
		rc = api_str(r, body, "runner", &in->runner);
	if (!rc)
		rc = api_int(r, body, "reached", &reached, &has);
	if (!rc && has)
		in->reached = arena_printf(&r->arena, "%lld", (long long)reached);
	if (!rc)
		rc = api_str(r, body, "results", &in->results);
	return rc;
}

int api_model_create(struct req *r)
{
	json_t *body;
	struct model_input in = {0};
	int has_unit = 0;
	int64_t id;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = model_input_json(r, body, &in, &has_unit);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_unit)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say which unit registers it");
	if ((rc = model_create(&r->ctx, &in, &id)))
		return rc;
	return send_model(r, 201, id);
}

int api_model_update(struct req *r)
{
	json_t *body;
	struct model m;
	struct model_input in = {0};
	int has_unit = 0;
	int rc = model_get(&r->ctx, r->params[0], &m);
	if (rc || (rc = req_json(r, &body)))
		return rc;
	static const char *const keys[] = {"field", "name", "description", "since", "runner",
					   NULL};
	rc = api_refuse_nulls(r, body, keys);
	if (!rc)
		rc = model_input_json(r, body, &in, &has_unit);
	json_decref(body);
	if (rc)
		return rc;
	/* a member left out keeps its value */
	in.field = in.field ? in.field : model_field_name(m.field);
	in.name = in.name ? in.name : m.name;
	in.description = in.description ? in.description : m.description;
	in.runner = in.runner ? in.runner : m.runner;
	in.reached = in.reached ? in.reached : arena_printf(&r->arena, "%lld", (long long)m.reached);
	in.results = in.results ? in.results : m.results;
	if (!in.since) {
		struct buf b = BUF_INIT;
		date_format(&b, m.since);
		in.since = arena_strdup(&r->arena, b.ptr);
		buf_release(&b);
	}
	if ((rc = model_update(&r->ctx, m.id, &in)))
		return rc;
	return send_model(r, 200, m.id);
}

int api_model_evaluate(struct req *r)
{
	json_t *body;
	int64_t year = 0;
	int has_year = 0;
	const char *verdict = NULL, *notes = NULL, *evidence = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "year", &year, &has_year);
	if (!rc)
		rc = api_str(r, body, "verdict", &verdict);
	if (!rc)
		rc = api_str(r, body, "notes", &notes);
	if (!rc)
		rc = api_str(r, body, "evidence", &evidence);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_year || year < 1900 || year > 9999)
		return dv_fail(&r->ctx.err, DV_EINVAL, "year", "No such year");
	if ((rc = model_evaluate(&r->ctx, r->params[0], (int)year, verdict, notes, evidence)))
		return rc;
	return send_model(r, 200, r->params[0]);
}

int api_model_figures(struct req *r)
{
	int64_t unit = 0, year = time_local_date(r->ctx.now) / 10000;
	struct model_figures by[FIELD_COUNT], all;
	int rc = req_query_int(r, "unit", 1, REQ_ID_MAX, 1, &unit);
	if (rc || (rc = req_query_int(r, "year", 1900, 9999, 0, &year)) ||
	    (rc = model_figures(&r->ctx, unit, (int)year, by, &all)))
		return rc;
	json_t *fields = json_object();
	for (int i = 0; i <= FIELD_COUNT; i++) {
		const struct model_figures *x = i < FIELD_COUNT ? &by[i] : &all;
		json_object_set_new(fields,
				    i < FIELD_COUNT ? model_field_name((enum model_field)i) : "all",
				    json_pack("{s:I, s:I, s:I, s:I}", "registered",
					      (json_int_t)x->registered, "evaluated",
					      (json_int_t)x->evaluated, "effective",
					      (json_int_t)x->effective, "replicated",
					      (json_int_t)x->replicated));
	}
	api_send(r, 200, json_pack("{s:I, s:I, s:o}", "unit", (json_int_t)unit, "year",
				   (json_int_t)year, "figures", fields));
	return 0;
}

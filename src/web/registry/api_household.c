/*
 * API for the household registry (docs/openapi.yaml):
 *
 *   GET   /api/v1/households?unit=ID&q=TEXT&offset=N&limit=N
 *   POST  /api/v1/households
 *   GET   /api/v1/households/{id}              with its residents
 *   PATCH /api/v1/households/{id}
 *   POST  /api/v1/households/{id}/residents
 *   GET   /api/v1/residents/{id}
 *   PATCH /api/v1/residents/{id}
 *   POST  /api/v1/residents/{id}/status
 *   POST  /api/v1/residents/{id}/move
 *
 * The domain checks every permission and decides what is personal data; a
 * household or resident the actor may not see is 404, and so is the list of
 * a unit whose households it may not see. A PATCH keeps the stored value of
 * every field it does not send.
 */
#include <stdint.h>
#include <string.h>

#include "base/date.h"
#include "domain/registry/household.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"
#include "web/link.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/registry/registry_impl.h"

#define LIST_DEFAULT 50
#define OFFSET_MAX   1000000000
#define ID_MAX	     999999999999999LL /* 15 digits, as the route table's {id} */

/* ------------------------------------------------------------ households */

static json_t *households_array(const struct household *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, household_json(&v[i]));
	return a;
}

int api_households(struct req *r)
{
	int64_t unit = 0, offset = 0, limit = LIST_DEFAULT;
	struct unit u;
	struct household *v = NULL;
	size_t n = 0;
	int more = 0;
	int rc = req_query_int(r, "unit", 1, ID_MAX, 1, &unit);
	if (!rc)
		rc = req_query_int(r, "offset", 0, OFFSET_MAX, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, HOUSEHOLD_PAGE_MAX, 0, &limit);
	if (!rc)
		rc = unit_get(&r->ctx, unit, &u);
	if (!rc)
		rc = household_list(&r->ctx, u.id, req_query(r, "q"), offset, (int)limit, &v, &n,
				    &more);
	/* a unit whose households the actor may not see answers as an unknown one */
	if (rc == DV_EPERM)
		rc = dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit (%s)", "id");
	if (rc)
		return rc;
	api_send(r, 200,
		 json_pack("{s:o, s:b}", "households", households_array(v, n), "more", more));
	return 0;
}

/* {"household": {...}} for a household just written, read back as stored. */
static int send_household(struct req *r, int status, int64_t id)
{
	struct household h;
	int rc = household_get(&r->ctx, id, &h);
	if (rc)
		return rc;
	if (status == 201)
		res_header(r, "location", link_api(r, "households", id, NULL));
	api_send(r, status, json_pack("{s:o}", "household", household_json(&h)));
	return 0;
}

int api_household(struct req *r)
{
	struct household h;
	struct resident *m;
	size_t n;
	int rc = household_get(&r->ctx, r->params[0], &h);
	if (rc || (rc = resident_list(&r->ctx, h.id, &m, &n)))
		return rc;
	json_t *residents = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(residents, resident_json(&m[i]));
	json_t *j = household_json(&h);
	json_object_set_new(j, "residents", residents);
	api_send(r, 200, json_pack("{s:o}", "household", j));
	return 0;
}

int api_household_create(struct req *r)
{
	json_t *body;
	struct household_input in = {0};
	int64_t id = 0;
	int has_unit = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	if (!(rc = api_int(r, body, "unit", &in.unit_id, &has_unit)) &&
	    !(rc = api_str(r, body, "address", &in.address)))
		rc = api_str(r, body, "code", &in.code);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_unit)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "The field %s is required", "unit");
	if ((rc = household_create(&r->ctx, &in, &id)))
		return rc;
	return send_household(r, 201, id);
}

int api_household_update(struct req *r)
{
	json_t *body;
	const char *address, *code;
	static const char *const not_null[] = {"address", NULL};
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	if (!(rc = api_refuse_nulls(r, body, not_null)) &&
	    !(rc = api_str(r, body, "address", &address)))
		rc = api_str(r, body, "code", &code);
	if (api_is_null(body, "code"))
		code = "";
	json_decref(body);
	/* absent members stay as they are: the domain merges them in its
	 * transaction, reading the household once */
	if (rc || (rc = household_update(&r->ctx, r->params[0], address, code)))
		return rc;
	return send_household(r, 200, r->params[0]);
}

/* ------------------------------------------------------------- residents */

/* {"resident": {...}} read back as the actor may see it. */
static int send_resident(struct req *r, int status, int64_t id)
{
	struct resident p;
	int rc = resident_get(&r->ctx, id, &p);
	if (rc)
		return rc;
	if (status == 201)
		res_header(r, "location", link_api(r, "residents", id, NULL));
	api_send(r, status, json_pack("{s:o}", "resident", resident_json(&p)));
	return 0;
}

/* The text fields of a resident; absent ones stay NULL. */
static int resident_fields(struct req *r, json_t *body, struct resident_input *in)
{
	int rc;
	if ((rc = api_str(r, body, "full_name", &in->full_name)) ||
	    (rc = api_str(r, body, "birth_date", &in->birth_date)) ||
	    (rc = api_str(r, body, "gender", &in->gender)) ||
	    (rc = api_str(r, body, "relation", &in->relation)) ||
	    (rc = api_str(r, body, "phone", &in->phone)) ||
	    (rc = api_str(r, body, "national_id", &in->national_id)))
		return rc;
	return api_bool(r, body, "representative", &in->representative);
}

int api_resident(struct req *r)
{
	return send_resident(r, 200, r->params[0]);
}

int api_resident_create(struct req *r)
{
	json_t *body;
	struct resident_input in = {.household_id = r->params[0]};
	int64_t id = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = resident_fields(r, body, &in);
	json_decref(body);
	if (rc || (rc = resident_add(&r->ctx, &in, &id)))
		return rc;
	return send_resident(r, 201, id);
}

int api_resident_update(struct req *r)
{
	json_t *body;
	struct resident p;
	struct resident_input in = {0};
	static const char *const not_null[] = {"full_name", "gender", "relation", "representative",
					       NULL};
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	if (!(rc = api_refuse_nulls(r, body, not_null)))
		rc = resident_fields(r, body, &in);
	/* null clears what may be unknown */
	in.birth_date = api_is_null(body, "birth_date") ? "" : in.birth_date;
	in.phone = api_is_null(body, "phone") ? "" : in.phone;
	in.national_id = api_is_null(body, "national_id") ? "" : in.national_id;
	json_decref(body);
	if (rc || (rc = resident_get(&r->ctx, r->params[0], &p)))
		return rc;
	/* Without the stored personal data the missing fields would erase it.
	 * Everyone who may edit a household may see it, so this refuses only
	 * those the domain would refuse anyway. */
	if (!p.personal)
		return dv_fail(&r->ctx.err, DV_EPERM, NULL, "You may not change this household");
	if (!in.birth_date && p.birth_date) {
		struct buf b = BUF_INIT;
		date_format_iso(&b, p.birth_date);
		in.birth_date = arena_strndup(&r->arena, b.ptr, b.len);
		buf_release(&b);
	}
#define KEEP(field) (in.field = in.field ? in.field : p.field)
	KEEP(full_name);
	KEEP(gender);
	KEEP(relation);
	KEEP(phone);
	KEEP(national_id);
#undef KEEP
	rc = resident_update(&r->ctx, p.id, &in);
	return rc ? rc : send_resident(r, 200, p.id);
}

int api_resident_status(struct req *r)
{
	json_t *body;
	const char *status, *date;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	if (!(rc = api_str(r, body, "status", &status)))
		rc = api_str(r, body, "date", &date);
	json_decref(body);
	if (rc)
		return rc;
	enum resident_status st;
	if (!status)
		return dv_fail(&r->ctx.err, DV_EINVAL, "status", "Choose a status");
	if ((rc = resident_status_parse(status, &st, &r->ctx.err)) ||
	    (rc = resident_set_status(&r->ctx, r->params[0], st, date)))
		return rc;
	return send_resident(r, 200, r->params[0]);
}

int api_resident_move(struct req *r)
{
	json_t *body;
	int64_t to = 0;
	int has_to = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "household", &to, &has_to);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_to)
		return dv_fail(&r->ctx.err, DV_EINVAL, "household", "The field %s is required",
			       "household");
	rc = resident_move(&r->ctx, r->params[0], to);
	/* the resident in the address exists (else no field is named): it is
	 * the household in the body that is unknown, a fault of the input */
	if (rc == DV_ENOTFOUND && r->ctx.err.field && strcmp(r->ctx.err.field, "household") == 0)
		rc = r->ctx.err.code = DV_EINVAL;
	return rc ? rc : send_resident(r, 200, r->params[0]);
}

/*
 * API for administrative units (public data): GET /api/v1/units?q=TEXT and
 * GET /api/v1/units/{id}.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/registry/unit.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/registry/registry_impl.h"

#define UNITS_MAX 50

static json_t *units_array(const struct unit *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, unit_json(&v[i]));
	return a;
}

int api_units(struct req *r)
{
	struct unit *v;
	size_t n;
	const char *q = req_query(r, "q");
	int rc = q && *q ? unit_search(&r->ctx, q, UNITS_MAX, &v, &n) : unit_roots(&r->ctx, &v, &n);
	if (rc)
		return rc;
	api_send(r, 200, json_pack("{s:o}", "units", units_array(v, n)));
	return 0;
}

int api_unit(struct req *r)
{
	struct unit *crumbs, *kids;
	size_t ncrumbs, nkids;
	int rc = unit_ancestors(&r->ctx, r->params[0], &crumbs, &ncrumbs);
	if (rc || (rc = unit_children(&r->ctx, r->params[0], &kids, &nkids)))
		return rc;
	json_t *u = unit_json(&crumbs[ncrumbs - 1]);
	json_object_set_new(u, "ancestors", units_array(crumbs, ncrumbs - 1));
	json_object_set_new(u, "children", units_array(kids, nkids));
	api_send(r, 200, json_pack("{s:o}", "unit", u));
	return 0;
}

/*
 * The registry family's part of the route table (the household registry: units, households, residents, CSV import).
 * web/routes.c joins the families' parts in a fixed order.
 */
#include "web/registry/registry.h"
#include "web/registry/registry_impl.h"

const struct route registry_routes[] = {
	/* the household registry (officials) */
	{"GET", "/units/{id}/households", page_households, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/units/{id}/households/new", page_household_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/households", page_household_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/households/{id}", page_household, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/households/{id}/edit", page_household_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/households/{id}", page_household_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/households/{id}/representative", page_household_representative, ROUTE_HTML,
	 ROUTE_LOGIN},
	{"POST", "/households/{id}/residents", page_resident_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/residents/{id}/edit", page_resident_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/residents/{id}", page_resident_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/residents/{id}/status", page_resident_status, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/residents/{id}/move", page_resident_move, ROUTE_HTML, ROUTE_LOGIN},
	/* reorganizing the map (a city administrator; ward officers add and rename) */
	{"GET", "/units/{id}/reorganize", page_unit_reorganize, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/add", page_unit_add, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/rename", page_unit_rename, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/move", page_unit_move, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/merge", page_unit_merge, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/split", page_unit_split, ROUTE_HTML, ROUTE_LOGIN},
	/* CSV import */
	{"GET", "/units/{id}/import", page_import, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/import", page_import_post, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/units", api_units, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/units/{id}", api_unit, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/households", api_households, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/households", api_household_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/households/{id}", api_household, ROUTE_JSON, ROUTE_LOGIN},
	{"PATCH", "/api/v1/households/{id}", api_household_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/households/{id}/residents", api_resident_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/residents/{id}", api_resident, ROUTE_JSON, ROUTE_LOGIN},
	{"PATCH", "/api/v1/residents/{id}", api_resident_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/residents/{id}/status", api_resident_status, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/residents/{id}/move", api_resident_move, ROUTE_JSON, ROUTE_LOGIN},
};
const size_t registry_routes_n = sizeof(registry_routes) / sizeof(registry_routes[0]);

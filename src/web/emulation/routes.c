/*
 * The emulation family's part of the route table (emulation movements and
 * "Dân vận khéo" models). web/routes.c joins the families' parts in a
 * fixed order.
 */
#include "web/emulation/emulation.h"
#include "web/emulation/emulation_impl.h"

const struct route emulation_routes[] = {
	/* movements */
	{"GET", "/movements", page_movements, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/movements/{id}", page_movement, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/units/{id}/movements/new", page_movement_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/movements", page_movement_create, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/movements/{id}/entries", page_movement_join, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/movement-entries/{id}/progress", page_movement_report, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/movement-entries/{id}/evaluate", page_movement_evaluate, ROUTE_HTML,
	 ROUTE_LOGIN},
	/* "Dân vận khéo" models */
	{"GET", "/models", page_models, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/models/figures", page_model_figures, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/models/{id}", page_model, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/units/{id}/models", page_unit_models, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/units/{id}/models/new", page_model_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/models", page_model_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/models/{id}/edit", page_model_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/models/{id}", page_model_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/models/{id}/evaluations", page_model_evaluate, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/models/{id}/files", page_model_file_add, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_UPLOAD | ROUTE_SLOW},
	{"POST", "/models/{id}/files/{id}/remove", page_model_file_remove, ROUTE_HTML,
	 ROUTE_LOGIN},
	{"GET", "/models/{id}/files/{id}", page_model_file, ROUTE_TEXT, ROUTE_PUBLIC},
	{"GET", "/models/{id}/files/{id}/thumb", page_model_thumb, ROUTE_TEXT, ROUTE_PUBLIC},
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/movements", api_movements, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/movements", api_movement_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/movements/{id}", api_movement, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/movements/{id}/entries", api_movement_join, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/movement-entries/{id}/progress", api_movement_report, ROUTE_JSON,
	 ROUTE_LOGIN},
	{"POST", "/api/v1/movement-entries/{id}/evaluate", api_movement_evaluate, ROUTE_JSON,
	 ROUTE_LOGIN},
	{"GET", "/api/v1/models", api_models, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/models", api_model_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/models/figures", api_model_figures, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/models/{id}", api_model, ROUTE_JSON, ROUTE_PUBLIC},
	{"PATCH", "/api/v1/models/{id}", api_model_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/models/{id}/evaluations", api_model_evaluate, ROUTE_JSON, ROUTE_LOGIN},
};
const size_t emulation_routes_n = sizeof(emulation_routes) / sizeof(emulation_routes[0]);

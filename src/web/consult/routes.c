/*
 * The consult family's part of the route table (drafts residents comment on, and their synthesis).
 * web/routes.c joins the families' parts in a fixed order.
 */
#include "web/consult/consult.h"
#include "web/consult/consult_impl.h"

const struct route consult_routes[] = {
	/* drafts residents comment on */
	{"GET", "/consultations", page_consultations, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/consultations/{id}", page_consultation, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/units/{id}/consultations/new", page_consultation_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/consultations", page_consultation_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/consultations/{id}/edit", page_consultation_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/consultations/{id}", page_consultation_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/consultations/{id}/open", page_consultation_open, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/consultations/{id}/opinions", page_opinion_add, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/opinions/{id}/answer", page_opinion_answer, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/consultations/{id}/publish", page_consultation_publish, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/consultations/{id}/synthesis", page_synthesis, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/consultations/{id}/synthesis.pdf", page_synthesis_pdf, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/consultations/{id}/synthesis.xlsx", page_synthesis_xlsx, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/consultations", api_consultations, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/consultations", api_consultation_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/consultations/{id}", api_consultation, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/consultations/{id}/open", api_consultation_open, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/consultations/{id}/opinions", api_opinions, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/consultations/{id}/opinions", api_opinion_add, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/opinions/{id}/answer", api_opinion_answer, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/consultations/{id}/publish", api_consultation_publish, ROUTE_JSON,
	 ROUTE_LOGIN},
};
const size_t consult_routes_n = sizeof(consult_routes) / sizeof(consult_routes[0]);

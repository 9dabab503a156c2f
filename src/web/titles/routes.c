/*
 * The titles family's part of the route table (cultural titles). web/
 * routes.c joins the families' parts in a fixed order.
 */
#include "web/titles/titles.h"
#include "web/titles/titles_impl.h"

const struct route titles_routes[] = {
	/* the titles and their rounds */
	{"GET", "/titles", page_titles, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/units/{id}/titles/new", page_title_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/titles", page_title_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/titles/{id}", page_title_round, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/titles/{id}/candidates", page_title_register, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/titles/{id}/decide", page_title_decide, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/titles/{id}/publish", page_title_publish, ROUTE_HTML, ROUTE_LOGIN},
	/* a community's evaluation */
	{"GET", "/titles/{id}/units/{id}", page_title_unit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/titles/{id}/units/{id}/meeting", page_title_meeting, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/titles/{id}/units/{id}/propose", page_title_propose, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/title-candidates/{id}/vote", page_title_vote, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/title-candidates/{id}/exclude", page_title_exclude, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/title-candidates/{id}/evaluate", page_title_evaluate, ROUTE_HTML, ROUTE_LOGIN},
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/titles", api_titles, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/titles", api_title_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/titles/{id}", api_title_round, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/titles/{id}/candidates", api_title_register, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/titles/{id}/meetings", api_title_meeting, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/titles/{id}/proposals", api_title_propose, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/titles/{id}/decide", api_title_decide, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/titles/{id}/publish", api_title_publish, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/title-candidates/{id}/vote", api_title_vote, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/title-candidates/{id}/exclude", api_title_exclude, ROUTE_JSON,
	 ROUTE_LOGIN},
	{"POST", "/api/v1/title-candidates/{id}/evaluate", api_title_evaluate, ROUTE_JSON,
	 ROUTE_LOGIN},
	{"GET", "/api/v1/households/{id}/titles", api_household_titles, ROUTE_JSON, ROUTE_LOGIN},
};
const size_t titles_routes_n = sizeof(titles_routes) / sizeof(titles_routes[0]);

/*
 * The home family's part of the route table (the public home pages, /me and the rules in force).
 * web/routes.c joins the families' parts in a fixed order.
 */
#include "web/home/home.h"
#include "web/home/home_impl.h"

const struct route home_routes[] = {
	/* public pages */
	{"GET", "/", page_home, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/units", page_units, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/units/{id}", page_unit, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/search", page_search, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	/* identity */
	{"GET", "/me", page_me, ROUTE_HTML, ROUTE_LOGIN},
	/* matters residents decide */
	{"GET", "/rules", page_rules, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"POST", "/rules", page_rules_post, ROUTE_HTML, ROUTE_LOGIN},
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/rules", api_rules, ROUTE_JSON, ROUTE_PUBLIC},
};
const size_t home_routes_n = sizeof(home_routes) / sizeof(home_routes[0]);

/*
 * The route table: every URL danvan answers, in one array a reader can scan
 * (routes.c). A pattern is a literal path in which a {id} segment matches a
 * positive integer, passed to the handler in req->params.
 */
#ifndef DV_WEB_ROUTES_H
#define DV_WEB_ROUTES_H

#include "web/http.h"

enum route_kind { ROUTE_HTML, ROUTE_JSON, ROUTE_TEXT };

struct route {
	const char *method;
	const char *pattern;
	int (*handler)(struct req *r);
	enum route_kind kind;
};

extern const struct route routes[];
extern const size_t n_routes;

/*
 * Find the route for method and path, run it, and leave the response in r
 * (an error page in the request's language when the handler fails, 404 for
 * an unknown path, 405 with Allow for a known path and another method).
 */
void routes_dispatch(struct req *r);

/* Does pattern match path? Fills params. Exposed for tests. */
int route_match(const char *pattern, const char *path, int64_t *params, int *nparams);

/* Handlers, one file per concept. */
int page_home(struct req *r);
int page_unit(struct req *r);
int page_healthz(struct req *r);
int page_static(struct req *r);

#endif

#include "web/routes.h"

#include <stdlib.h>
#include <string.h>

#include "web/layout.h"

/*
 * Every URL danvan answers. Authorization is checked by each handler against
 * the unit it touches (and again inside the domain functions).
 */
const struct route routes[] = {
	{"GET", "/", page_home, ROUTE_HTML},
	{"GET", "/units/{id}", page_unit, ROUTE_HTML},
	{"GET", "/healthz", page_healthz, ROUTE_TEXT},
	{"GET", "/static/*", page_static, ROUTE_TEXT},
};
const size_t n_routes = sizeof(routes) / sizeof(routes[0]);

int route_match(const char *pattern, const char *path, int64_t *params, int *nparams)
{
	*nparams = 0;
	while (*pattern && *path) {
		if (strcmp(pattern, "*") == 0)
			return strchr(path, '/') == NULL;
		if (strncmp(pattern, "{id}", 4) == 0) {
			char *end;
			if (*path < '1' || *path > '9')
				return 0;
			long long v = strtoll(path, &end, 10);
			if (*nparams >= REQ_MAX_PARAMS || v <= 0 || end - path > 15)
				return 0;
			params[(*nparams)++] = v;
			pattern += 4;
			path = end;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return *pattern == '\0' && *path == '\0';
}

static void allow_header(struct req *r)
{
	struct buf allow = BUF_INIT;
	int64_t p[REQ_MAX_PARAMS];
	int np;
	for (size_t i = 0; i < n_routes; i++)
		if (route_match(routes[i].pattern, r->path, p, &np) &&
		    !strstr(allow.ptr, routes[i].method)) {
			if (allow.len)
				buf_adds(&allow, ", ");
			buf_adds(&allow, routes[i].method);
		}
	if (strstr(allow.ptr, "GET"))
		buf_adds(&allow, ", HEAD");
	res_header(r, "Allow", allow.ptr);
	buf_release(&allow);
}

void routes_dispatch(struct req *r)
{
	int path_known = 0;
	/* HEAD is answered as GET; h2o leaves the body out */
	const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (!route_match(rt->pattern, r->path, r->params, &r->nparams))
			continue;
		path_known = 1;
		if (strcmp(rt->method, method) != 0)
			continue;
		int rc = rt->handler(r);
		if (rc)
			layout_error(r, rc);
		return;
	}
	if (path_known) {
		allow_header(r);
		layout_error_status(r, 405,
				    T(r, "This address does not take that kind of request."));
	} else {
		layout_error_status(r, 404, T(r, "There is no page at this address."));
	}
}

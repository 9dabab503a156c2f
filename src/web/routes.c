#include "web/routes.h"

#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/server_impl.h"
#include "web/consult/consult.h"
#include "web/decide/decide.h"
#include "web/disclose/disclose.h"
#include "web/emulation/emulation.h"
#include "web/titles/titles.h"
#include "web/awards/awards.h"
#include "web/home/home.h"
#include "web/identity/identity.h"
#include "web/layout.h"
#include "web/metrics.h"
#include "web/plans/plans.h"
#include "web/notify/notify.h"
#include "web/registry/registry.h"
#include "web/reports/reports.h"
#include "web/static.h"
#include "web/works/works.h"

/* Operations: health, metrics and the built-in static files. */
static const struct route operations_routes[] = {
	{"GET", "/healthz", page_healthz, ROUTE_TEXT, ROUTE_NO_SESSION | ROUTE_LOOP},
	{"GET", "/metrics", page_metrics, ROUTE_TEXT, ROUTE_NO_SESSION},
	{"GET", "/static/*", page_static, ROUTE_TEXT, ROUTE_NO_SESSION | ROUTE_LOOP},
	{"GET", "/favicon.ico", page_favicon, ROUTE_TEXT, ROUTE_NO_SESSION | ROUTE_LOOP},
};
static const size_t operations_routes_n =
	sizeof(operations_routes) / sizeof(operations_routes[0]);

/*
 * Every URL danvan answers, family by family, in the order they are
 * matched (no two routes of one method match the same path, so the order
 * only decides where a reader looks). Handlers check the actor's
 * permission on the unit they touch (and the domain checks again). Unsafe
 * methods on HTML routes need the form's CSRF token (request.c, auth.c).
 */
static const struct {
	const struct route *v;
	const size_t *n;
} parts[] = {
	{operations_routes, &operations_routes_n},
	{home_routes, &home_routes_n},
	{identity_routes, &identity_routes_n},
	{registry_routes, &registry_routes_n},
	{disclose_routes, &disclose_routes_n},
	{decide_routes, &decide_routes_n},
	{consult_routes, &consult_routes_n},
	{works_routes, &works_routes_n},
	{reports_routes, &reports_routes_n},
	{emulation_routes, &emulation_routes_n},
	{titles_routes, &titles_routes_n},
	{awards_routes, &awards_routes_n},
	{plans_routes, &plans_routes_n},
	{notify_routes, &notify_routes_n},
};
#define N_PARTS (sizeof(parts) / sizeof(parts[0]))

/* The path prefixes a family answers with errors of its own. */
static const struct route_errors *const error_shapes[] = {
	&reports_open311_errors,
};
#define N_SHAPES (sizeof(error_shapes) / sizeof(error_shapes[0]))

int routes_refuse(struct req *r, int status, const char *message)
{
	for (size_t i = 0; r->path && i < N_SHAPES; i++)
		if (strncmp(r->path, error_shapes[i]->prefix, strlen(error_shapes[i]->prefix)) == 0) {
			error_shapes[i]->refuse(r, status, message);
			return 1;
		}
	return 0;
}

size_t routes_count(void)
{
	size_t n = 0;
	for (size_t p = 0; p < N_PARTS; p++)
		n += *parts[p].n;
	return n;
}

const struct route *routes_at(size_t i)
{
	for (size_t p = 0; p < N_PARTS; p++) {
		if (i < *parts[p].n)
			return &parts[p].v[i];
		i -= *parts[p].n;
	}
	return NULL;
}

int routes_index(const struct route *rt)
{
	size_t base = 0;
	for (size_t p = 0; rt && p < N_PARTS; p++) {
		if (rt >= parts[p].v && rt < parts[p].v + *parts[p].n)
			return (int)(base + (size_t)(rt - parts[p].v));
		base += *parts[p].n;
	}
	return -1;
}

#define TOKEN_MAX 64

static size_t token_span(const char *s)
{
	size_t n = 0;
	while (n <= TOKEN_MAX && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
				  (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_'))
		n++;
	return n;
}

int route_match(const char *pattern, const char *path, int64_t *params, int *nparams,
		const char **token, struct arena *a)
{
	*nparams = 0;
	*token = NULL;
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
		if (strncmp(pattern, "{token}", 7) == 0) {
			size_t n = token_span(path);
			if (n == 0 || n > TOKEN_MAX)
				return 0;
			*token = a ? arena_strndup(a, path, n) : path;
			pattern += 7;
			path += n;
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
	const char *tok;
	int np;
	for (size_t i = 0, n = routes_count(); i < n; i++) {
		const struct route *rt = routes_at(i);
		if (route_match(rt->pattern, r->path, p, &np, &tok, NULL) &&
		    !strstr(allow.ptr, rt->method)) {
			if (allow.len)
				buf_adds(&allow, ", ");
			buf_adds(&allow, rt->method);
		}
	}
	if (strstr(allow.ptr, "GET"))
		buf_adds(&allow, ", HEAD");
	res_header(r, "Allow", allow.ptr);
	buf_release(&allow);
}

const struct route *routes_find(struct req *r, int *status)
{
	int path_known = 0;
	const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
	for (size_t p = 0; p < N_PARTS; p++)
		for (const struct route *rt = parts[p].v; rt < parts[p].v + *parts[p].n; rt++) {
			if (!route_match(rt->pattern, r->path, r->params, &r->nparams, &r->sparam,
					 &r->arena))
				continue;
			path_known = 1;
			if (strcmp(rt->method, method) == 0)
				return rt;
		}
	if (path_known)
		allow_header(r);
	*status = path_known ? 405 : 404;
	return NULL;
}

void routes_run(struct req *r, const struct route *rt)
{
	int rc = rt->handler(r);
	if (!rc) {
		request_mark_write(r);
		return;
	}
	if (dv_err_is_user(rc) &&
	    routes_refuse(r, dv_err_http_status(rc), r->ctx.err.msg))
		return;
	if (rt->kind == ROUTE_JSON)
		api_error(r, rc);
	else
		layout_error(r, rc);
}

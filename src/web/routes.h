/*
 * The route table: every URL danvan answers. Each family of pages holds its
 * part (web/<family>/routes.c); routes.c joins the parts in a fixed order,
 * with the operations routes (/healthz, /metrics, /static/) first, so the
 * whole table is one list a reader can scan family by family.
 */
#ifndef DV_WEB_ROUTES_H
#define DV_WEB_ROUTES_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "web/route.h"

/* The number of routes, and route i of the joined table (0 <= i < count). */
size_t routes_count(void);
const struct route *routes_at(size_t i);
/* The position of rt in the joined table, or -1 for NULL. */
int routes_index(const struct route *rt);

/*
 * The route for r's method and path, or NULL with *status 404 (unknown path)
 * or 405 (known path, other method; Allow is set). HEAD finds the GET route.
 */
const struct route *routes_find(struct req *r, int *status);

/* Run the route's handler; an error becomes an error page or JSON error,
 * or the error of the family that owns the path's prefix. */
void routes_run(struct req *r, const struct route *rt);

/* When a family owns r's path prefix with errors of its own (route.h,
 * struct route_errors), write the refusal its way and return 1; else 0
 * (the caller writes an error page or a JSON error). */
int routes_refuse(struct req *r, int status, const char *message);

/* Does pattern match path? Fills params and the token. Exposed for tests. */
int route_match(const char *pattern, const char *path, int64_t *params, int *nparams,
		const char **token, struct arena *a);

#endif

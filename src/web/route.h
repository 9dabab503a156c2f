/*
 * What a route is: a method, a path pattern, the handler and who may call
 * it. Each family of pages declares its routes with these (web/<family>/
 * routes.c); web/routes.c joins them into the one table and finds the route
 * of a request.
 *
 * A pattern is a literal path in which {id} matches a positive integer
 * (req->params) and {token} a URL-safe token (req->sparam); a final '*'
 * matches one last path segment.
 */
#ifndef DV_WEB_ROUTE_H
#define DV_WEB_ROUTE_H

#include <stddef.h>

struct req;

enum route_kind { ROUTE_HTML, ROUTE_JSON, ROUTE_TEXT };

enum route_flags {
	ROUTE_PUBLIC = 0,         /* anyone; the handler checks what it shows */
	ROUTE_LOGIN = 1 << 0,     /* needs a logged-in account (else /login or 401) */
	ROUTE_SLOW = 1 << 1,      /* runs in the worker pool: password hashing, PDFs, imports */
	ROUTE_NO_SESSION = 1 << 2, /* static files, health: no session lookup */
	ROUTE_CACHE = 1 << 3,      /* public page kept in memory for anonymous readers (cache.h) */
	ROUTE_UPLOAD = 1 << 4,     /* takes a body up to UPLOAD_MAX (others: FORM_BODY_MAX) */
	ROUTE_BATCH = 1 << 5,      /* a small write committed with others (group commit) */
	ROUTE_LOOP = 1 << 6        /* stays on its loop on PostgreSQL too (health, static files) */
};

/*
 * A family that answers a whole path prefix in a format of its own (the
 * Open311 GeoReport v2 interface under /open311/, whose errors are a list
 * of {code, description} in JSON or XML) writes every refusal made there:
 * those made before a handler runs (an unknown path, a bad query string, a
 * body in the wrong format) and a handler's returned error. web/routes.c
 * lists them.
 */
struct route_errors {
	const char *prefix; /* "/open311/" */
	void (*refuse)(struct req *r, int status, const char *message);
};

struct route {
	const char *method;
	const char *pattern;
	int (*handler)(struct req *r);
	enum route_kind kind;
	unsigned flags;
};

#endif

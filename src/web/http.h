/*
 * One HTTP request as the web layer sees it: what came in (method, path,
 * query, the language), the domain context it runs with (this loop's
 * database connection, the request's arena, the actor), and the response
 * being built. server.c makes one per request and frees it with the
 * request's h2o memory pool.
 */
#ifndef DV_WEB_HTTP_H
#define DV_WEB_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "domain/ctx.h"

#define REQ_MAX_PARAMS	4
#define REQ_MAX_HEADERS 16

struct conn;

struct req {
	void *h2o;	   /* h2o_req_t *, for server.c only */
	struct conn *conn; /* the connection it came on, for server.c only */
	struct dv_ctx ctx; /* db, arena, actor, lang, now, err */
	struct arena arena;
	const char *method;		/* "GET", "POST", ... */
	const char *path;		/* decoded and normalized, without the query */
	const char *query;		/* raw text after '?', "" if none */
	int64_t params[REQ_MAX_PARAMS]; /* numeric {id} captures of the route */
	int nparams;

	/* the response */
	int status;
	const char *content_type;
	struct buf body;
	size_t nheaders;
	struct {
		const char *name, *value;
	} headers[REQ_MAX_HEADERS];
};

/* The value of a request header (case-insensitive name), or NULL. Arena string. */
const char *req_header(struct req *r, const char *name);

/* Add a response header (name and value are copied into the arena). */
void res_header(struct req *r, const char *name, const char *value);

/* The value of cookie `name` in a Cookie header, as an arena string, or NULL. */
const char *cookie_get(struct arena *a, const char *header, const char *name);

/* Translate msgid into the request's language. */
const char *T(const struct req *r, const char *msgid);

#endif

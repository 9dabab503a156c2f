/*
 * One request, from h2o to the response: build the struct req, find the
 * route, find out who is asking, check CSRF and login, run the handler here
 * or in the worker pool, send the response, write the access log line.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "base/i18n.h"
#include "base/log.h"
#include "base/text.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/layout.h"
#include "web/metrics.h"
#include "web/server_impl.h"

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Payload Too Large";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* Vietnamese unless English was asked for: ?lang=en on a link, remembered
 * in a cookie. Accept-Language is not used: many officials' browsers are set
 * to English, yet they work in Vietnamese. A query that was refused has no
 * lang; headers that were refused are not read for the cookie. */
static const char *request_language(struct req *r, int headers_ok)
{
	const char *asked = req_query(r, "lang");
	if (asked) {
		const char *lang = i18n_pick(asked);
		res_cookie(r, "lang", lang, 365L * 86400);
		return lang;
	}
	if (!headers_ok)
		return "vi";
	const char *cookie = cookie_get(&r->arena, req_cookies(r), "lang");
	return cookie && strcmp(cookie, "en") == 0 ? "en" : "vi";
}

static const char *peer_address(struct req *r, h2o_req_t *h)
{
	struct sockaddr_storage ss;
	char text[INET6_ADDRSTRLEN] = "";
	socklen_t len = h->conn->callbacks->get_peername(h->conn, (struct sockaddr *)&ss);
	if (len && ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, text, sizeof(text));
	else if (len && ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, text, sizeof(text));
	return arena_strdup(&r->arena, text);
}

static int64_t now_us(void);

/* The configured address, or the one the browser used (Host header, which
 * h2o keeps as the request's authority). */
static const char *public_url(struct req *r, h2o_req_t *h, const char *configured)
{
	if (configured && *configured)
		return configured;
	const char *host = arena_strndup(&r->arena, h->authority.base, h->authority.len);
	if (!host || !*host || strpbrk(host, "/\\ \"<>") || strlen(host) > 64)
		host = "localhost";
	return arena_printf(&r->arena, "%s://%s", r->secure ? "https" : "http", host);
}

/* ------------------------------------------------------------ lifetime */

/* A half-close makes h2o read end-of-stream and close the connection
 * cleanly; a response still being written is not cut. */
void conn_close_when_idle(struct conn *c)
{
	/* bytes waiting in the input are a request still arriving: let it come */
	if (c->sock && c->active == 0 && (!c->sock->input || c->sock->input->size == 0))
		shutdown(c->fd, SHUT_RD);
}

void conn_release(struct conn *c)
{
	if (!c->sock && c->active == 0)
		free(c);
}

static void req_free(struct req *r)
{
	buf_release(&r->out);
	arena_release(&r->arena);
	free(r);
}

/*
 * h2o frees the request (its response went out, or the client left). A
 * request still in the worker pool is only marked: the loop frees it when
 * the worker hands it back (request_on_done). Both run on the loop thread.
 */
static void anchor_dispose(void *p)
{
	struct req *r = *(struct req **)p;
	struct conn *c = r->conn;
	if (c) {
		c->active--;
		if (c->loop->stopping)
			conn_close_when_idle(c);
		conn_release(c);
		r->conn = NULL;
	}
	if (r->in_worker)
		r->orphaned = 1;
	else
		req_free(r);
}

static struct req *req_new(h2o_req_t *h, struct loop *l)
{
	struct req *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	struct req **anchor = h2o_mem_alloc_shared(&h->pool, sizeof(*anchor), anchor_dispose);
	*anchor = r;
	r->h2o = h;
	r->started_us = now_us();
	h2o_socket_t *sock =
		h->conn->callbacks->get_socket ? h->conn->callbacks->get_socket(h->conn) : NULL;
	if (sock && sock->on_close.data) {
		r->conn = sock->on_close.data;
		r->conn->active++;
	}
	if (l->stopping)
		h->http1_is_persistent = 0;
	arena_init(&r->arena);
	buf_init(&r->out, 0);
	ctx_init(&r->ctx, l->db, &r->arena, &actor_anonymous);
	r->ctx.touches = &l->srv->touches;
	r->method = arena_strndup(&r->arena, h->method.base, h->method.len);
	r->path = arena_strndup(&r->arena, h->path_normalized.base, h->path_normalized.len);
	r->query = h->query_at != SIZE_MAX ? arena_strndup(&r->arena, h->path.base + h->query_at + 1,
							   h->path.len - h->query_at - 1)
					   : "";
	r->body = h->entity.base;
	r->body_len = h->entity.base ? h->entity.len : 0;
	r->ip = peer_address(r, h);
	r->public_url = public_url(r, h, l->srv->cfg->public_url);
	return r;
}

/* ------------------------------------------------------------ responses */

static void add_header(h2o_req_t *h, const char *name, const char *value)
{
	h2o_add_header_by_str(&h->pool, &h->res.headers, name, strlen(name), 1, NULL, value,
			      strlen(value));
}

static int64_t now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* method path status bytes duration client account */
static void access_log(struct req *r)
{
	int64_t us = now_us() - r->started_us;
	metrics_request(routes_index(r->route), r->status, us);
	log_info("%s %s %d %zu %.2fms %s %lld", r->method,
		 r->status == 400 ? "(bad path)" : r->path, r->status, r->out.len,
		 (double)us / 1000.0, r->ip,
		 (long long)r->ctx.actor->account_id);
}

static void send_response(struct req *r)
{
	h2o_req_t *h = r->h2o;
	h->res.status = r->status;
	h->res.reason = reason(r->status);
	const char *ct = r->content_type ? r->content_type : "text/plain; charset=utf-8";
	h2o_add_header(&h->pool, &h->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, ct, strlen(ct));
	add_header(h, "content-security-policy",
		   "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
		   "base-uri 'none'; form-action 'self'");
	add_header(h, "x-content-type-options", "nosniff");
	add_header(h, "referrer-policy", "same-origin");
	for (size_t i = 0; i < r->nheaders; i++)
		add_header(h, r->headers[i].name, r->headers[i].value);
	h->res.content_length = r->out.len;
	access_log(r);
	h2o_send_inline(h, r->out.ptr, r->out.len);
}

/* ------------------------------------------------------------ dispatch */

static void refuse(struct req *r, int json, int status, const char *code, const char *message)
{
	if (routes_refuse(r, status, message))
		return;
	if (json)
		api_error_status(r, status, code, message);
	else
		layout_error_status(r, status, message);
}

/* The same with the message and field of r->ctx.err. */
static void refuse_err(struct req *r, int json, int status, const char *code)
{
	if (routes_refuse(r, status, r->ctx.err.msg))
		return;
	if (json)
		api_error_field(r, status, code, r->ctx.err.field, r->ctx.err.msg);
	else
		layout_error_status(r, status, r->ctx.err.msg);
}

/* Who may call: a route that needs a login sends browsers to /login and
 * API clients a 401. */
static int needs_login(struct req *r, const struct route *rt)
{
	if (!(rt->flags & ROUTE_LOGIN) || r->ctx.actor->account_id)
		return 0;
	if (rt->kind == ROUTE_JSON) {
		api_error_status(r, 401, "unauthorized", T(r, "Log in first"));
	} else if (strcmp(r->method, "GET") == 0) {
		struct buf b = BUF_INIT;
		buf_adds(&b, "/login?next=");
		for (const unsigned char *p = (const unsigned char *)r->path; *p; p++)
			if (*p > 0x20 && *p < 0x7f && !strchr("&#%+?", *p))
				buf_addch(&b, *p);
			else
				buf_addf(&b, "%%%02X", *p);
		res_redirect(r, b.ptr);
		buf_release(&b);
	} else {
		layout_error_status(r, 403, T(r, "Log in first"));
	}
	return 1;
}

static int is_unsafe(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/*
 * A body the route does not take: any on GET or HEAD; else one in another
 * format than the route reads (JSON for the API, multipart for uploads, a
 * urlencoded form for pages). Refused before the handler, so a handler that
 * never looks at its body cannot act on a request it would have refused.
 * 0, or DV_EINVAL with a message naming Content-Type.
 */
static int body_check(struct req *r, const struct route *rt)
{
	if (!r->body_len)
		return 0;
	if (!is_unsafe(r->method))
		return dv_fail(&r->ctx.err, DV_EINVAL, NULL, "A %s request has no body", r->method);
	if (rt->flags & ROUTE_UPLOAD) {
		if (!req_content_type_is(r, "multipart/form-data"))
			return dv_fail(&r->ctx.err, DV_EINVAL, "content-type",
				       "Send the file as multipart/form-data");
	} else if (rt->kind == ROUTE_JSON) {
		if (!req_content_type_is(r, "application/json"))
			return dv_fail(&r->ctx.err, DV_EINVAL, "content-type",
				       "Send the body as application/json");
	} else if (!req_content_type_is(r, "application/x-www-form-urlencoded")) {
		return dv_fail(&r->ctx.err, DV_EINVAL, "content-type",
			       "This form was sent in a format the server does not take");
	}
	return 0;
}

/* Everything before the handler; 1 when the response is already made. */
static int prepare(struct req *r, const struct route *rt)
{
	int json = rt->kind == ROUTE_JSON;
	if (!(rt->flags & ROUTE_NO_SESSION)) {
		int rc = auth_load(r);
		if (rc) {
			if (json)
				api_error(r, rc);
			else
				layout_error(r, rc);
			return 1;
		}
	}
	/* A JSON client without the session cookie cannot be a forged browser
	 * request: only cookie-authenticated changes need the token. Nor can a
	 * route that reads no session (Open311 takes its app's key in the
	 * body): a forged request would carry no authority but what it holds. */
	int needs_csrf = is_unsafe(r->method) && !(rt->flags & ROUTE_NO_SESSION) &&
			 (!json || r->has_session);
	if (needs_csrf && auth_check_csrf(r)) {
		refuse(r, json, 403, "csrf", r->ctx.err.msg);
		return 1;
	}
	if (needs_login(r, rt))
		return 1;
	if (body_check(r, rt)) {
		refuse_err(r, json, 400, "invalid");
		return 1;
	}
	return 0;
}

/* A decoded path must be UTF-8 without control characters (a %0a would
 * forge access-log lines; a %00 would cut strings). */
static int clean_path(const char *path, size_t len)
{
	if (strlen(path) != len || !utf8_valid(path, len))
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
			return 0;
	return 1;
}

/*
 * What is refused before a route is looked up: a path that is not clean
 * UTF-8, header fields past danvan's limits (431), a query string that is
 * not well-formed or over its caps (400). The checks run first and their
 * message is made again once the language is known (from ?lang, or the
 * cookie of headers that passed). 1 when the refusal is made.
 */
static int refuse_early(struct req *r, h2o_req_t *h, int json)
{
	int headers_ok = req_headers_check(r) == 0;
	int query_ok = req_query_parse(r) == 0;
	ctx_set_lang(&r->ctx, request_language(r, headers_ok));
	if (!clean_path(r->path, h->path_normalized.len) || !utf8_valid(r->query, strlen(r->query))) {
		refuse(r, json, 400, "invalid", T(r, "The address is not valid UTF-8."));
		return 1;
	}
	if (!headers_ok) {
		req_headers_check(r);
		refuse_err(r, json, 431, "header_too_large");
		return 1;
	}
	if (!query_ok) {
		req_query_parse(r);
		refuse_err(r, json, 400, "invalid");
		return 1;
	}
	return 0;
}

/* Hand a slow route to the worker pool (or the group committer); 0 when
 * there is no memory for the job, and the loop runs it. */
static struct job *to_worker(struct req *r, const struct route *rt, struct loop *l)
{
	struct job *job = calloc(1, sizeof(*job));
	if (!job)
		return NULL;
	job->r = r;
	job->rt = rt;
	job->loop = l;
	req_detach(r);
	r->in_worker = 1;
	return job;
}

static void submit(struct job *job)
{
	struct server *srv = job->loop->srv;
	workers_submit(job->rt->flags & ROUTE_BATCH ? &srv->batcher : &srv->workers, job);
}

/* On the database threads: the whole route, its checks first, then (on the
 * loop, once back) the page into the loop's cache. 0 when there is no
 * memory for the job, and the loop runs it. */
static int to_db_thread(struct req *r, const struct route *rt, struct loop *l, int cache,
			const struct cache_gen *gen)
{
	struct job *job = to_worker(r, rt, l);
	if (!job)
		return 0;
	job->prepare = 1;
	job->cache = cache;
	if (gen)
		job->gen = *gen;
	submit(job);
	return 1;
}

/* In a worker: the checks the loop makes before a route, then the route. */
static int replica_on;

void request_set_replica(int on)
{
	replica_on = on;
}

int request_may_lag(struct req *r, const struct route *rt)
{
	if (!replica_on || (rt->flags & ROUTE_LOGIN) ||
	    (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0))
		return 0;
	const char *cookies = req_cookies(r);
	return !cookies || !cookie_get(&r->arena, cookies, "dv_w");
}

void request_mark_write(struct req *r)
{
	if (replica_on && r->status < 400 && strcmp(r->method, "GET") != 0 &&
	    strcmp(r->method, "HEAD") != 0)
		res_cookie(r, "dv_w", "1", REPLICA_LAG_SECONDS);
}

void request_run_in_worker(struct req *r, const struct route *rt, int prepare_first)
{
	if (!prepare_first || !prepare(r, rt))
		routes_run(r, rt);
}

/* Find the route and run it, or refuse. 1 when a worker took the request
 * (it is sent when the worker is done), 0 when the response is ready. */
static int dispatch(struct req *r, struct loop *l, int json)
{
	int status = 0;
	const struct route *rt = routes_find(r, &status);
	if (r->body_len > FORM_BODY_MAX && !(rt && (rt->flags & ROUTE_UPLOAD))) {
		/* h2o's own cap is the upload's; everything else takes much less */
		refuse(r, json, 413, "too_large", T(r, "This request is too large."));
	} else if (!rt) {
		refuse(r, json, status, status == 404 ? "not_found" : "method_not_allowed",
		       status == 404 ? T(r, "There is no page at this address.")
				     : T(r, "This address does not take that kind of request."));
	} else if ((rt->flags & ROUTE_CACHE) && page_cache_eligible(r) && !r->body_len) {
		r->route = rt;
		struct cache_gen gen;
		if (!page_cache_lookup(r, &gen)) {
			if (l->srv->db_threads && to_db_thread(r, rt, l, 1, &gen))
				return 1;
			routes_run(r, rt);
			page_cache_store(r, &gen);
		}
	} else if (r->route = rt, l->srv->db_threads && !(rt->flags & (ROUTE_BATCH | ROUTE_LOOP))) {
		if (to_db_thread(r, rt, l, 0, NULL))
			return 1;
		if (!prepare(r, rt))
			routes_run(r, rt);
	} else if (!prepare(r, rt)) {
		struct job *job;
		if ((rt->flags & (ROUTE_SLOW | ROUTE_BATCH)) && (job = to_worker(r, rt, l))) {
			submit(job);
			return 1;
		}
		routes_run(r, rt);
	}
	return 0;
}

int request_on_req(h2o_handler_t *self, h2o_req_t *h)
{
	(void)self;
	struct loop *l = (struct loop *)h->conn->ctx;
	struct req *r = req_new(h, l);
	if (!r) {
		h2o_send_error_503(h, "Service Unavailable", "out of memory", 0);
		return 0;
	}
	int json = strncmp(r->path, "/api/", 5) == 0;
	if (refuse_early(r, h, json) || !dispatch(r, l, json))
		send_response(r);
	return 0;
}

/* Slow requests coming back from the workers, on the loop thread. */
void request_on_done(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages)
{
	(void)receiver;
	while (!h2o_linklist_is_empty(messages)) {
		struct job *job = H2O_STRUCT_FROM_MEMBER(struct job, msg.link, messages->next);
		h2o_linklist_unlink(&job->msg.link);
		struct req *r = job->r;
		int cache = job->cache;
		struct cache_gen gen = job->gen;
		free(job);
		r->in_worker = 0;
		r->ctx.db = NULL;
		if (cache && !r->orphaned)
			page_cache_store(r, &gen);
		if (r->orphaned)
			req_free(r); /* the client left while the worker ran */
		else
			send_response(r);
	}
}

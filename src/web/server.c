/*
 * The server: h2o event loops, one per thread (DESIGN.md, "The request
 * path"). The wiring follows h2o's examples/libh2o/simple.c at v2.2.5,
 * multiplied by threads the way h2o's own server does it.
 */
#include "web/server.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <h2o.h>

#include "base/i18n.h"
#include "base/log.h"
#include "base/text.h"
#include "store/migrate.h"
#include "web/layout.h"
#include "web/routes.h"

struct server;
struct loop;

/* One open connection: how many of its requests are in progress, so that a
 * stopping server can close the idle ones at once and the busy ones as soon
 * as their response is sent. */
struct conn {
	struct loop *loop;
	h2o_socket_t *sock; /* NULL once h2o has closed it */
	int fd;
	int active;
	struct conn *prev, *next;
};

struct loop {
	h2o_context_t ctx; /* first: a request finds its loop from req->conn->ctx */
	h2o_accept_ctx_t accept_ctx;
	struct server *srv;
	pthread_t thread;
	int fd;
	h2o_socket_t *listener;
	struct db *db;
	long connections;
	struct conn conns; /* list head of open connections */
	int stopping;
};

struct server {
	h2o_globalconf_t config;
	const struct server_config *cfg;
	struct loop *loops;
	int nloops;
	atomic_int stop;
};

/* ------------------------------------------------------------- requests */

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

const char *req_header(struct req *r, const char *name)
{
	h2o_req_t *h = r->h2o;
	size_t n = strlen(name);
	for (size_t i = 0; i < h->headers.size; i++) {
		h2o_header_t *e = &h->headers.entries[i];
		if (h2o_lcstris(e->name->base, e->name->len, name, n))
			return arena_strndup(&r->arena, e->value.base, e->value.len);
	}
	return NULL;
}

/* Vietnamese unless English was asked for: ?lang=en on a link, remembered
 * in a cookie. Accept-Language is not used: many officials' browsers are set
 * to English, yet they work in Vietnamese. */
static const char *request_language(struct req *r)
{
	for (const char *p = r->query; p && *p;) {
		if (strncmp(p, "lang=", 5) == 0) {
			const char *lang = i18n_pick(p + 5);
			res_header(r, "set-cookie",
				   strcmp(lang, "en") == 0 ? "lang=en; Path=/; Max-Age=31536000; "
							     "SameSite=Lax; HttpOnly"
							   : "lang=vi; Path=/; Max-Age=31536000; "
							     "SameSite=Lax; HttpOnly");
			return lang;
		}
		p = strchr(p, '&');
		if (p)
			p++;
	}
	const char *cookie = cookie_get(&r->arena, req_header(r, "cookie"), "lang");
	return cookie && strcmp(cookie, "en") == 0 ? "en" : "vi";
}

/* A half-close makes h2o read end-of-stream and close the connection
 * cleanly; a response still being written is not cut. */
static void close_when_idle(struct conn *c)
{
	if (c->sock && c->active == 0)
		shutdown(c->fd, SHUT_RD);
}

static void conn_release(struct conn *c)
{
	if (!c->sock && c->active == 0)
		free(c);
}

/* Runs when h2o frees the request, after its response went out. */
static void req_dispose(void *p)
{
	struct req *r = p;
	struct conn *c = r->conn;
	buf_release(&r->body);
	arena_release(&r->arena);
	if (!c)
		return;
	c->active--;
	if (c->loop->stopping)
		close_when_idle(c);
	conn_release(c);
}

static void track_request(struct req *r, h2o_req_t *h, struct loop *l)
{
	h2o_socket_t *sock =
		h->conn->callbacks->get_socket ? h->conn->callbacks->get_socket(h->conn) : NULL;
	if (sock && sock->on_close.data) {
		r->conn = sock->on_close.data;
		r->conn->active++;
	}
	if (l->stopping)
		h->http1_is_persistent = 0;
}

static void add_header(h2o_req_t *h, const char *name, const char *value)
{
	h2o_add_header_by_str(&h->pool, &h->res.headers, name, strlen(name), 1, NULL, value,
			      strlen(value));
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
	h->res.content_length = r->body.len;
	h2o_send_inline(h, r->body.ptr, r->body.len);
}

static int on_req(h2o_handler_t *self, h2o_req_t *h)
{
	(void)self;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct loop *l = (struct loop *)h->conn->ctx;
	struct req *r = h2o_mem_alloc_shared(&h->pool, sizeof(*r), req_dispose);
	memset(r, 0, sizeof(*r));
	r->h2o = h;
	track_request(r, h, l);
	arena_init(&r->arena);
	buf_init(&r->body, 0);
	ctx_init(&r->ctx, l->db, &r->arena, &actor_anonymous);
	r->method = arena_strndup(&r->arena, h->method.base, h->method.len);
	r->path = arena_strndup(&r->arena, h->path_normalized.base, h->path_normalized.len);
	r->query = h->query_at != SIZE_MAX
			   ? arena_strndup(&r->arena, h->path.base + h->query_at + 1,
					   h->path.len - h->query_at - 1)
			   : "";
	ctx_set_lang(&r->ctx, request_language(r));
	if (strlen(r->path) != h->path_normalized.len ||
	    !utf8_valid(r->path, h->path_normalized.len) || !utf8_valid(r->query, strlen(r->query)))
		layout_error_status(r, 400, T(r, "The address is not valid UTF-8."));
	else
		routes_dispatch(r);
	send_response(r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	log_info("%s %s %d %zu %.2fms", r->method, r->status == 400 ? "(bad path)" : r->path,
		 r->status, r->body.len, ms);
	return 0;
}

/* ---------------------------------------------------------- connections */

static void on_close(void *data)
{
	struct conn *c = data;
	c->prev->next = c->next;
	c->next->prev = c->prev;
	c->loop->connections--;
	c->sock = NULL;
	conn_release(c);
}

static void on_accept(h2o_socket_t *listener, const char *err)
{
	struct loop *l = listener->data;
	if (err)
		return;
	for (int i = 0; i < 16; i++) {
		h2o_socket_t *sock = h2o_evloop_socket_accept(listener);
		if (!sock)
			return;
		struct conn *c = calloc(1, sizeof(*c));
		if (!c) {
			h2o_socket_close(sock);
			return;
		}
		c->loop = l;
		c->sock = sock;
		c->fd = h2o_socket_get_fd(sock);
		c->next = l->conns.next;
		c->prev = &l->conns;
		c->next->prev = c;
		l->conns.next = c;
		l->connections++;
		sock->on_close.cb = on_close;
		sock->on_close.data = c;
		h2o_accept(&l->accept_ctx, sock);
	}
}

/* SO_REUSEPORT would let a second server share the port silently; refuse
 * to start when something already answers there. */
static int port_in_use(const struct addrinfo *ai)
{
	struct sockaddr_storage ss;
	memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;
		if (in->sin_addr.s_addr == htonl(INADDR_ANY))
			in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	} else if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
		if (IN6_IS_ADDR_UNSPECIFIED(&in6->sin6_addr))
			in6->sin6_addr = in6addr_loopback;
	}
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int used = fd >= 0 && connect(fd, (struct sockaddr *)&ss, ai->ai_addrlen) == 0;
	if (fd >= 0)
		close(fd);
	return used;
}

static int listen_on(const char *addr, int port, int first, int *out)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC,
				 .ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV};
	struct addrinfo *ai = NULL;
	char service[16];
	snprintf(service, sizeof(service), "%d", port);
	int rc = getaddrinfo(addr, service, &hints, &ai);
	if (rc) {
		fprintf(stderr, "danvan: cannot listen on '%s': %s\n", addr, gai_strerror(rc));
		return -1;
	}
	if (first && port_in_use(ai)) {
		fprintf(stderr,
			"danvan: port %d on %s is already in use: stop the other server or "
			"choose another --port\n",
			port, addr);
		freeaddrinfo(ai);
		return -1;
	}
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int on = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) ||
	    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, SOMAXCONN)) {
		fprintf(stderr, "danvan: cannot listen on %s port %d: %s\n", addr, port,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	*out = fd;
	return 0;
}

/* ----------------------------------------------------------------- loops */

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Stop accepting and ask h2o to close idle connections; requests in flight
 * go on until they finish or the drain time is up. */
static void begin_stop(struct loop *l)
{
	l->stopping = 1;
	h2o_socket_read_stop(l->listener);
	h2o_socket_close(l->listener);
	l->listener = NULL;
	h2o_context_request_shutdown(&l->ctx);
	for (struct conn *c = l->conns.next; c != &l->conns; c = c->next)
		close_when_idle(c);
}

static void *loop_main(void *arg)
{
	struct loop *l = arg;
	struct server *srv = l->srv;
	l->conns.next = l->conns.prev = &l->conns;
	h2o_context_init(&l->ctx, h2o_evloop_create(), &srv->config);
	l->accept_ctx.ctx = &l->ctx;
	l->accept_ctx.hosts = srv->config.hosts;
	l->listener = h2o_evloop_socket_create(l->ctx.loop, l->fd, H2O_SOCKET_FLAG_DONT_READ);
	l->listener->data = l;
	h2o_socket_read_start(l->listener, on_accept);
	int64_t deadline = 0;
	for (;;) {
		/* wake at least every 100 ms to notice the stop flag */
		h2o_evloop_run(l->ctx.loop, 100);
		if (!atomic_load(&srv->stop))
			continue;
		if (l->listener) {
			begin_stop(l);
			deadline = now_ms() + (int64_t)srv->cfg->drain_seconds * 1000;
		}
		if (l->connections <= 0 || now_ms() > deadline)
			break;
	}
	if (l->connections > 0)
		log_warn("loop %d: %ld connections still open after the drain time",
			 (int)(l - srv->loops), l->connections);
	/* Like h2o's own server, the context is not disposed: 2.2.5 asserts on
	 * timers that shutdown leaves armed. It lives until the process exits. */
	return NULL;
}

/* Open one database connection per loop, checking the schema once. */
static int open_databases(struct server *srv)
{
	struct dv_err err = {0};
	for (int i = 0; i < srv->nloops; i++) {
		if (db_open(srv->cfg->db_url, &srv->loops[i].db, &err)) {
			fprintf(stderr, "danvan: %s\n", err.msg);
			return -1;
		}
	}
	int version = 0;
	if (migrate_version(srv->loops[0].db, &version, &err)) {
		fprintf(stderr, "danvan: %s\n", err.msg);
		return -1;
	}
	if (version != migrate_latest()) {
		fprintf(stderr,
			"danvan: %s is at schema version %d, this danvan expects %d: run "
			"`danvan %s --db %s`\n",
			srv->cfg->db_url, version, migrate_latest(), version ? "migrate" : "init",
			srv->cfg->db_url);
		return -1;
	}
	return 0;
}

static void setup_h2o(struct server *srv)
{
	h2o_config_init(&srv->config);
	srv->config.server_name = h2o_iovec_init(H2O_STRLIT("danvan"));
	srv->config.max_request_entity_size = srv->cfg->max_body;
	srv->config.http1.req_timeout = 10 * 1000;
	srv->config.http2.idle_timeout = 10 * 1000;
	h2o_hostconf_t *host = h2o_config_register_host(
		&srv->config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
	h2o_pathconf_t *path = h2o_config_register_path(host, "/", 0);
	h2o_handler_t *handler = h2o_create_handler(path, sizeof(*handler));
	handler->on_req = on_req;
}

static void release(struct server *srv)
{
	for (int i = 0; i < srv->nloops; i++) {
		db_close(srv->loops[i].db);
		if (srv->loops[i].fd > 0)
			close(srv->loops[i].fd);
	}
}

int server_run(const struct server_config *cfg)
{
	/* static: the h2o configuration and contexts stay reachable until the
	 * process exits (see loop_main) */
	static struct server srv;
	srv.cfg = cfg;
	srv.nloops = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (srv.nloops < 1)
		srv.nloops = 1;
	srv.loops = calloc((size_t)srv.nloops, sizeof(*srv.loops));
	if (!srv.loops || i18n_init() != 0) {
		fprintf(stderr, "danvan: cannot start (memory or translation catalog)\n");
		free(srv.loops);
		return SERVER_ELISTEN;
	}
	layout_stylesheet(); /* computed once, before threads share it */
	for (int i = 0; i < srv.nloops; i++) {
		srv.loops[i].srv = &srv;
		if (listen_on(cfg->listen, cfg->port, i == 0, &srv.loops[i].fd)) {
			release(&srv);
			return SERVER_ELISTEN;
		}
	}
	if (open_databases(&srv)) {
		release(&srv);
		return SERVER_EDB;
	}
	setup_h2o(&srv);

	/* only the main thread takes the stop signals */
	sigset_t stop_signals;
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
	for (int i = 0; i < srv.nloops; i++)
		pthread_create(&srv.loops[i].thread, NULL, loop_main, &srv.loops[i]);
	log_info("danvan serving %s on http://%s:%d/ with %d loop%s", cfg->db_url, cfg->listen,
		 cfg->port, srv.nloops, srv.nloops > 1 ? "s" : "");
	int sig = 0;
	sigwait(&stop_signals, &sig);
	log_info("received %s: finishing requests in flight",
		 sig == SIGTERM ? "SIGTERM" : "SIGINT");
	atomic_store(&srv.stop, 1);
	for (int i = 0; i < srv.nloops; i++) {
		pthread_join(srv.loops[i].thread, NULL);
		srv.loops[i].fd = -1; /* closed with the listener */
	}
	release(&srv);
	log_info("stopped");
	return 0;
}

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

#include "base/i18n.h"
#include "base/log.h"
#include "store/migrate.h"
#include "web/cache.h"
#include "web/layout.h"
#include "web/static.h"
#include "web/metrics.h"
#include "web/server_impl.h"

/* ---------------------------------------------------------- connections */

static void on_close(void *data)
{
	struct conn *c = data;
	c->prev->next = c->next;
	c->next->prev = c->prev;
	c->loop->connections--;
	metrics_connections(-1);
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
		metrics_connections(1);
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
		conn_close_when_idle(c);
}

static void *loop_main(void *arg)
{
	struct loop *l = arg;
	struct server *srv = l->srv;
	l->conns.next = l->conns.prev = &l->conns;
	h2o_context_init(&l->ctx, h2o_evloop_create(), &srv->config);
	h2o_multithread_register_receiver(l->ctx.queue, &l->done, request_on_done);
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
	page_cache_release();
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
	handler->on_req = request_on_req;
	/* gzip what is worth it for clients that ask (Debian's libh2o has no
	 * brotli); level 1: most of the saving for little time on the loop */
	h2o_compress_args_t gzip = {.min_size = 512, .gzip = {.quality = 1}, .brotli = {.quality = -1}};
	h2o_compress_register(path, &gzip);
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
	if (!srv.loops || i18n_init() != 0 || metrics_init(routes_count(), routes_at) != 0) {
		fprintf(stderr, "danvan: cannot start (memory or translation catalog)\n");
		free(srv.loops);
		return SERVER_ELISTEN;
	}
	static_paths_init(); /* every asset's path, computed once before threads share them */
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
	/* on PostgreSQL the workers are the database threads: several per
	 * loop, since each mostly waits on the server */
	srv.db_threads = db_kind(srv.loops[0].db) == DB_POSTGRES;
	if (cfg->db_read_url && !srv.db_threads) {
		fprintf(stderr, "danvan: --db-read needs a PostgreSQL database (--db postgres://...)\n");
		release(&srv);
		return SERVER_EDB;
	}
	request_set_replica(cfg->db_read_url != NULL);
	int nworkers = cfg->workers > 0 ? cfg->workers : srv.nloops * (srv.db_threads ? 4 : 1);
	touches_init(&srv.touches);
	srv.batcher.touches = &srv.touches;
	if (workers_start(&srv.workers, nworkers, cfg->db_url, cfg->db_read_url) ||
	    batcher_start(&srv.batcher, cfg->db_url, cfg->batch_max)) {
		workers_stop(&srv.workers);
		workers_stop(&srv.batcher);
		release(&srv);
		return SERVER_EDB;
	}
	for (int i = 0; i < srv.nloops; i++)
		pthread_create(&srv.loops[i].thread, NULL, loop_main, &srv.loops[i]);
	log_info("danvan serving %s on http://%s:%d/ with %d loop%s", cfg->db_url, cfg->listen,
		 cfg->port, srv.nloops, srv.nloops > 1 ? "s" : "");
	if (srv.db_threads)
		log_info("PostgreSQL: pages and the API run on %d database threads, so no query "
			 "waits on a loop",
			 nworkers);
	if (cfg->db_read_url)
		log_info("public reads that may lag go to the replica (--db-read); writes, and a "
			 "browser's reads in the 10 s after its write, to the primary");
	int sig = 0;
	sigwait(&stop_signals, &sig);
	log_info("received %s: finishing requests in flight",
		 sig == SIGTERM ? "SIGTERM" : "SIGINT");
	atomic_store(&srv.stop, 1);
	for (int i = 0; i < srv.nloops; i++) {
		pthread_join(srv.loops[i].thread, NULL);
		srv.loops[i].fd = -1; /* closed with the listener */
	}
	workers_stop(&srv.workers);
	workers_stop(&srv.batcher); /* writes the last touches */
	touches_release(&srv.touches);
	release(&srv);
	log_info("stopped");
	return 0;
}

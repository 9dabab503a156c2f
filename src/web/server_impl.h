/*
 * Private to the server files: server.c (event loops, listeners, start and
 * stop), request.c (one request from h2o to the response) and workers.c
 * (the pool that runs slow handlers off the loops).
 */
#ifndef DV_WEB_SERVER_IMPL_H
#define DV_WEB_SERVER_IMPL_H

#include <pthread.h>
#include <stdatomic.h>

#include <h2o.h>

#include "domain/identity/touch.h"
#include "web/cache.h"
#include "web/http.h"
#include "web/routes.h"
#include "web/server.h"

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

struct server;

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
	h2o_multithread_receiver_t done; /* slow requests coming back from workers */
};

/* A slow request on its way to a worker and back. */
struct job {
	h2o_multithread_message_t msg; /* first: the loop's receiver gets it back */
	struct req *r;
	const struct route *rt;
	struct loop *loop;
	struct job *next;
	/* database threads (PostgreSQL): the worker also loads the session and
	 * checks the request, and a page the loop caches is stored when back */
	int prepare;
	int cache;
	struct cache_gen gen;
	int attempts; /* batcher: times run again after DV_EBUSY */
};

struct workers {
	pthread_t *threads;
	int n;
	int batch; /* one thread committing the queued jobs together (group commit) */
	int batch_max; /* jobs in one transaction */
	long batches, batched; /* transactions committed, jobs in them (for the log) */
	struct db **dbs;
	struct db **dbs_read; /* --db-read: one replica connection each, or NULL */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *head, *tail;
	int stop;
	/* the batcher writes these with its transactions, or alone when idle */
	struct touches *touches;
};

struct server {
	h2o_globalconf_t config;
	const struct server_config *cfg;
	struct loop *loops;
	int nloops;
	atomic_int stop;
	struct workers workers;
	struct workers batcher; /* ROUTE_BATCH: ballots */
	struct touches touches; /* "last seen" of sessions and tokens, written by the batcher */
	/* PostgreSQL: every route but the committer's runs on the worker pool
	 * (its database threads), so no query waits on a loop */
	int db_threads;
};

/* request.c */
int request_on_req(h2o_handler_t *self, h2o_req_t *h);
void request_on_done(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages);
/* In a worker thread: the route, after the loop's checks when prepare_first. */
void request_run_in_worker(struct req *r, const struct route *rt, int prepare_first);

/*
 * Read replicas (serve --db-read). A request may be answered from the
 * replica when it only reads what anyone may read (GET or HEAD of a route
 * that needs no login) and its browser wrote nothing in the last
 * REPLICA_LAG_SECONDS: every write that succeeds sets the cookie dv_w for
 * that long, so the writer reads its own write from the primary, through
 * any app server.
 */
#define REPLICA_LAG_SECONDS 10
void request_set_replica(int on);
int request_may_lag(struct req *r, const struct route *rt);
/* After a handler: the dv_w cookie on a write that succeeded. */
void request_mark_write(struct req *r);
void conn_close_when_idle(struct conn *c);
void conn_release(struct conn *c);

/* workers.c: n threads, each with its own database connection. */
int workers_start(struct workers *w, int n, const char *db_url, const char *read_url);
void workers_submit(struct workers *w, struct job *job);
/* The group committer: one thread that runs every job queued meanwhile in
 * one transaction (a savepoint each) and answers them all after the one
 * COMMIT, so a burst of ballots costs one fsync, not one per ballot. */
int batcher_start(struct workers *w, const char *db_url, int batch_max);
/* Let the queued jobs finish, then join the threads. */
void workers_stop(struct workers *w);

#endif

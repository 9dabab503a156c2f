/*
 * The HTTP server on h2o's library (libh2o-evloop): one event loop per
 * thread, each with its own h2o context, its own SO_REUSEPORT listening
 * socket and its own database connection. Handlers run on the loop thread.
 */
#ifndef DV_WEB_SERVER_H
#define DV_WEB_SERVER_H

#include <stddef.h>

struct server_config {
	const char *db_url;
	/* --db-read: a streaming replica for reads that may lag (PostgreSQL),
	 * or NULL */
	const char *db_read_url;
	const char *listen; /* address, "127.0.0.1" by default */
	int port;
	int threads;	   /* event loops; 0 = one per core */
	int workers;            /* threads for slow handlers; 0 = as many as loops */
	size_t max_body;   /* request body cap in bytes (413 beyond) */
	int drain_seconds; /* how long SIGTERM waits for requests in flight */
	int batch_max;	   /* ballots committed together at most; 0 = the default */
	/* "https://danvan.example.vn": the site's address in links printed on
	 * paper (invitation slips); NULL to take it from each request's Host */
	const char *public_url;
};

/*
 * Serve until SIGTERM or SIGINT, then stop accepting, let requests in flight
 * finish (at most drain_seconds), close and return 0. If the server cannot
 * start it says why on stderr and returns SERVER_ELISTEN (address or port
 * unusable) or SERVER_EDB (database unreachable or not current).
 */
enum { SERVER_ELISTEN = 1, SERVER_EDB = 2 };
int server_run(const struct server_config *cfg);

#endif

/*
 * Counters for Prometheus (GET /metrics): requests by route and status, a
 * latency histogram, database errors and open connections. Updated from
 * every loop and worker thread with relaxed atomic adds; read as they are.
 */
#ifndef DV_WEB_METRICS_H
#define DV_WEB_METRICS_H

#include <stdint.h>

#include "web/http.h"
#include "web/route.h"

/* Size the request counters for the route table (call once, before the
 * loops start): route_at(i) names route i in /metrics. -1 out of memory. */
int metrics_init(size_t nroutes, const struct route *(*route_at)(size_t i));

/* route_index: the route's place in the table, or -1 for unmatched paths. */
void metrics_request(int route_index, int status, int64_t duration_us);
void metrics_db_error(void);
void metrics_connections(int delta);

/* GET /metrics (loopback only): the text exposition format. */
int page_metrics(struct req *r);
/* GET /healthz: 200 "ok" while the database answers, 503 otherwise. */
int page_healthz(struct req *r);

#endif

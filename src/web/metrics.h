/*
 * Counters for Prometheus (GET /metrics): requests by route and status, a
 * latency histogram, database errors and open connections. Updated from
 * every loop and worker thread with relaxed atomic adds; read as they are.
 */
#ifndef DV_WEB_METRICS_H
#define DV_WEB_METRICS_H

#include <stdint.h>

#include "web/http.h"

/* route_index: the route's place in the table, or -1 for unmatched paths. */
void metrics_request(int route_index, int status, int64_t duration_us);
void metrics_db_error(void);
void metrics_connections(int delta);

/* The text exposition format, appended to r->out. */
int page_metrics(struct req *r);

#endif

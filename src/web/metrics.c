#include "web/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* The statuses danvan answers with; anything else counts as "other". */
static const int statuses[] = {200, 201, 204, 303, 400, 401, 403, 404,
			       405, 409, 410, 413, 429, 500, 503};
#define N_STATUS (sizeof(statuses) / sizeof(statuses[0]) + 1)

/* Upper bounds of the latency buckets, in microseconds. */
static const int64_t buckets_us[] = {250, 500, 1000, 2500, 5000, 10000, 25000,
				     50000, 100000, 250000, 500000, 1000000, 2500000};
#define N_BUCKETS (sizeof(buckets_us) / sizeof(buckets_us[0]))

/* requests[route + 1][status slot]; row 0 counts unmatched paths. Sized
 * from the route table at start (metrics_init), so no route goes uncounted. */
static atomic_uint_fast64_t (*requests)[N_STATUS];
static size_t n_routes;
static const struct route *(*route_at)(size_t i);
static atomic_uint_fast64_t latency[N_BUCKETS + 1];
static atomic_uint_fast64_t latency_sum_us, latency_count;
static atomic_uint_fast64_t db_errors;
static atomic_int_fast64_t open_connections;

static size_t status_slot(int status)
{
	for (size_t i = 0; i < N_STATUS - 1; i++)
		if (statuses[i] == status)
			return i;
	return N_STATUS - 1;
}

int metrics_init(size_t nroutes, const struct route *(*at)(size_t i))
{
	if (requests)
		return 0;
	requests = calloc(nroutes + 1, sizeof(*requests));
	if (!requests)
		return -1;
	n_routes = nroutes;
	route_at = at;
	return 0;
}

void metrics_request(int route_index, int status, int64_t us)
{
	if (!requests)
		return;
	size_t route = route_index >= 0 && (size_t)route_index < n_routes ? (size_t)route_index + 1 : 0;
	atomic_fetch_add_explicit(&requests[route][status_slot(status)], 1, memory_order_relaxed);
	size_t b = 0;
	while (b < N_BUCKETS && us > buckets_us[b])
		b++;
	atomic_fetch_add_explicit(&latency[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&latency_sum_us, (uint_fast64_t)(us > 0 ? us : 0),
				  memory_order_relaxed);
	atomic_fetch_add_explicit(&latency_count, 1, memory_order_relaxed);
}

void metrics_db_error(void)
{
	atomic_fetch_add_explicit(&db_errors, 1, memory_order_relaxed);
}

void metrics_connections(int delta)
{
	atomic_fetch_add_explicit(&open_connections, delta, memory_order_relaxed);
}

static uint64_t get(atomic_uint_fast64_t *v)
{
	return atomic_load_explicit(v, memory_order_relaxed);
}

static void request_counts(struct buf *b)
{
	buf_adds(b, "# HELP danvan_http_requests_total Requests answered, by route and status.\n"
		    "# TYPE danvan_http_requests_total counter\n");
	for (size_t route = 0; requests && route <= n_routes; route++)
		for (size_t s = 0; s < N_STATUS; s++) {
			uint64_t v = get(&requests[route][s]);
			if (!v)
				continue;
			const struct route *rt = route ? route_at(route - 1) : NULL;
			buf_addf(b, "danvan_http_requests_total{method=\"%s\",route=\"%s\",status=\"",
				 rt ? rt->method : "", rt ? rt->pattern : "unmatched");
			if (s < N_STATUS - 1)
				buf_addf(b, "%d", statuses[s]);
			else
				buf_adds(b, "other");
			buf_addf(b, "\"} %llu\n", (unsigned long long)v);
		}
}

static void latency_histogram(struct buf *b)
{
	buf_adds(b, "# HELP danvan_http_request_duration_seconds Time from the request to its "
		    "response.\n# TYPE danvan_http_request_duration_seconds histogram\n");
	uint64_t cumulative = 0;
	for (size_t i = 0; i <= N_BUCKETS; i++) {
		cumulative += get(&latency[i]);
		if (i < N_BUCKETS)
			buf_addf(b, "danvan_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
				 (double)buckets_us[i] / 1e6, (unsigned long long)cumulative);
		else
			buf_addf(b, "danvan_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
				 (unsigned long long)cumulative);
	}
	buf_addf(b, "danvan_http_request_duration_seconds_sum %.6f\n",
		 (double)get(&latency_sum_us) / 1e6);
	buf_addf(b, "danvan_http_request_duration_seconds_count %llu\n",
		 (unsigned long long)get(&latency_count));
}

/* Loopback only: the figures are for the operator, not the public. */
int page_metrics(struct req *r)
{
	if (strcmp(r->ip, "127.0.0.1") != 0 && strcmp(r->ip, "::1") != 0)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	struct buf *b = &r->out;
	r->status = 200;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	res_header(r, "cache-control", "no-store");
	request_counts(b);
	latency_histogram(b);
	buf_addf(b,
		 "# HELP danvan_db_errors_total Requests that failed on a database error.\n"
		 "# TYPE danvan_db_errors_total counter\ndanvan_db_errors_total %llu\n"
		 "# HELP danvan_open_connections Client connections open now.\n"
		 "# TYPE danvan_open_connections gauge\ndanvan_open_connections %lld\n",
		 (unsigned long long)get(&db_errors),
		 (long long)atomic_load_explicit(&open_connections, memory_order_relaxed));
	return 0;
}

/* GET /healthz: 200 "ok" while the database answers, 503 otherwise. */
int page_healthz(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	res_header(r, "Cache-Control", "no-store");
	if (db_ping(r->ctx.db, &r->ctx.err)) {
		r->status = 503;
		buf_adds(&r->out, "database unavailable\n");
		return 0;
	}
	r->status = 200;
	buf_adds(&r->out, "ok\n");
	return 0;
}

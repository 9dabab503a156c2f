/*
 * The worker pool: slow handlers (password hashing, PDFs, imports) run here
 * so that one slow request never stalls a loop. A job carries the request;
 * the worker runs the route on its own database connection and hands the
 * job back to the request's loop through h2o's multithread queue, where the
 * response is sent (request.c).
 *
 * The batcher is the same queue with one thread in batch mode (group
 * commit): it takes every job queued meanwhile, runs each in a savepoint of
 * one transaction, commits once, and only then hands the responses back. A
 * change that fails is rolled back to its savepoint alone; if the COMMIT
 * fails, every response of the batch becomes a 503, so no client is told a
 * ballot was recorded that is not on disk.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/log.h"
#include "store/audit.h"
#include "web/api.h"
#include "web/layout.h"
#include "web/server_impl.h"

struct worker_arg {
	struct workers *w;
	int index;
};


static void hand_back(struct job *job)
{
	h2o_multithread_send_message(&job->loop->done, &job->msg);
}

static void refuse_all(struct job *jobs)
{
	for (struct job *j = jobs; j; j = j->next) {
		struct req *r = j->r;
		buf_reset(&r->out);
		r->nheaders = 0;
		if (routes_refuse(r, 503, T(r, "The server could not record this. Please try again.")))
			continue;
		if (j->rt->kind == ROUTE_JSON)
			api_error_status(r, 503, "unavailable",
					 T(r, "The server could not record this. Please try again."));
		else
			layout_error_status(r, 503,
					    T(r, "The server could not record this. Please try "
						 "again."));
	}
}

/* The queued touches in a savepoint of the open transaction: if they fail,
 * they are lost (a later "last seen"), never the batch. */
static int write_touches(struct workers *w, struct db *db, struct dv_err *err)
{
	if (!w->touches || !touches_pending(w->touches))
		return 0;
	struct arena arena;
	struct dv_ctx ctx;
	arena_init(&arena);
	ctx_init(&ctx, db, &arena, &actor_system);
	int rc = db_savepoint(db, err);
	if (!rc) {
		if (touches_write(&ctx, w->touches) || db_tx_failed(db)) {
			log_error("last seen: %s", ctx.err.msg);
			rc = db_savepoint_rollback(db, err);
		} else {
			rc = db_savepoint_release(db, err);
		}
	}
	arena_release(&arena);
	return rc;
}

/* A change that found its commune held by another writer (DV_EBUSY, on
 * PostgreSQL with several servers) is run again in a later batch, at most
 * this many times; then its "try again" answer goes back to the client. */
#define BATCH_RETRIES 3

static int busy_again(struct job *j)
{
	struct req *r = j->r;
	if (r->ctx.err.code != DV_EBUSY || j->attempts >= BATCH_RETRIES)
		return 0;
	j->attempts++;
	buf_reset(&r->out);
	r->nheaders = 0;
	r->status = 0;
	dv_err_clear(&r->ctx.err);
	return 1;
}

/*
 * One transaction for the jobs of the list, a savepoint each, and the
 * touches queued meanwhile. On PostgreSQL it begins shared: each change takes
 * its commune's lock, so the batches of several servers run side by side;
 * *retry gets the jobs to run again.
 */
static void run_batch(struct workers *w, struct db *db, struct job *jobs, struct job **retry)
{
	struct dv_err err = {0};
	struct job **link = &jobs, **rtail = retry;
	int rc = db_begin_shared(db, &err), marked = 0;
	while (!rc && *link) {
		struct job *j = *link;
		j->r->ctx.db = db;
		if (!marked && (rc = db_savepoint(db, &err)))
			break;
		routes_run(j->r, j->rt);
		int again = busy_again(j);
		int keep = !again && !db_tx_failed(db) && j->r->status < 400;
		if (j->next) /* the next change starts where this one ended */
			rc = db_savepoint_renew(db, keep, &err);
		else
			rc = keep ? db_savepoint_release(db, &err) : db_savepoint_rollback(db, &err);
		marked = j->next != NULL;
		if (again) {
			*link = j->next;
			j->next = NULL;
			*rtail = j;
			rtail = &j->next;
		} else {
			link = &j->next;
		}
	}
	if (!rc)
		rc = write_touches(w, db, &err);
	if (!rc)
		rc = db_commit(db, &err);
	else if (db_in_tx(db))
		db_rollback(db);
	if (rc) {
		log_error("group commit: %s", err.msg);
		refuse_all(jobs);
	}
	for (struct job *j = jobs, *next; j; j = next) {
		next = j->next; /* the loop owns the job once it has it */
		hand_back(j);
	}
}

/* The jobs to run again go first in the queue. */
static void requeue(struct workers *w, struct job *retry)
{
	if (!retry)
		return;
	struct job *last = retry;
	while (last->next)
		last = last->next;
	pthread_mutex_lock(&w->mu);
	last->next = w->head;
	w->head = retry;
	if (!w->tail)
		w->tail = last;
	pthread_mutex_unlock(&w->mu);
}

/* Before the batch that runs them again: 1, 2, then 4 ms after their
 * first, second and third refusal, time for the other server's batch that
 * holds their commune to commit (changes queued meanwhile join the batch). */
static void back_off(const struct job *retry)
{
	int most = 0;
	for (const struct job *j = retry; j; j = j->next)
		if (j->attempts > most)
			most = j->attempts;
	if (!most)
		return;
	struct timespec t = {0, 1000000L << (most - 1)};
	nanosleep(&t, NULL);
}

/* Every minute the batcher records the heads of the commune chains that
 * moved in the deployment's chain (store/audit.h). */
#define ANCHOR_SECONDS 60

static void anchor_if_due(struct db *db, time_t *last)
{
	time_t now = time(NULL);
	if (now - *last < ANCHOR_SECONDS)
		return;
	*last = now;
	struct dv_err err = {0};
	if (audit_anchor(db, time_now(), NULL, &err))
		log_error("audit anchor: %s", err.msg);
}

/* Wait for a job or a stop, at most a second (with the lock held); 1 when
 * the second passed. */
static int wait_a_second(struct workers *w)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 1;
	return pthread_cond_timedwait(&w->cv, &w->mu, &until) == ETIMEDOUT;
}

/* Detach up to batch_max jobs from the queue (called with the lock held). */
static struct job *take_batch(struct workers *w)
{
	struct job *first = w->head, *last = first;
	for (int n = 1; last && last->next && n < w->batch_max; n++)
		last = last->next;
	if (!first)
		return NULL;
	w->head = last->next;
	if (!w->head)
		w->tail = NULL;
	last->next = NULL;
	return first;
}

static void *worker_main(void *arg)
{
	struct worker_arg *a = arg;
	struct workers *w = a->w;
	struct db *db = w->dbs[a->index];
	int a_index = a->index;
	free(a);
	struct job *retry = NULL;
	time_t last_anchor = time(NULL);
	while (w->batch) {
		pthread_mutex_lock(&w->mu);
		int idle = 0;
		while (!w->head && !w->stop && !idle)
			idle = wait_a_second(w);
		struct job *jobs = take_batch(w);
		int stop = w->stop;
		pthread_mutex_unlock(&w->mu);
		anchor_if_due(db, &last_anchor);
		if (!jobs && w->touches && touches_pending(w->touches))
			run_batch(w, db, NULL, &retry); /* the touches alone */
		if (!jobs && !stop)
			continue;
		if (!jobs) {
			if (w->batches)
				log_info("group commit: %ld changes in %ld transactions", w->batched,
					 w->batches);
			return NULL;
		}
		for (struct job *j = jobs; j; j = j->next)
			w->batched++;
		w->batches++;
		retry = NULL;
		run_batch(w, db, jobs, &retry);
		back_off(retry);
		requeue(w, retry);
	}
	for (;;) {
		pthread_mutex_lock(&w->mu);
		while (!w->head && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		struct job *job = w->head;
		if (job) {
			w->head = job->next;
			if (!w->head)
				w->tail = NULL;
		}
		pthread_mutex_unlock(&w->mu);
		if (!job)
			return NULL; /* stopping and nothing left */
		job->r->ctx.db = db;
		if (w->dbs_read && request_may_lag(job->r, job->rt)) {
			job->r->ctx.db = w->dbs_read[a_index];
			job->r->ctx.primary = db; /* ctx_begin goes back to it */
		}
		request_run_in_worker(job->r, job->rt, job->prepare);
		/* from here on the job belongs to the loop again */
		hand_back(job);
	}
}

int workers_start(struct workers *w, int n, const char *db_url, const char *read_url)
{
	struct dv_err err = {0};
	w->n = n;
	w->threads = calloc((size_t)n, sizeof(*w->threads));
	w->dbs = calloc((size_t)n, sizeof(*w->dbs));
	if (!w->threads || !w->dbs)
		return -1;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (read_url && !(w->dbs_read = calloc((size_t)n, sizeof(*w->dbs_read))))
		return -1;
	for (int i = 0; i < n; i++)
		if (db_open(db_url, &w->dbs[i], &err) ||
		    (read_url && db_open(read_url, &w->dbs_read[i], &err))) {
			fprintf(stderr, "danvan: %s\n", err.msg);
			return -1;
		}
	for (int i = 0; i < n; i++) {
		struct worker_arg *a = malloc(sizeof(*a));
		if (!a)
			return -1;
		a->w = w;
		a->index = i;
		pthread_create(&w->threads[i], NULL, worker_main, a);
	}
	return 0;
}

int batcher_start(struct workers *w, const char *db_url, int batch_max)
{
	w->batch = 1;
	w->batch_max = batch_max > 0 ? batch_max : 1024;
	return workers_start(w, 1, db_url, NULL);
}

void workers_submit(struct workers *w, struct job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&w->mu);
	if (w->tail)
		w->tail->next = job;
	else
		w->head = job;
	w->tail = job;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void workers_stop(struct workers *w)
{
	if (!w->threads)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	for (int i = 0; i < w->n; i++)
		if (w->threads[i])
			pthread_join(w->threads[i], NULL);
	for (int i = 0; i < w->n; i++) {
		db_close(w->dbs[i]);
		if (w->dbs_read)
			db_close(w->dbs_read[i]);
	}
	free(w->threads);
	free(w->dbs);
	free(w->dbs_read);
	w->dbs_read = NULL;
	w->threads = NULL;
}

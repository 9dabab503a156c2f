/*
 * The worker pool: slow handlers (password hashing, PDFs, imports) run here
 * so that one slow request never stalls a loop. A job carries the request;
 * the worker runs the route on its own database connection and hands the
 * job back to the request's loop through h2o's multithread queue, where the
 * response is sent (request.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/log.h"
#include "web/server_impl.h"

struct worker_arg {
	struct workers *w;
	int index;
};

static void *worker_main(void *arg)
{
	struct worker_arg *a = arg;
	struct workers *w = a->w;
	struct db *db = w->dbs[a->index];
	free(a);
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
		routes_run(job->r, job->rt);
		/* from here on the job belongs to the loop again */
		h2o_multithread_send_message(&job->loop->done, &job->msg);
	}
}

int workers_start(struct workers *w, int n, const char *db_url)
{
	struct dv_err err = {0};
	w->n = n;
	w->threads = calloc((size_t)n, sizeof(*w->threads));
	w->dbs = calloc((size_t)n, sizeof(*w->dbs));
	if (!w->threads || !w->dbs)
		return -1;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	for (int i = 0; i < n; i++)
		if (db_open(db_url, &w->dbs[i], &err)) {
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
	for (int i = 0; i < w->n; i++)
		db_close(w->dbs[i]);
	free(w->threads);
	free(w->dbs);
	w->threads = NULL;
}

#include "domain/identity/touch.h"

#include <stdlib.h>
#include <string.h>

void touches_init(struct touches *t)
{
	memset(t, 0, sizeof(*t));
	pthread_mutex_init(&t->mu, NULL);
}

void touches_release(struct touches *t)
{
	free(t->v);
	pthread_mutex_destroy(&t->mu);
	memset(t, 0, sizeof(*t));
}

int touches_pending(struct touches *t)
{
	pthread_mutex_lock(&t->mu);
	int n = t->n > 0;
	pthread_mutex_unlock(&t->mu);
	return n;
}

const struct touch_kind touch_session = {
	"UPDATE session SET last_seen_at = $1, expires_at = $3 WHERE id = $2", 1};
const struct touch_kind touch_api_token = {"UPDATE api_token SET last_used_at = $1 WHERE id = $2",
					   0};

/* A "last seen" is on no page: the page caches do not count it. */
static int write_one(struct dv_ctx *ctx, const struct touch *x)
{
	const char *sql = x->kind->sql;
	int was = db_quiet(ctx->db, 1), rc;
	if (x->kind->expires)
		rc = db_run(ctx->db, &ctx->err, sql, DB_I(x->at), DB_I(x->id), DB_I(x->expires_at));
	else
		rc = db_run(ctx->db, &ctx->err, sql, DB_I(x->at), DB_I(x->id));
	db_quiet(ctx->db, was);
	return rc;
}

/* Queue x; 0 when there is no room (the caller writes it). */
static int queue(struct touches *t, const struct touch *x)
{
	int queued = 0;
	pthread_mutex_lock(&t->mu);
	if (t->n == t->cap && t->cap < TOUCHES_MAX) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct touch *v = realloc(t->v, cap * sizeof(*v));
		if (v) {
			t->v = v;
			t->cap = cap;
		}
	}
	if (t->n < t->cap) {
		t->v[t->n++] = *x;
		queued = 1;
	}
	pthread_mutex_unlock(&t->mu);
	return queued;
}

int touch(struct dv_ctx *ctx, const struct touch_kind *kind, int64_t id, int64_t expires_at)
{
	struct touch x = {kind, id, ctx->now, expires_at};
	if (ctx->touches && queue(ctx->touches, &x))
		return 0;
	return write_one(ctx, &x);
}

int touches_write(struct dv_ctx *ctx, struct touches *t)
{
	pthread_mutex_lock(&t->mu);
	struct touch *v = t->v;
	size_t n = t->n;
	t->v = NULL;
	t->n = t->cap = 0;
	pthread_mutex_unlock(&t->mu);
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++)
		rc = write_one(ctx, &v[i]);
	free(v);
	return rc;
}

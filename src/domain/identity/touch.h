/*
 * Touches: the "last seen" of a session, the "last used" of an API token or
 * an Open311 key, written by requests that otherwise only read.
 *
 * Written at once, each is a transaction of its own, and on SQLite with
 * synchronous=FULL a flush to disk on the event loop: 20,000 residents
 * voting with fresh tokens made 20,000 flushes besides the ballots' group
 * commits. A server therefore defers them (ctx->touches): the request queues
 * the touch in memory and the group committer writes the queue inside its
 * next transaction (web/workers.c), or within a second when nothing else is
 * written. A touch lost in a crash costs nothing but a later "last seen";
 * the sliding expiry it carries was at most a second ahead of the database.
 */
#ifndef DV_DOMAIN_IDENTITY_TOUCH_H
#define DV_DOMAIN_IDENTITY_TOUCH_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"

/* What a touch writes: a statement of the family that owns the table, with
 * $1 the time and $2 the row's id, and $3 the new expiry if it has one.
 * A kind is a static object; the queue keeps its address. */
struct touch_kind {
	const char *sql;
	int expires; /* the statement takes $3 */
};

extern const struct touch_kind touch_session;	/* last_seen_at, sliding expires_at */
extern const struct touch_kind touch_api_token; /* last_used_at */

struct touch {
	const struct touch_kind *kind;
	int64_t id, at, expires_at;
};

/* Queued touches; at most TOUCHES_MAX, past which a touch is written at once. */
#define TOUCHES_MAX 65536

struct touches {
	pthread_mutex_t mu;
	struct touch *v;
	size_t n, cap;
};

void touches_init(struct touches *t);
void touches_release(struct touches *t);
/* Whether any touch waits. */
int touches_pending(struct touches *t);

/*
 * Record a touch: queued when ctx->touches is set and has room, else
 * written now in ctx's connection. expires_at is used by kinds that expire.
 */
int touch(struct dv_ctx *ctx, const struct touch_kind *kind, int64_t id, int64_t expires_at);

/* Write every queued touch in ctx's connection (in the caller's transaction
 * if one is open) and empty the queue, even when a write fails. */
int touches_write(struct dv_ctx *ctx, struct touches *t);

#endif

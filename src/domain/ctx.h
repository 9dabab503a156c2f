/*
 * The context every domain function takes: the connection, the memory that
 * lives as long as the request (or command), who is acting, the language,
 * the clock, and the error slot.
 *
 * Domain functions return 0 or a negative DV_E* code with ctx->err filled.
 * They check the actor's permission on the unit they touch themselves (the
 * web layer checks first too), and every change they make runs in one
 * transaction together with its audit row.
 */
#ifndef DV_DOMAIN_CTX_H
#define DV_DOMAIN_CTX_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/db.h"

struct grant {
	int64_t id;
	int role; /* enum role (domain/perm.h) */
	int64_t unit_id;
	int64_t organization_id;
};

struct actor {
	int64_t account_id;   /* 0 for the system */
	int64_t household_id; /* the account's household, 0 if none */
	const char *display_name;
	int system; /* the CLI and the demo generator: may do anything */
	/* A deployment administrator: a city administrator's rights on every
	 * unit and at the top of the tree (domain/perm.c). */
	int deployment_admin;
	size_t ngrants;
	struct grant *grants;
};

struct touches; /* domain/identity/touch.h */

struct dv_ctx {
	struct db *db;
	struct arena *arena;
	const struct actor *actor;
	const char *lang; /* "vi" or "en" */
	int64_t now;	  /* UTC epoch seconds, fixed for the request */
	/* Bulk loads (demo, import) set this, skip per-row count updates and
	 * call unit_recount() once at the end. */
	int defer_counts;
	/* A server's queue of "last seen" writes, written with its next group
	 * commit; NULL writes them at once (domain/identity/touch.h). */
	struct touches *touches;
	/* When db is a read replica (danvan serve --db-read): the primary, which
	 * ctx_begin and ctx_begin_in switch db to for the rest of the request;
	 * else NULL. */
	struct db *primary;
	struct dv_err err;
};

/* The language of what danvan writes into the records people read later (a
 * meeting's invitation notice, minutes): the deployment's, Vietnamese,
 * whatever the language of the session that made them. Pages and messages
 * use ctx->lang. */
#define DV_CONTENT_LANG "vi"

/* The actor used by the CLI: acts as the system, may do anything. */
extern const struct actor actor_system;
/* Nobody logged in. */
extern const struct actor actor_anonymous;

/* Set up a context over db and arena with the given actor and now = the clock. */
void ctx_init(struct dv_ctx *ctx, struct db *db, struct arena *arena, const struct actor *actor);

/* Set the language of the user: interface text and error messages. */
void ctx_set_lang(struct dv_ctx *ctx, const char *lang);

/* Begin a transaction for a change; on failure the error is in ctx->err. */
int ctx_begin(struct dv_ctx *ctx);
/*
 * Begin a transaction whose changes all belong to the commune of unit_id
 * (its ward or commune; store/db.h): on PostgreSQL it waits only for writers
 * of the same commune, and its audit rows go to that commune's chain. Use it
 * where every row the transaction reads to decide and every row it writes is
 * the commune's own (a ballot, a contribution, a report); ctx_begin for the
 * rest. DV_EBUSY (try again) if it is nested in a transaction that holds
 * another commune, which a writer holds.
 */
int ctx_begin_in(struct dv_ctx *ctx, int64_t unit_id);
/* The commune-level unit (ward or commune) of unit_id, or 0 if it is above
 * them or unknown. */
int ctx_commune_of(struct dv_ctx *ctx, int64_t unit_id, int64_t *commune);
/* Commit if rc is 0, else roll back; returns rc, or the commit's error. */
int ctx_end(struct dv_ctx *ctx, int rc);

/*
 * Append an audit row for a change made in the current transaction, acted by
 * ctx->actor at ctx->now. details is a JSON object built with jansson
 * (json_pack) or NULL for {}; ctx_audit takes the reference.
 */
int ctx_audit(struct dv_ctx *ctx, const char *action, const char *entity, int64_t entity_id,
	      int64_t unit_id, json_t *details);

#endif

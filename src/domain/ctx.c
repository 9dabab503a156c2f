#include "domain/ctx.h"

#include <stdlib.h>

#include "base/date.h"
#include "store/audit.h"

const struct actor actor_system = {.display_name = "system", .system = 1};
const struct actor actor_anonymous = {.display_name = "anonymous"};

void ctx_init(struct dv_ctx *ctx, struct db *db, struct arena *arena, const struct actor *actor)
{
	ctx->db = db;
	ctx->arena = arena;
	ctx->actor = actor ? actor : &actor_anonymous;
	ctx->now = time_now();
	ctx->defer_counts = 0;
	ctx->touches = NULL;
	ctx->primary = NULL;
	dv_err_clear(&ctx->err);
	ctx_set_lang(ctx, "vi");
}

void ctx_set_lang(struct dv_ctx *ctx, const char *lang)
{
	ctx->lang = lang;
	ctx->err.lang = lang;
}

/* A write never goes to a read replica: from here on the request works on
 * the primary, so it also reads what it wrote. */
static void on_primary(struct dv_ctx *ctx)
{
	if (ctx->primary) {
		ctx->db = ctx->primary;
		ctx->primary = NULL;
	}
}

int ctx_begin(struct dv_ctx *ctx)
{
	on_primary(ctx);
	return db_begin(ctx->db, &ctx->err);
}

int ctx_commune_of(struct dv_ctx *ctx, int64_t unit_id, int64_t *commune)
{
	if (db_commune_cached(ctx->db, unit_id, commune))
		return 0;
	int rc = db_int(ctx->db, commune, &ctx->err,
			"SELECT t.ancestor FROM unit_tree t JOIN unit c ON c.id = t.ancestor "
			"WHERE t.descendant = $1 AND c.kind IN ('ward', 'commune') "
			"ORDER BY t.depth LIMIT 1",
			DB_I(unit_id));
	if (rc == DV_ENOTFOUND) {
		*commune = 0;
		rc = 0;
	}
	if (!rc)
		db_commune_remember(ctx->db, unit_id, *commune);
	return rc;
}

/*
 * The commune is read while the shared lock is held: a reorganization of
 * units begins exclusively, so none can move unit_id meanwhile. A unit above
 * the communes (a city's plan) has no commune: the transaction is then begun
 * again exclusively, waiting while holding nothing.
 */
int ctx_begin_in(struct dv_ctx *ctx, int64_t unit_id)
{
	on_primary(ctx);
	struct db *db = ctx->db;
	int64_t commune = 0;
	int rc;
	if (db_in_tx(db)) {
		if ((rc = ctx_commune_of(ctx, unit_id, &commune)))
			return rc;
		if (!commune)
			return db_begin(db, &ctx->err);
		if ((rc = db_begin_shared(db, &ctx->err)))
			return rc;
	} else {
		if ((rc = db_begin_shared(db, &ctx->err)))
			return rc;
		if ((rc = ctx_commune_of(ctx, unit_id, &commune)) || !commune) {
			db_rollback(db);
			return rc ? rc : db_begin(db, &ctx->err);
		}
	}
	if ((rc = db_lock_commune(db, commune, &ctx->err)))
		db_rollback(db);
	return rc;
}

int ctx_end(struct dv_ctx *ctx, int rc)
{
	if (rc) {
		db_rollback(ctx->db);
		return rc;
	}
	return db_commit(ctx->db, &ctx->err);
}

int ctx_audit(struct dv_ctx *ctx, const char *action, const char *entity, int64_t entity_id,
	      int64_t unit_id, json_t *details)
{
	char *text = NULL;
	if (details) {
		text = json_dumps(details, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(details);
		if (!text)
			return dv_fail(&ctx->err, DV_ENOMEM, NULL, "cannot encode audit details");
	}
	struct audit_entry e = {
		.at = ctx->now,
		.actor_id = ctx->actor->account_id,
		.action = action,
		.entity = entity,
		.entity_id = entity_id,
		.unit_id = unit_id,
		.details = text ? text : "{}",
	};
	int rc = audit_append(ctx->db, &e, NULL, &ctx->err);
	free(text);
	return rc;
}

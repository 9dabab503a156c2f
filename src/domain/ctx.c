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
	dv_err_clear(&ctx->err);
	ctx_set_lang(ctx, "vi");
}

void ctx_set_lang(struct dv_ctx *ctx, const char *lang)
{
	ctx->lang = lang;
	ctx->err.lang = lang;
}

int ctx_begin(struct dv_ctx *ctx)
{
	return db_begin(ctx->db, &ctx->err);
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

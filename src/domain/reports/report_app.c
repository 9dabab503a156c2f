/*
 * Open311 apps and their keys.
 */
#include "domain/reports/report_app.h"

#include <string.h>

#include "base/text.h"
#include "domain/identity/touch.h"
#include "domain/perm.h"

/* A key's "last used", queued like a session's "last seen". */
static const struct touch_kind report_app_touch = {
	"UPDATE report_app SET last_used_at = $1 WHERE id = $2", 0};

static int require_configure(struct dv_ctx *ctx)
{
	return perm_may_somewhere(ctx, ACT_CONFIGURE)
		       ? 0
		       : dv_fail(&ctx->err, DV_EPERM, NULL,
				 "Only a city administrator issues keys to apps");
}

static int create_tx(struct dv_ctx *ctx, const char *name, const char *hash, int64_t *id)
{
	int rc = db_int(
		ctx->db, id, &ctx->err,
		"INSERT INTO report_app (name, key_hash, created_by, created_at) VALUES ($1, "
		"$2, $3, $4) RETURNING id",
		DB_T(name), DB_T(hash), DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "report_app.create", "report_app", *id, 0,
			       json_pack("{s:s}", "name", name));
	return rc;
}

int report_app_create(struct dv_ctx *ctx, const char *name_in, char key[TOKEN_TEXT_MAX + 1],
		      int64_t *id_out)
{
	const char *name;
	char hash[HASH_HEX_LEN + 1];
	int64_t id = 0;
	int rc = require_configure(ctx);
	if (!rc)
		rc = text_clean(ctx->arena, name_in, name_in ? strlen(name_in) : 0,
				REPORT_APP_NAME_MAX, TEXT_REQUIRED, "name", &name, &ctx->err);
	if (rc)
		return rc;
	token_random(key, TOKEN_BYTES);
	hash_hex(hash, key, strlen(key));
	if ((rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, name, hash, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int report_app_list(struct dv_ctx *ctx, struct report_app **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = require_configure(ctx);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT id, name, created_at, COALESCE(last_used_at, 0), "
				 "COALESCE(revoked_at, 0) FROM report_app WHERE 1 = $1 ORDER BY id "
				 "DESC",
				 DB_I(1))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct report_app *a = ARENA_PUSH(ctx->arena, *out, *n, cap);
		a->id = db_col_int(st, 0);
		a->name = arena_strdup(ctx->arena, db_col_text(st, 1));
		a->created_at = db_col_int(st, 2);
		a->last_used_at = db_col_int(st, 3);
		a->revoked_at = db_col_int(st, 4);
	}
	return rc < 0 ? rc : 0;
}

static int revoke_tx(struct dv_ctx *ctx, int64_t id)
{
	int rc =
		db_run(ctx->db, &ctx->err,
		       "UPDATE report_app SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
		       DB_I(ctx->now), DB_I(id));
	if (!rc && db_changes(ctx->db) == 0)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such key");
	return rc ? rc : ctx_audit(ctx, "report_app.revoke", "report_app", id, 0, NULL);
}

int report_app_revoke(struct dv_ctx *ctx, int64_t id)
{
	int rc = require_configure(ctx);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, revoke_tx(ctx, id));
}

int report_app_check(struct dv_ctx *ctx, const char *key, int64_t *id)
{
	char hash[HASH_HEX_LEN + 1];
	int64_t last = 0;
	struct db_stmt *st = NULL;
	if (!key || !*key || strlen(key) > TOKEN_TEXT_MAX)
		return dv_fail(&ctx->err, DV_ENOTFOUND, "api_key", "No such key");
	hash_hex(hash, key, strlen(key));
	int rc =
		db_query(ctx->db, &st, &ctx->err,
			 "SELECT id, COALESCE(last_used_at, 0) FROM report_app WHERE key_hash = $1 "
			 "AND revoked_at IS NULL",
			 DB_T(hash));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, "api_key", "No such key");
	*id = db_col_int(st, 0);
	last = db_col_int(st, 1);
	db_finish(st);
	/* written at most every five minutes, as API tokens are */
	if (ctx->now - last < 300)
		return 0;
	return touch(ctx, &report_app_touch, *id, 0);
}

#include "domain/identity/session.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/text.h"
#include "domain/identity/account.h"
#include "domain/identity/touch.h"

static void hash_token(char out[HASH_HEX_LEN + 1], const char *token)
{
	hash_hex(out, token, strlen(token));
}

static int64_t lifetime(const char *kind, int remember)
{
	if (strcmp(kind, "api") == 0)
		return SESSION_API;
	return remember ? SESSION_REMEMBER : SESSION_IDLE;
}

/* ---------------------------------------------------------------- sessions */

static int create_tx(struct dv_ctx *ctx, int64_t account_id, const char *kind, int remember,
		     const char *ip, const char *ua, const char *hash, struct session *s)
{
	int rc = db_int(ctx->db, &s->id, &ctx->err,
			"INSERT INTO session (token_hash, account_id, kind, csrf, remember, created_at, "
			"last_seen_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $6, "
			"$7, $8, $9) RETURNING id",
			DB_T(hash), DB_I(account_id), DB_T(kind), DB_T(s->csrf), DB_I(remember),
			DB_I(ctx->now), DB_I(s->expires_at), DB_T(ip), DB_T(ua));
	if (!rc)
		rc = ctx_audit(ctx, "session.create", "account", account_id, 0,
			       json_pack("{s:s, s:b, s:s?}", "kind", kind, "remember", remember,
					 "ip", ip));
	return rc;
}

int session_create(struct dv_ctx *ctx, int64_t account_id, const char *kind, int remember,
		   const char *ip, const char *user_agent, char token[TOKEN_TEXT_MAX + 1],
		   struct session *s)
{
	char hash[HASH_HEX_LEN + 1], csrf[TOKEN_TEXT_MAX + 1];
	const char *ua = NULL;
	if (user_agent && text_clean(ctx->arena, user_agent, strlen(user_agent), 200, 0,
				     "user_agent", &ua, &ctx->err))
		ua = NULL; /* a strange User-Agent is not worth refusing a login */
	token_random(token, TOKEN_BYTES);
	token_random(csrf, TOKEN_BYTES);
	hash_token(hash, token);
	memset(s, 0, sizeof(*s));
	s->account_id = account_id;
	s->kind = strcmp(kind, "api") == 0 ? "api" : "web";
	s->csrf = arena_strdup(ctx->arena, csrf);
	s->remember = remember != 0;
	s->expires_at = ctx->now + lifetime(s->kind, s->remember);
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, create_tx(ctx, account_id, s->kind, s->remember, ip, ua, hash, s));
}

int session_find(struct dv_ctx *ctx, const char *token, struct session *s)
{
	char hash[HASH_HEX_LEN + 1];
	if (!token || strlen(token) > TOKEN_TEXT_MAX)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such session");
	hash_token(hash, token);
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT s.id, s.account_id, s.kind, s.csrf, s.remember, s.expires_at, "
			  "s.last_seen_at FROM session s JOIN account a ON a.id = s.account_id "
			  "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND a.status = 'active'",
			  DB_T(hash));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such session");
	s->id = db_col_int(st, 0);
	s->account_id = db_col_int(st, 1);
	s->kind = arena_strdup(ctx->arena, db_col_text(st, 2));
	s->csrf = arena_strdup(ctx->arena, db_col_text(st, 3));
	s->remember = (int)db_col_int(st, 4);
	s->expires_at = db_col_int(st, 5);
	int64_t last_seen = db_col_int(st, 6);
	db_finish(st);
	if (s->expires_at <= ctx->now)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "This session has expired");
	if (ctx->now - last_seen < SESSION_TOUCH_EVERY)
		return 0;
	/* sliding expiry for web sessions without "remember me" */
	if (strcmp(s->kind, "web") == 0 && !s->remember)
		s->expires_at = ctx->now + SESSION_IDLE;
	return touch(ctx, &touch_session, s->id, s->expires_at);
}

int session_end(struct dv_ctx *ctx, const char *token)
{
	char hash[HASH_HEX_LEN + 1];
	if (!token)
		return 0;
	hash_token(hash, token);
	return db_run(ctx->db, &ctx->err,
		      "UPDATE session SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
		      DB_I(ctx->now), DB_T(hash));
}

int session_end_others(struct dv_ctx *ctx, int64_t account_id, int64_t keep_id)
{
	return db_run(ctx->db, &ctx->err,
		      "UPDATE session SET revoked_at = $1 WHERE account_id = $2 AND id <> $3 "
		      "AND revoked_at IS NULL",
		      DB_I(ctx->now), DB_I(account_id), DB_I(keep_id));
}

/* -------------------------------------------------------------- API tokens */

static int token_create_tx(struct dv_ctx *ctx, const char *name, const char *hash, int64_t *id)
{
	int rc = db_int(ctx->db, id, &ctx->err,
			"INSERT INTO api_token (account_id, name, token_hash, created_at) "
			"VALUES ($1, $2, $3, $4) RETURNING id",
			DB_I(ctx->actor->account_id), DB_T(name), DB_T(hash), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "api_token.create", "account", ctx->actor->account_id, 0,
			       json_pack("{s:s, s:I}", "name", name, "token", (json_int_t)*id));
	return rc;
}

int api_token_create(struct dv_ctx *ctx, const char *name_in, char token[TOKEN_TEXT_MAX + 1],
		     int64_t *id)
{
	const char *name;
	char hash[HASH_HEX_LEN + 1];
	if (!ctx->actor->account_id)
		return dv_fail(&ctx->err, DV_EPERM, NULL, "Log in first");
	int rc = text_clean(ctx->arena, name_in, name_in ? strlen(name_in) : 0, API_TOKEN_NAME_MAX,
			    TEXT_REQUIRED, "name", &name, &ctx->err);
	if (rc)
		return rc;
	token_random(token, TOKEN_BYTES);
	hash_token(hash, token);
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, token_create_tx(ctx, name, hash, id));
}

int api_token_list(struct dv_ctx *ctx, struct api_token **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t len = 0, cap = 0;
	struct api_token *v = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, name, created_at, last_used_at FROM api_token "
			  "WHERE account_id = $1 AND revoked_at IS NULL ORDER BY id DESC",
			  DB_I(ctx->actor->account_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct api_token *t = ARENA_PUSH(ctx->arena, v, len, cap);
		t->id = db_col_int(st, 0);
		t->name = arena_strdup(ctx->arena, db_col_text(st, 1));
		t->created_at = db_col_int(st, 2);
		t->last_used_at = db_col_int(st, 3);
	}
	*out = v;
	*n = len;
	return rc < 0 ? rc : 0;
}

static int revoke_tx(struct dv_ctx *ctx, int64_t id)
{
	int rc = db_run(ctx->db, &ctx->err,
			"UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND account_id = $3 "
			"AND revoked_at IS NULL",
			DB_I(ctx->now), DB_I(id), DB_I(ctx->actor->account_id));
	if (!rc && db_changes(ctx->db) == 0)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such token");
	if (!rc)
		rc = ctx_audit(ctx, "api_token.revoke", "account", ctx->actor->account_id, 0,
			       json_pack("{s:I}", "token", (json_int_t)id));
	return rc;
}

int api_token_revoke(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, revoke_tx(ctx, id));
}

int api_token_account(struct dv_ctx *ctx, const char *token, int64_t *account_id)
{
	char hash[HASH_HEX_LEN + 1];
	int64_t id = 0, last = 0;
	if (!token || strlen(token) > TOKEN_TEXT_MAX)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such token");
	hash_token(hash, token);
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT t.id, t.account_id, COALESCE(t.last_used_at, 0) FROM api_token t "
			  "JOIN account a ON a.id = t.account_id WHERE t.token_hash = $1 "
			  "AND t.revoked_at IS NULL AND a.status = 'active'",
			  DB_T(hash));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such token");
	id = db_col_int(st, 0);
	*account_id = db_col_int(st, 1);
	last = db_col_int(st, 2);
	db_finish(st);
	if (ctx->now - last < SESSION_TOUCH_EVERY)
		return 0;
	return touch(ctx, &touch_api_token, id, 0);
}

/* ---------------------------------------------------------------- throttle */

/* Failures of one kind (by login or by address) in the window; *oldest gets
 * the earliest, which sets when the window frees up. */
static int failures(struct dv_ctx *ctx, const char *sql, const char *key, int64_t *n,
		    int64_t *oldest)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err, sql, DB_T(key), DB_I(ctx->now - LOGIN_WINDOW));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : DV_EINTERNAL;
	*n = db_col_int(st, 0);
	*oldest = db_col_int(st, 1);
	db_finish(st);
	return 0;
}

int login_throttle(struct dv_ctx *ctx, const char *login, const char *ip, int64_t *retry_after)
{
	int64_t by_login = 0, by_ip = 0, oldest_login = 0, oldest_ip = 0, oldest;
	int rc = failures(ctx,
			  "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_attempt "
			  "WHERE login = $1 AND ok = 0 AND at > $2",
			  login, &by_login, &oldest_login);
	if (!rc)
		rc = failures(ctx,
			      "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_attempt "
			      "WHERE ip = $1 AND ok = 0 AND at > $2",
			      ip ? ip : "", &by_ip, &oldest_ip);
	if (rc)
		return rc;
	/* throttled attempts are not recorded, so the count stops at the limit
	 * and the oldest failure is the one whose expiry frees a try */
	if (by_login >= LOGIN_MAX_FAILURES)
		oldest = oldest_login;
	else if (by_ip >= LOGIN_MAX_FAILURES_IP)
		oldest = oldest_ip;
	else
		return 0;
	*retry_after = oldest + LOGIN_WINDOW - ctx->now;
	if (*retry_after < 1)
		*retry_after = 1;
	log_warn("login throttled for '%s' from %s", login, ip ? ip : "?");
	return dv_fail(&ctx->err, DV_EBUSY, "login",
		       "Too many failed logins: try again in %lld minutes",
		       (long long)(*retry_after + 59) / 60);
}

int login_record(struct dv_ctx *ctx, const char *login, const char *ip, int ok)
{
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO login_attempt (login, ip, ok, at) VALUES ($1, $2, $3, $4)",
		      DB_T(login), DB_T(ip ? ip : ""), DB_I(ok), DB_I(ctx->now));
}

int session_login(struct dv_ctx *ctx, const char *login_in, const char *password,
		  const char *kind, int remember, const char *ip, const char *user_agent,
		  char token[TOKEN_TEXT_MAX + 1], struct session *s, int64_t *retry_after)
{
	const char *login = NULL;
	int64_t account = 0;
	*retry_after = 0;
	/* throttle by what was typed, normalized when it can be */
	if (account_normalize_login(ctx, login_in, &login))
		login = text_fold_a(ctx->arena, login_in ? login_in : "");
	dv_err_clear(&ctx->err);
	int rc = login_throttle(ctx, login, ip, retry_after);
	if (rc)
		return rc;
	rc = account_authenticate(ctx, login_in, password, &account);
	int ok = rc == 0;
	if (rc && rc != DV_EPERM)
		return rc;
	struct dv_err keep = ctx->err;
	if (login_record(ctx, login, ip, ok))
		log_error("login: cannot record an attempt: %s", ctx->err.msg);
	if (!ok) {
		log_warn("login failed for '%s' from %s", login, ip ? ip : "?");
		ctx->err = keep;
		return DV_EPERM;
	}
	return session_create(ctx, account, kind, remember, ip, user_agent, token, s);
}

#include "domain/identity/account.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "base/token.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"

static int is_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F ||
		    strchr("\"(),:;<>[\\]", *p))
			return 0;
	return at[strlen(at) - 1] != '.' && at[1] != '.';
}

int account_normalize_login(struct dv_ctx *ctx, const char *in, const char **out)
{
	const char *s;
	int rc = text_clean(ctx->arena, in, in ? strlen(in) : 0, LOGIN_MAX, TEXT_REQUIRED, "login",
			    &s, &ctx->err);
	if (rc)
		return rc;
	if (strchr(s, '@')) {
		char *lower = arena_strdup(ctx->arena, s);
		for (char *p = lower; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (!is_email(lower))
			return dv_fail(&ctx->err, DV_EINVAL, "login",
				       "Enter a phone number or an e-mail address");
		*out = lower;
		return 0;
	}
	rc = resident_clean_phone(ctx, s, out);
	if (rc || !**out)
		return dv_fail(&ctx->err, DV_EINVAL, "login",
			       "Enter a phone number or an e-mail address");
	return 0;
}

int account_check_password(struct dv_ctx *ctx, const char *pw)
{
	size_t n = pw ? strlen(pw) : 0;
	if (n < PASSWORD_MIN)
		return dv_fail(&ctx->err, DV_EINVAL, "password",
			       "A password needs at least %d characters", PASSWORD_MIN);
	if (n > PASSWORD_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "password",
			       "A password may have at most %d bytes", PASSWORD_MAX);
	if (!utf8_valid(pw, n))
		return dv_fail(&ctx->err, DV_EINVAL, "password", "This text is not valid UTF-8");
	return 0;
}

static int may_create(struct dv_ctx *ctx, int64_t household_id)
{
	if (ctx->actor->system)
		return 0;
	if (household_id) {
		struct household h;
		int rc = household_get(ctx, household_id, &h);
		if (rc == DV_ENOTFOUND)
			ctx->err.field = "household";
		if (rc)
			return rc;
		return perm_require(ctx, ACT_GRANT_ROLES, h.unit_id);
	}
	for (size_t i = 0; i < ctx->actor->ngrants; i++)
		if (role_allows((enum role)ctx->actor->grants[i].role, ACT_GRANT_ROLES))
			return 0;
	return dv_fail(&ctx->err, DV_EPERM, NULL, "You may not create accounts");
}

int account_prepare(struct dv_ctx *ctx, const char *login_in, const char *name_in,
		    const char *password, struct account_new *out)
{
	int rc;
	if ((rc = account_normalize_login(ctx, login_in, &out->login)) ||
	    (rc = text_clean(ctx->arena, name_in, name_in ? strlen(name_in) : 0, DISPLAY_NAME_MAX,
			     TEXT_REQUIRED, "display_name", &out->name, &ctx->err)) ||
	    (rc = account_check_password(ctx, password)))
		return rc;
	return password_hash(out->hash, password, &ctx->err);
}

int account_insert(struct dv_ctx *ctx, const struct account_new *a, int64_t household_id,
		   int64_t *id)
{
	int rc;
	if (household_id) {
		struct household h;
		if ((rc = household_load(ctx, household_id, &h)))
			return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_EINVAL, "household",
							    "No such household")
						  : rc;
	}
	int64_t taken = 0;
	rc = db_int(ctx->db, &taken, &ctx->err, "SELECT id FROM account WHERE login = $1",
		    DB_T(a->login));
	if (rc == 0)
		return dv_fail(&ctx->err, DV_ECONFLICT, "login", "The login %s is already taken",
			       a->login);
	if (rc != DV_ENOTFOUND)
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO account (login, password_hash, display_name, household_id, "
		    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
		    DB_T(a->login), DB_T(a->hash), DB_T(a->name), DB_ID(household_id),
		    DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "account.create", "account", *id, 0,
			       json_pack("{s:s, s:s, s:I}", "login", a->login, "display_name",
					 a->name, "household", (json_int_t)household_id));
	return rc;
}

int account_create(struct dv_ctx *ctx, const char *login_in, const char *name_in,
		   const char *password, int64_t household_id, int64_t *id_out)
{
	struct account_new a;
	int64_t id = 0;
	int rc = account_prepare(ctx, login_in, name_in, password, &a);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = may_create(ctx, household_id);
	if (!rc)
		rc = account_insert(ctx, &a, household_id, &id);
	rc = ctx_end(ctx, rc);
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

#define ACCOUNT_COLS "id, login, display_name, household_id, status, created_at"

static int read_one(struct dv_ctx *ctx, struct db_stmt *st, struct account *a)
{
	int rc = db_step(st, &ctx->err);
	if (rc != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such account");
	a->id = db_col_int(st, 0);
	a->login = arena_strdup(ctx->arena, db_col_text(st, 1));
	a->display_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	a->household_id = db_col_int(st, 3);
	a->status = arena_strdup(ctx->arena, db_col_text(st, 4));
	a->created_at = db_col_int(st, 5);
	db_finish(st);
	return 0;
}

int account_get(struct dv_ctx *ctx, int64_t id, struct account *a)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ACCOUNT_COLS " FROM account WHERE id = $1", DB_I(id));
	return rc ? rc : read_one(ctx, st, a);
}

int account_find(struct dv_ctx *ctx, const char *login_in, struct account *a)
{
	const char *login;
	struct db_stmt *st = NULL;
	int rc = account_normalize_login(ctx, login_in, &login);
	if (rc)
		return dv_fail(&ctx->err, DV_ENOTFOUND, "login", "No such account");
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT " ACCOUNT_COLS " FROM account WHERE login = $1", DB_T(login));
	return rc ? rc : read_one(ctx, st, a);
}

/* A valid hash of a password nobody knows: verified against when the login
 * is unknown, so both paths cost one argon2id verification. */
static char decoy[PASSWORD_HASH_MAX];
static pthread_once_t decoy_once = PTHREAD_ONCE_INIT;

static void make_decoy(void)
{
	char pw[TOKEN_TEXT_MAX + 1];
	token_random(pw, 16);
	password_hash(decoy, pw, NULL);
}

int account_authenticate(struct dv_ctx *ctx, const char *login_in, const char *password,
			 int64_t *id)
{
	const char *login = "";
	char hash[PASSWORD_HASH_MAX] = "";
	int64_t found = 0;
	int active = 0;
	pthread_once(&decoy_once, make_decoy);
	if (account_normalize_login(ctx, login_in, &login) == 0) {
		struct db_stmt *st = NULL;
		int rc = db_query(ctx->db, &st, &ctx->err,
				  "SELECT id, password_hash, status FROM account WHERE login = $1",
				  DB_T(login));
		if (rc)
			return rc;
		if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
			found = db_col_int(st, 0);
			snprintf(hash, sizeof(hash), "%s", db_col_text(st, 1));
			active = strcmp(db_col_text(st, 2), "active") == 0;
			db_finish(st);
		} else if (rc < 0) {
			return rc;
		}
	}
	int ok = password_verify(found ? hash : decoy, password ? password : "");
	if (!found || !ok || !active)
		return dv_fail(&ctx->err, DV_EPERM, "login", "Wrong login or password");
	*id = found;
	return 0;
}

static int password_tx(struct dv_ctx *ctx, int64_t id, const char *hash)
{
	if (!ctx->actor->system && ctx->actor->account_id != id)
		return dv_fail(&ctx->err, DV_EPERM, NULL, "You may change only your own password");
	int rc = db_run(ctx->db, &ctx->err,
			"UPDATE account SET password_hash = $1, updated_at = $2 WHERE id = $3",
			DB_T(hash), DB_I(ctx->now), DB_I(id));
	if (!rc && db_changes(ctx->db) == 0)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such account");
	if (!rc)
		rc = ctx_audit(ctx, "account.password", "account", id, 0, NULL);
	return rc;
}

int account_set_password(struct dv_ctx *ctx, int64_t id, const char *password)
{
	char hash[PASSWORD_HASH_MAX];
	int rc;
	if ((rc = account_check_password(ctx, password)) ||
	    (rc = password_hash(hash, password, &ctx->err)) || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, password_tx(ctx, id, hash));
}

static int admin_tx(struct dv_ctx *ctx, int64_t id, int on)
{
	if (!ctx->actor->system && !ctx->actor->deployment_admin)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only a deployment administrator may name another");
	int rc = db_run(ctx->db, &ctx->err,
			"UPDATE account SET deployment_admin = $1, updated_at = $2 WHERE id = $3",
			DB_I(on ? 1 : 0), DB_I(ctx->now), DB_I(id));
	if (!rc && db_changes(ctx->db) == 0)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such account");
	if (!rc)
		rc = ctx_audit(ctx, "account.admin", "account", id, 0,
			       json_pack("{s:b}", "deployment_admin", on != 0));
	return rc;
}

int account_set_admin(struct dv_ctx *ctx, int64_t id, int on)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, admin_tx(ctx, id, on));
}

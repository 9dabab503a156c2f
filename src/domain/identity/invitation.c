#include "domain/identity/invitation.h"

#include <ctype.h>
#include <string.h>

#include "domain/identity/account.h"
#include "domain/registry/household.h"
#include "domain/identity/grant.h"
#include "domain/perm.h"
#include "domain/identity/session.h"
#include "domain/registry/unit.h"

/* No 0/O, 1/I/L: a code is read off paper and typed on a phone. */
static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

static void make_short_code(char out[SHORT_CODE_LEN + 1])
{
	char letters[9];
	token_code(letters, 8, code_alphabet);
	memcpy(out, letters, 4);
	out[4] = '-';
	memcpy(out + 5, letters + 4, 4);
	out[SHORT_CODE_LEN] = '\0';
}

/* Hash of a code as typed: upper case, without dashes and spaces. */
static void hash_code(char out[HASH_HEX_LEN + 1], const char *typed)
{
	char norm[32];
	size_t n = 0;
	for (const char *p = typed; *p && n < sizeof(norm) - 1; p++)
		if (*p != '-' && *p != ' ')
			norm[n++] = (char)toupper((unsigned char)*p);
	norm[n] = '\0';
	hash_hex(out, norm, n);
}

/* ---------------------------------------------------------------- create */

static int invite_one(struct dv_ctx *ctx, int64_t household_id, struct invitation_new *inv)
{
	struct household h;
	char th[HASH_HEX_LEN + 1], ch[HASH_HEX_LEN + 1];
	int rc = household_get(ctx, household_id, &h);
	if (rc)
		return rc;
	if (strcmp(h.status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "household", "This household is dissolved");
	if ((rc = perm_require(ctx, ACT_GRANT_ROLES, h.unit_id)))
		return rc;
	memset(inv, 0, sizeof(*inv));
	inv->household_id = h.id;
	inv->unit_id = h.unit_id;
	inv->address = h.address;
	inv->code = h.code;
	inv->representative = h.representative_name;
	inv->expires_at = ctx->now + INVITATION_DAYS * 86400;
	token_random(inv->token, TOKEN_BYTES);
	make_short_code(inv->short_code);
	hash_hex(th, inv->token, strlen(inv->token));
	hash_code(ch, inv->short_code);
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE invitation SET revoked_at = $1 WHERE household_id = $2 "
		    "AND used_at IS NULL AND revoked_at IS NULL",
		    DB_I(ctx->now), DB_I(h.id));
	if (!rc)
		rc = db_int(ctx->db, &inv->id, &ctx->err,
			    "INSERT INTO invitation (household_id, unit_id, token_hash, "
			    "short_code_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, "
			    "$4, $5, $6, $7) RETURNING id",
			    DB_I(h.id), DB_I(h.unit_id), DB_T(th), DB_T(ch),
			    DB_ID(ctx->actor->account_id), DB_I(ctx->now), DB_I(inv->expires_at));
	if (rc == DV_ECONFLICT) /* a code drawn twice: one in a trillion */
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "Please try again");
	return rc;
}

static int create_tx(struct dv_ctx *ctx, const int64_t *ids, size_t n,
		     struct invitation_new *out)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++)
		rc = invite_one(ctx, ids[i], &out[i]);
	if (!rc)
		rc = ctx_audit(ctx, "invitation.create", "household", n == 1 ? ids[0] : 0,
			       out[0].unit_id, json_pack("{s:I}", "households", (json_int_t)n));
	return rc;
}

int invitation_create(struct dv_ctx *ctx, const int64_t *household_ids, size_t n,
		      struct invitation_new **out)
{
	if (n == 0)
		return dv_fail(&ctx->err, DV_EINVAL, "households",
			       "Choose at least one household to invite");
	if (n > INVITE_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "households",
			       "At most %d households can be invited at once", INVITE_MAX);
	*out = arena_array(ctx->arena, struct invitation_new, n);
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, create_tx(ctx, household_ids, n, *out));
}

int invitation_create_for_unit(struct dv_ctx *ctx, int64_t unit_id, int all,
			       struct invitation_new **out, size_t *n)
{
	struct db_stmt *st = NULL;
	int64_t *ids = NULL;
	size_t len = 0, cap = 0;
	*n = 0;
	struct unit u;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc || (rc = perm_require(ctx, ACT_GRANT_ROLES, unit_id)))
		return rc;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT h.id FROM household h JOIN unit_tree t ON t.descendant = h.unit_id "
		      "WHERE t.ancestor = $1 AND h.status = 'active' AND ($2 = 1 OR NOT EXISTS "
		      "(SELECT 1 FROM account a WHERE a.household_id = h.id)) ORDER BY h.id",
		      DB_I(unit_id), DB_I(all != 0));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, ids, len, cap) = db_col_int(st, 0);
	if (rc < 0)
		return rc;
	if (len == 0)
		return dv_fail(&ctx->err, DV_EINVAL, "households",
			       "Every household here has an account already");
	rc = invitation_create(ctx, ids, len, out);
	if (!rc)
		*n = len;
	return rc;
}

/* ---------------------------------------------------------------- lookup */

int invitation_lookup(struct dv_ctx *ctx, const char *key, struct invitation_info *out)
{
	char th[HASH_HEX_LEN + 1], ch[HASH_HEX_LEN + 1];
	if (!key || !*key || strlen(key) > TOKEN_TEXT_MAX)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "This invitation does not exist");
	hash_hex(th, key, strlen(key));
	hash_code(ch, key);
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT i.id, i.household_id, h.address, u.name, i.expires_at, i.used_at, "
			  "i.revoked_at, COALESCE((SELECT r.full_name FROM resident r "
			  "WHERE r.id = h.representative_id), '') FROM invitation i "
			  "JOIN household h ON h.id = i.household_id JOIN unit u ON u.id = h.unit_id "
			  "WHERE i.token_hash = $1 OR i.short_code_hash = $2",
			  DB_T(th), DB_T(ch));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc
			      : dv_fail(&ctx->err, DV_ENOTFOUND, NULL,
					"This invitation does not exist: check the code on the slip");
	out->id = db_col_int(st, 0);
	out->household_id = db_col_int(st, 1);
	out->address = arena_strdup(ctx->arena, db_col_text(st, 2));
	out->unit_name = arena_strdup(ctx->arena, db_col_text(st, 3));
	out->expires_at = db_col_int(st, 4);
	int used = !db_col_null(st, 5), revoked = !db_col_null(st, 6);
	out->representative = arena_strdup(ctx->arena, db_col_text(st, 7));
	db_finish(st);
	out->state = used ? INV_USED
		     : revoked ? INV_REVOKED
		     : out->expires_at <= ctx->now ? INV_EXPIRED
						    : INV_VALID;
	return 0;
}

int invitation_find(struct dv_ctx *ctx, const char *key, const char *ip,
		    struct invitation_info *out, int64_t *retry_after)
{
	/* counted per address: one client's guesses never lock out another */
	const char *who = arena_printf(ctx->arena, "invitation@%s", ip ? ip : "");
	*retry_after = 0;
	int rc = login_throttle(ctx, who, ip, retry_after);
	if (rc == DV_EBUSY)
		return dv_fail(&ctx->err, DV_EBUSY, NULL,
			       "Too many wrong codes from this device: try again in %lld minutes",
			       (long long)(*retry_after + 59) / 60);
	if (rc)
		return rc;
	rc = invitation_lookup(ctx, key, out);
	if (rc == DV_ENOTFOUND) {
		struct dv_err keep = ctx->err;
		login_record(ctx, who, ip, 0);
		ctx->err = keep;
	}
	return rc;
}

/* ----------------------------------------------------------------- claim */

static int state_error(struct dv_ctx *ctx, enum invitation_state s)
{
	switch (s) {
	case INV_USED:
		return dv_fail(&ctx->err, DV_EINVAL, NULL,
			       "This invitation was used already: log in with the account made "
			       "with it, or ask the neighborhood head for a new slip");
	case INV_EXPIRED:
		return dv_fail(&ctx->err, DV_EINVAL, NULL,
			       "This invitation has expired: ask the neighborhood head for a new slip");
	case INV_REVOKED:
		return dv_fail(&ctx->err, DV_EINVAL, NULL,
			       "A newer slip replaced this one: use the newest slip you received");
	default: return 0;
	}
}

static int claim_tx(struct dv_ctx *ctx, const char *key, const struct account_new *a,
		    int64_t *account_id)
{
	struct invitation_info inv;
	struct household h;
	int64_t grant;
	int rc = invitation_lookup(ctx, key, &inv);
	if (rc || (rc = state_error(ctx, inv.state)))
		return rc;
	if ((rc = household_load(ctx, inv.household_id, &h)) ||
	    (rc = account_insert(ctx, a, h.id, account_id)) ||
	    (rc = grant_insert(ctx, *account_id, ROLE_REPRESENTATIVE, h.unit_id, 0, &grant)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE invitation SET used_at = $1, account_id = $2 WHERE id = $3 "
		    "AND used_at IS NULL",
		    DB_I(ctx->now), DB_I(*account_id), DB_I(inv.id));
	if (!rc && db_changes(ctx->db) != 1)
		return state_error(ctx, INV_USED);
	if (!rc)
		rc = ctx_audit(ctx, "invitation.claim", "household", h.id, h.unit_id,
			       json_pack("{s:I, s:I}", "invitation", (json_int_t)inv.id, "account",
					 (json_int_t)*account_id));
	return rc;
}

int invitation_claim(struct dv_ctx *ctx, const char *key, const char *login,
		     const char *display_name, const char *password, int64_t *account_id)
{
	struct account_new a;
	int rc = account_prepare(ctx, login, display_name, password, &a);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, claim_tx(ctx, key, &a, account_id));
}

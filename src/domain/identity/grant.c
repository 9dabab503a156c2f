#include "domain/identity/grant.h"

#include <string.h>

#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

static int check_grant_target(struct dv_ctx *ctx, int64_t account_id, enum role role,
			      int64_t unit_id, int64_t org_id)
{
	int64_t x;
	struct unit u;
	if ((unsigned)role >= ROLE_COUNT)
		return dv_fail(&ctx->err, DV_EINVAL, "role", "Unknown role");
	int rc = db_int(ctx->db, &x, &ctx->err, "SELECT id FROM account WHERE id = $1",
			DB_I(account_id));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "account", "No such account");
	if (rc)
		return rc;
	rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc)
		return rc;
	if (strcmp(u.status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "%s was merged into another unit",
			       u.name);
	if (role == ROLE_ORG_OFFICER) {
		rc = db_int(ctx->db, &x, &ctx->err,
			    "SELECT id FROM organization WHERE id = $1 AND unit_id = $2",
			    DB_I(org_id), DB_I(unit_id));
		if (rc == DV_ENOTFOUND)
			return dv_fail(
				&ctx->err, DV_EINVAL, "organization",
				"An organization officer needs an organization of this unit");
		if (rc)
			return rc;
	}
	if (!perm_may_grant(ctx, role, unit_id))
		return dv_fail(&ctx->err, DV_EPERM, "role", "You may not grant the role %s here",
			       role_name(role));
	return 0;
}

int grant_insert(struct dv_ctx *ctx, int64_t account_id, enum role role, int64_t unit_id,
		 int64_t org_id, int64_t *id)
{
	int rc = db_int(ctx->db, id, &ctx->err,
			"SELECT id FROM role_grant WHERE account_id = $1 AND role = $2 AND "
			"unit_id = $3 AND COALESCE(organization_id, 0) = $4 AND revoked_at IS NULL",
			DB_I(account_id), DB_T(role_name(role)), DB_I(unit_id), DB_I(org_id));
	if (rc != DV_ENOTFOUND)
		return rc; /* already granted: nothing to do */
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO role_grant (account_id, role, unit_id, organization_id, granted_by, "
		    "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
		    DB_I(account_id), DB_T(role_name(role)), DB_I(unit_id), DB_ID(org_id),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "grant.add", "account", account_id, unit_id,
			       json_pack("{s:s, s:I, s:I}", "role", role_name(role), "unit",
					 (json_int_t)unit_id, "organization", (json_int_t)org_id));
	return rc;
}

static int grant_tx(struct dv_ctx *ctx, int64_t account_id, enum role role, int64_t unit_id,
		    int64_t org_id, int64_t *id)
{
	int rc = check_grant_target(ctx, account_id, role, unit_id, org_id);
	if (rc)
		return rc;
	return grant_insert(ctx, account_id, role, unit_id, role == ROLE_ORG_OFFICER ? org_id : 0,
			    id);
}

int grant_add(struct dv_ctx *ctx, int64_t account_id, enum role role, int64_t unit_id,
	      int64_t organization_id, int64_t *id_out)
{
	int64_t id = 0;
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	rc = ctx_end(ctx, grant_tx(ctx, account_id, role, unit_id, organization_id, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int revoke_tx(struct dv_ctx *ctx, int64_t grant_id)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT account_id, role, unit_id FROM role_grant WHERE id = $1 "
			  "AND revoked_at IS NULL",
			  DB_I(grant_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such grant");
	int64_t account = db_col_int(st, 0), unit = db_col_int(st, 2);
	enum role role = ROLE_RESIDENT;
	role_parse(db_col_text(st, 1), &role, NULL);
	db_finish(st);
	if (!perm_may_grant(ctx, role, unit))
		return dv_fail(&ctx->err, DV_EPERM, NULL, "You may not revoke the role %s here",
			       role_name(role));
	rc = db_run(ctx->db, &ctx->err, "UPDATE role_grant SET revoked_at = $1 WHERE id = $2",
		    DB_I(ctx->now), DB_I(grant_id));
	if (!rc)
		rc = ctx_audit(ctx, "grant.revoke", "account", account, unit,
			       json_pack("{s:s, s:I}", "role", role_name(role), "grant",
					 (json_int_t)grant_id));
	return rc;
}

int grant_revoke(struct dv_ctx *ctx, int64_t grant_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, revoke_tx(ctx, grant_id));
}

int grant_list(struct dv_ctx *ctx, int64_t unit_id, struct grant_row **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = perm_require(ctx, ACT_GRANT_ROLES, unit_id);
	if (rc)
		return rc;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT g.id, g.role, g.unit_id, u.name, a.id, a.login, a.display_name "
		      "FROM role_grant g JOIN unit_tree t ON t.descendant = g.unit_id "
		      "JOIN unit u ON u.id = g.unit_id JOIN account a ON a.id = g.account_id "
		      "WHERE t.ancestor = $1 AND g.revoked_at IS NULL ORDER BY t.depth, u.id, g.role, "
		      "a.display_name LIMIT 1000",
		      DB_I(unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum role role;
		if (role_parse(db_col_text(st, 1), &role, NULL))
			continue;
		struct grant_row *g = ARENA_PUSH(ctx->arena, *out, *n, cap);
		g->id = db_col_int(st, 0);
		g->role = role;
		g->unit_id = db_col_int(st, 2);
		g->unit_name = arena_strdup(ctx->arena, db_col_text(st, 3));
		g->account_id = db_col_int(st, 4);
		g->login = arena_strdup(ctx->arena, db_col_text(st, 5));
		g->display_name = arena_strdup(ctx->arena, db_col_text(st, 6));
	}
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < *n; i++)
		(*out)[i].may_revoke = perm_may_grant(ctx, (*out)[i].role, (*out)[i].unit_id);
	return 0;
}

int grant_unit(struct dv_ctx *ctx, int64_t grant_id, int64_t *unit_id)
{
	int rc = db_int(ctx->db, unit_id, &ctx->err, "SELECT unit_id FROM role_grant WHERE id = $1",
			DB_I(grant_id));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such grant");
	return rc;
}

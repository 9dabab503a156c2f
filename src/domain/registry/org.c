#include "domain/registry/org.h"

#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

DV_ENUM_DEFINE(org_kind, ORG_KIND_COUNT, ORG_KINDS, "kind");

static int create_tx(struct dv_ctx *ctx, int64_t unit_id, enum org_kind kind, const char *name,
		     int64_t *id)
{
	struct unit u;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_MANAGE_ORGS, unit_id)))
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO organization (unit_id, kind, name, name_folded, created_at) "
		    "VALUES ($1, $2, $3, $4, $5) RETURNING id",
		    DB_I(unit_id), DB_T(org_kind_name(kind)), DB_T(name),
		    DB_T(text_fold_a(ctx->arena, name)), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "organization.create", "organization", *id, unit_id,
			       json_pack("{s:s, s:s}", "kind", org_kind_name(kind), "name", name));
	return rc;
}

int org_create(struct dv_ctx *ctx, int64_t unit_id, enum org_kind kind, const char *name_in,
	       int64_t *id_out)
{
	const char *name;
	int64_t id = 0;
	if ((unsigned)kind >= ORG_KIND_COUNT)
		return dv_fail(&ctx->err, DV_EINVAL, "kind", "Unknown organization kind");
	int rc = text_clean(ctx->arena, name_in, name_in ? strlen(name_in) : 0, ORG_NAME_MAX,
			    TEXT_REQUIRED, "name", &name, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, unit_id, kind, name, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static void read_org(struct dv_ctx *ctx, struct db_stmt *st, struct organization *o)
{
	o->id = db_col_int(st, 0);
	o->unit_id = db_col_int(st, 1);
	enum org_kind k = ORG_AGENCY;
	org_kind_parse(db_col_text(st, 2), &k, NULL);
	o->kind = k;
	o->name = arena_strdup(ctx->arena, db_col_text(st, 3));
}

int org_get(struct dv_ctx *ctx, int64_t id, struct organization *o)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, unit_id, kind, name FROM organization WHERE id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such organization");
	read_org(ctx, st, o);
	db_finish(st);
	return 0;
}

int org_list(struct dv_ctx *ctx, int64_t unit_id, struct organization **out, size_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, unit_id, kind, name FROM organization WHERE unit_id = $1 "
			  "ORDER BY id",
			  DB_I(unit_id));
	if (rc)
		return rc;
	size_t cap = 0, len = 0;
	struct organization *v = NULL;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_org(ctx, st, ARENA_PUSH(ctx->arena, v, len, cap));
	*out = v;
	*n = len;
	return rc < 0 ? rc : 0;
}

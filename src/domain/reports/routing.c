/*
 * Handling bodies, their officers and the routing rules.
 */
#include "domain/reports/routing.h"

#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/identity/account.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

DV_ENUM_DEFINE(body_kind, BODY_KIND_COUNT, BODY_KINDS, "kind");

/* ------------------------------------------------------------------ bodies */

#define BODY_COLS                                                                                  \
	"b.id, b.unit_id, u.name, b.kind, b.name, (SELECT COUNT(*) FROM report_body_officer o "    \
	"WHERE o.body_id = b.id AND o.removed_at IS NULL)"

static void read_body(struct dv_ctx *ctx, struct db_stmt *st, struct report_body *b)
{
	memset(b, 0, sizeof(*b));
	b->id = db_col_int(st, 0);
	b->unit_id = db_col_int(st, 1);
	b->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	if (body_kind_parse(db_col_text(st, 3), &b->kind, NULL))
		b->kind = BODY_OTHER;
	b->name = arena_strdup(ctx->arena, db_col_text(st, 4));
	b->officers = db_col_int(st, 5);
}

static int body_rows(struct dv_ctx *ctx, const char *sql, struct db_param p,
		     struct report_body **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err, sql, p);
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_body(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	return rc < 0 ? rc : 0;
}

int report_body_get(struct dv_ctx *ctx, int64_t id, struct report_body *b)
{
	struct report_body *v;
	size_t n;
	int rc =
		body_rows(ctx,
			  "SELECT " BODY_COLS " FROM report_body b JOIN unit u ON u.id = b.unit_id "
			  "WHERE b.id = $1",
			  DB_I(id), &v, &n);
	if (rc)
		return rc;
	if (!n)
		return dv_fail(&ctx->err, DV_ENOTFOUND, "body", "No such handling body");
	*b = v[0];
	return 0;
}

int report_body_list(struct dv_ctx *ctx, struct report_body **out, size_t *n)
{
	return body_rows(ctx,
			 "SELECT " BODY_COLS " FROM report_body b JOIN unit u ON u.id = b.unit_id "
			 "WHERE 1 = $1 ORDER BY u.name_folded, b.unit_id, b.name",
			 DB_I(1), out, n);
}

int report_body_mine(struct dv_ctx *ctx, struct report_body **out, size_t *n)
{
	return body_rows(ctx,
			 "SELECT " BODY_COLS " FROM report_body b JOIN unit u ON u.id = b.unit_id "
			 "JOIN report_body_officer m ON m.body_id = b.id WHERE m.account_id = $1 "
			 "AND m.removed_at IS NULL ORDER BY b.name",
			 DB_I(ctx->actor->account_id), out, n);
}

int report_body_is_officer(struct dv_ctx *ctx, int64_t body_id)
{
	int64_t one = 0;
	if (!body_id || !ctx->actor->account_id)
		return 0;
	struct dv_err err = {0};
	return db_int(ctx->db, &one, &err,
		      "SELECT 1 FROM report_body_officer WHERE body_id = $1 AND account_id = $2 "
		      "AND removed_at IS NULL",
		      DB_I(body_id), DB_I(ctx->actor->account_id)) == 0;
}

static int body_create_tx(struct dv_ctx *ctx, int64_t unit_id, enum body_kind kind,
			  const char *name, int64_t *id)
{
	struct unit u;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_CONFIGURE, unit_id)))
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO report_body (unit_id, kind, name, created_at) VALUES ($1, $2, $3, "
		    "$4) RETURNING id",
		    DB_I(unit_id), DB_T(body_kind_name(kind)), DB_T(name), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "report_body.create", "report_body", *id, unit_id,
			       json_pack("{s:s, s:s}", "kind", body_kind_name(kind), "name", name));
	return rc;
}

int report_body_create(struct dv_ctx *ctx, int64_t unit_id, const char *kind_in,
		       const char *name_in, int64_t *id_out)
{
	enum body_kind kind;
	const char *name;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_CONFIGURE, unit_id))
		return perm_require(ctx, ACT_CONFIGURE, unit_id);
	int rc = body_kind_parse(kind_in, &kind, &ctx->err);
	if (!rc)
		rc = text_clean(ctx->arena, name_in, name_in ? strlen(name_in) : 0,
				REPORT_BODY_NAME_MAX, TEXT_REQUIRED, "name", &name, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, body_create_tx(ctx, unit_id, kind, name, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* ---------------------------------------------------------------- officers */

/* A city administrator over the body's area, or an officer who handles
 * reports there (the ward's own officers for the ward's bodies). */
static int may_staff(struct dv_ctx *ctx, const struct report_body *b)
{
	if (perm_may(ctx, ACT_CONFIGURE, b->unit_id) ||
	    perm_may(ctx, ACT_HANDLE_REPORTS, b->unit_id))
		return 0;
	return dv_fail(&ctx->err, DV_EPERM, NULL, "You may not change who works for %s", b->name);
}

static int officer_add_tx(struct dv_ctx *ctx, int64_t body_id, const char *login)
{
	struct report_body b;
	struct account a;
	int rc = report_body_get(ctx, body_id, &b);
	if (rc || (rc = may_staff(ctx, &b)))
		return rc;
	if (b.kind == BODY_HEAD)
		return dv_fail(&ctx->err, DV_EINVAL, "login",
			       "The community heads work this body's reports: it has no officers "
			       "of its own");
	rc = account_find(ctx, login, &a);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "login", "No account has the login %s", login);
	if (rc)
		return rc;
	rc = db_run(
		ctx->db, &ctx->err,
		"INSERT INTO report_body_officer (body_id, account_id, added_by, added_at) VALUES "
		"($1, $2, $3, $4) ON CONFLICT (body_id, account_id) DO UPDATE SET removed_at = "
		"NULL, added_by = $3, added_at = $4",
		DB_I(body_id), DB_I(a.id), DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "report_body.officer_add", "report_body", body_id, b.unit_id,
			       json_pack("{s:I}", "account", (json_int_t)a.id));
	return rc;
}

int report_body_officer_add(struct dv_ctx *ctx, int64_t body_id, const char *login_in)
{
	const char *login;
	int rc = text_clean(ctx->arena, login_in, login_in ? strlen(login_in) : 0, 200,
			    TEXT_REQUIRED, "login", &login, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, officer_add_tx(ctx, body_id, login));
}

static int officer_remove_tx(struct dv_ctx *ctx, int64_t body_id, int64_t account_id)
{
	struct report_body b;
	int rc = report_body_get(ctx, body_id, &b);
	if (rc || (rc = may_staff(ctx, &b)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE report_body_officer SET removed_at = $1 WHERE body_id = $2 AND "
		    "account_id = $3 AND removed_at IS NULL",
		    DB_I(ctx->now), DB_I(body_id), DB_I(account_id));
	if (!rc && db_changes(ctx->db) == 0)
		return dv_fail(&ctx->err, DV_ENOTFOUND, "account", "No such officer");
	if (!rc)
		rc = ctx_audit(ctx, "report_body.officer_remove", "report_body", body_id, b.unit_id,
			       json_pack("{s:I}", "account", (json_int_t)account_id));
	return rc;
}

int report_body_officer_remove(struct dv_ctx *ctx, int64_t body_id, int64_t account_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, officer_remove_tx(ctx, body_id, account_id));
}

int report_body_officers(struct dv_ctx *ctx, int64_t body_id, struct report_officer **out,
			 size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT a.id, a.login, a.display_name FROM report_body_officer o JOIN "
			  "account a ON a.id = o.account_id WHERE o.body_id = $1 AND o.removed_at "
			  "IS NULL ORDER BY a.display_name",
			  DB_I(body_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct report_officer *o = ARENA_PUSH(ctx->arena, *out, *n, cap);
		o->account_id = db_col_int(st, 0);
		o->login = arena_strdup(ctx->arena, db_col_text(st, 1));
		o->name = arena_strdup(ctx->arena, db_col_text(st, 2));
	}
	return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------- rules */

static int rule_set_tx(struct dv_ctx *ctx, int64_t category_id, int64_t unit_id, int64_t body_id)
{
	struct unit u;
	int64_t one = 0;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_CONFIGURE, unit_id)))
		return rc;
	rc = db_int(ctx->db, &one, &ctx->err, "SELECT 1 FROM report_category WHERE id = $1",
		    DB_I(category_id));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "category", "No such category");
	if (rc)
		return rc;
	if (body_id) {
		struct report_body b;
		int within = 0;
		rc = report_body_get(ctx, body_id, &b);
		if (rc == DV_ENOTFOUND)
			return dv_fail(&ctx->err, DV_EINVAL, "body", "No such handling body");
		if (rc || (rc = unit_is_within(ctx, unit_id, b.unit_id, &within)))
			return rc;
		if (!within)
			return dv_fail(&ctx->err, DV_EINVAL, "body", "%s does not serve %s", b.name,
				       u.name);
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO report_route (category_id, unit_id, body_id, updated_by, "
			    "updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (category_id, "
			    "unit_id) DO UPDATE SET body_id = $3, updated_by = $4, updated_at = $5",
			    DB_I(category_id), DB_I(unit_id), DB_I(body_id),
			    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	} else {
		rc = db_run(ctx->db, &ctx->err,
			    "DELETE FROM report_route WHERE category_id = $1 AND unit_id = $2",
			    DB_I(category_id), DB_I(unit_id));
	}
	if (!rc)
		rc = ctx_audit(ctx, "report_route.set", "report_category", category_id, unit_id,
			       json_pack("{s:I, s:I}", "unit", (json_int_t)unit_id, "body",
					 (json_int_t)body_id));
	return rc;
}

int report_rule_set(struct dv_ctx *ctx, int64_t category_id, int64_t unit_id, int64_t body_id)
{
	if (!perm_may(ctx, ACT_CONFIGURE, unit_id))
		return perm_require(ctx, ACT_CONFIGURE, unit_id);
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, rule_set_tx(ctx, category_id, unit_id, body_id));
}

int report_rule_list(struct dv_ctx *ctx, struct report_rule **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT r.id, r.category_id, r.unit_id, r.body_id, u.name, b.name FROM "
		"report_route r JOIN report_category c ON c.id = r.category_id JOIN unit u "
		"ON u.id = r.unit_id JOIN report_body b ON b.id = r.body_id WHERE 1 = $1 "
		"ORDER BY c.position, u.name_folded, r.unit_id",
		DB_I(1));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct report_rule *r = ARENA_PUSH(ctx->arena, *out, *n, cap);
		r->id = db_col_int(st, 0);
		r->category_id = db_col_int(st, 1);
		r->unit_id = db_col_int(st, 2);
		r->body_id = db_col_int(st, 3);
		r->unit_name = arena_strdup(ctx->arena, db_col_text(st, 4));
		r->body_name = arena_strdup(ctx->arena, db_col_text(st, 5));
	}
	return rc < 0 ? rc : 0;
}

int report_rule_find(struct dv_ctx *ctx, int64_t category_id, int64_t unit_id, int64_t *body_id)
{
	*body_id = 0;
	int rc = db_int(ctx->db, body_id, &ctx->err,
			"SELECT r.body_id FROM report_route r JOIN unit_tree t ON t.ancestor = "
			"r.unit_id WHERE r.category_id = $1 AND t.descendant = $2 ORDER BY t.depth "
			"LIMIT 1",
			DB_I(category_id), DB_I(unit_id));
	return rc == DV_ENOTFOUND ? 0 : rc;
}

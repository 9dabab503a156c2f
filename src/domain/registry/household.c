#include "domain/registry/household.h"

#include <string.h>

#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

#define HOUSEHOLD_COLS                                                                             \
	"h.id, h.unit_id, h.ward_id, h.origin_unit_id, h.representative_id, h.code, h.address, "   \
	"h.status, h.created_at, "                                                                 \
	"(SELECT r.full_name FROM resident r WHERE r.id = h.representative_id), "                  \
	"(SELECT COUNT(*) FROM resident m WHERE m.household_id = h.id AND m.status = 'present'), " \
	"(SELECT u.name FROM unit u WHERE u.id = h.unit_id)"

int household_clean_address(struct dv_ctx *ctx, const char *in, const char **out)
{
	return text_clean(ctx->arena, in, in ? strlen(in) : 0, HOUSEHOLD_ADDRESS_MAX, TEXT_REQUIRED,
			  "address", out, &ctx->err);
}

int household_clean_code(struct dv_ctx *ctx, const char *in, const char **out)
{
	return text_clean(ctx->arena, in, in ? strlen(in) : 0, HOUSEHOLD_CODE_MAX, 0, "code", out,
			  &ctx->err);
}

static void read_household(struct dv_ctx *ctx, struct db_stmt *st, struct household *h)
{
	memset(h, 0, sizeof(*h));
	h->id = db_col_int(st, 0);
	h->unit_id = db_col_int(st, 1);
	h->ward_id = db_col_int(st, 2);
	h->origin_unit_id = db_col_int(st, 3);
	h->representative_id = db_col_int(st, 4);
	h->code = arena_strdup(ctx->arena, db_col_text(st, 5));
	h->address = arena_strdup(ctx->arena, db_col_text(st, 6));
	h->status = arena_strdup(ctx->arena, db_col_text(st, 7));
	h->created_at = db_col_int(st, 8);
	h->representative_name = arena_strdup(ctx->arena, db_col_text(st, 9));
	h->members = db_col_int(st, 10);
	h->unit_name = arena_strdup(ctx->arena, db_col_text(st, 11));
}

int household_load(struct dv_ctx *ctx, int64_t id, struct household *h)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " HOUSEHOLD_COLS " FROM household h WHERE h.id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such household");
	read_household(ctx, st, h);
	db_finish(st);
	return 0;
}

int household_get(struct dv_ctx *ctx, int64_t id, struct household *h)
{
	int rc = household_load(ctx, id, h);
	if (rc)
		return rc;
	if (ctx->actor->household_id == id || perm_may(ctx, ACT_VIEW_HOUSEHOLDS, h->unit_id))
		return 0;
	return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such household");
}

int household_find_code(struct dv_ctx *ctx, int64_t ward_id, const char *code, int64_t *id)
{
	return db_int(ctx->db, id, &ctx->err,
		      "SELECT id FROM household WHERE ward_id = $1 AND code = $2 ORDER BY id LIMIT 1",
		      DB_I(ward_id), DB_T(code));
}

/* The unit a household may live in: active and community-level. */
static int check_home_unit(struct dv_ctx *ctx, int64_t unit_id, struct unit *u)
{
	int rc = unit_get(ctx, unit_id, u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc)
		return rc;
	if (strcmp(u->status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "%s was merged into another unit",
			       u->name);
	if (!unit_kind_is_community(u->kind))
		return dv_fail(
			&ctx->err, DV_EINVAL, "unit",
			"A household belongs to a neighborhood, village or residential group");
	return perm_require(ctx, ACT_EDIT_HOUSEHOLDS, unit_id);
}

int household_insert(struct dv_ctx *ctx, int64_t unit_id, int64_t ward_id, const char *code,
		     const char *address, int64_t *id)
{
	return db_int(
		ctx->db, id, &ctx->err,
		"INSERT INTO household (unit_id, ward_id, origin_unit_id, code, address, "
		"address_folded, created_at, updated_at) VALUES ($1, $2, $1, $3, $4, $5, $6, $6) "
		"RETURNING id",
		DB_I(unit_id), DB_I(ward_id), DB_T(code && *code ? code : NULL), DB_T(address),
		DB_T(text_fold_a(ctx->arena, address)), DB_I(ctx->now));
}

/* A code must be new in the household's ward: checked before writing, so
 * the transaction is not spoiled by a failed insert. */
static int check_code_free(struct dv_ctx *ctx, int64_t ward, const char *code, int64_t except)
{
	int64_t other = 0;
	if (!code || !*code)
		return 0;
	int rc = db_int(ctx->db, &other, &ctx->err,
			"SELECT id FROM household WHERE ward_id = $1 AND code = $2 AND id <> $3 "
			"LIMIT 1",
			DB_I(ward), DB_T(code), DB_I(except));
	if (rc == DV_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	return dv_fail(&ctx->err, DV_ECONFLICT, "code",
		       "Another household of this ward already has the code %s", code);
}

static int create_tx(struct dv_ctx *ctx, int64_t unit_id, const char *code, const char *address,
		     int64_t *id)
{
	struct unit u;
	int64_t ward = 0;
	int rc = check_home_unit(ctx, unit_id, &u);
	if (rc || (rc = unit_commune_of(ctx, unit_id, &ward)) ||
	    (rc = check_code_free(ctx, ward, code, 0)))
		return rc;
	rc = household_insert(ctx, unit_id, ward, code, address, id);
	if (!rc)
		rc = unit_counts_add(ctx, unit_id, 1, 0);
	if (!rc)
		rc = ctx_audit(ctx, "household.create", "household", *id, unit_id,
			       json_pack("{s:s, s:s}", "address", address, "code", code));
	return rc;
}

int household_create(struct dv_ctx *ctx, const struct household_input *in, int64_t *id_out)
{
	const char *address, *code;
	int64_t id = 0;
	int rc;
	if ((rc = household_clean_address(ctx, in->address, &address)) ||
	    (rc = household_clean_code(ctx, in->code, &code)) || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in->unit_id, code, address, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* Load a household the actor may edit; DV_ENOTFOUND if it may not even see it. */
/* Load a household the actor may change: one read, one permission
 * question (every role that edits households also sees them). */
static int load_editable(struct dv_ctx *ctx, int64_t id, struct household *h)
{
	int rc = household_load(ctx, id, h);
	if (rc)
		return rc;
	if (!perm_may(ctx, ACT_EDIT_HOUSEHOLDS, h->unit_id))
		return ctx->actor->household_id == id || perm_may(ctx, ACT_VIEW_HOUSEHOLDS, h->unit_id)
			       ? dv_fail(&ctx->err, DV_EPERM, NULL, "You may not change this household")
			       : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such household");
	if (strcmp(h->status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, NULL, "This household is dissolved");
	return 0;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const char *address, const char *code)
{
	struct household h;
	int rc = load_editable(ctx, id, &h);
	if (rc)
		return rc;
	address = address ? address : h.address;
	code = code ? code : h.code;
	if ((rc = check_code_free(ctx, h.ward_id, code, id)))
		return rc;
	/* a new code is issued by the ward the household is in now */
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE household SET address = $1, address_folded = $2, code = $3, "
		    "registered_ward_id = CASE WHEN code = $3 THEN registered_ward_id ELSE ward_id END, "
		    "updated_at = $4 WHERE id = $5",
		    DB_T(address), DB_T(text_fold_a(ctx->arena, address)),
		    DB_T(*code ? code : NULL), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "household.update", "household", id, h.unit_id,
			       json_pack("{s:s, s:s, s:s, s:s}", "address", address, "code", code,
					 "old_address", h.address, "old_code", h.code));
	return rc;
}

int household_update(struct dv_ctx *ctx, int64_t id, const char *address_in, const char *code_in)
{
	const char *address = NULL, *code = NULL;
	int rc;
	if ((address_in && (rc = household_clean_address(ctx, address_in, &address))) ||
	    (code_in && (rc = household_clean_code(ctx, code_in, &code))) || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, address, code));
}

static int move_tx(struct dv_ctx *ctx, int64_t id, int64_t to, const char *reason)
{
	struct household h;
	struct unit u;
	int64_t ward = 0;
	int rc = load_editable(ctx, id, &h);
	if (rc || (rc = check_home_unit(ctx, to, &u)))
		return rc;
	if (h.unit_id == to)
		return 0;
	if ((rc = unit_commune_of(ctx, to, &ward)))
		return rc;
	rc = db_run(
		ctx->db, &ctx->err,
		"UPDATE household SET unit_id = $1, ward_id = $2, updated_at = $3 WHERE id = $4",
		DB_I(to), DB_I(ward), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE resident SET ward_id = $1 WHERE household_id = $2", DB_I(ward),
			    DB_I(id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO household_move (household_id, from_unit_id, to_unit_id, "
			    "reason, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6)",
			    DB_I(id), DB_I(h.unit_id), DB_I(to), DB_T(reason),
			    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = unit_counts_add(ctx, h.unit_id, -1, -h.members);
	if (!rc)
		rc = unit_counts_add(ctx, to, 1, h.members);
	if (!rc)
		rc = ctx_audit(ctx, "household.move", "household", id, to,
			       json_pack("{s:I, s:I, s:s}", "from", (json_int_t)h.unit_id, "to",
					 (json_int_t)to, "reason", reason));
	return rc;
}

int household_move(struct dv_ctx *ctx, int64_t id, int64_t to_unit_id, const char *reason_in)
{
	const char *reason;
	int rc = text_clean(ctx->arena, reason_in, reason_in ? strlen(reason_in) : 0, 200,
			    TEXT_REQUIRED, "reason", &reason, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, move_tx(ctx, id, to_unit_id, reason));
}

static int representative_tx(struct dv_ctx *ctx, int64_t hid, int64_t rid)
{
	struct household h;
	int64_t ok = 0;
	int rc = load_editable(ctx, hid, &h);
	if (rc)
		return rc;
	rc = db_int(ctx->db, &ok, &ctx->err,
		    "SELECT 1 FROM resident WHERE id = $1 AND household_id = $2 "
		    "AND status = 'present'",
		    DB_I(rid), DB_I(hid));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "representative",
			       "The representative must be a present member of the household");
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE household SET representative_id = $1, updated_at = $2 "
			    "WHERE id = $3",
			    DB_I(rid), DB_I(ctx->now), DB_I(hid));
	if (!rc)
		rc = ctx_audit(ctx, "household.representative", "household", hid, h.unit_id,
			       json_pack("{s:I, s:I}", "resident", (json_int_t)rid, "previous",
					 (json_int_t)h.representative_id));
	return rc;
}

int household_set_representative(struct dv_ctx *ctx, int64_t household_id, int64_t resident_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, representative_tx(ctx, household_id, resident_id));
}

int household_list(struct dv_ctx *ctx, int64_t unit_id, const char *query, int64_t offset,
		   int limit, struct household **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > HOUSEHOLD_PAGE_MAX || offset < 0)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	int rc = perm_require(ctx, ACT_VIEW_HOUSEHOLDS, unit_id);
	if (rc)
		return rc;
	struct unit u;
	if ((rc = unit_get(ctx, unit_id, &u)))
		return rc;
	/* one more row than asked tells whether a next page exists. A ward's or
	 * a neighborhood's households are read in id order straight from their
	 * index (household_ward_list, household_unit_list); a larger unit's
	 * through the unit tree. The search is a statement of its own, so that
	 * PostgreSQL's generic plan never carries an "or no search" no index
	 * can serve. */
	const char *where = unit_kind_is_commune(u.kind)      ? "h.ward_id = $1 "
			    : unit_kind_is_community(u.kind) ? "h.unit_id = $1 "
							     : "h.unit_id IN (SELECT descendant "
							       "FROM unit_tree WHERE ancestor = $1) ";
	/* the residents' names are looked up per household, through its index:
	 * as an EXISTS, PostgreSQL hashed every matching resident of the
	 * deployment first (22 ms for "nguyen" in a 20,000-household city,
	 * 0.3 ms so) */
	const char *search = "AND (h.address_folded LIKE $4 ESCAPE '\\' "
			     "OR LOWER(COALESCE(h.code, '')) LIKE $4 ESCAPE '\\' "
			     "OR (SELECT 1 FROM resident r WHERE r.household_id = h.id "
			     "AND r.status = 'present' AND r.name_folded LIKE $4 ESCAPE '\\' "
			     "LIMIT 1) = 1) ";
	const char *sql = arena_printf(ctx->arena,
				       "SELECT " HOUSEHOLD_COLS " FROM household h WHERE %s"
				       "AND h.status = 'active' %sORDER BY h.id LIMIT $2 OFFSET $3",
				       where, query && *query ? search : "");
	if (query && *query)
		rc = db_query(ctx->db, &st, &ctx->err, sql, DB_I(unit_id), DB_I(limit + 1),
			      DB_I(offset), DB_T(text_like_contains(ctx->arena, query)));
	else
		rc = db_query(ctx->db, &st, &ctx->err, sql, DB_I(unit_id), DB_I(limit + 1),
			      DB_I(offset));
	if (rc)
		return rc;
	size_t cap = 0;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_household(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	return rc < 0 ? rc : 0;
}

int household_history(struct dv_ctx *ctx, int64_t id, struct household_event **out, size_t *n)
{
	struct household h;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = household_get(ctx, id, &h);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT m.from_unit_id, f.name, m.to_unit_id, t.name, m.reason, "
				 "COALESCE(m.effective_date, 0), m.at FROM household_move m "
				 "JOIN unit f ON f.id = m.from_unit_id "
				 "JOIN unit t ON t.id = m.to_unit_id "
				 "WHERE m.household_id = $1 ORDER BY m.at, m.id",
				 DB_I(id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct household_event *e = ARENA_PUSH(ctx->arena, *out, *n, cap);
		e->from_unit_id = db_col_int(st, 0);
		e->from_name = arena_strdup(ctx->arena, db_col_text(st, 1));
		e->to_unit_id = db_col_int(st, 2);
		e->to_name = arena_strdup(ctx->arena, db_col_text(st, 3));
		e->reason = arena_strdup(ctx->arena, db_col_text(st, 4));
		e->effective = (int32_t)db_col_int(st, 5);
		e->at = db_col_int(st, 6);
	}
	return rc < 0 ? rc : 0;
}

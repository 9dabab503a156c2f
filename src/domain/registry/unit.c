#include "domain/registry/unit.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/unit_impl.h"

/* ------------------------------------------------------------ unit kinds */

DV_ENUM_DEFINE(unit_kind, UNIT_KIND_COUNT, UNIT_KINDS, "kind");

/*
 * Which kind may sit directly under which: the whole shape of the tree.
 * A city may be a province-level municipality (top), a provincial city, or a
 * city inside a municipality (Thủ Đức in Hồ Chí Minh City). Since the 2025
 * reform wards and communes sit directly under a province or municipality.
 */
#define P(k) (1u << (k))
#define TOP  (1u << UNIT_KIND_COUNT)
static const unsigned allowed_parents[] = {
	[UNIT_PROVINCE] = TOP,
	[UNIT_CITY] = TOP | P(UNIT_PROVINCE) | P(UNIT_CITY),
	[UNIT_WARD] = P(UNIT_PROVINCE) | P(UNIT_CITY),
	[UNIT_COMMUNE] = P(UNIT_PROVINCE) | P(UNIT_CITY),
	[UNIT_NEIGHBORHOOD] = P(UNIT_WARD) | P(UNIT_COMMUNE),
	[UNIT_VILLAGE] = P(UNIT_WARD) | P(UNIT_COMMUNE),
	[UNIT_RESIDENTIAL_GROUP] =
		P(UNIT_WARD) | P(UNIT_COMMUNE) | P(UNIT_NEIGHBORHOOD) | P(UNIT_VILLAGE),
};
_Static_assert(ARRAY_LEN(allowed_parents) == UNIT_KIND_COUNT, "the parents of every kind");

int unit_kind_is_commune(enum unit_kind k)
{
	return k == UNIT_WARD || k == UNIT_COMMUNE;
}

int unit_kind_is_community(enum unit_kind k)
{
	return k == UNIT_NEIGHBORHOOD || k == UNIT_VILLAGE || k == UNIT_RESIDENTIAL_GROUP;
}

int unit_kind_may_contain(int parent, enum unit_kind child)
{
	if ((unsigned)child >= UNIT_KIND_COUNT)
		return 0;
	unsigned bit = parent < 0 ? TOP : P(parent);
	return (allowed_parents[child] & bit) != 0;
}

/* --------------------------------------------------------------- reading */

#define UNIT_COLS                                                                                  \
	"u.id, u.parent_id, u.kind, u.name, u.code, u.status, u.merged_into, u.households, "       \
	"u.residents"

static void read_unit(struct dv_ctx *ctx, struct db_stmt *st, struct unit *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_col_int(st, 0);
	u->parent_id = db_col_int(st, 1);
	enum unit_kind k = UNIT_WARD;
	unit_kind_parse(db_col_text(st, 2), &k, NULL);
	u->kind = k;
	u->name = arena_strdup(ctx->arena, db_col_text(st, 3));
	u->code = arena_strdup(ctx->arena, db_col_text(st, 4));
	u->status = arena_strdup(ctx->arena, db_col_text(st, 5));
	u->merged_into = db_col_int(st, 6);
	u->households = db_col_int(st, 7);
	u->residents = db_col_int(st, 8);
}

/* Read every row of a started query into an arena array; extra column
 * `depth_col` (if >= 0) fills u->depth. */
static int read_units(struct dv_ctx *ctx, struct db_stmt *st, int depth_col, struct unit **out,
		      size_t *n)
{
	size_t cap = 0, len = 0;
	struct unit *v = NULL;
	int rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct unit *u = ARENA_PUSH(ctx->arena, v, len, cap);
		read_unit(ctx, st, u);
		if (depth_col >= 0)
			u->depth = (int)db_col_int(st, depth_col);
	}
	*out = v;
	*n = len;
	return rc < 0 ? rc : 0;
}

static int get_one(struct dv_ctx *ctx, struct db_stmt *st, struct unit *u, const char *what)
{
	int rc = db_step(st, &ctx->err);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such unit (%s)", what);
	read_unit(ctx, st, u);
	db_finish(st);
	return 0;
}

int unit_get(struct dv_ctx *ctx, int64_t id, struct unit *u)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " UNIT_COLS " FROM unit u WHERE u.id = $1", DB_I(id));
	if (rc)
		return rc;
	return get_one(ctx, st, u, "id");
}

int unit_find_code(struct dv_ctx *ctx, const char *code, struct unit *u)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " UNIT_COLS
			  " FROM unit u WHERE u.code = $1 AND u.status = 'active'",
			  DB_T(code));
	if (rc)
		return rc;
	return get_one(ctx, st, u, "code");
}

int unit_children(struct dv_ctx *ctx, int64_t id, struct unit **out, size_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " UNIT_COLS " FROM unit u WHERE u.parent_id = $1 "
			  "AND u.status = 'active' ORDER BY u.id",
			  DB_I(id));
	return rc ? rc : read_units(ctx, st, -1, out, n);
}

int unit_roots(struct dv_ctx *ctx, struct unit **out, size_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " UNIT_COLS " FROM unit u WHERE u.parent_id IS NULL "
			  "AND u.status = 'active' ORDER BY u.id");
	return rc ? rc : read_units(ctx, st, -1, out, n);
}

int unit_ancestors(struct dv_ctx *ctx, int64_t id, struct unit **out, size_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " UNIT_COLS " FROM unit_tree t JOIN unit u ON u.id = t.ancestor "
			  "WHERE t.descendant = $1 ORDER BY t.depth DESC",
			  DB_I(id));
	if (rc)
		return rc;
	rc = read_units(ctx, st, -1, out, n);
	if (!rc && *n == 0)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such unit");
	return rc;
}

static int by_parent_then_id(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;
	if (x->parent_id != y->parent_id)
		return x->parent_id < y->parent_id ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The children of `parent` in `sorted` (ordered by parent, then id) are one
 * run; find its start by bisection. */
static size_t first_child(const struct unit *sorted, size_t n, int64_t parent)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sorted[mid].parent_id < parent)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Depth-first order: place u's subtree into out[*k...]. Each unit is placed
 * once and its children found by bisection, so a whole city costs n log n;
 * recursion is as deep as the tree, a handful of levels. */
static void place(const struct unit *sorted, size_t n, const struct unit *u, struct unit *out,
		  size_t *k)
{
	out[(*k)++] = *u;
	for (size_t i = first_child(sorted, n, u->id); i < n && sorted[i].parent_id == u->id; i++)
		if (sorted[i].id != u->id)
			place(sorted, n, &sorted[i], out, k);
}

int unit_subtree(struct dv_ctx *ctx, int64_t id, int max_depth, struct unit **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct unit *all;
	size_t len;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " UNIT_COLS ", t.depth FROM unit_tree t JOIN unit u "
			  "ON u.id = t.descendant WHERE t.ancestor = $1 AND t.depth <= $2 "
			  "AND u.status = 'active'",
			  DB_I(id), DB_I(max_depth));
	if (rc || (rc = read_units(ctx, st, 9, &all, &len)))
		return rc;
	if (len == 0)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such unit");
	if (len)
		qsort(all, len, sizeof(*all), by_parent_then_id);
	struct unit *ordered = arena_alloc(ctx->arena, len * sizeof(*ordered));
	size_t k = 0;
	for (size_t i = 0; i < len; i++)
		if (all[i].id == id)
			place(all, len, &all[i], ordered, &k);
	*out = ordered;
	*n = k;
	return 0;
}

int unit_search(struct dv_ctx *ctx, const char *query, size_t limit, struct unit **out, size_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " UNIT_COLS " FROM unit u WHERE u.name_folded LIKE $1 ESCAPE '\\' "
			  "AND u.status = 'active' ORDER BY length(u.name_folded), u.id LIMIT $2",
			  DB_T(text_like_contains(ctx->arena, query)), DB_I(limit));
	return rc ? rc : read_units(ctx, st, -1, out, n);
}

int unit_is_within(struct dv_ctx *ctx, int64_t id, int64_t anc, int *yes)
{
	int64_t one = 0;
	int rc = db_int(ctx->db, &one, &ctx->err,
			"SELECT 1 FROM unit_tree WHERE ancestor = $1 AND descendant = $2",
			DB_I(anc), DB_I(id));
	if (rc == DV_ENOTFOUND) {
		*yes = 0;
		return 0;
	}
	*yes = rc == 0;
	return rc;
}

int unit_commune_of(struct dv_ctx *ctx, int64_t id, int64_t *commune_id)
{
	int rc = ctx_commune_of(ctx, id, commune_id);
	if (!rc && !*commune_id)
		return dv_fail(&ctx->err, DV_ENOTFOUND, "unit",
			       "This unit is in no ward or commune");
	return rc;
}

/* ---------------------------------------------------------------- counts */

int unit_counts_add_now(struct dv_ctx *ctx, int64_t unit_id, int64_t dh, int64_t dr)
{
	if (!dh && !dr)
		return 0;
	return db_run(ctx->db, &ctx->err,
		      "UPDATE unit SET households = households + $1, residents = residents + $2 "
		      "WHERE id IN (SELECT ancestor FROM unit_tree WHERE descendant = $3)",
		      DB_I(dh), DB_I(dr), DB_I(unit_id));
}

int unit_counts_add(struct dv_ctx *ctx, int64_t unit_id, int64_t dh, int64_t dr)
{
	if (ctx->defer_counts)
		return 0;
	return unit_counts_add_now(ctx, unit_id, dh, dr);
}

struct direct_count {
	int64_t unit_id, n;
};

static int collect_counts(struct dv_ctx *ctx, const char *sql, struct direct_count **out, size_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err, sql);
	if (rc)
		return rc;
	size_t cap = 0, len = 0;
	struct direct_count *v = NULL;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct direct_count *c = ARENA_PUSH(ctx->arena, v, len, cap);
		c->unit_id = db_col_int(st, 0);
		c->n = db_col_int(st, 1);
	}
	*out = v;
	*n = len;
	return rc < 0 ? rc : 0;
}

/* Counts per unit come from two GROUP BY queries over the direct members;
 * each is then added up the unit's ancestors, so the work is a few queries
 * per populated unit rather than a scan per unit. */
int unit_recount(struct dv_ctx *ctx)
{
	struct direct_count *h, *r;
	size_t nh, nr;
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err, "UPDATE unit SET households = 0, residents = 0");
	if (!rc)
		rc = collect_counts(
			ctx,
			"SELECT unit_id, COUNT(*) FROM household WHERE status = 'active' "
			"GROUP BY unit_id",
			&h, &nh);
	if (!rc)
		rc = collect_counts(ctx,
				    "SELECT h.unit_id, COUNT(*) FROM resident r JOIN household h "
				    "ON h.id = r.household_id WHERE h.status = 'active' "
				    "AND r.status = 'present' GROUP BY h.unit_id",
				    &r, &nr);
	for (size_t i = 0; !rc && i < nh; i++)
		rc = unit_counts_add_now(ctx, h[i].unit_id, h[i].n, 0);
	for (size_t i = 0; !rc && i < nr; i++)
		rc = unit_counts_add_now(ctx, r[i].unit_id, 0, r[i].n);
	return ctx_end(ctx, rc);
}

/* ------------------------------------------------------ shared by writes */

int unit_event_add(struct dv_ctx *ctx, int64_t unit_id, const struct unit_event_row *e)
{
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO unit_event (unit_id, kind, old_name, new_name, old_parent_id, "
		      "new_parent_id, other_id, actor_id, at, effective_date) VALUES ($1, $2, $3, "
		      "$4, $5, $6, $7, $8, $9, $10)",
		      DB_I(unit_id), DB_T(e->kind), DB_T(e->old_name), DB_T(e->new_name),
		      DB_ID(e->old_parent), DB_ID(e->new_parent), DB_ID(e->other),
		      DB_ID(ctx->actor->account_id), DB_I(ctx->now), DB_I(e->effective));
}

int unit_clean_name(struct dv_ctx *ctx, const char *in, const char **out)
{
	return text_clean(ctx->arena, in, in ? strlen(in) : 0, UNIT_NAME_MAX, TEXT_REQUIRED, "name",
			  out, &ctx->err);
}

int unit_clean_code(struct dv_ctx *ctx, const char *in, const char **out)
{
	int rc = text_clean(ctx->arena, in, in ? strlen(in) : 0, UNIT_CODE_MAX, 0, "code", out,
			    &ctx->err);
	if (rc)
		return rc;
	for (const char *p = *out; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || *p == '-'))
			return dv_fail(
				&ctx->err, DV_EINVAL, "code",
				"An official code holds only digits, capital letters and '-'");
	return 0;
}

int unit_effective_parse(struct dv_ctx *ctx, const char *text, int32_t *ymd)
{
	*ymd = 0;
	if (!text || !*text)
		return 0;
	if (date_parse(text, ymd, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "effective",
			       "The effective date must be a day such as 01/07/2025, not '%s'",
			       text);
	return 0;
}

int unit_effective_day(struct dv_ctx *ctx, int32_t in, int32_t *out)
{
	int32_t today = time_local_date(ctx->now);
	int y, m, d;
	*out = in ? in : today;
	date_split(*out, &y, &m, &d);
	if (!date_valid(y, m, d))
		return dv_fail(&ctx->err, DV_EINVAL, "effective",
			       "The effective date must be a day such as 01/07/2025");
	if (*out > today)
		return dv_fail(&ctx->err, DV_EINVAL, "effective",
			       "A change cannot take effect after today: record it on its day");
	return 0;
}

const char *unit_title(struct arena *a, const char *lang, enum unit_kind kind, const char *name)
{
	const char *vi = i18n_get(DV_CONTENT_LANG, unit_kind_label(kind));
	size_t n = strlen(vi);
	if (strncmp(name, vi, n) == 0 && (name[n] == ' ' || !name[n]))
		return name;
	return arena_printf(a, "%s %s", i18n_get(lang, unit_kind_label(kind)), name);
}

/* A kind's label in the user's language, for messages. */
static const char *kind_text(struct dv_ctx *ctx, enum unit_kind k)
{
	return i18n_get(ctx->lang, unit_kind_label(k));
}

int unit_check_active(struct dv_ctx *ctx, const struct unit *u, const char *field)
{
	if (strcmp(u->status, "merged") == 0)
		return dv_fail(&ctx->err, DV_EINVAL, field,
			       "%s was already merged into another unit", u->name);
	if (strcmp(u->status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, field, "%s was split into other units",
			       u->name);
	return 0;
}

static int check_parent(struct dv_ctx *ctx, int64_t parent_id, enum unit_kind kind,
			struct unit *parent)
{
	if (!parent_id) {
		if (!unit_kind_may_contain(-1, kind))
			return dv_fail(&ctx->err, DV_EINVAL, "parent",
				       "A %s cannot stand at the top of the tree",
				       kind_text(ctx, kind));
		return 0;
	}
	int rc = unit_get(ctx, parent_id, parent);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "parent", "The parent unit does not exist");
	if (rc || (rc = unit_check_active(ctx, parent, "parent")))
		return rc;
	if (!unit_kind_may_contain((int)parent->kind, kind))
		return dv_fail(&ctx->err, DV_EINVAL, "kind", "A %s cannot be placed in a %s",
			       kind_text(ctx, kind), kind_text(ctx, parent->kind));
	return 0;
}

/* --------------------------------------------------------------- create */

int unit_insert(struct dv_ctx *ctx, int64_t parent_id, enum unit_kind kind, const char *name,
		const char *code, int32_t effective, int64_t *id)
{
	int rc = db_int(ctx->db, id, &ctx->err,
			"INSERT INTO unit (parent_id, kind, name, name_folded, code, created_at, "
			"updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
			DB_ID(parent_id), DB_T(unit_kind_name(kind)), DB_T(name),
			DB_T(text_fold_a(ctx->arena, name)), DB_T(*code ? code : NULL),
			DB_I(ctx->now));
	if (rc == DV_ECONFLICT)
		return dv_fail(&ctx->err, DV_ECONFLICT, "code",
			       "The official code %s already belongs to another unit", code);
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO unit_tree (ancestor, descendant, depth) "
			    "SELECT ancestor, $1, depth + 1 FROM unit_tree WHERE descendant = $2",
			    DB_I(*id), DB_I(parent_id));
	if (!rc)
		rc = db_run(
			ctx->db, &ctx->err,
			"INSERT INTO unit_tree (ancestor, descendant, depth) VALUES ($1, $1, 0)",
			DB_I(*id));
	if (!rc)
		rc = unit_event_add(ctx, *id,
				    &(struct unit_event_row){.kind = "created",
							     .new_name = name,
							     .new_parent = parent_id,
							     .effective = effective});
	if (!rc)
		rc = ctx_audit(ctx, "unit.create", "unit", *id, *id,
			       json_pack("{s:s, s:s, s:s, s:I, s:i}", "name", name, "kind",
					 unit_kind_name(kind), "code", code, "parent",
					 (json_int_t)parent_id, "effective", (int)effective));
	return rc;
}

int unit_create_on(struct dv_ctx *ctx, int64_t parent_id, enum unit_kind kind,
		   const char *name_in, const char *code_in, int32_t effective, int64_t *id_out)
{
	const char *name, *code;
	struct unit parent;
	int64_t id = 0;
	int rc;
	if ((unsigned)kind >= UNIT_KIND_COUNT)
		return dv_fail(&ctx->err, DV_EINVAL, "kind", "Unknown unit kind");
	if ((rc = unit_clean_name(ctx, name_in, &name)) ||
	    (rc = unit_clean_code(ctx, code_in, &code)) ||
	    (rc = unit_effective_day(ctx, effective, &effective)))
		return rc;
	if ((rc = ctx_begin(ctx)))
		return rc;
	if (!(rc = check_parent(ctx, parent_id, kind, &parent)) &&
	    !(rc = perm_require(ctx, ACT_MANAGE_UNITS, parent_id)))
		rc = unit_insert(ctx, parent_id, kind, name, code, effective, &id);
	rc = ctx_end(ctx, rc);
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int unit_create(struct dv_ctx *ctx, int64_t parent_id, enum unit_kind kind, const char *name,
		const char *code, int64_t *id_out)
{
	return unit_create_on(ctx, parent_id, kind, name, code, 0, id_out);
}

/* --------------------------------------------------------------- rename */

static int rename_checked(struct dv_ctx *ctx, int64_t id, const char *name, int32_t effective)
{
	struct unit u;
	int rc;
	if ((rc = unit_get(ctx, id, &u)) || (rc = perm_require(ctx, ACT_MANAGE_UNITS, id)) ||
	    (rc = unit_check_active(ctx, &u, "unit")))
		return rc;
	if (strcmp(u.name, name) == 0)
		return 0;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE unit SET name = $1, name_folded = $2, updated_at = $3 WHERE id = $4",
		    DB_T(name), DB_T(text_fold_a(ctx->arena, name)), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = unit_event_add(ctx, id,
				    &(struct unit_event_row){.kind = "renamed",
							     .old_name = u.name,
							     .new_name = name,
							     .effective = effective});
	if (!rc)
		rc = ctx_audit(ctx, "unit.rename", "unit", id, id,
			       json_pack("{s:s, s:s, s:i}", "from", u.name, "to", name, "effective",
					 (int)effective));
	return rc;
}

int unit_rename_on(struct dv_ctx *ctx, int64_t id, const char *name_in, int32_t effective)
{
	const char *name;
	int rc;
	if ((rc = unit_clean_name(ctx, name_in, &name)) ||
	    (rc = unit_effective_day(ctx, effective, &effective)) || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, rename_checked(ctx, id, name, effective));
}

int unit_rename(struct dv_ctx *ctx, int64_t id, const char *name)
{
	return unit_rename_on(ctx, id, name, 0);
}

/* ----------------------------------------------------------------- move */

/* Households below a community-level unit belong to the ward above it; after
 * a move that ward may have changed. */
int unit_refresh_wards(struct dv_ctx *ctx, int64_t root)
{
	int rc = db_run(ctx->db, &ctx->err,
			"UPDATE household SET ward_id = (SELECT t.ancestor FROM unit_tree t "
			"JOIN unit c ON c.id = t.ancestor WHERE t.descendant = household.unit_id "
			"AND c.kind IN ('ward', 'commune') ORDER BY t.depth LIMIT 1) "
			"WHERE unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = $1)",
			DB_I(root));
	if (rc)
		return rc;
	return db_run(ctx->db, &ctx->err,
		      "UPDATE resident SET ward_id = (SELECT h.ward_id FROM household h "
		      "WHERE h.id = resident.household_id) WHERE household_id IN "
		      "(SELECT h.id FROM household h JOIN unit_tree t ON t.descendant = h.unit_id "
		      "WHERE t.ancestor = $1)",
		      DB_I(root));
}

static int move_tx(struct dv_ctx *ctx, const struct unit *u, const struct unit *to,
		   int32_t effective)
{
	int rc = unit_counts_add_now(ctx, u->parent_id, -u->households, -u->residents);
	/* detach the subtree from its old ancestors, attach it under the new parent */
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "DELETE FROM unit_tree WHERE descendant IN (SELECT descendant FROM "
			    "unit_tree WHERE ancestor = $1) AND ancestor NOT IN (SELECT descendant "
			    "FROM unit_tree WHERE ancestor = $1)",
			    DB_I(u->id));
	if (!rc)
		rc = db_run(
			ctx->db, &ctx->err,
			"INSERT INTO unit_tree (ancestor, descendant, depth) "
			"SELECT a.ancestor, d.descendant, a.depth + d.depth + 1 "
			"FROM unit_tree a, unit_tree d WHERE a.descendant = $1 AND d.ancestor = $2",
			DB_I(to->id), DB_I(u->id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE unit SET parent_id = $1, updated_at = $2 WHERE id = $3",
			    DB_I(to->id), DB_I(ctx->now), DB_I(u->id));
	db_commune_forget(ctx->db); /* the subtree may have changed commune */
	if (!rc)
		rc = unit_counts_add_now(ctx, to->id, u->households, u->residents);
	if (!rc && unit_kind_is_community(u->kind))
		rc = unit_refresh_wards(ctx, u->id);
	if (!rc)
		rc = unit_event_add(ctx, u->id,
				    &(struct unit_event_row){.kind = "moved",
							     .old_parent = u->parent_id,
							     .new_parent = to->id,
							     .effective = effective});
	if (!rc)
		rc = ctx_audit(ctx, "unit.move", "unit", u->id, u->id,
			       json_pack("{s:I, s:I, s:i}", "from", (json_int_t)u->parent_id, "to",
					 (json_int_t)to->id, "effective", (int)effective));
	return rc;
}

int unit_move_checked(struct dv_ctx *ctx, int64_t id, int64_t new_parent_id, int32_t effective)
{
	struct unit u, to;
	int inside = 0, rc;
	if ((rc = unit_get(ctx, id, &u)))
		return rc;
	if ((rc = unit_get(ctx, new_parent_id, &to)) == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "parent",
			       "The new parent unit does not exist");
	if (rc || (rc = unit_check_active(ctx, &u, "unit")) ||
	    (rc = unit_check_active(ctx, &to, "parent")))
		return rc;
	if ((rc = perm_require(ctx, ACT_REORGANIZE_UNITS, id)) ||
	    (rc = perm_require(ctx, ACT_REORGANIZE_UNITS, new_parent_id)))
		return rc;
	if (u.parent_id == to.id)
		return 0;
	if ((rc = unit_is_within(ctx, to.id, u.id, &inside)))
		return rc;
	if (inside)
		return dv_fail(&ctx->err, DV_EINVAL, "parent", "A unit cannot move inside itself");
	if (!unit_kind_may_contain((int)to.kind, u.kind))
		return dv_fail(&ctx->err, DV_EINVAL, "parent", "A %s cannot be placed in a %s",
			       kind_text(ctx, u.kind), kind_text(ctx, to.kind));
	return move_tx(ctx, &u, &to, effective);
}

/* Reads and checks happen inside the transaction, so the counts moved are
 * the counts at the time of the move. */
int unit_move_on(struct dv_ctx *ctx, int64_t id, int64_t new_parent_id, int32_t effective)
{
	int rc = unit_effective_day(ctx, effective, &effective);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, unit_move_checked(ctx, id, new_parent_id, effective));
}

int unit_move(struct dv_ctx *ctx, int64_t id, int64_t new_parent_id)
{
	return unit_move_on(ctx, id, new_parent_id, 0);
}

/* ---------------------------------------------------------- households */

static int move_household(struct dv_ctx *ctx, int64_t hid, int64_t from, int64_t to,
			  const char *reason, int32_t effective, int64_t *members)
{
	int rc = db_int(ctx->db, members, &ctx->err,
			"SELECT COUNT(*) FROM resident WHERE household_id = $1 "
			"AND status = 'present'",
			DB_I(hid));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO household_move (household_id, from_unit_id, to_unit_id, "
			    "reason, actor_id, at, effective_date) VALUES ($1, $2, $3, $4, $5, $6, "
			    "$7)",
			    DB_I(hid), DB_I(from), DB_I(to), DB_T(reason),
			    DB_ID(ctx->actor->account_id), DB_I(ctx->now), DB_I(effective));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE household SET unit_id = $1, updated_at = $2 WHERE id = $3",
			    DB_I(to), DB_I(ctx->now), DB_I(hid));
	return rc;
}

/* The active households living directly in unit_id. Arena array. */
static int direct_households(struct dv_ctx *ctx, int64_t unit_id, int64_t **ids, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id FROM household WHERE unit_id = $1 AND status = 'active' "
			  "ORDER BY id",
			  DB_I(unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, *ids, *n, cap) = db_col_int(st, 0);
	return rc < 0 ? rc : 0;
}

int unit_households_move(struct dv_ctx *ctx, int64_t from, int64_t to, const int64_t *ids,
			 size_t nids, const char *reason, int32_t effective, int64_t *moved)
{
	int64_t *all = NULL, h = 0, r = 0;
	int rc = 0;
	*moved = 0;
	if (!ids && (rc = direct_households(ctx, from, &all, &nids)))
		return rc;
	if (!ids)
		ids = all;
	for (size_t i = 0; !rc && i < nids; i++) {
		int64_t members = 0;
		rc = move_household(ctx, ids[i], from, to, reason, effective, &members);
		h++;
		r += members;
	}
	if (rc || !nids)
		return rc;
	if (!(rc = unit_counts_add_now(ctx, from, -h, -r)) &&
	    !(rc = unit_counts_add_now(ctx, to, h, r)))
		rc = unit_refresh_wards(ctx, to);
	*moved = h;
	return rc;
}

/* ---------------------------------------------------------------- merge */

int unit_lineage_add(struct dv_ctx *ctx, int64_t successor, int64_t predecessor, const char *how,
		     int32_t effective)
{
	int rc = db_run(ctx->db, &ctx->err,
			"INSERT INTO unit_lineage (unit_id, predecessor_id, direct, kind, "
			"effective_date) VALUES ($1, $2, 1, $3, $4)",
			DB_I(successor), DB_I(predecessor), DB_T(how), DB_I(effective));
	if (rc)
		return rc;
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO unit_lineage (unit_id, predecessor_id, direct, kind, "
		      "effective_date) SELECT $1, predecessor_id, 0, kind, effective_date "
		      "FROM unit_lineage WHERE unit_id = $2 ON CONFLICT DO NOTHING",
		      DB_I(successor), DB_I(predecessor));
}

/* Provinces and cities are one level, wards and communes the next,
 * communities the last: merges happen within a level. */
static int level_of(enum unit_kind k)
{
	return unit_kind_is_community(k) ? 2 : unit_kind_is_commune(k) ? 1 : 0;
}

static int merge_tx(struct dv_ctx *ctx, const struct unit *from, const struct unit *into,
		    int32_t effective)
{
	struct unit *kids;
	size_t nkids;
	int64_t moved = 0, h = 0;
	int rc = unit_children(ctx, from->id, &kids, &nkids);
	for (size_t i = 0; !rc && i < nkids; i++)
		rc = unit_move_checked(ctx, kids[i].id, into->id, effective);
	if (!rc)
		rc = db_int(ctx->db, &h, &ctx->err,
			    "SELECT COUNT(*) FROM household WHERE unit_id = $1 "
			    "AND status = 'active'",
			    DB_I(from->id));
	if (!rc && h && !unit_kind_is_community(into->kind))
		return dv_fail(
			&ctx->err, DV_EINVAL, "into",
			"%s has households of its own; merge it into a neighborhood, village "
			"or residential group",
			from->name);
	if (!rc)
		rc = unit_households_move(ctx, from->id, into->id, NULL, 0, "merge", effective,
					  &moved);
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE unit SET status = 'merged', merged_into = $1, updated_at = $2 "
			    "WHERE id = $3",
			    DB_I(into->id), DB_I(ctx->now), DB_I(from->id));
	if (!rc)
		rc = unit_lineage_add(ctx, into->id, from->id, "merge", effective);
	if (!rc)
		rc = unit_event_add(ctx, from->id,
				    &(struct unit_event_row){.kind = "merged",
							     .other = into->id,
							     .effective = effective});
	if (!rc)
		rc = unit_event_add(ctx, into->id,
				    &(struct unit_event_row){.kind = "absorbed",
							     .other = from->id,
							     .effective = effective});
	if (!rc)
		rc = ctx_audit(ctx, "unit.merge", "unit", from->id, into->id,
			       json_pack("{s:I, s:s, s:I, s:s, s:I, s:I, s:i}", "from",
					 (json_int_t)from->id, "from_name", from->name, "into",
					 (json_int_t)into->id, "into_name", into->name, "children",
					 (json_int_t)nkids, "households", (json_int_t)moved,
					 "effective", (int)effective));
	return rc;
}

static int merge_checked(struct dv_ctx *ctx, int64_t from_id, int64_t into_id, int32_t effective)
{
	struct unit from, into;
	int inside = 0, rc;
	if (from_id == into_id)
		return dv_fail(&ctx->err, DV_EINVAL, "into", "A unit cannot be merged into itself");
	if ((rc = unit_get(ctx, from_id, &from)))
		return rc;
	if ((rc = unit_get(ctx, into_id, &into)) == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "into",
			       "The unit to merge into does not exist");
	if (rc || (rc = unit_check_active(ctx, &from, "from")) ||
	    (rc = unit_check_active(ctx, &into, "into")))
		return rc;
	if ((rc = perm_require(ctx, ACT_REORGANIZE_UNITS, from_id)) ||
	    (rc = perm_require(ctx, ACT_REORGANIZE_UNITS, into_id)))
		return rc;
	if ((rc = unit_is_within(ctx, into_id, from_id, &inside)))
		return rc;
	if (inside)
		return dv_fail(&ctx->err, DV_EINVAL, "into",
			       "A unit cannot be merged into a unit inside it");
	if (level_of(from.kind) != level_of(into.kind))
		return dv_fail(&ctx->err, DV_EINVAL, "into", "A %s cannot be merged into a %s",
			       kind_text(ctx, from.kind), kind_text(ctx, into.kind));
	return merge_tx(ctx, &from, &into, effective);
}

int unit_merge_on(struct dv_ctx *ctx, int64_t from_id, int64_t into_id, int32_t effective)
{
	int rc = unit_effective_day(ctx, effective, &effective);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, merge_checked(ctx, from_id, into_id, effective));
}

int unit_merge(struct dv_ctx *ctx, int64_t from_id, int64_t into_id)
{
	return unit_merge_on(ctx, from_id, into_id, 0);
}

/* -------------------------------------------------------------- lineage */

static int read_links(struct dv_ctx *ctx, struct db_stmt *st, struct unit_link **out, size_t *n)
{
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct unit_link *l = ARENA_PUSH(ctx->arena, *out, *n, cap);
		read_unit(ctx, st, &l->unit);
		l->how = db_col_int(st, 9) ? "split" : "merge";
		l->effective = (int32_t)db_col_int(st, 10);
		l->direct = (int)db_col_int(st, 11);
	}
	return rc < 0 ? rc : 0;
}

int unit_successors(struct dv_ctx *ctx, int64_t id, struct unit_link **out, size_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " UNIT_COLS ", CASE WHEN l.kind = 'split' THEN 1 ELSE 0 END, "
			  "l.effective_date, l.direct FROM unit_lineage l "
			  "JOIN unit u ON u.id = l.unit_id WHERE l.predecessor_id = $1 "
			  "AND l.direct = 1 ORDER BY u.id",
			  DB_I(id));
	return rc ? rc : read_links(ctx, st, out, n);
}

int unit_predecessors(struct dv_ctx *ctx, int64_t id, struct unit_link **out, size_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " UNIT_COLS ", CASE WHEN l.kind = 'split' THEN 1 ELSE 0 END, "
			  "l.effective_date, l.direct FROM unit_lineage l "
			  "JOIN unit u ON u.id = l.predecessor_id WHERE l.unit_id = $1 "
			  "ORDER BY l.effective_date, u.id",
			  DB_I(id));
	return rc ? rc : read_links(ctx, st, out, n);
}

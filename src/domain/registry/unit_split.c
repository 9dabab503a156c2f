/*
 * Splitting a unit into new ones (unit.h, unit_split): the new units are
 * made beside it, its children and the households living directly in it are
 * shared among them as listed, and the old unit is marked split, keeping
 * its row, its history and the records made in it.
 *
 * Everything is checked before anything is written, in the transaction, so
 * a plan with a mistake changes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/registry/unit_impl.h"

struct split {
	struct dv_ctx *ctx;
	struct unit u;
	const struct unit_part *parts;
	size_t nparts;
	const char **names, **codes; /* cleaned, per part */
	struct unit *kids;	     /* active children, by id */
	size_t nkids;
	int64_t *kid_ids; /* their ids, for finding them */
	int64_t *hhs;	  /* active households living directly in u, by id */
	size_t nhhs;
	int *kid_to, *hh_to; /* the part each goes to, -1 until given */
};

/* ------------------------------------------------------------- checking */

static int clean_parts(struct split *s)
{
	struct dv_ctx *ctx = s->ctx;
	int rc = 0, rest = 0;
	if (s->nparts < 2 || s->nparts > UNIT_SPLIT_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "parts",
			       "A unit is split into 2 to %d new units", UNIT_SPLIT_MAX);
	s->names = arena_array(ctx->arena, const char *, s->nparts);
	s->codes = arena_array(ctx->arena, const char *, s->nparts);
	for (size_t p = 0; !rc && p < s->nparts; p++) {
		rest += s->parts[p].rest != 0;
		if ((rc = unit_clean_name(ctx, s->parts[p].name, &s->names[p])) ||
		    (rc = unit_clean_code(ctx, s->parts[p].code, &s->codes[p])))
			break;
		for (size_t q = 0; q < p; q++) {
			if (strcmp(s->names[p], s->names[q]) == 0)
				return dv_fail(&ctx->err, DV_EINVAL, "parts",
					       "Two new units cannot have the same name (%s)",
					       s->names[p]);
			if (*s->codes[p] && strcmp(s->codes[p], s->codes[q]) == 0)
				return dv_fail(&ctx->err, DV_EINVAL, "parts",
					       "Two new units cannot have the same code (%s)",
					       s->codes[p]);
		}
	}
	if (!rc && rest > 1)
		return dv_fail(&ctx->err, DV_EINVAL, "parts",
			       "Only one new unit may take what is not listed");
	return rc;
}

static int load_members(struct split *s)
{
	struct dv_ctx *ctx = s->ctx;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc = unit_children(ctx, s->u.id, &s->kids, &s->nkids);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT id FROM household WHERE unit_id = $1 "
				 "AND status = 'active' ORDER BY id",
				 DB_I(s->u.id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, s->hhs, s->nhhs, cap) = db_col_int(st, 0);
	if (rc < 0)
		return rc;
	s->kid_ids = arena_array(ctx->arena, int64_t, s->nkids + 1);
	for (size_t i = 0; i < s->nkids; i++)
		s->kid_ids[i] = s->kids[i].id;
	s->kid_to = arena_array(ctx->arena, int, s->nkids + 1);
	s->hh_to = arena_array(ctx->arena, int, s->nhhs + 1);
	for (size_t i = 0; i < s->nkids; i++)
		s->kid_to[i] = -1;
	for (size_t i = 0; i < s->nhhs; i++)
		s->hh_to[i] = -1;
	return 0;
}

/* The index of id in ids[0..n) (sorted), or -1. */
static long find_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return (long)mid;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int give_units(struct split *s, size_t p)
{
	struct dv_ctx *ctx = s->ctx;
	for (size_t i = 0; i < s->parts[p].nunits; i++) {
		long k = find_id(s->kid_ids, s->nkids, s->parts[p].units[i]);
		if (k < 0)
			return dv_fail(&ctx->err, DV_EINVAL, "parts",
				       "Unit %lld is not one of the units inside %s",
				       (long long)s->parts[p].units[i], s->u.name);
		if (s->kid_to[k] >= 0)
			return dv_fail(&ctx->err, DV_EINVAL, "parts",
				       "%s is given to two new units", s->kids[k].name);
		s->kid_to[k] = (int)p;
	}
	return 0;
}

static int give_households(struct split *s, size_t p)
{
	struct dv_ctx *ctx = s->ctx;
	for (size_t i = 0; i < s->parts[p].nhouseholds; i++) {
		long k = find_id(s->hhs, s->nhhs, s->parts[p].households[i]);
		if (k < 0)
			return dv_fail(&ctx->err, DV_EINVAL, "parts",
				       "Household %lld does not live directly in %s",
				       (long long)s->parts[p].households[i], s->u.name);
		if (s->hh_to[k] >= 0)
			return dv_fail(&ctx->err, DV_EINVAL, "parts",
				       "Household %lld is given to two new units",
				       (long long)s->hhs[k]);
		s->hh_to[k] = (int)p;
	}
	return 0;
}

/* What no part lists goes to the part taking the rest, or is a mistake. */
static int give_the_rest(struct split *s)
{
	struct dv_ctx *ctx = s->ctx;
	int rest = -1;
	for (size_t p = 0; p < s->nparts; p++)
		if (s->parts[p].rest)
			rest = (int)p;
	for (size_t k = 0; k < s->nkids; k++)
		if (s->kid_to[k] < 0 && (s->kid_to[k] = rest) < 0)
			return dv_fail(&ctx->err, DV_EINVAL, "parts",
				       "%s is given to none of the new units", s->kids[k].name);
	for (size_t k = 0; k < s->nhhs; k++)
		if (s->hh_to[k] < 0 && (s->hh_to[k] = rest) < 0)
			return dv_fail(&ctx->err, DV_EINVAL, "parts",
				       "Household %lld is given to none of the new units",
				       (long long)s->hhs[k]);
	return 0;
}

static int check(struct split *s, int64_t id)
{
	struct dv_ctx *ctx = s->ctx;
	int rc = unit_get(ctx, id, &s->u);
	if (rc || (rc = unit_check_active(ctx, &s->u, "unit")) ||
	    (rc = perm_require(ctx, ACT_REORGANIZE_UNITS, id)) ||
	    (rc = perm_require(ctx, ACT_REORGANIZE_UNITS, s->u.parent_id)) ||
	    (rc = load_members(s)))
		return rc;
	for (size_t p = 0; !rc && p < s->nparts; p++)
		if (!(rc = give_units(s, p)))
			rc = give_households(s, p);
	return rc ? rc : give_the_rest(s);
}

/* -------------------------------------------------------------- writing */

static int make_part(struct split *s, size_t p, int32_t effective, int64_t *id)
{
	struct dv_ctx *ctx = s->ctx;
	int rc = unit_insert(ctx, s->u.parent_id, s->u.kind, s->names[p], s->codes[p], effective,
			     id);
	if (!rc)
		rc = unit_lineage_add(ctx, *id, s->u.id, "split", effective);
	if (!rc)
		rc = unit_event_add(ctx, *id,
				    &(struct unit_event_row){.kind = "split_from",
							     .other = s->u.id,
							     .effective = effective});
	return rc;
}

static int move_households(struct split *s, size_t p, int64_t to, int32_t effective,
			   int64_t *moved)
{
	struct dv_ctx *ctx = s->ctx;
	int64_t *ids = arena_array(ctx->arena, int64_t, s->nhhs + 1);
	size_t n = 0;
	for (size_t k = 0; k < s->nhhs; k++)
		if (s->hh_to[k] == (int)p)
			ids[n++] = s->hhs[k];
	if (!n)
		return 0;
	return unit_households_move(ctx, s->u.id, to, ids, n, "split", effective, moved);
}

static int write_split(struct split *s, int32_t effective, int64_t *ids)
{
	struct dv_ctx *ctx = s->ctx;
	int64_t households = 0;
	json_t *made = json_array();
	/* marked first, so that a new unit may take over its code */
	int rc = db_run(ctx->db, &ctx->err,
			"UPDATE unit SET status = 'split', updated_at = $1 WHERE id = $2",
			DB_I(ctx->now), DB_I(s->u.id));
	for (size_t p = 0; !rc && p < s->nparts; p++) {
		if (!(rc = make_part(s, p, effective, &ids[p])))
			json_array_append_new(made, json_integer(ids[p]));
	}
	for (size_t k = 0; !rc && k < s->nkids; k++)
		rc = unit_move_checked(ctx, s->kids[k].id, ids[s->kid_to[k]], effective);
	for (size_t p = 0; !rc && p < s->nparts; p++) {
		int64_t moved = 0;
		rc = move_households(s, p, ids[p], effective, &moved);
		households += moved;
	}
	if (!rc)
		rc = unit_event_add(ctx, s->u.id,
				    &(struct unit_event_row){.kind = "split",
							     .effective = effective});
	if (rc) {
		json_decref(made);
		return rc;
	}
	return ctx_audit(ctx, "unit.split", "unit", s->u.id, s->u.parent_id ? s->u.parent_id : s->u.id,
			 json_pack("{s:I, s:s, s:o, s:I, s:I, s:i}", "from", (json_int_t)s->u.id,
				   "from_name", s->u.name, "into", made, "children",
				   (json_int_t)s->nkids, "households", (json_int_t)households,
				   "effective", (int)effective));
}

int unit_split(struct dv_ctx *ctx, int64_t id, const struct unit_part *parts, size_t nparts,
	       int32_t effective, int64_t *ids_out)
{
	struct split s = {.ctx = ctx, .parts = parts, .nparts = nparts};
	int rc = clean_parts(&s);
	if (rc || (rc = unit_effective_day(ctx, effective, &effective)) || (rc = ctx_begin(ctx)))
		return rc;
	int64_t *ids = arena_array(ctx->arena, int64_t, nparts);
	rc = check(&s, id);
	if (!rc)
		rc = write_split(&s, effective, ids);
	rc = ctx_end(ctx, rc);
	if (!rc && ids_out)
		memcpy(ids_out, ids, nparts * sizeof(*ids));
	return rc;
}

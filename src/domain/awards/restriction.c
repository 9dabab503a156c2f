/*
 * The restricted register of discipline, investigation and inspection:
 * recorded and read by the council and the inspection staff only, every
 * look and change in the audit; the other files of the family ask it
 * whether a subject is under an entry.
 */
#include "domain/awards/restriction.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

DV_ENUM_DEFINE(restriction_reason, RR_COUNT, RESTRICTION_REASONS, "reason");

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

static int read_day(struct dv_ctx *ctx, const char *text, const char *field, int32_t *ymd)
{
	*ymd = 0;
	if (!text || !*text)
		return 0;
	if (date_parse(text, ymd, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, field, "Give the day as dd/mm/yyyy");
	return 0;
}

/* -------------------------------------------------------------- the check */

int restriction_applies(struct dv_ctx *ctx, const struct subject *s, int32_t on, int *yes)
{
	int64_t hit = 0;
	*yes = 0;
	int rc = db_int(ctx->db, &hit, &ctx->err,
			"SELECT id FROM award_restriction WHERE kind = $1 AND ((ref IS NOT NULL AND "
			"ref = $2) OR (name_folded = $3 AND (ward_id IS NULL OR CAST($4 AS BIGINT) = 0 "
			"OR ward_id = $4))) AND from_on <= $5 AND (until_on IS NULL OR until_on >= $5) "
			"AND (lifted_on IS NULL OR lifted_on > $5) LIMIT 1",
			DB_T(subject_kind_name(s->kind)), DB_I(s->ref), DB_T(s->name_folded),
			DB_I(s->ward_id), DB_I(on));
	if (rc == DV_ENOTFOUND)
		return 0;
	if (!rc)
		*yes = 1;
	return rc;
}

int restriction_refuse(struct dv_ctx *ctx, const struct subject *s)
{
	return dv_fail(&ctx->err, DV_ECONFLICT, "subject",
		       "%s may not be commended while under discipline, investigation or "
		       "inspection (Decree 98/2023/NĐ-CP)",
		       s->name);
}

/* ------------------------------------------------------------- recording */

struct clean_restriction {
	enum restriction_reason reason;
	int32_t from_on, until_on;
	const char *note;
};

static int add_tx(struct dv_ctx *ctx, const struct restriction_input *in,
		  const struct clean_restriction *c, int64_t *id)
{
	struct subject s;
	struct unit u;
	int rc = unit_get(ctx, in->unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_RESTRICT_AWARDS, u.id)) ||
	    (rc = subject_resolve(ctx, &in->subject, u.id, &s)))
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO award_restriction (unit_id, ward_id, kind, ref, name, name_folded, "
		    "detail, reason, from_on, until_on, note, recorded_by, recorded_at) VALUES ($1, "
		    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
		    DB_I(u.id), DB_ID(s.ward_id), DB_T(subject_kind_name(s.kind)), DB_ID(s.ref),
		    DB_T(s.name), DB_T(s.name_folded), DB_T(s.detail),
		    DB_T(restriction_reason_name(c->reason)), DB_I(c->from_on), DB_ID(c->until_on),
		    DB_T(c->note), DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	/* the audit names the entry and its kind, not the person */
	if (!rc)
		rc = ctx_audit(ctx, "restriction.add", "award_restriction", *id, u.id,
			       json_pack("{s:s, s:s, s:i, s:i}", "kind", subject_kind_name(s.kind),
					 "reason", restriction_reason_name(c->reason), "from",
					 (int)c->from_on, "until", (int)c->until_on));
	return rc;
}

int restriction_add(struct dv_ctx *ctx, const struct restriction_input *in, int64_t *id_out)
{
	struct clean_restriction c;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_RESTRICT_AWARDS, in->unit_id))
		return perm_require(ctx, ACT_RESTRICT_AWARDS, in->unit_id);
	if (restriction_reason_parse(in->reason, &c.reason, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "reason",
			       "Say whether under discipline, investigation or inspection");
	int rc = read_day(ctx, in->from_on, "from_on", &c.from_on);
	if (rc || (rc = read_day(ctx, in->until_on, "until_on", &c.until_on)))
		return rc;
	if (!c.from_on)
		return dv_fail(&ctx->err, DV_EINVAL, "from_on", "Give the day it began");
	if (c.until_on && c.until_on < c.from_on)
		return dv_fail(&ctx->err, DV_EINVAL, "until_on", "It cannot end before it began");
	if ((rc = text_clean(ctx->arena, in->note, slen(in->note), RESTRICTION_NOTE_MAX,
			     TEXT_MULTILINE, "note", &c.note, &ctx->err)) ||
	    (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, add_tx(ctx, in, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int lift_tx(struct dv_ctx *ctx, int64_t id, int32_t on)
{
	int64_t unit = 0, from = 0;
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT unit_id, from_on, CASE WHEN lifted_on IS NULL THEN 0 ELSE 1 END "
			  "FROM award_restriction WHERE id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such entry");
	unit = db_col_int(st, 0);
	from = db_col_int(st, 1);
	int lifted = db_col_int(st, 2) != 0;
	db_finish(st);
	if (!perm_may(ctx, ACT_RESTRICT_AWARDS, unit))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such entry");
	if (lifted)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The entry was lifted already");
	if (on < from)
		return dv_fail(&ctx->err, DV_EINVAL, "on", "An entry is lifted after it began");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE award_restriction SET lifted_on = $1, lifted_by = $2, lifted_at = $3 "
		    "WHERE id = $4",
		    DB_I(on), DB_ID(ctx->actor->account_id), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "restriction.lift", "award_restriction", id, unit,
			       json_pack("{s:i}", "on", (int)on));
	return rc;
}

int restriction_lift(struct dv_ctx *ctx, int64_t id, const char *on_in)
{
	int32_t on = 0;
	int rc = read_day(ctx, on_in, "on", &on);
	if (rc)
		return rc;
	if (!on)
		on = time_local_date(ctx->now);
	if (on > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_EINVAL, "on", "An entry is lifted on a day that has come");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, lift_tx(ctx, id, on));
}

/* --------------------------------------------------------------- reading */

int restriction_unit(struct dv_ctx *ctx, int64_t id, int64_t *unit_id)
{
	int rc = db_int(ctx->db, unit_id, &ctx->err,
			"SELECT unit_id FROM award_restriction WHERE id = $1", DB_I(id));
	if (rc == DV_ENOTFOUND || (!rc && !perm_may(ctx, ACT_RESTRICT_AWARDS, *unit_id)))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such entry");
	return rc;
}

static int list_query(struct dv_ctx *ctx, int64_t unit_id, struct restriction **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int32_t today = time_local_date(ctx->now);
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT r.id, r.unit_id, r.kind, COALESCE(r.ref, 0), r.name, r.detail, r.reason, "
		"r.from_on, COALESCE(r.until_on, 0), COALESCE(r.lifted_on, 0), r.note, "
		"COALESCE(a.display_name, ''), r.recorded_at, COALESCE(r.ward_id, 0) FROM "
		"award_restriction r LEFT JOIN account a ON a.id = r.recorded_by WHERE r.unit_id IN "
		"(SELECT descendant FROM unit_tree WHERE ancestor = $1) ORDER BY r.id DESC LIMIT 1000",
		DB_I(unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct restriction *x = ARENA_PUSH(ctx->arena, *out, *n, cap);
		memset(x, 0, sizeof(*x));
		x->id = db_col_int(st, 0);
		x->unit_id = db_col_int(st, 1);
		if (subject_kind_parse(db_col_text(st, 2), &x->subject.kind, NULL))
			x->subject.kind = SUBJ_INDIVIDUAL;
		x->subject.ref = db_col_int(st, 3);
		x->subject.name = arena_strdup(ctx->arena, db_col_text(st, 4));
		x->subject.detail = arena_strdup(ctx->arena, db_col_text(st, 5));
		x->subject.ward_id = db_col_int(st, 13);
		if (restriction_reason_parse(db_col_text(st, 6), &x->reason, NULL))
			x->reason = RR_DISCIPLINE;
		x->from_on = (int32_t)db_col_int(st, 7);
		x->until_on = (int32_t)db_col_int(st, 8);
		x->lifted_on = (int32_t)db_col_int(st, 9);
		x->note = arena_strdup(ctx->arena, db_col_text(st, 10));
		x->recorded_by = arena_strdup(ctx->arena, db_col_text(st, 11));
		x->recorded_at = db_col_int(st, 12);
		x->active = x->from_on <= today && (!x->until_on || x->until_on >= today) &&
			    (!x->lifted_on || x->lifted_on > today);
	}
	return rc < 0 ? rc : 0;
}

int restriction_list(struct dv_ctx *ctx, int64_t unit_id, struct restriction **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!perm_may(ctx, ACT_RESTRICT_AWARDS, unit_id))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "This register is seen only by the council and the inspection staff");
	/* who looked, and when, is kept in the audit like any change */
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	rc = list_query(ctx, unit_id, out, n);
	if (!rc)
		rc = ctx_audit(ctx, "restriction.view", "unit", unit_id, unit_id,
			       json_pack("{s:I}", "entries", (json_int_t)*n));
	return ctx_end(ctx, rc);
}

/*
 * Households' shares of a work: frontage and exemptions set by the work's
 * managers, the household's consent to its name being shown, the list of
 * households with what each owes and gave, and a household's own works.
 */
#include "domain/works/share.h"

#include <ctype.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/household.h"
#include "domain/registry/unit.h"
#include "domain/works/works_impl.h"

DV_ENUM_DEFINE(exemption, XM_COUNT, EXEMPTIONS, "exemption");
DV_ENUM_DEFINE(exempt_category, EXC_COUNT, EXEMPT_CATEGORIES, "category");

int64_t share_due(const struct work *w, const struct share *s)
{
	if (s->exemption == XM_EXEMPT)
		return 0;
	if (s->exemption == XM_REDUCED)
		return s->due;
	if (!w->has_levy)
		return 0;
	switch (w->levy) {
	case LEVY_PER_HOUSEHOLD: return w->levy_amount;
	case LEVY_PER_METRE: return w->levy_amount * s->frontage_cm / 100;
	default: return 0;
	}
}

/* ------------------------------------------------------------ households */

int share_find_household(struct dv_ctx *ctx, const struct work *w, int64_t id, const char *code,
			 const char *field, int64_t *household_id)
{
	struct household h;
	int within = 0;
	int rc = 0;
	if (id <= 0 && code && *code) {
		const char *clean;
		if (household_clean_code(ctx, code, &clean) ||
		    (rc = household_find_code(ctx, w->ward_id, clean, &id)))
			return dv_fail(&ctx->err, DV_EINVAL, field,
				       "No household with this code in the work's unit");
	}
	if (id <= 0 || household_load(ctx, id, &h) || strcmp(h.status, "active") != 0 ||
	    unit_is_within(ctx, h.unit_id, w->unit_id, &within) || !within)
		return dv_fail(&ctx->err, DV_EINVAL, field,
			       "The household does not live in the work's unit: a household gives "
			       "to the works of its own community");
	*household_id = id;
	return 0;
}

/* "4,5" or "4.5" metres (two decimals at most) into centimetres. */
static int frontage_cm(struct dv_ctx *ctx, const char *s, int64_t *out)
{
	int64_t m = 0, cm = 0;
	int digits = 0, decimals = -1;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (decimals >= 0) {
				if (++decimals > 2)
					break;
				cm = cm * 10 + (*p - '0');
			} else if (++digits <= 6) {
				m = m * 10 + (*p - '0');
			}
		} else if ((*p == ',' || *p == '.') && decimals < 0 && digits) {
			decimals = 0;
		} else {
			digits = 0;
			break;
		}
	}
	if (decimals == 1)
		cm *= 10;
	*out = m * 100 + cm;
	if (!digits || decimals > 2 || decimals == 0 || *out > SHARE_FRONTAGE_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "frontage",
			       "Write the frontage in metres, such as 4,5 (at most 1000 m)");
	return 0;
}

struct clean_share {
	int has_frontage, has_exemption;
	int64_t frontage_cm, due;
	enum exemption exemption;
	enum exempt_category category;
};

static int clean_share(struct dv_ctx *ctx, const struct share_input *in, struct clean_share *c)
{
	memset(c, 0, sizeof(*c));
	int rc = 0;
	if (in->frontage) {
		c->has_frontage = 1;
		if (*in->frontage && (rc = frontage_cm(ctx, in->frontage, &c->frontage_cm)))
			return rc;
	}
	if (!in->exemption)
		return 0;
	c->has_exemption = 1;
	if (exemption_parse(in->exemption, &c->exemption, &ctx->err))
		return DV_EINVAL;
	if (exempt_category_parse(in->category ? in->category : "", &c->category, &ctx->err))
		return DV_EINVAL;
	if (c->exemption != XM_NONE && c->category == EXC_NONE)
		return dv_fail(&ctx->err, DV_EINVAL, "category",
			       "Say which case the community decided it is");
	if (c->exemption == XM_NONE)
		c->category = EXC_NONE;
	if (c->exemption == XM_REDUCED)
		rc = works_amount(ctx, in->due, "due", 1, 1, &c->due);
	return rc;
}

static int set_tx(struct dv_ctx *ctx, int64_t work_id, int64_t household_id,
		  const struct clean_share *c)
{
	struct work w;
	int64_t hid = 0;
	int rc = work_get(ctx, work_id, &w);
	if (rc || (rc = works_require_manager(ctx, &w)) ||
	    (rc = share_find_household(ctx, &w, household_id, NULL, "share_household", &hid)))
		return rc;
	if (w.status >= WS_ACCEPTED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The work is accepted: the households' shares no longer change");
	if (c->exemption == XM_REDUCED && w.has_levy && w.levy == LEVY_PER_HOUSEHOLD &&
	    c->due >= w.levy_amount)
		return dv_fail(&ctx->err, DV_EINVAL, "due",
			       "A reduced share is less than the full one");
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO work_household (work_id, household_id, ward_id, frontage_cm, "
		    "exemption, category, due, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, "
		    "$6, $7, $8, $9) ON CONFLICT (work_id, household_id) DO UPDATE SET "
		    "frontage_cm = CASE WHEN $10 = 1 THEN $4 ELSE work_household.frontage_cm END, "
		    "exemption = CASE WHEN $11 = 1 THEN $5 ELSE work_household.exemption END, "
		    "category = CASE WHEN $11 = 1 THEN $6 ELSE work_household.category END, "
		    "due = CASE WHEN $11 = 1 THEN $7 ELSE work_household.due END, "
		    "updated_by = $8, updated_at = $9",
		    DB_I(work_id), DB_I(hid), DB_ID(w.ward_id), DB_I(c->frontage_cm),
		    DB_T(exemption_name(c->exemption)), DB_T(exempt_category_name(c->category)),
		    DB_I(c->due), DB_ID(ctx->actor->account_id), DB_I(ctx->now),
		    DB_I(c->has_frontage), DB_I(c->has_exemption));
	/* the category is why a household is exempt: it stays out of the audit
	 * details, which are shown to more people than the work's managers */
	if (!rc)
		rc = ctx_audit(ctx, "work.share", "work", work_id, w.unit_id,
			       json_pack("{s:I, s:s, s:I}", "household", (json_int_t)hid,
					 "exemption", exemption_name(c->exemption), "frontage_cm",
					 (json_int_t)c->frontage_cm));
	return rc;
}

int share_set(struct dv_ctx *ctx, int64_t work_id, int64_t household_id,
	      const struct share_input *in)
{
	struct clean_share c;
	int rc = clean_share(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, set_tx(ctx, work_id, household_id, &c));
}

/* ----------------------------------------------------------------- lists */

#define SHARE_COLS                                                                                 \
	"h.id, COALESCE(h.code, ''), h.address, COALESCE(r.full_name, ''), "                       \
	"COALESCE(wh.show_name, 0), COALESCE(wh.frontage_cm, 0), COALESCE(wh.exemption, ''), "     \
	"COALESCE(wh.category, ''), COALESCE(wh.due, 0), COALESCE(wh.pledged, 0), "                \
	"COALESCE(wh.given, 0), COALESCE(wh.refunded, 0), COALESCE(wh.entries, 0)"

#define SHARE_FROM                                                                                 \
	" FROM household h LEFT JOIN resident r ON r.id = h.representative_id "                    \
	"LEFT JOIN work_household wh ON wh.work_id = $1 AND wh.household_id = h.id"

static void read_share(struct dv_ctx *ctx, struct db_stmt *st, const struct work *w,
		       struct share *s)
{
	memset(s, 0, sizeof(*s));
	s->household_id = db_col_int(st, 0);
	s->code = arena_strdup(ctx->arena, db_col_text(st, 1));
	s->house_no = works_house_no(ctx->arena, db_col_text(st, 2));
	s->show_name = db_col_int(st, 4) != 0;
	int names = w->may_manage || s->show_name || s->household_id == ctx->actor->household_id;
	s->name = names ? arena_strdup(ctx->arena, db_col_text(st, 3)) : "";
	s->frontage_cm = db_col_int(st, 5);
	if (exemption_parse(db_col_text(st, 6), &s->exemption, NULL))
		s->exemption = XM_NONE;
	if (!w->may_manage || exempt_category_parse(db_col_text(st, 7), &s->category, NULL))
		s->category = EXC_NONE;
	s->due = db_col_int(st, 8);
	s->pledged = db_col_int(st, 9);
	s->given = db_col_int(st, 10);
	s->refunded = db_col_int(st, 11);
	s->entries = db_col_int(st, 12);
	s->due = share_due(w, s);
}

int share_list(struct dv_ctx *ctx, const struct work *w, int64_t offset, int limit,
	       struct share **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > SHARE_PAGE_MAX || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	int rc =
		db_query(ctx->db, &st, &ctx->err,
			 "SELECT " SHARE_COLS SHARE_FROM " WHERE h.status = 'active' AND h.unit_id "
			 "IN (SELECT descendant FROM unit_tree WHERE ancestor = $2) ORDER BY "
			 "COALESCE(h.code, ''), h.id LIMIT $3 OFFSET $4",
			 DB_I(w->id), DB_I(w->unit_id), DB_I(limit + 1), DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_share(ctx, st, w, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	return rc < 0 ? rc : 0;
}

int share_counts(struct dv_ctx *ctx, const struct work *w, struct share_counts *c)
{
	struct db_stmt *st = NULL;
	memset(c, 0, sizeof(*c));
	int rc =
		db_query(ctx->db, &st, &ctx->err,
			 "SELECT " SHARE_COLS SHARE_FROM " WHERE h.status = 'active' AND h.unit_id "
			 "IN (SELECT descendant FROM unit_tree WHERE ancestor = $2)",
			 DB_I(w->id), DB_I(w->unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct share s;
		struct arena *keep = ctx->arena, scratch = ARENA_INIT;
		ctx->arena = &scratch;
		read_share(ctx, st, w, &s);
		ctx->arena = keep;
		arena_release(&scratch);
		int64_t net = s.given - s.refunded;
		c->households++;
		c->exempt += s.exemption != XM_NONE;
		if (s.exemption == XM_EXEMPT)
			continue;
		if (net > 0 && net >= s.due)
			c->paid++;
		else if (net > 0)
			c->partly++;
		else
			c->unpaid++;
	}
	return rc < 0 ? rc : 0;
}

/* --------------------------------------------------------------- consent */

static int consent_tx(struct dv_ctx *ctx, int64_t work_id, int show)
{
	struct work w;
	struct household h;
	int64_t hid = ctx->actor->household_id, dummy = 0;
	int rc = work_get(ctx, work_id, &w);
	if (rc)
		return rc;
	if (!hid || household_load(ctx, hid, &h) ||
	    !perm_may_household(ctx, ACT_WORK_CONSENT, hid, h.unit_id))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only a household's representative decides this for it");
	if ((rc = share_find_household(ctx, &w, hid, NULL, "household", &dummy)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO work_household (work_id, household_id, ward_id, show_name, "
		    "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT "
		    "(work_id, household_id) DO UPDATE SET show_name = $4, updated_by = $5, "
		    "updated_at = $6",
		    DB_I(work_id), DB_I(hid), DB_ID(w.ward_id), DB_I(show ? 1 : 0),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(
			ctx, "work.consent", "work", work_id, w.unit_id,
			json_pack("{s:I, s:b}", "household", (json_int_t)hid, "show_name", show));
	return rc;
}

int share_consent(struct dv_ctx *ctx, int64_t work_id, int show_name)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, consent_tx(ctx, work_id, show_name));
}

/* ------------------------------------------------------------ a household */

static int one_share(struct dv_ctx *ctx, const struct work *w, int64_t hid, struct share *s)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " SHARE_COLS SHARE_FROM " WHERE h.id = $2", DB_I(w->id),
			  DB_I(hid));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such household");
	read_share(ctx, st, w, s);
	db_finish(st);
	return 0;
}

#define MY_WORKS_MAX 50

int share_mine(struct dv_ctx *ctx, int64_t household_id, struct my_share **out, size_t *n)
{
	struct household h;
	struct db_stmt *st = NULL;
	int64_t *ids = NULL;
	size_t nids = 0, cap = 0;
	*out = NULL;
	*n = 0;
	int rc = household_load(ctx, household_id, &h);
	if (rc)
		return rc;
	if (ctx->actor->household_id != household_id &&
	    !perm_may_household(ctx, ACT_VIEW_HOUSEHOLDS, household_id, h.unit_id))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such household");
	/* the works it gave to or has a share in, and those of its community
	 * that collect now */
	rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT w.id FROM work w WHERE w.id IN (SELECT work_id FROM work_household "
		"WHERE household_id = $1) OR (w.status IN ('collecting', 'building') AND w.unit_id "
		"IN (SELECT ancestor FROM unit_tree WHERE descendant = $2)) ORDER BY w.id DESC "
		"LIMIT $3",
		DB_I(household_id), DB_I(h.unit_id), DB_I(MY_WORKS_MAX));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, ids, nids, cap) = db_col_int(st, 0);
	if (rc < 0)
		return rc;
	cap = 0;
	for (size_t i = 0; i < nids; i++) {
		struct my_share *m = ARENA_PUSH(ctx->arena, *out, *n, cap);
		if ((rc = work_get(ctx, ids[i], &m->work)) ||
		    (rc = one_share(ctx, &m->work, household_id, &m->share)))
			return rc;
	}
	return 0;
}

#include "domain/emulation/subject.h"

#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/registry/household.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"

DV_ENUM_DEFINE(subject_kind, SUBJ_COUNT, SUBJECT_KINDS, "kind");

int subject_is_collective(enum subject_kind k)
{
	return k != SUBJ_INDIVIDUAL;
}

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

/* The unit exists, is active and sits within `within` (0: anywhere). */
static int check_within(struct dv_ctx *ctx, int64_t unit_id, int64_t within, const char *field,
			struct unit *u)
{
	int in = 1;
	int rc = unit_get(ctx, unit_id, u);
	if (!rc && within)
		rc = unit_is_within(ctx, unit_id, within, &in);
	if (rc == DV_ENOTFOUND || (!rc && (!in || strcmp(u->status, "active") != 0)))
		return dv_fail(&ctx->err, DV_EINVAL, field, "No such unit here");
	return rc;
}

/* A unit as its name reads on paper: "Khu phố Đông Tác". Stored names are
 * in Vietnamese whoever types them, so the words are here, not in the
 * interface's catalog. */
const char *subject_unit_title(struct arena *a, int kind, const char *name)
{
	static const char *const words[] = {
		[UNIT_PROVINCE] = "Tỉnh",	  [UNIT_CITY] = "Thành phố",
		[UNIT_WARD] = "Phường",		  [UNIT_COMMUNE] = "Xã",
		[UNIT_NEIGHBORHOOD] = "Khu phố", [UNIT_VILLAGE] = "Thôn",
		[UNIT_RESIDENTIAL_GROUP] = "Tổ dân phố",
	};
	_Static_assert(ARRAY_LEN(words) == UNIT_KIND_COUNT, "a word per kind of unit");
	return arena_printf(a, "%s %s", words[(unsigned)kind < UNIT_KIND_COUNT ? kind : 0], name);
}

static int resolve_record(struct dv_ctx *ctx, const struct subject_input *in, int64_t within,
			  struct subject *s, const char **record_name)
{
	struct unit u;
	int rc;
	switch (s->kind) {
	case SUBJ_UNIT:
		if ((rc = check_within(ctx, in->ref, within, "ref", &u)))
			return rc;
		s->unit_id = u.id;
		*record_name = subject_unit_title(ctx->arena, u.kind, u.name);
		return 0;
	case SUBJ_ORGANIZATION: {
		struct organization o;
		rc = org_get(ctx, in->ref, &o);
		if (rc == DV_ENOTFOUND)
			return dv_fail(&ctx->err, DV_EINVAL, "ref", "No such organization here");
		if (rc || (rc = check_within(ctx, o.unit_id, within, "ref", &u)))
			return rc;
		s->unit_id = o.unit_id;
		*record_name = o.name;
		return 0;
	}
	case SUBJ_HOUSEHOLD: {
		struct household h;
		rc = household_load(ctx, in->ref, &h);
		if (rc == DV_ENOTFOUND || (!rc && strcmp(h.status, "active") != 0))
			return dv_fail(&ctx->err, DV_EINVAL, "ref", "No such household here");
		if (rc || (rc = check_within(ctx, h.unit_id, within, "ref", &u)))
			return rc;
		s->unit_id = h.unit_id;
		*record_name = *h.representative_name
				       ? arena_printf(ctx->arena, "Hộ %s, %s", h.representative_name,
						      h.address)
				       : arena_printf(ctx->arena, "Hộ %s", h.address);
		return 0;
	}
	case SUBJ_INDIVIDUAL:
	default: {
		struct db_stmt *st = NULL;
		rc = db_query(ctx->db, &st, &ctx->err,
			      "SELECT r.full_name, h.unit_id FROM resident r JOIN household h ON "
			      "h.id = r.household_id WHERE r.id = $1 AND r.status = 'present' AND "
			      "h.status = 'active'",
			      DB_I(in->ref));
		if (rc)
			return rc;
		if ((rc = db_step(st, &ctx->err)) != DB_ROW)
			return rc < 0 ? rc
				      : dv_fail(&ctx->err, DV_EINVAL, "ref", "No such resident here");
		*record_name = arena_strdup(ctx->arena, db_col_text(st, 0));
		s->unit_id = db_col_int(st, 1);
		db_finish(st);
		return check_within(ctx, s->unit_id, within, "ref", &u);
	}
	}
}

int subject_resolve(struct dv_ctx *ctx, const struct subject_input *in, int64_t within,
		    struct subject *s)
{
	const char *name, *detail, *record_name = NULL;
	memset(s, 0, sizeof(*s));
	if (subject_kind_parse(in->kind, &s->kind, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "kind",
			       "Say whether a unit, an organization, a household or a person");
	int rc = text_clean(ctx->arena, in->name, slen(in->name), SUBJECT_NAME_MAX, 0, "name",
			    &name, &ctx->err);
	if (rc || (rc = text_clean(ctx->arena, in->detail, slen(in->detail), SUBJECT_DETAIL_MAX, 0,
				   "detail", &detail, &ctx->err)))
		return rc;
	if (in->ref < 0)
		return dv_fail(&ctx->err, DV_EINVAL, "ref", "No such record");
	if (in->ref) {
		if ((rc = resolve_record(ctx, in, within, s, &record_name)))
			return rc;
		s->ref = in->ref;
	} else if (s->kind != SUBJ_INDIVIDUAL) {
		return dv_fail(&ctx->err, DV_EINVAL, "ref", "Choose the unit, organization or household");
	} else {
		struct unit u;
		if (!*name)
			return dv_fail(&ctx->err, DV_EINVAL, "name", "Write the person's full name");
		if (!in->unit_id)
			return dv_fail(&ctx->err, DV_EINVAL, "unit", "Say where the person works or lives");
		if ((rc = check_within(ctx, in->unit_id, within, "unit", &u)))
			return rc;
		s->unit_id = u.id;
	}
	s->name = *name ? name : record_name;
	s->name_folded = text_fold_a(ctx->arena, s->name);
	s->detail = detail;
	rc = unit_commune_of(ctx, s->unit_id, &s->ward_id);
	if (rc == DV_ENOTFOUND) {
		s->ward_id = 0;
		rc = 0;
	}
	return rc;
}

const char *subject_key(struct arena *a, const struct subject *s)
{
	static const char *const kinds[] = {
		[SUBJ_UNIT] = "unit",
		[SUBJ_ORGANIZATION] = "organization",
		[SUBJ_HOUSEHOLD] = "household",
		[SUBJ_INDIVIDUAL] = "resident",
	};
	_Static_assert(ARRAY_LEN(kinds) == SUBJ_COUNT, "a key per kind");
	if (s->ref)
		return arena_printf(a, "%s:%lld", kinds[s->kind], (long long)s->ref);
	return arena_printf(a, "person:%s", s->name_folded);
}

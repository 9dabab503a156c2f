#include "domain/registry/resident.h"

#include <ctype.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

DV_ENUM_DEFINE(resident_status, RES_STATUS_COUNT, RESIDENT_STATUSES, "status");
DV_ENUM_DEFINE(gender, GENDER_COUNT, GENDERS, "gender");

/* ------------------------------------------------------------ validation */

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

int resident_clean_name(struct dv_ctx *ctx, const char *in, const char **out)
{
	int rc = text_clean(ctx->arena, in, slen(in), RESIDENT_NAME_MAX, TEXT_REQUIRED, "full_name",
			    out, &ctx->err);
	if (rc)
		return rc;
	for (const char *p = *out; *p; p++)
		if (isdigit((unsigned char)*p) || strchr("@#$%^&*=+<>{}[]|\\/;:\"", *p))
			return dv_fail(&ctx->err, DV_EINVAL, "full_name",
				       "A name holds only letters and spaces");
	return 0;
}

int resident_clean_birth_date(struct dv_ctx *ctx, const char *in, int32_t *out)
{
	const char *s;
	*out = 0;
	int rc = text_clean(ctx->arena, in, slen(in), 20, 0, "birth_date", &s, &ctx->err);
	if (rc || !*s)
		return rc;
	if ((rc = date_parse(s, out, &ctx->err))) {
		ctx->err.field = "birth_date";
		return rc;
	}
	if (*out > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_EINVAL, "birth_date",
			       "A birth date cannot be in the future");
	if (*out < 19000101)
		return dv_fail(&ctx->err, DV_EINVAL, "birth_date",
			       "A birth date before 1900 is not plausible");
	return 0;
}

int resident_clean_gender(struct dv_ctx *ctx, const char *in, const char **out)
{
	const char *folded = text_fold_a(ctx->arena, in ? in : "");
	static const char *male[] = {"male", "nam", "m", NULL};
	static const char *female[] = {"female", "nu", "f", NULL};
	for (int i = 0; male[i]; i++)
		if (strcmp(folded, male[i]) == 0)
			return *out = gender_name(GENDER_MALE), 0;
	for (int i = 0; female[i]; i++)
		if (strcmp(folded, female[i]) == 0)
			return *out = gender_name(GENDER_FEMALE), 0;
	return dv_fail(&ctx->err, DV_EINVAL, "gender", "Choose male (nam) or female (nữ)");
}

int resident_clean_relation(struct dv_ctx *ctx, const char *in, const char **out)
{
	return text_clean(ctx->arena, in, slen(in), RESIDENT_RELATION_MAX, TEXT_REQUIRED,
			  "relation", out, &ctx->err);
}

/* Vietnamese numbers: mobiles 0[35789] + 8 digits, landlines 02 + 9 digits;
 * people also write +84, 84, spaces, dots and dashes. */
int resident_clean_phone(struct dv_ctx *ctx, const char *in, const char **out)
{
	char d[24];
	size_t n = 0;
	const char *p = in ? in : "";
	*out = "";
	while (*p == ' ')
		p++;
	if (!*p)
		return 0;
	if (p[0] == '+') {
		if (strncmp(p, "+84", 3) != 0)
			goto bad;
		d[n++] = '0';
		p += 3;
	}
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n >= sizeof(d) - 1)
				goto bad;
			d[n++] = *p;
		} else if (!strchr(" .-()", *p)) {
			goto bad;
		}
	}
	d[n] = '\0';
	if (n == 11 && strncmp(d, "84", 2) == 0 && d[2] != '0') {
		memmove(d + 1, d + 2, n - 1);
		d[0] = '0';
		n = 10;
	}
	if ((n == 10 && d[0] == '0' && strchr("35789", d[1])) ||
	    (n == 11 && d[0] == '0' && d[1] == '2')) {
		*out = arena_strdup(ctx->arena, d);
		return 0;
	}
bad:
	return dv_fail(&ctx->err, DV_EINVAL, "phone",
		       "Enter a Vietnamese phone number, such as 0912 345 678");
}

int resident_clean_national_id(struct dv_ctx *ctx, const char *in, const char **out)
{
	const char *s;
	int rc = text_clean(ctx->arena, in, slen(in), 20, 0, "national_id", &s, &ctx->err);
	if (rc)
		return rc;
	*out = s;
	if (!*s)
		return 0;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			n = 0;
	if (n != 12 && n != 9)
		return dv_fail(&ctx->err, DV_EINVAL, "national_id",
			       "A citizen ID has 12 digits (an old ID card 9)");
	return 0;
}

int resident_clean_input(struct dv_ctx *ctx, const struct resident_input *in,
			 struct resident_clean *out)
{
	int rc;
	if ((rc = resident_clean_name(ctx, in->full_name, &out->full_name)) ||
	    (rc = resident_clean_birth_date(ctx, in->birth_date, &out->birth_date)) ||
	    (rc = resident_clean_gender(ctx, in->gender, &out->gender)) ||
	    (rc = resident_clean_relation(ctx, in->relation, &out->relation)) ||
	    (rc = resident_clean_phone(ctx, in->phone, &out->phone)) ||
	    (rc = resident_clean_national_id(ctx, in->national_id, &out->national_id)))
		return rc;
	return 0;
}

static int is_head_of_household(struct dv_ctx *ctx, const char *relation)
{
	return strcmp(text_fold_a(ctx->arena, relation), "chu ho") == 0;
}

/* ---------------------------------------------------------------- adding */

static int load_editable_household(struct dv_ctx *ctx, int64_t id, struct household *h)
{
	int rc = household_get(ctx, id, h);
	if (rc == DV_ENOTFOUND)
		ctx->err.field = "household";
	if (rc)
		return rc;
	if (strcmp(h->status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "household", "This household is dissolved");
	return perm_require(ctx, ACT_EDIT_HOUSEHOLDS, h->unit_id);
}

int resident_insert(struct dv_ctx *ctx, int64_t household_id, int64_t ward_id,
		    const struct resident_clean *c, int64_t *id)
{
	return db_int(
		ctx->db, id, &ctx->err,
		"INSERT INTO resident (household_id, ward_id, full_name, name_folded, sort_key, "
		"birth_date, gender, phone, relation, national_id, created_at, updated_at) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
		DB_I(household_id), DB_I(ward_id), DB_T(c->full_name),
		DB_T(text_fold_a(ctx->arena, c->full_name)),
		DB_T(text_name_sort_key_a(ctx->arena, c->full_name)), DB_ID(c->birth_date),
		DB_T(c->gender), DB_T(*c->phone ? c->phone : NULL), DB_T(c->relation),
		DB_T(*c->national_id ? c->national_id : NULL), DB_I(ctx->now));
}

static int add_tx(struct dv_ctx *ctx, const struct resident_input *in,
		  const struct resident_clean *c, int64_t *id)
{
	struct household h;
	int rc = load_editable_household(ctx, in->household_id, &h);
	if (rc)
		return rc;
	rc = resident_insert(ctx, h.id, h.ward_id, c, id);
	if (!rc)
		rc = unit_counts_add(ctx, h.unit_id, 0, 1);
	if (!rc && (in->representative ||
		    (!h.representative_id && is_head_of_household(ctx, c->relation))))
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE household SET representative_id = $1 WHERE id = $2", DB_I(*id),
			    DB_I(h.id));
	/* personal data stays out of the audit log, which more people may read */
	if (!rc)
		rc = ctx_audit(ctx, "resident.add", "resident", *id, h.unit_id,
			       json_pack("{s:I, s:s, s:s}", "household", (json_int_t)h.id,
					 "full_name", c->full_name, "relation", c->relation));
	return rc;
}

int resident_add(struct dv_ctx *ctx, const struct resident_input *in, int64_t *id_out)
{
	struct resident_clean c;
	int64_t id = 0;
	int rc = resident_clean_input(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, add_tx(ctx, in, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct resident_clean *c)
{
	struct resident r;
	struct household h;
	int rc = resident_get(ctx, id, &r);
	if (rc || (rc = load_editable_household(ctx, r.household_id, &h)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE resident SET full_name = $1, name_folded = $2, sort_key = $3, "
		    "birth_date = $4, gender = $5, phone = $6, relation = $7, national_id = $8, "
		    "updated_at = $9 WHERE id = $10",
		    DB_T(c->full_name), DB_T(text_fold_a(ctx->arena, c->full_name)),
		    DB_T(text_name_sort_key_a(ctx->arena, c->full_name)), DB_ID(c->birth_date),
		    DB_T(c->gender), DB_T(*c->phone ? c->phone : NULL), DB_T(c->relation),
		    DB_T(*c->national_id ? c->national_id : NULL), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "resident.update", "resident", id, h.unit_id,
			       json_pack("{s:s, s:s, s:s, s:s}", "full_name", c->full_name,
					 "relation", c->relation, "old_full_name", r.full_name,
					 "old_relation", r.relation));
	return rc;
}

int resident_update(struct dv_ctx *ctx, int64_t id, const struct resident_input *in)
{
	struct resident_clean c;
	int rc = resident_clean_input(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, &c));
}

/* --------------------------------------------------------------- reading */

#define RESIDENT_COLS                                                                              \
	"r.id, r.household_id, r.full_name, r.gender, r.relation, r.status, r.status_date, "       \
	"CASE WHEN h.representative_id = r.id THEN 1 ELSE 0 END, r.birth_date, r.phone, "          \
	"r.national_id"

static void read_resident(struct dv_ctx *ctx, struct db_stmt *st, int personal, struct resident *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->household_id = db_col_int(st, 1);
	r->full_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	r->gender = arena_strdup(ctx->arena, db_col_text(st, 3));
	r->relation = arena_strdup(ctx->arena, db_col_text(st, 4));
	r->status = arena_strdup(ctx->arena, db_col_text(st, 5));
	r->status_date = (int32_t)db_col_int(st, 6);
	r->is_representative = (int)db_col_int(st, 7);
	r->personal = personal;
	r->phone = "";
	r->national_id = "";
	if (personal) {
		r->birth_date = (int32_t)db_col_int(st, 8);
		r->phone = arena_strdup(ctx->arena, db_col_text(st, 9));
		r->national_id = arena_strdup(ctx->arena, db_col_text(st, 10));
	}
}

static int may_see_personal(struct dv_ctx *ctx, const struct household *h)
{
	return ctx->actor->household_id == h->id || perm_may(ctx, ACT_VIEW_PERSONAL, h->unit_id);
}

int resident_get(struct dv_ctx *ctx, int64_t id, struct resident *r)
{
	int64_t hid = 0;
	struct household h;
	int rc = db_int(ctx->db, &hid, &ctx->err, "SELECT household_id FROM resident WHERE id = $1",
			DB_I(id));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such resident");
	if (rc || (rc = household_get(ctx, hid, &h)))
		return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, rc, NULL, "No such resident") : rc;
	int personal = may_see_personal(ctx, &h);
	struct db_stmt *st = NULL;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT " RESIDENT_COLS " FROM resident r JOIN household h "
		      "ON h.id = r.household_id WHERE r.id = $1",
		      DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such resident");
	read_resident(ctx, st, personal, r);
	db_finish(st);
	return 0;
}

int resident_list(struct dv_ctx *ctx, int64_t household_id, struct resident **out, size_t *n)
{
	struct household h;
	int rc = household_get(ctx, household_id, &h);
	if (rc)
		return rc;
	int personal = may_see_personal(ctx, &h);
	struct db_stmt *st = NULL;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT " RESIDENT_COLS " FROM resident r JOIN household h "
		      "ON h.id = r.household_id WHERE r.household_id = $1 "
		      "ORDER BY CASE WHEN r.status = 'present' THEN 0 ELSE 1 END, r.id",
		      DB_I(household_id));
	if (rc)
		return rc;
	size_t len = 0, cap = 0;
	struct resident *v = NULL;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_resident(ctx, st, personal, ARENA_PUSH(ctx->arena, v, len, cap));
	*out = v;
	*n = len;
	return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------- status */

static int status_tx(struct dv_ctx *ctx, int64_t id, enum resident_status to, int32_t date)
{
	struct resident r;
	struct household h;
	int rc = resident_get(ctx, id, &r);
	if (rc || (rc = load_editable_household(ctx, r.household_id, &h)))
		return rc;
	const char *to_name = resident_status_name(to);
	if (strcmp(r.status, to_name) == 0)
		return 0;
	if (strcmp(r.status, "deceased") == 0)
		return dv_fail(&ctx->err, DV_EINVAL, "status",
			       "This resident is recorded as deceased");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE resident SET status = $1, status_date = $2, updated_at = $3 "
		    "WHERE id = $4",
		    DB_T(to_name), DB_ID(to == RES_PRESENT ? 0 : date), DB_I(ctx->now), DB_I(id));
	int was_present = strcmp(r.status, "present") == 0;
	if (!rc && was_present != (to == RES_PRESENT))
		rc = unit_counts_add(ctx, h.unit_id, 0, was_present ? -1 : 1);
	if (!rc && to != RES_PRESENT && h.representative_id == id)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE household SET representative_id = NULL WHERE id = $1",
			    DB_I(h.id));
	if (!rc)
		rc = ctx_audit(ctx, "resident.status", "resident", id, h.unit_id,
			       json_pack("{s:s, s:s, s:i}", "from", r.status, "to", to_name, "date",
					 (int)date));
	return rc;
}

int resident_set_status(struct dv_ctx *ctx, int64_t id, enum resident_status status,
			const char *date_in)
{
	int32_t date = 0;
	int rc;
	if (status != RES_PRESENT) {
		if (!date_in || !*date_in)
			return dv_fail(&ctx->err, DV_EINVAL, "date",
				       "Enter the date, as dd/mm/yyyy");
		if ((rc = date_parse(date_in, &date, &ctx->err))) {
			ctx->err.field = "date";
			return rc;
		}
		if (date > time_local_date(ctx->now))
			return dv_fail(&ctx->err, DV_EINVAL, "date", "This date is in the future");
	}
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, status_tx(ctx, id, status, date));
}

static int move_tx(struct dv_ctx *ctx, int64_t id, int64_t to)
{
	struct resident r;
	struct household from, dest;
	int rc = resident_get(ctx, id, &r);
	if (rc || (rc = load_editable_household(ctx, r.household_id, &from)) ||
	    (rc = load_editable_household(ctx, to, &dest)))
		return rc;
	if (from.id == dest.id)
		return 0;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE resident SET household_id = $1, ward_id = $2, updated_at = $3 "
		    "WHERE id = $4",
		    DB_I(dest.id), DB_I(dest.ward_id), DB_I(ctx->now), DB_I(id));
	if (!rc && strcmp(r.status, "present") == 0 && from.unit_id != dest.unit_id) {
		rc = unit_counts_add(ctx, from.unit_id, 0, -1);
		if (!rc)
			rc = unit_counts_add(ctx, dest.unit_id, 0, 1);
	}
	if (!rc && from.representative_id == id)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE household SET representative_id = NULL WHERE id = $1",
			    DB_I(from.id));
	if (!rc)
		rc = ctx_audit(ctx, "resident.move", "resident", id, dest.unit_id,
			       json_pack("{s:I, s:I}", "from", (json_int_t)from.id, "to",
					 (json_int_t)dest.id));
	return rc;
}

int resident_move(struct dv_ctx *ctx, int64_t id, int64_t to_household_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, move_tx(ctx, id, to_household_id));
}

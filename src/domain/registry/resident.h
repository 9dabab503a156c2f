/*
 * Residents: the people registered in a household. A resident is never
 * deleted: one who moves away or dies is marked so, with the date.
 *
 * Birth date, phone and national ID are personal data: resident_get and
 * resident_list fill them only for an actor with ACT_VIEW_PERSONAL on the
 * household's unit (and for the household's own account); `personal` says
 * whether they were filled.
 */
#ifndef DV_DOMAIN_RESIDENT_H
#define DV_DOMAIN_RESIDENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define RESIDENT_NAME_MAX     100
#define RESIDENT_RELATION_MAX 30

/* Whether a resident lives in the household (base/names.h). */
#define RESIDENT_STATUSES(X)                                                                       \
	X(RES_PRESENT, "present", N_("Present"))                                                   \
	X(RES_MOVED, "moved", N_("Moved away"))                                                    \
	X(RES_DECEASED, "deceased", N_("Deceased"))
DV_ENUM(resident_status, RES_STATUS_COUNT, RESIDENT_STATUSES);

/* Gender as the registry records it (base/names.h); resident_clean_gender
 * also takes what people type: nam, nữ, m, f. */
#define GENDERS(X)                                                                                 \
	X(GENDER_MALE, "male", N_("Male"))                                                         \
	X(GENDER_FEMALE, "female", N_("Female"))
DV_ENUM(gender, GENDER_COUNT, GENDERS);

struct resident {
	int64_t id;
	int64_t household_id;
	const char *full_name;
	const char *gender;   /* "male" or "female" */
	const char *relation; /* to the head of household: "Chủ hộ", "Vợ", "Con", ... */
	const char *status;   /* "present", "moved", "deceased" */
	int32_t status_date;  /* YYYYMMDD of the move or death, 0 if present */
	int is_representative;
	int personal;		 /* the three fields below were filled */
	int32_t birth_date;	 /* YYYYMMDD, 0 if unknown */
	const char *phone;	 /* "" if none */
	const char *national_id; /* "" if none */
};

/* What a form, an import or the demo hands in: text as typed. */
struct resident_input {
	int64_t household_id;
	const char *full_name;
	const char *birth_date; /* dd/mm/yyyy or yyyy-mm-dd, "" if unknown */
	const char *gender;	/* male/female, nam/nữ */
	const char *relation;
	const char *phone;	 /* "" if none */
	const char *national_id; /* "" if none */
	int representative;	 /* make this person the representative */
};

/* The input checked and normalized; strings in ctx->arena. */
struct resident_clean {
	const char *full_name;
	int32_t birth_date;
	const char *gender;
	const char *relation;
	const char *phone;
	const char *national_id;
};

/* Check and normalize every field, stopping at the first bad one (its name
 * is in ctx->err.field). Phones become 0xxxxxxxxx; "+84" is accepted. */
int resident_clean_input(struct dv_ctx *ctx, const struct resident_input *in,
			 struct resident_clean *out);

/* The field checks one by one, for forms that show every error at once. */
int resident_clean_name(struct dv_ctx *ctx, const char *in, const char **out);
int resident_clean_birth_date(struct dv_ctx *ctx, const char *in, int32_t *out);
int resident_clean_gender(struct dv_ctx *ctx, const char *in, const char **out);
int resident_clean_relation(struct dv_ctx *ctx, const char *in, const char **out);
int resident_clean_phone(struct dv_ctx *ctx, const char *in, const char **out);
int resident_clean_national_id(struct dv_ctx *ctx, const char *in, const char **out);

/*
 * Add a resident to a household. Needs ACT_EDIT_HOUSEHOLDS on its unit.
 * The first "Chủ hộ" of a household without a representative becomes it,
 * as does anyone added with in->representative set.
 */
int resident_add(struct dv_ctx *ctx, const struct resident_input *in, int64_t *id_out);

/*
 * For bulk loaders that have checked everything already (the demo
 * generator): insert a resident row in the current transaction without
 * permission checks, counts, representative or audit.
 */
int resident_insert(struct dv_ctx *ctx, int64_t household_id, int64_t ward_id,
		    const struct resident_clean *c, int64_t *id);

/* Change a resident's details (everything but the household and status).
 * Needs ACT_EDIT_HOUSEHOLDS on the household's unit. in->household_id and
 * in->representative are ignored. */
int resident_update(struct dv_ctx *ctx, int64_t id, const struct resident_input *in);

/* Read one resident the actor may see (DV_ENOTFOUND otherwise). */
int resident_get(struct dv_ctx *ctx, int64_t id, struct resident *r);

/* The household's members, present first, then by name. Arena array. */
int resident_list(struct dv_ctx *ctx, int64_t household_id, struct resident **out, size_t *n);

/*
 * Mark a resident moved away or deceased on `date` (text, as typed), or back
 * present (date ignored). A representative who leaves stops being one.
 */
int resident_set_status(struct dv_ctx *ctx, int64_t id, enum resident_status status,
			const char *date);

/* Move a resident to another household (both editable by the actor). */
int resident_move(struct dv_ctx *ctx, int64_t id, int64_t to_household_id);

#endif

/*
 * The register of those who may not be commended for now: a person or a
 * collective under discipline, under investigation or under inspection
 * (Decree 98/2023/NĐ-CP), from a day until a day (or until lifted).
 *
 * It is restricted: only the emulation and commendation council and the
 * inspection staff (ACT_RESTRICT_AWARDS on the unit) see and keep it, and
 * every look at it and every change goes into the audit. Others learn of an
 * entry only as a refusal: "may not be commended while under discipline,
 * investigation or inspection", with no detail.
 *
 * An entry matches a subject of the same kind by the record it names (the
 * same resident, unit, organization or household), or by the same folded
 * name within the same ward (an official named without a record): a
 * namesake is refused too, and the council, who sees the register, can
 * tell them apart.
 */
#ifndef DV_DOMAIN_AWARDS_RESTRICTION_H
#define DV_DOMAIN_AWARDS_RESTRICTION_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/emulation/subject.h"

#define RESTRICTION_NOTE_MAX 2000

#define RESTRICTION_REASONS(X)                                                                     \
	X(RR_DISCIPLINE, "discipline", N_("Under discipline"))                                     \
	X(RR_INVESTIGATION, "investigation", N_("Under investigation"))                            \
	X(RR_INSPECTION, "inspection", N_("Under inspection"))
DV_ENUM(restriction_reason, RR_COUNT, RESTRICTION_REASONS);

struct restriction {
	int64_t id;
	int64_t unit_id;
	struct subject subject;
	enum restriction_reason reason;
	int32_t from_on, until_on; /* until_on 0: until lifted */
	int32_t lifted_on;	   /* 0 if not */
	const char *note;
	int active; /* today */
	const char *recorded_by;
	int64_t recorded_at;
};

struct restriction_input {
	int64_t unit_id; /* where it is recorded: the subject must be within it */
	struct subject_input subject;
	const char *reason;		 /* restriction_reason_name */
	const char *from_on, *until_on; /* dd/mm/yyyy; until_on NULL or "" for until lifted */
	const char *note;
};

/* Record an entry (ACT_RESTRICT_AWARDS on the unit). */
int restriction_add(struct dv_ctx *ctx, const struct restriction_input *in, int64_t *id);

/* Lift an entry from day `on` (NULL or "" for today). */
int restriction_lift(struct dv_ctx *ctx, int64_t id, const char *on);

/* The unit an entry was recorded in, for those who keep the register
 * (DV_ENOTFOUND for others, and for no such entry). */
int restriction_unit(struct dv_ctx *ctx, int64_t id, int64_t *unit_id);

/* The entries recorded within unit_id's subtree, newest first; the look is
 * audited. DV_EPERM for anyone but the council and the inspection staff. */
int restriction_list(struct dv_ctx *ctx, int64_t unit_id, struct restriction **out, size_t *n);

/* Is s under an entry on day `on`? For the awards family's own checks: no
 * permission is asked and nothing is said of the entry. */
int restriction_applies(struct dv_ctx *ctx, const struct subject *s, int32_t on, int *yes);

/* The refusal every check gives, naming the rule: DV_ECONFLICT. */
int restriction_refuse(struct dv_ctx *ctx, const struct subject *s);

#endif

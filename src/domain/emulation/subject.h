/*
 * Who takes part in a movement, is proposed for a title or is commended:
 * a unit (a neighborhood, a ward), an organization (the Front, a union, an
 * agency), a household, or an individual. The emulation, titles and awards
 * families name them alike.
 *
 * A subject names a record danvan holds (ref: the unit, organization,
 * household or resident), or, for a person outside the registry (an
 * official, a teacher), a name with a detail (position and workplace) and
 * the unit the person belongs to. Its key (subject_key) identifies it for
 * the rules that look across records: one form for one achievement, and
 * nobody commended while under discipline.
 */
#ifndef DV_DOMAIN_EMULATION_SUBJECT_H
#define DV_DOMAIN_EMULATION_SUBJECT_H

#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define SUBJECT_KINDS(X)                                                                           \
	X(SUBJ_UNIT, "unit", N_("Administrative unit"))                                            \
	X(SUBJ_ORGANIZATION, "organization", N_("Agency or organization"))                         \
	X(SUBJ_HOUSEHOLD, "household", N_("Household"))                                            \
	X(SUBJ_INDIVIDUAL, "individual", N_("Individual"))
DV_ENUM(subject_kind, SUBJ_COUNT, SUBJECT_KINDS);

#define SUBJECT_NAME_MAX 200
#define SUBJECT_DETAIL_MAX 200

/* What a form or the API hands in. */
struct subject_input {
	const char *kind;   /* subject_kind_name */
	int64_t ref;	    /* the unit, organization, household or resident; 0: a person named */
	const char *name;   /* as it should read; NULL or "" for the record's own name */
	const char *detail; /* an individual's position and workplace; may be NULL */
	int64_t unit_id;    /* a person named only: the unit the person belongs to */
};

struct subject {
	enum subject_kind kind;
	int64_t ref; /* 0 for a person named only */
	const char *name;
	const char *name_folded;
	const char *detail; /* "" if none */
	int64_t unit_id;    /* the unit itself, the organization's, the household's */
	int64_t ward_id;    /* its commune-level unit, 0 above the ward level */
};

/* Units, organizations and households are collectives (tập thể). */
int subject_is_collective(enum subject_kind k);

/*
 * Clean *in and find what it names into *out (arena strings): the record
 * must exist, be active, and sit within unit `within` (its subtree; 0 for
 * anywhere). A unit reads "Khu phố Đông Tác", a household "Hộ <its
 * representative>, <address>" unless a name is given. DV_EINVAL naming the
 * field at fault: "kind", "ref", "name", "detail" or "unit".
 */
int subject_resolve(struct dv_ctx *ctx, const struct subject_input *in, int64_t within,
		    struct subject *out);

/* A unit's name as official papers write it, in Vietnamese whoever reads
 * the page: "Khu phố Đông Tác", "Thành phố Dĩ An" (kind: enum unit_kind).
 * Arena string. */
const char *subject_unit_title(struct arena *a, int kind, const char *name);

/* The key that identifies s across records: "resident:12", "unit:5", or
 * for a person named only "person:<folded name>". Arena string. */
const char *subject_key(struct arena *a, const struct subject *s);

#endif

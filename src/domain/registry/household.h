/*
 * Households: the voting unit of a community. A household lives in a
 * community-level unit (neighborhood, village, residential group), has an
 * address, an optional registry code unique within its ward, and a
 * representative chosen among its present members.
 *
 * Reading a household needs ACT_VIEW_HOUSEHOLDS on its unit, or to be the
 * account's own household; otherwise the answer is DV_ENOTFOUND, so nobody
 * learns that another ward's household exists.
 */
#ifndef DV_DOMAIN_HOUSEHOLD_H
#define DV_DOMAIN_HOUSEHOLD_H

#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"

#define HOUSEHOLD_ADDRESS_MAX 200
#define HOUSEHOLD_CODE_MAX    30

struct household {
	int64_t id;
	int64_t unit_id;	   /* where it lives now */
	int64_t ward_id;	   /* its commune-level unit */
	int64_t origin_unit_id;	   /* where it was registered */
	int64_t representative_id; /* resident, 0 if none */
	const char *code;	   /* "" if none */
	const char *address;
	const char *status; /* "active" or "dissolved" */
	const char *representative_name;
	int64_t members; /* present residents */
	const char *unit_name;
	int64_t created_at;
};

struct household_input {
	int64_t unit_id;
	const char *code; /* may be NULL */
	const char *address;
};

/* Create a household. Needs ACT_EDIT_HOUSEHOLDS on the unit, which must be
 * an active neighborhood, village or residential group. */
int household_create(struct dv_ctx *ctx, const struct household_input *in, int64_t *id_out);

/* Read a household the actor may see (see above). */
int household_get(struct dv_ctx *ctx, int64_t id, struct household *h);

/* Change address and code (NULL leaves one as it is: a JSON PATCH).
 * Needs ACT_EDIT_HOUSEHOLDS; the household is read once, in the change's
 * transaction. */
int household_update(struct dv_ctx *ctx, int64_t id, const char *address, const char *code);

/* Move to another community unit; the move is recorded with its reason. */
int household_move(struct dv_ctx *ctx, int64_t id, int64_t to_unit_id, const char *reason);

/* One line of a household's history: a move between units, made by an
 * officer (the reason typed) or by a reorganization ("merge", "split"). */
struct household_event {
	int64_t from_unit_id, to_unit_id;
	const char *from_name, *to_name; /* the units' names today */
	const char *reason;
	int32_t effective; /* the day it took effect; 0 when not recorded */
	int64_t at;	   /* when it was recorded */
};

/* The history of a household the actor may see (household_get), oldest
 * first, from where it was registered: its moves, those a merge or split of
 * its unit made included. Arena array. */
int household_history(struct dv_ctx *ctx, int64_t id, struct household_event **out, size_t *n);

/* Make a present member the representative. */
int household_set_representative(struct dv_ctx *ctx, int64_t household_id, int64_t resident_id);

/* The household with this code in the ward, DV_ENOTFOUND if none. No
 * permission check: for importers that already hold the right. */
int household_find_code(struct dv_ctx *ctx, int64_t ward_id, const char *code, int64_t *id);

#define HOUSEHOLD_PAGE_MAX 200

/*
 * A page of the active households in unit_id's subtree, by id, for an actor
 * with ACT_VIEW_HOUSEHOLDS there (DV_EPERM otherwise). query (may be NULL or
 * "") matches, folded, a part of the address, the code or a present
 * member's name. *more is set when there is a next page. Arena array.
 */
int household_list(struct dv_ctx *ctx, int64_t unit_id, const char *query, int64_t offset,
		   int limit, struct household **out, size_t *n, int *more);

/* Without a permission check, for domain modules that checked already. */
int household_load(struct dv_ctx *ctx, int64_t id, struct household *h);

/*
 * For bulk loaders that have checked everything already (the demo
 * generator): insert a household row in the current transaction without
 * permission checks, counts or audit. Strings must be clean (NFC, trimmed).
 */
int household_insert(struct dv_ctx *ctx, int64_t unit_id, int64_t ward_id, const char *code,
		     const char *address, int64_t *id);

/* Validate and clean an address / a registry code, as forms and imports do. */
int household_clean_address(struct dv_ctx *ctx, const char *in, const char **out);
int household_clean_code(struct dv_ctx *ctx, const char *in, const char **out);

#endif

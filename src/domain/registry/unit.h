/*
 * Administrative units: a tree of any depth (province, city, ward, commune,
 * neighborhood, village, residential group). Nothing here assumes a number
 * of levels: Vietnam removed the district level in 2025 and merged provinces
 * and wards, and the same code serves the old and the new map.
 *
 * Which kind may sit under which is one table (unit.c, allowed_parents).
 * Reorganizing (rename, move, merge, split) keeps every record attached to
 * the unit it was made in: a merged or split unit keeps its row, marked
 * merged or split, and points to its successors (unit_lineage), whose lists
 * may include its records (unit_predecessors).
 */
#ifndef DV_DOMAIN_UNIT_H
#define DV_DOMAIN_UNIT_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

/* The kinds of administrative unit (base/names.h): "ward" for UNIT_WARD,
 * the English label ("Ward") the msgid to translate. */
#define UNIT_KINDS(X)                                                                              \
	X(UNIT_PROVINCE, "province", N_("Province"))                                               \
	X(UNIT_CITY, "city", N_("City"))                                                           \
	X(UNIT_WARD, "ward", N_("Ward"))                                                           \
	X(UNIT_COMMUNE, "commune", N_("Commune"))                                                  \
	X(UNIT_NEIGHBORHOOD, "neighborhood", N_("Neighborhood"))                                   \
	X(UNIT_VILLAGE, "village", N_("Village"))                                                  \
	X(UNIT_RESIDENTIAL_GROUP, "residential_group", N_("Residential group"))
DV_ENUM(unit_kind, UNIT_KIND_COUNT, UNIT_KINDS);

#define UNIT_NAME_MAX 100
#define UNIT_CODE_MAX 20

struct unit {
	int64_t id;
	int64_t parent_id; /* 0 at the top */
	enum unit_kind kind;
	const char *name;
	const char *code;    /* official code, "" if none */
	const char *status;  /* "active", "merged" or "split" */
	int64_t merged_into; /* 0 unless merged */
	int64_t households;  /* in the whole subtree */
	int64_t residents;   /* present residents in the whole subtree */
	int depth;	     /* filled by unit_subtree: levels below its root */
};

/* How people name a unit in lang, in the arena: the kind's word before the
 * name ("Khu phố Đông Tác", "Phường Tân Đông Hiệp"), or the name alone when
 * it starts with that word already ("Khu phố 1", "Phường 3"). */
const char *unit_title(struct arena *a, const char *lang, enum unit_kind kind, const char *name);

/* Ward or commune: the commune level, which residents' data is keyed by. */
int unit_kind_is_commune(enum unit_kind kind);
/* Neighborhood, village or residential group: a community that decides. */
int unit_kind_is_community(enum unit_kind kind);
/* May a unit of kind `child` sit directly under one of kind `parent`?
 * parent = -1 asks about the top of the tree. */
int unit_kind_may_contain(int parent, enum unit_kind child);

/*
 * Create a unit under parent_id (0 for the top). name is cleaned (NFC,
 * trimmed, at most UNIT_NAME_MAX characters); code may be NULL or "".
 * Needs ACT_MANAGE_UNITS on the parent (for a top-level unit: the system or
 * a deployment administrator). It comes into being today (unit_create_on
 * takes another day, below). A taken code is DV_ECONFLICT on "code".
 */
int unit_create(struct dv_ctx *ctx, int64_t parent_id, enum unit_kind kind, const char *name,
		const char *code, int64_t *id_out);

/* Fill *u (strings in ctx->arena). DV_ENOTFOUND if there is no such unit. */
int unit_get(struct dv_ctx *ctx, int64_t id, struct unit *u);
/* The active unit with this official code. */
int unit_find_code(struct dv_ctx *ctx, const char *code, struct unit *u);

/* Active children, ordered by name (Vietnamese order). Arena array. */
int unit_children(struct dv_ctx *ctx, int64_t id, struct unit **out, size_t *n);
/* Ancestors from the top down to and including id (the breadcrumb). */
int unit_ancestors(struct dv_ctx *ctx, int64_t id, struct unit **out, size_t *n);
/* The active subtree under id (id included), depth-first in display order,
 * at most max_depth levels below id. */
int unit_subtree(struct dv_ctx *ctx, int64_t id, int max_depth, struct unit **out, size_t *n);
/* Active top-level units. */
int unit_roots(struct dv_ctx *ctx, struct unit **out, size_t *n);
/* Active units whose folded name contains the folded query, at most limit. */
int unit_search(struct dv_ctx *ctx, const char *query, size_t limit, struct unit **out, size_t *n);

/* 1 if anc is id or one of its ancestors. */
int unit_is_within(struct dv_ctx *ctx, int64_t id, int64_t anc, int *yes);
/* The nearest ward/commune at or above id; DV_ENOTFOUND if none. */
int unit_commune_of(struct dv_ctx *ctx, int64_t id, int64_t *commune_id);

/* ---------------------------------------------------------- reorganizing */

/*
 * Every change to the map takes effect on a day (YYYYMMDD) the decision
 * states; 0 means today, the clock's day in Vietnam. A day after today is
 * refused (the map shows what is in force, nothing is scheduled), and so is
 * an impossible one: DV_EINVAL on the field "effective". The day is kept in
 * the unit's history (unit_event) and in the moves of the households.
 */
/* Read a day as people type it (01/07/2025 or 2025-07-01; "" or NULL for
 * today, 0) into *ymd; DV_EINVAL on "effective" for anything else. */
int unit_effective_parse(struct dv_ctx *ctx, const char *text, int32_t *ymd);

/* unit_create with the day the unit came into being. */
int unit_create_on(struct dv_ctx *ctx, int64_t parent_id, enum unit_kind kind, const char *name,
		   const char *code, int32_t effective, int64_t *id_out);

/* Rename; the old name stays in the unit's history. Needs ACT_MANAGE_UNITS.
 * unit_rename is unit_rename_on for today. */
int unit_rename_on(struct dv_ctx *ctx, int64_t id, const char *name, int32_t effective);
int unit_rename(struct dv_ctx *ctx, int64_t id, const char *name);

/* Move id (with its subtree, households and counts) under new_parent_id;
 * the households' ward follows. Needs ACT_REORGANIZE_UNITS on both the unit
 * and the new parent. unit_move is unit_move_on for today. */
int unit_move_on(struct dv_ctx *ctx, int64_t id, int64_t new_parent_id, int32_t effective);
int unit_move(struct dv_ctx *ctx, int64_t id, int64_t new_parent_id);

/*
 * Merge `from` into `into`, two units of the same level (province or city,
 * ward or commune, community; a city may also merge into a province, which
 * is how a district level goes): from's active children move under into,
 * its households move into into (their ward follows), and from is marked
 * merged, keeping its row, its history and the records made in it, with
 * into as its successor (unit_successors). Needs ACT_REORGANIZE_UNITS on
 * both. unit_merge is unit_merge_on for today.
 */
int unit_merge_on(struct dv_ctx *ctx, int64_t from, int64_t into, int32_t effective);
int unit_merge(struct dv_ctx *ctx, int64_t from, int64_t into);

/* One of the units a unit is split into. */
struct unit_part {
	const char *name;
	const char *code;	   /* official code, NULL or "" for none */
	const int64_t *units;	   /* children of the split unit that go to this part */
	size_t nunits;
	const int64_t *households; /* households living directly in it that go here */
	size_t nhouseholds;
	int rest;		   /* also takes every child and household listed nowhere */
};

#define UNIT_SPLIT_MAX 20

/*
 * Split `id` into nparts (2..UNIT_SPLIT_MAX) new units of its kind under its
 * parent: every active child and every active household living directly in
 * it goes to exactly one part (as listed, or to the one part with `rest`),
 * and id is marked split, keeping its row, history and records, with the
 * new units as its successors. A part may take id's own code. ids_out (may
 * be NULL) receives the new units' ids in the order of parts. Needs
 * ACT_REORGANIZE_UNITS on id and on its parent (the top level for a root).
 * A child or household listed twice, not listed, or not id's own is
 * DV_EINVAL on "parts".
 */
int unit_split(struct dv_ctx *ctx, int64_t id, const struct unit_part *parts, size_t nparts,
	       int32_t effective, int64_t *ids_out);

/* A unit a merge or split led to, or came from. */
struct unit_link {
	struct unit unit;
	const char *how;    /* "merge" or "split" */
	int32_t effective;  /* YYYYMMDD */
	int direct;	    /* 1: this very step; 0: through an earlier one */
};

/* The units `id` was merged or split into (direct steps), by id. Arena array;
 * none for a unit still active. */
int unit_successors(struct dv_ctx *ctx, int64_t id, struct unit_link **out, size_t *n);
/* Every unit whose records `id` now carries on: those merged or split into
 * it, and theirs before them, oldest step first. Arena array. */
int unit_predecessors(struct dv_ctx *ctx, int64_t id, struct unit_link **out, size_t *n);

/* Add dh households and dr residents to unit_id and all its ancestors
 * (no-op while ctx->defer_counts is set). */
int unit_counts_add(struct dv_ctx *ctx, int64_t unit_id, int64_t dh, int64_t dr);
/* Recompute every unit's subtree counts from the households and residents. */
int unit_recount(struct dv_ctx *ctx);

#endif

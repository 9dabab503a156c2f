/*
 * Administrative units: a tree of any depth (province, city, ward, commune,
 * neighborhood, village, residential group). Nothing here assumes a number
 * of levels: Vietnam removed the district level in 2025 and merged provinces
 * and wards, and the same code serves the old and the new map.
 *
 * Which kind may sit under which is one table (unit.c, allowed_parents).
 * Reorganizing (rename, move, merge) keeps every record attached to the unit
 * it was made in: a merged unit keeps its row, marked merged into the other.
 */
#ifndef DV_DOMAIN_UNIT_H
#define DV_DOMAIN_UNIT_H

#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"

enum unit_kind {
	UNIT_PROVINCE,
	UNIT_CITY,
	UNIT_WARD,
	UNIT_COMMUNE,
	UNIT_NEIGHBORHOOD,
	UNIT_VILLAGE,
	UNIT_RESIDENTIAL_GROUP,
	UNIT_KIND_COUNT
};

#define UNIT_NAME_MAX 100
#define UNIT_CODE_MAX 20

struct unit {
	int64_t id;
	int64_t parent_id; /* 0 at the top */
	enum unit_kind kind;
	const char *name;
	const char *code;    /* official code, "" if none */
	const char *status;  /* "active" or "merged" */
	int64_t merged_into; /* 0 unless merged */
	int64_t households;  /* in the whole subtree */
	int64_t residents;   /* present residents in the whole subtree */
	int depth;	     /* filled by unit_subtree: levels below its root */
};

/* "ward" for UNIT_WARD; the English label ("Ward") is the msgid to translate. */
const char *unit_kind_name(enum unit_kind kind);
const char *unit_kind_label(enum unit_kind kind);
/* DV_EINVAL for an unknown name. */
int unit_kind_parse(const char *name, enum unit_kind *kind, struct dv_err *err);
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
 * Needs ACT_MANAGE_UNITS on the parent (the system for top-level units).
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

/* Rename; the old name stays in the unit's history. Needs ACT_MANAGE_UNITS. */
int unit_rename(struct dv_ctx *ctx, int64_t id, const char *name);
/* Move id (with its subtree, households and counts) under new_parent_id.
 * Needs ACT_REORGANIZE_UNITS on both the unit and the new parent. */
int unit_move(struct dv_ctx *ctx, int64_t id, int64_t new_parent_id);
/*
 * Merge `from` into `into`: from's active children move under into, its
 * households move into into, and from is marked merged (its row, history and
 * the records made in it stay). Needs ACT_REORGANIZE_UNITS on both.
 */
int unit_merge(struct dv_ctx *ctx, int64_t from, int64_t into);

/* Add dh households and dr residents to unit_id and all its ancestors
 * (no-op while ctx->defer_counts is set). */
int unit_counts_add(struct dv_ctx *ctx, int64_t unit_id, int64_t dh, int64_t dr);
/* Recompute every unit's subtree counts from the households and residents. */
int unit_recount(struct dv_ctx *ctx);

#endif

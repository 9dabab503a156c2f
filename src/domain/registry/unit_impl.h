/*
 * Private to domain/registry/: the pieces of a unit change that unit.c
 * shares with unit_split.c and unit_import.c. Each runs inside the caller's
 * transaction and checks no permission.
 */
#ifndef DV_DOMAIN_REGISTRY_UNIT_IMPL_H
#define DV_DOMAIN_REGISTRY_UNIT_IMPL_H

#include "domain/registry/unit.h"

/* unit_counts_add even while counts are deferred. */
int unit_counts_add_now(struct dv_ctx *ctx, int64_t unit_id, int64_t dh, int64_t dr);

/* Clean a unit name (required, NFC, at most UNIT_NAME_MAX characters) or an
 * official code (optional; digits, capital letters and '-'); arena strings. */
int unit_clean_name(struct dv_ctx *ctx, const char *in, const char **out);
int unit_clean_code(struct dv_ctx *ctx, const char *in, const char **out);

/* The effective day of a change: 0 becomes today; a day after today or not
 * a real day is DV_EINVAL on "effective". */
int unit_effective_day(struct dv_ctx *ctx, int32_t in, int32_t *out);

/* A line of the unit's history (unit_event); 0 ids are stored as NULL. */
struct unit_event_row {
	const char *kind; /* created, renamed, moved, merged, absorbed, split, split_from */
	const char *old_name, *new_name;
	int64_t old_parent, new_parent, other;
	int32_t effective;
};
int unit_event_add(struct dv_ctx *ctx, int64_t unit_id, const struct unit_event_row *e);

/* 0, or DV_EINVAL on `field` when u was merged or split. */
int unit_check_active(struct dv_ctx *ctx, const struct unit *u, const char *field);

/* The new unit's row and closure rows under parent_id, its "created"
 * event and audit row; a taken code is DV_ECONFLICT on "code". */
int unit_insert(struct dv_ctx *ctx, int64_t parent_id, enum unit_kind kind, const char *name,
		const char *code, int32_t effective, int64_t *id);

/* Re-derive ward_id of the households (and their residents) below root. */
int unit_refresh_wards(struct dv_ctx *ctx, int64_t root);

/* Record that `successor` carries on `predecessor` from the day `effective`
 * (how: "merge" or "split"), and every unit predecessor carried on before. */
int unit_lineage_add(struct dv_ctx *ctx, int64_t successor, int64_t predecessor, const char *how,
		     int32_t effective);

/* Move households living directly in `from` to `to` (the ids given, or
 * every active one when ids is NULL), recording each move with its reason
 * and day, keeping the counts; their ward follows. *moved gets the number. */
int unit_households_move(struct dv_ctx *ctx, int64_t from, int64_t to, const int64_t *ids,
			 size_t nids, const char *reason, int32_t effective, int64_t *moved);

/* Move a unit under another inside the caller's transaction, with every
 * check unit_move_on makes. */
int unit_move_checked(struct dv_ctx *ctx, int64_t id, int64_t new_parent_id, int32_t effective);

#endif

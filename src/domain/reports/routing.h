/*
 * Who acts on a report: the handling bodies (the ward's urban management,
 * its police, the environment, power and water companies, the community
 * head), their officers, and the routing rules that send a category's
 * reports in a unit to a body. All of it is data: a city administrator
 * (ACT_CONFIGURE on the unit) adds bodies and rules; the officers of a
 * body are added by a city administrator or by the ward's officers
 * (ACT_HANDLE_REPORTS on the body's unit).
 *
 * A rule sits on a unit and holds for its subtree; the rule on the nearest
 * unit at or above the report's community wins (a ward's rule beats the
 * city's). A report no rule routes is the ward officers' own. A body of
 * kind "head" is worked by the heads of the report's community
 * (ACT_HANDLE_LOCAL_REPORTS), not by officers of its own.
 */
#ifndef DV_DOMAIN_REPORTS_ROUTING_H
#define DV_DOMAIN_REPORTS_ROUTING_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define REPORT_BODY_NAME_MAX 150

#define BODY_KINDS(X)                                                                              \
	X(BODY_URBAN, "urban", N_("Ward urban management"))                                        \
	X(BODY_POLICE, "police", N_("Police"))                                                     \
	X(BODY_ENVIRONMENT, "environment", N_("Environment company"))                              \
	X(BODY_POWER, "power", N_("Power company"))                                                \
	X(BODY_WATER, "water", N_("Water company"))                                                \
	X(BODY_HEAD, "head", N_("Community head"))                                                 \
	X(BODY_OTHER, "other", N_("Other body"))
DV_ENUM(body_kind, BODY_KIND_COUNT, BODY_KINDS);

struct report_body {
	int64_t id;
	int64_t unit_id; /* the area it serves */
	const char *unit_name;
	enum body_kind kind;
	const char *name;
	int64_t officers; /* live officers */
};

/* A body serving unit_id (ACT_CONFIGURE on the unit). */
int report_body_create(struct dv_ctx *ctx, int64_t unit_id, const char *kind, const char *name,
		       int64_t *id);
int report_body_get(struct dv_ctx *ctx, int64_t id, struct report_body *b);
/* Every body, by unit then name. Arena array. */
int report_body_list(struct dv_ctx *ctx, struct report_body **out, size_t *n);
/* The bodies the actor is a live officer of. */
int report_body_mine(struct dv_ctx *ctx, struct report_body **out, size_t *n);
/* Is the actor a live officer of body_id? */
int report_body_is_officer(struct dv_ctx *ctx, int64_t body_id);

struct report_officer {
	int64_t account_id;
	const char *login;
	const char *name;
};

/* Add the account with this login to a body's officers, or take one away
 * (kept, with removed_at). A city administrator, or an officer of the
 * body's ward. DV_EINVAL "login" for an unknown login. */
int report_body_officer_add(struct dv_ctx *ctx, int64_t body_id, const char *login);
int report_body_officer_remove(struct dv_ctx *ctx, int64_t body_id, int64_t account_id);
int report_body_officers(struct dv_ctx *ctx, int64_t body_id, struct report_officer **out,
			 size_t *n);

struct report_rule {
	int64_t id;
	int64_t category_id, unit_id, body_id;
	const char *unit_name, *body_name;
};

/* Route the category's reports in unit_id's subtree to body_id, replacing
 * the unit's rule for it; body_id 0 removes the rule. ACT_CONFIGURE on the
 * unit; the body must serve the unit or an area above it. */
int report_rule_set(struct dv_ctx *ctx, int64_t category_id, int64_t unit_id, int64_t body_id);
/* Every rule, by category then unit. */
int report_rule_list(struct dv_ctx *ctx, struct report_rule **out, size_t *n);
/* The body a report of the category in unit_id goes to; 0 when no rule
 * holds (the ward handles it). */
int report_rule_find(struct dv_ctx *ctx, int64_t category_id, int64_t unit_id, int64_t *body_id);

#endif

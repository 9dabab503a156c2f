/*
 * Granting roles: a role granted to an account on a unit applies to the
 * unit's subtree (domain/perm.h says what each role allows and who may grant
 * it). A grant is never deleted: revoking keeps it with revoked_at.
 */
#ifndef DV_DOMAIN_IDENTITY_GRANT_H
#define DV_DOMAIN_IDENTITY_GRANT_H

#include <stdint.h>

#include "domain/ctx.h"
#include "domain/perm.h"

/*
 * Grant `role` on unit_id to account_id (organization_id for org officers,
 * else 0). The actor needs ACT_GRANT_ROLES on the unit and one of its
 * grants there must be allowed to grant `role`.
 */
int grant_add(struct dv_ctx *ctx, int64_t account_id, enum role role, int64_t unit_id,
	      int64_t organization_id, int64_t *id_out);
/* Record a grant in the current transaction with no permission check (the
 * caller made it: claiming an invitation makes its holder representative).
 * An identical live grant is reused. */
int grant_insert(struct dv_ctx *ctx, int64_t account_id, enum role role, int64_t unit_id,
		 int64_t organization_id, int64_t *id);

/* Revoke a grant (kept, with revoked_at set). Same rule as grant_add. */
int grant_revoke(struct dv_ctx *ctx, int64_t grant_id);

struct grant_row {
	int64_t id;
	enum role role;
	int64_t unit_id;
	const char *unit_name;
	int64_t account_id;
	const char *login;
	const char *display_name;
	int may_revoke; /* the actor may revoke it */
};

/* The live grants on unit_id and the units below it, by unit then role, for
 * an actor with ACT_GRANT_ROLES there (DV_EPERM otherwise). Arena array. */
int grant_list(struct dv_ctx *ctx, int64_t unit_id, struct grant_row **out, size_t *n);

/* The unit a grant is on; DV_ENOTFOUND if there is no such grant. */
int grant_unit(struct dv_ctx *ctx, int64_t grant_id, int64_t *unit_id);

#endif

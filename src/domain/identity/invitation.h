/*
 * Household invitations: a neighborhood head prints, for households that have
 * no account yet, slips with a one-time claim link (as a QR code) and a short
 * code; the representative opens the link, chooses a login and a password,
 * and owns the household's account as its representative.
 *
 * Links and codes are stored only as hashes; a new invitation for a
 * household revokes the ones before it.
 */
#ifndef DV_DOMAIN_INVITATION_H
#define DV_DOMAIN_INVITATION_H

#include <stddef.h>
#include <stdint.h>

#include "base/token.h"
#include "domain/ctx.h"

#define INVITATION_DAYS 30
#define INVITE_MAX 2000 /* households in one printing */
#define SHORT_CODE_LEN 9    /* "7KQ4-M2XP" */

/* One invitation just made: the secrets are here and nowhere else. */
struct invitation_new {
	int64_t id;
	int64_t household_id;
	int64_t unit_id;
	const char *address;
	const char *code;           /* the household's registry code, "" if none */
	const char *representative; /* "" if none */
	char token[TOKEN_TEXT_MAX + 1];
	char short_code[SHORT_CODE_LEN + 1];
	int64_t expires_at;
};

/*
 * Invite the households of unit_id's subtree: those without an account, or
 * all when `all` is set. Needs ACT_GRANT_ROLES on the unit (a head, a ward
 * officer). DV_EINVAL if there is nobody to invite or more than
 * INVITE_MAX. Arena array, ordered by household.
 */
int invitation_create_for_unit(struct dv_ctx *ctx, int64_t unit_id, int all,
			       struct invitation_new **out, size_t *n);

/* Invite these households (each must be in the actor's reach). */
int invitation_create(struct dv_ctx *ctx, const int64_t *household_ids, size_t n,
		      struct invitation_new **out);

enum invitation_state { INV_VALID, INV_USED, INV_EXPIRED, INV_REVOKED };

struct invitation_info {
	int64_t id;
	int64_t household_id;
	const char *address;
	const char *unit_name;
	const char *representative; /* the household's, as a suggested name */
	int64_t expires_at;
	enum invitation_state state;
};

/* Find an invitation by its link token or its short code (typed in any
 * case, with or without the dash). DV_ENOTFOUND if neither matches. */
int invitation_lookup(struct dv_ctx *ctx, const char *token_or_code, struct invitation_info *out);

/*
 * invitation_lookup for requests from outside: each client address has
 * LOGIN_MAX_FAILURES wrong links or codes per LOGIN_WINDOW (domain/session.h),
 * then DV_EBUSY with *retry_after seconds. Guessing a code is slow work.
 */
int invitation_find(struct dv_ctx *ctx, const char *token_or_code, const char *ip,
		    struct invitation_info *out, int64_t *retry_after);

/*
 * Claim a valid invitation: create the account (login, name, password as in
 * account_prepare) tied to the household, make it the household's
 * representative, and mark the invitation used, all at once. DV_EINVAL for
 * an invitation used, expired or revoked (the message says which).
 */
int invitation_claim(struct dv_ctx *ctx, const char *token_or_code, const char *login,
		     const char *display_name, const char *password, int64_t *account_id);

#endif

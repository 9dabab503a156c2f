/*
 * Accounts: who logs in. The login is a phone number (normalized to
 * 0xxxxxxxxx) or an e-mail address (lower-cased); the password is hashed with
 * argon2id. An account may belong to a household (its representative or a
 * member); what it may do comes from its role grants (domain/perm.h).
 */
#ifndef DV_DOMAIN_ACCOUNT_H
#define DV_DOMAIN_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "base/token.h"
#include "domain/ctx.h"

#define LOGIN_MAX	 100
#define PASSWORD_MIN	 8
#define PASSWORD_MAX	 128
#define DISPLAY_NAME_MAX 100

struct account {
	int64_t id;
	const char *login;
	const char *display_name;
	int64_t household_id; /* 0 if none */
	const char *status;   /* "active" or "disabled" */
	int64_t created_at;
};

/* Normalize a login as typed ("0912 345 678", "+84912345678",
 * " Ward@Demo ") into an arena string; DV_EINVAL if it is neither a phone
 * number nor an e-mail address. */
int account_normalize_login(struct dv_ctx *ctx, const char *in, const char **out);

/* Check a new password: PASSWORD_MIN..PASSWORD_MAX bytes of valid UTF-8. */
int account_check_password(struct dv_ctx *ctx, const char *password);

/*
 * Create an account (household_id 0 for none). The system may always; others
 * need ACT_GRANT_ROLES on the household's unit (or, without a household,
 * somewhere). DV_ECONFLICT if the login is taken.
 */
int account_create(struct dv_ctx *ctx, const char *login, const char *display_name,
		   const char *password, int64_t household_id, int64_t *id_out);

/* The checked parts of a new account, for callers that create it on their
 * own authority (claiming an invitation). */
struct account_new {
	const char *login; /* normalized */
	const char *name;
	char hash[PASSWORD_HASH_MAX];
};

/* Check login, name and password and hash the password (the slow part, done
 * before any transaction). */
int account_prepare(struct dv_ctx *ctx, const char *login, const char *display_name,
		    const char *password, struct account_new *out);

/* Insert a prepared account in the current transaction, with no permission
 * check (the caller made it). DV_ECONFLICT if the login is taken. */
int account_insert(struct dv_ctx *ctx, const struct account_new *a, int64_t household_id,
		   int64_t *id);

int account_get(struct dv_ctx *ctx, int64_t id, struct account *a);
int account_find(struct dv_ctx *ctx, const char *login, struct account *a);

/*
 * Check a login and password. 0 and *id on success; DV_EPERM with one
 * message for an unknown login, a wrong password or a disabled account, so a
 * caller cannot learn which logins exist (the time taken is alike too).
 */
int account_authenticate(struct dv_ctx *ctx, const char *login, const char *password, int64_t *id);

/*
 * Make an account a deployment administrator (on = 1) or no longer (0): it
 * acts as a city administrator on every unit, those created later too, and
 * may create top-level units (domain/perm.c). Only the system or another
 * deployment administrator may; audited.
 */
int account_set_admin(struct dv_ctx *ctx, int64_t id, int on);

/* Set a new password: the account itself or the system. */
int account_set_password(struct dv_ctx *ctx, int64_t id, const char *password);

#endif

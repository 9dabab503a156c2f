/*
 * The apps that file reports through Open311 GeoReport v2 (/open311/v2/):
 * a city administrator (ACT_CONFIGURE) issues each one a key, shown once
 * and stored as its BLAKE2b hash (as API tokens are), and revokes it. A
 * report filed with a key records the app it came from; anonymous
 * throttling does not apply to it (the app answers for its users, and a
 * key that misbehaves is revoked).
 */
#ifndef DV_DOMAIN_REPORTS_REPORT_APP_H
#define DV_DOMAIN_REPORTS_REPORT_APP_H

#include <stddef.h>
#include <stdint.h>

#include "base/token.h"
#include "domain/ctx.h"

#define REPORT_APP_NAME_MAX 100

struct report_app {
	int64_t id;
	const char *name;
	int64_t created_at;
	int64_t last_used_at; /* 0 if never */
	int64_t revoked_at;   /* 0 if live */
};

/* Issue a key to an app: key gets the secret (shown once). */
int report_app_create(struct dv_ctx *ctx, const char *name, char key[TOKEN_TEXT_MAX + 1],
		      int64_t *id);
/* Every app, newest first, revoked ones too (ACT_CONFIGURE). */
int report_app_list(struct dv_ctx *ctx, struct report_app **out, size_t *n);
/* Revoke a key. */
int report_app_revoke(struct dv_ctx *ctx, int64_t id);
/* The live app a key belongs to; DV_ENOTFOUND for a missing, unknown or
 * revoked key. */
int report_app_check(struct dv_ctx *ctx, const char *key, int64_t *id);

#endif

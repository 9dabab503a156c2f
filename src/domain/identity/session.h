/*
 * Sessions, API tokens and login throttling.
 *
 * A session token is 256 random bits, given to the client once (cookie or
 * JSON) and stored only as its BLAKE2b hash. A web session without "remember
 * me" expires after SESSION_IDLE seconds without use; with it, after
 * SESSION_REMEMBER. An API session (POST /api/v1/session) lasts SESSION_API.
 * API tokens are long-lived and revoked by hand.
 */
#ifndef DV_DOMAIN_SESSION_H
#define DV_DOMAIN_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "base/token.h"
#include "domain/ctx.h"

#define SESSION_IDLE (12 * 3600)
#define SESSION_REMEMBER (30 * 86400)
#define SESSION_API (30 * 86400)
#define SESSION_TOUCH_EVERY 300 /* seconds between writes of last_seen_at */

/* Throttling: at most LOGIN_MAX_FAILURES failed logins for one login, and
 * LOGIN_MAX_FAILURES_IP from one client address, within LOGIN_WINDOW. */
#define LOGIN_WINDOW (15 * 60)
#define LOGIN_MAX_FAILURES 5
#define LOGIN_MAX_FAILURES_IP 30

#define API_TOKEN_NAME_MAX 60

struct session {
	int64_t id;
	int64_t account_id;
	const char *kind; /* "web" or "api" */
	const char *csrf;
	int remember;
	int64_t expires_at;
};

/*
 * Start a session for the account (kind "web" or "api"). token gets the
 * secret to hand to the client. ip and user_agent may be NULL.
 */
int session_create(struct dv_ctx *ctx, int64_t account_id, const char *kind, int remember,
		   const char *ip, const char *user_agent, char token[TOKEN_TEXT_MAX + 1],
		   struct session *s);

/* The live session of a token (refreshing its expiry); DV_ENOTFOUND if the
 * token is unknown, expired or revoked. */
int session_find(struct dv_ctx *ctx, const char *token, struct session *s);

/* End the session of a token (logout). Unknown tokens are not an error. */
int session_end(struct dv_ctx *ctx, const char *token);

/* End every session of the account except keep_id (0 for all), e.g. after a
 * password change. */
int session_end_others(struct dv_ctx *ctx, int64_t account_id, int64_t keep_id);

struct api_token {
	int64_t id;
	const char *name;
	int64_t created_at;
	int64_t last_used_at; /* 0 if never */
};

/* Create a token for the acting account; token gets the secret (shown once). */
int api_token_create(struct dv_ctx *ctx, const char *name, char token[TOKEN_TEXT_MAX + 1],
		     int64_t *id);
/* The acting account's live tokens, newest first. Arena array. */
int api_token_list(struct dv_ctx *ctx, struct api_token **out, size_t *n);
/* Revoke one of the acting account's tokens. */
int api_token_revoke(struct dv_ctx *ctx, int64_t id);
/* The account a live token belongs to; DV_ENOTFOUND otherwise. */
int api_token_account(struct dv_ctx *ctx, const char *token, int64_t *account_id);

/*
 * Before checking a password: DV_EBUSY (with *retry_after seconds) when the
 * login or the client address has failed too often lately.
 */
int login_throttle(struct dv_ctx *ctx, const char *login, const char *ip, int64_t *retry_after);
/* Record an attempt. */
int login_record(struct dv_ctx *ctx, const char *login, const char *ip, int ok);

/*
 * The whole login: throttle, check the password, record the attempt, start
 * a session. DV_EBUSY when throttled, DV_EPERM for a wrong login or password.
 */
int session_login(struct dv_ctx *ctx, const char *login, const char *password, const char *kind,
		  int remember, const char *ip, const char *user_agent,
		  char token[TOKEN_TEXT_MAX + 1], struct session *s, int64_t *retry_after);

#endif

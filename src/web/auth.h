/*
 * Who is asking: the session cookie (browsers) or an Authorization: Bearer
 * token (API clients: a session from POST /api/v1/session or an API token),
 * and the CSRF token this client's forms must carry.
 */
#ifndef DV_WEB_AUTH_H
#define DV_WEB_AUTH_H

#include "web/http.h"

#define SESSION_COOKIE "sid"
#define CSRF_COOKIE "csrf"
#define CSRF_FIELD "csrf"
#define CSRF_HEADER "x-csrf-token"

/*
 * Load the actor of the request into r->actor/r->ctx.actor (anonymous when
 * nobody is logged in, or the credentials are unknown or expired) and set
 * r->csrf: the session's token, or the anonymous browser's cookie if it has
 * one. A database failure is returned.
 */
int auth_load(struct req *r);

/* The CSRF token a form on this page must carry, made (and set in a cookie)
 * for an anonymous browser that has none yet. */
const char *auth_csrf(struct req *r);

/* For an unsafe method: 0 if the request carries the client's CSRF token
 * (form field or X-CSRF-Token header) or authenticated by a bearer token;
 * DV_EPERM otherwise. */
int auth_check_csrf(struct req *r);

/* Start a web session after a successful login: cookie set, r->csrf renewed. */
void auth_set_session(struct req *r, const char *token, const struct session *s);

/* Forget the session cookie (logout). */
void auth_clear_session(struct req *r);

#endif

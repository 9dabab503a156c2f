/*
 * JSON responses of the API (/api/v1/). Errors have one shape:
 *   {"error": {"code": "invalid", "message": "...", "field": "login"}}
 * with the HTTP status of the error code (base/err.h).
 */
#ifndef DV_WEB_API_H
#define DV_WEB_API_H

#include <jansson.h>
#include <stdint.h>

#include "web/http.h"

/* Send j (the reference is taken) with the status. */
void api_send(struct req *r, int status, json_t *j);
/* An error response for a domain error code, message from r->ctx.err. */
void api_error(struct req *r, int rc);
/* An error response with an explicit status, code and message. */
void api_error_status(struct req *r, int status, const char *code, const char *message);
/* The same naming the field at fault (a member, parameter or header; NULL
 * for none). */
void api_error_field(struct req *r, int status, const char *code, const char *field,
		     const char *message);

/* A JSON string member that may be absent: its text, or NULL; DV_EINVAL when
 * present but not a string. */
int api_str(struct req *r, json_t *obj, const char *key, const char **out);

/* A JSON integer member that may be absent (null counts as absent):
 * *present says whether it was there; DV_EINVAL naming the field when it is
 * there but not a whole number (5.0 and "5" are refused too). */
int api_int(struct req *r, json_t *obj, const char *key, int64_t *out, int *present);

/* A JSON boolean member: *out is left as it was when absent or null;
 * DV_EINVAL naming the field when it is not true or false. */
int api_bool(struct req *r, json_t *obj, const char *key, int *out);

/* In a PATCH body, absent keeps a field and null clears one that may be
 * empty: DV_EINVAL naming the first of `keys` (NULL-terminated), the fields
 * that may not be empty, sent as null; nothing is changed then. */
int api_refuse_nulls(struct req *r, json_t *obj, const char *const *keys);
/* Was key sent as null? */
int api_is_null(json_t *obj, const char *key);

/* An instant as ISO 8601 UTC ("2026-11-27T16:05:00Z"), in the request's arena. */
const char *api_time(struct req *r, int64_t t);
/* The request's JSON body holding one string member: its value (NULL when
 * absent), or the error of the body or of the member's type. */
int api_body_str(struct req *r, const char *key, const char **out);
/* The request's JSON body holding one instant member (time_parse_iso);
 * DV_EINVAL naming key when it is missing or malformed. */
int api_body_instant(struct req *r, const char *key, int64_t *at);

#endif

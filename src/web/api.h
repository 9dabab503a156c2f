/*
 * JSON responses of the API (/api/v1/). Errors have one shape:
 *   {"error": {"code": "invalid", "message": "...", "field": "login"}}
 * with the HTTP status of the error code (base/err.h).
 */
#ifndef DV_WEB_API_H
#define DV_WEB_API_H

#include <jansson.h>

#include "web/http.h"

/* Send j (the reference is taken) with the status. */
void api_send(struct req *r, int status, json_t *j);
/* An error response for a domain error code, message from r->ctx.err. */
void api_error(struct req *r, int rc);
/* An error response with an explicit status, code and message. */
void api_error_status(struct req *r, int status, const char *code, const char *message);

/* A JSON string member that may be absent: its text, or NULL; DV_EINVAL when
 * present but not a string. */
int api_str(struct req *r, json_t *obj, const char *key, const char **out);

#endif

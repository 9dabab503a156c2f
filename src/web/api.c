#include "web/api.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"

void api_send(struct req *r, int status, json_t *j)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	res_header(r, "cache-control", "no-store");
	buf_reset(&r->out);
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!text) {
		r->status = 500;
		buf_adds(&r->out, "{\"error\":{\"code\":\"internal\",\"message\":\"encoding\"}}");
		return;
	}
	buf_adds(&r->out, text);
	buf_addch(&r->out, '\n');
	free(text);
}

void api_error_status(struct req *r, int status, const char *code, const char *message)
{
	api_send(r, status,
		 json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message));
}

void api_error(struct req *r, int rc)
{
	int status = dv_err_http_status(rc);
	if (!dv_err_is_user(rc)) {
		log_error("%s %s: %s (%s)", r->method, r->path, r->ctx.err.msg, dv_err_name(rc));
		api_error_status(r, 500, "internal", T(r, "The server could not answer this request. "
							 "Please try again in a moment."));
		return;
	}
	json_t *e = json_pack("{s:s, s:s}", "code", dv_err_name(rc), "message", r->ctx.err.msg);
	if (e && r->ctx.err.field)
		json_object_set_new(e, "field", json_string(r->ctx.err.field));
	api_send(r, status, json_pack("{s:o}", "error", e));
}

int api_str(struct req *r, json_t *obj, const char *key, const char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return dv_fail(&r->ctx.err, DV_EINVAL, key, "The field %s must be a string", key);
	*out = arena_strndup(&r->arena, json_string_value(v), json_string_length(v));
	return 0;
}

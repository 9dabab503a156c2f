#include "web/api.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/log.h"
#include "web/metrics.h"

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

void api_error_field(struct req *r, int status, const char *code, const char *field,
		     const char *message)
{
	json_t *e = json_pack("{s:s, s:s}", "code", code, "message", message);
	if (e && field)
		json_object_set_new(e, "field", json_string(field));
	api_send(r, status, json_pack("{s:o}", "error", e));
}

void api_error(struct req *r, int rc)
{
	int status = dv_err_http_status(rc);
	if (!dv_err_is_user(rc)) {
		log_error("%s %s: %s (%s)", r->method, r->path, r->ctx.err.msg, dv_err_name(rc));
		if (rc == DV_EDB)
			metrics_db_error();
		api_error_status(r, 500, "internal", T(r, "The server could not answer this request. "
							 "Please try again in a moment."));
		return;
	}
	api_error_field(r, status, dv_err_name(rc), r->ctx.err.field, r->ctx.err.msg);
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

int api_int(struct req *r, json_t *obj, const char *key, int64_t *out, int *present)
{
	json_t *v = json_object_get(obj, key);
	*present = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v))
		return dv_fail(&r->ctx.err, DV_EINVAL, key, "The field %s must be a whole number",
			       key);
	*out = (int64_t)json_integer_value(v);
	*present = 1;
	return 0;
}

int api_bool(struct req *r, json_t *obj, const char *key, int *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return dv_fail(&r->ctx.err, DV_EINVAL, key, "The field %s must be true or false",
			       key);
	*out = json_is_true(v);
	return 0;
}

int api_refuse_nulls(struct req *r, json_t *obj, const char *const *keys)
{
	for (; *keys; keys++)
		if (api_is_null(obj, *keys))
			return dv_fail(
				&r->ctx.err, DV_EINVAL, *keys,
				"The field %s cannot be null: leave it out to keep its value",
				*keys);
	return 0;
}

int api_is_null(json_t *obj, const char *key)
{
	return json_is_null(json_object_get(obj, key));
}

const char *api_time(struct req *r, int64_t t)
{
	struct buf b = BUF_INIT;
	time_format_iso(&b, t);
	const char *s = arena_strndup(&r->arena, b.ptr, b.len);
	buf_release(&b);
	return s;
}

int api_body_str(struct req *r, const char *key, const char **out)
{
	json_t *body;
	*out = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, key, out);
	json_decref(body);
	return rc;
}

int api_body_instant(struct req *r, const char *key, int64_t *at)
{
	const char *s;
	int rc = api_body_str(r, key, &s);
	if (rc)
		return rc;
	if (!(*at = time_parse_iso(s)))
		return dv_fail(&r->ctx.err, DV_EINVAL, key,
			       "%s is an instant such as 2026-12-05T20:00:00+07:00", key);
	return 0;
}

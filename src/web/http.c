#include "web/http.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <h2o.h>

#include "base/i18n.h"
#include "web/multipart.h"

const char *T(const struct req *r, const char *msgid)
{
	return i18n_get(r->ctx.lang, msgid);
}

void res_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders >= REQ_MAX_HEADERS)
		return;
	/* HTTP/2 allows only lower-case header names */
	char *lower = arena_strdup(&r->arena, name);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	r->headers[r->nheaders].name = lower;
	r->headers[r->nheaders].value = arena_strdup(&r->arena, value);
	r->nheaders++;
}

void res_redirect(struct req *r, const char *path)
{
	r->status = 303;
	r->content_type = "text/plain; charset=utf-8";
	buf_reset(&r->out);
	res_header(r, "location", path);
}

void res_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char age[48] = "";
	if (max_age > 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	else if (max_age < 0)
		snprintf(age, sizeof(age), "; Max-Age=0");
	res_header(r, "set-cookie",
		   arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name,
				max_age < 0 ? "" : value, age, r->secure ? "; Secure" : ""));
}

/* Cookie: a=1; b=2 (RFC 6265 syntax; values may be quoted). */
const char *cookie_get(struct arena *a, const char *header, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = header; p && *p;) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > n && strncmp(p, name, n) == 0 && p[n] == '=') {
			const char *v = p + n + 1;
			size_t vlen = len - n - 1;
			while (vlen && v[vlen - 1] == ' ')
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			return arena_strndup(a, v, vlen);
		}
		p = end;
	}
	return NULL;
}

const char *req_query(struct req *r, const char *key)
{
	if (!r->qparsed) {
		r->qparsed = 1;
		struct dv_err err = {0};
		if (params_parse(&r->arena, r->query, strlen(r->query), FORM_MAX_VALUE, &r->qparams,
				 &err)) {
			r->qparams.v = NULL;
			r->qparams.n = 0;
		}
	}
	return params_get(&r->qparams, key);
}

static int content_type_is(struct req *r, const char *type)
{
	const char *ct = req_header(r, "content-type");
	size_t n = strlen(type);
	return ct && strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

int req_form_parse(struct req *r)
{
	if (r->form_parsed)
		return 0;
	r->form_parsed = 1;
	if (r->body_len && !content_type_is(r, "application/x-www-form-urlencoded"))
		return dv_fail(&r->ctx.err, DV_EINVAL, NULL,
			       "This form was sent in a format the server does not take");
	return params_parse(&r->arena, r->body, r->body_len, FORM_MAX_VALUE, &r->form, &r->ctx.err);
}

const char *req_form(struct req *r, const char *key)
{
	if (req_form_parse(r))
		return NULL;
	return params_get(&r->form, key);
}

int req_multipart(struct req *r, struct mp_part **parts, size_t *n)
{
	/* one upload field (a file up to the route's cap) and a few plain ones */
	static const struct mp_limits lim = {
		.max_parts = 16,
		.max_part_bytes = UPLOAD_MAX,
		.max_header_bytes = 4096,
		.max_name = 255,
	};
	if (!r->parts_parsed) {
		int rc = multipart_parse(&r->arena, req_header(r, "content-type"), r->body,
					 r->body_len, &lim, &r->parts, &r->nparts, &r->ctx.err);
		if (rc)
			return rc;
		r->parts_parsed = 1;
	}
	*parts = r->parts;
	*n = r->nparts;
	return 0;
}

int json_body_parse(const char *body, size_t len, json_t **out, struct dv_err *err)
{
	json_error_t jerr;
	*out = NULL;
	if (len > JSON_MAX_BODY)
		return dv_fail(err, DV_ETOOBIG, NULL, "The JSON body is larger than %d KB",
			       JSON_MAX_BODY / 1024);
	json_t *j = json_loadb(body ? body : "", len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		return dv_fail(err, DV_EINVAL, NULL, "The body is not valid JSON: %s", jerr.text);
	if (!json_is_object(j)) {
		json_decref(j);
		return dv_fail(err, DV_EINVAL, NULL, "The body must be a JSON object");
	}
	*out = j;
	return 0;
}

int req_json(struct req *r, json_t **out)
{
	*out = NULL;
	if (r->body_len <= JSON_MAX_BODY && !content_type_is(r, "application/json"))
		return dv_fail(&r->ctx.err, DV_EINVAL, NULL, "Send the body as application/json");
	return json_body_parse(r->body, r->body_len, out, &r->ctx.err);
}

int safe_local_path(const char *path)
{
	if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return 0;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return 0;
	return 1;
}

const char *req_header(struct req *r, const char *name)
{
	h2o_req_t *h = r->h2o;
	size_t n = strlen(name);
	for (size_t i = 0; h && i < h->headers.size; i++) {
		h2o_header_t *e = &h->headers.entries[i];
		if (h2o_lcstris(e->name->base, e->name->len, name, n))
			return arena_strndup(&r->arena, e->value.base, e->value.len);
	}
	return NULL;
}

#include "web/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <h2o.h>

#include "base/array.h"
#include "base/date.h"
#include "base/i18n.h"
#include "base/names.h"
#include "base/text.h"
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

/* ------------------------------------------------------------ the query */

/* The parameters handlers read, with their caps in characters. */
static const struct {
	const char *key;
	size_t max;
} query_caps[] = {
	{"q", 200},	  /* search text */
	{"next", 1024},	  /* a local path to go back to */
	{"code", 64},	  /* an invitation's code, as typed */
	{"receipt", 32},  /* a ballot's receipt, as typed */
	{"unit", 20},	  /* an id: 15 digits at most */
	{"category", 20}, /* an id */
	{"offset", 20},	  /* a count */
	{"limit", 20},	  /* a count */
	{"page", 20},	  /* a page number */
	{"recorded", 20}, /* a count */
	{"status", 32},	  /* an enumeration */
	{"section", 32},  /* an enumeration, or a consultation's part number */
	{"drafts", 8},	  /* 0 or 1 */
	{"from", 10},	  /* a day: 2026-11-27 or 27/11/2026 */
	{"to", 10},	  /* a day */
	{"lang", 8},	  /* vi or en */
	/* works */
	{"kind", 32},	   /* an enumeration: a ledger entry's kind */
	{"household", 30}, /* a household's registry code (HOUSEHOLD_CODE_MAX) */
	/* citizen reports and Open311 (web/reports/) */
	{"quarter", 10},	      /* a quarter: 2026-2 */
	{"year", 4},		      /* a year */
	{"service_request_id", 1000}, /* Open311: report ids, comma separated */
	{"service_code", 400},	      /* Open311: category codes, comma separated */
	{"start_date", 40},	      /* Open311: a W3C instant */
	{"end_date", 40},	      /* Open311: a W3C instant */
	{"jurisdiction_id", 100},     /* Open311: accepted, one jurisdiction served */
	{"page_size", 20},	      /* Open311: requests per page */
	/* emulation, titles, awards */
	{"field", 32},	  /* an enumeration: a model's field */
	{"origin", 20},	  /* an id: the model replicated */
	/* plans */
	{"period", 2}, /* a period of a year: a month 1-12, a quarter 1-4, a half 1-2 */
	{"mine", 1},   /* 0 or 1 */
	/* notify */
	{"unread", 8},	    /* 0 or 1: unread messages only */
	{"SendStatus", 4},  /* an SMS gateway's delivery report: a status code */
	{"SendSuccess", 10}, /* a count */
	{"SendFailed", 10}, /* a count */
};
#define QUERY_CAPS 34
_Static_assert(ARRAY_LEN(query_caps) == QUERY_CAPS, "a cap per parameter read");

/* The cap of key, or 0 when no handler reads it. */
static size_t query_read_cap(const char *key)
{
	for (size_t i = 0; i < QUERY_CAPS; i++)
		if (strcmp(query_caps[i].key, key) == 0)
			return query_caps[i].max;
	return 0;
}

static size_t query_cap(const char *key)
{
	size_t max = query_read_cap(key);
	return max ? max : QUERY_OTHER_MAX;
}

/* Is the parameter at i one a handler reads that came before too? Only
 * the first would be read. */
static int query_repeated(const struct params *q, size_t i)
{
	if (!query_read_cap(q->v[i].key))
		return 0;
	for (size_t k = 0; k < i; k++)
		if (strcmp(q->v[k].key, q->v[i].key) == 0)
			return 1;
	return 0;
}

/* Each value within its cap, in NFC; `lang` one of the two languages; no
 * parameter a handler reads given twice. */
static int query_check_values(struct req *r)
{
	for (size_t i = 0; i < r->qparams.n; i++) {
		struct param *p = &r->qparams.v[i];
		size_t max = query_cap(p->key);
		if (query_repeated(&r->qparams, i))
			return dv_fail(&r->ctx.err, DV_EINVAL, p->key,
				       "The parameter %s is given more than once", p->key);
		if (utf8_count(p->value, p->len) > max)
			return dv_fail(&r->ctx.err, DV_EINVAL, p->key,
				       "The parameter %s is longer than %zu characters", p->key,
				       max);
		if (strcmp(p->key, "lang") == 0 && strcasecmp(p->value, "vi") != 0 &&
		    strcasecmp(p->value, "en") != 0)
			return dv_fail(&r->ctx.err, DV_EINVAL, p->key,
				       "The parameter %s must be one of: %s", p->key, "vi, en");
		for (size_t k = 0; k < p->len; k++)
			if ((unsigned char)p->value[k] >= 0x80) {
				p->value = text_nfc(&r->arena, p->value, p->len);
				p->len = strlen(p->value);
				break;
			}
	}
	return 0;
}

int req_query_parse(struct req *r)
{
	size_t len = strlen(r->query);
	r->qparsed = 1;
	int rc = params_parse(&r->arena, r->query, len, QUERY_MAX, PARAMS_QUERY, &r->qparams,
			      &r->ctx.err);
	if (rc == DV_ETOOBIG && r->ctx.err.field) /* the same words as a value over its cap */
		rc = dv_fail(&r->ctx.err, DV_EINVAL, r->ctx.err.field,
			     "The parameter %s is longer than %zu characters", r->ctx.err.field,
			     query_cap(r->ctx.err.field));
	if (!rc)
		rc = query_check_values(r);
	if (!rc && len > QUERY_MAX)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, NULL,
			     "The query string is longer than %d bytes", QUERY_MAX);
	if (rc) {
		r->qparams.v = NULL;
		r->qparams.n = 0;
		return DV_EINVAL;
	}
	return 0;
}

const char *req_query(struct req *r, const char *key)
{
	if (!r->qparsed && req_query_parse(r))
		dv_err_clear(&r->ctx.err);
	return params_get(&r->qparams, key);
}

/* A plain decimal id (digits only, at most 15 of them), or -1. */
static long long plain_id(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n && n <= 15 && s[n] == '\0' && s[0] != '0' ? strtoll(s, NULL, 10) : -1;
}

int req_form_id(struct req *r, const char *key, int64_t *out)
{
	const char *s = req_form(r, key);
	*out = 0;
	if (!s || !*s)
		return 0;
	long long v = plain_id(s);
	if (v < 0)
		return dv_fail(&r->ctx.err, DV_EINVAL, key, "This choice is not valid");
	*out = v;
	return 0;
}

int req_query_int(struct req *r, const char *key, int64_t min, int64_t max, int required,
		  int64_t *out)
{
	const char *s = req_query(r, key);
	if (!s || !*s) {
		if (required)
			return dv_fail(&r->ctx.err, DV_EINVAL, key, "The parameter %s is required",
				       key);
		return 0;
	}
	/* digits only: no sign, spaces, hex or a number cut short by strtoll */
	size_t n = strspn(s, "0123456789");
	long long v = n && n <= 18 && s[n] == '\0' ? strtoll(s, NULL, 10) : -1;
	if (v < min || v > max)
		return dv_fail(&r->ctx.err, DV_EINVAL, key,
			       "The parameter %s must be a whole number from %lld to %lld", key,
			       (long long)min, (long long)max);
	*out = v;
	return 0;
}

int req_query_date(struct req *r, const char *key, int32_t *out)
{
	const char *v = req_query(r, key);
	*out = 0;
	if (!v || !*v)
		return 0;
	if (date_parse(v, out, NULL))
		return dv_fail(&r->ctx.err, DV_EINVAL, key,
			       "The parameter %s must be a day such as 2026-11-27", key);
	return 0;
}

int req_query_enum(struct req *r, const char *key, const struct name_label *names, int n, int *out)
{
	const char *v = req_query(r, key);
	if (!v || !*v)
		return 0;
	int i = names_find(names, n, v);
	if (i >= 0)
		return *out = i, 0;
	struct buf list = BUF_INIT;
	for (int k = 0; k < n; k++)
		buf_addf(&list, "%s%s", k ? ", " : "", names[k].name);
	int rc = dv_fail(&r->ctx.err, DV_EINVAL, key, "The parameter %s must be one of: %s", key,
			 list.ptr);
	buf_release(&list);
	return rc;
}

/* ------------------------------------------------------------ the headers */

/* Fields that never need REQ_HEADER_MAX: what a browser sends is far less. */
static const struct {
	const char *name;
	size_t max;
} header_caps[] = {
	{"user-agent", 1024},
	{"accept-language", 512},
	{"authorization", 1024},
};
#define HEADER_CAPS 3
_Static_assert(ARRAY_LEN(header_caps) == HEADER_CAPS, "a cap per header named");

static size_t header_cap(const char *name, size_t len)
{
	for (size_t i = 0; i < HEADER_CAPS; i++)
		if (h2o_lcstris(name, len, header_caps[i].name, strlen(header_caps[i].name)))
			return header_caps[i].max;
	return REQ_HEADER_MAX;
}

/* Cookies in one Cookie field: its ';'-separated pairs. */
static size_t cookie_count(const char *v, size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += v[i] == ';';
	return n;
}

int req_headers_check(struct req *r)
{
	h2o_req_t *h = r->h2o;
	struct dv_err *err = &r->ctx.err;
	size_t total = 0, cookies = 0;
	if (!h)
		return 0;
	if (h->headers.size > REQ_HEADERS_MAX)
		return dv_fail(err, DV_ETOOBIG, NULL, "The request has more than %d header fields",
			       REQ_HEADERS_MAX);
	for (size_t i = 0; i < h->headers.size; i++) {
		h2o_header_t *e = &h->headers.entries[i];
		size_t max = header_cap(e->name->base, e->name->len);
		if (e->value.len > max) {
			const char *name = arena_strndup(&r->arena, e->name->base, e->name->len);
			return dv_fail(err, DV_ETOOBIG, name,
				       "The header %s is longer than %zu bytes", name, max);
		}
		total += e->name->len + e->value.len;
		if (h2o_lcstris(e->name->base, e->name->len, H2O_STRLIT("cookie")))
			cookies += cookie_count(e->value.base, e->value.len);
	}
	if (total > REQ_HEADERS_BYTES)
		return dv_fail(err, DV_ETOOBIG, NULL,
			       "The header fields are larger than %d KB in all",
			       REQ_HEADERS_BYTES / 1024);
	if (cookies > REQ_COOKIES_MAX)
		return dv_fail(err, DV_ETOOBIG, "cookie",
			       "The request carries more than %d cookies", REQ_COOKIES_MAX);
	return 0;
}

int req_content_type_is(struct req *r, const char *type)
{
	const char *ct = req_header(r, "content-type");
	size_t n = strlen(type);
	return ct && strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

int req_form_parse(struct req *r)
{
	/* a body refused once is refused to every later reader too (the CSRF
	 * check reads the form first: the handler must not see half of it) */
	if (r->form_parsed)
		return r->form_rc ? dv_fail(&r->ctx.err, r->form_rc, r->form_field,
					    "%s", r->form_msg)
				  : 0;
	r->form_parsed = 1;
	if (r->body_len && !req_content_type_is(r, "application/x-www-form-urlencoded"))
		r->form_rc = dv_fail(&r->ctx.err, DV_EINVAL, NULL,
				     "This form was sent in a format the server does not take");
	else
		r->form_rc = params_parse(&r->arena, r->body, r->body_len, FORM_MAX_VALUE, 0,
					  &r->form, &r->ctx.err);
	if (r->form_rc) {
		r->form_field = r->ctx.err.field;
		r->form_msg = arena_strdup(&r->arena, r->ctx.err.msg);
	}
	return r->form_rc;
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
	if (r->body_len <= JSON_MAX_BODY && !req_content_type_is(r, "application/json"))
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

void req_detach(struct req *r)
{
	h2o_req_t *h = r->h2o;
	if (!h || r->fields)
		return;
	r->fields = arena_alloc(&r->arena, (h->headers.size + 1) * sizeof(*r->fields));
	for (size_t i = 0; i < h->headers.size; i++) {
		h2o_header_t *e = &h->headers.entries[i];
		r->fields[i] = (struct req_field){
			arena_strndup(&r->arena, e->name->base, e->name->len),
			arena_strndup(&r->arena, e->value.base, e->value.len), e->name->len,
			e->value.len};
	}
	r->nfields = h->headers.size;
	if (r->body_len) {
		char *body = arena_alloc(&r->arena, r->body_len);
		memcpy(body, r->body, r->body_len);
		r->body = body;
	}
}

/* The i-th header field, from the copy once detached, else from h2o. */
static int field_at(struct req *r, size_t i, struct req_field *f)
{
	if (r->fields) {
		if (i >= r->nfields)
			return 0;
		*f = r->fields[i];
		return 1;
	}
	h2o_req_t *h = r->h2o;
	if (!h || i >= h->headers.size)
		return 0;
	h2o_header_t *e = &h->headers.entries[i];
	*f = (struct req_field){e->name->base, e->value.base, e->name->len, e->value.len};
	return 1;
}

const char *req_cookies(struct req *r)
{
	struct buf all = BUF_INIT;
	struct req_field f;
	for (size_t i = 0; field_at(r, i, &f); i++) {
		if (!h2o_lcstris(f.name, f.name_len, H2O_STRLIT("cookie")))
			continue;
		if (all.len)
			buf_adds(&all, "; ");
		buf_add(&all, f.value, f.value_len);
	}
	const char *s = all.len ? arena_strndup(&r->arena, all.ptr, all.len) : NULL;
	buf_release(&all);
	return s;
}

const char *req_header(struct req *r, const char *name)
{
	size_t n = strlen(name);
	struct req_field f;
	for (size_t i = 0; field_at(r, i, &f); i++)
		if (h2o_lcstris(f.name, f.name_len, name, n))
			return arena_strndup(&r->arena, f.value, f.value_len);
	return NULL;
}

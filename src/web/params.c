#include "web/params.h"

#include <string.h>

#include "base/text.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int params_decode(struct arena *a, const char *s, size_t len, int plus, char **out,
		  size_t *out_len)
{
	char *d = arena_alloc(a, len + 1);
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= len)
				return PARAMS_EESCAPE;
			int h1 = hexval((unsigned char)s[i + 1]);
			int h2 = hexval((unsigned char)s[i + 2]);
			if (h1 < 0 || h2 < 0)
				return PARAMS_EESCAPE;
			c = h1 * 16 + h2;
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		if (c == 0)
			return PARAMS_ENUL;
		d[k++] = (char)c;
	}
	d[k] = '\0';
	*out = d;
	if (out_len)
		*out_len = k;
	return 0;
}

/* A key must decode to 1..PARAMS_MAX_KEY bytes of single-line UTF-8. */
static int decode_key(struct arena *a, const char *s, size_t len, char **key)
{
	size_t n;
	if (len == 0 || len > PARAMS_MAX_KEY * 3 || params_decode(a, s, len, 1, key, &n))
		return -1;
	if (n == 0 || n > PARAMS_MAX_KEY || !utf8_valid(*key, n) || text_has_control(*key, n, 0))
		return -1;
	return 0;
}

static int bad_key(struct dv_err *err, unsigned flags)
{
	if (flags & PARAMS_QUERY)
		return dv_fail(err, DV_EINVAL, NULL,
			       "A parameter of the query string has no valid name");
	return dv_fail(err, DV_EINVAL, NULL, "A field of the request has no valid name");
}

/* Decode the value of `key`; the error names the key in a query string. */
static int decode_value(struct arena *a, const char *s, size_t len, size_t max, unsigned flags,
			const char *key, struct param *p, struct dv_err *err)
{
	int query = flags & PARAMS_QUERY;
	char *v;
	int rc = len > max * 3 + 3 ? 0 : params_decode(a, s, len, 1, &v, &p->len);
	if (len > max * 3 + 3 || (!rc && p->len > max))
		return query ? dv_fail(err, DV_ETOOBIG, key, "The parameter %s is too long", key)
			     : dv_fail(err, DV_ETOOBIG, key, "A field of the request is too long");
	if (rc == PARAMS_ENUL && query)
		return dv_fail(err, DV_EINVAL, key, "The parameter %s holds a control character",
			       key);
	if (rc)
		return query ? dv_fail(err, DV_EINVAL, key,
				       "The parameter %s holds a malformed escape", key)
			     : dv_fail(err, DV_EINVAL, key, "The request holds a malformed escape");
	if (!utf8_valid(v, p->len))
		return query ? dv_fail(err, DV_EINVAL, key, "The parameter %s is not valid UTF-8",
				       key)
			     : dv_fail(err, DV_EINVAL, key, "The request is not valid UTF-8");
	if (query && text_has_control(v, p->len, 0))
		return dv_fail(err, DV_EINVAL, key, "The parameter %s holds a control character",
			       key);
	p->key = key;
	p->value = v;
	return 0;
}

int params_parse(struct arena *a, const char *text, size_t len, size_t max_value, unsigned flags,
		 struct params *out, struct dv_err *err)
{
	size_t cap = 0;
	out->v = NULL;
	out->n = 0;
	if (!text)
		return 0;
	for (size_t i = 0; i <= len;) {
		const char *pair = text + i;
		const char *amp = memchr(pair, '&', len - i);
		size_t plen = amp ? (size_t)(amp - pair) : len - i;
		i += plen + 1;
		if (plen == 0)
			continue;
		if (out->n >= PARAMS_MAX_PAIRS)
			return flags & PARAMS_QUERY
				       ? dv_fail(err, DV_ETOOBIG, NULL,
						 "The query string has more than %d parameters",
						 PARAMS_MAX_PAIRS)
				       : dv_fail(err, DV_ETOOBIG, NULL,
						 "Too many fields in the request");
		const char *eq = memchr(pair, '=', plen);
		size_t klen = eq ? (size_t)(eq - pair) : plen;
		char *key;
		if (decode_key(a, pair, klen, &key))
			return bad_key(err, flags);
		struct param p;
		int rc = decode_value(a, eq ? eq + 1 : "", eq ? plen - klen - 1 : 0, max_value,
				      flags, key, &p, err);
		if (rc)
			return rc;
		*ARENA_PUSH(a, out->v, out->n, cap) = p;
	}
	return 0;
}

const char *params_get(const struct params *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].key, key) == 0)
			return p->v[i].value;
	return NULL;
}

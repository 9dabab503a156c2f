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
				return -1;
			int h1 = hexval((unsigned char)s[i + 1]);
			int h2 = hexval((unsigned char)s[i + 2]);
			if (h1 < 0 || h2 < 0)
				return -1;
			c = h1 * 16 + h2;
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		if (c == 0)
			return -1;
		d[k++] = (char)c;
	}
	d[k] = '\0';
	*out = d;
	if (out_len)
		*out_len = k;
	return 0;
}

int params_parse(struct arena *a, const char *text, size_t len, size_t max_value,
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
			return dv_fail(err, DV_ETOOBIG, NULL, "Too many fields in the request");
		const char *eq = memchr(pair, '=', plen);
		size_t klen = eq ? (size_t)(eq - pair) : plen;
		size_t vlen = eq ? plen - klen - 1 : 0;
		char *key, *value;
		size_t value_len;
		if (klen == 0 || klen > PARAMS_MAX_KEY * 3)
			return dv_fail(err, DV_EINVAL, NULL, "A field of the request has no valid name");
		if (vlen > max_value * 3 + 3)
			return dv_fail(err, DV_ETOOBIG, NULL, "A field of the request is too long");
		if (params_decode(a, pair, klen, 1, &key, NULL) ||
		    params_decode(a, eq ? eq + 1 : "", vlen, 1, &value, &value_len))
			return dv_fail(err, DV_EINVAL, NULL, "The request holds a malformed escape");
		if (strlen(key) > PARAMS_MAX_KEY || !*key)
			return dv_fail(err, DV_EINVAL, NULL, "A field of the request has no valid name");
		if (value_len > max_value)
			return dv_fail(err, DV_ETOOBIG, NULL, "A field of the request is too long");
		if (!utf8_valid(key, strlen(key)) || !utf8_valid(value, value_len))
			return dv_fail(err, DV_EINVAL, NULL, "The request is not valid UTF-8");
		struct param *p = ARENA_PUSH(a, out->v, out->n, cap);
		p->key = key;
		p->value = value;
		p->len = value_len;
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

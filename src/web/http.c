#include "web/http.h"

#include <string.h>
#include <strings.h>

#include "base/i18n.h"

const char *T(const struct req *r, const char *msgid)
{
	return i18n_get(r->ctx.lang, msgid);
}

void res_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders >= REQ_MAX_HEADERS)
		return;
	r->headers[r->nheaders].name = arena_strdup(&r->arena, name);
	r->headers[r->nheaders].value = arena_strdup(&r->arena, value);
	r->nheaders++;
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

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

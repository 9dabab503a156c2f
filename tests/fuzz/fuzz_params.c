/* libFuzzer: query strings and urlencoded forms (web/params.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "web/params.h"

/* What comes out is valid UTF-8 with no NUL, within the limits; a query's
 * values hold no control character, a form's may hold line breaks. */
static void check(const struct params *p, unsigned flags)
{
	if (p->n > PARAMS_MAX_PAIRS)
		abort();
	for (size_t i = 0; i < p->n; i++) {
		const struct param *v = &p->v[i];
		size_t klen = strlen(v->key);
		if (!klen || klen > PARAMS_MAX_KEY || text_has_control(v->key, klen, 0))
			abort();
		if (v->len > 1024 || strlen(v->value) != v->len)
			abort();
		if (!utf8_valid(v->value, v->len))
			abort();
		if ((flags & PARAMS_QUERY) && text_has_control(v->value, v->len, 0))
			abort();
		if (params_get(p, v->key) == NULL)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned modes[] = {0, PARAMS_QUERY};
	for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		struct arena a = ARENA_INIT;
		struct params p;
		struct dv_err err = {0};
		int rc = params_parse(&a, (const char *)data, size, 1024, modes[m], &p, &err);
		if (rc == 0)
			check(&p, modes[m]);
		else if (rc != DV_EINVAL && rc != DV_ETOOBIG)
			abort();
		/* a refusal names the key at fault only when it is a real key */
		if (rc && err.field && (!*err.field || strlen(err.field) > PARAMS_MAX_KEY))
			abort();
		arena_release(&a);
	}
	return 0;
}

/* libFuzzer: query strings and urlencoded forms (web/params.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "web/params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct params p;
	struct dv_err err = {0};
	if (params_parse(&a, (const char *)data, size, 1024, &p, &err) == 0) {
		/* what comes out is valid UTF-8 with no NUL, within the limits */
		if (p.n > PARAMS_MAX_PAIRS)
			abort();
		for (size_t i = 0; i < p.n; i++) {
			if (!*p.v[i].key || strlen(p.v[i].key) > PARAMS_MAX_KEY)
				abort();
			if (p.v[i].len > 1024 || strlen(p.v[i].value) != p.v[i].len)
				abort();
			if (!utf8_valid(p.v[i].value, p.v[i].len))
				abort();
			if (params_get(&p, p.v[i].key) == NULL)
				abort();
		}
	}
	arena_release(&a);
	return 0;
}

/* libFuzzer: Cookie headers (web/http.c cookie_get). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	char *header = arena_strndup(&a, (const char *)data, size); /* headers hold no NUL */
	static const char *names[] = {"sid", "csrf", "lang", "a", ""};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = cookie_get(&a, header, names[i]);
		if (v && strlen(v) > size)
			abort();
	}
	arena_release(&a);
	return 0;
}

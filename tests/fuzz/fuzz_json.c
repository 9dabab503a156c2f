/* libFuzzer: JSON request bodies (web/http.c json_body_parse, jansson). */
#include <stdint.h>
#include <stdlib.h>

#include "web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *j = NULL;
	struct dv_err err = {0};
	int rc = json_body_parse((const char *)data, size, &j, &err);
	if (rc == 0) {
		if (!json_is_object(j))
			abort();
		/* what a handler does next: read string members */
		const char *key;
		json_t *v;
		json_object_foreach(j, key, v)
		{
			if (json_is_string(v) && json_string_value(v) == NULL)
				abort();
		}
		json_decref(j);
	} else if (j || (rc != DV_EINVAL && rc != DV_ETOOBIG)) {
		abort();
	}
	return 0;
}

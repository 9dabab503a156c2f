/* libFuzzer: Vietnamese text (base/text.c): cleaning, folding, sort keys,
 * and the money and date parsers that read what people type. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/money.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	const char *s = (const char *)data, *out;
	char *z = arena_strndup(&a, s, size);

	struct buf f = BUF_INIT, f2 = BUF_INIT, key = BUF_INIT;
	text_fold(&f, s, size);
	/* folding is idempotent and gives valid UTF-8 */
	text_fold(&f2, f.ptr, f.len);
	if (strcmp(f.ptr, f2.ptr) != 0 || !utf8_valid(f.ptr, f.len))
		abort();
	text_sort_key(&key, s, size);
	for (size_t i = 0; i < key.len; i++)
		if (key.ptr[i] < '0' || key.ptr[i] > '9')
			abort();
	text_name_sort_key(&key, z);
	if (text_clean(&a, s, size, 200, 0, "x", &out, &err) == 0 &&
	    (!utf8_valid(out, strlen(out)) || utf8_count(out, strlen(out)) > 200))
		abort();
	text_clean(&a, s, size, 0, TEXT_MULTILINE, "x", &out, &err);
	text_like_contains(&a, z);

	int64_t money;
	if (money_parse(z, &money, &err) == 0 && (money > MONEY_MAX || money < -MONEY_MAX))
		abort();
	int32_t ymd;
	if (date_parse(z, &ymd, &err) == 0) {
		int y, m, d;
		date_split(ymd, &y, &m, &d);
		if (!date_valid(y, m, d))
			abort();
	}
	buf_release(&f);
	buf_release(&f2);
	buf_release(&key);
	arena_release(&a);
	return 0;
}

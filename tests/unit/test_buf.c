#include "testlib.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"

static void empty_buffer_is_a_valid_string(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	assert_int_equal(b.len, 0);
	buf_release(&b);
	assert_string_equal(b.ptr, "");
}

static void add_and_format(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_adds(&b, "Tân ");
	buf_addf(&b, "%s %d", "Đông Hiệp", 25948);
	buf_addch(&b, '!');
	assert_string_equal(b.ptr, "Tân Đông Hiệp 25948!");
	assert_int_equal(b.len, strlen("Tân Đông Hiệp 25948!"));
	buf_truncate(&b, 4);
	assert_string_equal(b.ptr, "Tân");
	buf_release(&b);
}

static void grows_past_many_reallocations(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	for (int i = 0; i < 10000; i++)
		buf_addf(&b, "%04d", i % 10000);
	assert_int_equal(b.len, 40000);
	assert_memory_equal(b.ptr + 39996, "9999", 4);
	assert_int_equal(b.ptr[b.len], '\0');
	size_t len;
	char *p = buf_detach(&b, &len);
	assert_int_equal(len, 40000);
	assert_string_equal(b.ptr, ""); /* reusable after detach */
	free(p);
}

static void long_format_output(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	char big[3000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_addf(&b, "[%s]", big);
	assert_int_equal(b.len, sizeof(big) + 1);
	assert_int_equal(b.ptr[b.len - 1], ']');
	buf_release(&b);
}

static void detach_of_empty_gives_owned_string(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	char *p = buf_detach(&b, NULL);
	assert_string_equal(p, "");
	free(p);
}

static void arena_allocations_are_aligned_and_independent(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char *s1 = arena_strdup(&a, "Bình Dương");
	long double *ld = arena_new(&a, long double);
	assert_int_equal((uintptr_t)ld % 16, 0);
	char *big = arena_alloc(&a, 100000);
	memset(big, 7, 100000);
	char *s2 = arena_printf(&a, "%s-%d", s1, 74);
	assert_string_equal(s1, "Bình Dương");
	assert_string_equal(s2, "Bình Dương-74");
	for (int i = 0; i < 5000; i++)
		arena_printf(&a, "%d", i);
	assert_string_equal(s1, "Bình Dương");
	assert_true(a.total >= 100000);
	int *z = arena_array(&a, int, 100);
	for (int i = 0; i < 100; i++)
		assert_int_equal(z[i], 0);
	arena_release(&a);
	assert_null(a.head);
	/* reusable after release */
	assert_string_equal(arena_strdup(&a, "ok"), "ok");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_buffer_is_a_valid_string),
		cmocka_unit_test(add_and_format),
		cmocka_unit_test(grows_past_many_reallocations),
		cmocka_unit_test(long_format_output),
		cmocka_unit_test(detach_of_empty_gives_owned_string),
		cmocka_unit_test(arena_allocations_are_aligned_and_independent),
	};
	return test_run(tests);
}

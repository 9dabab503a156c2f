#include "testlib.h"

#include <string.h>

#include "base/buf.h"
#include "base/diff.h"

/* The diff as text: " line", "-line", "+line", joined by '|'. */
static const char *render(struct arena *a, const char *x, const char *y)
{
	struct diff_line *d;
	size_t n;
	struct buf b = BUF_INIT;
	diff_lines(a, x, y, &d, &n);
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%c%s", i ? "|" : "", " -+"[d[i].op], d[i].text);
	char *s = arena_strdup(a, b.ptr);
	buf_release(&b);
	return s;
}

static void differences_by_line(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(render(&a, "", ""), "");
	assert_string_equal(render(&a, NULL, "một"), "+một");
	assert_string_equal(render(&a, "một", ""), "-một");
	assert_string_equal(render(&a, "a\nb\nc", "a\nb\nc"), " a| b| c");
	assert_string_equal(render(&a, "a\nb\nc", "a\nB\nc"), " a|-b|+B| c");
	assert_string_equal(render(&a, "a\nc", "a\nb\nc"), " a|+b| c");
	assert_string_equal(render(&a, "x\na\nb", "a\nb\ny"), "-x| a| b|+y");
	/* an empty line is a line */
	assert_string_equal(render(&a, "a\n\nb", "a\nb"), " a|-| b");
	arena_release(&a);
}

/* Every line of each side appears once, in order, whatever the input. */
static void every_line_is_accounted_for(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	unsigned seed = 7;
	for (int round = 0; round < 200; round++) {
		char x[256], y[256];
		size_t nx = 0, ny = 0;
		int lines = (int)(seed % 12);
		for (int i = 0; i < lines; i++) {
			seed = seed * 1103515245 + 12345;
			x[nx++] = (char)('a' + (seed >> 16) % 4);
			x[nx++] = '\n';
			seed = seed * 1103515245 + 12345;
			y[ny++] = (char)('a' + (seed >> 16) % 4);
			y[ny++] = '\n';
		}
		x[nx ? nx - 1 : 0] = y[ny ? ny - 1 : 0] = '\0';
		struct diff_line *d;
		size_t n;
		diff_lines(&a, x, y, &d, &n);
		struct buf bx = BUF_INIT, by = BUF_INIT;
		for (size_t i = 0; i < n; i++) {
			if (d[i].op != DIFF_ADD)
				buf_addf(&bx, "%s%s", bx.len ? "\n" : "", d[i].text);
			if (d[i].op != DIFF_DEL)
				buf_addf(&by, "%s%s", by.len ? "\n" : "", d[i].text);
		}
		assert_string_equal(bx.ptr, x);
		assert_string_equal(by.ptr, y);
		buf_release(&bx);
		buf_release(&by);
		seed = seed * 1103515245 + 12345;
	}
	arena_release(&a);
}

static void long_texts_fall_back_to_remove_then_add(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct buf x = BUF_INIT, y = BUF_INIT;
	for (int i = 0; i < DIFF_MAX_LINES + 5; i++) {
		buf_addf(&x, "x%d\n", i);
		buf_addf(&y, "y%d\n", i);
	}
	buf_adds(&x, "end");
	buf_adds(&y, "end");
	struct diff_line *d;
	size_t n;
	diff_lines(&a, x.ptr, y.ptr, &d, &n);
	assert_int_equal(n, 2 * (DIFF_MAX_LINES + 5) + 1);
	assert_int_equal(d[0].op, DIFF_DEL);
	assert_int_equal(d[DIFF_MAX_LINES + 5].op, DIFF_ADD);
	assert_int_equal(d[n - 1].op, DIFF_SAME);
	buf_release(&x);
	buf_release(&y);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(differences_by_line),
		cmocka_unit_test(every_line_is_accounted_for),
		cmocka_unit_test(long_texts_fall_back_to_remove_then_add),
	};
	return test_run(tests);
}

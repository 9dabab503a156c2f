#include "testlib.h"

#include <string.h>

#include "base/money.h"

static int64_t parse_ok(const char *s)
{
	int64_t v = -42;
	struct dv_err err = {0};
	int rc = money_parse(s, &v, &err);
	if (rc)
		fail_msg("'%s' refused: %s", s, err.msg);
	return v;
}

static void parses_how_offices_write_amounts(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("1.250.000"), 1250000);
	assert_int_equal(parse_ok("1250000 đ"), 1250000);
	assert_int_equal(parse_ok("1.250.000 ₫"), 1250000);
	assert_int_equal(parse_ok("1.250.000đ"), 1250000);
	assert_int_equal(parse_ok("106.500.000 VNĐ"), 106500000);
	assert_int_equal(parse_ok("250,000,000"), 250000000);
	assert_int_equal(parse_ok("250 000 000 đồng"), 250000000);
	assert_int_equal(parse_ok(" 0 "), 0);
	assert_int_equal(parse_ok("-5.000"), -5000);
	assert_int_equal(parse_ok("999"), 999);
	assert_int_equal(parse_ok("999.999.999.999.999"), 999999999999999);
}

static void refuses_what_is_ambiguous_or_wrong(void **state)
{
	(void)state;
	const char *bad[] = {"",
			     "đ",
			     "1,5",
			     "1.25.000",
			     "12.5000",
			     "1.250,000",
			     "abc",
			     "1.250.000 USD",
			     "1000.000.000.000.000",
			     "--5",
			     "1.250.000 đ x",
			     "9999999999999999",
			     NULL};
	for (int i = 0; bad[i]; i++) {
		int64_t v = 7;
		struct dv_err err = {0};
		if (money_parse(bad[i], &v, &err) != DV_EINVAL)
			fail_msg("'%s' was accepted as %lld", bad[i], (long long)v);
		assert_int_equal(v, 7); /* untouched on failure */
		assert_true(strlen(err.msg) > 0);
	}
}

static void formats_with_dots_and_dong_sign(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	money_format(&b, 1250000);
	assert_string_equal(b.ptr, "1.250.000 ₫");
	buf_reset(&b);
	money_format(&b, 0);
	assert_string_equal(b.ptr, "0 ₫");
	buf_reset(&b);
	money_format(&b, -5000);
	assert_string_equal(b.ptr, "-5.000 ₫");
	buf_reset(&b);
	money_format_plain(&b, 106500000);
	assert_string_equal(b.ptr, "106.500.000");
	buf_reset(&b);
	money_format_plain(&b, 999);
	assert_string_equal(b.ptr, "999");
	buf_reset(&b);
	money_format_plain(&b, INT64_MIN);
	assert_string_equal(b.ptr, "-9.223.372.036.854.775.808");
	buf_release(&b);
}

static void round_trip(void **state)
{
	(void)state;
	int64_t samples[] = {0, 1, 999, 1000, 123456789, 250000000, MONEY_MAX};
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		struct buf b = BUF_INIT;
		money_format(&b, samples[i]);
		assert_int_equal(parse_ok(b.ptr), samples[i]);
		buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_how_offices_write_amounts),
		cmocka_unit_test(refuses_what_is_ambiguous_or_wrong),
		cmocka_unit_test(formats_with_dots_and_dong_sign),
		cmocka_unit_test(round_trip),
	};
	return test_run(tests);
}

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

static const char *words(int64_t n)
{
	static struct buf b = BUF_INIT;
	buf_reset(&b);
	number_words(&b, n);
	return b.ptr;
}

static void reads_numbers_in_vietnamese(void **state)
{
	(void)state;
	assert_string_equal(words(0), "không");
	assert_string_equal(words(5), "năm");
	assert_string_equal(words(10), "mười");
	assert_string_equal(words(11), "mười một");
	assert_string_equal(words(14), "mười bốn");
	assert_string_equal(words(15), "mười lăm");
	assert_string_equal(words(20), "hai mươi");
	assert_string_equal(words(21), "hai mươi mốt");
	assert_string_equal(words(25), "hai mươi lăm");
	assert_string_equal(words(55), "năm mươi lăm");
	assert_string_equal(words(91), "chín mươi mốt");
	assert_string_equal(words(100), "một trăm");
	assert_string_equal(words(101), "một trăm linh một");
	assert_string_equal(words(105), "một trăm linh năm");
	assert_string_equal(words(110), "một trăm mười");
	assert_string_equal(words(111), "một trăm mười một");
	assert_string_equal(words(115), "một trăm mười lăm");
	assert_string_equal(words(121), "một trăm hai mươi mốt");
	assert_string_equal(words(1000), "một nghìn");
	assert_string_equal(words(1001), "một nghìn không trăm linh một");
	assert_string_equal(words(1015), "một nghìn không trăm mười lăm");
	assert_string_equal(words(21000), "hai mươi mốt nghìn");
	assert_string_equal(words(100000), "một trăm nghìn");
	assert_string_equal(words(1500000), "một triệu năm trăm nghìn");
	assert_string_equal(words(1005000), "một triệu không trăm linh năm nghìn");
	assert_string_equal(words(1000005), "một triệu không trăm linh năm");
	assert_string_equal(words(106500000), "một trăm linh sáu triệu năm trăm nghìn");
	assert_string_equal(words(250000000), "hai trăm năm mươi triệu");
	assert_string_equal(words(1000000000), "một tỷ");
	assert_string_equal(words(2000015000), "hai tỷ không trăm mười lăm nghìn");
	assert_string_equal(words(1250000000000), "một nghìn hai trăm năm mươi tỷ");
	assert_string_equal(words(999999999999999),
			    "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm "
			    "chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín "
			    "mươi chín");
	assert_string_equal(words(-21), "âm hai mươi mốt");
}

static void writes_amounts_in_words_for_receipts(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_adds(&b, "Bằng chữ: ");
	money_words(&b, 100000);
	assert_string_equal(b.ptr, "Bằng chữ: Một trăm nghìn đồng");
	buf_reset(&b);
	money_words(&b, 1500000);
	assert_string_equal(b.ptr, "Một triệu năm trăm nghìn đồng");
	buf_reset(&b);
	money_words(&b, 0);
	assert_string_equal(b.ptr, "Không đồng");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_how_offices_write_amounts),
		cmocka_unit_test(refuses_what_is_ambiguous_or_wrong),
		cmocka_unit_test(formats_with_dots_and_dong_sign),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(reads_numbers_in_vietnamese),
		cmocka_unit_test(writes_amounts_in_words_for_receipts),
	};
	return test_run(tests);
}

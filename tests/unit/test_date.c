#include "testlib.h"

#include "base/date.h"

static int32_t parse_ok(const char *s)
{
	int32_t v = 0;
	struct dv_err err = {0};
	if (date_parse(s, &v, &err))
		fail_msg("'%s' refused: %s", s, err.msg);
	return v;
}

static void parses_dd_mm_yyyy_and_iso(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("17/02/2023"), 20230217);
	assert_int_equal(parse_ok("7/2/2023"), 20230207);
	assert_int_equal(parse_ok("17-02-2023"), 20230217);
	assert_int_equal(parse_ok("17.02.2023"), 20230217);
	assert_int_equal(parse_ok("2023-02-17"), 20230217);
	assert_int_equal(parse_ok("29/02/2024"), 20240229);
	assert_int_equal(parse_ok(" 01/07/2025 "), 20250701);
}

static void refuses_impossible_dates(void **state)
{
	(void)state;
	const char *bad[] = {"29/02/2023",  "31/04/2025", "00/01/2020", "32/01/2020", "12/13/2020",
			     "17/02/23",    "17/02-2023", "2023/02/17", "abc",	      "",
			     "17/02/2023x", "1/1/1799",	  NULL};
	for (int i = 0; bad[i]; i++) {
		int32_t v = 1;
		struct dv_err err = {0};
		if (date_parse(bad[i], &v, &err) != DV_EINVAL)
			fail_msg("'%s' was accepted as %d", bad[i], v);
		assert_int_equal(v, 1);
	}
}

static void formats(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	date_format(&b, 20230217);
	assert_string_equal(b.ptr, "17/02/2023");
	buf_reset(&b);
	date_format_iso(&b, 20250701);
	assert_string_equal(b.ptr, "2025-07-01");
	buf_release(&b);
}

static void day_arithmetic(void **state)
{
	(void)state;
	assert_int_equal(date_to_days(19700101), 0);
	assert_int_equal(date_from_days(0), 19700101);
	assert_int_equal(date_from_days(-1), 19691231);
	assert_int_equal(date_add_days(20240228, 1), 20240229);
	assert_int_equal(date_add_days(20230228, 1), 20230301);
	assert_int_equal(date_add_days(20231231, 1), 20240101);
	assert_int_equal(date_diff_days(20230217, 20230309), 20);
	assert_int_equal(date_diff_days(19450902, 19450902), 0);
	for (int64_t d = -40000; d < 40000; d += 37)
		assert_int_equal(date_to_days(date_from_days(d)), d);
}

static void vietnam_time_is_utc_plus_7(void **state)
{
	(void)state;
	/* 2023-02-17 17:30 UTC is 18/02/2023 00:30 in Vietnam */
	int64_t t = time_local_midnight(20230218) + 30 * 60;
	assert_int_equal(time_local_date(t), 20230218);
	assert_int_equal(time_local_date(t - 31 * 60), 20230217);
	struct buf b = BUF_INIT;
	time_format(&b, t);
	assert_string_equal(b.ptr, "18/02/2023 00:30");
	buf_reset(&b);
	time_format_iso(&b, t);
	assert_string_equal(b.ptr, "2023-02-17T17:30:00Z");
	buf_reset(&b);
	time_format(&b, -3600); /* before 1970 */
	assert_string_equal(b.ptr, "01/01/1970 06:00");
	buf_release(&b);
}

/* Deadlines in working days: Monday to Friday, counted from the day after. */
static void working_days_skip_weekends(void **state)
{
	(void)state;
	/* 2026-03-02 is a Monday */
	assert_int_equal(date_weekday(20260302), 1);
	assert_int_equal(date_weekday(20260307), 6);
	assert_int_equal(date_weekday(20260308), 7);
	assert_int_equal(date_weekday(19700101), 4);
	assert_int_equal(date_weekday(19691231), 3);
	assert_true(date_is_working_day(20260306));
	assert_false(date_is_working_day(20260307));
	assert_false(date_is_working_day(20260308));
	/* a Friday plus one is the Monday; a Saturday or a Sunday plus one too */
	assert_int_equal(date_add_working_days(20260306, 1), 20260309);
	assert_int_equal(date_add_working_days(20260307, 1), 20260309);
	assert_int_equal(date_add_working_days(20260308, 1), 20260309);
	/* a Monday plus five is the next Monday, plus four the Friday */
	assert_int_equal(date_add_working_days(20260302, 4), 20260306);
	assert_int_equal(date_add_working_days(20260302, 5), 20260309);
	assert_int_equal(date_add_working_days(20260302, 10), 20260316);
	/* none: the day itself */
	assert_int_equal(date_add_working_days(20260307, 0), 20260307);
	assert_int_equal(date_add_working_days(20260307, -3), 20260307);
	/* across a month and a year */
	assert_int_equal(date_add_working_days(20261231, 2), 20270104);
	/* counting back: what lies between is what was added */
	for (int32_t d = 20260301; d <= 20260314; d = date_add_days(d, 1))
		for (int n = 0; n <= 23; n++) {
			int32_t due = date_add_working_days(d, n);
			assert_int_equal(date_working_days_between(d, due), n);
			/* and the due day is a working day, unless nothing was added */
			if (n)
				assert_true(date_is_working_day(due));
		}
	assert_int_equal(date_working_days_between(20260309, 20260302), 0);
	assert_int_equal(date_working_days_between(20260306, 20260308), 0);
	assert_int_equal(date_working_days_between(20260306, 20260309), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_dd_mm_yyyy_and_iso),
		cmocka_unit_test(refuses_impossible_dates),
		cmocka_unit_test(formats),
		cmocka_unit_test(day_arithmetic),
		cmocka_unit_test(working_days_skip_weekends),
		cmocka_unit_test(vietnam_time_is_utc_plus_7),
	};
	return test_run(tests);
}

/*
 * Periodic reports rolled up (domain/plans/periodic.h): periods and their
 * deadlines by the rules, a ward's quarterly reports drafted, sent on time
 * or late, missing once the deadline passed; the city's consolidation:
 * sums, shares recomputed from the summed counts (never an average of the
 * wards' percentages), a ward merged in the middle of the year expected
 * for the quarters it existed at their end and not after, and the texts
 * side by side.
 */
#include "testlib.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/plans/periodic.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

static int64_t at(int32_t ymd)
{
	return time_local_midnight(ymd) + 9 * 3600;
}

static void periods_and_deadlines(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	int32_t from, to;
	periodic_range(PK_QUARTERLY, 2024, 1, &from, &to);
	assert_int_equal(from, 20240101);
	assert_int_equal(to, 20240331);
	periodic_range(PK_MONTHLY, 2024, 2, &from, &to);
	assert_int_equal(to, 20240229); /* a leap year */
	periodic_range(PK_HALF, 2023, 2, &from, &to);
	assert_int_equal(from, 20230701);
	assert_int_equal(to, 20231231);
	periodic_range(PK_ANNUAL, 2023, 1, &from, &to);
	assert_int_equal(from, 20230101);
	assert_int_equal(periodic_periods(PK_MONTHLY), 12);
	assert_int_equal(periodic_periods(PK_QUARTERLY), 4);
	assert_int_equal(periodic_due(ctx, PK_QUARTERLY, 2024, 1), 20240410);
	assert_int_equal(periodic_due(ctx, PK_ANNUAL, 2023, 1), 20240115);
	assert_ok(ctx, rule_set(ctx, RULE_PERIODIC_QUARTER_DAYS, 5));
	assert_int_equal(periodic_due(ctx, PK_QUARTERLY, 2024, 4), 20250105);
	assert_string_equal(periodic_label(ctx->arena, "vi", PK_QUARTERLY, 2024, 2), "Quý 2/2024");
	test_ctx_free(ctx);
}

/* Send a report of `unit` for quarter q on day `sent`. */
static void send(struct dv_ctx *ctx, int64_t tpl, int64_t unit, int y, int q, int32_t sent,
		 const char *talks, const char *share, const char *text)
{
	const char *entered[] = {talks, share};
	const char *texts[] = {text, ""};
	int64_t now = ctx->now;
	ctx->now = at(sent);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, unit, 0);
	assert_ok(ctx, periodic_report_save(ctx, tpl, unit, y, q, entered, 2, texts, 2, 1, NULL));
	ctx->now = now;
}

static void the_city_rolls_up_its_wards(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int y = time_local_date(ctx->now) / 10000 - 1; /* last year: every quarter is past */
	int64_t tpl = 0;
	struct periodic_item_input items[] = {
		{.name = "Buổi đối thoại với Nhân dân", .measure = "count"},
		{.name = "Hộ đạt chuẩn văn hóa", .measure = "percent"},
		{.code = "reports_on_time"},
	};
	struct periodic_template_input in = {.unit_id = t.city,
					     .kind = "quarterly",
					     .name = "Báo cáo công tác dân vận quý",
					     .sections = "Kết quả nổi bật\nKhó khăn, kiến nghị",
					     .items = items,
					     .nitems = 3};
	/* a ward officer does not set the city's template */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_int_equal(periodic_template_create(ctx, &in, &tpl), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, t.city, 0);
	struct periodic_template_input bad = in;
	bad.sections = "";
	assert_int_equal(periodic_template_create(ctx, &bad, &tpl), DV_EINVAL);
	assert_string_equal(ctx->err.field, "sections");
	assert_ok(ctx, periodic_template_create(ctx, &in, &tpl));

	/* Tân Đông Hiệp: every quarter, the second late; 1 of 2 and so on */
	send(ctx, tpl, t.tdh, y, 1, y * 10000 + 405, "3", "1/2", "Quý 1 ổn định");
	send(ctx, tpl, t.tdh, y, 2, y * 10000 + 720, "4", "10/20", "");
	send(ctx, tpl, t.tdh, y, 3, y * 10000 + 1005, "5", "30/40", "");
	send(ctx, tpl, t.tdh, y, 4, (y + 1) * 10000 + 108, "6", "40/40", "Cả năm đạt");
	/* Bình An: the first two quarters, then merged on 1 July */
	send(ctx, tpl, t.binh_an, y, 1, y * 10000 + 402, "10", "90/100", "Bình An quý 1");
	send(ctx, tpl, t.binh_an, y, 2, y * 10000 + 705, "10", "95/100", "");
	/* sent once: it does not change */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	const char *again[] = {"99", "1/1"};
	assert_int_equal(periodic_report_save(ctx, tpl, t.tdh, y, 1, again, 2, NULL, 0, 0, NULL),
			 DV_ECONFLICT);
	/* nor another ward's, which it does not see */
	assert_int_equal(periodic_report_save(ctx, tpl, t.binh_an, y, 3, again, 2, NULL, 0, 0, NULL),
			 DV_ENOTFOUND);
	/* a share is a number out of a larger one */
	const char *odd[] = {"1", "5/4"};
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(periodic_report_save(ctx, tpl, t.binh_an, y, 3, odd, 2, NULL, 0, 0, NULL),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "item_2");
	ctx->actor = &actor_system;
	assert_ok(ctx, unit_merge_on(ctx, t.binh_an, t.tdh, y * 10000 + 701));

	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, t.city, 0);
	struct consolidation c;
	assert_ok(ctx, periodic_consolidate(ctx, tpl, y, 0, &c));
	assert_int_equal(c.nrows, 2);
	const struct consolidation_row *tdh = &c.rows[0], *ba = &c.rows[1];
	assert_int_equal(tdh->unit_id, t.tdh);
	assert_int_equal(ba->unit_id, t.binh_an);
	assert_string_equal(ba->successor, "Tân Đông Hiệp");
	assert_int_equal(ba->ended_on, y * 10000 + 701);
	/* states: Tân Đông Hiệp 3 on time and 1 late; Bình An 2 on time, then gone */
	assert_int_equal(tdh->state[PR_ON_TIME], 3);
	assert_int_equal(tdh->state[PR_LATE], 1);
	assert_int_equal(tdh->states[1], PR_LATE);
	assert_int_equal(ba->state[PR_ON_TIME], 2);
	assert_int_equal(ba->state[PR_NOT_EXPECTED], 2);
	assert_int_equal(ba->state[PR_MISSING], 0);
	assert_int_equal(c.state[PR_ON_TIME], 5);
	assert_int_equal(c.state[PR_LATE], 1);
	/* sums */
	assert_int_equal(tdh->values[0].num, 18);
	assert_int_equal(ba->values[0].num, 20);
	assert_int_equal(c.total[0].num, 38);
	/* the share from the summed counts: 81 of 102 before, 276 of 302 in all */
	assert_int_equal(tdh->values[1].num, 81);
	assert_int_equal(tdh->values[1].den, 102);
	assert_int_equal(c.total[1].num, 81 + 185);
	assert_int_equal(c.total[1].den, 102 + 200);
	assert_int_equal(figure_permille(c.total[1]), 881); /* 266/302, not the mean 84.5% */
	/* one quarter: Tân Đông Hiệp 1 of 2, Bình An 90 of 100: 91 of 102, not 70% */
	assert_ok(ctx, periodic_consolidate(ctx, tpl, y, 1, &c));
	assert_int_equal(c.total[1].num, 91);
	assert_int_equal(c.total[1].den, 102);
	assert_int_equal(figure_permille(c.total[1]), 892);
	assert_string_equal(c.rows[0].texts[0], "Quý 1 ổn định");
	assert_string_equal(c.rows[1].texts[0], "Bình An quý 1");
	/* the third quarter: Bình An is no longer expected and has no row */
	assert_ok(ctx, periodic_consolidate(ctx, tpl, y, 3, &c));
	assert_int_equal(c.nrows, 1);
	/* the year's texts name their quarters */
	assert_ok(ctx, periodic_consolidate(ctx, tpl, y, 0, &c));
	assert_non_null(strstr(c.rows[0].texts[0], "Quý 4/"));
	/* a ward officer may not read the city's consolidation */
	ctx->actor = test_actor(ctx, ROLE_RESIDENT, t.tdh, 0);
	assert_int_equal(periodic_consolidate(ctx, tpl, y, 0, &c), DV_EPERM);
	test_ctx_free(ctx);
}

static void missing_and_to_do(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int y = time_local_date(ctx->now) / 10000;
	int64_t tpl = 0;
	struct periodic_item_input items[] = {{.name = "Tin bài", .measure = "count"}};
	/* made at the start of last year, so every period since is asked */
	int64_t now = ctx->now;
	ctx->now = at((y - 1) * 10000 + 101);
	assert_ok(ctx, periodic_template_create(
			       ctx,
			       &(struct periodic_template_input){.unit_id = t.city,
								 .kind = "annual",
								 .name = "Báo cáo năm",
								 .sections = "Kết quả",
								 .items = items,
								 .nitems = 1},
			       &tpl));
	/* this year's report cannot be sent before the year's last day */
	ctx->now = now;
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	const char *v[] = {"7"};
	if (time_local_date(now) < y * 10000 + 1231)
		assert_int_equal(periodic_report_save(ctx, tpl, t.tdh, y, 1, v, 1, NULL, 0, 1, NULL),
				 DV_ECONFLICT);
	/* last year's is missing after its deadline */
	struct periodic_template tt;
	struct periodic_report r;
	assert_ok(ctx, periodic_report_get(ctx, tpl, t.tdh, y - 1, 1, &tt, &r));
	assert_int_equal(r.id, 0);
	int32_t due = periodic_due(ctx, PK_ANNUAL, y - 1, 1);
	assert_int_equal(r.state, time_local_date(now) > due ? PR_MISSING : PR_NOT_DUE);
	struct periodic_pending *d;
	size_t n;
	int64_t missing;
	assert_ok(ctx, periodic_pending(ctx, 10, &d, &n, &missing));
	assert_true(n >= 1);
	assert_int_equal(d[0].year, y - 1);
	assert_int_equal(d[0].unit_id, t.tdh);
	/* drafted, then sent: it leaves the list */
	assert_ok(ctx, periodic_report_save(ctx, tpl, t.tdh, y - 1, 1, v, 1, NULL, 0, 0, NULL));
	assert_ok(ctx, periodic_report_get(ctx, tpl, t.tdh, y - 1, 1, &tt, &r));
	assert_true(r.id > 0);
	assert_false(r.submitted);
	assert_int_equal(r.values[0].num, 7);
	assert_ok(ctx, periodic_report_save(ctx, tpl, t.tdh, y - 1, 1, NULL, 0, NULL, 0, 1, NULL));
	assert_ok(ctx, periodic_report_get(ctx, tpl, t.tdh, y - 1, 1, &tt, &r));
	assert_true(r.submitted);
	assert_int_equal(r.values[0].num, 7);
	assert_int_equal(r.state, time_local_date(now) > due ? PR_LATE : PR_ON_TIME);
	assert_ok(ctx, periodic_pending(ctx, 10, &d, &n, &missing));
	for (size_t i = 0; i < n; i++)
		assert_false(d[i].year == y - 1 && d[i].template_id == tpl);
	/* the neighborhood is not asked by the city */
	assert_int_equal(periodic_report_get(ctx, tpl, t.dong_tac, y - 1, 1, &tt, &r), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

int main(void)
{
	if (i18n_init() != 0) /* the periods' labels are read in Vietnamese */
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(periods_and_deadlines),
		cmocka_unit_test(the_city_rolls_up_its_wards),
		cmocka_unit_test(missing_and_to_do),
	};
	return test_run(tests);
}

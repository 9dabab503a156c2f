#include "testlib.h"

#include <string.h>

#include "base/date.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

/* 10:00 in Vietnam on a day: the tests set the clock themselves. */
static int64_t at(int32_t ymd)
{
	return time_local_midnight(ymd) + 10 * 3600;
}

static int64_t category(struct dv_ctx *ctx, const char *code)
{
	int64_t id = 0;
	assert_ok(ctx, db_int(ctx->db, &id, &ctx->err,
			      "SELECT id FROM notice_category WHERE code = $1", DB_T(code)));
	return id;
}

static int64_t draft(struct dv_ctx *ctx, int64_t unit, const char *code, const char *title,
		     const char *body)
{
	struct notice_input in = {.unit_id = unit,
				  .category_id = category(ctx, code),
				  .title = title,
				  .body = body};
	int64_t id = 0;
	assert_ok(ctx, notice_create(ctx, &in, &id));
	return id;
}

static int64_t count(struct dv_ctx *ctx, const char *sql)
{
	int64_t n = -1;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, sql));
	return n;
}

static void the_law_list_is_seeded(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct notice_category *v;
	size_t n;
	assert_ok(ctx, category_list(ctx, 0, &v, &n));
	/* the law's 14, invitations to community meetings, the lists of
	 * cultural titles and commendation decisions (016, 017), and the
	 * year-end reviews (018) */
	assert_int_equal(n, 18);
	assert_string_equal(v[14].code, "meeting");
	assert_int_equal(v[14].law_item, 0);
	assert_string_equal(v[15].code, "titles");
	assert_string_equal(v[16].code, "awards");
	assert_int_equal(v[16].law_item, 0);
	assert_string_equal(v[17].code, "review");
	assert_int_equal(v[17].law_item, 0);
	n = 14;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].law_item, (int)i + 1);
		assert_int_equal(v[i].min_days, 30);
		assert_true(v[i].nrules >= 3);
		assert_int_equal(v[i].rules[0].channel, CH_WEB); /* channel order */
	}
	/* items 7 to 12 go on the loudspeaker for 3 consecutive days; 6 and 13 do not */
	for (size_t i = 0; i < n; i++) {
		int loud = 0;
		for (size_t k = 0; k < v[i].nrules; k++)
			if (v[i].rules[k].channel == CH_LOUDSPEAKER)
				loud = v[i].rules[k].days;
		assert_int_equal(loud, v[i].law_item >= 7 && v[i].law_item <= 12 ? 3 : 0);
	}
	test_ctx_free(ctx);
}

static void categories_are_edited_by_a_city_admin(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct category_input in = {.code = "local_water",
				    .name_vi = "Nước sạch",
				    .name_en = "Clean water",
				    .min_days = 15,
				    .active = 1,
				    .nrules = 2,
				    .rules = {{CH_WEB, 1, 0}, {CH_LOUDSPEAKER, 2, 5}}};
	int64_t id = 0;
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_int_equal(category_save(ctx, 0, &in, &id), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, t.city, 0);
	assert_ok(ctx, category_save(ctx, 0, &in, &id));
	struct notice_category c;
	assert_ok(ctx, category_get(ctx, id, &c));
	assert_int_equal(c.min_days, 15);
	assert_int_equal(c.nrules, 2);
	assert_int_equal(c.rules[1].channel, CH_LOUDSPEAKER);
	assert_int_equal(c.rules[1].days, 2);
	/* the same code twice, a bad code, a zero period, a channel twice */
	assert_int_equal(category_save(ctx, 0, &in, &id), DV_ECONFLICT);
	in.code = "Bad Code";
	assert_int_equal(category_save(ctx, 0, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "code");
	in.min_days = 0;
	assert_int_equal(category_save(ctx, c.id, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "min_days");
	in.min_days = 10;
	in.rules[1].channel = CH_WEB;
	assert_int_equal(category_save(ctx, c.id, &in, &id), DV_EINVAL);
	/* nothing of the refused changes stayed */
	assert_ok(ctx, category_get(ctx, c.id, &c));
	assert_int_equal(c.min_days, 15);
	test_ctx_free(ctx);
}

static void who_may_write_a_notice(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct notice_input in = {.unit_id = t.tdh,
				  .category_id = category(ctx, "budget"),
				  .title = "Dự toán ngân sách",
				  .body = "Nội dung"};
	int64_t id;
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, t.dong_tac, 0);
	assert_int_equal(notice_create(ctx, &in, &id), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(notice_create(ctx, &in, &id), DV_EPERM);
	/* an officer of another ward */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(notice_create(ctx, &in, &id), DV_EPERM);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notice"), 0);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_ok(ctx, notice_create(ctx, &in, &id));
	/* a draft is not there for the public, nor for the other ward */
	struct notice n;
	ctx->actor = &actor_anonymous;
	assert_int_equal(notice_get(ctx, id, &n), DV_ENOTFOUND);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(notice_get(ctx, id, &n), DV_ENOTFOUND);
	assert_int_equal(notice_publish(ctx, id), DV_ENOTFOUND);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_ok(ctx, notice_publish(ctx, id));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, notice_get(ctx, id, &n));
	assert_false(n.may_edit);
	test_ctx_free(ctx);
}

static void input_is_checked(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(20261201);
	struct notice_input in = {.unit_id = t.tdh,
				  .category_id = category(ctx, "budget"),
				  .title = "  Dự toán  ",
				  .body = "Dòng 1\r\nDòng 2  "};
	int64_t id;
	in.title = "";
	assert_int_equal(notice_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "title");
	in.title = "Dự toán";
	in.body = "\xC3\x28";
	assert_int_equal(notice_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "body");
	in.body = "Dòng 1\r\nDòng 2  ";
	in.category_id = 999999;
	assert_int_equal(notice_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "category");
	in.category_id = category(ctx, "budget");
	/* the posting period must hold the category's 30 days, the first and
	 * the last included: 01/12 to 29/12 is 29 days, to 30/12 is 30 */
	in.visible_from = "01/12/2026";
	in.visible_until = "29/12/2026";
	assert_int_equal(notice_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "visible_until");
	assert_non_null(strstr(ctx->err.msg, "30/12/2026"));
	in.visible_until = "30/12/2026";
	assert_ok(ctx, notice_create(ctx, &in, &id));
	in.visible_from = "31/02/2026";
	assert_int_equal(notice_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "visible_from");
	in.visible_from = "30/11/2026"; /* the period is counted here: not yesterday */
	in.visible_until = NULL;
	assert_int_equal(notice_create(ctx, &in, &id), DV_EINVAL);
	in.visible_from = "01/12/2028"; /* two years ahead: a typing slip */
	assert_int_equal(notice_create(ctx, &in, &id), DV_EINVAL);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notice"), 1);
	struct notice n;
	assert_ok(ctx, notice_get(ctx, 1, &n));
	assert_string_equal(n.body, "Dòng 1\nDòng 2");
	assert_int_equal(n.visible_from, 20261201);
	assert_int_equal(n.visible_until, 20261230);
	test_ctx_free(ctx);
}

static void publishing_makes_the_checklist(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(20261201);
	int64_t id = draft(ctx, t.tdh, "land", "Thu hồi đất", "Danh sách hộ");
	struct notice_duty *d;
	size_t n;
	assert_ok(ctx, notice_publish(ctx, id));
	assert_int_equal(notice_publish(ctx, id), DV_ECONFLICT);
	assert_ok(ctx, notice_duties(ctx, id, &d, &n));
	/* land (item 7): web, committee, community house, loudspeaker, household, sms */
	assert_int_equal(n, 6);
	assert_int_equal(d[0].channel, CH_WEB);
	assert_int_equal(d[0].done_on, 20261201);
	assert_int_equal(d[3].channel, CH_LOUDSPEAKER);
	assert_int_equal(d[3].days, 3);
	assert_int_equal(d[3].due_date, 20261208);
	assert_int_equal(d[3].done_on, 0);
	assert_false(d[3].overdue);
	/* the due day itself is not overdue; the day after is */
	ctx->now = at(20261208);
	assert_ok(ctx, notice_duties(ctx, id, &d, &n));
	assert_false(d[3].overdue);
	ctx->now = at(20261209);
	assert_ok(ctx, notice_duties(ctx, id, &d, &n));
	assert_true(d[3].overdue);
	test_ctx_free(ctx);
}

static void duties_are_ticked_with_a_plausible_day(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(20261201);
	int64_t id = draft(ctx, t.tdh, "land", "Thu hồi đất", "Danh sách hộ");
	assert_int_equal(notice_duty_done(ctx, id, CH_LOUDSPEAKER, NULL, ""), DV_ECONFLICT);
	assert_ok(ctx, notice_publish(ctx, id));
	ctx->now = at(20261203);
	/* three loudspeaker days from 01/12 end on 03/12: recordable on 03/12,
	 * but three days from 02/12 are not over yet */
	assert_int_equal(notice_duty_done(ctx, id, CH_LOUDSPEAKER, "02/12/2026", ""), DV_EINVAL);
	assert_ok(ctx, notice_duty_done(ctx, id, CH_LOUDSPEAKER, "01/12/2026", "Đài phường"));
	assert_int_equal(notice_duty_done(ctx, id, CH_POST_COMMITTEE, "04/12/2026", ""), DV_EINVAL);
	assert_int_equal(notice_duty_done(ctx, id, CH_POST_COMMITTEE, "30/11/2026", ""), DV_EINVAL);
	assert_int_equal(notice_duty_done(ctx, id, CH_MEETING, NULL, ""), DV_EINVAL); /* not its */
	assert_ok(ctx, notice_duty_done(ctx, id, CH_POST_COMMITTEE, NULL, ""));
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(notice_duty_done(ctx, id, CH_SMS, NULL, ""), DV_EPERM);
	struct notice_duty *d;
	size_t n;
	assert_ok(ctx, notice_duties(ctx, id, &d, &n));
	assert_int_equal(d[1].channel, CH_POST_COMMITTEE);
	assert_int_equal(d[1].done_on, 20261203);
	assert_int_equal(d[3].done_on, 20261201);
	assert_string_equal(d[3].note, "Đài phường");
	assert_int_equal(d[5].channel, CH_SMS);
	assert_int_equal(d[5].done_on, 0);
	test_ctx_free(ctx);
}

static void a_published_notice_changes_by_versions(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(20261201);
	int64_t id = draft(ctx, t.tdh, "fees", "Mức thu phí", "Dòng một\nDòng hai");
	struct notice_input in = {.category_id = category(ctx, "fees"),
				  .title = "Mức thu phí (bản nháp 2)",
				  .body = "Dòng một\nDòng hai"};
	assert_ok(ctx, notice_update(ctx, id, &in)); /* a draft changes in place */
	struct notice_version *v;
	size_t nv;
	assert_ok(ctx, notice_versions(ctx, id, &v, &nv));
	assert_int_equal(nv, 0);
	assert_ok(ctx, notice_publish(ctx, id));
	ctx->now = at(20261205);
	in.title = "Mức thu phí năm 2027";
	in.body = "Dòng một\nDòng hai đã sửa";
	in.note = "Sửa mức thu";
	in.visible_from = "01/01/2027"; /* ignored: the period already runs */
	assert_ok(ctx, notice_update(ctx, id, &in));
	in.category_id = category(ctx, "budget");
	assert_int_equal(notice_update(ctx, id, &in), DV_EINVAL);
	assert_ok(ctx, notice_versions(ctx, id, &v, &nv));
	assert_int_equal(nv, 2);
	assert_string_equal(v[0].title, "Mức thu phí (bản nháp 2)");
	assert_string_equal(v[1].title, "Mức thu phí năm 2027");
	assert_string_equal(v[1].note, "Sửa mức thu");
	assert_int_equal(v[1].visible_from, 20261201);
	struct notice n;
	assert_ok(ctx, notice_get(ctx, id, &n));
	assert_int_equal(n.version, 2);
	assert_string_equal(n.body, "Dòng một\nDòng hai đã sửa");
	/* a category retired later does not lock its notices, but takes no new ones */
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "UPDATE notice_category SET active = 0 WHERE code = 'fees'"));
	in.category_id = category(ctx, "fees");
	in.note = "Sửa lần ba";
	assert_ok(ctx, notice_update(ctx, id, &in));
	in.unit_id = t.tdh;
	int64_t other;
	assert_int_equal(notice_create(ctx, &in, &other), DV_EINVAL);
	test_ctx_free(ctx);
}

static void archiving_waits_for_the_posting_period(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(20261201);
	int64_t id = draft(ctx, t.tdh, "budget", "Dự toán", "Nội dung");
	assert_int_equal(notice_archive(ctx, id), DV_ECONFLICT); /* a draft */
	assert_ok(ctx, notice_publish(ctx, id));
	ctx->now = at(20261230); /* day 30 of 30 */
	assert_int_equal(notice_archive(ctx, id), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "31/12/2026"));
	ctx->now = at(20261231);
	assert_ok(ctx, notice_archive(ctx, id));
	struct notice_input in = {.category_id = category(ctx, "budget"),
				  .title = "Sửa",
				  .body = "Sửa"};
	assert_int_equal(notice_update(ctx, id, &in), DV_ECONFLICT);
	assert_int_equal(notice_archive(ctx, id), DV_ECONFLICT);
	test_ctx_free(ctx);
}

static size_t listed(struct dv_ctx *ctx, struct notice_filter *f, int64_t *first)
{
	struct notice *v;
	size_t n;
	int more;
	assert_ok(ctx, notice_list(ctx, f, 0, 50, &v, &n, &more));
	if (first)
		*first = n ? v[0].id : 0;
	return n;
}

static void lists_filter_and_search_alike_on_both_engines(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(20261201);
	int64_t budget = draft(ctx, t.tdh, "budget", "Công khai ngân sách phường năm 2027",
			       "Dự toán thu chi");
	int64_t road = draft(ctx, t.tdh, "funds", "Đóng góp làm Đường hẻm 5",
			     "Tổng 250.000.000 ₫, công khai sổ thu chi");
	int64_t city = draft(ctx, t.city, "zoning", "Kế hoạch sử dụng đất", "Bản đồ quy hoạch");
	int64_t other = draft(ctx, t.binh_an, "budget", "Ngân sách phường Bình An", "Dự toán");
	int64_t kept = draft(ctx, t.tdh, "budget", "Công khai ngân sách (nháp)", "Chưa đăng");
	assert_ok(ctx, notice_publish(ctx, budget));
	assert_ok(ctx, notice_publish(ctx, road));
	assert_ok(ctx, notice_publish(ctx, city));
	assert_ok(ctx, notice_publish(ctx, other));
	struct notice_filter f = {.status = NOTICE_PUBLISHED};
	int64_t first;
	assert_int_equal(listed(ctx, &f, NULL), 4);
	/* a neighborhood sees its ward's and its city's notices, not Bình An's */
	f.unit_id = t.dong_tac;
	assert_int_equal(listed(ctx, &f, NULL), 3);
	f.unit_id = 0;
	f.category_id = category(ctx, "budget");
	assert_int_equal(listed(ctx, &f, NULL), 2);
	f.category_id = 0;
	/* folding on both sides, all words must match */
	f.query = "cong khai ngan sach";
	assert_int_equal(listed(ctx, &f, &first), 1);
	assert_int_equal(first, budget);
	f.query = "duong";
	assert_int_equal(listed(ctx, &f, &first), 1);
	assert_int_equal(first, road);
	f.query = "ĐƯỜNG HẺM";
	assert_int_equal(listed(ctx, &f, &first), 1);
	f.query = "250";
	assert_int_equal(listed(ctx, &f, &first), 1);
	assert_int_equal(first, road);
	/* a title match ranks above a body match */
	f.query = "cong khai";
	assert_int_equal(listed(ctx, &f, &first), 2);
	assert_int_equal(first, budget);
	/* the category's name is searchable too, in either language */
	f.query = "land use";
	assert_int_equal(listed(ctx, &f, &first), 1);
	assert_int_equal(first, city);
	f.query = "'; DROP TABLE notice; --";
	assert_int_equal(listed(ctx, &f, NULL), 0);
	f.query = "\"";
	assert_int_equal(listed(ctx, &f, NULL), 0);
	f.query = NULL;
	/* drafts: only for those who may publish in the unit */
	f.status = NOTICE_DRAFT;
	f.unit_id = t.tdh;
	assert_int_equal(listed(ctx, &f, &first), 1);
	assert_int_equal(first, kept);
	struct notice *v;
	size_t n;
	int more;
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(notice_list(ctx, &f, 0, 50, &v, &n, &more), DV_EPERM);
	/* the city's drafts are not the ward officer's to see */
	ctx->actor = &actor_system;
	draft(ctx, t.city, "plan", "Kế hoạch thành phố (nháp)", "Chưa đăng");
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_int_equal(listed(ctx, &f, &first), 1);
	assert_int_equal(first, kept);
	/* the date filter reads the first posting day */
	ctx->actor = &actor_anonymous;
	f.status = NOTICE_PUBLISHED;
	f.unit_id = 0;
	f.from = 20261202;
	assert_int_equal(listed(ctx, &f, NULL), 0);
	f.from = 20261201;
	f.to = 20261201;
	assert_int_equal(listed(ctx, &f, NULL), 4);
	test_ctx_free(ctx);
}

static void scheduled_notices_wait_for_their_day(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(20261201);
	struct notice_input in = {.unit_id = t.tdh,
				  .category_id = category(ctx, "plan"),
				  .title = "Kế hoạch năm",
				  .body = "Nội dung",
				  .visible_from = "2026-12-10"};
	int64_t id;
	assert_ok(ctx, notice_create(ctx, &in, &id));
	assert_ok(ctx, notice_publish(ctx, id));
	struct notice_filter f = {.status = NOTICE_PUBLISHED};
	assert_int_equal(listed(ctx, &f, NULL), 0);
	/* nor can it be read before its day, but by those who publish */
	struct notice n;
	ctx->actor = &actor_anonymous;
	assert_int_equal(notice_get(ctx, id, &n), DV_ENOTFOUND);
	struct notice_duty *d;
	size_t nd;
	ctx->actor = &actor_system;
	assert_ok(ctx, notice_duties(ctx, id, &d, &nd));
	assert_int_equal(d[0].channel, CH_WEB);
	assert_int_equal(d[0].done_on, 0); /* not on the portal yet */
	ctx->now = at(20261210);
	assert_int_equal(listed(ctx, &f, NULL), 1);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, notice_get(ctx, id, &n));
	assert_ok(ctx, notice_duties(ctx, id, &d, &nd));
	assert_int_equal(d[0].done_on, 20261210);
	ctx->actor = &actor_system;
	assert_int_equal(notice_duty_done(ctx, id, CH_WEB, NULL, ""), DV_EINVAL);
	test_ctx_free(ctx);
}

static void officers_see_what_is_overdue(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(20261201);
	int64_t a = draft(ctx, t.tdh, "fees", "Phí", "Nội dung");
	draft(ctx, t.tdh, "plan", "Kế hoạch (nháp)", "Nội dung");
	int64_t b = draft(ctx, t.binh_an, "fees", "Phí Bình An", "Nội dung");
	assert_ok(ctx, notice_publish(ctx, a));
	assert_ok(ctx, notice_publish(ctx, b));
	ctx->now = at(20261204); /* committee (2 days) overdue, community house (5) not */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	struct notice_alert *v;
	size_t n;
	assert_ok(ctx, notice_alerts(ctx, &v, &n));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].kind, ALERT_OVERDUE);
	assert_int_equal(v[0].notice_id, a);
	assert_int_equal(v[0].channel, CH_POST_COMMITTEE);
	assert_int_equal(v[0].date, 20261203);
	assert_int_equal(v[1].kind, ALERT_DRAFT);
	ctx->actor = &actor_system;
	assert_ok(ctx, notice_duty_done(ctx, a, CH_POST_COMMITTEE, NULL, ""));
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_ok(ctx, notice_alerts(ctx, &v, &n));
	assert_int_equal(n, 1);
	/* a head publishes nothing: no alerts */
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_ok(ctx, notice_alerts(ctx, &v, &n));
	assert_int_equal(n, 0);
	test_ctx_free(ctx);
}

static void every_change_is_audited(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t before = count(ctx, "SELECT COUNT(*) FROM audit");
	int64_t id = draft(ctx, t.tdh, "fees", "Phí", "Nội dung");
	assert_ok(ctx, notice_publish(ctx, id));
	assert_ok(ctx, notice_duty_done(ctx, id, CH_POST_COMMITTEE, NULL, "ok"));
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM audit"), before + 3);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM audit WHERE action = 'notice.publish'"), 1);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_law_list_is_seeded),
		cmocka_unit_test(categories_are_edited_by_a_city_admin),
		cmocka_unit_test(who_may_write_a_notice),
		cmocka_unit_test(input_is_checked),
		cmocka_unit_test(publishing_makes_the_checklist),
		cmocka_unit_test(duties_are_ticked_with_a_plausible_day),
		cmocka_unit_test(a_published_notice_changes_by_versions),
		cmocka_unit_test(archiving_waits_for_the_posting_period),
		cmocka_unit_test(lists_filter_and_search_alike_on_both_engines),
		cmocka_unit_test(scheduled_notices_wait_for_their_day),
		cmocka_unit_test(officers_see_what_is_overdue),
		cmocka_unit_test(every_change_is_audited),
	};
	return test_run(tests);
}

/*
 * Plans and tasks (domain/plans/plan.h, task.h): a ward's plan derived
 * from the city's (its indicators and the tasks given to it), computed
 * indicators read from the modules and never typed, entered ones with
 * their evidence, tasks given to units and organizations, carried out by
 * their owners only, overdue on the owner's page, and how the ward took
 * the city's tasks up.
 */
#include "testlib.h"

#include <string.h>

#include "base/date.h"
#include "domain/disclose/attachment.h"
#include "domain/emulation/model.h"
#include "domain/perm.h"
#include "domain/plans/plan.h"
#include "domain/plans/task.h"
#include "domain/registry/org.h"

static const char pdf[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
			  "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n"
			  "%%EOF\n";

static int this_year(struct dv_ctx *ctx)
{
	return time_local_date(ctx->now) / 10000;
}

static const char *day(struct dv_ctx *ctx, int64_t days)
{
	struct buf b = BUF_INIT;
	date_format(&b, date_add_days(time_local_date(ctx->now), days));
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

static int64_t make_plan(struct dv_ctx *ctx, int64_t unit, int year, const char *title)
{
	int64_t id = 0;
	struct plan_input in = {.unit_id = unit,
				.year = year,
				.kind = "mobilization",
				.title = title,
				.directions = "Nâng cao chất lượng công tác dân vận chính quyền."};
	assert_ok(ctx, plan_create(ctx, &in, &id));
	return id;
}

static void a_ward_plan_derives_from_the_city_plan(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int y = this_year(ctx);
	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, t.city, 0);
	int64_t city = make_plan(ctx, t.city, y, "Kế hoạch công tác dân vận thành phố");
	int64_t reach = 0, custom = 0;
	assert_ok(ctx, plan_indicator_add(ctx, city,
					  &(struct indicator_input){.code = "reach", .target = "95"},
					  &reach));
	assert_ok(ctx, plan_indicator_add(ctx, city,
					  &(struct indicator_input){.name = "Buổi đối thoại",
								    .measure = "count",
								    .target = "12"},
					  &custom));
	/* the same computed indicator twice, a bad target, a bad code */
	assert_int_equal(plan_indicator_add(ctx, city, &(struct indicator_input){.code = "reach"},
					    NULL),
			 DV_ECONFLICT);
	assert_int_equal(plan_indicator_add(ctx, city,
					    &(struct indicator_input){.code = "turnout",
								      .target = "120"},
					    NULL),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "target");
	assert_int_equal(plan_indicator_add(ctx, city, &(struct indicator_input){.code = "x"}, NULL),
			 DV_EINVAL);
	/* a task to both wards at once, one to the ward only */
	int64_t wards[] = {t.tdh, t.binh_an}, *ids;
	size_t n;
	assert_ok(ctx, task_create(ctx,
				   &(struct task_input){.plan_id = city,
							.title = "Tổng kết Đề án nếp sống văn minh",
							.units = wards,
							.nunits = 2,
							.owner = "Trưởng Ban Dân vận",
							.due_on = day(ctx, 30),
							.indicator_id = reach},
				   &ids, &n));
	assert_int_equal(n, 2);
	/* outside the plan's unit: refused, nothing written */
	int64_t elsewhere[] = {t.tdh, t.other_ward};
	assert_int_equal(task_create(ctx,
				     &(struct task_input){.plan_id = city, .title = "X",
							  .units = elsewhere, .nunits = 2,
							  .due_on = day(ctx, 30)},
				     &ids, &n),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "unit");
	struct plan_task *tv;
	assert_ok(ctx, task_list(ctx, city, &tv, &n));
	assert_int_equal(n, 2);
	assert_int_equal(tv[0].batch_id, tv[1].batch_id);
	assert_string_equal(tv[0].indicator, "Share of households reached by disclosure notices");
	/* a draft is its planners' only */
	struct plan p;
	ctx->actor = &actor_anonymous;
	assert_int_equal(plan_get(ctx, city, &p), DV_ENOTFOUND);
	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, t.city, 0);
	assert_ok(ctx, plan_adopt(ctx, city, NULL));
	assert_int_equal(plan_adopt(ctx, city, NULL), DV_ECONFLICT);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, plan_get(ctx, city, &p));
	assert_int_equal(p.status, PS_ADOPTED);
	assert_int_equal(p.tasks, 2);

	/* the ward's plan starts from the city's */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	int64_t ward = make_plan(ctx, t.tdh, y, "Kế hoạch công tác dân vận phường");
	assert_int_equal(plan_create(ctx,
				     &(struct plan_input){.unit_id = t.tdh, .year = y,
							  .kind = "mobilization", .title = "X"},
				     NULL),
			 DV_ECONFLICT);
	assert_ok(ctx, plan_get(ctx, ward, &p));
	assert_int_equal(p.parent_id, city);
	struct plan_indicator *iv;
	assert_ok(ctx, plan_indicators(ctx, &p, &iv, &n));
	assert_int_equal(n, 2);
	assert_true(iv[0].computed);
	assert_int_equal(iv[0].target, 950);
	assert_false(iv[1].computed);
	assert_string_equal(iv[1].name, "Buổi đối thoại");
	assert_ok(ctx, task_list(ctx, ward, &tv, &n));
	assert_int_equal(n, 1); /* the task given to Tân Đông Hiệp, not Bình An's */
	assert_int_equal(tv[0].unit_id, t.tdh);
	assert_int_equal(tv[0].indicator_id, iv[0].id);
	int64_t taken = tv[0].id, parent = tv[0].parent_id;
	/* the city sees how it was taken up */
	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, t.city, 0);
	assert_ok(ctx, task_uptake(ctx, parent, &tv, &n));
	assert_int_equal(n, 1);
	assert_int_equal(tv[0].id, taken);
	/* a ward officer plans its ward, not the city */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_int_equal(plan_update(ctx, city, &(struct plan_input){.title = "X"}), DV_EPERM);
	/* the other ward has no plan of its own: nothing derived there */
	test_ctx_free(ctx);
}

static void computed_indicators_are_read_never_typed(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int y = this_year(ctx);
	int64_t plan = make_plan(ctx, t.tdh, y, "Kế hoạch");
	int64_t models = 0, share = 0, talks = 0;
	assert_ok(ctx, plan_indicator_add(ctx, plan, &(struct indicator_input){.code = "models"},
					  &models));
	assert_ok(ctx, plan_indicator_add(ctx, plan,
					  &(struct indicator_input){.code = "models_effective",
								    .target = "80,5"},
					  &share));
	assert_ok(ctx, plan_indicator_add(ctx, plan,
					  &(struct indicator_input){.name = "Hộ đạt chuẩn",
								    .measure = "percent",
								    .target = "90"},
					  &talks));
	/* three models of the ward, one found effective */
	for (int i = 0; i < 3; i++) {
		int64_t m = 0;
		struct model_input in = {.unit_id = i ? t.dong_tac : t.tdh,
					 .field = "culture",
					 .name = i ? "Hẻm xanh" : "Tổ tự quản",
					 .description = "Mô tả",
					 .since = "01/03/2021",
					 .runner = "Chi hội Phụ nữ",
					 .reached = "100"};
		assert_ok(ctx, model_create(ctx, &in, &m));
		if (!i)
			assert_ok(ctx, model_evaluate(ctx, m, y, "effective", "", "Xem hiện trường"));
	}
	struct plan p;
	struct plan_indicator *v;
	size_t n;
	assert_ok(ctx, plan_get(ctx, plan, &p));
	assert_ok(ctx, plan_indicators(ctx, &p, &v, &n));
	assert_int_equal(n, 3);
	/* what the module counts */
	struct model_figures by[FIELD_COUNT], total = {0};
	memset(by, 0, sizeof(by));
	assert_ok(ctx, model_figures(ctx, t.tdh, y, by, &total));
	assert_int_equal(v[0].value.num, total.registered);
	assert_int_equal(v[0].value.num, 3);
	assert_int_equal(v[1].value.num, 1);
	assert_int_equal(v[1].value.den, 3);
	assert_int_equal(figure_permille(v[1].value), 333);
	assert_true(v[1].short_of_target); /* 33.3% < 80.5% */
	assert_int_equal(v[1].previous.den, 0); /* last year: none */
	/* typing a computed value is refused */
	assert_int_equal(indicator_enter(ctx, share, NULL, "9", "10", "", NULL), DV_ECONFLICT);
	/* an entered share: a number out of a larger one, with its evidence */
	assert_int_equal(indicator_enter(ctx, talks, NULL, "12", "", "", NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "den");
	assert_int_equal(indicator_enter(ctx, talks, NULL, "12", "10", "", NULL), DV_EINVAL);
	assert_int_equal(indicator_enter(ctx, talks, day(ctx, 1), "1", "2", "", NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "on");
	int64_t first = 0, second = 0, fid = 0;
	assert_ok(ctx, indicator_enter(ctx, talks, day(ctx, -1), "40", "100", "Tháng trước", &first));
	assert_ok(ctx, indicator_enter(ctx, talks, NULL, "1.180", "1.250", "Theo sổ theo dõi",
				       &second));
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_ok(ctx, attachment_add(ctx, &indicator_value_attach, second, "Biên bản.pdf", pdf,
				      sizeof(pdf) - 1, "Biên bản kiểm tra", &fid));
	/* a resident does not even see the draft */
	ctx->actor = test_actor(ctx, ROLE_RESIDENT, t.dong_tac, 0);
	assert_int_equal(attachment_add(ctx, &indicator_value_attach, second, "x.pdf", pdf,
					sizeof(pdf) - 1, NULL, NULL),
			 DV_ENOTFOUND);
	ctx->actor = &actor_system;
	assert_ok(ctx, plan_indicators(ctx, &p, &v, &n));
	assert_int_equal(v[2].value.num, 1180);
	assert_int_equal(v[2].value.den, 1250);
	assert_int_equal(figure_permille(v[2].value), 944);
	assert_false(v[2].short_of_target);
	assert_int_equal(v[2].trend, 1); /* 94.4% after 40% */
	struct indicator_entry *e;
	assert_ok(ctx, indicator_entries(ctx, talks, &e, &n));
	assert_int_equal(n, 2);
	assert_int_equal(e[0].nfiles, 1);
	assert_string_equal(e[0].files[0].caption, "Biên bản kiểm tra");
	/* the evidence is private until the plan is adopted */
	struct file_data f;
	ctx->actor = &actor_anonymous;
	assert_int_equal(indicator_file_read(ctx, second, fid, 0, &f), DV_ENOTFOUND);
	ctx->actor = &actor_system;
	assert_ok(ctx, plan_adopt(ctx, plan, NULL));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, indicator_file_read(ctx, second, fid, 0, &f));
	assert_true(f.is_public);
	/* and once adopted, may read but not add */
	ctx->actor = test_actor(ctx, ROLE_RESIDENT, t.dong_tac, 0);
	assert_int_equal(attachment_add(ctx, &indicator_value_attach, second, "x.pdf", pdf,
					sizeof(pdf) - 1, NULL, NULL),
			 DV_EPERM);
	test_ctx_free(ctx);
}

static void tasks_are_carried_out_by_their_owners(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t youth = 0, women = 0;
	assert_ok(ctx, org_create(ctx, t.tdh, ORG_YOUTH_UNION, "Đoàn phường", &youth));
	assert_ok(ctx, org_create(ctx, t.tdh, ORG_WOMENS_UNION, "Hội Phụ nữ phường", &women));
	int64_t plan = make_plan(ctx, t.tdh, this_year(ctx), "Kế hoạch");
	int64_t orgs[] = {youth, women}, nb[] = {t.dong_tac}, *ids;
	size_t n;
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_ok(ctx, task_create(ctx,
				   &(struct task_input){.plan_id = plan,
							.title = "Ra quân làm sạch hẻm",
							.organizations = orgs,
							.norganizations = 2,
							.due_on = day(ctx, -3)},
				   &ids, &n));
	int64_t late_youth = ids[0], late_women = ids[1];
	assert_ok(ctx, task_create(ctx,
				   &(struct task_input){.plan_id = plan,
							.title = "Họp dân bàn làm đường",
							.units = nb,
							.nunits = 1,
							.due_on = day(ctx, 3)},
				   &ids, &n));
	int64_t soon = ids[0];
	/* a deadline outside the plan's year and the next */
	assert_int_equal(task_create(ctx,
				     &(struct task_input){.plan_id = plan, .title = "X", .units = nb,
							  .nunits = 1, .due_on = "01/01/2001"},
				     &ids, &n),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "due_on");
	/* the Youth Union's officer carries out its own task only */
	struct actor *org = (struct actor *)test_actor(ctx, ROLE_ORG_OFFICER, t.tdh, 0);
	org->grants[0].organization_id = youth;
	ctx->actor = org;
	assert_ok(ctx, task_progress(ctx, late_youth, "in_progress", "Đã ra quân 2 đợt", NULL));
	assert_int_equal(task_progress(ctx, late_women, "done", "", NULL), DV_EPERM);
	assert_int_equal(task_progress(ctx, late_youth, "finished", "", NULL), DV_EINVAL);
	assert_int_equal(task_progress(ctx, late_youth, "dropped", "", NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "note");
	int64_t fid = 0;
	assert_ok(ctx, attachment_add(ctx, &task_attach, late_youth, "Ảnh.pdf", pdf, sizeof(pdf) - 1,
				      NULL, &fid));
	assert_int_equal(attachment_add(ctx, &task_attach, late_women, "Ảnh.pdf", pdf,
					sizeof(pdf) - 1, NULL, NULL),
			 DV_EPERM);
	/* on its page: its overdue task, not the others' */
	struct plan_task *v;
	int64_t overdue, due_soon;
	assert_ok(ctx, task_mine(ctx, 10, &v, &n, &overdue, &due_soon));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, late_youth);
	assert_true(v[0].overdue);
	assert_int_equal(overdue, 1);
	/* the head: the neighborhood's task, due soon */
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_ok(ctx, task_mine(ctx, 10, &v, &n, &overdue, &due_soon));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, soon);
	assert_int_equal(overdue, 0);
	assert_int_equal(due_soon, 1);
	assert_ok(ctx, task_progress(ctx, soon, "done", "Đã họp, 85% hộ đồng ý", NULL));
	assert_ok(ctx, task_mine(ctx, 10, &v, &n, &overdue, &due_soon));
	assert_int_equal(n, 0);
	/* a day in the future is refused */
	assert_int_equal(task_progress(ctx, soon, "done", "", day(ctx, 2)), DV_EINVAL);
	struct task_event *ev;
	assert_ok(ctx, task_events(ctx, soon, &ev, &n));
	assert_int_equal(n, 2);
	assert_int_equal(ev[1].status, TS_DONE);
	struct plan_task one;
	assert_ok(ctx, task_get(ctx, soon, &one));
	assert_int_equal(one.done_on, time_local_date(ctx->now));
	assert_string_equal(one.progress, "Đã họp, 85% hộ đồng ý");
	/* the ward's own page: the task for the Women's Union is not its own,
	 * but its officers may carry it out, as the plan is theirs */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_ok(ctx, task_progress(ctx, late_women, "done", "Hội báo cáo miệng", NULL));
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_ward_plan_derives_from_the_city_plan),
		cmocka_unit_test(computed_indicators_are_read_never_typed),
		cmocka_unit_test(tasks_are_carried_out_by_their_owners),
	};
	return test_run(tests);
}

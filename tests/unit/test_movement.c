/*
 * Emulation movements (domain/emulation/movement.h): launching, who may take
 * part, commitments once each, progress within the period, evaluation
 * after it, and who sees households' participations.
 */
#include "testlib.h"

#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "domain/emulation/movement.h"
#include "domain/perm.h"
#include "domain/registry/org.h"

static const char *day(struct dv_ctx *ctx, int offset)
{
	struct buf b = BUF_INIT;
	date_format(&b, date_add_days(time_local_date(ctx->now), offset));
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

static int64_t launch(struct dv_ctx *ctx, int64_t unit, const char *kinds, int from, int to)
{
	int64_t id = 0;
	struct movement_input in = {.unit_id = unit,
				    .name = "Phong trào “Dân vận khéo” năm nay",
				    .criteria = "Mỗi khu phố có ít nhất một mô hình.",
				    .participants = kinds,
				    .starts_on = day(ctx, from),
				    .ends_on = day(ctx, to)};
	assert_ok(ctx, movement_create(ctx, &in, &id));
	return id;
}

static void a_ward_launches_a_movement(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	int64_t id = launch(ctx, t.tdh, "unit,household", -10, 30);
	struct movement m;
	assert_ok(ctx, movement_get(ctx, id, &m));
	assert_int_equal(m.status, MOV_RUNNING);
	assert_true(m.participants & (1u << SUBJ_HOUSEHOLD));
	assert_false(m.participants & (1u << SUBJ_INDIVIDUAL));
	assert_true(m.may_run);
	/* refusals, each at its field, nothing written */
	struct movement_input bad = {.unit_id = t.tdh, .name = "X", .criteria = "Y",
				     .participants = "unit,club", .starts_on = day(ctx, 0),
				     .ends_on = day(ctx, 5)};
	int64_t other;
	assert_int_equal(movement_create(ctx, &bad, &other), DV_EINVAL);
	assert_string_equal(ctx->err.field, "participants");
	bad.participants = "unit";
	bad.ends_on = day(ctx, -1);
	assert_int_equal(movement_create(ctx, &bad, &other), DV_EINVAL);
	assert_string_equal(ctx->err.field, "ends_on");
	bad.starts_on = day(ctx, -20);
	bad.ends_on = day(ctx, -1); /* ended already */
	assert_int_equal(movement_create(ctx, &bad, &other), DV_EINVAL);
	bad.starts_on = day(ctx, 0);
	bad.ends_on = day(ctx, MOVEMENT_DAYS_MAX + 1);
	assert_int_equal(movement_create(ctx, &bad, &other), DV_EINVAL);
	bad.ends_on = day(ctx, MOVEMENT_DAYS_MAX);
	assert_ok(ctx, movement_create(ctx, &bad, &other));
	/* another ward's officer, a head: not theirs to launch */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(movement_create(ctx, &bad, &other), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(movement_create(ctx, &bad, &other), DV_EPERM);
	/* the Mass Mobilization Board may */
	ctx->actor = test_actor(ctx, ROLE_MASS_MOBILIZATION, t.city, 0);
	bad.unit_id = t.city;
	assert_ok(ctx, movement_create(ctx, &bad, &other));
	struct movement *v;
	size_t n;
	int more;
	assert_ok(ctx, movement_list(ctx, t.dong_tac, -1, 0, 20, &v, &n, &more));
	assert_int_equal(n, 3); /* the ward's two and the city's, seen from below */
	assert_ok(ctx, movement_list(ctx, t.binh_an, -1, 0, 20, &v, &n, &more));
	assert_int_equal(n, 1); /* the city's only */
	test_ctx_free(ctx);
}

static void participants_register_once_within_the_period(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t mine = test_household(ctx, t.dong_tac, "1 Đông Tác", 2);
	int64_t other = test_household(ctx, t.dong_tac, "2 Đông Tác", 2);
	int64_t far = test_household(ctx, t.noi_hoa, "1 Nội Hóa", 2);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	int64_t id = launch(ctx, t.tdh, "unit,household", -10, 30);
	int64_t e1, e2;
	struct subject_input nb = {.kind = "unit", .ref = t.dong_tac};
	assert_ok(ctx, movement_join(ctx, id, &nb, "100% hộ đăng ký gia đình văn hóa", &e1));
	assert_int_equal(movement_join(ctx, id, &nb, "lần nữa", &e2), DV_ECONFLICT);
	struct subject_input person = {.kind = "individual", .name = "Lê Văn Tám",
				       .unit_id = t.tdh};
	assert_int_equal(movement_join(ctx, id, &person, "x", &e2), DV_EINVAL);
	assert_string_equal(ctx->err.field, "kind");
	struct subject_input hh = {.kind = "household", .ref = far};
	assert_int_equal(movement_join(ctx, id, &hh, "x", &e2), DV_EINVAL); /* another ward */
	assert_string_equal(ctx->err.field, "ref");
	assert_int_equal(movement_join(ctx, id, &nb, "", &e2), DV_EINVAL);
	assert_string_equal(ctx->err.field, "commitment");
	/* a representative registers its own household, not a neighbor's */
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, t.dong_tac, mine);
	hh.ref = other;
	assert_int_equal(movement_join(ctx, id, &hh, "Giữ vệ sinh", &e2), DV_EPERM);
	hh.ref = mine;
	assert_ok(ctx, movement_join(ctx, id, &hh, "Giữ vệ sinh hẻm", &e2));
	assert_ok(ctx, movement_report(ctx, e2, NULL, "Đã dọn hẻm 3 lần"));
	assert_int_equal(movement_report(ctx, e2, day(ctx, 1), "ngày mai"), DV_EINVAL);
	assert_int_equal(movement_report(ctx, e2, day(ctx, -11), "trước khi bắt đầu"), DV_EINVAL);
	assert_ok(ctx, movement_report(ctx, e2, day(ctx, -10), "ngày đầu"));
	struct movement_entry e;
	assert_ok(ctx, movement_entry_get(ctx, e2, &e));
	assert_int_equal(e.nprogress, 2);
	assert_string_equal(e.progress[0].text, "ngày đầu");
	/* the public sees the neighborhood's participation, not the household's */
	ctx->actor = &actor_anonymous;
	struct movement m;
	struct movement_entry *v;
	size_t n;
	assert_ok(ctx, movement_get(ctx, id, &m));
	assert_int_equal(m.entries, 2);
	assert_ok(ctx, movement_entries(ctx, &m, &v, &n));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].subject.name, "Khu phố Đông Tác");
	assert_int_equal(movement_entry_get(ctx, e2, &e), DV_ENOTFOUND);
	/* no evaluation before the end */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_int_equal(movement_evaluate(ctx, e1, "excellent", ""), DV_ECONFLICT);
	/* the period ends: registration closes, evaluation opens */
	int64_t now = ctx->now;
	ctx->now = now + 31 * 86400;
	assert_int_equal(movement_join(ctx, id, &person, "x", &e2), DV_ECONFLICT);
	assert_int_equal(movement_evaluate(ctx, e1, "perfect", ""), DV_EINVAL);
	assert_string_equal(ctx->err.field, "result");
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(movement_evaluate(ctx, e1, "excellent", ""), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_ok(ctx, movement_evaluate(ctx, e1, "excellent", "Vượt chỉ tiêu"));
	assert_ok(ctx, movement_entry_get(ctx, e1, &e));
	assert_int_equal(e.result, RESULT_EXCELLENT);
	assert_ok(ctx, movement_get(ctx, id, &m));
	assert_int_equal(m.status, MOV_ENDED);
	assert_int_equal(m.evaluated, 1);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_ward_launches_a_movement),
		cmocka_unit_test(participants_register_once_within_the_period),
	};
	return test_run(tests);
}

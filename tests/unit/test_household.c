#include "testlib.h"

#include <string.h>

#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"

static void create_and_read(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t id;
	struct household_input in = {
		.unit_id = t.dong_tac, .code = "HK-0001", .address = "  Số 12,  đường ĐT743 "};
	assert_ok(ctx, household_create(ctx, &in, &id));
	struct household h;
	assert_ok(ctx, household_get(ctx, id, &h));
	assert_string_equal(h.address, "Số 12, đường ĐT743");
	assert_string_equal(h.code, "HK-0001");
	assert_int_equal(h.ward_id, t.tdh);
	assert_int_equal(h.members, 0);
	assert_int_equal(h.representative_id, 0);
	/* the same code in the same ward is a conflict; in another ward it is not */
	assert_int_equal(household_create(ctx, &in, &id), DV_ECONFLICT);
	assert_string_equal(ctx->err.field, "code");
	in.unit_id = t.noi_hoa;
	assert_ok(ctx, household_create(ctx, &in, &id));
	int64_t found;
	assert_ok(ctx, household_find_code(ctx, t.binh_an, "HK-0001", &found));
	assert_int_equal(found, id);
	test_ctx_free(ctx);
}

static void refuses_bad_input_and_places(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t id;
	struct household_input in = {.unit_id = t.dong_tac, .address = ""};
	assert_int_equal(household_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "address");
	in.address = "Số 1\xC3";
	assert_int_equal(household_create(ctx, &in, &id), DV_EINVAL);
	in.address = "Số 1";
	in.unit_id = t.tdh; /* a ward is not a community */
	assert_int_equal(household_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "unit");
	in.unit_id = 987654;
	assert_int_equal(household_create(ctx, &in, &id), DV_EINVAL);
	int64_t n;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, "SELECT COUNT(*) FROM household"));
	assert_int_equal(n, 0);
	struct unit u;
	assert_ok(ctx, unit_get(ctx, t.tdh, &u));
	assert_int_equal(u.households, 0);
	test_ctx_free(ctx);
}

static void visibility_follows_roles(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t mine = test_household(ctx, t.dong_tac, "1 Đông Tác", 2);
	int64_t other = test_household(ctx, t.noi_hoa, "1 Nội Hóa", 2);
	struct household h;
	/* a ward officer sees its ward's households; another ward's do not exist */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_ok(ctx, household_get(ctx, mine, &h));
	assert_int_equal(household_get(ctx, other, &h), DV_ENOTFOUND);
	/* a resident sees its own household only */
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, t.dong_tac, mine);
	assert_ok(ctx, household_get(ctx, mine, &h));
	int64_t neighbor = 0;
	ctx->actor = &actor_system;
	neighbor = test_household(ctx, t.dong_tac, "2 Đông Tác", 1);
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, t.dong_tac, mine);
	assert_int_equal(household_get(ctx, neighbor, &h), DV_ENOTFOUND);
	/* nor edit anything */
	assert_int_equal(household_update(ctx, mine, "Đổi địa chỉ", NULL), DV_EPERM);
	/* the front committee sees but does not edit */
	ctx->actor = test_actor(ctx, ROLE_FRONT, t.dong_tac, 0);
	assert_ok(ctx, household_get(ctx, neighbor, &h));
	assert_int_equal(household_update(ctx, neighbor, "Đổi địa chỉ", NULL), DV_EPERM);
	/* the head edits */
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_ok(ctx, household_update(ctx, neighbor, "Số 2A, Đông Tác", "HK9"));
	assert_ok(ctx, household_get(ctx, neighbor, &h));
	assert_string_equal(h.address, "Số 2A, Đông Tác");
	assert_int_equal(household_update(ctx, other, "x", NULL), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void move_between_neighborhoods(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hid = test_household(ctx, t.dong_tac, "1 Đông Tác", 3);
	assert_ok(ctx, household_move(ctx, hid, t.noi_hoa, "Chuyển nơi ở"));
	struct unit u;
	assert_ok(ctx, unit_get(ctx, t.tdh, &u));
	assert_int_equal(u.households, 0);
	assert_int_equal(u.residents, 0);
	assert_ok(ctx, unit_get(ctx, t.binh_an, &u));
	assert_int_equal(u.households, 1);
	assert_int_equal(u.residents, 3);
	struct household h;
	assert_ok(ctx, household_get(ctx, hid, &h));
	assert_int_equal(h.ward_id, t.binh_an);
	assert_int_equal(household_move(ctx, hid, t.binh_an, "x"), DV_EINVAL); /* not a community */
	assert_int_equal(household_move(ctx, hid, t.dong_tac, ""), DV_EINVAL); /* reason required */
	/* a head cannot pull a household out of another neighborhood */
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(household_move(ctx, hid, t.dong_tac, "x"), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void representative_rules(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hid = test_household(ctx, t.dong_tac, "1 Đông Tác", 3);
	struct household h;
	assert_ok(ctx, household_get(ctx, hid, &h));
	assert_string_equal(h.representative_name, "Nguyễn Văn Hùng"); /* the Chủ hộ */
	assert_int_equal(h.members, 3);
	struct resident *m;
	size_t n;
	assert_ok(ctx, resident_list(ctx, hid, &m, &n));
	assert_int_equal(n, 3);
	assert_ok(ctx, household_set_representative(ctx, hid, m[1].id));
	assert_ok(ctx, household_get(ctx, hid, &h));
	assert_int_equal(h.representative_id, m[1].id);
	/* only a present member */
	int64_t other = test_household(ctx, t.dong_tac, "2 Đông Tác", 1);
	struct resident *om;
	assert_ok(ctx, resident_list(ctx, other, &om, &n));
	assert_int_equal(household_set_representative(ctx, hid, om[0].id), DV_EINVAL);
	assert_ok(ctx, resident_set_status(ctx, m[2].id, RES_MOVED, "01/06/2025"));
	assert_int_equal(household_set_representative(ctx, hid, m[2].id), DV_EINVAL);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_and_read),
		cmocka_unit_test(refuses_bad_input_and_places),
		cmocka_unit_test(visibility_follows_roles),
		cmocka_unit_test(move_between_neighborhoods),
		cmocka_unit_test(representative_rules),
	};
	return test_run(tests);
}

#include "testlib.h"

#include <string.h>

#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"

static void field_checks(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	const char *s;
	int32_t d;
	assert_ok(ctx, resident_clean_phone(ctx, "0912 345 678", &s));
	assert_string_equal(s, "0912345678");
	assert_ok(ctx, resident_clean_phone(ctx, "+84 912.345.678", &s));
	assert_string_equal(s, "0912345678");
	assert_ok(ctx, resident_clean_phone(ctx, "84912345678", &s));
	assert_string_equal(s, "0912345678");
	assert_ok(ctx, resident_clean_phone(ctx, "0274 3751 234", &s)); /* Bình Dương landline */
	assert_string_equal(s, "02743751234");
	assert_ok(ctx, resident_clean_phone(ctx, "", &s));
	assert_string_equal(s, "");
	const char *bad_phones[] = {"091234567",   "09123456789",  "0112345678",
				    "+1 555 1234", "0912-345-67x", "0912345678901234567890",
				    NULL};
	for (int i = 0; bad_phones[i]; i++)
		if (resident_clean_phone(ctx, bad_phones[i], &s) != DV_EINVAL)
			fail_msg("phone '%s' accepted", bad_phones[i]);
	assert_ok(ctx, resident_clean_national_id(ctx, "074080001234", &s));
	assert_ok(ctx, resident_clean_national_id(ctx, "280123456", &s));
	assert_int_equal(resident_clean_national_id(ctx, "07408000123", &s), DV_EINVAL);
	assert_int_equal(resident_clean_national_id(ctx, "07408000123a", &s), DV_EINVAL);
	assert_ok(ctx, resident_clean_gender(ctx, "Nữ", &s));
	assert_string_equal(s, "female");
	assert_ok(ctx, resident_clean_gender(ctx, "NAM", &s));
	assert_string_equal(s, "male");
	assert_int_equal(resident_clean_gender(ctx, "x", &s), DV_EINVAL);
	assert_ok(ctx, resident_clean_birth_date(ctx, "05/03/1962", &d));
	assert_int_equal(d, 19620305);
	assert_ok(ctx, resident_clean_birth_date(ctx, "", &d));
	assert_int_equal(d, 0);
	assert_int_equal(resident_clean_birth_date(ctx, "01/01/2999", &d), DV_EINVAL);
	assert_int_equal(resident_clean_birth_date(ctx, "31/02/1990", &d), DV_EINVAL);
	assert_string_equal(ctx->err.field, "birth_date");
	assert_int_equal(resident_clean_name(ctx, "Nguyễn Văn 3", &s), DV_EINVAL);
	assert_ok(ctx, resident_clean_name(ctx, "  Lê   Thị  Ánh ", &s));
	assert_string_equal(s, "Lê Thị Ánh");
	test_ctx_free(ctx);
}

static void personal_data_only_for_managers(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hid = test_household(ctx, t.dong_tac, "1 Đông Tác", 2);
	struct resident *m;
	size_t n;
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_ok(ctx, resident_list(ctx, hid, &m, &n));
	assert_true(m[0].personal);
	assert_string_equal(m[0].national_id, "074080001234");
	assert_string_equal(m[0].phone, "0912345678");
	assert_int_equal(m[0].birth_date, 19800101);
	assert_true(m[0].is_representative);
	/* the front committee sees names, not personal data */
	ctx->actor = test_actor(ctx, ROLE_FRONT, t.dong_tac, 0);
	assert_ok(ctx, resident_list(ctx, hid, &m, &n));
	assert_false(m[0].personal);
	assert_string_equal(m[0].national_id, "");
	assert_string_equal(m[0].phone, "");
	assert_int_equal(m[0].birth_date, 0);
	assert_string_equal(m[0].full_name, "Nguyễn Văn Hùng");
	/* the household's own account sees its own */
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, t.dong_tac, hid);
	struct resident r;
	assert_ok(ctx, resident_get(ctx, m[0].id, &r));
	assert_string_equal(r.national_id, "074080001234");
	/* another ward: nothing at all */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(resident_get(ctx, m[0].id, &r), DV_ENOTFOUND);
	assert_int_equal(resident_list(ctx, hid, &m, &n), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void status_changes_and_counts(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hid = test_household(ctx, t.dong_tac, "1 Đông Tác", 3);
	struct resident *m;
	size_t n;
	assert_ok(ctx, resident_list(ctx, hid, &m, &n));
	struct unit u;
	assert_ok(ctx, resident_set_status(ctx, m[0].id, RES_DECEASED, "15/08/2025"));
	assert_ok(ctx, unit_get(ctx, t.city, &u));
	assert_int_equal(u.residents, 2);
	struct household h;
	assert_ok(ctx, household_get(ctx, hid, &h));
	assert_int_equal(h.representative_id, 0); /* the representative left */
	assert_int_equal(h.members, 2);
	struct resident r;
	assert_ok(ctx, resident_get(ctx, m[0].id, &r));
	assert_string_equal(r.status, "deceased");
	assert_int_equal(r.status_date, 20250815);
	assert_int_equal(resident_set_status(ctx, m[0].id, RES_PRESENT, NULL), DV_EINVAL);
	/* moved and back */
	assert_int_equal(resident_set_status(ctx, m[1].id, RES_MOVED, ""), DV_EINVAL);
	assert_int_equal(resident_set_status(ctx, m[1].id, RES_MOVED, "01/01/2999"), DV_EINVAL);
	assert_ok(ctx, resident_set_status(ctx, m[1].id, RES_MOVED, "2025-09-01"));
	assert_ok(ctx, unit_get(ctx, t.dong_tac, &u));
	assert_int_equal(u.residents, 1);
	assert_ok(ctx, resident_set_status(ctx, m[1].id, RES_PRESENT, NULL));
	assert_ok(ctx, unit_get(ctx, t.dong_tac, &u));
	assert_int_equal(u.residents, 2);
	/* never deleted */
	int64_t total;
	assert_ok(ctx, db_int(ctx->db, &total, &ctx->err, "SELECT COUNT(*) FROM resident"));
	assert_int_equal(total, 3);
	test_ctx_free(ctx);
}

static void move_between_households(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t a = test_household(ctx, t.dong_tac, "1 Đông Tác", 2);
	int64_t b = test_household(ctx, t.noi_hoa, "1 Nội Hóa", 1);
	struct resident *m;
	size_t n;
	assert_ok(ctx, resident_list(ctx, a, &m, &n));
	assert_ok(ctx, resident_move(ctx, m[1].id, b));
	struct unit u;
	assert_ok(ctx, unit_get(ctx, t.binh_an, &u));
	assert_int_equal(u.residents, 2);
	assert_ok(ctx, unit_get(ctx, t.tdh, &u));
	assert_int_equal(u.residents, 1);
	/* a head may not move someone into a household it does not manage */
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(resident_move(ctx, m[0].id, b), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void add_refuses_and_leaves_nothing(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hid = test_household(ctx, t.dong_tac, "1 Đông Tác", 0);
	struct resident_input in = {.household_id = hid,
				    .full_name = "Phạm Thị Hương",
				    .gender = "nữ",
				    .relation = "Chủ hộ",
				    .phone = "12345"};
	int64_t id;
	assert_int_equal(resident_add(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "phone");
	in.phone = "";
	in.household_id = 424242;
	assert_int_equal(resident_add(ctx, &in, &id), DV_ENOTFOUND);
	in.household_id = hid;
	ctx->actor = test_actor(ctx, ROLE_FRONT, t.dong_tac, 0);
	assert_int_equal(resident_add(ctx, &in, &id), DV_EPERM);
	ctx->actor = &actor_system;
	int64_t n;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, "SELECT COUNT(*) FROM resident"));
	assert_int_equal(n, 0);
	assert_ok(ctx, resident_add(ctx, &in, &id));
	struct household h;
	assert_ok(ctx, household_get(ctx, hid, &h));
	assert_int_equal(h.representative_id, id);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(field_checks),
		cmocka_unit_test(personal_data_only_for_managers),
		cmocka_unit_test(status_changes_and_counts),
		cmocka_unit_test(move_between_households),
		cmocka_unit_test(add_refuses_and_leaves_nothing),
	};
	return test_run(tests);
}

#include "testlib.h"

#include <string.h>

#include "domain/identity/account.h"
#include "domain/perm.h"

static void logins_normalize(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	const char *s;
	assert_ok(ctx, account_normalize_login(ctx, " Ward@Demo ", &s));
	assert_string_equal(s, "ward@demo");
	assert_ok(ctx, account_normalize_login(ctx, "+84 912 345 678", &s));
	assert_string_equal(s, "0912345678");
	const char *bad[] = {"", "ward", "@demo", "a@", "a b@c.vn", "a@@b", "12345", "x@.vn", NULL};
	for (int i = 0; bad[i]; i++)
		if (account_normalize_login(ctx, bad[i], &s) != DV_EINVAL)
			fail_msg("login '%s' accepted", bad[i]);
	test_ctx_free(ctx);
}

static void create_authenticate_change(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	int64_t id, got;
	assert_ok(ctx,
		  account_create(ctx, "0912 345 678", "Nguyễn Văn Hùng", "mat-khau-dai", 0, &id));
	assert_int_equal(account_create(ctx, "+84912345678", "Khác", "mat-khau-dai", 0, &got),
			 DV_ECONFLICT);
	assert_int_equal(account_create(ctx, "a@b.vn", "Ngắn", "short", 0, &got), DV_EINVAL);
	assert_string_equal(ctx->err.field, "password");
	assert_ok(ctx, account_authenticate(ctx, "0912.345.678", "mat-khau-dai", &got));
	assert_int_equal(got, id);
	/* one answer for every failure */
	assert_int_equal(account_authenticate(ctx, "0912345678", "sai-mat-khau", &got), DV_EPERM);
	char wrong_pw[DV_ERR_MSG_MAX];
	snprintf(wrong_pw, sizeof(wrong_pw), "%s", ctx->err.msg);
	assert_int_equal(account_authenticate(ctx, "0999999999", "mat-khau-dai", &got), DV_EPERM);
	assert_string_equal(ctx->err.msg, wrong_pw);
	assert_int_equal(account_authenticate(ctx, "not a login", "x", &got), DV_EPERM);
	/* only the account itself (or the system) changes its password */
	struct actor other = {.account_id = id + 100};
	ctx->actor = &other;
	assert_int_equal(account_set_password(ctx, id, "mat-khau-moi"), DV_EPERM);
	struct actor self = {.account_id = id};
	ctx->actor = &self;
	assert_ok(ctx, account_set_password(ctx, id, "mat-khau-moi"));
	assert_int_equal(account_authenticate(ctx, "0912345678", "mat-khau-dai", &got), DV_EPERM);
	assert_ok(ctx, account_authenticate(ctx, "0912345678", "mat-khau-moi", &got));
	struct account a;
	assert_ok(ctx, account_find(ctx, "+84912345678", &a));
	assert_string_equal(a.display_name, "Nguyễn Văn Hùng");
	/* a disabled account cannot log in */
	assert_ok(ctx, db_run(ctx->db, &ctx->err, "UPDATE account SET status = 'disabled'"));
	assert_int_equal(account_authenticate(ctx, "0912345678", "mat-khau-moi", &got), DV_EPERM);
	test_ctx_free(ctx);
}

static void who_may_create_accounts(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hid = test_household(ctx, t.dong_tac, "1 Đông Tác", 1);
	int64_t other = test_household(ctx, t.noi_hoa, "1 Nội Hóa", 1);
	int64_t id;
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_ok(ctx, account_create(ctx, "hh1@demo", "Hộ 1", "mat-khau-dai", hid, &id));
	assert_int_equal(account_create(ctx, "hh2@demo", "Hộ 2", "mat-khau-dai", other, &id),
			 DV_ENOTFOUND);
	ctx->actor = test_actor(ctx, ROLE_FRONT, t.dong_tac, 0);
	assert_int_equal(account_create(ctx, "hh3@demo", "Hộ 3", "mat-khau-dai", hid, &id),
			 DV_EPERM);
	assert_int_equal(account_create(ctx, "x@demo", "X", "mat-khau-dai", 0, &id), DV_EPERM);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(logins_normalize),
		cmocka_unit_test(create_authenticate_change),
		cmocka_unit_test(who_may_create_accounts),
	};
	return test_run(tests);
}

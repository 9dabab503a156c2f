#include "testlib.h"

#include <string.h>

#include "domain/identity/account.h"
#include "domain/registry/household.h"
#include "domain/identity/invitation.h"
#include "domain/perm.h"

static void invite_and_claim(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t h1 = test_household(ctx, t.dong_tac, "1 Đông Tác", 2);
	int64_t h2 = test_household(ctx, t.dong_tac, "2 Đông Tác", 1);
	test_household(ctx, t.chieu_lieu, "3 Chiêu Liêu", 1);
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	struct invitation_new *inv;
	size_t n;
	assert_ok(ctx, invitation_create_for_unit(ctx, t.dong_tac, 0, &inv, &n));
	assert_int_equal(n, 2);
	assert_int_equal(inv[0].household_id, h1);
	assert_string_equal(inv[0].representative, "Nguyễn Văn Hùng");
	assert_int_equal(strlen(inv[0].short_code), SHORT_CODE_LEN);
	assert_int_equal(inv[0].short_code[4], '-');
	assert_int_equal(inv[0].expires_at, ctx->now + INVITATION_DAYS * 86400);
	assert_string_not_equal(inv[0].token, inv[1].token);

	/* the link, or the code typed in lower case without the dash */
	struct invitation_info info;
	assert_ok(ctx, invitation_lookup(ctx, inv[0].token, &info));
	assert_int_equal(info.household_id, h1);
	assert_int_equal(info.state, INV_VALID);
	char typed[16];
	snprintf(typed, sizeof(typed), "%.4s%s", inv[1].short_code, inv[1].short_code + 5);
	for (char *p = typed; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	assert_ok(ctx, invitation_lookup(ctx, typed, &info));
	assert_int_equal(info.household_id, h2);
	assert_int_equal(invitation_lookup(ctx, "ZZZZ-ZZZZ", &info), DV_ENOTFOUND);

	/* anyone holding the slip claims it; the account owns the household */
	ctx->actor = &actor_anonymous;
	int64_t acc;
	assert_ok(ctx, invitation_claim(ctx, inv[0].token, "0987 654 321", "Nguyễn Văn Hùng",
					"mat-khau-rieng", &acc));
	struct account a;
	assert_ok(ctx, account_get(ctx, acc, &a));
	assert_int_equal(a.household_id, h1);
	assert_string_equal(a.login, "0987654321");
	struct actor me;
	assert_ok(ctx, actor_load(ctx, acc, &me));
	assert_int_equal(me.ngrants, 1);
	assert_int_equal(me.grants[0].role, ROLE_REPRESENTATIVE);
	assert_int_equal(me.grants[0].unit_id, t.dong_tac);
	/* once */
	assert_ok(ctx, invitation_lookup(ctx, inv[0].token, &info));
	assert_int_equal(info.state, INV_USED);
	assert_int_equal(invitation_claim(ctx, inv[0].token, "0987654322", "X", "mat-khau-rieng",
					  &acc),
			 DV_EINVAL);
	/* a taken login leaves the invitation unused */
	assert_int_equal(invitation_claim(ctx, inv[1].token, "0987654321", "Y", "mat-khau-rieng",
					  &acc),
			 DV_ECONFLICT);
	assert_ok(ctx, invitation_lookup(ctx, inv[1].token, &info));
	assert_int_equal(info.state, INV_VALID);
	test_ctx_free(ctx);
}

static void expiry_and_replacement(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t h = test_household(ctx, t.dong_tac, "1 Đông Tác", 1);
	struct invitation_new *a, *b;
	assert_ok(ctx, invitation_create(ctx, &h, 1, &a));
	char old_token[TOKEN_TEXT_MAX + 1];
	snprintf(old_token, sizeof(old_token), "%s", a[0].token);
	assert_ok(ctx, invitation_create(ctx, &h, 1, &b));
	struct invitation_info info;
	assert_ok(ctx, invitation_lookup(ctx, old_token, &info));
	assert_int_equal(info.state, INV_REVOKED);
	int64_t acc;
	assert_int_equal(invitation_claim(ctx, old_token, "a@demo", "A", "mat-khau-rieng", &acc),
			 DV_EINVAL);
	/* the new one lasts INVITATION_DAYS, to the second */
	ctx->now = b[0].expires_at - 1;
	assert_ok(ctx, invitation_lookup(ctx, b[0].token, &info));
	assert_int_equal(info.state, INV_VALID);
	ctx->now = b[0].expires_at;
	assert_ok(ctx, invitation_lookup(ctx, b[0].token, &info));
	assert_int_equal(info.state, INV_EXPIRED);
	assert_int_equal(invitation_claim(ctx, b[0].token, "a@demo", "A", "mat-khau-rieng", &acc),
			 DV_EINVAL);
	test_ctx_free(ctx);
}

static void who_may_invite(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t h = test_household(ctx, t.noi_hoa, "1 Nội Hóa", 1);
	struct invitation_new *inv;
	size_t n;
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(invitation_create(ctx, &h, 1, &inv), DV_ENOTFOUND);
	assert_int_equal(invitation_create_for_unit(ctx, t.noi_hoa, 1, &inv, &n), DV_EPERM);
	assert_int_equal(invitation_create_for_unit(ctx, t.dong_tac, 0, &inv, &n), DV_EINVAL);
	ctx->actor = test_actor(ctx, ROLE_FRONT, t.binh_an, 0);
	assert_int_equal(invitation_create(ctx, &h, 1, &inv), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_ok(ctx, invitation_create_for_unit(ctx, t.binh_an, 0, &inv, &n));
	assert_int_equal(n, 1);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(invite_and_claim),
		cmocka_unit_test(expiry_and_replacement),
		cmocka_unit_test(who_may_invite),
	};
	return test_run(tests);
}

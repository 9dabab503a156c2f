#include "testlib.h"

#include <string.h>

#include "domain/identity/account.h"
#include "domain/identity/session.h"

static int64_t account(struct dv_ctx *ctx, const char *login)
{
	int64_t id;
	assert_ok(ctx, account_create(ctx, login, "Người dùng", "mat-khau-dai", 0, &id));
	return id;
}

static void sessions_live_and_die(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	int64_t a = account(ctx, "a@demo");
	char token[TOKEN_TEXT_MAX + 1];
	struct session s, f;
	ctx->now = 1800000000;
	assert_ok(ctx, session_create(ctx, a, "web", 0, "127.0.0.1", "curl/8", token, &s));
	assert_int_equal(strlen(token), 43);
	assert_int_equal(s.expires_at, ctx->now + SESSION_IDLE);
	assert_ok(ctx, session_find(ctx, token, &f));
	assert_int_equal(f.account_id, a);
	assert_string_equal(f.csrf, s.csrf);
	/* the token itself is not stored */
	int64_t n;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err,
			      "SELECT COUNT(*) FROM session WHERE token_hash = $1", DB_T(token)));
	assert_int_equal(n, 0);
	/* sliding: used within the idle time, it lives on */
	ctx->now += SESSION_IDLE - 60;
	assert_ok(ctx, session_find(ctx, token, &f));
	ctx->now += SESSION_IDLE - 60;
	assert_ok(ctx, session_find(ctx, token, &f));
	/* idle too long: gone */
	ctx->now += SESSION_IDLE + 1;
	assert_int_equal(session_find(ctx, token, &f), DV_ENOTFOUND);
	/* remember me lasts a month, and does not slide */
	assert_ok(ctx, session_create(ctx, a, "web", 1, NULL, NULL, token, &s));
	ctx->now += SESSION_REMEMBER - 10;
	assert_ok(ctx, session_find(ctx, token, &f));
	ctx->now += 11;
	assert_int_equal(session_find(ctx, token, &f), DV_ENOTFOUND);
	/* logout */
	assert_ok(ctx, session_create(ctx, a, "api", 0, NULL, NULL, token, &s));
	assert_string_equal(s.kind, "api");
	assert_ok(ctx, session_end(ctx, token));
	assert_int_equal(session_find(ctx, token, &f), DV_ENOTFOUND);
	assert_int_equal(session_find(ctx, "not-a-token", &f), DV_ENOTFOUND);
	assert_int_equal(session_find(ctx, "", &f), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void ending_the_others(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	int64_t a = account(ctx, "a@demo"), b = account(ctx, "b@demo");
	char t1[TOKEN_TEXT_MAX + 1], t2[TOKEN_TEXT_MAX + 1], t3[TOKEN_TEXT_MAX + 1];
	struct session s1, s2, s3, f;
	assert_ok(ctx, session_create(ctx, a, "web", 0, NULL, NULL, t1, &s1));
	assert_ok(ctx, session_create(ctx, a, "web", 0, NULL, NULL, t2, &s2));
	assert_ok(ctx, session_create(ctx, b, "web", 0, NULL, NULL, t3, &s3));
	assert_ok(ctx, session_end_others(ctx, a, s1.id));
	assert_ok(ctx, session_find(ctx, t1, &f));
	assert_int_equal(session_find(ctx, t2, &f), DV_ENOTFOUND);
	assert_ok(ctx, session_find(ctx, t3, &f)); /* another account's stays */
	/* a disabled account's sessions stop working */
	assert_ok(ctx, db_run(ctx->db, &ctx->err, "UPDATE account SET status = 'disabled' WHERE id = $1",
			      DB_I(b)));
	assert_int_equal(session_find(ctx, t3, &f), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void api_tokens(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	int64_t a = account(ctx, "a@demo"), b = account(ctx, "b@demo");
	struct actor me = {.account_id = a}, other = {.account_id = b};
	char token[TOKEN_TEXT_MAX + 1];
	int64_t id, who;
	ctx->actor = &actor_anonymous;
	assert_int_equal(api_token_create(ctx, "script", token, &id), DV_EPERM);
	ctx->actor = &me;
	assert_int_equal(api_token_create(ctx, "", token, &id), DV_EINVAL);
	assert_ok(ctx, api_token_create(ctx, "Báo cáo hằng tuần", token, &id));
	assert_ok(ctx, api_token_account(ctx, token, &who));
	assert_int_equal(who, a);
	struct api_token *list;
	size_t n;
	assert_ok(ctx, api_token_list(ctx, &list, &n));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "Báo cáo hằng tuần");
	assert_true(list[0].last_used_at > 0);
	/* nobody revokes another account's token */
	ctx->actor = &other;
	assert_int_equal(api_token_revoke(ctx, id), DV_ENOTFOUND);
	assert_ok(ctx, api_token_list(ctx, &list, &n));
	assert_int_equal(n, 0);
	ctx->actor = &me;
	assert_ok(ctx, api_token_revoke(ctx, id));
	assert_int_equal(api_token_account(ctx, token, &who), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void throttling_by_login_and_address(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	account(ctx, "0912345678");
	char token[TOKEN_TEXT_MAX + 1];
	struct session s;
	int64_t retry;
	ctx->now = 1800000000;
	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(session_login(ctx, "0912 345 678", "sai", "web", 0, "10.0.0.1", NULL,
					       token, &s, &retry),
				 DV_EPERM);
	/* now even the right password waits, from any address */
	assert_int_equal(session_login(ctx, "+84912345678", "mat-khau-dai", "web", 0, "10.0.0.2",
				       NULL, token, &s, &retry),
			 DV_EBUSY);
	assert_true(retry > 0 && retry <= LOGIN_WINDOW);
	assert_string_equal(ctx->err.field, "login");
	/* after the window it works */
	ctx->now += LOGIN_WINDOW + 1;
	assert_ok(ctx, session_login(ctx, "0912345678", "mat-khau-dai", "web", 0, "10.0.0.2", NULL,
				     token, &s, &retry));
	/* one address trying many logins is stopped too */
	for (int i = 0; i < LOGIN_MAX_FAILURES_IP; i++) {
		char login[32];
		snprintf(login, sizeof(login), "u%d@demo", i);
		assert_int_equal(session_login(ctx, login, "x", "web", 0, "10.9.9.9", NULL, token, &s,
					       &retry),
				 DV_EPERM);
	}
	assert_int_equal(session_login(ctx, "0912345678", "mat-khau-dai", "web", 0, "10.9.9.9",
				       NULL, token, &s, &retry),
			 DV_EBUSY);
	assert_ok(ctx, session_login(ctx, "0912345678", "mat-khau-dai", "web", 0, "10.9.9.8", NULL,
				     token, &s, &retry));
	test_ctx_free(ctx);
}

static void one_below_the_limit_still_logs_in(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	account(ctx, "a@demo");
	char token[TOKEN_TEXT_MAX + 1];
	struct session s;
	int64_t retry;
	ctx->now = 1800000000;
	for (int i = 0; i < LOGIN_MAX_FAILURES - 1; i++)
		assert_int_equal(session_login(ctx, "a@demo", "x", "web", 0, "1.2.3.4", NULL, token, &s,
					       &retry),
				 DV_EPERM);
	assert_ok(ctx, session_login(ctx, "A@Demo", "mat-khau-dai", "web", 0, "1.2.3.4", NULL, token,
				     &s, &retry));
	int64_t n;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err,
			      "SELECT COUNT(*) FROM login_attempt WHERE login = 'a@demo' AND ok = 1"));
	assert_int_equal(n, 1);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sessions_live_and_die),
		cmocka_unit_test(ending_the_others),
		cmocka_unit_test(api_tokens),
		cmocka_unit_test(throttling_by_login_and_address),
		cmocka_unit_test(one_below_the_limit_still_logs_in),
	};
	return test_run(tests);
}

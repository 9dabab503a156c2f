#include "testlib.h"

#include <string.h>
#include <unistd.h>

#include "base/date.h"
#include "domain/notify/inbox.h"
#include "domain/notify/outbox.h"
#include "domain/notify/subscription.h"
#include "domain/notify_event.h"

static int64_t count(struct dv_ctx *ctx, const char *sql)
{
	int64_t n = -1;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, sql));
	return n;
}

/* An account living in unit, logging in with login. */
static int64_t account(struct dv_ctx *ctx, int64_t unit, const char *login)
{
	int64_t hid = test_household(ctx, unit, login, 1), id = 0;
	assert_ok(ctx,
		  db_int(ctx->db, &id, &ctx->err,
			 "INSERT INTO account (login, password_hash, display_name, "
			 "household_id, created_at, updated_at) VALUES ($1, 'x', $1, $2, $3, $3) "
			 "RETURNING id",
			 DB_T(login), DB_I(hid), DB_I(ctx->now)));
	return id;
}

/* A confirmed subscription of email to topic of unit. */
static void subscribed(struct dv_ctx *ctx, int64_t unit, const char *topic, const char *email)
{
	assert_ok(ctx, notify_subscribe(ctx, unit, topic, email));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "UPDATE notify_subscription SET confirmed_at = 1 WHERE email = $1",
			      DB_T(email)));
}

static void publish(struct dv_ctx *ctx, int64_t unit, int64_t notice)
{
	assert_ok(ctx, ctx_begin(ctx));
	assert_ok(ctx, ctx_end(ctx, notify_event_add(ctx, NOTIFY_NOTICE_PUBLISHED, unit, 0,
						     "notice", notice, "Phí vệ sinh", "", 0)));
}

static void a_notice_reaches_each_person_once_on_each_channel(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t lan = account(ctx, t.dong_tac, "lan@example.com");
	account(ctx, t.noi_hoa, "elsewhere@example.com"); /* another ward */
	struct actor as_lan = {.account_id = lan};
	const struct actor *system = ctx->actor;
	ctx->actor = &as_lan;
	assert_ok(ctx, notify_pref_set(ctx, NK_NOTICE, NC_EMAIL));
	ctx->actor = system;
	/* the same address subscribed twice, and as the account's login */
	subscribed(ctx, t.dong_tac, "notices", "LAN@example.com");
	subscribed(ctx, t.tdh, "notices", "lan@example.com");
	subscribed(ctx, t.binh_an, "notices", "other@example.com");
	subscribed(ctx, t.dong_tac, "reports", "reports@example.com");
	int64_t confirmations = count(ctx, "SELECT COUNT(*) FROM notify_outbox");
	assert_int_equal(confirmations, 4);
	publish(ctx, t.tdh, 7);
	int done = 0;
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	assert_int_equal(done, 1);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE entity = 'notice' "
				    "AND channel = 'inapp'"),
			 1);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE entity = 'notice' "
				    "AND channel = 'email'"),
			 1);
	/* expanding again writes nothing */
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	assert_int_equal(done, 0);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE entity = 'notice'"),
			 2);
	test_ctx_free(ctx);
}

static void choosing_none_means_no_message(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hoa = account(ctx, t.chieu_lieu, "0912345678");
	struct actor as_hoa = {.account_id = hoa};
	const struct actor *system = ctx->actor;
	ctx->actor = &as_hoa;
	enum notify_channel ch[NK_COUNT];
	assert_ok(ctx, notify_prefs_get(ctx, ch));
	assert_int_equal(ch[NK_NOTICE], NC_INAPP); /* the default */
	assert_ok(ctx, notify_pref_set(ctx, NK_NOTICE, NC_NONE));
	ctx->actor = system;
	publish(ctx, t.chieu_lieu, 8);
	int done = 0;
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	assert_int_equal(done, 1);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox"), 0);
	test_ctx_free(ctx);
}

/* The local instant of today's hh:mm (Vietnam). */
static int64_t today_at(const struct dv_ctx *ctx, int hh, int mm)
{
	return time_local_midnight(time_local_date(ctx->now)) + hh * 3600 + mm * 60;
}

static void a_digest_collapses_the_days_messages_into_one_mail_at_seven(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	/* the account exists before the notices of six o'clock, whatever the
	 * hour the test runs at (a notice reaches the accounts it found) */
	ctx->now = today_at(ctx, 5, 0);
	int64_t lan = account(ctx, t.dong_tac, "lan@example.com");
	struct actor as_lan = {.account_id = lan};
	const struct actor *system = ctx->actor;
	ctx->actor = &as_lan;
	assert_ok(ctx, notify_pref_set(ctx, NK_NOTICE, NC_DIGEST));
	ctx->actor = system;
	ctx->now = today_at(ctx, 6, 0); /* before the digest hour */
	int done = 0, made = 0;
	publish(ctx, t.tdh, 7);
	publish(ctx, t.dong_tac, 8);
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'held'"), 2);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE channel = 'inapp'"),
			 2); /* the inbox gets them at once */
	ctx->now = today_at(ctx, 6, 59);
	assert_ok(ctx, notify_digest(ctx, 10, &made));
	assert_int_equal(made, 0);
	ctx->now = today_at(ctx, 7, 0);
	assert_ok(ctx, notify_digest(ctx, 10, &made));
	assert_int_equal(made, 1);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'digest' AND "
				    "state = 'pending' AND entity_id = 2 AND address = "
				    "'lan@example.com'"),
			 1);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'digested' "
				    "AND digest_id IS NOT NULL"),
			 2);
	/* one published after seven waits for tomorrow's */
	ctx->now = today_at(ctx, 8, 0);
	publish(ctx, t.tdh, 9);
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	assert_ok(ctx, notify_digest(ctx, 10, &made));
	assert_int_equal(made, 0);
	ctx->now += 86400;
	assert_ok(ctx, notify_digest(ctx, 10, &made));
	assert_int_equal(made, 1);
	test_ctx_free(ctx);
}

static void an_address_gets_ten_mails_a_day_and_the_rest_in_its_digest(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	subscribed(ctx, t.dong_tac, "notices", "tom@example.com");
	for (int i = 0; i < NOTIFY_MAILS_PER_DAY + 2; i++)
		publish(ctx, t.dong_tac, 100 + i);
	int done = 0, held = 0, n_held = 0;
	assert_ok(ctx, notify_expand(ctx, 100, 0, &done));
	struct notify_msg *m;
	size_t n;
	assert_ok(ctx, notify_claim(ctx, 7, 100, &m, &n));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(m[i].kind, NOTIFY_NOTICE_PUBLISHED))
			continue;
		assert_ok(ctx, notify_throttle(ctx, &m[i], &held));
		if (held)
			n_held++;
		else
			assert_ok(ctx, notify_sent(ctx, &m[i], NULL));
	}
	assert_int_equal(n_held, 2);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'held' AND "
				    "attempts = 0"),
			 2);
	test_ctx_free(ctx);
}

static void a_consultation_closing_tomorrow_is_announced_once(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	account(ctx, t.dong_tac, "lan@example.com");
	account(ctx, t.noi_hoa, "elsewhere@example.com");
	/* open for three days, closing in 12 hours; another closing in three days */
	for (int i = 0; i < 2; i++)
		assert_ok(ctx, db_run(ctx->db, &ctx->err,
				      "INSERT INTO consultation (unit_id, kind, status, title, "
				      "title_folded, body, opened_at, closes_at, created_at, "
				      "updated_at) VALUES ($1, 'project', 'open', 'Đường', 'duong', "
				      "'x', $2, $3, $2, $2)",
				      DB_I(t.tdh), DB_I(ctx->now - 3 * 86400),
				      DB_I(ctx->now + (i ? 3 * 86400 : 43200))));
	int added = 0, done = 0;
	assert_ok(ctx, notify_closing_soon(ctx, &added));
	assert_int_equal(added, 1);
	assert_ok(ctx, notify_closing_soon(ctx, &added));
	assert_int_equal(added, 0); /* once */
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	/* the resident of the ward hears of it, the one of another ward does not */
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE kind = "
				    "'consultation_closing' AND channel = 'inapp'"),
			 1);
	test_ctx_free(ctx);
}

static void new_reports_nearby_reach_only_those_who_asked(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t lan = account(ctx, t.dong_tac, "lan@example.com");
	account(ctx, t.dong_tac, "quiet@example.com");
	struct actor as_lan = {.account_id = lan};
	const struct actor *system = ctx->actor;
	ctx->actor = &as_lan;
	enum notify_channel ch[NK_COUNT];
	assert_ok(ctx, notify_prefs_get(ctx, ch));
	assert_int_equal(ch[NK_REPORT_NEAR], NC_NONE); /* nothing unless asked */
	assert_ok(ctx, notify_pref_set(ctx, NK_REPORT_NEAR, NC_INAPP));
	ctx->actor = system;
	assert_ok(ctx, ctx_begin(ctx));
	assert_ok(ctx, ctx_end(ctx, notify_event_add(ctx, NOTIFY_REPORT_FILED, t.dong_tac, 0,
						     "report", 5, "Đèn đường hỏng", "", 0)));
	int done = 0;
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE kind = "
				    "'report_filed'"),
			 1);
	test_ctx_free(ctx);
}

static void a_failure_waits_twice_as_long_each_time_and_the_sixth_is_the_last(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	assert_ok(ctx, notify_subscribe(ctx, t.dong_tac, "notices", "a@example.com"));
	struct notify_msg *m;
	size_t n;
	int64_t start = ctx->now, waits[NOTIFY_MAX_ATTEMPTS];
	for (int i = 0; i < NOTIFY_MAX_ATTEMPTS; i++) {
		assert_ok(ctx, notify_claim(ctx, 7, 10, &m, &n));
		assert_int_equal(n, 1);
		assert_int_equal(m[0].attempts, i + 1);
		assert_true(strlen(m[0].secret) > 20); /* the confirm token is kept for retries */
		assert_ok(ctx, notify_failed(ctx, &m[0], "smtp: refused"));
		int64_t next = count(ctx, "SELECT next_attempt_at FROM notify_outbox");
		waits[i] = next - ctx->now;
		/* not due before its time */
		assert_ok(ctx, notify_claim(ctx, 7, 10, &m, &n));
		assert_int_equal(n, 0);
		ctx->now = next;
	}
	assert_int_equal(waits[0], NOTIFY_BACKOFF_SECONDS);
	assert_int_equal(waits[1], 2 * NOTIFY_BACKOFF_SECONDS);
	assert_int_equal(waits[4], 16 * NOTIFY_BACKOFF_SECONDS);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'failed' "
				    "AND secret = ''"),
			 1);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_attempt WHERE ok = 0"),
			 NOTIFY_MAX_ATTEMPTS);
	ctx->now = start + 10 * 86400;
	assert_ok(ctx, notify_claim(ctx, 7, 10, &m, &n));
	assert_int_equal(n, 0); /* given up */
	test_ctx_free(ctx);
}

/* Two servers on one PostgreSQL: a sender that is alive keeps its claims;
 * once its connection is gone, another sender takes them over. (SQLite has
 * one server: every other sender is gone.) */
/* A notice is news for those who had an account when it was published; an
 * account made after it finds it on the notices page. */
static void an_account_made_later_gets_no_old_notice(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t before = account(ctx, t.dong_tac, "0987654321");
	publish(ctx, t.dong_tac, 9);
	ctx->now += 60;
	int64_t after = account(ctx, t.dong_tac, "0912345678");
	int done;
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	struct db_stmt *st;
	int64_t n_before = -1, n_after = -1;
	assert_int_equal(db_query(ctx->db, &st, &ctx->err,
				  "SELECT (SELECT COUNT(*) FROM notify_outbox WHERE account_id = $1), "
				  "(SELECT COUNT(*) FROM notify_outbox WHERE account_id = $2)",
				  DB_I(before), DB_I(after)),
			 0);
	assert_int_equal(db_step(st, &ctx->err), DB_ROW);
	n_before = db_col_int(st, 0);
	n_after = db_col_int(st, 1);
	db_finish(st);
	assert_int_equal(n_before, 1);
	assert_int_equal(n_after, 0);
	test_ctx_free(ctx);
}

/* The subscribe form mails any address typed into it: an address is asked
 * at most NOTIFY_SUBSCRIBE_PER_DAY times in a day, then again the next day. */
static void an_address_is_asked_to_confirm_a_few_times_a_day(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	for (int i = 0; i < NOTIFY_SUBSCRIBE_PER_DAY; i++)
		assert_ok(ctx, notify_subscribe(ctx, i % 2 ? t.dong_tac : t.tdh, "notices",
						"victim@example.com"));
	int64_t mails = count(ctx, "SELECT COUNT(*) FROM notify_outbox");
	assert_int_equal(notify_subscribe(ctx, t.binh_an, "notices", "VICTIM@example.com"), DV_EBUSY);
	assert_string_equal(ctx->err.field, "email");
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox"), mails); /* none more */
	assert_ok(ctx, notify_subscribe(ctx, t.binh_an, "notices", "other@example.com"));
	ctx->now += 86400 + 1;
	assert_ok(ctx, notify_subscribe(ctx, t.binh_an, "notices", "victim@example.com"));
	test_ctx_free(ctx);
}

static void a_live_senders_claims_are_left_alone(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	account(ctx, t.dong_tac, "0987654321");
	publish(ctx, t.dong_tac, 9);
	int done;
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	struct db *other = test_db_connect(ctx->db);
	assert_int_equal(db_own(other, 11, &ctx->err), 0);
	struct notify_msg *m;
	size_t n;
	assert_ok(ctx, notify_claim(ctx, 11, 10, &m, &n));
	assert_int_equal(n, 1);
	assert_ok(ctx, notify_recover(ctx, 22));
	assert_ok(ctx, notify_claim(ctx, 22, 10, &m, &n));
	int pg = strcmp(test_backend(), "postgres") == 0;
	assert_int_equal(n, pg ? 0 : 1);
	db_close(other); /* sender 11's server dies */
	/* its backend ends a moment after the connection closes */
	for (int i = 0; pg && n == 0 && i < 200; i++) {
		assert_ok(ctx, notify_recover(ctx, 22));
		assert_ok(ctx, notify_claim(ctx, 22, 10, &m, &n));
		if (n == 0)
			usleep(10000);
	}
	assert_int_equal(n, 1);
	if (pg)
		assert_int_equal(m[0].attempts, 2);
	test_ctx_free(ctx);
}

static void a_claim_left_by_a_killed_sender_is_put_back_and_sent_once(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t lan = account(ctx, t.dong_tac, "0987654321");
	publish(ctx, t.dong_tac, 9);
	int done;
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	struct notify_msg *m;
	size_t n;
	assert_ok(ctx, notify_claim(ctx, 7, 10, &m, &n));
	assert_int_equal(n, 1);
	/* the sender (7) dies here; the next one (8) starts */
	assert_ok(ctx, notify_recover(ctx, 8));
	assert_ok(ctx, notify_claim(ctx, 8, 10, &m, &n));
	assert_int_equal(n, 1);
	assert_int_equal(m[0].attempts, 2);
	assert_ok(ctx, notify_sent(ctx, &m[0], NULL));
	assert_ok(ctx, notify_sent(ctx, &m[0], NULL)); /* twice: still one message */
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_inbox"), 1);
	struct actor as_lan = {.account_id = lan};
	ctx->actor = &as_lan;
	struct notify_item *v;
	int more;
	assert_ok(ctx, notify_inbox_list(ctx, 1, 10, 0, &v, &n, &more));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].title, "Phí vệ sinh");
	assert_int_equal(notify_unread(ctx, lan), 1);
	assert_int_equal(notify_inbox_read(ctx, v[0].id + 1000), DV_ENOTFOUND);
	assert_ok(ctx, notify_inbox_read(ctx, v[0].id));
	assert_int_equal(notify_unread(ctx, lan), 0);
	test_ctx_free(ctx);
}

static void subscribing_refuses_what_is_not_an_address_and_writes_nothing(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	static const char *const bad[] = {"",
					  "lan",
					  "lan@",
					  "@example.com",
					  "lan@example",
					  "a b@example.com",
					  "a@b@example.com",
					  "a@example.com\r\nBcc: x@example.com",
					  "a<b>@example.com"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(notify_subscribe(ctx, t.dong_tac, "notices", bad[i]), DV_EINVAL);
		assert_string_equal(ctx->err.field, "email");
	}
	assert_int_equal(notify_subscribe(ctx, t.dong_tac, "ballots", "a@example.com"), DV_EINVAL);
	assert_int_equal(notify_subscribe(ctx, 987654, "notices", "a@example.com"), DV_ENOTFOUND);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_subscription"), 0);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM notify_outbox"), 0);
	int64_t unit;
	assert_int_equal(notify_confirm(ctx, "short", &unit), DV_ENOTFOUND);
	assert_int_equal(
		notify_unsubscribe(ctx, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &unit),
		DV_ENOTFOUND);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_notice_reaches_each_person_once_on_each_channel),
		cmocka_unit_test(choosing_none_means_no_message),
		cmocka_unit_test(new_reports_nearby_reach_only_those_who_asked),
		cmocka_unit_test(a_consultation_closing_tomorrow_is_announced_once),
		cmocka_unit_test(a_digest_collapses_the_days_messages_into_one_mail_at_seven),
		cmocka_unit_test(an_address_gets_ten_mails_a_day_and_the_rest_in_its_digest),
		cmocka_unit_test(a_failure_waits_twice_as_long_each_time_and_the_sixth_is_the_last),
		cmocka_unit_test(a_claim_left_by_a_killed_sender_is_put_back_and_sent_once),
		cmocka_unit_test(a_live_senders_claims_are_left_alone),
		cmocka_unit_test(an_address_is_asked_to_confirm_a_few_times_a_day),
		cmocka_unit_test(an_account_made_later_gets_no_old_notice),
		cmocka_unit_test(subscribing_refuses_what_is_not_an_address_and_writes_nothing),
	};
	return test_run(tests);
}

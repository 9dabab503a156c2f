/*
 * A work's ledger (domain/works/ledger.h): the balance and what counts in
 * it, the rule against going below zero, corrections, sign-offs, who may
 * write, amounts as offices type them, and the hash chain that verify
 * recomputes, with an entry altered behind the program's back.
 */
#include "works_fixture.h"

#include "base/money.h"
#include "domain/works/share.h"

static int64_t entries(struct dv_ctx *ctx)
{
	int64_t n = -1;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, "SELECT COUNT(*) FROM work_ledger"));
	return n;
}

static void the_balance_is_money_in_minus_money_out(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f), exp = 0, promised = 0;
	wfx_board(ctx, &f, id);
	struct entry_input pledge = {
		.kind = "pledge", .household_id = f.hh[3], .amount = "1.500.000"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &pledge, &promised));
	wfx_give(ctx, &f, id, 0, "1.500.000");
	wfx_give(ctx, &f, id, 1, "1.500.000");
	struct entry_input cement = {.kind = "in_kind",
				     .household_id = f.hh[2],
				     .amount = "2.000.000",
				     .method = "materials",
				     .item = "Xi măng",
				     .quantity = "20 bao"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &cement, NULL));
	struct entry_input shop = {.kind = "sponsor",
				   .amount = "10.000.000",
				   .source = "businesses",
				   .party = "Công ty TNHH Minh Phát",
				   .method = "transfer"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &shop, NULL));
	struct entry_input buy = {.kind = "expense",
				  .amount = "8.000.000",
				  .party = "Tổ thợ",
				  .item = "Nhân công đổ bê tông"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &buy, &exp));
	struct entry_input back = {.kind = "refund", .household_id = f.hh[1], .amount = "500.000"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &back, NULL));
	struct work w = wfx_get(ctx, id);
	/* the pledge is a promise; the expense waits for the board */
	assert_int_equal(w.money.pledged, 1500000);
	assert_int_equal(w.money.contributions, 3000000);
	assert_int_equal(w.money.in_kind, 2000000);
	assert_int_equal(w.money.sponsors, 10000000);
	assert_int_equal(w.money.in, 15000000);
	assert_int_equal(w.money.by_source[FUND_HOUSEHOLDS], 5000000);
	assert_int_equal(w.money.by_source[FUND_BUSINESSES], 10000000);
	assert_int_equal(w.money.spent, 0);
	assert_int_equal(w.money.pending, 8000000);
	assert_int_equal(w.money.npending, 1);
	assert_int_equal(w.money.refunded, 500000);
	assert_int_equal(w.money.balance, 14500000);
	ctx->actor = wfx_member(ctx, &f, 3);
	assert_ok(ctx, entry_signoff(ctx, id, exp, 1, ""));
	w = wfx_get(ctx, id);
	assert_int_equal(w.money.spent, 8000000);
	assert_int_equal(w.money.npending, 0);
	assert_int_equal(w.money.balance, 6500000);
	assert_int_equal(w.entries, 7);
	/* what the ledger lists says the same */
	struct entry *v;
	size_t n;
	int more, in = 0, out = 0;
	struct entry_filter all = {.kind = -1};
	assert_ok(ctx, entry_list(ctx, id, &all, 0, 100, &v, &n, &more));
	assert_int_equal(n, 7);
	for (size_t i = 0; i < n; i++) {
		int s = ledger_kind_sign(v[i].kind);
		assert_true(v[i].amount > 0);
		if (v[i].counted && s > 0)
			in += (int)v[i].amount;
		if (v[i].counted && s < 0)
			out += (int)v[i].amount;
		assert_int_equal(v[i].counted, v[i].kind != EK_PLEDGE);
	}
	assert_int_equal(in - out, w.money.balance);
	assert_int_equal(v[0].seq, 7); /* newest first */
	test_ctx_free(ctx);
}

static void an_expense_below_zero_needs_an_advance(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f), a = 0, b = 0;
	wfx_board(ctx, &f, id);
	wfx_give(ctx, &f, id, 0, "1.500.000");
	int64_t before = entries(ctx);
	struct entry_input buy = {.kind = "expense",
				  .amount = "1.500.001",
				  .party = "Điện lực",
				  .item = "Bóng đèn LED"};
	assert_int_equal(wfx_entry(ctx, f.head, id, &buy, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "advance");
	assert_int_equal(entries(ctx), before);
	/* to exactly zero is fine */
	buy.amount = "1.500.000";
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &buy, &a));
	/* one more, while that one waits: below zero */
	buy.amount = "1";
	assert_int_equal(wfx_entry(ctx, f.head, id, &buy, NULL), DV_EINVAL);
	buy.amount = "2.000.000";
	buy.advance = "Trưởng khu phố ứng trước";
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &buy, &b));
	ctx->actor = wfx_member(ctx, &f, 0);
	assert_ok(ctx, entry_signoff(ctx, id, a, 1, ""));
	assert_ok(ctx, entry_signoff(ctx, id, b, 1, "Có giấy ứng tiền"));
	struct work w = wfx_get(ctx, id);
	assert_int_equal(w.money.balance, -2000000);
	test_ctx_free(ctx);
}

static void the_board_signs_off_or_refuses_with_a_reason(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f), e = 0, contribution;
	contribution = wfx_give(ctx, &f, id, 0, "1.500.000");
	struct entry_input buy = {
		.kind = "expense", .amount = "1.000.000", .party = "Điện lực", .item = "Đèn"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &buy, &e));
	/* no board yet */
	ctx->actor = wfx_member(ctx, &f, 0);
	assert_int_equal(entry_signoff(ctx, id, e, 1, ""), DV_EPERM);
	wfx_board(ctx, &f, id);
	ctx->actor = f.head;
	assert_int_equal(entry_signoff(ctx, id, e, 1, ""), DV_EPERM);
	ctx->actor = wfx_member(ctx, &f, 5); /* an account not on the board */
	assert_int_equal(entry_signoff(ctx, id, e, 1, ""), DV_EPERM);
	ctx->actor = wfx_member(ctx, &f, 2);
	assert_int_equal(entry_signoff(ctx, id, contribution, 1, ""), DV_ECONFLICT);
	assert_int_equal(entry_signoff(ctx, id, e, 0, ""), DV_EINVAL); /* why? */
	assert_string_equal(ctx->err.field, "reason");
	assert_ok(ctx, entry_signoff(ctx, id, e, 0, "Chưa có hóa đơn"));
	assert_int_equal(entry_signoff(ctx, id, e, 1, ""), DV_ECONFLICT);
	struct entry x;
	assert_ok(ctx, entry_get(ctx, id, e, &x));
	assert_int_equal(x.signoff, SO_REFUSED);
	assert_string_equal(x.signoff_reason, "Chưa có hóa đơn");
	assert_string_equal(x.signoff_by, "Lê Văn Dũng");
	assert_false(x.counted);
	struct work w = wfx_get(ctx, id);
	assert_int_equal(w.money.spent, 0);
	assert_int_equal(w.money.npending, 0);
	/* who recorded an expense does not sign it off, board member or not */
	struct entry_input own = {
		.kind = "expense", .amount = "100.000", .party = "Tạp hóa", .item = "Dây điện"};
	ctx->actor = &actor_system;
	assert_ok(ctx, work_set_treasurer(ctx, id, f.logins[4]));
	const struct actor *both = test_actor(ctx, ROLE_HEAD, f.t.dong_tac, 0);
	((struct actor *)both)->account_id = f.accounts[4];
	assert_ok(ctx, wfx_entry(ctx, both, id, &own, &e));
	ctx->actor = both;
	assert_int_equal(entry_signoff(ctx, id, e, 1, ""), DV_EPERM);
	test_ctx_free(ctx);
}

static void corrections_point_at_what_they_correct(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f), promised = 0, waiting = 0, fix = 0;
	int64_t wrong = wfx_give(ctx, &f, id, 0, "1.500.000");
	wfx_give(ctx, &f, id, 1, "1.500.000");
	struct entry_input pledge = {
		.kind = "pledge", .household_id = f.hh[2], .amount = "1.500.000"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &pledge, &promised));
	struct entry_input buy = {
		.kind = "expense", .amount = "500.000", .party = "Tạp hóa", .item = "Chổi"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &buy, &waiting));
	int64_t before = entries(ctx);
	struct {
		const char *what, *field;
		struct entry_input in;
	} bad[] = {
		{"without a reason",
		 "note",
		 {.kind = "correction", .corrects = wrong, .effect = "-500.000"}},
		{"without the entry",
		 "corrects",
		 {.kind = "correction", .effect = "-500.000", .note = "x"}},
		{"of nothing",
		 "effect",
		 {.kind = "correction", .corrects = wrong, .effect = "0", .note = "x"}},
		{"without an effect",
		 "effect",
		 {.kind = "correction", .corrects = wrong, .note = "x"}},
		{"of a pledge",
		 "corrects",
		 {.kind = "correction", .corrects = promised, .effect = "-1", .note = "x"}},
		{"of an expense not signed off",
		 "corrects",
		 {.kind = "correction", .corrects = waiting, .effect = "1", .note = "x"}},
		{"below zero",
		 "effect",
		 {.kind = "correction", .corrects = wrong, .effect = "-1.500.001", .note = "x"}},
		{"of another work's entry",
		 "corrects",
		 {.kind = "correction", .corrects = 999999, .effect = "-1", .note = "x"}},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (wfx_entry(ctx, f.head, id, &bad[i].in, NULL) != DV_EINVAL)
			fail_msg("a correction %s was accepted", bad[i].what);
		if (!ctx->err.field || strcmp(ctx->err.field, bad[i].field) != 0)
			fail_msg("a correction %s: field %s", bad[i].what,
				 ctx->err.field ? ctx->err.field : "(none)");
	}
	assert_int_equal(entries(ctx), before);
	/* 1.500.000 recorded, 1.000.000 given */
	struct entry_input c = {.kind = "correction",
				.corrects = wrong,
				.effect = "-500.000",
				.note = "Ghi nhầm: hộ nộp 1.000.000 ₫"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &c, &fix));
	struct entry x;
	assert_ok(ctx, entry_get(ctx, id, fix, &x));
	assert_int_equal(x.kind, EK_CORRECTION);
	assert_int_equal(x.amount, 500000);
	assert_int_equal(x.effect, -500000);
	assert_int_equal(x.corrects, wrong);
	assert_int_equal(x.household_id, f.hh[0]);
	struct work w = wfx_get(ctx, id);
	assert_int_equal(w.money.contributions, 2500000);
	assert_int_equal(w.money.corrections, -500000);
	assert_int_equal(w.money.balance, 2500000);
	/* the original stays as it was */
	assert_ok(ctx, entry_get(ctx, id, wrong, &x));
	assert_int_equal(x.amount, 1500000);
	/* the household's share follows */
	struct share *s;
	size_t n;
	int more;
	ctx->actor = f.head;
	assert_ok(ctx, share_list(ctx, &w, 0, 50, &s, &n, &more));
	for (size_t i = 0; i < n; i++)
		if (s[i].household_id == f.hh[0])
			assert_int_equal(s[i].given, 1000000);
	test_ctx_free(ctx);
}

static void who_writes_and_what_they_type(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f), e = 0;
	/* amounts as offices write them */
	const char *fine[] = {"1.250.000", "1250000 đ", "1.250.000 ₫", "1 250 000 đồng"};
	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		struct entry_input in = {
			.kind = "contribution", .household_id = f.hh[i], .amount = fine[i]};
		assert_ok(ctx, wfx_entry(ctx, f.head, id, &in, &e));
		struct entry x;
		assert_ok(ctx, entry_get(ctx, id, e, &x));
		assert_int_equal(x.amount, 1250000);
		assert_string_not_equal(x.receipt_no, "");
	}
	int64_t before = entries(ctx);
	const char *wrong[] = {"", "1,5", "-5.000", "0", "12.5000", "abc", "100.000.000.001"};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		struct entry_input in = {
			.kind = "contribution", .household_id = f.hh[5], .amount = wrong[i]};
		if (wfx_entry(ctx, f.head, id, &in, NULL) != DV_EINVAL)
			fail_msg("'%s' was taken as an amount", wrong[i]);
		assert_string_equal(ctx->err.field, "amount");
	}
	/* a household of another community, an unknown kind, a bad day */
	ctx->actor = &actor_system;
	int64_t stranger = test_household(ctx, f.t.chieu_lieu, "Số 3 Chiêu Liêu", 1);
	struct entry_input in = {.kind = "contribution", .household_id = stranger, .amount = "1"};
	assert_int_equal(wfx_entry(ctx, f.head, id, &in, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "household");
	in = (struct entry_input){.kind = "gift", .household_id = f.hh[5], .amount = "1"};
	assert_int_equal(wfx_entry(ctx, f.head, id, &in, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "kind");
	in = (struct entry_input){.kind = "contribution",
				  .household_id = f.hh[5],
				  .amount = "1",
				  .on_date = "31/02/2026"};
	assert_int_equal(wfx_entry(ctx, f.head, id, &in, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "on_date");
	in.on_date = "01/01/2099";
	assert_int_equal(wfx_entry(ctx, f.head, id, &in, NULL), DV_EINVAL);
	in = (struct entry_input){.kind = "contribution", .amount = "1"};
	assert_int_equal(wfx_entry(ctx, f.head, id, &in, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "household");
	in = (struct entry_input){
		.kind = "sponsor", .amount = "1", .source = "households", .party = "X"};
	assert_int_equal(wfx_entry(ctx, f.head, id, &in, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "source");
	assert_int_equal(entries(ctx), before);
	/* who: a resident no, another ward's officer no; the treasurer records
	 * contributions but no expense */
	in = (struct entry_input){.kind = "contribution", .household_id = f.hh[5], .amount = "1"};
	assert_int_equal(wfx_entry(ctx, wfx_rep(ctx, &f, 5), id, &in, NULL), DV_EPERM);
	assert_int_equal(wfx_entry(ctx, f.other_ward, id, &in, NULL), DV_EPERM);
	ctx->actor = f.head;
	assert_ok(ctx, work_set_treasurer(ctx, id, f.logins[6]));
	assert_int_equal(work_set_treasurer(ctx, id, "nobody@test"), DV_EINVAL);
	assert_ok(ctx, wfx_entry(ctx, wfx_member(ctx, &f, 6), id, &in, NULL));
	struct entry_input buy = {.kind = "expense", .amount = "1", .party = "X", .item = "Y"};
	assert_int_equal(wfx_entry(ctx, wfx_member(ctx, &f, 6), id, &buy, NULL), DV_EPERM);
	assert_ok(ctx, wfx_entry(ctx, f.ward, id, &buy, NULL));
	test_ctx_free(ctx);
}

static void verify_names_an_entry_altered_behind_the_programs_back(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t one = wfx_work(ctx, &f), two = wfx_plan(ctx, &f), exp = 0;
	wfx_board(ctx, &f, one);
	for (int i = 0; i < 5; i++)
		wfx_give(ctx, &f, one, i, "1.500.000");
	struct entry_input buy = {
		.kind = "expense", .amount = "2.000.000", .party = "Tổ thợ", .item = "Nhân công"};
	assert_ok(ctx, wfx_entry(ctx, f.head, one, &buy, &exp));
	ctx->actor = wfx_member(ctx, &f, 1);
	assert_ok(ctx, entry_signoff(ctx, one, exp, 1, ""));
	struct ledger_report r;
	assert_ok(ctx, ledger_verify(ctx, &r));
	assert_int_equal(r.works, 2);
	assert_int_equal(r.entries, 6);
	assert_int_equal(r.work_id, 0);
	/* the chain as defined: each entry's hash from the one before */
	struct entry *v;
	size_t n;
	int more;
	struct entry_filter all = {.kind = -1, .oldest_first = 1};
	assert_ok(ctx, entry_list(ctx, one, &all, 0, 100, &v, &n, &more));
	char h[HASH_HEX_LEN + 1];
	for (size_t i = 0; i < n; i++) {
		ledger_entry_hash(h, v[i].prev_hash, &v[i]);
		assert_string_equal(h, v[i].hash);
		assert_string_equal(
			v[i].prev_hash,
			i ? v[i - 1].hash
			  : "0000000000000000000000000000000000000000000000000000000000000000");
	}
	struct work w = wfx_get(ctx, one);
	assert_string_equal(w.head_hash, v[n - 1].hash);
	/* the third entry's amount changed by hand */
	assert_ok(ctx,
		  db_run(ctx->db, &ctx->err,
			 "UPDATE work_ledger SET amount = 150000 WHERE work_id = $1 AND seq = 3",
			 DB_I(one)));
	assert_ok(ctx, ledger_verify(ctx, &r));
	assert_int_equal(r.work_id, one);
	assert_int_equal(r.seq, 3);
	assert_int_equal(r.entry_id, v[2].id);
	assert_non_null(strstr(r.reason, "does not match its hash"));
	/* put back: it holds again; then an entry removed, a total changed */
	assert_ok(ctx,
		  db_run(ctx->db, &ctx->err,
			 "UPDATE work_ledger SET amount = 1500000 WHERE work_id = $1 AND seq = 3",
			 DB_I(one)));
	assert_ok(ctx, ledger_verify(ctx, &r));
	assert_int_equal(r.work_id, 0);
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "UPDATE work_total SET amount = amount - 1 WHERE work_id = $1 AND "
			      "kind = 'contribution'",
			      DB_I(one)));
	assert_ok(ctx, ledger_verify(ctx, &r));
	assert_int_equal(r.work_id, one);
	assert_non_null(strstr(r.reason, "kept totals"));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "UPDATE work_total SET amount = amount + 1 WHERE work_id = $1 AND "
			      "kind = 'contribution'",
			      DB_I(one)));
	/* a household's kept totals, the households' list reads them */
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "UPDATE work_household SET given = given + 500000 WHERE work_id = $1 "
			      "AND household_id = $2",
			      DB_I(one), DB_I(f.hh[1])));
	assert_ok(ctx, ledger_verify(ctx, &r));
	assert_int_equal(r.work_id, one);
	assert_non_null(strstr(r.reason, "household's kept totals"));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "UPDATE work_household SET given = given - 500000 WHERE work_id = $1 "
			      "AND household_id = $2",
			      DB_I(one), DB_I(f.hh[1])));
	assert_ok(ctx, ledger_verify(ctx, &r));
	assert_int_equal(r.work_id, 0);
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "UPDATE work_signoff SET decision = 'refused' WHERE entry_id = $1",
			      DB_I(exp)));
	assert_ok(ctx, ledger_verify(ctx, &r));
	assert_int_equal(r.entry_id, exp);
	assert_non_null(strstr(r.reason, "sign-off"));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "UPDATE work_signoff SET decision = 'approved' WHERE entry_id = $1",
			      DB_I(exp)));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "DELETE FROM work_ledger WHERE work_id = $1 AND seq = 2", DB_I(one)));
	assert_ok(ctx, ledger_verify(ctx, &r));
	assert_int_equal(r.work_id, one);
	assert_int_equal(r.seq, 2);
	assert_non_null(strstr(r.reason, "missing"));
	(void)two;
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_balance_is_money_in_minus_money_out),
		cmocka_unit_test(an_expense_below_zero_needs_an_advance),
		cmocka_unit_test(the_board_signs_off_or_refuses_with_a_reason),
		cmocka_unit_test(corrections_point_at_what_they_correct),
		cmocka_unit_test(who_writes_and_what_they_type),
		cmocka_unit_test(verify_names_an_entry_altered_behind_the_programs_back),
	};
	return test_run(tests);
}

#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/token.h"
#include "domain/decide/matter.h"
#include "domain/notify/outbox.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/rules.h"

static void forms_follow_article_17(void **state)
{
	(void)state;
	struct dv_err err = {0};
	for (int t = MT_FIRST; t <= MT_LAST; t++) {
		int meeting_only = t == MT_RULES || t == MT_HEAD || t == MT_BOARDS;
		assert_int_equal(matter_form_check(&err, t, FORM_MEETING, 1, 0, 0), 0);
		assert_int_equal(matter_form_check(&err, t, FORM_BALLOT, 1, 0, 0),
				 meeting_only ? DV_EINVAL : 0);
		if (meeting_only)
			assert_non_null(strstr(err.msg, "Art. 17"));
		/* online: type 6 only, and only with both agreements */
		assert_int_equal(matter_form_check(&err, t, FORM_ONLINE, 0, 0, 0),
				 t == MT_OTHER ? 0 : DV_EINVAL);
		assert_int_equal(matter_form_check(&err, t, FORM_ONLINE, 1, 1, 1),
				 t == MT_OTHER ? 0 : DV_EINVAL);
	}
	assert_int_equal(matter_form_check(&err, MT_OTHER, FORM_ONLINE, 1, 1, 0), DV_EINVAL);
	assert_int_equal(matter_form_check(&err, MT_OTHER, FORM_ONLINE, 1, 0, 1), DV_EINVAL);
	assert_non_null(strstr(err.msg, "front work committee"));
	assert_int_equal(matter_form_check(&err, 0, FORM_BALLOT, 1, 0, 0), DV_EINVAL);
	assert_int_equal(matter_form_check(&err, 7, FORM_BALLOT, 1, 0, 0), DV_EINVAL);
}

static void more_than_half_means_more_than_half(void **state)
{
	(void)state;
	assert_false(rule_exceeds(5, 10, 50)); /* exactly half fails */
	assert_true(rule_exceeds(6, 10, 50));  /* one more passes */
	assert_false(rule_exceeds(50, 101, 50));
	assert_true(rule_exceeds(51, 101, 50));
	assert_false(rule_exceeds(0, 0, 50));
	assert_true(rule_exceeds(1, 1, 50));
	assert_false(rule_exceeds(2, 3, 67));
	assert_true(rule_exceeds(3, 4, 67));
}

static void rules_have_legal_defaults_and_limits(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	assert_int_equal(rule_value(ctx, RULE_MEETING_QUORUM), 50);
	assert_int_equal(rule_value(ctx, RULE_HEAD_PLAN_DAYS), 20);
	assert_int_equal(rule_value(ctx, RULE_COUNTERS_MAX), 5);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_int_equal(rule_set(ctx, RULE_BALLOT_VALIDITY, 60), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, t.city, 0);
	assert_int_equal(rule_set(ctx, RULE_BALLOT_VALIDITY, 100), DV_EINVAL);
	assert_ok(ctx, rule_set(ctx, RULE_BALLOT_VALIDITY, 60));
	assert_int_equal(rule_value(ctx, RULE_BALLOT_VALIDITY), 60);
	assert_ok(ctx, rule_set(ctx, RULE_BALLOT_VALIDITY, 50));
	assert_int_equal(rule_value(ctx, RULE_BALLOT_VALIDITY), 50);
	test_ctx_free(ctx);
}

/* A community of n households in Đông Tác, each with a representative
 * actor; a head for the matter. */
struct community {
	struct test_tree t;
	int64_t hh[12];
	int n;
	const struct actor *head;
};

static void community_build(struct dv_ctx *ctx, struct community *c, int n)
{
	test_tree_build(ctx, &c->t);
	c->n = n;
	for (int i = 0; i < n; i++)
		c->hh[i] = test_household(ctx, c->t.dong_tac,
					  arena_printf(ctx->arena, "Số %d Đông Tác", i + 1), 1);
	c->head = test_actor(ctx, ROLE_HEAD, c->t.dong_tac, 0);
}

static int64_t open_matter(struct dv_ctx *ctx, struct community *c, const char *const *options,
			   size_t nopt)
{
	struct matter_input in = {.unit_id = c->t.dong_tac,
				  .type = MT_CONTRIBUTIONS,
				  .form = "ballot",
				  .title = "Mức đóng góp làm hẻm",
				  .body = "Mỗi hộ 500.000 ₫",
				  .options = options,
				  .noptions = nopt};
	int64_t id;
	ctx->actor = c->head;
	assert_ok(ctx, matter_create(ctx, &in, &id));
	assert_ok(ctx, matter_open(ctx, id, ctx->now + 7 * 86400));
	return id;
}

/* An account of household hh, granted the representative's role or not. */
static int64_t account_of(struct dv_ctx *ctx, int64_t hh, const char *login, int representative)
{
	int64_t id = 0, unit = 0;
	assert_ok(ctx, db_int(ctx->db, &unit, &ctx->err, "SELECT unit_id FROM household WHERE id = $1",
			      DB_I(hh)));
	assert_ok(ctx, db_int(ctx->db, &id, &ctx->err,
			      "INSERT INTO account (login, password_hash, display_name, household_id, "
			      "created_at, updated_at) VALUES ($1, 'x', $1, $2, $3, $3) RETURNING id",
			      DB_T(login), DB_I(hh), DB_I(ctx->now)));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "INSERT INTO role_grant (account_id, role, unit_id, created_at) "
			      "VALUES ($1, $2, $3, $4)",
			      DB_I(id), DB_T(representative ? "representative" : "resident"),
			      DB_I(unit), DB_I(ctx->now)));
	return id;
}

/* Opening a ballot tells the representatives of the households on its
 * roll, in the app, and nobody else. */
static void an_open_ballot_reaches_the_representatives(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	community_build(ctx, &c, 2);
	int64_t two = test_household(ctx, c.t.dong_tac, "Số 9 Đông Tác", 2);
	int64_t elsewhere = test_household(ctx, c.t.noi_hoa, "Số 1 Nội Hóa", 1);
	int64_t rep = account_of(ctx, two, "0901000001", 1);
	int64_t member = account_of(ctx, two, "0901000002", 0);
	int64_t outside = account_of(ctx, elsewhere, "0901000003", 1);
	static const char *const yes_no[] = {"Đồng ý", "Không đồng ý"};
	int64_t id = open_matter(ctx, &c, yes_no, 2);
	ctx->actor = &actor_system;
	int done = 0;
	assert_ok(ctx, notify_expand(ctx, 10, 0, &done));
	int64_t n = -1;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err,
			      "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'ballot_opened' AND "
			      "entity_id = $1 AND channel = 'inapp' AND account_id = $2",
			      DB_I(id), DB_I(rep)));
	assert_int_equal(n, 1);
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err,
			      "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'ballot_opened' AND "
			      "account_id IN ($1, $2)",
			      DB_I(member), DB_I(outside)));
	assert_int_equal(n, 0);
	test_ctx_free(ctx);
}

static int vote(struct dv_ctx *ctx, struct community *c, int i, int64_t id, const char *choice)
{
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, c->t.dong_tac, c->hh[i]);
	return ballot_cast(ctx, id, choice, NULL);
}

static void close_now(struct dv_ctx *ctx, int64_t id, struct matter *m)
{
	ctx->now += 8 * 86400;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, id, m));
	assert_int_equal(m->status, MS_CLOSED);
}

static void exactly_half_of_all_households_fails(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	struct matter m;
	community_build(ctx, &c, 10);
	int64_t id = open_matter(ctx, &c, NULL, 0);
	for (int i = 0; i < 5; i++)
		assert_ok(ctx, vote(ctx, &c, i, id, "yes"));
	assert_ok(ctx, vote(ctx, &c, 5, id, "no"));
	close_now(ctx, id, &m);
	assert_int_equal(m.result.eligible, 10);
	assert_int_equal(m.result.yes, 5);
	assert_int_equal(m.result.no, 1);
	assert_int_equal(m.result.cast, 6);
	assert_false(m.result.passed);
	assert_non_null(strstr(matter_reason(ctx, &m), "failed"));
	test_ctx_free(ctx);
}

static void one_more_than_half_passes(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	struct matter m;
	community_build(ctx, &c, 10);
	int64_t id = open_matter(ctx, &c, NULL, 0);
	for (int i = 0; i < 6; i++)
		assert_ok(ctx, vote(ctx, &c, i, id, "yes"));
	close_now(ctx, id, &m);
	assert_true(m.result.passed);
	assert_int_equal(m.result.threshold, 50);
	assert_non_null(strstr(matter_reason(ctx, &m), "passed"));
	test_ctx_free(ctx);
}

static void a_ballot_is_cast_once_by_its_own_household(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	community_build(ctx, &c, 3);
	int64_t id = open_matter(ctx, &c, NULL, 0);
	const char *receipt, *how;
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, c.t.dong_tac, c.hh[0]);
	assert_ok(ctx, ballot_mine(ctx, id, &how));
	assert_string_equal(how, "");
	assert_ok(ctx, ballot_cast(ctx, id, "yes", &receipt));
	assert_int_equal(strlen(receipt), RECEIPT_LEN);
	assert_int_equal(receipt[5], '-');
	assert_int_equal(ballot_cast(ctx, id, "no", NULL), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "already"));
	/* the household knows it voted; the receipt was given once */
	assert_ok(ctx, ballot_mine(ctx, id, &how));
	assert_string_equal(how, "online");
	assert_int_equal(ballot_cast(ctx, id, "maybe", NULL), DV_EINVAL);
	/* a member who is not the representative; an officer; another ward */
	ctx->actor = test_actor(ctx, ROLE_RESIDENT, c.t.dong_tac, c.hh[1]);
	assert_int_equal(ballot_cast(ctx, id, "yes", NULL), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, c.t.tdh, 0);
	assert_int_equal(ballot_cast(ctx, id, "yes", NULL), DV_EPERM);
	ctx->actor = &actor_system;
	int64_t far = test_household(ctx, c.t.noi_hoa, "Số 1 Nội Hóa", 1);
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, c.t.noi_hoa, far);
	assert_int_equal(ballot_cast(ctx, id, "yes", NULL), DV_EINVAL);
	/* a household registered after voting opened has no ballot */
	ctx->actor = &actor_system;
	int64_t late = test_household(ctx, c.t.dong_tac, "Số 99 Đông Tác", 1);
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, c.t.dong_tac, late);
	assert_int_equal(ballot_cast(ctx, id, "yes", NULL), DV_EINVAL);
	/* after the deadline nobody votes */
	ctx->now += 7 * 86400;
	assert_int_equal(vote(ctx, &c, 2, id, "yes"), DV_ECONFLICT);
	struct matter m;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, id, &m));
	assert_int_equal(m.result.cast, 1);
	test_ctx_free(ctx);
}

static void the_tally_recounts_to_the_result(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	struct matter m;
	community_build(ctx, &c, 9);
	int64_t id = open_matter(ctx, &c, NULL, 0);
	const char *choices[] = {"yes", "no", "yes", "abstain", "yes", "yes", "no"};
	for (int i = 0; i < 7; i++)
		assert_ok(ctx, vote(ctx, &c, i, id, choices[i]));
	struct tally_row *v;
	size_t n;
	assert_int_equal(matter_tally(ctx, id, &v, &n), DV_ECONFLICT); /* not before closing */
	close_now(ctx, id, &m);
	assert_ok(ctx, matter_tally(ctx, id, &v, &n));
	assert_int_equal(n, 7);
	int64_t yes = 0, no = 0, abstain = 0;
	for (size_t i = 0; i < n; i++) {
		yes += strcmp(v[i].choice, "yes") == 0;
		no += strcmp(v[i].choice, "no") == 0;
		abstain += strcmp(v[i].choice, "abstain") == 0;
		if (i)
			assert_true(strcmp(v[i - 1].receipt, v[i].receipt) < 0);
	}
	assert_int_equal(yes, m.result.yes);
	assert_int_equal(no, m.result.no);
	assert_int_equal(abstain, m.result.abstain);
	assert_false(m.result.passed); /* 4 of 9 */
	/* the published hash is the SHA-256 of the CSV anyone downloads, and it is
	 * in the audit chain */
	struct buf csv = BUF_INIT;
	char sha[HASH_HEX_LEN + 1];
	tally_csv(&csv, v, n);
	sha256_hex(sha, csv.ptr, csv.len);
	buf_release(&csv);
	assert_string_equal(m.tally_sha256, sha);
	int64_t found = 0;
	assert_ok(ctx, db_int(ctx->db, &found, &ctx->err,
			      "SELECT COUNT(*) FROM audit WHERE action = 'matter.close' "
			      "AND details LIKE $1",
			      DB_T(arena_printf(ctx->arena, "%%%s%%", sha))));
	assert_int_equal(found, 1);
	/* no audit row tells a household's choice */
	assert_ok(ctx, db_int(ctx->db, &found, &ctx->err,
			      "SELECT COUNT(*) FROM audit WHERE action = 'ballot.cast' "
			      "AND (details LIKE '%yes%' OR details LIKE '%abstain%')"));
	assert_int_equal(found, 0);
	test_ctx_free(ctx);
}

static void a_choice_passes_with_more_than_half_of_all(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	struct matter m;
	static const char *const options[] = {"Bê tông", "Nhựa", "  "};
	community_build(ctx, &c, 5);
	int64_t id = open_matter(ctx, &c, options, 3);
	assert_ok(ctx, matter_get(ctx, id, &m));
	assert_int_equal(m.noptions, 2); /* the empty one is dropped */
	assert_int_equal(vote(ctx, &c, 0, id, "yes"), DV_EINVAL);
	for (int i = 0; i < 3; i++)
		assert_ok(ctx, vote(ctx, &c, i, id, "1"));
	assert_ok(ctx, vote(ctx, &c, 3, id, "2"));
	close_now(ctx, id, &m);
	assert_true(m.result.passed);
	assert_string_equal(m.result.winner, "Bê tông");
	assert_int_equal(m.options[0].votes, 3);
	assert_int_equal(m.options[1].votes, 1);
	test_ctx_free(ctx);
}

static void drafts_openings_and_online_agreement(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	struct matter m;
	int64_t id;
	community_build(ctx, &c, 4);
	struct matter_input in = {.unit_id = c.t.dong_tac,
				  .type = MT_RULES,
				  .form = "ballot",
				  .title = "Hương ước",
				  .body = "Dự thảo"};
	ctx->actor = c.head;
	assert_int_equal(matter_create(ctx, &in, &id), DV_EINVAL); /* rules: a meeting only */
	assert_string_equal(ctx->err.field, "form");
	in.type = MT_FUNDS;
	in.form = "online";
	assert_int_equal(matter_create(ctx, &in, &id), DV_EINVAL);
	in.type = MT_OTHER;
	/* a resident, a head of another neighborhood, a ward: no */
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, c.t.dong_tac, c.hh[0]);
	assert_int_equal(matter_create(ctx, &in, &id), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_HEAD, c.t.chieu_lieu, 0);
	assert_int_equal(matter_create(ctx, &in, &id), DV_EPERM);
	ctx->actor = c.head;
	in.unit_id = c.t.tdh;
	assert_int_equal(matter_create(ctx, &in, &id), DV_EPERM);
	in.unit_id = c.t.dong_tac;
	assert_ok(ctx, matter_create(ctx, &in, &id));
	/* the public does not see a draft */
	ctx->actor = &actor_anonymous;
	assert_int_equal(matter_get(ctx, id, &m), DV_ENOTFOUND);
	/* online needs both agreements before it opens */
	ctx->actor = c.head;
	assert_int_equal(matter_open(ctx, id, ctx->now + 86400), DV_EINVAL);
	assert_ok(ctx, matter_agree(ctx, id));
	assert_int_equal(matter_open(ctx, id, ctx->now + 86400), DV_EINVAL);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, c.t.tdh, 0);
	assert_int_equal(matter_agree(ctx, id), DV_ENOTFOUND); /* a draft it cannot see */
	ctx->actor = test_actor(ctx, ROLE_FRONT, c.t.dong_tac, 0);
	assert_ok(ctx, matter_agree(ctx, id));
	ctx->actor = c.head;
	assert_int_equal(matter_open(ctx, id, ctx->now + 60), DV_EINVAL); /* too soon */
	assert_int_equal(matter_open(ctx, id, ctx->now + 90 * 86400), DV_EINVAL);
	assert_ok(ctx, matter_open(ctx, id, ctx->now + 86400));
	assert_int_equal(matter_open(ctx, id, ctx->now + 86400), DV_ECONFLICT);
	assert_int_equal(matter_update(ctx, id, &in), DV_ECONFLICT);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, id, &m));
	assert_int_equal(m.eligible, 4);
	assert_true(m.head_agreed && m.front_agreed);
	int64_t roll = 0, receipts = 0;
	assert_ok(ctx,
		  db_int(ctx->db, &roll, &ctx->err,
			 "SELECT COUNT(*) FROM ballot_roll WHERE matter_id = $1 AND how IS NULL",
			 DB_I(id)));
	assert_int_equal(roll, 4);
	/* no receipt exists before a household votes or a slip is printed */
	assert_ok(ctx, db_int(ctx->db, &receipts, &ctx->err,
			      "SELECT COUNT(*) FROM ballot_box WHERE matter_id = $1", DB_I(id)));
	assert_int_equal(receipts, 0);
	test_ctx_free(ctx);
}

static void lists_close_what_is_due(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	community_build(ctx, &c, 2);
	int64_t id = open_matter(ctx, &c, NULL, 0);
	struct matter_filter f = {.unit_id = c.t.tdh, .status = MS_OPEN};
	struct matter *v;
	size_t n;
	int more;
	assert_ok(ctx, matter_list(ctx, &f, 0, 20, &v, &n, &more));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, id);
	ctx->now += 8 * 86400;
	assert_ok(ctx, matter_list(ctx, &f, 0, 20, &v, &n, &more));
	assert_int_equal(n, 0);
	f.status = MS_CLOSED;
	assert_ok(ctx, matter_list(ctx, &f, 0, 20, &v, &n, &more));
	assert_int_equal(n, 1);
	f.unit_id = c.t.binh_an;
	assert_ok(ctx, matter_list(ctx, &f, 0, 20, &v, &n, &more));
	assert_int_equal(n, 0);
	test_ctx_free(ctx);
}

/* The head prints `count` paper ballots (0: one per household left). */
static const char **print_slips(struct dv_ctx *ctx, struct community *c, int64_t id, int64_t count,
				size_t *n)
{
	const char **v;
	ctx->actor = c->head;
	assert_ok(ctx, ballot_print(ctx, id, count, &v, n));
	return v;
}

/* Households i.. of c sign for a paper ballot, as the head records it. */
static void sign_for(struct dv_ctx *ctx, struct community *c, int64_t id, int from, int to)
{
	ctx->actor = c->head;
	for (int i = from; i < to; i++)
		assert_ok(ctx, ballot_hand(ctx, id, c->hh[i]));
}

static void paper_ballots_count_when_two_entries_agree(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	struct matter m;
	enum paper_state ps;
	size_t ns;
	community_build(ctx, &c, 4);
	int64_t id = open_matter(ctx, &c, NULL, 0);
	const char **slips = print_slips(ctx, &c, id, 0, &ns);
	assert_int_equal(ns, 4);
	sign_for(ctx, &c, id, 0, 2);
	const char *r0 = slips[0], *r1 = slips[1];
	const struct actor *a = c.head, *b = test_actor(ctx, ROLE_FRONT, c.t.dong_tac, 0);
	ctx->actor = a;
	assert_ok(ctx, ballot_paper_enter(ctx, id, r0, "yes", &ps));
	assert_int_equal(ps, PAPER_WAITING);
	assert_ok(ctx, ballot_paper_enter(ctx, id, r0, "yes", &ps)); /* the same person again */
	assert_int_equal(ps, PAPER_WAITING);
	ctx->actor = b;
	assert_ok(ctx, ballot_paper_enter(ctx, id, r0, "no", &ps));
	assert_int_equal(ps, PAPER_MISMATCH);
	struct paper_mismatch *v;
	size_t n;
	int64_t waiting;
	assert_ok(ctx, ballot_paper_status(ctx, id, &v, &n, &waiting));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].receipt, r0);
	assert_int_equal(waiting, 0);
	/* the second person looks again at the paper: it said yes */
	assert_ok(ctx, ballot_paper_enter(ctx, id, r0, "yes", &ps));
	assert_int_equal(ps, PAPER_COUNTED);
	/* entered again, by anyone, it still counts once */
	assert_ok(ctx, ballot_paper_enter(ctx, id, r0, "no", &ps));
	assert_int_equal(ps, PAPER_ALREADY);
	ctx->actor = a;
	assert_ok(ctx, ballot_paper_enter(ctx, id, r0, "yes", &ps));
	assert_int_equal(ps, PAPER_ALREADY);
	/* typed by hand: lower case, no dash */
	char typed[16];
	snprintf(typed, sizeof(typed), "%.5s%s", r1, r1 + 6);
	for (char *p = typed; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	assert_ok(ctx, ballot_paper_enter(ctx, id, typed, "abstain", &ps));
	assert_int_equal(ps, PAPER_WAITING);
	assert_int_equal(ballot_paper_enter(ctx, id, "ZZZZZ-ZZZZZ", "yes", &ps), DV_EINVAL);
	assert_int_equal(ballot_paper_enter(ctx, id, "ABC", "yes", &ps), DV_EINVAL);
	assert_int_equal(ballot_paper_enter(ctx, id, r1, "maybe", &ps), DV_EINVAL);
	/* an online receipt is no paper ballot: the counting team cannot cast it */
	const char *online;
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, c.t.dong_tac, c.hh[2]);
	assert_ok(ctx, ballot_cast(ctx, id, "no", &online));
	ctx->actor = a;
	assert_int_equal(ballot_paper_enter(ctx, id, online, "yes", &ps), DV_EINVAL);
	/* not the representative, not after the deadline */
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, c.t.dong_tac, c.hh[3]);
	assert_int_equal(ballot_paper_enter(ctx, id, r1, "yes", &ps), DV_EPERM);
	close_now(ctx, id, &m);
	assert_int_equal(m.result.cast, 2);
	assert_int_equal(m.result.yes, 1);
	assert_int_equal(m.result.no, 1);
	ctx->actor = a;
	assert_int_equal(ballot_paper_enter(ctx, id, r1, "abstain", &ps), DV_ECONFLICT);
	test_ctx_free(ctx);
}

static void a_household_votes_once_online_or_on_paper(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	size_t ns;
	const char *how;
	community_build(ctx, &c, 4);
	int64_t id = open_matter(ctx, &c, NULL, 0);
	print_slips(ctx, &c, id, 0, &ns);
	/* signed for a paper ballot: no online vote */
	sign_for(ctx, &c, id, 0, 1);
	assert_int_equal(vote(ctx, &c, 0, id, "yes"), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "paper"));
	assert_ok(ctx, ballot_mine(ctx, id, &how));
	assert_string_equal(how, "paper");
	/* voted online: no paper ballot */
	assert_ok(ctx, vote(ctx, &c, 1, id, "yes"));
	ctx->actor = c.head;
	assert_int_equal(ballot_hand(ctx, id, c.hh[1]), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "online"));
	/* one signature each; a household not on the roll; someone else */
	assert_int_equal(ballot_hand(ctx, id, c.hh[0]), DV_ECONFLICT);
	ctx->actor = &actor_system;
	int64_t late = test_household(ctx, c.t.dong_tac, "Số 99 Đông Tác", 1);
	ctx->actor = c.head;
	assert_int_equal(ballot_hand(ctx, id, late), DV_EINVAL);
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, c.t.dong_tac, c.hh[2]);
	assert_int_equal(ballot_hand(ctx, id, c.hh[2]), DV_EPERM);
	/* the roll says how each took part, and nothing else */
	struct roll_row *v;
	size_t n;
	ctx->actor = c.head;
	assert_ok(ctx, ballot_roll(ctx, id, NULL, 0, &v, &n));
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i].how, v[i].household_id == c.hh[0]   ? "paper"
					      : v[i].household_id == c.hh[1] ? "online"
									     : "");
	assert_ok(ctx, ballot_roll(ctx, id, "so 3", 0, &v, &n));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].household_id, c.hh[2]);
	struct paper_counts pc;
	assert_ok(ctx, ballot_paper_counts(ctx, id, &pc));
	assert_int_equal(pc.printed, 4);
	assert_int_equal(pc.handed, 1);
	assert_int_equal(pc.online, 1);
	assert_int_equal(pc.counted, 0);
	/* printing: the head only, at most one per household at a time, and
	 * by default one for each household left */
	const char **slips;
	assert_ok(ctx, ballot_print(ctx, id, 0, &slips, &ns));
	assert_int_equal(ns, 2);
	assert_int_equal(ballot_print(ctx, id, 5, &slips, &ns), DV_EINVAL);
	ctx->actor = test_actor(ctx, ROLE_FRONT, c.t.dong_tac, 0);
	assert_int_equal(ballot_print(ctx, id, 1, &slips, &ns), DV_EPERM);
	test_ctx_free(ctx);
}

static void paper_ballots_never_outnumber_signatures(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	size_t ns;
	enum paper_state ps;
	community_build(ctx, &c, 3);
	int64_t id = open_matter(ctx, &c, NULL, 0);
	const char **slips = print_slips(ctx, &c, id, 3, &ns);
	sign_for(ctx, &c, id, 0, 1);
	const struct actor *a = c.head, *b = test_actor(ctx, ROLE_FRONT, c.t.dong_tac, 0);
	for (int k = 0; k < 2; k++) {
		ctx->actor = a;
		assert_ok(ctx, ballot_paper_enter(ctx, id, slips[k], "yes", &ps));
		ctx->actor = b;
		int rc = ballot_paper_enter(ctx, id, slips[k], "yes", &ps);
		if (k == 0) {
			assert_ok(ctx, rc);
			assert_int_equal(ps, PAPER_COUNTED);
		} else {
			/* one signature, one paper ballot: a spare slip adds no vote */
			assert_int_equal(rc, DV_ECONFLICT);
		}
	}
	/* once a second household has signed, the second slip counts */
	sign_for(ctx, &c, id, 1, 2);
	ctx->actor = b;
	assert_ok(ctx, ballot_paper_enter(ctx, id, slips[1], "yes", &ps));
	assert_int_equal(ps, PAPER_COUNTED);
	struct matter m;
	assert_ok(ctx, matter_get(ctx, id, &m));
	assert_int_equal(m.cast, 2);
	test_ctx_free(ctx);
}

/* The receipts of the box in the order the engine stores them. */
static const char **stored_order(struct dv_ctx *ctx, int64_t id, size_t *n)
{
	struct db_stmt *st = NULL;
	const char **v = NULL;
	size_t cap = 0;
	*n = 0;
	assert_ok(ctx, db_query(ctx->db, &st, &ctx->err,
				strcmp(test_backend(), "postgres") == 0
					? "SELECT receipt FROM ballot_box WHERE matter_id = $1 "
					  "ORDER BY ctid"
					: "SELECT receipt FROM ballot_box WHERE matter_id = $1",
				DB_I(id)));
	while (db_step(st, &ctx->err) == DB_ROW)
		*ARENA_PUSH(ctx->arena, v, *n, cap) = arena_strdup(ctx->arena, db_col_text(st, 0));
	return v;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void nothing_kept_ties_a_household_to_its_receipt(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct community c;
	struct matter m;
	const char *cast[12];
	community_build(ctx, &c, 12);
	int64_t id = open_matter(ctx, &c, NULL, 0);
	for (int i = 0; i < 12; i++) {
		ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, c.t.dong_tac, c.hh[i]);
		assert_ok(ctx, ballot_cast(ctx, id, i % 3 ? "yes" : "no", &cast[i]));
	}
	/* the box names no household, account or time; the roll no receipt */
	static const char *const absent[] = {
		"SELECT household_id FROM ballot_box", "SELECT cast_by FROM ballot_box",
		"SELECT cast_at FROM ballot_box", "SELECT receipt FROM ballot_roll",
		"SELECT choice FROM ballot_roll"};
	for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		int64_t x;
		assert_true(db_int(ctx->db, &x, &ctx->err, absent[i]) < 0);
	}
	/* the audit records that each household voted, never its receipt */
	for (int i = 0; i < 12; i++) {
		int64_t found = 1;
		assert_ok(ctx, db_int(ctx->db, &found, &ctx->err,
				      "SELECT COUNT(*) FROM audit WHERE details LIKE $1",
				      DB_T(arena_printf(ctx->arena, "%%%s%%", cast[i]))));
		assert_int_equal(found, 0);
	}
	/* SQLite stores the box by receipt, whatever the order of casting */
	size_t n;
	const char **v, *sorted[12];
	memcpy(sorted, cast, sizeof(sorted));
	qsort(sorted, 12, sizeof(sorted[0]), by_text);
	if (strcmp(test_backend(), "sqlite") == 0) {
		v = stored_order(ctx, id, &n);
		assert_int_equal(n, 12);
		for (size_t i = 0; i < n; i++)
			assert_string_equal(v[i], sorted[i]);
	}
	/* closed, both engines hold it in receipt order: a dump or a copy of
	 * the files no longer lists ballots in the order they were cast */
	close_now(ctx, id, &m);
	assert_int_equal(m.result.no, 4);
	v = stored_order(ctx, id, &n);
	assert_int_equal(n, 12);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i], sorted[i]);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(forms_follow_article_17),
		cmocka_unit_test(more_than_half_means_more_than_half),
		cmocka_unit_test(rules_have_legal_defaults_and_limits),
		cmocka_unit_test(exactly_half_of_all_households_fails),
		cmocka_unit_test(one_more_than_half_passes),
		cmocka_unit_test(an_open_ballot_reaches_the_representatives),
		cmocka_unit_test(a_ballot_is_cast_once_by_its_own_household),
		cmocka_unit_test(the_tally_recounts_to_the_result),
		cmocka_unit_test(a_choice_passes_with_more_than_half_of_all),
		cmocka_unit_test(drafts_openings_and_online_agreement),
		cmocka_unit_test(lists_close_what_is_due),
		cmocka_unit_test(paper_ballots_count_when_two_entries_agree),
		cmocka_unit_test(a_household_votes_once_online_or_on_paper),
		cmocka_unit_test(paper_ballots_never_outnumber_signatures),
		cmocka_unit_test(nothing_kept_ties_a_household_to_its_receipt),
	};
	return test_run(tests);
}

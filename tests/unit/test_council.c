/*
 * The council (domain/awards/council.h): a quorum of two thirds reached
 * exactly and missed by one, more than half of those present to pass
 * (exactly half fails), every member present voting once, nobody under
 * discipline voted on; then the decision (decision.h): awards with signed
 * codes, forged and altered codes not found, revocation with its reason,
 * the notice, dossiers for a higher form, the public register.
 */
#include "testawards.h"

#include "base/token.h"
#include "domain/disclose/notice.h"

static void two_thirds_present_and_one_fewer(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int64_t nom, sess;
	int passed;
	assert_ok(ctx, propose(ctx, &s, "organization", s.front, NULL, "giay_khen_city",
			       "Thực hiện tốt quy chế dân chủ", &nom));
	/* 5 of 9: below two thirds; the session is kept, its votes refused */
	sess = session_with(ctx, &s, 5);
	struct council_session cs;
	assert_ok(ctx, council_session_get(ctx, sess, &cs));
	assert_false(cs.quorate);
	assert_int_equal(cs.members, 9);
	assert_int_equal(cs.nattendance, 9);
	assert_int_equal(vote(ctx, &s, sess, nom, 5, 5, &passed), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "2/3"));
	assert_non_null(strstr(ctx->err.msg, "Decree 98/2023"));
	assert_ok(ctx, council_session_close(ctx, sess));
	/* 6 of 9: exactly two thirds */
	sess = session_with(ctx, &s, 6);
	assert_ok(ctx, council_session_get(ctx, sess, &cs));
	assert_true(cs.quorate);
	/* exactly half of those present agreeing fails; one more passes */
	assert_ok(ctx, vote(ctx, &s, sess, nom, 6, 3, &passed));
	assert_false(passed);
	struct nomination n;
	assert_ok(ctx, nomination_get(ctx, nom, &n));
	assert_int_equal(n.status, NS_FAILED);
	assert_ok(ctx, vote(ctx, &s, sess, nom, 6, 4, &passed));
	assert_true(passed);
	assert_ok(ctx, nomination_get(ctx, nom, &n));
	assert_int_equal(n.status, NS_PASSED);
	assert_int_equal(n.yes, 4);
	assert_int_equal(n.present, 6);
	/* each member's vote is kept */
	struct council_ballot *b;
	size_t nb;
	assert_ok(ctx, council_votes(ctx, sess, nom, &b, &nb));
	assert_int_equal(nb, 6);
	assert_int_equal(b[3].vote, CV_YES);
	assert_int_equal(b[4].vote, CV_NO);
	test_ctx_free(ctx);
}

static void every_member_present_votes_once(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int64_t nom, sess;
	int passed;
	assert_ok(ctx, propose(ctx, &s, "organization", s.front, NULL, "giay_khen_city",
			       "Thực hiện tốt quy chế dân chủ", &nom));
	ctx->actor = s.ward;
	assert_int_equal(council_session_open(ctx, s.round, NULL, "Hội trường", s.members, 6, &sess),
			 DV_EPERM); /* the council's own */
	sess = session_with(ctx, &s, 7);
	assert_int_equal(vote(ctx, &s, sess, nom, 6, 6, &passed), DV_EINVAL); /* one missing */
	assert_string_equal(ctx->err.field, "votes");
	assert_int_equal(vote(ctx, &s, sess, nom, 8, 8, &passed), DV_EINVAL); /* one absent */
	const char *votes[] = {"yes", "yes", "yes", "yes", "yes", "yes", "maybe"};
	assert_int_equal(council_vote(ctx, sess, nom, s.members, votes, 7, &passed), DV_EINVAL);
	int64_t twice[] = {s.members[0], s.members[0], s.members[1], s.members[2], s.members[3],
			   s.members[4], s.members[5]};
	votes[6] = "yes";
	assert_int_equal(council_vote(ctx, sess, nom, twice, votes, 7, &passed), DV_EINVAL);
	/* a session opened twice at once, a member from nowhere */
	int64_t other;
	assert_int_equal(council_session_open(ctx, s.round, NULL, "x", s.members, 6, &other),
			 DV_ECONFLICT);
	assert_ok(ctx, council_session_close(ctx, sess));
	int64_t stranger = 987654;
	assert_int_equal(council_session_open(ctx, s.round, NULL, "x", &stranger, 1, &other),
			 DV_EINVAL);
	assert_int_equal(vote(ctx, &s, sess, nom, 7, 7, &passed), DV_ECONFLICT); /* closed */
	/* found under discipline after being proposed: not voted on */
	sess = session_with(ctx, &s, 9);
	ctx->actor = s.inspector;
	int64_t entry;
	struct restriction_input in = {.unit_id = s.t.city,
				       .subject = {.kind = "organization", .ref = s.front},
				       .reason = "inspection",
				       .from_on = day_from_now(ctx, 0)};
	assert_ok(ctx, restriction_add(ctx, &in, &entry));
	ctx->actor = s.council;
	assert_int_equal(vote(ctx, &s, sess, nom, 9, 9, &passed), DV_ECONFLICT);
	test_ctx_free(ctx);
}

/* A round with one collective and one person passed, one failed, one for a
 * higher form passed; the session closed. */
static void passed_round(struct dv_ctx *ctx, struct setting *s, int64_t nom[4])
{
	int passed;
	assert_ok(ctx, propose(ctx, s, "organization", s->womens_union, NULL, "giay_khen_city",
			       "Vận động hội viên hiến đất mở hẻm", &nom[0]));
	assert_ok(ctx, propose(ctx, s, "individual", 0, "Nguyễn Thị Ngọc Hân", "giay_khen_city",
			       "Hoàn thành xuất sắc công tác dân vận", &nom[1]));
	assert_ok(ctx, propose(ctx, s, "individual", 0, "Phạm Văn Lộc", "giay_khen_city",
			       "Tham gia hòa giải", &nom[2]));
	assert_ok(ctx, propose(ctx, s, "organization", s->front, NULL, "bang_khen_province",
			       "Mười năm thực hiện quy chế dân chủ", &nom[3]));
	int64_t sess = session_with(ctx, s, 8);
	assert_ok(ctx, vote(ctx, s, sess, nom[0], 8, 8, &passed));
	assert_ok(ctx, vote(ctx, s, sess, nom[1], 8, 5, &passed));
	assert_ok(ctx, vote(ctx, s, sess, nom[2], 8, 4, &passed)); /* half: fails */
	assert_ok(ctx, vote(ctx, s, sess, nom[3], 8, 7, &passed));
	ctx->actor = s->admin;
	struct decision_input d = {.round_id = s->round, .number = "125/QĐ-UBND",
				   .signed_on = day_from_now(ctx, 0),
				   .authority = "ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN",
				   .signer_title = "CHỦ TỊCH", .signer_name = "Nguyễn Văn Minh",
				   .place = "Dĩ An"};
	int64_t id;
	assert_int_equal(award_decide(ctx, &d, &id), DV_ECONFLICT); /* session still open */
	ctx->actor = s->council;
	assert_ok(ctx, council_session_close(ctx, sess));
}

static struct decision_input decision_of(struct dv_ctx *ctx, struct setting *s)
{
	return (struct decision_input){.round_id = s->round, .number = "125/QĐ-UBND",
				       .signed_on = day_from_now(ctx, 0),
				       .authority = "ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN",
				       .signer_title = "CHỦ TỊCH", .signer_name = "Nguyễn Văn Minh",
				       .place = "Dĩ An"};
}

static void a_decision_awards_with_signed_codes(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int64_t nom[4], id;
	passed_round(ctx, &s, nom);
	struct decision_input d = decision_of(ctx, &s);
	ctx->actor = s.ward;
	assert_int_equal(award_decide(ctx, &d, &id), DV_EPERM);
	ctx->actor = s.admin;
	d.signed_on = day_from_now(ctx, 1);
	assert_int_equal(award_decide(ctx, &d, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "signed_on");
	d.signed_on = day_from_now(ctx, 0);
	d.number = "";
	assert_int_equal(award_decide(ctx, &d, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "number");
	d.number = "125/QĐ-UBND";
	assert_ok(ctx, award_decide(ctx, &d, &id));
	assert_int_equal(award_decide(ctx, &d, &id), DV_ECONFLICT); /* once */
	struct award_decision dec;
	assert_ok(ctx, award_decision_get(ctx, id, &dec));
	assert_int_equal(dec.awards, 2);
	assert_int_equal(dec.forwarded, 1);
	struct nomination n;
	assert_ok(ctx, nomination_get(ctx, nom[3], &n));
	assert_int_equal(n.status, NS_FORWARDED);
	/* the decision is a public notice of the city */
	ctx->actor = &actor_anonymous;
	struct notice nt;
	assert_ok(ctx, notice_get(ctx, dec.notice_id, &nt));
	assert_int_equal(nt.unit_id, s.t.city);
	assert_non_null(strstr(nt.body, "Nguyễn Thị Ngọc Hân"));
	assert_null(strstr(nt.body, "Phạm Văn Lộc")); /* not passed, not named */
	/* the list: collectives first; every code verifies, exactly */
	struct award *v, a;
	size_t k;
	assert_ok(ctx, award_list(ctx, id, &v, &k));
	assert_int_equal(k, 2);
	assert_string_equal(v[0].subject.name, "Hội Liên hiệp Phụ nữ phường Tân Đông Hiệp");
	assert_string_equal(v[1].subject.name, "Nguyễn Thị Ngọc Hân");
	assert_int_equal(strlen(v[1].code), AWARD_CODE_LEN);
	assert_string_not_equal(v[0].code, v[1].code);
	assert_ok(ctx, award_verify(ctx, v[1].code, &a));
	assert_int_equal(a.id, v[1].id);
	assert_string_equal(a.decision.number, "125/QĐ-UBND");
	assert_int_equal(a.revoked_at, 0);
	/* one character altered, anywhere: not found */
	for (size_t i = 0; i < AWARD_CODE_LEN; i++) {
		if (v[1].code[i] == '-')
			continue;
		char *x = arena_strdup(ctx->arena, v[1].code);
		x[i] = x[i] == 'A' ? 'B' : 'A';
		assert_int_equal(award_verify(ctx, x, &a), DV_ENOTFOUND);
	}
	char *lower = arena_strdup(ctx->arena, v[1].code);
	for (char *p = lower; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	assert_int_equal(award_verify(ctx, lower, &a), DV_ENOTFOUND);
	assert_int_equal(award_verify(ctx, "", &a), DV_ENOTFOUND);
	assert_int_equal(award_verify(ctx, "0000-0000-0000-0000-0000-0000", &a), DV_ENOTFOUND);
	/* a row written by hand with a code of its own does not verify */
	assert_ok(ctx, db_run(ctx->db, &ctx->err, "UPDATE award SET code = $1 WHERE id = $2",
			      DB_T("ABCD-EFGH-JKMN-PQRS-TVWX-YZ23"), DB_I(v[0].id)));
	assert_int_equal(award_verify(ctx, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23", &a), DV_ENOTFOUND);
	/* the key is the deployment's, 32 random bytes, made once */
	int64_t keys;
	assert_ok(ctx, db_int(ctx->db, &keys, &ctx->err, "SELECT COUNT(*) FROM award_secret"));
	assert_int_equal(keys, 1);
	test_ctx_free(ctx);
}

static void revoked_with_a_reason(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int64_t nom[4], id;
	passed_round(ctx, &s, nom);
	struct decision_input d = decision_of(ctx, &s);
	ctx->actor = s.admin;
	assert_ok(ctx, award_decide(ctx, &d, &id));
	struct award *v, a;
	size_t k;
	assert_ok(ctx, award_list(ctx, id, &v, &k));
	ctx->actor = s.ward;
	assert_int_equal(award_revoke(ctx, v[1].id, "Khai man thành tích"), DV_EPERM);
	ctx->actor = s.admin;
	assert_int_equal(award_revoke(ctx, v[1].id, ""), DV_EINVAL);
	assert_string_equal(ctx->err.field, "reason");
	assert_ok(ctx, award_revoke(ctx, v[1].id, "Khai man thành tích"));
	assert_int_equal(award_revoke(ctx, v[1].id, "lần nữa"), DV_ECONFLICT);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, award_verify(ctx, v[1].code, &a));
	assert_true(a.revoked_at > 0);
	assert_string_equal(a.revoked_reason, "Khai man thành tích");
	int64_t audited;
	assert_ok(ctx, db_int(ctx->db, &audited, &ctx->err,
			      "SELECT COUNT(*) FROM audit WHERE action = 'award.revoke' AND "
			      "entity_id = $1",
			      DB_I(v[1].id)));
	assert_int_equal(audited, 1);
	/* the public register, searched without accents */
	struct award *found;
	int more;
	assert_ok(ctx, award_search(ctx, s.t.city, "ngoc han", 0, 20, &found, &k, &more));
	assert_int_equal(k, 1);
	assert_string_equal(found[0].decision.number, "125/QĐ-UBND");
	assert_ok(ctx, award_search(ctx, s.t.binh_an, NULL, 0, 20, &found, &k, &more));
	assert_int_equal(k, 2); /* a ward's page lists the city's decisions above it */
	assert_ok(ctx, award_search(ctx, s.t.other_province, NULL, 0, 20, &found, &k, &more));
	assert_int_equal(k, 0);
	struct award_decision *dv;
	assert_ok(ctx, award_decision_list(ctx, s.t.dong_tac, 10, &dv, &k));
	assert_int_equal(k, 1);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_thirds_present_and_one_fewer),
		cmocka_unit_test(every_member_present_votes_once),
		cmocka_unit_test(a_decision_awards_with_signed_codes),
		cmocka_unit_test(revoked_with_a_reason),
	};
	return test_run(tests);
}

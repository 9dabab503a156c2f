/*
 * Nominations (domain/awards/nomination.h) and the restricted register
 * (restriction.h): the refusals, each naming its rule, on both sides of
 * each boundary: the round's last day, the same achievement with the same
 * or another form, someone under discipline on the first and the last day
 * of the entry; who sees the register, and that looking at it is audited.
 */
#include "testawards.h"

#include "domain/works/work.h"

#include "domain/emulation/model.h"

static void rounds_are_opened_by_who_commends(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int64_t id;
	struct award_round_input in = {.unit_id = s.t.city, .name = "Khen thưởng",
				       .year = time_local_date(ctx->now) / 10000,
				       .closes_on = day_from_now(ctx, 0)};
	ctx->actor = s.ward;
	assert_int_equal(award_round_create(ctx, &in, &id), DV_EPERM);
	ctx->actor = s.admin;
	in.closes_on = day_from_now(ctx, -1);
	assert_int_equal(award_round_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "closes_on");
	in.closes_on = day_from_now(ctx, 0);
	in.year -= 2;
	assert_int_equal(award_round_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "year");
	in.year += 1; /* last year's achievements */
	in.unit_id = s.t.dong_tac;
	assert_int_equal(award_round_create(ctx, &in, &id), DV_EINVAL); /* a community proposes */
	in.unit_id = s.t.city;
	assert_ok(ctx, award_round_create(ctx, &in, &id));
	struct award_round r;
	assert_ok(ctx, award_round_get(ctx, id, &r));
	assert_true(r.open);
	assert_string_equal(r.unit_title, "Thành phố Dĩ An");
	assert_int_equal(r.level, AL_CITY);
	/* the ward below sees it to propose; the public does not */
	ctx->actor = s.ward;
	assert_ok(ctx, award_round_get(ctx, id, &r));
	ctx->actor = &actor_anonymous;
	assert_int_equal(award_round_get(ctx, id, &r), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void one_form_for_one_achievement(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int64_t a, b;
	assert_ok(ctx, propose(ctx, &s, "organization", s.womens_union, NULL, "giay_khen_city",
			       "Vận động 300 hộ hiến đất mở hẻm", &a));
	/* the same achievement, typed alike or not, with the same or another form */
	assert_int_equal(propose(ctx, &s, "organization", s.womens_union, NULL, "giay_khen_city",
				 "vận động 300 hộ HIẾN ĐẤT mở hẻm", &b),
			 DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "Law 06/2022/QH15, Art. 5"));
	assert_int_equal(propose(ctx, &s, "organization", s.womens_union, NULL,
				 "advanced_collective", "Vận động 300 hộ hiến đất mở hẻm", &b),
			 DV_ECONFLICT);
	/* another achievement of the same union is another matter */
	assert_ok(ctx, propose(ctx, &s, "organization", s.womens_union, NULL, "advanced_collective",
			       "Xây 12 mái ấm tình thương", &b));
	/* withdrawn, it no longer counts */
	ctx->actor = s.ward;
	assert_ok(ctx, nomination_withdraw(ctx, a));
	assert_ok(ctx, propose(ctx, &s, "organization", s.womens_union, NULL, "advanced_collective",
			       "Vận động 300 hộ hiến đất mở hẻm", &a));
	/* forms for the kind of subject, and at the round's level */
	assert_int_equal(propose(ctx, &s, "individual", 0, "Trần Thị Hoa", "advanced_collective",
				 "x", &b),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "form");
	assert_int_equal(propose(ctx, &s, "individual", 0, "Trần Thị Hoa", "giay_khen_ward", "x",
				 &b),
			 DV_EINVAL); /* a city round gives no ward certificate */
	assert_ok(ctx, propose(ctx, &s, "individual", 0, "Trần Thị Hoa", "bang_khen_province",
			       "Mười năm vận động quần chúng", &b));
	struct nomination n;
	assert_ok(ctx, nomination_get(ctx, b, &n));
	assert_true(n.forwarded_form); /* its dossier goes to the province */
	assert_string_equal(n.proposer, "Phường Tân Đông Hiệp");
	/* bad input at its field */
	assert_int_equal(propose(ctx, &s, "individual", 0, "", "giay_khen_city", "x", &b), DV_EINVAL);
	assert_string_equal(ctx->err.field, "name");
	assert_int_equal(propose(ctx, &s, "organization", 0, NULL, "giay_khen_city", "x", &b),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "ref");
	assert_int_equal(propose(ctx, &s, "organization", s.front, NULL, "giay_khen_city", "", &b),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "achievement");
	assert_int_equal(propose(ctx, &s, "organization", s.front, NULL, "medal", "x", &b),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "form");
	test_ctx_free(ctx);
}

static void achievements_cite_what_danvan_knows(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int64_t model = 0, id;
	struct model_input mi = {.unit_id = s.t.tdh, .field = "culture", .name = "Hẻm xanh",
				 .description = "x", .since = "01/01/2022", .runner = "Hội Phụ nữ"};
	ctx->actor = &actor_system;
	assert_ok(ctx, model_create(ctx, &mi, &model));
	ctx->actor = s.ward;
	struct nomination_input in = {.round_id = s.round, .unit_id = s.t.tdh,
				      .subject = {.kind = "organization", .ref = s.womens_union},
				      .form = "giay_khen_city", .achievement = "Mô hình Hẻm xanh",
				      .source = "model", .source_id = model};
	assert_int_equal(nomination_create(ctx, &in, &id), DV_EINVAL); /* not effective yet */
	assert_string_equal(ctx->err.field, "source_id");
	ctx->actor = &actor_system;
	assert_ok(ctx, model_evaluate(ctx, model, time_local_date(ctx->now) / 10000, "effective", "",
				      "Kiểm tra thực tế"));
	ctx->actor = s.ward;
	assert_ok(ctx, nomination_create(ctx, &in, &id));
	/* the same model cited again, whatever the words: the same achievement */
	in.achievement = "Hẻm xanh, sạch, đẹp";
	in.form = "advanced_collective";
	assert_int_equal(nomination_create(ctx, &in, &id), DV_ECONFLICT);
	/* a co-funded work (the works family): one completed, not one planned */
	in.source = "work";
	in.source_id = 999999;
	in.subject.ref = s.front;
	assert_int_equal(nomination_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "source_id");
	struct work_input wi = {.unit_id = s.t.dong_tac, .kind = "alley_concrete",
				.name = "Bê tông hóa hẻm 7", .place = "Hẻm 7", .estimate = "250.000.000"};
	int64_t work = 0;
	ctx->actor = &actor_system;
	assert_ok(ctx, work_create(ctx, &wi, &work));
	ctx->actor = s.ward;
	in.source_id = work;
	assert_int_equal(nomination_create(ctx, &in, &id), DV_EINVAL); /* planned only */
	/* completed, as its life would take it (domain/works/) */
	assert_ok(ctx, db_run(ctx->db, &ctx->err, "UPDATE work SET status = 'settled' WHERE id = $1",
			      DB_I(work)));
	assert_ok(ctx, nomination_create(ctx, &in, &id));
	struct nomination n;
	assert_ok(ctx, nomination_get(ctx, id, &n));
	assert_int_equal(n.source, SRC_WORK);
	assert_string_equal(n.source_label, "Bê tông hóa hẻm 7");
	in.source = "ledger";
	assert_int_equal(nomination_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "source");
	test_ctx_free(ctx);
}

static void nothing_after_the_round_closes(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int64_t id, now = ctx->now;
	ctx->now = now + 10 * 86400; /* the last day */
	assert_ok(ctx, propose(ctx, &s, "organization", s.front, NULL, "giay_khen_city",
			       "Hoàn thành xuất sắc", &id));
	ctx->now = now + 11 * 86400; /* the day after */
	assert_int_equal(propose(ctx, &s, "organization", s.womens_union, NULL, "giay_khen_city",
				 "Hoàn thành xuất sắc", &id),
			 DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "closed on"));
	test_ctx_free(ctx);
}

static void nobody_under_discipline_is_proposed(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int64_t entry, id;
	struct restriction_input in = {.unit_id = s.t.city,
				       .subject = {.kind = "individual", .name = "Lê Văn Tám",
						   .detail = "Công chức", .unit_id = s.t.tdh},
				       .reason = "discipline",
				       .from_on = day_from_now(ctx, 1),
				       .until_on = day_from_now(ctx, 5),
				       .note = "Quyết định kỷ luật khiển trách"};
	/* a ward officer keeps no such register, nor sees it */
	ctx->actor = s.ward;
	assert_int_equal(restriction_add(ctx, &in, &entry), DV_EPERM);
	struct restriction *v;
	size_t n;
	assert_int_equal(restriction_list(ctx, s.t.city, &v, &n), DV_EPERM);
	ctx->actor = s.admin; /* nor does a city administrator */
	assert_int_equal(restriction_list(ctx, s.t.city, &v, &n), DV_EPERM);
	ctx->actor = s.inspector;
	in.until_on = day_from_now(ctx, 0);
	assert_int_equal(restriction_add(ctx, &in, &entry), DV_EINVAL); /* ends before it begins */
	assert_string_equal(ctx->err.field, "until_on");
	in.until_on = day_from_now(ctx, 5);
	assert_ok(ctx, restriction_add(ctx, &in, &entry));
	/* the day before it begins: proposed; withdrawn to try again */
	assert_ok(ctx, propose(ctx, &s, "individual", 0, "Lê Văn Tám", "giay_khen_city",
			       "Vận động giải phóng mặt bằng", &id));
	ctx->actor = s.ward;
	assert_ok(ctx, nomination_withdraw(ctx, id));
	int64_t now = ctx->now;
	for (int d = 1; d <= 6; d++) {
		ctx->now = now + d * 86400;
		int rc = propose(ctx, &s, "individual", 0, "LÊ VĂN TÁM", "giay_khen_city",
				 "Vận động giải phóng mặt bằng", &id);
		if (d <= 5) { /* from its first to its last day: refused, naming the rule */
			assert_int_equal(rc, DV_ECONFLICT);
			assert_non_null(strstr(ctx->err.msg, "Decree 98/2023"));
			assert_null(strstr(ctx->err.msg, "khiển trách")); /* nothing more */
		} else {
			assert_ok(ctx, rc);
		}
	}
	ctx->actor = s.ward;
	assert_ok(ctx, nomination_withdraw(ctx, id));
	/* the council sees the register, and the look is in the audit */
	ctx->now = now;
	ctx->actor = s.council;
	assert_ok(ctx, restriction_list(ctx, s.t.city, &v, &n));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].subject.name, "Lê Văn Tám");
	int64_t looks;
	assert_ok(ctx, db_int(ctx->db, &looks, &ctx->err,
			      "SELECT COUNT(*) FROM audit WHERE action = 'restriction.view'"));
	assert_int_equal(looks, 1);
	/* lifted: proposed again at once */
	ctx->now = now + 2 * 86400;
	ctx->actor = s.inspector;
	assert_ok(ctx, restriction_lift(ctx, entry, NULL));
	assert_int_equal(restriction_lift(ctx, entry, NULL), DV_ECONFLICT);
	assert_ok(ctx, propose(ctx, &s, "individual", 0, "Lê Văn Tám", "giay_khen_city",
			       "Vận động giải phóng mặt bằng", &id));
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rounds_are_opened_by_who_commends),
		cmocka_unit_test(one_form_for_one_achievement),
		cmocka_unit_test(achievements_cite_what_danvan_knows),
		cmocka_unit_test(nothing_after_the_round_closes),
		cmocka_unit_test(nobody_under_discipline_is_proposed),
	};
	return test_run(tests);
}

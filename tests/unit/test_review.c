/*
 * The year-end review (domain/plans/review.h): one action builds the draft
 * from the modules (its figures equal the modules' own), the narrative is
 * kept when the draft is built again and the figures follow the data; the
 * commendation comes from the council's decision; made final, it is frozen
 * with a hash in the audit chain and refuses every change, and a change
 * made behind its back is caught; published, it is a notice and a news
 * article; its conference lists the certificates handed.
 */
#include "testawards.h"

#include "domain/disclose/article.h"
#include "domain/disclose/notice.h"
#include "domain/disclose/reach.h"
#include "domain/emulation/model.h"
#include "domain/plans/plan.h"
#include "domain/plans/review.h"
#include "domain/plans/task.h"

static int this_year(struct dv_ctx *ctx)
{
	return time_local_date(ctx->now) / 10000;
}

static int64_t add_model(struct dv_ctx *ctx, int64_t unit, int effective)
{
	int64_t m = 0;
	struct model_input in = {.unit_id = unit,
				 .field = "culture",
				 .name = "Tuyến hẻm văn minh",
				 .description = "Mô tả",
				 .since = "01/03/2021",
				 .runner = "Chi hội Phụ nữ",
				 .reached = "100"};
	const struct actor *was = ctx->actor;
	ctx->actor = &actor_system;
	assert_ok(ctx, model_create(ctx, &in, &m));
	if (effective)
		assert_ok(ctx, model_evaluate(ctx, m, this_year(ctx), "effective", "", "Kiểm tra"));
	ctx->actor = was;
	return m;
}

/* A decided round: the Women's Union and a person commended. */
static int64_t decide(struct dv_ctx *ctx, struct setting *s)
{
	int64_t nom[2], id = 0;
	int passed;
	assert_ok(ctx, propose(ctx, s, "organization", s->womens_union, NULL, "giay_khen_city",
			       "Có thành tích xuất sắc trong công tác dân vận", &nom[0]));
	assert_ok(ctx, propose(ctx, s, "individual", 0, "Nguyễn Thị Ngọc Hân", "giay_khen_city",
			       "Có thành tích trong thực hiện dân chủ ở cơ sở", &nom[1]));
	int64_t sess = session_with(ctx, s, 9);
	assert_ok(ctx, vote(ctx, s, sess, nom[0], 9, 9, &passed));
	assert_ok(ctx, vote(ctx, s, sess, nom[1], 9, 8, &passed));
	assert_ok(ctx, council_session_close(ctx, sess));
	ctx->actor = s->admin;
	struct decision_input d = {.round_id = s->round, .number = "125/QĐ-UBND",
				   .signed_on = day_from_now(ctx, 0),
				   .authority = "ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN",
				   .signer_title = "CHỦ TỊCH", .signer_name = "Nguyễn Văn Minh",
				   .place = "Dĩ An"};
	assert_ok(ctx, award_decide(ctx, &d, &id));
	return id;
}

static void the_draft_is_built_from_the_modules(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int y = this_year(ctx);
	add_model(ctx, s.t.dong_tac, 1);
	add_model(ctx, s.t.tdh, 0);
	add_model(ctx, s.t.noi_hoa, 1);
	int64_t decision = decide(ctx, &s);
	/* a notice of the ward that reached one household of three */
	int64_t h[3], notice = 0, cat = 0;
	size_t recorded;
	for (int i = 0; i < 3; i++)
		h[i] = test_household(ctx, s.t.dong_tac, arena_printf(ctx->arena, "%d Đông Tác", i), 2);
	ctx->actor = &actor_system;
	assert_ok(ctx, db_int(ctx->db, &cat, &ctx->err,
			      "SELECT id FROM notice_category WHERE code = 'plan'"));
	struct notice_input ni = {.unit_id = s.t.tdh, .category_id = cat, .title = "Kế hoạch",
				  .body = "Nội dung"};
	assert_ok(ctx, notice_create(ctx, &ni, &notice));
	assert_ok(ctx, notice_publish(ctx, notice));
	assert_ok(ctx, reach_record(ctx, notice, h, 1, REACH_PAPER, NULL, &recorded));

	/* one action: a ward officer may not build the city's */
	int64_t id = 0;
	ctx->actor = s.ward;
	assert_int_equal(review_build(ctx, s.t.city, y, &id), DV_EPERM);
	assert_int_equal(review_build(ctx, s.t.tdh, y + 1, &id), DV_EINVAL);
	ctx->actor = s.admin;
	assert_ok(ctx, review_build(ctx, s.t.city, y, &id));
	struct review_doc d;
	assert_ok(ctx, review_doc(ctx, id, &d));
	assert_int_equal(d.r.status, RS_DRAFT);
	assert_string_equal(d.r.authority, "BAN DÂN VẬN THÀNH ỦY DĨ AN");
	/* the city and its two wards */
	assert_int_equal(d.nunits, 3);
	size_t tdh = d.units[1].id == s.t.tdh ? 1 : 2;
	/* the figures equal the modules' own */
	struct model_figures by[FIELD_COUNT], total = {0};
	memset(by, 0, sizeof(by));
	assert_ok(ctx, model_figures(ctx, s.t.city, y, by, &total));
	assert_int_equal(review_fig(&d, 0, y, FIG_MODELS), total.registered);
	assert_int_equal(review_fig(&d, 0, y, FIG_MODELS), 3);
	assert_int_equal(review_fig(&d, 0, y, FIG_EFFECTIVE), 2);
	assert_int_equal(review_fig(&d, tdh, y, FIG_MODELS), 2);
	struct reach_figures rf;
	assert_ok(ctx, reach_figures(ctx, s.t.city, y * 10000 + 101, y * 10000 + 1231, &rf));
	assert_int_equal(review_fig(&d, 0, y, FIG_REACHED), rf.reached);
	assert_int_equal(review_fig(&d, 0, y, FIG_REACHED), 1);
	assert_int_equal(review_fig(&d, 0, y, FIG_HOUSEHOLDS), 3);
	assert_int_equal(review_fig(&d, 0, y, FIG_NOTICES), rf.notices);
	assert_int_equal(rf.notices, 2); /* and the decision's own */
	assert_int_equal(review_fig(&d, 0, y, FIG_AWARDS), 2);
	assert_int_equal(review_fig(&d, 0, y - 1, FIG_MODELS), 0);
	/* the commendation, from the decision */
	size_t n;
	const struct review_line *l = review_lines_of(&d, RL_DECISION, &n);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].ref, decision);
	assert_non_null(strstr(l[0].label, "125/QĐ-UBND"));
	l = review_lines_of(&d, RL_AWARD, &n);
	assert_int_equal(n, 2);
	assert_string_equal(l[0].grp, "collective");
	assert_string_equal(l[1].grp, "individual");
	assert_non_null(strstr(l[1].label, "Nguyễn Thị Ngọc Hân"));

	/* the narrative is the officers'; building again keeps it and reads
	 * the figures afresh */
	struct review_input in = {.signer_name = "Trần Văn Bình"};
	in.parts[RP_SHORTFALLS] = "Một số mô hình chưa được nhân rộng.";
	assert_ok(ctx, review_update(ctx, id, &in));
	add_model(ctx, s.t.tdh, 1);
	int64_t again = 0;
	assert_ok(ctx, review_build(ctx, s.t.city, y, &again));
	assert_int_equal(again, id);
	assert_ok(ctx, review_doc(ctx, id, &d));
	assert_int_equal(review_fig(&d, 0, y, FIG_MODELS), 4);
	assert_string_equal(d.r.parts[RP_SHORTFALLS], "Một số mô hình chưa được nhân rộng.");
	assert_string_equal(d.r.signer_name, "Trần Văn Bình");
	/* a draft is its officers' */
	struct review r;
	ctx->actor = &actor_anonymous;
	assert_int_equal(review_get(ctx, id, &r), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void a_final_review_is_frozen(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct setting s;
	setting_build(ctx, &s);
	int y = this_year(ctx);
	add_model(ctx, s.t.dong_tac, 1);
	decide(ctx, &s);
	/* next year's plan, drafted: its directions and tasks */
	ctx->actor = s.admin;
	int64_t next = 0, *ids, id = 0;
	size_t n;
	assert_ok(ctx, plan_create(ctx,
				   &(struct plan_input){.unit_id = s.t.city,
							.year = y + 1,
							.kind = "mobilization",
							.title = "Kế hoạch năm sau",
							.directions = "Sơ kết giữa nhiệm kỳ."},
				   &next));
	int64_t wards[] = {s.t.tdh};
	assert_ok(ctx, task_create(ctx,
				   &(struct task_input){.plan_id = next,
							.title = "Nhân rộng mô hình Dân vận khéo",
							.units = wards,
							.nunits = 1,
							.due_on = arena_printf(ctx->arena, "30/06/%d", y + 1)},
				   &ids, &n));
	assert_ok(ctx, review_build(ctx, s.t.city, y, &id));
	struct review_doc d;
	assert_ok(ctx, review_doc(ctx, id, &d));
	const struct review_line *l = review_lines_of(&d, RL_DIRECTION, &n);
	assert_int_equal(n, 1);
	assert_string_equal(l[0].detail, "Sơ kết giữa nhiệm kỳ.");
	l = review_lines_of(&d, RL_TASK, &n);
	assert_int_equal(n, 1);
	assert_string_equal(l[0].label, "Nhân rộng mô hình Dân vận khéo");

	/* not published before it is final */
	assert_int_equal(review_publish(ctx, id, "/x.pdf"), DV_ECONFLICT);
	assert_ok(ctx, review_finalize(ctx, id, NULL));
	struct review r;
	assert_ok(ctx, review_get(ctx, id, &r));
	assert_int_equal(r.status, RS_FINAL);
	assert_int_equal(strlen(r.hash), HASH_HEX_LEN);
	/* in the audit chain */
	int64_t audited = 0;
	assert_ok(ctx, db_int(ctx->db, &audited, &ctx->err,
			      "SELECT COUNT(*) FROM audit WHERE action = 'review.final' AND entity_id "
			      "= $1 AND details LIKE $2",
			      DB_I(id), DB_T(arena_printf(ctx->arena, "%%%s%%", r.hash))));
	assert_int_equal(audited, 1);
	/* nothing changes any more: the text, the figures, the day */
	struct review_input in = {0};
	in.parts[RP_OPENING] = "Sửa lại";
	assert_int_equal(review_update(ctx, id, &in), DV_ECONFLICT);
	add_model(ctx, s.t.tdh, 1);
	assert_int_equal(review_build(ctx, s.t.city, y, &id), DV_ECONFLICT);
	assert_int_equal(review_finalize(ctx, id, NULL), DV_ECONFLICT);
	char hash[HASH_HEX_LEN + 1];
	int intact = 0;
	assert_ok(ctx, review_verify(ctx, id, hash, &intact));
	assert_true(intact);
	assert_string_equal(hash, r.hash);
	/* public once final */
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, review_get(ctx, id, &r));
	/* published: a notice and an article linking the PDF */
	ctx->actor = s.ward;
	assert_int_equal(review_publish(ctx, id, "/reviews/1/review.pdf"), DV_EPERM);
	ctx->actor = s.admin;
	assert_ok(ctx, review_publish(ctx, id, "/reviews/1/review.pdf"));
	assert_int_equal(review_publish(ctx, id, "/reviews/1/review.pdf"), DV_ECONFLICT);
	assert_ok(ctx, review_get(ctx, id, &r));
	assert_int_equal(r.status, RS_PUBLISHED);
	struct notice no;
	struct article ar;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, notice_get(ctx, r.notice_id, &no));
	assert_int_equal(no.status, NOTICE_PUBLISHED);
	assert_non_null(strstr(no.body, "/reviews/1/review.pdf"));
	assert_non_null(strstr(no.body, r.hash));
	assert_ok(ctx, article_get(ctx, r.article_id, &ar));
	assert_true(ar.published);
	/* the conference hands the certificates the review lists */
	ctx->actor = s.admin;
	assert_ok(ctx, review_doc(ctx, id, &d));
	l = review_lines_of(&d, RL_AWARD, &n);
	assert_int_equal(n, 2);
	int64_t handed[] = {l[0].ref, l[1].ref}, stray[] = {l[0].ref + 1000};
	struct conference_input ci = {.held_on = day_from_now(ctx, 0), .starts = "08:00",
				      .place = "Hội trường Thành ủy",
				      .participants = "Thường trực Thành ủy; Ban Dân vận các phường",
				      .agenda = "Báo cáo tổng kết; trao Giấy khen",
				      .awards = stray, .nawards = 1};
	assert_int_equal(review_conference_set(ctx, id, &ci), DV_EINVAL);
	assert_string_equal(ctx->err.field, "awards");
	ci.starts = "25:00";
	ci.awards = handed;
	ci.nawards = 2;
	assert_int_equal(review_conference_set(ctx, id, &ci), DV_EINVAL);
	assert_string_equal(ctx->err.field, "starts");
	ci.starts = "08:00";
	assert_ok(ctx, review_conference_set(ctx, id, &ci));
	struct review_conference c;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, review_conference_get(ctx, id, &c));
	assert_int_equal(c.nawards, 2);
	assert_string_equal(c.place, "Hội trường Thành ủy");
	/* the conference is no part of the frozen report */
	assert_ok(ctx, review_verify(ctx, id, hash, &intact));
	assert_true(intact);
	/* a change behind its back (the database edited by hand) is caught */
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "UPDATE review_figure SET value = value + 1 WHERE review_id = $1 AND "
			      "key = 'models' AND year = $2 AND unit_id = $3",
			      DB_I(id), DB_I(y), DB_I(s.t.city)));
	assert_ok(ctx, review_verify(ctx, id, hash, &intact));
	assert_false(intact);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_draft_is_built_from_the_modules),
		cmocka_unit_test(a_final_review_is_frozen),
	};
	return test_run(tests);
}

/*
 * Citizen reports (domain/reports): filing with every refusal writing
 * nothing, routing by the nearest rule, deadlines in working days, the
 * steps of officers and reporters with their boundaries, "tôi cũng gặp",
 * throttling of anonymous reports, private categories that are "not found"
 * for all but the police, the ward and the reporter, redaction of text and
 * photos, Open311 app keys and the statistics. Both engines.
 */
#include "testlib.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/media.h"
#include "domain/disclose/attachment.h"
#include "domain/identity/account.h"
#include "domain/perm.h"
#include "domain/reports/category.h"
#include "domain/reports/report.h"
#include "domain/reports/report_app.h"
#include "domain/reports/report_stats.h"
#include "domain/reports/routing.h"
#include "domain/rules.h"

/* Friday 6 March 2026, 10:00 in Vietnam */
#define FRIDAY 20260306
static int64_t at(int32_t ymd, int hour)
{
	return time_local_midnight(ymd) + hour * 3600;
}

struct place {
	struct test_tree t;
	int64_t hh, hh2, far_hh;
	int64_t pothole, streetlight, security, flooding;
	int64_t urban, police, citybody;
	const struct actor *officer, *admin, *resident, *neighbor, *police_officer, *other_officer,
		*head;
};

/* An actor with a real account (reports and officers point at accounts). */
static const struct actor *person(struct dv_ctx *ctx, const char *login, int role, int64_t unit,
				  int64_t hh)
{
	const struct actor *was = ctx->actor;
	int64_t id = 0;
	ctx->actor = &actor_system;
	assert_ok(ctx, account_create(ctx, login, login, "mat-khau-dai-1", hh, &id));
	ctx->actor = was;
	struct actor *a = arena_new(ctx->arena, struct actor);
	*a = *test_actor(ctx, role, unit, hh);
	a->account_id = id;
	a->display_name = login;
	return a;
}

static int64_t category(struct dv_ctx *ctx, const char *code)
{
	struct report_category c;
	assert_ok(ctx, report_category_find(ctx, code, &c));
	return c.id;
}

static void place_build(struct dv_ctx *ctx, struct place *p)
{
	test_tree_build(ctx, &p->t);
	ctx->now = at(FRIDAY, 10);
	p->hh = test_household(ctx, p->t.dong_tac, "Số 1 Đông Tác", 2);
	p->hh2 = test_household(ctx, p->t.dong_tac, "Số 2 Đông Tác", 2);
	p->far_hh = test_household(ctx, p->t.noi_hoa, "Số 9 Nội Hóa", 1);
	p->pothole = category(ctx, "pothole");
	p->streetlight = category(ctx, "streetlight");
	p->security = category(ctx, "security");
	p->flooding = category(ctx, "flooding");
	p->officer = person(ctx, "ward@t", ROLE_WARD_OFFICER, p->t.tdh, 0);
	p->admin = person(ctx, "admin@t", ROLE_CITY_ADMIN, p->t.city, 0);
	p->resident = person(ctx, "res@t", ROLE_REPRESENTATIVE, p->t.dong_tac, p->hh);
	p->neighbor = person(ctx, "neighbor@t", ROLE_REPRESENTATIVE, p->t.dong_tac, p->hh2);
	p->police_officer = person(ctx, "police@t", ROLE_RESIDENT, p->t.tdh, 0);
	p->other_officer = person(ctx, "wardba@t", ROLE_WARD_OFFICER, p->t.binh_an, 0);
	p->head = person(ctx, "head@t", ROLE_HEAD, p->t.dong_tac, 0);
	ctx->actor = p->admin;
	assert_ok(ctx,
		  report_body_create(ctx, p->t.tdh, "urban", "Đội trật tự đô thị TĐH", &p->urban));
	assert_ok(ctx,
		  report_body_create(ctx, p->t.tdh, "police", "Công an phường TĐH", &p->police));
	assert_ok(ctx, report_body_create(ctx, p->t.city, "power", "Điện lực Dĩ An", &p->citybody));
	assert_ok(ctx, report_body_officer_add(ctx, p->police, "police@t"));
	assert_ok(ctx, report_rule_set(ctx, p->pothole, p->t.city, p->citybody));
	assert_ok(ctx, report_rule_set(ctx, p->pothole, p->t.tdh, p->urban));
	assert_ok(ctx, report_rule_set(ctx, p->security, p->t.tdh, p->police));
	assert_ok(ctx, report_rule_set(ctx, p->streetlight, p->t.city, p->citybody));
	ctx->actor = &actor_anonymous;
}

static struct report_input input(const struct place *p, int64_t cat, int64_t unit)
{
	return (struct report_input){.category_id = cat,
				     .unit_id = unit,
				     .address = "Hẻm 15, đường Đông Tác",
				     .description = "Ổ gà lớn giữa hẻm, xe máy dễ té.",
				     .source = SRC_WEB,
				     .ip = "192.0.2.1"};
	(void)p;
}

static int64_t file(struct dv_ctx *ctx, const struct actor *who, struct report_input in)
{
	const struct actor *was = ctx->actor;
	int64_t id = 0;
	ctx->actor = who;
	assert_ok(ctx, report_create(ctx, &in, &id, NULL));
	ctx->actor = was;
	return id;
}

static int64_t count(struct dv_ctx *ctx, const char *sql)
{
	int64_t n = -1;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, sql));
	return n;
}

/* ----------------------------------------------------------------- filing */

static void a_report_is_filed_anonymously_and_routed(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	struct report_input in = input(&p, p.pothole, p.t.dong_tac);
	in.phone = "0912 345 678";
	in.lat = "10.9061";
	in.lon = "106.7706";
	int64_t id = 0;
	const char *token = NULL;
	assert_ok(ctx, report_create(ctx, &in, &id, &token));
	assert_non_null(token);
	assert_true(strlen(token) >= 20);
	struct report r;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_int_equal(r.status, RS_SUBMITTED);
	assert_int_equal(r.ward_id, p.t.tdh);
	assert_int_equal(r.unit_id, p.t.dong_tac);
	/* the ward's rule beats the city's */
	assert_int_equal(r.body_id, p.urban);
	assert_true(r.has_position);
	assert_int_equal(r.lat_e6, 10906100);
	assert_int_equal(r.lon_e6, 106770600);
	/* a Friday's report: acknowledged by Monday, resolved ten working days on */
	assert_int_equal(r.ack_due, 20260309);
	assert_int_equal(r.resolve_due, 20260320);
	/* the phone and the reporter are not the public's */
	assert_string_equal(r.contact_phone, "");
	assert_false(r.may_handle);
	int64_t found = 0;
	assert_ok(ctx, report_by_token(ctx, token, &found));
	assert_int_equal(found, id);
	ctx->actor = p.officer;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_true(r.may_handle);
	assert_string_equal(r.contact_phone, "0912345678");
	/* a report in Bình An follows the city's rule; one no rule covers goes
	 * to the ward itself */
	int64_t far = file(ctx, &actor_anonymous, input(&p, p.pothole, p.t.noi_hoa));
	int64_t none = file(ctx, &actor_anonymous, input(&p, p.flooding, p.t.dong_tac));
	assert_ok(ctx, report_get(ctx, far, &r));
	assert_int_equal(r.body_id, p.citybody);
	assert_ok(ctx, report_get(ctx, none, &r));
	assert_int_equal(r.body_id, 0);
	/* the history starts with the report; the audit keeps no phone */
	struct report_event *ev;
	size_t n;
	assert_ok(ctx, report_events(ctx, &r, &ev, &n));
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].kind, RE_SUBMITTED);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM audit WHERE action = 'report.create' AND "
				    "details LIKE '%0912%'"),
			 0);
	test_ctx_free(ctx);
}

static void bad_input_is_refused_and_writes_nothing(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	struct {
		const char *what, *field;
		struct report_input in;
	} cases[16];
	int k = 0;
	struct report_input base = input(&p, p.pothole, p.t.dong_tac);
#define CASE(w, f, mod)                                                                            \
	do {                                                                                       \
		cases[k].what = (w);                                                               \
		cases[k].field = (f);                                                              \
		cases[k].in = base;                                                                \
		struct report_input *x = &cases[k].in;                                             \
		mod;                                                                               \
		k++;                                                                               \
	} while (0)
	CASE("no category", "category", x->category_id = 0);
	CASE("the ward, not a community", "unit", x->unit_id = p.t.tdh);
	CASE("no unit", "unit", x->unit_id = 0);
	CASE("no description", "description", x->description = "   ");
	CASE("neither address nor position", "address", x->address = "");
	CASE("latitude without longitude", "long", x->lat = "10.9");
	CASE("latitude and longitude swapped", "lat", (x->lat = "106.77", x->lon = "10.90"));
	CASE("a latitude that is no number", "lat", (x->lat = "10,9", x->lon = "106.7"));
	CASE("a description past 2000 characters", "description", ({
		     char *s = arena_alloc(ctx->arena, 2002);
		     memset(s, 'a', 2001);
		     s[2001] = 0;
		     x->description = s;
	     }));
	CASE("an answer to no question", "attribute[pole]", ({
		     static const struct report_answer a[] = {{"pole", "A12"}};
		     x->answers = a;
		     x->nanswers = 1;
	     }));
	CASE("a bad phone", "phone", x->phone = "12ab");
	CASE("a media address that is no URL", "media_url", x->media_url = "javascript:alert(1)");
	CASE("a list answer that is not in the list", "attribute[depth]", ({
		     static const struct report_answer a[] = {{"depth", "waist"}};
		     x->category_id = p.flooding;
		     x->answers = a;
		     x->nanswers = 1;
	     }));
	for (int i = 0; i < k; i++) {
		int64_t id = 0;
		int rc = report_create(ctx, &cases[i].in, &id, NULL);
		if (rc != DV_EINVAL || !ctx->err.field || strcmp(ctx->err.field, cases[i].field))
			fail_msg("%s: rc %d, field %s (%s)", cases[i].what, rc,
				 ctx->err.field ? ctx->err.field : "none", ctx->err.msg);
	}
	/* photos: a PDF is no photo; six is one too many */
	static const char pdf[] = "%PDF-1.4\n%%EOF\n";
	struct report_photo_in doc = {"bien-ban.pdf", pdf, sizeof(pdf) - 1};
	struct report_input in = base;
	in.photos = &doc;
	in.nphotos = 1;
	assert_int_equal(report_create(ctx, &in, NULL, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "photos");
	unsigned char *jpg;
	size_t len;
	assert_ok(ctx, media_sample_jpeg(1, 64, 48, &jpg, &len, &ctx->err));
	struct report_photo_in six[6];
	for (int i = 0; i < 6; i++)
		six[i] = (struct report_photo_in){"anh.jpg", jpg, len};
	in.photos = six;
	in.nphotos = 6;
	assert_int_equal(report_create(ctx, &in, NULL, NULL), DV_EINVAL);
	/* a good photo next to a bad one: nothing at all */
	six[1] = doc;
	in.nphotos = 2;
	assert_int_equal(report_create(ctx, &in, NULL, NULL), DV_EINVAL);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM report"), 0);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM report_file"), 0);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM report_attempt"), 0);
	/* five good ones are taken, without their metadata */
	for (int i = 0; i < 5; i++)
		six[i] = (struct report_photo_in){"anh.jpg", jpg, len};
	in.nphotos = 5;
	int64_t id;
	assert_ok(ctx, report_create(ctx, &in, &id, NULL));
	struct report r;
	struct report_photo *ph;
	size_t n;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_ok(ctx, report_photos(ctx, &r, &ph, &n));
	assert_int_equal(n, 5);
	assert_true(ph[0].has_thumb);
	free(jpg);
	test_ctx_free(ctx);
}

static void a_required_question_must_be_answered(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	ctx->actor = p.officer;
	struct report_category_input ci = {
		.code = "tree_down",
		.name_vi = "Cây ngã",
		.name_en = "Fallen tree",
		.ack_days = "0",
		.resolve_days = "2",
		.active = 1,
		.questions = "size | singlevaluelist | required | Cây lớn cỡ nào | "
			     "small=Nhỏ; big=Lớn\nwhere | string | optional | Chắn lối nào"};
	int64_t cat = 0;
	/* a ward officer does not edit categories */
	assert_int_equal(report_category_create(ctx, &ci, &cat), DV_EPERM);
	ctx->actor = p.admin;
	assert_ok(ctx, report_category_create(ctx, &ci, &cat));
	ci.code = "tree_down";
	assert_int_equal(report_category_create(ctx, &ci, NULL), DV_ECONFLICT);
	ci.code = "Cây";
	assert_int_equal(report_category_create(ctx, &ci, NULL), DV_EINVAL);
	ci.code = "x2";
	ci.questions = "size | list | required | ?";
	assert_int_equal(report_category_create(ctx, &ci, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "questions");
	ci.questions = "a | singlevaluelist | required | Hỏi";
	assert_int_equal(report_category_create(ctx, &ci, NULL), DV_EINVAL);
	ci.questions = NULL;
	ci.ack_days = "3";
	ci.resolve_days = "2";
	assert_int_equal(report_category_create(ctx, &ci, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "resolve_days");
	struct report_category c;
	assert_ok(ctx, report_category_get(ctx, cat, &c));
	assert_int_equal(c.nquestions, 2);
	assert_int_equal(c.questions[0].nchoices, 2);
	assert_string_equal(c.questions[0].choices[1].name, "Lớn");
	assert_string_equal(
		report_questions_text(ctx, &c),
		"size | singlevaluelist | required | Cây lớn cỡ nào | small=Nhỏ; big=Lớn\n"
		"where | string | optional | Chắn lối nào");
	ctx->actor = &actor_anonymous;
	struct report_input in = input(&p, cat, p.t.dong_tac);
	assert_int_equal(report_create(ctx, &in, NULL, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "attribute[size]");
	static const struct report_answer a[] = {{"size", "big"}};
	in.answers = a;
	in.nanswers = 1;
	int64_t id;
	assert_ok(ctx, report_create(ctx, &in, &id, NULL));
	struct report r;
	struct report_answer *v;
	size_t n;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_ok(ctx, report_answers(ctx, &r, &v, &n));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].value, "big");
	/* 0 working days to acknowledge: the same day */
	assert_int_equal(r.ack_due, FRIDAY);
	test_ctx_free(ctx);
}

/* ------------------------------------------------------------------- steps */

static void officers_move_a_report_along_its_steps(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	int64_t id = file(ctx, p.resident, input(&p, p.pothole, p.t.dong_tac));
	struct report r;
	/* the reporter, a resident, another ward's officer may not */
	ctx->actor = p.resident;
	assert_int_equal(report_act(ctx, id, RA_ACKNOWLEDGE, NULL), DV_EPERM);
	ctx->actor = p.other_officer;
	assert_int_equal(report_act(ctx, id, RA_ACKNOWLEDGE, NULL), DV_EPERM);
	ctx->actor = p.police_officer; /* an officer of another body */
	assert_int_equal(report_act(ctx, id, RA_ACKNOWLEDGE, NULL), DV_EPERM);
	ctx->actor = p.officer;
	assert_int_equal(report_act(ctx, id, RA_RESOLVE, ""), DV_EINVAL);
	assert_string_equal(ctx->err.field, "note");
	assert_ok(ctx, report_act(ctx, id, RA_ACKNOWLEDGE, "Đã tiếp nhận"));
	assert_int_equal(report_act(ctx, id, RA_ACKNOWLEDGE, NULL), DV_ECONFLICT);
	assert_ok(ctx, report_act_text(ctx, id, "start", NULL));
	assert_int_equal(report_act_text(ctx, id, "finish", NULL), DV_EINVAL);
	/* the reporter cannot confirm what is not resolved */
	ctx->actor = p.resident;
	assert_int_equal(report_confirm(ctx, id), DV_ECONFLICT);
	assert_int_equal(report_rate(ctx, id, 4, ""), DV_ECONFLICT);
	/* resolved on Tuesday, within ten working days */
	ctx->actor = p.officer;
	ctx->now = at(20260310, 15);
	assert_ok(ctx, report_act(ctx, id, RA_RESOLVE, "Đã vá ổ gà bằng bê tông nhựa."));
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_int_equal(r.status, RS_RESOLVED);
	assert_int_equal(r.kept, 1);
	assert_int_equal(report_act(ctx, id, RA_REJECT, "x"), DV_ECONFLICT);
	/* the reporter rates it: 1 and 5 are stars, 0 and 6 are not */
	ctx->actor = p.resident;
	assert_int_equal(report_rate(ctx, id, 0, ""), DV_EINVAL);
	assert_int_equal(report_rate(ctx, id, 6, ""), DV_EINVAL);
	assert_ok(ctx, report_rate(ctx, id, 1, "Chưa phẳng"));
	assert_ok(ctx, report_rate(ctx, id, 5, "Tốt"));
	ctx->actor = p.neighbor;
	assert_int_equal(report_rate(ctx, id, 5, ""), DV_EPERM);
	assert_int_equal(report_confirm(ctx, id), DV_EPERM);
	ctx->actor = p.resident;
	assert_ok(ctx, report_confirm(ctx, id));
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_int_equal(r.status, RS_CLOSED);
	assert_int_equal(r.rating, 5);
	struct report_event *ev;
	size_t n;
	assert_ok(ctx, report_events(ctx, &r, &ev, &n));
	assert_int_equal(n,
			 7); /* reported, acknowledged, started, resolved, rated twice, confirmed */
	assert_string_equal(ev[3].note, "Đã vá ổ gà bằng bê tông nhựa.");
	test_ctx_free(ctx);
}

static void a_resolved_report_closes_and_reopens_by_the_rules(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	int64_t id = file(ctx, p.resident, input(&p, p.pothole, p.t.dong_tac));
	struct report r;
	ctx->actor = p.officer;
	int64_t resolved = at(20260320, 12); /* the last day: kept */
	ctx->now = resolved;
	assert_ok(ctx, report_act(ctx, id, RA_RESOLVE, "Đã vá."));
	/* 14 days later it reads closed; a second before, still resolved */
	ctx->actor = p.resident;
	ctx->now = resolved + 14 * 86400 - 1;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_int_equal(r.status, RS_RESOLVED);
	assert_true(r.may_confirm);
	ctx->now = resolved + 14 * 86400;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_int_equal(r.status, RS_CLOSED);
	assert_false(r.may_confirm);
	assert_int_equal(r.kept, 1);
	/* reopened within 30 days, with a reason */
	assert_int_equal(report_reopen(ctx, id, ""), DV_EINVAL);
	ctx->now = resolved + 30 * 86400 + 1;
	assert_int_equal(report_reopen(ctx, id, "Lại lún"), DV_ECONFLICT);
	ctx->now = resolved + 30 * 86400;
	ctx->actor = p.neighbor;
	assert_int_equal(report_reopen(ctx, id, "Lại lún"), DV_EPERM);
	ctx->actor = p.resident;
	assert_ok(ctx, report_reopen(ctx, id, "Mưa xong lại lún."));
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_int_equal(r.status, RS_REOPENED);
	assert_int_equal(r.reopened, 1);
	assert_int_equal(r.kept, -1);
	/* a new deadline from the day it was reopened */
	assert_int_equal(r.resolve_due, date_add_working_days(time_local_date(ctx->now), 10));
	/* the rule in force decides: a deployment that closes after 3 days */
	ctx->actor = &actor_system;
	assert_ok(ctx, rule_set(ctx, RULE_REPORT_CLOSE_DAYS, 3));
	assert_int_equal(rule_set(ctx, RULE_REPORT_CLOSE_DAYS, 40), DV_EINVAL);
	ctx->actor = p.officer;
	assert_ok(ctx, report_act(ctx, id, RA_RESOLVE, "Đã làm lại."));
	ctx->now += 3 * 86400;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_int_equal(r.status, RS_CLOSED);
	test_ctx_free(ctx);
}

static void overdue_reports_are_flagged_and_come_first(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	int64_t old = file(ctx, &actor_anonymous, input(&p, p.pothole, p.t.dong_tac));
	ctx->now = at(20260316, 9);
	int64_t fresh = file(ctx, &actor_anonymous, input(&p, p.pothole, p.t.dong_tac));
	struct report r;
	/* on the deadline's day: not overdue; the day after: overdue */
	ctx->now = at(20260320, 23);
	assert_ok(ctx, report_get(ctx, old, &r));
	assert_false(r.overdue);
	assert_true(r.ack_overdue);
	ctx->now = at(20260321, 0);
	assert_ok(ctx, report_get(ctx, old, &r));
	assert_true(r.overdue);
	/* the queue puts it first, then by "tôi cũng gặp" */
	ctx->actor = p.neighbor;
	int already = 0;
	assert_ok(ctx, report_support(ctx, fresh, &already));
	assert_false(already);
	assert_ok(ctx, report_support(ctx, fresh, &already));
	assert_true(already);
	ctx->actor = p.officer;
	struct report *v;
	size_t n;
	int more;
	struct report_filter f = {.unit_id = p.t.tdh, .state = REPORT_OPEN, .for_work = 1};
	assert_ok(ctx, report_list(ctx, &f, 0, 10, &v, &n, &more));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, old);
	assert_int_equal(v[1].supporters, 1);
	f.state = REPORT_OVERDUE;
	assert_ok(ctx, report_list(ctx, &f, 0, 10, &v, &n, &more));
	assert_int_equal(n, 1);
	test_ctx_free(ctx);
}

static void one_me_too_per_household_never_on_ones_own(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	int64_t id = file(ctx, p.resident, input(&p, p.pothole, p.t.dong_tac));
	ctx->actor = p.resident;
	assert_int_equal(report_support(ctx, id, NULL), DV_ECONFLICT);
	/* nor another member of the reporter's household */
	struct actor *kin = arena_new(ctx->arena, struct actor);
	*kin = *p.resident;
	kin->account_id = p.neighbor->account_id + 200;
	ctx->actor = kin;
	struct report rk;
	assert_ok(ctx, report_get(ctx, id, &rk));
	assert_false(rk.may_support);
	assert_int_equal(report_support(ctx, id, NULL), DV_ECONFLICT);
	ctx->actor = &actor_anonymous;
	assert_int_equal(report_support(ctx, id, NULL), DV_EPERM);
	ctx->actor = p.officer; /* an account without a household */
	assert_int_equal(report_support(ctx, id, NULL), DV_EPERM);
	ctx->actor = p.neighbor;
	assert_ok(ctx, report_support(ctx, id, NULL));
	/* another member of the same household counts as the same */
	struct actor *same = arena_new(ctx->arena, struct actor);
	*same = *p.neighbor;
	same->account_id = p.resident->account_id + 100;
	ctx->actor = same;
	int already = 0;
	assert_ok(ctx, report_support(ctx, id, &already));
	assert_true(already);
	struct report r;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_int_equal(r.supporters, 1);
	test_ctx_free(ctx);
}

static void anonymous_reports_are_throttled_per_address(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	struct report_input in = input(&p, p.pothole, p.t.dong_tac);
	for (int i = 0; i < REPORT_ANON_MAX; i++)
		assert_ok(ctx, report_create(ctx, &in, NULL, NULL));
	assert_int_equal(report_create(ctx, &in, NULL, NULL), DV_EBUSY);
	in.ip = "192.0.2.2";
	assert_ok(ctx, report_create(ctx, &in, NULL, NULL));
	/* an hour later the first address may again */
	in.ip = "192.0.2.1";
	ctx->now += REPORT_ANON_WINDOW;
	assert_ok(ctx, report_create(ctx, &in, NULL, NULL));
	/* an app with a key is not throttled */
	ctx->now -= REPORT_ANON_WINDOW;
	assert_int_equal(report_create(ctx, &in, NULL, NULL), DV_EBUSY);
	in.app_id = 1;
	in.source = SRC_OPEN311;
	assert_ok(ctx, report_create(ctx, &in, NULL, NULL));
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM report"), REPORT_ANON_MAX + 3);
	test_ctx_free(ctx);
}

/* ------------------------------------------------------------------ private */

static void a_private_report_is_not_found_but_by_police_ward_and_reporter(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	struct report_input in = input(&p, p.security, p.t.dong_tac);
	in.description = "Nhóm thanh niên tụ tập, nghi mua bán ma túy.";
	int64_t id = file(ctx, p.resident, in);
	int64_t pub = file(ctx, &actor_anonymous, input(&p, p.pothole, p.t.dong_tac));
	struct report r;
	struct db_stmt *st;
	assert_ok(ctx, db_query(ctx->db, &st, &ctx->err, "SELECT token FROM report WHERE id = $1",
				DB_I(id)));
	assert_int_equal(db_step(st, &ctx->err), DB_ROW);
	const char *token = arena_strdup(ctx->arena, db_col_text(st, 0));
	db_finish(st);
	const struct actor *blind[] = {&actor_anonymous, p.neighbor, p.admin, p.other_officer,
				       p.head};
	for (size_t i = 0; i < sizeof(blind) / sizeof(blind[0]); i++) {
		ctx->actor = blind[i];
		assert_int_equal(report_get(ctx, id, &r), DV_ENOTFOUND);
		assert_int_equal(report_act(ctx, id, RA_NOTE, "x"), DV_ENOTFOUND);
		assert_int_equal(report_support(ctx, id, NULL), DV_ENOTFOUND);
		struct report *v;
		size_t n;
		int more;
		struct report_filter f = {.unit_id = p.t.tdh, .state = REPORT_ANY};
		assert_ok(ctx, report_list(ctx, &f, 0, 50, &v, &n, &more));
		assert_int_equal(n, 1);
		assert_int_equal(v[0].id, pub);
		struct report_filter all = {.state = REPORT_ANY};
		assert_ok(ctx, report_list(ctx, &all, 0, 50, &v, &n, &more));
		assert_int_equal(n, 1);
		struct report_stats *s;
		assert_ok(ctx, report_stats(ctx, p.t.tdh, 0, 0, &s, &n));
		assert_int_equal(s[n - 1].received, 1);
		int64_t tid;
		assert_int_equal(report_by_token(ctx, token, &tid), DV_ENOTFOUND);
	}
	/* the police it is routed to, the ward's officer, the reporter */
	ctx->actor = p.police_officer;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_true(r.may_handle);
	assert_ok(ctx, report_act(ctx, id, RA_ACKNOWLEDGE, NULL));
	struct report *v;
	size_t n;
	int more;
	struct report_filter q = {.body_id = p.police, .state = REPORT_OPEN};
	assert_ok(ctx, report_list(ctx, &q, 0, 50, &v, &n, &more));
	assert_int_equal(n, 1);
	ctx->actor = p.officer;
	assert_ok(ctx, report_get(ctx, id, &r));
	struct report_filter f = {.unit_id = p.t.tdh, .state = REPORT_ANY};
	assert_ok(ctx, report_list(ctx, &f, 0, 50, &v, &n, &more));
	assert_int_equal(n, 2);
	struct report_stats *s;
	assert_ok(ctx, report_stats(ctx, p.t.tdh, 0, 0, &s, &n));
	assert_int_equal(s[n - 1].received, 2);
	ctx->actor = p.resident;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_true(r.mine);
	struct report_filter mine = {.mine = 1, .state = REPORT_ANY};
	assert_ok(ctx, report_list(ctx, &mine, 0, 50, &v, &n, &more));
	assert_int_equal(n, 1);
	/* a category made private later hides its reports at once */
	ctx->actor = p.admin;
	struct report_category c;
	assert_ok(ctx, report_category_get(ctx, p.pothole, &c));
	struct report_category_input ci = {.code = c.code,
					   .name_vi = c.name_vi,
					   .name_en = c.name_en,
					   .is_private = 1,
					   .ack_days = "1",
					   .resolve_days = "10",
					   .active = 1};
	assert_ok(ctx, report_category_update(ctx, p.pothole, &ci));
	ctx->actor = &actor_anonymous;
	assert_int_equal(report_get(ctx, pub, &r), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

/* ---------------------------------------------------------------- redacting */

static void redaction_keeps_the_original_for_the_handlers_only(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	unsigned char *jpg;
	size_t len;
	assert_ok(ctx, media_sample_jpeg(7, 200, 150, &jpg, &len, &ctx->err));
	struct report_photo_in ph = {"xe-tai.jpg", jpg, len};
	struct report_input in = input(&p, p.pothole, p.t.dong_tac);
	in.description = "Xe tải biển số 61C-123.45 đổ xà bần ban đêm, ông Tư số 3 thấy.";
	in.photos = &ph;
	in.nphotos = 1;
	int64_t id = file(ctx, &actor_anonymous, in);
	struct report r;
	struct report_photo *v;
	size_t n;
	ctx->actor = p.resident;
	assert_int_equal(report_redact_text(ctx, id, "Xe tải đổ xà bần ban đêm."), DV_EPERM);
	ctx->actor = p.officer;
	assert_int_equal(report_redact_text(ctx, id, "  "), DV_EINVAL);
	assert_ok(ctx, report_redact_text(ctx, id, "Xe tải đổ xà bần ban đêm."));
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_ok(ctx, report_photos(ctx, &r, &v, &n));
	int64_t before = v[0].file_id;
	struct report_region bad = {80, 0, 30, 10}, plate = {10, 60, 30, 20};
	assert_int_equal(report_photo_redact(ctx, id, before, &bad, 1), DV_EINVAL);
	assert_ok(ctx, report_photo_redact(ctx, id, before, &plate, 1));
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_string_equal(r.original, in.description);
	assert_ok(ctx, report_photos(ctx, &r, &v, &n));
	assert_int_equal(n, 1);
	assert_int_not_equal(v[0].file_id, before);
	assert_int_equal(v[0].original_id, before);
	struct file_data fd, orig;
	assert_ok(ctx, report_photo_read(ctx, id, before, 0, 1, &orig));
	assert_ok(ctx, report_photo_read(ctx, id, v[0].file_id, 0, 0, &fd));
	assert_true(fd.len != orig.len || memcmp(fd.data, orig.data, fd.len) != 0);
	/* the public: the redacted text and photo, nothing else */
	int64_t covered = v[0].file_id;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, report_get(ctx, id, &r));
	assert_string_equal(r.description, "Xe tải đổ xà bần ban đêm.");
	assert_string_equal(r.original, "");
	assert_true(r.redacted);
	assert_ok(ctx, report_photos(ctx, &r, &v, &n));
	assert_int_equal(v[0].original_id, 0);
	assert_ok(ctx, report_photo_read(ctx, id, covered, 1, 0, &fd));
	assert_true(fd.is_public);
	assert_int_equal(report_photo_read(ctx, id, before, 0, 1, &fd), DV_ENOTFOUND);
	assert_int_equal(report_photo_read(ctx, id, before, 0, 0, &fd), DV_ENOTFOUND);
	/* nor through the files of notices and articles */
	assert_int_equal(file_read(ctx, before, 0, &fd), DV_ENOTFOUND);
	assert_int_equal(file_read(ctx, covered, 0, &fd), DV_ENOTFOUND);
	/* audited, without what was hidden */
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM audit WHERE action IN "
				    "('report.redact_text', 'report.redact_photo')"),
			 2);
	assert_int_equal(count(ctx, "SELECT COUNT(*) FROM audit WHERE details LIKE '%61C%'"), 0);
	free(jpg);
	test_ctx_free(ctx);
}

static void merging_and_routing(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	int64_t a = file(ctx, &actor_anonymous, input(&p, p.pothole, p.t.dong_tac));
	int64_t b = file(ctx, &actor_anonymous, input(&p, p.pothole, p.t.dong_tac));
	int64_t far = file(ctx, &actor_anonymous, input(&p, p.pothole, p.t.noi_hoa));
	ctx->actor = p.officer;
	assert_int_equal(report_merge(ctx, b, b, ""), DV_EINVAL);
	assert_int_equal(report_merge(ctx, b, far, ""), DV_EINVAL);
	assert_int_equal(report_merge(ctx, b, 999999, ""), DV_EINVAL);
	assert_ok(ctx, report_merge(ctx, b, a, ""));
	struct report r;
	assert_ok(ctx, report_get(ctx, b, &r));
	assert_int_equal(r.status, RS_MERGED);
	assert_int_equal(r.duplicate_of, a);
	assert_int_equal(report_merge(ctx, a, b, ""), DV_EINVAL);
	/* sent to the police, then back to the ward itself */
	assert_int_equal(report_route(ctx, a, 999999, ""), DV_EINVAL);
	assert_ok(ctx, report_route(ctx, a, p.police, "Chuyển công an xử lý"));
	assert_ok(ctx, report_get(ctx, a, &r));
	assert_int_equal(r.body_id, p.police);
	ctx->actor = p.police_officer;
	assert_ok(ctx, report_route(ctx, a, 0, "Không thuộc thẩm quyền"));
	assert_int_equal(report_get(ctx, a, &r), 0);
	assert_false(r.may_handle);
	test_ctx_free(ctx);
}

static void bodies_and_rules_are_configured_by_who_may(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	int64_t id = 0, body = 0;
	ctx->actor = p.officer;
	assert_int_equal(report_body_create(ctx, p.t.tdh, "water", "Cấp nước", &id), DV_EPERM);
	assert_int_equal(report_rule_set(ctx, p.pothole, p.t.tdh, p.police), DV_EPERM);
	/* a ward officer staffs the ward's bodies, not the city's */
	assert_ok(ctx, report_body_officer_add(ctx, p.urban, "head@t"));
	assert_int_equal(report_body_officer_add(ctx, p.citybody, "head@t"), DV_EPERM);
	assert_int_equal(report_body_officer_add(ctx, p.urban, "nobody@t"), DV_EINVAL);
	ctx->actor = p.admin;
	assert_int_equal(report_body_create(ctx, p.t.tdh, "bank", "X", &id), DV_EINVAL);
	assert_int_equal(report_body_create(ctx, p.t.tdh, "water", "", &id), DV_EINVAL);
	assert_ok(ctx, report_body_create(ctx, p.t.binh_an, "urban", "Đô thị Bình An", &body));
	/* a body serves its area only */
	assert_int_equal(report_rule_set(ctx, p.pothole, p.t.tdh, body), DV_EINVAL);
	assert_ok(ctx, report_rule_set(ctx, p.pothole, p.t.tdh, 0));
	int64_t found = -1;
	assert_ok(ctx, report_rule_find(ctx, p.pothole, p.t.dong_tac, &found));
	assert_int_equal(found, p.citybody);
	struct report_rule *rules;
	size_t n;
	assert_ok(ctx, report_rule_list(ctx, &rules, &n));
	assert_int_equal(n, 3);
	test_ctx_free(ctx);
}

/* ------------------------------------------------------------------- keys */

static void app_keys_are_shown_once_and_stored_hashed(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	char key[TOKEN_TEXT_MAX + 1];
	int64_t id = 0, app = 0;
	ctx->actor = p.officer;
	assert_int_equal(report_app_create(ctx, "Ứng dụng Dĩ An", key, &id), DV_EPERM);
	ctx->actor = p.admin;
	assert_ok(ctx, report_app_create(ctx, "Ứng dụng Dĩ An", key, &id));
	assert_int_equal(
		count(ctx,
		      arena_printf(ctx->arena,
				   "SELECT COUNT(*) FROM report_app WHERE key_hash = '%s'", key)),
		0);
	assert_ok(ctx, report_app_check(ctx, key, &app));
	assert_int_equal(app, id);
	assert_int_equal(report_app_check(ctx, "sai", &app), DV_ENOTFOUND);
	assert_int_equal(report_app_check(ctx, "", &app), DV_ENOTFOUND);
	assert_ok(ctx, report_app_revoke(ctx, id));
	assert_int_equal(report_app_check(ctx, key, &app), DV_ENOTFOUND);
	assert_int_equal(report_app_revoke(ctx, id), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

/* ------------------------------------------------------------------ stats */

static void statistics_count_what_was_kept(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	int64_t ids[4];
	for (int i = 0; i < 4; i++)
		ids[i] = file(ctx, p.resident, input(&p, p.pothole, p.t.dong_tac));
	int64_t light = file(ctx, p.resident, input(&p, p.streetlight, p.t.dong_tac));
	ctx->actor = p.officer;
	/* resolved after 1, 3 and 20 days: two kept, one late; one open */
	int64_t start = ctx->now;
	ctx->now = start + 1 * 86400;
	assert_ok(ctx, report_act(ctx, ids[0], RA_RESOLVE, "xong"));
	ctx->now = start + 3 * 86400;
	assert_ok(ctx, report_act(ctx, ids[1], RA_RESOLVE, "xong"));
	ctx->now = start + 20 * 86400;
	assert_ok(ctx, report_act(ctx, ids[2], RA_RESOLVE, "xong"));
	assert_ok(ctx, report_act(ctx, light, RA_REJECT, "Không phải đèn đường"));
	ctx->actor = p.resident;
	assert_ok(ctx, report_rate(ctx, ids[0], 5, ""));
	assert_ok(ctx, report_rate(ctx, ids[2], 2, ""));
	struct report_stats *s;
	size_t n;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, report_stats(ctx, p.t.tdh, 0, 0, &s, &n));
	assert_int_equal(n, 3);
	assert_string_equal(s[0].category_code, "pothole");
	assert_int_equal(s[0].received, 4);
	assert_int_equal(s[0].resolved, 3);
	assert_int_equal(s[0].on_time, 2);
	assert_int_equal(s[0].open, 1);
	assert_int_equal(s[0].overdue, 1);
	assert_int_equal(report_stats_on_time_percent(&s[0]), 66);
	assert_int_equal(s[0].median_seconds, 3 * 86400);
	assert_int_equal(report_stats_rating_tenths(&s[0]), 35);
	assert_int_equal(s[1].received, 1);
	assert_int_equal(s[1].resolved, 0);
	assert_int_equal(report_stats_on_time_percent(&s[1]), -1);
	assert_int_equal(s[2].category_id, 0);
	assert_int_equal(s[2].received, 5);
	assert_int_equal(s[2].median_seconds, 3 * 86400);
	/* a unit elsewhere has none; the year reads the same */
	assert_ok(ctx, report_stats(ctx, p.t.binh_an, 0, 0, &s, &n));
	assert_int_equal(n, 1);
	assert_int_equal(s[0].received, 0);
	assert_ok(ctx, report_stats_year(ctx, p.t.city, 2026, &s, &n));
	assert_int_equal(s[n - 1].received, 5);
	assert_ok(ctx, report_stats_year(ctx, p.t.city, 2025, &s, &n));
	assert_int_equal(s[n - 1].received, 0);
	assert_int_equal(report_stats_year(ctx, p.t.city, 1999, &s, &n), DV_EINVAL);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_report_is_filed_anonymously_and_routed),
		cmocka_unit_test(bad_input_is_refused_and_writes_nothing),
		cmocka_unit_test(a_required_question_must_be_answered),
		cmocka_unit_test(officers_move_a_report_along_its_steps),
		cmocka_unit_test(a_resolved_report_closes_and_reopens_by_the_rules),
		cmocka_unit_test(overdue_reports_are_flagged_and_come_first),
		cmocka_unit_test(one_me_too_per_household_never_on_ones_own),
		cmocka_unit_test(anonymous_reports_are_throttled_per_address),
		cmocka_unit_test(a_private_report_is_not_found_but_by_police_ward_and_reporter),
		cmocka_unit_test(redaction_keeps_the_original_for_the_handlers_only),
		cmocka_unit_test(merging_and_routing),
		cmocka_unit_test(bodies_and_rules_are_configured_by_who_may),
		cmocka_unit_test(app_keys_are_shown_once_and_stored_hashed),
		cmocka_unit_test(statistics_count_what_was_kept),
	};
	return test_run(tests);
}

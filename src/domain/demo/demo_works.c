/*
 * The demo's community works, in Đông Tác, through the works' own
 * functions and the people who would act: a finished alley modelled on a
 * real one (250.000.000 ₫ in all, 106.500.000 ₫ of it from households, the
 * rest from the ward police and local businesses, with lights and cameras),
 * decided by household ballots eight months ago, supervised by a board
 * elected at a meeting, built, accepted and settled, with resident@demo's
 * household among those who paid; the alley of hẻm 15, collecting now
 * under the contributions the community decided three weeks ago (about
 * half of the households have paid); and drains planned, waiting for their
 * decision.
 */
#include <string.h>

#include "base/date.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/demo/demo.h"
#include "domain/identity/account.h"
#include "domain/perm.h"
#include "domain/works/board.h"
#include "domain/works/ledger.h"
#include "domain/works/progress.h"
#include "domain/works/share.h"
#include "domain/works/work.h"

#define DAY		86400
#define HOUSEHOLDS_GIVE 106500000 /* the finished alley's households, in all */
#define SUGGESTED	1500000	  /* per household, as the community asked */

struct people {
	struct actor head, front, inspector, member;
	struct grant head_grant, front_grant;
	int64_t nb;
	int64_t *hh; /* the neighborhood's households, resident@demo's first */
	size_t n;
	int64_t resident_hh;
};

/* An account of the demo acting, with the grant given (or none). */
static int as_account(struct dv_ctx *ctx, const char *login, struct actor *a, struct grant *g)
{
	struct account acc;
	int rc = account_find(ctx, login, &acc);
	if (rc)
		return rc;
	memset(a, 0, sizeof(*a));
	a->account_id = acc.id;
	a->display_name = acc.display_name;
	if (g) {
		a->ngrants = 1;
		a->grants = g;
	}
	return 0;
}

static int people(struct dv_ctx *ctx, const struct demo_result *out, struct people *p)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	memset(p, 0, sizeof(*p));
	p->nb = out->neighborhood_id;
	p->resident_hh = out->household_id;
	p->head_grant = (struct grant){.role = ROLE_HEAD, .unit_id = p->nb};
	p->front_grant = (struct grant){.role = ROLE_FRONT, .unit_id = p->nb};
	int rc = as_account(ctx, "head@demo", &p->head, &p->head_grant);
	if (!rc)
		rc = as_account(ctx, "front@demo", &p->front, &p->front_grant);
	if (!rc)
		rc = as_account(ctx, "inspector@demo", &p->inspector, NULL);
	if (!rc)
		rc = as_account(ctx, "member@demo", &p->member, NULL);
	if (rc)
		return rc;
	*ARENA_PUSH(ctx->arena, p->hh, p->n, cap) = out->household_id;
	if ((rc = db_query(ctx->db, &st, &ctx->err,
			   "SELECT id FROM household WHERE unit_id = $1 AND status = 'active' "
			   "AND id <> $2 ORDER BY id",
			   DB_I(p->nb), DB_I(out->household_id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, p->hh, p->n, cap) = db_col_int(st, 0);
	return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------- matters */

static int vote(struct dv_ctx *ctx, struct people *p, int64_t hid, int64_t matter,
		const char *choice)
{
	const struct actor *was = ctx->actor;
	struct grant g = {.role = ROLE_REPRESENTATIVE, .unit_id = p->nb};
	struct actor a = {.household_id = hid, .display_name = "", .ngrants = 1, .grants = &g};
	ctx->actor = &a;
	int rc = ballot_cast(ctx, matter, choice, NULL);
	ctx->actor = was;
	return rc;
}

/* The contributions of hẻm 7, put to household ballots at `at`: seven in
 * ten for, decided a week later. */
static int decide_alley(struct dv_ctx *ctx, struct people *p, int64_t at, int64_t *id)
{
	struct matter_input in = {
		.unit_id = p->nb,
		.type = MT_CONTRIBUTIONS,
		.form = "ballot",
		.title = "Mức đóng góp bê tông hóa hẻm 7, lắp đèn và camera an ninh",
		.body = "Vận động mỗi hộ trong hẻm đóng góp tự nguyện, mức gợi ý 1.500.000 ₫; hộ "
			"nghèo, cận nghèo được miễn. Phần còn lại do Công an phường và các doanh "
			"nghiệp trên địa bàn hỗ trợ."};
	ctx->now = at;
	ctx->actor = &p->head;
	int rc = matter_create(ctx, &in, id);
	if (!rc)
		rc = matter_open(ctx, *id, at + 7 * DAY);
	for (size_t i = 0; !rc && i < p->n; i++)
		if (i % 10 < 7)
			rc = vote(ctx, p, p->hh[i], *id, i % 10 == 6 ? "no" : "yes");
	int closed;
	ctx->now = at + 8 * DAY;
	return rc ? rc : matter_close_due(ctx, &closed);
}

/* The residents of the supervision boards, elected at a meeting on `at`
 * 19:30 that two in three households came to. */
static int elect_board(struct dv_ctx *ctx, struct people *p, int64_t at, int64_t *id)
{
	struct matter_input in = {
		.unit_id = p->nb,
		.type = MT_BOARDS,
		.form = "meeting",
		.title =
			"Bầu người dân tham gia Ban giám sát đầu tư của cộng đồng khu phố Đông Tác",
		.body = "Bầu ba người dân tham gia Ban giám sát đầu tư của cộng đồng đối với các "
			"công trình do Nhân dân đóng góp trong khu phố."};
	int64_t motion = 0, present = 0;
	int64_t starts = time_local_midnight(time_local_date(at)) + 2 * DAY + 19 * 3600 + 1800;
	ctx->now = at;
	ctx->actor = &p->head;
	int rc = matter_create(ctx, &in, id);
	if (!rc)
		rc = meeting_schedule(ctx, *id, starts, "Nhà văn hóa khu phố Đông Tác");
	ctx->now = starts;
	if (!rc)
		rc = meeting_open(ctx, *id, "Trưởng khu phố Đông Tác", "Lê Thị Thu Hà");
	for (size_t i = 0; !rc && i < p->n; i++)
		if (i % 3 != 2 || p->n < 4) {
			rc = meeting_check_in(ctx, *id, p->hh[i], NULL);
			present++;
		}
	if (!rc)
		rc = motion_add(ctx, *id, MOTION_MAIN, "", VOTE_HANDS, NULL, &motion);
	ctx->now += 3600;
	if (!rc)
		rc = motion_record(ctx, motion, present - present / 8, present / 8, 0);
	ctx->now += 1800;
	return rc ? rc : meeting_close(ctx, *id, 0, NULL);
}

/* --------------------------------------------------------------- works */

static int board(struct dv_ctx *ctx, struct people *p, int64_t work, int64_t election)
{
	struct board_member_input m[] = {
		{"Nguyễn Văn Hòa", "head", "front", 0, "front@demo"},
		{"Lê Thị Kim Oanh", "deputy", "inspection", 0, "inspector@demo"},
		{"Trần Văn Phúc", "member", "resident", election, NULL},
		{"Phạm Thị Ngọc Ánh", "member", "resident", election, NULL},
		{"Võ Minh Tâm", "member", "resident", election, "member@demo"},
	};
	ctx->actor = &p->front;
	return board_set(ctx, work, m, sizeof(m) / sizeof(m[0]));
}

static int record(struct dv_ctx *ctx, const struct actor *who, int64_t work,
		  const struct entry_input *in, int64_t *id)
{
	ctx->actor = who;
	return entry_record(ctx, work, in, id);
}

static int give(struct dv_ctx *ctx, struct people *p, int64_t work, int64_t hid, int64_t amount,
		const char *kind, int64_t *id)
{
	struct entry_input in = {.kind = kind,
				 .household_id = hid,
				 .amount = arena_printf(ctx->arena, "%lld", (long long)amount),
				 .method = strcmp(kind, "pledge") ? (hid % 3 ? "cash" : "transfer")
								  : NULL};
	return record(ctx, &p->head, work, &in, id);
}

/* What each household gave to hẻm 7, once each: the suggested amount from
 * each that is not exempt, resident@demo's first, until the households'
 * share is reached exactly; in a demo too small for that, more from each. */
static int alley_households(struct dv_ctx *ctx, struct people *p, int64_t work, int64_t at)
{
	int64_t left = HOUSEHOLDS_GIVE, id = 0, payers = 0, each = SUGGESTED;
	for (size_t i = 0; i < p->n; i++)
		payers += !(i && i % 15 == 14);
	if (payers * SUGGESTED < HOUSEHOLDS_GIVE) /* rounded up to 100.000 ₫ */
		each = (HOUSEHOLDS_GIVE / payers + 99999) / 100000 * 100000;
	int rc = 0;
	int64_t k = 0;
	for (size_t i = 0; !rc && i < p->n && left > 0; i++) {
		if (i && i % 15 == 14)
			continue; /* exempt: poor or near-poor */
		int64_t a = each < left ? each : left;
		ctx->now = at + k * DAY / 2;
		if (++k == 4) { /* a slip, corrected the same day */
			rc = give(ctx, p, work, p->hh[i], a + 1000000, "contribution", &id);
			struct entry_input c = {
				.kind = "correction",
				.corrects = id,
				.effect = "-1.000.000",
				.note = "Ghi nhầm số tiền: phiếu thu ghi đúng số hộ "
					"đã nộp."};
			if (!rc)
				rc = record(ctx, &p->head, work, &c, NULL);
		} else {
			rc = give(ctx, p, work, p->hh[i], a, "contribution", NULL);
		}
		left -= a;
	}
	return rc;
}

static int sponsors(struct dv_ctx *ctx, struct people *p, int64_t work)
{
	struct entry_input v[] = {
		{.kind = "sponsor",
		 .amount = "40.000.000",
		 .source = "agencies",
		 .party = "Công an phường Tân Đông Hiệp",
		 .method = "transfer",
		 .note = "Hỗ trợ lắp camera an ninh"},
		{.kind = "sponsor",
		 .amount = "60.000.000",
		 .source = "businesses",
		 .party = "Công ty TNHH Xây dựng Tân Đông",
		 .method = "transfer"},
		{.kind = "sponsor",
		 .amount = "20.000.000",
		 .source = "businesses",
		 .party = "Cửa hàng vật liệu xây dựng Hưng Thịnh",
		 .method = "cash"},
		{.kind = "in_kind",
		 .amount = "23.500.000",
		 .source = "businesses",
		 .party = "Cửa hàng vật liệu xây dựng Hưng Thịnh",
		 .method = "materials",
		 .item = "Xi măng, đá 1x2, cát",
		 .quantity = "120 bao xi măng, 18 m³ đá, 12 m³ cát"},
	};
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof(v) / sizeof(v[0]); i++)
		rc = record(ctx, &p->head, work, &v[i], NULL);
	return rc;
}

/* Expenses recorded by the head and signed off by the inspection board's
 * member; a duplicate refused. */
static int expenses(struct dv_ctx *ctx, struct people *p, int64_t work, int64_t at)
{
	struct entry_input v[] = {
		{.kind = "expense",
		 .amount = "150.000.000",
		 .party = "Công ty TNHH Xây dựng Đông Tác",
		 .item = "Bê tông hóa mặt hẻm, dày 12 cm",
		 .quantity = "320 m",
		 .method = "transfer"},
		{.kind = "expense",
		 .amount = "23.500.000",
		 .party = "Cửa hàng vật liệu xây dựng Hưng Thịnh",
		 .item = "Vật tư hiện vật đưa vào công trình",
		 .quantity = "theo biên bản giao nhận"},
		{.kind = "expense",
		 .amount = "28.000.000",
		 .party = "Công ty TNHH Điện Sáng",
		 .item = "Đèn LED chiếu sáng hẻm, cột và dây",
		 .quantity = "14 bộ",
		 .method = "transfer"},
		{.kind = "expense",
		 .amount = "28.000.000",
		 .party = "Công ty TNHH Điện Sáng",
		 .item = "Đèn LED chiếu sáng hẻm, cột và dây",
		 .quantity = "14 bộ",
		 .method = "transfer"},
		{.kind = "expense",
		 .amount = "45.000.000",
		 .party = "Công ty TNHH An Ninh Số",
		 .item = "Camera an ninh và đầu ghi",
		 .quantity = "6 camera, 1 đầu ghi",
		 .method = "transfer"},
		{.kind = "expense",
		 .amount = "3.500.000",
		 .party = "Tổ thợ khu phố Đông Tác",
		 .item = "Dọn dẹp, hoàn trả mặt bằng",
		 .quantity = "7 ngày công",
		 .method = "cash"},
	};
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof(v) / sizeof(v[0]); i++) {
		int64_t id = 0;
		ctx->now = at + (int64_t)i * 12 * DAY;
		rc = record(ctx, &p->head, work, &v[i], &id);
		ctx->now += DAY;
		ctx->actor = &p->inspector;
		if (!rc)
			rc = i == 3 ? entry_signoff(ctx, work, id, 0,
						    "Trùng với khoản chi mua đèn đã ghi trước đó.")
				    : entry_signoff(ctx, work, id, 1, "");
	}
	return rc;
}

static int milestones(struct dv_ctx *ctx, struct people *p, int64_t work, int64_t at,
		      const char *const *notes, int n)
{
	static const char *const stages[] = {"before", "during", "during", "after"};
	static const char *const percent[] = {"0", "40", "80", "100"};
	int rc = 0;
	for (int i = 0; !rc && i < n; i++) {
		ctx->now = at + (int64_t)i * 40 * DAY;
		ctx->actor = &p->head;
		rc = milestone_add(ctx, work, stages[i], percent[i], notes[i], NULL, NULL);
	}
	return rc;
}

static int finished_alley(struct dv_ctx *ctx, struct people *p, int64_t now, int64_t *id)
{
	int64_t t0 = now - 240 * DAY, decision = 0, election = 0;
	struct work_input in = {
		.unit_id = p->nb,
		.kind = "alley_concrete",
		.name = "Bê tông hóa hẻm 7, lắp đèn chiếu sáng và camera an ninh",
		.place = "Hẻm 7, khu phố Đông Tác",
		.goal = "Bê tông hóa 320 m hẻm thường ngập khi mưa, lắp 14 bộ đèn LED và 6 camera "
			"an ninh nối về nhà văn hóa khu phố.",
		.estimate = "250.000.000"};
	in.outputs[OUT_ALLEY_M] = "320";
	in.outputs[OUT_LIGHTS] = "14";
	in.outputs[OUT_CAMERAS] = "6";
	in.funding[FUND_HOUSEHOLDS] = "106.500.000";
	in.funding[FUND_AGENCIES] = "40.000.000";
	in.funding[FUND_BUSINESSES] = "103.500.000";
	struct buf d1 = BUF_INIT, d2 = BUF_INIT;
	date_format(&d1, time_local_date(t0 + 30 * DAY));
	date_format(&d2, time_local_date(t0 + 150 * DAY));
	in.starts_on = d1.ptr;
	in.ends_on = d2.ptr;
	int rc = decide_alley(ctx, p, t0, &decision);
	if (!rc)
		rc = elect_board(ctx, p, t0 + 8 * DAY, &election);
	ctx->actor = &p->head;
	if (!rc)
		rc = work_create(ctx, &in, id);
	buf_release(&d1);
	buf_release(&d2);
	if (!rc)
		rc = work_set_decision(ctx, *id, decision, "voluntary", "");
	if (!rc)
		rc = work_publish_plan(ctx, *id, NULL);
	if (!rc)
		rc = board(ctx, p, *id, election);
	ctx->actor = &p->head;
	for (size_t i = 14; !rc && i < p->n; i += 15)
		rc = share_set(ctx, *id, p->hh[i],
			       &(struct share_input){.exemption = "exempt",
						     .category = i % 2 ? "poor" : "near_poor"});
	if (!rc)
		rc = work_start_collecting(ctx, *id);
	if (!rc)
		rc = alley_households(ctx, p, *id, ctx->now + DAY);
	ctx->now = t0 + 60 * DAY;
	if (!rc)
		rc = sponsors(ctx, p, *id);
	ctx->actor = &p->head;
	ctx->now = t0 + 62 * DAY;
	if (!rc)
		rc = work_start_building(ctx, *id);
	static const char *const notes[] = {
		"Hẻm trước khi thi công: mặt đất, đọng nước khi mưa.",
		"Đã đổ bê tông 130 m đầu hẻm.", "Đã đổ bê tông toàn tuyến; đang lắp đèn và camera.",
		"Hoàn thành: 320 m bê tông, 14 đèn, 6 camera hoạt động."};
	if (!rc)
		rc = milestones(ctx, p, *id, t0 + 62 * DAY, notes, 4);
	if (!rc)
		rc = expenses(ctx, p, *id, t0 + 70 * DAY);
	ctx->now = t0 + 190 * DAY;
	ctx->actor = &p->inspector;
	if (!rc)
		rc = finding_add(ctx, *id,
				 "Đoạn cuối hẻm (20 m) bê tông bị nứt chân chim; nhà thầu đã xử lý "
				 "lại trước khi nghiệm thu.",
				 NULL);
	ctx->now = t0 + 200 * DAY;
	if (!rc)
		rc = work_accept(ctx, *id, "Đạt yêu cầu kỹ thuật, đủ khối lượng.");
	ctx->now = t0 + 210 * DAY;
	ctx->actor = &p->head;
	return rc ? rc
		  : work_settle(ctx, *id,
				"Công trình hoàn thành, thu chi cân đối. Sổ thu chi và chứng từ "
				"được lưu tại nhà văn hóa khu phố.",
				NULL);
}

/* Hẻm 15: decided three weeks ago (demo_matters), collecting since. */
static int collecting_alley(struct dv_ctx *ctx, struct people *p, const struct demo_result *out,
			    int64_t now)
{
	int64_t id = 0, election = 0;
	struct work_input in = {.unit_id = p->nb,
				.kind = "alley_concrete",
				.name = "Bê tông hóa hẻm 15",
				.place = "Hẻm 15, khu phố Đông Tác",
				.goal = "Bê tông hóa 180 m hẻm, lắp 6 đèn và 2 camera.",
				.estimate = "180.000.000"};
	in.outputs[OUT_ALLEY_M] = "180";
	in.outputs[OUT_LIGHTS] = "6";
	in.outputs[OUT_CAMERAS] = "2";
	in.funding[FUND_HOUSEHOLDS] = "90.000.000";
	in.funding[FUND_BUDGET] = "60.000.000";
	in.funding[FUND_AGENCIES] = "30.000.000";
	ctx->now = now - 13 * DAY;
	int rc = db_int(ctx->db, &election, &ctx->err,
			"SELECT MAX(id) FROM matter WHERE unit_id = $1 AND type = 5 AND "
			"status = 'closed'",
			DB_I(p->nb));
	ctx->actor = &p->head;
	if (!rc)
		rc = work_create(ctx, &in, &id);
	if (!rc)
		rc = work_set_decision(ctx, id, out->contributions_matter, "per_household",
				       "1.500.000");
	if (!rc)
		rc = work_publish_plan(ctx, id, NULL);
	if (!rc)
		rc = board(ctx, p, id, election);
	ctx->actor = &p->head;
	for (size_t i = 1; !rc && i < p->n; i++)
		if (i % 12 == 11 || i % 17 == 16)
			rc = share_set(ctx, id, p->hh[i],
				       &(struct share_input){
					       .exemption = i % 12 == 11 ? "exempt" : "reduced",
					       .category = i % 12 == 11 ? "poor" : "elderly_alone",
					       .due = "750.000"});
	if (!rc)
		rc = work_start_collecting(ctx, id);
	/* about half paid, some promised; resident@demo's household not yet */
	for (size_t i = 1; !rc && i < p->n; i++) {
		ctx->now = now - 12 * DAY + (int64_t)(i % 11) * DAY;
		if (i % 12 == 11)
			continue;
		if (i % 2)
			rc = give(ctx, p, id, p->hh[i], i % 17 == 16 ? 750000 : SUGGESTED,
				  "contribution", NULL);
		else if (i % 6 == 2)
			rc = give(ctx, p, id, p->hh[i], SUGGESTED, "pledge", NULL);
	}
	struct entry_input budget = {.kind = "sponsor",
				     .amount = "30.000.000",
				     .source = "agencies",
				     .party = "Công an phường Tân Đông Hiệp",
				     .method = "transfer"};
	ctx->now = now - 2 * DAY;
	if (!rc)
		rc = record(ctx, &p->head, id, &budget, NULL);
	ctx->actor = &p->head;
	return rc ? rc
		  : milestone_add(ctx, id, "before", "0",
				  "Hẻm 15 trước khi thi công: mặt đường đất, nhiều ổ gà.", NULL,
				  NULL);
}

/* Drains of hẻm 21, planned; the contributions drafted for the community. */
static int planned_drains(struct dv_ctx *ctx, struct people *p, int64_t now)
{
	int64_t id = 0, matter = 0;
	struct matter_input m = {.unit_id = p->nb,
				 .type = MT_CONTRIBUTIONS,
				 .form = "ballot",
				 .title = "Mức đóng góp xây mới cống thoát nước hẻm 21",
				 .body = "Đề nghị mỗi hộ trong hẻm đóng góp 500.000 ₫ để cùng ngân "
					 "sách phường xây 85 m cống thoát nước."};
	struct work_input in = {.unit_id = p->nb,
				.kind = "drains",
				.name = "Nạo vét, xây mới cống thoát nước hẻm 21",
				.place = "Hẻm 21, khu phố Đông Tác",
				.goal = "Thay 85 m cống cũ bị sụt, chống ngập khi mưa lớn.",
				.estimate = "95.000.000"};
	in.outputs[OUT_DRAIN_M] = "85";
	in.funding[FUND_HOUSEHOLDS] = "45.000.000";
	in.funding[FUND_BUDGET] = "50.000.000";
	ctx->now = now - DAY;
	ctx->actor = &p->head;
	int rc = matter_create(ctx, &m, &matter);
	if (!rc)
		rc = work_create(ctx, &in, &id);
	return rc ? rc : work_set_decision(ctx, id, matter, "per_household", "500.000");
}

int demo_works(struct dv_ctx *ctx, const struct demo_result *out)
{
	struct people p;
	const struct actor *was = ctx->actor;
	const char *lang = ctx->lang;
	int64_t now = ctx->now, finished = 0;
	/* the notices the works publish are the ward's, in Vietnamese */
	ctx_set_lang(ctx, "vi");
	int rc = people(ctx, out, &p);
	if (!rc)
		rc = finished_alley(ctx, &p, now, &finished);
	if (!rc)
		rc = collecting_alley(ctx, &p, out, now);
	if (!rc)
		rc = planned_drains(ctx, &p, now);
	ctx->now = now;
	ctx->actor = was;
	ctx_set_lang(ctx, lang);
	return rc;
}

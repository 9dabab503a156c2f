/*
 * The demo's citizen reports and its People's Inspection Board: the
 * handling bodies of the city and its wards with their routing rules and
 * a few officers, a few hundred reports across the city over the past year
 * in every state (some overdue, reopened, merged, rejected, with photos
 * made up by libvips, "tôi cũng gặp" and the reporters' ratings, a private
 * one the public never sees), and Tân Đông Hiệp's board, elected at its
 * seven neighborhoods' meetings, with its cases. Everything goes through
 * the domain's own functions, the clock moved back for what happened
 * before; times are relative to ctx->now, so the demo reads the same on any
 * day. `danvan demo --reports N` adds N more, written in bulk (for the
 * Open311 benchmark), spread over the last 90 days.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/media.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_names.h"
#include "domain/identity/account.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/reports/board.h"
#include "domain/reports/category.h"
#include "domain/reports/inspection.h"
#include "domain/reports/report.h"
#include "domain/reports/routing.h"

#define DEMO_REPORTS 300
#define DAY	     86400

/* splitmix64, as demo.c: the same data from the same seed */
struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned below(struct rng *r, unsigned n)
{
	return (unsigned)(((next(r) >> 32) * (uint64_t)n) >> 32);
}

static int chance(struct rng *r, unsigned percent)
{
	return below(r, 100) < percent;
}

static const char *pick_word(struct rng *r, struct word_list *l)
{
	if (!l->total)
		for (size_t i = 0; i < l->n; i++)
			l->total += l->items[i].weight;
	unsigned x = below(r, l->total);
	for (size_t i = 0; i < l->n; i++) {
		if (x < l->items[i].weight)
			return l->items[i].text;
		x -= l->items[i].weight;
	}
	return l->items[0].text;
}

/* ---------------------------------------------------------------- texts */

/* What residents write, by category code; what officers answer. */
static const struct kind {
	const char *code;
	unsigned weight;
	const char *what[3];
	const char *done[2];
} kinds[] = {
	{"pothole",
	 22,
	 {"Ổ gà lớn giữa đường, xe máy đi ngang rất dễ té, nhất là ban đêm.",
	  "Mặt đường bị sụt lún sau đợt mưa, nước đọng thành vũng.",
	  "Nắp hố ga bị vỡ, có thể gây tai nạn cho người đi bộ."},
	 {"Đã vá ổ gà bằng bê tông nhựa nóng.", "Đã thay nắp hố ga mới và rào chắn tạm."}},
	{"streetlight",
	 16,
	 {"Đèn đường trước nhà không sáng mấy tối nay, hẻm tối om.",
	  "Đèn chập chờn cả đêm, lúc tắt lúc sáng.", "Cả dãy đèn hẻm tắt từ tuần trước."},
	 {"Điện lực đã thay bóng đèn LED mới.", "Đã sửa dây dẫn bị đứt, đèn sáng bình thường."}},
	{"rubbish",
	 16,
	 {"Rác bị đổ bừa ra bãi đất trống đầu hẻm, bốc mùi hôi.",
	  "Điểm tập kết rác quá tải, rác tràn ra lòng đường.",
	  "Có người đổ xà bần ban đêm ở góc đường."},
	 {"Công ty môi trường đã thu gom, tăng thêm một chuyến mỗi ngày.",
	  "Đã dọn sạch, gắn biển cấm đổ rác và camera."}},
	{"flooding",
	 10,
	 {"Mưa chừng 30 phút là hẻm ngập tới mắt cá, nước rút rất chậm.",
	  "Cống thoát nước bị rác làm tắc, nước tràn vào nhà dân.",
	  "Đoạn đường trũng ngập sâu mỗi khi mưa lớn."},
	 {"Đã nạo vét cống, nước thoát bình thường.",
	  "Đã khơi thông miệng cống và lắp lưới chắn rác."}},
	{"pavement",
	 9,
	 {"Quán ăn bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường.",
	  "Xe máy đậu kín vỉa hè trước chợ.", "Vật liệu xây dựng để chiếm vỉa hè nhiều ngày."},
	 {"Đã nhắc nhở, lập biên bản và yêu cầu dọn trả lại vỉa hè.",
	  "Đội trật tự đô thị đã kiểm tra và xử lý."}},
	{"noise",
	 8,
	 {"Karaoke hát lớn tới khuya ảnh hưởng cả xóm.", "Xưởng gỗ chạy máy cả ban đêm rất ồn.",
	  "Công trình đổ bê tông lúc nửa đêm."},
	 {"Công an phường đã nhắc nhở, cơ sở cam kết không vi phạm.",
	  "Đã yêu cầu công trình thi công đúng giờ quy định."}},
	{"trees",
	 7,
	 {"Cây xanh nghiêng, nhánh khô có thể gãy đổ khi mưa gió.",
	  "Cành cây che khuất đèn đường và biển báo.", "Cây ngã chắn một nửa lối đi."},
	 {"Đã cắt tỉa nhánh khô.", "Đã dọn cây ngã và trồng cây mới thay thế."}},
	{"water",
	 6,
	 {"Nước máy yếu, có lúc mất nước cả buổi.", "Ống nước bị bể, nước chảy lênh láng.",
	  "Nước máy có màu đục."},
	 {"Đã sửa đoạn ống bể.", "Đã súc xả đường ống, nước trong trở lại."}},
	{"security",
	 3,
	 {"Có người lạ thường xuyên lảng vảng trong hẻm vào ban đêm.",
	  "Nhiều nhà bị mất trộm xe đạp gần đây.", "Nhóm thanh niên tụ tập gây gổ."},
	 {"Công an phường đã tăng cường tuần tra.", "Đã xác minh và xử lý."}},
	{"social_evils",
	 1,
	 {"Nghi có điểm tụ tập đánh bạc trong dãy trọ.", "Nghi có mua bán chất cấm.",
	  "Tụ tập cờ bạc ở quán nước."},
	 {"Công an phường đã xác minh và xử lý theo quy định.", "Đã kiểm tra, lập biên bản."}},
	{"other",
	 2,
	 {"Biển tên hẻm bị mất, người lạ khó tìm nhà.", "Sân chơi thiếu nhi có thiết bị bị hỏng.",
	  "Chó thả rông không rọ mõm."},
	 {"Khu phố đã làm lại biển tên hẻm.", "Đã báo và được sửa chữa."}},
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

static const struct kind *pick_kind(struct rng *r)
{
	unsigned total = 0;
	for (size_t i = 0; i < N_KINDS; i++)
		total += kinds[i].weight;
	unsigned x = below(r, total);
	for (size_t i = 0; i < N_KINDS; i++) {
		if (x < kinds[i].weight)
			return &kinds[i];
		x -= kinds[i].weight;
	}
	return &kinds[0];
}

/* ------------------------------------------------------------ the setting */

struct place {
	struct dv_ctx *ctx;
	struct demo_result *out;
	struct rng rng;
	int64_t now;
	int64_t *wards;
	size_t nwards;
	int64_t *communities; /* every active community of the city */
	size_t ncommunities;
	int64_t cat[N_KINDS];
	int64_t tdh_police, tdh_urban, environment, power;
	/* residents with an account, who follow their reports */
	struct actor *reporters;
	size_t nreporters;
};

static int ids(struct dv_ctx *ctx, const char *sql, int64_t unit, int64_t **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err, sql, DB_I(unit));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, *out, *n, cap) = db_col_int(st, 0);
	return rc < 0 ? rc : 0;
}

static int64_t body(struct place *p, int64_t unit, const char *kind, const char *name, int *rc)
{
	int64_t id = 0;
	if (!*rc)
		*rc = report_body_create(p->ctx, unit, kind, name, &id);
	return id;
}

static int add_officer(struct place *p, int64_t body_id, const char *login, const char *name)
{
	int64_t id = 0;
	int rc = account_create(p->ctx, login, name, DEMO_PASSWORD, 0, &id);
	if (!rc)
		rc = report_body_officer_add(p->ctx, body_id, login);
	if (!rc && p->out->nofficers < DEMO_OFFICERS)
		p->out->officers[p->out->nofficers++] = (struct demo_account){
			.login = login, .role = "officer", .where = "", .name = name};
	return rc;
}

/* The bodies of the city and of each ward, the rules, the officers. */
static int setting(struct place *p)
{
	struct dv_ctx *ctx = p->ctx;
	int rc = ids(ctx,
		     "SELECT id FROM unit WHERE kind = 'ward' AND status = 'active' AND id IN "
		     "(SELECT descendant FROM unit_tree WHERE ancestor = $1) ORDER BY id",
		     p->out->city_id, &p->wards, &p->nwards);
	if (!rc)
		rc = ids(ctx,
			 "SELECT id FROM unit WHERE kind IN ('neighborhood', 'village', "
			 "'residential_group') AND status = 'active' AND id IN (SELECT descendant "
			 "FROM "
			 "unit_tree WHERE ancestor = $1) ORDER BY id",
			 p->out->city_id, &p->communities, &p->ncommunities);
	for (size_t i = 0; !rc && i < N_KINDS; i++) {
		struct report_category c;
		rc = report_category_find(ctx, kinds[i].code, &c);
		p->cat[i] = c.id;
	}
	int64_t city = p->out->city_id;
	p->environment = body(p, city, "environment", "Công ty Môi trường đô thị Dĩ An", &rc);
	p->power = body(p, city, "power", "Điện lực Dĩ An", &rc);
	int64_t water = body(p, city, "water", "Chi nhánh Cấp nước Dĩ An", &rc);
	int64_t head = body(p, city, "head", "Trưởng khu phố", &rc);
	static const struct {
		const char *code;
		int which; /* 0 environment, 1 power, 2 water, 3 head */
	} city_rules[] = {
		{"streetlight", 1}, {"rubbish", 0}, {"trees", 0}, {"water", 2}, {"other", 3}};
	int64_t city_bodies[] = {p->environment, p->power, water, head};
	for (size_t i = 0; !rc && i < sizeof(city_rules) / sizeof(city_rules[0]); i++)
		for (size_t k = 0; k < N_KINDS; k++)
			if (!strcmp(kinds[k].code, city_rules[i].code))
				rc = report_rule_set(ctx, p->cat[k], city,
						     city_bodies[city_rules[i].which]);
	for (size_t w = 0; !rc && w < p->nwards; w++) {
		struct unit u;
		if ((rc = unit_get(ctx, p->wards[w], &u)))
			break;
		char name[160];
		snprintf(name, sizeof(name), "Đội Quản lý trật tự đô thị phường %s", u.name);
		int64_t urban = body(p, u.id, "urban", name, &rc);
		snprintf(name, sizeof(name), "Công an phường %s", u.name);
		int64_t police = body(p, u.id, "police", name, &rc);
		if (u.id == p->out->ward_id) {
			p->tdh_urban = urban;
			p->tdh_police = police;
		}
		for (size_t k = 0; !rc && k < N_KINDS; k++) {
			const char *c = kinds[k].code;
			if (!strcmp(c, "pothole") || !strcmp(c, "flooding") ||
			    !strcmp(c, "pavement"))
				rc = report_rule_set(ctx, p->cat[k], u.id, urban);
			else if (!strcmp(c, "noise") || !strcmp(c, "security") ||
				 !strcmp(c, "social_evils"))
				rc = report_rule_set(ctx, p->cat[k], u.id, police);
		}
	}
	if (!rc)
		rc = add_officer(p, p->tdh_police, "police@demo",
				 "Cán bộ Công an phường Tân Đông Hiệp");
	if (!rc)
		rc = add_officer(p, p->tdh_urban, "dothi@demo",
				 "Cán bộ Đội trật tự đô thị phường Tân Đông Hiệp");
	if (!rc)
		rc = add_officer(p, p->environment, "moitruong@demo",
				 "Cán bộ Công ty Môi trường đô thị Dĩ An");
	return rc;
}

/* resident@demo and a few other households' members, with accounts. */
static int reporters(struct place *p)
{
	struct dv_ctx *ctx = p->ctx;
	int64_t *hh, account = 0;
	size_t n;
	size_t cap = 0;
	int rc =
		ids(ctx,
		    "SELECT id FROM household WHERE ward_id = $1 AND status = 'active' ORDER BY id",
		    p->out->ward_id, &hh, &n);
	if (rc || (rc = db_int(ctx->db, &account, &ctx->err,
			       "SELECT id FROM account WHERE login = 'resident@demo'")))
		return rc;
	struct actor *a = ARENA_PUSH(ctx->arena, p->reporters, p->nreporters, cap);
	*a = (struct actor){.account_id = account,
			    .household_id = p->out->household_id,
			    .display_name = "resident@demo"};
	for (size_t i = 1; !rc && i < n && p->nreporters < 5; i += n / 4 + 1) {
		char login[32];
		int64_t id = 0;
		snprintf(login, sizeof(login), "nguoidan%zu@demo", p->nreporters);
		if ((rc = account_create(ctx, login, "Người dân", DEMO_PASSWORD, hh[i], &id)))
			break;
		a = ARENA_PUSH(ctx->arena, p->reporters, p->nreporters, cap);
		*a = (struct actor){.account_id = id,
				    .household_id = hh[i],
				    .display_name = arena_strdup(ctx->arena, login)};
	}
	return rc;
}

/* ---------------------------------------------------------------- reports */

/* A made-up photo, re-encoded as any upload. */
static int photo(struct place *p, unsigned seed, struct report_photo_in *out)
{
	unsigned char *data;
	size_t len;
	int rc = media_sample_jpeg(seed, 320, 240, &data, &len, &p->ctx->err);
	if (rc)
		return rc;
	void *copy = arena_alloc(p->ctx->arena, len);
	memcpy(copy, data, len);
	free(data);
	*out = (struct report_photo_in){"anh-hien-truong.jpg", copy, len};
	return 0;
}

/* Act as `who` for one call. */
#define AS(p, who, call)                                                                           \
	({                                                                                         \
		const struct actor *was_ = (p)->ctx->actor;                                        \
		(p)->ctx->actor = (who);                                                           \
		int rc_ = (call);                                                                  \
		(p)->ctx->actor = was_;                                                            \
		rc_;                                                                               \
	})

/* The life of one report made `age` seconds ago, up to now. */
static int live(struct place *p, int64_t id, const struct kind *k, int64_t made, int mine_idx,
		int outcome)
{
	struct dv_ctx *ctx = p->ctx;
	struct rng *r = &p->rng;
	const struct actor *reporter = mine_idx >= 0 ? &p->reporters[mine_idx] : NULL;
	int64_t t = made;
	int rc = 0;
	/* outcome: 0 stays submitted, 1 acknowledged, 2 in progress, 3 resolved (and closed
	 * by time or confirmed), 4 rejected, 5 reopened, 6 merged into an earlier one */
	if (outcome == 0)
		return 0;
	t += 3600 * (2 + below(r, 40));
	if (t >= p->now)
		return 0;
	ctx->now = t;
	if ((rc = report_act(ctx, id, RA_ACKNOWLEDGE, "Đã tiếp nhận, sẽ kiểm tra thực tế.")))
		return rc;
	if (outcome == 4) {
		ctx->now = t + DAY;
		return report_act(
			ctx, id, RA_REJECT,
			"Không thuộc địa bàn phường quản lý; đã hướng dẫn người dân liên hệ "
			"đơn vị phụ trách.");
	}
	if (outcome == 6)
		return 0; /* merged by the caller */
	if (outcome == 1)
		return 0;
	t += DAY * (1 + below(r, 3));
	if (t >= p->now)
		return 0;
	ctx->now = t;
	if ((rc = report_act(ctx, id, RA_START, "Đã giao tổ công tác xử lý.")))
		return rc;
	if (outcome == 2)
		return 0;
	/* most on time, some late: up to 18 days */
	t += DAY * (1 + below(r, chance(r, 75) ? 8 : 18));
	if (t >= p->now)
		return 0;
	ctx->now = t;
	if ((rc = report_act(ctx, id, RA_RESOLVE, k->done[below(r, 2)])))
		return rc;
	if (!reporter)
		return 0;
	/* the reporter answers within days: confirms and rates, or reopens */
	int64_t reply = t + DAY * (1 + below(r, 3));
	if (reply >= p->now)
		return 0;
	ctx->now = reply;
	if (outcome == 5) {
		rc = AS(p, reporter,
			report_reopen(ctx, id, "Mới được vài hôm lại hư như cũ, đề nghị làm lại."));
		if (rc || (reply + 3 * DAY >= p->now))
			return rc;
		ctx->now = reply + 3 * DAY;
		return report_act(ctx, id, RA_START, "Đã cho khảo sát lại.");
	}
	static const char *comments[] = {"Xử lý nhanh, cảm ơn phường.", "Tạm được.",
					 "Làm hơi chậm nhưng đã xong.", ""};
	if (chance(r, 70) && (rc = AS(p, reporter, report_confirm(ctx, id))))
		return rc;
	int stars = 3 + (int)below(r, 3) - (chance(r, 15) ? 2 : 0);
	return AS(p, reporter, report_rate(ctx, id, stars, comments[below(r, 4)]));
}

static int outcome_for(struct rng *r, int64_t age, int mine)
{
	unsigned x = below(r, 100);
	if (age > 40 * DAY)
		return x < 70	? 3
		       : x < 80 ? 4
		       : x < 86 ? 6
		       : x < 93 ? (mine ? 5 : 3)
		       : x < 97 ? 2
				: 0;
	if (age > 10 * DAY)
		return x < 40 ? 3 : x < 65 ? 2 : x < 80 ? 1 : x < 88 ? 0 : x < 94 ? 4 : 6;
	return x < 45 ? 0 : x < 75 ? 1 : x < 90 ? 2 : 3;
}

/* Households of the report's community say "tôi cũng gặp". */
static int supports(struct place *p, int64_t id, int64_t unit, unsigned n)
{
	int64_t *hh;
	size_t nh;
	int rc = ids(p->ctx,
		     "SELECT id FROM household WHERE unit_id = $1 AND status = 'active' "
		     "ORDER BY id",
		     unit, &hh, &nh);
	for (unsigned i = 0; !rc && i < n && i < nh; i++) {
		struct actor a = {.household_id = hh[below(&p->rng, (unsigned)nh)],
				  .display_name = ""};
		struct report rep;
		/* asked first: a refused write would spoil the demo's one transaction
		 * (private reports are never seen by a household; a closed one takes
		 * no more; a household says it once) */
		int may = AS(p, &a, report_get(p->ctx, id, &rep)) == 0 && rep.may_support;
		dv_err_clear(&p->ctx->err);
		if (may)
			rc = AS(p, &a, report_support(p->ctx, id, NULL));
	}
	return rc;
}

static int one_report(struct place *p, int i, int64_t *last_open_tdh)
{
	struct dv_ctx *ctx = p->ctx;
	struct rng *r = &p->rng;
	const struct kind *k = pick_kind(r);
	size_t ki = (size_t)(k - kinds);
	/* a third of them in Tân Đông Hiệp, the rest anywhere in the city */
	int64_t unit = p->communities[below(r, (unsigned)p->ncommunities)];
	int64_t ward = 0;
	if (chance(r, 33))
		unit = p->out->neighborhood_id + below(r, 7);
	if (unit_commune_of(ctx, unit, &ward))
		unit = p->out->neighborhood_id;
	int64_t age = (int64_t)below(r, 365) * DAY + (int64_t)below(r, 14 * 3600) + 6 * 3600;
	if (i < 12)
		age = (int64_t)below(r, 200) * DAY + DAY;
	int64_t made = p->now - age;
	int mine_idx = i < 12	      ? i % (int)p->nreporters
		       : chance(r, 4) ? (int)below(r, (unsigned)p->nreporters)
				      : -1;
	char address[160];
	snprintf(address, sizeof(address), "Hẻm %u, đường %s", 1 + below(r, 80),
		 pick_word(r, &demo_streets));
	struct report_photo_in ph[2];
	size_t nph = chance(r, 15) ? 1 + below(r, 2) : 0;
	int rc = 0;
	for (size_t j = 0; !rc && j < nph; j++)
		rc = photo(p, (unsigned)(i * 7 + j), &ph[j]);
	char lat[24], lon[24];
	snprintf(lat, sizeof(lat), "10.%06u", 880000 + below(r, 60000));
	snprintf(lon, sizeof(lon), "106.%06u", 740000 + below(r, 60000));
	int with_position = chance(r, 60);
	struct report_input in = {.category_id = p->cat[ki],
				  .unit_id = unit,
				  .address = address,
				  .lat = with_position ? lat : NULL,
				  .lon = with_position ? lon : NULL,
				  .description = k->what[below(r, 3)],
				  .source = chance(r, 10) ? SRC_OPEN311 : SRC_WEB,
				  .photos = nph ? ph : NULL,
				  .nphotos = nph};
	int64_t id = 0;
	ctx->now = made;
	if (!rc)
		rc = AS(p, mine_idx >= 0 ? &p->reporters[mine_idx] : &actor_system,
			report_create(ctx, &in, &id, NULL));
	int outcome = outcome_for(r, age, mine_idx >= 0);
	if (outcome == 6 && !*last_open_tdh)
		outcome = 3;
	if (!rc)
		rc = live(p, id, k, made, mine_idx, outcome);
	if (!rc && outcome == 6) {
		struct report target;
		ctx->now = made + 2 * DAY < p->now ? made + 2 * DAY : p->now;
		/* into an earlier report of its ward, when there is one open */
		if (report_get(ctx, *last_open_tdh, &target) == 0 && target.ward_id == ward &&
		    report_status_is_open(target.status))
			rc = report_merge(ctx, id, target.id, "Trùng với phản ánh trước đó.");
		dv_err_clear(&ctx->err);
	}
	if (!rc && chance(r, 25))
		rc = supports(p, id, unit, 1 + below(r, 6));
	if (!rc && ward == p->out->ward_id && outcome <= 2)
		*last_open_tdh = id;
	return rc;
}

/* A report whose text and photo an officer covered, and one for the police
 * that the public never sees; both in the demo neighborhood. */
static int special_reports(struct place *p, int64_t *overdue_report)
{
	struct dv_ctx *ctx = p->ctx;
	struct report_photo_in ph;
	int64_t plate = 0, secret = 0, late = 0;
	int rc = photo(p, 9001, &ph);
	struct report_input in = {.category_id = p->cat[2],
				  .unit_id = p->out->neighborhood_id,
				  .address = "Bãi đất trống cuối hẻm 15, đường Đông Tác",
				  .description =
					  "Xe ba gác của ông Tám ở số 7 đổ xà bần lúc 23 giờ, "
					  "số điện thoại ông 0912 000 111.",
				  .source = SRC_WEB,
				  .photos = &ph,
				  .nphotos = 1};
	ctx->now = p->now - 6 * DAY;
	if (!rc)
		rc = report_create(ctx, &in, &plate, NULL);
	if (!rc)
		rc = report_redact_text(ctx, plate,
					"Xe ba gác đổ xà bần lúc 23 giờ ở bãi đất "
					"trống cuối hẻm.");
	struct report_photo *v;
	size_t n;
	struct report r;
	if (!rc && !(rc = report_get(ctx, plate, &r)) && !(rc = report_photos(ctx, &r, &v, &n)) &&
	    n)
		rc = report_photo_redact(ctx, plate, v[0].file_id,
					 &(struct report_region){55, 40, 30, 20}, 1);
	struct report_input sec = {.category_id = p->cat[8],
				   .unit_id = p->out->neighborhood_id,
				   .address = "Dãy trọ số 40, hẻm 22",
				   .description = "Có người lạ ra vào dãy trọ nhiều đêm liền, nghi "
						  "trộm cắp.",
				   .source = SRC_WEB};
	ctx->now = p->now - 3 * DAY;
	if (!rc)
		rc = AS(p, &p->reporters[0], report_create(ctx, &sec, &secret, NULL));
	/* overdue in the demo neighborhood: a flooded alley, two weeks old, untouched */
	struct report_input flood = {.category_id = p->cat[3],
				     .unit_id = p->out->neighborhood_id,
				     .address = "Hẻm 9, đường Đông Tác",
				     .description =
					     "Mưa lớn là hẻm ngập tới đầu gối, nước tràn vào nhà.",
				     .source = SRC_WEB};
	static const struct report_answer depth[] = {{"depth", "knee"}};
	flood.answers = depth;
	flood.nanswers = 1;
	ctx->now = p->now - 20 * DAY;
	if (!rc)
		rc = report_create(ctx, &flood, &late, NULL);
	if (!rc)
		rc = supports(p, late, p->out->neighborhood_id, 5);
	*overdue_report = late;
	return rc;
}

/* ------------------------------------------------------------ the board */

/* A type-5 matter in community `unit`, decided at a meeting `days` ago
 * where most households came and agreed. */
static int election(struct place *p, int64_t unit, int64_t days, const char *title, int64_t *matter)
{
	struct dv_ctx *ctx = p->ctx;
	int64_t *hh, motion = 0;
	size_t n;
	int rc = ids(ctx,
		     "SELECT id FROM household WHERE unit_id = $1 AND status = 'active' ORDER "
		     "BY id",
		     unit, &hh, &n);
	if (rc)
		return rc;
	*matter = 0;
	if (!n)
		return 0; /* no household, no meeting: this community elects nobody */
	struct matter_input in = {.unit_id = unit,
				  .type = MT_BOARDS,
				  .form = "meeting",
				  .title = title,
				  .body = "Hội nghị cử tri bầu thành viên Ban Thanh tra nhân dân "
					  "phường nhiệm kỳ mới, theo danh sách Ban công tác Mặt "
					  "trận giới thiệu."};
	ctx->now = p->now - days * DAY;
	if ((rc = matter_create(ctx, &in, matter)))
		return rc;
	int64_t starts = time_local_midnight(time_local_date(ctx->now)) + 3 * DAY + 19 * 3600;
	if ((rc = meeting_schedule(ctx, *matter, starts, "Nhà văn hóa khu phố")))
		return rc;
	ctx->now = starts;
	if ((rc = meeting_open(ctx, *matter, "Trưởng khu phố", "Thư ký hội nghị")))
		return rc;
	int64_t present = 0;
	for (size_t i = 0; !rc && i < n; i++)
		if (i % 4 != 3 || n < 4) {
			rc = meeting_check_in(ctx, *matter, hh[i], NULL);
			present++;
		}
	if (!rc)
		rc = motion_add(ctx, *matter, MOTION_MAIN, "", VOTE_HANDS, NULL, &motion);
	ctx->now += 3600;
	if (!rc)
		rc = motion_record(ctx, motion, present - present / 8, present / 8, 0);
	ctx->now += 1800;
	return rc ? rc : meeting_close(ctx, *matter, 0, NULL);
}

/* The board's cases: one from the overdue report, answered; one of its own
 * whose recommendation waits past its deadline; a complaint closed last
 * quarter. */
static int cases(struct place *p, int64_t from_report)
{
	struct dv_ctx *ctx = p->ctx;
	int64_t ward = p->out->ward_id, c1 = 0, c2 = 0, c3 = 0, rec = 0;
	struct grant g = {.role = ROLE_INSPECTOR, .unit_id = ward};
	struct actor inspector = {.display_name = "inspector", .ngrants = 1, .grants = &g};
	struct case_input complaint = {
		.source = "complaint",
		.complainant = "Một hộ kinh doanh ở khu phố Đông An",
		.title = "Thu phí vệ sinh hộ kinh doanh ở chợ Đông An",
		.subject =
			"Hộ kinh doanh phản ánh mức thu phí vệ sinh cao hơn mức phường công khai."};
	ctx->now = p->now - 110 * DAY;
	int rc = AS(p, &inspector, inspection_case_open(ctx, ward, &complaint, &c3));
	if (!rc)
		rc = AS(p, &inspector,
			inspection_entry_add(ctx, c3, "check",
					     "Đối chiếu biên lai thu với mức phí "
					     "đã công khai năm 2027.",
					     "", NULL));
	if (!rc)
		rc = AS(p, &inspector,
			inspection_entry_add(ctx, c3, "finding",
					     "Tổ thu phí thu thêm 10.000 ₫/tháng "
					     "ngoài mức công khai.",
					     "", NULL));
	if (!rc)
		rc = AS(p, &inspector,
			inspection_recommend(ctx, c3,
					     "Đề nghị phường chấn chỉnh tổ thu và hoàn trả "
					     "khoản thu thêm cho các hộ.",
					     &rec));
	ctx->now = p->now - 100 * DAY;
	if (!rc)
		rc = inspection_answer(ctx, rec, "accepted",
				       "Phường đã chấn chỉnh tổ thu và hoàn trả đủ cho 23 hộ.");
	ctx->now = p->now - 95 * DAY;
	if (!rc)
		rc = AS(p, &inspector,
			inspection_case_close(ctx, c3, "Kiến nghị đã được thực hiện đầy đủ."));
	/* from the flooded alley nobody answered */
	struct case_input flood = {.source = "report",
				   .report_id = from_report,
				   .title = "Phản ánh ngập hẻm 9 Đông Tác quá hạn",
				   .subject = "Việc phường tiếp nhận và xử lý phản ánh ngập nước ở "
					      "hẻm 9, khu phố Đông Tác."};
	ctx->now = p->now - 6 * DAY;
	if (!rc)
		rc = AS(p, &inspector, inspection_case_open(ctx, ward, &flood, &c1));
	if (!rc)
		rc = AS(p, &inspector,
			inspection_entry_add(ctx, c1, "check",
					     "Xem sổ tiếp nhận và hiện trường hẻm 9.", "", NULL));
	if (!rc)
		rc = AS(p, &inspector,
			inspection_entry_add(ctx, c1, "finding",
					     "Phản ánh chưa được tiếp nhận sau hơn "
					     "hai tuần; cống đầu hẻm bị tắc.",
					     "", NULL));
	if (!rc)
		rc = AS(p, &inspector,
			inspection_recommend(ctx, c1,
					     "Đề nghị nạo vét cống đầu hẻm 9 và trả lời "
					     "người dân trong tuần.",
					     &rec));
	ctx->now = p->now - 4 * DAY;
	if (!rc)
		rc = inspection_answer(ctx, rec, "partly",
				       "Đã lên kế hoạch nạo vét trong tháng; trả lời người dân qua "
				       "trang phản ánh.");
	/* of its own: street lights, a recommendation past its deadline */
	struct case_input own = {.source = "own",
				 .title = "Sửa chữa đèn đường theo phản ánh của người dân",
				 .subject =
					 "Thời gian xử lý các phản ánh đèn đường hỏng trong quý."};
	ctx->now = p->now - 25 * DAY;
	if (!rc)
		rc = AS(p, &inspector, inspection_case_open(ctx, ward, &own, &c2));
	if (!rc)
		rc = AS(p, &inspector,
			inspection_entry_add(ctx, c2, "finding",
					     "Một phần ba phản ánh đèn đường được "
					     "xử lý quá hạn.",
					     "", NULL));
	if (!rc)
		rc = AS(p, &inspector,
			inspection_recommend(ctx, c2,
					     "Đề nghị phường làm việc với Điện lực Dĩ An về "
					     "thời gian thay bóng đèn.",
					     NULL));
	ctx->now = p->now;
	return rc;
}

static int board(struct place *p, int64_t from_report)
{
	struct dv_ctx *ctx = p->ctx;
	int64_t *nbs;
	size_t n;
	int rc = ids(ctx,
		     "SELECT id FROM unit WHERE parent_id = $1 AND status = 'active' ORDER BY id",
		     p->out->ward_id, &nbs, &n);
	if (rc)
		return rc;
	int elected = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		struct unit u;
		int64_t matter = 0;
		if ((rc = unit_get(ctx, nbs[i], &u)))
			break;
		char title[200], name[96];
		snprintf(title, sizeof(title), "Bầu thành viên Ban Thanh tra nhân dân khu phố %s",
			 u.name);
		if ((rc = election(p, u.id, 200 + (int64_t)i, title, &matter)) || !matter)
			continue;
		int members = i == 0 ? 2 : 1;
		for (int k = 0; !rc && k < members; k++) {
			snprintf(name, sizeof(name), "%s %s %s",
				 pick_word(&p->rng, &demo_family_names),
				 pick_word(&p->rng, &demo_male_middle),
				 pick_word(&p->rng, &demo_male_given));
			rc = board_member_add(ctx, p->out->ward_id, matter, name,
					      i == 0 && k == 0 ? "head"
					      : i == 1	       ? "deputy"
							       : "member",
					      NULL);
			elected++;
		}
	}
	if (rc)
		return rc;
	struct board b;
	ctx->now = p->now - 180 * DAY;
	if ((rc = board_get(ctx, p->out->ward_id, &b)))
		return rc;
	if (board_check_rules(ctx, &b)) {
		dv_err_clear(&ctx->err); /* a demo too small: the board stays forming */
		return 0;
	}
	if ((rc = board_constitute(ctx, p->out->ward_id)))
		return rc;
	return cases(p, from_report);
}

/* ------------------------------------------------------------------ all */

/* The bulk of `danvan demo --reports N`: rows written straight, as the
 * checked path writes them (a report and its first event each), without
 * photos, answers, throttling or an audit row each: one audit row for the
 * load. Spread over the last 90 days, newest last; a third resolved. */
static int bulk(struct place *p, int64_t count)
{
	struct dv_ctx *ctx = p->ctx;
	struct rng *r = &p->rng;
	int rc = 0;
	for (int64_t i = 0; !rc && i < count; i++) {
		const struct kind *k = pick_kind(r);
		size_t ki = (size_t)(k - kinds);
		int64_t unit = p->communities[below(r, (unsigned)p->ncommunities)], ward = 0,
			id = 0;
		int64_t made = p->now - 90 * DAY + (90 * DAY) * i / (count ? count : 1);
		int32_t day = time_local_date(made);
		int resolved = chance(r, 33);
		char token[40];
		snprintf(token, sizeof(token), "bulk-%lld-%llx", (long long)i,
			 (unsigned long long)next(r));
		if ((rc = unit_commune_of(ctx, unit, &ward)))
			break;
		rc = db_int(
			ctx->db, &id, &ctx->err,
			"INSERT INTO report (ward_id, unit_id, category_id, status, address, "
			"lat_e6, lon_e6, description, public_description, source, token, ack_due, "
			"resolve_due, acknowledged_at, resolved_at, created_at, updated_at) VALUES "
			"($1, $2, $3, $4, $5, $6, $7, $8, $8, 'web', $9, $10, $11, $12, $13, $14, "
			"$15) RETURNING id",
			DB_I(ward), DB_I(unit), DB_I(p->cat[ki]),
			DB_T(resolved ? "resolved" : "submitted"),
			DB_T(pick_word(r, &demo_streets)), DB_I(10880000 + below(r, 60000)),
			DB_I(106740000 + below(r, 60000)), DB_T(k->what[below(r, 3)]), DB_T(token),
			DB_I(date_add_working_days(day, 1)), DB_I(date_add_working_days(day, 10)),
			resolved ? DB_I(made + DAY) : DB_NULL,
			resolved ? DB_I(made + 3 * DAY) : DB_NULL, DB_I(made),
			DB_I(resolved ? made + 3 * DAY : made));
		if (!rc)
			rc = db_run(
				ctx->db, &ctx->err,
				"INSERT INTO report_event (report_id, ward_id, kind, status, at) "
				"VALUES ($1, $2, 'submitted', 'submitted', $3)",
				DB_I(id), DB_I(ward), DB_I(made));
	}
	ctx->now = p->now;
	return rc ? rc
		  : ctx_audit(ctx, "report.bulk_load", "unit", p->out->city_id, p->out->city_id,
			      json_pack("{s:I}", "reports", (json_int_t)count));
}

int demo_reports(struct dv_ctx *ctx, struct demo_result *out, const struct demo_options *opt)
{
	struct place *p = arena_new(ctx->arena, struct place);
	memset(p, 0, sizeof(*p));
	p->ctx = ctx;
	p->out = out;
	p->now = ctx->now;
	p->rng.s = opt->seed * 0x9E3779B97F4A7C15ULL + 311;
	int64_t last_open = 0, overdue = 0;
	int rc = setting(p);
	if (!rc)
		rc = reporters(p);
	for (int i = 0; !rc && p->ncommunities && i < DEMO_REPORTS; i++)
		rc = one_report(p, i, &last_open);
	if (!rc)
		rc = special_reports(p, &overdue);
	if (!rc)
		rc = board(p, overdue);
	if (!rc && opt->reports)
		rc = bulk(p, opt->reports);
	ctx->now = p->now;
	return rc;
}

/*
 * The demo's commendation. The 2022 round of the founding document: the
 * city's Mass Mobilization Board proposed 11 collectives and 21 individuals
 * for mass-mobilization work and 11 and 11 for carrying out the grassroots
 * democracy regulation; the city's council (nine members, eight present)
 * passed them on 8 February 2023 and the city's chairman signed the
 * decision on 10 February, a week before the year-end conference; each
 * award has its certificate's code. Also the ward's own council, an open
 * round of Tân Đông Hiệp with two nominations, and one entry of the
 * restricted register. Everyone is synthetic.
 *
 * demo_commendation also sets up what the emulation and titles parts share
 * (the wards' Mass Mobilization Boards) and runs them first.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/awards/council.h"
#include "domain/awards/decision.h"
#include "domain/awards/nomination.h"
#include "domain/awards/restriction.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_impl.h"
#include "domain/demo/demo_names.h"
#include "domain/disclose/notice.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"

static int64_t at(int32_t ymd, int hour)
{
	return time_local_midnight(ymd) + hour * 3600;
}

/* ---------------------------------------------------------------- names */

static uint64_t next(struct demo_awards *d)
{
	uint64_t z = (d->rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static const char *pick(struct demo_awards *d, struct word_list *l)
{
	if (!l->total)
		for (size_t i = 0; i < l->n; i++)
			l->total += l->items[i].weight;
	unsigned x = (unsigned)(next(d) % l->total);
	for (size_t i = 0; i < l->n; i++) {
		if (x < l->items[i].weight)
			return l->items[i].text;
		x -= l->items[i].weight;
	}
	return l->items[0].text;
}

const char *demo_person(struct dv_ctx *ctx, struct demo_awards *d, int male)
{
	return arena_printf(ctx->arena, "%s %s %s", pick(d, &demo_family_names),
			    pick(d, male ? &demo_male_middle : &demo_female_middle),
			    pick(d, male ? &demo_male_given : &demo_female_given));
}

/* ---------------------------------------------------------------- set up */

static int org_of(struct dv_ctx *ctx, int64_t unit, const char *kind, int64_t *id)
{
	int rc = db_int(ctx->db, id, &ctx->err,
			"SELECT id FROM organization WHERE unit_id = $1 AND kind = $2 ORDER BY id "
			"LIMIT 1",
			DB_I(unit), DB_T(kind));
	if (rc == DV_ENOTFOUND)
		*id = 0, rc = 0;
	return rc;
}

static int set_up(struct dv_ctx *ctx, struct demo_awards *d)
{
	struct unit *w;
	size_t n;
	int rc = unit_children(ctx, d->city, &w, &n);
	if (rc || (rc = org_of(ctx, d->city, "agency", &d->city_board)))
		return rc;
	for (size_t i = 0; !rc && i < n && i < DEMO_WARDS_MAX; i++) {
		d->ward[i] = w[i].id;
		d->ward_name[i] = w[i].name;
		rc = org_create(ctx, w[i].id, ORG_AGENCY,
				arena_printf(ctx->arena, "Ban Dân vận Đảng ủy phường %s", w[i].name),
				&d->ward_board[i]);
		if (!rc)
			rc = org_of(ctx, w[i].id, "front", &d->ward_front[i]);
		if (!rc)
			rc = org_of(ctx, w[i].id, "womens_union", &d->ward_women[i]);
		if (!rc)
			rc = org_of(ctx, w[i].id, "youth_union", &d->ward_youth[i]);
		d->nwards++;
	}
	return rc;
}

/* ------------------------------------------------------- the 2022 round */

static const char *const mm_roles[] = {
	"Trưởng ban Dân vận Đảng ủy phường %s",  "Phó Chủ tịch Ủy ban MTTQ phường %s",
	"Chủ tịch Hội Liên hiệp Phụ nữ phường %s", "Bí thư Đoàn phường %s",
	"Trưởng khu phố, phường %s",		   "Công chức Văn hóa – Xã hội phường %s",
	"Chủ tịch Hội Cựu chiến binh phường %s",
};

static const char *const qc_roles[] = {
	"Trưởng ban Thanh tra nhân dân phường %s", "Trưởng ban công tác Mặt trận khu phố, phường %s",
	"Công chức Tư pháp – Hộ tịch phường %s",   "Tổ trưởng tổ hòa giải, phường %s",
};

#define MM_ACHIEVEMENT "Có thành tích xuất sắc trong công tác dân vận năm 2022"
#define QC_ACHIEVEMENT                                                                             \
	"Có thành tích xuất sắc trong thực hiện Quy chế dân chủ ở cơ sở năm 2022"

/* A person not named before in this round: two namesakes with the same
 * achievement would be one achievement twice. Names are compared folded, as
 * the register keys people ("Trần Văn Hưng" and "Trần Văn Hùng" are one
 * key); used[] keeps the folded ones. */
static const char *fresh_person(struct dv_ctx *ctx, struct demo_awards *d, const char **used,
				size_t *nused)
{
	for (;;) {
		const char *name = demo_person(ctx, d, (int)(next(d) % 2));
		const char *folded = text_fold_a(ctx->arena, name);
		size_t i = 0;
		while (i < *nused && strcmp(used[i], folded))
			i++;
		if (i == *nused) {
			used[(*nused)++] = folded;
			return name;
		}
	}
}

/* Propose one, as the city's Mass Mobilization Board. */
static int propose(struct dv_ctx *ctx, struct demo_awards *d, int64_t round,
		   const struct subject_input *who, const char *achievement, const char *source,
		   int64_t source_id)
{
	struct nomination_input in = {.round_id = round,
				      .unit_id = d->city,
				      .organization_id = d->city_board,
				      .subject = *who,
				      .form = "giay_khen_city",
				      .achievement = achievement,
				      .source = source,
				      .source_id = source_id};
	return nomination_create(ctx, &in, NULL);
}

/* 11 collectives and 21 people for mass mobilization; 11 and 11 for the
 * grassroots democracy regulation. */
static int nominations_2022(struct dv_ctx *ctx, struct demo_awards *d, int64_t round)
{
	int rc = 0;
	size_t w = d->nwards, nused = 0;
	const char *used[40];
	/* mass mobilization: the wards' boards (their part in the 2022
	 * movement), then Front committees and Women's Unions */
	for (size_t i = 0; !rc && i < 11; i++) {
		struct subject_input who = {.kind = "organization"};
		who.ref = i < w ? d->ward_board[i] : i % 2 ? d->ward_front[i % w] : d->ward_women[i % w];
		rc = propose(ctx, d, round, &who, MM_ACHIEVEMENT, i < w ? "entry" : NULL,
			     i < w ? d->mm_entry[i] : 0);
	}
	for (size_t i = 0; !rc && i < 21; i++) {
		struct subject_input who = {
			.kind = "individual",
			.name = fresh_person(ctx, d, used, &nused),
			.detail = arena_printf(ctx->arena, mm_roles[i % ARRAY_LEN(mm_roles)],
					       d->ward_name[i % w]),
			.unit_id = d->ward[i % w]};
		rc = propose(ctx, d, round, &who, MM_ACHIEVEMENT, NULL, 0);
	}
	/* grassroots democracy: neighborhoods, Front committees, youth unions */
	struct unit *nbs;
	size_t nn;
	if (!rc)
		rc = unit_children(ctx, d->out->ward_id, &nbs, &nn);
	for (size_t i = 0; !rc && i < 11; i++) {
		struct subject_input who = {.kind = i < nn && i < 5 ? "unit" : "organization"};
		who.ref = i < nn && i < 5 ? nbs[i].id
			  : i % 2	  ? d->ward_front[i % w]
					  : d->ward_youth[i % w];
		rc = propose(ctx, d, round, &who, QC_ACHIEVEMENT, NULL, 0);
	}
	for (size_t i = 0; !rc && i < 11; i++) {
		struct subject_input who = {
			.kind = "individual",
			.name = fresh_person(ctx, d, used, &nused),
			.detail = arena_printf(ctx->arena, qc_roles[i % ARRAY_LEN(qc_roles)],
					       d->ward_name[(i + 2) % w]),
			.unit_id = d->ward[(i + 2) % w]};
		rc = propose(ctx, d, round, &who, QC_ACHIEVEMENT, NULL, 0);
	}
	return rc;
}

static const char *const positions[] = {
	"Chủ tịch Hội đồng", "Phó Chủ tịch Hội đồng", "Phó Chủ tịch Hội đồng", "Ủy viên thường trực",
	"Ủy viên",	     "Ủy viên",		     "Ủy viên",		     "Ủy viên",
	"Ủy viên",
};

static int council(struct dv_ctx *ctx, struct demo_awards *d, int64_t unit, size_t n,
		   int64_t *ids)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++)
		rc = council_member_add(ctx, unit, demo_person(ctx, d, (int)(i % 3 != 1)),
					positions[i % ARRAY_LEN(positions)], &ids[i]);
	return rc;
}

/* The session: eight of nine present; each nomination passes, most of
 * them unanimously. */
static int session_2022(struct dv_ctx *ctx, int64_t round, const int64_t *members)
{
	struct nomination *v;
	size_t n;
	int64_t session = 0;
	ctx->now = at(20230208, 8);
	int rc = council_session_open(ctx, round, NULL, "Hội trường Thành ủy Dĩ An", members, 8,
				      &session);
	if (rc || (rc = nomination_list(ctx, round, &v, &n)))
		return rc;
	for (size_t i = 0; !rc && i < n; i++) {
		const char *votes[8];
		for (int k = 0; k < 8; k++)
			votes[k] = i % 9 == 4 && k == 7 ? "abstain" : "yes";
		ctx->now += 60;
		rc = council_vote(ctx, session, v[i].id, members, votes, 8, NULL);
	}
	ctx->now = at(20230208, 11);
	return rc ? rc : council_session_close(ctx, session);
}

static int round_2022(struct dv_ctx *ctx, struct demo_awards *d)
{
	int64_t round = 0, members[9], decision = 0;
	ctx->now = at(20230105, 9);
	struct award_round_input in = {
		.unit_id = d->city,
		.name = "Khen thưởng thành tích công tác dân vận và thực hiện Quy chế dân chủ ở "
			"cơ sở năm 2022",
		.year = 2022,
		.closes_on = "31/01/2023"};
	int rc = award_round_create(ctx, &in, &round);
	if (!rc)
		rc = council(ctx, d, d->city, 9, members);
	ctx->now = at(20230112, 9);
	if (!rc)
		rc = nominations_2022(ctx, d, round);
	if (!rc)
		rc = session_2022(ctx, round, members);
	ctx->now = at(20230210, 15);
	/* the signer is synthetic like everyone else in the demo */
	const char *signer = demo_person(ctx, d, 1);
	struct decision_input dec = {.round_id = round,
				     .number = "389/QĐ-UBND",
				     .signed_on = "10/02/2023",
				     .authority = "ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN",
				     .signer_title = "CHỦ TỊCH",
				     .signer_name = signer,
				     .place = "Dĩ An"};
	if (!rc)
		rc = award_decide(ctx, &dec, &decision);
	/* its notice archived once posted long enough, years ago */
	struct award_decision dv;
	ctx->now = at(20230310, 9);
	if (!rc && !(rc = award_decision_get(ctx, decision, &dv)) && dv.notice_id)
		rc = notice_archive(ctx, dv.notice_id);
	return rc;
}

/* ------------------------------------------- the ward's round, open now */

static int ward_round(struct dv_ctx *ctx, struct demo_awards *d, int64_t now)
{
	int64_t round = 0, members[7];
	int32_t today = time_local_date(now);
	size_t tdh = 0;
	for (size_t i = 0; i < d->nwards; i++)
		if (d->ward[i] == d->out->ward_id)
			tdh = i;
	ctx->now = now - 5 * 86400;
	struct buf closes = BUF_INIT;
	date_format(&closes, date_add_days(today, 20));
	struct award_round_input in = {
		.unit_id = d->out->ward_id,
		.name = arena_printf(ctx->arena, "Khen thưởng phong trào “Dân vận khéo” năm %d",
				     today / 10000),
		.year = today / 10000,
		.closes_on = arena_strdup(ctx->arena, closes.ptr)};
	buf_release(&closes);
	int rc = award_round_create(ctx, &in, &round);
	if (!rc)
		rc = council(ctx, d, d->out->ward_id, 7, members);
	struct nomination_input n1 = {
		.round_id = round,
		.unit_id = d->out->ward_id,
		.organization_id = d->ward_women[tdh],
		.subject = {.kind = "unit", .ref = d->out->neighborhood_id},
		.form = "giay_khen_ward",
		.achievement = "Vận động Nhân dân cùng làm hẻm bê tông, đèn chiếu sáng và camera an "
			       "ninh"};
	struct nomination_input n2 = {
		.round_id = round,
		.unit_id = d->out->ward_id,
		.subject = {.kind = "individual",
			    .name = demo_person(ctx, d, 0),
			    .detail = "Chi hội trưởng Phụ nữ khu phố Đông Tác",
			    .unit_id = d->out->neighborhood_id},
		.form = "giay_khen_ward",
		.achievement = "Gương mẫu vận động hội viên tham gia mô hình “Hẻm xanh – sạch – "
			       "đẹp”"};
	ctx->now = now - 2 * 86400;
	if (!rc)
		rc = nomination_create(ctx, &n1, NULL);
	if (!rc)
		rc = nomination_create(ctx, &n2, NULL);
	/* one entry of the restricted register: an official under inspection */
	struct restriction_input r = {
		.unit_id = d->out->ward_id,
		.subject = {.kind = "individual",
			    .name = demo_person(ctx, d, 1),
			    .detail = "Cán bộ địa chính phường Tân Đông Hiệp",
			    .unit_id = d->out->ward_id},
		.reason = "inspection",
		.from_on = arena_printf(ctx->arena, "01/%02d/%d", (today / 100) % 100,
					today / 10000),
		.note = "Đang thanh tra việc cấp giấy chứng nhận quyền sử dụng đất."};
	if (!rc)
		rc = restriction_add(ctx, &r, NULL);
	return rc;
}

int demo_commendation(struct dv_ctx *ctx, struct demo_result *out)
{
	struct demo_awards *d = arena_new(ctx->arena, struct demo_awards);
	int64_t now = ctx->now;
	d->out = out;
	d->city = out->city_id;
	d->rng = 0x44616e56616eULL ^ (uint64_t)out->households;
	int rc = set_up(ctx, d);
	if (!rc && !d->nwards)
		return 0;
	if (!rc)
		rc = demo_emulation(ctx, d);
	if (!rc)
		rc = demo_titles(ctx, d);
	if (!rc)
		rc = round_2022(ctx, d);
	if (!rc)
		rc = demo_plans(ctx, d);
	if (!rc)
		rc = ward_round(ctx, d, now);
	ctx->now = now;
	return rc;
}

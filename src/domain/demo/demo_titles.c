/*
 * A year of "Gia đình văn hóa" in Tân Đông Hiệp, the last year whose
 * decision day has passed: households register in January, the ward
 * records two exclusions, each neighborhood holds its evaluation meeting in
 * March (a community meeting with its invitation, register and count;
 * one household in nine gets too few hands),
 * sends its proposal, the chairman decides on 20 November and the list is
 * published as a notice eight days later.
 */
#include <string.h>

#include "base/date.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_impl.h"
#include "domain/disclose/notice.h"
#include "domain/registry/household.h"
#include "domain/registry/unit.h"
#include "domain/titles/title.h"

static int64_t at(int32_t ymd, int hour)
{
	return time_local_midnight(ymd) + hour * 3600;
}

/* Every active household of a community, by id. Arena array. */
static int households_of(struct dv_ctx *ctx, int64_t unit, int64_t **ids, size_t *n)
{
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	for (int64_t offset = 0;; offset += HOUSEHOLD_PAGE_MAX) {
		struct household *v;
		size_t k;
		int more;
		int rc = household_list(ctx, unit, NULL, offset, HOUSEHOLD_PAGE_MAX, &v, &k, &more);
		if (rc)
			return rc;
		for (size_t i = 0; i < k; i++)
			*ARENA_PUSH(ctx->arena, *ids, *n, cap) = v[i].id;
		if (!more)
			return 0;
	}
}

/* Register most households: all but every seventh (the first always). */
static int register_community(struct dv_ctx *ctx, int64_t round, int64_t unit, size_t *registered)
{
	int64_t *ids;
	size_t n, k = 0;
	*registered = 0;
	int rc = households_of(ctx, unit, &ids, &n);
	if (rc || !n)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (i % 7 != 6)
			ids[k++] = ids[i];
	/* a large city's community holds more than one request may register */
	for (size_t i = 0; !rc && i < k; i += TITLE_REGISTER_MAX) {
		size_t added = 0, m = k - i < TITLE_REGISTER_MAX ? k - i : TITLE_REGISTER_MAX;
		rc = title_register(ctx, round, ids + i, m, &added);
		*registered += added;
	}
	return rc;
}

/* The community's meeting on day `day` at 19:00: about seven in ten
 * households come; most households get nearly every hand. */
static int evaluate_community(struct dv_ctx *ctx, int64_t round, int64_t unit, int32_t day)
{
	int64_t matter = 0, motion = 0, *ids;
	size_t n;
	struct title_candidate *c;
	size_t nc;
	struct meeting m;
	ctx->now = at(day, 19) - 10 * 86400;
	int rc = title_meeting_call(ctx, round, unit, at(day, 19),
				    "Nhà văn hóa khu phố", &matter);
	if (rc)
		return rc;
	ctx->now = at(day, 19);
	if ((rc = meeting_open(ctx, matter, "Trưởng khu phố", "Thư ký Ban công tác Mặt trận")) ||
	    (rc = households_of(ctx, unit, &ids, &n)))
		return rc;
	for (size_t i = 0; !rc && i < n; i++)
		if (i == 0 || i % 10 < 7)
			rc = meeting_check_in(ctx, matter, ids[i], NULL);
	if (rc || (rc = meeting_load(ctx, matter, &m)) ||
	    (rc = title_candidates(ctx, round, unit, &c, &nc)))
		return rc;
	ctx->now += 1800;
	for (size_t i = 0; !rc && i < nc; i++) {
		if (c[i].status == TC_EXCLUDED)
			continue;
		/* one in nine gets fewer than half the hands */
		int64_t yes = i % 9 == 4 ? m.present / 3 : m.present - (int64_t)(i % 3);
		if (yes < 0)
			yes = 0;
		rc = title_vote(ctx, c[i].id, yes, m.present - yes, 0);
	}
	ctx->now += 1800;
	if (!rc)
		rc = motion_add(ctx, matter, MOTION_MAIN, "Thông qua danh sách hộ đề nghị công nhận "
							  "Gia đình văn hóa",
				VOTE_HANDS, NULL, &motion);
	if (!rc)
		rc = motion_record(ctx, motion, m.present, 0, 0);
	if (!rc)
		rc = meeting_close(ctx, matter, 0, NULL);
	ctx->now += 86400;
	if (!rc)
		rc = title_propose(ctx, round, unit);
	/* the invitation has done its work: archived, as the head would */
	return rc ? rc : notice_archive(ctx, m.notice_id);
}

int demo_titles(struct dv_ctx *ctx, struct demo_awards *d)
{
	int64_t now = ctx->now, round = 0;
	int32_t today = time_local_date(now);
	/* the last year whose decision day has passed */
	int y = today / 10000;
	if (today <= y * 10000 + 1125)
		y--;
	struct unit *kids;
	size_t nk;
	ctx->now = at(y * 10000 + 110, 9);
	int rc = title_round_open(ctx, "family", d->out->ward_id, y, &round);
	if (rc || (rc = unit_children(ctx, d->out->ward_id, &kids, &nk)))
		goto done;
	size_t *registered = arena_array(ctx->arena, size_t, nk + 1);
	for (size_t i = 0; !rc && i < nk; i++)
		rc = register_community(ctx, round, kids[i].id, &registered[i]);
	/* two households excluded by the ward, in the second and third
	 * neighborhoods: never shown to the public */
	ctx->now = at(y * 10000 + 220, 9);
	for (size_t i = 1; !rc && i < nk && i < 3; i++) {
		struct title_candidate *c;
		size_t nc;
		if ((rc = title_candidates(ctx, round, kids[i].id, &c, &nc)) || nc < 2)
			continue;
		rc = title_exclude(ctx, c[1].id, i == 1 ? "domestic_violence" : "social_evils",
				   "Theo thông báo của Công an phường.");
	}
	for (size_t i = 0; !rc && i < nk; i++)
		if (registered[i])
			rc = evaluate_community(ctx, round, kids[i].id,
						y * 10000 + 310 + (int32_t)i);
	ctx->now = at(y * 10000 + 1120, 9);
	if (!rc)
		rc = title_decide(ctx, round, arena_printf(ctx->arena, "%d/QĐ-UBND", 200 + y % 100),
				  arena_printf(ctx->arena, "20/11/%d", y), "Phạm Minh Tâm");
	ctx->now = at(y * 10000 + 1128, 9);
	int late = 0;
	if (!rc)
		rc = title_publish(ctx, round, &late);
done:
	ctx->now = now;
	return rc;
}

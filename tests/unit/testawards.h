/*
 * A small commendation setting shared by the awards tests: the city of the
 * test tree runs a round; Tân Đông Hiệp proposes; the city's council has
 * nine members. Header-only (static functions), included by each test.
 */
#ifndef DV_TESTAWARDS_H
#define DV_TESTAWARDS_H

#include "testlib.h"

#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "domain/awards/council.h"
#include "domain/awards/decision.h"
#include "domain/awards/nomination.h"
#include "domain/awards/restriction.h"
#include "domain/perm.h"
#include "domain/registry/org.h"

struct setting {
	struct test_tree t;
	int64_t round;
	int64_t members[9];
	int64_t womens_union, front; /* of Tân Đông Hiệp */
	const struct actor *admin, *ward, *council, *inspector;
};

static inline const char *day_from_now(struct dv_ctx *ctx, int offset)
{
	struct buf b = BUF_INIT;
	date_format(&b, date_add_days(time_local_date(ctx->now), offset));
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

static inline void setting_build(struct dv_ctx *ctx, struct setting *s)
{
	test_tree_build(ctx, &s->t);
	assert_ok(ctx, org_create(ctx, s->t.tdh, ORG_WOMENS_UNION,
				  "Hội Liên hiệp Phụ nữ phường Tân Đông Hiệp", &s->womens_union));
	assert_ok(ctx, org_create(ctx, s->t.tdh, ORG_FRONT,
				  "Ủy ban MTTQ Việt Nam phường Tân Đông Hiệp", &s->front));
	s->admin = test_actor(ctx, ROLE_CITY_ADMIN, s->t.city, 0);
	s->ward = test_actor(ctx, ROLE_WARD_OFFICER, s->t.tdh, 0);
	s->council = test_actor(ctx, ROLE_COUNCIL, s->t.city, 0);
	s->inspector = test_actor(ctx, ROLE_INSPECTOR, s->t.city, 0);
	ctx->actor = s->admin;
	struct award_round_input in = {.unit_id = s->t.city,
				       .name = "Khen thưởng công tác dân vận",
				       .year = time_local_date(ctx->now) / 10000,
				       .closes_on = day_from_now(ctx, 10)};
	assert_ok(ctx, award_round_create(ctx, &in, &s->round));
	for (int i = 0; i < 9; i++)
		assert_ok(ctx, council_member_add(ctx, s->t.city,
						  arena_printf(ctx->arena, "Thành viên %d", i + 1),
						  i ? "Ủy viên" : "Chủ tịch Hội đồng", &s->members[i]));
}

/* Propose a collective (an organization) or a person named, as the ward. */
static inline int propose(struct dv_ctx *ctx, struct setting *s, const char *kind, int64_t ref,
			  const char *name, const char *form, const char *achievement,
			  int64_t *id)
{
	const struct actor *was = ctx->actor;
	ctx->actor = s->ward;
	struct nomination_input in = {.round_id = s->round,
				      .unit_id = s->t.tdh,
				      .subject = {.kind = kind,
						  .ref = ref,
						  .name = name,
						  .detail = name ? "Cán bộ phường" : NULL,
						  .unit_id = s->t.tdh},
				      .form = form,
				      .achievement = achievement};
	int rc = nomination_create(ctx, &in, id);
	ctx->actor = was;
	return rc;
}

/* A session with the first k members present, as the council. */
static inline int64_t session_with(struct dv_ctx *ctx, struct setting *s, int k)
{
	int64_t id;
	ctx->actor = s->council;
	assert_ok(ctx, council_session_open(ctx, s->round, NULL, "Hội trường Thành ủy", s->members,
					    (size_t)k, &id));
	return id;
}

/* Every member present votes: the first `yes` agree, the others disagree. */
static inline int vote(struct dv_ctx *ctx, struct setting *s, int64_t session, int64_t nomination,
		       int present, int yes, int *passed)
{
	const char *votes[9];
	for (int i = 0; i < present; i++)
		votes[i] = i < yes ? "yes" : "no";
	return council_vote(ctx, session, nomination, s->members, votes, (size_t)present, passed);
}

#endif

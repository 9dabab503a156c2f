/*
 * The supervision board of a work (domain/works/board.h): its rules at
 * their limits on both sides, where resident members come from, who sets
 * it up, its findings, and its end.
 */
#include "works_fixture.h"

#include "domain/rules.h"

/* A board of n members: one head from the front, `deputies` deputies,
 * `residents` residents elected at the fixture's meeting, the others from
 * the inspection board. */
static int board_of(struct dv_ctx *ctx, struct wfx *f, int64_t work, size_t n, int deputies,
		    int residents, int heads)
{
	struct board_member_input m[BOARD_MEMBERS_MAX + 1];
	for (size_t i = 0; i < n; i++) {
		int resident = (int)i >= (int)n - residents;
		m[i] = (struct board_member_input){
			.name = arena_printf(ctx->arena, "Thành viên %zu", i + 1),
			.role = (int)i < heads		    ? "head"
				: (int)i < heads + deputies ? "deputy"
							    : "member",
			.origin = i == 0     ? "front"
				  : resident ? "resident"
					     : "inspection",
			.matter_id = resident ? f->election : 0,
		};
	}
	ctx->actor = f->front;
	return board_set(ctx, work, m, n);
}

static void the_board_rules_at_their_limits(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f);
	/* at least five members */
	assert_int_equal(board_of(ctx, &f, id, 4, 1, 2, 1), DV_EINVAL);
	assert_string_equal(ctx->err.field, "members");
	assert_non_null(strstr(ctx->err.msg, "at least 5"));
	assert_ok(ctx, board_of(ctx, &f, id, 5, 1, 2, 1));
	/* at most two deputies */
	assert_int_equal(board_of(ctx, &f, id, 6, 3, 2, 1), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "deputy"));
	assert_ok(ctx, board_of(ctx, &f, id, 6, 2, 2, 1));
	/* at most five residents elected at a meeting */
	assert_int_equal(board_of(ctx, &f, id, 7, 1, 6, 1), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "supervision_residents_max"));
	assert_ok(ctx, board_of(ctx, &f, id, 7, 1, 5, 1));
	/* one head, no fewer, no more */
	assert_int_equal(board_of(ctx, &f, id, 5, 1, 2, 0), DV_EINVAL);
	assert_int_equal(board_of(ctx, &f, id, 5, 0, 2, 2), DV_EINVAL);
	/* a deployment that sets six as the least: five are too few */
	ctx->actor = &actor_system;
	assert_ok(ctx, rule_set(ctx, RULE_SUPERVISION_MIN, 6));
	assert_int_equal(board_of(ctx, &f, id, 5, 1, 2, 1), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "at least 6"));
	assert_ok(ctx, board_of(ctx, &f, id, 6, 1, 2, 1));
	/* the last accepted board is the board */
	struct board_member *m;
	size_t n;
	int dissolved;
	assert_ok(ctx, board_list(ctx, id, &m, &n, &dissolved));
	assert_int_equal(n, 6);
	assert_false(dissolved);
	assert_int_equal(m[0].role, BR_HEAD);
	assert_int_equal(m[1].role, BR_DEPUTY);
	test_ctx_free(ctx);
}

static void resident_members_are_elected_at_a_meeting(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f);
	struct board_member_input m[5] = {
		{"Nguyễn Văn Bình", "head", "front", 0, NULL},
		{"Trần Thị Cúc", "deputy", "inspection", 0, NULL},
		{"Lê Văn Dũng", "member", "resident", 0, NULL},
		{"Phạm Thị Én", "member", "resident", f.election, NULL},
		{"Hồ Văn Giàu", "member", "resident", f.election, NULL},
	};
	ctx->actor = f.front;
	assert_int_equal(board_set(ctx, id, m, 5), DV_EINVAL); /* member 3 elected by nobody */
	assert_non_null(strstr(ctx->err.msg, "3"));
	m[2].matter_id = f.decision; /* a matter of contributions elects nobody */
	assert_int_equal(board_set(ctx, id, m, 5), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "type 5"));
	/* a meeting that voted the members down */
	int64_t lost = wfx_elect(ctx, &f, 5);
	m[2].matter_id = lost;
	ctx->actor = f.front;
	assert_int_equal(board_set(ctx, id, m, 5), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "has not passed"));
	m[2].matter_id = f.election;
	m[2].login = "nobody@test";
	assert_int_equal(board_set(ctx, id, m, 5), DV_EINVAL);
	m[2].login = f.logins[0];
	m[3].login = f.logins[0];
	assert_int_equal(board_set(ctx, id, m, 5), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "same account"));
	m[3].login = NULL;
	/* the head whose spending it watches does not set it up; the front
	 * committee and the ward do */
	ctx->actor = f.head;
	assert_int_equal(board_set(ctx, id, m, 5), DV_EPERM);
	ctx->actor = f.other_ward;
	assert_int_equal(board_set(ctx, id, m, 5), DV_EPERM);
	ctx->actor = f.ward;
	assert_ok(ctx, board_set(ctx, id, m, 5));
	int64_t seat = 0;
	ctx->actor = wfx_member(ctx, &f, 0);
	assert_ok(ctx, board_seat(ctx, id, &seat));
	assert_true(seat > 0);
	test_ctx_free(ctx);
}

static void findings_and_the_end_of_the_board(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f), fid = 0, seat = 0;
	wfx_board(ctx, &f, id);
	ctx->actor = f.head;
	assert_int_equal(finding_add(ctx, id, "Bê tông mỏng", NULL), DV_EPERM);
	ctx->actor = wfx_member(ctx, &f, 3);
	assert_int_equal(finding_add(ctx, id, "  ", NULL), DV_EINVAL);
	assert_ok(ctx, finding_add(ctx, id, "Đoạn đầu hẻm đổ bê tông mỏng hơn thiết kế.", &fid));
	struct finding *v;
	size_t n;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, finding_list(ctx, id, &v, &n));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].member, "Phạm Thị Én");
	/* cancelled: the board dissolves, its seats are gone */
	ctx->actor = f.head;
	assert_ok(ctx, work_cancel(ctx, id, "Nhà nước đầu tư toàn bộ"));
	ctx->actor = wfx_member(ctx, &f, 3);
	assert_ok(ctx, board_seat(ctx, id, &seat));
	assert_int_equal(seat, 0);
	assert_int_equal(finding_add(ctx, id, "Sau khi hủy", NULL), DV_EPERM);
	struct board_member *m;
	int dissolved = 0;
	assert_ok(ctx, board_list(ctx, id, &m, &n, &dissolved));
	assert_true(dissolved);
	assert_int_equal(n, 5);
	ctx->actor = f.front;
	struct board_member_input again[1] = {{"X", "head", "front", 0, NULL}};
	assert_int_equal(board_set(ctx, id, again, 1), DV_ECONFLICT);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_board_rules_at_their_limits),
		cmocka_unit_test(resident_members_are_elected_at_a_meeting),
		cmocka_unit_test(findings_and_the_end_of_the_board),
	};
	return test_run(tests);
}

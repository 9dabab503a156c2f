/*
 * The demo's matters, in the demo neighborhood: its community rules
 * decided at a meeting a month ago (closed, with its minutes), one decided
 * by household ballots three weeks ago (closed, with its tally,
 * resident@demo's household among those who voted, its receipt kept in the
 * demo's result), and one open now in
 * which it has not voted yet; and the head's election, called for eight
 * days on.
 */
#include <string.h>

#include "base/date.h"
#include "domain/demo/demo.h"
#include "domain/decide/election.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"

/* Act as the representative of household hid for one ballot; *receipt
 * (or NULL) gets its receipt. */
static int vote_as(struct dv_ctx *ctx, int64_t nb, int64_t hid, int64_t matter, const char *choice,
		   const char **receipt)
{
	const struct actor *was = ctx->actor;
	struct grant g = {.role = ROLE_REPRESENTATIVE, .unit_id = nb};
	struct actor a = {.household_id = hid, .display_name = "", .ngrants = 1, .grants = &g};
	ctx->actor = &a;
	int rc = ballot_cast(ctx, matter, choice, receipt);
	ctx->actor = was;
	return rc;
}

/* Households of the neighborhood but resident@demo's, by id. */
static int households(struct dv_ctx *ctx, const struct demo_result *out, int64_t **ids, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id FROM household WHERE unit_id = $1 AND status = 'active' "
			  "AND id <> $2 ORDER BY id",
			  DB_I(out->neighborhood_id), DB_I(out->household_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, *ids, *n, cap) = db_col_int(st, 0);
	return rc < 0 ? rc : 0;
}

static int64_t make(struct dv_ctx *ctx, const struct demo_result *out, const char *title,
		    const char *body, int *rc)
{
	struct matter_input in = {.unit_id = out->neighborhood_id,
				  .type = MT_CONTRIBUTIONS,
				  .form = "ballot",
				  .title = title,
				  .body = body};
	int64_t id = 0;
	*rc = matter_create(ctx, &in, &id);
	return id;
}

/* A month ago: the community rules, at a meeting two thirds came to. */
static int demo_meeting(struct dv_ctx *ctx, const struct demo_result *out, const int64_t *ids,
			size_t n, int64_t now)
{
	struct matter_input in = {.unit_id = out->neighborhood_id,
				  .type = MT_RULES,
				  .form = "meeting",
				  .title = "Sửa đổi quy ước khu phố Đông Tác về giữ gìn vệ sinh, "
					   "trật tự hẻm",
				  .body = "Bổ sung quy định giờ đổ rác, giữ lối đi chung thông "
					  "thoáng và không để xe trên vỉa hè sau 22 giờ."};
	int64_t id = 0, motion = 0, present = 0;
	ctx->now = now - 30 * 86400;
	int rc = matter_create(ctx, &in, &id);
	/* 19:30, two days later */
	int64_t starts = time_local_midnight(time_local_date(ctx->now)) + 2 * 86400 + 19 * 3600 +
			 1800;
	if (!rc)
		rc = meeting_schedule(ctx, id, starts, "Nhà văn hóa khu phố Đông Tác");
	ctx->now = starts;
	if (!rc)
		rc = meeting_open(ctx, id, "Trưởng khu phố Đông Tác", "Lê Thị Thu Hà");
	/* two in three came, resident@demo's household among them (all of
	 * them in a community too small for two in three to be a quorum) */
	if (!rc && !(rc = meeting_check_in(ctx, id, out->household_id, NULL)))
		present++;
	for (size_t i = 0; !rc && i < n; i++)
		if (i % 3 != 2 || 3 * (n + 1) < 12) {
			rc = meeting_check_in(ctx, id, ids[i], NULL);
			present++;
		}
	if (!rc)
		rc = motion_add(ctx, id, MOTION_MAIN, "", VOTE_HANDS, NULL, &motion);
	ctx->now += 3600;
	if (!rc)
		rc = motion_record(ctx, motion, present - present / 5, present / 10,
				   present / 5 - present / 10);
	ctx->now += 1800;
	if (!rc)
		rc = meeting_close(ctx, id, 0, NULL);
	ctx->now = now;
	return rc;
}

/* Coming: the head's election in eight days, its plan issued 25 days ago,
 * its election team set up today. */
static int demo_election(struct dv_ctx *ctx, const struct demo_result *out, int64_t now)
{
	static const char *candidates[] = {"Nguyễn Văn Toàn", "Phạm Thị Lan"};
	struct matter_input in = {.unit_id = out->neighborhood_id,
				  .type = MT_HEAD,
				  .form = "meeting",
				  .title = "Bầu tổ trưởng tổ dân phố khu phố Đông Tác nhiệm kỳ 2027–2029",
				  .body = "Hội nghị cử tri bầu tổ trưởng bằng hình thức bỏ phiếu kín. "
					  "Ban công tác Mặt trận giới thiệu hai ứng cử viên; hộ gia "
					  "đình có thể giới thiệu thêm đến trước ngày bầu.",
				  .options = candidates,
				  .noptions = 2};
	int64_t id = 0;
	int rc = matter_create(ctx, &in, &id);
	if (!rc) {
		struct buf day = BUF_INIT;
		date_format(&day, date_add_days(time_local_date(now), -25));
		rc = election_plan(ctx, id, day.ptr);
		buf_release(&day);
	}
	int64_t starts = time_local_midnight(time_local_date(now)) + 8 * 86400 + 19 * 3600 + 1800;
	if (!rc)
		rc = meeting_schedule(ctx, id, starts, "Nhà văn hóa khu phố Đông Tác");
	if (!rc)
		rc = election_team(ctx, id, "Lê Thị Thu Hà\nTrần Quốc Việt\nĐỗ Thị Mai");
	return rc;
}

int demo_matters(struct dv_ctx *ctx, struct demo_result *out)
{
	int64_t *ids, now = ctx->now;
	size_t n;
	int rc = households(ctx, out, &ids, &n);
	if (rc || (rc = demo_meeting(ctx, out, ids, n, now)))
		return rc;
	/* three weeks ago: the alley's contributions, decided by ballots */
	ctx->now = now - 21 * 86400;
	int64_t done = make(ctx, out, "Mức đóng góp bê tông hóa hẻm 15 khu phố Đông Tác",
			    "Đề nghị mỗi hộ trong hẻm đóng góp 1.500.000 ₫ (hộ khó khăn được "
			    "miễn) để cùng ngân sách phường bê tông hóa hẻm, lắp đèn và camera.",
			    &rc);
	if (rc || (rc = matter_open(ctx, done, ctx->now + 7 * 86400)))
		return rc;
	out->contributions_matter = done;
	for (size_t i = 0; !rc && i < n; i++)
		if (i % 10 < 7) /* seven in ten households voted, most of them for */
			rc = vote_as(ctx, out->neighborhood_id, ids[i], done,
				     i % 10 == 6 ? "no" : "yes", NULL);
	/* resident@demo's household too: the receipt it kept is in the public
	 * tally (the demo prints it, as the household would have noted it) */
	if (!rc)
		rc = vote_as(ctx, out->neighborhood_id, out->household_id, done, "yes",
			     &out->receipt);
	ctx->now = now;
	int closed;
	if (rc || (rc = matter_close_due(ctx, &closed)))
		return rc;
	/* now: the cameras' running costs, open for ten more days */
	int64_t open = make(ctx, out, "Chi phí duy trì camera an ninh hẻm 15 năm 2027",
			    "Đề nghị mỗi hộ đóng 20.000 ₫/tháng để trả phí lưu trữ và sửa chữa "
			    "camera. Ban điều hành công khai thu chi hằng quý.",
			    &rc);
	if (rc || (rc = matter_open(ctx, open, now + 10 * 86400)))
		return rc;
	for (size_t i = 0; !rc && i < n / 3; i++)
		rc = vote_as(ctx, out->neighborhood_id, ids[i], open, i % 4 ? "yes" : "abstain",
			     NULL);
	return rc ? rc : demo_election(ctx, out, now);
}

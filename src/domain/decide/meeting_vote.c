/*
 * What a meeting votes, and closing it: the motions (the matter itself, the
 * counting committee a secret ballot needs, others), their counts, and the
 * decision (meeting.h).
 */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/decide/matter_impl.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"
#include "domain/rules.h"

static const struct motion *find_kind(const struct meeting *m, enum motion_kind k)
{
	for (size_t i = 0; i < m->nmotions; i++)
		if (m->motions[i].kind == k)
			return &m->motions[i];
	return NULL;
}

static int has_committee(const struct meeting *m)
{
	for (size_t i = 0; i < m->nmotions; i++)
		if (m->motions[i].kind == MOTION_COUNTERS && m->motions[i].passed)
			return 1;
	return 0;
}

static int add_tx(struct dv_ctx *ctx, int64_t id, enum motion_kind kind, const char *text,
		  enum motion_method method, const char *members, int64_t *motion)
{
	struct matter mt;
	struct meeting m;
	int rc = meeting_get(ctx, id, &mt, &m);
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, mt.unit_id)))
		return rc;
	if (m.status != MEET_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The meeting is not in session");
	if (m.nmotions >= MOTIONS_MAX)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "At most %d motions", MOTIONS_MAX);
	if (kind == MOTION_MAIN && find_kind(&m, MOTION_MAIN))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The matter has been put to the vote");
	if (kind == MOTION_MAIN && mt.type == MT_HEAD && method != VOTE_SECRET)
		return dv_fail(&ctx->err, DV_EINVAL, "method",
			       "A community head is elected by secret ballot");
	if (method == VOTE_SECRET && !has_committee(&m))
		return dv_fail(&ctx->err, DV_EINVAL, "method",
			       "A secret ballot needs a counting committee the meeting has approved");
	if (kind == MOTION_MAIN && !*text)
		text = mt.title;
	if (!*text)
		return dv_fail(&ctx->err, DV_EINVAL, "text", "Say what is put to the vote");
	rc = db_int(ctx->db, motion, &ctx->err,
		    "INSERT INTO motion (matter_id, kind, text, method, members, created_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
		    DB_I(id), DB_T(motion_kind_name(kind)), DB_T(text),
		    DB_T(motion_method_name(method)), DB_T(members), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "motion.add", "matter", id, mt.unit_id,
			       json_pack("{s:I, s:s, s:s}", "motion", (json_int_t)*motion, "kind",
					 motion_kind_name(kind), "text", text));
	return rc;
}

int motion_add(struct dv_ctx *ctx, int64_t matter_id, enum motion_kind kind, const char *text_in,
	       enum motion_method method, const char *members_in, int64_t *id_out)
{
	const char *text, *members = "";
	int64_t id = 0;
	if ((unsigned)kind >= MOTION_KIND_COUNT)
		return dv_fail(&ctx->err, DV_EINVAL, "kind", "Unknown kind of motion");
	int rc = text_clean(ctx->arena, text_in, text_in ? strlen(text_in) : 0, MOTION_TEXT_MAX,
			    TEXT_MULTILINE, "text", &text, &ctx->err);
	if (!rc && kind == MOTION_COUNTERS) {
		method = VOTE_HANDS; /* the committee is approved by hands */
		rc = committee_clean(ctx, members_in, "members", &members);
	}
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, add_tx(ctx, matter_id, kind, text, method, members, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int motion_matter(struct dv_ctx *ctx, int64_t motion_id, int64_t *matter_id)
{
	int rc = db_int(ctx->db, matter_id, &ctx->err, "SELECT matter_id FROM motion WHERE id = $1",
			DB_I(motion_id));
	return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such motion") : rc;
}

/* A motion that can be counted now: its matter and meeting loaded, the
 * meeting in session and quorate, the motion not voted. *by_option: it is
 * the main motion of a matter with its own options (candidates). */
static int votable(struct dv_ctx *ctx, int64_t motion_id, struct matter *mt, struct meeting *m,
		   int *by_option)
{
	int64_t matter_id = 0;
	int rc = motion_matter(ctx, motion_id, &matter_id);
	if (rc || (rc = meeting_get(ctx, matter_id, mt, m)) ||
	    (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, mt->unit_id)))
		return rc;
	const struct motion *o = NULL;
	for (size_t i = 0; i < m->nmotions; i++)
		if (m->motions[i].id == motion_id)
			o = &m->motions[i];
	if (m->status != MEET_OPEN || !o)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The meeting is not in session");
	if (o->decided)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "This motion has been voted");
	if (!m->quorate)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The meeting is not quorate: %lld of %lld representatives are "
			       "present, more than %d%% are needed",
			       (long long)m->present, (long long)m->eligible, m->quorum);
	*by_option = o->kind == MOTION_MAIN && !mt->yesno;
	return 0;
}

static int write_count(struct dv_ctx *ctx, const struct matter *mt, const struct meeting *m,
		       int64_t motion_id, int64_t yes, int64_t no, int64_t abstain, int passed,
		       int majority)
{
	int rc = db_run(ctx->db, &ctx->err,
			"UPDATE motion SET yes = $1, no = $2, abstain = $3, present = $4, "
			"majority = $5, passed = $6, decided_at = $7 WHERE id = $8",
			DB_I(yes), DB_I(no), DB_I(abstain), DB_I(m->present), DB_I(majority),
			DB_I(passed), DB_I(ctx->now), DB_I(motion_id));
	if (!rc)
		rc = ctx_audit(ctx, "motion.vote", "matter", mt->id, mt->unit_id,
			       json_pack("{s:I, s:I, s:I, s:I, s:I, s:b}", "motion",
					 (json_int_t)motion_id, "yes", (json_int_t)yes, "no",
					 (json_int_t)no, "abstain", (json_int_t)abstain, "present",
					 (json_int_t)m->present, "passed", passed));
	return rc;
}

static int record_tx(struct dv_ctx *ctx, int64_t motion_id, int64_t yes, int64_t no,
		     int64_t abstain)
{
	struct matter mt;
	struct meeting m;
	int by_option;
	int rc = votable(ctx, motion_id, &mt, &m, &by_option);
	if (rc)
		return rc;
	if (by_option)
		return dv_fail(&ctx->err, DV_EINVAL, NULL, "Count the votes of each option");
	if (yes < 0 || no < 0 || abstain < 0 || yes + no + abstain > m.present)
		return dv_fail(&ctx->err, DV_EINVAL, "yes",
			       "The counts must add up to at most the %lld representatives present",
			       (long long)m.present);
	int majority = (int)rule_value(ctx, RULE_MOTION_MAJORITY);
	return write_count(ctx, &mt, &m, motion_id, yes, no, abstain,
			   rule_exceeds(yes, m.present, majority), majority);
}

static int record_options_tx(struct dv_ctx *ctx, int64_t motion_id, const int64_t *counts,
			     size_t n)
{
	struct matter mt;
	struct meeting m;
	int by_option;
	int64_t sum = 0, best = -1;
	size_t ties = 0;
	int rc = votable(ctx, motion_id, &mt, &m, &by_option);
	if (rc)
		return rc;
	if (!by_option || n != mt.noptions)
		return dv_fail(&ctx->err, DV_EINVAL, NULL, "Count the votes of each option");
	for (size_t i = 0; i < n; i++) {
		if (counts[i] < 0)
			return dv_fail(&ctx->err, DV_EINVAL, "yes", "A count cannot be negative");
		sum += counts[i];
		ties = counts[i] == best ? ties + 1 : counts[i] > best ? 0 : ties;
		if (counts[i] > best)
			best = counts[i];
	}
	if (sum > m.present)
		return dv_fail(&ctx->err, DV_EINVAL, "yes",
			       "The counts must add up to at most the %lld representatives present",
			       (long long)m.present);
	int majority = (int)rule_value(ctx, RULE_MOTION_MAJORITY);
	int passed = !ties && rule_exceeds(best, m.present, majority);
	for (size_t i = 0; !rc && i < n; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO motion_vote (motion_id, option_code, votes) VALUES ($1, $2, $3)",
			    DB_I(motion_id), DB_T(mt.options[i].code), DB_I(counts[i]));
	return rc ? rc
		  : write_count(ctx, &mt, &m, motion_id, best, sum - best, m.present - sum, passed,
				majority);
}

int motion_record_options(struct dv_ctx *ctx, int64_t motion_id, const int64_t *counts, size_t n)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, record_options_tx(ctx, motion_id, counts, n));
}

int motion_record(struct dv_ctx *ctx, int64_t motion_id, int64_t yes, int64_t no, int64_t abstain)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, record_tx(ctx, motion_id, yes, no, abstain));
}

/* ---------------------------------------------------------------- close */

/* Household ballots for a matter the meeting could not decide. */
static int follow_up(struct dv_ctx *ctx, const struct matter *mt, int64_t closes_at,
		     int64_t *followup)
{
	const char **options = NULL;
	size_t n = 0;
	if (!mt->yesno) {
		options = arena_array(ctx->arena, const char *, mt->noptions + 1);
		for (size_t i = 0; i < mt->noptions; i++)
			options[n++] = mt->options[i].label;
	}
	struct matter_input in = {.unit_id = mt->unit_id,
				  .type = mt->type,
				  .form = "ballot",
				  .title = mt->title,
				  .body = mt->body,
				  .options = options,
				  .noptions = n};
	int rc = matter_create(ctx, &in, followup);
	if (!rc)
		rc = db_run(ctx->db, &ctx->err, "UPDATE matter SET parent_id = $1 WHERE id = $2",
			    DB_I(mt->id), DB_I(*followup));
	return rc ? rc : matter_open(ctx, *followup, closes_at);
}

static int close_tx(struct dv_ctx *ctx, int64_t id, int64_t ballots_close, int64_t *followup)
{
	struct matter mt;
	struct meeting m;
	int rc = meeting_get(ctx, id, &mt, &m);
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, mt.unit_id)))
		return rc;
	if (m.status == MEET_CLOSED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The meeting is over");
	const struct motion *main = find_kind(&m, MOTION_MAIN);
	if (m.quorate && !(main && main->decided))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The meeting is quorate: vote the matter before closing");
	*followup = 0;
	if (!m.quorate && mt.type != MT_RULES && mt.type != MT_HEAD && mt.type != MT_BOARDS &&
	    (rc = follow_up(ctx, &mt, ballots_close, followup)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE meeting SET status = 'closed', closed_at = $1, quorate = $2, "
		    "followup_id = $3 WHERE matter_id = $4",
		    DB_I(ctx->now), DB_I(m.quorate), DB_ID(*followup), DB_I(id));
	/* a count per option (candidates) becomes the matter's */
	if (!rc && m.quorate && !mt.yesno)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE matter_option SET votes = COALESCE((SELECT v.votes FROM "
			    "motion_vote v WHERE v.motion_id = $1 AND v.option_code = "
			    "matter_option.code), 0) WHERE matter_id = $2",
			    DB_I(main->id), DB_I(id));
	/* decided by the main motion; not quorate: nothing decided here */
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE matter SET status = 'closed', closed_at = $1, result_passed = $2, "
			    "result_yes = $3, result_no = $4, result_abstain = $5, threshold = $6, "
			    "result_present = $7, eligible = $8, cast_count = $9, updated_at = $1 "
			    "WHERE id = $10",
			    DB_I(ctx->now), DB_I(m.quorate && main->passed),
			    m.quorate ? DB_I(main->yes) : DB_NULL, m.quorate ? DB_I(main->no) : DB_NULL,
			    m.quorate ? DB_I(main->abstain) : DB_NULL,
			    DB_I(m.quorate ? main->majority : m.quorum), DB_I(m.present),
			    DB_I(m.eligible),
			    DB_I(m.quorate ? main->yes + main->no + main->abstain : 0), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "meeting.close", "matter", id, mt.unit_id,
			       json_pack("{s:b, s:I, s:I, s:I}", "quorate", m.quorate, "present",
					 (json_int_t)m.present, "eligible", (json_int_t)m.eligible,
					 "followup", (json_int_t)*followup));
	return rc;
}

int meeting_close(struct dv_ctx *ctx, int64_t matter_id, int64_t ballots_close, int64_t *followup)
{
	int64_t dummy;
	int rc = ctx_begin(ctx);
	return rc ? rc
		  : ctx_end(ctx, close_tx(ctx, matter_id, ballots_close, followup ? followup : &dummy));
}

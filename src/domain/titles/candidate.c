/*
 * Cultural titles: the candidates of a round, the facts that exclude a
 * household, the community's evaluation meeting with its count for each
 * household, the proposal to the ward, and the evaluation of communities,
 * wards and agencies.
 */
#include "domain/titles/title.h"
#include "domain/titles/title_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/emulation/subject.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

/* ------------------------------------------------------------ registering */

/* A candidate of the title's subject: what subject_resolve makes of it,
 * and the unit that evaluates it. */
static int resolve(struct dv_ctx *ctx, const struct title_round *r, int64_t ref,
		   struct subject *s)
{
	static const char *const kinds[] = {
		[TS_HOUSEHOLD] = "household",
		[TS_COMMUNITY] = "unit",
		[TS_COMMUNE] = "unit",
		[TS_ORGANIZATION] = "organization",
	};
	_Static_assert(ARRAY_LEN(kinds) == TS_COUNT, "a subject kind per title subject");
	struct subject_input in = {.kind = kinds[r->kind.subject], .ref = ref};
	int rc = subject_resolve(ctx, &in, r->unit_id, s);
	if (rc)
		return rc;
	if (r->kind.subject == TS_COMMUNITY || r->kind.subject == TS_COMMUNE) {
		struct unit u;
		if ((rc = unit_get(ctx, ref, &u)))
			return rc;
		int fits = r->kind.subject == TS_COMMUNITY ? unit_kind_is_community(u.kind)
							   : unit_kind_is_commune(u.kind);
		if (!fits)
			return dv_fail(&ctx->err, DV_EINVAL, "ref", "%s is not for %s", r->kind.name,
				       s->name);
	}
	return 0;
}

static int register_tx(struct dv_ctx *ctx, int64_t round_id, const int64_t *refs, size_t n,
		       size_t *added)
{
	struct title_round r;
	int rc = title_round_get(ctx, round_id, &r);
	if (rc)
		return rc;
	if (r.status != TR_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The round has been decided: nobody registers any more");
	int32_t today = time_local_date(ctx->now);
	for (size_t i = 0; i < n; i++) {
		struct subject s;
		if ((rc = resolve(ctx, &r, refs[i], &s)))
			return rc;
		if (!perm_may(ctx, ACT_RUN_TITLES, s.unit_id))
			return dv_fail(&ctx->err, DV_EPERM, "ref",
				       "You may not register %s (%s)", s.name,
				       action_name(ACT_RUN_TITLES));
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO title_candidate (round_id, ward_id, subject, ref, unit_id, "
			    "name, registered_on, registered_by, registered_at) VALUES ($1, $2, $3, "
			    "$4, $5, $6, $7, $8, $9) ON CONFLICT (round_id, subject, ref) DO NOTHING",
			    DB_I(round_id), DB_ID(s.ward_id),
			    DB_T(title_subject_name(r.kind.subject)), DB_I(refs[i]),
			    DB_I(s.unit_id), DB_T(s.name), DB_I(today),
			    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
		if (rc)
			return rc;
		*added += (size_t)db_changes(ctx->db);
	}
	return ctx_audit(ctx, "title.register", "title_round", round_id, r.unit_id,
			 json_pack("{s:I, s:I}", "asked", (json_int_t)n, "added",
				   (json_int_t)*added));
}

int title_register(struct dv_ctx *ctx, int64_t round_id, const int64_t *refs, size_t n,
		   size_t *added_out)
{
	size_t added = 0;
	if (n == 0)
		return dv_fail(&ctx->err, DV_EINVAL, "ref", "Choose whom to register");
	if (n > TITLE_REGISTER_MAX)
		return dv_fail(&ctx->err, DV_ETOOBIG, "ref", "At most %d at a time",
			       TITLE_REGISTER_MAX);
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	rc = ctx_end(ctx, register_tx(ctx, round_id, refs, n, &added));
	if (added_out)
		*added_out = rc ? 0 : added;
	return rc;
}

/* ------------------------------------------------------------- reading */

#define CANDIDATE_COLS                                                                             \
	"c.id, c.round_id, c.subject, c.ref, c.unit_id, u.name, c.name, c.status, "               \
	"CASE WHEN c.present IS NULL THEN 0 ELSE 1 END, COALESCE(c.yes, 0), COALESCE(c.no, 0), "  \
	"COALESCE(c.abstain, 0), COALESCE(c.present, 0), COALESCE(c.majority, 0), c.note, "       \
	"c.registered_on, COALESCE((SELECT x.reason FROM title_exclusion x WHERE "                \
	"x.candidate_id = c.id ORDER BY x.id DESC LIMIT 1), '')"

static void read_candidate(struct dv_ctx *ctx, struct db_stmt *st, struct title_candidate *c,
			   int show_exclusion)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->round_id = db_col_int(st, 1);
	if (title_subject_parse(db_col_text(st, 2), &c->subject, NULL))
		c->subject = TS_HOUSEHOLD;
	c->ref = db_col_int(st, 3);
	c->unit_id = db_col_int(st, 4);
	c->unit_name = arena_strdup(ctx->arena, db_col_text(st, 5));
	c->name = arena_strdup(ctx->arena, db_col_text(st, 6));
	if (candidate_status_parse(db_col_text(st, 7), &c->status, NULL))
		c->status = TC_REGISTERED;
	c->voted = db_col_int(st, 8) != 0;
	c->yes = db_col_int(st, 9);
	c->no = db_col_int(st, 10);
	c->abstain = db_col_int(st, 11);
	c->present = db_col_int(st, 12);
	c->majority = (int)db_col_int(st, 13);
	c->note = arena_strdup(ctx->arena, db_col_text(st, 14));
	c->registered_on = (int32_t)db_col_int(st, 15);
	c->exclusion = show_exclusion ? arena_strdup(ctx->arena, db_col_text(st, 16)) : "";
}

int title_candidates(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id,
		     struct title_candidate **out, size_t *n)
{
	struct title_round r;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = title_round_get(ctx, round_id, &r);
	if (rc)
		return rc;
	int may = unit_id ? perm_may(ctx, ACT_RUN_TITLES, unit_id) || r.may_decide || r.may_exclude
			  : r.may_decide || r.may_exclude || perm_may(ctx, ACT_RUN_TITLES, r.unit_id);
	if (!may)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "The candidates are seen by those who evaluate them");
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT " CANDIDATE_COLS " FROM title_candidate c JOIN unit u ON u.id = "
		      "c.unit_id WHERE c.round_id = $1 AND (CAST($2 AS BIGINT) = 0 OR c.unit_id = $2) "
		      "ORDER BY u.name, c.name, c.id LIMIT $3",
		      DB_I(round_id), DB_I(unit_id), DB_I(TITLE_CANDIDATES_MAX));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_candidate(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap), r.may_exclude);
	return rc < 0 ? rc : 0;
}

int title_candidate_round(struct dv_ctx *ctx, int64_t candidate_id, int64_t *round_id,
			  int64_t *unit_id)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT round_id, unit_id FROM title_candidate WHERE id = $1",
			  DB_I(candidate_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such candidate");
	*round_id = db_col_int(st, 0);
	if (unit_id)
		*unit_id = db_col_int(st, 1);
	db_finish(st);
	return 0;
}

/* A candidate of an open round the actor may see, with its round. */
static int load_candidate(struct dv_ctx *ctx, int64_t id, struct title_candidate *c,
			  struct title_round *r)
{
	struct db_stmt *st = NULL;
	int64_t round_id;
	int rc = title_candidate_round(ctx, id, &round_id, NULL);
	if (rc || (rc = title_round_get(ctx, round_id, r)))
		return rc;
	if ((rc = db_query(ctx->db, &st, &ctx->err,
			   "SELECT " CANDIDATE_COLS " FROM title_candidate c JOIN unit u ON u.id = "
			   "c.unit_id WHERE c.id = $1",
			   DB_I(id))))
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such candidate");
	read_candidate(ctx, st, c, 1);
	db_finish(st);
	if (r->status != TR_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The round has been decided: its candidates no longer change");
	return 0;
}

/* ------------------------------------------------------------- exclusion */

static int exclude_tx(struct dv_ctx *ctx, int64_t id, enum exclusion_reason reason,
		      const char *note)
{
	struct title_candidate c;
	struct title_round r;
	int rc = load_candidate(ctx, id, &c, &r);
	if (rc || (rc = perm_require(ctx, ACT_RECORD_EXCLUSIONS, c.unit_id)))
		return rc;
	if (c.subject != TS_HOUSEHOLD)
		return dv_fail(&ctx->err, DV_EINVAL, NULL, "Only a household is excluded so");
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO title_exclusion (candidate_id, ward_id, reason, note, recorded_by, "
		    "recorded_at) VALUES ($1, (SELECT ward_id FROM title_candidate WHERE id = $1), "
		    "$2, $3, $4, $5)",
		    DB_I(id), DB_T(exclusion_reason_name(reason)), DB_T(note),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE title_candidate SET status = 'excluded' WHERE id = $1", DB_I(id));
	/* the audit says that and why, never the note: it may name a person */
	if (!rc)
		rc = ctx_audit(ctx, "title.exclude", "title_round", r.id, c.unit_id,
			       json_pack("{s:I, s:s}", "candidate", (json_int_t)id, "reason",
					 exclusion_reason_name(reason)));
	return rc;
}

int title_exclude(struct dv_ctx *ctx, int64_t candidate_id, const char *reason_in,
		  const char *note_in)
{
	enum exclusion_reason reason;
	const char *note;
	if (exclusion_reason_parse(reason_in, &reason, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "reason", "Choose what excludes the household");
	int rc = text_clean(ctx->arena, note_in, slen(note_in), TITLE_NOTE_MAX, TEXT_MULTILINE,
			    "note", &note, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, exclude_tx(ctx, candidate_id, reason, note));
}

/* ------------------------------------------------------------- the meeting */

int title_meeting_of(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id, int64_t *matter_id,
		     int64_t *proposed_at)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT matter_id, COALESCE(proposed_at, 0) FROM title_meeting WHERE "
			  "round_id = $1 AND unit_id = $2",
			  DB_I(round_id), DB_I(unit_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc
			      : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No meeting has been called");
	*matter_id = db_col_int(st, 0);
	if (proposed_at)
		*proposed_at = db_col_int(st, 1);
	db_finish(st);
	return 0;
}

/* The matter put to the meeting: the title, its criteria, the households. */
static const char *meeting_body(struct dv_ctx *ctx, const struct title_round *r, int64_t count)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "Cuộc họp bình xét danh hiệu “%s” năm %d cho %lld hộ gia đình đã đăng ký. "
		     "Mỗi hộ được đề nghị khi trên %lld%% đại diện hộ dự họp tán thành.\n\n",
		 r->kind.name_vi, r->year, (long long)count,
		 (long long)rule_value(ctx, RULE_TITLE_MEETING_MAJORITY));
	buf_adds(&b, "Tiêu chuẩn:\n\n");
	for (size_t i = 0; i < r->kind.ncriteria; i++)
		buf_addf(&b, "%d. %s\n", r->kind.criteria[i].number, r->kind.criteria[i].text);
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

static int call_tx(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id, int64_t starts_at,
		   const char *place, int64_t *matter_id)
{
	struct title_round r;
	struct unit u;
	int64_t count = 0, old = 0;
	int rc = title_round_get(ctx, round_id, &r);
	if (rc)
		return rc;
	if (r.status != TR_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The round has been decided");
	if (!r.kind.by_meeting)
		return dv_fail(&ctx->err, DV_EINVAL, NULL, "%s is not evaluated at a meeting",
			       r.kind.name);
	int in = 0;
	if ((rc = unit_get(ctx, unit_id, &u)) == DV_ENOTFOUND ||
	    (!rc && (rc = unit_is_within(ctx, unit_id, r.unit_id, &in)) == 0 &&
	     (!in || !unit_kind_is_community(u.kind))))
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such community in this round");
	if (rc || (rc = perm_require(ctx, ACT_RUN_TITLES, unit_id)))
		return rc;
	/* a meeting that closed without a quorum may be called again */
	rc = title_meeting_of(ctx, round_id, unit_id, &old, NULL);
	if (!rc) {
		struct meeting m;
		if ((rc = meeting_load(ctx, old, &m)))
			return rc;
		if (m.status != MEET_CLOSED || m.quorate)
			return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
				       "This community's meeting has been called already");
	} else if (rc != DV_ENOTFOUND) {
		return rc;
	}
	if ((rc = db_int(ctx->db, &count, &ctx->err,
			 "SELECT COUNT(*) FROM title_candidate WHERE round_id = $1 AND unit_id = $2",
			 DB_I(round_id), DB_I(unit_id))))
		return rc;
	if (!count)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "No household of this community has registered");
	struct matter_input mi = {
		.unit_id = unit_id,
		.type = MT_OTHER,
		.form = "meeting",
		.title = arena_printf(ctx->arena, "Bình xét danh hiệu “%s” năm %d", r.kind.name_vi,
				      r.year),
		.body = meeting_body(ctx, &r, count)};
	if ((rc = matter_create(ctx, &mi, matter_id)) ||
	    (rc = meeting_schedule(ctx, *matter_id, starts_at, place)))
		return rc;
	rc = old ? db_run(ctx->db, &ctx->err,
			  "UPDATE title_meeting SET matter_id = $1 WHERE round_id = $2 AND unit_id = $3",
			  DB_I(*matter_id), DB_I(round_id), DB_I(unit_id))
		 : db_run(ctx->db, &ctx->err,
			  "INSERT INTO title_meeting (round_id, unit_id, matter_id) VALUES ($1, $2, $3)",
			  DB_I(round_id), DB_I(unit_id), DB_I(*matter_id));
	if (!rc)
		rc = ctx_audit(ctx, "title.meeting", "title_round", round_id, unit_id,
			       json_pack("{s:I, s:I}", "matter", (json_int_t)*matter_id,
					 "households", (json_int_t)count));
	return rc;
}

int title_meeting_call(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id, int64_t starts_at,
		       const char *place, int64_t *matter_id_out)
{
	int64_t matter_id = 0;
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	rc = ctx_end(ctx, call_tx(ctx, round_id, unit_id, starts_at, place, &matter_id));
	if (!rc && matter_id_out)
		*matter_id_out = matter_id;
	return rc;
}

static int vote_tx(struct dv_ctx *ctx, int64_t id, int64_t yes, int64_t no, int64_t abstain)
{
	struct title_candidate c;
	struct title_round r;
	struct meeting m;
	int64_t matter_id = 0, proposed_at = 0;
	int rc = load_candidate(ctx, id, &c, &r);
	if (rc || (rc = perm_require(ctx, ACT_RUN_TITLES, c.unit_id)))
		return rc;
	if (c.status == TC_EXCLUDED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "This household is excluded outright: it is not put to the meeting "
			       "(Decree 86/2023/NĐ-CP)");
	if ((rc = title_meeting_of(ctx, r.id, c.unit_id, &matter_id, &proposed_at)) ||
	    (rc = meeting_load(ctx, matter_id, &m)))
		return rc;
	if (proposed_at)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The community's proposal has gone to the ward");
	if (m.status != MEET_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The meeting is not in session");
	if (!m.quorate)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The meeting is not quorate: more than %d%% of the households' "
			       "representatives must be present",
			       m.quorum);
	if (yes + no + abstain > m.present)
		return dv_fail(&ctx->err, DV_EINVAL, "yes",
			       "The counts add up to more than the %lld present",
			       (long long)m.present);
	int majority = (int)rule_value(ctx, RULE_TITLE_MEETING_MAJORITY);
	int passed = rule_exceeds(yes, m.present, majority);
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE title_candidate SET yes = $1, no = $2, abstain = $3, present = $4, "
		    "majority = $5, status = $6, evaluated_at = $7 WHERE id = $8",
		    DB_I(yes), DB_I(no), DB_I(abstain), DB_I(m.present), DB_I(majority),
		    DB_T(passed ? "proposed" : "not_proposed"), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "title.vote", "title_round", r.id, c.unit_id,
			       json_pack("{s:I, s:I, s:I, s:I, s:I, s:b}", "candidate",
					 (json_int_t)id, "yes", (json_int_t)yes, "no", (json_int_t)no,
					 "abstain", (json_int_t)abstain, "present",
					 (json_int_t)m.present, "proposed", passed));
	return rc;
}

int title_vote(struct dv_ctx *ctx, int64_t candidate_id, int64_t yes, int64_t no, int64_t abstain)
{
	if (yes < 0 || no < 0 || abstain < 0)
		return dv_fail(&ctx->err, DV_EINVAL, yes < 0 ? "yes" : no < 0 ? "no" : "abstain",
			       "A count is a whole number, 0 or more");
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, vote_tx(ctx, candidate_id, yes, no, abstain));
}

static int propose_tx(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id)
{
	struct title_round r;
	struct meeting m;
	int64_t matter_id = 0, proposed_at = 0, waiting = 0, proposed = 0;
	int rc = title_round_get(ctx, round_id, &r);
	if (rc || (rc = perm_require(ctx, ACT_RUN_TITLES, unit_id)))
		return rc;
	if (r.status != TR_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The round has been decided");
	if ((rc = title_meeting_of(ctx, round_id, unit_id, &matter_id, &proposed_at)) ||
	    (rc = meeting_load(ctx, matter_id, &m)))
		return rc;
	if (proposed_at)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The proposal has gone already");
	if (m.status != MEET_CLOSED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The proposal goes once the meeting has closed");
	if ((rc = db_int(ctx->db, &waiting, &ctx->err,
			 "SELECT COUNT(*) FROM title_candidate WHERE round_id = $1 AND unit_id = $2 "
			 "AND status = 'registered'",
			 DB_I(round_id), DB_I(unit_id))))
		return rc;
	if (waiting)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "%lld registered households have no count from the meeting yet",
			       (long long)waiting);
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE title_meeting SET proposed_at = $1 WHERE round_id = $2 AND unit_id = $3",
		    DB_I(ctx->now), DB_I(round_id), DB_I(unit_id));
	if (!rc)
		rc = db_int(ctx->db, &proposed, &ctx->err,
			    "SELECT COUNT(*) FROM title_candidate WHERE round_id = $1 AND unit_id = $2 "
			    "AND status = 'proposed'",
			    DB_I(round_id), DB_I(unit_id));
	if (!rc)
		rc = ctx_audit(ctx, "title.propose", "title_round", round_id, unit_id,
			       json_pack("{s:I}", "proposed", (json_int_t)proposed));
	return rc;
}

int title_propose(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, propose_tx(ctx, round_id, unit_id));
}

/* ------------------------------------------------- other titles' evaluation */

static int evaluate_tx(struct dv_ctx *ctx, int64_t id, int meets, const char *note)
{
	struct title_candidate c;
	struct title_round r;
	int rc = load_candidate(ctx, id, &c, &r);
	if (rc || (rc = perm_require(ctx, ACT_RUN_TITLES, r.unit_id)))
		return rc;
	if (r.kind.by_meeting)
		return dv_fail(&ctx->err, DV_EINVAL, NULL,
			       "A household is evaluated at its community's meeting");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE title_candidate SET status = $1, note = $2, evaluated_at = $3 WHERE id = $4",
		    DB_T(meets ? "proposed" : "not_proposed"), DB_T(note), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "title.evaluate", "title_round", r.id, c.unit_id,
			       json_pack("{s:I, s:b}", "candidate", (json_int_t)id, "meets", meets));
	return rc;
}

int title_evaluate(struct dv_ctx *ctx, int64_t candidate_id, int meets, const char *note_in)
{
	const char *note;
	int rc = text_clean(ctx->arena, note_in, slen(note_in), TITLE_NOTE_MAX,
			    TEXT_MULTILINE | (meets ? 0 : TEXT_REQUIRED), "note", &note, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, evaluate_tx(ctx, candidate_id, meets != 0, note));
}

/*
 * The emulation and commendation council: members, sessions with their
 * quorum, and each member's vote on each nomination.
 */
#include "domain/awards/council.h"
#include "domain/awards/awards_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/awards/restriction.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

DV_ENUM_DEFINE(council_vote_choice, CV_COUNT, COUNCIL_VOTES, "vote");

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

/* --------------------------------------------------------------- members */

static int member_add_tx(struct dv_ctx *ctx, int64_t unit_id, const char *name,
			 const char *position, int64_t *id)
{
	struct unit u;
	int64_t count = 0;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_RUN_AWARDS, unit_id)) ||
	    (rc = db_int(ctx->db, &count, &ctx->err,
			 "SELECT COUNT(*) FROM council_member WHERE unit_id = $1 AND active = 1",
			 DB_I(unit_id))))
		return rc;
	if (count >= COUNCIL_MEMBERS_MAX)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "A council has at most %d members",
			       COUNCIL_MEMBERS_MAX);
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO council_member (unit_id, name, position, created_at) VALUES ($1, $2, "
		    "$3, $4) RETURNING id",
		    DB_I(unit_id), DB_T(name), DB_T(position), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "council.member_add", "council_member", *id, unit_id,
			       json_pack("{s:s, s:s}", "name", name, "position", position));
	return rc;
}

int council_member_add(struct dv_ctx *ctx, int64_t unit_id, const char *name_in,
		       const char *position_in, int64_t *id_out)
{
	const char *name, *position;
	int64_t id = 0;
	int rc = text_clean(ctx->arena, name_in, slen(name_in), COUNCIL_NAME_MAX, TEXT_REQUIRED,
			    "name", &name, &ctx->err);
	if (rc || (rc = text_clean(ctx->arena, position_in, slen(position_in),
				   COUNCIL_POSITION_MAX, TEXT_REQUIRED, "position", &position,
				   &ctx->err)) ||
	    (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, member_add_tx(ctx, unit_id, name, position, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int council_member_unit(struct dv_ctx *ctx, int64_t id, int64_t *unit_id)
{
	int rc = db_int(ctx->db, unit_id, &ctx->err,
			"SELECT unit_id FROM council_member WHERE id = $1 AND active = 1", DB_I(id));
	return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such member") : rc;
}

static int member_remove_tx(struct dv_ctx *ctx, int64_t id)
{
	int64_t unit = 0;
	int rc = council_member_unit(ctx, id, &unit);
	if (rc || (rc = perm_require(ctx, ACT_RUN_AWARDS, unit)) ||
	    (rc = db_run(ctx->db, &ctx->err,
			 "UPDATE council_member SET active = 0, left_at = $1 WHERE id = $2",
			 DB_I(ctx->now), DB_I(id))))
		return rc;
	return ctx_audit(ctx, "council.member_remove", "council_member", id, unit, NULL);
}

int council_member_remove(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, member_remove_tx(ctx, id));
}

int council_members(struct dv_ctx *ctx, int64_t unit_id, struct council_member **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, unit_id, name, position FROM council_member WHERE unit_id = $1 "
			  "AND active = 1 ORDER BY id",
			  DB_I(unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct council_member *m = ARENA_PUSH(ctx->arena, *out, *n, cap);
		m->id = db_col_int(st, 0);
		m->unit_id = db_col_int(st, 1);
		m->name = arena_strdup(ctx->arena, db_col_text(st, 2));
		m->position = arena_strdup(ctx->arena, db_col_text(st, 3));
	}
	return rc < 0 ? rc : 0;
}

/* -------------------------------------------------------------- sessions */

#define SESSION_COLS                                                                               \
	"id, round_id, unit_id, held_on, place, members, present, quorum, majority, status, "     \
	"opened_at, COALESCE(closed_at, 0)"

static void read_session(struct dv_ctx *ctx, struct db_stmt *st, struct council_session *s)
{
	memset(s, 0, sizeof(*s));
	s->id = db_col_int(st, 0);
	s->round_id = db_col_int(st, 1);
	s->unit_id = db_col_int(st, 2);
	s->held_on = (int32_t)db_col_int(st, 3);
	s->place = arena_strdup(ctx->arena, db_col_text(st, 4));
	s->members = db_col_int(st, 5);
	s->present = db_col_int(st, 6);
	s->quorum = db_col_int(st, 7);
	s->majority = (int)db_col_int(st, 8);
	s->open = !strcmp(db_col_text(st, 9), "open");
	s->opened_at = db_col_int(st, 10);
	s->closed_at = db_col_int(st, 11);
	s->quorate = rule_reaches(s->present, s->members, s->quorum);
}

static int load_attendance(struct dv_ctx *ctx, struct council_session *s)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT m.id, m.unit_id, m.name, m.position, a.present FROM "
			  "council_attendance a JOIN council_member m ON m.id = a.member_id WHERE "
			  "a.session_id = $1 ORDER BY m.id",
			  DB_I(s->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct council_member *m = ARENA_PUSH(ctx->arena, s->attendance, s->nattendance, cap);
		m->id = db_col_int(st, 0);
		m->unit_id = db_col_int(st, 1);
		m->name = arena_strdup(ctx->arena, db_col_text(st, 2));
		m->position = arena_strdup(ctx->arena, db_col_text(st, 3));
		m->present = db_col_int(st, 4) != 0;
	}
	return rc < 0 ? rc : 0;
}

int council_session_get(struct dv_ctx *ctx, int64_t id, struct council_session *s)
{
	struct db_stmt *st = NULL;
	struct award_round r;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " SESSION_COLS " FROM council_session WHERE id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such session");
	read_session(ctx, st, s);
	db_finish(st);
	if ((rc = award_round_get(ctx, s->round_id, &r)))
		return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such session")
					  : rc;
	return load_attendance(ctx, s);
}

int council_sessions(struct dv_ctx *ctx, int64_t round_id, struct council_session **out,
		     size_t *n)
{
	struct db_stmt *st = NULL;
	struct award_round r;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = award_round_get(ctx, round_id, &r);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT " SESSION_COLS " FROM council_session WHERE round_id = $1 "
				 "ORDER BY id",
				 DB_I(round_id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_session(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	return rc < 0 ? rc : 0;
}

static int open_tx(struct dv_ctx *ctx, int64_t round_id, int32_t held_on, const char *place,
		   const int64_t *present, size_t npresent, int64_t *id)
{
	struct award_round r;
	struct council_member *m;
	size_t nm;
	int64_t busy = 0;
	int rc = award_round_get(ctx, round_id, &r);
	if (rc || (rc = perm_require(ctx, ACT_EVALUATE_AWARDS, r.unit_id)))
		return rc;
	if (r.decision_id)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The round has been decided");
	if (!(rc = db_int(ctx->db, &busy, &ctx->err,
			  "SELECT id FROM council_session WHERE round_id = $1 AND status = 'open'",
			  DB_I(round_id))))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "A session of this round is open");
	if (rc != DV_ENOTFOUND || (rc = council_members(ctx, r.unit_id, &m, &nm)))
		return rc;
	if (!nm)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The council has no members yet");
	/* every id a member, none twice */
	for (size_t i = 0; i < npresent; i++) {
		int found = 0;
		for (size_t k = 0; k < nm; k++)
			if (m[k].id == present[i])
				found = 1, m[k].present++;
		if (!found)
			return dv_fail(&ctx->err, DV_EINVAL, "present", "Not a member of the council");
	}
	for (size_t k = 0; k < nm; k++)
		if (m[k].present > 1)
			return dv_fail(&ctx->err, DV_EINVAL, "present", "A member is counted once");
	int64_t quorum = rule_value(ctx, RULE_COUNCIL_QUORUM);
	int64_t majority = rule_value(ctx, RULE_COUNCIL_MAJORITY);
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO council_session (round_id, unit_id, held_on, place, members, "
		    "present, quorum, majority, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5, $6, "
		    "$7, $8, $9, $10) RETURNING id",
		    DB_I(round_id), DB_I(r.unit_id), DB_I(held_on), DB_T(place), DB_I((int64_t)nm),
		    DB_I((int64_t)npresent), DB_I(quorum), DB_I(majority),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	for (size_t k = 0; !rc && k < nm; k++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO council_attendance (session_id, member_id, present) VALUES "
			    "($1, $2, $3)",
			    DB_I(*id), DB_I(m[k].id), DB_I(m[k].present));
	if (!rc)
		rc = ctx_audit(ctx, "council.open", "council_session", *id, r.unit_id,
			       json_pack("{s:I, s:I, s:I, s:b}", "round", (json_int_t)round_id,
					 "members", (json_int_t)nm, "present", (json_int_t)npresent,
					 "quorate", rule_reaches((int64_t)npresent, (int64_t)nm,
								  quorum)));
	return rc;
}

int council_session_open(struct dv_ctx *ctx, int64_t round_id, const char *held_on_in,
			 const char *place_in, const int64_t *present, size_t npresent,
			 int64_t *id_out)
{
	const char *place;
	int32_t held_on = 0;
	int64_t id = 0;
	int rc = text_clean(ctx->arena, place_in, slen(place_in), COUNCIL_PLACE_MAX, TEXT_REQUIRED,
			    "place", &place, &ctx->err);
	if (rc)
		return rc;
	if (held_on_in && *held_on_in) {
		if (date_parse(held_on_in, &held_on, &ctx->err))
			return dv_fail(&ctx->err, DV_EINVAL, "held_on", "Give the day as dd/mm/yyyy");
	} else {
		held_on = time_local_date(ctx->now);
	}
	if (held_on > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_EINVAL, "held_on",
			       "A session is recorded on the day it sits, not before");
	if (npresent > COUNCIL_MEMBERS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "present", "A council has at most %d members",
			       COUNCIL_MEMBERS_MAX);
	if ((rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, open_tx(ctx, round_id, held_on, place, present, npresent, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* The session, open, with the right to record in it. */
static int load_open(struct dv_ctx *ctx, int64_t id, struct council_session *s)
{
	int rc = council_session_get(ctx, id, s);
	if (rc || (rc = perm_require(ctx, ACT_EVALUATE_AWARDS, s->unit_id)))
		return rc;
	return s->open ? 0 : dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The session is closed");
}

static int close_tx(struct dv_ctx *ctx, int64_t id)
{
	struct council_session s;
	int rc = load_open(ctx, id, &s);
	if (rc || (rc = db_run(ctx->db, &ctx->err,
			       "UPDATE council_session SET status = 'closed', closed_at = $1 WHERE "
			       "id = $2",
			       DB_I(ctx->now), DB_I(id))))
		return rc;
	return ctx_audit(ctx, "council.close", "council_session", id, s.unit_id, NULL);
}

int council_session_close(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, close_tx(ctx, id));
}

/* ------------------------------------------------------------------ votes */

/* The refusal of a session without its quorum, naming the rule. */
static int no_quorum(struct dv_ctx *ctx, const struct council_session *s)
{
	int64_t num, den;
	rule_fraction(s->quorum, &num, &den);
	return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
		       "%lld of the council's %lld members are present: it decides with at least "
		       "%lld/%lld of them (%s)",
		       (long long)s->present, (long long)s->members, (long long)num, (long long)den,
		       i18n_get(ctx->err.lang, rule_info(RULE_COUNCIL_QUORUM)->basis));
}

static int check_ballots(struct dv_ctx *ctx, const struct council_session *s,
			 const int64_t *members, const enum council_vote_choice *v, size_t n,
			 int64_t *yes, int64_t *no, int64_t *abstain)
{
	size_t seen = 0;
	*yes = *no = *abstain = 0;
	for (size_t i = 0; i < n; i++) {
		int ok = 0;
		for (size_t k = 0; k < s->nattendance; k++)
			if (s->attendance[k].id == members[i] && s->attendance[k].present)
				ok = 1;
		for (size_t j = 0; j < i; j++)
			if (members[j] == members[i])
				ok = 0;
		if (!ok)
			return dv_fail(&ctx->err, DV_EINVAL, "votes",
				       "Each member present votes once; others do not vote");
		seen++;
		*yes += v[i] == CV_YES;
		*no += v[i] == CV_NO;
		*abstain += v[i] == CV_ABSTAIN;
	}
	if ((int64_t)seen != s->present)
		return dv_fail(&ctx->err, DV_EINVAL, "votes",
			       "Every member present votes: %lld of %lld have", (long long)seen,
			       (long long)s->present);
	return 0;
}

static int vote_tx(struct dv_ctx *ctx, int64_t session_id, int64_t nomination_id,
		   const int64_t *members, const enum council_vote_choice *v, size_t n, int *passed)
{
	struct council_session s;
	struct nomination nm;
	int64_t yes, no, abstain;
	int restricted = 0;
	int rc = load_open(ctx, session_id, &s);
	if (rc)
		return rc;
	if (!s.quorate)
		return no_quorum(ctx, &s);
	rc = nomination_load(ctx, nomination_id, &nm);
	if (rc == DV_ENOTFOUND || (!rc && nm.round_id != s.round_id))
		return dv_fail(&ctx->err, DV_ENOTFOUND, "nomination", "No such nomination in this round");
	if (rc)
		return rc;
	if (nm.status != NS_PROPOSED && !(nm.voted && (nm.status == NS_PASSED ||
						       nm.status == NS_FAILED)))
		return dv_fail(&ctx->err, DV_ECONFLICT, "nomination",
			       "This nomination is not before the council");
	if ((rc = restriction_applies(ctx, &nm.subject, time_local_date(ctx->now), &restricted)))
		return rc;
	if (restricted)
		return restriction_refuse(ctx, &nm.subject);
	if ((rc = check_ballots(ctx, &s, members, v, n, &yes, &no, &abstain)))
		return rc;
	*passed = rule_exceeds(yes, s.present, s.majority);
	rc = db_run(ctx->db, &ctx->err,
		    "DELETE FROM council_vote WHERE session_id = $1 AND nomination_id = $2",
		    DB_I(session_id), DB_I(nomination_id));
	for (size_t i = 0; !rc && i < n; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO council_vote (session_id, nomination_id, member_id, vote, "
			    "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
			    DB_I(session_id), DB_I(nomination_id), DB_I(members[i]),
			    DB_T(council_vote_choice_name(v[i])), DB_ID(ctx->actor->account_id),
			    DB_I(ctx->now));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE award_nomination SET status = $1, yes = $2, no = $3, abstain = $4, "
			    "present = $5, majority = $6, session_id = $7, updated_at = $8 WHERE id = "
			    "$9",
			    DB_T(*passed ? "passed" : "failed"), DB_I(yes), DB_I(no), DB_I(abstain),
			    DB_I(s.present), DB_I(s.majority), DB_I(session_id), DB_I(ctx->now),
			    DB_I(nomination_id));
	if (!rc)
		rc = ctx_audit(ctx, "council.vote", "council_session", session_id, s.unit_id,
			       json_pack("{s:I, s:I, s:I, s:I, s:b}", "nomination",
					 (json_int_t)nomination_id, "yes", (json_int_t)yes, "no",
					 (json_int_t)no, "abstain", (json_int_t)abstain, "passed",
					 *passed));
	return rc;
}

int council_vote(struct dv_ctx *ctx, int64_t session_id, int64_t nomination_id,
		 const int64_t *members, const char *const *votes, size_t n, int *passed_out)
{
	enum council_vote_choice v[COUNCIL_MEMBERS_MAX];
	int passed = 0;
	if (n > COUNCIL_MEMBERS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "votes", "A council has at most %d members",
			       COUNCIL_MEMBERS_MAX);
	for (size_t i = 0; i < n; i++)
		if (council_vote_choice_parse(votes[i], &v[i], NULL))
			return dv_fail(&ctx->err, DV_EINVAL, "votes",
				       "A vote is agree, disagree or abstain");
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	rc = ctx_end(ctx, vote_tx(ctx, session_id, nomination_id, members, v, n, &passed));
	if (!rc && passed_out)
		*passed_out = passed;
	return rc;
}

int council_votes(struct dv_ctx *ctx, int64_t session_id, int64_t nomination_id,
		  struct council_ballot **out, size_t *n)
{
	struct council_session s;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = council_session_get(ctx, session_id, &s);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT v.member_id, m.name, v.vote FROM council_vote v JOIN "
				 "council_member m ON m.id = v.member_id WHERE v.session_id = $1 AND "
				 "v.nomination_id = $2 ORDER BY m.id",
				 DB_I(session_id), DB_I(nomination_id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct council_ballot *b = ARENA_PUSH(ctx->arena, *out, *n, cap);
		b->member_id = db_col_int(st, 0);
		b->name = arena_strdup(ctx->arena, db_col_text(st, 1));
		if (council_vote_choice_parse(db_col_text(st, 2), &b->vote, NULL))
			b->vote = CV_ABSTAIN;
	}
	return rc < 0 ? rc : 0;
}

/*
 * The emulation and commendation council (Hội đồng Thi đua – Khen thưởng)
 * of a unit: its members, its sessions on a round, who was present, and
 * each member's vote on each nomination.
 *
 * A session decides only when at least RULE_COUNCIL_QUORUM (two thirds) of
 * the council's members are present: 6 of 9 is enough, 5 of 9 is not (the
 * session is recorded all the same, and refuses votes naming the rule). A
 * nomination passes with more than RULE_COUNCIL_MAJORITY % of the members
 * present agreeing (Decree 98/2023/NĐ-CP); every member present votes yes,
 * no or abstains. A nomination whose subject is found under discipline,
 * investigation or inspection is not voted on. The minutes are a PDF
 * (print/award_pdf.h).
 *
 * The members are kept by whoever runs awards in the unit (ACT_RUN_AWARDS);
 * sessions and votes are recorded by the council's secretariat
 * (ACT_EVALUATE_AWARDS on the round's unit).
 */
#ifndef DV_DOMAIN_AWARDS_COUNCIL_H
#define DV_DOMAIN_AWARDS_COUNCIL_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define COUNCIL_NAME_MAX 120
#define COUNCIL_POSITION_MAX 120
#define COUNCIL_PLACE_MAX 200
#define COUNCIL_MEMBERS_MAX 60

#define COUNCIL_VOTES(X)                                                                           \
	X(CV_YES, "yes", N_("Agree"))                                                              \
	X(CV_NO, "no", N_("Disagree"))                                                             \
	X(CV_ABSTAIN, "abstain", N_("Abstain"))
DV_ENUM(council_vote_choice, CV_COUNT, COUNCIL_VOTES);

struct council_member {
	int64_t id;
	int64_t unit_id;
	const char *name;
	const char *position; /* "Chủ tịch Hội đồng", "Ủy viên" */
	int present;	      /* in a session: was there */
};

/* Add a member to the unit's council (ACT_RUN_AWARDS on the unit). */
int council_member_add(struct dv_ctx *ctx, int64_t unit_id, const char *name,
		       const char *position, int64_t *id);
/* A member leaves the council (kept for the sessions it sat in). */
int council_member_remove(struct dv_ctx *ctx, int64_t id);
/* The unit's members now, in the order they were added. Public. */
int council_members(struct dv_ctx *ctx, int64_t unit_id, struct council_member **out, size_t *n);
/* The unit of a member; DV_ENOTFOUND if there is no such member. */
int council_member_unit(struct dv_ctx *ctx, int64_t id, int64_t *unit_id);

struct council_session {
	int64_t id;
	int64_t round_id;
	int64_t unit_id;
	int32_t held_on;
	const char *place;
	int64_t members, present; /* the council's size, and those there */
	int64_t quorum;		  /* the fraction in force (203 is 2/3) */
	int majority;		  /* the percentage in force */
	int quorate;
	int open;
	int64_t opened_at, closed_at;
	size_t nattendance;
	struct council_member *attendance; /* every member, present or not */
};

/* Open a session of the council on a round, held on `held_on`
 * (dd/mm/yyyy, not after today) at `place`, with the members present (ids
 * of the council's members; none twice). */
int council_session_open(struct dv_ctx *ctx, int64_t round_id, const char *held_on,
			 const char *place, const int64_t *present, size_t npresent, int64_t *id);
/* A session with its attendance (those who may see its round). */
int council_session_get(struct dv_ctx *ctx, int64_t id, struct council_session *s);
/* The sessions of a round, oldest first (without their attendance). */
int council_sessions(struct dv_ctx *ctx, int64_t round_id, struct council_session **out,
		     size_t *n);
/* Close a session: no more votes in it. */
int council_session_close(struct dv_ctx *ctx, int64_t id);

/*
 * Record the vote of each member present on a nomination of the session's
 * round: votes[i] (council_vote_choice_name) of members[i], every member
 * present once. The session must be open and quorate (DV_ECONFLICT naming
 * the rule otherwise). The nomination passes or fails at once; voting
 * again in the same session replaces the votes. *passed (may be NULL)
 * tells which.
 */
int council_vote(struct dv_ctx *ctx, int64_t session_id, int64_t nomination_id,
		 const int64_t *members, const char *const *votes, size_t n, int *passed);

struct council_ballot {
	int64_t member_id;
	const char *name;
	enum council_vote_choice vote;
};

/* Each member's vote on a nomination in a session, by member. */
int council_votes(struct dv_ctx *ctx, int64_t session_id, int64_t nomination_id,
		  struct council_ballot **out, size_t *n);

#endif

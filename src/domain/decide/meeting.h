/*
 * Community meetings (Law 10/2022/QH15 Art. 17): how a matter of form
 * "meeting" is decided.
 *
 * The head schedules the meeting: its time and place go to every household
 * as a public notice (so its reach counts), each household's invitation
 * carrying a one-time check-in code. At the meeting the head opens the
 * register and checks representatives in (from a list on a phone, or by
 * scanning the code on an invitation). The meeting is quorate while more
 * than RULE_MEETING_QUORUM % of all households' representatives are
 * present. Motions are voted by show of hands (counts entered) or by secret
 * ballot, which needs a counting committee of RULE_COUNTERS_MIN to _MAX
 * members approved first; a motion passes with more than
 * RULE_MOTION_MAJORITY % of those present. Closing the meeting decides the
 * matter by its main motion; a meeting that was never quorate sends a matter
 * of types 1, 2 or 6 to household ballots (types 3-5 need a new meeting).
 */
#ifndef DV_DOMAIN_MEETING_H
#define DV_DOMAIN_MEETING_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/decide/committee.h"
#include "domain/decide/matter.h"

#define MEETING_PLACE_MAX 200
#define MEETING_NAME_MAX COMMITTEE_NAME_MAX
#define MOTION_TEXT_MAX 1000
#define MOTIONS_MAX 20
#define MEETING_EARLY (12 * 3600) /* the register opens this long before the meeting */

#define MEETING_STATUSES(X)                             \
	X(MEET_SCHEDULED, "scheduled", N_("Scheduled")) \
	X(MEET_OPEN, "open", N_("In session"))          \
	X(MEET_CLOSED, "closed", N_("Closed"))
DV_ENUM(meeting_status, MEET_STATUS_COUNT, MEETING_STATUSES);

/* What a motion puts to the vote, and how (base/names.h). */
#define MOTION_KINDS(X)                                                                            \
	X(MOTION_MAIN, "main", N_("The matter itself"))                                            \
	X(MOTION_COUNTERS, "counters", N_("Approve a counting committee"))                         \
	X(MOTION_OTHER, "other", N_("Another motion"))
DV_ENUM(motion_kind, MOTION_KIND_COUNT, MOTION_KINDS);
#define MOTION_METHODS(X)                                                                          \
	X(VOTE_HANDS, "hands", N_("Show of hands"))                                                \
	X(VOTE_SECRET, "secret", N_("Secret ballot"))
DV_ENUM(motion_method, MOTION_METHOD_COUNT, MOTION_METHODS);

struct motion {
	int64_t id;
	int64_t option_votes[11]; /* per option of the matter, when counted so */
	int by_option;
	enum motion_kind kind;
	const char *text;
	enum motion_method method;
	const char *members; /* the counting committee, one name per line */
	int decided;
	int64_t yes, no, abstain, present;
	int majority; /* the percentage in force when it was voted */
	int passed;
};

struct meeting {
	int64_t matter_id;
	int64_t starts_at;
	const char *place;
	int64_t notice_id; /* the invitation */
	int64_t called_at; /* when the invitation was posted */
	enum meeting_status status;
	const char *chair, *secretary;
	int64_t eligible; /* households when the register opened */
	int64_t present;
	int quorum;	  /* the percentage in force */
	int quorate;	  /* now, or when it closed */
	int64_t opened_at, closed_at;
	int64_t followup_id; /* the household ballots it sent the matter to */
	size_t nmotions;
	struct motion motions[MOTIONS_MAX];
};

/* Schedule the meeting of a draft matter of form "meeting" (the head): its
 * invitation is published as a notice of the community and the matter is
 * open. starts_at at least an hour and at most 60 days away. */
int meeting_schedule(struct dv_ctx *ctx, int64_t matter_id, int64_t starts_at, const char *place);

/* A matter the actor may see (matter_get) and its meeting (DV_ENOTFOUND if
 * it has none yet). */
int meeting_get(struct dv_ctx *ctx, int64_t matter_id, struct matter *mt, struct meeting *m);

/* The meeting without a permission check (for the other meeting files). */
int meeting_load(struct dv_ctx *ctx, int64_t matter_id, struct meeting *m);

/* Open the register (the head), at most MEETING_EARLY before the meeting:
 * chair and secretary named; the households of the community are counted. */
int meeting_open(struct dv_ctx *ctx, int64_t matter_id, const char *chair, const char *secretary);

/* Check a household's representative in (the head or the front
 * committee). *already when it was checked in before. */
int meeting_check_in(struct dv_ctx *ctx, int64_t matter_id, int64_t household_id, int *already);

/* The same from the code on the household's invitation (a scanned QR). */
int meeting_check_in_code(struct dv_ctx *ctx, int64_t matter_id, const char *code,
			  int64_t *household_id, int *already);

/* A fresh check-in code for every household of the community (the old ones
 * stop working), for printing the invitations: codes[i] for ids[i]. */
int meeting_invite_codes(struct dv_ctx *ctx, int64_t matter_id, int64_t **ids, const char ***codes,
			 size_t *n);

struct attendee {
	int64_t household_id;
	const char *address;
	const char *representative;
	int present;
};

/* The households of the community with whether they are present, for the
 * register (the head or the front committee). query filters (folded). */
int meeting_register(struct dv_ctx *ctx, int64_t matter_id, const char *query,
		     struct attendee **out, size_t *n);

/*
 * Put a motion to the open meeting. kind MOTION_COUNTERS takes the
 * committee's members (RULE_COUNTERS_MIN to _MAX names, one per line) and
 * is voted by hands; a secret ballot needs an approved committee first.
 * There is one main motion: the matter itself.
 */
int motion_add(struct dv_ctx *ctx, int64_t matter_id, enum motion_kind kind, const char *text,
	       enum motion_method method, const char *members, int64_t *id_out);

/* The main motion of a matter with several options (candidates): the
 * count of each option, in the matter's order (n must be its number of
 * options). It passes when one option has more than RULE_MOTION_MAJORITY %
 * of those present. Otherwise as motion_record. */
/* The matter a motion was put at; DV_ENOTFOUND if there is no such motion. */
int motion_matter(struct dv_ctx *ctx, int64_t motion_id, int64_t *matter_id);
int motion_record_options(struct dv_ctx *ctx, int64_t motion_id, const int64_t *counts, size_t n);

/* Enter a motion's counts, once. The meeting must be quorate; the counts
 * may not exceed those present. */
int motion_record(struct dv_ctx *ctx, int64_t motion_id, int64_t yes, int64_t no, int64_t abstain);

/*
 * Close the meeting (the head). Quorate and its main motion voted: the
 * matter is decided by it. Never quorate: for types 1, 2 and 6 the matter
 * goes to household ballots closing at ballots_close (its id in
 * *followup), for types 3 to 5 it waits for a new meeting. DV_ECONFLICT
 * while a quorate meeting has not voted its main motion.
 */
int meeting_close(struct dv_ctx *ctx, int64_t matter_id, int64_t ballots_close, int64_t *followup);

#endif

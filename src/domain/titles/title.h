/*
 * Cultural titles (Decree 86/2023/NĐ-CP): "Gia đình văn hóa" for
 * households, "Thôn, Tổ dân phố văn hóa" for communities, "Xã, Phường, Thị
 * trấn tiêu biểu" for communes and wards, and the city's "Cơ quan, đơn vị
 * đạt chuẩn văn hóa" for agencies. The titles are data (title_kind, 016):
 * each with its criteria groups, how long it holds and who decides.
 *
 * A round is one title, one deciding unit (a ward for households and
 * communities, a city for wards and agencies) and one year. For
 * households:
 *   1. registration at the start of the year: the community records which
 *      households register (title_register);
 *   2. the community's evaluation meeting, a community meeting of domain/
 *      decide (a matter of type 6 decided at a meeting, with its invitation,
 *      register and quorum): while it is in session and quorate, the head
 *      enters each registered household's count; a household is proposed
 *      when more than RULE_TITLE_MEETING_MAJORITY % of those present agree
 *      (title_meeting_call, title_vote);
 *   3. facts that exclude a household outright (a member prosecuted, fined
 *      for domestic violence, gambling or drugs) are recorded by an officer
 *      (ACT_RECORD_EXCLUSIONS) and never shown to the public; an excluded
 *      household is not put to the meeting (title_exclude);
 *   4. the community sends its proposal to the ward once the meeting has
 *      closed and every household is voted or excluded (title_propose);
 *   5. the chairman's decision, by the date RULE_TITLE_DEADLINE (25
 *      November) of the round's year (title_decide);
 *   6. the list published as a public notice (category "titles", so its
 *      reach counts) within RULE_TITLE_PUBLISH_DAYS (15) of the decision;
 *      a later publication is made and marked late (title_publish).
 * Other titles skip the meeting: the deciding unit evaluates each
 * candidate against the criteria (title_evaluate).
 *
 * The public sees, once published, the rates per community (households
 * there, registered, awarded), never who was not awarded; a household sees
 * its own titles and the consecutive years it has held them.
 *
 * Running a round (registering, the meeting's counts, the proposal, the
 * evaluation) needs ACT_RUN_TITLES on the candidate's unit; opening a
 * round, deciding and publishing, ACT_DECIDE_TITLES on the round's unit.
 */
#ifndef DV_DOMAIN_TITLES_TITLE_H
#define DV_DOMAIN_TITLES_TITLE_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define TITLE_DECISION_NO_MAX 50
#define TITLE_SIGNER_MAX 120
#define TITLE_NOTE_MAX 2000
#define TITLE_REGISTER_MAX 2000 /* candidates registered at once */
#define TITLE_CANDIDATES_MAX 20000

#define TITLE_SUBJECTS(X)                                                                          \
	X(TS_HOUSEHOLD, "household", N_("Households"))                                             \
	X(TS_COMMUNITY, "community", N_("Neighborhoods, villages and residential groups"))         \
	X(TS_COMMUNE, "commune", N_("Wards and communes"))                                         \
	X(TS_ORGANIZATION, "organization", N_("Agencies and units"))
DV_ENUM(title_subject, TS_COUNT, TITLE_SUBJECTS);

#define TITLE_ROUND_STATUSES(X)                                                                    \
	X(TR_OPEN, "open", N_("Evaluation under way"))                                             \
	X(TR_DECIDED, "decided", N_("Decided, to be published"))                                   \
	X(TR_PUBLISHED, "published", N_("Published"))
DV_ENUM(title_round_status, TR_STATUS_COUNT, TITLE_ROUND_STATUSES);

#define CANDIDATE_STATUSES(X)                                                                      \
	X(TC_REGISTERED, "registered", N_("Registered"))                                           \
	X(TC_PROPOSED, "proposed", N_("Proposed"))                                                 \
	X(TC_NOT_PROPOSED, "not_proposed", N_("Not proposed"))                                     \
	X(TC_EXCLUDED, "excluded", N_("Excluded"))                                                 \
	X(TC_AWARDED, "awarded", N_("Awarded"))
DV_ENUM(candidate_status, TC_STATUS_COUNT, CANDIDATE_STATUSES);

/* What excludes a household outright. */
#define EXCLUSION_REASONS(X)                                                                       \
	X(EX_PROSECUTED, "prosecuted", N_("A member is prosecuted for a crime"))                   \
	X(EX_DOMESTIC_VIOLENCE, "domestic_violence", N_("Fined for domestic violence"))            \
	X(EX_SOCIAL_EVILS, "social_evils", N_("Gambling, drugs or other social evils"))            \
	X(EX_OTHER, "other", N_("Another serious breach of the law or the community's rules"))
DV_ENUM(exclusion_reason, EX_COUNT, EXCLUSION_REASONS);

/* ------------------------------------------------------------- the titles */

struct title_criterion {
	int number;
	const char *text; /* in the context's language */
};

struct title_kind {
	const char *code; /* "family" */
	const char *name; /* in the context's language */
	const char *name_vi;
	enum title_subject subject;
	int period_years;
	int decider_above; /* decided above the ward (a city), else by the ward */
	int by_meeting;	   /* evaluated at a community meeting (households) */
	const char *basis;
	size_t ncriteria;
	struct title_criterion *criteria;
};

/* Every title with its criteria, in order. Arena array. */
int title_kinds(struct dv_ctx *ctx, struct title_kind **out, size_t *n);
/* One title by code; DV_EINVAL naming "kind" for an unknown code. */
int title_kind_get(struct dv_ctx *ctx, const char *code, struct title_kind *k);

/* ------------------------------------------------------------- rounds */

struct title_round {
	int64_t id;
	struct title_kind kind;
	int64_t unit_id; /* the deciding unit */
	const char *unit_name;
	int year;
	enum title_round_status status;
	const char *decision_no, *signer;
	int32_t decided_on, published_on; /* 0 until then */
	int64_t notice_id;		  /* the published list */
	int32_t deadline;		  /* decided by this day (the rule in force) */
	int32_t publish_by;		  /* published by this day, 0 before the decision */
	int late;			  /* published after publish_by, or past it unpublished */
	int64_t registered, proposed, awarded;
	int may_run;	 /* the actor runs titles somewhere in the unit */
	int may_decide;	 /* ACT_DECIDE_TITLES on the unit */
	int may_exclude; /* ACT_RECORD_EXCLUSIONS on the unit */
};

/* Open a round of title `kind` in unit_id for `year` (this year or next):
 * a ward or commune for titles it decides, a unit above for the others.
 * Once per title, unit and year (DV_ECONFLICT). */
int title_round_open(struct dv_ctx *ctx, const char *kind, int64_t unit_id, int year,
		     int64_t *id);

/* A round: public once published; before that, for those who run or decide
 * titles in its unit (DV_ENOTFOUND for others). */
int title_round_get(struct dv_ctx *ctx, int64_t id, struct title_round *r);

/* The rounds of unit_id's subtree and of the units above it (0: all) the
 * actor may see, newest year first. Arena array. */
int title_round_list(struct dv_ctx *ctx, int64_t unit_id, struct title_round **out, size_t *n);

/* --------------------------------------------------------- candidates */

struct title_candidate {
	int64_t id;
	int64_t round_id;
	enum title_subject subject;
	int64_t ref;	 /* the household, unit or organization */
	int64_t unit_id; /* the community evaluating a household; else the unit */
	const char *unit_name;
	const char *name;
	enum candidate_status status;
	int voted; /* the meeting's count is in */
	int64_t yes, no, abstain, present;
	int majority;
	const char *note;
	int32_t registered_on;
	const char *exclusion; /* exclusion_reason name; only for ACT_RECORD_EXCLUSIONS */
};

/* Register candidates by their ids (households; or units, organizations):
 * each active, within the round's unit, of the title's subject, and in a
 * unit where the actor has ACT_RUN_TITLES; the round open. Any bad one and
 * nothing is registered. Already registered ones are left; *added says how
 * many are new. */
int title_register(struct dv_ctx *ctx, int64_t round_id, const int64_t *refs, size_t n,
		   size_t *added);

/* The candidates of a round, of one community or unit (0: all), for those
 * who run or decide titles there (DV_EPERM otherwise), by unit then name. */
int title_candidates(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id,
		     struct title_candidate **out, size_t *n);

/* A candidate's round and unit (may be NULL); DV_ENOTFOUND if there is no
 * such candidate. No permission is asked: these are ids for a page. */
int title_candidate_round(struct dv_ctx *ctx, int64_t candidate_id, int64_t *round_id,
			  int64_t *unit_id);

/* Record a fact that excludes a registered household (reason an
 * exclusion_reason name; note never public). */
int title_exclude(struct dv_ctx *ctx, int64_t candidate_id, const char *reason,
		  const char *note);

/* Call the evaluation meeting of a community for a household round: a
 * matter of type 6 decided at a meeting starting at starts_at in place,
 * scheduled by decide's meeting_schedule (the head: ACT_CONVENE_MEETINGS),
 * once per round and community. */
int title_meeting_call(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id, int64_t starts_at,
		       const char *place, int64_t *matter_id);

/* The meeting of a community in a round: its matter, and when the proposal
 * went up (0 not yet). DV_ENOTFOUND when none was called. */
int title_meeting_of(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id, int64_t *matter_id,
		     int64_t *proposed_at);

/* The count of the meeting on one household, while the meeting is in
 * session and quorate: at most those present in all. Entering it again
 * replaces it. An excluded household is not put to the meeting
 * (DV_ECONFLICT). */
int title_vote(struct dv_ctx *ctx, int64_t candidate_id, int64_t yes, int64_t no,
	       int64_t abstain);

/* Send a community's proposal to the deciding unit: its meeting closed and
 * every household voted or excluded. */
int title_propose(struct dv_ctx *ctx, int64_t round_id, int64_t unit_id);

/* The deciding unit's evaluation of a community, ward or agency against
 * the criteria: meets them (proposed) or not, with a note. */
int title_evaluate(struct dv_ctx *ctx, int64_t candidate_id, int meets, const char *note);

/* ------------------------------------------------------------ decision */

/*
 * The chairman's decision: its number, the day it was signed (dd/mm/yyyy;
 * not after today, within the round's year and by RULE_TITLE_DEADLINE:
 * otherwise DV_EINVAL on "decided_on" naming the rule) and the signer. The
 * proposed candidates (for households, of communities whose proposal went
 * up) are awarded; the tallies per community are kept for the public.
 */
int title_decide(struct dv_ctx *ctx, int64_t round_id, const char *number,
		 const char *decided_on, const char *signer);

/* Publish the decided list as a public notice of the deciding unit. Within
 * RULE_TITLE_PUBLISH_DAYS of the decision it is on time; later it is
 * published all the same and marked late (*late). */
int title_publish(struct dv_ctx *ctx, int64_t round_id, int *late);

struct title_tally {
	int64_t unit_id;
	const char *unit_name;
	int64_t households; /* there when the decision was made */
	int64_t registered, awarded;
};

/* The per-community figures of a decided round (public once published). */
int title_tallies(struct dv_ctx *ctx, int64_t round_id, struct title_tally **out, size_t *n);

/* A title a household holds. */
struct title_held {
	int year;
	int64_t round_id;
	const char *name; /* the title, in the context's language */
	const char *decision_no;
	int32_t decided_on;
};

/* The titles a household holds (its own account, or who may see it),
 * newest first, and the consecutive years of "Gia đình văn hóa" up to the
 * latest year it held it (0 for none). */
int title_household(struct dv_ctx *ctx, int64_t household_id, struct title_held **out, size_t *n,
		    int *consecutive);

/* What the year-end review and the plans' indicators read of the cultural
 * titles of `year`: from the published rounds, the counts frozen at the
 * decision (title_tally) of the communities of unit_id's subtree:
 * households there, registered and holding "Gia đình văn hóa". Public. */
struct title_figures {
	int64_t households, registered, awarded;
};
int title_figures(struct dv_ctx *ctx, int64_t unit_id, int year, struct title_figures *f);

#endif

/*
 * The year-end review (báo cáo tổng kết công tác dân vận) of a unit, made
 * by danvan from what the modules recorded, in the structure of the
 * founding document:
 *
 *   I.   the year's results: mass mobilization work (plans' tasks, models,
 *        movements); the project on a cultured, civilized urban way of
 *        life with its co-funded works and Gia đình văn hóa; grassroots
 *        democracy: know (notices, reach), discuss (matters, turnout;
 *        consultations, answers), do (works, money by source), inspect
 *        (citizen reports, resolution on time), benefit (what each part of
 *        the unit got);
 *   II.  what fell short: indicators below their target, tasks not done;
 *   III. the directions and tasks for next year (from next year's plan,
 *        if drafted);
 *   IV.  the commendation (from the council's decisions on the year).
 *
 * One action (review_build) makes the draft: every figure (figures.h) for
 * the unit, each unit directly below it and the two years before, and
 * the lists above, read from the modules. Officers write the narrative
 * parts; the figures stay tied to the data: building the draft again
 * reads them again and keeps the narrative. Making it final freezes it:
 * its content's BLAKE2b-256 hash goes into the review and into the audit
 * chain, and nothing of it changes afterwards (review_verify recomputes
 * the hash). Publishing makes a public notice (category "review") and a
 * news article; the conference that reviews the year is recorded with
 * its date, place, participants, agenda and the certificates handed.
 *
 * Drafts are seen by the unit's officers (ACT_REVIEW_YEAR or
 * ACT_PLAN_WORK on it or above); final and published reviews are public.
 * Building, editing, freezing, publishing and the conference need
 * ACT_REVIEW_YEAR on the unit.
 */
#ifndef DV_DOMAIN_PLANS_REVIEW_H
#define DV_DOMAIN_PLANS_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "base/token.h"
#include "domain/ctx.h"
#include "domain/plans/figures.h"

#define REVIEW_TITLE_MAX 300
#define REVIEW_LINE_MAX 200 /* the authority, the place, the signer */
#define REVIEW_PART_MAX 30000
#define REVIEW_UNITS_MAX 40 /* units below, each with its figures */
#define REVIEW_YEARS 3	    /* the year and the two before it */
#define REVIEW_LIST_MAX 100
#define CONFERENCE_TEXT_MAX 10000

#define REVIEW_STATUSES(X)                                                                         \
	X(RS_DRAFT, "draft", N_("Draft"))                                                          \
	X(RS_FINAL, "final", N_("Final"))                                                          \
	X(RS_PUBLISHED, "published", N_("Published"))
DV_ENUM(review_status, RS_COUNT, REVIEW_STATUSES);

/* The parts officers write, in the order of the report. */
#define REVIEW_PARTS(X)                                                                            \
	X(RP_OPENING, "opening", N_("Opening"))                                                    \
	X(RP_MOBILIZATION, "mobilization", N_("Mass mobilization work"))                           \
	X(RP_URBAN, "urban", N_("The project on a cultured, civilized urban way of life"))         \
	X(RP_DEMOCRACY, "democracy", N_("Carrying out grassroots democracy"))                      \
	X(RP_SHORTFALLS, "shortfalls", N_("What fell short, and why"))                             \
	X(RP_DIRECTIONS, "directions", N_("Directions and tasks for next year"))                   \
	X(RP_PROPOSALS, "proposals", N_("Proposals"))
DV_ENUM(review_part, RP_COUNT, REVIEW_PARTS);

/* The lists a draft is built with. */
#define REVIEW_LINES(X)                                                                            \
	X(RL_UNIT, "unit", N_("Units below"))                                                      \
	X(RL_DECISION, "decision", N_("Commendation decisions"))                                   \
	X(RL_AWARD, "award", N_("Commended"))                                                      \
	X(RL_SHORT, "short", N_("Indicators short of their target"))                               \
	X(RL_UNDONE, "undone", N_("Tasks not done"))                                               \
	X(RL_DIRECTION, "direction", N_("Next year's directions"))                                 \
	X(RL_TASK, "task", N_("Next year's tasks"))
DV_ENUM(review_line_kind, RL_COUNT, REVIEW_LINES);

struct review {
	int64_t id;
	int64_t unit_id;
	const char *unit_name;
	int unit_kind; /* enum unit_kind */
	int year;
	enum review_status status;
	const char *title;
	const char *authority;	  /* "BAN DÂN VẬN THÀNH ỦY DĨ AN", top left */
	const char *place;	  /* "Dĩ An" */
	const char *signer_title; /* "TRƯỞNG BAN" */
	const char *signer_name;
	const char *parts[RP_COUNT];
	int64_t built_at;
	const char *hash; /* "" until final */
	int32_t final_on;
	int64_t final_at;
	int32_t deadline; /* final by this day (RULE_REVIEW_DEADLINE) */
	int late;
	int64_t notice_id, article_id;
	int64_t published_at;
	int has_conference;
	int may_edit; /* ACT_REVIEW_YEAR on the unit */
};

/*
 * Build the draft of unit_id's review of `year` (a year that has begun, at
 * most ten years back), or build the draft again: the figures and lists
 * are read afresh; the title, authority, signer and narrative parts are
 * kept (filled with defaults the first time). DV_ECONFLICT once final.
 */
int review_build(struct dv_ctx *ctx, int64_t unit_id, int year, int64_t *id);

/* A review the actor may see. */
int review_get(struct dv_ctx *ctx, int64_t id, struct review *r);
/* The review of a unit and year, if the actor may see it. */
int review_find(struct dv_ctx *ctx, int64_t unit_id, int year, struct review *r);
/* The reviews of unit_id's subtree and of the units above it (0: all)
 * the actor may see, newest year first; published only with
 * `published`. At most REVIEW_LIST_MAX. Arena array. */
int review_list(struct dv_ctx *ctx, int64_t unit_id, int published, struct review **out,
		size_t *n);

/* What officers write (NULL keeps a field; parts[k] NULL keeps part k). */
struct review_input {
	const char *title, *authority, *place, *signer_title, *signer_name;
	const char *parts[RP_COUNT];
};
/* Change a draft's heading and narrative. DV_ECONFLICT once final. */
int review_update(struct dv_ctx *ctx, int64_t id, const struct review_input *in);

/* Make a draft final on day `on` (NULL or "" for today): its hash is
 * computed over its content and written with it and into the audit
 * chain; nothing of it changes afterwards. */
int review_finalize(struct dv_ctx *ctx, int64_t id, const char *on);

/* The hash of the review's content as it is stored now (hex), and
 * whether it equals the hash it was made final with (*intact; 1 for a
 * draft, which has none). */
int review_verify(struct dv_ctx *ctx, int64_t id, char hash[HASH_HEX_LEN + 1], int *intact);

/* Publish a final review: a public notice of the category "review" and
 * a news article (section "mobilization"), each with the key figures and
 * a link to the whole report (pdf_url, the caller's path to its PDF; may
 * be NULL). The notice and the article are Vietnamese, as posted. */
int review_publish(struct dv_ctx *ctx, int64_t id, const char *pdf_url);

/* ------------------------------------------------------- the content */

struct review_line {
	enum review_line_kind kind;
	int position;
	const char *grp;
	int64_t ref;
	const char *label;
	const char *detail;
};

/* A unit whose figures the review holds: the review's own unit first
 * (its totals), then the units below. */
struct review_unit {
	int64_t id;
	const char *name;
};

/* Everything a review shows, as stored: the figures of each unit for
 * each year (v[unit][year - (year0)][fig], years year0 .. review's year;
 * the units below have the review's year only) and the lists. */
struct review_doc {
	struct review r;
	size_t nunits;
	struct review_unit *units;
	int year0; /* the first year of the trends */
	int64_t (*v)[REVIEW_YEARS][FIG_COUNT];
	size_t nlines;
	struct review_line *lines;
};

int review_doc(struct dv_ctx *ctx, int64_t id, struct review_doc *d);
/* The figure of unit index u (0: the review's unit) for year y. */
int64_t review_fig(const struct review_doc *d, size_t u, int y, enum fig f);
/* The lines of a kind, in order: *n of them from the returned pointer. */
const struct review_line *review_lines_of(const struct review_doc *d, enum review_line_kind k,
					  size_t *n);

/* ------------------------------------------------------ the conference */

struct review_conference {
	int32_t held_on;
	const char *starts; /* "08:00" */
	const char *place;
	const char *participants;
	const char *agenda;
	size_t nawards;
	int64_t *award_ids; /* the certificates handed at it */
};

struct conference_input {
	const char *held_on; /* dd/mm/yyyy */
	const char *starts;  /* hh:mm, may be "" */
	const char *place;
	const char *participants;
	const char *agenda;
	const int64_t *awards; /* awards of the review's commendation */
	size_t nawards;
};

/* Record (or correct) the conference of a final or published review. An
 * award must be one the review lists (DV_EINVAL naming "awards"). */
int review_conference_set(struct dv_ctx *ctx, int64_t id, const struct conference_input *in);
/* The conference, DV_ENOTFOUND when none is recorded. Public with the
 * review. */
int review_conference_get(struct dv_ctx *ctx, int64_t id, struct review_conference *c);

#endif

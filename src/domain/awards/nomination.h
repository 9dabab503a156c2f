/*
 * Commendation (Law 06/2022/QH15, Decree 98/2023/NĐ-CP): rounds of
 * nominations and the nominations in them.
 *
 * A unit (a city, a ward) opens a round, taking nominations until the day
 * it closes. A unit within it, or one of its organizations, proposes a
 * collective (a unit, an organization, a household) or an individual for
 * a form (the city's or the ward's Giấy khen, the emulation titles a ward
 * gives; a higher form, such as the province's Bằng khen, is prepared as a
 * dossier that goes up) for an achievement. The achievement may cite what
 * danvan knows (source): an effective "Dân vận khéo" model, an evaluated
 * part in an emulation movement, a role held, or a record of a module
 * danvan links by kind and id (a co-funded work: "work", resolved by the
 * works family when it is there; see SOURCES in nomination.c).
 *
 * A nomination is refused, naming the rule, when:
 *   - the round has closed (its closing day has passed);
 *   - the subject is under discipline, investigation or inspection
 *     (domain/awards/restriction.h: the register the council and the
 *     inspection staff keep; Decree 98/2023/NĐ-CP);
 *   - the same achievement of the same subject is already proposed or
 *     commended, with this form or another (one form for one achievement:
 *     Law 06/2022/QH15, Art. 5).
 * The council votes on nominations (council.h); a decision awards those
 * that passed (decision.h).
 *
 * Opening rounds needs ACT_RUN_AWARDS on the unit; proposing,
 * ACT_NOMINATE_AWARDS on the proposing unit. Rounds and nominations are
 * seen by those who run, propose or vote in the round's unit; the public
 * sees the decision.
 */
#ifndef DV_DOMAIN_AWARDS_NOMINATION_H
#define DV_DOMAIN_AWARDS_NOMINATION_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/emulation/subject.h"

#define ROUND_NAME_MAX 200
#define ACHIEVEMENT_MAX 2000
#define NOMINATIONS_MAX 5000 /* in one round */

#define AWARD_FORMS(X)                                                                             \
	X(AF_GK_CITY, "giay_khen_city", N_("Certificate of merit of the city chairman"))           \
	X(AF_GK_WARD, "giay_khen_ward", N_("Certificate of merit of the ward chairman"))           \
	X(AF_ADVANCED_WORKER, "advanced_worker", N_("Advanced worker"))                            \
	X(AF_ADVANCED_COLLECTIVE, "advanced_collective", N_("Advanced collective"))                \
	X(AF_BK_PROVINCE, "bang_khen_province",                                                    \
	  N_("Certificate of merit of the provincial chairman"))
DV_ENUM(award_form, AF_COUNT, AWARD_FORMS);

#define NOMINATION_STATUSES(X)                                                                     \
	X(NS_PROPOSED, "proposed", N_("Proposed"))                                                 \
	X(NS_PASSED, "passed", N_("Passed by the council"))                                        \
	X(NS_FAILED, "failed", N_("Not passed by the council"))                                    \
	X(NS_AWARDED, "awarded", N_("Commended"))                                                  \
	X(NS_FORWARDED, "forwarded", N_("Dossier sent to the higher level"))                       \
	X(NS_WITHDRAWN, "withdrawn", N_("Withdrawn"))
DV_ENUM(nomination_status, NS_COUNT, NOMINATION_STATUSES);

#define ACHIEVEMENT_SOURCES(X)                                                                     \
	X(SRC_NONE, "", N_("Described in words"))                                                  \
	X(SRC_MODEL, "model", N_("An effective Dân vận khéo model"))                               \
	X(SRC_ENTRY, "entry", N_("A part in an emulation movement, evaluated"))                    \
	X(SRC_GRANT, "grant", N_("A role held"))                                                   \
	X(SRC_WORK, "work", N_("A co-funded work completed"))
DV_ENUM(achievement_source, SRC_COUNT, ACHIEVEMENT_SOURCES);

/* What a form's paper says, and who gives it. */
struct award_form_info {
	const char *paper_vi; /* "GIẤY KHEN", or the title: "LAO ĐỘNG TIÊN TIẾN" */
	const char *name_vi;  /* "Giấy khen" */
	unsigned levels;      /* 1 << award_level of each level that gives it */
	int individuals, collectives; /* who may get it */
};

/* The levels of the units that commend. */
enum award_level { AL_WARD, AL_CITY, AL_PROVINCE, AL_COUNT };

const struct award_form_info *award_form_info(enum award_form f);

/* ---------------------------------------------------------------- rounds */

struct award_round {
	int64_t id;
	int64_t unit_id;
	const char *unit_name; /* "Dĩ An" */
	const char *unit_title; /* "Thành phố Dĩ An", as papers write it */
	enum award_level level;
	const char *name;
	int year;
	int32_t closes_on;
	int open; /* nominations are taken today */
	int64_t nominations, passed, awarded;
	int64_t decision_id; /* 0 until decided */
	int may_run, may_nominate, may_vote;
};

struct award_round_input {
	int64_t unit_id;
	const char *name;
	int year;
	const char *closes_on; /* dd/mm/yyyy, today or later */
};

/* Open a round in a city, province, ward or commune (ACT_RUN_AWARDS), for
 * this year or last year's achievements. */
int award_round_create(struct dv_ctx *ctx, const struct award_round_input *in, int64_t *id);
/* A round the actor may see (see above). */
int award_round_get(struct dv_ctx *ctx, int64_t id, struct award_round *r);
/* The rounds of unit_id's subtree and above it (0: all) the actor may see,
 * newest first. Arena array. */
int award_round_list(struct dv_ctx *ctx, int64_t unit_id, struct award_round **out, size_t *n);

/* ----------------------------------------------------------- nominations */

struct nomination_input {
	int64_t round_id;
	int64_t unit_id;	 /* the proposing unit, within the round's */
	int64_t organization_id; /* one of its organizations proposing, or 0 */
	struct subject_input subject;
	const char *form; /* award_form_name */
	const char *achievement;
	const char *source; /* achievement_source_name, NULL or "" for none */
	int64_t source_id;
};

struct nomination {
	int64_t id;
	int64_t round_id;
	int64_t proposer_unit_id;
	const char *proposer; /* the organization's name, or the unit's */
	struct subject subject;
	const char *subject_key;
	enum award_form form;
	int forwarded_form; /* the form is given above the round's level */
	const char *achievement;
	enum achievement_source source;
	int64_t source_id;
	const char *source_label; /* what the source is: the model's name... */
	enum nomination_status status;
	int voted;
	int64_t yes, no, abstain, present;
	int majority;
	int64_t created_at;
};

/* Propose (see the refusals above). DV_EINVAL naming the field for bad
 * input; DV_ECONFLICT naming the rule for a refusal of the rules. */
int nomination_create(struct dv_ctx *ctx, const struct nomination_input *in, int64_t *id);
/* A nomination the actor may see. */
int nomination_get(struct dv_ctx *ctx, int64_t id, struct nomination *n);
/* The nominations of a round: collectives first, then individuals, each
 * in the order they were made. */
int nomination_list(struct dv_ctx *ctx, int64_t round_id, struct nomination **out, size_t *n);
/* Take a nomination back before it is decided (its proposer, or whoever
 * runs the round): it no longer counts for "one form". */
int nomination_withdraw(struct dv_ctx *ctx, int64_t id);

#endif

/*
 * Consultations: residents comment on a draft before the authority decides
 * (dân tham gia ý kiến, Law 10/2022/QH15, Art. 25-26).
 *
 * An officer writes the draft (Markdown) for a unit and its subtree; when it
 * is opened for comments it is split into numbered sections: a new section
 * begins at each Markdown heading and at each line that begins an article
 * ("Điều 3.", "Article 3"). Until its deadline, residents of the subtree
 * comment on a section (or on the draft as a whole, section 0) and say
 * whether they support or oppose it; mass organizations and the front work
 * committee submit collective opinions in their name; an officer records
 * opinions received at meetings, dialogues, in the suggestion box or by the
 * hotline (Art. 26) with the channel and who gave them. After the deadline
 * the authority answers every opinion (accepted, partly accepted, not
 * accepted, with the reason) and publishes the synthesis: per section the
 * counts and each opinion with its answer, as a page, a PDF and an XLSX.
 *
 * Individual residents' names are never public: an opinion is shown as from
 * "a resident of <their community>"; a collective opinion shows its
 * organization. Officers who consult see who gave each opinion.
 */
#ifndef DV_DOMAIN_CONSULTATION_H
#define DV_DOMAIN_CONSULTATION_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define CONSULT_TITLE_MAX 200
#define CONSULT_BODY_MAX 100000 /* characters of the draft */
#define CONSULT_SECTIONS_MAX 200
#define OPINION_TEXT_MAX 4000
#define OPINION_AUTHOR_MAX 200
#define ANSWER_REASON_MAX 4000
#define SYNTHESIS_SUMMARY_MAX 20000
#define OPINIONS_PER_ACCOUNT 30 /* per consultation, against floods */

/* What is consulted on (Art. 25), a code and an English msgid. */
#define CONSULT_KINDS(X)                                                                                                              \
	X(CK_PLAN, "plan", N_("Socio-economic development plan")) /* socio-economic development plan */                               \
	X(CK_LAND, "land", N_("Land use plan and zoning")) /* land use plan and zoning */                                             \
	X(CK_PROJECT, "project", N_("Investment project or public work")) /* an investment project, a large work */                   \
	X(CK_RESETTLEMENT, "resettlement", N_("Compensation, support and resettlement")) /* compensation, support and resettlement */ \
	X(CK_BOUNDARY, "boundary", N_("Changing administrative boundaries")) /* changing administrative boundaries */                 \
	X(CK_DECISION, "decision", N_("A decision that affects the community")) /* a decision affecting the community */              \
	X(CK_REGULATION, "regulation", N_("Grassroots democracy regulation")) /* the commune's grassroots democracy regulation */     \
	X(CK_OTHER, "other", N_("Other draft"))
DV_ENUM(consult_kind, CK_COUNT, CONSULT_KINDS);

#define CONSULT_STATUSES(X)                                           \
	X(CS_DRAFT, "draft", N_("Draft"))                             \
	X(CS_OPEN, "open", N_("Open for comments"))                   \
	X(CS_CLOSED, "closed", N_("Comments closed, being answered")) \
	X(CS_PUBLISHED, "published", N_("Synthesis published"))
DV_ENUM(consult_status, CS_STATUS_COUNT, CONSULT_STATUSES);

#define STANCES(X)                                \
	X(ST_SUPPORT, "support", N_("Support"))   \
	X(ST_OPPOSE, "oppose", N_("Oppose"))      \
	X(ST_OTHER, "other", N_("Other opinion"))
DV_ENUM(stance, ST_COUNT, STANCES);

/* How an opinion reached the authority (Art. 26). */
#define OPINION_CHANNELS(X)                                                                                     \
	X(OC_WEB, "web", N_("On the web portal")) /* on this site, by the resident */                           \
	X(OC_MEETING, "meeting", N_("At a meeting")) /* at a meeting */                                         \
	X(OC_DIALOGUE, "dialogue", N_("At a dialogue")) /* a dialogue with the authority */                     \
	X(OC_BOX, "box", N_("Suggestion box")) /* the suggestion box */                                         \
	X(OC_HOTLINE, "hotline", N_("Hotline")) /* the hotline */                                               \
	X(OC_ORGANIZATION, "organization", N_("Through a mass organization")) /* through a mass organization */ \
	X(OC_SOCIAL, "social", N_("On a social network")) /* a lawful social network */
DV_ENUM(opinion_channel, OC_COUNT, OPINION_CHANNELS);

#define ANSWERS(X)                                      \
	X(ANS_NONE, "", N_("Not answered yet"))         \
	X(ANS_ACCEPTED, "accepted", N_("Accepted"))     \
	X(ANS_PARTLY, "partly", N_("Partly accepted"))  \
	X(ANS_REJECTED, "rejected", N_("Not accepted"))
DV_ENUM(answer, ANS_COUNT, ANSWERS);

struct consult_section {
	int number; /* 1, 2, ...; 0 is the draft as a whole */
	const char *heading;
	const char *body; /* Markdown, without its heading line */
	/* counts of opinions on it */
	int64_t opinions, support, oppose, other, collective;
	int64_t accepted, partly, rejected;
};

struct consultation {
	int64_t id;
	int64_t unit_id;
	const char *unit_name;
	enum consult_kind kind;
	enum consult_status status;
	const char *title;
	const char *body; /* the whole draft, Markdown */
	int64_t opened_at, closes_at, published_at, created_at;
	const char *summary; /* the authority's conclusion, with the synthesis */
	int64_t opinions;    /* opinions received */
	int64_t answered;
	int may_manage; /* the actor may consult here (edit, open, answer, publish) */
	/* filled by consultation_get: [0] the draft as a whole, then 1..n */
	size_t nsections;
	struct consult_section *sections;
};

struct opinion {
	int64_t id;
	int section;
	enum stance stance;
	enum opinion_channel channel;
	const char *text;
	int collective;
	const char *from;	 /* public: "Hội Liên hiệp Phụ nữ phường ..." or the community */
	const char *author;	 /* the name, only for may_manage; else "" */
	int mine;		 /* given by the actor */
	int64_t created_at;
	enum answer answer;	 /* shown to the public once published */
	const char *reason;
	int64_t answered_at;
};

/* ------------------------------------------------------------- drafts */

struct consult_input {
	int64_t unit_id;
	const char *kind; /* consult_kind_name */
	const char *title;
	const char *body;
};

/* A draft (ACT_CONSULT on the unit). */
int consultation_create(struct dv_ctx *ctx, const struct consult_input *in, int64_t *id);
/* Change a draft (in->unit_id is ignored). */
int consultation_update(struct dv_ctx *ctx, int64_t id, const struct consult_input *in);
/* Open it for comments until closes_at (1 hour to 90 days away): its
 * sections are fixed then. */
int consultation_open(struct dv_ctx *ctx, int64_t id, int64_t closes_at);

/* A consultation with its sections and their counts. Drafts only for those
 * who may manage them (DV_ENOTFOUND for others). An open consultation past
 * its deadline reads as closed (and is closed). */
int consultation_get(struct dv_ctx *ctx, int64_t id, struct consultation *c);

struct consult_filter {
	int64_t unit_id; /* 0: all; else the unit's subtree and the units above it */
	int status;	 /* -1: open, closed, published; else one status */
	const char *query; /* words to look for in the title and text, or NULL */
};
/* Newest first; sections are not loaded. */
int consultation_list(struct dv_ctx *ctx, const struct consult_filter *f, int64_t offset,
		      int limit, struct consultation **out, size_t *n, int *more);

/* Split a draft into sections, as opening does (arena memory): *n sections,
 * numbered from 1; text before the first heading is section 1 "Preamble"
 * when not blank. DV_EINVAL past CONSULT_SECTIONS_MAX. */
int consultation_split(struct arena *ar, const char *body, struct consult_section **out,
		       size_t *n, struct dv_err *err);

/* ----------------------------------------------------------- opinions */

struct opinion_input {
	int section;	     /* 0 for the draft as a whole */
	const char *stance;  /* stance_name */
	const char *text;
	/* a collective opinion, in the name of the actor's organization (an
	 * organization officer) or of the front work committee */
	int collective;
	/* recorded by an officer for someone else */
	const char *channel; /* channel_name; NULL or "web" for one's own */
	const char *author;  /* who gave it, required with another channel */
};

/* Comment while it is open: residents and representatives of the subtree
 * (ACT_COMMENT within the unit), collective opinions by organization
 * officers and the front work committee, other channels by officers who
 * consult. */
int opinion_add(struct dv_ctx *ctx, int64_t consultation_id, const struct opinion_input *in,
		int64_t *id);

/* The opinions, by section then time; section -1 for all. */
int opinion_list(struct dv_ctx *ctx, const struct consultation *c, int section,
		 struct opinion **out, size_t *n);

/* The consultation an opinion was given on; DV_ENOTFOUND if there is no
 * such opinion. */
int opinion_consultation(struct dv_ctx *ctx, int64_t opinion_id, int64_t *consultation_id);

/* Answer an opinion once the consultation is closed and until the synthesis
 * is published (ACT_CONSULT): answer_name, and a reason (required unless
 * accepted). Answering again replaces the answer. */
int opinion_answer(struct dv_ctx *ctx, int64_t opinion_id, const char *answer,
		   const char *reason);

/* Publish the synthesis with the authority's summary: every opinion must be
 * answered. Answers become public then and cannot change. */
int consultation_publish(struct dv_ctx *ctx, int64_t id, const char *summary);

/* What the year-end review and the plans' indicators read of the drafts a
 * unit's subtree opened for comments within the days [from, to]
 * (YYYYMMDD): how many, the opinions they received and how many of those
 * are answered. Public counts. */
struct consultation_figures {
	int64_t consultations, opinions, answered;
};
int consultation_figures(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
			 struct consultation_figures *f);

#endif

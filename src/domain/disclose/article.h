/*
 * News articles, like the reports a ward or a city's mass mobilization board
 * publishes: a section ("Thời sự – Chính trị"), a title, a lead, a Markdown
 * body, photos with captions (attachment.h) and a byline.
 *
 * Writing needs ACT_PUBLISH_NEWS on the article's unit; a draft is seen only
 * by those who may write there (others get DV_ENOTFOUND). A published
 * article may be corrected (its "updated" time shows it) or withdrawn to a
 * draft.
 */
#ifndef DV_DOMAIN_ARTICLE_H
#define DV_DOMAIN_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/disclose/attachment.h"

#define ARTICLE_TITLE_MAX 200
#define ARTICLE_LEAD_MAX 600
#define ARTICLE_BODY_MAX 30000
#define ARTICLE_BYLINE_MAX 120
#define ARTICLE_PAGE_MAX 100

#define ARTICLE_SECTIONS(X)                                                  \
	X(SEC_POLITICS, "politics", N_("Current affairs – Politics"))        \
	X(SEC_ECONOMY, "economy", N_("Economy"))                             \
	X(SEC_CULTURE, "culture", N_("Culture – Society"))                   \
	X(SEC_SECURITY, "security", N_("Defence – Security"))                \
	X(SEC_MOBILIZATION, "mobilization", N_("Skilful mass mobilization")) \
	X(SEC_FRONT, "front", N_("Front and mass organizations"))
DV_ENUM(article_section, SEC_COUNT, ARTICLE_SECTIONS);


struct article {
	int64_t id;
	int64_t unit_id;
	const char *unit_name;
	enum article_section section;
	int published;
	const char *title;
	const char *lead;
	const char *body; /* Markdown; "" in lists */
	const char *byline;
	int64_t photo_id; /* the first photo, for lists; 0 if none */
	int64_t created_at, updated_at, published_at;
	int may_edit;
};

struct article_input {
	int64_t unit_id; /* for a new article */
	const char *section;
	const char *title;
	const char *lead;
	const char *body;
	const char *byline;
};

int article_create(struct dv_ctx *ctx, const struct article_input *in, int64_t *id_out);
int article_update(struct dv_ctx *ctx, int64_t id, const struct article_input *in);
/* Publish (1) or withdraw to a draft (0). */
int article_publish(struct dv_ctx *ctx, int64_t id, int publish);
int article_get(struct dv_ctx *ctx, int64_t id, struct article *a);

/* Read an article the actor may change; DV_ENOTFOUND if it may not read it. */
int article_editable(struct dv_ctx *ctx, int64_t id, struct article *a);

struct article_filter {
	int64_t unit_id; /* 0: all; else the unit, its ancestors and its subtree */
	int section;     /* -1: all */
	int32_t from, to;  /* publication day within [from, to], 0 for open ends */
	const char *query; /* words, or NULL */
	int drafts;	   /* drafts instead (needs ACT_PUBLISH_NEWS on unit_id) */
};

/* A page of articles, newest first (by relevance with a query). */
int article_list(struct dv_ctx *ctx, const struct article_filter *f, int64_t offset, int limit,
		 struct article **out, size_t *n, int *more);

/* Owner of the photos and files of an article, with captions
 * (domain/disclose/attachment.h). */
extern const struct attach_owner article_attach;

#endif

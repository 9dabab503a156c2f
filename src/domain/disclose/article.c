#include "domain/disclose/article.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/names.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "store/search.h"

DV_ENUM_DEFINE(article_section, SEC_COUNT, ARTICLE_SECTIONS, "section");

/* ------------------------------------------------------------- reading */

#define ARTICLE_COLS(BODY)                                                                         \
	"a.id, a.unit_id, u.name, a.section, a.status, a.title, a.lead, " BODY ", a.byline, "      \
	"(SELECT MIN(f.file_id) FROM article_file f JOIN file fl ON fl.id = f.file_id "            \
	"WHERE f.article_id = a.id AND f.removed_at IS NULL AND fl.width > 0), "                   \
	"a.created_at, a.updated_at, a.published_at"
#define ARTICLE_FROM " FROM article a JOIN unit u ON u.id = a.unit_id "

static void read_article(struct dv_ctx *ctx, struct db_stmt *st, struct article *a)
{
	memset(a, 0, sizeof(*a));
	a->id = db_col_int(st, 0);
	a->unit_id = db_col_int(st, 1);
	a->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	article_section_parse(db_col_text(st, 3), &a->section, NULL);
	a->published = strcmp(db_col_text(st, 4), "published") == 0;
	a->title = arena_strdup(ctx->arena, db_col_text(st, 5));
	a->lead = arena_strdup(ctx->arena, db_col_text(st, 6));
	a->body = arena_strdup(ctx->arena, db_col_text(st, 7));
	a->byline = arena_strdup(ctx->arena, db_col_text(st, 8));
	a->photo_id = db_col_int(st, 9);
	a->created_at = db_col_int(st, 10);
	a->updated_at = db_col_int(st, 11);
	a->published_at = db_col_int(st, 12);
}

static int article_load(struct dv_ctx *ctx, int64_t id, struct article *a)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ARTICLE_COLS("a.body") ARTICLE_FROM "WHERE a.id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such article");
	read_article(ctx, st, a);
	db_finish(st);
	return 0;
}

int article_get(struct dv_ctx *ctx, int64_t id, struct article *a)
{
	int rc = article_load(ctx, id, a);
	if (rc)
		return rc;
	a->may_edit = perm_may(ctx, ACT_PUBLISH_NEWS, a->unit_id);
	if (!a->published && !a->may_edit)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such article");
	return 0;
}

int article_editable(struct dv_ctx *ctx, int64_t id, struct article *a)
{
	int rc = article_get(ctx, id, a);
	return rc ? rc : perm_require(ctx, ACT_PUBLISH_NEWS, a->unit_id);
}

static int files_editable(struct dv_ctx *ctx, int64_t id, int64_t *unit, int *versioned)
{
	struct article a;
	int rc = article_editable(ctx, id, &a);
	*unit = a.unit_id;
	*versioned = 0;
	return rc;
}

const struct attach_owner article_attach = {
	.link = "article_file",
	.column = "article_id",
	.audit = "article",
	.captions = 1,
	.editable = files_editable,
};

/* ---------------------------------------------------------- validation */

struct clean_article {
	enum article_section section;
	const char *title, *lead, *body, *byline;
};

static int clean_field(struct dv_ctx *ctx, const char *in, size_t max, unsigned flags,
		       const char *field, const char **out)
{
	return text_clean(ctx->arena, in, in ? strlen(in) : 0, max, flags, field, out, &ctx->err);
}

static int clean_input(struct dv_ctx *ctx, const struct article_input *in, struct clean_article *c)
{
	int rc = article_section_parse(in->section, &c->section, &ctx->err);
	if (rc ||
	    (rc = clean_field(ctx, in->title, ARTICLE_TITLE_MAX, TEXT_REQUIRED, "title",
			      &c->title)) ||
	    (rc = clean_field(ctx, in->lead, ARTICLE_LEAD_MAX, TEXT_MULTILINE, "lead", &c->lead)) ||
	    (rc = clean_field(ctx, in->body, ARTICLE_BODY_MAX, TEXT_MULTILINE | TEXT_REQUIRED,
			      "body", &c->body)))
		return rc;
	return clean_field(ctx, in->byline, ARTICLE_BYLINE_MAX, TEXT_REQUIRED, "byline",
			   &c->byline);
}

/* --------------------------------------------------------------- writing */

static int index_article(struct dv_ctx *ctx, int64_t id)
{
	struct article a;
	int rc = article_load(ctx, id, &a);
	if (rc)
		return rc;
	if (!a.published)
		return search_delete(ctx->db, &ctx->err, "article", id);
	const char *body = arena_printf(ctx->arena, "%s\n%s", a.lead, a.body);
	return search_put(ctx->db, &ctx->err, "article", id, a.unit_id,
			  text_fold_a(ctx->arena, a.title), text_fold_a(ctx->arena, body));
}

static int create_tx(struct dv_ctx *ctx, int64_t unit_id, const struct clean_article *c,
		     int64_t *id)
{
	struct unit u;
	int64_t ward = 0;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_PUBLISH_NEWS, unit_id)))
		return rc;
	rc = unit_commune_of(ctx, unit_id, &ward);
	if (rc && rc != DV_ENOTFOUND)
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO article (unit_id, ward_id, section, title, lead, body, byline, "
		    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		    "$9, $9) RETURNING id",
		    DB_I(unit_id), DB_ID(ward), DB_T(article_section_name(c->section)),
		    DB_T(c->title), DB_T(c->lead), DB_T(c->body), DB_T(c->byline),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "article.create", "article", *id, unit_id,
			       json_pack("{s:s}", "title", c->title));
	return rc;
}

int article_create(struct dv_ctx *ctx, const struct article_input *in, int64_t *id_out)
{
	struct clean_article c;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_PUBLISH_NEWS, in->unit_id))
		return perm_require(ctx, ACT_PUBLISH_NEWS, in->unit_id);
	int rc = clean_input(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in->unit_id, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct clean_article *c)
{
	struct article a;
	int rc = article_editable(ctx, id, &a);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE article SET section = $1, title = $2, lead = $3, body = $4, byline = $5, "
		    "updated_at = $6 WHERE id = $7",
		    DB_T(article_section_name(c->section)), DB_T(c->title), DB_T(c->lead),
		    DB_T(c->body), DB_T(c->byline), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = index_article(ctx, id);
	if (!rc)
		rc = ctx_audit(ctx, "article.update", "article", id, a.unit_id,
			       json_pack("{s:s, s:s}", "title", c->title, "old_title", a.title));
	return rc;
}

int article_update(struct dv_ctx *ctx, int64_t id, const struct article_input *in)
{
	struct clean_article c;
	int rc = clean_input(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, &c));
}

static int publish_tx(struct dv_ctx *ctx, int64_t id, int publish)
{
	struct article a;
	int rc = article_editable(ctx, id, &a);
	if (rc)
		return rc;
	if (a.published == publish)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       publish ? "This article is already published"
				       : "This article is not published");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE article SET status = $1, published_at = COALESCE(published_at, $2), "
		    "updated_at = $2 WHERE id = $3",
		    DB_T(publish ? "published" : "draft"), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = index_article(ctx, id);
	if (!rc)
		rc = ctx_audit(ctx, publish ? "article.publish" : "article.withdraw", "article", id,
			       a.unit_id, json_pack("{s:s}", "title", a.title));
	return rc;
}

int article_publish(struct dv_ctx *ctx, int64_t id, int publish)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, publish_tx(ctx, id, publish));
}

/* -------------------------------------------------------------- listing */

/* As in notice.c: casts for PostgreSQL, and drafts of the subtree only. */
#define LIST_WHERE                                                                                 \
	"(CAST($1 AS BIGINT) = 0 "                                                                 \
	"OR a.unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = $1) "                  \
	"OR ($3 <> 'draft' AND a.unit_id IN (SELECT ancestor FROM unit_tree WHERE descendant = $1))) " \
	"AND ($2 = '' OR a.section = $2) AND a.status = $3 "                                       \
	"AND (CAST($4 AS BIGINT) = 0 OR a.published_at >= $4) "                                    \
	"AND (CAST($5 AS BIGINT) = 0 OR a.published_at < $5) "

static const char *list_sql(struct dv_ctx *ctx, int searching)
{
	if (!searching)
		return "SELECT " ARTICLE_COLS("''") ARTICLE_FROM "WHERE " LIST_WHERE
		       "ORDER BY COALESCE(a.published_at, a.updated_at) DESC, a.id DESC "
		       "LIMIT $6 OFFSET $7";
	return arena_printf(ctx->arena,
			    "SELECT " ARTICLE_COLS("''") ARTICLE_FROM "JOIN (%s) s ON s.ref = a.id "
			    "WHERE " LIST_WHERE "ORDER BY s.score DESC, a.id DESC "
			    "LIMIT $6 OFFSET $7",
			    search_sql(ctx->db, 8, 9));
}

int article_list(struct dv_ctx *ctx, const struct article_filter *f, int64_t offset, int limit,
		 struct article **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > ARTICLE_PAGE_MAX || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	if (f->drafts && !ctx->actor->system &&
	    (!f->unit_id || !perm_may(ctx, ACT_PUBLISH_NEWS, f->unit_id)))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Drafts are seen only by those who may publish them");
	const char *terms = NULL;
	if (f->query && *f->query) {
		terms = search_terms(ctx->db, ctx->arena, text_fold_a(ctx->arena, f->query));
		if (!terms)
			return 0;
	}
	/* days are local: [from 00:00, to + 1 day 00:00) */
	struct db_param p[] = {
		DB_I(f->unit_id),
		DB_T(f->section >= 0 ? article_section_name((enum article_section)f->section) : ""),
		DB_T(f->drafts ? "draft" : "published"),
		DB_I(f->from ? time_local_midnight(f->from) : 0),
		DB_I(f->to ? time_local_midnight(date_add_days(f->to, 1)) : 0),
		DB_I(limit + 1),
		DB_I(offset),
		DB_T("article"),
		DB_T(terms),
		DB_END};
	if (!terms)
		p[7] = DB_END;
	int rc = db_query_(ctx->db, &st, &ctx->err, list_sql(ctx, terms != NULL), p);
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_article(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	return rc < 0 ? rc : 0;
}

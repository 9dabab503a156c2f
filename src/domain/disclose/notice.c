/*
 * Notices: their life cycle (draft, published, archived), versions, reading
 * and listing. Categories are in notice_category.c, duties in
 * notice_duty.c, reach in reach.c.
 */
#include "domain/disclose/notice.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/names.h"
#include "base/text.h"
#include "domain/disclose/attachment.h"
#include "domain/disclose/notice_impl.h"
#include "domain/notify_event.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "store/search.h"

DV_ENUM_DEFINE(notice_status, NOTICE_STATUS_COUNT, NOTICE_STATUSES, "status");

/* ------------------------------------------------------------- reading */

/* The columns read_notice() reads; BODY is n.body, or '' for lists. */
#define NOTICE_COLS(BODY)                                                                          \
	"n.id, n.unit_id, u.name, n.category_id, c.name_vi, c.name_en, c.law_item, n.status, "     \
	"n.version, n.title, " BODY ", n.visible_from, n.visible_until, n.min_days, n.reached, "   \
	"u.households, n.created_at, n.updated_at, n.published_at, n.archived_at, n.ward_id"
#define NOTICE_FROM                                                                                \
	" FROM notice n JOIN unit u ON u.id = n.unit_id "                                          \
	"JOIN notice_category c ON c.id = n.category_id "

static void read_notice(struct dv_ctx *ctx, struct db_stmt *st, struct notice *n)
{
	memset(n, 0, sizeof(*n));
	n->id = db_col_int(st, 0);
	n->unit_id = db_col_int(st, 1);
	n->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	n->category_id = db_col_int(st, 3);
	int en = ctx->lang && strcmp(ctx->lang, "en") == 0;
	n->category_name = arena_strdup(ctx->arena, db_col_text(st, en ? 5 : 4));
	n->law_item = (int)db_col_int(st, 6);
	notice_status_parse(db_col_text(st, 7), &n->status, NULL);
	n->version = (int)db_col_int(st, 8);
	n->title = arena_strdup(ctx->arena, db_col_text(st, 9));
	n->body = arena_strdup(ctx->arena, db_col_text(st, 10));
	n->visible_from = (int32_t)db_col_int(st, 11);
	n->visible_until = (int32_t)db_col_int(st, 12);
	n->min_days = (int)db_col_int(st, 13);
	n->reached = db_col_int(st, 14);
	n->households = db_col_int(st, 15);
	n->created_at = db_col_int(st, 16);
	n->updated_at = db_col_int(st, 17);
	n->published_at = db_col_int(st, 18);
	n->archived_at = db_col_int(st, 19);
	n->ward_id = db_col_int(st, 20);
}

int notice_load(struct dv_ctx *ctx, int64_t id, struct notice *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " NOTICE_COLS("n.body") NOTICE_FROM "WHERE n.id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such notice");
	read_notice(ctx, st, n);
	db_finish(st);
	return 0;
}

int notice_get(struct dv_ctx *ctx, int64_t id, struct notice *n)
{
	int rc = notice_load(ctx, id, n);
	if (rc)
		return rc;
	n->may_edit = n->status != NOTICE_ARCHIVED &&
		      perm_may(ctx, ACT_PUBLISH_NOTICES, n->unit_id);
	/* drafts, and notices whose posting has not begun, are their writers' */
	if ((n->status == NOTICE_DRAFT || n->visible_from > time_local_date(ctx->now)) &&
	    !perm_may(ctx, ACT_PUBLISH_NOTICES, n->unit_id))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such notice");
	return 0;
}

int32_t notice_archivable_on(const struct notice *n)
{
	return date_add_days(n->visible_from, n->min_days);
}

/* ---------------------------------------------------------- validation */

struct clean_notice {
	int64_t category_id;
	const char *title, *body, *note;
	int32_t from, until;
	int min_days;
};

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

static int clean_date(struct dv_ctx *ctx, const char *in, const char *field, int32_t *out)
{
	const char *s;
	*out = 0;
	int rc = text_clean(ctx->arena, in, slen(in), 20, 0, field, &s, &ctx->err);
	if (rc || !*s)
		return rc;
	if ((rc = date_parse(s, out, &ctx->err)))
		ctx->err.field = field;
	return rc;
}

/* The posting window: from is today or a day within the next year (the
 * posting period is counted on this site, so it cannot start in the past),
 * unless it is fixed (a published notice's period already runs); until, if
 * given, must leave the minimum period, its first and last days included. */
static int clean_window(struct dv_ctx *ctx, const struct notice_input *in, int32_t fixed_from,
			struct clean_notice *c)
{
	int32_t today = time_local_date(ctx->now);
	int rc = fixed_from ? 0 : clean_date(ctx, in->visible_from, "visible_from", &c->from);
	if (rc || (rc = clean_date(ctx, in->visible_until, "visible_until", &c->until)))
		return rc;
	if (fixed_from)
		c->from = fixed_from;
	else if (!c->from)
		c->from = today;
	if (!fixed_from && (c->from < today || c->from > date_add_days(today, 365)))
		return dv_fail(&ctx->err, DV_EINVAL, "visible_from",
			       "The posting period starts today or on a day within a year");
	return notice_check_until(ctx, c->from, c->until, c->min_days);
}

int notice_check_until(struct dv_ctx *ctx, int32_t from, int32_t until, int min_days)
{
	int32_t least = date_add_days(from, min_days - 1);
	if (!until || until >= least)
		return 0;
	struct buf b = BUF_INIT;
	date_format(&b, least);
	int rc = dv_fail(&ctx->err, DV_EINVAL, "visible_until",
			 "This category must stay posted at least %d days: until %s or later",
			 min_days, b.ptr);
	buf_release(&b);
	return rc;
}

/* fixed_from: see clean_window, with fixed_min the period it was
 * published with (0 otherwise); kept_category: the notice's category now,
 * which stays usable after a city administrator retires it. */
static int clean_input(struct dv_ctx *ctx, const struct notice_input *in, int32_t fixed_from,
		       int fixed_min, int64_t kept_category, struct clean_notice *c)
{
	struct notice_category cat;
	memset(c, 0, sizeof(*c));
	int rc = text_clean(ctx->arena, in->title, slen(in->title), NOTICE_TITLE_MAX,
			    TEXT_REQUIRED, "title", &c->title, &ctx->err);
	if (rc || (rc = text_clean(ctx->arena, in->body, slen(in->body), NOTICE_BODY_MAX,
				   TEXT_MULTILINE | TEXT_REQUIRED, "body", &c->body, &ctx->err)) ||
	    (rc = text_clean(ctx->arena, in->note, slen(in->note), NOTICE_NOTE_MAX, 0, "note",
			     &c->note, &ctx->err)))
		return rc;
	rc = in->category_id > 0 ? category_get(ctx, in->category_id, &cat) : DV_ENOTFOUND;
	if (rc == DV_ENOTFOUND || (!rc && !cat.active && cat.id != kept_category))
		return dv_fail(&ctx->err, DV_EINVAL, "category", "Choose the kind of information");
	if (rc)
		return rc;
	c->category_id = cat.id;
	c->min_days = fixed_min ? fixed_min : cat.min_days;
	return clean_window(ctx, in, fixed_from, c);
}

/* --------------------------------------------------------------- drafts */

static int create_tx(struct dv_ctx *ctx, int64_t unit_id, const struct clean_notice *c,
		     int64_t *id)
{
	struct unit u;
	int64_t ward = 0;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_PUBLISH_NOTICES, unit_id)))
		return rc;
	if (strcmp(u.status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "%s was merged into another unit",
			       u.name);
	rc = unit_commune_of(ctx, unit_id, &ward);
	if (rc && rc != DV_ENOTFOUND)
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO notice (unit_id, ward_id, category_id, title, body, visible_from, "
		    "visible_until, min_days, created_by, created_at, updated_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
		    DB_I(unit_id), DB_ID(ward), DB_I(c->category_id), DB_T(c->title),
		    DB_T(c->body), DB_I(c->from), DB_ID(c->until), DB_I(c->min_days),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "notice.create", "notice", *id, unit_id,
			       json_pack("{s:s, s:I}", "title", c->title, "category",
					 (json_int_t)c->category_id));
	return rc;
}

int notice_create(struct dv_ctx *ctx, const struct notice_input *in, int64_t *id_out)
{
	struct clean_notice c;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_PUBLISH_NOTICES, in->unit_id))
		return perm_require(ctx, ACT_PUBLISH_NOTICES, in->unit_id);
	int rc = clean_input(ctx, in, 0, 0, 0, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in->unit_id, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* ------------------------------------------------------------- versions */

/* The search index holds published notices: title, and body with the
 * category's names in both languages, folded. */
static int index_notice(struct dv_ctx *ctx, const struct notice *n)
{
	struct notice_category c;
	int rc = category_get(ctx, n->category_id, &c);
	if (rc)
		return rc;
	const char *body = arena_printf(ctx->arena, "%s\n%s\n%s", c.name_vi, c.name_en, n->body);
	return search_put(ctx->db, &ctx->err, "notice", n->id, n->unit_id,
			  text_fold_a(ctx->arena, n->title), text_fold_a(ctx->arena, body));
}

int notice_record_version(struct dv_ctx *ctx, int64_t id, const char *note)
{
	struct notice n;
	const char *files;
	int rc = notice_load(ctx, id, &n);
	if (rc || (rc = attachment_names(ctx, &notice_attach, id, &files)))
		return rc;
	int version = n.version + 1;
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO notice_version (notice_id, version, category_id, title, body, "
		    "visible_from, visible_until, files, note, changed_by, changed_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
		    DB_I(id), DB_I(version), DB_I(n.category_id), DB_T(n.title), DB_T(n.body),
		    DB_I(n.visible_from), DB_ID(n.visible_until), DB_T(files),
		    DB_T(note ? note : ""), DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notice SET version = $1, updated_at = $2 WHERE id = $3",
			    DB_I(version), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = index_notice(ctx, &n);
	return rc;
}

/* A notice the actor may change: readable, not archived, and in a unit
 * where it may publish. */
static int load_editable(struct dv_ctx *ctx, int64_t id, struct notice *n)
{
	int rc = notice_get(ctx, id, n);
	if (rc || (rc = perm_require(ctx, ACT_PUBLISH_NOTICES, n->unit_id)))
		return rc;
	if (n->status == NOTICE_ARCHIVED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "An archived notice can no longer be changed");
	return 0;
}

int notice_editable(struct dv_ctx *ctx, int64_t id, struct notice *n)
{
	return load_editable(ctx, id, n);
}

/* ------------------------------------------------------------ its files */

static int files_editable(struct dv_ctx *ctx, int64_t id, int64_t *unit, int *versioned)
{
	struct notice n;
	int rc = notice_editable(ctx, id, &n);
	*unit = n.unit_id;
	*versioned = !rc && n.status == NOTICE_PUBLISHED;
	return rc;
}

/* A published notice whose files changed gets a new version, so the public
 * history says when a file came or went. */
static int files_changed(struct dv_ctx *ctx, int64_t id)
{
	return notice_record_version(ctx, id, "");
}

const struct attach_owner notice_attach = {
	.link = "notice_file",
	.column = "notice_id",
	.audit = "notice",
	.editable = files_editable,
	.changed = files_changed,
};

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct notice_input *in)
{
	struct notice n;
	struct clean_notice c;
	int rc = load_editable(ctx, id, &n);
	if (rc)
		return rc;
	int published = n.status == NOTICE_PUBLISHED;
	if ((rc = clean_input(ctx, in, published ? n.visible_from : 0, published ? n.min_days : 0,
			      n.category_id, &c)))
		return rc;
	if (n.status == NOTICE_PUBLISHED && n.category_id != c.category_id)
		return dv_fail(&ctx->err, DV_EINVAL, "category",
			       "A published notice keeps its kind: archive it and publish a new one");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE notice SET category_id = $1, title = $2, body = $3, visible_from = $4, "
		    "visible_until = $5, min_days = $6, updated_at = $7 WHERE id = $8",
		    DB_I(c.category_id), DB_T(c.title), DB_T(c.body), DB_I(c.from),
		    DB_ID(c.until), DB_I(c.min_days),
		    DB_I(ctx->now), DB_I(id));
	if (!rc && n.status == NOTICE_PUBLISHED)
		rc = notice_record_version(ctx, id, c.note);
	if (!rc)
		rc = ctx_audit(ctx, "notice.update", "notice", id, n.unit_id,
			       json_pack("{s:s, s:s, s:i}", "title", c.title, "note", c.note,
					 "version", n.version + (n.status == NOTICE_PUBLISHED)));
	return rc;
}

int notice_update(struct dv_ctx *ctx, int64_t id, const struct notice_input *in)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, update_tx(ctx, id, in));
}

/* ----------------------------------------------------------- publishing */

/* In the caller's transaction: the duty checklist of a notice being
 * published, from its category's rules. */
static int create_duties(struct dv_ctx *ctx, const struct notice *n,
			 const struct notice_category *cat)
{
	int rc = 0;
	/* the web portal duty is not stored as done: this site is the portal,
	 * and notice_duties() reads it as done from the first day of posting */
	for (size_t i = 0; !rc && i < cat->nrules; i++) {
		const struct channel_rule *r = &cat->rules[i];
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO notice_duty (notice_id, channel, days, due_date) "
			    "VALUES ($1, $2, $3, $4)",
			    DB_I(n->id), DB_T(channel_name(r->channel)), DB_I(r->days),
			    DB_I(date_add_days(n->visible_from, r->due_days)));
	}
	return rc;
}

static int publish_tx(struct dv_ctx *ctx, int64_t id)
{
	struct notice n;
	struct notice_category cat;
	int rc = load_editable(ctx, id, &n);
	if (rc)
		return rc;
	if (n.status != NOTICE_DRAFT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "This notice is already published");
	if ((rc = category_get(ctx, n.category_id, &cat)))
		return rc;
	/* a draft that waited: its posting period starts when it is published */
	int32_t today = time_local_date(ctx->now);
	if (n.visible_from < today)
		n.visible_from = today;
	if ((rc = notice_check_until(ctx, n.visible_from, n.visible_until, cat.min_days)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE notice SET status = 'published', published_at = $1, min_days = $2, "
		    "visible_from = $3, updated_at = $1 WHERE id = $4",
		    DB_I(ctx->now), DB_I(cat.min_days), DB_I(n.visible_from), DB_I(id));
	if (!rc)
		rc = create_duties(ctx, &n, &cat);
	if (!rc)
		rc = notice_record_version(ctx, id, "");
	if (!rc) /* its readers are told by the notify family, exactly once */
		rc = notify_event_add(ctx, NOTIFY_NOTICE_PUBLISHED, n.unit_id, 0, "notice", id,
				      n.title, "", 0);
	if (!rc)
		rc = ctx_audit(ctx, "notice.publish", "notice", id, n.unit_id,
			       json_pack("{s:s, s:i}", "title", n.title, "visible_from",
					 (int)n.visible_from));
	return rc;
}

int notice_publish(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, publish_tx(ctx, id));
}

static int archive_tx(struct dv_ctx *ctx, int64_t id)
{
	struct notice n;
	int rc = load_editable(ctx, id, &n);
	if (rc)
		return rc;
	if (n.status != NOTICE_PUBLISHED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "Only a published notice is archived");
	int32_t first = notice_archivable_on(&n);
	if (time_local_date(ctx->now) < first) {
		struct buf b = BUF_INIT;
		date_format(&b, first);
		rc = dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			     "This notice must stay posted for %d days: it may be archived from %s",
			     n.min_days, b.ptr);
		buf_release(&b);
		return rc;
	}
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE notice SET status = 'archived', archived_at = $1, updated_at = $1 "
		    "WHERE id = $2",
		    DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "notice.archive", "notice", id, n.unit_id,
			       json_pack("{s:s}", "title", n.title));
	return rc;
}

int notice_archive(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, archive_tx(ctx, id));
}

/* -------------------------------------------------------------- listing */

/*
 * One SQL text serves every filter: a filter that is off is a parameter
 * that makes its condition true. With a query, the search subquery of the
 * store (search_sql) ranks the rows.
 */
/* Parameters compared with 0 are cast, or PostgreSQL would take them for
 * 32-bit integers. A unit's drafts are those of its subtree only: a unit
 * above is another office's business. Published notices of the units a
 * unit was merged or split from (and of their subtrees) are its too.
 * With a unit, its units are one set (UNIT_SET) the notices are joined to
 * through their index (notice_unit), and without one the filter is not
 * there at all: a generic plan of one text for both would read every
 * notice (tests/unit/test_query_plans.c). */
#define UNIT_SET                                                                                   \
	"n.unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = $1 "                      \
	"UNION SELECT ancestor FROM unit_tree WHERE descendant = $1 AND $3 <> 'draft' "            \
	"UNION SELECT t.descendant FROM unit_lineage l JOIN unit_tree t ON t.ancestor = "          \
	"l.predecessor_id WHERE l.unit_id = $1 AND $3 <> 'draft') "
#define ANY_UNIT "CAST($1 AS BIGINT) = 0 "
#define LIST_WHERE                                                                                 \
	"AND (CAST($2 AS BIGINT) = 0 OR n.category_id = $2) AND n.status = $3 "                    \
	"AND (CAST($4 AS BIGINT) = 0 OR n.visible_from >= $4) "                                    \
	"AND (CAST($5 AS BIGINT) = 0 OR n.visible_from <= $5) "                                    \
	"AND (CAST($6 AS BIGINT) = 1 OR n.visible_from <= $7) "

static const char *list_sql(struct dv_ctx *ctx, int unit, int searching, int with_body)
{
	const char *body = with_body ? "n.body" : "''", *units = unit ? UNIT_SET : ANY_UNIT;
	if (!searching)
		return arena_printf(ctx->arena,
				    "SELECT " NOTICE_COLS("%s") NOTICE_FROM "WHERE %s" LIST_WHERE
				    "ORDER BY n.visible_from DESC, n.id DESC LIMIT $8 OFFSET $9",
				    body, units);
	return arena_printf(ctx->arena,
			    "SELECT " NOTICE_COLS("%s") NOTICE_FROM "JOIN (%s) s ON s.ref = n.id "
			    "WHERE %s" LIST_WHERE "ORDER BY s.score DESC, n.id DESC "
			    "LIMIT $8 OFFSET $9",
			    body, search_sql(ctx->db, 10, 11), units);
}

int notice_list(struct dv_ctx *ctx, const struct notice_filter *f, int64_t offset, int limit,
		struct notice **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > NOTICE_PAGE_MAX || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	if (f->status == NOTICE_DRAFT && (!f->unit_id || !perm_may(ctx, ACT_PUBLISH_NOTICES,
								    f->unit_id)) &&
	    !ctx->actor->system)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Drafts are seen only by those who may publish them");
	const char *terms = NULL;
	if (f->query && *f->query) {
		terms = search_terms(ctx->db, ctx->arena, text_fold_a(ctx->arena, f->query));
		if (!terms)
			return 0; /* nothing but punctuation: nothing matches */
	}
	struct db_param p[] = {DB_I(f->unit_id),
			       DB_I(f->category_id),
			       DB_T(notice_status_name(f->status)),
			       DB_I(f->from),
			       DB_I(f->to),
			       DB_I(f->include_scheduled ? 1 : 0),
			       DB_I(time_local_date(ctx->now)),
			       DB_I(limit + 1),
			       DB_I(offset),
			       DB_T("notice"),
			       DB_T(terms),
			       DB_END};
	if (!terms)
		p[9] = DB_END;
	int rc = db_query_(ctx->db, &st, &ctx->err,
			   list_sql(ctx, f->unit_id != 0, terms != NULL, f->with_body), p);
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_notice(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	return rc < 0 ? rc : 0;
}

int notice_versions(struct dv_ctx *ctx, int64_t id, struct notice_version **out, size_t *n)
{
	struct notice no;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = notice_get(ctx, id, &no);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT v.version, v.category_id, v.title, v.body, v.visible_from, "
				 "v.visible_until, v.files, v.note, a.display_name, v.changed_at "
				 "FROM notice_version v LEFT JOIN account a ON a.id = v.changed_by "
				 "WHERE v.notice_id = $1 ORDER BY v.version",
				 DB_I(id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct notice_version *v = ARENA_PUSH(ctx->arena, *out, *n, cap);
		v->version = (int)db_col_int(st, 0);
		v->category_id = db_col_int(st, 1);
		v->title = arena_strdup(ctx->arena, db_col_text(st, 2));
		v->body = arena_strdup(ctx->arena, db_col_text(st, 3));
		v->visible_from = (int32_t)db_col_int(st, 4);
		v->visible_until = (int32_t)db_col_int(st, 5);
		v->files = arena_strdup(ctx->arena, db_col_text(st, 6));
		v->note = arena_strdup(ctx->arena, db_col_text(st, 7));
		v->changed_by = arena_strdup(ctx->arena, db_col_text(st, 8));
		v->changed_at = db_col_int(st, 9);
	}
	return rc < 0 ? rc : 0;
}

/*
 * Consultations: drafts, their sections, reading and listing them. The
 * opinions and the synthesis are in opinion.c.
 */
#include "domain/consult/consultation.h"
#include "domain/consult/consultation_impl.h"

#include <ctype.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/names.h"
#include "base/text.h"
#include "domain/notify_event.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "store/search.h"

/* ---------------------------------------------------------------- names */

DV_ENUM_DEFINE(consult_kind, CK_COUNT, CONSULT_KINDS, "kind");

DV_ENUM_DEFINE(consult_status, CS_STATUS_COUNT, CONSULT_STATUSES, "status");

DV_ENUM_DEFINE(stance, ST_COUNT, STANCES, "stance");

DV_ENUM_DEFINE(opinion_channel, OC_COUNT, OPINION_CHANNELS, "channel");

DV_ENUM_DEFINE(answer, ANS_COUNT, ANSWERS, "answer");

/* ------------------------------------------------------------- sections */

/* The heading a line starts, or NULL: a Markdown heading ("## Điều 2"), or
 * an article's first line ("Điều 2.", "**Điều 2. Phạm vi**", "Article 2"). */
static const char *heading_of(struct arena *ar, const char *line, size_t len)
{
	size_t i = 0;
	if (len && line[0] == '#') {
		while (i < len && i < 6 && line[i] == '#')
			i++;
		if (i == len || line[i] != ' ')
			return NULL;
	} else {
		const char *p = line;
		size_t n = len;
		if (n > 2 && !strncmp(p, "**", 2))
			p += 2, n -= 2;
		size_t w = !strncmp(p, "Điều ", strlen("Điều ")) ? strlen("Điều ")
			   : !strncmp(p, "Article ", 8)		    ? 8
								    : 0;
		if (!w || n <= w || !isdigit((unsigned char)p[w]))
			return NULL;
	}
	/* the text without the #s and the bold marks */
	struct buf b = BUF_INIT;
	for (; i < len; i++)
		if (line[i] != '*')
			buf_addf(&b, "%c", line[i]);
	const char *s = text_nfc(ar, b.ptr ? b.ptr : "", b.len);
	buf_release(&b);
	while (*s == ' ')
		s++;
	return s;
}

/* Trimmed of blank lines at both ends. */
static const char *trim_lines(struct arena *ar, const char *s, size_t len)
{
	while (len && (*s == '\n' || *s == ' '))
		s++, len--;
	while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	return arena_strndup(ar, s, len);
}

/* Add a section unless it is empty without a heading. */
static int push_section(struct arena *ar, struct consult_section **out, size_t *n, size_t *cap,
			const char *heading, const char *text, struct dv_err *err)
{
	if (!*text && !*heading)
		return 0;
	if (*n == CONSULT_SECTIONS_MAX)
		return dv_fail(err, DV_EINVAL, "body", "A draft has at most %d sections",
			       CONSULT_SECTIONS_MAX);
	struct consult_section *s = ARENA_PUSH(ar, *out, *n, *cap);
	memset(s, 0, sizeof(*s));
	s->number = (int)*n;
	s->heading = heading;
	s->body = text;
	return 0;
}

int consultation_split(struct arena *ar, const char *body, struct consult_section **out, size_t *n,
		       struct dv_err *err)
{
	size_t cap = 0;
	const char *start = body, *heading = "";
	int rc = 0;
	*out = NULL;
	*n = 0;
	for (const char *p = body; !rc;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *h = heading_of(ar, p, len);
		if (h) {
			rc = push_section(ar, out, n, &cap, heading,
					  trim_lines(ar, start, (size_t)(p - start)), err);
			heading = h;
			start = p + len + (nl != NULL);
		}
		if (!nl) {
			if (!rc)
				rc = push_section(ar, out, n, &cap, heading,
						  trim_lines(ar, start, (size_t)(p + len - start)),
						  err);
			break;
		}
		p = nl + 1;
	}
	return rc;
}

/* ---------------------------------------------------------------- reading */

/* The status as it reads now: open past its deadline is closed. */
#define STATUS_NOW "CASE WHEN c.status = 'open' AND c.closes_at <= $1 THEN 'closed' ELSE c.status END"

#define CONSULT_COLS                                                                           \
	"c.id, c.unit_id, u.name, c.kind, " STATUS_NOW ", c.title, c.body, c.opened_at, "      \
	"c.closes_at, c.published_at, c.created_at, c.summary, (SELECT COUNT(*) FROM opinion o " \
	"WHERE o.consultation_id = c.id), (SELECT COUNT(*) FROM opinion o WHERE "            \
	"o.consultation_id = c.id AND o.answer IS NOT NULL)"

static void read_row(struct dv_ctx *ctx, struct db_stmt *st, struct consultation *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->unit_id = db_col_int(st, 1);
	c->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	if (consult_kind_parse(db_col_text(st, 3), &c->kind, NULL))
		c->kind = CK_OTHER;
	if (consult_status_parse(db_col_text(st, 4), &c->status, NULL))
		c->status = CS_DRAFT;
	c->title = arena_strdup(ctx->arena, db_col_text(st, 5));
	c->body = arena_strdup(ctx->arena, db_col_text(st, 6));
	c->opened_at = db_col_int(st, 7);
	c->closes_at = db_col_int(st, 8);
	c->published_at = db_col_int(st, 9);
	c->created_at = db_col_int(st, 10);
	c->summary = arena_strdup(ctx->arena, db_col_text(st, 11));
	c->opinions = db_col_int(st, 12);
	c->answered = db_col_int(st, 13);
}

/* The sections with their counts; [0] is the draft as a whole. */
static int load_sections(struct dv_ctx *ctx, struct consultation *c)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	c->nsections = 0;
	c->sections = NULL;
	struct consult_section *s0 = ARENA_PUSH(ctx->arena, c->sections, c->nsections, cap);
	memset(s0, 0, sizeof(*s0));
	s0->heading = "";
	s0->body = "";
	if (c->status == CS_DRAFT) { /* not split yet: as it would be */
		struct consult_section *v;
		size_t n;
		int rc = consultation_split(ctx->arena, c->body, &v, &n, &ctx->err);
		for (size_t i = 0; !rc && i < n; i++)
			*ARENA_PUSH(ctx->arena, c->sections, c->nsections, cap) = v[i];
		return rc == DV_EINVAL ? 0 : rc;
	}
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT number, heading, body FROM consultation_section WHERE "
			  "consultation_id = $1 ORDER BY number",
			  DB_I(c->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct consult_section *s = ARENA_PUSH(ctx->arena, c->sections, c->nsections, cap);
		memset(s, 0, sizeof(*s));
		s->number = (int)db_col_int(st, 0);
		s->heading = arena_strdup(ctx->arena, db_col_text(st, 1));
		s->body = arena_strdup(ctx->arena, db_col_text(st, 2));
	}
	if (rc < 0)
		return rc;
	return consult_count_sections(ctx, c);
}

int consult_count_sections(struct dv_ctx *ctx, struct consultation *c)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT section, stance, COALESCE(answer, ''), collective, COUNT(*) FROM "
			  "opinion WHERE consultation_id = $1 GROUP BY section, stance, answer, "
			  "collective",
			  DB_I(c->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		int64_t number = db_col_int(st, 0), k = db_col_int(st, 4);
		struct consult_section *s = NULL;
		for (size_t i = 0; i < c->nsections; i++)
			if (c->sections[i].number == number)
				s = &c->sections[i];
		if (!s)
			continue;
		const char *stance = db_col_text(st, 1), *answer = db_col_text(st, 2);
		s->opinions += k;
		s->support += strcmp(stance, "support") ? 0 : k;
		s->oppose += strcmp(stance, "oppose") ? 0 : k;
		s->other += strcmp(stance, "other") ? 0 : k;
		s->collective += db_col_int(st, 3) ? k : 0;
		s->accepted += strcmp(answer, "accepted") ? 0 : k;
		s->partly += strcmp(answer, "partly") ? 0 : k;
		s->rejected += strcmp(answer, "rejected") ? 0 : k;
	}
	return rc < 0 ? rc : 0;
}

int consultation_get(struct dv_ctx *ctx, int64_t id, struct consultation *c)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " CONSULT_COLS " FROM consultation c JOIN unit u ON u.id = "
			  "c.unit_id WHERE c.id = $2",
			  DB_I(ctx->now), DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such consultation");
	read_row(ctx, st, c);
	db_finish(st);
	c->may_manage = perm_may(ctx, ACT_CONSULT, c->unit_id);
	if (c->status == CS_DRAFT && !c->may_manage)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such consultation");
	return load_sections(ctx, c);
}

int consultation_list(struct dv_ctx *ctx, const struct consult_filter *f, int64_t offset,
		      int limit, struct consultation **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > 100 || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	if (f->status == CS_DRAFT && !ctx->actor->system &&
	    (!f->unit_id || !perm_may(ctx, ACT_CONSULT, f->unit_id)))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Drafts are seen only by those who consult on them");
	const char *terms = NULL;
	if (f->query && *f->query &&
	    !(terms = search_terms(ctx->db, ctx->arena, text_fold_a(ctx->arena, f->query))))
		return 0; /* no word to look for: nothing matches */
	/* a unit's list: the consultations within it and those above it that
	 * concern it; with words, ranked by how well they match */
	const char *sql = arena_printf(
		ctx->arena,
		"SELECT " CONSULT_COLS " FROM consultation c JOIN unit u ON u.id = c.unit_id %s "
		"WHERE (CAST($2 AS BIGINT) = 0 OR c.unit_id IN (SELECT descendant FROM unit_tree "
		"WHERE ancestor = $2) OR c.unit_id IN (SELECT ancestor FROM unit_tree WHERE "
		"descendant = $2)) AND (($3 = '' AND c.status <> 'draft') OR " STATUS_NOW " = $3) "
		"ORDER BY %s c.created_at DESC, c.id DESC LIMIT $4 OFFSET $5",
		terms ? arena_printf(ctx->arena, "JOIN (%s) s ON s.ref = c.id",
				     search_sql(ctx->db, 6, 7))
		      : "",
		terms ? "s.score DESC," : "");
	const char *status = f->status < 0 ? "" : consult_status_name((enum consult_status)f->status);
	int rc = terms ? db_query(ctx->db, &st, &ctx->err, sql, DB_I(ctx->now), DB_I(f->unit_id),
				  DB_T(status), DB_I(limit + 1), DB_I(offset), DB_T("consultation"),
				  DB_T(terms))
		       : db_query(ctx->db, &st, &ctx->err, sql, DB_I(ctx->now), DB_I(f->unit_id),
				  DB_T(status), DB_I(limit + 1), DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_row(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	return rc < 0 ? rc : 0;
}

/* --------------------------------------------------------------- drafts */

struct clean_draft {
	enum consult_kind kind;
	const char *title, *body;
};

static int clean_draft(struct dv_ctx *ctx, const struct consult_input *in, struct clean_draft *c)
{
	if (consult_kind_parse(in->kind, &c->kind, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "kind", "Choose what the draft is about");
	int rc = text_clean(ctx->arena, in->title, in->title ? strlen(in->title) : 0,
			    CONSULT_TITLE_MAX, TEXT_REQUIRED, "title", &c->title, &ctx->err);
	if (!rc)
		rc = text_clean(ctx->arena, in->body, in->body ? strlen(in->body) : 0,
				CONSULT_BODY_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "body", &c->body,
				&ctx->err);
	struct consult_section *v;
	size_t n;
	return rc ? rc : consultation_split(ctx->arena, c->body, &v, &n, &ctx->err);
}

static int create_tx(struct dv_ctx *ctx, int64_t unit_id, const struct clean_draft *c,
		     int64_t *id)
{
	struct unit u;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_CONSULT, unit_id)))
		return rc;
	if (strcmp(u.status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "This unit has been merged");
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO consultation (unit_id, kind, title, title_folded, body, created_by, "
		    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
		    DB_I(unit_id), DB_T(consult_kind_name(c->kind)), DB_T(c->title),
		    DB_T(text_fold_a(ctx->arena, c->title)), DB_T(c->body),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "consultation.create", "consultation", *id, unit_id,
			       json_pack("{s:s, s:s}", "title", c->title, "kind",
					 consult_kind_name(c->kind)));
	return rc;
}

int consultation_create(struct dv_ctx *ctx, const struct consult_input *in, int64_t *id_out)
{
	struct clean_draft c;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_CONSULT, in->unit_id))
		return perm_require(ctx, ACT_CONSULT, in->unit_id);
	int rc = clean_draft(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in->unit_id, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* A draft the actor may change. */
static int load_draft(struct dv_ctx *ctx, int64_t id, struct consultation *c)
{
	int rc = consultation_get(ctx, id, c);
	if (rc || (rc = perm_require(ctx, ACT_CONSULT, c->unit_id)))
		return rc;
	if (c->status != CS_DRAFT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The draft is open for comments: it can no longer change");
	return 0;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct clean_draft *d)
{
	struct consultation c;
	int rc = load_draft(ctx, id, &c);
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE consultation SET kind = $1, title = $2, title_folded = $3, "
			    "body = $4, updated_at = $5 WHERE id = $6",
			    DB_T(consult_kind_name(d->kind)), DB_T(d->title),
			    DB_T(text_fold_a(ctx->arena, d->title)), DB_T(d->body), DB_I(ctx->now),
			    DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "consultation.update", "consultation", id, c.unit_id,
			       json_pack("{s:s}", "title", d->title));
	return rc;
}

int consultation_update(struct dv_ctx *ctx, int64_t id, const struct consult_input *in)
{
	struct clean_draft d;
	int rc = clean_draft(ctx, in, &d);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, &d));
}

static int open_tx(struct dv_ctx *ctx, int64_t id, int64_t closes_at)
{
	struct consultation c;
	struct consult_section *v;
	size_t n;
	int rc = load_draft(ctx, id, &c);
	if (rc || (rc = consultation_split(ctx->arena, c.body, &v, &n, &ctx->err)))
		return rc;
	for (size_t i = 0; !rc && i < n; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO consultation_section (consultation_id, number, heading, body) "
			    "VALUES ($1, $2, $3, $4)",
			    DB_I(id), DB_I(v[i].number), DB_T(v[i].heading), DB_T(v[i].body));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE consultation SET status = 'open', opened_at = $1, closes_at = $2, "
			    "updated_at = $1 WHERE id = $3",
			    DB_I(ctx->now), DB_I(closes_at), DB_I(id));
	if (!rc) /* the residents of its area are told (the notify family) */
		rc = notify_event_add(ctx, NOTIFY_CONSULT_OPENED, c.unit_id, 0, "consultation", id,
				      c.title, "", 0);
	if (!rc)
		rc = search_put(ctx->db, &ctx->err, "consultation", id, c.unit_id,
				text_fold_a(ctx->arena, c.title), text_fold_a(ctx->arena, c.body));
	if (!rc)
		rc = ctx_audit(ctx, "consultation.open", "consultation", id, c.unit_id,
			       json_pack("{s:I, s:I}", "closes_at", (json_int_t)closes_at,
					 "sections", (json_int_t)n));
	return rc;
}

int consultation_open(struct dv_ctx *ctx, int64_t id, int64_t closes_at)
{
	if (closes_at < ctx->now + 3600 || closes_at > ctx->now + 90 * 86400)
		return dv_fail(&ctx->err, DV_EINVAL, "closes_at",
			       "Comments close between an hour and 90 days from now");
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, open_tx(ctx, id, closes_at));
}

int consultation_figures(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
			 struct consultation_figures *f)
{
	struct db_stmt *st = NULL;
	memset(f, 0, sizeof(*f));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT COUNT(DISTINCT c.id), COUNT(o.id), COUNT(o.answer) FROM consultation "
			  "c LEFT JOIN opinion o ON o.consultation_id = c.id WHERE c.unit_id IN "
			  "(SELECT descendant FROM unit_tree WHERE ancestor = $1) AND c.status <> "
			  "'draft' AND c.opened_at >= $2 AND c.opened_at < $3",
			  DB_I(unit_id), DB_I(time_local_midnight(from)),
			  DB_I(time_local_midnight(date_add_days(to, 1))));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		f->consultations = db_col_int(st, 0);
		f->opinions = db_col_int(st, 1);
		f->answered = db_col_int(st, 2);
		db_finish(st);
		rc = 0;
	}
	return rc;
}

/*
 * Report categories and their questions: data a city administrator edits.
 */
#include "domain/reports/category.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"

DV_ENUM_DEFINE(question_type, QT_COUNT, QUESTION_TYPES, "datatype");

const char *report_category_name(const struct report_category *c, const char *lang)
{
	return lang && strcmp(lang, "en") == 0 && *c->name_en ? c->name_en : c->name_vi;
}

/* ---------------------------------------------------------------- reading */

#define CATEGORY_COLS                                                                              \
	"id, code, name_vi, name_en, description, private, ack_days, resolve_days, position, "     \
	"active, updated_at"

static void read_row(struct dv_ctx *ctx, struct db_stmt *st, struct report_category *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->code = arena_strdup(ctx->arena, db_col_text(st, 1));
	c->name_vi = arena_strdup(ctx->arena, db_col_text(st, 2));
	c->name_en = arena_strdup(ctx->arena, db_col_text(st, 3));
	c->description = arena_strdup(ctx->arena, db_col_text(st, 4));
	c->is_private = db_col_int(st, 5) != 0;
	c->ack_days = (int)db_col_int(st, 6);
	c->resolve_days = (int)db_col_int(st, 7);
	c->position = (int)db_col_int(st, 8);
	c->active = db_col_int(st, 9) != 0;
	c->updated_at = db_col_int(st, 10);
}

int report_category_list(struct dv_ctx *ctx, int all, struct report_category **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc =
		db_query(ctx->db, &st, &ctx->err,
			 "SELECT " CATEGORY_COLS " FROM report_category WHERE active = 1 OR $1 = 1 "
			 "ORDER BY position, id",
			 DB_I(all != 0));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_row(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	return rc < 0 ? rc : 0;
}

/* "key=name; key=name" into choices. */
static void parse_choices(struct dv_ctx *ctx, const char *text, struct report_question *q)
{
	size_t cap = 0;
	const char *lines[REPORT_CHOICES_MAX];
	size_t n = text_lines(ctx->arena, text, lines, REPORT_CHOICES_MAX);
	q->choices = NULL;
	q->nchoices = 0;
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(lines[i], '=');
		if (!eq)
			continue;
		struct report_choice *c = ARENA_PUSH(ctx->arena, q->choices, q->nchoices, cap);
		c->key = arena_strndup(ctx->arena, lines[i], (size_t)(eq - lines[i]));
		c->name = arena_strdup(ctx->arena, eq + 1);
	}
}

static int load_questions(struct dv_ctx *ctx, struct report_category *c)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	c->questions = NULL;
	c->nquestions = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, code, datatype, required, description, choices FROM "
			  "report_question WHERE category_id = $1 ORDER BY position, id",
			  DB_I(c->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct report_question *q =
			ARENA_PUSH(ctx->arena, c->questions, c->nquestions, cap);
		memset(q, 0, sizeof(*q));
		q->id = db_col_int(st, 0);
		q->code = arena_strdup(ctx->arena, db_col_text(st, 1));
		if (question_type_parse(db_col_text(st, 2), &q->type, NULL))
			q->type = QT_STRING;
		q->required = db_col_int(st, 3) != 0;
		q->description = arena_strdup(ctx->arena, db_col_text(st, 4));
		parse_choices(ctx, db_col_text(st, 5), q);
	}
	return rc < 0 ? rc : 0;
}

static int get_by(struct dv_ctx *ctx, const char *sql, struct db_param key,
		  struct report_category *c)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err, sql, key);
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc
			      : dv_fail(&ctx->err, DV_ENOTFOUND, "category", "No such category");
	read_row(ctx, st, c);
	db_finish(st);
	return load_questions(ctx, c);
}

int report_category_get(struct dv_ctx *ctx, int64_t id, struct report_category *c)
{
	return get_by(ctx, "SELECT " CATEGORY_COLS " FROM report_category WHERE id = $1", DB_I(id),
		      c);
}

int report_category_find(struct dv_ctx *ctx, const char *code, struct report_category *c)
{
	return get_by(ctx, "SELECT " CATEGORY_COLS " FROM report_category WHERE code = $1",
		      DB_T(code ? code : ""), c);
}

const char *report_questions_text(struct dv_ctx *ctx, const struct report_category *c)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < c->nquestions; i++) {
		const struct report_question *q = &c->questions[i];
		buf_addf(&b, "%s%s | %s | %s | %s", i ? "\n" : "", q->code,
			 question_type_name(q->type), q->required ? "required" : "optional",
			 q->description);
		for (size_t k = 0; k < q->nchoices; k++)
			buf_addf(&b, "%s%s=%s", k ? "; " : " | ", q->choices[k].key,
				 q->choices[k].name);
	}
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

/* ------------------------------------------------------------- answers */

int report_question_check(struct dv_ctx *ctx, const struct report_question *q, const char *value,
			  const char **out)
{
	const char *field = arena_printf(ctx->arena, "attribute[%s]", q->code);
	int rc = text_clean(ctx->arena, value, value ? strlen(value) : 0, REPORT_ANSWER_MAX,
			    q->type == QT_TEXT ? TEXT_MULTILINE : 0, field, out, &ctx->err);
	if (rc)
		return rc;
	if (!**out)
		return q->required
			       ? dv_fail(&ctx->err, DV_EINVAL, field, "Answer: %s", q->description)
			       : 0;
	if (q->type == QT_NUMBER) {
		char *end;
		strtod(*out, &end);
		if (*end || !isdigit((unsigned char)(*out)[**out == '-']))
			return dv_fail(&ctx->err, DV_EINVAL, field, "Write a number: %s",
				       q->description);
	}
	if (q->type == QT_SINGLE) {
		for (size_t i = 0; i < q->nchoices; i++)
			if (strcmp(q->choices[i].key, *out) == 0)
				return 0;
		return dv_fail(&ctx->err, DV_EINVAL, field, "Choose one of the answers: %s",
			       q->description);
	}
	return 0;
}

/* ---------------------------------------------------------------- writing */

struct clean_question {
	const char *code, *description, *choices;
	enum question_type type;
	int required;
};

struct clean_category {
	const char *code, *name_vi, *name_en, *description;
	int64_t ack, resolve;
	int is_private, active, has_questions;
	size_t nq;
	struct clean_question q[REPORT_QUESTIONS_MAX];
};

/* A code: a-z, 0-9 and _ , as Open311 clients put it in a URL. */
static int code_ok(const char *s)
{
	if (!*s || strlen(s) > REPORT_CATEGORY_CODE_MAX)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int clean_days(struct dv_ctx *ctx, const char *in, const char *field, int64_t *out)
{
	char *end;
	long long v = in && *in ? strtoll(in, &end, 10) : -1;
	if (!in || !*in || *end || v < 0 || v > REPORT_DAYS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, field,
			       "Write a number of working days from 0 to %d", REPORT_DAYS_MAX);
	*out = v;
	return 0;
}

/* The trimmed part of line [p, end). */
static const char *part(struct dv_ctx *ctx, const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	return arena_strndup(ctx->arena, p, (size_t)(end - p));
}

/* One question line: code | datatype | required | description [| choices]. */
static int clean_question_line(struct dv_ctx *ctx, const char *line, size_t number,
			       struct clean_question *q)
{
	const char *f[5] = {"", "", "", "", ""};
	int k = 0;
	const char *p = line;
	while (k < 5) {
		const char *bar = k < 4 ? strchr(p, '|') : NULL;
		const char *end = bar ? bar : p + strlen(p);
		f[k++] = part(ctx, p, end);
		if (!bar)
			break;
		p = bar + 1;
	}
	if (k < 4 || !code_ok(f[0]) || question_type_parse(f[1], &q->type, NULL) ||
	    (strcmp(f[2], "required") != 0 && strcmp(f[2], "optional") != 0) || !*f[3] ||
	    strlen(f[3]) > REPORT_QUESTION_DESC_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "questions",
			       "Question %zu: write code | datatype | required or optional | "
			       "the question [| key=answer; key=answer]",
			       number);
	q->code = f[0];
	q->required = strcmp(f[2], "required") == 0;
	q->description = f[3];
	/* the choices, one "key=name" a line */
	struct buf b = BUF_INIT;
	size_t nchoices = 0;
	for (const char *c = f[4]; *c;) {
		const char *semi = strchr(c, ';');
		const char *end = semi ? semi : c + strlen(c);
		const char *item = part(ctx, c, end);
		const char *eq = strchr(item, '=');
		if (*item) {
			if (!eq || eq == item || !eq[1] || ++nchoices > REPORT_CHOICES_MAX) {
				buf_release(&b);
				return dv_fail(
					&ctx->err, DV_EINVAL, "questions",
					"Question %zu: each answer of the list is key=answer "
					"(at most %d)",
					number, REPORT_CHOICES_MAX);
			}
			buf_addf(&b, "%s%s", b.len ? "\n" : "", item);
		}
		c = semi ? semi + 1 : end;
	}
	q->choices = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	if ((q->type == QT_SINGLE) != (nchoices > 0))
		return dv_fail(&ctx->err, DV_EINVAL, "questions",
			       "Question %zu: a list has its answers, and only a list has them",
			       number);
	return 0;
}

static int clean_questions(struct dv_ctx *ctx, const char *in, struct clean_category *c)
{
	const char *text, *lines[REPORT_QUESTIONS_MAX + 1];
	int rc = text_clean(ctx->arena, in, strlen(in), REPORT_QUESTION_TEXT_MAX, TEXT_MULTILINE,
			    "questions", &text, &ctx->err);
	if (rc)
		return rc;
	size_t n = text_lines(ctx->arena, text, lines, REPORT_QUESTIONS_MAX + 1);
	c->nq = 0;
	for (size_t i = 0; i < n; i++) {
		if (!*lines[i])
			continue;
		if (c->nq == REPORT_QUESTIONS_MAX)
			return dv_fail(&ctx->err, DV_EINVAL, "questions",
				       "A category has at most %d questions", REPORT_QUESTIONS_MAX);
		if ((rc = clean_question_line(ctx, lines[i], c->nq + 1, &c->q[c->nq])))
			return rc;
		for (size_t k = 0; k < c->nq; k++)
			if (!strcmp(c->q[k].code, c->q[c->nq].code))
				return dv_fail(&ctx->err, DV_EINVAL, "questions",
					       "Two questions have the code %s", c->q[k].code);
		c->nq++;
	}
	return 0;
}

static int clean_category(struct dv_ctx *ctx, const struct report_category_input *in,
			  struct clean_category *c)
{
	memset(c, 0, sizeof(*c));
	int rc = text_clean(ctx->arena, in->code, in->code ? strlen(in->code) : 0,
			    REPORT_CATEGORY_CODE_MAX, TEXT_REQUIRED, "code", &c->code, &ctx->err);
	if (!rc && !code_ok(c->code))
		rc = dv_fail(&ctx->err, DV_EINVAL, "code",
			     "The code is made of small letters without accents, digits and _");
	if (!rc)
		rc = text_clean(ctx->arena, in->name_vi, in->name_vi ? strlen(in->name_vi) : 0,
				REPORT_CATEGORY_NAME_MAX, TEXT_REQUIRED, "name_vi", &c->name_vi,
				&ctx->err);
	if (!rc)
		rc = text_clean(ctx->arena, in->name_en, in->name_en ? strlen(in->name_en) : 0,
				REPORT_CATEGORY_NAME_MAX, TEXT_REQUIRED, "name_en", &c->name_en,
				&ctx->err);
	if (!rc)
		rc = text_clean(
			ctx->arena, in->description, in->description ? strlen(in->description) : 0,
			REPORT_CATEGORY_DESC_MAX, 0, "description", &c->description, &ctx->err);
	if (!rc)
		rc = clean_days(ctx, in->ack_days, "ack_days", &c->ack);
	if (!rc)
		rc = clean_days(ctx, in->resolve_days, "resolve_days", &c->resolve);
	if (!rc && c->resolve < c->ack)
		rc = dv_fail(&ctx->err, DV_EINVAL, "resolve_days",
			     "The time to resolve cannot be shorter than the time to acknowledge");
	c->is_private = in->is_private != 0;
	c->active = in->active != 0;
	c->has_questions = in->questions != NULL;
	if (!rc && in->questions)
		rc = clean_questions(ctx, in->questions, c);
	return rc;
}

static int write_questions(struct dv_ctx *ctx, int64_t id, const struct clean_category *c)
{
	int rc = db_run(ctx->db, &ctx->err, "DELETE FROM report_question WHERE category_id = $1",
			DB_I(id));
	for (size_t i = 0; !rc && i < c->nq; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO report_question (category_id, code, datatype, required, "
			    "description, choices, position) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			    DB_I(id), DB_T(c->q[i].code), DB_T(question_type_name(c->q[i].type)),
			    DB_I(c->q[i].required), DB_T(c->q[i].description),
			    DB_T(c->q[i].choices), DB_I((int64_t)i + 1));
	return rc;
}

static int code_taken(struct dv_ctx *ctx, const char *code, int64_t id)
{
	int64_t other = 0;
	int rc = db_int(ctx->db, &other, &ctx->err,
			"SELECT id FROM report_category WHERE code = $1 AND id <> $2", DB_T(code),
			DB_I(id));
	if (rc == DV_ENOTFOUND)
		return 0;
	return rc ? rc : dv_fail(&ctx->err, DV_ECONFLICT, "code", "The code %s is taken", code);
}

static json_t *audit_details(const struct clean_category *c)
{
	return json_pack("{s:s, s:s, s:b, s:I, s:I, s:b, s:I}", "code", c->code, "name", c->name_vi,
			 "private", c->is_private, "ack_days", (json_int_t)c->ack, "resolve_days",
			 (json_int_t)c->resolve, "active", c->active, "questions",
			 (json_int_t)c->nq);
}

static int create_tx(struct dv_ctx *ctx, const struct clean_category *c, int64_t *id)
{
	int64_t pos = 0;
	int rc = code_taken(ctx, c->code, 0);
	if (!rc)
		rc = db_int(ctx->db, &pos, &ctx->err,
			    "SELECT COALESCE(MAX(position), 0) + 1 FROM report_category");
	if (!rc)
		rc = db_int(ctx->db, id, &ctx->err,
			    "INSERT INTO report_category (code, name_vi, name_en, description, "
			    "private, ack_days, resolve_days, position, active, updated_at) VALUES "
			    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
			    DB_T(c->code), DB_T(c->name_vi), DB_T(c->name_en), DB_T(c->description),
			    DB_I(c->is_private), DB_I(c->ack), DB_I(c->resolve), DB_I(pos),
			    DB_I(c->active), DB_I(ctx->now));
	if (!rc)
		rc = write_questions(ctx, *id, c);
	if (!rc)
		rc = ctx_audit(ctx, "report_category.create", "report_category", *id, 0,
			       audit_details(c));
	return rc;
}

static int require_configure(struct dv_ctx *ctx)
{
	return perm_may_somewhere(ctx, ACT_CONFIGURE)
		       ? 0
		       : dv_fail(&ctx->err, DV_EPERM, NULL,
				 "Only a city administrator may change the report categories");
}

int report_category_create(struct dv_ctx *ctx, const struct report_category_input *in,
			   int64_t *id_out)
{
	struct clean_category c;
	int64_t id = 0;
	int rc = require_configure(ctx);
	if (rc || (rc = clean_category(ctx, in, &c)) || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct clean_category *c)
{
	struct report_category old;
	int rc = report_category_get(ctx, id, &old);
	if (rc || (rc = code_taken(ctx, c->code, id)))
		return rc;
	rc = db_run(
		ctx->db, &ctx->err,
		"UPDATE report_category SET code = $1, name_vi = $2, name_en = $3, "
		"description = $4, private = $5, ack_days = $6, resolve_days = $7, active = $8, "
		"updated_at = $9 WHERE id = $10",
		DB_T(c->code), DB_T(c->name_vi), DB_T(c->name_en), DB_T(c->description),
		DB_I(c->is_private), DB_I(c->ack), DB_I(c->resolve), DB_I(c->active),
		DB_I(ctx->now), DB_I(id));
	if (!rc && c->has_questions)
		rc = write_questions(ctx, id, c);
	if (!rc)
		rc = ctx_audit(ctx, "report_category.update", "report_category", id, 0,
			       audit_details(c));
	return rc;
}

int report_category_update(struct dv_ctx *ctx, int64_t id, const struct report_category_input *in)
{
	struct clean_category c;
	int rc = require_configure(ctx);
	if (rc || (rc = clean_category(ctx, in, &c)) || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, &c));
}

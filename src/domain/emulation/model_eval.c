/*
 * "Dân vận khéo" models: the Mass Mobilization Board's yearly evaluations,
 * the figures per field and year, and the models' photos and files.
 */
#include "domain/emulation/model.h"
#include "domain/emulation/model_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/perm.h"

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

/* ------------------------------------------------------------ evaluation */

static int evaluate_tx(struct dv_ctx *ctx, int64_t id, int year, enum model_verdict verdict,
		       const char *notes, const char *evidence)
{
	struct model m;
	int rc = model_get(ctx, id, &m);
	if (rc || (rc = perm_require(ctx, ACT_EVALUATE_MODELS, m.unit_id)))
		return rc;
	int now_year = time_local_date(ctx->now) / 10000;
	if (year < m.year || year > now_year)
		return dv_fail(&ctx->err, DV_EINVAL, "year",
			       "A model is evaluated for a year from %d, when it was registered, "
			       "to %d",
			       m.year, now_year);
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO model_evaluation (model_id, year, verdict, notes, evidence, "
		    "evaluated_by, evaluated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT "
		    "(model_id, year) DO UPDATE SET verdict = $3, notes = $4, evidence = $5, "
		    "evaluated_by = $6, evaluated_at = $7",
		    DB_I(id), DB_I(year), DB_T(model_verdict_name(verdict)), DB_T(notes),
		    DB_T(evidence), DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	/* the latest year's verdict decides the library */
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE model SET latest_year = e.year, latest_verdict = e.verdict FROM "
			    "(SELECT year, verdict FROM model_evaluation WHERE model_id = $1 ORDER BY "
			    "year DESC LIMIT 1) e WHERE model.id = $1",
			    DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "model.evaluate", "model", id, m.unit_id,
			       json_pack("{s:i, s:s}", "year", year, "verdict",
					 model_verdict_name(verdict)));
	return rc;
}

int model_evaluate(struct dv_ctx *ctx, int64_t id, int year, const char *verdict_in,
		   const char *notes_in, const char *evidence_in)
{
	enum model_verdict verdict;
	const char *notes, *evidence;
	if (model_verdict_parse(verdict_in, &verdict, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "verdict", "Say whether the model is effective");
	int rc = text_clean(ctx->arena, notes_in, slen(notes_in), MODEL_NOTES_MAX, TEXT_MULTILINE,
			    "notes", &notes, &ctx->err);
	if (rc || (rc = text_clean(ctx->arena, evidence_in, slen(evidence_in), MODEL_NOTES_MAX,
				   TEXT_MULTILINE | TEXT_REQUIRED, "evidence", &evidence,
				   &ctx->err)) ||
	    (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, evaluate_tx(ctx, id, year, verdict, notes, evidence));
}

int model_evaluations(struct dv_ctx *ctx, int64_t id, struct model_evaluation **out, size_t *n)
{
	struct model m;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = model_get(ctx, id, &m);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT e.year, e.verdict, e.notes, e.evidence, COALESCE(a.display_name, "
				 "''), e.evaluated_at FROM model_evaluation e LEFT JOIN account a ON "
				 "a.id = e.evaluated_by WHERE e.model_id = $1 ORDER BY e.year DESC",
				 DB_I(id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct model_evaluation *e = ARENA_PUSH(ctx->arena, *out, *n, cap);
		e->year = (int)db_col_int(st, 0);
		if (model_verdict_parse(db_col_text(st, 1), &e->verdict, NULL))
			e->verdict = VERDICT_NOT_YET;
		e->notes = arena_strdup(ctx->arena, db_col_text(st, 2));
		e->evidence = arena_strdup(ctx->arena, db_col_text(st, 3));
		e->by = arena_strdup(ctx->arena, db_col_text(st, 4));
		e->at = db_col_int(st, 5);
	}
	return rc < 0 ? rc : 0;
}

/* --------------------------------------------------------------- figures */

int model_figures(struct dv_ctx *ctx, int64_t unit_id, int year,
		  struct model_figures by[FIELD_COUNT], struct model_figures *total)
{
	struct db_stmt *st = NULL;
	memset(by, 0, sizeof(*by) * FIELD_COUNT);
	memset(total, 0, sizeof(*total));
	if (year < 1900 || year > 9999)
		return dv_fail(&ctx->err, DV_EINVAL, "year", "No such year");
	/* the models of the subtree registered by the end of the year, with
	 * their evaluation for the year: one indexed pass per unit below */
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT m.field, COUNT(*), COUNT(e.verdict), SUM(CASE WHEN e.verdict = "
			  "'effective' THEN 1 ELSE 0 END), SUM(CASE WHEN m.origin_id IS NULL THEN 0 "
			  "ELSE 1 END) FROM model m LEFT JOIN model_evaluation e ON e.model_id = m.id "
			  "AND e.year = $2 WHERE m.unit_id IN (SELECT descendant FROM unit_tree WHERE "
			  "ancestor = $1) AND m.year <= $2 GROUP BY m.field",
			  DB_I(unit_id), DB_I(year));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum model_field f;
		if (model_field_parse(db_col_text(st, 0), &f, NULL))
			continue;
		by[f].registered = db_col_int(st, 1);
		by[f].evaluated = db_col_int(st, 2);
		by[f].effective = db_col_int(st, 3);
		by[f].replicated = db_col_int(st, 4);
		total->registered += by[f].registered;
		total->evaluated += by[f].evaluated;
		total->effective += by[f].effective;
		total->replicated += by[f].replicated;
	}
	return rc < 0 ? rc : 0;
}

/* ----------------------------------------------------------------- files */

static int files_editable(struct dv_ctx *ctx, int64_t id, int64_t *unit, int *versioned)
{
	struct model m;
	int rc = model_editable(ctx, id, &m);
	*unit = rc ? 0 : m.unit_id;
	*versioned = 0;
	return rc;
}

const struct attach_owner model_attach = {
	.link = "model_file",
	.column = "model_id",
	.audit = "model",
	.captions = 1,
	.editable = files_editable,
};

int model_file_read(struct dv_ctx *ctx, int64_t model_id, int64_t file_id, int thumb,
		    struct file_data *out)
{
	struct model m;
	struct db_stmt *st = NULL;
	memset(out, 0, sizeof(*out));
	int rc = model_get(ctx, model_id, &m);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 thumb ? "SELECT f.name, 'image/jpeg', f.thumb FROM model_file l JOIN "
					 "file f ON f.id = l.file_id WHERE l.model_id = $1 AND "
					 "l.file_id = $2 AND l.removed_at IS NULL AND f.thumb IS NOT "
					 "NULL"
				       : "SELECT f.name, f.mime, f.data FROM model_file l JOIN file f "
					 "ON f.id = l.file_id WHERE l.model_id = $1 AND l.file_id = $2 "
					 "AND l.removed_at IS NULL",
				 DB_I(model_id), DB_I(file_id))))
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such file");
	size_t len = 0;
	const void *data = db_col_blob(st, 2, &len);
	out->name = arena_strdup(ctx->arena, db_col_text(st, 0));
	out->mime = arena_strdup(ctx->arena, db_col_text(st, 1));
	void *copy = arena_alloc(ctx->arena, len ? len : 1);
	if (len)
		memcpy(copy, data, len);
	out->data = copy;
	out->len = len;
	out->is_public = m.is_public;
	db_finish(st);
	return 0;
}

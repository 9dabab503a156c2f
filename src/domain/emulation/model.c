/*
 * "Dân vận khéo" models: registering, changing, reading and listing them,
 * the library. Evaluations, figures and files are in model_eval.c.
 */
#include "domain/emulation/model.h"
#include "domain/emulation/model_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/money.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"
#include "store/search.h"

DV_ENUM_DEFINE(model_field, FIELD_COUNT, MODEL_FIELDS, "field");
DV_ENUM_DEFINE(model_verdict, VERDICT_COUNT, MODEL_VERDICTS, "verdict");

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

/* ---------------------------------------------------------------- reading */

#define MODEL_COLS                                                                                 \
	"m.id, m.unit_id, u.name, COALESCE(m.organization_id, 0), COALESCE(o.name, ''), "         \
	"COALESCE(m.origin_id, 0), COALESCE(g.name, ''), m.field, m.name, m.description, "        \
	"m.since, m.runner, m.reached, m.results, m.year, COALESCE(m.latest_year, 0), "           \
	"COALESCE(m.latest_verdict, ''), m.created_at, m.updated_at, (SELECT COUNT(*) FROM model " \
	"r WHERE r.origin_id = m.id)"
#define MODEL_FROM                                                                                 \
	" FROM model m JOIN unit u ON u.id = m.unit_id LEFT JOIN organization o ON o.id = "       \
	"m.organization_id LEFT JOIN model g ON g.id = m.origin_id"

static void read_model(struct dv_ctx *ctx, struct db_stmt *st, struct model *m)
{
	memset(m, 0, sizeof(*m));
	m->id = db_col_int(st, 0);
	m->unit_id = db_col_int(st, 1);
	m->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	m->organization_id = db_col_int(st, 3);
	m->organization_name = arena_strdup(ctx->arena, db_col_text(st, 4));
	m->origin_id = db_col_int(st, 5);
	m->origin_name = arena_strdup(ctx->arena, db_col_text(st, 6));
	if (model_field_parse(db_col_text(st, 7), &m->field, NULL))
		m->field = FIELD_CULTURE;
	m->name = arena_strdup(ctx->arena, db_col_text(st, 8));
	m->description = arena_strdup(ctx->arena, db_col_text(st, 9));
	m->since = (int32_t)db_col_int(st, 10);
	m->runner = arena_strdup(ctx->arena, db_col_text(st, 11));
	m->reached = db_col_int(st, 12);
	m->results = arena_strdup(ctx->arena, db_col_text(st, 13));
	m->year = (int)db_col_int(st, 14);
	m->latest_year = (int)db_col_int(st, 15);
	const char *v = db_col_text(st, 16);
	m->is_public = strcmp(v, "effective") == 0;
	m->latest_verdict = m->is_public ? VERDICT_EFFECTIVE : VERDICT_NOT_YET;
	m->created_at = db_col_int(st, 17);
	m->updated_at = db_col_int(st, 18);
	m->replications = db_col_int(st, 19);
}

int model_load(struct dv_ctx *ctx, int64_t id, struct model *m)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " MODEL_COLS MODEL_FROM " WHERE m.id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such model");
	read_model(ctx, st, m);
	db_finish(st);
	m->may_edit = perm_may(ctx, ACT_REGISTER_MODELS, m->unit_id);
	m->may_evaluate = perm_may(ctx, ACT_EVALUATE_MODELS, m->unit_id);
	return 0;
}

int model_get(struct dv_ctx *ctx, int64_t id, struct model *m)
{
	int rc = model_load(ctx, id, m);
	if (rc)
		return rc;
	if (!m->is_public && !m->may_edit && !m->may_evaluate)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such model");
	return 0;
}

int model_list(struct dv_ctx *ctx, const struct model_filter *f, int64_t offset, int limit,
	       struct model **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > MODEL_PAGE_MAX || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	if (!f->library && !ctx->actor->system &&
	    (!f->unit_id || (!perm_may(ctx, ACT_REGISTER_MODELS, f->unit_id) &&
			     !perm_may(ctx, ACT_EVALUATE_MODELS, f->unit_id))))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Models not yet effective are seen by those who register or "
			       "evaluate them");
	const char *terms = NULL;
	if (f->query && *f->query &&
	    !(terms = search_terms(ctx->db, ctx->arena, text_fold_a(ctx->arena, f->query))))
		return 0; /* no word to look for: nothing matches */
	const char *sql = arena_printf(
		ctx->arena,
		"SELECT " MODEL_COLS MODEL_FROM " %s WHERE (CAST($1 AS BIGINT) = 0 OR m.unit_id IN "
		"(SELECT descendant FROM unit_tree WHERE ancestor = $1)) AND ($2 = '' OR m.field = "
		"$2) AND ($3 = 0 OR m.latest_verdict = 'effective') ORDER BY %s m.id DESC LIMIT $4 "
		"OFFSET $5",
		terms ? arena_printf(ctx->arena, "JOIN (%s) s ON s.ref = m.id",
				     search_sql(ctx->db, 6, 7))
		      : "",
		terms ? "s.score DESC," : "");
	const char *field = f->field < 0 ? "" : model_field_name((enum model_field)f->field);
	int rc = terms ? db_query(ctx->db, &st, &ctx->err, sql, DB_I(f->unit_id), DB_T(field),
				  DB_I(f->library), DB_I(limit + 1), DB_I(offset), DB_T("model"),
				  DB_T(terms))
		       : db_query(ctx->db, &st, &ctx->err, sql, DB_I(f->unit_id), DB_T(field),
				  DB_I(f->library), DB_I(limit + 1), DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_model(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	return rc < 0 ? rc : 0;
}

int model_replications(struct dv_ctx *ctx, int64_t id, struct model **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct model *all = NULL;
	size_t nall = 0, cap = 0, keep = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " MODEL_COLS MODEL_FROM " WHERE m.origin_id = $1 ORDER BY m.id",
			  DB_I(id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_model(ctx, st, ARENA_PUSH(ctx->arena, all, nall, cap));
	if (rc < 0)
		return rc;
	/* the permission questions after the query: one query open at a time */
	for (size_t i = 0; i < nall; i++)
		if (all[i].is_public || perm_may(ctx, ACT_REGISTER_MODELS, all[i].unit_id) ||
		    perm_may(ctx, ACT_EVALUATE_MODELS, all[i].unit_id))
			all[keep++] = all[i];
	*out = all;
	*n = keep;
	return 0;
}

/* ---------------------------------------------------------------- writing */

struct clean_model {
	enum model_field field;
	const char *name, *description, *runner, *results;
	int32_t since;
	int64_t reached;
};

static int clean_model(struct dv_ctx *ctx, const struct model_input *in, struct clean_model *c)
{
	if (model_field_parse(in->field, &c->field, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "field",
			       "Choose the field: economy, culture and society, defence and "
			       "security, or the political system");
	int rc = text_clean(ctx->arena, in->name, slen(in->name), MODEL_NAME_MAX, TEXT_REQUIRED,
			    "name", &c->name, &ctx->err);
	if (rc || (rc = text_clean(ctx->arena, in->description, slen(in->description),
				   MODEL_TEXT_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "description",
				   &c->description, &ctx->err)) ||
	    (rc = text_clean(ctx->arena, in->runner, slen(in->runner), MODEL_RUNNER_MAX,
			     TEXT_REQUIRED, "runner", &c->runner, &ctx->err)) ||
	    (rc = text_clean(ctx->arena, in->results, slen(in->results), MODEL_RESULTS_MAX,
			     TEXT_MULTILINE, "results", &c->results, &ctx->err)))
		return rc;
	if (!in->since || !*in->since || date_parse(in->since, &c->since, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, "since", "Give the day the model began");
	if (c->since > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_EINVAL, "since", "A model is registered once it has begun");
	c->reached = 0;
	if (in->reached && *in->reached &&
	    (money_parse(in->reached, &c->reached, &ctx->err) || c->reached < 0 ||
	     c->reached > MODEL_REACHED_MAX))
		return dv_fail(&ctx->err, DV_EINVAL, "reached",
			       "Write how many people it reached as a whole number");
	return 0;
}

static int index_model(struct dv_ctx *ctx, int64_t id, int64_t unit, const struct clean_model *c)
{
	const char *body = arena_printf(ctx->arena, "%s %s %s", c->description, c->runner,
					c->results);
	return search_put(ctx->db, &ctx->err, "model", id, unit, text_fold_a(ctx->arena, c->name),
			  text_fold_a(ctx->arena, body));
}

/* The unit (active), the organization (the unit's own) and the origin (in
 * the library, of another unit). */
static int check_owner(struct dv_ctx *ctx, const struct model_input *in, struct unit *u)
{
	int rc = unit_get(ctx, in->unit_id, u);
	if (rc == DV_ENOTFOUND || (!rc && strcmp(u->status, "active") != 0))
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_REGISTER_MODELS, u->id)))
		return rc;
	if (in->organization_id) {
		struct organization o;
		rc = org_get(ctx, in->organization_id, &o);
		if (rc == DV_ENOTFOUND || (!rc && o.unit_id != u->id))
			return dv_fail(&ctx->err, DV_EINVAL, "organization",
				       "The organization must be the unit's own");
		if (rc)
			return rc;
	}
	if (in->origin_id) {
		struct model g;
		rc = model_load(ctx, in->origin_id, &g);
		if (rc == DV_ENOTFOUND || (!rc && !g.is_public))
			return dv_fail(&ctx->err, DV_EINVAL, "origin",
				       "Only a model found effective is replicated");
		if (rc)
			return rc;
		if (g.unit_id == u->id)
			return dv_fail(&ctx->err, DV_EINVAL, "origin",
				       "A unit replicates another unit's model, not its own");
	}
	return 0;
}

static int create_tx(struct dv_ctx *ctx, const struct model_input *in, const struct clean_model *c,
		     int64_t *id)
{
	struct unit u;
	int64_t ward = 0;
	int rc = check_owner(ctx, in, &u);
	if (rc)
		return rc;
	if ((rc = unit_commune_of(ctx, u.id, &ward)) == DV_ENOTFOUND)
		ward = 0;
	else if (rc)
		return rc;
	int year = time_local_date(ctx->now) / 10000;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO model (unit_id, ward_id, organization_id, origin_id, field, name, "
		    "name_folded, description, since, runner, reached, results, year, created_by, "
		    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
		    "$12, $13, $14, $15, $15) RETURNING id",
		    DB_I(u.id), DB_ID(ward), DB_ID(in->organization_id), DB_ID(in->origin_id),
		    DB_T(model_field_name(c->field)), DB_T(c->name),
		    DB_T(text_fold_a(ctx->arena, c->name)), DB_T(c->description), DB_I(c->since),
		    DB_T(c->runner), DB_I(c->reached), DB_T(c->results), DB_I(year),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = index_model(ctx, *id, u.id, c);
	if (!rc)
		rc = ctx_audit(ctx, "model.create", "model", *id, u.id,
			       json_pack("{s:s, s:s, s:I}", "name", c->name, "field",
					 model_field_name(c->field), "origin",
					 (json_int_t)in->origin_id));
	return rc;
}

int model_create(struct dv_ctx *ctx, const struct model_input *in, int64_t *id_out)
{
	struct clean_model c;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_REGISTER_MODELS, in->unit_id))
		return perm_require(ctx, ACT_REGISTER_MODELS, in->unit_id);
	int rc = clean_model(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int model_editable(struct dv_ctx *ctx, int64_t id, struct model *m)
{
	int rc = model_get(ctx, id, m);
	if (rc)
		return rc;
	return m->may_edit ? 0
			   : dv_fail(&ctx->err, DV_EPERM, NULL, "You may not change this model (%s)",
				     action_name(ACT_REGISTER_MODELS));
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct clean_model *c)
{
	struct model m;
	int rc = model_editable(ctx, id, &m);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE model SET field = $1, name = $2, name_folded = $3, description = $4, "
		    "since = $5, runner = $6, reached = $7, results = $8, updated_at = $9 WHERE id = "
		    "$10",
		    DB_T(model_field_name(c->field)), DB_T(c->name),
		    DB_T(text_fold_a(ctx->arena, c->name)), DB_T(c->description), DB_I(c->since),
		    DB_T(c->runner), DB_I(c->reached), DB_T(c->results), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = index_model(ctx, id, m.unit_id, c);
	if (!rc)
		rc = ctx_audit(ctx, "model.update", "model", id, m.unit_id,
			       json_pack("{s:s}", "name", c->name));
	return rc;
}

int model_update(struct dv_ctx *ctx, int64_t id, const struct model_input *in)
{
	struct clean_model c;
	int rc = clean_model(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, &c));
}

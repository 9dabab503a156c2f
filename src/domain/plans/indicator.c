/*
 * A plan's indicators: computed ones read live from the modules, entered
 * ones from their values, each with its evidence.
 */
#include "domain/plans/plan.h"
#include "domain/plans/plans_impl.h"

#include <string.h>

#include "base/i18n.h"
#include "base/date.h"
#include "base/text.h"
#include "domain/perm.h"

/* ---------------------------------------------------------------- reading */

#define IND_COLS                                                                                   \
	"i.id, i.plan_id, i.position, COALESCE(i.code, ''), i.name, i.measure, "                   \
	"CASE WHEN i.target IS NULL THEN 0 ELSE 1 END, COALESCE(i.target, 0), "                    \
	"COALESCE(i.parent_id, 0)"

static void read_indicator(struct dv_ctx *ctx, struct db_stmt *st, struct plan_indicator *i)
{
	memset(i, 0, sizeof(*i));
	i->id = db_col_int(st, 0);
	i->plan_id = db_col_int(st, 1);
	i->position = (int)db_col_int(st, 2);
	const char *code = db_col_text(st, 3);
	i->computed = *code && !indicator_parse(code, &i->code, NULL);
	i->name = arena_strdup(ctx->arena,
			       i->computed ? indicator_label(i->code) : db_col_text(st, 4));
	if (measure_parse(db_col_text(st, 5), &i->measure, NULL))
		i->measure = M_COUNT;
	if (i->computed)
		i->measure = indicator_info(i->code)->measure;
	i->has_target = (int)db_col_int(st, 6);
	i->target = db_col_int(st, 7);
	i->parent_id = db_col_int(st, 8);
}

int plan_indicator_get(struct dv_ctx *ctx, int64_t id, struct plan_indicator *i)
{
	struct db_stmt *st = NULL;
	struct plan p;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " IND_COLS " FROM plan_indicator i WHERE i.id = $1 AND "
			  "i.removed_at IS NULL",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such indicator");
	read_indicator(ctx, st, i);
	db_finish(st);
	return plan_get(ctx, i->plan_id, &p);
}

/* The latest two entered values of an indicator. */
static int entered_values(struct dv_ctx *ctx, struct plan_indicator *i)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, on_date, num, den FROM indicator_value WHERE indicator_id = $1 "
			  "ORDER BY on_date DESC, id DESC LIMIT 2",
			  DB_I(i->id));
	if (rc)
		return rc;
	for (int k = 0; (rc = db_step(st, &ctx->err)) == DB_ROW; k++) {
		struct figure f = {db_col_int(st, 2), db_col_int(st, 3)};
		if (k == 0) {
			i->has_value = 1;
			i->value_id = db_col_int(st, 0);
			i->value_on = (int32_t)db_col_int(st, 1);
			i->value = f;
		} else {
			i->has_previous = 1;
			i->previous = f;
		}
	}
	return rc < 0 ? rc : 0;
}

/* -1, 0 or 1: a compared with b, rates by their rates. */
static int compare(enum measure m, struct figure a, struct figure b)
{
	int64_t x = a.num, y = b.num;
	if (m == M_PERCENT) {
		if (a.den <= 0 || b.den <= 0)
			return 0;
		/* a.num / a.den against b.num / b.den, exactly */
		x = a.num * b.den;
		y = b.num * a.den;
	}
	return x < y ? -1 : x > y;
}

static int short_of(const struct plan_indicator *i)
{
	if (!i->has_value || !i->has_target)
		return 0;
	if (i->measure == M_PERCENT)
		return i->value.den > 0 && i->value.num * 1000 < i->target * i->value.den;
	return i->value.num < i->target;
}

int plan_indicators(struct dv_ctx *ctx, const struct plan *p, struct plan_indicator **out,
		    size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	unsigned which = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " IND_COLS " FROM plan_indicator i WHERE i.plan_id = $1 AND "
			  "i.removed_at IS NULL ORDER BY i.position, i.id",
			  DB_I(p->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_indicator(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	if (rc < 0)
		return rc;
	for (size_t k = 0; k < *n; k++)
		if ((*out)[k].computed)
			which |= indicator_modules((*out)[k].code);
	int64_t now[FIG_COUNT], last[FIG_COUNT];
	if (which && ((rc = figures_year(ctx, p->unit_id, p->year, which, now)) ||
		      (rc = figures_year(ctx, p->unit_id, p->year - 1, which, last))))
		return rc;
	for (size_t k = 0; k < *n; k++) {
		struct plan_indicator *i = &(*out)[k];
		if (i->computed) {
			i->has_value = i->has_previous = 1;
			i->value = indicator_value_of(i->code, now);
			i->previous = indicator_value_of(i->code, last);
		} else if ((rc = entered_values(ctx, i))) {
			return rc;
		}
		if (i->has_value && i->has_previous)
			i->trend = compare(i->measure, i->value, i->previous);
		i->short_of_target = short_of(i);
	}
	return 0;
}

/* ---------------------------------------------------------------- writing */

struct clean_indicator {
	int computed;
	enum indicator code;
	const char *name;
	enum measure measure;
	int has_target;
	int64_t target;
};

static int clean(struct dv_ctx *ctx, const struct indicator_input *in, int fresh,
		 enum measure keep, struct clean_indicator *c)
{
	int rc = 0;
	memset(c, 0, sizeof(*c));
	c->measure = keep;
	if (fresh && in->code && *in->code) {
		if ((rc = indicator_parse(in->code, &c->code, &ctx->err)))
			return rc;
		c->computed = 1;
		c->name = "";
		c->measure = indicator_info(c->code)->measure;
	} else if (fresh || (in->name && *in->name)) {
		if ((rc = text_clean(ctx->arena, in->name, plans_len(in->name), INDICATOR_NAME_MAX,
				     TEXT_REQUIRED, "name", &c->name, &ctx->err)))
			return rc;
		if (fresh && (rc = measure_parse(in->measure && *in->measure ? in->measure : "count",
						 &c->measure, &ctx->err)))
			return rc;
	}
	if (in->target && *in->target) {
		c->has_target = 1;
		rc = target_parse(ctx, c->measure, in->target, "target", &c->target);
	}
	return rc;
}

static int plan_for_change(struct dv_ctx *ctx, int64_t plan_id, struct plan *p)
{
	int rc = plan_get(ctx, plan_id, p);
	return rc ? rc : perm_require(ctx, ACT_PLAN_WORK, p->unit_id);
}

static int add_tx(struct dv_ctx *ctx, int64_t plan_id, const struct clean_indicator *c,
		  int64_t *id)
{
	struct plan p;
	int64_t count = 0, same = 0;
	int rc = plan_for_change(ctx, plan_id, &p);
	if (rc || (rc = db_int(ctx->db, &count, &ctx->err,
			       "SELECT COUNT(*) FROM plan_indicator WHERE plan_id = $1 AND "
			       "removed_at IS NULL",
			       DB_I(plan_id))))
		return rc;
	if (count >= PLAN_INDICATORS_MAX)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "A plan has at most %d indicators",
			       PLAN_INDICATORS_MAX);
	if (c->computed &&
	    (rc = db_int(ctx->db, &same, &ctx->err,
			 "SELECT COUNT(*) FROM plan_indicator WHERE plan_id = $1 AND code = $2 AND "
			 "removed_at IS NULL",
			 DB_I(plan_id), DB_T(indicator_name(c->code)))))
		return rc;
	if (same)
		return dv_fail(&ctx->err, DV_ECONFLICT, "code", "The plan has this indicator already");
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO plan_indicator (plan_id, ward_id, position, code, name, measure, "
		    "target) VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM "
		    "plan_indicator WHERE plan_id = $1), $3, $4, $5, $6) RETURNING id",
		    DB_I(plan_id), DB_ID(plans_ward_of(ctx, p.unit_id)),
		    c->computed ? DB_T(indicator_name(c->code)) : DB_NULL, DB_T(c->name),
		    DB_T(measure_name(c->measure)), c->has_target ? DB_I(c->target) : DB_NULL);
	if (!rc)
		rc = ctx_audit(ctx, "plan.indicator_add", "plan_indicator", *id, p.unit_id,
			       json_pack("{s:I, s:s}", "plan", (json_int_t)plan_id, "code",
					 c->computed ? indicator_name(c->code) : ""));
	return rc;
}

int plan_indicator_add(struct dv_ctx *ctx, int64_t plan_id, const struct indicator_input *in,
		       int64_t *id_out)
{
	struct clean_indicator c;
	int64_t id = 0;
	int rc = clean(ctx, in, 1, M_COUNT, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, add_tx(ctx, plan_id, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int update_tx(struct dv_ctx *ctx, const struct plan_indicator *i,
		     const struct clean_indicator *c)
{
	struct plan p;
	int rc = plan_for_change(ctx, i->plan_id, &p);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE plan_indicator SET target = $1, name = CASE WHEN code IS NULL AND $2 <> "
		    "'' THEN $2 ELSE name END WHERE id = $3",
		    c->has_target ? DB_I(c->target) : DB_NULL, DB_T(c->name ? c->name : ""),
		    DB_I(i->id));
	return rc ? rc
		  : ctx_audit(ctx, "plan.indicator_update", "plan_indicator", i->id, p.unit_id,
			      c->has_target ? json_pack("{s:I}", "target", (json_int_t)c->target)
					    : NULL);
}

int plan_indicator_update(struct dv_ctx *ctx, int64_t id, const struct indicator_input *in)
{
	struct plan_indicator i;
	struct clean_indicator c;
	int rc = plan_indicator_get(ctx, id, &i);
	if (rc || (rc = clean(ctx, in, 0, i.measure, &c)) || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, &i, &c));
}

static int remove_tx(struct dv_ctx *ctx, int64_t id)
{
	struct plan_indicator i;
	struct plan p;
	int rc = plan_indicator_get(ctx, id, &i);
	if (rc || (rc = plan_for_change(ctx, i.plan_id, &p)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE plan_indicator SET removed_at = $1 WHERE id = $2", DB_I(ctx->now),
		    DB_I(id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE plan_task SET indicator_id = NULL WHERE indicator_id = $1",
			    DB_I(id));
	return rc ? rc
		  : ctx_audit(ctx, "plan.indicator_remove", "plan_indicator", id, p.unit_id,
			      NULL);
}

int plan_indicator_remove(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, remove_tx(ctx, id));
}

/* ---------------------------------------------------------- entered values */

static int may_enter(struct dv_ctx *ctx, const struct plan *p)
{
	if (!p->may_report)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Values are entered by the unit's officers and organizations");
	return 0;
}

static int enter_tx(struct dv_ctx *ctx, const struct plan_indicator *i, int32_t on,
		    struct figure f, const char *note, int64_t *id)
{
	struct plan p;
	int rc = plan_get(ctx, i->plan_id, &p);
	if (rc || (rc = may_enter(ctx, &p)))
		return rc;
	if (on / 10000 != p.year)
		return dv_fail(&ctx->err, DV_EINVAL, "on", "The day must be in the plan's year");
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO indicator_value (indicator_id, ward_id, on_date, num, den, note, "
		    "entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
		    DB_I(i->id), DB_ID(plans_ward_of(ctx, p.unit_id)), DB_I(on), DB_I(f.num),
		    DB_I(f.den), DB_T(note), DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "plan.indicator_enter", "plan_indicator", i->id, p.unit_id,
			       json_pack("{s:i, s:I, s:I}", "on", (int)on, "num",
					 (json_int_t)f.num, "den", (json_int_t)f.den));
	return rc;
}

int indicator_enter(struct dv_ctx *ctx, int64_t indicator_id, const char *on, const char *num,
		    const char *den, const char *note_in, int64_t *id_out)
{
	struct plan_indicator i;
	struct figure f = {0, 0};
	const char *note;
	int32_t day;
	int64_t id = 0;
	int rc = plan_indicator_get(ctx, indicator_id, &i);
	if (rc)
		return rc;
	if (i.computed)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "danvan computes this indicator from the records: it is not typed");
	if ((rc = plans_day(ctx, on, "on", &day)) || (rc = plans_count(ctx, num, "num", &f.num)))
		return rc;
	if (i.measure == M_PERCENT) {
		if ((rc = plans_count(ctx, den, "den", &f.den)))
			return rc;
		if (f.den == 0 || f.num > f.den)
			return dv_fail(&ctx->err, DV_EINVAL, "den",
				       "A share is a number out of a larger one: give both");
	}
	if ((rc = text_clean(ctx->arena, note_in, plans_len(note_in), VALUE_NOTE_MAX,
			     TEXT_MULTILINE, "note", &note, &ctx->err)) ||
	    (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, enter_tx(ctx, &i, day, f, note, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int indicator_entries(struct dv_ctx *ctx, int64_t indicator_id, struct indicator_entry **out,
		      size_t *n)
{
	struct plan_indicator i;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = plan_indicator_get(ctx, indicator_id, &i);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT v.id, v.on_date, v.num, v.den, v.note, COALESCE(a.display_name, ''), "
				 "v.entered_at FROM indicator_value v LEFT JOIN account a ON a.id = "
				 "v.entered_by WHERE v.indicator_id = $1 ORDER BY v.on_date DESC, v.id "
				 "DESC",
				 DB_I(indicator_id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct indicator_entry *e = ARENA_PUSH(ctx->arena, *out, *n, cap);
		e->id = db_col_int(st, 0);
		e->indicator_id = indicator_id;
		e->on = (int32_t)db_col_int(st, 1);
		e->value = (struct figure){db_col_int(st, 2), db_col_int(st, 3)};
		e->note = arena_strdup(ctx->arena, db_col_text(st, 4));
		e->by = arena_strdup(ctx->arena, db_col_text(st, 5));
		e->at = db_col_int(st, 6);
	}
	if (rc < 0)
		return rc;
	for (size_t k = 0; k < *n; k++)
		if ((rc = attachment_list(ctx, &indicator_value_attach, (*out)[k].id,
					  &(*out)[k].files, &(*out)[k].nfiles)))
			return rc;
	return 0;
}

/* --------------------------------------------------------------- evidence */

/* The plan of an entered value, read without the visibility check. */
static int value_plan(struct dv_ctx *ctx, int64_t value_id, struct plan *p)
{
	int64_t plan_id = 0;
	int rc = db_int(ctx->db, &plan_id, &ctx->err,
			"SELECT i.plan_id FROM indicator_value v JOIN plan_indicator i ON i.id = "
			"v.indicator_id WHERE v.id = $1",
			DB_I(value_id));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such value");
	return rc ? rc : plan_get(ctx, plan_id, p);
}

int indicator_of_value(struct dv_ctx *ctx, int64_t value_id, int64_t *indicator_id)
{
	struct plan p;
	int rc = value_plan(ctx, value_id, &p);
	if (!rc)
		rc = db_int(ctx->db, indicator_id, &ctx->err,
			    "SELECT indicator_id FROM indicator_value WHERE id = $1", DB_I(value_id));
	return rc;
}

static int value_editable(struct dv_ctx *ctx, int64_t id, int64_t *unit, int *versioned)
{
	struct plan p;
	int rc = value_plan(ctx, id, &p);
	*versioned = 0;
	*unit = rc ? 0 : p.unit_id;
	return rc ? rc : may_enter(ctx, &p);
}

const struct attach_owner indicator_value_attach = {
	.link = "indicator_value_file",
	.column = "value_id",
	.audit = "indicator_value",
	.captions = 1,
	.editable = value_editable,
};

int indicator_file_read(struct dv_ctx *ctx, int64_t value_id, int64_t file_id, int thumb,
			struct file_data *out)
{
	struct plan p;
	int64_t there = 0;
	int rc = value_plan(ctx, value_id, &p);
	if (rc || (rc = db_int(ctx->db, &there, &ctx->err,
			       "SELECT COUNT(*) FROM indicator_value_file WHERE value_id = $1 AND "
			       "file_id = $2 AND removed_at IS NULL",
			       DB_I(value_id), DB_I(file_id))))
		return rc;
	if (!there)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such file");
	if ((rc = file_load(ctx, file_id, thumb, out)))
		return rc;
	out->is_public = p.status == PS_ADOPTED;
	return 0;
}

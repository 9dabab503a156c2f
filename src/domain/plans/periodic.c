/*
 * Periodic reports: periods and deadlines, templates, and a unit's
 * reports (drafted, then frozen when submitted). The consolidation is in
 * periodic_roll.c.
 */
#include "domain/plans/periodic.h"
#include "domain/plans/periodic_impl.h"
#include "domain/plans/plans_impl.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

DV_ENUM_DEFINE(periodic_kind, PK_COUNT, PERIODIC_KINDS, "kind");
DV_ENUM_DEFINE(periodic_state, PR_COUNT, PERIODIC_STATES, "state");

/* ---------------------------------------------------------------- periods */

static const int months_of[] = {[PK_MONTHLY] = 1, [PK_QUARTERLY] = 3, [PK_HALF] = 6,
				[PK_ANNUAL] = 12};
_Static_assert(ARRAY_LEN(months_of) == PK_COUNT, "the length of every kind's period");

static const enum rule due_rule[] = {[PK_MONTHLY] = RULE_PERIODIC_MONTH_DAYS,
				     [PK_QUARTERLY] = RULE_PERIODIC_QUARTER_DAYS,
				     [PK_HALF] = RULE_PERIODIC_HALF_DAYS,
				     [PK_ANNUAL] = RULE_PERIODIC_YEAR_DAYS};
_Static_assert(ARRAY_LEN(due_rule) == PK_COUNT, "the deadline of every kind");

int periodic_periods(enum periodic_kind k)
{
	return 12 / months_of[(unsigned)k < PK_COUNT ? k : 0];
}

void periodic_range(enum periodic_kind k, int y, int p, int32_t *from, int32_t *to)
{
	int m = months_of[(unsigned)k < PK_COUNT ? k : 0];
	int first = (p - 1) * m + 1, last = p * m;
	*from = date_ymd(y, first, 1);
	/* the day before the next month's first */
	*to = date_add_days(last == 12 ? date_ymd(y + 1, 1, 1) : date_ymd(y, last + 1, 1), -1);
}

int32_t periodic_due(struct dv_ctx *ctx, enum periodic_kind k, int y, int p)
{
	int32_t from, to;
	periodic_range(k, y, p, &from, &to);
	return date_add_days(to, rule_value(ctx, due_rule[(unsigned)k < PK_COUNT ? k : 0]));
}

const char *periodic_label(struct arena *a, const char *lang, enum periodic_kind k, int y, int p)
{
	switch (k) {
	case PK_MONTHLY:
		return arena_printf(a, i18n_get_format(lang, N_("Month %d/%d")), p, y);
	case PK_QUARTERLY:
		return arena_printf(a, i18n_get_format(lang, N_("Quarter %d/%d")), p, y);
	case PK_HALF:
		return p == 1 ? arena_printf(a, i18n_get_format(lang, N_("First half of %d")), y)
			      : arena_printf(a, i18n_get_format(lang, N_("Second half of %d")), y);
	default:
		return arena_printf(a, i18n_get_format(lang, N_("Year %d")), y);
	}
}

/* -------------------------------------------------------------- templates */

static const char **split_lines(struct dv_ctx *ctx, const char *text, size_t *n)
{
	const char **v = NULL;
	size_t cap = 0;
	*n = 0;
	for (const char *p = text; p && *p;) {
		size_t len = strcspn(p, "\n");
		if (len)
			*ARENA_PUSH(ctx->arena, v, *n, cap) = arena_strndup(ctx->arena, p, len);
		p += len;
		if (*p)
			p++;
	}
	return v;
}

static int read_items(struct dv_ctx *ctx, struct periodic_template *t)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT position, COALESCE(code, ''), name, measure FROM periodic_item WHERE "
			  "template_id = $1 ORDER BY position",
			  DB_I(t->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct periodic_item *i = ARENA_PUSH(ctx->arena, t->items, t->nitems, cap);
		i->position = (int)db_col_int(st, 0);
		const char *code = db_col_text(st, 1);
		i->computed = *code && !indicator_parse(code, &i->code, NULL);
		i->name = arena_strdup(ctx->arena,
				       i->computed ? indicator_label(i->code) : db_col_text(st, 2));
		if (measure_parse(db_col_text(st, 3), &i->measure, NULL))
			i->measure = M_COUNT;
	}
	return rc < 0 ? rc : 0;
}

#define TEMPLATE_COLS                                                                              \
	"t.id, t.unit_id, u.name, t.kind, t.name, t.sections, t.active, t.created_at"

static void read_template(struct dv_ctx *ctx, struct db_stmt *st, struct periodic_template *t)
{
	memset(t, 0, sizeof(*t));
	t->id = db_col_int(st, 0);
	t->unit_id = db_col_int(st, 1);
	t->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	periodic_kind_parse(db_col_text(st, 3), &t->kind, NULL);
	t->name = arena_strdup(ctx->arena, db_col_text(st, 4));
	t->sections = split_lines(ctx, db_col_text(st, 5), &t->nsections);
	t->active = (int)db_col_int(st, 6);
	t->created_at = db_col_int(st, 7);
}

int periodic_template_get(struct dv_ctx *ctx, int64_t id, struct periodic_template *t)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " TEMPLATE_COLS " FROM periodic_template t JOIN unit u ON u.id = "
			  "t.unit_id WHERE t.id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc
			      : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such report template");
	read_template(ctx, st, t);
	db_finish(st);
	t->may_edit = perm_may(ctx, ACT_PLAN_WORK, t->unit_id);
	return read_items(ctx, t);
}

int periodic_templates(struct dv_ctx *ctx, int64_t unit_id, int own, struct periodic_template **out,
		       size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  own ? "SELECT " TEMPLATE_COLS " FROM periodic_template t JOIN unit u ON u.id "
				"= t.unit_id WHERE t.unit_id = $1 ORDER BY t.active DESC, t.id"
			      : "SELECT " TEMPLATE_COLS " FROM periodic_template t JOIN unit u ON u.id "
				"= t.unit_id WHERE t.unit_id = (SELECT parent_id FROM unit WHERE id = "
				"$1) ORDER BY t.active DESC, t.id",
			  DB_I(unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_template(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < *n; i++) {
		(*out)[i].may_edit = perm_may(ctx, ACT_PLAN_WORK, (*out)[i].unit_id);
		if ((rc = read_items(ctx, &(*out)[i])))
			return rc;
	}
	return 0;
}

static int clean_items(struct dv_ctx *ctx, const struct periodic_template_input *in,
		       struct periodic_item *v)
{
	for (size_t i = 0; i < in->nitems; i++) {
		const struct periodic_item_input *x = &in->items[i];
		const char *field = arena_printf(ctx->arena, "item_%zu", i + 1);
		int rc = 0;
		memset(&v[i], 0, sizeof(v[i]));
		v[i].position = (int)i + 1;
		if (x->code && *x->code) {
			if (indicator_parse(x->code, &v[i].code, NULL))
				return dv_fail(&ctx->err, DV_EINVAL, field, "No such indicator");
			v[i].computed = 1;
			v[i].name = "";
			v[i].measure = indicator_info(v[i].code)->measure;
			continue;
		}
		if ((rc = text_clean(ctx->arena, x->name, plans_len(x->name), INDICATOR_NAME_MAX,
				     TEXT_REQUIRED, field, &v[i].name, &ctx->err)))
			return rc;
		if (measure_parse(x->measure && *x->measure ? x->measure : "count", &v[i].measure,
				  NULL))
			return dv_fail(&ctx->err, DV_EINVAL, field, "No such measure");
	}
	return 0;
}

static int create_tx(struct dv_ctx *ctx, const struct periodic_template_input *in,
		     enum periodic_kind k, const char *name, const char *sections,
		     const struct periodic_item *items, int64_t *id)
{
	struct unit u;
	int rc = unit_get(ctx, in->unit_id, &u);
	if (rc || (rc = perm_require(ctx, ACT_PLAN_WORK, in->unit_id)))
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO periodic_template (unit_id, ward_id, kind, name, sections, "
		    "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
		    DB_I(in->unit_id), DB_ID(plans_ward_of(ctx, in->unit_id)),
		    DB_T(periodic_kind_name(k)), DB_T(name), DB_T(sections),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	for (size_t i = 0; !rc && i < in->nitems; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO periodic_item (template_id, position, code, name, measure) "
			    "VALUES ($1, $2, $3, $4, $5)",
			    DB_I(*id), DB_I(items[i].position),
			    items[i].computed ? DB_T(indicator_name(items[i].code)) : DB_NULL,
			    DB_T(items[i].name), DB_T(measure_name(items[i].measure)));
	if (!rc)
		rc = ctx_audit(ctx, "periodic.template_create", "periodic_template", *id,
			       in->unit_id,
			       json_pack("{s:s, s:I}", "kind", periodic_kind_name(k), "items",
					 (json_int_t)in->nitems));
	return rc;
}

int periodic_template_create(struct dv_ctx *ctx, const struct periodic_template_input *in,
			     int64_t *id_out)
{
	enum periodic_kind k;
	const char *name, *sections;
	size_t nsections;
	int64_t id = 0;
	int rc = periodic_kind_parse(in->kind, &k, &ctx->err);
	if (rc || (rc = text_clean(ctx->arena, in->name, plans_len(in->name), PERIODIC_NAME_MAX,
				   TEXT_REQUIRED, "name", &name, &ctx->err)) ||
	    (rc = text_clean(ctx->arena, in->sections, plans_len(in->sections),
			     PERIODIC_SECTIONS_MAX * (PERIODIC_SECTION_MAX + 1),
			     TEXT_MULTILINE | TEXT_REQUIRED, "sections", &sections, &ctx->err)))
		return rc;
	const char **lines = split_lines(ctx, sections, &nsections);
	if (nsections > PERIODIC_SECTIONS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "sections", "At most %d sections",
			       PERIODIC_SECTIONS_MAX);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < nsections; i++) {
		const char *h;
		if ((rc = text_clean(ctx->arena, lines[i], strlen(lines[i]), PERIODIC_SECTION_MAX,
				     TEXT_REQUIRED, "sections", &h, &ctx->err))) {
			buf_release(&b);
			return rc;
		}
		buf_addf(&b, "%s%s", i ? "\n" : "", h);
	}
	sections = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	if (!nsections)
		return dv_fail(&ctx->err, DV_EINVAL, "sections", "Give at least one section");
	if (in->nitems > PERIODIC_ITEMS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "items", "At most %d figures",
			       PERIODIC_ITEMS_MAX);
	struct periodic_item *items = arena_array(ctx->arena, struct periodic_item, in->nitems + 1);
	if ((rc = clean_items(ctx, in, items)) || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in, k, name, sections, items, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int active_tx(struct dv_ctx *ctx, int64_t id, int active)
{
	struct periodic_template t;
	int rc = periodic_template_get(ctx, id, &t);
	if (rc || (rc = perm_require(ctx, ACT_PLAN_WORK, t.unit_id)))
		return rc;
	rc = db_run(ctx->db, &ctx->err, "UPDATE periodic_template SET active = $1 WHERE id = $2",
		    DB_I(active ? 1 : 0), DB_I(id));
	return rc ? rc
		  : ctx_audit(ctx, active ? "periodic.template_on" : "periodic.template_off",
			      "periodic_template", id, t.unit_id, NULL);
}

int periodic_template_active(struct dv_ctx *ctx, int64_t id, int active)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, active_tx(ctx, id, active));
}

/* ---------------------------------------------------------------- reports */

int periodic_state_of(int32_t today, int32_t due_on, int submitted, int32_t submitted_on)
{
	if (submitted)
		return submitted_on > due_on ? PR_LATE : PR_ON_TIME;
	return today > due_on ? PR_MISSING : PR_NOT_DUE;
}

/* The computed items' values for a unit over a period. */
int periodic_compute(struct dv_ctx *ctx, const struct periodic_template *t, int64_t unit_id,
		     int32_t from, int32_t to, struct figure *values)
{
	unsigned which = 0;
	for (size_t i = 0; i < t->nitems; i++)
		if (t->items[i].computed)
			which |= indicator_modules(t->items[i].code);
	if (!which)
		return 0;
	struct scope s;
	int64_t v[FIG_COUNT];
	int rc = scope_of(ctx, unit_id, &s);
	if (rc || (rc = figures_compute(ctx, &s, from, to, which, v)))
		return rc;
	for (size_t i = 0; i < t->nitems; i++)
		if (t->items[i].computed)
			values[i] = indicator_value_of(t->items[i].code, v);
	return 0;
}

/* The report's stored values and texts into r (positions from 1). */
static int read_stored(struct dv_ctx *ctx, const struct periodic_template *t,
		       struct periodic_report *r, int only_entered)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT position, num, den FROM periodic_value WHERE report_id = $1",
			  DB_I(r->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		int64_t pos = db_col_int(st, 0);
		if (pos < 1 || (size_t)pos > t->nitems ||
		    (only_entered && t->items[pos - 1].computed))
			continue;
		r->values[pos - 1] = (struct figure){db_col_int(st, 1), db_col_int(st, 2)};
	}
	if (rc < 0 || (rc = db_query(ctx->db, &st, &ctx->err,
				     "SELECT section, body FROM periodic_text WHERE report_id = $1",
				     DB_I(r->id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		int64_t s = db_col_int(st, 0);
		if (s >= 1 && (size_t)s <= t->nsections)
			r->texts[s - 1] = arena_strdup(ctx->arena, db_col_text(st, 1));
	}
	return rc < 0 ? rc : 0;
}

/* The template and a unit directly below its unit, with the actor's
 * right to see (and edit) that unit's reports. */
static int report_scope(struct dv_ctx *ctx, int64_t template_id, int64_t unit_id, int year,
			int period, struct periodic_template *t, struct unit *u)
{
	int rc = periodic_template_get(ctx, template_id, t);
	if (rc)
		return rc;
	if ((rc = unit_get(ctx, unit_id, u)) == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such unit");
	if (rc)
		return rc;
	if (u->parent_id != t->unit_id)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL,
			       "This template is not asked of this unit");
	if (!perm_may(ctx, ACT_REPORT_WORK, unit_id) && !perm_may(ctx, ACT_PLAN_WORK, unit_id))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such report");
	int y = plans_today(ctx) / 10000;
	if (year < PLAN_YEAR_MIN || year > y + 1)
		return dv_fail(&ctx->err, DV_EINVAL, "year", "No such year");
	if (period < 1 || period > periodic_periods(t->kind))
		return dv_fail(&ctx->err, DV_EINVAL, "period", "No such period");
	return 0;
}

int periodic_report_get(struct dv_ctx *ctx, int64_t template_id, int64_t unit_id, int year,
			int period, struct periodic_template *t, struct periodic_report *r)
{
	struct unit u;
	struct db_stmt *st = NULL;
	memset(r, 0, sizeof(*r));
	int rc = report_scope(ctx, template_id, unit_id, year, period, t, &u);
	if (rc)
		return rc;
	r->template_id = template_id;
	r->unit_id = unit_id;
	r->unit_name = u.name;
	r->year = year;
	r->period = period;
	periodic_range(t->kind, year, period, &r->from, &r->to);
	r->due_on = periodic_due(ctx, t->kind, year, period);
	r->values = arena_array(ctx->arena, struct figure, t->nitems + 1);
	r->texts = arena_array(ctx->arena, const char *, t->nsections + 1);
	for (size_t i = 0; i < t->nsections; i++)
		r->texts[i] = "";
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT id, status, due_on, COALESCE(submitted_on, 0) FROM periodic_report "
		      "WHERE template_id = $1 AND unit_id = $2 AND year = $3 AND period = $4",
		      DB_I(template_id), DB_I(unit_id), DB_I(year), DB_I(period));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		r->id = db_col_int(st, 0);
		r->submitted = !strcmp(db_col_text(st, 1), "submitted");
		r->due_on = (int32_t)db_col_int(st, 2);
		r->submitted_on = (int32_t)db_col_int(st, 3);
		db_finish(st);
		rc = 0;
	} else if (rc < 0) {
		return rc;
	}
	r->state = periodic_state_of(plans_today(ctx), r->due_on, r->submitted, r->submitted_on);
	r->may_edit = !r->submitted && perm_may(ctx, ACT_REPORT_WORK, unit_id);
	if (!r->submitted && (rc = periodic_compute(ctx, t, unit_id, r->from, r->to, r->values)))
		return rc;
	return r->id ? read_stored(ctx, t, r, !r->submitted) : 0;
}

/* "12" or, for a share, "12/40": DV_EINVAL naming field. */
static int parse_value(struct dv_ctx *ctx, const struct periodic_item *it, const char *text,
		       const char *field, struct figure *f)
{
	f->num = f->den = 0;
	if (!text || !*text)
		return 0; /* not given yet: 0 */
	if (it->measure != M_PERCENT)
		return plans_count(ctx, text, field, &f->num);
	const char *slash = strchr(text, '/');
	if (!slash)
		return dv_fail(&ctx->err, DV_EINVAL, field,
			       "A share is a number out of a larger one: give both");
	char *a = arena_strndup(ctx->arena, text, (size_t)(slash - text));
	int rc = plans_count(ctx, a, field, &f->num);
	if (!rc)
		rc = plans_count(ctx, slash + 1, field, &f->den);
	if (!rc && (f->num > f->den))
		return dv_fail(&ctx->err, DV_EINVAL, field,
			       "A share is a number out of a larger one: give both");
	return rc;
}

static int save_tx(struct dv_ctx *ctx, const struct periodic_template *t, struct periodic_report *r,
		   const struct figure *entered, const char *const *texts, size_t ntexts,
		   int submit, int64_t *id)
{
	int64_t ward = plans_ward_of(ctx, r->unit_id);
	int32_t today = plans_today(ctx);
	int rc = 0;
	if (!r->id)
		rc = db_int(ctx->db, &r->id, &ctx->err,
			    "INSERT INTO periodic_report (template_id, unit_id, ward_id, year, period, "
			    "due_on, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
			    "RETURNING id",
			    DB_I(t->id), DB_I(r->unit_id), DB_ID(ward), DB_I(r->year),
			    DB_I(r->period), DB_I(r->due_on), DB_ID(ctx->actor->account_id),
			    DB_I(ctx->now));
	for (size_t i = 0; !rc && i < t->nitems; i++) {
		struct figure f = t->items[i].computed ? r->values[i] : entered[i];
		if (t->items[i].computed && !submit)
			continue; /* computed items are frozen only when submitted */
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO periodic_value (report_id, position, num, den) VALUES ($1, "
			    "$2, $3, $4) ON CONFLICT (report_id, position) DO UPDATE SET num = $3, "
			    "den = $4",
			    DB_I(r->id), DB_I(t->items[i].position), DB_I(f.num), DB_I(f.den));
	}
	for (size_t s = 0; !rc && s < t->nsections && s < ntexts; s++)
		if (texts[s])
			rc = db_run(ctx->db, &ctx->err,
				    "INSERT INTO periodic_text (report_id, section, body) VALUES ($1, "
				    "$2, $3) ON CONFLICT (report_id, section) DO UPDATE SET body = $3",
				    DB_I(r->id), DB_I((int64_t)s + 1), DB_T(texts[s]));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE periodic_report SET status = $1, submitted_on = $2, submitted_by = "
			    "$3, submitted_at = $4, updated_by = $3, updated_at = $5 WHERE id = $6",
			    DB_T(submit ? "submitted" : "draft"), submit ? DB_I(today) : DB_NULL,
			    submit ? DB_ID(ctx->actor->account_id) : DB_NULL,
			    submit ? DB_I(ctx->now) : DB_NULL, DB_I(ctx->now), DB_I(r->id));
	if (!rc)
		rc = ctx_audit(ctx, submit ? "periodic.submit" : "periodic.save", "periodic_report",
			       r->id, r->unit_id,
			       json_pack("{s:I, s:i, s:i, s:b}", "template", (json_int_t)t->id,
					 "year", r->year, "period", r->period, "late",
					 submit && today > r->due_on));
	*id = r->id;
	return rc;
}

int periodic_report_save(struct dv_ctx *ctx, int64_t template_id, int64_t unit_id, int year,
			 int period, const char *const *entered_in, size_t nentered,
			 const char *const *texts_in, size_t ntexts, int submit, int64_t *id_out)
{
	struct periodic_template t;
	struct periodic_report r;
	int64_t id = 0;
	int rc = periodic_report_get(ctx, template_id, unit_id, year, period, &t, &r);
	if (rc)
		return rc;
	if (r.submitted)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The report was submitted already");
	if (!r.may_edit)
		return dv_fail(&ctx->err, DV_EPERM, NULL, "Reports are sent by the unit's officers");
	if (submit && plans_today(ctx) < r.to)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The report is sent from the period's last day on");
	struct figure *entered = arena_array(ctx->arena, struct figure, t.nitems + 1);
	for (size_t i = 0; i < t.nitems; i++) {
		if (t.items[i].computed)
			continue;
		const char *field = arena_printf(ctx->arena, "item_%d", t.items[i].position);
		if (i < nentered && entered_in[i]) {
			if ((rc = parse_value(ctx, &t.items[i], entered_in[i], field, &entered[i])))
				return rc;
		} else {
			entered[i] = r.values[i]; /* kept as saved */
		}
	}
	const char **texts = arena_array(ctx->arena, const char *, t.nsections + 1);
	for (size_t s = 0; s < t.nsections && s < ntexts; s++) {
		if (!texts_in[s])
			continue;
		if ((rc = text_clean(ctx->arena, texts_in[s], strlen(texts_in[s]),
				     PERIODIC_TEXT_MAX, TEXT_MULTILINE,
				     arena_printf(ctx->arena, "text_%zu", s + 1), &texts[s],
				     &ctx->err)))
			return rc;
	}
	if ((rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, save_tx(ctx, &t, &r, entered, texts, ntexts, submit, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

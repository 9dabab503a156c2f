/*
 * The tasks of a plan: given, carried out with their evidence, taken up
 * below, and shown to their owners.
 */
#include "domain/plans/task.h"
#include "domain/plans/plans_impl.h"

#include <string.h>

#include "base/i18n.h"
#include "base/date.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/plans/plan.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

DV_ENUM_DEFINE(task_status, TS_STATUS_COUNT, TASK_STATUSES, "status");

/* ---------------------------------------------------------------- reading */

#define TASK_COLS                                                                                  \
	"t.id, t.plan_id, p.unit_id, pu.name, p.year, t.title, t.detail, t.unit_id, u.name, "      \
	"COALESCE(t.organization_id, 0), COALESCE(o.name, ''), t.owner, t.due_on, "                \
	"COALESCE(t.indicator_id, 0), COALESCE(i.code, ''), COALESCE(i.name, ''), "                \
	"COALESCE(t.parent_id, 0), COALESCE(t.batch_id, 0), t.status, t.progress, "               \
	"COALESCE(t.done_on, 0), t.updated_at, p.status"
#define TASK_FROM                                                                                  \
	" FROM plan_task t JOIN plan p ON p.id = t.plan_id JOIN unit pu ON pu.id = p.unit_id "     \
	"JOIN unit u ON u.id = t.unit_id LEFT JOIN organization o ON o.id = t.organization_id "    \
	"LEFT JOIN plan_indicator i ON i.id = t.indicator_id"

static void read_task(struct dv_ctx *ctx, struct db_stmt *st, struct plan_task *t, int *adopted)
{
	memset(t, 0, sizeof(*t));
	t->id = db_col_int(st, 0);
	t->plan_id = db_col_int(st, 1);
	t->plan_unit_id = db_col_int(st, 2);
	t->plan_unit_name = arena_strdup(ctx->arena, db_col_text(st, 3));
	t->year = (int)db_col_int(st, 4);
	t->title = arena_strdup(ctx->arena, db_col_text(st, 5));
	t->detail = arena_strdup(ctx->arena, db_col_text(st, 6));
	t->unit_id = db_col_int(st, 7);
	t->unit_name = arena_strdup(ctx->arena, db_col_text(st, 8));
	t->organization_id = db_col_int(st, 9);
	t->organization_name = arena_strdup(ctx->arena, db_col_text(st, 10));
	t->assignee = t->organization_id ? t->organization_name : t->unit_name;
	t->owner = arena_strdup(ctx->arena, db_col_text(st, 11));
	t->due_on = (int32_t)db_col_int(st, 12);
	t->indicator_id = db_col_int(st, 13);
	enum indicator code;
	const char *c = db_col_text(st, 14);
	t->indicator = arena_strdup(ctx->arena, *c && !indicator_parse(c, &code, NULL)
							? indicator_label(code)
							: db_col_text(st, 15));
	t->parent_id = db_col_int(st, 16);
	t->batch_id = db_col_int(st, 17);
	task_status_parse(db_col_text(st, 18), &t->status, NULL);
	t->progress = arena_strdup(ctx->arena, db_col_text(st, 19));
	t->done_on = (int32_t)db_col_int(st, 20);
	t->updated_at = db_col_int(st, 21);
	*adopted = !strcmp(db_col_text(st, 22), "adopted");
}

/* May the actor carry the task out: a grant allowing ACT_REPORT_WORK on
 * the organization itself, or (a grant of no organization) on the
 * assigned unit; or plan the plan's unit. */
static int may_carry(struct dv_ctx *ctx, const struct plan_task *t)
{
	const struct actor *a = ctx->actor;
	if (a->system || t->may_edit)
		return 1;
	if (a->deployment_admin)
		return 1;
	for (size_t i = 0; i < a->ngrants; i++) {
		const struct grant *g = &a->grants[i];
		int within = 0;
		if (!role_allows((enum role)g->role, ACT_REPORT_WORK))
			continue;
		if (g->organization_id) {
			if (g->organization_id == t->organization_id)
				return 1;
			continue;
		}
		if (!unit_is_within(ctx, t->unit_id, g->unit_id, &within) && within)
			return 1;
	}
	return 0;
}

static void finish_task(struct dv_ctx *ctx, struct plan_task *t)
{
	int32_t today = plans_today(ctx);
	int open = t->status == TS_ASSIGNED || t->status == TS_IN_PROGRESS;
	t->overdue = open && t->due_on < today;
	t->due_soon = open && !t->overdue &&
		      t->due_on <= date_add_days(today, rule_value(ctx, RULE_TASK_SOON_DAYS));
	t->may_edit = perm_may(ctx, ACT_PLAN_WORK, t->plan_unit_id);
	t->may_carry = may_carry(ctx, t);
}

/* The tasks a query gives, those the actor may see. */
static int read_all(struct dv_ctx *ctx, struct db_stmt *st, struct plan_task **out, size_t *n)
{
	struct plan_task *v = NULL;
	int *adopted = NULL;
	size_t k = 0, cap = 0, acap = 0, ak = 0;
	int rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		int *a = ARENA_PUSH(ctx->arena, adopted, ak, acap);
		read_task(ctx, st, ARENA_PUSH(ctx->arena, v, k, cap), a);
	}
	if (rc < 0)
		return rc;
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		finish_task(ctx, &v[i]);
		if (adopted[i] || v[i].may_edit || v[i].may_carry ||
		    perm_may(ctx, ACT_REPORT_WORK, v[i].plan_unit_id))
			v[m++] = v[i];
	}
	*out = v;
	*n = m;
	return 0;
}

int task_get(struct dv_ctx *ctx, int64_t id, struct plan_task *t)
{
	struct db_stmt *st = NULL;
	struct plan_task *v;
	size_t n;
	int rc = db_query(ctx->db, &st, &ctx->err, "SELECT " TASK_COLS TASK_FROM " WHERE t.id = $1",
			  DB_I(id));
	if (rc || (rc = read_all(ctx, st, &v, &n)))
		return rc;
	if (!n)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such task");
	*t = v[0];
	return 0;
}

int task_list(struct dv_ctx *ctx, int64_t plan_id, struct plan_task **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct plan p;
	int rc = plan_get(ctx, plan_id, &p);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT " TASK_COLS TASK_FROM " WHERE t.plan_id = $1 ORDER BY "
				 "COALESCE(t.batch_id, t.id), t.due_on, t.id LIMIT $2",
				 DB_I(plan_id), DB_I(TASKS_MAX))))
		return rc;
	return read_all(ctx, st, out, n);
}

int task_uptake(struct dv_ctx *ctx, int64_t id, struct plan_task **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct plan_task t;
	int rc = task_get(ctx, id, &t);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT " TASK_COLS TASK_FROM " WHERE t.parent_id = $1 ORDER BY "
				 "pu.name, t.due_on, t.id",
				 DB_I(id))))
		return rc;
	return read_all(ctx, st, out, n);
}

int task_events(struct dv_ctx *ctx, int64_t id, struct task_event **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct plan_task t;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = task_get(ctx, id, &t);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT e.status, e.note, e.on_date, COALESCE(a.display_name, ''), "
				 "e.at FROM plan_task_event e LEFT JOIN account a ON a.id = e.by_id "
				 "WHERE e.task_id = $1 ORDER BY e.id",
				 DB_I(id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct task_event *e = ARENA_PUSH(ctx->arena, *out, *n, cap);
		task_status_parse(db_col_text(st, 0), &e->status, NULL);
		e->note = arena_strdup(ctx->arena, db_col_text(st, 1));
		e->on = (int32_t)db_col_int(st, 2);
		e->by = arena_strdup(ctx->arena, db_col_text(st, 3));
		e->at = db_col_int(st, 4);
	}
	return rc < 0 ? rc : 0;
}

/* -------------------------------------------------------------- the owner */

int task_mine(struct dv_ctx *ctx, int limit, struct plan_task **out, size_t *n, int64_t *overdue,
	      int64_t *soon)
{
	const struct actor *a = ctx->actor;
	struct buf units = BUF_INIT, orgs = BUF_INIT;
	*out = NULL;
	*n = 0;
	*overdue = *soon = 0;
	/* the units and organizations whose tasks are the actor's own */
	for (size_t i = 0; i < a->ngrants; i++) {
		const struct grant *g = &a->grants[i];
		if (!role_allows((enum role)g->role, ACT_REPORT_WORK))
			continue;
		if (g->organization_id)
			buf_addf(&orgs, "%s%lld", orgs.len ? "," : "", (long long)g->organization_id);
		else
			buf_addf(&units, "%s%lld", units.len ? "," : "", (long long)g->unit_id);
	}
	if (!units.len && !orgs.len) {
		buf_release(&units);
		buf_release(&orgs);
		return 0;
	}
	/* ids are numbers written here, never outside text */
	const char *where = arena_printf(
		ctx->arena,
		"t.status IN ('assigned', 'in_progress') AND ((t.organization_id IS NULL AND "
		"t.unit_id IN (%s)) OR t.organization_id IN (%s))",
		units.len ? units.ptr : "0", orgs.len ? orgs.ptr : "0");
	buf_release(&units);
	buf_release(&orgs);
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  arena_printf(ctx->arena,
				       "SELECT " TASK_COLS TASK_FROM " WHERE %s ORDER BY t.due_on, "
				       "t.id",
				       where));
	struct plan_task *v;
	size_t k;
	if (rc || (rc = read_all(ctx, st, &v, &k)))
		return rc;
	for (size_t i = 0; i < k; i++) {
		*overdue += v[i].overdue;
		*soon += v[i].due_soon;
	}
	*out = v;
	*n = k < (size_t)limit ? k : (size_t)limit;
	return 0;
}

/* ---------------------------------------------------------------- writing */

struct clean_task {
	const char *title, *detail, *owner;
	int32_t due_on;
};

static int clean(struct dv_ctx *ctx, const struct task_input *in, struct clean_task *c)
{
	int rc = text_clean(ctx->arena, in->title, plans_len(in->title), TASK_TITLE_MAX,
			    TEXT_REQUIRED, "title", &c->title, &ctx->err);
	if (!rc)
		rc = text_clean(ctx->arena, in->detail, plans_len(in->detail), TASK_DETAIL_MAX,
				TEXT_MULTILINE, "detail", &c->detail, &ctx->err);
	if (!rc)
		rc = text_clean(ctx->arena, in->owner, plans_len(in->owner), TASK_OWNER_MAX, 0,
				"owner", &c->owner, &ctx->err);
	if (rc)
		return rc;
	if (!in->due_on || !*in->due_on || date_parse(in->due_on, &c->due_on, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, "due_on", "Give the deadline as dd/mm/yyyy");
	return 0;
}

/* Is the assignee one the plan may give a task to: the plan's unit or a
 * unit below it, or an organization of one of those? */
static int check_unit(struct dv_ctx *ctx, const struct plan *p, int64_t unit_id)
{
	int within = 0;
	struct unit u;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, "unit", "No such unit");
	if (!rc)
		rc = unit_is_within(ctx, unit_id, p->unit_id, &within);
	if (!rc && (!within || strcmp(u.status, "active")))
		return dv_fail(&ctx->err, DV_EINVAL, "unit",
			       "A task goes to the plan's unit or a unit below it");
	return rc;
}

static int check_org(struct dv_ctx *ctx, const struct plan *p, int64_t org_id, int64_t *unit)
{
	struct organization o;
	int rc = org_get(ctx, org_id, &o);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, "organization", "No such organization");
	if (!rc)
		rc = check_unit(ctx, p, o.unit_id);
	if (rc == DV_EINVAL)
		return dv_fail(&ctx->err, DV_EINVAL, "organization",
			       "A task goes to an organization of the plan's unit or below it");
	*unit = o.unit_id;
	return rc;
}

static int check_due(struct dv_ctx *ctx, const struct plan *p, int32_t due)
{
	if (due / 10000 < p->year || due / 10000 > p->year + 1)
		return dv_fail(&ctx->err, DV_EINVAL, "due_on",
			       "The deadline falls in the plan's year or early the next");
	return 0;
}

static int check_indicator(struct dv_ctx *ctx, const struct plan *p, int64_t indicator_id)
{
	int64_t there = 0;
	int rc = indicator_id ? db_int(ctx->db, &there, &ctx->err,
				       "SELECT COUNT(*) FROM plan_indicator WHERE id = $1 AND "
				       "plan_id = $2 AND removed_at IS NULL",
				       DB_I(indicator_id), DB_I(p->id))
			      : 0;
	if (!rc && indicator_id && !there)
		return dv_fail(&ctx->err, DV_EINVAL, "indicator", "Pick one of the plan's indicators");
	return rc;
}

static int insert_task(struct dv_ctx *ctx, const struct plan *p, const struct clean_task *c,
		       const struct task_input *in, int64_t unit, int64_t org, int64_t batch,
		       int64_t *id)
{
	int rc = db_int(ctx->db, id, &ctx->err,
			"INSERT INTO plan_task (plan_id, ward_id, title, detail, unit_id, "
			"organization_id, owner, due_on, indicator_id, batch_id, created_by, "
			"created_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
			"$9, $10, $11, $12, $11, $12) RETURNING id",
			DB_I(p->id), DB_ID(plans_ward_of(ctx, unit)), DB_T(c->title),
			DB_T(c->detail), DB_I(unit), DB_ID(org), DB_T(c->owner), DB_I(c->due_on),
			DB_ID(in->indicator_id), DB_ID(batch), DB_ID(ctx->actor->account_id),
			DB_I(ctx->now));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO plan_task_event (task_id, ward_id, status, note, on_date, "
			    "by_id, at) VALUES ($1, $2, 'assigned', '', $3, $4, $5)",
			    DB_I(*id), DB_ID(plans_ward_of(ctx, unit)), DB_I(plans_today(ctx)),
			    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	return rc;
}

static int create_tx(struct dv_ctx *ctx, const struct task_input *in, const struct clean_task *c,
		     int64_t **ids, size_t *n)
{
	struct plan p;
	int64_t batch = 0;
	size_t cap = 0;
	int rc = plan_get(ctx, in->plan_id, &p);
	if (rc || (rc = perm_require(ctx, ACT_PLAN_WORK, p.unit_id)) ||
	    (rc = check_due(ctx, &p, c->due_on)) || (rc = check_indicator(ctx, &p, in->indicator_id)))
		return rc;
	size_t total = in->nunits + in->norganizations;
	for (size_t i = 0; !rc && i < total; i++) {
		int64_t unit = 0, org = 0, id = 0;
		if (i < in->nunits)
			rc = check_unit(ctx, &p, unit = in->units[i]);
		else
			rc = check_org(ctx, &p, org = in->organizations[i - in->nunits], &unit);
		if (!rc)
			rc = insert_task(ctx, &p, c, in, unit, org, batch, &id);
		if (!rc && total > 1 && !batch &&
		    !(rc = db_run(ctx->db, &ctx->err,
				  "UPDATE plan_task SET batch_id = $1 WHERE id = $1", DB_I(id))))
			batch = id;
		if (!rc)
			*ARENA_PUSH(ctx->arena, *ids, *n, cap) = id;
	}
	if (!rc)
		rc = ctx_audit(ctx, "plan.task_create", "plan", p.id, p.unit_id,
			       json_pack("{s:I, s:i}", "tasks", (json_int_t)*n, "due_on",
					 (int)c->due_on));
	return rc;
}

int task_create(struct dv_ctx *ctx, const struct task_input *in, int64_t **ids, size_t *n)
{
	struct clean_task c;
	*ids = NULL;
	*n = 0;
	size_t total = in->nunits + in->norganizations;
	if (!total)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "Give the task to someone");
	if (total > TASK_ASSIGNEES_MAX)
		return dv_fail(&ctx->err, DV_ETOOBIG, "unit", "At most %d at a time",
			       TASK_ASSIGNEES_MAX);
	int rc = clean(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in, &c, ids, n));
	if (rc) {
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct task_input *in,
		     const struct clean_task *c)
{
	struct plan_task t;
	struct plan p;
	int64_t unit, org;
	int rc = task_get(ctx, id, &t);
	if (rc || (rc = plan_get(ctx, t.plan_id, &p)) ||
	    (rc = perm_require(ctx, ACT_PLAN_WORK, p.unit_id)) ||
	    (rc = check_due(ctx, &p, c->due_on)) || (rc = check_indicator(ctx, &p, in->indicator_id)))
		return rc;
	unit = t.unit_id;
	org = t.organization_id;
	if (in->nunits + in->norganizations > 1)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "A task has one assignee");
	if (in->nunits == 1) {
		org = 0;
		rc = check_unit(ctx, &p, unit = in->units[0]);
	} else if (in->norganizations == 1)
		rc = check_org(ctx, &p, org = in->organizations[0], &unit);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE plan_task SET title = $1, detail = $2, owner = $3, due_on = $4, "
		    "indicator_id = $5, unit_id = $6, organization_id = $7, ward_id = $8, "
		    "updated_by = $9, updated_at = $10 WHERE id = $11",
		    DB_T(c->title), DB_T(c->detail), DB_T(c->owner), DB_I(c->due_on),
		    DB_ID(in->indicator_id), DB_I(unit), DB_ID(org), DB_ID(plans_ward_of(ctx, unit)),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now), DB_I(id));
	return rc ? rc
		  : ctx_audit(ctx, "plan.task_update", "plan_task", id, p.unit_id,
			      json_pack("{s:i, s:I}", "due_on", (int)c->due_on, "unit",
					(json_int_t)unit));
}

int task_update(struct dv_ctx *ctx, int64_t id, const struct task_input *in)
{
	struct clean_task c;
	int rc = clean(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, in, &c));
}

static int progress_tx(struct dv_ctx *ctx, int64_t id, enum task_status s, const char *note,
		       int32_t on)
{
	struct plan_task t;
	int rc = task_get(ctx, id, &t);
	if (rc)
		return rc;
	if (!t.may_carry)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only those the task is given to report on it");
	if (on / 10000 < t.year - 1)
		return dv_fail(&ctx->err, DV_EINVAL, "on", "The day is before the plan's year");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE plan_task SET status = $1, progress = CASE WHEN $2 = '' THEN progress "
		    "ELSE $2 END, done_on = $3, updated_by = $4, updated_at = $5 WHERE id = $6",
		    DB_T(task_status_name(s)), DB_T(note), s == TS_DONE ? DB_I(on) : DB_NULL,
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO plan_task_event (task_id, ward_id, status, note, on_date, "
			    "by_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			    DB_I(id), DB_ID(plans_ward_of(ctx, t.unit_id)),
			    DB_T(task_status_name(s)), DB_T(note), DB_I(on),
			    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	return rc ? rc
		  : ctx_audit(ctx, "plan.task_progress", "plan_task", id, t.unit_id,
			      json_pack("{s:s, s:i}", "status", task_status_name(s), "on", (int)on));
}

int task_progress(struct dv_ctx *ctx, int64_t id, const char *status, const char *note_in,
		  const char *on)
{
	enum task_status s;
	const char *note;
	int32_t day;
	int rc = task_status_parse(status, &s, &ctx->err);
	if (rc || (rc = plans_day(ctx, on, "on", &day)) ||
	    (rc = text_clean(ctx->arena, note_in, plans_len(note_in), TASK_NOTE_MAX,
			     TEXT_MULTILINE, "note", &note, &ctx->err)))
		return rc;
	if (s == TS_DROPPED && !*note)
		return dv_fail(&ctx->err, DV_EINVAL, "note", "Say why the task is dropped");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, progress_tx(ctx, id, s, note, day));
}

/* --------------------------------------------------------------- evidence */

static int task_editable(struct dv_ctx *ctx, int64_t id, int64_t *unit, int *versioned)
{
	struct plan_task t;
	int rc = task_get(ctx, id, &t);
	*versioned = 0;
	*unit = rc ? 0 : t.unit_id;
	if (!rc && !t.may_carry)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only those the task is given to report on it");
	return rc;
}

const struct attach_owner task_attach = {
	.link = "plan_task_file",
	.column = "task_id",
	.audit = "plan_task",
	.captions = 1,
	.editable = task_editable,
};

int task_file_read(struct dv_ctx *ctx, int64_t task_id, int64_t file_id, int thumb,
		   struct file_data *out)
{
	struct plan_task t;
	struct plan p;
	int64_t there = 0;
	int rc = task_get(ctx, task_id, &t);
	if (rc || (rc = plan_load(ctx, t.plan_id, &p)) ||
	    (rc = db_int(ctx->db, &there, &ctx->err,
			 "SELECT COUNT(*) FROM plan_task_file WHERE task_id = $1 AND file_id = $2 "
			 "AND removed_at IS NULL",
			 DB_I(task_id), DB_I(file_id))))
		return rc;
	if (!there)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such file");
	if ((rc = file_load(ctx, file_id, thumb, out)))
		return rc;
	out->is_public = p.status == PS_ADOPTED;
	return 0;
}

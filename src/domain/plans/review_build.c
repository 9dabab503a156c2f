/*
 * Building a review's draft: every figure from the modules, for the unit,
 * the units below it and the years before, and the lists (the
 * commendation, what fell short, next year's directions and tasks).
 */
#include "domain/plans/review.h"
#include "domain/plans/plans_impl.h"
#include "domain/plans/review_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/awards/decision.h"
#include "domain/perm.h"
#include "domain/plans/plan.h"
#include "domain/plans/task.h"
#include "domain/registry/unit.h"

/* ------------------------------------------------------------- defaults */

/* The body that reports, as the heading of a Vietnamese report names it:
 * "BAN DÂN VẬN THÀNH ỦY DĨ AN". */
static const char *default_authority(struct dv_ctx *ctx, const struct unit *u)
{
	const char *who;
	switch (u->kind) {
	case UNIT_PROVINCE:
		who = "BAN DÂN VẬN TỈNH ỦY";
		break;
	case UNIT_CITY:
		who = "BAN DÂN VẬN THÀNH ỦY";
		break;
	case UNIT_WARD:
		who = "BAN DÂN VẬN ĐẢNG ỦY PHƯỜNG";
		break;
	case UNIT_COMMUNE:
		who = "BAN DÂN VẬN ĐẢNG ỦY XÃ";
		break;
	default:
		who = "BAN CÔNG TÁC MẶT TRẬN";
		break;
	}
	return arena_printf(ctx->arena, "%s %s", who, text_upper_a(ctx->arena, u->name));
}

static int insert_defaults(struct dv_ctx *ctx, const struct unit *u, int year, int64_t *id)
{
	int64_t ward = plans_ward_of(ctx, u->id);
	int rc = db_int(
		ctx->db, id, &ctx->err,
		"INSERT INTO review (unit_id, ward_id, year, title, authority, place, signer_title, "
		"built_at, built_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		"$9, $8, $8) RETURNING id",
		DB_I(u->id), DB_ID(ward), DB_I(year),
		DB_T(arena_printf(ctx->arena,
				  "Tổng kết công tác dân vận, thực hiện Quy chế dân chủ ở cơ sở năm "
				  "%d; phương hướng, nhiệm vụ năm %d",
				  year, year + 1)),
		DB_T(default_authority(ctx, u)), DB_T(u->name), DB_T("TRƯỞNG BAN"), DB_I(ctx->now),
		DB_ID(ctx->actor->account_id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO review_part (review_id, part, body) VALUES ($1, $2, $3)",
			    DB_I(*id), DB_T(review_part_name(RP_OPENING)),
			    DB_T(arena_printf(ctx->arena,
					      "Thực hiện chương trình, kế hoạch công tác dân vận và "
					      "thực hiện Quy chế dân chủ ở cơ sở năm %d, %s báo cáo "
					      "kết quả thực hiện và phương hướng, nhiệm vụ năm %d như "
					      "sau.",
					      year, u->name, year + 1)));
	return rc;
}

/* -------------------------------------------------------------- figures */

static int put_figures(struct dv_ctx *ctx, int64_t id, int64_t unit_id, int year,
		       const int64_t v[FIG_COUNT])
{
	int rc = 0;
	for (int f = 0; !rc && f < FIG_COUNT; f++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO review_figure (review_id, unit_id, year, key, value) VALUES "
			    "($1, $2, $3, $4, $5)",
			    DB_I(id), DB_I(unit_id), DB_I(year), DB_T(fig_name((enum fig)f)),
			    DB_I(v[f]));
	return rc;
}

/* ---------------------------------------------------------------- lines */

struct lines {
	int64_t review;
	int position[RL_COUNT];
};

static int put_line(struct dv_ctx *ctx, struct lines *l, enum review_line_kind k, const char *grp,
		    int64_t ref, const char *label, const char *detail)
{
	if (l->position[k] >= REVIEW_LIST_MAX)
		return 0; /* a list this long is cut on paper anyway */
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO review_line (review_id, kind, position, grp, ref, label, detail) "
		      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
		      DB_I(l->review), DB_T(review_line_kind_name(k)), DB_I(++l->position[k]),
		      DB_T(grp ? grp : ""), DB_ID(ref), DB_T(label), DB_T(detail ? detail : ""));
}

/* The year's commendation: the decisions of the scope's units on rounds
 * of the year, and every award they made that stands. */
static int commendation(struct dv_ctx *ctx, struct lines *l, const struct scope *s, int year)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < s->n; i++) {
		struct award_decision *d;
		size_t nd;
		if ((rc = award_decisions_of_year(ctx, s->roots[i], year, &d, &nd)))
			break;
		for (size_t k = 0; !rc && k < nd; k++) {
			struct award *a;
			size_t na;
			rc = put_line(ctx, l, RL_DECISION, "", d[k].id,
				      arena_printf(ctx->arena, "Quyết định số %s ngày %s của %s",
						   d[k].number, plans_day_text(ctx, d[k].signed_on),
						   d[k].authority),
				      d[k].round_name);
			if (rc || (rc = award_list(ctx, d[k].id, &a, &na)))
				break;
			for (size_t j = 0; !rc && j < na; j++) {
				if (a[j].revoked_at)
					continue;
				const char *who = *a[j].subject.detail
							  ? arena_printf(ctx->arena, "%s, %s",
									 a[j].subject.name,
									 a[j].subject.detail)
							  : a[j].subject.name;
				rc = put_line(ctx, l, RL_AWARD,
					      a[j].subject.kind == SUBJ_INDIVIDUAL ? "individual"
										 : "collective",
					      a[j].id, who,
					      arena_printf(ctx->arena, "%s: %s",
							   award_form_info(a[j].form)->name_vi,
							   a[j].achievement));
			}
		}
	}
	return rc;
}

/* The plans of the unit for `year` the actor may see (both kinds). */
static int plans_of(struct dv_ctx *ctx, int64_t unit_id, int year, struct plan *out, size_t *n)
{
	*n = 0;
	for (int k = 0; k < PLAN_KIND_COUNT; k++) {
		int rc = plan_find(ctx, unit_id, year, (enum plan_kind)k, &out[*n]);
		if (rc == DV_ENOTFOUND)
			continue;
		if (rc)
			return rc;
		(*n)++;
	}
	return 0;
}

/* What fell short: indicators below their target, tasks not done. */
static int shortfalls(struct dv_ctx *ctx, struct lines *l, int64_t unit_id, int year)
{
	struct plan p[PLAN_KIND_COUNT];
	size_t np;
	int rc = plans_of(ctx, unit_id, year, p, &np);
	for (size_t i = 0; !rc && i < np; i++) {
		struct plan_indicator *v;
		struct plan_task *t;
		size_t n, nt;
		if ((rc = plan_indicators(ctx, &p[i], &v, &n)))
			break;
		for (size_t k = 0; !rc && k < n; k++)
			if (v[k].short_of_target)
				rc = put_line(ctx, l, RL_SHORT, plan_kind_name(p[i].kind), v[k].id,
					      /* a computed one is named by its msgid */
					      v[k].computed ? i18n_get(DV_CONTENT_LANG, v[k].name)
							    : v[k].name,
					      arena_printf(ctx->arena, "%s / %s",
							   figure_format(ctx->arena, v[k].measure,
									 v[k].value),
							   target_format(ctx->arena, v[k].measure,
									 v[k].target)));
		if (rc || (rc = task_list(ctx, p[i].id, &t, &nt)))
			break;
		for (size_t k = 0; !rc && k < nt; k++)
			if (t[k].status == TS_ASSIGNED || t[k].status == TS_IN_PROGRESS ||
			    t[k].status == TS_DROPPED)
				rc = put_line(ctx, l, RL_UNDONE, task_status_name(t[k].status),
					      t[k].id, t[k].title,
					      arena_printf(ctx->arena, "%s · %s", t[k].assignee,
							   plans_day_text(ctx, t[k].due_on)));
	}
	return rc;
}

/* Next year's directions and tasks, from its plans if drafted. */
static int next_year(struct dv_ctx *ctx, struct lines *l, int64_t unit_id, int year)
{
	struct plan p[PLAN_KIND_COUNT];
	size_t np;
	int rc = plans_of(ctx, unit_id, year + 1, p, &np);
	for (size_t i = 0; !rc && i < np; i++) {
		struct plan_task *t;
		size_t nt;
		rc = put_line(ctx, l, RL_DIRECTION, plan_kind_name(p[i].kind), p[i].id, p[i].title,
			      p[i].directions);
		if (rc || (rc = task_list(ctx, p[i].id, &t, &nt)))
			break;
		for (size_t k = 0; !rc && k < nt; k++)
			if (t[k].status != TS_DROPPED)
				rc = put_line(ctx, l, RL_TASK, plan_kind_name(p[i].kind), t[k].id,
					      t[k].title,
					      arena_printf(ctx->arena, "%s · %s", t[k].assignee,
							   plans_day_text(ctx, t[k].due_on)));
	}
	return rc;
}

/* ---------------------------------------------------------------- build */

static int build_tx(struct dv_ctx *ctx, const struct unit *u, int year, int64_t *id)
{
	struct unit *kids;
	struct scope s;
	size_t nk;
	int64_t v[FIG_COUNT];
	const char *status = NULL;
	struct db_stmt *st = NULL;
	int rc = perm_require(ctx, ACT_REVIEW_YEAR, u->id);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT id, status FROM review WHERE unit_id = $1 AND year = $2",
				 DB_I(u->id), DB_I(year))))
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		*id = db_col_int(st, 0);
		status = arena_strdup(ctx->arena, db_col_text(st, 1));
		db_finish(st);
		rc = 0;
	} else if (rc < 0) {
		return rc;
	}
	if (status && strcmp(status, "draft"))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The review is final: its figures and text no longer change");
	if (!status)
		rc = insert_defaults(ctx, u, year, id);
	/* read afresh: what the modules hold now */
	const char *wipe[] = {"DELETE FROM review_figure WHERE review_id = $1",
			      "DELETE FROM review_line WHERE review_id = $1",
			      "UPDATE review SET built_at = $2, built_by = $3, updated_at = $2 WHERE "
			      "id = $1"};
	for (size_t i = 0; !rc && i < ARRAY_LEN(wipe); i++)
		rc = i < 2 ? db_run(ctx->db, &ctx->err, wipe[i], DB_I(*id))
			   : db_run(ctx->db, &ctx->err, wipe[i], DB_I(*id), DB_I(ctx->now),
				    DB_ID(ctx->actor->account_id));
	struct lines l = {.review = *id};
	for (int y = year - REVIEW_YEARS + 1; !rc && y <= year; y++)
		if (!(rc = figures_year(ctx, u->id, y, FIGS_ALL, v)))
			rc = put_figures(ctx, *id, u->id, y, v);
	if (!rc)
		rc = unit_children(ctx, u->id, &kids, &nk);
	for (size_t i = 0; !rc && i < nk && i < REVIEW_UNITS_MAX; i++) {
		rc = put_line(ctx, &l, RL_UNIT, "", kids[i].id, kids[i].name, "");
		if (!rc && !(rc = figures_year(ctx, kids[i].id, year, FIGS_ALL, v)))
			rc = put_figures(ctx, *id, kids[i].id, year, v);
	}
	if (!rc && !(rc = scope_of(ctx, u->id, &s)))
		rc = commendation(ctx, &l, &s, year);
	if (!rc)
		rc = shortfalls(ctx, &l, u->id, year);
	if (!rc)
		rc = next_year(ctx, &l, u->id, year);
	if (!rc)
		rc = ctx_audit(ctx, status ? "review.rebuild" : "review.build", "review", *id, u->id,
			       json_pack("{s:i}", "year", year));
	return rc;
}

int review_build(struct dv_ctx *ctx, int64_t unit_id, int year, int64_t *id_out)
{
	struct unit u;
	int64_t id = 0;
	int y = plans_today(ctx) / 10000;
	if (year > y || year < y - 10)
		return dv_fail(&ctx->err, DV_EINVAL, "year",
			       "A review is of a year that has begun, at most ten years back");
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, "unit", "No such unit");
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, build_tx(ctx, &u, year, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/*
 * Cultural titles: the titles as data, and the rounds a ward or a city
 * runs. Candidates and the meeting are in candidate.c, the decision and
 * its publication in title_decision.c.
 */
#include "domain/titles/title.h"
#include "domain/titles/title_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

DV_ENUM_DEFINE(title_subject, TS_COUNT, TITLE_SUBJECTS, "subject");
DV_ENUM_DEFINE(title_round_status, TR_STATUS_COUNT, TITLE_ROUND_STATUSES, "status");
DV_ENUM_DEFINE(candidate_status, TC_STATUS_COUNT, CANDIDATE_STATUSES, "status");
DV_ENUM_DEFINE(exclusion_reason, EX_COUNT, EXCLUSION_REASONS, "reason");

static int english(const struct dv_ctx *ctx)
{
	return ctx->lang && strcmp(ctx->lang, "en") == 0;
}

/* ------------------------------------------------------------- the titles */

#define KIND_COLS                                                                                  \
	"code, subject, name_vi, name_en, period_years, decider, by_meeting, basis"

static void read_kind(struct dv_ctx *ctx, struct db_stmt *st, struct title_kind *k)
{
	memset(k, 0, sizeof(*k));
	k->code = arena_strdup(ctx->arena, db_col_text(st, 0));
	if (title_subject_parse(db_col_text(st, 1), &k->subject, NULL))
		k->subject = TS_HOUSEHOLD;
	k->name_vi = arena_strdup(ctx->arena, db_col_text(st, 2));
	k->name = english(ctx) ? arena_strdup(ctx->arena, db_col_text(st, 3)) : k->name_vi;
	k->period_years = (int)db_col_int(st, 4);
	k->decider_above = strcmp(db_col_text(st, 5), "above") == 0;
	k->by_meeting = db_col_int(st, 6) != 0;
	k->basis = arena_strdup(ctx->arena, db_col_text(st, 7));
}

static int load_criteria(struct dv_ctx *ctx, struct title_kind *k)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT number, text_vi, text_en FROM title_criterion WHERE kind = $1 "
			  "ORDER BY number",
			  DB_T(k->code));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct title_criterion *c = ARENA_PUSH(ctx->arena, k->criteria, k->ncriteria, cap);
		c->number = (int)db_col_int(st, 0);
		c->text = arena_strdup(ctx->arena, db_col_text(st, english(ctx) ? 2 : 1));
	}
	return rc < 0 ? rc : 0;
}

int title_kinds(struct dv_ctx *ctx, struct title_kind **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " KIND_COLS " FROM title_kind ORDER BY position");
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_kind(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	for (size_t i = 0; rc >= 0 && i < *n; i++)
		rc = load_criteria(ctx, &(*out)[i]);
	return rc < 0 ? rc : 0;
}

int title_kind_get(struct dv_ctx *ctx, const char *code, struct title_kind *k)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " KIND_COLS " FROM title_kind WHERE code = $1",
			  DB_T(code ? code : ""));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_EINVAL, "kind", "No such title");
	read_kind(ctx, st, k);
	db_finish(st);
	return load_criteria(ctx, k);
}

/* ------------------------------------------------------------------ rounds */

#define ROUND_COLS                                                                                 \
	"r.id, r.kind, r.unit_id, u.name, r.year, r.status, r.decision_no, "                      \
	"COALESCE(r.decided_on, 0), r.signer, COALESCE(r.notice_id, 0), "                         \
	"COALESCE(r.published_on, 0), (SELECT COUNT(*) FROM title_candidate c WHERE c.round_id "  \
	"= r.id), (SELECT COUNT(*) FROM title_candidate c WHERE c.round_id = r.id AND c.status " \
	"IN ('proposed', 'awarded')), (SELECT COUNT(*) FROM title_candidate c WHERE c.round_id = " \
	"r.id AND c.status = 'awarded')"

static void read_round(struct dv_ctx *ctx, struct db_stmt *st, struct title_round *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->kind.code = arena_strdup(ctx->arena, db_col_text(st, 1));
	r->unit_id = db_col_int(st, 2);
	r->unit_name = arena_strdup(ctx->arena, db_col_text(st, 3));
	r->year = (int)db_col_int(st, 4);
	if (title_round_status_parse(db_col_text(st, 5), &r->status, NULL))
		r->status = TR_OPEN;
	r->decision_no = arena_strdup(ctx->arena, db_col_text(st, 6));
	r->decided_on = (int32_t)db_col_int(st, 7);
	r->signer = arena_strdup(ctx->arena, db_col_text(st, 8));
	r->notice_id = db_col_int(st, 9);
	r->published_on = (int32_t)db_col_int(st, 10);
	r->registered = db_col_int(st, 11);
	r->proposed = db_col_int(st, 12);
	r->awarded = db_col_int(st, 13);
}

/* What the rules say of a round now: its deadline, the day its list is
 * due, whether it is late; and the actor's rights. */
static int complete_round(struct dv_ctx *ctx, struct title_round *r)
{
	int rc = title_kind_get(ctx, r->kind.code, &r->kind);
	if (rc)
		return rc;
	r->deadline = rule_date_in(rule_value(ctx, RULE_TITLE_DEADLINE), r->year);
	if (r->decided_on) {
		r->publish_by = date_add_days(r->decided_on, rule_value(ctx, RULE_TITLE_PUBLISH_DAYS));
		int32_t when = r->published_on ? r->published_on : time_local_date(ctx->now);
		r->late = when > r->publish_by;
	}
	r->may_decide = perm_may(ctx, ACT_DECIDE_TITLES, r->unit_id);
	r->may_run = r->may_decide || perm_may_within(ctx, ACT_RUN_TITLES, r->unit_id);
	r->may_exclude = perm_may(ctx, ACT_RECORD_EXCLUSIONS, r->unit_id);
	return 0;
}

int title_round_load(struct dv_ctx *ctx, int64_t id, struct title_round *r)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ROUND_COLS " FROM title_round r JOIN unit u ON u.id = r.unit_id "
			  "WHERE r.id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such round");
	read_round(ctx, st, r);
	db_finish(st);
	return complete_round(ctx, r);
}

int title_round_get(struct dv_ctx *ctx, int64_t id, struct title_round *r)
{
	int rc = title_round_load(ctx, id, r);
	if (rc)
		return rc;
	if (r->status != TR_PUBLISHED && !r->may_run && !r->may_exclude)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such round");
	return 0;
}

int title_round_list(struct dv_ctx *ctx, int64_t unit_id, struct title_round **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct title_round *all = NULL;
	size_t nall = 0, cap = 0, keep = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ROUND_COLS " FROM title_round r JOIN unit u ON u.id = r.unit_id "
			  "WHERE CAST($1 AS BIGINT) = 0 OR r.unit_id IN (SELECT descendant FROM "
			  "unit_tree WHERE ancestor = $1) OR r.unit_id IN (SELECT ancestor FROM "
			  "unit_tree WHERE descendant = $1) ORDER BY r.year DESC, r.id DESC LIMIT 200",
			  DB_I(unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_round(ctx, st, ARENA_PUSH(ctx->arena, all, nall, cap));
	for (size_t i = 0; rc >= 0 && i < nall; i++) {
		if ((rc = complete_round(ctx, &all[i])))
			return rc;
		if (all[i].status == TR_PUBLISHED || all[i].may_run || all[i].may_exclude)
			all[keep++] = all[i];
	}
	if (rc < 0)
		return rc;
	*out = all;
	*n = keep;
	return 0;
}

static int open_tx(struct dv_ctx *ctx, const struct title_kind *k, int64_t unit_id, int year,
		   int64_t *id)
{
	struct unit u;
	int64_t ward = 0, dup = 0;
	int rc = unit_get(ctx, unit_id, &u);
	if (rc == DV_ENOTFOUND || (!rc && strcmp(u.status, "active") != 0))
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_DECIDE_TITLES, unit_id)))
		return rc;
	if (!k->decider_above && !unit_kind_is_commune(u.kind))
		return dv_fail(&ctx->err, DV_EINVAL, "unit",
			       "The chairman of a ward or commune decides %s", k->name);
	if (k->decider_above && (unit_kind_is_commune(u.kind) || unit_kind_is_community(u.kind)))
		return dv_fail(&ctx->err, DV_EINVAL, "unit",
			       "%s is decided above the ward, by the city", k->name);
	if (!(rc = db_int(ctx->db, &dup, &ctx->err,
			  "SELECT id FROM title_round WHERE kind = $1 AND unit_id = $2 AND year = $3",
			  DB_T(k->code), DB_I(unit_id), DB_I(year))))
		return dv_fail(&ctx->err, DV_ECONFLICT, "year",
			       "This unit already has a round of this title for %d", year);
	if (rc != DV_ENOTFOUND)
		return rc;
	if ((rc = unit_commune_of(ctx, unit_id, &ward)) == DV_ENOTFOUND)
		ward = 0;
	else if (rc)
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO title_round (kind, unit_id, ward_id, year, created_by, created_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
		    DB_T(k->code), DB_I(unit_id), DB_ID(ward), DB_I(year),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "title.open", "title_round", *id, unit_id,
			       json_pack("{s:s, s:i}", "kind", k->code, "year", year));
	return rc;
}

int title_round_open(struct dv_ctx *ctx, const char *kind, int64_t unit_id, int year,
		     int64_t *id_out)
{
	struct title_kind k;
	int64_t id = 0;
	int rc = title_kind_get(ctx, kind, &k);
	if (rc)
		return rc;
	int now_year = time_local_date(ctx->now) / 10000;
	if (year < now_year || year > now_year + 1)
		return dv_fail(&ctx->err, DV_EINVAL, "year", "A round is opened for %d or %d",
			       now_year, now_year + 1);
	if ((rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, open_tx(ctx, &k, unit_id, year, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

#include "domain/decide/election.h"

#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/decide/matter.h"
#include "domain/decide/committee.h"
#include "domain/perm.h"
#include "domain/rules.h"

int election_get(struct dv_ctx *ctx, int64_t matter_id, struct election *e)
{
	struct db_stmt *st = NULL;
	memset(e, 0, sizeof(*e));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT plan_on, team, team_on FROM election WHERE matter_id = $1",
			  DB_I(matter_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No election plan yet");
	e->matter_id = matter_id;
	e->plan_on = (int32_t)db_col_int(st, 0);
	e->team = arena_strdup(ctx->arena, db_col_text(st, 1));
	e->team_on = (int32_t)db_col_int(st, 2);
	db_finish(st);
	return 0;
}

/* A matter of type 4 for a meeting, which the actor convenes. */
static int head_election(struct dv_ctx *ctx, int64_t id, struct matter *m)
{
	int rc = matter_get(ctx, id, m);
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, m->unit_id)))
		return rc;
	if (m->type != MT_HEAD || m->form != FORM_MEETING)
		return dv_fail(&ctx->err, DV_EINVAL, NULL,
			       "Only the election of a community head has an election plan");
	return 0;
}

static int plan_tx(struct dv_ctx *ctx, int64_t id, int32_t day)
{
	struct matter m;
	int rc = head_election(ctx, id, &m);
	if (rc)
		return rc;
	if (m.status != MS_DRAFT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The plan comes before the meeting is called");
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO election (matter_id, plan_on, created_at) VALUES ($1, $2, $3) "
		    "ON CONFLICT (matter_id) DO UPDATE SET plan_on = $2",
		    DB_I(id), DB_I(day), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "election.plan", "matter", id, m.unit_id,
			       json_pack("{s:i}", "plan_on", (int)day));
	return rc;
}

int election_plan(struct dv_ctx *ctx, int64_t matter_id, const char *in)
{
	const char *s;
	int32_t day = time_local_date(ctx->now);
	int rc = text_clean(ctx->arena, in, in ? strlen(in) : 0, 20, 0, "plan_on", &s, &ctx->err);
	if (rc)
		return rc;
	if (*s && (rc = date_parse(s, &day, &ctx->err))) {
		ctx->err.field = "plan_on";
		return rc;
	}
	if (day > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_EINVAL, "plan_on", "This day has not come yet");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, plan_tx(ctx, matter_id, day));
}

/* Is `name` one of the candidates (folded, so case and marks do not hide
 * a candidate on the team)? */
static int is_candidate(struct dv_ctx *ctx, const struct matter *m, const char *name)
{
	const char *f = text_fold_a(ctx->arena, name);
	for (size_t i = 0; !m->yesno && i < m->noptions; i++)
		if (strcmp(text_fold_a(ctx->arena, m->options[i].label), f) == 0)
			return 1;
	/* a single candidate is named in the matter's title */
	return m->yesno && *f && strstr(text_fold_a(ctx->arena, m->title), f) != NULL;
}

/* The election day of a called meeting that has not begun. meeting.c
 * asks this module's checks, so this module reads the meeting's row itself
 * rather than through meeting.h. */
static int election_day(struct dv_ctx *ctx, int64_t id, int32_t *day)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT starts_at, status FROM meeting WHERE matter_id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc
			      : dv_fail(&ctx->err, DV_ECONFLICT, NULL,
					"Call the meeting before setting up the team");
	*day = time_local_date(db_col_int(st, 0));
	int scheduled = strcmp(db_col_text(st, 1), "scheduled") == 0;
	db_finish(st);
	if (!scheduled)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The meeting has already begun");
	return 0;
}

static int team_tx(struct dv_ctx *ctx, int64_t id, const char *members)
{
	struct matter m;
	struct election e;
	int32_t day = 0;
	int rc = head_election(ctx, id, &m);
	if (rc || (rc = election_get(ctx, id, &e)) || (rc = election_day(ctx, id, &day)))
		return rc;
	int32_t today = time_local_date(ctx->now);
	int64_t most = rule_value(ctx, RULE_HEAD_TEAM_DAYS);
	if (date_diff_days(today, day) > most)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The election team is set up at most %lld days before the election",
			       (long long)most);
	const char *names[64];
	size_t n = text_lines(ctx->arena, members, names, 64);
	for (size_t i = 0; i < n; i++)
		if (is_candidate(ctx, &m, names[i]))
			return dv_fail(&ctx->err, DV_EINVAL, "team",
				       "%s is a candidate and cannot be on the election team",
				       names[i]);
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE election SET team = $1, team_on = $2 WHERE matter_id = $3",
		    DB_T(members), DB_I(today), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "election.team", "matter", id, m.unit_id,
			       json_pack("{s:s}", "team", members));
	return rc;
}

int election_team(struct dv_ctx *ctx, int64_t matter_id, const char *in)
{
	const char *members;
	int rc = committee_clean(ctx, in, "team", &members);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, team_tx(ctx, matter_id, members));
}

int election_check_schedule(struct dv_ctx *ctx, int64_t matter_id, int64_t starts_at)
{
	struct election e;
	int32_t today = time_local_date(ctx->now), day = time_local_date(starts_at);
	int64_t plan = rule_value(ctx, RULE_HEAD_PLAN_DAYS);
	int64_t notice = rule_value(ctx, RULE_HEAD_NOTICE_DAYS);
	int rc = election_get(ctx, matter_id, &e);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, NULL,
			       "Record the election plan before calling the election");
	if (rc)
		return rc;
	if (date_diff_days(e.plan_on, day) < plan) {
		struct buf b = BUF_INIT;
		date_format(&b, date_add_days(e.plan_on, plan));
		rc = dv_fail(&ctx->err, DV_EINVAL, "starts_on",
			     "The election plan must be issued at least %lld days before the "
			     "election: the election can be held from %s",
			     (long long)plan, b.ptr);
		buf_release(&b);
		return rc;
	}
	if (date_diff_days(today, day) < notice)
		return dv_fail(&ctx->err, DV_EINVAL, "starts_on",
			       "The election must be announced at least %lld days before it",
			       (long long)notice);
	return 0;
}

int election_check_open(struct dv_ctx *ctx, int64_t matter_id)
{
	struct election e;
	int rc = election_get(ctx, matter_id, &e);
	if (rc)
		return rc;
	if (!e.team_on)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Set up the election team before the election opens");
	return 0;
}

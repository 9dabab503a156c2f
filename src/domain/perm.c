#include "domain/perm.h"

#include <string.h>

#include "base/array.h"
#include "base/i18n.h"
#include "base/log.h"

/* ----------------------------------------------------------------- roles */

DV_ENUM_DEFINE(role, ROLE_COUNT, ROLES, "role");

static const char *const action_names[] = {
	[ACT_VIEW_HOUSEHOLDS] = "view_households",
	[ACT_VIEW_PERSONAL] = "view_personal",
	[ACT_EDIT_HOUSEHOLDS] = "edit_households",
	[ACT_MANAGE_UNITS] = "manage_units",
	[ACT_REORGANIZE_UNITS] = "reorganize_units",
	[ACT_GRANT_ROLES] = "grant_roles",
	[ACT_MANAGE_ORGS] = "manage_orgs",
	[ACT_PUBLISH_NOTICES] = "publish_notices",
	[ACT_CONVENE_MEETINGS] = "convene_meetings",
	[ACT_AGREE_ONLINE_VOTE] = "agree_online_vote",
	[ACT_VOTE] = "vote",
	[ACT_COMMENT] = "comment",
	[ACT_INSPECT] = "inspect",
	[ACT_EVALUATE_AWARDS] = "evaluate_awards",
	[ACT_VIEW_AUDIT] = "view_audit",
	[ACT_RECORD_REACH] = "record_reach",
	[ACT_PUBLISH_NEWS] = "publish_news",
	[ACT_CONFIGURE] = "configure",
	[ACT_ACKNOWLEDGE] = "acknowledge",
	[ACT_CONSULT] = "consult",
	[ACT_COLLECTIVE_OPINION] = "collective_opinion",
	[ACT_MANAGE_WORKS] = "manage_works",
	[ACT_FORM_BOARDS] = "form_boards",
	[ACT_WORK_CONSENT] = "work_consent",
	/* reports */
	[ACT_HANDLE_REPORTS] = "handle_reports",
	[ACT_VIEW_PRIVATE_REPORTS] = "view_private_reports",
	[ACT_HANDLE_LOCAL_REPORTS] = "handle_local_reports",
	[ACT_MANAGE_INSPECTION] = "manage_inspection",
	[ACT_ANSWER_INSPECTION] = "answer_inspection",
	/* emulation, titles, awards */
	[ACT_RUN_MOVEMENTS] = "run_movements",
	[ACT_JOIN_MOVEMENTS] = "join_movements",
	[ACT_REGISTER_MODELS] = "register_models",
	[ACT_EVALUATE_MODELS] = "evaluate_models",
	[ACT_RUN_TITLES] = "run_titles",
	[ACT_RECORD_EXCLUSIONS] = "record_exclusions",
	[ACT_DECIDE_TITLES] = "decide_titles",
	[ACT_NOMINATE_AWARDS] = "nominate_awards",
	[ACT_RUN_AWARDS] = "run_awards",
	[ACT_RESTRICT_AWARDS] = "restrict_awards",
	/* plans */
	[ACT_PLAN_WORK] = "plan_work",
	[ACT_REPORT_WORK] = "report_work",
	[ACT_REVIEW_YEAR] = "review_year",
};
_Static_assert(ARRAY_LEN(action_names) == ACT_COUNT, "a name per action");

/* An action's bit in a role's set: 64 bits, room for every action. */
#define A(x) (UINT64_C(1) << (x))
_Static_assert(ACT_COUNT <= 64, "a role's actions fit its 64-bit set");

/* What the emulation, titles and awards families give each role (below). The
 * head and the front committee evaluate their community's households for
 * cultural titles; the Mass Mobilization Board evaluates "Dân vận khéo"
 * models; only the council and the inspection staff see (and keep) the
 * register of discipline, investigation and inspection; a city
 * administrator runs everything else, but neither evaluates models nor
 * votes in the council nor sees the register. */
#define EMULATION_OFFICER                                                                          \
	(A(ACT_RUN_MOVEMENTS) | A(ACT_JOIN_MOVEMENTS) | A(ACT_REGISTER_MODELS))
#define AWARDS_OFFICER                                                                             \
	(A(ACT_RUN_TITLES) | A(ACT_RECORD_EXCLUSIONS) | A(ACT_DECIDE_TITLES) |                     \
	 A(ACT_NOMINATE_AWARDS) | A(ACT_RUN_AWARDS))
/* What the plans family gives (below): the ward, the city and the Mass
 * Mobilization Board plan the year and write its review; organizations
 * (the Front, the unions, agencies) carry out the tasks given to them and
 * report on them, as the ward does. */
#define PLANS_OFFICER (A(ACT_PLAN_WORK) | A(ACT_REPORT_WORK) | A(ACT_REVIEW_YEAR))

/*
 * What each role may do within the subtree of the unit it is granted on.
 * Convening community meetings is the head's by law (Art. 17); the online
 * vote needs both the head's and the front committee's agreement.
 * Reports of a private category (security, social evils) are the ward's
 * and the police's only: the ward officer sees them, the city
 * administrator does not (the police are a handling body's officers,
 * domain/reports/report.c).
 */
static const uint64_t role_actions[] = {
	[ROLE_RESIDENT] = A(ACT_COMMENT),
	[ROLE_REPRESENTATIVE] = A(ACT_COMMENT) | A(ACT_VOTE) | A(ACT_ACKNOWLEDGE) |
				A(ACT_JOIN_MOVEMENTS) | A(ACT_WORK_CONSENT),
	[ROLE_HEAD] = A(ACT_VIEW_HOUSEHOLDS) | A(ACT_VIEW_PERSONAL) | A(ACT_EDIT_HOUSEHOLDS) |
		      A(ACT_GRANT_ROLES) | A(ACT_CONVENE_MEETINGS) | A(ACT_AGREE_ONLINE_VOTE) |
		      A(ACT_RECORD_REACH) | A(ACT_MANAGE_WORKS) | A(ACT_HANDLE_LOCAL_REPORTS) |
		      A(ACT_JOIN_MOVEMENTS) | A(ACT_RUN_TITLES) | A(ACT_REPORT_WORK),
	[ROLE_FRONT] = A(ACT_VIEW_HOUSEHOLDS) | A(ACT_AGREE_ONLINE_VOTE) | A(ACT_RECORD_REACH) |
		       A(ACT_PUBLISH_NEWS) | A(ACT_COLLECTIVE_OPINION) | A(ACT_FORM_BOARDS) |
		       A(ACT_JOIN_MOVEMENTS) | A(ACT_RUN_TITLES) | A(ACT_REPORT_WORK),
	[ROLE_WARD_OFFICER] = A(ACT_VIEW_HOUSEHOLDS) | A(ACT_VIEW_PERSONAL) |
			      A(ACT_EDIT_HOUSEHOLDS) | A(ACT_MANAGE_UNITS) | A(ACT_GRANT_ROLES) |
			      A(ACT_MANAGE_ORGS) | A(ACT_PUBLISH_NOTICES) | A(ACT_VIEW_AUDIT) |
			      A(ACT_RECORD_REACH) | A(ACT_PUBLISH_NEWS) | A(ACT_CONSULT) |
			      A(ACT_MANAGE_WORKS) | A(ACT_FORM_BOARDS) | A(ACT_HANDLE_REPORTS) |
			      A(ACT_VIEW_PRIVATE_REPORTS) | A(ACT_MANAGE_INSPECTION) |
			      A(ACT_ANSWER_INSPECTION) | EMULATION_OFFICER | AWARDS_OFFICER |
			      PLANS_OFFICER,
	[ROLE_ORG_OFFICER] = A(ACT_MANAGE_ORGS) | A(ACT_PUBLISH_NEWS) | A(ACT_COLLECTIVE_OPINION) |
			     EMULATION_OFFICER | A(ACT_NOMINATE_AWARDS) | A(ACT_REPORT_WORK),
	[ROLE_INSPECTOR] = A(ACT_INSPECT) | A(ACT_VIEW_AUDIT) | A(ACT_RESTRICT_AWARDS),
	[ROLE_COUNCIL] = A(ACT_EVALUATE_AWARDS) | A(ACT_RESTRICT_AWARDS),
	[ROLE_MASS_MOBILIZATION] = EMULATION_OFFICER | A(ACT_EVALUATE_MODELS) |
				   A(ACT_NOMINATE_AWARDS) | PLANS_OFFICER,
	[ROLE_CITY_ADMIN] = A(ACT_VIEW_HOUSEHOLDS) | A(ACT_VIEW_PERSONAL) | A(ACT_EDIT_HOUSEHOLDS) |
			    A(ACT_MANAGE_UNITS) | A(ACT_REORGANIZE_UNITS) | A(ACT_GRANT_ROLES) |
			    A(ACT_MANAGE_ORGS) | A(ACT_PUBLISH_NOTICES) | A(ACT_INSPECT) |
			    A(ACT_VIEW_AUDIT) | A(ACT_RECORD_REACH) | A(ACT_PUBLISH_NEWS) |
			    A(ACT_CONFIGURE) | A(ACT_CONSULT) | A(ACT_MANAGE_WORKS) |
			    A(ACT_FORM_BOARDS) | A(ACT_HANDLE_REPORTS) | A(ACT_MANAGE_INSPECTION) |
			    A(ACT_ANSWER_INSPECTION) | EMULATION_OFFICER | AWARDS_OFFICER |
			    PLANS_OFFICER,
};
_Static_assert(ARRAY_LEN(role_actions) == ROLE_COUNT, "the actions of every role");

#define R(x) (1u << (x))

/* Which roles each role may grant (within its subtree). */
static const unsigned role_grants[] = {
	[ROLE_HEAD] = R(ROLE_RESIDENT) | R(ROLE_REPRESENTATIVE),
	[ROLE_WARD_OFFICER] = R(ROLE_RESIDENT) | R(ROLE_REPRESENTATIVE) | R(ROLE_HEAD) |
			      R(ROLE_FRONT) | R(ROLE_ORG_OFFICER) | R(ROLE_INSPECTOR) |
			      R(ROLE_COUNCIL) | R(ROLE_MASS_MOBILIZATION),
	[ROLE_CITY_ADMIN] = (1u << ROLE_COUNT) - 1,
};
_Static_assert(ARRAY_LEN(role_grants) == ROLE_COUNT, "the grants of every role");

/* Grants of these roles reach only the account's own household when the
 * question is about a household. */
static int role_is_household_scoped(enum role r)
{
	return r == ROLE_RESIDENT || r == ROLE_REPRESENTATIVE;
}

/* The actions those roles take across their unit (comment on its drafts,
 * vote in its matters, always as their own household); any other action
 * they may get later is the household's alone and needs perm_may_household. */
static const uint64_t unit_wide_for_households = A(ACT_COMMENT) | A(ACT_VOTE);

const char *action_name(enum action a)
{
	return (unsigned)a < ACT_COUNT ? action_names[a] : "unknown";
}

int role_allows(enum role r, enum action a)
{
	if ((unsigned)r >= ROLE_COUNT || (unsigned)a >= ACT_COUNT)
		return 0;
	return (role_actions[r] & A(a)) != 0;
}

int role_may_grant(enum role granter, enum role granted)
{
	if ((unsigned)granter >= ROLE_COUNT || (unsigned)granted >= ROLE_COUNT)
		return 0;
	return (role_grants[granter] & R(granted)) != 0;
}

/* ----------------------------------------------------------- the question */

/* The unit and its ancestors (any number of them), in one indexed lookup;
 * arena array. */
static int ancestors_of(struct dv_ctx *ctx, int64_t unit_id, int64_t **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT ancestor FROM unit_tree WHERE descendant = $1", DB_I(unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, *out, *n, cap) = db_col_int(st, 0);
	return rc < 0 ? rc : 0;
}

static int contains(const int64_t *v, size_t n, int64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/*
 * Does a grant allowing `a` cover unit_id? Resident and representative grants
 * count for unit-wide questions (a representative comments on its ward's
 * drafts), but for a household only when it is the account's own
 * (own_household).
 */
static int grant_counts(const struct grant *g, enum action a, int own_household)
{
	return role_allows((enum role)g->role, a) &&
	       (own_household || !role_is_household_scoped((enum role)g->role));
}

static int grant_covers(struct dv_ctx *ctx, int64_t unit_id, enum action a, int own_household)
{
	const struct actor *ac = ctx->actor;
	size_t relevant = 0;
	for (size_t i = 0; i < ac->ngrants; i++) {
		if (!grant_counts(&ac->grants[i], a, own_household))
			continue;
		relevant++;
		/* a unit is its own ancestor: a grant on the unit itself (a
		 * representative voting in its neighborhood) needs no lookup */
		if (unit_id && ac->grants[i].unit_id == unit_id)
			return 1;
	}
	if (!relevant || !unit_id)
		return 0;
	int64_t *anc;
	size_t n;
	if (ancestors_of(ctx, unit_id, &anc, &n)) {
		log_error("perm: %s", ctx->err.msg);
		return 0;
	}
	for (size_t i = 0; i < ac->ngrants; i++)
		if (grant_counts(&ac->grants[i], a, own_household) &&
		    contains(anc, n, ac->grants[i].unit_id))
			return 1;
	return 0;
}

/* A deployment administrator may do what a city administrator may, on every
 * unit (those made after it logged in too) and at the top of the tree. */
static int deployment_allows(const struct actor *ac, enum action a)
{
	return ac->system || (ac->deployment_admin && role_allows(ROLE_CITY_ADMIN, a));
}

int perm_may(struct dv_ctx *ctx, enum action a, int64_t unit_id)
{
	if (deployment_allows(ctx->actor, a))
		return 1;
	return grant_covers(ctx, unit_id, a, (unit_wide_for_households & A(a)) != 0);
}

int perm_may_household(struct dv_ctx *ctx, enum action a, int64_t household_id,
		       int64_t household_unit_id)
{
	if (deployment_allows(ctx->actor, a))
		return 1;
	int own = household_id && ctx->actor->household_id == household_id;
	return grant_covers(ctx, household_unit_id, a, own);
}

int perm_may_within(struct dv_ctx *ctx, enum action a, int64_t unit_id)
{
	if (perm_may(ctx, a, unit_id))
		return 1;
	int own = (unit_wide_for_households & A(a)) != 0;
	for (size_t i = 0; i < ctx->actor->ngrants; i++) {
		const struct grant *g = &ctx->actor->grants[i];
		int64_t hit = 0;
		if (!grant_counts(g, a, own))
			continue;
		int rc = db_int(ctx->db, &hit, &ctx->err,
				"SELECT 1 FROM unit_tree WHERE ancestor = $1 AND descendant = $2",
				DB_I(unit_id), DB_I(g->unit_id));
		if (!rc)
			return 1;
		if (rc != DV_ENOTFOUND)
			log_error("perm: %s", ctx->err.msg);
	}
	return 0;
}

int perm_may_somewhere(struct dv_ctx *ctx, enum action a)
{
	if (deployment_allows(ctx->actor, a))
		return 1;
	for (size_t i = 0; i < ctx->actor->ngrants; i++)
		if (role_allows((enum role)ctx->actor->grants[i].role, a))
			return 1;
	return 0;
}

int perm_require(struct dv_ctx *ctx, enum action a, int64_t unit_id)
{
	if (perm_may(ctx, a, unit_id))
		return 0;
	return dv_fail(&ctx->err, DV_EPERM, NULL, "You may not do this here (%s)", action_name(a));
}

/* The actor may grant `role` on unit_id if one of its grants covering the
 * unit both allows granting and may grant that role. */
int perm_may_grant(struct dv_ctx *ctx, enum role role, int64_t unit_id)
{
	if (ctx->actor->system ||
	    (ctx->actor->deployment_admin && role_may_grant(ROLE_CITY_ADMIN, role)))
		return 1;
	int64_t *anc;
	size_t n;
	if (ancestors_of(ctx, unit_id, &anc, &n))
		return 0;
	for (size_t i = 0; i < ctx->actor->ngrants; i++) {
		const struct grant *g = &ctx->actor->grants[i];
		if (role_allows((enum role)g->role, ACT_GRANT_ROLES) &&
		    role_may_grant((enum role)g->role, role) && contains(anc, n, g->unit_id))
			return 1;
	}
	return 0;
}

/* ----------------------------------------------------------------- actors */

/* A deployment administrator's rights, as grants for the pages that read
 * grants (roles it may give, lists per unit): city administrator of every
 * top-level unit at the time the actor is loaded. perm_may needs none of
 * them (deployment_allows). */
static int admin_grants(struct dv_ctx *ctx, struct actor *out, size_t cap)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id FROM unit WHERE parent_id IS NULL AND status = 'active' "
			  "ORDER BY id");
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, out->grants, out->ngrants, cap) =
			(struct grant){.role = ROLE_CITY_ADMIN, .unit_id = db_col_int(st, 0)};
	return rc < 0 ? rc : 0;
}

int actor_load(struct dv_ctx *ctx, int64_t account_id, struct actor *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT household_id, display_name, deployment_admin FROM account WHERE id = $1 "
			  "AND status = 'active'",
			  DB_I(account_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such account");
	out->account_id = account_id;
	out->household_id = db_col_int(st, 0);
	out->display_name = arena_strdup(ctx->arena, db_col_text(st, 1));
	out->deployment_admin = db_col_int(st, 2) != 0;
	db_finish(st);

	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT id, role, unit_id, organization_id FROM role_grant "
		      "WHERE account_id = $1 AND revoked_at IS NULL ORDER BY id",
		      DB_I(account_id));
	if (rc)
		return rc;
	size_t cap = 0;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum role r;
		if (role_parse(db_col_text(st, 1), &r, NULL))
			continue; /* a role this version does not know grants nothing */
		*ARENA_PUSH(ctx->arena, out->grants, out->ngrants, cap) = (struct grant){
			.id = db_col_int(st, 0),
			.role = (int)r,
			.unit_id = db_col_int(st, 2),
			.organization_id = db_col_int(st, 3),
		};
	}
	if (rc < 0 || !out->deployment_admin)
		return rc < 0 ? rc : 0;
	return admin_grants(ctx, out, cap);
}

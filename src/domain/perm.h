/*
 * Roles and permissions. A role is granted to an account on a unit and
 * applies to the unit's whole subtree: a ward officer of Tân Đông Hiệp
 * manages Tân Đông Hiệp's neighborhoods and nothing else.
 *
 * Two tables in perm.c hold every rule a reader needs: which actions a role
 * allows (role_actions) and which roles a role may grant (role_grants).
 * perm_may() is the one question every layer asks.
 */
#ifndef DV_DOMAIN_PERM_H
#define DV_DOMAIN_PERM_H

#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

/* The roles, each granted on a unit for its subtree (base/names.h). */
#define ROLES(X)                                                                                   \
	X(ROLE_RESIDENT, "resident", N_("Resident"))               /* cư dân */                    \
	X(ROLE_REPRESENTATIVE, "representative", N_("Household representative")) /* đại diện hộ */ \
	X(ROLE_HEAD, "head", N_("Neighborhood head")) /* trưởng khu phố, trưởng thôn, tổ trưởng */   \
	X(ROLE_FRONT, "front", N_("Front work committee"))         /* Ban công tác Mặt trận */      \
	X(ROLE_WARD_OFFICER, "ward_officer", N_("Ward officer"))   /* cán bộ phường, xã */         \
	X(ROLE_ORG_OFFICER, "org_officer", N_("Organization officer")) /* cơ quan, đoàn thể */     \
	X(ROLE_INSPECTOR, "inspector", N_("People's Inspection Board")) /* Ban Thanh tra nhân dân */ \
	X(ROLE_COUNCIL, "council", N_("Emulation and commendation council")) /* Hội đồng TĐKT */   \
	X(ROLE_MASS_MOBILIZATION, "mass_mobilization", N_("Mass Mobilization Board")) /* Ban Dân vận */ \
	X(ROLE_CITY_ADMIN, "city_admin", N_("City administrator")) /* quản trị thành phố */
DV_ENUM(role, ROLE_COUNT, ROLES);

enum action {
	ACT_VIEW_HOUSEHOLDS,   /* lists of households and residents (names, addresses) */
	ACT_VIEW_PERSONAL,     /* national ID, phone, birth date */
	ACT_EDIT_HOUSEHOLDS,   /* add, edit, move households and residents */
	ACT_MANAGE_UNITS,      /* create and rename units below */
	ACT_REORGANIZE_UNITS,  /* move and merge units */
	ACT_GRANT_ROLES,       /* grant roles (only those role_may_grant allows) */
	ACT_MANAGE_ORGS,       /* organizations attached to units */
	ACT_PUBLISH_NOTICES,   /* public disclosure */
	ACT_CONVENE_MEETINGS,  /* community meetings and household ballots */
	ACT_AGREE_ONLINE_VOTE, /* the agreement online voting needs (Art. 17) */
	ACT_VOTE,	       /* a household's vote (household-scoped) */
	ACT_COMMENT,	       /* comment on drafts, report problems */
	ACT_INSPECT,	       /* inspection boards: ledgers, reports */
	ACT_EVALUATE_AWARDS,   /* emulation and commendation council */
	ACT_VIEW_AUDIT,	       /* the audit log in detail */
	ACT_RECORD_REACH,      /* record households reached on paper or at a meeting */
	ACT_PUBLISH_NEWS,      /* news articles */
	ACT_CONFIGURE,	       /* deployment-wide settings: the disclosure categories */
	ACT_ACKNOWLEDGE,       /* mark a notice known for the household (household-scoped) */
	ACT_CONSULT,	       /* open drafts for comments, answer them, publish the synthesis */
	ACT_COLLECTIVE_OPINION, /* comment in the name of an organization or the front */
	/* works: co-funded community works (domain/works/) */
	ACT_MANAGE_WORKS,      /* plan a work, record its ledger, its progress, its households */
	ACT_FORM_BOARDS,       /* set up a work's supervision board (the front, the ward) */
	ACT_WORK_CONSENT,      /* a household's own choices about a work (household-scoped) */
	/* reports: citizen reports and the People's Inspection Board */
	ACT_HANDLE_REPORTS,	  /* acknowledge, resolve, reject, merge, route and redact reports */
	ACT_VIEW_PRIVATE_REPORTS, /* reports of a private category (security, social evils) */
	ACT_HANDLE_LOCAL_REPORTS, /* reports routed to the community head */
	ACT_MANAGE_INSPECTION,	  /* record the inspection board's elected members */
	ACT_ANSWER_INSPECTION,	  /* answer the inspection board's recommendations */
	/* emulation, titles, awards */
	ACT_RUN_MOVEMENTS,     /* launch emulation movements, evaluate their participants */
	ACT_JOIN_MOVEMENTS,    /* register a participant's commitments, report progress */
	ACT_REGISTER_MODELS,   /* register "Dân vận khéo" models, their files, replications */
	ACT_EVALUATE_MODELS,   /* the Mass Mobilization Board's yearly evaluation of models */
	ACT_RUN_TITLES,	       /* cultural titles: register candidates, evaluate, propose */
	ACT_RECORD_EXCLUSIONS, /* facts that exclude a household from a title (never public) */
	ACT_DECIDE_TITLES,     /* the chairman's decision on cultural titles, its publication */
	ACT_NOMINATE_AWARDS,   /* propose collectives and individuals for commendation */
	ACT_RUN_AWARDS,	       /* rounds, council members, decisions, certificates, revocation */
	ACT_RESTRICT_AWARDS,   /* the register of discipline, investigation and inspection */
	/* plans: the year's plans and tasks, periodic reports, the year-end review */
	ACT_PLAN_WORK,	 /* draft and adopt plans, assign tasks, set report templates */
	ACT_REPORT_WORK, /* carry out tasks, enter indicators, submit periodic reports */
	ACT_REVIEW_YEAR, /* build, edit, freeze and publish the year-end review */
	ACT_COUNT
};

const char *action_name(enum action a);

/* Does the role allow the action anywhere in its subtree? */
int role_allows(enum role r, enum action a);
/* May a holder of `granter` grant `granted`? */
int role_may_grant(enum role granter, enum role granted);

/*
 * May ctx->actor do `a` on unit_id? 1 or 0. True when one of the actor's
 * grants allows `a` on unit_id or one of its ancestors. The system actor may
 * do anything; a deployment administrator what a city administrator may, on
 * every unit and at the top of the tree (unit_id 0); the anonymous actor
 * nothing. A database error reads as 0 (and is logged).
 */
int perm_may(struct dv_ctx *ctx, enum action a, int64_t unit_id);

/* perm_may for a household: the account's own household counts through its
 * resident/representative grant; otherwise as perm_may on its unit. */
int perm_may_household(struct dv_ctx *ctx, enum action a, int64_t household_id,
		       int64_t household_unit_id);

/* May the actor do `a` on unit_id or on some unit inside it? (Residents of
 * a neighborhood comment on their ward's drafts.) */
int perm_may_within(struct dv_ctx *ctx, enum action a, int64_t unit_id);

/* May the actor do `a` on some unit (for settings that belong to no unit)? */
int perm_may_somewhere(struct dv_ctx *ctx, enum action a);

/* 0, or DV_EPERM with a message naming the action. */
int perm_require(struct dv_ctx *ctx, enum action a, int64_t unit_id);

/* May the actor grant (or revoke) `role` on unit_id: one of its grants
 * covering the unit allows granting and may grant that role? */
int perm_may_grant(struct dv_ctx *ctx, enum role role, int64_t unit_id);

/* Load an account's household and live grants into *actor (arena memory).
 * A deployment administrator (account.deployment_admin) gets the flag and,
 * for the pages that list grants, a city administrator's grant on every
 * top-level unit there is now. */
int actor_load(struct dv_ctx *ctx, int64_t account_id, struct actor *actor);

#endif

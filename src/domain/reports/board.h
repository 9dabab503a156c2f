/*
 * The People's Inspection Board (Ban Thanh tra nhân dân) of a ward or
 * commune: one per commune-level unit, its members elected at community
 * meetings (matters of Art. 15 type 5, decided through domain/decide),
 * at least RULE_BOARD_MEMBERS_MIN members and at least
 * RULE_BOARD_PER_COMMUNITY from each village or residential group
 * (DOMAIN.md, "Boards").
 *
 * The ward's officers (ACT_MANAGE_INSPECTION) record each member with the
 * meeting that elected them: the matter must be of type 5, decided at a
 * meeting, closed and passed, in a community of the ward. While members
 * are being recorded the board is forming; constituting it checks both
 * numbers and refuses, naming the rule, when one is short. Once
 * constituted, a member leaves only through a dismissal decided the same
 * way, and never below the rules. Its work (cases, findings,
 * recommendations) is in inspection.h.
 *
 * The communities counted are the ward's smallest ones: the active
 * villages, residential groups and neighborhoods that hold no community
 * of their own.
 */
#ifndef DV_DOMAIN_REPORTS_BOARD_H
#define DV_DOMAIN_REPORTS_BOARD_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define BOARD_NAME_MAX 100

#define BOARD_STATUSES(X)                                                                          \
	X(BOARD_NONE, "none", N_("Not formed yet"))                                                \
	X(BOARD_FORMING, "forming", N_("Being formed"))                                            \
	X(BOARD_ACTIVE, "active", N_("Constituted"))
DV_ENUM(board_status, BOARD_STATUS_COUNT, BOARD_STATUSES);

#define MEMBER_POSITIONS(X)                                                                        \
	X(MP_HEAD, "head", N_("Head of the board"))                                                \
	X(MP_DEPUTY, "deputy", N_("Deputy head"))                                                  \
	X(MP_MEMBER, "member", N_("Member"))
DV_ENUM(member_position, MP_COUNT, MEMBER_POSITIONS);

struct board_member {
	int64_t id;
	int64_t unit_id; /* the community that elected the member */
	const char *unit_name;
	int64_t matter_id; /* the election */
	const char *matter_title;
	const char *name;
	enum member_position position;
	int64_t elected_at; /* when the election closed */
};

struct board_community {
	int64_t unit_id;
	const char *name;
	int64_t members;
};

struct board {
	int64_t id; /* 0 while nothing is recorded */
	int64_t ward_id;
	const char *ward_name;
	enum board_status status;
	int64_t constituted_at;
	size_t nmembers; /* live members */
	struct board_member *members;
	size_t ncommunities; /* the ward's communities, with their members */
	struct board_community *communities;
	int64_t members_min, per_community; /* the rules in force */
	int may_manage;			    /* ACT_MANAGE_INSPECTION */
	int may_inspect;		    /* ACT_INSPECT: the board's own work */
	int may_answer;			    /* ACT_ANSWER_INSPECTION: the authority */
};

/* The board of a ward or commune (public). DV_ENOTFOUND if ward_id is not
 * a commune-level unit. A ward without a board reads as status none. */
int board_get(struct dv_ctx *ctx, int64_t ward_id, struct board *b);

/* Record a member elected by matter_id (see above). DV_EINVAL naming
 * "matter" when the matter is not such an election; DV_ECONFLICT when the
 * same person is recorded twice for one election. */
int board_member_add(struct dv_ctx *ctx, int64_t ward_id, int64_t matter_id, const char *name,
		     const char *position, int64_t *id);

/* A member leaves: before the board is constituted, for any reason (a
 * mistake); after, dismissed by matter_id (type 5, at a meeting, passed,
 * in the member's community), and never below the rules. */
int board_member_leave(struct dv_ctx *ctx, int64_t member_id, int64_t matter_id);

/* The ward a member belongs to; DV_ENOTFOUND. */
int board_member_ward(struct dv_ctx *ctx, int64_t member_id, int64_t *ward_id);

/* Constitute the board: DV_EINVAL naming the rule that is not met. */
int board_constitute(struct dv_ctx *ctx, int64_t ward_id);

/* 0 when the board (as read by board_get) meets both rules, or DV_EINVAL
 * with the message naming the first rule that it does not. */
int board_check_rules(struct dv_ctx *ctx, const struct board *b);

#endif

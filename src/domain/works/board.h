/*
 * The community investment supervision board of a work (Ban giám sát đầu
 * tư của cộng đồng; Law 10/2022/QH15, Decree 59/2023; DOMAIN.md, "Boards"):
 * one per work funded by the community, of at least RULE_SUPERVISION_MIN members
 * with one head, at most RULE_SUPERVISION_DEPUTIES_MAX deputy heads, and at most
 * RULE_SUPERVISION_RESIDENTS_MAX residents elected at a community meeting (a
 * matter of Art. 15 type 5 that passed at a meeting of the work's unit or a
 * community inside it). The others represent the front work committee, the
 * People's Inspection Board or another body.
 *
 * The front work committee or the ward sets the board up (ACT_FORM_BOARDS,
 * not the head whose spending it watches); setting it up again replaces
 * its members. It exists while the work is open and dissolves when the
 * work is closed or cancelled. Its members (those with an account) sign
 * off expenses and the acceptance, and record findings shown on the work's
 * page. A board that breaks a rule is refused, naming the rule.
 */
#ifndef DV_DOMAIN_WORKS_BOARD_H
#define DV_DOMAIN_WORKS_BOARD_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define BOARD_MEMBERS_MAX 15
#define BOARD_NAME_MAX	  100
#define FINDING_TEXT_MAX  4000

#define BOARD_ROLES(X)                                                                             \
	X(BR_HEAD, "head", N_("Head of the board"))                                                \
	X(BR_DEPUTY, "deputy", N_("Deputy head"))                                                  \
	X(BR_MEMBER, "member", N_("Member"))
DV_ENUM(board_role, BR_COUNT, BOARD_ROLES);

#define BOARD_ORIGINS(X)                                                                           \
	X(BO_FRONT, "front", N_("Front work committee"))                                           \
	X(BO_INSPECTION, "inspection", N_("People's Inspection Board"))                            \
	X(BO_RESIDENT, "resident", N_("Resident elected at a community meeting"))                  \
	X(BO_OTHER, "other", N_("Other body"))
DV_ENUM(board_origin, BO_COUNT, BOARD_ORIGINS);

struct board_member {
	int64_t id;
	const char *name;
	enum board_role role;
	enum board_origin origin;
	int64_t matter_id;  /* the meeting that elected a resident */
	int64_t account_id; /* 0: signs on paper only */
	int64_t started_at, ended_at;
};

struct board_member_input {
	const char *name;
	const char *role;   /* board_role_name */
	const char *origin; /* board_origin_name */
	int64_t matter_id;  /* for a resident */
	const char *login;  /* an account's login, NULL or "" for none */
};

/* Set up (or set up again) the work's board with these n members; every
 * rule is checked first, and a refusal names it (field "members"). */
int board_set(struct dv_ctx *ctx, int64_t work_id, const struct board_member_input *in, size_t n);

/* The board's members now (dissolved: those it had last), head first.
 * *dissolved is set when the work is closed or cancelled. Public. */
int board_list(struct dv_ctx *ctx, int64_t work_id, struct board_member **out, size_t *n,
	       int *dissolved);

/* The actor's seat on the work's board now, 0 if none. */
int board_seat(struct dv_ctx *ctx, int64_t work_id, int64_t *member_id);

/* For the actor's page: the expenses waiting for a sign-off in the works
 * whose board the actor sits on now (*expenses), in how many works
 * (*works), and one of those works (*work_id, 0 when none). */
int board_waiting(struct dv_ctx *ctx, int64_t *expenses, int64_t *works, int64_t *work_id);

struct finding {
	int64_t id;
	const char *member; /* the member's name */
	const char *text;
	int64_t at;
};

/* A member records a finding (while the board exists). */
int finding_add(struct dv_ctx *ctx, int64_t work_id, const char *text, int64_t *id);
/* Every finding, oldest first. Public. */
int finding_list(struct dv_ctx *ctx, int64_t work_id, struct finding **out, size_t *n);

#endif

/*
 * The People's Inspection Board and its members.
 */
#include "domain/reports/board.h"

#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/decide/matter.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

DV_ENUM_DEFINE(board_status, BOARD_STATUS_COUNT, BOARD_STATUSES, "status");
DV_ENUM_DEFINE(member_position, MP_COUNT, MEMBER_POSITIONS, "position");

/* ----------------------------------------------------------------- reading */

static int load_members(struct dv_ctx *ctx, struct board *b)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT m.id, m.unit_id, u.name, m.matter_id, mt.title, m.name, "
		"m.position, COALESCE(mt.closed_at, 0) FROM inspection_member m JOIN unit u "
		"ON u.id = m.unit_id JOIN matter mt ON mt.id = m.matter_id WHERE m.board_id "
		"= $1 AND m.left_at IS NULL ORDER BY CASE m.position WHEN 'head' THEN 0 "
		"WHEN 'deputy' THEN 1 ELSE 2 END, u.name_folded, m.id",
		DB_I(b->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct board_member *m = ARENA_PUSH(ctx->arena, b->members, b->nmembers, cap);
		m->id = db_col_int(st, 0);
		m->unit_id = db_col_int(st, 1);
		m->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
		m->matter_id = db_col_int(st, 3);
		m->matter_title = arena_strdup(ctx->arena, db_col_text(st, 4));
		m->name = arena_strdup(ctx->arena, db_col_text(st, 5));
		if (member_position_parse(db_col_text(st, 6), &m->position, NULL))
			m->position = MP_MEMBER;
		m->elected_at = db_col_int(st, 7);
	}
	return rc < 0 ? rc : 0;
}

/* The ward's smallest communities: active community units within it that
 * hold no active community. */
static int load_communities(struct dv_ctx *ctx, struct board *b)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT u.id, u.name FROM unit_tree t JOIN unit u ON u.id = t.descendant WHERE "
		"t.ancestor = $1 AND t.depth > 0 AND u.status = 'active' AND u.kind IN "
		"('neighborhood', 'village', 'residential_group') AND NOT EXISTS (SELECT 1 FROM "
		"unit k "
		"WHERE k.parent_id = u.id AND k.status = 'active' AND k.kind IN ('neighborhood', "
		"'village', 'residential_group')) ORDER BY u.name_folded, u.id",
		DB_I(b->ward_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct board_community *c =
			ARENA_PUSH(ctx->arena, b->communities, b->ncommunities, cap);
		c->unit_id = db_col_int(st, 0);
		c->name = arena_strdup(ctx->arena, db_col_text(st, 1));
		c->members = 0;
	}
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < b->ncommunities; i++)
		for (size_t k = 0; k < b->nmembers; k++)
			b->communities[i].members +=
				b->members[k].unit_id == b->communities[i].unit_id;
	return 0;
}

int board_get(struct dv_ctx *ctx, int64_t ward_id, struct board *b)
{
	struct unit u;
	struct db_stmt *st = NULL;
	memset(b, 0, sizeof(*b));
	int rc = unit_get(ctx, ward_id, &u);
	if (rc)
		return rc;
	if (!unit_kind_is_commune(u.kind))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such ward or commune");
	b->ward_id = ward_id;
	b->ward_name = u.name;
	b->status = BOARD_NONE;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT id, status, COALESCE(constituted_at, 0) FROM inspection_board WHERE "
		      "ward_id = $1",
		      DB_I(ward_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		b->id = db_col_int(st, 0);
		if (board_status_parse(db_col_text(st, 1), &b->status, NULL))
			b->status = BOARD_FORMING;
		b->constituted_at = db_col_int(st, 2);
		db_finish(st);
	} else if (rc < 0) {
		return rc;
	}
	if (b->id && (rc = load_members(ctx, b)))
		return rc;
	if ((rc = load_communities(ctx, b)))
		return rc;
	b->members_min = rule_value(ctx, RULE_BOARD_MEMBERS_MIN);
	b->per_community = rule_value(ctx, RULE_BOARD_PER_COMMUNITY);
	b->may_manage = perm_may(ctx, ACT_MANAGE_INSPECTION, ward_id);
	b->may_inspect = perm_may(ctx, ACT_INSPECT, ward_id);
	b->may_answer = perm_may(ctx, ACT_ANSWER_INSPECTION, ward_id);
	return 0;
}

int board_check_rules(struct dv_ctx *ctx, const struct board *b)
{
	if ((int64_t)b->nmembers < b->members_min)
		return dv_fail(&ctx->err, DV_EINVAL, "members",
			       "A People's Inspection Board has at least %lld members (Law "
			       "10/2022/QH15): this one has %zu",
			       (long long)b->members_min, b->nmembers);
	for (size_t i = 0; i < b->ncommunities; i++)
		if (b->communities[i].members < b->per_community)
			return dv_fail(&ctx->err, DV_EINVAL, "members",
				       "A People's Inspection Board has at least %lld member(s) "
				       "from each village or residential group (Law 10/2022/QH15): "
				       "%s has %lld",
				       (long long)b->per_community, b->communities[i].name,
				       (long long)b->communities[i].members);
	return 0;
}

/* ---------------------------------------------------------------- members */

/* A matter that elects or dismisses board members: type 5, decided at a
 * meeting, closed and passed, in a community of the ward. */
static int check_election(struct dv_ctx *ctx, int64_t ward_id, int64_t matter_id, struct matter *m)
{
	int within = 0;
	int rc = matter_get(ctx, matter_id, m);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "matter", "No such matter");
	if (rc || (rc = unit_is_within(ctx, m->unit_id, ward_id, &within)))
		return rc;
	if (m->type != MT_BOARDS || m->form != FORM_MEETING)
		return dv_fail(&ctx->err, DV_EINVAL, "matter",
			       "Members are elected or dismissed at a community meeting, on a "
			       "matter of type 5 (Law 10/2022/QH15, Art. 15 and 17)");
	if (!within)
		return dv_fail(&ctx->err, DV_EINVAL, "matter",
			       "The meeting was held in a community of another ward");
	if (m->status != MS_CLOSED || !m->has_result || !m->result.passed)
		return dv_fail(
			&ctx->err, DV_EINVAL, "matter",
			"The meeting has not decided it: the matter is not closed and passed");
	return 0;
}

static int ensure_board(struct dv_ctx *ctx, int64_t ward_id, int64_t *id)
{
	int rc = db_int(ctx->db, id, &ctx->err,
			"SELECT id FROM inspection_board WHERE ward_id = $1", DB_I(ward_id));
	if (rc != DV_ENOTFOUND)
		return rc;
	return db_int(ctx->db, id, &ctx->err,
		      "INSERT INTO inspection_board (ward_id, status, created_at) VALUES ($1, "
		      "'forming', $2) RETURNING id",
		      DB_I(ward_id), DB_I(ctx->now));
}

static int add_tx(struct dv_ctx *ctx, int64_t ward_id, int64_t matter_id, const char *name,
		  enum member_position pos, int64_t *id)
{
	struct matter m;
	struct board b;
	int64_t board_id = 0, dup = 0;
	int rc = board_get(ctx, ward_id, &b);
	if (rc || (rc = perm_require(ctx, ACT_MANAGE_INSPECTION, ward_id)) ||
	    (rc = check_election(ctx, ward_id, matter_id, &m)) ||
	    (rc = ensure_board(ctx, ward_id, &board_id)))
		return rc;
	rc = db_int(ctx->db, &dup, &ctx->err,
		    "SELECT COUNT(*) FROM inspection_member WHERE board_id = $1 AND matter_id = $2 "
		    "AND name = $3 AND left_at IS NULL",
		    DB_I(board_id), DB_I(matter_id), DB_T(name));
	if (!rc && dup)
		return dv_fail(&ctx->err, DV_ECONFLICT, "name",
			       "%s is already a member, elected by this meeting", name);
	if (!rc)
		rc = db_int(
			ctx->db, id, &ctx->err,
			"INSERT INTO inspection_member (board_id, ward_id, unit_id, matter_id, "
			"name, "
			"position, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
			DB_I(board_id), DB_I(ward_id), DB_I(m.unit_id), DB_I(matter_id), DB_T(name),
			DB_T(member_position_name(pos)), DB_I(ctx->now));
	/* members' names are public (the board's page lists them); the audit
	 * keeps the election */
	if (!rc)
		rc = ctx_audit(ctx, "inspection.member_add", "inspection_board", board_id, ward_id,
			       json_pack("{s:I, s:I, s:s}", "member", (json_int_t)*id, "matter",
					 (json_int_t)matter_id, "position",
					 member_position_name(pos)));
	return rc;
}

int board_member_add(struct dv_ctx *ctx, int64_t ward_id, int64_t matter_id, const char *name_in,
		     const char *position, int64_t *id_out)
{
	const char *name;
	enum member_position pos = MP_MEMBER;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_MANAGE_INSPECTION, ward_id))
		return perm_require(ctx, ACT_MANAGE_INSPECTION, ward_id);
	int rc = text_clean(ctx->arena, name_in, name_in ? strlen(name_in) : 0, BOARD_NAME_MAX,
			    TEXT_REQUIRED, "name", &name, &ctx->err);
	if (!rc && position && *position)
		rc = member_position_parse(position, &pos, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, add_tx(ctx, ward_id, matter_id, name, pos, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int board_member_ward(struct dv_ctx *ctx, int64_t member_id, int64_t *ward_id)
{
	int rc = db_int(ctx->db, ward_id, &ctx->err,
			"SELECT ward_id FROM inspection_member WHERE id = $1 AND left_at IS NULL",
			DB_I(member_id));
	return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such member") : rc;
}

static int leave_tx(struct dv_ctx *ctx, int64_t member_id, int64_t matter_id)
{
	struct board b;
	int64_t ward = 0;
	int rc = board_member_ward(ctx, member_id, &ward);
	if (rc || (rc = board_get(ctx, ward, &b)) ||
	    (rc = perm_require(ctx, ACT_MANAGE_INSPECTION, ward)))
		return rc;
	size_t k = 0;
	while (k < b.nmembers && b.members[k].id != member_id)
		k++;
	if (b.status == BOARD_ACTIVE) {
		struct matter m;
		if ((rc = check_election(ctx, ward, matter_id, &m)))
			return rc;
		if (k < b.nmembers && m.unit_id != b.members[k].unit_id)
			return dv_fail(&ctx->err, DV_EINVAL, "matter",
				       "A member is dismissed by the community that elected them");
		/* the board as it would be without the member */
		for (size_t i = 0; i < b.ncommunities; i++)
			b.communities[i].members -=
				k < b.nmembers && b.communities[i].unit_id == b.members[k].unit_id;
		b.nmembers--;
		if ((rc = board_check_rules(ctx, &b))) {
			dv_err_prefix(&ctx->err, "%s ",
				      i18n_get(ctx->lang, N_("Elect a successor first:")));
			return rc;
		}
	}
	rc = db_run(ctx->db, &ctx->err, "UPDATE inspection_member SET left_at = $1 WHERE id = $2",
		    DB_I(ctx->now), DB_I(member_id));
	if (!rc)
		rc = ctx_audit(ctx, "inspection.member_leave", "inspection_board", b.id, ward,
			       json_pack("{s:I, s:I}", "member", (json_int_t)member_id, "matter",
					 (json_int_t)matter_id));
	return rc;
}

int board_member_leave(struct dv_ctx *ctx, int64_t member_id, int64_t matter_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, leave_tx(ctx, member_id, matter_id));
}

static int constitute_tx(struct dv_ctx *ctx, int64_t ward_id)
{
	struct board b;
	int rc = board_get(ctx, ward_id, &b);
	if (rc || (rc = perm_require(ctx, ACT_MANAGE_INSPECTION, ward_id)))
		return rc;
	if (b.status == BOARD_ACTIVE)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The board is constituted already");
	if ((rc = board_check_rules(ctx, &b)))
		return rc;
	rc = db_run(
		ctx->db, &ctx->err,
		"UPDATE inspection_board SET status = 'active', constituted_at = $1 WHERE id = $2",
		DB_I(ctx->now), DB_I(b.id));
	if (!rc)
		rc = ctx_audit(ctx, "inspection.constitute", "inspection_board", b.id, ward_id,
			       json_pack("{s:I}", "members", (json_int_t)b.nmembers));
	return rc;
}

int board_constitute(struct dv_ctx *ctx, int64_t ward_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, constitute_tx(ctx, ward_id));
}

/*
 * The supervision board of a work: setting it up with every rule checked
 * first, its members, a member's seat, its findings, and dissolving it.
 */
#include "domain/works/board.h"

#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/decide/matter.h"
#include "domain/identity/account.h"
#include "domain/perm.h"
#include "domain/rules.h"
#include "domain/works/work.h"
#include "domain/works/works_impl.h"

DV_ENUM_DEFINE(board_role, BR_COUNT, BOARD_ROLES, "role");
DV_ENUM_DEFINE(board_origin, BO_COUNT, BOARD_ORIGINS, "origin");

/* --------------------------------------------------------------- setting */

struct clean_member {
	const char *name;
	enum board_role role;
	enum board_origin origin;
	int64_t matter_id;
	int64_t account_id;
};

/* "Member 3: " before a message about one member. */
static int member_fail(struct dv_ctx *ctx, size_t i, int rc)
{
	dv_err_prefix(&ctx->err, i18n_get_format(ctx->lang, N_("Member %zu: ")), i + 1);
	ctx->err.field = "members";
	return rc;
}

static int clean_member(struct dv_ctx *ctx, const struct work *w,
			const struct board_member_input *in, struct clean_member *c)
{
	memset(c, 0, sizeof(*c));
	int rc = text_clean(ctx->arena, in->name, in->name ? strlen(in->name) : 0, BOARD_NAME_MAX,
			    TEXT_REQUIRED, "members", &c->name, &ctx->err);
	if (rc || board_role_parse(in->role, &c->role, &ctx->err) ||
	    board_origin_parse(in->origin, &c->origin, &ctx->err))
		return rc ? rc : DV_EINVAL;
	if (c->origin == BO_RESIDENT) {
		/* elected by the community: a matter of type 5 that passed at a
		 * meeting (Art. 15 item 5, Art. 17) */
		if (!in->matter_id)
			return dv_fail(&ctx->err, DV_EINVAL, "members",
				       "A resident member is elected at a community meeting: name "
				       "the matter of type 5 that elected them");
		if ((rc = works_matter_check(ctx, w, in->matter_id, MT_BOARDS, 1, 1, "members")))
			return rc;
		c->matter_id = in->matter_id;
	}
	if (in->login && *in->login) {
		struct account a;
		if (account_find(ctx, in->login, &a) || strcmp(a.status, "active") != 0)
			return dv_fail(&ctx->err, DV_EINVAL, "members",
				       "No account with this login");
		c->account_id = a.id;
	}
	return 0;
}

/* The rules of the whole board, each refusal naming its rule. */
static int check_board(struct dv_ctx *ctx, const struct clean_member *v, size_t n)
{
	int64_t min = rule_value(ctx, RULE_SUPERVISION_MIN);
	int64_t residents_max = rule_value(ctx, RULE_SUPERVISION_RESIDENTS_MAX);
	int64_t deputies_max = rule_value(ctx, RULE_SUPERVISION_DEPUTIES_MAX);
	size_t heads = 0, deputies = 0, residents = 0;
	for (size_t i = 0; i < n; i++) {
		heads += v[i].role == BR_HEAD;
		deputies += v[i].role == BR_DEPUTY;
		residents += v[i].origin == BO_RESIDENT;
		for (size_t k = 0; k < i; k++)
			if (v[i].account_id && v[i].account_id == v[k].account_id)
				return dv_fail(&ctx->err, DV_EINVAL, "members",
					       "Members %zu and %zu hold the same account", k + 1,
					       i + 1);
	}
	if ((int64_t)n < min)
		return dv_fail(&ctx->err, DV_EINVAL, "members",
			       "A supervision board has at least %lld members (rule supervision_min; "
			       "Law 10/2022/QH15, Decree 59/2023): %zu named",
			       (long long)min, n);
	if (heads != 1)
		return dv_fail(&ctx->err, DV_EINVAL, "members",
			       "A supervision board has one head: %zu named", heads);
	if ((int64_t)deputies > deputies_max)
		return dv_fail(&ctx->err, DV_EINVAL, "members",
			       "A supervision board has at most %lld deputy heads (rule "
			       "supervision_deputies_max): %zu named",
			       (long long)deputies_max, deputies);
	if ((int64_t)residents > residents_max)
		return dv_fail(&ctx->err, DV_EINVAL, "members",
			       "At most %lld members are residents elected at a community meeting "
			       "(rule supervision_residents_max): %zu named",
			       (long long)residents_max, residents);
	return 0;
}

static int set_tx(struct dv_ctx *ctx, int64_t work_id, const struct board_member_input *in,
		  size_t n)
{
	struct work w;
	int rc = work_get(ctx, work_id, &w);
	if (rc || (rc = perm_require(ctx, ACT_FORM_BOARDS, w.unit_id)))
		return rc;
	if (w.status >= WS_CLOSED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The work is over: its board has dissolved");
	struct clean_member *v = arena_zalloc(ctx->arena, sizeof(*v) * (n ? n : 1));
	for (size_t i = 0; i < n; i++)
		if ((rc = clean_member(ctx, &w, &in[i], &v[i])))
			return member_fail(ctx, i, rc);
	if ((rc = check_board(ctx, v, n)) || (rc = works_board_dissolve(ctx, work_id)))
		return rc;
	for (size_t i = 0; !rc && i < n; i++)
		rc = db_run(
			ctx->db, &ctx->err,
			"INSERT INTO work_board_member (work_id, ward_id, name, role, origin, "
			"matter_id, account_id, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
			"$8)",
			DB_I(work_id), DB_ID(w.ward_id), DB_T(v[i].name),
			DB_T(board_role_name(v[i].role)), DB_T(board_origin_name(v[i].origin)),
			DB_ID(v[i].matter_id), DB_ID(v[i].account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "board.set", "work", work_id, w.unit_id,
			       json_pack("{s:I}", "members", (json_int_t)n));
	return rc;
}

int board_set(struct dv_ctx *ctx, int64_t work_id, const struct board_member_input *in, size_t n)
{
	if (n > BOARD_MEMBERS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "members", "A board has at most %d members",
			       BOARD_MEMBERS_MAX);
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, set_tx(ctx, work_id, in, n));
}

int works_board_dissolve(struct dv_ctx *ctx, int64_t work_id)
{
	return db_run(
		ctx->db, &ctx->err,
		"UPDATE work_board_member SET ended_at = $1 WHERE work_id = $2 AND ended_at IS "
		"NULL",
		DB_I(ctx->now), DB_I(work_id));
}

/* --------------------------------------------------------------- reading */

int board_list(struct dv_ctx *ctx, int64_t work_id, struct board_member **out, size_t *n,
	       int *dissolved)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int64_t open = 0; /* members seated now; then the day the last board ended */
	*out = NULL;
	*n = 0;
	*dissolved = 0;
	int rc = db_int(ctx->db, &open, &ctx->err,
			"SELECT COUNT(*) FROM work_board_member WHERE work_id = $1 AND ended_at IS "
			"NULL",
			DB_I(work_id));
	if (rc)
		return rc;
	if (!open) { /* the last board it had, if any */
		int64_t last = 0;
		if ((rc = db_int(ctx->db, &last, &ctx->err,
				 "SELECT COALESCE(MAX(ended_at), 0) FROM work_board_member WHERE "
				 "work_id = $1",
				 DB_I(work_id))))
			return rc;
		*dissolved = last != 0;
		open = last;
	} else {
		open = 0;
	}
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT id, name, role, origin, matter_id, account_id, started_at, "
		      "COALESCE(ended_at, 0) FROM work_board_member WHERE work_id = $1 AND "
		      "((CAST($2 AS BIGINT) = 0 AND ended_at IS NULL) OR ended_at = $2) "
		      "ORDER BY CASE role WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, id",
		      DB_I(work_id), DB_I(open));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct board_member *m = ARENA_PUSH(ctx->arena, *out, *n, cap);
		m->id = db_col_int(st, 0);
		m->name = arena_strdup(ctx->arena, db_col_text(st, 1));
		if (board_role_parse(db_col_text(st, 2), &m->role, NULL))
			m->role = BR_MEMBER;
		if (board_origin_parse(db_col_text(st, 3), &m->origin, NULL))
			m->origin = BO_OTHER;
		m->matter_id = db_col_int(st, 4);
		m->account_id = db_col_int(st, 5);
		m->started_at = db_col_int(st, 6);
		m->ended_at = db_col_int(st, 7);
	}
	return rc < 0 ? rc : 0;
}

int board_seat(struct dv_ctx *ctx, int64_t work_id, int64_t *member_id)
{
	*member_id = 0;
	if (!ctx->actor->account_id)
		return 0;
	int rc = db_int(ctx->db, member_id, &ctx->err,
			"SELECT id FROM work_board_member WHERE work_id = $1 AND account_id = $2 "
			"AND ended_at IS NULL",
			DB_I(work_id), DB_I(ctx->actor->account_id));
	return rc == DV_ENOTFOUND ? 0 : rc;
}

/* -------------------------------------------------------------- findings */

static int finding_tx(struct dv_ctx *ctx, int64_t work_id, const char *text, int64_t *id)
{
	struct work w;
	int rc = work_get(ctx, work_id, &w);
	if (rc)
		return rc;
	if (!w.member_id)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only a member of the work's supervision board records findings");
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO work_finding (work_id, ward_id, member_id, text, at) VALUES ($1, "
		    "$2, $3, $4, $5) RETURNING id",
		    DB_I(work_id), DB_ID(w.ward_id), DB_I(w.member_id), DB_T(text), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "board.finding", "work", work_id, w.unit_id,
			       json_pack("{s:I, s:I}", "finding", (json_int_t)*id, "member",
					 (json_int_t)w.member_id));
	return rc;
}

int finding_add(struct dv_ctx *ctx, int64_t work_id, const char *text_in, int64_t *id_out)
{
	const char *text;
	int64_t id = 0;
	int rc = text_clean(ctx->arena, text_in, text_in ? strlen(text_in) : 0, FINDING_TEXT_MAX,
			    TEXT_MULTILINE | TEXT_REQUIRED, "finding", &text, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, finding_tx(ctx, work_id, text, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int finding_list(struct dv_ctx *ctx, int64_t work_id, struct finding **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT f.id, m.name, f.text, f.at FROM work_finding f JOIN "
		"work_board_member m ON m.id = f.member_id WHERE f.work_id = $1 ORDER BY f.id",
		DB_I(work_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct finding *f = ARENA_PUSH(ctx->arena, *out, *n, cap);
		f->id = db_col_int(st, 0);
		f->member = arena_strdup(ctx->arena, db_col_text(st, 1));
		f->text = arena_strdup(ctx->arena, db_col_text(st, 2));
		f->at = db_col_int(st, 3);
	}
	return rc < 0 ? rc : 0;
}

int board_waiting(struct dv_ctx *ctx, int64_t *expenses, int64_t *works, int64_t *work_id)
{
	struct db_stmt *st = NULL;
	*expenses = *works = *work_id = 0;
	if (!ctx->actor->account_id)
		return 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT COUNT(*), COUNT(DISTINCT l.work_id), COALESCE(MIN(l.work_id), 0) "
			  "FROM work_board_member m JOIN work_ledger l ON l.work_id = m.work_id "
			  "AND l.kind = 'expense' WHERE m.account_id = $1 AND m.ended_at IS NULL "
			  "AND NOT EXISTS (SELECT 1 FROM work_signoff s WHERE s.entry_id = l.id)",
			  DB_I(ctx->actor->account_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		*expenses = db_col_int(st, 0);
		*works = db_col_int(st, 1);
		*work_id = db_col_int(st, 2);
		db_finish(st);
	}
	return rc < 0 ? rc : 0;
}

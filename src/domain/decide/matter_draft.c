/*
 * A matter before it opens: the head's draft and its options, the
 * agreements online voting needs (Art. 17), and opening it for household
 * ballots, which puts every household of the community on its roll.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/decide/matter_impl.h"
#include "domain/notify_event.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

/* -------------------------------------------------------------- drafts */

struct clean_matter {
	int type;
	enum matter_form form;
	const char *title, *body;
	const char *options[MATTER_OPTIONS_MAX];
	size_t noptions;
};

static int clean_input(struct dv_ctx *ctx, const struct matter_input *in, struct clean_matter *c)
{
	memset(c, 0, sizeof(*c));
	c->type = in->type;
	int rc = matter_form_parse(in->form, &c->form, &ctx->err);
	if (rc || (rc = matter_form_check(&ctx->err, c->type, c->form, 0, 0, 0)))
		return rc;
	if ((rc = text_clean(ctx->arena, in->title, in->title ? strlen(in->title) : 0,
			     MATTER_TITLE_MAX, TEXT_REQUIRED, "title", &c->title, &ctx->err)) ||
	    (rc = text_clean(ctx->arena, in->body, in->body ? strlen(in->body) : 0,
			     MATTER_BODY_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "body", &c->body,
			     &ctx->err)))
		return rc;
	if (in->noptions > MATTER_OPTIONS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "options", "At most %d options",
			       MATTER_OPTIONS_MAX);
	for (size_t i = 0; i < in->noptions; i++) {
		const char *o;
		if ((rc = text_clean(ctx->arena, in->options[i],
				     in->options[i] ? strlen(in->options[i]) : 0, MATTER_OPTION_MAX, 0,
				     "options", &o, &ctx->err)))
			return rc;
		if (*o)
			c->options[c->noptions++] = o;
	}
	if (in->noptions && c->noptions < 2)
		return dv_fail(&ctx->err, DV_EINVAL, "options",
			       "Give at least two options, or none for agree / disagree");
	return 0;
}

static int save_options(struct dv_ctx *ctx, int64_t id, const struct clean_matter *c)
{
	static const char *yesno[][2] = {
		{"yes", N_("Agree")}, {"no", N_("Disagree")}, {"abstain", N_("No opinion")}};
	int rc = db_run(ctx->db, &ctx->err, "DELETE FROM matter_option WHERE matter_id = $1",
			DB_I(id));
	size_t n = c->noptions ? c->noptions : 3;
	for (size_t i = 0; !rc && i < n; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO matter_option (matter_id, code, position, label) "
			    "VALUES ($1, $2, $3, $4)",
			    DB_I(id),
			    DB_T(c->noptions ? arena_printf(ctx->arena, "%zu", i + 1) : yesno[i][0]),
			    DB_I((int64_t)i), DB_T(c->noptions ? c->options[i] : yesno[i][1]));
	return rc;
}

/* A community the actor may convene: a neighborhood, village or group. */
static int convenable_unit(struct dv_ctx *ctx, int64_t unit_id, struct unit *u)
{
	int rc = unit_get(ctx, unit_id, u);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, unit_id)))
		return rc;
	if (!unit_kind_is_community(u->kind) || strcmp(u->status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "unit",
			       "A matter is decided by a community: a neighborhood, village or "
			       "residential group");
	return 0;
}

static int create_tx(struct dv_ctx *ctx, int64_t unit_id, const struct clean_matter *c,
		     int64_t *id)
{
	struct unit u;
	int64_t ward = 0;
	int rc = convenable_unit(ctx, unit_id, &u);
	if (rc || ((rc = unit_commune_of(ctx, unit_id, &ward)) && rc != DV_ENOTFOUND))
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO matter (unit_id, ward_id, type, form, kind, title, body, "
		    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		    "$9, $9) RETURNING id",
		    DB_I(unit_id), DB_ID(ward), DB_I(c->type), DB_T(matter_form_name(c->form)),
		    DB_T(c->noptions ? "choice" : "yesno"), DB_T(c->title), DB_T(c->body),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = save_options(ctx, *id, c);
	if (!rc)
		rc = ctx_audit(ctx, "matter.create", "matter", *id, unit_id,
			       json_pack("{s:s, s:i, s:s}", "title", c->title, "type", c->type,
					 "form", matter_form_name(c->form)));
	return rc;
}

int matter_create(struct dv_ctx *ctx, const struct matter_input *in, int64_t *id_out)
{
	struct clean_matter c;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_CONVENE_MEETINGS, in->unit_id))
		return perm_require(ctx, ACT_CONVENE_MEETINGS, in->unit_id);
	int rc = clean_input(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in->unit_id, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* A draft the actor may change (DV_ENOTFOUND if it may not see it). */
static int load_draft(struct dv_ctx *ctx, int64_t id, struct matter *m)
{
	int rc = matter_get(ctx, id, m);
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, m->unit_id)))
		return rc;
	if (m->status != MS_DRAFT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Voting has opened: the matter can no longer change");
	return 0;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct clean_matter *c)
{
	struct matter m;
	int rc = load_draft(ctx, id, &m);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE matter SET type = $1, form = $2, kind = $3, title = $4, body = $5, "
		    "updated_at = $6 WHERE id = $7",
		    DB_I(c->type), DB_T(matter_form_name(c->form)),
		    DB_T(c->noptions ? "choice" : "yesno"), DB_T(c->title), DB_T(c->body),
		    DB_I(ctx->now), DB_I(id));
	/* what was agreed to was another text */
	if (!rc)
		rc = db_run(ctx->db, &ctx->err, "DELETE FROM matter_agreement WHERE matter_id = $1",
			    DB_I(id));
	if (!rc)
		rc = save_options(ctx, id, c);
	if (!rc)
		rc = ctx_audit(ctx, "matter.update", "matter", id, m.unit_id,
			       json_pack("{s:s}", "title", c->title));
	return rc;
}

int matter_update(struct dv_ctx *ctx, int64_t id, const struct matter_input *in)
{
	struct clean_matter c;
	int rc = clean_input(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, &c));
}

/* --------------------------------------------------------- agreements */

/* "head" or "front": which of the two the actor speaks for in unit_id. */
static const char *agreeing_role(struct dv_ctx *ctx, int64_t unit_id)
{
	for (size_t i = 0; i < ctx->actor->ngrants; i++) {
		const struct grant *g = &ctx->actor->grants[i];
		int in = 0;
		if ((g->role != ROLE_HEAD && g->role != ROLE_FRONT) ||
		    unit_is_within(ctx, unit_id, g->unit_id, &in) || !in)
			continue;
		return g->role == ROLE_HEAD ? "head" : "front";
	}
	return NULL;
}

static int agree_tx(struct dv_ctx *ctx, int64_t id)
{
	struct matter m;
	int rc = matter_get(ctx, id, &m);
	if (rc)
		return rc;
	const char *role = agreeing_role(ctx, m.unit_id);
	if (!role)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only the community head and the front work committee agree to an "
			       "online vote");
	if (m.status != MS_DRAFT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Voting has opened: the matter can no longer change");
	if (m.form != FORM_ONLINE)
		return dv_fail(&ctx->err, DV_EINVAL, "form", "Only an online vote needs agreement");
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO matter_agreement (matter_id, role, account_id, at) "
		    "VALUES ($1, $2, $3, $4) ON CONFLICT (matter_id, role) DO NOTHING",
		    DB_I(id), DB_T(role), DB_I(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "matter.agree", "matter", id, m.unit_id,
			       json_pack("{s:s}", "role", role));
	return rc;
}

int matter_agree(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, agree_tx(ctx, id));
}

/* ------------------------------------------------------------- opening */

/* Every active household of the community on the matter's roll. Receipts
 * are drawn later, when a household votes online or a slip is printed, so
 * none is ever issued to a household. */
static int issue_ballots(struct dv_ctx *ctx, const struct matter *m, int64_t *issued)
{
	int rc = db_run(
		ctx->db, &ctx->err,
		"INSERT INTO ballot_roll (matter_id, household_id) "
		"SELECT $1, h.id FROM household h JOIN unit_tree t ON t.descendant = h.unit_id "
		"WHERE t.ancestor = $2 AND h.status = 'active'",
		DB_I(m->id), DB_I(m->unit_id));
	if (!rc)
		*issued = db_changes(ctx->db);
	return rc;
}

static int open_tx(struct dv_ctx *ctx, int64_t id, int64_t closes_at)
{
	struct matter m;
	int64_t issued = 0;
	int rc = load_draft(ctx, id, &m);
	if (rc || (rc = matter_form_check(&ctx->err, m.type, m.form, 1, m.head_agreed,
					  m.front_agreed)))
		return rc;
	if (m.form == FORM_MEETING)
		return dv_fail(&ctx->err, DV_EINVAL, "form",
			       "A matter for a meeting is decided at the meeting, not by voting "
			       "here");
	if (closes_at < ctx->now + 3600 || closes_at > ctx->now + MATTER_DAYS_MAX * 86400LL)
		return dv_fail(&ctx->err, DV_EINVAL, "closes_at",
			       "The deadline must be between an hour and %d days from now",
			       MATTER_DAYS_MAX);
	if ((rc = issue_ballots(ctx, &m, &issued)))
		return rc;
	if (!issued)
		return dv_fail(&ctx->err, DV_EINVAL, NULL, "This community has no households");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE matter SET status = 'open', opened_at = $1, closes_at = $2, "
		    "eligible = $3, updated_at = $1 WHERE id = $4",
		    DB_I(ctx->now), DB_I(closes_at), DB_I(issued), DB_I(id));
	int64_t ward = 0;
	/* the representatives hear of it (notify): they vote for their household */
	if (!rc && !(rc = ctx_commune_of(ctx, m.unit_id, &ward)))
		rc = notify_event_add(ctx, NOTIFY_BALLOT_OPENED, m.unit_id, ward, "matter", id,
				      m.title, "", 0);
	if (!rc)
		rc = ctx_audit(ctx, "matter.open", "matter", id, m.unit_id,
			       json_pack("{s:I, s:I}", "eligible", (json_int_t)issued, "closes_at",
					 (json_int_t)closes_at));
	return rc;
}

int matter_open(struct dv_ctx *ctx, int64_t id, int64_t closes_at)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, open_tx(ctx, id, closes_at));
}

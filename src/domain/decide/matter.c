/*
 * Matters: the rules of Art. 17 on forms, drafts, agreements, opening, and
 * reading. Ballots, closing and the tally are in ballot.c.
 */
#include "domain/decide/matter.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/names.h"
#include "base/text.h"
#include "base/token.h"
#include "domain/decide/matter_impl.h"
#include "domain/perm.h"
#include "domain/rules.h"
#include "domain/registry/unit.h"

/* ---------------------------------------------------------------- names */

static const char *type_labels[MT_LAST + 1] = {
	[MT_CONTRIBUTIONS] = N_("Policy and levels of contributions to public works"),
	[MT_FUNDS] = N_("Collecting, spending and managing contributions and community funds"),
	[MT_RULES] = N_("Community rules (hương ước, quy ước)"),
	[MT_HEAD] = N_("Electing or dismissing the community head"),
	[MT_BOARDS] = N_("Electing or dismissing members of the inspection and supervision boards"),
	[MT_OTHER] = N_("Other lawful self-managed matters"),
};

const char *matter_type_label(int type)
{
	return type >= MT_FIRST && type <= MT_LAST ? type_labels[type] : N_("Unknown kind of matter");
}

static const struct name_label forms[FORM_COUNT] = {
	[FORM_MEETING] = {"meeting", N_("Community meeting")},
	[FORM_BALLOT] = {"ballot", N_("Household ballots")},
	[FORM_ONLINE] = {"online", N_("Online vote")},
};

const char *matter_form_name(enum matter_form f)
{
	return names_name(forms, FORM_COUNT, (int)f, "ballot");
}

const char *matter_form_label(enum matter_form f)
{
	return names_label(forms, FORM_COUNT, (int)f, N_("Household ballots"));
}

int matter_form_parse(const char *name, enum matter_form *f, struct dv_err *err)
{
	int i = names_find(forms, FORM_COUNT, name);
	if (i < 0)
		return dv_fail(err, DV_EINVAL, "form",
			       "The form is a meeting, household ballots or an online vote");
	*f = (enum matter_form)i;
	return 0;
}

static const struct name_label statuses[MS_STATUS_COUNT] = {
	[MS_DRAFT] = {"draft", N_("Draft")},
	[MS_OPEN] = {"open", N_("Voting open")},
	[MS_CLOSED] = {"closed", N_("Closed")},
};

const char *matter_status_name(enum matter_status s)
{
	return names_name(statuses, MS_STATUS_COUNT, (int)s, "draft");
}

const char *matter_status_label(enum matter_status s)
{
	return names_label(statuses, MS_STATUS_COUNT, (int)s, N_("Draft"));
}

int matter_status_parse(const char *name, enum matter_status *s, struct dv_err *err)
{
	int i = names_find(statuses, MS_STATUS_COUNT, name);
	if (i < 0)
		return dv_fail(err, DV_EINVAL, "status", "The status is draft, open or closed");
	*s = (enum matter_status)i;
	return 0;
}

/* ------------------------------------------------------------- the rules */

int matter_form_check(struct dv_err *err, int type, enum matter_form form, int check_agreement,
		      int head_agreed, int front_agreed)
{
	if (type < MT_FIRST || type > MT_LAST)
		return dv_fail(err, DV_EINVAL, "type", "Choose one of the six kinds of Art. 15");
	if ((unsigned)form >= FORM_COUNT)
		return dv_fail(err, DV_EINVAL, "form",
			       "The form is a meeting, household ballots or an online vote");
	if ((type == MT_RULES || type == MT_HEAD || type == MT_BOARDS) && form != FORM_MEETING)
		return dv_fail(err, DV_EINVAL, "form",
			       "Community rules, the head and the boards are decided only at a "
			       "community meeting (Law 10/2022/QH15, Art. 17)");
	if (form == FORM_ONLINE && type != MT_OTHER)
		return dv_fail(err, DV_EINVAL, "form",
			       "An online vote is allowed only for other self-managed matters, "
			       "item 6 of Art. 15 (Law 10/2022/QH15, Art. 17)");
	if (form == FORM_ONLINE && check_agreement && !(head_agreed && front_agreed))
		return dv_fail(err, DV_EINVAL, "form",
			       "An online vote needs the recorded agreement of the community head "
			       "and of the front work committee (Law 10/2022/QH15, Art. 17)");
	return 0;
}

/* ------------------------------------------------------------- reading */

#define MATTER_COLS                                                                                \
	"m.id, m.unit_id, u.name, m.type, m.form, m.kind, m.status, m.title, m.body, "             \
	"m.opened_at, m.closes_at, m.closed_at, m.eligible, m.cast_count, m.result_passed, "       \
	"m.result_yes, m.result_no, m.result_abstain, m.threshold, m.tally_sha256, m.created_at, " \
	"m.result_present"

static void read_matter(struct dv_ctx *ctx, struct db_stmt *st, struct matter *m)
{
	memset(m, 0, sizeof(*m));
	m->id = db_col_int(st, 0);
	m->unit_id = db_col_int(st, 1);
	m->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	m->type = (int)db_col_int(st, 3);
	matter_form_parse(db_col_text(st, 4), &m->form, NULL);
	m->yesno = strcmp(db_col_text(st, 5), "yesno") == 0;
	matter_status_parse(db_col_text(st, 6), &m->status, NULL);
	m->title = arena_strdup(ctx->arena, db_col_text(st, 7));
	m->body = arena_strdup(ctx->arena, db_col_text(st, 8));
	m->opened_at = db_col_int(st, 9);
	m->closes_at = db_col_int(st, 10);
	m->closed_at = db_col_int(st, 11);
	m->eligible = db_col_int(st, 12);
	m->cast = db_col_int(st, 13);
	m->has_result = !db_col_null(st, 14);
	m->result.passed = (int)db_col_int(st, 14);
	m->result.yes = db_col_int(st, 15);
	m->result.no = db_col_int(st, 16);
	m->result.abstain = db_col_int(st, 17);
	m->result.threshold = (int)db_col_int(st, 18);
	m->tally_sha256 = arena_strdup(ctx->arena, db_col_text(st, 19));
	m->created_at = db_col_int(st, 20);
	m->result.eligible = m->eligible;
	m->result.cast = m->cast;
	m->result.present = db_col_null(st, 21) ? -1 : db_col_int(st, 21);
	m->result_voted = !db_col_null(st, 15);
}

/* Options and agreements of m (each its own query: one open at a time). */
static int load_details(struct dv_ctx *ctx, struct matter *m)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT code, label, votes FROM matter_option WHERE matter_id = $1 "
			  "ORDER BY position",
			  DB_I(m->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW && m->noptions < MATTER_OPTIONS_MAX + 1) {
		struct matter_option *o = &m->options[m->noptions++];
		o->code = arena_strdup(ctx->arena, db_col_text(st, 0));
		o->label = arena_strdup(ctx->arena, db_col_text(st, 1));
		o->votes = db_col_int(st, 2);
		/* a vote at a meeting is out of those present */
		int64_t base = m->form == FORM_MEETING ? m->result.present : m->eligible;
		if (m->has_result && !m->yesno && m->result.passed && !m->result.winner &&
		    rule_exceeds(o->votes, base, m->result.threshold))
			m->result.winner = o->label;
	}
	if (rc < 0)
		return rc;
	if ((rc = db_query(ctx->db, &st, &ctx->err,
			   "SELECT role FROM matter_agreement WHERE matter_id = $1", DB_I(m->id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		m->head_agreed |= strcmp(db_col_text(st, 0), "head") == 0;
		m->front_agreed |= strcmp(db_col_text(st, 0), "front") == 0;
	}
	return rc < 0 ? rc : 0;
}

int matter_load(struct dv_ctx *ctx, int64_t id, struct matter *m)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " MATTER_COLS " FROM matter m JOIN unit u ON u.id = m.unit_id "
			  "WHERE m.id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such matter");
	read_matter(ctx, st, m);
	db_finish(st);
	return load_details(ctx, m);
}

int matter_get(struct dv_ctx *ctx, int64_t id, struct matter *m)
{
	int rc = matter_load(ctx, id, m);
	if (!rc && m->status == MS_OPEN && m->closes_at && ctx->now >= m->closes_at &&
	    !(rc = matter_close(ctx, id)))
		rc = matter_load(ctx, id, m);
	if (rc)
		return rc;
	m->may_manage = perm_may(ctx, ACT_CONVENE_MEETINGS, m->unit_id);
	if (m->status == MS_DRAFT && !m->may_manage &&
	    !perm_may(ctx, ACT_AGREE_ONLINE_VOTE, m->unit_id))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such matter");
	return 0;
}

/* A meeting's result: not quorate, or the main motion's count. */
static const char *meeting_reason(struct dv_ctx *ctx, const struct matter *m)
{
	const struct matter_result *r = &m->result;
	const char *lang = ctx->lang;
	if (!m->result_voted)
		return arena_printf(ctx->arena,
				    i18n_get_format(lang, N_("Only %lld of %lld households' "
							     "representatives came: a meeting needs "
							     "more than %d%% of them, so nothing was "
							     "decided there")),
				    (long long)r->present, (long long)r->eligible, r->threshold);
	long long need = (long long)(r->present * r->threshold / 100 + 1);
	if (!m->yesno && r->passed)
		return arena_printf(ctx->arena,
				    i18n_get_format(lang, N_("\"%s\" won %lld of the %lld "
							     "representatives present: more than "
							     "%d%%")),
				    r->winner ? r->winner : "", (long long)r->yes,
				    (long long)r->present, r->threshold);
	if (!m->yesno)
		return arena_printf(ctx->arena,
				    i18n_get_format(lang, N_("No option won more than %d%% of the %lld "
							     "representatives present (%lld were "
							     "needed): nothing was decided%s")),
				    r->threshold, (long long)r->present, need,
				    m->type == MT_HEAD ? i18n_get(lang, N_("; a new election must be "
									  "held"))
						       : "");
	return arena_printf(
		ctx->arena,
		r->passed ? i18n_get_format(lang, N_("%lld of the %lld representatives present "
						     "agreed: more than %d%% of those present, so it "
						     "passed (%lld were needed)"))
			  : i18n_get_format(lang, N_("%lld of the %lld representatives present "
						     "agreed: it needed more than %d%% of those "
						     "present (%lld), so it failed")),
		(long long)r->yes, (long long)r->present, r->threshold, need);
}

const char *matter_reason(struct dv_ctx *ctx, const struct matter *m)
{
	const struct matter_result *r = &m->result;
	const char *lang = ctx->lang;
	if (!m->has_result)
		return "";
	long long need = (long long)(r->eligible * r->threshold / 100 + 1);
	if (m->form == FORM_MEETING)
		return meeting_reason(ctx, m);
	if (m->yesno)
		return arena_printf(
			ctx->arena,
			r->passed ? i18n_get_format(lang, N_("%lld of %lld households agreed: more "
							     "than %d%% of all households, so it "
							     "passed (%lld were needed)"))
				  : i18n_get_format(lang, N_("%lld of %lld households agreed: it "
							     "needed more than %d%% of all "
							     "households (%lld), so it failed")),
			(long long)r->yes, (long long)r->eligible, r->threshold, need);
	if (r->passed)
		return arena_printf(ctx->arena,
				    i18n_get_format(lang, N_("\"%s\" was chosen by more than %d%% "
							     "of all %lld households")),
				    r->winner ? r->winner : "", r->threshold, (long long)r->eligible);
	return arena_printf(ctx->arena,
			    i18n_get_format(lang, N_("No option was chosen by more than %d%% of "
						     "all %lld households (%lld needed), so nothing "
						     "was decided")),
			    r->threshold, (long long)r->eligible, need);
}

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

/* Ballots for every active household of the community, each with a
 * receipt code unique in the matter (a collision is drawn again). */
static int issue_ballots(struct dv_ctx *ctx, const struct matter *m, int64_t *issued)
{
	struct db_stmt *st = NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT h.id FROM household h JOIN unit_tree t ON t.descendant = h.unit_id "
			  "WHERE t.ancestor = $1 AND h.status = 'active' ORDER BY h.id",
			  DB_I(m->unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, ids, n, cap) = db_col_int(st, 0);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		int64_t added = 0;
		for (int tries = 0; !rc && !added && tries < 8; tries++) {
			char code[RECEIPT_LEN + 1];
			receipt_code(code);
			rc = db_run(ctx->db, &ctx->err,
				    "INSERT INTO ballot (matter_id, household_id, receipt) "
				    "VALUES ($1, $2, $3) ON CONFLICT (matter_id, receipt) DO NOTHING",
				    DB_I(m->id), DB_I(ids[i]), DB_T(code));
			added = db_changes(ctx->db);
		}
		if (!rc && !added)
			return dv_sysfail(&ctx->err, DV_EINTERNAL, NULL, "no free receipt code");
		if (rc)
			return rc;
	}
	*issued = (int64_t)n;
	return 0;
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

/* -------------------------------------------------------------- listing */

int matter_list(struct dv_ctx *ctx, const struct matter_filter *f, int64_t offset, int limit,
		struct matter **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > MATTER_PAGE_MAX || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	if (f->status == MS_DRAFT && !ctx->actor->system &&
	    (!f->unit_id || !perm_may(ctx, ACT_CONVENE_MEETINGS, f->unit_id)))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Drafts are seen only by those who may convene the community");
	int closed;
	int rc = matter_close_due(ctx, &closed); /* deadlines passed since the last look */
	if (rc)
		return rc;
	rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " MATTER_COLS " FROM matter m JOIN unit u ON u.id = m.unit_id "
			  "WHERE (CAST($1 AS BIGINT) = 0 OR m.unit_id IN (SELECT descendant FROM unit_tree "
			  "WHERE ancestor = $1)) AND (($2 = '' AND m.status <> 'draft') "
			  "OR m.status = $2) ORDER BY m.created_at DESC, m.id DESC "
			  "LIMIT $3 OFFSET $4",
			  DB_I(f->unit_id),
			  DB_T(f->status < 0 ? "" : matter_status_name((enum matter_status)f->status)),
			  DB_I(limit + 1), DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_matter(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	/* options and agreements, once the list's query is closed */
	for (size_t i = 0; rc >= 0 && i < *n; i++)
		if ((rc = load_details(ctx, &(*out)[i])))
			return rc;
	return rc < 0 ? rc : 0;
}

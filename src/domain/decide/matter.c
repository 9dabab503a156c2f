/*
 * Matters: the rules of Art. 17 on forms, reading and listing, and closing
 * a matter at its deadline with the public tally (receipts and choices,
 * never households) whose SHA-256 goes into the audit chain. A matter is
 * closed lazily when it is read after its deadline, so closing lives here.
 * Drafts, agreements and opening are in matter_draft.c; a household's
 * ballot in ballot.c.
 */
#include "domain/decide/matter.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/names.h"
#include "base/text.h"
#include "base/token.h"
#include "domain/decide/matter_impl.h"
#include "domain/perm.h"
#include "domain/rules.h"
#include "domain/registry/unit.h"

/* ---------------------------------------------------------------- names */

static const char *const type_labels[] = {
	[MT_CONTRIBUTIONS] = N_("Policy and levels of contributions to public works"),
	[MT_FUNDS] = N_("Collecting, spending and managing contributions and community funds"),
	[MT_RULES] = N_("Community rules (hương ước, quy ước)"),
	[MT_HEAD] = N_("Electing or dismissing the community head"),
	[MT_BOARDS] = N_("Electing or dismissing members of the inspection and supervision boards"),
	[MT_OTHER] = N_("Other lawful self-managed matters"),
};
_Static_assert(ARRAY_LEN(type_labels) == MT_LAST + 1, "a label per type of Art. 15");

const char *matter_type_label(int type)
{
	return type >= MT_FIRST && type <= MT_LAST ? type_labels[type] : N_("Unknown kind of matter");
}

DV_ENUM_DEFINE(matter_form, FORM_COUNT, MATTER_FORMS, "form");

DV_ENUM_DEFINE(matter_status, MS_STATUS_COUNT, MATTER_STATUSES, "status");

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

/* ----------------------------------------------------------------- tally */

static int load_tally(struct dv_ctx *ctx, int64_t id, struct tally_row **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT receipt, choice FROM ballot_box WHERE matter_id = $1 "
			  "AND choice IS NOT NULL ORDER BY receipt",
			  DB_I(id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct tally_row *t = ARENA_PUSH(ctx->arena, *out, *n, cap);
		t->receipt = arena_strdup(ctx->arena, db_col_text(st, 0));
		t->choice = arena_strdup(ctx->arena, db_col_text(st, 1));
	}
	return rc < 0 ? rc : 0;
}

void tally_csv(struct buf *out, const struct tally_row *v, size_t n)
{
	buf_adds(out, "receipt,choice\n");
	for (size_t i = 0; i < n; i++)
		buf_addf(out, "%s,%s\n", v[i].receipt, v[i].choice);
}

int matter_tally(struct dv_ctx *ctx, int64_t id, struct tally_row **out, size_t *n)
{
	struct matter m;
	*out = NULL;
	*n = 0;
	int rc = matter_get(ctx, id, &m);
	if (rc)
		return rc;
	if (m.form == FORM_MEETING)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "A meeting votes by hands or counted ballots: its minutes hold the "
			       "counts");
	if (m.status != MS_CLOSED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The tally is published when voting closes");
	return load_tally(ctx, id, out, n);
}

/* --------------------------------------------------------------- closing */

/* Count the ballots per option into matter_option and *m's result. */
static int count(struct dv_ctx *ctx, struct matter *m, const struct tally_row *v, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < m->noptions; i++)
		m->options[i].votes = 0;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < m->noptions; i++)
			if (strcmp(v[k].choice, m->options[i].code) == 0)
				m->options[i].votes++;
	for (size_t i = 0; !rc && i < m->noptions; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE matter_option SET votes = $1 WHERE matter_id = $2 AND code = $3",
			    DB_I(m->options[i].votes), DB_I(m->id), DB_T(m->options[i].code));
	return rc;
}

static int64_t votes_of(const struct matter *m, const char *code)
{
	for (size_t i = 0; i < m->noptions; i++)
		if (strcmp(m->options[i].code, code) == 0)
			return m->options[i].votes;
	return 0;
}

/* Passed: yes/no, the yes votes exceed the threshold of all households;
 * a choice, one option does (with a threshold under 50 two might: then
 * the one with more votes, and a tie decides nothing). */
static int decide(const struct matter *m, int threshold)
{
	if (m->yesno)
		return rule_exceeds(votes_of(m, "yes"), m->eligible, threshold);
	int64_t best = -1;
	int ties = 0;
	for (size_t i = 0; i < m->noptions; i++) {
		int64_t v = m->options[i].votes;
		if (!rule_exceeds(v, m->eligible, threshold))
			continue;
		ties = v == best ? ties + 1 : v > best ? 0 : ties;
		best = v > best ? v : best;
	}
	return best >= 0 && !ties;
}

/*
 * Write the matter's ballot box again, in receipt order. Rows written while
 * voting was open sit in the order they were cast and, on PostgreSQL, carry
 * the number of the transaction that also marked the household on the
 * roll; rewritten, they carry only the closing. (Old row versions stay in
 * PostgreSQL's files until VACUUM reclaims them: see docs/ARCHITECTURE.md.)
 */
static int rewrite_box(struct dv_ctx *ctx, int64_t id)
{
	struct db_stmt *st = NULL;
	struct box_row {
		const char *receipt, *kind, *choice;
	} *v = NULL;
	size_t n = 0, cap = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT receipt, kind, choice FROM ballot_box WHERE matter_id = $1 "
			  "ORDER BY receipt",
			  DB_I(id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct box_row *b = ARENA_PUSH(ctx->arena, v, n, cap);
		b->receipt = arena_strdup(ctx->arena, db_col_text(st, 0));
		b->kind = arena_strdup(ctx->arena, db_col_text(st, 1));
		b->choice =
			db_col_null(st, 2) ? NULL : arena_strdup(ctx->arena, db_col_text(st, 2));
	}
	if (rc < 0 || (rc = db_run(ctx->db, &ctx->err,
				   "DELETE FROM ballot_box WHERE matter_id = $1", DB_I(id))))
		return rc;
	for (size_t i = 0; !rc && i < n; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO ballot_box (matter_id, receipt, kind, choice) "
			    "VALUES ($1, $2, $3, $4)",
			    DB_I(id), DB_T(v[i].receipt), DB_T(v[i].kind),
			    v[i].choice ? DB_T(v[i].choice) : DB_NULL);
	return rc;
}

static int close_tx(struct dv_ctx *ctx, int64_t id)
{
	struct matter m;
	struct tally_row *v;
	size_t n;
	char sha[HASH_HEX_LEN + 1];
	int rc = matter_load(ctx, id, &m);
	if (rc)
		return rc;
	if (m.status != MS_OPEN || ctx->now < m.closes_at)
		return 0; /* closed meanwhile, or not due */
	if ((rc = rewrite_box(ctx, id)) || (rc = load_tally(ctx, id, &v, &n)) ||
	    (rc = count(ctx, &m, v, n)))
		return rc;
	int threshold = (int)rule_value(ctx, RULE_BALLOT_VALIDITY);
	int passed = decide(&m, threshold);
	struct buf csv = BUF_INIT;
	tally_csv(&csv, v, n);
	sha256_hex(sha, csv.ptr, csv.len);
	buf_release(&csv);
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE matter SET status = 'closed', closed_at = $1, result_passed = $2, "
		    "result_yes = $3, result_no = $4, result_abstain = $5, threshold = $6, "
		    "tally_sha256 = $7, cast_count = $8, updated_at = $1 WHERE id = $9",
		    DB_I(ctx->now), DB_I(passed), DB_I(votes_of(&m, "yes")), DB_I(votes_of(&m, "no")),
		    DB_I(votes_of(&m, "abstain")), DB_I(threshold), DB_T(sha), DB_I((int64_t)n),
		    DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "matter.close", "matter", id, m.unit_id,
			       json_pack("{s:s, s:b, s:I, s:I, s:i}", "tally_sha256", sha, "passed",
					 passed, "eligible", (json_int_t)m.eligible, "cast",
					 (json_int_t)n, "threshold", threshold));
	return rc;
}

int matter_close(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, close_tx(ctx, id));
}

int matter_close_due(struct dv_ctx *ctx, int *closed)
{
	struct db_stmt *st = NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	*closed = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id FROM matter WHERE status = 'open' AND closes_at <= $1 "
			  "ORDER BY closes_at",
			  DB_I(ctx->now));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, ids, n, cap) = db_col_int(st, 0);
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		if ((rc = matter_close(ctx, ids[i])))
			return rc;
		(*closed)++;
	}
	return rc < 0 ? rc : 0;
}

int matter_figures(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
		   struct matter_figures *f)
{
	struct db_stmt *st = NULL;
	memset(f, 0, sizeof(*f));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT COUNT(*), COALESCE(SUM(CASE WHEN result_passed = 1 THEN 1 ELSE 0 "
			  "END), 0), COALESCE(SUM(eligible), 0), COALESCE(SUM(CASE WHEN form = "
			  "'meeting' THEN COALESCE(result_present, 0) ELSE cast_count END), 0) FROM "
			  "matter WHERE unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = "
			  "$1) AND status = 'closed' AND closed_at >= $2 AND closed_at < $3",
			  DB_I(unit_id), DB_I(time_local_midnight(from)),
			  DB_I(time_local_midnight(date_add_days(to, 1))));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		f->decided = db_col_int(st, 0);
		f->passed = db_col_int(st, 1);
		f->eligible = db_col_int(st, 2);
		f->took_part = db_col_int(st, 3);
		db_finish(st);
		rc = 0;
	}
	return rc;
}

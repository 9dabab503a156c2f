/*
 * Ballots: a household's vote, online or on paper, kept so that nothing
 * ties a household to its receipt. The roll (ballot_roll) says which
 * households took part and how; the box (ballot_box) holds receipts and
 * choices with no household, account or time. An online receipt is drawn
 * when the household votes and given back that once; paper receipts are
 * printed on anonymous slips, handed out against a signature on the roll
 * and entered twice by the counting team. Closing and the tally are in
 * matter.c.
 */
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/text.h"
#include "base/token.h"
#include "domain/registry/household.h"
#include "domain/decide/matter_impl.h"
#include "domain/perm.h"
#include "domain/rules.h"

/* ---------------------------------------------------------------- shared */

static int has_option(const struct matter *m, const char *code)
{
	for (size_t i = 0; code && i < m->noptions; i++)
		if (strcmp(m->options[i].code, code) == 0)
			return 1;
	return 0;
}

/* The matter is open and before its deadline. */
static int check_open(struct dv_ctx *ctx, const struct matter *m)
{
	if (m->status == MS_DRAFT) /* a draft is not there for voters */
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such matter");
	if (m->status == MS_CLOSED || ctx->now >= m->closes_at) {
		struct buf b = BUF_INIT;
		time_format(&b, m->closes_at);
		int rc = dv_fail(&ctx->err, DV_ECONFLICT, NULL, "Voting closed at %s", b.ptr);
		buf_release(&b);
		return rc;
	}
	return 0;
}

/* Paper ballots belong to a vote by household ballots that is open. */
static int check_paper(struct dv_ctx *ctx, const struct matter *m)
{
	int rc = check_open(ctx, m);
	if (!rc && m->form != FORM_BALLOT)
		rc = dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			     "Paper ballots are for household ballots while voting is open");
	return rc;
}

/*
 * A new receipt in the box of matter_id, of `kind` ("online" or "paper"),
 * cast with `choice` or NULL for a blank slip. Drawn at random (a
 * collision is drawn again); the row names nothing but the matter.
 */
static int draw_receipt(struct dv_ctx *ctx, int64_t matter_id, const char *kind, const char *choice,
			const char **receipt)
{
	for (int tries = 0; tries < 8; tries++) {
		char code[RECEIPT_LEN + 1];
		receipt_code(code);
		int rc = db_run(
			ctx->db, &ctx->err,
			"INSERT INTO ballot_box (matter_id, receipt, kind, choice) "
			"VALUES ($1, $2, $3, $4) ON CONFLICT (matter_id, receipt) DO NOTHING",
			DB_I(matter_id), DB_T(code), DB_T(kind), choice ? DB_T(choice) : DB_NULL);
		if (rc)
			return rc;
		if (db_changes(ctx->db)) {
			*receipt = arena_strdup(ctx->arena, code);
			return 0;
		}
	}
	return dv_sysfail(&ctx->err, DV_EINTERNAL, NULL, "no free receipt code");
}

/* How household hid took part in matter_id ("", "online", "paper");
 * DV_ENOTFOUND if it is not on the roll. */
static int roll_how(struct dv_ctx *ctx, int64_t matter_id, int64_t hid, const char **how)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT COALESCE(how, '') FROM ballot_roll WHERE matter_id = $1 "
			  "AND household_id = $2",
			  DB_I(matter_id), DB_I(hid));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : DV_ENOTFOUND;
	*how = arena_strdup(ctx->arena, db_col_text(st, 0));
	db_finish(st);
	return 0;
}

/* Mark household hid on the roll as taking part by `how`, unless it took
 * part already: *done says whether it was marked now. */
static int roll_mark(struct dv_ctx *ctx, int64_t matter_id, int64_t hid, const char *how, int *done)
{
	int rc = db_run(ctx->db, &ctx->err,
			"UPDATE ballot_roll SET how = $1, at = $2, by_id = $3 "
			"WHERE matter_id = $4 AND household_id = $5 AND how IS NULL",
			DB_T(how), DB_I(ctx->now), DB_ID(ctx->actor->account_id), DB_I(matter_id),
			DB_I(hid));
	*done = !rc && db_changes(ctx->db) > 0;
	return rc;
}

static int count_cast(struct dv_ctx *ctx, int64_t matter_id)
{
	return db_run(ctx->db, &ctx->err,
		      "UPDATE matter SET cast_count = cast_count + 1 WHERE id = $1",
		      DB_I(matter_id));
}

/* ---------------------------------------------------------------- online */

/* The actor's household, if the actor may vote for it in m. */
static int voting_household(struct dv_ctx *ctx, struct household *h)
{
	int64_t hid = ctx->actor->household_id;
	int rc = hid ? household_load(ctx, hid, h) : DV_ENOTFOUND;
	if (rc && rc != DV_ENOTFOUND)
		return rc;
	if (rc || !perm_may_household(ctx, ACT_VOTE, hid, h->unit_id))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only a household's representative votes, for the household");
	return 0;
}

/* Why household hid could not be marked as voting online. */
static int not_online(struct dv_ctx *ctx, int64_t matter_id, int64_t hid)
{
	const char *how = "";
	int rc = roll_how(ctx, matter_id, hid, &how);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, NULL,
			       "Your household has no ballot in this matter: it was not "
			       "registered here when voting opened");
	if (rc)
		return rc;
	if (strcmp(how, "paper") == 0)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Your household signed for a paper ballot: vote on it and put it "
			       "in the ballot box");
	return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "Your household has voted already");
}

static int cast_tx(struct dv_ctx *ctx, int64_t matter_id, const char *choice, const char **receipt)
{
	struct matter m;
	struct household h;
	int done = 0;
	int rc = matter_load(ctx, matter_id, &m);
	if (rc || (rc = check_open(ctx, &m)) || (rc = voting_household(ctx, &h)))
		return rc;
	if (!has_option(&m, choice))
		return dv_fail(&ctx->err, DV_EINVAL, "choice", "Choose one of the options");
	if ((rc = roll_mark(ctx, matter_id, h.id, "online", &done)))
		return rc;
	if (!done)
		return not_online(ctx, matter_id, h.id);
	/* the receipt goes into the box alone: the roll row just written and
	 * the audit row below name the household, never the receipt */
	if ((rc = draw_receipt(ctx, matter_id, "online", choice, receipt)) ||
	    (rc = count_cast(ctx, matter_id)))
		return rc;
	return ctx_audit(ctx, "ballot.cast", "matter", matter_id, m.unit_id,
			 json_pack("{s:I}", "household", (json_int_t)h.id));
}

/* A matter's unit, which never changes: remembered by the connection, so
 * the ballots of a group commit do not each read it again. */
static const char matter_unit_memo; /* its kind in db_memo */

static int unit_of_matter(struct dv_ctx *ctx, int64_t matter_id, int64_t *unit_id)
{
	if (db_memo_get(ctx->db, &matter_unit_memo, matter_id, unit_id))
		return 0;
	int rc = db_int(ctx->db, unit_id, &ctx->err, "SELECT unit_id FROM matter WHERE id = $1",
			DB_I(matter_id));
	if (!rc)
		db_memo_put(ctx->db, &matter_unit_memo, matter_id, *unit_id);
	return rc;
}

/* A ballot is its commune's own: the matter, the roll, the box and the
 * counts. A matter's unit never changes, so it is read before the
 * transaction; an unknown matter begins exclusively and fails inside. */
int ballot_cast(struct dv_ctx *ctx, int64_t matter_id, const char *choice, const char **receipt)
{
	const char *dummy;
	int64_t unit_id = 0;
	int rc = unit_of_matter(ctx, matter_id, &unit_id);
	if (rc && rc != DV_ENOTFOUND)
		return rc;
	rc = ctx_begin_in(ctx, unit_id);
	return rc ? rc : ctx_end(ctx, cast_tx(ctx, matter_id, choice, receipt ? receipt : &dummy));
}

int ballot_mine(struct dv_ctx *ctx, int64_t matter_id, const char **how)
{
	*how = "";
	if (!ctx->actor->household_id)
		return DV_ENOTFOUND;
	return roll_how(ctx, matter_id, ctx->actor->household_id, how);
}

/* ---------------------------------------------------------- paper: out */

static int print_tx(struct dv_ctx *ctx, int64_t matter_id, int64_t count, const char ***receipts,
		    size_t *n)
{
	struct matter m;
	size_t cap = 0;
	int rc = matter_load(ctx, matter_id, &m);
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, m.unit_id)) ||
	    (rc = check_paper(ctx, &m)))
		return rc;
	if (count == 0) {
		if ((rc = db_int(ctx->db, &count, &ctx->err,
				 "SELECT COUNT(*) FROM ballot_roll WHERE matter_id = $1 "
				 "AND how IS NULL",
				 DB_I(matter_id))))
			return rc;
		if (count == 0)
			return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
				       "Every household has voted online or signed for a paper "
				       "ballot already");
	}
	if (count < 1 || count > m.eligible || count > BALLOT_PRINT_MAX)
		return dv_fail(
			&ctx->err, DV_EINVAL, "count",
			"Print between 1 and %lld paper ballots at a time",
			(long long)(m.eligible < BALLOT_PRINT_MAX ? m.eligible : BALLOT_PRINT_MAX));
	for (int64_t i = 0; i < count; i++)
		if ((rc = draw_receipt(ctx, matter_id, "paper", NULL,
				       ARENA_PUSH(ctx->arena, *receipts, *n, cap))))
			return rc;
	return ctx_audit(ctx, "ballot.print", "matter", matter_id, m.unit_id,
			 json_pack("{s:I}", "count", (json_int_t)count));
}

int ballot_print(struct dv_ctx *ctx, int64_t matter_id, int64_t count, const char ***receipts,
		 size_t *n)
{
	*receipts = NULL;
	*n = 0;
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, print_tx(ctx, matter_id, count, receipts, n));
}

int ballot_roll(struct dv_ctx *ctx, int64_t matter_id, const char *query, int limit,
		struct roll_row **out, size_t *n)
{
	struct matter m;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = matter_get(ctx, matter_id, &m);
	if (rc || (rc = perm_require(ctx, ACT_RECORD_REACH, m.unit_id)))
		return rc;
	const char *pattern = query && *query ? text_like_contains(ctx->arena, query) : "%";
	rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT h.id, h.address, COALESCE(r.full_name, ''), COALESCE(b.how, '') "
		"FROM ballot_roll b JOIN household h ON h.id = b.household_id "
		"LEFT JOIN resident r ON r.id = h.representative_id "
		"WHERE b.matter_id = $1 AND ($2 = '%' OR h.address_folded LIKE $2 ESCAPE '\\' "
		"OR r.name_folded LIKE $2 ESCAPE '\\') "
		"ORDER BY h.address_folded, h.id LIMIT $3",
		DB_I(matter_id), DB_T(pattern), DB_I(limit > 0 ? limit : INT32_MAX));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct roll_row *h = ARENA_PUSH(ctx->arena, *out, *n, cap);
		h->household_id = db_col_int(st, 0);
		h->address = arena_strdup(ctx->arena, db_col_text(st, 1));
		h->representative = arena_strdup(ctx->arena, db_col_text(st, 2));
		h->how = arena_strdup(ctx->arena, db_col_text(st, 3));
	}
	return rc < 0 ? rc : 0;
}

static int hand_tx(struct dv_ctx *ctx, int64_t matter_id, int64_t hid)
{
	struct matter m;
	const char *how = "";
	int done = 0;
	int rc = matter_load(ctx, matter_id, &m);
	if (rc || (rc = perm_require(ctx, ACT_RECORD_REACH, m.unit_id)) ||
	    (rc = check_paper(ctx, &m)) || (rc = roll_mark(ctx, matter_id, hid, "paper", &done)))
		return rc;
	if (done)
		return ctx_audit(ctx, "ballot.hand", "matter", matter_id, m.unit_id,
				 json_pack("{s:I}", "household", (json_int_t)hid));
	rc = roll_how(ctx, matter_id, hid, &how);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "household",
			       "This household is not on the roll of this matter");
	if (rc)
		return rc;
	return strcmp(how, "online") == 0
		       ? dv_fail(&ctx->err, DV_ECONFLICT, NULL,
				 "This household voted online: it gets no paper ballot")
		       : dv_fail(&ctx->err, DV_ECONFLICT, NULL,
				 "This household has signed for a paper ballot already");
}

int ballot_hand(struct dv_ctx *ctx, int64_t matter_id, int64_t household_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, hand_tx(ctx, matter_id, household_id));
}

int ballot_paper_counts(struct dv_ctx *ctx, int64_t matter_id, struct paper_counts *c)
{
	struct matter m;
	struct db_stmt *st = NULL;
	memset(c, 0, sizeof(*c));
	int rc = matter_get(ctx, matter_id, &m);
	if (rc || (rc = perm_require(ctx, ACT_RECORD_REACH, m.unit_id)))
		return rc;
	rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT (SELECT COUNT(*) FROM ballot_box WHERE matter_id = $1 AND kind = 'paper'), "
		"(SELECT COUNT(*) FROM ballot_roll WHERE matter_id = $1 AND how = 'paper'), "
		"(SELECT COUNT(*) FROM ballot_box WHERE matter_id = $1 AND kind = 'paper' "
		"AND choice IS NOT NULL), "
		"(SELECT COUNT(*) FROM ballot_roll WHERE matter_id = $1 AND how = 'online')",
		DB_I(matter_id));
	if (rc || (rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_sysfail(&ctx->err, DV_EINTERNAL, NULL, "no count row");
	c->printed = db_col_int(st, 0);
	c->handed = db_col_int(st, 1);
	c->counted = db_col_int(st, 2);
	c->online = db_col_int(st, 3);
	db_finish(st);
	return 0;
}

/* ----------------------------------------------------------- paper: in */

/* How many people entered a receipt, and how many different choices: it
 * counts only when at least two entered it and all agree. */
static int entries_of(struct dv_ctx *ctx, int64_t matter_id, const char *receipt, int64_t *people,
		      int64_t *choices)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT COUNT(*), COUNT(DISTINCT choice) FROM ballot_entry "
			  "WHERE matter_id = $1 AND receipt = $2",
			  DB_I(matter_id), DB_T(receipt));
	if (rc || (rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_sysfail(&ctx->err, DV_EINTERNAL, NULL, "no count row");
	*people = db_col_int(st, 0);
	*choices = db_col_int(st, 1);
	db_finish(st);
	return 0;
}

/* No more paper ballots count than households signed for one: a slip
 * nobody signed for (a spare, or one printed twice) does not add a vote. */
static int check_signed_for(struct dv_ctx *ctx, int64_t matter_id)
{
	struct paper_counts c;
	int rc = db_int(ctx->db, &c.handed, &ctx->err,
			"SELECT COUNT(*) FROM ballot_roll WHERE matter_id = $1 AND how = 'paper'",
			DB_I(matter_id));
	if (!rc)
		rc = db_int(
			ctx->db, &c.counted, &ctx->err,
			"SELECT COUNT(*) FROM ballot_box WHERE matter_id = $1 AND kind = 'paper' "
			"AND choice IS NOT NULL",
			DB_I(matter_id));
	if (!rc && c.counted >= c.handed)
		rc = dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			     "%lld households signed for a paper ballot and %lld paper ballots "
			     "are counted: record on the distribution list who signed for one "
			     "before counting more",
			     (long long)c.handed, (long long)c.counted);
	return rc;
}

static int count_paper(struct dv_ctx *ctx, const struct matter *m, const char *receipt,
		       const char *choice)
{
	int rc = check_signed_for(ctx, m->id);
	if (!rc)
		rc = db_run(
			ctx->db, &ctx->err,
			"UPDATE ballot_box SET choice = $1 WHERE matter_id = $2 AND receipt = $3 "
			"AND choice IS NULL",
			DB_T(choice), DB_I(m->id), DB_T(receipt));
	if (!rc)
		rc = count_cast(ctx, m->id);
	if (!rc)
		rc = ctx_audit(ctx, "ballot.paper", "matter", m->id, m->unit_id,
			       json_pack("{s:s}", "receipt", receipt));
	return rc;
}

static int paper_tx(struct dv_ctx *ctx, int64_t matter_id, const char *receipt, const char *choice,
		    enum paper_state *state)
{
	struct matter m;
	int64_t cast = 0, people = 0, choices = 0;
	int rc = matter_load(ctx, matter_id, &m);
	if (rc || (rc = check_open(ctx, &m)) ||
	    (rc = perm_require(ctx, ACT_RECORD_REACH, m.unit_id)))
		return rc;
	if (!ctx->actor->account_id)
		return dv_fail(&ctx->err, DV_EPERM, NULL, "Log in first");
	if (!has_option(&m, choice))
		return dv_fail(&ctx->err, DV_EINVAL, "choice", "Choose one of the options");
	rc = db_int(ctx->db, &cast, &ctx->err,
		    "SELECT CASE WHEN choice IS NULL THEN 0 ELSE 1 END FROM ballot_box "
		    "WHERE matter_id = $1 AND receipt = $2 AND kind = 'paper'",
		    DB_I(matter_id), DB_T(receipt));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "receipt",
			       "No paper ballot of this matter has the receipt %s", receipt);
	if (rc)
		return rc;
	if (cast) {
		*state = PAPER_ALREADY;
		return 0;
	}
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO ballot_entry (matter_id, receipt, clerk_id, choice, at) "
		    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (matter_id, receipt, clerk_id) "
		    "DO UPDATE SET choice = $4, at = $5",
		    DB_I(matter_id), DB_T(receipt), DB_I(ctx->actor->account_id), DB_T(choice),
		    DB_I(ctx->now));
	if (rc || (rc = entries_of(ctx, matter_id, receipt, &people, &choices)))
		return rc;
	*state = people < 2 ? PAPER_WAITING : choices == 1 ? PAPER_COUNTED : PAPER_MISMATCH;
	return *state == PAPER_COUNTED ? count_paper(ctx, &m, receipt, choice) : 0;
}

int ballot_paper_enter(struct dv_ctx *ctx, int64_t matter_id, const char *receipt_in,
		       const char *choice, enum paper_state *state)
{
	char receipt[RECEIPT_LEN + 1];
	size_t k = 0;
	/* typed by hand: any case, the dash optional */
	for (const char *p = receipt_in ? receipt_in : ""; *p && k <= RECEIPT_LEN; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (k == 5)
			receipt[k++] = '-';
		receipt[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	}
	if (k != RECEIPT_LEN)
		return dv_fail(&ctx->err, DV_EINVAL, "receipt",
			       "A receipt has ten letters and digits, like K7M2Q-9XAZT");
	receipt[k] = '\0';
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, paper_tx(ctx, matter_id, receipt, choice, state));
}

int ballot_paper_status(struct dv_ctx *ctx, int64_t matter_id, struct paper_mismatch **out,
			size_t *n, int64_t *waiting)
{
	struct matter m;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = matter_load(ctx, matter_id, &m);
	if (rc || (rc = perm_require(ctx, ACT_RECORD_REACH, m.unit_id)))
		return rc;
	/* entries of ballots not cast: one entry waits, two that differ clash */
	rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT e.receipt, MIN(e.choice), MAX(e.choice), COUNT(*) FROM ballot_entry e "
		"JOIN ballot_box b ON b.matter_id = e.matter_id AND b.receipt = e.receipt "
		"WHERE e.matter_id = $1 AND b.choice IS NULL GROUP BY e.receipt "
		"ORDER BY e.receipt",
		DB_I(matter_id));
	if (rc)
		return rc;
	*waiting = 0;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (db_col_int(st, 3) < 2) {
			(*waiting)++;
			continue;
		}
		struct paper_mismatch *p = ARENA_PUSH(ctx->arena, *out, *n, cap);
		p->receipt = arena_strdup(ctx->arena, db_col_text(st, 0));
		p->first = arena_strdup(ctx->arena, db_col_text(st, 1));
		p->second = arena_strdup(ctx->arena, db_col_text(st, 2));
	}
	return rc < 0 ? rc : 0;
}

/*
 * Ballots: a household's vote, online or on paper (each paper ballot
 * entered twice by the counting team). Closing and the tally are in
 * matter.c.
 */
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/token.h"
#include "domain/registry/household.h"
#include "domain/decide/matter_impl.h"
#include "domain/perm.h"
#include "domain/rules.h"

/* ---------------------------------------------------------------- voting */

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

static int cast_tx(struct dv_ctx *ctx, int64_t matter_id, const char *choice, const char **receipt)
{
	struct matter m;
	struct household h;
	int rc = matter_load(ctx, matter_id, &m);
	if (rc || (rc = check_open(ctx, &m)) || (rc = voting_household(ctx, &h)))
		return rc;
	if (!has_option(&m, choice))
		return dv_fail(&ctx->err, DV_EINVAL, "choice", "Choose one of the options");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE ballot SET choice = $1, how = 'online', cast_at = $2, cast_by = $3 "
		    "WHERE matter_id = $4 AND household_id = $5 AND choice IS NULL",
		    DB_T(choice), DB_I(ctx->now), DB_ID(ctx->actor->account_id), DB_I(matter_id),
		    DB_I(h.id));
	if (rc)
		return rc;
	if (db_changes(ctx->db) == 0) {
		const char *mine, *chosen;
		rc = ballot_mine(ctx, matter_id, &mine, &chosen);
		if (rc == DV_ENOTFOUND)
			return dv_fail(&ctx->err, DV_EINVAL, NULL,
				       "Your household has no ballot in this matter: it was not "
				       "registered here when voting opened");
		return rc ? rc
			  : dv_fail(&ctx->err, DV_ECONFLICT, NULL,
				    "Your household has voted already (receipt %s)", mine);
	}
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE matter SET cast_count = cast_count + 1 WHERE id = $1", DB_I(matter_id));
	/* the audit names the household that voted, never its choice */
	if (!rc)
		rc = ctx_audit(ctx, "ballot.cast", "matter", matter_id, m.unit_id,
			       json_pack("{s:I}", "household", (json_int_t)h.id));
	if (!rc)
		rc = ballot_mine(ctx, matter_id, receipt, &choice);
	return rc;
}

int ballot_cast(struct dv_ctx *ctx, int64_t matter_id, const char *choice, const char **receipt)
{
	const char *dummy;
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, cast_tx(ctx, matter_id, choice, receipt ? receipt : &dummy));
}

int ballot_mine(struct dv_ctx *ctx, int64_t matter_id, const char **receipt, const char **choice)
{
	struct db_stmt *st = NULL;
	int64_t hid = ctx->actor->household_id;
	*receipt = *choice = "";
	if (!hid)
		return DV_ENOTFOUND;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT receipt, choice FROM ballot WHERE matter_id = $1 "
			  "AND household_id = $2",
			  DB_I(matter_id), DB_I(hid));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : DV_ENOTFOUND;
	*receipt = arena_strdup(ctx->arena, db_col_text(st, 0));
	*choice = arena_strdup(ctx->arena, db_col_text(st, 1));
	db_finish(st);
	return 0;
}

/* ------------------------------------------------------------ paper */

/* How many people entered a receipt, and how many different choices: it
 * counts only when at least two entered it and all agree. */
static int entries_of(struct dv_ctx *ctx, int64_t matter_id, const char *receipt,
		      int64_t *people, int64_t *choices)
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

static int paper_tx(struct dv_ctx *ctx, int64_t matter_id, const char *receipt,
		    const char *choice, enum paper_state *state)
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
		    "SELECT CASE WHEN choice IS NULL THEN 0 ELSE 1 END FROM ballot "
		    "WHERE matter_id = $1 AND receipt = $2",
		    DB_I(matter_id), DB_T(receipt));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "receipt",
			       "No ballot of this matter has the receipt %s", receipt);
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
	if (*state != PAPER_COUNTED)
		return 0;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE ballot SET choice = $1, how = 'paper', cast_at = $2, cast_by = $3 "
		    "WHERE matter_id = $4 AND receipt = $5 AND choice IS NULL",
		    DB_T(choice), DB_I(ctx->now), DB_I(ctx->actor->account_id), DB_I(matter_id),
		    DB_T(receipt));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE matter SET cast_count = cast_count + 1 WHERE id = $1",
			    DB_I(matter_id));
	if (!rc)
		rc = ctx_audit(ctx, "ballot.paper", "matter", matter_id, m.unit_id,
			       json_pack("{s:s}", "receipt", receipt));
	return rc;
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
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT e.receipt, MIN(e.choice), MAX(e.choice), COUNT(*) FROM ballot_entry e "
		      "JOIN ballot b ON b.matter_id = e.matter_id AND b.receipt = e.receipt "
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

int ballot_sheets(struct dv_ctx *ctx, int64_t matter_id, struct ballot_sheet **out, size_t *n)
{
	struct matter m;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = matter_load(ctx, matter_id, &m);
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, m.unit_id)))
		return rc;
	if (m.status != MS_OPEN || m.form != FORM_BALLOT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Paper ballots are printed for household ballots while voting is open");
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT h.address, COALESCE(r.full_name, ''), b.receipt FROM ballot b "
		      "JOIN household h ON h.id = b.household_id "
		      "LEFT JOIN resident r ON r.id = h.representative_id "
		      "WHERE b.matter_id = $1 ORDER BY h.address_folded, h.id",
		      DB_I(matter_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct ballot_sheet *s = ARENA_PUSH(ctx->arena, *out, *n, cap);
		s->address = arena_strdup(ctx->arena, db_col_text(st, 0));
		s->representative = arena_strdup(ctx->arena, db_col_text(st, 1));
		s->receipt = arena_strdup(ctx->arena, db_col_text(st, 2));
	}
	return rc < 0 ? rc : 0;
}

/*
 * Writing a work's ledger: recording an entry (checked, then appended to
 * the work's hash chain with the kept totals in the same transaction) and a
 * board member's sign-off of an expense. Reading is in ledger_read.c, the
 * check of every chain in ledger_verify.c.
 */
#include "domain/works/ledger.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/i18n.h"
#include "base/money.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/works/share.h"
#include "domain/works/works_impl.h"

/* ------------------------------------------------------------- the chain */

static void field(struct buf *b, const char *s)
{
	buf_addf(b, "%zu:", strlen(s));
	buf_adds(b, s);
	buf_addch(b, '\n');
}

static void field_int(struct buf *b, int64_t v, int null_if_zero)
{
	char tmp[32];
	if (null_if_zero && v == 0)
		tmp[0] = '\0';
	else
		snprintf(tmp, sizeof(tmp), "%" PRId64, v);
	field(b, tmp);
}

/* Fields are length-prefixed, as the audit chain's: no choice of content
 * makes two different entries serialize alike. The text columns are hashed
 * as stored, so verify can hash a row whose kind it does not know. */
void ledger_row_hash(char out[HASH_HEX_LEN + 1], const char *prev_hash, const struct ledger_row *r)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "danvan-ledger-v1\n");
	field(&b, prev_hash);
	field_int(&b, r->work_id, 0);
	field_int(&b, r->seq, 0);
	field(&b, r->kind);
	field_int(&b, r->amount, 0);
	field_int(&b, r->effect, 0);
	field_int(&b, r->household_id, 1);
	field(&b, r->source);
	field(&b, r->party);
	field(&b, r->method);
	field(&b, r->receipt_no);
	field(&b, r->item);
	field(&b, r->quantity);
	field(&b, r->note);
	field(&b, r->advance);
	field_int(&b, r->corrects, 1);
	field_int(&b, r->on_date, 0);
	field_int(&b, r->recorded_by, 1);
	field_int(&b, r->recorded_at, 0);
	hash_hex(out, b.ptr, b.len);
	buf_release(&b);
}

void ledger_entry_hash(char out[HASH_HEX_LEN + 1], const char *prev_hash, const struct entry *e)
{
	struct ledger_row r = {
		.work_id = e->work_id,
		.seq = e->seq,
		.kind = ledger_kind_name(e->kind),
		.amount = e->amount,
		.effect = e->effect,
		.household_id = e->household_id,
		.source = e->source >= 0 ? work_source_name((enum work_source)e->source) : "",
		.party = e->party,
		.method = entry_method_name(e->method),
		.receipt_no = e->receipt_no,
		.item = e->item,
		.quantity = e->quantity,
		.note = e->note,
		.advance = e->advance,
		.corrects = e->corrects,
		.on_date = e->on_date,
		.recorded_by = e->recorded_by_id,
		.recorded_at = e->recorded_at,
	};
	ledger_row_hash(out, prev_hash, &r);
}

/* Append e to its work's chain: the work's row is updated first, which
 * serializes writers of one work on PostgreSQL (SQLite's BEGIN IMMEDIATE
 * already has) and keeps the numbering gapless. Fills e->seq, the hashes
 * and e->id. */
static int append(struct dv_ctx *ctx, int64_t ward_id, struct entry *e)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "UPDATE work SET entries = entries + 1, updated_at = $2 WHERE id = $1 "
			  "RETURNING entries, head_hash",
			  DB_I(e->work_id), DB_I(ctx->now));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc
			      : dv_sysfail(&ctx->err, DV_EDB, NULL, "the work's row is missing");
	e->seq = db_col_int(st, 0);
	char prev[HASH_HEX_LEN + 1], hash[HASH_HEX_LEN + 1];
	snprintf(prev, sizeof(prev), "%s", db_col_text(st, 1));
	db_finish(st);
	ledger_entry_hash(hash, prev, e);
	e->prev_hash = arena_strdup(ctx->arena, prev);
	e->hash = arena_strdup(ctx->arena, hash);
	rc = db_int(
		ctx->db, &e->id, &ctx->err,
		"INSERT INTO work_ledger (work_id, ward_id, seq, kind, amount, effect, "
		"household_id, source, party, method, receipt_no, item, quantity, note, "
		"advance, corrects, on_date, recorded_by, recorded_at, prev_hash, hash) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
		"$17, $18, $19, $20, $21) RETURNING id",
		DB_I(e->work_id), DB_ID(ward_id), DB_I(e->seq), DB_T(ledger_kind_name(e->kind)),
		DB_I(e->amount), DB_I(e->effect), DB_ID(e->household_id),
		DB_T(e->source >= 0 ? work_source_name((enum work_source)e->source) : ""),
		DB_T(e->party), DB_T(entry_method_name(e->method)), DB_T(e->receipt_no),
		DB_T(e->item), DB_T(e->quantity), DB_T(e->note), DB_T(e->advance),
		DB_ID(e->corrects), DB_I(e->on_date), DB_ID(e->recorded_by_id),
		DB_I(e->recorded_at), DB_T(prev), DB_T(hash));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err, "UPDATE work SET head_hash = $1 WHERE id = $2",
			    DB_T(hash), DB_I(e->work_id));
	return rc;
}

/* ----------------------------------------------------------- cleaning */

static int clean(struct dv_ctx *ctx, const char *in, size_t max, unsigned flags, const char *name,
		 const char **out)
{
	return text_clean(ctx->arena, in, in ? strlen(in) : 0, max, flags, name, out, &ctx->err);
}

/* What can be checked without the database: the fields each kind needs. */
static int clean_entry(struct dv_ctx *ctx, const struct entry_input *in, struct entry *e)
{
	memset(e, 0, sizeof(*e));
	e->source = -1;
	if (ledger_kind_parse(in->kind, &e->kind, &ctx->err))
		return DV_EINVAL;
	int rc = 0;
	if (e->kind == EK_CORRECTION) {
		const char *t = in->effect;
		if (!t || !*t)
			return dv_fail(&ctx->err, DV_EINVAL, "effect",
				       "Say how the correction changes the balance: -50.000 or "
				       "+50.000");
		if ((rc = money_parse(t, &e->effect, &ctx->err))) {
			ctx->err.field = "effect";
			return rc;
		}
		if (!e->effect)
			return dv_fail(&ctx->err, DV_EINVAL, "effect",
				       "A correction changes the balance: zero corrects nothing");
		e->amount = e->effect < 0 ? -e->effect : e->effect;
		if (e->amount > WORK_AMOUNT_MAX)
			return dv_fail(
				&ctx->err, DV_EINVAL, "effect",
				"The amount is over the limit of 100.000.000.000 ₫: check the "
				"zeros");
	} else if ((rc = works_amount(ctx, in->amount, "amount", 1, 1, &e->amount))) {
		return rc;
	}
	if (in->source && *in->source) {
		enum work_source s;
		if (work_source_parse(in->source, &s, &ctx->err))
			return DV_EINVAL;
		e->source = (int)s;
	}
	if (in->method && *in->method && entry_method_parse(in->method, &e->method, &ctx->err))
		return DV_EINVAL;
	if ((rc = clean(ctx, in->party, ENTRY_TEXT_MAX, 0, "party", &e->party)) ||
	    (rc = clean(ctx, in->item, ENTRY_TEXT_MAX, 0, "item", &e->item)) ||
	    (rc = clean(ctx, in->quantity, ENTRY_QUANTITY_MAX, 0, "quantity", &e->quantity)) ||
	    (rc = clean(ctx, in->note, ENTRY_NOTE_MAX, TEXT_MULTILINE, "note", &e->note)) ||
	    (rc = clean(ctx, in->advance, ENTRY_TEXT_MAX, 0, "advance", &e->advance)) ||
	    (rc = clean(ctx, in->receipt_no, ENTRY_RECEIPT_MAX, 0, "receipt_no", &e->receipt_no)) ||
	    (rc = works_day(ctx, in->on_date, "on_date", &e->on_date)))
		return rc;
	e->corrects = in->corrects;
	switch (e->kind) {
	case EK_CONTRIBUTION:
	case EK_SPONSOR:
	case EK_REFUND:
		if (e->method != EM_NONE && e->method != EM_CASH && e->method != EM_TRANSFER)
			return dv_fail(&ctx->err, DV_EINVAL, "method",
				       "Money comes in cash or by bank transfer");
		break;
	case EK_IN_KIND:
		if (e->method != EM_MATERIALS && e->method != EM_LABOUR)
			return dv_fail(&ctx->err, DV_EINVAL, "method",
				       "Say whether materials or labour days were given");
		if (!*e->item)
			return dv_fail(&ctx->err, DV_EINVAL, "item", "Say what was given");
		break;
	case EK_EXPENSE:
		if (!*e->party)
			return dv_fail(&ctx->err, DV_EINVAL, "party", "Name the supplier");
		if (!*e->item)
			return dv_fail(&ctx->err, DV_EINVAL, "item", "Say what was bought");
		break;
	case EK_CORRECTION:
		if (!*e->note)
			return dv_fail(&ctx->err, DV_EINVAL, "note",
				       "Say why the entry is corrected");
		if (e->corrects <= 0)
			return dv_fail(&ctx->err, DV_EINVAL, "corrects",
				       "Choose the entry the correction corrects");
		break;
	default: break;
	}
	if (e->kind == EK_SPONSOR && (e->source < 0 || e->source == FUND_HOUSEHOLDS))
		return dv_fail(&ctx->err, DV_EINVAL, "source",
			       "Say who the sponsor is: a business, an agency, the ward budget");
	if (e->kind == EK_SPONSOR && !*e->party)
		return dv_fail(&ctx->err, DV_EINVAL, "party", "Name the sponsor");
	return 0;
}

/* ----------------------------------------------------------- recording */

/* Which statuses take an entry of this kind. */
static int takes(enum work_status s, enum ledger_kind k, int household)
{
	int open = s == WS_COLLECTING || s == WS_BUILDING;
	switch (k) {
	case EK_PLEDGE:
	case EK_CONTRIBUTION: return open;
	case EK_IN_KIND: return open || (!household && s == WS_ACCEPTED);
	default: return open || s == WS_ACCEPTED;
	}
}

/* Household and source of the entry: a household of the work's unit, or a
 * named party with its source. */
static int check_giver(struct dv_ctx *ctx, const struct work *w, const struct entry_input *in,
		       struct entry *e)
{
	int household = in->household_id > 0 || (in->household && *in->household);
	int rc = 0;
	if (household) {
		if ((rc = share_find_household(ctx, w, in->household_id, in->household, "household",
					       &e->household_id)))
			return rc;
		if (e->kind == EK_SPONSOR || e->kind == EK_EXPENSE)
			return dv_fail(&ctx->err, DV_EINVAL, "household",
				       "A household gives contributions, not this");
		e->source = FUND_HOUSEHOLDS;
		return 0;
	}
	if (e->kind == EK_PLEDGE || e->kind == EK_CONTRIBUTION)
		return dv_fail(&ctx->err, DV_EINVAL, "household", "Choose the household");
	if (e->kind == EK_IN_KIND && (e->source < 0 || e->source == FUND_HOUSEHOLDS || !*e->party))
		return dv_fail(&ctx->err, DV_EINVAL, "household",
			       "Choose the household, or name the sponsor and its source");
	if (e->kind == EK_REFUND && !*e->party)
		return dv_fail(&ctx->err, DV_EINVAL, "household",
			       "Choose the household refunded, or name who is");
	return 0;
}

/* A household's cash given, net of corrections and refunds. */
static int household_owed(struct dv_ctx *ctx, int64_t work_id, int64_t household, int64_t *owed)
{
	int rc = db_int(ctx->db, owed, &ctx->err,
			"SELECT cash - refunded FROM work_household WHERE work_id = $1 AND "
			"household_id = $2",
			DB_I(work_id), DB_I(household));
	if (rc == DV_ENOTFOUND)
		*owed = 0;
	return rc == DV_ENOTFOUND ? 0 : rc;
}

static const char *money_text(struct dv_ctx *ctx, int64_t v)
{
	struct buf b = BUF_INIT;
	money_format(&b, v);
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

/* The value of entry o now: its amount with the corrections of it so far. */
static int corrected_value(struct dv_ctx *ctx, const struct entry *o, int64_t *v)
{
	int64_t sum = 0;
	int rc = db_int(ctx->db, &sum, &ctx->err,
			"SELECT COALESCE(SUM(effect), 0) FROM work_ledger WHERE work_id = $1 AND "
			"corrects = $2",
			DB_I(o->work_id), DB_I(o->id));
	*v = o->amount + ledger_kind_sign(o->kind) * sum;
	return rc;
}

/* A correction: of a counted entry of the same work, keeping its value at
 * or above zero; it takes the corrected entry's household and source. */
static int check_correction(struct dv_ctx *ctx, const struct work *w, struct entry *e,
			    struct entry *o)
{
	int64_t v = 0;
	int rc = entry_get(ctx, w->id, e->corrects, o);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "corrects", "No such entry in this ledger");
	if (rc)
		return rc;
	if (o->kind == EK_PLEDGE)
		return dv_fail(&ctx->err, DV_EINVAL, "corrects",
			       "A pledge is a promise, not money: record a new pledge");
	if (o->kind == EK_CORRECTION)
		return dv_fail(&ctx->err, DV_EINVAL, "corrects",
			       "Correct the entry itself, not a correction");
	if (!o->counted)
		return dv_fail(&ctx->err, DV_EINVAL, "corrects",
			       "Only an expense the board signed off is corrected: refuse the "
			       "others");
	if (o->kind == EK_EXPENSE && !w->may_manage)
		return perm_require(ctx, ACT_MANAGE_WORKS, w->unit_id);
	if ((rc = corrected_value(ctx, o, &v)))
		return rc;
	if (v + ledger_kind_sign(o->kind) * e->effect < 0)
		return dv_fail(&ctx->err, DV_EINVAL, "effect",
			       "The entry is worth %s now: a correction cannot take it below zero",
			       money_text(ctx, v));
	e->household_id = o->household_id;
	e->source = o->source;
	return 0;
}

/* The checks that need the work, in the transaction. */
static int check_entry(struct dv_ctx *ctx, const struct work *w, const struct entry_input *in,
		       struct entry *e, struct entry *corrected)
{
	int rc;
	if (e->kind == EK_EXPENSE ? !w->may_manage : !w->may_record)
		return perm_require(ctx, ACT_MANAGE_WORKS, w->unit_id);
	if (e->kind == EK_CORRECTION)
		rc = check_correction(ctx, w, e, corrected);
	else
		rc = check_giver(ctx, w, in, e);
	if (rc)
		return rc;
	if (!takes(w->status, e->kind, e->household_id != 0))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The work does not take %s now: it is %s",
			       i18n_get(ctx->lang, ledger_kind_label(e->kind)),
			       i18n_get(ctx->lang, work_status_label(w->status)));
	const char *why;
	if (e->household_id && e->kind != EK_REFUND && e->kind != EK_CORRECTION &&
	    !work_decision_passed(ctx, w, &why))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The work cannot collect from households: %s",
			       i18n_get(ctx->lang, why));
	const struct work_money *m = &w->money;
	if (e->kind == EK_EXPENSE && !*e->advance && m->balance - m->pending - e->amount < 0)
		return dv_fail(&ctx->err, DV_EINVAL, "advance",
			       "This expense would take the balance below zero (%s, with the "
			       "expenses waiting for sign-off): say who advances the money",
			       money_text(ctx, m->balance - m->pending - e->amount));
	if (e->kind == EK_REFUND) {
		int64_t owed = m->balance;
		if (e->household_id && (rc = household_owed(ctx, w->id, e->household_id, &owed)))
			return rc;
		if (e->amount > owed && e->household_id)
			return dv_fail(&ctx->err, DV_EINVAL, "amount",
				       "The household is owed %s at most", money_text(ctx, owed));
		if (e->amount > owed)
			return dv_fail(&ctx->err, DV_EINVAL, "amount",
				       "The balance is %s: no more can be refunded",
				       money_text(ctx, owed));
	}
	return 0;
}

/* The kept totals an entry changes at once (an expense waits for its
 * sign-off). */
static int totals_of(struct dv_ctx *ctx, const struct entry *e, const struct entry *corrected)
{
	const char *src = e->source >= 0 ? work_source_name((enum work_source)e->source) : "";
	if (e->kind == EK_EXPENSE)
		return 0;
	if (e->kind != EK_CORRECTION)
		return works_total_add(ctx, e->work_id, ledger_kind_name(e->kind), src, e->amount,
				       1);
	int rc = works_total_add(ctx, e->work_id, ledger_kind_name(corrected->kind), src,
				 ledger_kind_sign(corrected->kind) * e->effect, 0);
	return rc ? rc : works_total_add(ctx, e->work_id, "correction", "", e->effect, 1);
}

/* The household's kept totals (work_household): what it pledged, gave (of
 * which in cash), was refunded, net of corrections. */
static int household_totals(struct dv_ctx *ctx, const struct work *w, const struct entry *e,
			    const struct entry *corrected)
{
	enum ledger_kind k = e->kind == EK_CORRECTION ? corrected->kind : e->kind;
	int64_t v = e->kind == EK_CORRECTION ? ledger_kind_sign(k) * e->effect : e->amount;
	int64_t pledged = 0, given = 0, cash = 0, refunded = 0;
	if (k == EK_PLEDGE)
		pledged = v;
	else if (k == EK_CONTRIBUTION)
		given = cash = v;
	else if (k == EK_IN_KIND)
		given = v;
	else if (k == EK_REFUND)
		refunded = v;
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO work_household (work_id, household_id, ward_id, pledged, given, "
		      "cash, refunded, entries, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, "
		      "$8) ON CONFLICT (work_id, household_id) DO UPDATE SET pledged = "
		      "work_household.pledged + $4, given = work_household.given + $5, cash = "
		      "work_household.cash + $6, refunded = work_household.refunded + $7, entries "
		      "= work_household.entries + 1, updated_at = $8",
		      DB_I(w->id), DB_I(e->household_id), DB_ID(w->ward_id), DB_I(pledged),
		      DB_I(given), DB_I(cash), DB_I(refunded), DB_I(ctx->now));
}

static int consent(struct dv_ctx *ctx, const struct work *w, int64_t household)
{
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO work_household (work_id, household_id, ward_id, show_name, "
		      "updated_by, updated_at) VALUES ($1, $2, $3, 1, $4, $5) ON CONFLICT "
		      "(work_id, household_id) DO UPDATE SET show_name = 1, updated_by = $4, "
		      "updated_at = $5",
		      DB_I(w->id), DB_I(household), DB_ID(w->ward_id),
		      DB_ID(ctx->actor->account_id), DB_I(ctx->now));
}

static int record_tx(struct dv_ctx *ctx, int64_t work_id, const struct entry_input *in,
		     struct entry *e)
{
	struct work w;
	struct entry corrected;
	int rc = work_get(ctx, work_id, &w);
	if (rc || (rc = check_entry(ctx, &w, in, e, &corrected)))
		return rc;
	e->work_id = work_id;
	e->recorded_by_id = ctx->actor->account_id;
	e->recorded_at = ctx->now;
	if (e->kind == EK_CONTRIBUTION && !*e->receipt_no) /* numbered by the ledger */
		e->receipt_no = arena_printf(ctx->arena, "PT%lld-%05lld", (long long)work_id,
					     (long long)(w.entries + 1));
	if ((rc = append(ctx, w.ward_id, e)) || (rc = totals_of(ctx, e, &corrected)) ||
	    (e->household_id && (rc = household_totals(ctx, &w, e, &corrected))))
		return rc;
	if (in->show_name && e->household_id && e->kind != EK_CORRECTION &&
	    (rc = consent(ctx, &w, e->household_id)))
		return rc;
	return ctx_audit(ctx, "ledger.record", "work", work_id, w.unit_id,
			 json_pack("{s:I, s:I, s:s, s:I, s:I, s:s}", "entry", (json_int_t)e->id,
				   "seq", (json_int_t)e->seq, "kind", ledger_kind_name(e->kind),
				   "amount", (json_int_t)e->amount, "effect", (json_int_t)e->effect,
				   "hash", e->hash));
}

int entry_record(struct dv_ctx *ctx, int64_t work_id, const struct entry_input *in, int64_t *id_out)
{
	struct entry e;
	int64_t unit_id = 0;
	int rc = clean_entry(ctx, in, &e);
	if (rc)
		return rc;
	/* a work and its ledger are its commune's own (its unit never changes) */
	rc = db_int(ctx->db, &unit_id, &ctx->err, "SELECT unit_id FROM work WHERE id = $1",
		    DB_I(work_id));
	if ((rc && rc != DV_ENOTFOUND) || (rc = ctx_begin_in(ctx, unit_id)))
		return rc;
	rc = ctx_end(ctx, record_tx(ctx, work_id, in, &e));
	if (!rc && id_out)
		*id_out = e.id;
	return rc;
}

/* ------------------------------------------------------------ sign-off */

void ledger_signoff_hash(char out[HASH_HEX_LEN + 1], const char *entry_hash, int64_t entry_id,
			 int64_t member_id, const char *decision, const char *reason, int64_t at)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "danvan-signoff-v1\n");
	field(&b, entry_hash);
	field_int(&b, entry_id, 0);
	field_int(&b, member_id, 0);
	field(&b, decision);
	field(&b, reason);
	field_int(&b, at, 0);
	hash_hex(out, b.ptr, b.len);
	buf_release(&b);
}

static int signoff_tx(struct dv_ctx *ctx, int64_t work_id, int64_t entry_id, int approve,
		      const char *reason)
{
	struct work w;
	struct entry e;
	int rc = work_get(ctx, work_id, &w);
	if (rc || (rc = entry_get(ctx, work_id, entry_id, &e)))
		return rc;
	if (!w.member_id)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only a member of the work's supervision board signs off expenses");
	if (e.kind != EK_EXPENSE)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "Only expenses are signed off");
	if (e.signoff != SO_PENDING)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The board has decided on it already");
	if (w.status >= WS_SETTLED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The work's accounts are closed");
	if (e.recorded_by_id && e.recorded_by_id == ctx->actor->account_id)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Whoever recorded an expense does not sign it off");
	if (approve && !*e.advance && w.money.balance - e.amount < 0)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The balance is %s: this expense would take it below zero, and no "
			       "advance was recorded with it",
			       money_text(ctx, w.money.balance));
	const char *decision = signoff_name(approve ? SO_APPROVED : SO_REFUSED);
	char hash[HASH_HEX_LEN + 1];
	ledger_signoff_hash(hash, e.hash, e.id, w.member_id, decision, reason, ctx->now);
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO work_signoff (entry_id, work_id, ward_id, member_id, decision, "
		    "reason, at, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		    DB_I(e.id), DB_I(work_id), DB_ID(w.ward_id), DB_I(w.member_id), DB_T(decision),
		    DB_T(reason), DB_I(ctx->now), DB_T(hash));
	if (!rc && approve)
		rc = works_total_add(ctx, work_id, "expense", "", e.amount, 1);
	if (!rc)
		rc = ctx_audit(ctx, "ledger.signoff", "work", work_id, w.unit_id,
			       json_pack("{s:I, s:I, s:s, s:I}", "entry", (json_int_t)e.id,
					 "member", (json_int_t)w.member_id, "decision", decision,
					 "amount", (json_int_t)e.amount));
	return rc;
}

int entry_signoff(struct dv_ctx *ctx, int64_t work_id, int64_t entry_id, int approve,
		  const char *reason_in)
{
	const char *reason;
	int rc = text_clean(ctx->arena, reason_in, reason_in ? strlen(reason_in) : 0,
			    ENTRY_NOTE_MAX, TEXT_MULTILINE | (approve ? 0 : TEXT_REQUIRED),
			    "reason", &reason, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, signoff_tx(ctx, work_id, entry_id, approve, reason));
}

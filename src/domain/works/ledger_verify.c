/*
 * `danvan verify` for the works' ledgers: every work's chain recomputed
 * from its first entry (numbering, previous hash, own hash, the head kept on
 * the work), every sign-off against its entry, and the kept totals the
 * pages show against the entries. The first problem is named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/works/ledger.h"
#include "domain/works/works_impl.h"

/* What the totals need of an entry. */
struct vrow {
	int64_t id;
	int kind;   /* enum ledger_kind, -1 unknown */
	int source; /* enum work_source, -1 none */
	int64_t amount, effect, corrects, household_id;
	int approved;
};

struct vwork {
	int64_t id, entries;
	const char *head;
};

static void broken(struct ledger_report *r, int64_t work, int64_t entry, int64_t seq,
		   const char *why)
{
	if (r->work_id)
		return;
	r->work_id = work;
	r->entry_id = entry;
	r->seq = seq;
	snprintf(r->reason, sizeof(r->reason), "%s", why);
}

static int works_to_check(struct dv_ctx *ctx, struct vwork **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, entries, head_hash FROM work ORDER BY id");
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct vwork *w = ARENA_PUSH(ctx->arena, *out, *n, cap);
		w->id = db_col_int(st, 0);
		w->entries = db_col_int(st, 1);
		w->head = arena_strdup(ctx->arena, db_col_text(st, 2));
	}
	return rc < 0 ? rc : 0;
}

static int by_id_sort(const void *a, const void *b)
{
	int64_t x = ((const struct vrow *)a)->id, y = ((const struct vrow *)b)->id;
	return x < y ? -1 : x > y;
}

/* The chain of one work; its rows for the totals in *rows. */
static int check_chain(struct dv_ctx *ctx, const struct vwork *w, struct ledger_report *r,
		       struct vrow **rows, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	char prev[HASH_HEX_LEN + 1];
	memset(prev, '0', HASH_HEX_LEN);
	prev[HASH_HEX_LEN] = '\0';
	*rows = NULL;
	*n = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT id, seq, kind, amount, effect, household_id, source, party, method, "
		"receipt_no, item, quantity, note, advance, corrects, on_date, recorded_by, "
		"recorded_at, prev_hash, hash FROM work_ledger WHERE work_id = $1 AND "
		"seq <= $2 ORDER BY seq",
		DB_I(w->id), DB_I(w->entries));
	if (rc)
		return rc;
	int64_t expect = 1;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct ledger_row lr = {
			.work_id = w->id,
			.seq = db_col_int(st, 1),
			.kind = db_col_text(st, 2),
			.amount = db_col_int(st, 3),
			.effect = db_col_int(st, 4),
			.household_id = db_col_int(st, 5),
			.source = db_col_text(st, 6),
			.party = db_col_text(st, 7),
			.method = db_col_text(st, 8),
			.receipt_no = db_col_text(st, 9),
			.item = db_col_text(st, 10),
			.quantity = db_col_text(st, 11),
			.note = db_col_text(st, 12),
			.advance = db_col_text(st, 13),
			.corrects = db_col_int(st, 14),
			.on_date = db_col_int(st, 15),
			.recorded_by = db_col_int(st, 16),
			.recorded_at = db_col_int(st, 17),
		};
		int64_t id = db_col_int(st, 0);
		char h[HASH_HEX_LEN + 1];
		if (lr.seq != expect)
			broken(r, w->id, id, expect, "an entry is missing from the chain");
		else if (strcmp(db_col_text(st, 18), prev) != 0)
			broken(r, w->id, id, lr.seq,
			       "prev_hash does not match the hash of the entry before");
		ledger_row_hash(h, db_col_text(st, 18), &lr);
		if (strcmp(h, db_col_text(st, 19)) != 0)
			broken(r, w->id, id, lr.seq, "the entry's content does not match its hash");
		if (lr.amount <= 0)
			broken(r, w->id, id, lr.seq, "the entry's amount is not positive");
		/* go on from the stored hash, so one edited entry is named once */
		snprintf(prev, sizeof(prev), "%s", db_col_text(st, 19));
		expect = lr.seq + 1;
		r->entries++;
		struct vrow *v = ARENA_PUSH(ctx->arena, *rows, *n, cap);
		enum ledger_kind k;
		enum work_source s;
		v->id = id;
		v->kind = ledger_kind_parse(lr.kind, &k, NULL) ? -1 : (int)k;
		v->source = work_source_parse(lr.source, &s, NULL) ? -1 : (int)s;
		v->amount = lr.amount;
		v->effect = lr.effect;
		v->corrects = lr.corrects;
		v->household_id = lr.household_id;
	}
	if (rc < 0)
		return rc;
	/* by id for the lookups of corrections and sign-offs */
	if (*n) /* qsort takes no NULL array, even empty */
		qsort(*rows, *n, sizeof(**rows), by_id_sort);
	if ((int64_t)*n != w->entries)
		broken(r, w->id, 0, (int64_t)*n + 1,
		       "entries are missing from the end of the chain");
	else if (strcmp(w->head, prev) != 0)
		broken(r, w->id, 0, w->entries,
		       "the work's head hash does not match its last entry");
	return 0;
}

static int by_id(const void *key, const void *elem)
{
	int64_t a = *(const int64_t *)key, b = ((const struct vrow *)elem)->id;
	return a < b ? -1 : a > b;
}

static struct vrow *find(struct vrow *rows, size_t n, int64_t id)
{
	return bsearch(&id, rows, n, sizeof(*rows), by_id);
}

/* Each sign-off matches its hash and its entry, an expense of the work. */
static int check_signoffs(struct dv_ctx *ctx, int64_t work_id, struct ledger_report *r,
			  struct vrow *rows, size_t n, int64_t *count)
{
	*count = 0;
	struct db_stmt *st = NULL;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT s.entry_id, l.hash, s.member_id, s.decision, s.reason, s.at, "
		"s.hash, l.seq FROM work_signoff s JOIN work_ledger l ON l.id = s.entry_id "
		"WHERE s.work_id = $1 ORDER BY s.entry_id",
		DB_I(work_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		char h[HASH_HEX_LEN + 1];
		int64_t entry = db_col_int(st, 0);
		ledger_signoff_hash(h, db_col_text(st, 1), entry, db_col_int(st, 2),
				    db_col_text(st, 3), db_col_text(st, 4), db_col_int(st, 5));
		struct vrow *v = find(rows, n, entry);
		(*count)++;
		if (strcmp(h, db_col_text(st, 6)) != 0 || !v || v->kind != EK_EXPENSE)
			broken(r, work_id, entry, db_col_int(st, 7),
			       "a sign-off does not match its hash or its entry");
		else
			v->approved = strcmp(db_col_text(st, 3), "approved") == 0;
	}
	return rc < 0 ? rc : 0;
}

/* The totals the entries give, by kind and source (source -1 at index 0). */
#define NSRC (FUND_COUNT + 1)
static void sum_rows(struct vrow *rows, size_t n, int64_t t[EK_COUNT][NSRC])
{
	memset(t, 0, sizeof(int64_t) * EK_COUNT * NSRC);
	for (size_t i = 0; i < n; i++) {
		const struct vrow *v = &rows[i];
		if (v->kind < 0)
			continue;
		if (v->kind == EK_CORRECTION) {
			const struct vrow *o = find(rows, n, v->corrects);
			if (o && o->kind >= 0)
				t[o->kind][v->source + 1] +=
					ledger_kind_sign((enum ledger_kind)o->kind) * v->effect;
			t[EK_CORRECTION][0] += v->effect;
		} else if (v->kind != EK_EXPENSE || v->approved) {
			t[v->kind][v->source + 1] += v->amount;
		}
	}
}

/* The totals are compared only if the work did not move while it was
 * checked (a running server appending or signing off meanwhile): verify
 * takes no lock, as the audit chain's does not. */
static int check_totals(struct dv_ctx *ctx, const struct vwork *w, int64_t signoffs,
			struct ledger_report *r, struct vrow *rows, size_t n, int *moved_out)
{
	int64_t work_id = w->id;
	int64_t want[EK_COUNT][NSRC], kept[EK_COUNT][NSRC];
	struct db_stmt *st = NULL;
	sum_rows(rows, n, want);
	memset(kept, 0, sizeof(kept));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT kind, source, amount FROM work_total WHERE work_id = $1",
			  DB_I(work_id));
	if (rc)
		return rc;
	int odd = 0;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum ledger_kind k;
		enum work_source s;
		const char *src = db_col_text(st, 1);
		int si = *src ? (work_source_parse(src, &s, NULL) ? -2 : (int)s) : -1;
		if (ledger_kind_parse(db_col_text(st, 0), &k, NULL) || si == -2)
			odd |= db_col_int(st, 2) != 0;
		else
			kept[k][si + 1] += db_col_int(st, 2);
	}
	if (rc < 0)
		return rc;
	if ((rc = db_query(
		     ctx->db, &st, &ctx->err,
		     "SELECT w.entries, (SELECT COUNT(*) FROM work_signoff s WHERE s.work_id = "
		     "w.id) FROM work w WHERE w.id = $1",
		     DB_I(work_id))))
		return rc;
	int moved = 0;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		moved = db_col_int(st, 0) != w->entries || db_col_int(st, 1) != signoffs;
		db_finish(st);
	}
	if (rc < 0)
		return rc;
	*moved_out = moved;
	if (!moved && (odd || memcmp(want, kept, sizeof(want)) != 0))
		broken(r, work_id, 0, 0, "the kept totals do not match the ledger's entries");
	return 0;
}

/* What one household pledged, gave, gave in cash and was refunded. */
struct vhousehold {
	int64_t id, pledged, given, cash, refunded, entries;
};

static int by_household(const void *a, const void *b)
{
	int64_t x = ((const struct vhousehold *)a)->id, y = ((const struct vhousehold *)b)->id;
	return x < y ? -1 : x > y;
}

/* The households' kept totals (work_household) against the entries. */
static int check_households(struct dv_ctx *ctx, const struct vwork *w, struct ledger_report *r,
			    struct vrow *rows, size_t n)
{
	int64_t work_id = w->id, now = 0;
	struct vhousehold *h = arena_zalloc(ctx->arena, sizeof(*h) * (n ? n : 1));
	size_t nh = 0;
	for (size_t i = 0; i < n; i++) {
		const struct vrow *v = &rows[i], *o = v;
		if (!v->household_id || v->kind < 0)
			continue;
		int64_t x = v->amount;
		if (v->kind == EK_CORRECTION) {
			if (!(o = find(rows, n, v->corrects)) || o->kind < 0)
				continue;
			x = ledger_kind_sign((enum ledger_kind)o->kind) * v->effect;
		}
		struct vhousehold *t = &h[nh++];
		t->id = v->household_id;
		t->entries = 1;
		t->pledged = o->kind == EK_PLEDGE ? x : 0;
		t->given = o->kind == EK_CONTRIBUTION || o->kind == EK_IN_KIND ? x : 0;
		t->cash = o->kind == EK_CONTRIBUTION ? x : 0;
		t->refunded = o->kind == EK_REFUND ? x : 0;
	}
	if (nh)
		qsort(h, nh, sizeof(*h), by_household);
	size_t k = 0; /* summed in place: h[0..k) one per household */
	for (size_t i = 0; i < nh; i++) {
		if (k && h[k - 1].id == h[i].id) {
			h[k - 1].pledged += h[i].pledged, h[k - 1].given += h[i].given;
			h[k - 1].cash += h[i].cash, h[k - 1].refunded += h[i].refunded;
			h[k - 1].entries++;
		} else {
			h[k++] = h[i];
		}
	}
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT household_id, pledged, given, cash, refunded, entries FROM "
			  "work_household WHERE work_id = $1 AND entries > 0 ORDER BY household_id",
			  DB_I(work_id));
	if (rc)
		return rc;
	size_t j = 0;
	int odd = 0;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct vhousehold kept = {db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2),
					  db_col_int(st, 3), db_col_int(st, 4), db_col_int(st, 5)};
		odd |= j >= k || memcmp(&kept, &h[j], sizeof(kept)) != 0;
		j++;
	}
	if (rc < 0 || (rc = db_int(ctx->db, &now, &ctx->err,
				   "SELECT entries FROM work WHERE id = $1", DB_I(work_id))))
		return rc;
	if (now == w->entries && (odd || j != k)) /* unless an entry came meanwhile */
		broken(r, work_id, 0, 0,
		       "a household's kept totals do not match the ledger's entries");
	return 0;
}

int ledger_verify(struct dv_ctx *ctx, struct ledger_report *r)
{
	struct vwork *works;
	size_t nworks;
	memset(r, 0, sizeof(*r));
	int rc = works_to_check(ctx, &works, &nworks);
	for (size_t i = 0; !rc && i < nworks; i++) {
		struct vrow *rows;
		size_t n;
		struct arena *keep = ctx->arena, scratch = ARENA_INIT;
		ctx->arena = &scratch;
		rc = check_chain(ctx, &works[i], r, &rows, &n);
		int64_t signoffs = 0;
		if (!rc)
			rc = check_signoffs(ctx, works[i].id, r, rows, n, &signoffs);
		int moved = 1;
		if (!rc)
			rc = check_totals(ctx, &works[i], signoffs, r, rows, n, &moved);
		/* read after the check that the work did not move, like the totals */
		if (!rc && !moved && !r->work_id)
			rc = check_households(ctx, &works[i], r, rows, n);
		ctx->arena = keep;
		arena_release(&scratch);
		r->works++;
	}
	return rc;
}

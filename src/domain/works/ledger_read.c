/*
 * Reading a work's ledger: one entry, a page of them, all of them in turn.
 * Households appear by code and house number; a name only when the
 * household agreed, or to those who manage the work, or to the household.
 */
#include <string.h>

#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/works/ledger.h"
#include "domain/works/works_impl.h"

DV_ENUM_DEFINE(ledger_kind, EK_COUNT, LEDGER_KINDS, "kind");
DV_ENUM_DEFINE(entry_method, EM_COUNT, ENTRY_METHODS, "method");
DV_ENUM_DEFINE(signoff, SO_COUNT, SIGNOFFS, "decision");

int ledger_kind_sign(enum ledger_kind k)
{
	switch (k) {
	case EK_CONTRIBUTION:
	case EK_IN_KIND:
	case EK_SPONSOR: return 1;
	case EK_EXPENSE:
	case EK_REFUND: return -1;
	default: return 0;
	}
}

#define ENTRY_COLS                                                                                 \
	"l.id, l.work_id, l.seq, l.kind, l.amount, l.effect, l.household_id, "                     \
	"COALESCE(h.code, ''), COALESCE(h.address, ''), COALESCE(r.full_name, ''), "               \
	"COALESCE(wh.show_name, 0), l.source, l.party, l.method, l.receipt_no, l.item, "           \
	"l.quantity, l.note, l.advance, l.corrects, l.on_date, COALESCE(a.display_name, ''), "     \
	"l.recorded_by, l.recorded_at, l.prev_hash, l.hash, COALESCE(s.decision, ''), "            \
	"COALESCE(m.name, ''), COALESCE(s.reason, ''), COALESCE(s.at, 0), (SELECT COUNT(*) FROM "  \
	"work_entry_file f WHERE f.entry_id = l.id AND f.removed_at IS NULL)"
#define ENTRY_FROM                                                                                 \
	" FROM work_ledger l LEFT JOIN household h ON h.id = l.household_id "                      \
	"LEFT JOIN resident r ON r.id = h.representative_id "                                      \
	"LEFT JOIN work_household wh ON wh.work_id = l.work_id AND wh.household_id = "             \
	"l.household_id LEFT JOIN account a ON a.id = l.recorded_by "                              \
	"LEFT JOIN work_signoff s ON s.entry_id = l.id "                                           \
	"LEFT JOIN work_board_member m ON m.id = s.member_id"

static const char *dup(struct dv_ctx *ctx, struct db_stmt *st, int col)
{
	return arena_strdup(ctx->arena, db_col_text(st, col));
}

/* `names`: the reader may see every household's name (it manages the work). */
static void read_row(struct dv_ctx *ctx, struct db_stmt *st, int names, struct entry *e)
{
	memset(e, 0, sizeof(*e));
	e->id = db_col_int(st, 0);
	e->work_id = db_col_int(st, 1);
	e->seq = db_col_int(st, 2);
	if (ledger_kind_parse(db_col_text(st, 3), &e->kind, NULL))
		e->kind = EK_CORRECTION;
	e->amount = db_col_int(st, 4);
	e->effect = db_col_int(st, 5);
	e->household_id = db_col_int(st, 6);
	e->household_code = dup(ctx, st, 7);
	e->house_no = works_house_no(ctx->arena, db_col_text(st, 8));
	int shown = names || db_col_int(st, 10) ||
		    (e->household_id && e->household_id == ctx->actor->household_id);
	e->household_name = shown ? dup(ctx, st, 9) : "";
	enum work_source src;
	e->source = work_source_parse(db_col_text(st, 11), &src, NULL) ? -1 : (int)src;
	e->party = dup(ctx, st, 12);
	if (entry_method_parse(db_col_text(st, 13), &e->method, NULL))
		e->method = EM_NONE;
	e->receipt_no = dup(ctx, st, 14);
	e->item = dup(ctx, st, 15);
	e->quantity = dup(ctx, st, 16);
	e->note = dup(ctx, st, 17);
	e->advance = dup(ctx, st, 18);
	e->corrects = db_col_int(st, 19);
	e->on_date = (int32_t)db_col_int(st, 20);
	e->recorded_by = dup(ctx, st, 21);
	e->recorded_by_id = db_col_int(st, 22);
	e->recorded_at = db_col_int(st, 23);
	e->prev_hash = dup(ctx, st, 24);
	e->hash = dup(ctx, st, 25);
	if (signoff_parse(db_col_text(st, 26), &e->signoff, NULL))
		e->signoff = SO_PENDING;
	e->signoff_by = dup(ctx, st, 27);
	e->signoff_reason = dup(ctx, st, 28);
	e->signoff_at = db_col_int(st, 29);
	e->nfiles = (size_t)db_col_int(st, 30);
	e->counted = e->kind == EK_EXPENSE ? e->signoff == SO_APPROVED : e->kind != EK_PLEDGE;
}

/* May the reader see every household's name on this work's ledger? */
static int sees_names(struct dv_ctx *ctx, int64_t work_id)
{
	int64_t unit = 0;
	if (!ctx->actor->account_id && !ctx->actor->system)
		return 0;
	if (db_int(ctx->db, &unit, &ctx->err, "SELECT unit_id FROM work WHERE id = $1",
		   DB_I(work_id)))
		return 0;
	return perm_may(ctx, ACT_MANAGE_WORKS, unit);
}

int entry_get(struct dv_ctx *ctx, int64_t work_id, int64_t entry_id, struct entry *e)
{
	struct db_stmt *st = NULL;
	int names = sees_names(ctx, work_id);
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ENTRY_COLS ENTRY_FROM " WHERE l.id = $1 AND l.work_id = $2",
			  DB_I(entry_id), DB_I(work_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such entry");
	read_row(ctx, st, names, e);
	db_finish(st);
	return 0;
}

int entry_list(struct dv_ctx *ctx, int64_t work_id, const struct entry_filter *f, int64_t offset,
	       int limit, struct entry **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > ENTRY_PAGE_MAX || offset < 0 || offset > 10000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	int names = sees_names(ctx, work_id);
	const char *kind = f->kind < 0 ? "" : ledger_kind_name((enum ledger_kind)f->kind);
	/* ordered by (work_id, seq), an index walk whichever way */
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		f->oldest_first ? "SELECT " ENTRY_COLS ENTRY_FROM " WHERE l.work_id = $1 AND ($2 = "
				  "'' OR l.kind = $2) AND (CAST($3 AS BIGINT) = 0 OR "
				  "l.household_id = $3) ORDER BY l.seq LIMIT $4 OFFSET $5"
				: "SELECT " ENTRY_COLS ENTRY_FROM " WHERE l.work_id = $1 AND ($2 = "
				  "'' OR l.kind = $2) AND (CAST($3 AS BIGINT) = 0 OR "
				  "l.household_id = $3) ORDER BY l.seq DESC LIMIT $4 OFFSET $5",
		DB_I(work_id), DB_T(kind), DB_I(f->household_id), DB_I(limit + 1), DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_row(ctx, st, names, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	return rc < 0 ? rc : 0;
}

int entry_each(struct dv_ctx *ctx, int64_t work_id, int (*fn)(const struct entry *e, void *arg),
	       void *arg)
{
	struct db_stmt *st = NULL;
	int names = sees_names(ctx, work_id);
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ENTRY_COLS ENTRY_FROM " WHERE l.work_id = $1 ORDER BY l.seq",
			  DB_I(work_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct entry e;
		struct arena *keep = ctx->arena, scratch = ARENA_INIT;
		ctx->arena = &scratch;
		read_row(ctx, st, names, &e);
		int stop = fn(&e, arg);
		ctx->arena = keep;
		arena_release(&scratch);
		if (stop) {
			db_finish(st);
			return stop;
		}
	}
	return rc < 0 ? rc : 0;
}

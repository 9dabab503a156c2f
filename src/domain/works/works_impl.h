/*
 * What the files of domain/works/ share, and nobody else needs.
 */
#ifndef DV_DOMAIN_WORKS_IMPL_H
#define DV_DOMAIN_WORKS_IMPL_H

#include "domain/works/ledger.h"
#include "domain/works/work.h"

/* 0 if the actor manages the work (ACT_MANAGE_WORKS on its unit), else
 * DV_EPERM naming the action. */
int works_require_manager(struct dv_ctx *ctx, const struct work *w);

/* Add amount (signed) and entries to the work's kept total of (kind,
 * source), in the current transaction. */
int works_total_add(struct dv_ctx *ctx, int64_t work_id, const char *kind, const char *source,
		    int64_t amount, int64_t entries);

/* The work's money from its kept totals, and the expenses waiting. */
int works_money_load(struct dv_ctx *ctx, int64_t work_id, struct work_money *m);

/* The board's members leave their seats (the work closed or was
 * cancelled), in the current transaction. */
int works_board_dissolve(struct dv_ctx *ctx, int64_t work_id);

/* The house number of an address: its part before the first comma ("Số
 * 12/3" of "Số 12/3, đường Đông Tác"). Arena string. */
const char *works_house_no(struct arena *a, const char *address);

/* An amount typed in a field: whole đồng from 1 to WORK_AMOUNT_MAX (0
 * allowed unless `positive`); "" or NULL is *out = 0, refused when
 * `required`. DV_EINVAL naming `field`. */
int works_amount(struct dv_ctx *ctx, const char *text, const char *field, int required,
		 int positive, int64_t *out);

/* A day typed in a field (dd/mm/yyyy or yyyy-mm-dd; "" or NULL is today),
 * not after today. DV_EINVAL naming `field`. */
int works_day(struct dv_ctx *ctx, const char *text, const char *field, int32_t *out);

/* Is a matter of `type` that passed (at a meeting when `meeting`) in the
 * work's unit or a community inside it? 0, or DV_EINVAL naming `field` with
 * what is wrong. */
int works_matter_check(struct dv_ctx *ctx, const struct work *w, int64_t matter_id, int type,
		       int meeting, int must_pass, const char *field);

/* An entry as stored, for its hash: the text columns as they are. */
struct ledger_row {
	int64_t work_id, seq;
	const char *kind;
	int64_t amount, effect, household_id;
	const char *source, *party, *method, *receipt_no, *item, *quantity, *note, *advance;
	int64_t corrects, on_date, recorded_by, recorded_at;
};

/* The hash of an entry (ledger.c): "danvan-ledger-v1", the previous hash
 * and the row's fields, length-prefixed. */
void ledger_row_hash(char out[HASH_HEX_LEN + 1], const char *prev_hash, const struct ledger_row *r);

/* The hash of a board member's sign-off, bound to the entry's hash. */
void ledger_signoff_hash(char out[HASH_HEX_LEN + 1], const char *entry_hash, int64_t entry_id,
			 int64_t member_id, const char *decision, const char *reason, int64_t at);

#endif

/*
 * A work's public ledger (sổ thu chi công khai): every đồng from a
 * household's hand to the contractor's invoice.
 *
 * Entries: a pledge (a promise, not money), a contribution received (cash
 * or transfer, with the receipt number), in kind (materials or labour days,
 * valued), a sponsor's contribution (a business, organization, agency or
 * the ward budget, named), an expense (supplier, what, quantity, the
 * invoice), a refund, and a correction. Nothing is edited or deleted: a
 * correction is a new entry that points at the one it corrects, says why
 * and carries its signed effect on the balance.
 *
 * Money in = contributions + in kind + sponsors; money out = expenses +
 * refunds; balance = in - out. An expense counts once a member of the
 * work's supervision board signs it off (another person than who recorded
 * it); the board may refuse it with a reason. An expense that would take
 * the balance below zero is refused unless an advance source is recorded
 * with it. Amounts are whole đồng, positive, at most WORK_AMOUNT_MAX.
 *
 * Each work's ledger is a hash chain: an entry holds the BLAKE2b-256 hash
 * of the entry before it and its own, over length-prefixed fields (as the
 * audit chain, store/audit.h); the work keeps the head, shown publicly and
 * printed in the final accounts. ledger_verify() recomputes every chain.
 *
 * Who writes: the work's managers (ACT_MANAGE_WORKS: the community head, a
 * ward officer) record every kind; the treasurer named for the work records
 * pledges, contributions, in kind, sponsors and refunds, not expenses. A
 * household gives only to a work of its own unit (or a unit above it), and
 * from households only while the work collects or builds, after its
 * decision passed.
 */
#ifndef DV_DOMAIN_WORKS_LEDGER_H
#define DV_DOMAIN_WORKS_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "base/token.h"
#include "domain/ctx.h"
#include "domain/works/work.h"

#define ENTRY_TEXT_MAX	   200 /* party, item, advance source */
#define ENTRY_NOTE_MAX	   1000
#define ENTRY_RECEIPT_MAX  30
#define ENTRY_QUANTITY_MAX 60
#define ENTRY_PAGE_MAX	   500

#define LEDGER_KINDS(X)                                                                             \
	X(EK_PLEDGE, "pledge", N_("Pledge"))                                                       \
	X(EK_CONTRIBUTION, "contribution", N_("Contribution"))                                     \
	X(EK_IN_KIND, "in_kind", N_("In kind"))                                                    \
	X(EK_SPONSOR, "sponsor", N_("Sponsor"))                                                    \
	X(EK_EXPENSE, "expense", N_("Expense"))                                                    \
	X(EK_REFUND, "refund", N_("Refund"))                                                       \
	X(EK_CORRECTION, "correction", N_("Correction"))
DV_ENUM(ledger_kind, EK_COUNT, LEDGER_KINDS);

/* How money or goods came: cash and transfers for contributions, sponsors
 * and refunds; materials and labour days for in kind. */
#define ENTRY_METHODS(X)                                                                           \
	X(EM_NONE, "", N_("Not said"))                                                             \
	X(EM_CASH, "cash", N_("Cash"))                                                             \
	X(EM_TRANSFER, "transfer", N_("Bank transfer"))                                            \
	X(EM_MATERIALS, "materials", N_("Materials"))                                              \
	X(EM_LABOUR, "labour", N_("Labour days"))
DV_ENUM(entry_method, EM_COUNT, ENTRY_METHODS);

/* An expense's state: a board member's decision. */
#define SIGNOFFS(X)                                                                                \
	X(SO_PENDING, "", N_("Waiting for the board's sign-off"))                                  \
	X(SO_APPROVED, "approved", N_("Signed off by the board"))                                  \
	X(SO_REFUSED, "refused", N_("Refused by the board"))
DV_ENUM(signoff, SO_COUNT, SIGNOFFS);

/* Does an entry of this kind bring money in, take it out, or neither
 * (pledges)? +1, -1 or 0; a correction's effect is its own. */
int ledger_kind_sign(enum ledger_kind k);

struct entry {
	int64_t id;
	int64_t work_id;
	int64_t seq; /* 1, 2, ... within the work */
	enum ledger_kind kind;
	int64_t amount; /* positive */
	int64_t effect; /* a correction's signed effect on the balance; 0 otherwise */
	int64_t household_id;
	const char *household_code; /* "" without a household */
	const char *house_no;	    /* the address's first part: "Số 12/3" */
	/* the representative's name: "" unless the household agreed to show it
	 * or the reader manages the work */
	const char *household_name;
	int source; /* enum work_source, -1 for none */
	const char *party, *item, *quantity, *note, *advance, *receipt_no;
	enum entry_method method;
	int64_t corrects; /* the entry a correction corrects */
	int32_t on_date;
	const char *recorded_by;
	int64_t recorded_by_id;
	int64_t recorded_at;
	const char *prev_hash, *hash;
	int counted;	      /* counts in the money: a signed-off expense, anything but a pledge */
	enum signoff signoff; /* expenses */
	const char *signoff_by, *signoff_reason;
	int64_t signoff_at;
	size_t nfiles; /* the invoice's photos or PDFs */
};

struct entry_input {
	const char *kind;	/* ledger_kind_name */
	int64_t household_id;	/* or 0 */
	const char *household;	/* or a household's registry code; NULL or "" */
	const char *amount;	/* "1.500.000", "1500000 đ" */
	const char *effect;	/* a correction's signed effect: "-500.000" */
	const char *source;	/* work_source_name: sponsors and in kind (not households) */
	const char *party;	/* the sponsor, the supplier, who is refunded */
	const char *method;	/* entry_method_name */
	const char *receipt_no; /* a contribution's receipt; NULL or "" to number it */
	const char *item;	/* what was bought or given */
	const char *quantity;
	const char *note;    /* why (a correction), or a note */
	const char *advance; /* who advances the money an expense overdraws */
	int64_t corrects;    /* the entry a correction corrects */
	const char *on_date; /* dd/mm/yyyy; NULL or "" for today */
	int show_name;	     /* the household agreed to show its name (contributions) */
};

/* Record an entry (see above for who and when); *id_out gets its id.
 * DV_EINVAL names the field at fault, DV_ECONFLICT for a work that cannot
 * take the entry now (with the reason), DV_EPERM for who may not. */
int entry_record(struct dv_ctx *ctx, int64_t work_id, const struct entry_input *in,
		 int64_t *id_out);

/* One entry of a work (public). DV_ENOTFOUND unless it belongs to it. */
int entry_get(struct dv_ctx *ctx, int64_t work_id, int64_t entry_id, struct entry *e);

struct entry_filter {
	int kind;	      /* -1: every kind */
	int64_t household_id; /* 0: every household */
	int oldest_first;     /* else newest first */
};
/* A page of a work's entries. Arena array; *more when a next page exists. */
int entry_list(struct dv_ctx *ctx, int64_t work_id, const struct entry_filter *f, int64_t offset,
	       int limit, struct entry **out, size_t *n, int *more);

/* Every entry of a work, oldest first, one at a time (CSV, XLSX): fn is
 * called with each; a non-zero return stops and is returned. */
int entry_each(struct dv_ctx *ctx, int64_t work_id, int (*fn)(const struct entry *e, void *arg),
	       void *arg);

/* A board member's sign-off of an expense waiting for it: approve, or
 * refuse with a reason. The member must sit on the work's board now and
 * not have recorded the expense; once decided it stays decided
 * (DV_ECONFLICT). An approval that would take the balance below zero needs
 * the advance source recorded with the expense. */
int entry_signoff(struct dv_ctx *ctx, int64_t work_id, int64_t entry_id, int approve,
		  const char *reason);

/* ---------------------------------------------------------- the chain */

/* The hash of an entry given the previous hash and its fields (exposed so a
 * test can check the definition). */
void ledger_entry_hash(char out[HASH_HEX_LEN + 1], const char *prev_hash, const struct entry *e);

struct ledger_report {
	int64_t works;	 /* ledgers checked */
	int64_t entries; /* entries checked */
	int64_t work_id; /* the first broken ledger's work, 0 if every chain holds */
	int64_t entry_id;
	int64_t seq;
	char reason[200];
};

/* Recompute every work's chain, its sign-offs and its kept totals. 0
 * whether or not they hold (read report->work_id); an error only if the
 * database cannot be read. */
int ledger_verify(struct dv_ctx *ctx, struct ledger_report *report);

#endif

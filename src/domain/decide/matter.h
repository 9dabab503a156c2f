/*
 * Matters a community decides (dân bàn, Law 10/2022/QH15 Art. 15-19).
 *
 * A matter has one of the six types of Art. 15, belongs to a community
 * (neighborhood, village, residential group), and is decided in one of three
 * forms (Art. 17): a community meeting, a ballot to each household, or an
 * online vote. Types 3, 4 and 5 are decided only at a meeting; an online
 * vote is allowed only for type 6, and only once the community head and the
 * front work committee have recorded their agreement. A refused form says
 * which article forbids it.
 *
 * Life: draft -> open (ballots issued to every household, with a deadline)
 * -> closed (at the deadline: the result, with the threshold in force, and
 * the public tally of receipts). Drafts are seen by those who may convene
 * the community; open and closed matters are public.
 */
#ifndef DV_DOMAIN_MATTER_H
#define DV_DOMAIN_MATTER_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/names.h"
#include "domain/ctx.h"

#define MATTER_TITLE_MAX 200
#define MATTER_BODY_MAX 20000
#define MATTER_OPTION_MAX 120 /* characters in an option's label */
#define MATTER_OPTIONS_MAX 10
#define MATTER_PAGE_MAX 100
#define MATTER_DAYS_MAX 60 /* the longest a vote may stay open */

/* The six types of Art. 15, numbered as in the law. */
enum matter_type {
	MT_CONTRIBUTIONS = 1, /* policy and levels of contributions to public works */
	MT_FUNDS = 2,	      /* collecting, spending, managing contributions and funds */
	MT_RULES = 3,	      /* community rules (hương ước, quy ước) */
	MT_HEAD = 4,	      /* electing or dismissing the community head */
	MT_BOARDS = 5,	      /* electing or dismissing inspection and supervision boards */
	MT_OTHER = 6	      /* other lawful self-managed matters */
};
#define MT_FIRST 1
#define MT_LAST 6

const char *matter_type_label(int type); /* English msgid */

#define MATTER_FORMS(X)                                     \
	X(FORM_MEETING, "meeting", N_("Community meeting")) \
	X(FORM_BALLOT, "ballot", N_("Household ballots"))   \
	X(FORM_ONLINE, "online", N_("Online vote"))
DV_ENUM(matter_form, FORM_COUNT, MATTER_FORMS);

#define MATTER_STATUSES(X)                    \
	X(MS_DRAFT, "draft", N_("Draft"))     \
	X(MS_OPEN, "open", N_("Voting open")) \
	X(MS_CLOSED, "closed", N_("Closed"))
DV_ENUM(matter_status, MS_STATUS_COUNT, MATTER_STATUSES);

/*
 * May a matter of `type` be decided by `form`? 0, or DV_EINVAL (field
 * "form") with the rule and its article. With check_agreement, an online
 * vote also needs both agreements.
 */
int matter_form_check(struct dv_err *err, int type, enum matter_form form, int check_agreement,
		      int head_agreed, int front_agreed);

struct matter_option {
	const char *code; /* "yes", "no", "abstain", or "1", "2", ... */
	const char *label;
	int64_t votes; /* counted at closing */
};

struct matter_result {
	int passed;
	int64_t eligible; /* households */
	int64_t cast;	  /* ballots cast */
	int64_t yes, no, abstain;
	int threshold;	  /* the percentage in force when it closed */
	int64_t present;  /* a meeting: representatives present; -1 otherwise */
	const char *winner; /* a choice matter: the option that passed, or NULL */
};

struct matter {
	int64_t id;
	int64_t unit_id;
	const char *unit_name;
	int type;
	enum matter_form form;
	int yesno; /* options yes, no, abstain; else the matter's own */
	enum matter_status status;
	const char *title;
	const char *body; /* Markdown */
	int64_t opened_at, closes_at, closed_at;
	int64_t eligible, cast; /* cast: ballots cast so far */
	size_t noptions;
	struct matter_option options[MATTER_OPTIONS_MAX + 1];
	int head_agreed, front_agreed;
	int has_result; /* closed: result and tally_sha256 hold */
	int result_voted; /* the result has counts (a meeting that was not quorate has none) */
	struct matter_result result;
	const char *tally_sha256;
	int64_t created_at;
	int may_manage; /* the actor may convene this community */
};

struct matter_input {
	int64_t unit_id; /* for a new matter */
	int type;
	const char *form;
	const char *title;
	const char *body;
	/* NULL for a yes/no matter; else 2 to MATTER_OPTIONS_MAX labels */
	const char *const *options;
	size_t noptions;
};

/* A draft, by someone who may convene the community (its head). */
int matter_create(struct dv_ctx *ctx, const struct matter_input *in, int64_t *id_out);
/* Change a draft. */
int matter_update(struct dv_ctx *ctx, int64_t id, const struct matter_input *in);

/* The head or the front work committee records its agreement to an online
 * vote (the role comes from the actor's grants); DV_EPERM for anyone else. */
int matter_agree(struct dv_ctx *ctx, int64_t id);

/*
 * Open voting until `closes_at` (an instant; at least an hour and at most
 * MATTER_DAYS_MAX days away): one ballot with a random receipt code for each
 * active household of the community. Meetings are not opened this way.
 */
int matter_open(struct dv_ctx *ctx, int64_t id, int64_t closes_at);

/*
 * Read a matter the actor may see. An open matter whose deadline has passed
 * is closed first (its result and tally written), so every reader after the
 * deadline sees the same closed matter.
 */
int matter_get(struct dv_ctx *ctx, int64_t id, struct matter *m);

/* The reason a closed matter passed or failed, in the context's language
 * (arena string). */
const char *matter_reason(struct dv_ctx *ctx, const struct matter *m);

struct matter_filter {
	int64_t unit_id; /* 0: all; else the unit's subtree */
	int status;	 /* -1: open and closed; else one status (drafts need convene rights) */
};

int matter_list(struct dv_ctx *ctx, const struct matter_filter *f, int64_t offset, int limit,
		struct matter **out, size_t *n, int *more);

/* ------------------------------------------------------------- ballots */

#define RECEIPT_LEN 11 /* "K7M2Q-9XAZT" */

/*
 * The actor's household votes: `choice` is an option code. Needs the
 * household's ACT_VOTE (its representative), an open matter before its
 * deadline, and a ballot issued to the household. A ballot is cast once:
 * DV_ECONFLICT if it was cast already. *receipt is the ballot's code.
 */
int ballot_cast(struct dv_ctx *ctx, int64_t matter_id, const char *choice, const char **receipt);

/* The actor's household's ballot: its receipt, and its choice or "" if not
 * cast. DV_ENOTFOUND if the household has none. */
int ballot_mine(struct dv_ctx *ctx, int64_t matter_id, const char **receipt, const char **choice);

struct tally_row {
	const char *receipt;
	const char *choice;
};

/*
 * Paper ballots, entered twice by the counting team (the head, the front
 * committee, a ward officer: ACT_RECORD_REACH on the community), each entry
 * by another person. The ballot counts when two entries agree; a mismatch
 * waits for one of them to re-enter (their own entry is replaced). A
 * receipt already cast online stays as it is.
 */
enum paper_state {
	PAPER_WAITING,	/* one entry so far */
	PAPER_COUNTED,	/* two entries agree: cast */
	PAPER_MISMATCH, /* two entries differ: not counted */
	PAPER_ALREADY	/* the ballot was cast already (online, or counted) */
};

int ballot_paper_enter(struct dv_ctx *ctx, int64_t matter_id, const char *receipt,
		       const char *choice, enum paper_state *state);

struct ballot_sheet {
	const char *address;
	const char *representative;
	const char *receipt;
};

/* The households of an open ballot matter with their receipts, for printing
 * the paper ballots (the head: whoever hands them out knows whose is whose,
 * as with any paper ballot). */
int ballot_sheets(struct dv_ctx *ctx, int64_t matter_id, struct ballot_sheet **out, size_t *n);

struct paper_mismatch {
	const char *receipt;
	const char *first, *second; /* the two choices entered */
};

/* The receipts whose entries disagree, and how many wait for a second. */
int ballot_paper_status(struct dv_ctx *ctx, int64_t matter_id, struct paper_mismatch **out,
			size_t *n, int64_t *waiting);

/* The cast ballots of a closed matter by receipt (DV_ECONFLICT before it
 * closes). Anyone may read it: it names no household. */
int matter_tally(struct dv_ctx *ctx, int64_t id, struct tally_row **out, size_t *n);

/* The tally as CSV ("receipt,choice" and one line per ballot, by receipt),
 * the bytes whose SHA-256 is published and written into the audit chain. */
void tally_csv(struct buf *out, const struct tally_row *v, size_t n);

/* Close every open matter whose deadline has passed (returns how many). */
int matter_close_due(struct dv_ctx *ctx, int *closed);

#endif

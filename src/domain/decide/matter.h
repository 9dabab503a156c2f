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
 * MATTER_DAYS_MAX days away): every active household of the community goes
 * on the matter's roll. Meetings are not opened this way.
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

/*
 * Ballot secrecy. Nothing the system keeps ties a household to its
 * receipt: the roll says which households took part and how (online, or
 * by signing for a paper ballot), the box holds receipts and choices with
 * no household, account or time. An online receipt is drawn when the
 * household votes and given back that once; a paper receipt is printed on
 * an anonymous slip whose stub the household keeps. So no page, API or
 * document can pair them, and only the household, holding its receipt,
 * finds its ballot in the public tally. docs/ARCHITECTURE.md, "Ballot
 * secrecy", says who sees what.
 */

#define RECEIPT_LEN 11 /* "K7M2Q-9XAZT" */
#define BALLOT_PRINT_MAX 2000 /* paper ballots printed at a time */

/*
 * The actor's household votes online: `choice` is an option code. Needs
 * the household's ACT_VOTE (its representative), an open matter before its
 * deadline, and the household on the matter's roll. A household votes
 * once, and not online once it signed for a paper ballot: DV_ECONFLICT.
 * *receipt (arena) is the ballot's code, drawn now: the only time the
 * system gives it out.
 */
int ballot_cast(struct dv_ctx *ctx, int64_t matter_id, const char *choice, const char **receipt);

/* How the actor's household took part: "" not yet, "online", or "paper"
 * (it signed for a paper ballot). DV_ENOTFOUND if it is not on the roll. */
int ballot_mine(struct dv_ctx *ctx, int64_t matter_id, const char **how);

struct tally_row {
	const char *receipt;
	const char *choice;
};

/*
 * Paper ballots of household ballots (form "ballot", while voting is open).
 *
 * The head prints anonymous slips (ballot_print); whoever hands them out
 * records on the distribution list each household that signs for one
 * (ballot_hand), and the representative draws a slip from the stack. The
 * counting team (the head, the front committee, a ward officer:
 * ACT_RECORD_REACH on the community) enters each returned slip twice, each
 * entry by another person: it counts when two entries agree; a mismatch
 * waits for one of them to re-enter (their own entry is replaced). No more
 * paper ballots count than households signed for one.
 */
enum paper_state {
	PAPER_WAITING,	/* one entry so far */
	PAPER_COUNTED,	/* two entries agree: cast */
	PAPER_MISMATCH, /* two entries differ: not counted */
	PAPER_ALREADY	/* the ballot was counted already */
};

int ballot_paper_enter(struct dv_ctx *ctx, int64_t matter_id, const char *receipt,
		       const char *choice, enum paper_state *state);

/*
 * Print `count` paper ballots (0: one for each household that has neither
 * voted online nor signed for one), at most BALLOT_PRINT_MAX: fresh receipts
 * for no household in particular, in *receipts (arena, n of them). Needs
 * ACT_CONVENE_MEETINGS (the head); DV_ECONFLICT unless voting by household
 * ballots is open, DV_EINVAL for a count out of range.
 */
int ballot_print(struct dv_ctx *ctx, int64_t matter_id, int64_t count, const char ***receipts,
		 size_t *n);

/* A household on a matter's roll, for the distribution list. */
struct roll_row {
	int64_t household_id;
	const char *address;
	const char *representative; /* may be "" */
	const char *how;	    /* "", "online", "paper" */
};

#define ROLL_PAGE_MAX 500

/*
 * The roll of a matter decided by household ballots, by address: every
 * household, or those whose address or representative's name contains
 * `query` (NULL or "" for all), at most `limit` (0: all). It carries no
 * receipt: there is none to carry. Needs ACT_RECORD_REACH.
 */
int ballot_roll(struct dv_ctx *ctx, int64_t matter_id, const char *query, int limit,
		struct roll_row **out, size_t *n);

/* The household signed for a paper ballot: it will not vote online.
 * DV_ECONFLICT if it voted online or signed already, or voting is not open;
 * DV_EINVAL if it is not on the roll. Needs ACT_RECORD_REACH. */
int ballot_hand(struct dv_ctx *ctx, int64_t matter_id, int64_t household_id);

struct paper_counts {
	int64_t printed; /* paper receipts printed */
	int64_t handed;	 /* households that signed for a paper ballot */
	int64_t counted; /* paper ballots counted */
	int64_t online;	 /* households that voted online */
};

/* The counts of the distribution list (ACT_RECORD_REACH). */
int ballot_paper_counts(struct dv_ctx *ctx, int64_t matter_id, struct paper_counts *c);

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

/* What the year-end review and the plans' indicators read of the matters of
 * a unit's subtree closed within the days [from, to] (YYYYMMDD): how many
 * were decided and passed, and how many households were called to decide
 * them and took part (cast a ballot, or were present at the meeting).
 * Public counts. */
struct matter_figures {
	int64_t decided, passed, eligible, took_part;
};
int matter_figures(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
		   struct matter_figures *f);

#endif

/*
 * The People's Inspection Board at work: it opens cases (from a citizen
 * report, a complaint, or on its own), records what it checked and what it
 * found, and sends recommendations to the authority, which must answer
 * each within RULE_BOARD_ANSWER_DAYS days (accepted, partly, not
 * accepted, with its reasons). The board's members (ACT_INSPECT on the
 * ward) do the work once the board is constituted; the ward's officers
 * (ACT_ANSWER_INSPECTION) answer.
 *
 * Everything is public but personal data: a complaint's complainant is
 * seen only by the board and the authority, and a case made from a report
 * shows only what the report's public page shows (a private report's case
 * shows no link to it).
 */
#ifndef DV_DOMAIN_REPORTS_INSPECTION_H
#define DV_DOMAIN_REPORTS_INSPECTION_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define CASE_TITLE_MAX	     200
#define CASE_TEXT_MAX	     4000
#define CASE_COMPLAINANT_MAX 200
#define CASE_PAGE_MAX	     100

#define CASE_SOURCES(X)                                                                            \
	X(CASE_REPORT, "report", N_("A citizen report"))                                           \
	X(CASE_COMPLAINT, "complaint", N_("A complaint"))                                          \
	X(CASE_OWN, "own", N_("The board's own initiative"))
DV_ENUM(case_source, CASE_SOURCE_COUNT, CASE_SOURCES);

#define CASE_STATUSES(X)                                                                           \
	X(CASE_OPEN, "open", N_("Open"))                                                           \
	X(CASE_CLOSED, "closed", N_("Closed"))
DV_ENUM(case_status, CASE_STATUS_COUNT, CASE_STATUSES);

#define ENTRY_KINDS(X)                                                                             \
	X(ENTRY_CHECK, "check", N_("What was checked"))                                            \
	X(ENTRY_FINDING, "finding", N_("Finding"))
DV_ENUM(entry_kind, ENTRY_KIND_COUNT, ENTRY_KINDS);

#define OUTCOMES(X)                                                                                \
	X(OUTCOME_NONE, "", N_("Not answered yet"))                                                \
	X(OUTCOME_ACCEPTED, "accepted", N_("Accepted"))                                            \
	X(OUTCOME_PARTLY, "partly", N_("Partly accepted"))                                         \
	X(OUTCOME_REJECTED, "rejected", N_("Not accepted"))
DV_ENUM(outcome, OUTCOME_COUNT, OUTCOMES);

struct inspection_entry {
	int64_t id;
	enum entry_kind kind;
	const char *text;
	int32_t on_date;
};

struct inspection_rec {
	int64_t id;
	int64_t case_id;
	const char *case_title;
	const char *text;
	int32_t sent_on, due;
	enum outcome outcome;
	const char *answer;
	int64_t answered_at;
	int overdue; /* not answered by its due day, now */
};

struct inspection_case {
	int64_t id;
	int64_t ward_id;
	const char *ward_name;
	enum case_source source;
	int64_t report_id; /* 0, or a report the actor may see */
	const char *title;
	const char *subject; /* what is inspected */
	enum case_status status;
	int32_t opened_on, closed_on;
	const char *conclusion;
	const char *complainant; /* the board and the authority only; else "" */
	int64_t recommendations, answered, overdue;
	int may_work;	/* the board: add checks, findings, recommendations, close */
	int may_answer; /* the authority */
	/* filled by inspection_case_get */
	size_t nentries;
	struct inspection_entry *entries;
	size_t nrecs;
	struct inspection_rec *recs;
};

struct case_input {
	const char *source;	 /* case_source_name */
	int64_t report_id;	 /* for source "report" */
	const char *complainant; /* for source "complaint": kept from the public */
	const char *title;
	const char *subject;
};

/* Open a case (ACT_INSPECT on the ward, a constituted board). A report
 * must be one of the ward's that the actor may see. */
int inspection_case_open(struct dv_ctx *ctx, int64_t ward_id, const struct case_input *in,
			 int64_t *id);
/* A case with its entries and recommendations (public). */
int inspection_case_get(struct dv_ctx *ctx, int64_t id, struct inspection_case *c);
/* The ward's cases, newest first; opened in [from, to] (YYYYMMDD, 0 leaves a
 * side open). */
int inspection_case_list(struct dv_ctx *ctx, int64_t ward_id, int32_t from, int32_t to,
			 int64_t offset, int limit, struct inspection_case **out, size_t *n,
			 int *more);

/* Record what was checked or found, on a day (dd/mm/yyyy or ISO; "" for
 * today; not in the future). */
int inspection_entry_add(struct dv_ctx *ctx, int64_t case_id, const char *kind, const char *text,
			 const char *on_date, int64_t *id);
/* Send a recommendation to the authority: due RULE_BOARD_ANSWER_DAYS days
 * from today. */
int inspection_recommend(struct dv_ctx *ctx, int64_t case_id, const char *text, int64_t *id);
/* The authority answers (outcome_name, and its answer: required). Answering
 * again replaces it while the case is open. */
int inspection_answer(struct dv_ctx *ctx, int64_t rec_id, const char *outcome, const char *answer);
/* The case a recommendation belongs to; DV_ENOTFOUND. */
int inspection_rec_case(struct dv_ctx *ctx, int64_t rec_id, int64_t *case_id);
/* Close a case with its conclusion (required). */
int inspection_case_close(struct dv_ctx *ctx, int64_t case_id, const char *conclusion);

/* The ward's recommendations sent in [from, to] (YYYYMMDD), oldest first,
 * with their case's title: for the quarterly report. */
int inspection_recs_between(struct dv_ctx *ctx, int64_t ward_id, int32_t from, int32_t to,
			    struct inspection_rec **out, size_t *n);

/* Quarter q (1-4) of year y as [from, to] YYYYMMDD; DV_EINVAL otherwise. */
int inspection_quarter(struct dv_err *err, int year, int q, int32_t *from, int32_t *to);

#endif

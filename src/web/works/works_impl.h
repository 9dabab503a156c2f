/*
 * Private to web/works/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_WORKS_IMPL_H
#define DV_WEB_WORKS_IMPL_H

#include "domain/works/ledger.h"
#include "domain/works/share.h"
#include "domain/works/work.h"
#include "web/form.h"
#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_works(struct req *r);
int page_work(struct req *r);
int page_work_households(struct req *r);
int page_work_entry(struct req *r);
int page_work_receipt(struct req *r);
int page_work_ledger_csv(struct req *r);
int page_work_ledger_xlsx(struct req *r);
int page_work_file(struct req *r);
int page_work_thumb(struct req *r);
int page_work_new(struct req *r);
int page_work_create(struct req *r);
int page_work_edit(struct req *r);
int page_work_update(struct req *r);
int page_work_decision(struct req *r);
int page_work_treasurer(struct req *r);
int page_work_status(struct req *r);
int page_work_accept(struct req *r);
int page_work_plan(struct req *r);
int page_work_settle(struct req *r);
int page_work_cancel(struct req *r);
int page_work_entry_add(struct req *r);
int page_work_signoff(struct req *r);
int page_work_entry_file(struct req *r);
int page_work_board(struct req *r);
int page_work_finding(struct req *r);
int page_work_milestone(struct req *r);
int page_work_milestone_file(struct req *r);
int page_work_share(struct req *r);
int page_work_consent(struct req *r);
int api_works(struct req *r);
int api_work_create(struct req *r);
int api_work(struct req *r);
int api_work_entry_add(struct req *r);
int api_work_ledger(struct req *r);
int api_work_signoff(struct req *r);

/* After an action on work r->params[0]: back to its page (303, at `anchor`
 * when not NULL), or the page again with the error on top for a refused
 * one. */
int work_page_after(struct req *r, int rc, const char *anchor);

/* ------------------------------------------------------------- pieces */

/* "1.250.000 ₫" in the arena. */
const char *works_money(struct req *r, int64_t v);
/* An entry's giver or payee as the public sees it: a household's code and
 * house number (and its name when shown), or the named party. */
const char *works_who(struct req *r, const struct entry *e);
/* An entry's state: counted, waiting for the board, refused. */
const char *works_entry_state(struct req *r, const struct entry *e);

/* The work's money: by source against the plan, in kind, pledged, spent,
 * refunded, corrections, the balance and what waits for the board. */
void works_money_table(struct req *r, const struct work *w);
/* A table of ledger entries, each linking to its own page. */
void works_entries_table(struct req *r, const struct work *w, const struct entry *v, size_t n,
			 const char *caption);
/* One work as an item of a list: kind, name, place, status, money, progress. */
void works_item(struct req *r, const struct work *w);

/* The forms of the work's page for those who may use them (work_tools.c):
 * recording an entry, the decision, the steps, the board, progress,
 * households' shares; a member's sign-offs and findings. */
int works_tools(struct req *r, const struct work *w, const struct form_errors *fe);

#endif

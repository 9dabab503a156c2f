/*
 * Private to web/titles/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_TITLES_IMPL_H
#define DV_WEB_TITLES_IMPL_H

#include "domain/titles/title.h"
#include "web/form.h"
#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_titles(struct req *r);
int page_title_new(struct req *r);
int page_title_create(struct req *r);
int page_title_round(struct req *r);
int page_title_register(struct req *r);
int page_title_decide(struct req *r);
int page_title_publish(struct req *r);
int page_title_unit(struct req *r);
int page_title_meeting(struct req *r);
int page_title_propose(struct req *r);
int page_title_vote(struct req *r);
int page_title_exclude(struct req *r);
int page_title_evaluate(struct req *r);
int api_titles(struct req *r);
int api_title_create(struct req *r);
int api_title_round(struct req *r);
int api_title_register(struct req *r);
int api_title_meeting(struct req *r);
int api_title_propose(struct req *r);
int api_title_decide(struct req *r);
int api_title_publish(struct req *r);
int api_title_vote(struct req *r);
int api_title_exclude(struct req *r);
int api_title_evaluate(struct req *r);
int api_household_titles(struct req *r);

/* Back to the round's page after an action (round_id), or the page again
 * with the error. */
int title_round_after(struct req *r, int64_t round_id, int rc);
/* Back to a community's sheet (round_id, unit_id) after an action. */
int title_unit_after(struct req *r, int64_t round_id, int64_t unit_id, int rc);

/* "Gia đình văn hóa 2026", arena string. */
const char *title_round_name(struct req *r, const struct title_round *t);

#endif

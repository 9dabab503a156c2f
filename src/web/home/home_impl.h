/*
 * Private to web/home/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_HOME_IMPL_H
#define DV_WEB_HOME_IMPL_H

#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_home(struct req *r);
int page_units(struct req *r);
int page_unit(struct req *r);
int page_search(struct req *r);
int page_me(struct req *r);
int page_rules(struct req *r);
int page_rules_post(struct req *r);
int api_rules(struct req *r);

/* The search form (GET /search), kept to unit_id when not 0, with q in it. */
void home_search_box(struct req *r, int64_t unit_id, const char *q);

#endif

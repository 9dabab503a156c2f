/*
 * The decide family of pages and API handlers (what communities decide:
 * matters, household ballots, paper ballots, meetings, head elections): what
 * the rest of the web layer may use of it.
 */
#ifndef DV_WEB_DECIDE_H
#define DV_WEB_DECIDE_H

#include <stdint.h>

#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route decide_routes[];
extern const size_t decide_routes_n;

struct todo;
/* /me: the matters a head has drafted and not put to the community yet. */
int decide_todo(struct req *r, struct todo *t);
/* /me: a household's ballots to cast and the meetings called in its
 * community (unit_id: the household's). */
int decide_household_todo(struct req *r, struct todo *t, int64_t unit_id);

/* A unit's home (and the deployment's, unit_id 0): the votes open in its
 * subtree with their deadline and turnout, the meetings called with their
 * time and place, and the way to all its matters. Public. */
int decide_unit_section(struct req *r, int64_t unit_id);

#endif

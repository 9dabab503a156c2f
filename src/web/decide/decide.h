/*
 * The decide family of pages and API handlers (what communities decide:
 * matters, household ballots, paper ballots, meetings, head elections): what
 * the rest of the web layer may use of it.
 */
#ifndef DV_WEB_DECIDE_H
#define DV_WEB_DECIDE_H

#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route decide_routes[];
extern const size_t decide_routes_n;

#endif

/*
 * The works family of pages and API handlers (co-funded community works:
 * their public page and ledger, the head's and the treasurer's forms, the
 * supervision board's sign-offs, receipts): what the rest of the web layer
 * may use of it.
 */
#ifndef DV_WEB_WORKS_H
#define DV_WEB_WORKS_H

#include <stdint.h>

#include "web/http.h"
#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route works_routes[];
extern const size_t works_routes_n;

/* A unit's page: the works of its subtree (the latest few, with their
 * money and progress) and what they delivered in all, by kind and by
 * source; nothing when it has none. Public. */
int works_unit_section(struct req *r, int64_t unit_id);

/* /me: the household's works, its share of each (due, pledged, given,
 * exempt or reduced), its entries with their receipts, and whether its
 * name is shown. Nothing when it has none. */
int works_me_section(struct req *r, int64_t household_id);

struct todo;
/* /me: expenses waiting for the actor's sign-off on the boards it sits on. */
int works_todo(struct req *r, struct todo *t);

#endif

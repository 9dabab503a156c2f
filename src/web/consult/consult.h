/*
 * The consult family of pages and API handlers (drafts residents comment on,
 * and their synthesis): what the rest of the web layer may use of it.
 */
#ifndef DV_WEB_CONSULT_H
#define DV_WEB_CONSULT_H

#include <stdint.h>

#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route consult_routes[];
extern const size_t consult_routes_n;

struct todo;
/* /me: the opinions left to answer on the closed drafts the actor consults on. */
int consult_todo(struct req *r, struct todo *t);
/* /me: the drafts open for comments where the household lives. */
int consult_household_todo(struct req *r, struct todo *t, int64_t unit_id);

/* A unit's home (and the deployment's, unit_id 0): the drafts open for
 * comments there, with their closing time and opinions so far. Nothing
 * when there is none. Public. */
int consult_unit_section(struct req *r, int64_t unit_id);

#endif

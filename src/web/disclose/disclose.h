/*
 * The disclose family of pages and API handlers (public disclosure: notices,
 * their categories, duties, reach and files; news; feeds): what the rest of
 * the web layer may use of it.
 */
#ifndef DV_WEB_DISCLOSE_H
#define DV_WEB_DISCLOSE_H

#include "web/http.h"
#include <stdint.h>

#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route disclose_routes[];
extern const size_t disclose_routes_n;

/* /me: the notices that concern a household, each known or with the
 * button to say so. */
int notice_household_section(struct req *r, int64_t household_id);
struct todo;
/* /me: how many of those the household has not said it knows (a
 * representative's to-do). */
int notice_household_todo(struct req *r, struct todo *t, int64_t household_id);
struct todo;
/* /me: the counts of overdue duties, drafts and expired notices where the
 * actor may publish (nothing for others), each linking /me/notices. */
int notice_todo(struct req *r, struct todo *t);

#endif

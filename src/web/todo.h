/*
 * What needs doing, gathered from every family for /me: each family adds
 * its kinds of work with a count and the page that lists them (duties due,
 * reports overdue, opinions to answer, ballots to cast...), and the page
 * shows them grouped, the urgent first, one line per kind, never one line
 * per item. A family adds nothing when it has nothing for the actor.
 */
#ifndef DV_WEB_TODO_H
#define DV_WEB_TODO_H

#include <stddef.h>
#include <stdint.h>

#include "domain/perm.h"
#include "web/http.h"

#define TODO_MAX 40

struct todo_item {
	const char *label; /* an English msgid with one %lld for the count */
	int64_t count;
	const char *href;  /* the page that lists them */
	int urgent;	   /* overdue: shown first and marked */
};

struct todo {
	size_t n;
	struct todo_item v[TODO_MAX];
};

/* Add a kind of work (nothing when count is 0; the label and href are kept
 * as given: string literals or arena strings). */
void todo_add(struct todo *t, const char *label, int64_t count, const char *href, int urgent);

/* Call each(r, t, unit) for every unit where one of the actor's grants
 * allows `act` (a family's work per unit it serves); stops at an error. */
int todo_each_unit(struct req *r, struct todo *t, enum action act,
		   int (*each)(struct req *r, struct todo *t, int64_t unit_id));

/* The list, under `heading`: urgent kinds first, then the others, each
 * "count things" linking to its page; `empty` when there is nothing. */
void todo_render(struct req *r, const struct todo *t, const char *heading, const char *empty);

#endif

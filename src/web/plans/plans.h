/*
 * The plans family of pages and API handlers (the year's plans and tasks,
 * periodic reports rolled up, the year-end review): what the rest of the
 * web layer may use of it.
 */
#ifndef DV_WEB_PLANS_H
#define DV_WEB_PLANS_H

#include <stdint.h>

#include "web/http.h"
#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route plans_routes[];
extern const size_t plans_routes_n;

/* A unit's latest published review (the unit's own, else of the nearest
 * unit above it that has one): its year and title, its public page and its
 * PDF (a path holding "review" and ending in ".pdf"). */
struct plans_review_link {
	int found;
	int64_t review_id;
	int64_t unit_id;
	const char *unit_name;
	int year;
	const char *title;
	const char *page; /* /reviews/ID */
	const char *pdf;  /* /reviews/ID/review.pdf */
};

/* Fill *out (found 0 when there is none). For the home page (unit_id 0:
 * the latest published anywhere) and a unit's page. 0 or a domain error. */
int plans_latest_review(struct req *r, int64_t unit_id, struct plans_review_link *out);

/*
 * A unit's page (unit_id 0: the home page): "The year's work": the latest
 * published review linking its page and its PDF, this year's adopted plans
 * with their key indicators (target, value now, last year), and the ways
 * to the plans, the periodic reports and the reviews; for officers, what
 * they may start there. Public; cacheable (nothing in it depends on the
 * reader but the officers' links, shown to accounts only). 0 or a domain
 * error.
 */
int plans_unit_section(struct req *r, int64_t unit_id);

/* What an officer has to do in this family, counted for /me. */
struct plans_me {
	int64_t tasks_open;	 /* tasks given to its units or organizations, not done */
	int64_t tasks_overdue;	 /* of them, past their deadline */
	int64_t tasks_soon;	 /* of them, due within the rule task_soon_days */
	int64_t reports_missing; /* periodic reports past their deadline, not sent */
	int64_t reports_due;	 /* periodic reports due within task_soon_days */
	const char *tasks_href;	  /* a page listing them: /tasks */
	const char *reports_href; /* the first unit's periodic reports */
};

/* The counts of *out for the logged-in actor (all 0 for a resident or
 * anonymous). 0 or a domain error. */
int plans_me_counts(struct req *r, struct plans_me *out);

/* /me's section "Tasks and periodic reports": the actor's overdue and
 * soon-due tasks, the reports it still has to send, each linking its
 * page; nothing when it has none. 0 or a domain error. */
int plans_me_section(struct req *r);

/* /me's to-do lines (web/todo.h): overdue tasks and periodic reports
 * missing (urgent), then tasks due soon and reports to send. */
struct todo;
int plans_todo(struct req *r, struct todo *t);

#endif

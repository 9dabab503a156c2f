/*
 * The reports family of pages and API handlers (citizen reports with their
 * routing and deadlines, the Open311 GeoReport v2 interface, the People's
 * Inspection Board): what the rest of the web layer may use of it.
 */
#ifndef DV_WEB_REPORTS_H
#define DV_WEB_REPORTS_H

#include "web/http.h"
#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route reports_routes[];
extern const size_t reports_routes_n;

/* Refusals under /open311/ in the spec's own shape (route.h). */
extern const struct route_errors reports_open311_errors;

/* A unit's home: a short summary of the reports made in its subtree over
 * the last twelve months (received, resolved on time, open, overdue), with
 * links to report a problem here, the list, the statistics and, for a ward
 * or commune, its People's Inspection Board. Public figures only. */
int reports_unit_summary(struct req *r, int64_t unit_id);

/* /me: the actor's own reports, and for an officer the way to its queue. */
int reports_me_section(struct req *r);
struct todo;
/* /me: an officer's reports overdue and open in its queue, counted. */
int reports_todo(struct req *r, struct todo *t);

#endif

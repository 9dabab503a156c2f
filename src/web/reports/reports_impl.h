/*
 * Private to web/reports/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_REPORTS_IMPL_H
#define DV_WEB_REPORTS_IMPL_H

#include "domain/reports/board.h"
#include "domain/reports/category.h"
#include "domain/reports/inspection.h"
#include "domain/reports/report.h"
#include "web/form.h"
#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_reports(struct req *r);
int page_report_new(struct req *r);
int page_report_create(struct req *r);
int page_report_queue(struct req *r);
int page_reports_mine(struct req *r);
int page_report(struct req *r);
int page_report_act(struct req *r);
int page_report_merge(struct req *r);
int page_report_route(struct req *r);
int page_report_redact(struct req *r);
int page_report_photo_add(struct req *r);
int page_report_photo_redact(struct req *r);
int page_report_confirm(struct req *r);
int page_report_reopen(struct req *r);
int page_report_rate(struct req *r);
int page_report_support(struct req *r);
int page_report_photo(struct req *r);
int page_report_photo_thumb(struct req *r);
int page_report_photo_original(struct req *r);
int page_report_stats(struct req *r);
int page_report_categories(struct req *r);
int page_report_category_new(struct req *r);
int page_report_category_create(struct req *r);
int page_report_category_edit(struct req *r);
int page_report_category_update(struct req *r);
int page_report_bodies(struct req *r);
int page_report_body_create(struct req *r);
int page_report_officer_add(struct req *r);
int page_report_officer_remove(struct req *r);
int page_report_rule_set(struct req *r);
int page_report_apps(struct req *r);
int page_report_app_create(struct req *r);
int page_report_app_revoke(struct req *r);
int page_board(struct req *r);
int page_board_member_add(struct req *r);
int page_board_member_leave(struct req *r);
int page_board_constitute(struct req *r);
int page_case_open(struct req *r);
int page_board_report_pdf(struct req *r);
int page_case(struct req *r);
int page_case_entry(struct req *r);
int page_case_recommend(struct req *r);
int page_case_close(struct req *r);
int page_rec_answer(struct req *r);
int api_reports(struct req *r);
int api_report_create(struct req *r);
int api_report(struct req *r);
int api_report_act(struct req *r);
int api_report_confirm(struct req *r);
int api_report_reopen(struct req *r);
int api_report_rate(struct req *r);
int api_report_support(struct req *r);
int api_report_photo(struct req *r);
int api_report_categories(struct req *r);
int api_report_stats(struct req *r);
int api_board(struct req *r);
int api_case_open(struct req *r);
int api_case(struct req *r);
int api_case_entry(struct req *r);
int api_case_recommend(struct req *r);
int api_rec_answer(struct req *r);
int open311_discovery_json(struct req *r);
int open311_discovery_xml(struct req *r);
int open311_services_json(struct req *r);
int open311_services_xml(struct req *r);
int open311_service_json(struct req *r);
int open311_service_xml(struct req *r);
int open311_requests_json(struct req *r);
int open311_requests_xml(struct req *r);
int open311_post_json(struct req *r);
int open311_post_xml(struct req *r);
int open311_request_json(struct req *r);
int open311_request_xml(struct req *r);
int open311_token_json(struct req *r);
int open311_token_xml(struct req *r);

/* ---------------------------------------------------------- shared pieces */

/* The category's name in the request's language. */
const char *report_category_label(struct req *r, const struct report *rep);
/* A status as a small coloured label (overdue shown as such). */
void report_status_badge(struct req *r, const struct report *rep);
/* One report as an item of a list. */
void report_item(struct req *r, const struct report *rep);
/* A list of reports as items, or a note when there is none. */
void report_items(struct req *r, const struct report *v, size_t n, const char *empty);
/* "Due 20/03/2026 (kept)" and the like. */
void report_deadline_line(struct req *r, const struct report *rep);
/* A duration in days and hours, for the statistics. */
const char *report_duration(struct req *r, int64_t seconds);

/* The report page's tools: those who handle it, and the reporter's. */
void report_officer_tools(struct req *r, const struct report *rep, const struct form_errors *fe);
void report_reporter_tools(struct req *r, const struct report *rep, const struct form_errors *fe);

/* After an action on report r->params[0]: back to it, or the page again
 * with the refusal on top. */
int report_page_after(struct req *r, int rc);
/* After an action on case r->params[0]. */
int case_page_after(struct req *r, int rc);
/* After an action on the board of ward r->params[0]. */
int board_page_after(struct req *r, int rc);

/* A case as a list item, with its recommendations' counts. */
void case_item(struct req *r, const struct inspection_case *c);

/* "2026-2" into year and quarter: DV_EINVAL naming "quarter". Empty: the
 * quarter of today. */
int quarter_parse(struct req *r, const char *s, int *year, int *q);

/* One part of an officer's queue: a body it works for, or a unit its role
 * handles reports in (all of them, or those routed to the community head). */
struct queue_part {
	const char *title;
	struct report_filter f; /* open reports, in the officers' order */
};
/* The parts of the actor's queue (none for a resident). Arena array. */
int report_queue_parts(struct req *r, struct queue_part **out, size_t *n);

#endif

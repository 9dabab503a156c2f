/*
 * Private to web/plans/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_PLANS_IMPL_H
#define DV_WEB_PLANS_IMPL_H

#include "domain/plans/figures.h"
#include "domain/plans/periodic.h"
#include "domain/plans/plan.h"
#include "domain/plans/review.h"
#include "domain/plans/task.h"
#include "web/form.h"
#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_unit_plans(struct req *r);
int page_plan_create(struct req *r);
int page_plan(struct req *r);
int page_plan_update(struct req *r);
int page_plan_adopt(struct req *r);
int page_plan_indicator_add(struct req *r);
int page_plan_task_add(struct req *r);
int page_plan_indicator(struct req *r);
int page_plan_indicator_update(struct req *r);
int page_plan_indicator_remove(struct req *r);
int page_indicator_enter(struct req *r);
int page_value_file_add(struct req *r);
int page_value_file(struct req *r);
int page_tasks_mine(struct req *r);
int page_task(struct req *r);
int page_task_update(struct req *r);
int page_task_progress(struct req *r);
int page_task_file_add(struct req *r);
int page_task_file(struct req *r);
int page_unit_periodic(struct req *r);
int page_periodic_create(struct req *r);
int page_periodic(struct req *r);
int page_periodic_active(struct req *r);
int page_consolidation(struct req *r);
int page_consolidation_xlsx(struct req *r);
int page_periodic_report(struct req *r);
int page_periodic_save(struct req *r);
int page_unit_reviews(struct req *r);
int page_review_create(struct req *r);
int page_review(struct req *r);
int page_review_update(struct req *r);
int page_review_build(struct req *r);
int page_review_final(struct req *r);
int page_review_publish(struct req *r);
int page_review_conference(struct req *r);
int page_review_pdf(struct req *r);
int page_unit_review_pdf(struct req *r);
int page_review_xlsx(struct req *r);
int api_plans(struct req *r);
int api_plan_create(struct req *r);
int api_plan(struct req *r);
int api_plan_adopt(struct req *r);
int api_plan_indicator_add(struct req *r);
int api_plan_tasks_add(struct req *r);
int api_plan_tasks(struct req *r);
int api_tasks_mine(struct req *r);
int api_task(struct req *r);
int api_task_progress(struct req *r);
int api_consolidation(struct req *r);
int api_indicator_enter(struct req *r);
int api_value_file_add(struct req *r);
int api_periodic_report(struct req *r);
int api_periodic_report_save(struct req *r);
int api_reviews(struct req *r);
int api_review_create(struct req *r);
int api_review(struct req *r);
int api_unit_review(struct req *r);
int api_review_update(struct req *r);
int api_review_build(struct req *r);
int api_review_final(struct req *r);
int api_review_publish(struct req *r);
int api_review_conference(struct req *r);

/* ------------------------------------------------------------- pieces */

/* A figure as people read it ("95,5%", "1.250 m", "–"), in the arena. */
const char *plans_figure(struct req *r, enum measure m, struct figure f);
/* A day "05/03/2023"; "" for 0. */
const char *plans_date(struct req *r, int32_t ymd);
/* An arrow for a trend (↑, ↓, →) with its words for screen readers. */
void plans_trend(struct req *r, int trend);
/* A task's state as a word, marked late when overdue. */
void plans_task_state(struct req *r, const struct plan_task *t);
/* A period's state as a word with its class (on time, late, missing). */
void plans_periodic_state(struct req *r, enum periodic_state s);
/* Rename the field of the error in r->ctx.err when it is `from` (a form
 * with two fields of one name on a page keeps ids apart). */
void plans_field(struct req *r, const char *from, const char *to);
/* Send a file as the response: its type, inline, cached when public. */
int plans_send_file(struct req *r, const struct file_data *f);
/* Send an attachment read from the request's multipart body to owner
 * `id`: the "file" part with its "caption". */
int plans_attach(struct req *r, const struct attach_owner *owner, int64_t id);
/* A list of files (evidence), each linking to href(file). */
void plans_files(struct req *r, const struct attachment *v, size_t n, int64_t owner,
		 const char *(*href)(struct req *, int64_t, int64_t));

/* A review's page again with errors (review actions come back here). */
int review_page(struct req *r, const struct form_errors *fe, int status);
/* JSON of a review with its figures, lists and conference (api_review.c,
 * used after each action). */
int review_send(struct req *r, int status, int64_t id);

#endif

/*
 * The plans family's part of the route table (the year's plans, their
 * indicators and tasks, periodic reports rolled up, the year-end review).
 * web/routes.c joins the families' parts in a fixed order.
 */
#include "web/plans/plans.h"
#include "web/plans/plans_impl.h"

const struct route plans_routes[] = {
	/* plans and their indicators */
	{"GET", "/units/{id}/plans", page_unit_plans, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/units/{id}/plans", page_plan_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/plans/{id}", page_plan, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/plans/{id}", page_plan_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/plans/{id}/adopt", page_plan_adopt, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/plans/{id}/indicators", page_plan_indicator_add, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/plans/{id}/tasks", page_plan_task_add, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/plan-indicators/{id}", page_plan_indicator, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/plan-indicators/{id}", page_plan_indicator_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/plan-indicators/{id}/remove", page_plan_indicator_remove, ROUTE_HTML,
	 ROUTE_LOGIN},
	{"POST", "/plan-indicators/{id}/values", page_indicator_enter, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/indicator-values/{id}/files", page_value_file_add, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"GET", "/indicator-values/{id}/files/{id}", page_value_file, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	/* tasks */
	{"GET", "/tasks", page_tasks_mine, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/tasks/{id}", page_task, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/tasks/{id}", page_task_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/tasks/{id}/progress", page_task_progress, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/tasks/{id}/files", page_task_file_add, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"GET", "/tasks/{id}/files/{id}", page_task_file, ROUTE_TEXT, ROUTE_PUBLIC | ROUTE_SLOW},
	/* periodic reports */
	{"GET", "/units/{id}/periodic", page_unit_periodic, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/periodic", page_periodic_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/periodic/{id}", page_periodic, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/periodic/{id}/stop", page_periodic_active, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/periodic/{id}/restart", page_periodic_active, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/periodic/{id}/consolidation", page_consolidation, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/periodic/{id}/consolidation.xlsx", page_consolidation_xlsx, ROUTE_TEXT,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"GET", "/periodic/{id}/units/{id}", page_periodic_report, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/periodic/{id}/units/{id}", page_periodic_save, ROUTE_HTML, ROUTE_LOGIN},
	/* the year-end review */
	{"GET", "/units/{id}/reviews", page_unit_reviews, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/units/{id}/reviews", page_review_create, ROUTE_HTML, ROUTE_LOGIN | ROUTE_SLOW},
	{"GET", "/units/{id}/review/{id}.pdf", page_unit_review_pdf, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/reviews/{id}", page_review, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/reviews/{id}", page_review_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/reviews/{id}/build", page_review_build, ROUTE_HTML, ROUTE_LOGIN | ROUTE_SLOW},
	{"POST", "/reviews/{id}/final", page_review_final, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/reviews/{id}/publish", page_review_publish, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/reviews/{id}/review.pdf", page_review_pdf, ROUTE_TEXT, ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/reviews/{id}/review.xlsx", page_review_xlsx, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
};
const size_t plans_routes_n = sizeof(plans_routes) / sizeof(plans_routes[0]);

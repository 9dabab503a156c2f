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
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/units/{id}/plans", api_plans, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/units/{id}/plans", api_plan_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/plans/{id}", api_plan, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/plans/{id}/adopt", api_plan_adopt, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/plans/{id}/indicators", api_plan_indicator_add, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/plans/{id}/tasks", api_plan_tasks, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/plans/{id}/tasks", api_plan_tasks_add, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/plans/tasks", api_tasks_mine, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/plans/tasks/{id}", api_task, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/plans/tasks/{id}/progress", api_task_progress, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/plans/periodic/{id}/consolidation", api_consolidation, ROUTE_JSON,
	 ROUTE_LOGIN},
	{"GET", "/api/v1/units/{id}/reviews", api_reviews, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/units/{id}/reviews", api_review_create, ROUTE_JSON,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"GET", "/api/v1/units/{id}/reviews/{id}", api_unit_review, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/reviews/{id}", api_review, ROUTE_JSON, ROUTE_PUBLIC},
	{"PATCH", "/api/v1/reviews/{id}", api_review_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/reviews/{id}/build", api_review_build, ROUTE_JSON,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"POST", "/api/v1/reviews/{id}/final", api_review_final, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/reviews/{id}/publish", api_review_publish, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/reviews/{id}/conference", api_review_conference, ROUTE_JSON, ROUTE_LOGIN},
};
const size_t plans_routes_n = sizeof(plans_routes) / sizeof(plans_routes[0]);

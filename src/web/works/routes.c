/*
 * The works family's part of the route table (co-funded community works,
 * their public ledger and supervision board).
 * web/routes.c joins the families' parts in a fixed order.
 */
#include "web/works/works.h"
#include "web/works/works_impl.h"

const struct route works_routes[] = {
	/* the public page of a work, its ledger and documents */
	{"GET", "/works", page_works, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/works/{id}", page_work, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/works/{id}/households", page_work_households, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/works/{id}/entries/{id}", page_work_entry, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/works/{id}/entries/{id}/receipt.pdf", page_work_receipt, ROUTE_TEXT,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"GET", "/works/{id}/ledger.csv", page_work_ledger_csv, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/works/{id}/ledger.xlsx", page_work_ledger_xlsx, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/works/{id}/files/{id}", page_work_file, ROUTE_TEXT, ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/works/{id}/files/{id}/thumb", page_work_thumb, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	/* planning a work and its steps */
	{"GET", "/units/{id}/works/new", page_work_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/works", page_work_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/works/{id}/edit", page_work_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}", page_work_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/decision", page_work_decision, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/treasurer", page_work_treasurer, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/status", page_work_status, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/accept", page_work_accept, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/plan", page_work_plan, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/settle", page_work_settle, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/cancel", page_work_cancel, ROUTE_HTML, ROUTE_LOGIN},
	/* the ledger, the board, progress, households */
	{"POST", "/works/{id}/entries", page_work_entry_add, ROUTE_HTML, ROUTE_LOGIN | ROUTE_BATCH},
	{"POST", "/works/{id}/entries/{id}/signoff", page_work_signoff, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/entries/{id}/files", page_work_entry_file, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"POST", "/works/{id}/board", page_work_board, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/findings", page_work_finding, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/milestones", page_work_milestone, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/milestones/{id}/files", page_work_milestone_file, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"POST", "/works/{id}/households", page_work_share, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/works/{id}/consent", page_work_consent, ROUTE_HTML, ROUTE_LOGIN},
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/works", api_works, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/works", api_work_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/works/{id}", api_work, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/works/{id}/entries", api_work_entry_add, ROUTE_JSON,
	 ROUTE_LOGIN | ROUTE_BATCH},
	{"GET", "/api/v1/works/{id}/ledger.json", api_work_ledger, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/works/{id}/entries/{id}/signoff", api_work_signoff, ROUTE_JSON,
	 ROUTE_LOGIN},
};
const size_t works_routes_n = sizeof(works_routes) / sizeof(works_routes[0]);

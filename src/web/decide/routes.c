/*
 * The decide family's part of the route table (what communities decide: matters, household ballots, paper ballots, meetings, head elections).
 * web/routes.c joins the families' parts in a fixed order.
 */
#include "web/decide/decide.h"
#include "web/decide/decide_impl.h"

const struct route decide_routes[] = {
	/* matters residents decide */
	{"GET", "/matters", page_matters, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/matters/{id}", page_matter, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/matters/{id}/tally", page_matter_tally, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/matters/{id}/tally", page_matter_tally_check, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/matters/{id}/vote", page_matter_vote, ROUTE_HTML, ROUTE_LOGIN | ROUTE_BATCH},
	{"GET", "/units/{id}/matters/new", page_matter_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/matters", page_matter_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/matters/{id}/edit", page_matter_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}", page_matter_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/agree", page_matter_agree, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/open", page_matter_open, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/matters/{id}/paper", page_matter_paper, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/ballots.pdf", page_matter_ballots_pdf, ROUTE_TEXT,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"POST", "/matters/{id}/paper", page_matter_paper_post, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/matters/{id}/roll", page_matter_roll, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/roll", page_matter_hand, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/matters/{id}/roll.pdf", page_matter_roll_pdf, ROUTE_TEXT,
	 ROUTE_LOGIN | ROUTE_SLOW},
	/* community meetings */
	{"POST", "/matters/{id}/schedule", page_meeting_schedule, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/election/plan", page_election_plan, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/election/team", page_election_team, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/invitations", page_meeting_invitations, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"POST", "/matters/{id}/register/open", page_meeting_open, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/matters/{id}/register", page_meeting_register, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/checkin", page_meeting_checkin, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/matters/{id}/checkin/{token}", page_meeting_code, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/matters/{id}/checkin/{token}", page_meeting_code_post, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/motions", page_motion_add, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/motions/{id}/record", page_motion_record, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/matters/{id}/close", page_meeting_close, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/matters/{id}/minutes.pdf", page_meeting_minutes, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/matters/{id}/meeting.ics", page_meeting_ics, ROUTE_TEXT, ROUTE_PUBLIC},
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/matters", api_matters, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/matters", api_matter_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/matters/{id}", api_matter, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/matters/{id}/agree", api_matter_agree, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/matters/{id}/open", api_matter_open, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/matters/{id}/ballot", api_ballot, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/matters/{id}/ballot", api_ballot_cast, ROUTE_JSON,
	 ROUTE_LOGIN | ROUTE_BATCH},
	{"GET", "/api/v1/matters/{id}/tally.json", api_matter_tally_json, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/matters/{id}/tally.csv", api_matter_tally_csv, ROUTE_JSON, ROUTE_PUBLIC},
};
const size_t decide_routes_n = sizeof(decide_routes) / sizeof(decide_routes[0]);

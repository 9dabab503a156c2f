/*
 * The awards family's part of the route table (commendation: rounds,
 * nominations, the council, decisions, certificates and their
 * verification, the restricted register). web/routes.c joins the
 * families' parts in a fixed order.
 */
#include "web/awards/awards.h"
#include "web/awards/awards_impl.h"

const struct route awards_routes[] = {
	/* public: the register, decisions, verification of a certificate */
	{"GET", "/awards", page_awards, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/verify", page_verify_form, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/verify/{token}", page_verify, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/award-decisions/{id}", page_award_decision, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/award-decisions/{id}/certificates.pdf", page_decision_certificates, ROUTE_TEXT,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"GET", "/awards/{id}/certificate.pdf", page_award_certificate, ROUTE_TEXT,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"POST", "/awards/{id}/revoke", page_award_revoke, ROUTE_HTML, ROUTE_LOGIN},
	/* rounds and nominations */
	{"GET", "/units/{id}/award-rounds/new", page_award_round_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/award-rounds", page_award_round_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/award-rounds/{id}", page_award_round, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/award-rounds/{id}/nominate", page_nominate, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/award-rounds/{id}/nominations", page_nomination_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/nominations/{id}", page_nomination, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/nominations/{id}/withdraw", page_nomination_withdraw, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/award-rounds/{id}/sessions", page_session_open, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/award-rounds/{id}/decision", page_award_decide, ROUTE_HTML, ROUTE_LOGIN},
	/* the council */
	{"GET", "/council-sessions/{id}", page_session, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/council-sessions/{id}/votes", page_session_vote, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/council-sessions/{id}/close", page_session_close, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/council-sessions/{id}/minutes.pdf", page_session_minutes, ROUTE_TEXT,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"GET", "/units/{id}/council", page_council, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/council", page_council_add, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/council-members/{id}/remove", page_council_remove, ROUTE_HTML, ROUTE_LOGIN},
	/* the restricted register */
	{"GET", "/units/{id}/restrictions", page_restrictions, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/restrictions", page_restriction_add, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/restrictions/{id}/lift", page_restriction_lift, ROUTE_HTML, ROUTE_LOGIN},
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/awards", api_awards, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/awards/verify/{token}", api_award_verify, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/awards/{id}/revoke", api_award_revoke, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/award-decisions/{id}", api_award_decision, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/award-rounds", api_award_round_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/award-rounds/{id}", api_award_round, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/award-rounds/{id}/nominations", api_nomination_create, ROUTE_JSON,
	 ROUTE_LOGIN},
	{"POST", "/api/v1/award-rounds/{id}/sessions", api_session_open, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/award-rounds/{id}/decision", api_award_decide, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/nominations/{id}/withdraw", api_nomination_withdraw, ROUTE_JSON,
	 ROUTE_LOGIN},
	{"GET", "/api/v1/council-sessions/{id}", api_session, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/council-sessions/{id}/votes", api_session_vote, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/council-sessions/{id}/close", api_session_close, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/council-members", api_council_members, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/council-members", api_council_member_add, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/restrictions", api_restrictions, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/restrictions", api_restriction_add, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/restrictions/{id}/lift", api_restriction_lift, ROUTE_JSON, ROUTE_LOGIN},
};
const size_t awards_routes_n = sizeof(awards_routes) / sizeof(awards_routes[0]);

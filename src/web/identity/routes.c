/*
 * The identity family's part of the route table (identity: logging in, the account, invitation slips and claiming them, roles).
 * web/routes.c joins the families' parts in a fixed order.
 */
#include "web/identity/identity.h"
#include "web/identity/identity_impl.h"

const struct route identity_routes[] = {
	/* identity */
	{"GET", "/login", page_login, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/login", page_login_post, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_SLOW},
	{"POST", "/logout", page_logout, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/account", page_account, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/account/password", page_account_password, ROUTE_HTML, ROUTE_LOGIN | ROUTE_SLOW},
	{"POST", "/account/tokens", page_account_token_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/account/tokens/{id}/revoke", page_account_token_revoke, ROUTE_HTML, ROUTE_LOGIN},
	/* roles */
	{"GET", "/units/{id}/roles", page_roles, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/roles", page_roles_grant, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/grants/{id}/revoke", page_grant_revoke, ROUTE_HTML, ROUTE_LOGIN},
	/* invitation slips, and claiming a household's account with one */
	{"GET", "/units/{id}/invitations", page_invitations, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/invitations", page_invitations_print, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW},
	{"GET", "/claim", page_claim_code, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/claim/{token}", page_claim, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/claim/{token}", page_claim_post, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_SLOW},
	/* JSON API v1 (docs/openapi.yaml) */
	{"POST", "/api/v1/session", api_session_create, ROUTE_JSON, ROUTE_PUBLIC | ROUTE_SLOW},
	{"DELETE", "/api/v1/session", api_session_delete, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/me", api_me, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/units/{id}/invitations", api_invitations_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/invitations/{token}", api_invitation, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/invitations/{token}/claim", api_invitation_claim, ROUTE_JSON,
	 ROUTE_PUBLIC | ROUTE_SLOW},
};
const size_t identity_routes_n = sizeof(identity_routes) / sizeof(identity_routes[0]);

#include "web/routes.h"

#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/layout.h"
#include "web/metrics.h"

/*
 * Every URL danvan answers. Handlers check the actor's permission on the
 * unit they touch (and the domain checks again). Unsafe methods on HTML
 * routes need the form's CSRF token (server.c, auth.c).
 */
const struct route routes[] = {
	/* public pages */
	{"GET", "/", page_home, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/units/{id}", page_unit, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	/* identity */
	{"GET", "/login", page_login, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/login", page_login_post, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_SLOW},
	{"POST", "/logout", page_logout, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/me", page_me, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/account", page_account, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/account/password", page_account_password, ROUTE_HTML, ROUTE_LOGIN | ROUTE_SLOW},
	{"POST", "/account/tokens", page_account_token_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/account/tokens/{id}/revoke", page_account_token_revoke, ROUTE_HTML, ROUTE_LOGIN},
	/* the household registry (officials) */
	{"GET", "/units/{id}/households", page_households, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/units/{id}/households/new", page_household_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/households", page_household_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/households/{id}", page_household, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/households/{id}/edit", page_household_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/households/{id}", page_household_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/households/{id}/representative", page_household_representative, ROUTE_HTML,
	 ROUTE_LOGIN},
	{"POST", "/households/{id}/residents", page_resident_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/residents/{id}/edit", page_resident_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/residents/{id}", page_resident_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/residents/{id}/status", page_resident_status, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/residents/{id}/move", page_resident_move, ROUTE_HTML, ROUTE_LOGIN},
	/* CSV import */
	{"GET", "/units/{id}/import", page_import, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/import", page_import_post, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
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
	/* public disclosure: notices, their duties, reach and files */
	{"GET", "/notices", page_notices, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/notices/{id}", page_notice, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/notices/{id}/versions", page_notice_versions, ROUTE_HTML,
	 ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/notices/{id}/reach", page_notice_reach, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"POST", "/notices/{id}/reach", page_notice_reach_post, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/units/{id}/notices/new", page_notice_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/notices", page_notice_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/notices/{id}/edit", page_notice_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}", page_notice_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/publish", page_notice_publish, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/archive", page_notice_archive, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/ack", page_notice_ack, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/duties/{token}", page_notice_duty, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/files", page_notice_file_add, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"POST", "/notices/{id}/files/{id}/remove", page_notice_file_remove, ROUTE_HTML,
	 ROUTE_LOGIN},
	{"GET", "/notice-categories", page_categories, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/notice-categories/new", page_category_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notice-categories", page_category_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/notice-categories/{id}/edit", page_category_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notice-categories/{id}", page_category_update, ROUTE_HTML, ROUTE_LOGIN},
	/* news */
	{"GET", "/news", page_news, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/news/{id}", page_article, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/units/{id}/news/new", page_article_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/news", page_article_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/news/{id}/edit", page_article_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/news/{id}", page_article_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/news/{id}/publish", page_article_publish, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/news/{id}/withdraw", page_article_withdraw, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/news/{id}/files", page_article_file_add, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"POST", "/news/{id}/files/{id}/remove", page_article_file_remove, ROUTE_HTML, ROUTE_LOGIN},
	/* matters residents decide */
	{"GET", "/matters", page_matters, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/matters/{id}", page_matter, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/matters/{id}/tally", page_matter_tally, ROUTE_HTML, ROUTE_PUBLIC},
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
	{"GET", "/rules", page_rules, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"POST", "/rules", page_rules_post, ROUTE_HTML, ROUTE_LOGIN},
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
	/* drafts residents comment on */
	{"GET", "/consultations", page_consultations, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/consultations/{id}", page_consultation, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/units/{id}/consultations/new", page_consultation_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/consultations", page_consultation_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/consultations/{id}/edit", page_consultation_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/consultations/{id}", page_consultation_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/consultations/{id}/open", page_consultation_open, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/consultations/{id}/opinions", page_opinion_add, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/opinions/{id}/answer", page_opinion_answer, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/consultations/{id}/publish", page_consultation_publish, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/consultations/{id}/synthesis", page_synthesis, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/consultations/{id}/synthesis.pdf", page_synthesis_pdf, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/consultations/{id}/synthesis.xlsx", page_synthesis_xlsx, ROUTE_TEXT,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	/* attached files and feeds */
	{"GET", "/files/{id}", page_file, ROUTE_TEXT, ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/files/{id}/thumb", page_file_thumb, ROUTE_TEXT, ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/feeds/notices.atom", page_feed_notices, ROUTE_TEXT, ROUTE_PUBLIC},
	{"GET", "/feeds/news.atom", page_feed_news, ROUTE_TEXT, ROUTE_PUBLIC},
	/* JSON API v1 (docs/openapi.yaml) */
	{"POST", "/api/v1/session", api_session_create, ROUTE_JSON, ROUTE_PUBLIC | ROUTE_SLOW},
	{"DELETE", "/api/v1/session", api_session_delete, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/me", api_me, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/units", api_units, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/units/{id}", api_unit, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/units/{id}/invitations", api_invitations_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/households", api_households, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/households", api_household_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/households/{id}", api_household, ROUTE_JSON, ROUTE_LOGIN},
	{"PATCH", "/api/v1/households/{id}", api_household_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/households/{id}/residents", api_resident_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/residents/{id}", api_resident, ROUTE_JSON, ROUTE_LOGIN},
	{"PATCH", "/api/v1/residents/{id}", api_resident_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/residents/{id}/status", api_resident_status, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/residents/{id}/move", api_resident_move, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/invitations/{token}", api_invitation, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/invitations/{token}/claim", api_invitation_claim, ROUTE_JSON,
	 ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/api/v1/notices", api_notices, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/notices", api_notice_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/notices/{id}", api_notice, ROUTE_JSON, ROUTE_PUBLIC},
	{"PATCH", "/api/v1/notices/{id}", api_notice_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/publish", api_notice_publish, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/archive", api_notice_archive, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/ack", api_notice_ack, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/notices/{id}/versions", api_notice_versions, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/notices/{id}/reach", api_notice_reach, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/notices/{id}/reach", api_notice_reach_record, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/duties/{token}", api_notice_duty, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/files", api_notice_file, ROUTE_JSON,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"GET", "/api/v1/notice-categories", api_notice_categories, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/news", api_news, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/news", api_article_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/news/{id}", api_article, ROUTE_JSON, ROUTE_PUBLIC},
	{"PATCH", "/api/v1/news/{id}", api_article_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/news/{id}/publish", api_article_publish, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/news/{id}/withdraw", api_article_withdraw, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/news/{id}/files", api_article_file, ROUTE_JSON,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
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
	{"GET", "/api/v1/rules", api_rules, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/consultations", api_consultations, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/consultations", api_consultation_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/consultations/{id}", api_consultation, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/consultations/{id}/open", api_consultation_open, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/consultations/{id}/opinions", api_opinions, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/consultations/{id}/opinions", api_opinion_add, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/opinions/{id}/answer", api_opinion_answer, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/consultations/{id}/publish", api_consultation_publish, ROUTE_JSON,
	 ROUTE_LOGIN},
	/* operations */
	{"GET", "/healthz", page_healthz, ROUTE_TEXT, ROUTE_NO_SESSION},
	{"GET", "/metrics", page_metrics, ROUTE_TEXT, ROUTE_NO_SESSION},
	{"GET", "/static/*", page_static, ROUTE_TEXT, ROUTE_NO_SESSION},
};
const size_t n_routes = sizeof(routes) / sizeof(routes[0]);

#define TOKEN_MAX 64

static size_t token_span(const char *s)
{
	size_t n = 0;
	while (n <= TOKEN_MAX && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
				  (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_'))
		n++;
	return n;
}

int route_match(const char *pattern, const char *path, int64_t *params, int *nparams,
		const char **token, struct arena *a)
{
	*nparams = 0;
	*token = NULL;
	while (*pattern && *path) {
		if (strcmp(pattern, "*") == 0)
			return strchr(path, '/') == NULL;
		if (strncmp(pattern, "{id}", 4) == 0) {
			char *end;
			if (*path < '1' || *path > '9')
				return 0;
			long long v = strtoll(path, &end, 10);
			if (*nparams >= REQ_MAX_PARAMS || v <= 0 || end - path > 15)
				return 0;
			params[(*nparams)++] = v;
			pattern += 4;
			path = end;
			continue;
		}
		if (strncmp(pattern, "{token}", 7) == 0) {
			size_t n = token_span(path);
			if (n == 0 || n > TOKEN_MAX)
				return 0;
			*token = a ? arena_strndup(a, path, n) : path;
			pattern += 7;
			path += n;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return *pattern == '\0' && *path == '\0';
}

static void allow_header(struct req *r)
{
	struct buf allow = BUF_INIT;
	int64_t p[REQ_MAX_PARAMS];
	const char *tok;
	int np;
	for (size_t i = 0; i < n_routes; i++)
		if (route_match(routes[i].pattern, r->path, p, &np, &tok, NULL) &&
		    !strstr(allow.ptr, routes[i].method)) {
			if (allow.len)
				buf_adds(&allow, ", ");
			buf_adds(&allow, routes[i].method);
		}
	if (strstr(allow.ptr, "GET"))
		buf_adds(&allow, ", HEAD");
	res_header(r, "Allow", allow.ptr);
	buf_release(&allow);
}

const struct route *routes_find(struct req *r, int *status)
{
	int path_known = 0;
	const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (!route_match(rt->pattern, r->path, r->params, &r->nparams, &r->sparam, &r->arena))
			continue;
		path_known = 1;
		if (strcmp(rt->method, method) == 0)
			return rt;
	}
	if (path_known)
		allow_header(r);
	*status = path_known ? 405 : 404;
	return NULL;
}

void routes_run(struct req *r, const struct route *rt)
{
	int rc = rt->handler(r);
	if (!rc)
		return;
	if (rt->kind == ROUTE_JSON)
		api_error(r, rc);
	else
		layout_error(r, rc);
}

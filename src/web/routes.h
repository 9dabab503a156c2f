/*
 * The route table: every URL danvan answers, in one array a reader can scan
 * (routes.c). A pattern is a literal path in which {id} matches a positive
 * integer (req->params) and {token} a URL-safe token (req->sparam); a final
 * '*' matches one last path segment.
 */
#ifndef DV_WEB_ROUTES_H
#define DV_WEB_ROUTES_H

#include "web/http.h"

enum route_kind { ROUTE_HTML, ROUTE_JSON, ROUTE_TEXT };

enum route_flags {
	ROUTE_PUBLIC = 0,         /* anyone; the handler checks what it shows */
	ROUTE_LOGIN = 1 << 0,     /* needs a logged-in account (else /login or 401) */
	ROUTE_SLOW = 1 << 1,      /* runs in the worker pool: password hashing, PDFs, imports */
	ROUTE_NO_SESSION = 1 << 2, /* static files, health: no session lookup */
	ROUTE_CACHE = 1 << 3,      /* public page kept in memory for anonymous readers (cache.h) */
	ROUTE_UPLOAD = 1 << 4,     /* takes a body up to UPLOAD_MAX (others: FORM_BODY_MAX) */
	ROUTE_BATCH = 1 << 5       /* a small write committed with others (group commit) */
};

struct route {
	const char *method;
	const char *pattern;
	int (*handler)(struct req *r);
	enum route_kind kind;
	unsigned flags;
};

#define FORM_BODY_MAX (1024 * 1024)       /* bytes of a request body, but for uploads */
#define UPLOAD_MAX (24 * 1024 * 1024)       /* h2o's cap: a 20 MB file and its envelope */

extern const struct route routes[];
extern const size_t n_routes;

/*
 * The route for r's method and path, or NULL with *status 404 (unknown path)
 * or 405 (known path, other method; Allow is set). HEAD finds the GET route.
 */
const struct route *routes_find(struct req *r, int *status);

/* Run the route's handler; an error becomes an error page or JSON error. */
void routes_run(struct req *r, const struct route *rt);

/* Does pattern match path? Fills params and the token. Exposed for tests. */
int route_match(const char *pattern, const char *path, int64_t *params, int *nparams,
		const char **token, struct arena *a);

/* Handlers, one file per concept. */
int page_home(struct req *r);
int page_unit(struct req *r);
int page_healthz(struct req *r);
int page_static(struct req *r);
int page_login(struct req *r);
int page_login_post(struct req *r);
int page_logout(struct req *r);
int page_me(struct req *r);
int page_account(struct req *r);
int page_account_password(struct req *r);
int page_account_token_new(struct req *r);
int page_account_token_revoke(struct req *r);

int page_households(struct req *r);
int page_household_new(struct req *r);
int page_household_create(struct req *r);
int page_household(struct req *r);
int page_household_edit(struct req *r);
int page_household_update(struct req *r);
int page_household_representative(struct req *r);
int page_resident_create(struct req *r);
int page_resident_edit(struct req *r);
int page_resident_update(struct req *r);
int page_resident_status(struct req *r);
int page_resident_move(struct req *r);

int page_invitations(struct req *r);
int page_invitations_print(struct req *r);
int page_claim(struct req *r);
int page_claim_code(struct req *r);
int page_claim_post(struct req *r);

int page_import(struct req *r);
int page_import_post(struct req *r);
int page_roles(struct req *r);
int page_roles_grant(struct req *r);
int page_grant_revoke(struct req *r);

int page_notices(struct req *r);
int page_notice(struct req *r);
int page_notice_versions(struct req *r);
int page_notice_reach(struct req *r);
int page_notice_reach_post(struct req *r);
int page_notice_new(struct req *r);
int page_notice_create(struct req *r);
int page_notice_edit(struct req *r);
int page_notice_update(struct req *r);
int page_notice_publish(struct req *r);
int page_notice_archive(struct req *r);
int page_notice_ack(struct req *r);
int page_notice_duty(struct req *r);
int page_notice_file_add(struct req *r);
int page_notice_file_remove(struct req *r);
int page_categories(struct req *r);
int page_category_new(struct req *r);
int page_category_create(struct req *r);
int page_category_edit(struct req *r);
int page_category_update(struct req *r);

int page_news(struct req *r);
int page_article(struct req *r);
int page_article_new(struct req *r);
int page_article_create(struct req *r);
int page_article_edit(struct req *r);
int page_article_update(struct req *r);
int page_article_publish(struct req *r);
int page_article_withdraw(struct req *r);
int page_article_file_add(struct req *r);
int page_article_file_remove(struct req *r);

int page_matters(struct req *r);
int page_matter(struct req *r);
int page_matter_tally(struct req *r);
int page_matter_vote(struct req *r);
int page_matter_new(struct req *r);
int page_matter_create(struct req *r);
int page_matter_edit(struct req *r);
int page_matter_update(struct req *r);
int page_matter_agree(struct req *r);
int page_matter_open(struct req *r);
int page_matter_paper(struct req *r);
int page_matter_ballots_pdf(struct req *r);
int page_matter_paper_post(struct req *r);
int page_rules(struct req *r);
int page_rules_post(struct req *r);
int page_meeting_schedule(struct req *r);
int page_meeting_invitations(struct req *r);
int page_meeting_open(struct req *r);
int page_meeting_register(struct req *r);
int page_meeting_checkin(struct req *r);
int page_meeting_code(struct req *r);
int page_meeting_code_post(struct req *r);
int page_motion_add(struct req *r);
int page_motion_record(struct req *r);
int page_meeting_close(struct req *r);
int page_election_plan(struct req *r);
int page_consultations(struct req *r);
int page_consultation(struct req *r);
int page_consultation_new(struct req *r);
int page_consultation_create(struct req *r);
int page_consultation_edit(struct req *r);
int page_consultation_update(struct req *r);
int page_consultation_open(struct req *r);
int page_opinion_add(struct req *r);
int page_opinion_answer(struct req *r);
int page_consultation_publish(struct req *r);
int page_synthesis(struct req *r);
int page_synthesis_pdf(struct req *r);
int page_synthesis_xlsx(struct req *r);
int api_consultations(struct req *r);
int api_consultation(struct req *r);
int api_consultation_create(struct req *r);
int api_consultation_open(struct req *r);
int api_opinions(struct req *r);
int api_opinion_add(struct req *r);
int api_opinion_answer(struct req *r);
int api_consultation_publish(struct req *r);
int page_election_team(struct req *r);
int page_meeting_minutes(struct req *r);
int page_meeting_ics(struct req *r);

int page_file(struct req *r);
int page_file_thumb(struct req *r);
int page_feed_notices(struct req *r);
int page_feed_news(struct req *r);

int api_session_create(struct req *r);
int api_session_delete(struct req *r);
int api_me(struct req *r);
int api_unit(struct req *r);
int api_units(struct req *r);
int api_households(struct req *r);
int api_household_create(struct req *r);
int api_household(struct req *r);
int api_household_update(struct req *r);
int api_resident_create(struct req *r);
int api_resident(struct req *r);
int api_resident_update(struct req *r);
int api_resident_status(struct req *r);
int api_resident_move(struct req *r);
int api_invitations_create(struct req *r);
int api_invitation(struct req *r);
int api_invitation_claim(struct req *r);
int api_notices(struct req *r);
int api_notice_create(struct req *r);
int api_notice(struct req *r);
int api_notice_update(struct req *r);
int api_notice_publish(struct req *r);
int api_notice_archive(struct req *r);
int api_notice_ack(struct req *r);
int api_notice_versions(struct req *r);
int api_notice_reach(struct req *r);
int api_notice_reach_record(struct req *r);
int api_notice_duty(struct req *r);
int api_notice_file(struct req *r);
int api_notice_categories(struct req *r);
int api_news(struct req *r);
int api_article_create(struct req *r);
int api_article(struct req *r);
int api_article_update(struct req *r);
int api_article_publish(struct req *r);
int api_article_withdraw(struct req *r);
int api_article_file(struct req *r);
int api_matters(struct req *r);
int api_matter_create(struct req *r);
int api_matter(struct req *r);
int api_matter_agree(struct req *r);
int api_matter_open(struct req *r);
int api_ballot(struct req *r);
int api_ballot_cast(struct req *r);
int api_matter_tally_json(struct req *r);
int api_matter_tally_csv(struct req *r);
int api_rules(struct req *r);

#endif

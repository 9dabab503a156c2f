/*
 * The link vocabulary (web/link.h): every path it writes reaches a route of
 * the table, with the method a page uses it for; queries are encoded.
 */
#include <string.h>

#include "testlib.h"
#include "web/http.h"
#include "web/link.h"
#include "web/routes.h"

static struct req *req_new(void)
{
	struct req *r = calloc(1, sizeof(*r));
	arena_init(&r->arena);
	buf_init(&r->out, 0);
	return r;
}

static void req_free(struct req *r)
{
	buf_release(&r->out);
	arena_release(&r->arena);
	free(r);
}

/* The route `method path` reaches (query and fragment left out), or NULL. */
static const struct route *route_of(struct req *r, const char *method, const char *path)
{
	int status = 0;
	r->method = method;
	r->path = arena_strndup(&r->arena, path, strcspn(path, "?#"));
	r->nheaders = 0;
	return routes_find(r, &status);
}

#define assert_route(r, method, path)                                                              \
	do {                                                                                       \
		const char *p_ = (path);                                                           \
		if (!route_of((r), (method), p_))                                                  \
			fail_msg("%s %s reaches no route", (method), p_);                          \
	} while (0)

static void records_reach_their_pages(void **state)
{
	(void)state;
	struct req *r = req_new();
	assert_string_equal(link_notice(r, 7, NULL), "/notices/7");
	assert_string_equal(link_notice(r, 7, "edit"), "/notices/7/edit");
	assert_string_equal(link_article(r, 3, NULL), "/news/3");
	assert_string_equal(link_token(r, 9, "revoke"), "/account/tokens/9/revoke");
	assert_route(r, "GET", link_unit(r, 5, NULL));
	assert_route(r, "GET", link_unit(r, 5, "households"));
	assert_route(r, "GET", link_unit(r, 5, "roles"));
	assert_route(r, "GET", link_unit(r, 5, "import"));
	assert_route(r, "GET", link_unit(r, 5, "invitations"));
	assert_route(r, "GET", link_unit(r, 5, "notices/new"));
	assert_route(r, "GET", link_unit(r, 5, "news/new"));
	assert_route(r, "GET", link_unit(r, 5, "matters/new"));
	assert_route(r, "GET", link_unit(r, 5, "consultations/new"));
	assert_route(r, "GET", link_household(r, 5, NULL));
	assert_route(r, "GET", link_household(r, 5, "edit"));
	assert_route(r, "POST", link_household(r, 5, "residents"));
	assert_route(r, "GET", link_resident(r, 5, "edit"));
	assert_route(r, "POST", link_resident(r, 5, "status"));
	assert_route(r, "GET", link_notice(r, 5, NULL));
	assert_route(r, "GET", link_notice(r, 5, "versions"));
	assert_route(r, "POST", link_notice(r, 5, "publish"));
	assert_route(r, "GET", link_category(r, 5, "edit"));
	assert_route(r, "GET", link_article(r, 5, "edit"));
	assert_route(r, "GET", link_matter(r, 5, NULL));
	assert_route(r, "GET", link_matter(r, 5, "tally"));
	assert_route(r, "POST", link_matter(r, 5, "vote"));
	assert_route(r, "GET", link_matter(r, 5, "minutes.pdf"));
	assert_route(r, "POST", link_motion(r, 5, "record"));
	assert_route(r, "GET", link_consultation(r, 5, "synthesis.xlsx"));
	assert_route(r, "POST", link_opinion(r, 5, "answer"));
	assert_route(r, "POST", link_grant(r, 5, "revoke"));
	assert_route(r, "POST", link_token(r, 5, "revoke"));
	assert_route(r, "GET", link_file(r, 5, "thumb"));
	req_free(r);
}

static void parts_of_records_reach_their_routes(void **state)
{
	(void)state;
	struct req *r = req_new();
	assert_string_equal(link_file_remove(r, link_notice(r, 4, NULL), 12),
			    "/notices/4/files/12/remove");
	assert_route(r, "POST", link_file_remove(r, link_notice(r, 4, NULL), 12));
	assert_route(r, "POST", link_file_remove(r, link_article(r, 4, NULL), 12));
	assert_route(r, "POST", link_notice_duty(r, 4, "loudspeaker"));
	assert_string_equal(link_notice_reach(r, 4, 9, 0), "/notices/4/reach?unit=9");
	assert_string_equal(link_notice_reach(r, 4, 9, 3), "/notices/4/reach?unit=9&recorded=3");
	assert_route(r, "GET", link_notice_reach(r, 4, 9, 3));
	assert_route(r, "GET", link_checkin(r, 4, "AB12-CD"));
	assert_string_equal(link_consultation_section(r, 4, 2), "/consultations/4#s2");
	assert_string_equal(link_consultation_opinion(r, 4, 17), "/consultations/4#o17");
	assert_route(r, "GET", link_claim(r, "abcDEF_12-3"));
	assert_route(r, "GET", link_me_notifications(r));
	assert_route(r, "GET", link_subscription_confirm(r, "abcDEF_12-3"));
	assert_route(r, "GET", link_unsubscribe(r, "abcDEF_12-3"));
	assert_route(r, "POST", link_unsubscribe(r, "abcDEF_12-3"));
	assert_route(r, "GET", link_unit(r, 7, "subscribe"));
	assert_route(r, "GET", link_api(r, "matters", 4, "tally.csv"));
	assert_route(r, "GET", link_api(r, "households", 4, NULL));
	req_free(r);
}

static void lists_carry_their_filters_encoded(void **state)
{
	(void)state;
	struct req *r = req_new();
	assert_string_equal(link_notices(r, 0, 0), "/notices");
	assert_string_equal(link_notices(r, 5, 0), "/notices?unit=5");
	assert_string_equal(link_notices(r, 5, 2), "/notices?unit=5&category=2");
	assert_string_equal(link_notices(r, 0, 2), "/notices?category=2");
	assert_string_equal(link_matters(r, 5, "draft"), "/matters?unit=5&status=draft");
	assert_string_equal(link_consultations(r, 0, NULL), "/consultations");
	assert_string_equal(link_news(r, 5, "economy"), "/news?unit=5&section=economy");
	assert_string_equal(link_news_feed(r, 0, "economy"), "/feeds/news.atom?section=economy");
	assert_string_equal(link_notices_feed(r, 5, 0), "/feeds/notices.atom?unit=5");
	/* what people type is encoded, never pasted into the URL */
	assert_string_equal(link_households(r, 5, "Tân & Đông", 2),
			    "/units/5/households?q=T%C3%A2n%20%26%20%C4%90%C3%B4ng&page=2");
	assert_string_equal(link_households(r, 5, NULL, 1), "/units/5/households");
	const char *lists[] = {
		link_notices(r, 5, 2),		  link_news(r, 5, "economy"),
		link_matters(r, 5, "draft"),	  link_consultations(r, 5, "open"),
		link_notices_feed(r, 5, 2),	  link_news_feed(r, 5, NULL),
		link_households(r, 5, "x", 3),
	};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		assert_route(r, "GET", lists[i]);
	req_free(r);
}

/* reports: citizen reports, the inspection board and Open311 */
static void works_paths_reach_their_routes(void **state)
{
	(void)state;
	struct req *r = req_new();
	assert_string_equal(link_work(r, 7, NULL), "/works/7");
	assert_route(r, "GET", link_work(r, 5, NULL));
	assert_route(r, "POST", link_work(r, 5, NULL));
	assert_route(r, "GET", link_work(r, 5, "edit"));
	assert_route(r, "GET", link_work(r, 5, "households"));
	assert_route(r, "GET", link_work(r, 5, "ledger.csv"));
	assert_route(r, "GET", link_work(r, 5, "ledger.xlsx"));
	assert_route(r, "POST", link_work(r, 5, "entries"));
	assert_route(r, "POST", link_work(r, 5, "decision"));
	assert_route(r, "POST", link_work(r, 5, "treasurer"));
	assert_route(r, "POST", link_work(r, 5, "status"));
	assert_route(r, "POST", link_work(r, 5, "accept"));
	assert_route(r, "POST", link_work(r, 5, "plan"));
	assert_route(r, "POST", link_work(r, 5, "settle"));
	assert_route(r, "POST", link_work(r, 5, "cancel"));
	assert_route(r, "POST", link_work(r, 5, "board"));
	assert_route(r, "POST", link_work(r, 5, "findings"));
	assert_route(r, "POST", link_work(r, 5, "milestones"));
	assert_route(r, "POST", link_work(r, 5, "households"));
	assert_route(r, "POST", link_work(r, 5, "consent"));
	assert_route(r, "GET", link_unit(r, 5, "works/new"));
	assert_route(r, "POST", link_unit(r, 5, "works"));
	assert_string_equal(link_work_entry(r, 4, 17, NULL), "/works/4/entries/17");
	assert_route(r, "GET", link_work_entry(r, 4, 17, NULL));
	assert_route(r, "GET", link_work_entry(r, 4, 17, "receipt.pdf"));
	assert_route(r, "POST", link_work_entry(r, 4, 17, "signoff"));
	assert_route(r, "POST", link_work_entry(r, 4, 17, "files"));
	assert_string_equal(link_work_file(r, 4, 9, 1), "/works/4/files/9/thumb");
	assert_route(r, "GET", link_work_file(r, 4, 9, 0));
	assert_route(r, "GET", link_work_file(r, 4, 9, 1));
	assert_route(r, "POST", link_work_milestone_files(r, 4, 3));
	assert_string_equal(link_work_ledger(r, 4, "expense", 2),
			    "/works/4?kind=expense&page=2#ledger");
	assert_route(r, "GET", link_work_ledger(r, 4, "expense", 2));
	assert_string_equal(link_work_record(r, 4, "HK-25948-000001"),
			    "/works/4?household=HK-25948-000001#record");
	assert_route(r, "GET", link_work_record(r, 4, "HK-1"));
	assert_string_equal(link_work_households(r, 4, 3), "/works/4/households?page=3");
	assert_route(r, "GET", link_work_households(r, 4, 1));
	assert_route(r, "GET", link_api(r, "works", 4, "ledger.json"));
	assert_route(r, "POST", link_api(r, "works", 4, "entries"));
	assert_string_equal(link_works(r, 5, "collecting"), "/works?unit=5&status=collecting");
	assert_route(r, "GET", link_works(r, 5, "planned"));
	req_free(r);
}

static void reports_paths_reach_their_routes(void **state)
{
	(void)state;
	struct req *r = req_new();
	assert_string_equal(link_report(r, 7, NULL), "/reports/7");
	assert_string_equal(link_reports(r, 5, 2, "overdue", 3),
			    "/reports?unit=5&category=2&status=overdue&page=3");
	assert_string_equal(link_reports(r, 0, 0, NULL, 1), "/reports");
	assert_string_equal(link_report_new(r, 5, 0), "/reports/new?unit=5");
	assert_string_equal(link_report_photo(r, 7, 12, "thumb"), "/reports/7/photos/12/thumb");
	assert_string_equal(link_inspection(r, 3, "report.pdf", "2026-2"),
			    "/units/3/inspection/report.pdf?quarter=2026-2");
	assert_string_equal(link_open311(r, "requests.xml"), "/open311/v2/requests.xml");
	assert_string_equal(link_open311_request(r, 9, "json"), "/open311/v2/requests/9.json");
	assert_route(r, "GET", link_report(r, 7, NULL));
	assert_route(r, "GET", link_reports(r, 5, 2, "open", 2));
	assert_route(r, "GET", link_report_new(r, 5, 2));
	assert_route(r, "POST", link_reports(r, 0, 0, NULL, 0));
	assert_route(r, "POST", link_report(r, 7, "act"));
	assert_route(r, "POST", link_report(r, 7, "merge"));
	assert_route(r, "POST", link_report(r, 7, "route"));
	assert_route(r, "POST", link_report(r, 7, "redact"));
	assert_route(r, "POST", link_report(r, 7, "photos"));
	assert_route(r, "POST", link_report(r, 7, "confirm"));
	assert_route(r, "POST", link_report(r, 7, "reopen"));
	assert_route(r, "POST", link_report(r, 7, "rate"));
	assert_route(r, "POST", link_report(r, 7, "support"));
	assert_route(r, "GET", link_report_photo(r, 7, 12, NULL));
	assert_route(r, "GET", link_report_photo(r, 7, 12, "thumb"));
	assert_route(r, "GET", link_report_photo(r, 7, 12, "original"));
	assert_route(r, "POST", link_report_photo(r, 7, 12, "redact"));
	assert_route(r, "GET", link_report_queue(r));
	assert_route(r, "GET", link_reports_mine(r));
	assert_route(r, "GET", link_report_stats(r, 5, 2026));
	assert_route(r, "GET", link_report_category(r, 0, NULL));
	assert_route(r, "GET", link_report_category(r, 0, "new"));
	assert_route(r, "POST", link_report_category(r, 0, NULL));
	assert_route(r, "GET", link_report_category(r, 4, "edit"));
	assert_route(r, "POST", link_report_category(r, 4, NULL));
	assert_route(r, "GET", link_report_body(r, 0, NULL));
	assert_route(r, "POST", link_report_body(r, 0, NULL));
	assert_route(r, "POST", link_report_body(r, 4, "officers"));
	assert_route(r, "POST", link_report_body_officer(r, 4, 8));
	assert_route(r, "POST", link_report_rules(r));
	assert_route(r, "GET", link_report_app(r, 0, NULL));
	assert_route(r, "POST", link_report_app(r, 0, NULL));
	assert_route(r, "POST", link_report_app(r, 4, "revoke"));
	assert_route(r, "GET", link_inspection(r, 3, NULL, NULL));
	assert_route(r, "POST", link_inspection(r, 3, "members", NULL));
	assert_route(r, "POST", link_inspection(r, 3, "constitute", NULL));
	assert_route(r, "POST", link_inspection(r, 3, "cases", NULL));
	assert_route(r, "GET", link_inspection(r, 3, "report.pdf", "2026-2"));
	assert_route(r, "GET", link_inspection_case(r, 4, NULL));
	assert_route(r, "POST", link_inspection_case(r, 4, "entries"));
	assert_route(r, "POST", link_inspection_case(r, 4, "recommendations"));
	assert_route(r, "POST", link_inspection_case(r, 4, "close"));
	assert_route(r, "POST", link_inspection_member(r, 4, "leave"));
	assert_route(r, "POST", link_inspection_rec(r, 4, "answer"));
	const char *o311[] = {"discovery.json", "discovery.xml", "services.json", "services.xml",
			      "services/pothole.json", "services/street_light.xml",
			      "requests.json", "requests.xml", "tokens/abcDEF_12-3.json",
			      "tokens/abcDEF_12-3.xml"};
	for (size_t i = 0; i < sizeof(o311) / sizeof(o311[0]); i++)
		assert_route(r, "GET", link_open311(r, o311[i]));
	assert_route(r, "POST", link_open311(r, "requests.json"));
	assert_route(r, "POST", link_open311(r, "requests.xml"));
	assert_route(r, "GET", link_open311_request(r, 9, "json"));
	assert_route(r, "GET", link_open311_request(r, 9, "xml"));
	req_free(r);
}

/* emulation, titles, awards */
static void emulation_titles_awards_reach_their_routes(void **state)
{
	(void)state;
	struct req *r = req_new();
	assert_string_equal(link_movement(r, 3, NULL), "/movements/3");
	assert_route(r, "GET", link_movement(r, 3, NULL));
	assert_route(r, "POST", link_movement(r, 3, "entries"));
	assert_route(r, "POST", link_movement_entry(r, 3, "progress"));
	assert_route(r, "POST", link_movement_entry(r, 3, "evaluate"));
	assert_string_equal(link_movements(r, 5), "/movements?unit=5");
	assert_route(r, "GET", link_movements(r, 5));
	assert_route(r, "GET", link_unit(r, 5, "movements/new"));
	assert_route(r, "GET", link_model(r, 3, NULL));
	assert_route(r, "GET", link_model(r, 3, "edit"));
	assert_route(r, "POST", link_model(r, 3, "evaluations"));
	assert_route(r, "POST", link_model(r, 3, "files"));
	assert_route(r, "POST", link_file_remove(r, link_model(r, 3, NULL), 9));
	assert_string_equal(link_model_file(r, 3, 9, 1), "/models/3/files/9/thumb");
	assert_route(r, "GET", link_model_file(r, 3, 9, 0));
	assert_route(r, "GET", link_model_file(r, 3, 9, 1));
	assert_string_equal(link_models(r, 5, "economy", "hẻm xanh"),
			    "/models?unit=5&field=economy&q=h%E1%BA%BBm%20xanh");
	assert_route(r, "GET", link_models(r, 5, "economy", "x"));
	assert_string_equal(link_model_figures(r, 5, 2022), "/models/figures?unit=5&year=2022");
	assert_route(r, "GET", link_model_figures(r, 5, 2022));
	assert_route(r, "GET", link_unit(r, 5, "models"));
	assert_route(r, "GET", link_unit(r, 5, "models/new"));
	assert_route(r, "GET", link_title_round(r, 3, NULL));
	assert_route(r, "POST", link_title_round(r, 3, "candidates"));
	assert_route(r, "POST", link_title_round(r, 3, "decide"));
	assert_route(r, "POST", link_title_round(r, 3, "publish"));
	assert_string_equal(link_title_unit(r, 3, 7, NULL), "/titles/3/units/7");
	assert_route(r, "GET", link_title_unit(r, 3, 7, NULL));
	assert_route(r, "POST", link_title_unit(r, 3, 7, "meeting"));
	assert_route(r, "POST", link_title_unit(r, 3, 7, "propose"));
	assert_route(r, "POST", link_title_candidate(r, 3, "vote"));
	assert_route(r, "POST", link_title_candidate(r, 3, "exclude"));
	assert_route(r, "POST", link_title_candidate(r, 3, "evaluate"));
	assert_route(r, "GET", link_titles(r, 5));
	assert_route(r, "GET", link_unit(r, 5, "titles/new"));
	assert_route(r, "GET", link_award_round(r, 3, NULL));
	assert_route(r, "GET", link_award_round(r, 3, "nominate"));
	assert_route(r, "POST", link_award_round(r, 3, "nominations"));
	assert_route(r, "POST", link_award_round(r, 3, "sessions"));
	assert_route(r, "POST", link_award_round(r, 3, "decision"));
	assert_route(r, "GET", link_unit(r, 5, "award-rounds/new"));
	assert_route(r, "GET", link_nomination(r, 3, NULL));
	assert_route(r, "POST", link_nomination(r, 3, "withdraw"));
	assert_route(r, "GET", link_council_session(r, 3, NULL));
	assert_route(r, "POST", link_council_session(r, 3, "votes"));
	assert_route(r, "POST", link_council_session(r, 3, "close"));
	assert_route(r, "GET", link_council_session(r, 3, "minutes.pdf"));
	assert_route(r, "GET", link_unit(r, 5, "council"));
	assert_route(r, "POST", link_council_member(r, 3, "remove"));
	assert_route(r, "GET", link_award_decision(r, 3, NULL));
	assert_route(r, "GET", link_award_decision(r, 3, "certificates.pdf"));
	assert_route(r, "GET", link_award(r, 3, "certificate.pdf"));
	assert_route(r, "POST", link_award(r, 3, "revoke"));
	assert_route(r, "GET", link_unit(r, 5, "restrictions"));
	assert_route(r, "POST", link_restriction(r, 3, "lift"));
	assert_string_equal(link_awards(r, 5, "Hân"), "/awards?unit=5&q=H%C3%A2n");
	assert_route(r, "GET", link_awards(r, 5, "x"));
	assert_string_equal(link_verify(r, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23"),
			    "/verify/ABCD-EFGH-JKMN-PQRS-TVWX-YZ23");
	assert_route(r, "GET", link_verify(r, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23"));
	assert_route(r, "GET", link_api(r, "award-decisions", 3, NULL));
	req_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_reach_their_pages),
		cmocka_unit_test(parts_of_records_reach_their_routes),
		cmocka_unit_test(lists_carry_their_filters_encoded),
		cmocka_unit_test(works_paths_reach_their_routes),
		cmocka_unit_test(reports_paths_reach_their_routes),
		cmocka_unit_test(emulation_titles_awards_reach_their_routes),
	};
	return test_run(tests);
}

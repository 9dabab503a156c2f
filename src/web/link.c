#include "web/link.h"

#include <string.h>

#include "web/html.h"

/* /PREFIX/ID or /PREFIX/ID/ACTION */
static const char *record(struct req *r, const char *prefix, int64_t id, const char *action)
{
	return action ? arena_printf(&r->arena, "/%s/%lld/%s", prefix, (long long)id, action)
		      : arena_printf(&r->arena, "/%s/%lld", prefix, (long long)id);
}

/* ------------------------------------------------------------- records */

const char *link_unit(struct req *r, int64_t id, const char *action)
{
	return record(r, "units", id, action);
}

const char *link_household(struct req *r, int64_t id, const char *action)
{
	return record(r, "households", id, action);
}

const char *link_resident(struct req *r, int64_t id, const char *action)
{
	return record(r, "residents", id, action);
}

const char *link_notice(struct req *r, int64_t id, const char *action)
{
	return record(r, "notices", id, action);
}

const char *link_category(struct req *r, int64_t id, const char *action)
{
	return record(r, "notice-categories", id, action);
}

const char *link_article(struct req *r, int64_t id, const char *action)
{
	return record(r, "news", id, action);
}

const char *link_matter(struct req *r, int64_t id, const char *action)
{
	return record(r, "matters", id, action);
}

const char *link_motion(struct req *r, int64_t id, const char *action)
{
	return record(r, "motions", id, action);
}

const char *link_consultation(struct req *r, int64_t id, const char *action)
{
	return record(r, "consultations", id, action);
}

const char *link_opinion(struct req *r, int64_t id, const char *action)
{
	return record(r, "opinions", id, action);
}

const char *link_grant(struct req *r, int64_t id, const char *action)
{
	return record(r, "grants", id, action);
}

const char *link_token(struct req *r, int64_t id, const char *action)
{
	return record(r, "account/tokens", id, action);
}

const char *link_file(struct req *r, int64_t id, const char *action)
{
	return record(r, "files", id, action);
}

/* -------------------------------------------------- parts of records */

const char *link_file_remove(struct req *r, const char *owner_path, int64_t file_id)
{
	return arena_printf(&r->arena, "%s/files/%lld/remove", owner_path, (long long)file_id);
}

const char *link_notice_duty(struct req *r, int64_t notice_id, const char *channel)
{
	return arena_printf(&r->arena, "%s/%s", link_notice(r, notice_id, "duties"), channel);
}

const char *link_notice_reach(struct req *r, int64_t notice_id, int64_t unit_id,
			      int64_t recorded)
{
	const char *p = link_query_id(r, link_notice(r, notice_id, "reach"), "unit", unit_id);
	return recorded > 0 ? link_query_id(r, p, "recorded", recorded) : p;
}

const char *link_checkin(struct req *r, int64_t matter_id, const char *code)
{
	return arena_printf(&r->arena, "%s/%s", link_matter(r, matter_id, "checkin"), code);
}

const char *link_consultation_section(struct req *r, int64_t id, int section)
{
	return arena_printf(&r->arena, "%s#s%d", link_consultation(r, id, NULL), section);
}

const char *link_consultation_opinion(struct req *r, int64_t id, int64_t opinion_id)
{
	return arena_printf(&r->arena, "%s#o%lld", link_consultation(r, id, NULL),
			    (long long)opinion_id);
}

const char *link_claim(struct req *r, const char *token)
{
	return arena_printf(&r->arena, "/claim/%s", token);
}

const char *link_me_notifications(struct req *r)
{
	(void)r;
	return "/me/notifications";
}

const char *link_subscription_confirm(struct req *r, const char *token)
{
	return arena_printf(&r->arena, "/subscriptions/confirm/%s", token);
}

const char *link_unsubscribe(struct req *r, const char *token)
{
	return arena_printf(&r->arena, "/unsubscribe/%s", token);
}

/* ---------------------------------------------------------------- lists */

const char *link_notices(struct req *r, int64_t unit_id, int64_t category_id)
{
	return link_query_id(r, link_query_id(r, "/notices", "unit", unit_id), "category",
			     category_id);
}

const char *link_news(struct req *r, int64_t unit_id, const char *section)
{
	return link_query(r, link_query_id(r, "/news", "unit", unit_id), "section", section);
}

const char *link_matters(struct req *r, int64_t unit_id, const char *status)
{
	return link_query(r, link_query_id(r, "/matters", "unit", unit_id), "status", status);
}

const char *link_consultations(struct req *r, int64_t unit_id, const char *status)
{
	return link_query(r, link_query_id(r, "/consultations", "unit", unit_id), "status",
			  status);
}

const char *link_notices_feed(struct req *r, int64_t unit_id, int64_t category_id)
{
	return link_query_id(r, link_query_id(r, "/feeds/notices.atom", "unit", unit_id),
			     "category", category_id);
}

const char *link_news_feed(struct req *r, int64_t unit_id, const char *section)
{
	return link_query(r, link_query_id(r, "/feeds/news.atom", "unit", unit_id), "section",
			  section);
}

const char *link_households(struct req *r, int64_t unit_id, const char *q, int64_t page)
{
	const char *p = link_query(r, link_unit(r, unit_id, "households"), "q", q);
	return page > 1 ? link_query_id(r, p, "page", page) : p;
}

/* ---------------------------------------------------------------- works */

const char *link_work(struct req *r, int64_t id, const char *action)
{
	return record(r, "works", id, action);
}

const char *link_works(struct req *r, int64_t unit_id, const char *status)
{
	return link_query(r, link_query_id(r, "/works", "unit", unit_id), "status", status);
}

const char *link_work_entry(struct req *r, int64_t work_id, int64_t entry_id, const char *action)
{
	const char *p =
		arena_printf(&r->arena, "%s/%lld", link_work(r, work_id, "entries"), (long long)entry_id);
	return action ? arena_printf(&r->arena, "%s/%s", p, action) : p;
}

const char *link_work_ledger(struct req *r, int64_t work_id, const char *kind, int64_t page)
{
	const char *p = link_query(r, link_work(r, work_id, NULL), "kind", kind);
	if (page > 1)
		p = link_query_id(r, p, "page", page);
	return arena_printf(&r->arena, "%s#ledger", p);
}

const char *link_work_file(struct req *r, int64_t work_id, int64_t file_id, int thumb)
{
	const char *p =
		arena_printf(&r->arena, "%s/%lld", link_work(r, work_id, "files"), (long long)file_id);
	return thumb ? arena_printf(&r->arena, "%s/thumb", p) : p;
}

const char *link_work_milestone_files(struct req *r, int64_t work_id, int64_t milestone_id)
{
	return arena_printf(&r->arena, "%s/%lld/files", link_work(r, work_id, "milestones"),
			    (long long)milestone_id);
}

const char *link_work_households(struct req *r, int64_t work_id, int64_t page)
{
	const char *p = link_work(r, work_id, "households");
	return page > 1 ? link_query_id(r, p, "page", page) : p;
}

const char *link_work_record(struct req *r, int64_t work_id, const char *household_code)
{
	return arena_printf(&r->arena, "%s#record",
			    link_query(r, link_work(r, work_id, NULL), "household", household_code));
}

/* ---- reports: citizen reports, Open311 and the People's Inspection Board */

const char *link_report(struct req *r, int64_t id, const char *action)
{
	return record(r, "reports", id, action);
}

const char *link_reports(struct req *r, int64_t unit_id, int64_t category_id, const char *status,
			 int64_t page)
{
	const char *p = link_query(r,
				   link_query_id(r, link_query_id(r, "/reports", "unit", unit_id),
						 "category", category_id),
				   "status", status);
	return page > 1 ? link_query_id(r, p, "page", page) : p;
}

const char *link_report_new(struct req *r, int64_t unit_id, int64_t category_id)
{
	return link_query_id(r, link_query_id(r, "/reports/new", "unit", unit_id), "category",
			     category_id);
}

const char *link_report_photo(struct req *r, int64_t report_id, int64_t file_id,
			      const char *variant)
{
	const char *p = arena_printf(&r->arena, "%s/%lld", link_report(r, report_id, "photos"),
				     (long long)file_id);
	return variant ? arena_printf(&r->arena, "%s/%s", p, variant) : p;
}

const char *link_report_queue(struct req *r)
{
	return arena_strdup(&r->arena, "/reports/queue");
}

const char *link_reports_mine(struct req *r)
{
	return arena_strdup(&r->arena, "/reports/mine");
}

const char *link_report_stats(struct req *r, int64_t unit_id, int64_t year)
{
	return link_query_id(r, link_unit(r, unit_id, "reports/stats"), "year", year);
}

const char *link_report_category(struct req *r, int64_t id, const char *action)
{
	if (!id)
		return action ? arena_printf(&r->arena, "/report-categories/%s", action)
			      : arena_strdup(&r->arena, "/report-categories");
	return record(r, "report-categories", id, action);
}

const char *link_report_body(struct req *r, int64_t id, const char *action)
{
	return id ? record(r, "report-bodies", id, action)
		  : arena_strdup(&r->arena, "/report-bodies");
}

const char *link_report_rules(struct req *r)
{
	return arena_strdup(&r->arena, "/report-rules");
}

const char *link_report_app(struct req *r, int64_t id, const char *action)
{
	return id ? record(r, "report-apps", id, action) : arena_strdup(&r->arena, "/report-apps");
}

const char *link_report_body_officer(struct req *r, int64_t body_id, int64_t account_id)
{
	return arena_printf(&r->arena, "%s/%lld/remove", link_report_body(r, body_id, "officers"),
			    (long long)account_id);
}

const char *link_inspection(struct req *r, int64_t ward_id, const char *action,
			    const char *quarter)
{
	const char *p = link_unit(r, ward_id,
				  action ? arena_printf(&r->arena, "inspection/%s", action)
					 : "inspection");
	return link_query(r, p, "quarter", quarter);
}

const char *link_inspection_case(struct req *r, int64_t id, const char *action)
{
	return record(r, "inspection-cases", id, action);
}

const char *link_inspection_member(struct req *r, int64_t id, const char *action)
{
	return record(r, "inspection-members", id, action);
}

const char *link_inspection_rec(struct req *r, int64_t id, const char *action)
{
	return record(r, "inspection-recommendations", id, action);
}

const char *link_open311(struct req *r, const char *resource)
{
	return arena_printf(&r->arena, "/open311/v2/%s", resource);
}

const char *link_open311_request(struct req *r, int64_t id, const char *format)
{
	return arena_printf(&r->arena, "/open311/v2/requests/%lld.%s", (long long)id, format);
}

/* ---------------------------------------------------------------- plans */

const char *link_plan(struct req *r, int64_t id, const char *action)
{
	return record(r, "plans", id, action);
}

const char *link_plan_indicator(struct req *r, int64_t id, const char *action)
{
	return record(r, "plan-indicators", id, action);
}

const char *link_task(struct req *r, int64_t id, const char *action)
{
	return record(r, "tasks", id, action);
}

const char *link_review(struct req *r, int64_t id, const char *action)
{
	return record(r, "reviews", id, action);
}

const char *link_periodic(struct req *r, int64_t id, const char *action)
{
	return record(r, "periodic", id, action);
}

const char *link_task_file(struct req *r, int64_t task_id, int64_t file_id)
{
	return file_id ? arena_printf(&r->arena, "/tasks/%lld/files/%lld", (long long)task_id,
				      (long long)file_id)
		       : record(r, "tasks", task_id, "files");
}

const char *link_value_file(struct req *r, int64_t value_id, int64_t file_id)
{
	return file_id ? arena_printf(&r->arena, "/indicator-values/%lld/files/%lld",
				      (long long)value_id, (long long)file_id)
		       : record(r, "indicator-values", value_id, "files");
}

const char *link_consolidation(struct req *r, int64_t template_id, int year, int period,
			       int xlsx)
{
	const char *p = record(r, "periodic", template_id,
			       xlsx ? "consolidation.xlsx" : "consolidation");
	return link_query_id(r, link_query_id(r, p, "year", year), "period", period);
}

const char *link_tasks(struct req *r)
{
	(void)r;
	return "/tasks";
}

const char *link_periodic_report(struct req *r, int64_t template_id, int64_t unit_id, int year,
				 int period)
{
	const char *p = arena_printf(&r->arena, "/periodic/%lld/units/%lld", (long long)template_id,
				     (long long)unit_id);
	return link_query_id(r, link_query_id(r, p, "year", year), "period", period);
}

const char *link_api(struct req *r, const char *collection, int64_t id, const char *action)
{
	return arena_printf(&r->arena, "/api/v1%s", record(r, collection, id, action));
}

/* -------------------------------------------- emulation, titles, awards */

const char *link_movement(struct req *r, int64_t id, const char *action)
{
	return record(r, "movements", id, action);
}

const char *link_movement_entry(struct req *r, int64_t id, const char *action)
{
	return record(r, "movement-entries", id, action);
}

const char *link_movements(struct req *r, int64_t unit_id)
{
	return link_query_id(r, "/movements", "unit", unit_id);
}

const char *link_model(struct req *r, int64_t id, const char *action)
{
	return record(r, "models", id, action);
}

const char *link_models(struct req *r, int64_t unit_id, const char *field, const char *q)
{
	return link_query(r, link_query(r, link_query_id(r, "/models", "unit", unit_id), "field",
					field),
			  "q", q);
}

const char *link_model_file(struct req *r, int64_t model_id, int64_t file_id, int thumb)
{
	return arena_printf(&r->arena, "%s/files/%lld%s", link_model(r, model_id, NULL),
			    (long long)file_id, thumb ? "/thumb" : "");
}

const char *link_model_figures(struct req *r, int64_t unit_id, int64_t year)
{
	return link_query_id(r, link_query_id(r, "/models/figures", "unit", unit_id), "year",
			     year);
}

const char *link_title_round(struct req *r, int64_t id, const char *action)
{
	return record(r, "titles", id, action);
}

const char *link_title_unit(struct req *r, int64_t round_id, int64_t unit_id, const char *action)
{
	const char *p = arena_printf(&r->arena, "%s/%lld", link_title_round(r, round_id, "units"),
				     (long long)unit_id);
	return action ? arena_printf(&r->arena, "%s/%s", p, action) : p;
}

const char *link_title_candidate(struct req *r, int64_t id, const char *action)
{
	return record(r, "title-candidates", id, action);
}

const char *link_titles(struct req *r, int64_t unit_id)
{
	return link_query_id(r, "/titles", "unit", unit_id);
}

const char *link_award_round(struct req *r, int64_t id, const char *action)
{
	return record(r, "award-rounds", id, action);
}

const char *link_nomination(struct req *r, int64_t id, const char *action)
{
	return record(r, "nominations", id, action);
}

const char *link_council_session(struct req *r, int64_t id, const char *action)
{
	return record(r, "council-sessions", id, action);
}

const char *link_council_member(struct req *r, int64_t id, const char *action)
{
	return record(r, "council-members", id, action);
}

const char *link_award_decision(struct req *r, int64_t id, const char *action)
{
	return record(r, "award-decisions", id, action);
}

const char *link_award(struct req *r, int64_t id, const char *action)
{
	return record(r, "awards", id, action);
}

const char *link_restriction(struct req *r, int64_t id, const char *action)
{
	return record(r, "restrictions", id, action);
}

const char *link_awards(struct req *r, int64_t unit_id, const char *q)
{
	return link_query(r, link_query_id(r, "/awards", "unit", unit_id), "q", q);
}

const char *link_verify(struct req *r, const char *code)
{
	return arena_printf(&r->arena, "/verify/%s", code);
}

/* ---------------------------------------------------------------- query */

const char *link_query(struct req *r, const char *path, const char *key, const char *value)
{
	if (!value || !*value)
		return path;
	struct buf b = BUF_INIT;
	buf_adds(&b, path);
	buf_addch(&b, strchr(path, '?') ? '&' : '?');
	buf_adds(&b, key);
	buf_addch(&b, '=');
	html_url_arg(&b, value);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

const char *link_query_id(struct req *r, const char *path, const char *key, int64_t id)
{
	return id ? link_query(r, path, key, arena_printf(&r->arena, "%lld", (long long)id)) : path;
}

const char *link_entity(struct req *r, const char *entity, int64_t id, int64_t unit_id)
{
	if (!strcmp(entity, "report"))
		return link_report(r, id, NULL);
	if (!strcmp(entity, "notice"))
		return link_notice(r, id, NULL);
	if (!strcmp(entity, "matter"))
		return link_matter(r, id, NULL);
	if (!strcmp(entity, "consultation"))
		return link_consultation(r, id, NULL);
	if (!strcmp(entity, "work"))
		return link_work(r, id, NULL);
	return link_unit(r, unit_id, NULL);
}

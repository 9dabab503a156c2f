/*
 * The link vocabulary (after cgit's ui-shared.c): the path of every kind of
 * page danvan serves, written in one place. A page never spells a URL
 * format itself (make lint refuses "/notices/%lld" outside this file), and
 * tests/unit/test_link.c checks that each path reaches a route.
 *
 * Every function returns a string in the request's arena. `action`, where
 * a function takes one, is NULL for the record's own page or the rest of
 * the path as the route table spells it ("edit", "files", "synthesis.pdf").
 */
#ifndef DV_WEB_LINK_H
#define DV_WEB_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "web/http.h"

/* A record's page, or an action on it: /units/5, /units/5/households. */
const char *link_unit(struct req *r, int64_t id, const char *action);
const char *link_household(struct req *r, int64_t id, const char *action);
const char *link_resident(struct req *r, int64_t id, const char *action);
const char *link_notice(struct req *r, int64_t id, const char *action);
const char *link_category(struct req *r, int64_t id, const char *action);
const char *link_article(struct req *r, int64_t id, const char *action); /* /news/ID */
const char *link_matter(struct req *r, int64_t id, const char *action);
const char *link_motion(struct req *r, int64_t id, const char *action);
const char *link_consultation(struct req *r, int64_t id, const char *action);
const char *link_opinion(struct req *r, int64_t id, const char *action);
const char *link_grant(struct req *r, int64_t id, const char *action);
const char *link_token(struct req *r, int64_t id, const char *action); /* /account/tokens/ID */
const char *link_file(struct req *r, int64_t id, const char *action);

/* Removing file_id from the files of the record at owner_path (a notice's
 * or an article's): owner_path/files/FILE/remove. */
const char *link_file_remove(struct req *r, const char *owner_path, int64_t file_id);
/* Ticking one duty (a channel's name) of a notice. */
const char *link_notice_duty(struct req *r, int64_t notice_id, const char *channel);
/* A notice's reach in one unit; `recorded` > 0 says how many were just
 * recorded (the page thanks the head). */
const char *link_notice_reach(struct req *r, int64_t notice_id, int64_t unit_id,
			      int64_t recorded);
/* A household's check-in code at a meeting. (A receipt is never put in an
 * address: the tally's check posts it, so no log keeps it.) */
const char *link_checkin(struct req *r, int64_t matter_id, const char *code);
/* A part of a consultation's page: a section's comments, one opinion. */
const char *link_consultation_section(struct req *r, int64_t id, int section);
const char *link_consultation_opinion(struct req *r, int64_t id, int64_t opinion_id);
/* The actor's messages and choices of how to hear of things. */
const char *link_me_notifications(struct req *r);
/* An e-mail subscription's confirmation and its one-click unsubscribe. */
const char *link_subscription_confirm(struct req *r, const char *token);
const char *link_unsubscribe(struct req *r, const char *token);
/* Claiming a household's account with the token of an invitation. */
const char *link_claim(struct req *r, const char *token);

/* Lists, narrowed to a unit, a category or a status when given (0 or
 * NULL leave the filter out). */
const char *link_notices(struct req *r, int64_t unit_id, int64_t category_id);
const char *link_news(struct req *r, int64_t unit_id, const char *section);
const char *link_matters(struct req *r, int64_t unit_id, const char *status);
const char *link_consultations(struct req *r, int64_t unit_id, const char *status);
/* The Atom feeds of the same lists. */
const char *link_notices_feed(struct req *r, int64_t unit_id, int64_t category_id);
const char *link_news_feed(struct req *r, int64_t unit_id, const char *section);
/* A unit's households, searched for q (may be NULL), page `page` (1 first). */
const char *link_households(struct req *r, int64_t unit_id, const char *q, int64_t page);

/* ---- works: co-funded community works (web/works/) ---- */

/* A work's page or an action on it: /works/5, /works/5/households. */
const char *link_work(struct req *r, int64_t id, const char *action);
/* The works of a unit's subtree, narrowed to a status (0 / NULL: all). */
const char *link_works(struct req *r, int64_t unit_id, const char *status);
/* One entry of a work's ledger, or an action on it ("receipt.pdf",
 * "signoff", "files"). */
const char *link_work_entry(struct req *r, int64_t work_id, int64_t entry_id,
			    const char *action);
/* The work's ledger on its page, narrowed to a kind (NULL: all), page
 * `page` (1 first). */
const char *link_work_ledger(struct req *r, int64_t work_id, const char *kind, int64_t page);
/* A file of a work (a milestone's photo, an invoice), or its thumbnail. */
const char *link_work_file(struct req *r, int64_t work_id, int64_t file_id, int thumb);
/* Attaching photos to one milestone of a work. */
const char *link_work_milestone_files(struct req *r, int64_t work_id, int64_t milestone_id);
/* The households of a work, page `page`; with a household's code, the
 * work's page with the recording form filled for it. */
const char *link_work_households(struct req *r, int64_t work_id, int64_t page);
const char *link_work_record(struct req *r, int64_t work_id, const char *household_code);

/* ---- reports: citizen reports, Open311 and the People's Inspection Board */

/* A report's page, or an action on it: /reports/7, /reports/7/act. */
const char *link_report(struct req *r, int64_t id, const char *action);
/* Reports, narrowed to a unit, a category, a status (open, closed,
 * overdue) when given; page > 1 adds the page. */
const char *link_reports(struct req *r, int64_t unit_id, int64_t category_id, const char *status,
			 int64_t page);
/* The form to report a problem, with the unit and category picked when
 * given (0 leaves them to choose). */
const char *link_report_new(struct req *r, int64_t unit_id, int64_t category_id);
/* A report's photo: its file; `variant` NULL, "thumb" or "original" (the
 * one before a redaction, for handlers), or "redact". */
const char *link_report_photo(struct req *r, int64_t report_id, int64_t file_id,
			      const char *variant);
/* The officers' queue, and one's own reports. */
const char *link_report_queue(struct req *r);
const char *link_reports_mine(struct req *r);
/* A unit's statistics of reports. */
const char *link_report_stats(struct req *r, int64_t unit_id, int64_t year);
/* The city administrator's pages: categories (id 0: the list, or with
 * action "new"), handling bodies and routing, Open311 apps. */
const char *link_report_category(struct req *r, int64_t id, const char *action);
const char *link_report_body(struct req *r, int64_t id, const char *action);
const char *link_report_rules(struct req *r);
const char *link_report_app(struct req *r, int64_t id, const char *action);
/* An officer of a body, to remove. */
const char *link_report_body_officer(struct req *r, int64_t body_id, int64_t account_id);
/* The inspection board of a ward ("members", "cases", "constitute",
 * "report.pdf"), with the quarter for the report ("2026-2", may be NULL). */
const char *link_inspection(struct req *r, int64_t ward_id, const char *action,
			    const char *quarter);
const char *link_inspection_case(struct req *r, int64_t id, const char *action);
const char *link_inspection_member(struct req *r, int64_t id, const char *action);
const char *link_inspection_rec(struct req *r, int64_t id, const char *action);
/* An Open311 resource under /open311/v2/: "discovery.json", "requests.xml". */
const char *link_open311(struct req *r, const char *resource);
/* One request in a format ("json", "xml"): /open311/v2/requests/7.json. */
const char *link_open311_request(struct req *r, int64_t id, const char *format);
/* ------------------------------------------ emulation, titles, awards */

/* Movements and a participant's part in one: /movements/ID,
 * /movement-entries/ID/progress. */
const char *link_movement(struct req *r, int64_t id, const char *action);
const char *link_movement_entry(struct req *r, int64_t id, const char *action);
const char *link_movements(struct req *r, int64_t unit_id);
/* "Dân vận khéo" models, the library (narrowed to a unit, a field, words),
 * a model's file (its thumbnail when `thumb`), the figures for a year. */
const char *link_model(struct req *r, int64_t id, const char *action);
const char *link_models(struct req *r, int64_t unit_id, const char *field, const char *q);
const char *link_model_file(struct req *r, int64_t model_id, int64_t file_id, int thumb);
const char *link_model_figures(struct req *r, int64_t unit_id, int64_t year);
/* Cultural titles: a round (/titles/ID), a community's sheet in it, a
 * candidate's action, the list. */
const char *link_title_round(struct req *r, int64_t id, const char *action);
const char *link_title_unit(struct req *r, int64_t round_id, int64_t unit_id,
			    const char *action);
const char *link_title_candidate(struct req *r, int64_t id, const char *action);
const char *link_titles(struct req *r, int64_t unit_id);
/* Commendation: a round, a nomination, a session of the council, a member,
 * a decision (public), an award, an entry of the restricted register, the
 * public register (narrowed to a unit, searched for q), and a
 * certificate's verification page. */
const char *link_award_round(struct req *r, int64_t id, const char *action);
const char *link_nomination(struct req *r, int64_t id, const char *action);
const char *link_council_session(struct req *r, int64_t id, const char *action);
const char *link_council_member(struct req *r, int64_t id, const char *action);
const char *link_award_decision(struct req *r, int64_t id, const char *action);
const char *link_award(struct req *r, int64_t id, const char *action);
const char *link_restriction(struct req *r, int64_t id, const char *action);
const char *link_awards(struct req *r, int64_t unit_id, const char *q);
const char *link_verify(struct req *r, const char *code);

/* ------------------------------------------------------------- plans */

/* A plan, a plan's indicator, a task, a review, a template of periodic
 * reports, or an action on one: /plans/3, /tasks/3/progress,
 * /reviews/3/review.pdf, /periodic/3/consolidation.xlsx. */
const char *link_plan(struct req *r, int64_t id, const char *action);
const char *link_plan_indicator(struct req *r, int64_t id, const char *action);
const char *link_task(struct req *r, int64_t id, const char *action);
const char *link_review(struct req *r, int64_t id, const char *action);
const char *link_periodic(struct req *r, int64_t id, const char *action);
/* A file of a task's evidence, or of an entered value's; with file_id 0,
 * where files are attached to it. */
const char *link_task_file(struct req *r, int64_t task_id, int64_t file_id);
const char *link_value_file(struct req *r, int64_t value_id, int64_t file_id);
/* The consolidation of a template's reports for a year and a period (0:
 * the whole year), as a page or a workbook. */
const char *link_consolidation(struct req *r, int64_t template_id, int year, int period,
			       int xlsx);
/* The tasks the logged-in officer carries out. */
const char *link_tasks(struct req *r);
/* A unit's report on a template for a period: its page and its form. */
const char *link_periodic_report(struct req *r, int64_t template_id, int64_t unit_id, int year,
				 int period);

/* A record of the JSON API: /api/v1/COLLECTION/ID[/action]. */
const char *link_api(struct req *r, const char *collection, int64_t id, const char *action);

/* path with "key=value" added to its query (value percent-encoded); path
 * itself when value is NULL or empty. */
const char *link_query(struct req *r, const char *path, const char *key, const char *value);
/* The same for a number; path itself when id is 0. */
const char *link_query_id(struct req *r, const char *path, const char *key, int64_t id);

/* The page of a record named by its kind ("notice", "report", "matter",
 * "consultation", "work"),
 * else of unit_id: what a message links to. */
const char *link_entity(struct req *r, const char *entity, int64_t id, int64_t unit_id);

#endif

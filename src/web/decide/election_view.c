/*
 * A head election's part of its matter's page: the timeline, each step
 * with the rule in force and whether it was kept (the plan, the public
 * notice, the election team), the head's forms for the plan and the team,
 * and the count per candidate of the secret ballot.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/decide/election.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"
#include "domain/rules.h"
#include "web/link.h"
#include "web/form.h"
#include "web/html.h"
#include "web/page.h"
#include "web/decide/decide_impl.h"

/* One step of the timeline: what, when it was done (or ""), whether the
 * rule was kept (-1: not a deadline), the rule. */
static void step(struct req *r, const char *what, const char *done_on, int kept,
		 const char *rule)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><strong>");
	html_txt(b, what);
	html_raw(b, "</strong> ");
	if (*done_on) {
		html_raw(b, kept < 0   ? "<span>"
			    : kept ? "<span class=\"done\">"
				   : "<span class=\"late\">");
		html_txt(b, done_on);
		html_raw(b, "</span>");
	} else {
		html_raw(b, "<span class=\"meta\">");
		html_txt(b, T(r, "not yet"));
		html_raw(b, "</span>");
	}
	html_raw(b, "<br><span class=\"meta\">");
	html_txt(b, rule);
	html_raw(b, "</span></li>");
}

static void timeline(struct req *r, const struct election *e, const struct meeting *m, int has_m)
{
	int64_t plan = rule_value(&r->ctx, RULE_HEAD_PLAN_DAYS);
	int64_t team = rule_value(&r->ctx, RULE_HEAD_TEAM_DAYS);
	int64_t notice = rule_value(&r->ctx, RULE_HEAD_NOTICE_DAYS);
	int32_t day = has_m ? time_local_date(m->starts_at) : 0;
	html_raw(&r->out, "<ol class=\"timeline\">");
	step(r, T(r, "Election plan issued:"), page_date(r, e ? e->plan_on : 0),
	     !day || (e && date_diff_days(e->plan_on, day) >= plan),
	     arena_printf(&r->arena, T(r, "At least %lld days before the election."),
			  (long long)plan));
	step(r, T(r, "Election announced:"),
	     has_m ? page_date(r, time_local_date(m->called_at)) : "", 1,
	     arena_printf(&r->arena,
			  T(r, "At least %lld days before the election, by the invitation to "
			       "the meeting."),
			  (long long)notice));
	step(r, T(r, "Election team set up:"), page_date(r, e ? e->team_on : 0), 1,
	     day ? arena_printf(&r->arena,
				T(r, "At most %lld days before the election (from %s), no "
				     "candidate on it."),
				(long long)team, page_date(r, date_add_days(day, -team)))
		 : arena_printf(&r->arena,
				T(r, "At most %lld days before the election, no candidate on it."),
				(long long)team));
	step(r, T(r, "Election day:"), has_m ? page_date(r, day) : "", -1,
	     T(r, "Secret ballot; elected with more than half of the representatives present, "
		  "else a new election."));
	html_raw(&r->out, "</ol>");
}

/* A heading and a list of names. */
static void names(struct req *r, const char *heading, const char *const *list, size_t n)
{
	html_raw(&r->out, "<h3>");
	html_txt(&r->out, heading);
	html_raw(&r->out, "</h3><ul>");
	for (size_t i = 0; i < n; i++) {
		html_raw(&r->out, "<li>");
		html_txt(&r->out, list[i]);
		html_raw(&r->out, "</li>");
	}
	html_raw(&r->out, "</ul>");
}

static void people(struct req *r, const struct matter *mt, const struct election *e)
{
	const char *list[16];
	size_t n = 0;
	for (size_t i = 0; !mt->yesno && i < mt->noptions; i++)
		list[n++] = mt->options[i].label;
	if (n)
		names(r, T(r, "Candidates"), list, n);
	n = text_lines(&r->arena, e ? e->team : NULL, list, 16);
	if (n)
		names(r, T(r, "Election team"), list, n);
}

static void plan_form(struct req *r, const struct matter *mt, const struct election *e,
		      const struct form_errors *fe)
{
	form_begin(r, link_matter(r, mt->id, "election/plan"), "stacked");
	form_input(r,
		   &(struct field){.name = "plan_on", .label = T(r, "The election plan was issued on"),
				   .value = page_date_iso(r, e ? e->plan_on
							       : time_local_date(r->ctx.now)),
				   .type = "date", .required = 1},
		   fe);
	form_submit(r, T(r, "Record the election plan"));
	form_end(r);
}

static void team_form(struct req *r, const struct matter *mt, const struct form_errors *fe)
{
	form_begin(r, link_matter(r, mt->id, "election/team"), "stacked");
	form_textarea(r,
		      &(struct field){.name = "team", .label = T(r, "Election team"),
				      .value = req_form(r, "team"),
				      .hint = arena_printf(&r->arena,
							   T(r, "%d to %d people, one name per "
								"line, none of them a candidate"),
							   (int)rule_value(&r->ctx,
									   RULE_COUNTERS_MIN),
							   (int)rule_value(&r->ctx,
									   RULE_COUNTERS_MAX)),
				      .required = 1},
		      4, fe);
	form_submit(r, T(r, "Set up the election team"));
	form_end(r);
}

void election_section(struct req *r, const struct matter *mt, const struct form_errors *fe)
{
	struct election e;
	struct meeting m;
	struct matter again;
	if (mt->type != MT_HEAD || mt->form != FORM_MEETING)
		return;
	int has_e = !election_get(&r->ctx, mt->id, &e);
	int has_m = !meeting_get(&r->ctx, mt->id, &again, &m);
	int manage = perm_may(&r->ctx, ACT_CONVENE_MEETINGS, mt->unit_id);
	html_raw(&r->out, "<section class=\"election\"><h2>");
	html_txt(&r->out, T(r, "Electing the community head"));
	html_raw(&r->out, "</h2>");
	timeline(r, has_e ? &e : NULL, &m, has_m);
	people(r, mt, has_e ? &e : NULL);
	if (manage && mt->status == MS_DRAFT)
		plan_form(r, mt, has_e ? &e : NULL, fe);
	if (manage && has_m && m.status == MEET_SCHEDULED)
		team_form(r, mt, fe);
	html_raw(&r->out, "</section>");
}

/* The count form of a main motion whose matter has its own options. */
void election_count_form(struct req *r, const struct matter *mt, const struct motion *o)
{
	struct buf *b = &r->out;
	form_begin(r, link_motion(r, o->id, "record"), "duty");
	for (size_t i = 0; i < mt->noptions; i++) {
		html_raw(b, "<label>");
		html_txt(b, mt->options[i].label);
		html_raw(b, " <input type=\"number\" min=\"0\" inputmode=\"numeric\" name=\"option");
		html_txtf(b, "%zu", i);
		html_raw(b, "\" value=\"0\"></label>");
	}
	html_raw(b, "<button type=\"submit\">");
	html_txt(b, T(r, "Enter the count"));
	html_raw(b, "</button>");
	form_end(r);
}

/* The counts per option of a decided motion. */
void election_counts(struct req *r, const struct matter *mt, const struct motion *o)
{
	struct buf *b = &r->out;
	html_raw(b, "<ul class=\"counts\">");
	for (size_t i = 0; i < mt->noptions && i < 11; i++) {
		html_raw(b, "<li>");
		html_txt(b, mt->options[i].label);
		html_txtf(b, ": %lld", (long long)o->option_votes[i]);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

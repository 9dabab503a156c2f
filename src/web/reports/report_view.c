/*
 * Pieces the reports' pages share: a report's status and deadline, a report
 * as a list item, the forms of those who handle it and of its reporter, and
 * a unit's short summary for its home page.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/reports/report.h"
#include "domain/reports/report_stats.h"
#include "domain/reports/routing.h"
#include "web/form.h"
#include "web/html.h"
#include "web/link.h"
#include "web/page.h"
#include "web/todo.h"
#include "web/reports/reports.h"
#include "web/reports/reports_impl.h"

const char *report_category_label(struct req *r, const struct report *rep)
{
	return strcmp(r->ctx.lang, "en") == 0 && *rep->category_en ? rep->category_en
								   : rep->category_vi;
}

void report_status_badge(struct req *r, const struct report *rep)
{
	struct buf *b = &r->out;
	html_raw(b, "<span class=\"status s-");
	html_attr(b, report_status_name(rep->status));
	html_raw(b, "\">");
	html_txt(b, T(r, report_status_label(rep->status)));
	html_raw(b, "</span>");
	if (rep->overdue) {
		html_raw(b, " <span class=\"status overdue\">");
		html_txt(b, T(r, "Overdue"));
		html_raw(b, "</span>");
	}
}

void report_deadline_line(struct req *r, const struct report *rep)
{
	struct buf *b = &r->out;
	if (rep->status == RS_REJECTED || rep->status == RS_MERGED)
		return;
	html_txtf(b, T(r, "To resolve by %s"), page_date(r, rep->resolve_due));
	if (rep->kept == 1) {
		html_raw(b, " · <span class=\"done\">");
		html_txt(b, T(r, "deadline kept"));
		html_raw(b, "</span>");
	} else if (rep->kept == 0) {
		html_raw(b, " · <span class=\"late\">");
		html_txt(b, T(r, "resolved late"));
		html_raw(b, "</span>");
	} else if (rep->overdue) {
		html_raw(b, " · <span class=\"late\">");
		html_txt(b, T(r, "overdue"));
		html_raw(b, "</span>");
	}
}

void report_item(struct req *r, const struct report *rep)
{
	struct buf *b = &r->out;
	html_raw(b, rep->overdue
			    ? "<li class=\"overdue\"><article class=\"item\"><p class=\"kicker\">"
			    : "<li><article class=\"item\"><p class=\"kicker\">");
	html_txt(b, report_category_label(r, rep));
	html_raw(b, "</p><h2>");
	html_link(b, link_report(r, rep->id, NULL),
		  arena_printf(&r->arena, "#%lld · %s", (long long)rep->id,
			       *rep->address ? rep->address : rep->unit_name));
	html_raw(b, "</h2><p class=\"meta\">");
	report_status_badge(r, rep);
	html_raw(b, " · ");
	html_txtf(b, "%s, %s · %s", rep->unit_name, rep->ward_name, page_time(r, rep->created_at));
	if (rep->supporters) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "%lld households have it too"), (long long)rep->supporters);
	}
	html_raw(b, "<br>");
	report_deadline_line(r, rep);
	html_raw(b, "</p></article></li>");
}

void report_items(struct req *r, const struct report *v, size_t n, const char *empty)
{
	if (!n) {
		page_note(r, "empty", empty);
		return;
	}
	html_raw(&r->out, "<ul class=\"items reports\">");
	for (size_t i = 0; i < n; i++)
		report_item(r, &v[i]);
	html_raw(&r->out, "</ul>");
}

const char *report_duration(struct req *r, int64_t seconds)
{
	int64_t days = seconds / 86400, hours = seconds % 86400 / 3600;
	if (days)
		return arena_printf(&r->arena, T(r, "%lld d %lld h"), (long long)days,
				    (long long)hours);
	return arena_printf(&r->arena, T(r, "%lld h"), (long long)hours);
}

/* ------------------------------------------------------------ officers */

static void action_form(struct req *r, const struct report *rep, const struct form_errors *fe)
{
	const char *opts[2 * RA_COUNT + 1];
	size_t k = 0;
	for (int a = 0; a < RA_COUNT; a++) {
		if (a == RA_ACKNOWLEDGE && rep->status != RS_SUBMITTED)
			continue;
		if (a == RA_START && rep->status == RS_IN_PROGRESS)
			continue;
		opts[k++] = report_action_name((enum report_action)a);
		opts[k++] = T(r, report_action_label((enum report_action)a));
	}
	opts[k] = NULL;
	form_begin(r, link_report(r, rep->id, "act"), "stacked");
	form_select(r, "action", T(r, "What was done"), req_form(r, "action"), opts, fe);
	form_textarea(
		r,
		&(struct field){.name = "note",
				.label = T(r, "Public response"),
				.value = req_form(r, "note"),
				.hint = T(r, "Residents read it on the report's page. Required "
					     "to resolve, to reject (the reason) and for an "
					     "update."),
				.maxlength = REPORT_NOTE_MAX},
		3, fe);
	form_submit(r, T(r, "Save"));
	form_end(r);
}

static int route_form(struct req *r, const struct report *rep, const struct form_errors *fe)
{
	struct report_body *v;
	size_t n;
	int rc = report_body_list(&r->ctx, &v, &n);
	if (rc)
		return rc;
	const char **opts = arena_alloc(&r->arena, (2 * n + 3) * sizeof(*opts));
	size_t k = 0;
	opts[k++] = "0";
	opts[k++] = T(r, "The ward itself");
	for (size_t i = 0; i < n; i++) {
		int within = 0;
		if (unit_is_within(&r->ctx, rep->unit_id, v[i].unit_id, &within) || !within)
			continue;
		opts[k++] = arena_printf(&r->arena, "%lld", (long long)v[i].id);
		opts[k++] = v[i].name;
	}
	opts[k] = NULL;
	html_raw(&r->out, "<details><summary>");
	html_txt(&r->out, T(r, "Send it to another body"));
	html_raw(&r->out, "</summary>");
	form_begin(r, link_report(r, rep->id, "route"), "stacked");
	form_select(r, "body", T(r, "Handled by"),
		    arena_printf(&r->arena, "%lld", (long long)rep->body_id), opts, fe);
	form_input(r,
		   &(struct field){.name = "route_note",
				   .label = T(r, "Why (public)"),
				   .maxlength = REPORT_NOTE_MAX},
		   fe);
	form_submit(r, T(r, "Send"));
	form_end(r);
	html_raw(&r->out, "</details>");
	return 0;
}

static void merge_form(struct req *r, const struct report *rep, const struct form_errors *fe)
{
	html_raw(&r->out, "<details><summary>");
	html_txt(&r->out, T(r, "Merge into a report of the same problem"));
	html_raw(&r->out, "</summary>");
	form_begin(r, link_report(r, rep->id, "merge"), "stacked");
	form_input(r,
		   &(struct field){.name = "into",
				   .label = T(r, "Number of the other report"),
				   .value = req_form(r, "into"),
				   .type = "number",
				   .required = 1,
				   .maxlength = 15},
		   fe);
	form_submit(r, T(r, "Merge"));
	form_end(r);
	html_raw(&r->out, "</details>");
}

static void redact_form(struct req *r, const struct report *rep, const struct form_errors *fe)
{
	html_raw(&r->out, "<details><summary>");
	html_txt(&r->out, T(r, "Hide personal details of the text"));
	html_raw(&r->out, "</summary>");
	form_begin(r, link_report(r, rep->id, "redact"), "stacked");
	const char *v = req_form(r, "description");
	form_textarea(
		r,
		&(struct field){.name = "description",
				.label = T(r, "The text the public sees"),
				.value = v ? v : rep->description,
				.hint = T(r, "Remove names, phone numbers and number plates. "
					     "What the resident wrote stays for the officers."),
				.required = 1,
				.maxlength = REPORT_DESCRIPTION_MAX},
		4, fe);
	form_submit(r, T(r, "Save the public text"));
	form_end(r);
	html_raw(&r->out, "</details>");
}

void report_officer_tools(struct req *r, const struct report *rep, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	if (!rep->may_handle)
		return;
	html_raw(b, "<section class=\"tools\"><h2>");
	html_txt(b, T(r, "For the officers"));
	html_raw(b, "</h2><dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Reported by"));
	html_raw(b, "</dt><dd>");
	html_txt(b, *rep->reporter ? rep->reporter : T(r, "an anonymous resident"));
	if (*rep->contact_phone) {
		html_raw(b, " · ");
		html_txt(b, rep->contact_phone);
	}
	html_raw(b, "</dd>");
	if (*rep->original) {
		html_raw(b, "<dt>");
		html_txt(b, T(r, "As written"));
		html_raw(b, "</dt><dd>");
		html_txt(b, rep->original);
		html_raw(b, "</dd>");
	}
	html_raw(b, "<dt>");
	html_txt(b, T(r, "To acknowledge by"));
	html_raw(b, "</dt><dd>");
	html_txt(b, page_date(r, rep->ack_due));
	if (rep->ack_overdue) {
		html_raw(b, " <span class=\"late\">");
		html_txt(b, T(r, "overdue"));
		html_raw(b, "</span>");
	}
	html_raw(b, "</dd></dl>");
	if (report_status_is_open(rep->status)) {
		action_form(r, rep, fe);
		if (route_form(r, rep, fe))
			page_note(r, "note", T(r, "The bodies could not be listed."));
		merge_form(r, rep, fe);
	}
	redact_form(r, rep, fe);
	html_raw(b, "</section>");
}

/* ------------------------------------------------------------ reporter */

static void stars(struct req *r, int current)
{
	struct buf *b = &r->out;
	html_raw(b, "<fieldset class=\"stances\"><legend>");
	html_txt(b, T(r, "How well was it solved? (1 poor, 5 very good)"));
	html_raw(b, "</legend>");
	for (int i = 1; i <= 5; i++) {
		html_raw(b, "<div class=\"field radio\"><input type=\"radio\" name=\"rating\" "
			    "id=\"rating");
		html_txtf(b, "%d", i);
		html_raw(b, "\" value=\"");
		html_txtf(b, "%d", i);
		html_raw(b, i == (current ? current : 5) ? "\" checked>" : "\">");
		html_raw(b, "<label for=\"rating");
		html_txtf(b, "%d", i);
		html_raw(b, "\">");
		html_txtf(b, "%d ★", i);
		html_raw(b, "</label></div>");
	}
	html_raw(b, "</fieldset>");
}

void report_reporter_tools(struct req *r, const struct report *rep, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	if (!rep->mine && !rep->may_support && !rep->supported)
		return;
	html_raw(b, "<section class=\"ack\">");
	if (rep->may_confirm) {
		html_raw(b, "<h2>");
		html_txt(b, T(r, "Is the problem solved?"));
		html_raw(b, "</h2>");
		form_button(r, link_report(r, rep->id, "confirm"), T(r, "Yes, it is solved"),
			    "inline primary");
	}
	if (rep->may_reopen) {
		form_begin(r, link_report(r, rep->id, "reopen"), "stacked");
		form_input(r,
			   &(struct field){.name = "reason",
					   .label = T(r, "Not solved? Say why, to reopen it"),
					   .value = req_form(r, "reason"),
					   .maxlength = REPORT_NOTE_MAX},
			   fe);
		form_submit(r, T(r, "Reopen the report"));
		form_end(r);
	}
	if (rep->may_rate) {
		form_begin(r, link_report(r, rep->id, "rate"), "stacked");
		stars(r, rep->rating);
		form_input(r,
			   &(struct field){.name = "comment",
					   .label = T(r, "A comment (optional)"),
					   .value = req_form(r, "comment"),
					   .maxlength = REPORT_COMMENT_MAX},
			   fe);
		form_submit(r, rep->rating ? T(r, "Change my rating") : T(r, "Rate"));
		form_end(r);
	}
	if (rep->may_support) {
		form_button(r, link_report(r, rep->id, "support"), T(r, "I have this problem too"),
			    "inline primary");
	} else if (rep->supported) {
		html_raw(b, "<p class=\"done\">");
		html_txt(b, T(r, "Your household said it has this problem too."));
		html_raw(b, "</p>");
	}
	html_raw(b, "</section>");
}

/* ------------------------------------------------------------- summary */

#define RESOLVED_SHOWN 3

/* The first instant of this month, in Vietnam's time. */
static int64_t this_month(struct req *r)
{
	int y, m, d;
	date_split(time_local_date(r->ctx.now), &y, &m, &d);
	return time_local_midnight(date_ymd(y, m, 1));
}

/* The reports resolved this month, the latest first, as links. */
static void resolved_lately(struct req *r, const struct report *v, size_t n)
{
	struct buf *b = &r->out;
	if (!n)
		return;
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_link(b, link_report(r, v[i].id, NULL),
			  arena_printf(&r->arena, "#%lld · %s", (long long)v[i].id,
				       report_category_label(r, &v[i])));
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, *v[i].address ? v[i].address : v[i].unit_name);
		html_raw(b, " · ");
		html_txtf(b, T(r, "resolved %s"), page_date(r, time_local_date(v[i].resolved_at)));
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul>");
}

int reports_unit_summary(struct req *r, int64_t unit_id)
{
	struct buf *b = &r->out;
	struct report_stats *s;
	struct unit u;
	size_t n;
	/* public figures, whoever reads: the page is cached for everyone */
	const struct actor *was = r->ctx.actor;
	r->ctx.actor = &actor_anonymous;
	int64_t month = this_month(r), resolved = 0;
	struct report_filter lately = {.unit_id = unit_id, .state = REPORT_ANY,
				       .resolved_since = month};
	struct report *v;
	size_t nv;
	int more;
	int rc = unit_get(&r->ctx, unit_id, &u);
	if (!rc)
		rc = report_stats(&r->ctx, unit_id, r->ctx.now - 365 * 86400, 0, &s, &n);
	if (!rc)
		rc = report_resolved_count(&r->ctx, unit_id, month, &resolved);
	if (!rc)
		rc = report_list(&r->ctx, &lately, 0, RESOLVED_SHOWN, &v, &nv, &more);
	r->ctx.actor = was;
	if (rc)
		return rc;
	const struct report_stats *t = &s[n - 1];
	html_raw(b, "<section class=\"recent reports-summary\"><h2>");
	html_txt(b, T(r, "Residents' reports"));
	html_raw(b, "</h2><ul class=\"summary\"><li><strong>");
	html_int(b, resolved);
	html_raw(b, "</strong>");
	html_txt(b, T(r, "resolved this month"));
	html_raw(b, "</li><li><strong>");
	html_int(b, t->received);
	html_raw(b, "</strong>");
	html_txt(b, T(r, "in the last 12 months"));
	html_raw(b, "</li><li><strong>");
	html_txt(b, t->resolved ? page_percent(r, t->on_time, t->resolved) : "–");
	html_raw(b, "</strong>");
	html_txt(b, T(r, "resolved on time"));
	html_raw(b, "</li><li><strong>");
	html_int(b, t->open);
	html_raw(b, "</strong>");
	html_txt(b, T(r, "open"));
	html_raw(b, "</li><li><strong>");
	html_int(b, t->overdue);
	html_raw(b, "</strong>");
	html_txt(b, T(r, "overdue"));
	html_raw(b, "</li></ul>");
	resolved_lately(r, v, nv);
	html_raw(b, "<p class=\"links\">");
	if (unit_kind_is_community(u.kind))
		html_link(b, link_report_new(r, unit_id, 0), T(r, "Report a problem here"));
	else
		html_link(b, link_report_new(r, 0, 0), T(r, "Report a problem"));
	html_link(b, link_reports(r, unit_id, 0, NULL, 0), T(r, "All reports"));
	html_link(b, link_report_stats(r, unit_id, 0), T(r, "Statistics"));
	if (unit_kind_is_commune(u.kind))
		html_link(b, link_inspection(r, unit_id, NULL, NULL),
			  T(r, "People's Inspection Board"));
	html_raw(b, "</p></section>");
	return 0;
}

int reports_me_section(struct req *r)
{
	struct buf *b = &r->out;
	struct report *v;
	struct report_body *bodies;
	size_t n, nb;
	int more;
	struct report_filter mine = {.mine = 1, .state = REPORT_ANY};
	int rc = report_list(&r->ctx, &mine, 0, 5, &v, &n, &more);
	if (rc || (rc = report_body_mine(&r->ctx, &bodies, &nb)))
		return rc;
	int officer = nb || perm_may_somewhere(&r->ctx, ACT_HANDLE_REPORTS) ||
		      perm_may_somewhere(&r->ctx, ACT_HANDLE_LOCAL_REPORTS);
	if (!n && !officer)
		return 0;
	page_section(r, NULL, T(r, "Reports"));
	if (n) {
		report_items(r, v, n, "");
		html_raw(b, "<p class=\"links\">");
		html_link(b, link_reports_mine(r), T(r, "All my reports"));
		html_raw(b, "</p>");
	}
	if (officer) {
		html_raw(b, "<p class=\"links\">");
		html_link(b, link_report_queue(r), T(r, "Reports to handle"));
		html_raw(b, "</p>");
	}
	html_raw(b, "</section>");
	return 0;
}

/* How many reports of f's part: overdue ones or all open ones, counted
 * up to a page (REPORT_PAGE_MAX: more than a page reads as that many). */
static int count_part(struct req *r, struct report_filter f, int state, int64_t *n)
{
	struct report *v;
	size_t k;
	int more;
	f.state = state;
	int rc = report_list(&r->ctx, &f, 0, REPORT_PAGE_MAX, &v, &k, &more);
	*n += rc ? 0 : (int64_t)k;
	return rc;
}

int reports_todo(struct req *r, struct todo *t)
{
	struct queue_part *parts;
	size_t np;
	int64_t overdue = 0, open = 0;
	int rc = report_queue_parts(r, &parts, &np);
	for (size_t i = 0; !rc && i < np; i++)
		if (!(rc = count_part(r, parts[i].f, REPORT_OVERDUE, &overdue)))
			rc = count_part(r, parts[i].f, REPORT_OPEN, &open);
	todo_add(t, N_("%lld reports past their deadline"), overdue, link_report_queue(r), 1);
	todo_add(t, N_("%lld reports open in your queue"), open - overdue, link_report_queue(r), 0);
	return rc;
}

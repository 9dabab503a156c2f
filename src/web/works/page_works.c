/*
 * Works in lists: the list of a unit's works, the section of a unit's page
 * (its works and what they delivered, by kind and by source: the city's
 * totals on the city's page), and a household's works on /me.
 */
#include <string.h>

#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/works/works_stats.h"
#include "domain/works/board.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/todo.h"
#include "web/works/works.h"
#include "web/works/works_impl.h"

#define LIST_SIZE   20
#define UNIT_RECENT 5

int page_works(struct req *r)
{
	struct work_filter f = {.status = -1};
	struct work *v;
	struct unit u;
	size_t n;
	int more;
	int64_t page;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &f.unit_id);
	if (rc || (rc = req_query_enum(r, "status", work_status_names, WS_COUNT, &f.status)) ||
	    (rc = page_number(r, 10000, &page)))
		return rc;
	if (f.unit_id && unit_get(&r->ctx, f.unit_id, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	if ((rc = work_list(&r->ctx, &f, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more)))
		return rc;
	const char *title = T(r, "Community works");
	if (f.unit_id)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	if (f.unit_id)
		page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Alley roads, street lights and cameras that households, businesses, the "
		       "police and the ward pay for together: what residents decided, every đồng "
		       "received and spent, and the board that supervises it."));
	if (f.unit_id && perm_may(&r->ctx, ACT_MANAGE_WORKS, u.id)) {
		html_raw(&r->out, "<p class=\"links\">");
		html_link(&r->out, link_unit(r, u.id, "works/new"), T(r, "Plan a new work"));
		html_raw(&r->out, "</p>");
	}
	if (n) {
		html_raw(&r->out, "<ul class=\"items\">");
		for (size_t i = 0; i < n; i++)
			works_item(r, &v[i]);
		html_raw(&r->out, "</ul>");
	} else {
		page_note(r, "empty", T(r, "No works here yet."));
	}
	page_pager(r, link_works(r, f.unit_id, f.status < 0 ? NULL : work_status_name(f.status)),
		   page, more);
	layout_end(r);
	return 0;
}

/* ------------------------------------------------------------ a unit */

static void li_count(struct req *r, int64_t n, const char *label)
{
	html_raw(&r->out, "<li><strong>");
	html_int(&r->out, n);
	html_raw(&r->out, "</strong>");
	html_txt(&r->out, label);
	html_raw(&r->out, "</li>");
}

static void li_money(struct req *r, int64_t v, const char *label)
{
	html_raw(&r->out, "<li><strong>");
	html_txt(&r->out, works_money(r, v));
	html_raw(&r->out, "</strong>");
	html_txt(&r->out, label);
	html_raw(&r->out, "</li>");
}

/* What the works of the subtree delivered and raised. */
static void totals(struct req *r, const struct works_totals *t)
{
	struct buf *b = &r->out;
	html_raw(b, "<h3>");
	html_txt(b, T(r, "Delivered by works accepted so far"));
	html_raw(b, "</h3><ul class=\"summary\">");
	for (int i = 0; i < OUT_COUNT; i++)
		if (t->delivered[i] || t->planned[i])
			li_count(r, t->delivered[i], T(r, work_output_label((enum work_output)i)));
	html_raw(b, "</ul><h3>");
	html_txt(b, T(r, "Money raised, by source"));
	html_raw(b, "</h3><ul class=\"summary\">");
	li_money(r, t->by_source[FUND_HOUSEHOLDS], T(r, "from households"));
	li_money(r, t->in - t->by_source[FUND_HOUSEHOLDS], T(r, "from sponsors and the budget"));
	for (int i = 1; i < FUND_COUNT; i++)
		if (t->by_source[i])
			li_money(r, t->by_source[i], T(r, work_source_label((enum work_source)i)));
	li_money(r, t->spent, T(r, "spent"));
	html_raw(b, "</ul><p class=\"meta\">");
	for (int i = 0, k = 0; i < WK_COUNT; i++)
		if (t->by_kind[i]) {
			html_txtf(b, "%s%s: ", k++ ? " · " : "",
				  T(r, work_kind_label((enum work_kind)i)));
			html_int(b, t->by_kind[i]);
		}
	html_raw(b, "</p>");
}

int works_unit_section(struct req *r, int64_t unit_id)
{
	struct works_totals t;
	struct work *v;
	size_t n;
	int more;
	struct work_filter f = {.unit_id = unit_id, .status = -1};
	int rc = works_totals(&r->ctx, unit_id, 0, 0, &t);
	if (rc || (rc = work_list(&r->ctx, &f, 0, UNIT_RECENT, &v, &n, &more)))
		return rc;
	int manage = r->ctx.actor->account_id && perm_may(&r->ctx, ACT_MANAGE_WORKS, unit_id);
	if (!n && !manage)
		return 0;
	struct buf *b = &r->out;
	page_section(r, "works", T(r, "Community works"));
	if (n) {
		html_raw(b, "<ul class=\"items compact\">");
		for (size_t i = 0; i < n; i++)
			works_item(r, &v[i]);
		html_raw(b, "</ul>");
		totals(r, &t);
	} else {
		page_note(r, "empty", T(r, "No works here yet."));
	}
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_works(r, unit_id, NULL), T(r, "All works"));
	if (manage)
		html_link(b, link_unit(r, unit_id, "works/new"), T(r, "Plan a new work"));
	html_raw(b, "</p></section>");
	return 0;
}

/* ------------------------------------------------------------------- /me */

static void my_entries(struct req *r, const struct my_share *m, int64_t household_id)
{
	struct entry *v;
	size_t n;
	int more;
	struct entry_filter f = {.kind = -1, .household_id = household_id};
	if (entry_list(&r->ctx, m->work.id, &f, 0, 50, &v, &n, &more) || !n)
		return;
	struct buf *b = &r->out;
	html_raw(b, "<ul class=\"entries\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_link(b, link_work_entry(r, m->work.id, v[i].id, NULL),
			  arena_printf(&r->arena, "%s %s", T(r, ledger_kind_label(v[i].kind)),
				       v[i].kind == EK_CORRECTION ? works_money(r, v[i].effect)
								  : works_money(r, v[i].amount)));
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, page_date(r, v[i].on_date));
		html_raw(b, "</span>");
		if (v[i].kind == EK_CONTRIBUTION || v[i].kind == EK_IN_KIND) {
			html_raw(b, " · ");
			html_link(b, link_work_entry(r, m->work.id, v[i].id, "receipt.pdf"),
				  arena_printf(&r->arena, T(r, "Receipt %s"), v[i].receipt_no));
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

static void my_share(struct req *r, const struct my_share *m, int64_t household_id)
{
	struct buf *b = &r->out;
	const struct share *s = &m->share;
	html_raw(b, "<li><h3>");
	html_link(b, link_work(r, m->work.id, NULL), m->work.name);
	html_raw(b, "</h3><p class=\"meta\">");
	html_txt(b, T(r, work_status_label(m->work.status)));
	if (s->exemption != XM_NONE) {
		html_raw(b, " · ");
		html_txt(b, T(r, "Exempt or reduced"));
	}
	html_raw(b, "</p><p>");
	if (s->due)
		html_txtf(b, T(r, "Your share: %s. "), works_money(r, s->due));
	html_txtf(b, T(r, "Pledged %s, given %s"), works_money(r, s->pledged),
		  works_money(r, s->given - s->refunded));
	if (s->refunded) {
		html_raw(b, " ");
		html_txtf(b, T(r, "(%s refunded)"), works_money(r, s->refunded));
	}
	html_raw(b, ".</p>");
	my_entries(r, m, household_id);
	if (m->work.status < WS_CLOSED &&
	    perm_may_household(&r->ctx, ACT_WORK_CONSENT, household_id, m->work.unit_id)) {
		html_raw(b, "<p class=\"hint\">");
		html_txt(b, s->show_name
				    ? T(r, "Your household's name is shown with its contributions.")
				    : T(r, "Your contributions are shown by household code and "
					   "house number, without your name."));
		html_raw(b, "</p>");
		form_begin(r, link_work(r, m->work.id, "consent"), "inline secondary");
		form_hidden(r, "show_name", s->show_name ? "0" : "1");
		form_hidden(r, "back", "me");
		form_submit(r, s->show_name ? T(r, "Hide our name") : T(r, "Show our name"));
		form_end(r);
	}
	html_raw(b, "</li>");
}

int works_me_section(struct req *r, int64_t household_id)
{
	struct my_share *v;
	size_t n;
	int rc = share_mine(&r->ctx, household_id, &v, &n);
	if (rc || !n)
		return rc;
	struct buf *b = &r->out;
	html_raw(b, "<section class=\"my-works\"><h2>");
	html_txt(b, T(r, "Our contributions to community works"));
	html_raw(b, "</h2><ul class=\"items\">");
	for (size_t i = 0; i < n; i++)
		my_share(r, &v[i], household_id);
	html_raw(b, "</ul></section>");
	return 0;
}

int works_todo(struct req *r, struct todo *t)
{
	int64_t expenses, works, work_id;
	int rc = board_waiting(&r->ctx, &expenses, &works, &work_id);
	if (!rc && expenses)
		todo_add(t, N_("%lld expenses waiting for your sign-off as a supervision board member"),
			 expenses, works == 1 ? link_work(r, work_id, NULL) : link_works(r, 0, NULL), 0);
	return rc;
}

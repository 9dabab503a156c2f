/*
 * /me: what the logged-in account sees first. On top, what there is to do,
 * one line a kind with its count (the household's ballots, meetings,
 * notices to know, drafts to comment on; an officer's overdue duties,
 * reports, opinions to answer, drafts, sign-offs), each family adding its
 * own (web/todo.h); then the household with its members, its titles, the
 * notices that concern it, its contributions, the reports, and the roles.
 */
#include "base/date.h"
#include "domain/perm.h"
#include "domain/registry/household.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"
#include "web/link.h"
#include "web/page.h"
#include "web/registry/registry.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/plans/plans.h"
#include "web/todo.h"
#include "web/consult/consult.h"
#include "web/decide/decide.h"
#include "web/disclose/disclose.h"
#include "web/reports/reports.h"
#include "web/titles/titles.h"
#include "web/works/works.h"
#include "web/home/home_impl.h"

static int my_household(struct req *r)
{
	struct household h;
	struct resident *m;
	struct unit *crumbs;
	size_t n, ncrumbs;
	int rc = household_get(&r->ctx, r->ctx.actor->household_id, &h);
	if (rc || (rc = resident_list(&r->ctx, h.id, &m, &n)) ||
	    (rc = unit_ancestors(&r->ctx, h.unit_id, &crumbs, &ncrumbs)))
		return rc;
	struct buf *b = &r->out;
	html_raw(b, "<section><h2>");
	html_txt(b, T(r, "My household"));
	html_raw(b, "</h2><dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Address"));
	html_raw(b, "</dt><dd>");
	html_txt(b, h.address);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Where"));
	html_raw(b, "</dt><dd>");
	for (size_t i = ncrumbs; i-- > 0;) {
		html_txt(b, unit_title(&r->arena, r->ctx.lang, crumbs[i].kind, crumbs[i].name));
		if (i)
			html_raw(b, ", ");
	}
	if (*h.code) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "Household code"));
		html_raw(b, "</dt><dd>");
		html_txt(b, h.code);
	}
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Representative"));
	html_raw(b, "</dt><dd>");
	html_txt(b, *h.representative_name ? h.representative_name : T(r, "none yet"));
	html_raw(b, "</dd></dl>");
	household_members_table(r, m, n, 0, 0);
	html_raw(b, "</section>");
	return 0;
}

static void my_roles(struct req *r)
{
	struct buf *b = &r->out;
	const struct actor *a = r->ctx.actor;
	if (!a->ngrants)
		return;
	html_raw(b, "<section><h2>");
	html_txt(b, T(r, "My roles"));
	html_raw(b, "</h2><ul class=\"roles\">");
	for (size_t i = 0; i < a->ngrants; i++) {
		struct unit u;
		if (unit_get(&r->ctx, a->grants[i].unit_id, &u))
			continue;
		const char *href = link_unit(r, u.id, NULL);
		html_raw(b, "<li>");
		html_txt(b, T(r, role_label((enum role)a->grants[i].role)));
		html_raw(b, " · ");
		html_link(b, href, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
}

/* What the household has to do, from the families that ask it something. */
static int household_todo(struct req *r, struct todo *t)
{
	struct household h;
	int64_t hid = r->ctx.actor->household_id;
	int rc = household_load(&r->ctx, hid, &h);
	if (rc || (rc = decide_household_todo(r, t, h.unit_id)) ||
	    (rc = notice_household_todo(r, t, hid)) ||
	    (rc = consult_household_todo(r, t, h.unit_id)))
		return rc;
	return 0;
}

/* What an officer has to do, counted by kind. */
static int officer_todo(struct req *r, struct todo *t)
{
	int rc;
	if ((rc = notice_todo(r, t)) || (rc = reports_todo(r, t)) || (rc = consult_todo(r, t)) ||
	    (rc = decide_todo(r, t)) || (rc = works_todo(r, t)) ||
	    (rc = plans_todo(r, t)))
		return rc;
	return 0;
}

int page_me(struct req *r)
{
	struct todo *t = arena_alloc(&r->arena, sizeof(*t));
	int64_t hid = r->ctx.actor->household_id;
	t->n = 0;
	int rc = (hid ? household_todo(r, t) : 0);
	if (rc || (rc = officer_todo(r, t)))
		return rc;
	layout_begin(r, r->ctx.actor->display_name);
	page_heading(r, r->ctx.actor->display_name);
	if (hid || r->ctx.actor->ngrants)
		todo_render(r, t, T(r, "To do"), T(r, "Nothing waits for you."));
	if (hid && ((rc = my_household(r)) || (rc = title_household_section(r, hid)) ||
		    (rc = notice_household_section(r, hid)) || (rc = works_me_section(r, hid))))
		return rc;
	if ((rc = reports_me_section(r)))
		return rc;
	my_roles(r);
	layout_end(r);
	return 0;
}

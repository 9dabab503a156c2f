/*
 * The portal: the deployment's home and each unit's home say what is
 * happening there, from every family (open votes and meetings, drafts open
 * for comments, recent notices, works, reports, news, emulation), with the
 * search box and the units below; /units is the whole tree. Only
 * aggregates and public records are shown, never a person; the pages are
 * cached for anonymous readers.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/disclose/article.h"
#include "domain/perm.h"
#include "domain/disclose/reach.h"
#include "domain/registry/unit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/plans/plans.h"
#include "web/link.h"
#include "web/page.h"
#include "web/awards/awards.h"
#include "web/consult/consult.h"
#include "web/decide/decide.h"
#include "web/disclose/disclose.h"
#include "web/registry/registry.h"
#include "web/reports/reports.h"
#include "web/works/works.h"
#include "web/home/home_impl.h"

#define RECENT_NOTICES 5
#define RECENT_NEWS 3

#define TREE_DEPTH 6

static void counts(struct req *r, const struct unit *u)
{
	struct buf *b = &r->out;
	html_raw(b, " <span class=\"counts\">");
	html_int(b, u->households);
	html_raw(b, " ");
	html_txt(b, T(r, "households"));
	html_raw(b, " · ");
	html_int(b, u->residents);
	html_raw(b, " ");
	html_txt(b, T(r, "residents"));
	html_raw(b, "</span>");
}

static void unit_line(struct req *r, const struct unit *u)
{
	html_link(&r->out, link_unit(r, u->id, NULL),
		  unit_title(&r->arena, r->ctx.lang, u->kind, u->name));
	counts(r, u);
}

static void no_units(struct req *r)
{
	page_note(r, "empty",
		  T(r, "No units yet. An administrator creates them with the danvan "
		       "command, or loads the demo city with `danvan demo`."));
}

/* Nested lists from units in depth-first order with their depth. */
static void tree(struct req *r, const struct unit *v, size_t n)
{
	struct buf *b = &r->out;
	int depth = -1;
	for (size_t i = 0; i < n; i++) {
		if (v[i].depth > depth) {
			html_raw(b, depth < 0 ? "<ul class=\"tree\">" : "<ul>");
		} else {
			html_raw(b, "</li>");
			for (; depth > v[i].depth; depth--)
				html_raw(b, "</ul></li>");
		}
		depth = v[i].depth;
		html_raw(b, "<li>");
		unit_line(r, &v[i]);
	}
	if (depth >= 0) {
		html_raw(b, "</li>");
		for (; depth > 0; depth--)
			html_raw(b, "</ul></li>");
		html_raw(b, "</ul>");
	}
}

int page_units(struct req *r)
{
	struct unit *roots;
	size_t nroots;
	int rc = unit_roots(&r->ctx, &roots, &nroots);
	if (rc)
		return rc;
	layout_begin(r, T(r, "Administrative units"));
	page_heading(r, T(r, "Administrative units"));
	if (!nroots)
		no_units(r);
	for (size_t i = 0; i < nroots; i++) {
		struct unit *v;
		size_t n;
		if ((rc = unit_subtree(&r->ctx, roots[i].id, TREE_DEPTH, &v, &n)))
			return rc;
		tree(r, v, n);
	}
	layout_end(r);
	return 0;
}

static void breadcrumb(struct req *r, const struct unit *v, size_t n)
{
	struct buf *b = &r->out;
	html_raw(b, "<nav class=\"crumbs\" aria-label=\"");
	html_attr(b, T(r, "Breadcrumb"));
	html_raw(b, "\"><ol><li>");
	html_link(b, "/", T(r, "Home"));
	html_raw(b, "</li>");
	for (size_t i = 0; i < n; i++) {
		const char *href = link_unit(r, v[i].id, NULL);
		html_raw(b, "<li>");
		if (i + 1 == n) {
			html_raw(b, "<span aria-current=\"page\">");
			html_txt(b, v[i].name);
			html_raw(b, "</span>");
		} else {
			html_link(b, href, v[i].name);
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></nav>");
}

static void summary(struct req *r, const struct unit *u, size_t nchildren)
{
	struct buf *b = &r->out;
	html_raw(b, "<ul class=\"summary\"><li><strong>");
	html_int(b, u->households);
	html_raw(b, "</strong>");
	html_txt(b, T(r, "households"));
	html_raw(b, "</li><li><strong>");
	html_int(b, u->residents);
	html_raw(b, "</strong>");
	html_txt(b, T(r, "residents"));
	html_raw(b, "</li>");
	if (nchildren) {
		html_raw(b, "<li><strong>");
		html_int(b, (int64_t)nchildren);
		html_raw(b, "</strong>");
		html_txt(b, T(r, "units below"));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

/* What the actor may do here, as links; nothing for the public. */
static void manage_links(struct req *r, const struct unit *u)
{
	struct buf *b = &r->out;
	if (!r->ctx.actor->account_id || strcmp(u->status, "active") != 0)
		return;
	struct {
		enum action a;
		const char *action, *label; /* link_unit(r, id, action) */
	} links[] = {
		{ACT_VIEW_HOUSEHOLDS, "households", N_("Households and residents")},
		{ACT_EDIT_HOUSEHOLDS, "import", N_("Import households from a CSV file")},
		{ACT_GRANT_ROLES, "invitations", N_("Invitation slips for households")},
		{ACT_GRANT_ROLES, "roles", N_("Roles")},
		{ACT_PUBLISH_NOTICES, "notices/new", N_("Write a new notice")},
		{ACT_PUBLISH_NEWS, "news/new", N_("Write an article")},
		{ACT_CONVENE_MEETINGS, "matters/new", N_("Put a matter to the community")},
		{ACT_MANAGE_UNITS, "reorganize", N_("Add, rename, move, merge or split units")},
	};
	int any = 0;
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		if (!perm_may(&r->ctx, links[i].a, u->id))
			continue;
		if (!any++) {
			html_raw(b, "<nav class=\"manage\" aria-label=\"");
			html_attr(b, T(r, "Manage this unit"));
			html_raw(b, "\"><h2>");
			html_txt(b, T(r, "Manage this unit"));
			html_raw(b, "</h2><ul>");
		}
		html_raw(b, "<li>");
		html_link(b, link_unit(r, u->id, links[i].action), T(r, links[i].label));
		html_raw(b, "</li>");
	}
	if (any)
		html_raw(b, "</ul></nav>");
}

/* The latest notices that cover the unit, with how far each reached in it. */
static int recent_notices(struct req *r, const struct unit *u)
{
	struct buf *b = &r->out;
	struct reach_recent *v;
	size_t n;
	int rc = reach_recent(&r->ctx, u->id, RECENT_NOTICES, &v, &n);
	if (rc)
		return rc;
	page_section(r, "recent", T(r, "Public notices"));
	if ((rc = registry_predecessors_note(r, u->id)))
		return rc;
	if (!n)
		page_note(r, "empty", T(r, "No notices yet."));
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_link(b, link_notice(r, v[i].notice_id, NULL), v[i].title);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, page_date(r, v[i].visible_from));
		html_raw(b, " · ");
		html_txtf(b, T(r, "reached %s of households here"),
			  page_percent(r, v[i].reached, v[i].households));
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul><p class=\"links\">");
	html_link(b, link_notices(r, u->id, 0), T(r, "All public notices"));
	html_link(b, link_matters(r, u->id, NULL), T(r, "Matters residents decide"));
	html_raw(b, "</p></section>");
	return 0;
}

static int recent_news(struct req *r, const struct unit *u)
{
	struct buf *b = &r->out;
	struct article *v;
	size_t n;
	int more;
	struct article_filter f = {.unit_id = u->id, .section = -1};
	int rc = article_list(&r->ctx, &f, 0, RECENT_NEWS, &v, &n, &more);
	if (rc || !n)
		return rc;
	html_raw(b, "<section class=\"recent\"><h2>");
	html_txt(b, T(r, "News"));
	html_raw(b, "</h2><ul class=\"items compact\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_link(b, link_article(r, v[i].id, NULL), v[i].title);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, page_time(r, v[i].published_at));
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul><p>");
	html_link(b, link_news(r, u->id, NULL), T(r, "All news"));
	html_raw(b, "</p></section>");
	return 0;
}

/* What is happening in a unit's subtree, from every family. */
static int portal_sections(struct req *r, const struct unit *u)
{
	int rc = decide_unit_section(r, u->id);
	if (!rc)
		rc = consult_unit_section(r, u->id);
	if (!rc)
		rc = recent_notices(r, u);
	if (!rc)
		rc = works_unit_section(r, u->id);
	if (!rc)
		rc = plans_unit_section(r, u->id);
	if (!rc)
		rc = reports_unit_summary(r, u->id);
	if (!rc)
		rc = recent_news(r, u);
	if (!rc)
		rc = awards_home_section(r, u->id);
	return rc;
}

static void units_below(struct req *r, const struct unit *kids, size_t n)
{
	if (!n)
		return;
	html_raw(&r->out, "<section><h2>");
	html_txt(&r->out, T(r, "Units below"));
	html_raw(&r->out, "</h2><ul class=\"tree\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(&r->out, "<li>");
		unit_line(r, &kids[i]);
		html_raw(&r->out, "</li>");
	}
	html_raw(&r->out, "</ul><p>");
	html_link(&r->out, "/units", T(r, "All administrative units"));
	html_raw(&r->out, "</p></section>");
}

int page_unit(struct req *r)
{
	struct unit *crumbs, *kids;
	size_t ncrumbs, nkids;
	int rc = unit_ancestors(&r->ctx, r->params[0], &crumbs, &ncrumbs);
	if (rc || (rc = unit_children(&r->ctx, r->params[0], &kids, &nkids)))
		return rc;
	const struct unit *u = &crumbs[ncrumbs - 1];
	const char *title =
		arena_printf(&r->arena, "%s", unit_title(&r->arena, r->ctx.lang, u->kind, u->name));
	layout_begin(r, title);
	breadcrumb(r, crumbs, ncrumbs);
	page_heading(r, title);
	if (*u->code) {
		html_raw(&r->out, "<p class=\"note\">");
		html_txt(&r->out, T(r, "Official code"));
		html_raw(&r->out, ": ");
		html_txt(&r->out, u->code);
		html_raw(&r->out, "</p>");
	}
	if ((rc = registry_successors_note(r, u->id)))
		return rc;
	summary(r, u, nkids);
	home_search_box(r, u->id, NULL);
	manage_links(r, u);
	if ((rc = portal_sections(r, u)))
		return rc;
	units_below(r, kids, nkids);
	layout_end(r);
	return 0;
}

/* The deployment's own unit: its one top unit, and down while a unit has
 * just one unit below it (a province set up for one city is the city's).
 * 0 with *u unset when there are several top units, or none. */
static int home_unit(struct req *r, struct unit *u, struct unit **kids, size_t *nkids)
{
	struct unit *roots;
	size_t nroots;
	int rc = unit_roots(&r->ctx, &roots, &nroots);
	*kids = roots;
	*nkids = nroots;
	if (rc || nroots != 1)
		return rc;
	*u = roots[0];
	while (!(rc = unit_children(&r->ctx, u->id, kids, nkids)) && *nkids == 1)
		*u = (*kids)[0];
	return rc;
}

int page_home(struct req *r)
{
	struct unit u = {0}, *kids;
	size_t nkids;
	int rc = home_unit(r, &u, &kids, &nkids);
	if (rc)
		return rc;
	const char *title = T(r, "Grassroots democracy and mass mobilization");
	if (u.id)
		title = arena_printf(&r->arena, "%s", unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "What the authority discloses, what residents decide, comment on, build "
		       "together and report, and how it turns out."));
	if (u.id)
		summary(r, &u, nkids);
	home_search_box(r, u.id, NULL);
	if (u.id)
		rc = portal_sections(r, &u);
	else if (nkids && !(rc = decide_unit_section(r, 0)))
		rc = consult_unit_section(r, 0);
	if (rc)
		return rc;
	if (!nkids && !u.id)
		no_units(r);
	units_below(r, kids, nkids);
	layout_end(r);
	return 0;
}

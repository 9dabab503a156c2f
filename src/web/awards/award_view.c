/*
 * "Emulation and commendation" on the home page and a unit's page: the
 * latest decisions, the ways to the register, the models, the movements
 * and the titles, and what an officer may start there.
 */
#include <string.h>

#include "base/i18n.h"
#include "domain/perm.h"
#include "web/awards/awards.h"
#include "web/awards/awards_impl.h"
#include "web/html.h"
#include "web/link.h"
#include "web/page.h"

#define RECENT_DECISIONS 3

/* An officer's ways in, where it may take them. */
static int officer_links(struct req *r, int64_t unit_id)
{
	struct buf *b = &r->out;
	struct award_round *v;
	size_t n;
	if (!r->ctx.actor->account_id || !unit_id)
		return 0;
	int rc = award_round_list(&r->ctx, unit_id, &v, &n);
	if (rc)
		return rc;
	struct {
		enum action a;
		const char *href, *label;
	} links[] = {
		{ACT_RUN_AWARDS, link_unit(r, unit_id, "award-rounds/new"),
		 N_("Open a round of commendation")},
		{ACT_RUN_AWARDS, link_unit(r, unit_id, "council"), N_("The council's members")},
		{ACT_EVALUATE_AWARDS, link_unit(r, unit_id, "council"), N_("The council")},
		{ACT_RESTRICT_AWARDS, link_unit(r, unit_id, "restrictions"),
		 N_("Discipline, investigation and inspection")},
		{ACT_RUN_MOVEMENTS, link_unit(r, unit_id, "movements/new"), N_("Launch a movement")},
		{ACT_REGISTER_MODELS, link_unit(r, unit_id, "models"), N_("Models registered here")},
		{ACT_EVALUATE_MODELS, link_unit(r, unit_id, "models"), N_("Models to evaluate")},
		{ACT_DECIDE_TITLES, link_unit(r, unit_id, "titles/new"),
		 N_("Open a round of cultural titles")},
	};
	int any = 0;
	const char *last = "";
	for (size_t i = 0; i < ARRAY_LEN(links); i++) {
		if (!perm_may(&r->ctx, links[i].a, unit_id) || !strcmp(last, links[i].href))
			continue;
		last = links[i].href;
		if (!any++)
			html_raw(b, "<ul class=\"items compact\">");
		html_raw(b, "<li>");
		html_link(b, links[i].href, T(r, links[i].label));
		html_raw(b, "</li>");
	}
	for (size_t i = 0; i < n && i < 5; i++) {
		if (!any++)
			html_raw(b, "<ul class=\"items compact\">");
		html_raw(b, "<li>");
		html_link(b, link_award_round(r, v[i].id, NULL), v[i].name);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, v[i].decision_id ? T(r, "decided")
				: v[i].open ? T(r, "taking nominations")
					    : T(r, "before the council"));
		html_raw(b, "</span></li>");
	}
	if (any)
		html_raw(b, "</ul>");
	return 0;
}

int awards_home_section(struct req *r, int64_t unit_id)
{
	struct award_decision *d;
	size_t n;
	int rc = award_decision_list(&r->ctx, unit_id, RECENT_DECISIONS, &d, &n);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	page_section(r, "recent awards", T(r, "Emulation and commendation"));
	if (n) {
		html_raw(b, "<ul class=\"items compact\">");
		for (size_t i = 0; i < n; i++) {
			html_raw(b, "<li>");
			html_link(b, link_award_decision(r, d[i].id, NULL),
				  arena_printf(&r->arena, T(r, "Decision No. %s: %s"), d[i].number,
					       d[i].round_name));
			html_raw(b, " <span class=\"meta\">");
			html_txt(b, page_date(r, d[i].signed_on));
			html_raw(b, " · ");
			html_txtf(b, T(r, "%lld commended"), (long long)d[i].awards);
			html_raw(b, "</span></li>");
		}
		html_raw(b, "</ul>");
	}
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_awards(r, unit_id, NULL), T(r, "Commendation and the register of awards"));
	html_link(b, link_models(r, unit_id, NULL, NULL), T(r, "Dân vận khéo models"));
	html_link(b, link_movements(r, unit_id), T(r, "Emulation movements"));
	html_link(b, link_titles(r, unit_id), T(r, "Cultural titles"));
	html_link(b, "/verify", T(r, "Verify a certificate"));
	html_raw(b, "</p>");
	if ((rc = officer_links(r, unit_id)))
		return rc;
	html_raw(b, "</section>");
	return 0;
}

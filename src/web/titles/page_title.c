/*
 * Cultural titles on the web: the titles with their criteria and the
 * rounds, a round's page (the public's rates per community once the list
 * is published; the officers' communities, candidates, decision and
 * publication), opening a round. A community's own sheet is in
 * page_title_unit.c.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"
#include "web/emulation/emulation.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/titles/titles.h"
#include "web/titles/titles_impl.h"

const char *title_round_name(struct req *r, const struct title_round *t)
{
	return arena_printf(&r->arena, "%s %d", t->kind.name, t->year);
}

/* ------------------------------------------------------------------ list */

static void kind_block(struct req *r, const struct title_kind *k)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><article class=\"item\"><h3>");
	html_txt(b, k->name);
	html_raw(b, "</h3><p class=\"meta\">");
	html_txt(b, T(r, title_subject_label(k->subject)));
	html_raw(b, " · ");
	html_txt(b, k->period_years == 1 ? T(r, "every year")
					  : arena_printf(&r->arena, T(r, "every %d years"),
							 k->period_years));
	html_raw(b, " · ");
	html_txt(b, k->decider_above ? T(r, "decided above the ward")
				     : T(r, "decided by the ward's chairman"));
	html_raw(b, " · ");
	html_txt(b, k->basis);
	html_raw(b, "</p><ol>");
	for (size_t i = 0; i < k->ncriteria; i++) {
		html_raw(b, "<li>");
		html_txt(b, k->criteria[i].text);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></article></li>");
}

int page_titles(struct req *r)
{
	int64_t unit = 0;
	struct title_kind *kinds;
	struct title_round *rounds;
	size_t nk, nr;
	struct unit u;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &unit);
	if (rc)
		return rc;
	if (unit && unit_get(&r->ctx, unit, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	if ((rc = title_kinds(&r->ctx, &kinds, &nk)) ||
	    (rc = title_round_list(&r->ctx, unit, &rounds, &nr)))
		return rc;
	struct buf *b = &r->out;
	const char *title = T(r, "Cultural titles");
	if (unit)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Households, communities and agencies are evaluated every year against "
		       "the criteria; the list of those awarded is published, with the share "
		       "reached in each community."));
	if (unit && perm_may(&r->ctx, ACT_DECIDE_TITLES, unit)) {
		html_raw(b, "<p class=\"links\">");
		html_link(b, link_unit(r, unit, "titles/new"), T(r, "Open a round"));
		html_raw(b, "</p>");
	}
	html_raw(b, "<h2>");
	html_txt(b, T(r, "Rounds"));
	html_raw(b, "</h2>");
	if (!nr)
		page_note(r, "empty", T(r, "No round published here yet."));
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < nr; i++) {
		html_raw(b, "<li>");
		html_link(b, link_title_round(r, rounds[i].id, NULL),
			  title_round_name(r, &rounds[i]));
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, rounds[i].unit_name);
		html_raw(b, " · ");
		html_txt(b, T(r, title_round_status_label(rounds[i].status)));
		if (rounds[i].status != TR_OPEN) {
			html_raw(b, " · ");
			html_txtf(b, T(r, "%lld awarded"), (long long)rounds[i].awarded);
		}
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul><h2>");
	html_txt(b, T(r, "The titles and their criteria"));
	html_raw(b, "</h2><ul class=\"items\">");
	for (size_t i = 0; i < nk; i++)
		kind_block(r, &kinds[i]);
	html_raw(b, "</ul>");
	layout_end(r);
	return 0;
}

/* ------------------------------------------------------------------ open */

static int open_form(struct req *r, const struct unit *u, const struct form_errors *fe,
		     int status)
{
	struct title_kind *kinds;
	size_t nk;
	int rc = title_kinds(&r->ctx, &kinds, &nk);
	if (rc)
		return rc;
	const char *title = T(r, "Open a round of cultural titles");
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_titles(r, u->id), u->name);
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, link_unit(r, u->id, "titles"), "stacked");
	const char **opt = arena_array(&r->arena, const char *, 2 * nk + 1);
	for (size_t i = 0; i < nk; i++) {
		opt[2 * i] = kinds[i].code;
		opt[2 * i + 1] = kinds[i].name;
	}
	form_select(r, "kind", T(r, "Title"), req_form(r, "kind"), opt, fe);
	const char *y = req_form(r, "year");
	form_input(r,
		   &(struct field){.name = "year", .label = T(r, "Year"),
				   .value = y ? y
					      : arena_printf(&r->arena, "%d",
							     time_local_date(r->ctx.now) / 10000),
				   .type = "number", .required = 1},
		   fe);
	form_submit(r, T(r, "Open the round"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int deciding_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_DECIDE_TITLES, u->id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_title_new(struct req *r)
{
	struct unit u;
	int rc = deciding_unit(r, &u);
	return rc ? rc : open_form(r, &u, NULL, 200);
}

int page_title_create(struct req *r)
{
	struct unit u;
	struct form_errors fe = {0};
	int64_t id;
	int rc = deciding_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	const char *y = req_form(r, "year");
	char *end;
	long year = y && *y ? strtol(y, &end, 10) : 0;
	if (!y || !*y || *end)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "year", "No such year");
	else
		rc = title_round_open(&r->ctx, req_form(r, "kind"), u.id, (int)year, &id);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return open_form(r, &u, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_title_round(r, id, NULL));
	return 0;
}

/* ------------------------------------------------------------- the round */

static void facts(struct req *r, const struct title_round *t)
{
	struct buf *b = &r->out;
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Decided by"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, T(r, "the chairman of %s, by %s (%s)"), t->unit_name,
		  page_date(r, t->deadline), T(r, rule_info(RULE_TITLE_DEADLINE)->basis));
	if (t->decided_on) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "Decision"));
		html_raw(b, "</dt><dd>");
		html_txtf(b, T(r, "No. %s of %s, signed by %s"), t->decision_no,
			  page_date(r, t->decided_on), t->signer);
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "List published"));
		html_raw(b, "</dt><dd");
		html_raw(b, t->late ? " class=\"late\">" : ">");
		if (t->published_on)
			html_txtf(b, T(r, "on %s"), page_date(r, t->published_on));
		else
			html_txt(b, T(r, "not yet"));
		html_raw(b, " · ");
		html_txtf(b, T(r, "due by %s, %lld days after the decision"),
			  page_date(r, t->publish_by),
			  (long long)rule_value(&r->ctx, RULE_TITLE_PUBLISH_DAYS));
		if (t->late) {
			html_raw(b, " · ");
			html_txt(b, T(r, "late"));
		}
		if (t->notice_id) {
			html_raw(b, " · ");
			html_link(b, link_notice(r, t->notice_id, NULL), T(r, "the notice"));
		}
	}
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Registered"));
	html_raw(b, "</dt><dd>");
	html_int(b, t->registered);
	if (t->status != TR_OPEN) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "Awarded"));
		html_raw(b, "</dt><dd>");
		html_int(b, t->awarded);
	}
	html_raw(b, "</dd></dl>");
}

/* The public figures: per community, the share of households awarded. */
static int tallies(struct req *r, const struct title_round *t)
{
	struct title_tally *v;
	size_t n;
	int rc = title_tallies(&r->ctx, t->id, &v, &n);
	if (rc || !n)
		return rc;
	struct buf *b = &r->out;
	int households = t->kind.subject == TS_HOUSEHOLD;
	static const struct page_col cols[] = {{N_("Community")},  {N_("Households"), 1},
					       {N_("Registered"), 1}, {N_("Awarded"), 1},
					       {N_("Share of households"), 1}};
	static const struct page_col ucols[] = {{N_("Unit")}, {N_("Awarded")}};
	if (households)
		page_table_begin(r, "list", N_("Per community"), cols, ARRAY_LEN(cols));
	else
		page_table_begin(r, "list", N_("Awarded"), ucols, ARRAY_LEN(ucols));
	for (size_t i = 0; i < n; i++) {
		if (!households && !v[i].awarded)
			continue; /* who was not awarded is not published */
		html_raw(b, "<tr><th scope=\"row\">");
		html_txt(b, v[i].unit_name);
		html_raw(b, "</th>");
		if (households) {
			html_raw(b, "<td class=\"num\">");
			html_int(b, v[i].households);
			html_raw(b, "</td><td class=\"num\">");
			html_int(b, v[i].registered);
			html_raw(b, "</td><td class=\"num\">");
			html_int(b, v[i].awarded);
			html_raw(b, "</td><td class=\"num\">");
			html_txt(b, page_percent(r, v[i].awarded, v[i].households));
		} else {
			html_raw(b, "<td>");
			html_int(b, v[i].awarded);
		}
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
	return 0;
}

/* The communities of a household round, with their progress and a link to
 * each one's sheet. */
static int communities(struct req *r, const struct title_round *t)
{
	struct unit *units;
	struct title_candidate *c;
	size_t nu, nc;
	int rc = unit_subtree(&r->ctx, t->unit_id, 3, &units, &nu);
	if (rc || (rc = title_candidates(&r->ctx, t->id, 0, &c, &nc)))
		return rc == DV_EPERM ? 0 : rc;
	struct buf *b = &r->out;
	static const struct page_col cols[] = {{N_("Community")}, {N_("Registered"), 1},
					       {N_("Proposed"), 1}, {N_("Proposal")}};
	page_table_begin(r, "list", N_("Communities"), cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < nu; i++) {
		if (!unit_kind_is_community(units[i].kind))
			continue;
		int64_t reg = 0, prop = 0, matter = 0, sent = 0;
		for (size_t k = 0; k < nc; k++)
			if (c[k].unit_id == units[i].id) {
				reg++;
				prop += c[k].status == TC_PROPOSED || c[k].status == TC_AWARDED;
			}
		if (title_meeting_of(&r->ctx, t->id, units[i].id, &matter, &sent) == DV_ENOTFOUND)
			dv_err_clear(&r->ctx.err);
		html_raw(b, "<tr><th scope=\"row\">");
		if (perm_may(&r->ctx, ACT_RUN_TITLES, units[i].id) || t->may_exclude)
			html_link(b, link_title_unit(r, t->id, units[i].id, NULL), units[i].name);
		else
			html_txt(b, units[i].name);
		html_raw(b, "</th><td class=\"num\">");
		html_int(b, reg);
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, prop);
		html_raw(b, "</td><td>");
		html_txt(b, sent ? T(r, "sent to the ward") : matter ? T(r, "meeting called")
								     : T(r, "not yet"));
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
	return 0;
}

/* Candidates of a round of another title, each with the evaluation form. */
static int others(struct req *r, const struct title_round *t, const struct form_errors *fe)
{
	struct title_candidate *c;
	size_t n;
	int rc = title_candidates(&r->ctx, t->id, 0, &c, &n);
	if (rc)
		return rc == DV_EPERM ? 0 : rc;
	struct buf *b = &r->out;
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li id=\"c");
		html_txtf(b, "%lld", (long long)c[i].id);
		html_raw(b, "\"><strong>");
		html_txt(b, c[i].name);
		html_raw(b, "</strong> <span class=\"meta\">");
		html_txt(b, T(r, candidate_status_label(c[i].status)));
		if (*c[i].note) {
			html_raw(b, " · ");
			html_txt(b, c[i].note);
		}
		html_raw(b, "</span>");
		if (t->status == TR_OPEN && t->may_run) {
			const char *id = arena_printf(&r->arena, "%lld", (long long)c[i].id);
			form_begin(r, link_title_candidate(r, c[i].id, "evaluate"), "inline");
			html_raw(b, "<label class=\"sr\" for=\"m");
			html_attr(b, id);
			html_raw(b, "\">");
			html_txt(b, T(r, "Evaluation"));
			html_raw(b, "</label><select name=\"meets\" id=\"m");
			html_attr(b, id);
			html_raw(b, "\"><option value=\"1\">");
			html_txt(b, T(r, "Meets the criteria"));
			html_raw(b, "</option><option value=\"0\">");
			html_txt(b, T(r, "Does not meet them"));
			html_raw(b, "</option></select> <label class=\"sr\" for=\"n");
			html_attr(b, id);
			html_raw(b, "\">");
			html_txt(b, T(r, "Note"));
			html_raw(b, "</label><input name=\"note\" maxlength=\"2000\" id=\"n");
			html_attr(b, id);
			html_raw(b, "\"> <button type=\"submit\">");
			html_txt(b, T(r, "Record"));
			html_raw(b, "</button>");
			form_end(r);
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
	if (t->status == TR_OPEN && t->may_run) {
		form_begin(r, link_title_round(r, t->id, "candidates"), "stacked");
		unsigned kinds = t->kind.subject == TS_ORGANIZATION ? 1u << SUBJ_ORGANIZATION
								     : 1u << SUBJ_UNIT;
		if ((rc = emulation_subject_select(r, "subject", T(r, "Register"), t->unit_id,
						   kinds, fe)))
			return rc;
		form_submit(r, T(r, "Register"));
		form_end(r);
	}
	return 0;
}

static void decide_form(struct req *r, const struct title_round *t, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	page_section(r, "tools", T(r, "The chairman's decision"));
	form_begin(r, link_title_round(r, t->id, "decide"), "stacked");
	form_input(r,
		   &(struct field){.name = "number", .label = T(r, "Decision number"),
				   .value = req_form(r, "number"), .required = 1,
				   .maxlength = TITLE_DECISION_NO_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "decided_on", .label = T(r, "Signed on"),
				   .value = req_form(r, "decided_on"), .type = "date",
				   .hint = arena_printf(&r->arena, T(r, "By %s at the latest"),
							page_date(r, t->deadline)),
				   .required = 1},
		   fe);
	form_input(r,
		   &(struct field){.name = "signer", .label = T(r, "Signed by"),
				   .value = req_form(r, "signer"), .required = 1,
				   .maxlength = TITLE_SIGNER_MAX},
		   fe);
	form_submit(r, T(r, "Record the decision"));
	form_end(r);
	html_raw(b, "</section>");
}

static int round_page(struct req *r, const struct form_errors *fe, int status)
{
	struct title_round t;
	int rc = title_round_get(&r->ctx, r->params[0], &t);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	const char *title = title_round_name(r, &t);
	layout_begin(r, title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_titles(r, t.unit_id), t.unit_name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, title_round_status_label(t.status)));
	html_raw(b, "</p>");
	page_heading(r, title);
	facts(r, &t);
	if (t.status != TR_OPEN && (rc = tallies(r, &t)))
		return rc;
	if (t.may_run || t.may_exclude) {
		html_raw(b, "<h2>");
		html_txt(b, T(r, "Evaluation"));
		html_raw(b, "</h2>");
		rc = t.kind.by_meeting ? communities(r, &t) : others(r, &t, fe);
		if (rc)
			return rc;
	}
	if (t.status == TR_OPEN && t.may_decide)
		decide_form(r, &t, fe);
	if (t.status == TR_DECIDED && t.may_decide) {
		html_raw(b, "<section class=\"tools\">");
		form_button(r, link_title_round(r, t.id, "publish"),
			    T(r, "Publish the list as a public notice"), "inline primary");
		html_raw(b, "</section>");
	}
	layout_end(r);
	return 0;
}

int page_title_round(struct req *r)
{
	return round_page(r, NULL, 200);
}

int title_round_after(struct req *r, int64_t round_id, int rc)
{
	r->params[0] = round_id;
	return form_after(r, rc, round_page, link_title_round(r, round_id, NULL));
}

/* Households ticked on a community's sheet, back to the sheet. */
static int register_households(struct req *r)
{
	int64_t *ids = arena_array(&r->arena, int64_t, r->form.n + 1), unit = 0;
	size_t k = 0;
	char *end;
	int rc = req_form_id(r, "unit", &unit);
	if (rc)
		return title_round_after(r, r->params[0], rc);
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, "ref") == 0) {
			long long v = strtoll(r->form.v[i].value, &end, 10);
			if (*end || v <= 0)
				return dv_fail(&r->ctx.err, DV_EINVAL, "ref", "No such household");
			ids[k++] = v;
		}
	rc = title_register(&r->ctx, r->params[0], ids, k, NULL);
	return unit > 0 ? title_unit_after(r, r->params[0], unit, rc)
			: title_round_after(r, r->params[0], rc);
}

int page_title_register(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	if (!req_form(r, "subject"))
		return register_households(r);
	/* a unit or an organization from the select */
	struct subject_input in;
	if ((rc = emulation_subject_read(r, "subject", 0, &in)))
		return title_round_after(r, r->params[0], rc);
	return title_round_after(r, r->params[0],
				 title_register(&r->ctx, r->params[0], &in.ref, 1, NULL));
}

int page_title_decide(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = title_decide(&r->ctx, r->params[0], req_form(r, "number"),
				  req_form(r, "decided_on"), req_form(r, "signer"));
	return title_round_after(r, r->params[0], rc);
}

int page_title_publish(struct req *r)
{
	int late;
	return title_round_after(r, r->params[0], title_publish(&r->ctx, r->params[0], &late));
}

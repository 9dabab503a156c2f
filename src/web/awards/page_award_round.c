/*
 * A round of commendation on the web, for those who run it, propose in it
 * or vote on it: opening a round, its nominations with their results, the
 * form to propose, a nomination's dossier, opening a session of the
 * council, and the decision.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"
#include "web/awards/awards.h"
#include "web/awards/awards_impl.h"
#include "web/emulation/emulation.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"

/* ------------------------------------------------------------ open a round */

static int round_form(struct req *r, const struct unit *u, const struct form_errors *fe,
		      int status)
{
	const char *title = T(r, "Open a round of commendation");
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_awards(r, u->id, NULL), u->name);
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, link_unit(r, u->id, "award-rounds"), "stacked");
	form_input(r,
		   &(struct field){.name = "name", .label = T(r, "Name of the round"),
				   .value = req_form(r, "name"), .required = 1,
				   .hint = T(r, "What is commended, and for which year"),
				   .maxlength = ROUND_NAME_MAX},
		   fe);
	const char *y = req_form(r, "year");
	form_input(r,
		   &(struct field){.name = "year", .label = T(r, "Year of the achievements"),
				   .value = y ? y
					      : arena_printf(&r->arena, "%d",
							     time_local_date(r->ctx.now) / 10000),
				   .type = "number", .required = 1},
		   fe);
	form_input(r,
		   &(struct field){.name = "closes_on", .label = T(r, "Last day for nominations"),
				   .value = req_form(r, "closes_on"), .type = "date",
				   .required = 1},
		   fe);
	form_submit(r, T(r, "Open the round"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int running_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_RUN_AWARDS, u->id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_award_round_new(struct req *r)
{
	struct unit u;
	int rc = running_unit(r, &u);
	return rc ? rc : round_form(r, &u, NULL, 200);
}

int page_award_round_create(struct req *r)
{
	struct unit u;
	struct form_errors fe = {0};
	int64_t id;
	int rc = running_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	const char *y = req_form(r, "year");
	char *end;
	long year = y && *y ? strtol(y, &end, 10) : 0;
	struct award_round_input in = {.unit_id = u.id,
				       .name = req_form(r, "name"),
				       .year = y && *y && !*end ? (int)year : 0,
				       .closes_on = req_form(r, "closes_on")};
	rc = award_round_create(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return round_form(r, &u, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_award_round(r, id, NULL));
	return 0;
}

/* ------------------------------------------------------------- the round */

static void nomination_row(struct req *r, const struct nomination *n)
{
	struct buf *b = &r->out;
	html_raw(b, "<tr><th scope=\"row\">");
	html_link(b, link_nomination(r, n->id, NULL), award_subject_line(r, &n->subject));
	html_raw(b, "<br><span class=\"meta\">");
	html_txtf(b, T(r, "proposed by %s"), n->proposer);
	html_raw(b, "</span></th><td>");
	html_txt(b, award_form_text(r, n->form));
	html_raw(b, "</td><td>");
	html_txt(b, T(r, nomination_status_label(n->status)));
	if (n->voted) {
		html_raw(b, "<br><span class=\"meta\">");
		html_txtf(b, T(r, "%lld of %lld present agreed"), (long long)n->yes,
			  (long long)n->present);
		html_raw(b, "</span>");
	}
	html_raw(b, "</td></tr>");
}

static void session_form(struct req *r, const struct award_round *ar,
			 const struct council_member *m, size_t nm, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	page_section(r, "tools", T(r, "Open a session of the council"));
	int64_t num, den;
	rule_fraction(rule_value(&r->ctx, RULE_COUNCIL_QUORUM), &num, &den);
	page_note(r, "hint",
		  arena_printf(&r->arena,
			       T(r, "The council decides with at least %lld/%lld of its %zu members "
				    "present (%s)."),
			       (long long)num, (long long)den, nm,
			       T(r, rule_info(RULE_COUNCIL_QUORUM)->basis)));
	form_begin(r, link_award_round(r, ar->id, "sessions"), "stacked");
	html_raw(b, "<fieldset><legend>");
	html_txt(b, T(r, "Members present"));
	html_raw(b, "</legend>");
	for (size_t i = 0; i < nm; i++) {
		const char *id = arena_printf(&r->arena, "p%lld", (long long)m[i].id);
		html_raw(b, "<div class=\"field checkbox\"><input type=\"checkbox\" name=\"present\" "
			    "value=\"");
		html_txtf(b, "%lld", (long long)m[i].id);
		html_raw(b, "\" id=\"");
		html_attr(b, id);
		html_raw(b, "\"><label for=\"");
		html_attr(b, id);
		html_raw(b, "\">");
		html_txt(b, m[i].name);
		html_raw(b, " · ");
		html_txt(b, m[i].position);
		html_raw(b, "</label></div>");
	}
	html_raw(b, "</fieldset>");
	form_input(r,
		   &(struct field){.name = "place", .label = T(r, "Place"),
				   .value = req_form(r, "place"), .required = 1,
				   .maxlength = COUNCIL_PLACE_MAX},
		   fe);
	form_submit(r, T(r, "Open the session"));
	form_end(r);
	html_raw(b, "</section>");
}

static void decide_form(struct req *r, const struct award_round *ar,
			const struct form_errors *fe)
{
	struct buf *b = &r->out;
	const char *v;
	page_section(r, "tools", T(r, "The decision"));
	form_begin(r, link_award_round(r, ar->id, "decision"), "stacked");
	form_input(r,
		   &(struct field){.name = "number", .label = T(r, "Decision number"),
				   .value = req_form(r, "number"), .required = 1,
				   .hint = "125/QĐ-UBND", .maxlength = DECISION_NUMBER_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "signed_on", .label = T(r, "Signed on"),
				   .value = (v = req_form(r, "signed_on"))
						    ? v
						    : page_date_iso(r, time_local_date(r->ctx.now)),
				   .type = "date", .required = 1},
		   fe);
	form_input(r,
		   &(struct field){.name = "authority", .label = T(r, "Authority"),
				   .value = (v = req_form(r, "authority"))
						    ? v
						    : text_upper_a(&r->arena,
								   arena_printf(&r->arena,
										"Ủy ban nhân dân %s",
										ar->unit_title)),
				   .required = 1, .maxlength = DECISION_TEXT_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "signer_title", .label = T(r, "Signer's title"),
				   .value = (v = req_form(r, "signer_title")) ? v : "CHỦ TỊCH",
				   .required = 1, .maxlength = DECISION_TEXT_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "signer_name", .label = T(r, "Signer's name"),
				   .value = req_form(r, "signer_name"), .required = 1,
				   .maxlength = DECISION_TEXT_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "place", .label = T(r, "Place"),
				   .value = (v = req_form(r, "place")) ? v : ar->unit_name,
				   .required = 1, .maxlength = DECISION_TEXT_MAX},
		   fe);
	form_submit(r, T(r, "Record the decision"));
	form_end(r);
	html_raw(b, "</section>");
}

static int round_page(struct req *r, const struct form_errors *fe, int status)
{
	struct award_round ar;
	struct nomination *v;
	struct council_session *s;
	struct council_member *m;
	size_t n, ns, nm;
	int rc = award_round_get(&r->ctx, r->params[0], &ar);
	if (rc || (rc = nomination_list(&r->ctx, ar.id, &v, &n)) ||
	    (rc = council_sessions(&r->ctx, ar.id, &s, &ns)) ||
	    (rc = council_members(&r->ctx, ar.unit_id, &m, &nm)))
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, ar.name);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_awards(r, ar.unit_id, NULL), ar.unit_title);
	page_heading(r, ar.name);
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Nominations"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, ar.open ? T(r, "taken until %s") : T(r, "closed on %s"),
		  page_date(r, ar.closes_on));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Proposed"));
	html_raw(b, "</dt><dd>");
	html_int(b, ar.nominations);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Passed"));
	html_raw(b, "</dt><dd>");
	html_int(b, ar.passed);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Commended"));
	html_raw(b, "</dt><dd>");
	html_int(b, ar.awarded);
	html_raw(b, "</dd></dl><p class=\"links\">");
	if (ar.open && ar.may_nominate)
		html_link(b, link_award_round(r, ar.id, "nominate"), T(r, "Propose"));
	if (ar.decision_id)
		html_link(b, link_award_decision(r, ar.decision_id, NULL), T(r, "The decision"));
	html_link(b, link_unit(r, ar.unit_id, "council"), T(r, "The council"));
	html_raw(b, "</p>");
	if (n) {
		static const struct page_col cols[] = {{N_("Proposed")}, {N_("Form")},
						       {N_("Status")}};
		page_table_begin(r, "list", N_("Nominations"), cols, ARRAY_LEN(cols));
		for (size_t i = 0; i < n; i++)
			nomination_row(r, &v[i]);
		page_table_end(r);
	} else {
		page_note(r, "empty", T(r, "Nobody proposed yet."));
	}
	int open_session = 0;
	if (ns) {
		html_raw(b, "<h2>");
		html_txt(b, T(r, "Sessions of the council"));
		html_raw(b, "</h2><ul class=\"items compact\">");
		for (size_t i = 0; i < ns; i++) {
			open_session |= s[i].open;
			html_raw(b, "<li>");
			html_link(b, link_council_session(r, s[i].id, NULL),
				  arena_printf(&r->arena, "%s · %s", page_date(r, s[i].held_on),
					       s[i].place));
			html_raw(b, " <span class=\"meta\">");
			html_txtf(b, T(r, "%lld of %lld members present"), (long long)s[i].present,
				  (long long)s[i].members);
			html_raw(b, " · ");
			html_txt(b, s[i].open ? T(r, "in session") : T(r, "closed"));
			html_raw(b, "</span></li>");
		}
		html_raw(b, "</ul>");
	}
	if (!ar.decision_id && ar.may_vote && !open_session && nm)
		session_form(r, &ar, m, nm, fe);
	if (!ar.decision_id && ar.may_run && !open_session && ar.passed)
		decide_form(r, &ar, fe);
	layout_end(r);
	return 0;
}

int page_award_round(struct req *r)
{
	return round_page(r, NULL, 200);
}

int award_round_after(struct req *r, int64_t round_id, int rc)
{
	r->params[0] = round_id;
	return form_after(r, rc, round_page, link_award_round(r, round_id, NULL));
}

int page_session_open(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	int64_t *ids = arena_array(&r->arena, int64_t, r->form.n + 1);
	size_t k = 0;
	for (size_t i = 0; i < r->form.n; i++)
		if (!strcmp(r->form.v[i].key, "present")) {
			char *end;
			long long v = strtoll(r->form.v[i].value, &end, 10);
			if (*end || v <= 0)
				return award_round_after(r, r->params[0],
							 dv_fail(&r->ctx.err, DV_EINVAL, "present",
								 "Not a member of the council"));
			ids[k++] = v;
		}
	int64_t id;
	rc = council_session_open(&r->ctx, r->params[0], req_form(r, "held_on"),
				  req_form(r, "place"), ids, k, &id);
	if (!rc) {
		res_redirect(r, link_council_session(r, id, NULL));
		return 0;
	}
	return award_round_after(r, r->params[0], rc);
}

int page_award_decide(struct req *r)
{
	int64_t id;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	struct decision_input in = {.round_id = r->params[0],
				    .number = req_form(r, "number"),
				    .signed_on = req_form(r, "signed_on"),
				    .authority = req_form(r, "authority"),
				    .signer_title = req_form(r, "signer_title"),
				    .signer_name = req_form(r, "signer_name"),
				    .place = req_form(r, "place")};
	rc = award_decide(&r->ctx, &in, &id);
	if (!rc) {
		res_redirect(r, link_award_decision(r, id, NULL));
		return 0;
	}
	return award_round_after(r, r->params[0], rc);
}

/* ---------------------------------------------------------------- propose */

/* The units within the round one may propose from, and their
 * organizations, as two selects. */
static int proposer_selects(struct req *r, const struct award_round *ar,
			    const struct form_errors *fe)
{
	struct unit *u;
	size_t nu, n = 0, cap = 0, no = 0, ocap = 0;
	const char **opt = NULL, **orgs = NULL;
	int rc = unit_subtree(&r->ctx, ar->unit_id, 2, &u, &nu);
	if (rc)
		return rc;
	*ARENA_PUSH(&r->arena, orgs, no, ocap) = "";
	*ARENA_PUSH(&r->arena, orgs, no, ocap) = T(r, "The unit itself");
	for (size_t i = 0; i < nu; i++) {
		if (!perm_may(&r->ctx, ACT_NOMINATE_AWARDS, u[i].id))
			continue;
		*ARENA_PUSH(&r->arena, opt, n, cap) = arena_printf(&r->arena, "%lld",
								    (long long)u[i].id);
		*ARENA_PUSH(&r->arena, opt, n, cap) =
			subject_unit_title(&r->arena, u[i].kind, u[i].name);
		struct organization *ov;
		size_t nov;
		if ((rc = org_list(&r->ctx, u[i].id, &ov, &nov)))
			return rc;
		for (size_t k = 0; k < nov; k++) {
			*ARENA_PUSH(&r->arena, orgs, no, ocap) =
				arena_printf(&r->arena, "%lld", (long long)ov[k].id);
			*ARENA_PUSH(&r->arena, orgs, no, ocap) = ov[k].name;
		}
	}
	*ARENA_PUSH(&r->arena, opt, n, cap) = NULL;
	*ARENA_PUSH(&r->arena, orgs, no, ocap) = NULL;
	form_select(r, "unit", T(r, "Proposed by"), req_form(r, "unit"), opt, fe);
	form_select(r, "organization", T(r, "On behalf of (an organization of that unit)"),
		    req_form(r, "organization"), orgs, fe);
	return 0;
}

static int nominate_form(struct req *r, const struct form_errors *fe, int status)
{
	struct award_round ar;
	int rc = award_round_get(&r->ctx, r->params[0], &ar);
	if (rc)
		return rc;
	if (!ar.may_nominate)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Propose"), ar.name);
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_award_round(r, ar.id, NULL), ar.name);
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, link_award_round(r, ar.id, "nominations"), "stacked");
	if ((rc = proposer_selects(r, &ar, fe)) ||
	    (rc = emulation_subject_select(r, "subject", T(r, "Who is proposed"), ar.unit_id,
					   (1u << SUBJ_COUNT) - 1, fe)))
		return rc;
	form_input(r,
		   &(struct field){.name = "name", .label = T(r, "The person's full name"),
				   .value = req_form(r, "name"),
				   .hint = T(r, "For a person named above, or to write a name "
						"otherwise"),
				   .maxlength = SUBJECT_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "detail", .label = T(r, "Position and workplace"),
				   .value = req_form(r, "detail"), .maxlength = SUBJECT_DETAIL_MAX},
		   fe);
	form_select_names(r, "form", T(r, "Form of commendation"), req_form(r, "form"),
			  award_form_names, AF_COUNT, fe);
	form_textarea(r,
		      &(struct field){.name = "achievement", .label = T(r, "Achievement"),
				      .value = req_form(r, "achievement"), .required = 1,
				      .maxlength = ACHIEVEMENT_MAX},
		      4, fe);
	form_select_names(r, "source", T(r, "It cites"), req_form(r, "source"),
			  achievement_source_names, SRC_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "source_id", .label = T(r, "Number of the record cited"),
				   .value = req_form(r, "source_id"), .type = "number"},
		   fe);
	form_submit(r, T(r, "Propose"));
	form_end(r);
	layout_end(r);
	return 0;
}

int page_nominate(struct req *r)
{
	return nominate_form(r, NULL, 200);
}

int page_nomination_create(struct req *r)
{
	struct award_round ar;
	struct form_errors fe = {0};
	int64_t id;
	int rc = req_form_parse(r);
	if (rc || (rc = award_round_get(&r->ctx, r->params[0], &ar)))
		return rc;
	struct nomination_input in = {.round_id = ar.id,
				      .form = req_form(r, "form"),
				      .achievement = req_form(r, "achievement"),
				      .source = req_form(r, "source")};
	if (!(rc = req_form_id(r, "unit", &in.unit_id)) &&
	    !(rc = req_form_id(r, "organization", &in.organization_id)) &&
	    !(rc = req_form_id(r, "source_id", &in.source_id)))
		rc = emulation_subject_read(r, "subject", in.unit_id, &in.subject);
	if (!rc)
		rc = nomination_create(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return nominate_form(r, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_award_round(r, ar.id, NULL));
	return 0;
}

/* ------------------------------------------------------------ the dossier */

int page_nomination(struct req *r)
{
	struct nomination n;
	struct award_round ar;
	int rc = nomination_get(&r->ctx, r->params[0], &n);
	if (rc || (rc = award_round_get(&r->ctx, n.round_id, &ar)))
		return rc;
	struct buf *b = &r->out;
	const char *title = award_subject_line(r, &n.subject);
	layout_begin(r, title);
	page_back(r, link_award_round(r, ar.id, NULL), ar.name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, n.forwarded_form ? T(r, "Dossier for the higher level")
				     : T(r, "Nomination"));
	html_raw(b, "</p>");
	page_heading(r, title);
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Proposed"));
	html_raw(b, "</dt><dd>");
	html_txt(b, T(r, subject_kind_label(n.subject.kind)));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Proposed by"));
	html_raw(b, "</dt><dd>");
	html_txt(b, n.proposer);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Form"));
	html_raw(b, "</dt><dd>");
	html_txt(b, award_form_text(r, n.form));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Achievement"));
	html_raw(b, "</dt><dd>");
	html_txt(b, n.achievement);
	if (n.source) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "It cites"));
		html_raw(b, "</dt><dd>");
		html_txt(b, T(r, achievement_source_label(n.source)));
		html_raw(b, ": ");
		if (n.source == SRC_MODEL)
			html_link(b, link_model(r, n.source_id, NULL), n.source_label);
		else
			html_txt(b, n.source_label);
	}
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Status"));
	html_raw(b, "</dt><dd>");
	html_txt(b, T(r, nomination_status_label(n.status)));
	if (n.voted) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "agreed %lld, disagreed %lld, abstained %lld, of %lld present"),
			  (long long)n.yes, (long long)n.no, (long long)n.abstain,
			  (long long)n.present);
	}
	html_raw(b, "</dd></dl>");
	if (n.status == NS_PROPOSED || n.status == NS_PASSED || n.status == NS_FAILED)
		form_button(r, link_nomination(r, n.id, "withdraw"), T(r, "Withdraw"),
			    "inline secondary");
	layout_end(r);
	return 0;
}

int page_nomination_withdraw(struct req *r)
{
	struct nomination n;
	int rc = nomination_get(&r->ctx, r->params[0], &n);
	if (rc)
		return rc;
	return award_round_after(r, n.round_id, nomination_withdraw(&r->ctx, n.id));
}

/*
 * Commendation in public: the register of awards (searched without
 * accents), a decision's page with every award and the link to each
 * certificate's verification, the verification page a certificate's QR
 * code leads to; and for officers, the certificates as a PDF (a whole
 * decision at once, or one) and revoking an award with a reason.
 */
#include <ctype.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "print/award_pdf.h"
#include "web/awards/awards.h"
#include "web/awards/awards_impl.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"

#define LIST_SIZE 30

const char *award_subject_line(struct req *r, const struct subject *s)
{
	return *s->detail ? arena_printf(&r->arena, "%s, %s", s->name, s->detail) : s->name;
}

const char *award_form_text(struct req *r, enum award_form f)
{
	return T(r, award_form_label(f));
}

/* ---------------------------------------------------------- the register */

int page_awards(struct req *r)
{
	int64_t unit = 0, page;
	struct award *v;
	struct award_decision *d;
	struct unit u;
	size_t n, nd;
	int more;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &unit);
	if (rc || (rc = page_number(r, 10000, &page)))
		return rc;
	if (unit && unit_get(&r->ctx, unit, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	const char *q = req_query(r, "q");
	if ((rc = award_search(&r->ctx, unit, q, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more)) ||
	    (rc = award_decision_list(&r->ctx, unit, 10, &d, &nd)))
		return rc;
	const char *title = T(r, "Commendation");
	if (unit)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	struct buf *b = &r->out;
	layout_begin(r, title);
	page_heading(r, title);
	page_section(r, NULL, T(r, "Decisions"));
	if (!nd)
		page_note(r, "empty", T(r, "No decision yet."));
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < nd; i++) {
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
	html_raw(b, "</ul></section><section><h2>");
	html_txt(b, T(r, "The register of awards"));
	html_raw(b, "</h2><form method=\"get\" action=\"/awards\" class=\"filters\" role=\"search\">");
	if (unit)
		form_hidden(r, "unit", arena_printf(&r->arena, "%lld", (long long)unit));
	form_input(r,
		   &(struct field){.name = "q", .label = T(r, "Search"), .value = q,
				   .type = "search",
				   .hint = T(r, "A name or words of the achievement, with or without "
						"accents"),
				   .maxlength = 100},
		   NULL);
	form_submit(r, T(r, "Show"));
	html_raw(b, "</form>");
	if (!n)
		page_note(r, "empty", T(r, "Nobody found."));
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_link(b, link_verify(r, v[i].code), award_subject_line(r, &v[i].subject));
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, award_form_text(r, v[i].form));
		html_raw(b, " · ");
		html_txtf(b, T(r, "decision No. %s of %s"), v[i].decision.number,
			  page_date(r, v[i].decision.signed_on));
		if (v[i].revoked_at) {
			html_raw(b, " · ");
			html_txt(b, T(r, "revoked"));
		}
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul>");
	page_pager(r, link_awards(r, unit, q), page, more);
	html_raw(b, "</section>");
	layout_end(r);
	return 0;
}

/* ------------------------------------------------------------ a decision */

static void award_item(struct req *r, const struct award_decision *d, const struct award *a)
{
	struct buf *b = &r->out;
	html_raw(b, a->revoked_at ? "<li class=\"overdue\">" : "<li>");
	html_raw(b, "<strong>");
	html_txt(b, a->subject.name);
	html_raw(b, "</strong>");
	if (*a->subject.detail) {
		html_raw(b, ", ");
		html_txt(b, a->subject.detail);
	}
	html_raw(b, "<br>");
	html_txt(b, a->achievement);
	html_raw(b, "<br><span class=\"meta\">");
	html_txt(b, award_form_text(r, a->form));
	html_raw(b, " · ");
	html_link(b, link_verify(r, a->code), T(r, "Verify the certificate"));
	if (a->revoked_at) {
		html_raw(b, " · ");
		html_txt(b, T(r, "revoked"));
	}
	html_raw(b, "</span>");
	if (d->may_run) {
		html_raw(b, " ");
		html_link(b, link_award(r, a->id, "certificate.pdf"), T(r, "Print"));
		if (!a->revoked_at) {
			const char *id = arena_printf(&r->arena, "rv%lld", (long long)a->id);
			form_begin(r, link_award(r, a->id, "revoke"), "inline");
			html_raw(b, "<label class=\"sr\" for=\"");
			html_attr(b, id);
			html_raw(b, "\">");
			html_txt(b, T(r, "Why it is revoked"));
			html_raw(b, "</label><input name=\"reason\" required maxlength=\"1000\" id=\"");
			html_attr(b, id);
			html_raw(b, "\"> <button type=\"submit\">");
			html_txt(b, T(r, "Revoke"));
			html_raw(b, "</button>");
			form_end(r);
		}
	}
	html_raw(b, "</li>");
}

static int decision_page(struct req *r, const struct form_errors *fe, int status)
{
	struct award_decision d;
	struct award *v;
	size_t n;
	int rc = award_decision_get(&r->ctx, r->params[0], &d);
	if (rc || (rc = award_list(&r->ctx, d.id, &v, &n)))
		return rc;
	struct buf *b = &r->out;
	const char *title = arena_printf(&r->arena, T(r, "Decision No. %s"), d.number);
	layout_begin(r, title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_awards(r, d.unit_id, NULL), d.unit_name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, "Commendation"));
	html_raw(b, "</p>");
	page_heading(r, title);
	html_raw(b, "<p class=\"lead\">");
	html_txt(b, d.round_name);
	html_raw(b, "</p><dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Authority"));
	html_raw(b, "</dt><dd>");
	html_txt(b, d.authority);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Signed"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, "%s, %s · %s", d.place, page_date(r, d.signed_on), d.signer_name);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Commended"));
	html_raw(b, "</dt><dd>");
	html_int(b, d.awards);
	if (d.forwarded) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "Dossiers sent to the higher level"));
		html_raw(b, "</dt><dd>");
		html_int(b, d.forwarded);
	}
	if (d.notice_id) {
		html_raw(b, "</dd><dt>");
		html_txt(b, T(r, "Published"));
		html_raw(b, "</dt><dd>");
		html_link(b, link_notice(r, d.notice_id, NULL), T(r, "the public notice"));
	}
	html_raw(b, "</dd></dl>");
	if (d.may_run && n) {
		html_raw(b, "<p class=\"links\">");
		html_link(b, link_award_decision(r, d.id, "certificates.pdf"),
			  T(r, "Print every certificate (PDF)"));
		html_raw(b, "</p>");
	}
	for (int pass = 0; pass < 2; pass++) {
		int any = 0;
		for (size_t i = 0; i < n; i++) {
			if ((v[i].subject.kind == SUBJ_INDIVIDUAL) != pass)
				continue;
			if (!any++) {
				html_raw(b, "<h2>");
				html_txt(b, pass ? T(r, "Individuals") : T(r, "Collectives"));
				html_raw(b, "</h2><ol class=\"awards\">");
			}
			award_item(r, &d, &v[i]);
		}
		if (any)
			html_raw(b, "</ol>");
	}
	layout_end(r);
	return 0;
}

int page_award_decision(struct req *r)
{
	return decision_page(r, NULL, 200);
}

int page_award_revoke(struct req *r)
{
	struct award a;
	int rc = req_form_parse(r);
	if (rc || (rc = award_get(&r->ctx, r->params[0], &a)))
		return rc;
	rc = award_revoke(&r->ctx, a.id, req_form(r, "reason"));
	r->params[0] = a.decision_id;
	return form_after(r, rc, decision_page, link_award_decision(r, a.decision_id, NULL));
}

/* ---------------------------------------------------------- certificates */

static void certificate_of(struct req *r, const struct award *a, const struct award_decision *d,
			   struct certificate *c)
{
	memset(c, 0, sizeof(*c));
	c->authority = d->authority;
	c->paper = award_form_info(a->form)->paper_vi;
	c->name = a->subject.name;
	c->detail = a->subject.detail;
	c->achievement = a->achievement;
	c->decision_no = d->number;
	c->signed_on = d->signed_on;
	c->place = d->place;
	c->signer_title = d->signer_title;
	c->signer_name = d->signer_name;
	c->verify_url = arena_printf(&r->arena, "%s%s", r->public_url, link_verify(r, a->code));
	c->code = a->code;
	c->revoked = a->revoked_at != 0;
}

static int send_pdf(struct req *r, const char *name)
{
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "inline; filename=\"%s\"", name));
	return 0;
}

int page_decision_certificates(struct req *r)
{
	struct award_decision d;
	struct award *v;
	size_t n;
	int rc = award_decision_get(&r->ctx, r->params[0], &d);
	if (rc || (rc = award_list(&r->ctx, d.id, &v, &n)))
		return rc;
	if (!d.may_run)
		return dv_fail(&r->ctx.err, DV_EPERM, NULL,
			       "Certificates are printed by whoever runs the commendation");
	if (!n)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "This decision commends nobody");
	struct certificate *c = arena_array(&r->arena, struct certificate, n);
	for (size_t i = 0; i < n; i++)
		certificate_of(r, &v[i], &d, &c[i]);
	if ((rc = certificates_pdf(c, n, &r->out, &r->ctx.err)))
		return rc;
	return send_pdf(r, arena_printf(&r->arena, "giay-khen-%lld.pdf", (long long)d.id));
}

int page_award_certificate(struct req *r)
{
	struct award a;
	struct certificate c;
	int rc = award_get(&r->ctx, r->params[0], &a);
	if (rc)
		return rc;
	if (!a.decision.may_run)
		return dv_fail(&r->ctx.err, DV_EPERM, NULL,
			       "Certificates are printed by whoever runs the commendation");
	certificate_of(r, &a, &a.decision, &c);
	if ((rc = certificates_pdf(&c, 1, &r->out, &r->ctx.err)))
		return rc;
	return send_pdf(r, arena_printf(&r->arena, "giay-khen-%lld-%lld.pdf",
					(long long)a.decision_id, (long long)a.id));
}

/* ----------------------------------------------------------- verification */

int page_verify(struct req *r)
{
	struct award a;
	int rc = award_verify(&r->ctx, r->sparam, &a);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	const struct award_form_info *fi = award_form_info(a.form);
	const char *title = fi->name_vi;
	layout_begin(r, title);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, "Verification of a certificate"));
	html_raw(b, "</p>");
	page_heading(r, title);
	html_raw(b, a.revoked_at ? "<p class=\"banner late\">" : "<p class=\"banner done\">");
	if (a.revoked_at)
		html_txtf(b, T(r, "This certificate was revoked on %s: %s"),
			  page_time(r, a.revoked_at), a.revoked_reason);
	else
		html_txt(b, T(r, "This certificate was issued by the decision below and is valid."));
	html_raw(b, "</p><dl class=\"facts\"><dt>");
	html_txt(b, a.subject.kind == SUBJ_INDIVIDUAL ? T(r, "Commended") : T(r, "Collective"));
	html_raw(b, "</dt><dd><strong>");
	html_txt(b, a.subject.name);
	html_raw(b, "</strong>");
	if (*a.subject.detail) {
		html_raw(b, ", ");
		html_txt(b, a.subject.detail);
	}
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Form"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, "%s (%s)", fi->name_vi, award_form_text(r, a.form));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "For"));
	html_raw(b, "</dt><dd>");
	html_txt(b, a.achievement);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Decision"));
	html_raw(b, "</dt><dd>");
	html_link(b, link_award_decision(r, a.decision.id, NULL),
		  arena_printf(&r->arena, T(r, "No. %s of %s"), a.decision.number,
			       page_date(r, a.decision.signed_on)));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Issued by"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, "%s · %s", a.decision.authority, a.decision.signer_name);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Code"));
	html_raw(b, "</dt><dd><code class=\"token\">");
	html_txt(b, a.code);
	html_raw(b, "</code></dd></dl>");
	layout_end(r);
	return 0;
}

/* The form a person types a code into: sent on to the code's page with
 * spaces gone and letters in capitals, as printed. */
int page_verify_form(struct req *r)
{
	const char *code = req_query(r, "code");
	if (code && *code) {
		char *c = arena_strdup(&r->arena, code), *o = c;
		for (const char *p = code; *p; p++)
			if (*p != ' ')
				*o++ = (char)toupper((unsigned char)*p);
		*o = '\0';
		for (const char *p = c; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '-')
				return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
					       "No certificate has this code");
		res_redirect(r, link_verify(r, c));
		return 0;
	}
	const char *title = T(r, "Verify a certificate of merit");
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Scan the QR code on the certificate, or type the code printed under it."));
	html_raw(&r->out, "<form method=\"get\" action=\"/verify\" class=\"stacked\">");
	form_input(r,
		   &(struct field){.name = "code", .label = T(r, "Code"), .required = 1,
				   .hint = "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX", .maxlength = 40},
		   NULL);
	form_submit(r, T(r, "Verify"));
	html_raw(&r->out, "</form>");
	layout_end(r);
	return 0;
}

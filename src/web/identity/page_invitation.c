/*
 * Invitation slips: a head prints them for the households of a unit (one
 * PDF), and a household's representative claims the account with the link
 * or the code on its slip.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/identity/invitation.h"
#include "domain/perm.h"
#include "domain/identity/session.h"
#include "domain/registry/unit.h"
#include "print/invitation.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/identity/identity_impl.h"

/* ------------------------------------------------------------- printing */

int page_invitations(struct req *r)
{
	struct unit u;
	int rc = unit_get(&r->ctx, r->params[0], &u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_GRANT_ROLES, u.id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	struct buf *b = &r->out;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Invitation slips"),
					 unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	html_raw(b, "<p>");
	html_txt(b, T(r, "Each slip carries a QR code and a code that lets the household's "
			 "representative open the household's account once. Four slips fit on an A4 "
			 "page; cut along the dashed lines and hand each to its household."));
	html_raw(b, "</p><p class=\"note\">");
	html_txtf(b, T(r, "A slip is valid for %d days. Printing again replaces the slips printed "
			  "before for the same households."),
		  INVITATION_DAYS);
	html_raw(b, "</p>");
	form_begin(r, link_unit(r, u.id, "invitations"), "stacked");
	form_checkbox(r, "all", T(r, "Also households that have an account already"), 0);
	form_submit(r, T(r, "Print the slips (PDF)"));
	form_end(r);
	layout_end(r);
	return 0;
}

/* "Khu phố Đông Tác, phường Tân Đông Hiệp, thành phố Dĩ An": from the unit up
 * to the city, the kind in lower case after the first. */
static const char *unit_path(struct req *r, int64_t unit_id)
{
	struct unit *v;
	size_t n;
	if (unit_ancestors(&r->ctx, unit_id, &v, &n))
		return "";
	struct buf b = BUF_INIT;
	for (size_t i = n; i-- > 0;) {
		if (v[i].kind == UNIT_PROVINCE && i + 1 < n)
			break; /* the city is enough on a slip */
		char *t = arena_strdup(&r->arena,
				       unit_title(&r->arena, r->ctx.lang, v[i].kind, v[i].name));
		if (b.len && t[0] >= 'A' && t[0] <= 'Z')
			t[0] = (char)(t[0] + 32); /* it starts with the kind's word */
		if (b.len)
			buf_adds(&b, ", ");
		buf_adds(&b, t);
	}
	const char *s = arena_strndup(&r->arena, b.ptr, b.len);
	buf_release(&b);
	return s;
}

int page_invitations_print(struct req *r)
{
	struct invitation_new *inv;
	size_t n;
	int rc = invitation_create_for_unit(&r->ctx, r->params[0], req_form(r, "all") != NULL, &inv,
					    &n);
	if (rc)
		return rc;
	struct invitation_slip *slips = arena_array(&r->arena, struct invitation_slip, n);
	const char *path = "";
	int64_t path_unit = 0;
	for (size_t i = 0; i < n; i++) {
		if (inv[i].unit_id != path_unit) {
			path_unit = inv[i].unit_id;
			path = unit_path(r, path_unit);
		}
		struct buf exp = BUF_INIT;
		date_format(&exp, time_local_date(inv[i].expires_at));
		slips[i] = (struct invitation_slip){
			.unit_path = path,
			.address = inv[i].address,
			.household_code = inv[i].code,
			.representative = inv[i].representative,
			.claim_url =
				arena_printf(&r->arena, "%s/claim/%s", r->public_url, inv[i].token),
			.short_code = inv[i].short_code,
			.expires = arena_strdup(&r->arena, exp.ptr),
		};
		buf_release(&exp);
	}
	if ((rc = invitation_pdf(slips, n, r->ctx.lang, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(r, "content-disposition",
		   arena_printf(&r->arena, "attachment; filename=\"giay-moi-%lld.pdf\"",
				(long long)r->params[0]));
	res_header(r, "cache-control", "no-store");
	return 0;
}

/* -------------------------------------------------------------- claiming */

static void claim_form(struct req *r, const struct invitation_info *inv, const char *key,
		       const struct form_errors *fe)
{
	struct buf *b = &r->out;
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Address"));
	html_raw(b, "</dt><dd>");
	html_txt(b, inv->address);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Where"));
	html_raw(b, "</dt><dd>");
	html_txt(b, inv->unit_name);
	html_raw(b, "</dd></dl>");
	form_summary(r, fe);
	form_begin(r, link_claim(r, key), "stacked");
	const char *name = req_form(r, "display_name");
	form_input(r,
		   &(struct field){.name = "display_name",
				   .label = T(r, "Your name"),
				   .value = name ? name : inv->representative,
				   .autocomplete = "name",
				   .required = 1,
				   .maxlength = 100},
		   fe);
	form_input(r,
		   &(struct field){.name = "login",
				   .label = T(r, "Phone number or e-mail"),
				   .value = req_form(r, "login"),
				   .hint = T(r, "You will log in with it"),
				   .autocomplete = "username",
				   .required = 1,
				   .maxlength = 100},
		   fe);
	form_input(r,
		   &(struct field){.name = "password",
				   .label = T(r, "Password"),
				   .type = "password",
				   .autocomplete = "new-password",
				   .hint = T(r, "At least 8 characters"),
				   .required = 1},
		   fe);
	form_input(r,
		   &(struct field){.name = "confirm",
				   .label = T(r, "Password again"),
				   .type = "password",
				   .autocomplete = "new-password",
				   .required = 1},
		   fe);
	form_submit(r, T(r, "Open the household's account"));
	form_end(r);
}

static int claim_page(struct req *r, const char *key, const struct form_errors *fe)
{
	struct invitation_info inv;
	int64_t retry = 0;
	int rc = invitation_find(&r->ctx, key, r->ip, &inv, &retry);
	if (rc == DV_EBUSY)
		res_header(r, "retry-after", arena_printf(&r->arena, "%lld", (long long)retry));
	if (rc)
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, T(r, "Your household's account"));
	page_heading(r, T(r, "Your household's account"));
	if (inv.state != INV_VALID) {
		/* the domain says why in the user's language */
		r->status = 410;
		html_raw(b, "<p class=\"error-summary\" role=\"alert\">");
		html_txt(b, inv.state == INV_USED ? T(r, "This slip was used already.")
			    : inv.state == INV_EXPIRED ? T(r, "This slip has expired.")
						      : T(r, "A newer slip replaced this one."));
		html_raw(b, " ");
		html_txt(b, T(r, "Ask your neighborhood head for a new slip, or log in if you "
				 "opened the account already."));
		html_raw(b, "</p><p>");
		html_link(b, "/login", T(r, "Log in"));
		html_raw(b, "</p>");
	} else {
		claim_form(r, &inv, key, fe);
	}
	layout_end(r);
	return 0;
}

int page_claim(struct req *r)
{
	int rc = claim_page(r, r->sparam, NULL);
	if (rc == DV_ENOTFOUND)
		r->status = 404;
	return rc;
}

/* GET /claim?code=...: the form for typing the code off the slip. */
int page_claim_code(struct req *r)
{
	const char *code = req_query(r, "code");
	if (code && *code) {
		struct buf b = BUF_INIT;
		for (const char *p = code; *p; p++)
			if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '-')
				buf_addch(&b, *p);
		res_redirect(r, link_claim(r, b.ptr));
		buf_release(&b);
		return 0;
	}
	struct buf *b = &r->out;
	layout_begin(r, T(r, "Your household's account"));
	page_heading(r, T(r, "Your household's account"));
	html_raw(b, "<form method=\"get\" action=\"/claim\" class=\"stacked\">");
	form_input(r,
		   &(struct field){.name = "code",
				   .label = T(r, "Activation code"),
				   .hint = T(r, "As printed on the slip, e.g. 7KQ4-M2XP"),
				   .autocomplete = "off",
				   .required = 1,
				   .maxlength = 20},
		   NULL);
	form_submit(r, T(r, "Continue"));
	html_raw(b, "</form>");
	layout_end(r);
	return 0;
}

int page_claim_post(struct req *r)
{
	struct form_errors fe = {0};
	int64_t retry = 0, account = 0;
	const char *key = r->sparam;
	char token[TOKEN_TEXT_MAX + 1];
	struct session s;
	struct invitation_info inv;
	int rc = invitation_find(&r->ctx, key, r->ip, &inv, &retry);
	if (rc == DV_EBUSY)
		res_header(r, "retry-after", arena_printf(&r->arena, "%lld", (long long)retry));
	if (rc)
		return rc;
	const char *pw = req_form(r, "password"), *confirm = req_form(r, "confirm");
	if (pw && confirm && strcmp(pw, confirm) != 0) {
		form_error(r, &fe, "confirm", T(r, "The two passwords differ"));
		rc = claim_page(r, key, &fe);
		r->status = 400;
		return rc;
	}
	rc = invitation_claim(&r->ctx, key, req_form(r, "login"), req_form(r, "display_name"), pw,
			      &account);
	int status = form_mendable(r, rc, &fe);
	if (status) {
		rc = claim_page(r, key, &fe);
		if (r->status == 200)
			r->status = status;
		return rc;
	}
	if (rc || (rc = session_create(&r->ctx, account, "web", 0, r->ip,
				       req_header(r, "user-agent"), token, &s)))
		return rc;
	auth_set_session(r, token, &s);
	res_redirect(r, "/me");
	return 0;
}

/*
 * Identity pages: log in and out, "my household", the account page
 * (password, API tokens).
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/identity/account.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/identity/session.h"
#include "domain/registry/unit.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/identity/identity_impl.h"

/* ----------------------------------------------------------------- login */

static void login_form(struct req *r, const char *login, const char *next,
		       const struct form_errors *fe)
{
	struct buf *b = &r->out;
	layout_begin(r, T(r, "Log in"));
	page_heading(r, T(r, "Log in"));
	form_summary(r, fe);
	form_begin(r, "/login", "stacked");
	if (next)
		form_hidden(r, "next", next);
	form_input(r,
		   &(struct field){.name = "login",
				   .label = T(r, "Phone number or e-mail"),
				   .value = login,
				   .type = "text",
				   .autocomplete = "username",
				   .required = 1,
				   .maxlength = LOGIN_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "password",
				   .label = T(r, "Password"),
				   .type = "password",
				   .autocomplete = "current-password",
				   .required = 1,
				   .maxlength = PASSWORD_MAX},
		   fe);
	form_checkbox(r, "remember", T(r, "Keep me logged in on this device for 30 days"), 0);
	form_submit(r, T(r, "Log in"));
	form_end(r);
	html_raw(b, "<p class=\"note\">");
	html_txt(b, T(r, "A household that received an invitation slip activates its account by "
			 "scanning the QR code on the slip."));
	html_raw(b, "</p>");
	layout_end(r);
}

int page_login(struct req *r)
{
	const char *next = req_query(r, "next");
	if (next && !*next)
		next = NULL;
	if (next && !safe_local_path(next))
		return dv_fail(&r->ctx.err, DV_EINVAL, "next",
			       "The parameter %s must be a path on this site", "next");
	if (r->ctx.actor->account_id) {
		res_redirect(r, next ? next : "/me");
		return 0;
	}
	login_form(r, NULL, next, NULL);
	return 0;
}

int page_login_post(struct req *r)
{
	struct form_errors fe = {0};
	char token[TOKEN_TEXT_MAX + 1];
	struct session s;
	int64_t retry = 0;
	const char *login = req_form(r, "login"), *password = req_form(r, "password");
	const char *next = req_form(r, "next");
	if (!safe_local_path(next))
		next = NULL;
	if (!login || !*login)
		form_error(r, &fe, "login", T(r, "Enter your phone number or e-mail"));
	if (!password || !*password)
		form_error(r, &fe, "password", T(r, "Enter your password"));
	if (fe.n) {
		login_form(r, login, next, &fe);
		r->status = 400;
		return 0;
	}
	int rc = session_login(&r->ctx, login, password, "web", req_form(r, "remember") != NULL,
			       r->ip, req_header(r, "user-agent"), token, &s, &retry);
	if (rc == DV_EBUSY || rc == DV_EPERM) {
		form_error(r, &fe, NULL, r->ctx.err.msg);
		login_form(r, login, next, &fe);
		r->status = rc == DV_EBUSY ? 429 : 401;
		if (rc == DV_EBUSY)
			res_header(r, "retry-after", arena_printf(&r->arena, "%lld", (long long)retry));
		return 0;
	}
	if (rc)
		return rc;
	auth_set_session(r, token, &s);
	res_redirect(r, next ? next : "/me");
	return 0;
}

int page_logout(struct req *r)
{
	if (r->session_token && session_end(&r->ctx, r->session_token))
		return r->ctx.err.code;
	auth_clear_session(r);
	res_redirect(r, "/");
	return 0;
}

/* --------------------------------------------------------------- account */

static int account_page(struct req *r, const struct form_errors *fe, const char *notice,
			const char *new_token)
{
	struct account a;
	struct api_token *tokens;
	size_t n;
	int rc = account_get(&r->ctx, r->ctx.actor->account_id, &a);
	if (rc || (rc = api_token_list(&r->ctx, &tokens, &n)))
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, T(r, "Account"));
	page_heading(r, T(r, "Account"));
	if (notice) {
		html_raw(b, "<p class=\"notice\" role=\"status\">");
		html_txt(b, notice);
		html_raw(b, "</p>");
	}
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Name"));
	html_raw(b, "</dt><dd>");
	html_txt(b, a.display_name);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Login"));
	html_raw(b, "</dt><dd>");
	html_txt(b, a.login);
	html_raw(b, "</dd></dl><h2>");
	html_txt(b, T(r, "Change password"));
	html_raw(b, "</h2>");
	form_summary(r, fe);
	form_begin(r, "/account/password", "stacked");
	form_input(r, &(struct field){.name = "current", .label = T(r, "Current password"),
				      .type = "password", .autocomplete = "current-password",
				      .required = 1},
		   fe);
	form_input(r, &(struct field){.name = "password", .label = T(r, "New password"),
				      .type = "password", .autocomplete = "new-password",
				      .hint = T(r, "At least 8 characters"), .required = 1},
		   fe);
	form_input(r, &(struct field){.name = "confirm", .label = T(r, "New password again"),
				      .type = "password", .autocomplete = "new-password",
				      .required = 1},
		   fe);
	form_submit(r, T(r, "Change password"));
	form_end(r);

	html_raw(b, "<h2>");
	html_txt(b, T(r, "API tokens"));
	html_raw(b, "</h2><p class=\"note\">");
	html_txt(b, T(r, "A token lets a program use the API as you. Send it in the header "
			 "Authorization: Bearer TOKEN. Revoke it when it is no longer used."));
	html_raw(b, "</p>");
	if (new_token) {
		html_raw(b, "<p class=\"notice\" role=\"status\">");
		html_txt(b, T(r, "Your new token (copy it now, it is shown only once):"));
		html_raw(b, " <code class=\"token\">");
		html_txt(b, new_token);
		html_raw(b, "</code></p>");
	}
	if (n) {
		html_raw(b, "<ul class=\"tokens\">");
		for (size_t i = 0; i < n; i++) {
			html_raw(b, "<li>");
			html_txt(b, tokens[i].name);
			html_raw(b, " <span class=\"note\">");
			html_txt(b, T(r, "created"));
			html_raw(b, " ");
			time_format(b, tokens[i].created_at);
			html_raw(b, " · ");
			if (tokens[i].last_used_at) {
				html_txt(b, T(r, "last used"));
				html_raw(b, " ");
				time_format(b, tokens[i].last_used_at);
			} else {
				html_txt(b, T(r, "never used"));
			}
			html_raw(b, "</span> ");
			form_button(r, link_token(r, tokens[i].id, "revoke"),
				    T(r, "Revoke"), "inline");
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	form_begin(r, "/account/tokens", "stacked");
	form_input(r, &(struct field){.name = "name", .label = T(r, "Name of the new token"),
				      .hint = T(r, "What it is for, e.g. \"weekly report script\""),
				      .required = 1, .maxlength = API_TOKEN_NAME_MAX},
		   fe);
	form_submit(r, T(r, "Create a token"));
	form_end(r);
	layout_end(r);
	return 0;
}

int page_account(struct req *r)
{
	return account_page(r, NULL, NULL, NULL);
}

int page_account_password(struct req *r)
{
	struct form_errors fe = {0};
	struct account a;
	int64_t id;
	const char *current = req_form(r, "current"), *pw = req_form(r, "password");
	const char *confirm = req_form(r, "confirm");
	int rc = account_get(&r->ctx, r->ctx.actor->account_id, &a);
	if (rc)
		return rc;
	if (!current || account_authenticate(&r->ctx, a.login, current, &id))
		form_error(r, &fe, "current", T(r, "The current password is not right"));
	if (account_check_password(&r->ctx, pw))
		form_error(r, &fe, "password", r->ctx.err.msg);
	else if (!confirm || strcmp(pw, confirm) != 0)
		form_error(r, &fe, "confirm", T(r, "The two new passwords differ"));
	if (!fe.n && (rc = account_set_password(&r->ctx, a.id, pw)))
		return rc;
	if (fe.n) {
		rc = account_page(r, &fe, NULL, NULL);
		r->status = 400;
		return rc;
	}
	/* other devices must log in again with the new password */
	if (session_end_others(&r->ctx, a.id, r->has_session ? r->session.id : 0))
		return r->ctx.err.code;
	return account_page(r, NULL, T(r, "Your password was changed. Other devices were logged out."),
			    NULL);
}

int page_account_token_new(struct req *r)
{
	struct form_errors fe = {0};
	char token[TOKEN_TEXT_MAX + 1];
	int64_t id;
	int rc = api_token_create(&r->ctx, req_form(r, "name"), token, &id);
	int status = form_mendable(r, rc, &fe);
	if (status) {
		rc = account_page(r, &fe, NULL, NULL);
		r->status = status;
		return rc;
	}
	if (rc)
		return rc;
	res_header(r, "cache-control", "no-store");
	return account_page(r, NULL, NULL, token);
}

int page_account_token_revoke(struct req *r)
{
	int rc = api_token_revoke(&r->ctx, r->params[0]);
	if (rc)
		return rc;
	res_redirect(r, "/account");
	return 0;
}

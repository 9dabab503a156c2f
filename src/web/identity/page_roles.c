/*
 * Roles on a unit: who holds which role here and below, granting a role to
 * an account by its login, and revoking. Only the roles the actor may grant
 * are offered (domain/perm.c, role_grants).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/i18n.h"

#include "domain/identity/account.h"
#include "domain/identity/grant.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/identity/identity_impl.h"

/* The roles the actor may grant somewhere: value/label pairs, NULL-ended. */
static const char **grantable(struct req *r, int64_t unit_id)
{
	const char **opts = arena_array(&r->arena, const char *, 2 * ROLE_COUNT + 1);
	size_t k = 0;
	for (int role = 0; role < ROLE_COUNT; role++) {
		if (role == ROLE_ORG_OFFICER)
			continue; /* needs an organization: not from this form */
		int ok = r->ctx.actor->system;
		for (size_t i = 0; !ok && i < r->ctx.actor->ngrants; i++)
			ok = role_may_grant((enum role)r->ctx.actor->grants[i].role, role);
		if (ok && perm_may(&r->ctx, ACT_GRANT_ROLES, unit_id)) {
			opts[k++] = role_name(role);
			opts[k++] = T(r, role_label(role));
		}
	}
	opts[k] = NULL;
	return opts;
}

static void grants_table(struct req *r, const struct grant_row *g, size_t n)
{
	struct buf *b = &r->out;
	static const struct page_col cols[] = {
		{N_("Name")}, {N_("Login")}, {N_("Role")}, {N_("Unit")}, {N_("Actions"), 0, 1}};
	page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<tr><td>");
		html_txt(b, g[i].display_name);
		html_raw(b, "</td><td>");
		html_txt(b, g[i].login);
		html_raw(b, "</td><td>");
		html_txt(b, T(r, role_label(g[i].role)));
		html_raw(b, "</td><td>");
		html_txt(b, g[i].unit_name);
		html_raw(b, "</td><td>");
		if (g[i].may_revoke)
			form_button(r, link_grant(r, g[i].id, "revoke"),
				    T(r, "Revoke"), "inline");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
}

static int roles_page(struct req *r, const struct form_errors *fe, const char *notice)
{
	struct unit u;
	struct grant_row *g;
	size_t n;
	int rc = unit_get(&r->ctx, r->params[0], &u);
	if (rc || (rc = grant_list(&r->ctx, u.id, &g, &n)))
		return rc == DV_EPERM ? dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
						"There is no page at this address.")
				      : rc;
	struct buf *b = &r->out;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Roles"),
					 unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	if (notice) {
		html_raw(b, "<p class=\"notice\" role=\"status\">");
		html_txt(b, notice);
		html_raw(b, "</p>");
	}
	if (n)
		grants_table(r, g, n);
	html_raw(b, "<h2>");
	html_txt(b, T(r, "Give a role"));
	html_raw(b, "</h2><p class=\"note\">");
	html_txt(b, T(r, "The role applies to this unit and every unit below it. The person needs "
			 "an account: a household's representative gets one with an invitation slip."));
	html_raw(b, "</p>");
	form_summary(r, fe);
	form_begin(r, link_unit(r, u.id, "roles"), "stacked");
	form_input(r,
		   &(struct field){.name = "login",
				   .label = T(r, "Their phone number or e-mail"),
				   .value = req_form(r, "login"),
				   .autocomplete = "off",
				   .required = 1,
				   .maxlength = LOGIN_MAX},
		   fe);
	form_select(r, "role", T(r, "Role"), req_form(r, "role"), grantable(r, u.id), fe);
	form_submit(r, T(r, "Give the role"));
	form_end(r);
	layout_end(r);
	return 0;
}

int page_roles(struct req *r)
{
	return roles_page(r, NULL, NULL);
}

int page_roles_grant(struct req *r)
{
	struct form_errors fe = {0};
	struct account a;
	enum role role;
	int64_t id;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	if (account_find(&r->ctx, req_form(r, "login"), &a))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "login",
			     "No account has this login: the person must have an account first");
	else if (role_parse(req_form(r, "role"), &role, &r->ctx.err))
		rc = DV_EINVAL;
	else
		rc = grant_add(&r->ctx, a.id, role, r->params[0], 0, &id);
	int status = form_mendable(r, rc, &fe);
	if (status) {
		rc = roles_page(r, &fe, NULL);
		r->status = status;
		return rc;
	}
	if (rc)
		return rc;
	res_redirect(r, link_unit(r, r->params[0], "roles"));
	return 0;
}

int page_grant_revoke(struct req *r)
{
	int64_t unit = 0;
	int rc = grant_unit(&r->ctx, r->params[0], &unit);
	if (rc || (rc = grant_revoke(&r->ctx, r->params[0])))
		return rc;
	res_redirect(r, link_unit(r, unit, "roles"));
	return 0;
}

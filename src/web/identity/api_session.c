/*
 * API identity: POST/DELETE /api/v1/session and GET /api/v1/me.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/identity/account.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/identity/session.h"
#include "domain/registry/unit.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/identity/identity_impl.h"

int api_session_create(struct req *r)
{
	json_t *body;
	const char *login, *password;
	char token[TOKEN_TEXT_MAX + 1];
	struct session s;
	int64_t retry = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "login", &login);
	if (!rc)
		rc = api_str(r, body, "password", &password);
	json_decref(body);
	if (rc)
		return rc;
	if (!login || !password)
		return dv_fail(&r->ctx.err, DV_EINVAL, login ? "password" : "login",
			       "Send login and password");
	rc = session_login(&r->ctx, login, password, "api", 0, r->ip, req_header(r, "user-agent"),
			   token, &s, &retry);
	if (rc == DV_EBUSY)
		res_header(r, "retry-after", arena_printf(&r->arena, "%lld", (long long)retry));
	if (rc == DV_EPERM) {
		api_error_status(r, 401, "unauthorized", r->ctx.err.msg);
		return 0;
	}
	if (rc)
		return rc;
	char expires[32];
	struct buf iso = BUF_INIT;
	time_format_iso(&iso, s.expires_at);
	snprintf(expires, sizeof(expires), "%s", iso.ptr);
	buf_release(&iso);
	api_send(r, 200, json_pack("{s:s, s:s}", "token", token, "expires", expires));
	return 0;
}

int api_session_delete(struct req *r)
{
	if (r->session_token && session_end(&r->ctx, r->session_token))
		return r->ctx.err.code;
	r->status = 204;
	r->content_type = "application/json; charset=utf-8";
	return 0;
}

int api_me(struct req *r)
{
	struct account a;
	int rc = account_get(&r->ctx, r->ctx.actor->account_id, &a);
	if (rc)
		return rc;
	json_t *grants = json_array();
	for (size_t i = 0; i < r->ctx.actor->ngrants; i++) {
		const struct grant *g = &r->ctx.actor->grants[i];
		struct unit u;
		if ((rc = unit_get(&r->ctx, g->unit_id, &u))) {
			json_decref(grants);
			return rc;
		}
		json_array_append_new(grants, json_pack("{s:s, s:o}", "role",
							 role_name((enum role)g->role), "unit",
							 unit_json(&u)));
	}
	json_t *household = json_null();
	if (a.household_id) {
		struct household h;
		if ((rc = household_get(&r->ctx, a.household_id, &h))) {
			json_decref(grants);
			return rc;
		}
		json_decref(household);
		household = household_json(&h);
	}
	api_send(r, 200,
		 json_pack("{s:{s:I, s:s, s:s}, s:o, s:o}", "account", "id", (json_int_t)a.id,
			   "login", a.login, "display_name", a.display_name, "household", household,
			   "grants", grants));
	return 0;
}

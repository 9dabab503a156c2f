/*
 * API for household invitations (docs/openapi.yaml):
 *
 *   POST /api/v1/units/{id}/invitations      a head invites a unit's households
 *   GET  /api/v1/invitations/{token}         anyone holding a link or code
 *   POST /api/v1/invitations/{token}/claim   opens the household's account
 *
 * The link token and the short code each work wherever {token} is asked.
 * Lookups and claims are throttled as on the claim page (invitation_find):
 * a wrong token or code counts against the client's address.
 */
#include <string.h>

#include "domain/identity/invitation.h"
#include "domain/identity/session.h"
#include "domain/registry/unit.h"
#include "web/api.h"
#include "web/identity/identity_impl.h"


static const char *state_name(enum invitation_state s)
{
	switch (s) {
	case INV_VALID: return "valid";
	case INV_USED: return "used";
	case INV_EXPIRED: return "expired";
	case INV_REVOKED: return "revoked";
	}
	return "revoked";
}

/* ------------------------------------------------------------- inviting */

int api_invitations_create(struct req *r)
{
	struct unit u;
	struct invitation_new *inv;
	size_t n;
	int all = 0;
	int rc;
	if (r->body_len) { /* the body is optional: {"all": false} */
		json_t *body;
		if ((rc = req_json(r, &body)))
			return rc;
		rc = api_bool(r, body, "all", &all);
		json_decref(body);
		if (rc)
			return rc;
	}
	if ((rc = unit_get(&r->ctx, r->params[0], &u)) ||
	    (rc = invitation_create_for_unit(&r->ctx, u.id, all, &inv, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *url =
			arena_printf(&r->arena, "%s/claim/%s", r->public_url, inv[i].token);
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s}", "household",
						   (json_int_t)inv[i].household_id, "address",
						   inv[i].address, "claim_url", url, "short_code",
						   inv[i].short_code, "expires",
						   api_time(r, inv[i].expires_at)));
	}
	api_send(r, 201, json_pack("{s:o}", "invitations", a));
	return 0;
}

/* ------------------------------------------------------------- claiming */

int api_invitation(struct req *r)
{
	struct invitation_info inv;
	int64_t retry = 0;
	int rc = invitation_find(&r->ctx, r->sparam, r->ip, &inv, &retry);
	if (rc == DV_EBUSY)
		res_header(r, "retry-after", arena_printf(&r->arena, "%lld", (long long)retry));
	if (rc)
		return rc;
	api_send(r, 200,
		 json_pack("{s:{s:s, s:s, s:s, s:s}}", "invitation", "address", inv.address, "unit",
			   inv.unit_name, "state", state_name(inv.state), "expires",
			   api_time(r, inv.expires_at)));
	return 0;
}

/* 410 Gone for an invitation that can no longer be claimed, saying why as
 * the claim page does. */
static int gone(struct req *r, enum invitation_state s)
{
	const char *why = s == INV_USED	     ? T(r, "This slip was used already.")
			  : s == INV_EXPIRED ? T(r, "This slip has expired.")
					     : T(r, "A newer slip replaced this one.");
	api_error_status(r, 410, "gone",
			 arena_printf(&r->arena, "%s %s", why,
				      T(r, "Ask your neighborhood head for a new slip, or log in "
					   "if you opened the account already.")));
	return 0;
}

int api_invitation_claim(struct req *r)
{
	json_t *body;
	const char *login, *name, *password;
	char token[TOKEN_TEXT_MAX + 1];
	struct invitation_info inv;
	struct session s;
	int64_t retry = 0, account = 0;
	int rc = invitation_find(&r->ctx, r->sparam, r->ip, &inv, &retry);
	if (rc == DV_EBUSY)
		res_header(r, "retry-after", arena_printf(&r->arena, "%lld", (long long)retry));
	if (rc)
		return rc;
	if (inv.state != INV_VALID)
		return gone(r, inv.state);
	if ((rc = req_json(r, &body)))
		return rc;
	if (!(rc = api_str(r, body, "login", &login)) &&
	    !(rc = api_str(r, body, "display_name", &name)))
		rc = api_str(r, body, "password", &password);
	json_decref(body);
	if (rc)
		return rc;
	rc = invitation_claim(&r->ctx, r->sparam, login, name, password, &account);
	if (rc == DV_EINVAL) { /* claimed by someone else meanwhile: as above */
		struct dv_err keep = r->ctx.err;
		if (!invitation_lookup(&r->ctx, r->sparam, &inv) && inv.state != INV_VALID)
			return gone(r, inv.state);
		r->ctx.err = keep;
	}
	if (rc || (rc = session_create(&r->ctx, account, "api", 0, r->ip,
				       req_header(r, "user-agent"), token, &s)))
		return rc;
	api_send(r, 201,
		 json_pack("{s:s, s:s}", "token", token, "expires", api_time(r, s.expires_at)));
	return 0;
}

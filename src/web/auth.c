#include "web/auth.h"

#include <string.h>
#include <strings.h>

#include "base/token.h"
#include "domain/perm.h"
#include "web/multipart.h"

static int load_account(struct req *r, int64_t account_id)
{
	int rc = actor_load(&r->ctx, account_id, &r->actor);
	if (rc == DV_ENOTFOUND) {
		r->ctx.actor = &actor_anonymous;
		return 0;
	}
	if (!rc)
		r->ctx.actor = &r->actor;
	return rc;
}

/* Authorization: Bearer TOKEN: an API session first, then an API token. */
static int load_bearer(struct req *r, const char *token)
{
	int64_t account = 0;
	int rc = session_find(&r->ctx, token, &r->session);
	if (rc == 0) {
		account = r->session.account_id;
	} else if (rc == DV_ENOTFOUND) {
		rc = api_token_account(&r->ctx, token, &account);
		if (rc == DV_ENOTFOUND)
			return 0;
	}
	if (rc)
		return rc;
	r->bearer = 1;
	r->session_token = token;
	return load_account(r, account);
}

int auth_load(struct req *r)
{
	r->ctx.actor = &actor_anonymous;
	const char *authz = req_header(r, "authorization");
	if (authz && strncasecmp(authz, "Bearer ", 7) == 0)
		return load_bearer(r, authz + 7);
	const char *cookies = req_cookies(r);
	const char *token = cookie_get(&r->arena, cookies, SESSION_COOKIE);
	if (token) {
		int rc = session_find(&r->ctx, token, &r->session);
		if (rc == 0 && strcmp(r->session.kind, "web") == 0) {
			r->has_session = 1;
			r->session_token = token;
			r->csrf = r->session.csrf;
			return load_account(r, r->session.account_id);
		}
		if (rc && rc != DV_ENOTFOUND)
			return rc;
		dv_err_clear(&r->ctx.err);
	}
	/* anonymous: a token in a cookie, compared with the form's copy; made
	 * only when a page shows a form (auth_csrf), so public pages stay
	 * cookie-free and cacheable */
	const char *csrf = cookie_get(&r->arena, cookies, CSRF_COOKIE);
	if (csrf && strlen(csrf) >= 20 && strlen(csrf) <= TOKEN_TEXT_MAX)
		r->csrf = csrf;
	return 0;
}

const char *auth_csrf(struct req *r)
{
	if (!r->csrf) {
		char fresh[TOKEN_TEXT_MAX + 1];
		token_random(fresh, TOKEN_BYTES);
		r->csrf = arena_strdup(&r->arena, fresh);
		res_cookie(r, CSRF_COOKIE, r->csrf, 0);
	}
	return r->csrf;
}

int auth_check_csrf(struct req *r)
{
	if (r->bearer)
		return 0;
	const char *sent = req_header(r, CSRF_HEADER);
	const char *ct = req_header(r, "content-type");
	if (!sent && ct && strncasecmp(ct, "multipart/form-data", 19) == 0) {
		struct mp_part *parts;
		size_t n;
		if (req_multipart(r, &parts, &n) == 0) {
			const struct mp_part *p = multipart_find(parts, n, CSRF_FIELD);
			sent = p && !p->filename ? p->data : NULL;
		}
	} else if (!sent) {
		req_form_parse(r);
		sent = params_get(&r->form, CSRF_FIELD);
	}
	if (sent && r->csrf && token_equal(sent, r->csrf))
		return 0;
	return dv_fail(&r->ctx.err, DV_EPERM, NULL,
		       "This form has expired or did not come from this site. Go back, reload "
		       "the page and send it again.");
}

void auth_set_session(struct req *r, const char *token, const struct session *s)
{
	res_cookie(r, SESSION_COOKIE, token, s->remember ? SESSION_REMEMBER : 0);
	r->session = *s;
	r->has_session = 1;
	r->session_token = arena_strdup(&r->arena, token);
	r->csrf = s->csrf;
}

void auth_clear_session(struct req *r)
{
	res_cookie(r, SESSION_COOKIE, "", -1);
	r->has_session = 0;
}

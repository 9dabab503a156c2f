/*
 * Private to web/identity/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_IDENTITY_IMPL_H
#define DV_WEB_IDENTITY_IMPL_H

#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_login(struct req *r);
int page_login_post(struct req *r);
int page_logout(struct req *r);
int page_account(struct req *r);
int page_account_password(struct req *r);
int page_account_token_new(struct req *r);
int page_account_token_revoke(struct req *r);
int page_roles(struct req *r);
int page_roles_grant(struct req *r);
int page_grant_revoke(struct req *r);
int page_invitations(struct req *r);
int page_invitations_print(struct req *r);
int page_claim_code(struct req *r);
int page_claim(struct req *r);
int page_claim_post(struct req *r);
int api_session_create(struct req *r);
int api_session_delete(struct req *r);
int api_me(struct req *r);
int api_invitations_create(struct req *r);
int api_invitation(struct req *r);
int api_invitation_claim(struct req *r);

#endif

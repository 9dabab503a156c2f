/*
 * Electing a community head: the head records the election plan and sets
 * up the election team (election_view.c shows them on the matter's page).
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/decide/election.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"
#include "domain/rules.h"
#include "web/link.h"
#include "web/form.h"
#include "web/html.h"
#include "web/page.h"
#include "web/decide/decide_impl.h"

int page_election_plan(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = election_plan(&r->ctx, r->params[0], req_form(r, "plan_on"));
	return matter_page_after(r, rc);
}

int page_election_team(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = election_team(&r->ctx, r->params[0], req_form(r, "team"));
	return matter_page_after(r, rc);
}

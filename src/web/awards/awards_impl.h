/*
 * Private to web/awards/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_AWARDS_IMPL_H
#define DV_WEB_AWARDS_IMPL_H

#include "domain/awards/council.h"
#include "domain/awards/decision.h"
#include "domain/awards/nomination.h"
#include "domain/awards/restriction.h"
#include "web/form.h"
#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_awards(struct req *r);
int page_verify_form(struct req *r);
int page_verify(struct req *r);
int page_award_decision(struct req *r);
int page_decision_certificates(struct req *r);
int page_award_certificate(struct req *r);
int page_award_revoke(struct req *r);
int page_award_round_new(struct req *r);
int page_award_round_create(struct req *r);
int page_award_round(struct req *r);
int page_nominate(struct req *r);
int page_nomination_create(struct req *r);
int page_nomination(struct req *r);
int page_nomination_withdraw(struct req *r);
int page_session_open(struct req *r);
int page_award_decide(struct req *r);
int page_session(struct req *r);
int page_session_vote(struct req *r);
int page_session_close(struct req *r);
int page_session_minutes(struct req *r);
int page_council(struct req *r);
int page_council_add(struct req *r);
int page_council_remove(struct req *r);
int page_restrictions(struct req *r);
int page_restriction_add(struct req *r);
int page_restriction_lift(struct req *r);
int api_awards(struct req *r);
int api_award_verify(struct req *r);
int api_award_revoke(struct req *r);
int api_award_decision(struct req *r);
int api_award_round_create(struct req *r);
int api_award_round(struct req *r);
int api_nomination_create(struct req *r);
int api_session_open(struct req *r);
int api_award_decide(struct req *r);
int api_nomination_withdraw(struct req *r);
int api_session(struct req *r);
int api_session_vote(struct req *r);
int api_session_close(struct req *r);
int api_council_members(struct req *r);
int api_council_member_add(struct req *r);
int api_restrictions(struct req *r);
int api_restriction_add(struct req *r);
int api_restriction_lift(struct req *r);

/* Back to a round's page after an action (round_id), or the page again
 * with the error. */
int award_round_after(struct req *r, int64_t round_id, int rc);

/* A commended or proposed subject as one line: "Name, detail". */
const char *award_subject_line(struct req *r, const struct subject *s);

/* The form's name as the interface says it. */
const char *award_form_text(struct req *r, enum award_form f);

#endif

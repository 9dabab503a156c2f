/*
 * Private to web/decide/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_DECIDE_IMPL_H
#define DV_WEB_DECIDE_IMPL_H

#include "web/http.h"
#include "domain/decide/matter.h"
#include "web/form.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_matters(struct req *r);
int page_matter(struct req *r);
int page_matter_tally(struct req *r);
int page_matter_tally_check(struct req *r);
int page_matter_vote(struct req *r);
int page_matter_new(struct req *r);
int page_matter_create(struct req *r);
int page_matter_edit(struct req *r);
int page_matter_update(struct req *r);
int page_matter_agree(struct req *r);
int page_matter_open(struct req *r);
int page_matter_paper(struct req *r);
int page_matter_ballots_pdf(struct req *r);
int page_matter_paper_post(struct req *r);
int page_matter_roll(struct req *r);
int page_matter_hand(struct req *r);
int page_matter_roll_pdf(struct req *r);
int page_meeting_schedule(struct req *r);
int page_election_plan(struct req *r);
int page_election_team(struct req *r);
int page_meeting_invitations(struct req *r);
int page_meeting_open(struct req *r);
int page_meeting_register(struct req *r);
int page_meeting_checkin(struct req *r);
int page_meeting_code(struct req *r);
int page_meeting_code_post(struct req *r);
int page_motion_add(struct req *r);
int page_motion_record(struct req *r);
int page_meeting_close(struct req *r);
int page_meeting_minutes(struct req *r);
int page_meeting_ics(struct req *r);
int api_matters(struct req *r);
int api_matter_create(struct req *r);
int api_matter(struct req *r);
int api_matter_agree(struct req *r);
int api_matter_open(struct req *r);
int api_ballot(struct req *r);
int api_ballot_cast(struct req *r);
int api_matter_tally_json(struct req *r);
int api_matter_tally_csv(struct req *r);

/* An option's label as shown: yes/no labels are msgids, others the head's. */
const char *option_label(struct req *r, const struct matter *m, const struct matter_option *o);

/* After an action on matter r->params[0]: back to its page (303), or the
 * page again with the error on top for a refused one. */
int matter_page_after(struct req *r, int rc);

/* The meeting's part of a matter's page (meeting_view.c). */
void meeting_section(struct req *r, const struct matter *mt, const struct form_errors *fe);
struct meeting;
/* Present, needed, quorate: the panel on the matter's page and the register. */
void meeting_quorum_panel(struct req *r, const struct meeting *m);

/* A head election's part of a matter's page (election_view.c): its
 * timeline and forms; nothing for other matters. */
void election_section(struct req *r, const struct matter *mt, const struct form_errors *fe);
struct motion;
/* The count per candidate of a main motion: the form, and once decided the counts. */
void election_count_form(struct req *r, const struct matter *mt, const struct motion *o);
void election_counts(struct req *r, const struct matter *mt, const struct motion *o);

struct meeting_paper;
/* The names a printed paper of the matter carries (community, ward, the
 * result in words). */
int matter_papers(struct req *r, const struct matter *mt, struct meeting_paper *p);

#endif

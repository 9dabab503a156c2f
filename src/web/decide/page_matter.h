/*
 * What the matter pages (page_matter.c) and the meeting pages
 * (page_meeting.c) share.
 */
#ifndef DV_WEB_PAGE_MATTER_H
#define DV_WEB_PAGE_MATTER_H

#include "domain/decide/matter.h"
#include "web/form.h"

/* After an action on matter r->params[0]: back to its page (303), or the
 * page again with the error on top for a refused one. */
int matter_page_after(struct req *r, int rc);

/* The meeting's part of a matter's page. */
void meeting_section(struct req *r, const struct matter *mt, const struct form_errors *fe);

/* A head election's part of a matter's page (page_election.c): its
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

/* "2026-12-10" and "19:00" in Vietnam as an instant; 0 when malformed. */
int64_t page_local_instant(const char *day, const char *hhmm);

#endif

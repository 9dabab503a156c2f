/*
 * What the consultation pages share: page_consultation.c (the draft and its
 * opinions), page_consultation_edit.c (the officers' forms for the draft)
 * and page_synthesis.c (the synthesis as a page, a PDF and a workbook).
 */
#ifndef DV_WEB_PAGE_CONSULTATION_H
#define DV_WEB_PAGE_CONSULTATION_H

#include "domain/consult/consultation.h"
#include "web/form.h"

/* After an action on consultation r->params[0]: back to its page (303), or
 * the page again with the error on top for a refused one. */
int consultation_page_after(struct req *r, int rc);

/* A section's title as shown ("The draft as a whole", "Preamble"). */
const char *consult_section_title(struct req *r, const struct consult_section *s);
/* A section's counts line; with the answers' counts when `answers`. */
void consult_counts(struct req *r, const struct consult_section *s, int answers);
/* One opinion as a list item, with the answer form for an officer. */
void consult_opinion(struct req *r, const struct consultation *c, const struct opinion *o);

/* The officers' tools on a draft: edit it, open it for comments. */
void consult_draft_tools(struct req *r, const struct consultation *c,
			 const struct form_errors *fe);
/* Publishing the synthesis, once closed (the officers). */
void consult_publish_form(struct req *r, const struct consultation *c,
			  const struct form_errors *fe);
/* Links to the synthesis page, its PDF and its workbook. */
void consult_synthesis_links(struct req *r, const struct consultation *c);

#endif

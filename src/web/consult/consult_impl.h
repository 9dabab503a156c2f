/*
 * Private to web/consult/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_CONSULT_IMPL_H
#define DV_WEB_CONSULT_IMPL_H

#include "web/http.h"
#include "domain/consult/consultation.h"
#include "web/form.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_consultations(struct req *r);
int page_consultation(struct req *r);
int page_consultation_new(struct req *r);
int page_consultation_create(struct req *r);
int page_consultation_edit(struct req *r);
int page_consultation_update(struct req *r);
int page_consultation_open(struct req *r);
int page_opinion_add(struct req *r);
int page_opinion_answer(struct req *r);
int page_consultation_publish(struct req *r);
int page_synthesis(struct req *r);
int page_synthesis_pdf(struct req *r);
int page_synthesis_xlsx(struct req *r);
int api_consultations(struct req *r);
int api_consultation_create(struct req *r);
int api_consultation(struct req *r);
int api_consultation_open(struct req *r);
int api_opinions(struct req *r);
int api_opinion_add(struct req *r);
int api_opinion_answer(struct req *r);
int api_consultation_publish(struct req *r);

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

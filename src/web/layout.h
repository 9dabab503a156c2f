/*
 * The frame every HTML page shares: head with the stylesheet, the header
 * with the site name and language switch, the footer; and the error pages.
 */
#ifndef DV_WEB_LAYOUT_H
#define DV_WEB_LAYOUT_H

#include "web/http.h"

/* Start an HTML 200 response: <!doctype>, <head>, header, <main>. */
void layout_begin(struct req *r, const char *title);
/* Close <main>, the footer and the document. */
void layout_end(struct req *r);

/* Replace the response with an error page for a domain error code (message
 * from r->ctx.err for user errors, a generic one for system errors, which
 * are logged). */
void layout_error(struct req *r, int rc);
/* An error page with an explicit status and message. */
void layout_error_status(struct req *r, int status, const char *message);

/* The URL paths of the stylesheet and the icon, with their content hash in
 * the name (static.c). */
const char *layout_stylesheet(void);
const char *layout_icon(void);

#endif

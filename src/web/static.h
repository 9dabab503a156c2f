/*
 * The static files built into the binary (src/web/static/), served under a
 * name carrying a hash of their content and cached for a year.
 */
#ifndef DV_WEB_STATIC_H
#define DV_WEB_STATIC_H

#include "web/http.h"

/* GET /static/NAME.HASH.EXT: the stylesheet and the icon. */
int page_static(struct req *r);
/* GET /favicon.ico */
int page_favicon(struct req *r);

#endif

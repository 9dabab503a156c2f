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

/* The path a built-in file is served under ("report.js" gives
 * "/static/report.0123456789.js"), or "" for a name that is none. The
 * paths are made on first use; call once before threads start (the server
 * does, through layout_stylesheet and static_paths_init). */
const char *static_path(const char *name);
/* Make every path now (the server calls it before its threads start). */
void static_paths_init(void);

#endif

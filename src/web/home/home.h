/*
 * The home family of pages and API handlers (the public home pages, /me and
 * the rules in force): what the rest of the web layer may use of it.
 */
#ifndef DV_WEB_HOME_H
#define DV_WEB_HOME_H

#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route home_routes[];
extern const size_t home_routes_n;

#endif

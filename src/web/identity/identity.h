/*
 * The identity family of pages and API handlers (identity: logging in, the
 * account, invitation slips and claiming them, roles): what the rest of the
 * web layer may use of it.
 */
#ifndef DV_WEB_IDENTITY_H
#define DV_WEB_IDENTITY_H

#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route identity_routes[];
extern const size_t identity_routes_n;

#endif

/*
 * The consult family of pages and API handlers (drafts residents comment on,
 * and their synthesis): what the rest of the web layer may use of it.
 */
#ifndef DV_WEB_CONSULT_H
#define DV_WEB_CONSULT_H

#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route consult_routes[];
extern const size_t consult_routes_n;

#endif

/*
 * The awards family of pages and API handlers (commendation: rounds,
 * nominations, the council, decisions, certificates and their
 * verification): what the rest of the web layer may use of it.
 */
#ifndef DV_WEB_AWARDS_H
#define DV_WEB_AWARDS_H

#include <stdint.h>

#include "web/http.h"
#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route awards_routes[];
extern const size_t awards_routes_n;

/*
 * The home page (unit_id 0) and a unit's page: "Emulation and
 * commendation", the latest decisions (each linking its public page, which
 * links every certificate's verification), the ways to the register, the
 * models, the movements and the titles; and for officers, what they may do
 * there. 0 or a domain error.
 */
int awards_home_section(struct req *r, int64_t unit_id);

#endif

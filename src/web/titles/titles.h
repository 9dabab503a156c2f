/*
 * The titles family of pages and API handlers (cultural titles: Gia đình
 * văn hóa and the others): what the rest of the web layer may use of it.
 */
#ifndef DV_WEB_TITLES_H
#define DV_WEB_TITLES_H

#include <stdint.h>

#include "web/http.h"
#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route titles_routes[];
extern const size_t titles_routes_n;

/* /me: the cultural titles a household holds and its consecutive years of
 * Gia đình văn hóa (nothing when it holds none). 0 or a domain error. */
int title_household_section(struct req *r, int64_t household_id);

#endif

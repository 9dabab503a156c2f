/*
 * The registry family of pages and API handlers (the household registry:
 * units, households, residents, CSV import): what the rest of the web layer
 * may use of it.
 */
#ifndef DV_WEB_REGISTRY_H
#define DV_WEB_REGISTRY_H

#include "domain/registry/resident.h"
#include "web/http.h"
#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route registry_routes[];
extern const size_t registry_routes_n;

/* A household's members: name (a link to edit them when `editable`),
 * representative badge, relation, birth date, phone (when `phones`: for
 * those who manage the household), status. */
void household_members_table(struct req *r, const struct resident *m, size_t n, int editable,
			     int phones);

#endif

/*
 * The registry family of pages and API handlers (the household registry:
 * units, households, residents, CSV import): what the rest of the web layer
 * may use of it.
 */
#ifndef DV_WEB_REGISTRY_H
#define DV_WEB_REGISTRY_H

#include <stdint.h>

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

/*
 * On the page of a unit that was merged or split: "This unit was merged
 * into Ward Dĩ An on 01/07/2025." (or split into several), linked; nothing
 * for an active unit. 0 or a domain error.
 */
int registry_successors_note(struct req *r, int64_t unit_id);

/*
 * Above a list of a unit's records that includes those of the units it was
 * made from (unit_predecessors): "Including records of the former units
 * Ward An Bình (merged 01/07/2025), ..."; nothing when there are none.
 */
int registry_predecessors_note(struct req *r, int64_t unit_id);

#endif

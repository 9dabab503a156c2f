/*
 * JSON forms of the domain's records, shared by the API handlers. Each
 * returns a new reference. Personal data appears only when the record says
 * it was loaded for someone allowed to see it.
 */
#ifndef DV_WEB_API_JSON_H
#define DV_WEB_API_JSON_H

#include <jansson.h>

#include "domain/disclose/attachment.h"
#include "domain/registry/household.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"

json_t *unit_json(const struct unit *u);
json_t *household_json(const struct household *h);
json_t *resident_json(const struct resident *p);
/* A day as "2026-12-10", or null for 0. */
json_t *date_json(int32_t ymd);
/* The attached files as an array, each with its public URL under base. */
json_t *files_json(const char *base, const struct attachment *f, size_t n);

#endif

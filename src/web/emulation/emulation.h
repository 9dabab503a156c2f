/*
 * The emulation family of pages and API handlers (emulation movements and
 * "Dân vận khéo" models): what the rest of the web layer may use of it.
 */
#ifndef DV_WEB_EMULATION_H
#define DV_WEB_EMULATION_H

#include <stdint.h>

#include "domain/emulation/subject.h"
#include "web/form.h"
#include "web/http.h"
#include "web/route.h"

/* This family's routes (web/routes.c joins them into the table). */
extern const struct route emulation_routes[];
extern const size_t emulation_routes_n;

/*
 * A <select> named `name` of who may be chosen within unit_id: the unit and
 * the units below it (two levels), their organizations, the actor's own
 * household, and "a person named below" when `people`. Each option's value
 * is KIND:ID ("unit:5", "organization:7", "household:9", "individual:0").
 * Only the kinds whose bit (1 << subject_kind) is in `kinds` are offered.
 * 0 or a domain error.
 */
int emulation_subject_select(struct req *r, const char *name, const char *label,
			     int64_t unit_id, unsigned kinds, const struct form_errors *fe);

/* Read such a value (and, for a person, the fields name, detail and unit
 * of the form; a person without a unit belongs to default_unit) into *in.
 * DV_EINVAL naming `name` when it is malformed. */
int emulation_subject_read(struct req *r, const char *name, int64_t default_unit,
			   struct subject_input *in);

/* A subject as JSON: kind, ref (or null), name, detail, unit. */
struct json_t;
struct json_t *emulation_subject_json(const struct subject *s);

#endif

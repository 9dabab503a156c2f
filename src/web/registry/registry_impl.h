/*
 * Private to web/registry/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_REGISTRY_IMPL_H
#define DV_WEB_REGISTRY_IMPL_H

#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_households(struct req *r);
int page_household_new(struct req *r);
int page_household_create(struct req *r);
int page_household(struct req *r);
int page_household_edit(struct req *r);
int page_household_update(struct req *r);
int page_household_representative(struct req *r);
int page_resident_create(struct req *r);
int page_resident_edit(struct req *r);
int page_resident_update(struct req *r);
int page_resident_status(struct req *r);
int page_resident_move(struct req *r);
int page_unit_reorganize(struct req *r);
int page_unit_add(struct req *r);
int page_unit_rename(struct req *r);
int page_unit_move(struct req *r);
int page_unit_merge(struct req *r);
int page_unit_split(struct req *r);
int page_import(struct req *r);
int page_import_post(struct req *r);
int api_units(struct req *r);
int api_unit(struct req *r);
int api_households(struct req *r);
int api_household_create(struct req *r);
int api_household(struct req *r);
int api_household_update(struct req *r);
int api_resident_create(struct req *r);
int api_resident(struct req *r);
int api_resident_update(struct req *r);
int api_resident_status(struct req *r);
int api_resident_move(struct req *r);

#endif

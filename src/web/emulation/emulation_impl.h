/*
 * Private to web/emulation/: the handlers its route table names, and what
 * its pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_EMULATION_IMPL_H
#define DV_WEB_EMULATION_IMPL_H

#include "domain/emulation/model.h"
#include "domain/emulation/movement.h"
#include "web/form.h"
#include "web/http.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_movements(struct req *r);
int page_movement(struct req *r);
int page_movement_new(struct req *r);
int page_movement_create(struct req *r);
int page_movement_join(struct req *r);
int page_movement_report(struct req *r);
int page_movement_evaluate(struct req *r);
int page_models(struct req *r);
int page_model_figures(struct req *r);
int page_model(struct req *r);
int page_unit_models(struct req *r);
int page_model_new(struct req *r);
int page_model_create(struct req *r);
int page_model_edit(struct req *r);
int page_model_update(struct req *r);
int page_model_evaluate(struct req *r);
int page_model_file_add(struct req *r);
int page_model_file_remove(struct req *r);
int page_model_file(struct req *r);
int page_model_thumb(struct req *r);
int api_movements(struct req *r);
int api_movement_create(struct req *r);
int api_movement(struct req *r);
int api_movement_join(struct req *r);
int api_movement_report(struct req *r);
int api_movement_evaluate(struct req *r);
int api_models(struct req *r);
int api_model_create(struct req *r);
int api_model_figures(struct req *r);
int api_model(struct req *r);
int api_model_update(struct req *r);
int api_model_evaluate(struct req *r);

/* The movement page again after an action on it (r->params[0] is the
 * movement): back to it, or the page with the error on top. */
int movement_page_after(struct req *r, int64_t movement_id, int rc);
/* The same for a model's page. */
int model_page_after(struct req *r, int rc);

/* A period "01/03/2026 – 30/11/2026", arena string. */
const char *emulation_period(struct req *r, int32_t from, int32_t to);

#endif

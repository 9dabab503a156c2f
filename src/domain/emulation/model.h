/*
 * "Dân vận khéo" models (skilful mass mobilization): good practices a unit,
 * an organization or an agency registers, the Mass Mobilization Board
 * evaluates each year, and other units replicate.
 *
 * A model has a field (economy; culture and society; defence and
 * security; building the political system), what it does, since when, who
 * runs it, how many people it reached, its results (figures) and photos
 * and files. Each year the board records a verdict, effective or not yet,
 * with notes and the evidence it saw. A model whose latest verdict is
 * effective is in the public library (searched with folded text, as
 * notices are); others are seen by those who register models or evaluate
 * them in its unit. Another unit replicates a model by registering its
 * own, linked to the origin. The figures per unit, field and year
 * (registered, effective, replicated) feed the year-end review.
 *
 * Registering and editing need ACT_REGISTER_MODELS on the model's unit;
 * evaluating, ACT_EVALUATE_MODELS (the Mass Mobilization Board).
 */
#ifndef DV_DOMAIN_EMULATION_MODEL_H
#define DV_DOMAIN_EMULATION_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/disclose/attachment.h"

#define MODEL_NAME_MAX 200
#define MODEL_TEXT_MAX 10000
#define MODEL_RUNNER_MAX 200
#define MODEL_RESULTS_MAX 4000
#define MODEL_NOTES_MAX 4000
#define MODEL_PAGE_MAX 100
#define MODEL_REACHED_MAX 100000000

#define MODEL_FIELDS(X)                                                                            \
	X(FIELD_ECONOMY, "economy", N_("Economy"))                                                 \
	X(FIELD_CULTURE, "culture", N_("Culture and society"))                                     \
	X(FIELD_DEFENCE, "defence", N_("Defence and security"))                                    \
	X(FIELD_POLITICS, "politics", N_("Building the political system"))
DV_ENUM(model_field, FIELD_COUNT, MODEL_FIELDS);

#define MODEL_VERDICTS(X)                                                                          \
	X(VERDICT_EFFECTIVE, "effective", N_("Effective"))                                         \
	X(VERDICT_NOT_YET, "not_yet", N_("Not yet effective"))
DV_ENUM(model_verdict, VERDICT_COUNT, MODEL_VERDICTS);

struct model {
	int64_t id;
	int64_t unit_id;
	const char *unit_name;
	int64_t organization_id; /* registered by an organization of the unit, or 0 */
	const char *organization_name;
	int64_t origin_id; /* the model it replicates, or 0 */
	const char *origin_name;
	enum model_field field;
	const char *name;
	const char *description; /* Markdown */
	int32_t since;		 /* YYYYMMDD it began */
	const char *runner;
	int64_t reached; /* people */
	const char *results;
	int year;	     /* registered */
	int latest_year;     /* of its latest evaluation, 0 if none */
	enum model_verdict latest_verdict;
	int is_public;	     /* in the library: its latest verdict is effective */
	int64_t replications;
	int may_edit, may_evaluate;
	int64_t created_at, updated_at;
};

struct model_input {
	int64_t unit_id;	 /* for a new model */
	int64_t organization_id; /* 0: the unit itself */
	int64_t origin_id;	 /* replicating this model, or 0 */
	const char *field;	 /* model_field_name */
	const char *name;
	const char *description;
	const char *since; /* dd/mm/yyyy */
	const char *runner;
	const char *reached; /* a whole number as typed: "1.250" */
	const char *results;
};

/* Register a model (the year is this year). A replication's origin must be
 * another unit's model in the library. DV_EINVAL naming the field. */
int model_create(struct dv_ctx *ctx, const struct model_input *in, int64_t *id);
/* Change a model (in->unit_id and in->origin_id are ignored). */
int model_update(struct dv_ctx *ctx, int64_t id, const struct model_input *in);
/* Read a model the actor may see (see above). */
int model_get(struct dv_ctx *ctx, int64_t id, struct model *m);

struct model_evaluation {
	int year;
	enum model_verdict verdict;
	const char *notes, *evidence;
	const char *by; /* the evaluator's name */
	int64_t at;
};

/* The board's verdict on a model for `year` (from the year it was
 * registered to this year); again for the same year replaces it. */
int model_evaluate(struct dv_ctx *ctx, int64_t id, int year, const char *verdict,
		   const char *notes, const char *evidence);
/* The evaluations of a model the actor may see, newest year first. */
int model_evaluations(struct dv_ctx *ctx, int64_t id, struct model_evaluation **out, size_t *n);

struct model_filter {
	int64_t unit_id;   /* 0: all; else models of the unit's subtree */
	int field;	   /* -1: every field */
	const char *query; /* words to find, or NULL */
	int library;	   /* 1: the public library; 0: every model (ACT_REGISTER_MODELS or
			      ACT_EVALUATE_MODELS on unit_id, DV_EPERM otherwise) */
};

/* A page of models, by relevance with a query, else newest first. */
int model_list(struct dv_ctx *ctx, const struct model_filter *f, int64_t offset, int limit,
	       struct model **out, size_t *n, int *more);

/* The models replicating `id` that the actor may see. Arena array. */
int model_replications(struct dv_ctx *ctx, int64_t id, struct model **out, size_t *n);

struct model_figures {
	int64_t registered; /* models registered in or before the year */
	int64_t evaluated;  /* of them, evaluated for the year */
	int64_t effective;  /* of them, effective that year */
	int64_t replicated; /* of them, replications of another model */
};

/* The figures of unit_id's subtree for `year`, per field (by[field]) and in
 * all. Public: they are counts. */
int model_figures(struct dv_ctx *ctx, int64_t unit_id, int year,
		  struct model_figures by[FIELD_COUNT], struct model_figures *total);

/* Owner of a model's photos and files (domain/disclose/attachment.h). */
extern const struct attach_owner model_attach;

/* A file (or its thumbnail) of a model the actor may see: public with the
 * model. DV_ENOTFOUND for a file that is not the model's. */
int model_file_read(struct dv_ctx *ctx, int64_t model_id, int64_t file_id, int thumb,
		    struct file_data *out);

#endif

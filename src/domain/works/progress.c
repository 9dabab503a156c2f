/*
 * A work's progress: milestones with their photos, the invoices of
 * expenses, and reading the files attached to a work.
 */
#include "domain/works/progress.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/works/ledger.h"
#include "domain/works/work.h"
#include "domain/works/works_impl.h"

DV_ENUM_DEFINE(milestone_stage, STAGE_COUNT, MILESTONE_STAGES, "stage");

/* ------------------------------------------------------------ the owners */

/* Files change until the work's accounts are published. */
static int open_for_files(struct dv_ctx *ctx, const struct work *w)
{
	return w->status >= WS_SETTLED
		       ? dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The work's accounts are closed")
		       : 0;
}

static int milestone_editable(struct dv_ctx *ctx, int64_t id, int64_t *unit, int *versioned)
{
	struct work w;
	int64_t work_id = 0;
	*versioned = 0;
	int rc = milestone_work(ctx, id, &work_id);
	if (rc || (rc = work_get(ctx, work_id, &w)) || (rc = works_require_manager(ctx, &w)) ||
	    (rc = open_for_files(ctx, &w)))
		return rc;
	*unit = w.unit_id;
	return 0;
}

/* An invoice: the work's managers, or whoever recorded the entry. */
static int entry_editable(struct dv_ctx *ctx, int64_t id, int64_t *unit, int *versioned)
{
	struct work w;
	int64_t work_id = 0, by = 0;
	*versioned = 0;
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT work_id, COALESCE(recorded_by, 0) FROM work_ledger WHERE id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such entry");
	work_id = db_col_int(st, 0);
	by = db_col_int(st, 1);
	db_finish(st);
	if ((rc = work_get(ctx, work_id, &w)))
		return rc;
	if (!w.may_manage && !(by && by == ctx->actor->account_id))
		return perm_require(ctx, ACT_MANAGE_WORKS, w.unit_id);
	if ((rc = open_for_files(ctx, &w)))
		return rc;
	*unit = w.unit_id;
	return 0;
}

const struct attach_owner milestone_attach = {
	.link = "work_milestone_file",
	.column = "milestone_id",
	.audit = "work_milestone",
	.captions = 1,
	.editable = milestone_editable,
};

const struct attach_owner entry_attach = {
	.link = "work_entry_file",
	.column = "entry_id",
	.audit = "work_entry",
	.captions = 1,
	.editable = entry_editable,
};

/* ------------------------------------------------------------ milestones */

int milestone_work(struct dv_ctx *ctx, int64_t milestone_id, int64_t *work_id)
{
	int rc = db_int(ctx->db, work_id, &ctx->err,
			"SELECT work_id FROM work_milestone WHERE id = $1", DB_I(milestone_id));
	return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such milestone")
				  : rc;
}

struct clean_milestone {
	enum milestone_stage stage;
	int percent;
	const char *note;
	int32_t on_date;
};

static int clean_milestone(struct dv_ctx *ctx, const char *stage, const char *percent,
			   const char *note, const char *on_date, struct clean_milestone *c)
{
	char *end;
	if (milestone_stage_parse(stage, &c->stage, &ctx->err))
		return DV_EINVAL;
	long p = percent && *percent ? strtol(percent, &end, 10) : -1;
	if (!percent || !*percent || *end || p < 0 || p > 100)
		return dv_fail(&ctx->err, DV_EINVAL, "percent",
			       "Write how far the work is, from 0 to 100 percent");
	c->percent = (int)p;
	int rc = text_clean(ctx->arena, note, note ? strlen(note) : 0, MILESTONE_NOTE_MAX,
			    TEXT_MULTILINE | TEXT_REQUIRED, "description", &c->note, &ctx->err);
	return rc ? rc : works_day(ctx, on_date, "milestone_on", &c->on_date);
}

static int milestone_tx(struct dv_ctx *ctx, int64_t work_id, const struct clean_milestone *c,
			int64_t *id)
{
	struct work w;
	int64_t count = 0;
	int rc = work_get(ctx, work_id, &w);
	if (rc || (rc = works_require_manager(ctx, &w)) || (rc = open_for_files(ctx, &w)))
		return rc;
	if (w.status == WS_CANCELLED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The work was cancelled");
	if (c->percent < w.progress)
		return dv_fail(&ctx->err, DV_EINVAL, "percent",
			       "The work was %d%% done already: progress does not go back",
			       w.progress);
	if ((rc = db_int(ctx->db, &count, &ctx->err,
			 "SELECT COUNT(*) FROM work_milestone WHERE work_id = $1", DB_I(work_id))))
		return rc;
	if (count >= MILESTONES_MAX)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "A work has at most %d milestones",
			       MILESTONES_MAX);
	rc = db_int(
		ctx->db, id, &ctx->err,
		"INSERT INTO work_milestone (work_id, ward_id, stage, percent, note, on_date, "
		"recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
		DB_I(work_id), DB_ID(w.ward_id), DB_T(milestone_stage_name(c->stage)),
		DB_I(c->percent), DB_T(c->note), DB_I(c->on_date), DB_ID(ctx->actor->account_id),
		DB_I(ctx->now));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE work SET progress = $1, updated_at = $2 WHERE id = $3",
			    DB_I(c->percent), DB_I(ctx->now), DB_I(work_id));
	if (!rc)
		rc = ctx_audit(ctx, "work.milestone", "work", work_id, w.unit_id,
			       json_pack("{s:I, s:s, s:i}", "milestone", (json_int_t)*id, "stage",
					 milestone_stage_name(c->stage), "percent", c->percent));
	return rc;
}

int milestone_add(struct dv_ctx *ctx, int64_t work_id, const char *stage, const char *percent,
		  const char *note, const char *on_date, int64_t *id_out)
{
	struct clean_milestone c;
	int64_t id = 0;
	int rc = clean_milestone(ctx, stage, percent, note, on_date, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, milestone_tx(ctx, work_id, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

int milestone_list(struct dv_ctx *ctx, int64_t work_id, struct milestone **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT id, stage, percent, note, on_date, recorded_at FROM work_milestone "
		"WHERE work_id = $1 ORDER BY id",
		DB_I(work_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct milestone *m = ARENA_PUSH(ctx->arena, *out, *n, cap);
		m->id = db_col_int(st, 0);
		if (milestone_stage_parse(db_col_text(st, 1), &m->stage, NULL))
			m->stage = STAGE_DURING;
		m->percent = (int)db_col_int(st, 2);
		m->note = arena_strdup(ctx->arena, db_col_text(st, 3));
		m->on_date = (int32_t)db_col_int(st, 4);
		m->recorded_at = db_col_int(st, 5);
	}
	for (size_t i = 0; rc >= 0 && i < *n; i++)
		rc = attachment_list(ctx, &milestone_attach, (*out)[i].id, &(*out)[i].files,
				     &(*out)[i].nfiles);
	return rc < 0 ? rc : 0;
}

/* ----------------------------------------------------------------- files */

int work_file_read(struct dv_ctx *ctx, int64_t work_id, int64_t file_id, int thumb,
		   struct file_data *out)
{
	int64_t one = 0;
	/* attached now to one of the work's milestones or entries: public as
	 * the work is */
	int rc = db_int(
		ctx->db, &one, &ctx->err,
		"SELECT 1 FROM work_milestone_file f JOIN work_milestone m ON m.id = "
		"f.milestone_id WHERE f.file_id = $1 AND m.work_id = $2 AND f.removed_at IS "
		"NULL UNION ALL SELECT 1 FROM work_entry_file f JOIN work_ledger l ON l.id = "
		"f.entry_id WHERE f.file_id = $1 AND l.work_id = $2 AND f.removed_at IS NULL",
		DB_I(file_id), DB_I(work_id));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such file");
	if (rc || (rc = file_load(ctx, file_id, thumb, out)))
		return rc;
	out->is_public = 1;
	return 0;
}

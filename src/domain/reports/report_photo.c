/*
 * A report's photos: kept through domain/disclose/attachment.h (re-encoded,
 * without EXIF or GPS, with a thumbnail) and linked by report_file. An
 * officer who handles the report covers faces and number plates: the
 * covered copy becomes the photo the public sees, and the original stays,
 * linked as original_id, for those who handle the report only. (Keeping it
 * is a choice: the plate of a lorry dumping rubbish is the evidence the
 * ward acts on. Nobody else can reach it: not the public page, the API,
 * Open311, nor /files/{id}, which serves only notices' and articles'
 * files.)
 */
#include <string.h>

#include "base/media.h"
#include "domain/perm.h"
#include "domain/reports/report.h"
#include "domain/reports/report_impl.h"

/* Who may attach: the request that files the report (its actor made it
 * this very second: anonymous reporters attach their photos this way
 * only), the reporter while the report is open, and those who handle it. */
static int report_editable(struct dv_ctx *ctx, int64_t id, int64_t *unit, int *versioned)
{
	struct db_stmt *st = NULL;
	*versioned = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT unit_id, COALESCE(account_id, 0), created_at FROM report WHERE "
			  "id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such report");
	*unit = db_col_int(st, 0);
	int64_t account = db_col_int(st, 1), created = db_col_int(st, 2);
	db_finish(st);
	if (created == ctx->now && account == ctx->actor->account_id)
		return 0;
	struct report r;
	if ((rc = report_get(ctx, id, &r)))
		return rc;
	if (r.may_handle || (r.mine && report_status_is_open(r.status)))
		return 0;
	return dv_fail(&ctx->err, DV_EPERM, NULL, "You may not add photos to this report");
}

const struct attach_owner report_attach = {
	.link = "report_file",
	.column = "report_id",
	.audit = "report",
	.captions = 0,
	.editable = report_editable,
	.changed = NULL,
};

int report_photos(struct dv_ctx *ctx, const struct report *r, struct report_photo **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT l.file_id, COALESCE(l.original_id, 0), f.width, f.height, CASE "
		"WHEN f.thumb IS NULL THEN 0 ELSE 1 END FROM report_file l JOIN file f ON "
		"f.id = l.file_id WHERE l.report_id = $1 AND l.removed_at IS NULL ORDER BY "
		"l.position, l.file_id",
		DB_I(r->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct report_photo *p = ARENA_PUSH(ctx->arena, *out, *n, cap);
		p->file_id = db_col_int(st, 0);
		p->original_id = r->may_handle ? db_col_int(st, 1) : 0;
		p->width = (int)db_col_int(st, 2);
		p->height = (int)db_col_int(st, 3);
		p->has_thumb = db_col_int(st, 4) != 0;
	}
	return rc < 0 ? rc : 0;
}

int report_photo_read(struct dv_ctx *ctx, int64_t report_id, int64_t file_id, int thumb,
		      int original, struct file_data *out)
{
	struct report r;
	int64_t one = 0;
	int rc = report_load(ctx, report_id, &r, NULL);
	if (rc)
		return rc;
	if (original && !r.may_handle)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such photo");
	rc = db_int(ctx->db, &one, &ctx->err,
		    original
			    ? "SELECT 1 FROM report_file WHERE report_id = $1 AND original_id = $2 "
			      "AND removed_at IS NULL"
			    : "SELECT 1 FROM report_file WHERE report_id = $1 AND file_id = $2 AND "
			      "removed_at IS NULL",
		    DB_I(report_id), DB_I(file_id));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such photo");
	if (rc || (rc = file_load(ctx, file_id, thumb, out)))
		return rc;
	out->is_public = !original && !r.is_private;
	return 0;
}

int report_photo_add(struct dv_ctx *ctx, int64_t report_id, const struct report_photo_in *p,
		     int64_t *file_id)
{
	int64_t n = 0;
	int rc = db_int(
		ctx->db, &n, &ctx->err,
		"SELECT COUNT(*) FROM report_file WHERE report_id = $1 AND removed_at IS NULL",
		DB_I(report_id));
	if (rc)
		return rc;
	if (n >= REPORT_PHOTOS_MAX)
		return dv_fail(&ctx->err, DV_ECONFLICT, "file", "A report has at most %d photos",
			       REPORT_PHOTOS_MAX);
	const char *mime = NULL;
	if ((rc = media_sniff(p->data, p->len, &mime, &ctx->err)))
		return rc;
	if (strncmp(mime, "image/", 6) != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "file",
			       "Only photos (JPEG, PNG, WebP) can be sent with a report");
	return attachment_add(ctx, &report_attach, report_id, p->name, p->data, p->len, NULL,
			      file_id);
}

/* ------------------------------------------------------------- covering */

static int redact_tx(struct dv_ctx *ctx, const struct report *r, int64_t file_id,
		     const struct media *m, size_t nregions)
{
	int64_t fresh = 0, original = 0;
	int rc = db_int(
		ctx->db, &original, &ctx->err,
		"SELECT COALESCE(original_id, file_id) FROM report_file WHERE report_id = $1 "
		"AND file_id = $2 AND removed_at IS NULL",
		DB_I(r->id), DB_I(file_id));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such photo");
	if (rc || (rc = attachment_store(ctx, r->unit_id, "anh-da-che", m, &fresh)))
		return rc;
	/* the link now shows the covered copy; the original (the very first
	 * one, when a photo is covered again) stays for the handlers */
	rc = db_run(
		ctx->db, &ctx->err,
		"UPDATE report_file SET file_id = $1, original_id = $2 WHERE report_id = $3 AND "
		"file_id = $4",
		DB_I(fresh), DB_I(original), DB_I(r->id), DB_I(file_id));
	if (!rc)
		rc = report_event_add(ctx, r, RE_REDACTED, r->status, "", 0);
	if (!rc)
		rc = ctx_audit(ctx, "report.redact_photo", "report", r->id, r->ward_id,
			       json_pack("{s:I, s:I, s:I}", "file", (json_int_t)fresh, "original",
					 (json_int_t)original, "regions", (json_int_t)nregions));
	return rc;
}

int report_photo_redact(struct dv_ctx *ctx, int64_t report_id, int64_t file_id,
			const struct report_region *regions, size_t n)
{
	struct report r;
	struct file_data f;
	struct media m;
	struct media_rect rects[REPORT_REGIONS_MAX];
	int rc = report_handled(ctx, report_id, &r);
	if (rc || (rc = report_photo_read(ctx, report_id, file_id, 0, 0, &f)))
		return rc;
	if (n < 1 || n > REPORT_REGIONS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "regions",
			       "Mark from 1 to %d regions to cover", REPORT_REGIONS_MAX);
	for (size_t i = 0; i < n; i++)
		rects[i] =
			(struct media_rect){regions[i].x, regions[i].y, regions[i].w, regions[i].h};
	if ((rc = media_redact(f.data, f.len, rects, n, &m, &ctx->err)))
		return rc;
	if (!(rc = ctx_begin(ctx)))
		rc = ctx_end(ctx, redact_tx(ctx, &r, file_id, &m, n));
	media_release(&m);
	return rc;
}

#include "domain/disclose/attachment.h"

#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/media.h"
#include "base/text.h"
#include "domain/perm.h"

/* The owner's unit if the actor may change it, and whether a change must
 * record a new version of the owner (*versioned). */
static int owner_editable(struct dv_ctx *ctx, const struct attach_owner *k, int64_t id,
			  int64_t *unit, int *versioned)
{
	*versioned = 0;
	*unit = 0;
	return k->editable(ctx, id, unit, versioned);
}

/* The uploaded name without a path, cleaned, with the extension of the
 * type found in the content. */
static const char *clean_name(struct dv_ctx *ctx, const char *in, const char *ext)
{
	const char *base = in ? in : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	const char *name;
	if (text_clean(ctx->arena, base, strlen(base), ATTACH_NAME_MAX - 8, 0, "name", &name,
		       NULL) ||
	    !*name)
		name = "file";
	const char *dot = strrchr(name, '.');
	size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);
	return arena_printf(ctx->arena, "%.*s.%s", (int)stem, name, ext);
}

static int insert_file(struct dv_ctx *ctx, int64_t unit, const char *name, const struct media *m,
		       int64_t *file_id)
{
	return db_int(ctx->db, file_id, &ctx->err,
		      "INSERT INTO file (unit_id, name, mime, size, width, height, data, thumb, "
		      "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
		      "RETURNING id",
		      DB_I(unit), DB_T(name), DB_T(m->mime), DB_I(m->len), DB_I(m->width),
		      DB_I(m->height), DB_B(m->data, m->len),
		      m->thumb ? DB_B(m->thumb, m->thumb_len) : DB_NULL,
		      DB_ID(ctx->actor->account_id), DB_I(ctx->now));
}

static int add_tx(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t id, const char *name_in,
		  const struct media *m, const char *caption, int64_t *file_id)
{
	const struct attach_owner *k = owner;
	int64_t unit = 0, count = 0;
	int versioned;
	int rc = owner_editable(ctx, owner, id, &unit, &versioned);
	if (rc || (rc = db_int(ctx->db, &count, &ctx->err,
			       arena_printf(ctx->arena,
					    "SELECT COUNT(*) FROM %s WHERE %s = $1 "
					    "AND removed_at IS NULL",
					    k->link, k->column),
			       DB_I(id))))
		return rc;
	if (count >= ATTACH_PER_OWNER_MAX)
		return dv_fail(&ctx->err, DV_ECONFLICT, "file", "At most %d files may be attached",
			       ATTACH_PER_OWNER_MAX);
	const char *name = clean_name(ctx, name_in, m->ext);
	if ((rc = insert_file(ctx, unit, name, m, file_id)))
		return rc;
	rc = k->captions ? db_run(ctx->db, &ctx->err,
				  arena_printf(ctx->arena,
					       "INSERT INTO %s (%s, file_id, position, caption) "
					       "VALUES ($1, $2, $3, $4)",
					       k->link, k->column),
				  DB_I(id), DB_I(*file_id), DB_I(count + 1), DB_T(caption))
			 : db_run(ctx->db, &ctx->err,
				  arena_printf(ctx->arena,
					       "INSERT INTO %s (%s, file_id, position) "
					       "VALUES ($1, $2, $3)",
					       k->link, k->column),
				  DB_I(id), DB_I(*file_id), DB_I(count + 1));
	if (!rc && versioned)
		rc = k->changed(ctx, id);
	if (!rc)
		rc = ctx_audit(ctx, "file.attach", k->audit, id, unit,
			       json_pack("{s:I, s:s, s:s, s:I}", "file", (json_int_t)*file_id,
					 "name", name, "mime", m->mime, "size", (json_int_t)m->len));
	return rc;
}

/* A file whose name claims another type than its content (a PNG named
 * .pdf) is refused: the content decides what it is, and a name that lies
 * would mislead whoever downloads it. Names without a known extension pass. */
static int check_name(struct dv_ctx *ctx, const char *name, const void *data, size_t len)
{
	static const struct {
		const char *ext, *mime, *label;
	} known[] = {
		{"pdf", "application/pdf", "PDF"}, {"jpg", "image/jpeg", "JPEG"},
		{"jpeg", "image/jpeg", "JPEG"},	   {"jfif", "image/jpeg", "JPEG"},
		{"png", "image/png", "PNG"},	   {"webp", "image/webp", "WebP"},
	};
	const char *dot = name ? strrchr(name, '.') : NULL;
	const char *mime;
	if (!dot)
		return 0;
	int rc = media_sniff(data, len, &mime, &ctx->err);
	if (rc)
		return rc;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcasecmp(dot + 1, known[i].ext) == 0 && strcmp(mime, known[i].mime) != 0) {
			const char *is = NULL;
			for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
				if (strcmp(mime, known[k].mime) == 0)
					is = known[k].label;
			if (!is)
				return 0; /* a type we take for nothing: media_accept says so */
			return dv_fail(&ctx->err, DV_EINVAL, "file",
				       "This file is named .%s but its content is %s, not %s",
				       known[i].ext, is, known[i].label);
		}
	return 0;
}

int attachment_prepare(struct dv_ctx *ctx, const char *name, const void *data, size_t len,
		       struct media *m)
{
	memset(m, 0, sizeof(*m));
	int rc = media_init(&ctx->err);
	if (!rc)
		rc = check_name(ctx, name, data, len);
	return rc ? rc : media_accept(data, len, ATTACH_FILE_MAX, m, &ctx->err);
}

int attachment_add_prepared(struct dv_ctx *ctx, const struct attach_owner *owner,
			    int64_t owner_id, const char *name, const struct media *m,
			    const char *caption_in, int64_t *file_id)
{
	const char *caption;
	int64_t fid = 0;
	int rc = text_clean(ctx->arena, caption_in, caption_in ? strlen(caption_in) : 0,
			    ATTACH_CAPTION_MAX, 0, "caption", &caption, &ctx->err);
	if (!rc)
		rc = add_tx(ctx, owner, owner_id, name, m, caption, &fid);
	if (!rc && file_id)
		*file_id = fid;
	return rc;
}

int attachment_store(struct dv_ctx *ctx, int64_t unit_id, const char *name, const struct media *m,
		     int64_t *file_id)
{
	return insert_file(ctx, unit_id, clean_name(ctx, name, m->ext), m, file_id);
}

int attachment_add(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t owner_id, const char *name,
		   const void *data, size_t len, const char *caption_in, int64_t *file_id)
{
	struct media m;
	const char *caption;
	int64_t fid = 0, unit;
	int versioned;
	/* refuse early, before the photo is decoded, if the actor may not */
	int rc = owner_editable(ctx, owner, owner_id, &unit, &versioned);
	if (rc || (rc = text_clean(ctx->arena, caption_in, caption_in ? strlen(caption_in) : 0,
				   ATTACH_CAPTION_MAX, 0, "caption", &caption, &ctx->err)))
		return rc;
	if ((rc = attachment_prepare(ctx, name, data, len, &m)))
		return rc;
	if (!(rc = ctx_begin(ctx)))
		rc = ctx_end(ctx, add_tx(ctx, owner, owner_id, name, &m, caption, &fid));
	media_release(&m);
	if (!rc && file_id)
		*file_id = fid;
	return rc;
}

static int remove_tx(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t id, int64_t file_id)
{
	const struct attach_owner *k = owner;
	int64_t unit = 0;
	int versioned;
	int rc = owner_editable(ctx, owner, id, &unit, &versioned);
	if (rc || (rc = db_run(ctx->db, &ctx->err,
			       arena_printf(ctx->arena,
					    "UPDATE %s SET removed_at = $1 WHERE %s = $2 "
					    "AND file_id = $3 AND removed_at IS NULL",
					    k->link, k->column),
			       DB_I(ctx->now), DB_I(id), DB_I(file_id))))
		return rc;
	if (db_changes(ctx->db) == 0)
		return dv_fail(&ctx->err, DV_ENOTFOUND, "file", "No such file");
	if (versioned)
		rc = k->changed(ctx, id);
	if (!rc)
		rc = ctx_audit(ctx, "file.detach", k->audit, id, unit,
			       json_pack("{s:I}", "file", (json_int_t)file_id));
	return rc;
}

int attachment_remove(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t owner_id,
		      int64_t file_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, remove_tx(ctx, owner, owner_id, file_id));
}

int attachment_list(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t owner_id,
		    struct attachment **out, size_t *n)
{
	const struct attach_owner *k = owner;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  arena_printf(ctx->arena,
				       "SELECT f.id, f.name, f.mime, f.size, f.width, f.height, "
				       "CASE WHEN f.thumb IS NULL THEN 0 ELSE 1 END, %s FROM %s l JOIN file f "
				       "ON f.id = l.file_id WHERE l.%s = $1 AND l.removed_at IS NULL "
				       "ORDER BY l.position, f.id",
				       owner->captions ? "l.caption" : "''", k->link,
				       k->column),
			  DB_I(owner_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct attachment *a = ARENA_PUSH(ctx->arena, *out, *n, cap);
		a->file_id = db_col_int(st, 0);
		a->name = arena_strdup(ctx->arena, db_col_text(st, 1));
		a->mime = arena_strdup(ctx->arena, db_col_text(st, 2));
		a->size = db_col_int(st, 3);
		a->width = (int)db_col_int(st, 4);
		a->height = (int)db_col_int(st, 5);
		a->has_thumb = db_col_int(st, 6) != 0;
		a->caption = arena_strdup(ctx->arena, db_col_text(st, 7));
	}
	return rc < 0 ? rc : 0;
}

int attachment_names(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t owner_id,
		     const char **out)
{
	struct attachment *v;
	size_t n;
	struct buf b = BUF_INIT;
	int rc = attachment_list(ctx, owner, owner_id, &v, &n);
	for (size_t i = 0; !rc && i < n; i++)
		buf_addf(&b, "%s%s", i ? "\n" : "", v[i].name);
	*out = rc ? "" : arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return rc;
}

/* ------------------------------------------------------------- reading */

/* Is the file attached, now or before, to something public? Or may the
 * actor edit something it is attached to? */
static int file_visible(struct dv_ctx *ctx, int64_t file_id, int *is_public)
{
	struct db_stmt *st = NULL;
	int visible = 0;
	*is_public = 0;
	/* public: attached to a published (or archived) notice, now or when a
	 * version was published (the history names it), or attached now to a
	 * published article; a file of a scheduled notice waits for its day */
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT 'n', n.unit_id, CASE WHEN n.status = 'draft' "
			  "OR n.visible_from > $2 OR (l.removed_at IS NOT NULL "
			  "AND l.removed_at < n.published_at) THEN 'draft' ELSE 'public' END "
			  "FROM notice_file l JOIN notice n ON n.id = l.notice_id "
			  "WHERE l.file_id = $1 UNION ALL SELECT 'a', a.unit_id, "
			  "CASE WHEN a.status = 'published' AND l.removed_at IS NULL "
			  "THEN 'public' ELSE 'draft' END FROM article_file l "
			  "JOIN article a ON a.id = l.article_id WHERE l.file_id = $1",
			  DB_I(file_id), DB_I(time_local_date(ctx->now)));
	if (rc)
		return rc;
	struct {
		int article;
		int64_t unit;
		int draft;
	} seen[8];
	size_t k = 0;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW && k < 8) {
		seen[k].article = db_col_text(st, 0)[0] == 'a';
		seen[k].unit = db_col_int(st, 1);
		seen[k].draft = strcmp(db_col_text(st, 2), "draft") == 0;
		*is_public |= !seen[k].draft;
		k++;
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	visible = *is_public;
	for (size_t i = 0; i < k && !visible; i++)
		visible = perm_may(ctx, seen[i].article ? ACT_PUBLISH_NEWS : ACT_PUBLISH_NOTICES,
				   seen[i].unit);
	return visible ? 0 : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such file");
}

int file_read(struct dv_ctx *ctx, int64_t file_id, int thumb, struct file_data *out)
{
	int is_public = 0;
	memset(out, 0, sizeof(*out));
	int rc = file_visible(ctx, file_id, &is_public);
	if (!rc)
		rc = file_load(ctx, file_id, thumb, out);
	out->is_public = is_public;
	return rc;
}

int file_load(struct dv_ctx *ctx, int64_t file_id, int thumb, struct file_data *out)
{
	struct db_stmt *st = NULL;
	memset(out, 0, sizeof(*out));
	int rc;
	if ((rc = db_query(ctx->db, &st, &ctx->err,
				 thumb ? "SELECT name, 'image/jpeg', thumb FROM file WHERE id = $1 "
					 "AND thumb IS NOT NULL"
				       : "SELECT name, mime, data FROM file WHERE id = $1",
				 DB_I(file_id))))
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such file");
	size_t len = 0;
	const void *data = db_col_blob(st, 2, &len);
	out->name = arena_strdup(ctx->arena, db_col_text(st, 0));
	out->mime = arena_strdup(ctx->arena, db_col_text(st, 1));
	void *copy = arena_alloc(ctx->arena, len ? len : 1);
	if (len)
		memcpy(copy, data, len);
	out->data = copy;
	out->len = len;
	db_finish(st);
	return 0;
}

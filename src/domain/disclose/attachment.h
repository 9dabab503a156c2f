/*
 * Files attached to notices and news articles: PDFs kept as uploaded, photos
 * re-encoded without their metadata (GPS included) and with a thumbnail
 * (base/media.h). The type is read from the content, never from the name.
 *
 * Attaching or removing needs the right to edit the owner. On a published
 * notice either makes a new version, so the public history says when a file
 * came or went. A file is public once its owner is published (a notice
 * also when archived); before that only those who may edit the owner can
 * read it, and others get DV_ENOTFOUND.
 */
#ifndef DV_DOMAIN_ATTACHMENT_H
#define DV_DOMAIN_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/media.h"
#include "domain/ctx.h"

#define ATTACH_FILE_MAX (20 * 1024 * 1024) /* bytes in one file */
#define ATTACH_PER_OWNER_MAX 20
#define ATTACH_NAME_MAX 120
#define ATTACH_CAPTION_MAX 300

/*
 * What files are attached to: the owner's link table, and how to ask it
 * whether the actor may change its files. notice.c and article.c each
 * define one (notice_attach, article_attach); this module knows neither.
 * The table names are constant SQL pieces, never values.
 */
struct attach_owner {
	const char *link;   /* the link table: notice_file */
	const char *column; /* its owner column: notice_id */
	const char *audit;  /* the audit entity: notice */
	int captions;       /* the link table has a caption column */
	/* 0 with the owner's unit if the actor may change the owner's files;
	 * *versioned when a change must be recorded by changed() */
	int (*editable)(struct dv_ctx *ctx, int64_t id, int64_t *unit, int *versioned);
	/* In the same transaction, after a file came or went on a versioned
	 * owner. */
	int (*changed)(struct dv_ctx *ctx, int64_t id);
};

struct attachment {
	int64_t file_id;
	const char *name; /* as uploaded, cleaned; the extension follows the type */
	const char *mime;
	int64_t size;
	int width, height; /* photos; 0 for PDFs */
	int has_thumb;
	const char *caption;
};

/*
 * Attach data[0..len) named `name` (the uploaded file name, may be NULL) to
 * the owner (a notice, an article), with a caption (photos of articles; may be NULL).
 * DV_EINVAL for a type other than PDF and photos, DV_ETOOBIG over
 * ATTACH_FILE_MAX, DV_ECONFLICT for an archived notice or a full list.
 */
int attachment_add(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t owner_id, const char *name,
		   const void *data, size_t len, const char *caption, int64_t *file_id);

/*
 * attachment_add in two steps, for an owner that takes its files in the
 * transaction that creates it (a citizen report and its photos: nothing is
 * written when one photo is refused). attachment_prepare makes the bytes
 * to keep, as attachment_add would, writing nothing: *m is the caller's
 * (media_release). attachment_add_prepared attaches them in the caller's
 * transaction, with the owner's editable() check, and audits it.
 */
int attachment_prepare(struct dv_ctx *ctx, const char *name, const void *data, size_t len,
		       struct media *m);
int attachment_add_prepared(struct dv_ctx *ctx, const struct attach_owner *owner,
			    int64_t owner_id, const char *name, const struct media *m,
			    const char *caption, int64_t *file_id);

/* Store a file that belongs to no link table yet (a redacted copy of a
 * photo its owner then links), in the caller's transaction. unit_id is the
 * owner's unit. No permission check. */
int attachment_store(struct dv_ctx *ctx, int64_t unit_id, const char *name, const struct media *m,
		     int64_t *file_id);

/* Detach a file (it stays stored: older versions named it). */
int attachment_remove(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t owner_id,
		      int64_t file_id);

/* The files attached now, in the order they were added. No permission
 * check: the caller has read the owner. Arena array. */
int attachment_list(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t owner_id,
		    struct attachment **out, size_t *n);

/* Their names, one per line ("" for none), for a notice version. */
int attachment_names(struct dv_ctx *ctx, const struct attach_owner *owner, int64_t owner_id,
		     const char **out);

struct file_data {
	const char *name;
	const char *mime;
	const void *data; /* in the arena */
	size_t len;
	int is_public; /* anyone may read it: it may be cached by anyone */
};

/* Read a file (or its thumbnail, a JPEG) the actor may see. */
int file_read(struct dv_ctx *ctx, int64_t file_id, int thumb, struct file_data *out);

/* Read a file with no permission check, for an owner module that decided
 * the actor may see it (a report's photos: domain/reports). is_public is
 * left 0 for the caller to set. DV_ENOTFOUND if there is no such file (or
 * thumbnail). */
int file_load(struct dv_ctx *ctx, int64_t file_id, int thumb, struct file_data *out);

#endif

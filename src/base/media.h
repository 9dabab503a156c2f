/*
 * Attachments: the PDFs and photos ward officials attach to public notices
 * and news articles.
 *
 * The type comes from the content (libmagic), never from a file name: no
 * function here takes a name. Photos are decoded and encoded again with
 * libvips, so what is stored and served holds pixels only: EXIF (with the
 * GPS position and the camera's serial number), XMP, IPTC, comments and ICC
 * profiles are gone. Before that, a photo is turned upright by its EXIF
 * orientation and its colours are converted to sRGB from its embedded ICC
 * profile, so dropping the metadata changes neither how it stands nor how it
 * looks.
 *
 * What goes in and what comes out:
 *   PDF   kept byte for byte;
 *   JPEG  JPEG, quality 85;
 *   PNG   PNG, transparency kept;
 *   WebP  JPEG, quality 85, transparency flattened onto white: every browser,
 *         office tool and cairo (which lays out our PDFs) reads JPEG and PNG,
 *         not all of them read WebP.
 * Photos are shrunk to at most MEDIA_MAX_SIDE pixels on the longer side and
 * never enlarged; each gets a JPEG thumbnail of at most MEDIA_THUMB_SIDE.
 *
 * Thread-safe: every function but media_shutdown() may run on several
 * threads at once. libvips runs with one thread per image and no operation
 * cache, since the server has its own worker pool.
 */
#ifndef DV_BASE_MEDIA_H
#define DV_BASE_MEDIA_H

#include <stddef.h>

#include "base/err.h"

#define MEDIA_MAX_SIDE	 2560	  /* longer side of a stored photo, in pixels */
#define MEDIA_THUMB_SIDE 320	  /* longer side of a thumbnail */
#define MEDIA_MAX_PIXELS 50000000 /* larger photos are refused unread */

/*
 * Start libvips and libmagic for this process; call once before threads use
 * media (later calls return the first call's result; media_sniff and
 * media_accept call it themselves too). Sets libvips' cache off and its
 * concurrency to 1, routes libvips warnings to the debug log, and blocks
 * every libvips loader but JPEG, PNG and WebP for the whole process.
 * DV_EIO if libmagic's database cannot be loaded, DV_EINTERNAL if libvips
 * cannot start; err holds a message for the log.
 */
int media_init(struct dv_err *err);

/*
 * Free what media_init() set up, for leak checkers: call at exit, once, after
 * every other thread that used media has ended. Nothing here works after it.
 */
void media_shutdown(void);

/*
 * The MIME type of data by its content: *mime is set to one of the static
 * strings "application/pdf", "image/jpeg", "image/png", "image/webp", or
 * "application/octet-stream" for anything else (an empty buffer included).
 * Only the first 64 KB are read. Errors are system errors (DV_EIO: this
 * thread's libmagic could not load its database); *mime is then the
 * octet-stream string.
 */
int media_sniff(const void *data, size_t len, const char **mime, struct dv_err *err);

/* An accepted attachment. data and thumb are heap memory owned by the struct
 * (malloc'd; release with media_release()). */
struct media {
	const char *mime; /* static: "application/pdf", "image/jpeg", "image/png" */
	const char *ext;  /* static: "pdf", "jpg", "png" */
	unsigned char *data;
	size_t len;
	int width, height;    /* 0 for a PDF */
	unsigned char *thumb; /* JPEG; NULL for a PDF */
	size_t thumb_len;
	int thumb_width, thumb_height; /* at most MEDIA_THUMB_SIDE, never enlarged */
};

/*
 * Check an uploaded file and make the bytes we keep (see the top of this
 * file). data is only read and may be freed as soon as this returns. On
 * success *out owns its memory; on failure *out is empty (media_release()
 * is harmless on it either way).
 * Input errors, with field "file": DV_EINVAL for an empty file, a type other
 * than PDF, JPEG, PNG or WebP, a PDF not starting with "%PDF-", an image
 * that cannot be decoded (corrupt or truncated) or one over MEDIA_MAX_PIXELS;
 * DV_ETOOBIG when len > max_len. System errors: as media_sniff(); DV_ENOMEM
 * when a PDF cannot be copied.
 */
int media_accept(const void *data, size_t len, size_t max_len, struct media *out,
		 struct dv_err *err);

/* Free what *m owns and empty it. */
void media_release(struct media *m);

/* A rectangle of a photo, in percent of its width and height (0..100). */
struct media_rect {
	int x, y, w, h;
};

/*
 * Cover rectangles of a photo media_accept made (an officer hides faces and
 * number plates): the pixels under them become black, then the result goes
 * through media_accept (JPEG, metadata stripped, a new thumbnail) into
 * *out, which the caller releases. DV_EINVAL (field "regions") for a
 * rectangle outside the photo, or as media_accept.
 */
int media_redact(const void *data, size_t len, const struct media_rect *rects, size_t n,
		 struct media *out, struct dv_err *err);

/* A small made-up photo (a sky, a street, blobs of colour that differ with
 * seed) of w x h pixels as JPEG, for the demo city: *data is malloc'd. */
int media_sample_jpeg(unsigned seed, int w, int h, unsigned char **data, size_t *len,
		      struct dv_err *err);

#endif

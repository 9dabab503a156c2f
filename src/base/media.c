#include "base/media.h"

#include <magic.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

#include "base/log.h"

#define MIME_PDF   "application/pdf"
#define MIME_JPEG  "image/jpeg"
#define MIME_PNG   "image/png"
#define MIME_WEBP  "image/webp"
#define MIME_OTHER "application/octet-stream"

/* Our four types are told apart by their first bytes; reading no more keeps
 * libmagic quick on a 20 MB upload. */
#define SNIFF_BYTES (64 * 1024)

#define JPEG_QUALITY  85
#define THUMB_QUALITY 80

/* Soft magic (the magic database) is all we need: the built-in tests look
 * for text encodings, JSON, CSV, compressed files and the like, and
 * decompressing untrusted input is what we least want. */
#define MAGIC_FLAGS (MAGIC_MIME_TYPE | MAGIC_NO_CHECK_BUILTIN | MAGIC_NO_COMPRESS_FORK)

/* ---------------------------------------------------------------- start-up */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_rc;
static char init_msg[256];
static int started; /* media_init succeeded and media_shutdown has not run */

/* magic_t is not thread-safe: each thread opens its own, closed when the
 * thread ends (or by media_shutdown for the thread calling it). */
static pthread_key_t magic_key;

static void magic_free(void *m)
{
	magic_close(m);
}

static magic_t magic_open_loaded(char *why, size_t cap)
{
	magic_t m = magic_open(MAGIC_FLAGS);
	if (!m) {
		snprintf(why, cap, "libmagic: cannot open: out of memory");
		return NULL;
	}
	if (magic_load(m, NULL) != 0) {
		const char *e = magic_error(m);
		snprintf(why, cap, "libmagic: cannot load the magic database: %s",
			 e ? e : "unknown error");
		magic_close(m);
		return NULL;
	}
	return m;
}

/* libvips warns on stderr about odd input (a truncated JPEG, an unknown
 * PNG chunk); uploads are anyone's files, so this is debug noise. */
static void vips_warning_to_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
				gpointer data)
{
	(void)domain;
	(void)level;
	(void)data;
	log_debug("libvips: %s", message);
}

static void init_fail(int code, const char *what)
{
	init_rc = code;
	snprintf(init_msg, sizeof(init_msg), "%s", what);
}

static void do_init(void)
{
	char why[200];
	if (pthread_key_create(&magic_key, magic_free) != 0) {
		init_fail(DV_EINTERNAL, "media: cannot create a thread key");
		return;
	}
	magic_t m = magic_open_loaded(why, sizeof(why));
	if (!m) {
		init_fail(DV_EIO, why);
		return;
	}
	pthread_setspecific(magic_key, m);

	if (VIPS_INIT("danvan") != 0) {
		snprintf(why, sizeof(why), "libvips: cannot start: %s", vips_error_buffer());
		vips_error_clear();
		init_fail(DV_EINTERNAL, why);
		return;
	}
	vips_cache_set_max(0);
	vips_cache_set_max_mem(0);
	vips_cache_set_max_files(0);
	vips_concurrency_set(1);
	/* Only the decoders we route files to may run: the others (PDF, SVG,
	 * ImageMagick, ...) are more attack surface than we need. */
	vips_operation_block_set("VipsForeignLoad", TRUE);
	vips_operation_block_set("VipsForeignLoadJpeg", FALSE);
	vips_operation_block_set("VipsForeignLoadPng", FALSE);
	vips_operation_block_set("VipsForeignLoadWebp", FALSE);
	g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO,
			  vips_warning_to_log, NULL);
	__atomic_store_n(&started, 1, __ATOMIC_RELEASE);
}

int media_init(struct dv_err *err)
{
	pthread_once(&init_once, do_init);
	if (init_rc)
		return dv_sysfail(err, init_rc, NULL, "%s", init_msg);
	return 0;
}

void media_shutdown(void)
{
	if (!__atomic_exchange_n(&started, 0, __ATOMIC_ACQ_REL))
		return;
	magic_t m = pthread_getspecific(magic_key);
	if (m) {
		pthread_setspecific(magic_key, NULL);
		magic_close(m);
	}
	vips_shutdown();
}

/* ---------------------------------------------------------------- sniffing */

static magic_t thread_magic(struct dv_err *err)
{
	magic_t m = pthread_getspecific(magic_key);
	if (m)
		return m;
	char why[200];
	m = magic_open_loaded(why, sizeof(why));
	if (!m) {
		dv_sysfail(err, DV_EIO, NULL, "%s", why);
		return NULL;
	}
	if (pthread_setspecific(magic_key, m) != 0) {
		magic_close(m);
		dv_sysfail(err, DV_EINTERNAL, NULL, "media: cannot keep this thread's libmagic");
		return NULL;
	}
	return m;
}

int media_sniff(const void *data, size_t len, const char **mime, struct dv_err *err)
{
	static const char *const known[] = {MIME_PDF, MIME_JPEG, MIME_PNG, MIME_WEBP};
	*mime = MIME_OTHER;
	int rc = media_init(err);
	if (rc)
		return rc;
	magic_t m = thread_magic(err);
	if (!m)
		return err ? err->code : DV_EIO;
	if (len == 0)
		return 0;
	const char *type = magic_buffer(m, data, len < SNIFF_BYTES ? len : SNIFF_BYTES);
	if (!type) {
		/* Only odd input makes libmagic give up; it is then no type of ours. */
		const char *e = magic_error(m);
		log_debug("libmagic: %s", e ? e : "no type");
		return 0;
	}
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(type, known[i]) == 0)
			*mime = known[i];
	return 0;
}

/* ---------------------------------------------------------------- accepting */

enum encoding { ENC_JPEG, ENC_PNG };

struct image_kind {
	const char *mime;   /* as sniffed */
	const char *loader; /* the libvips loader that must read it */
	enum encoding enc;  /* what we store */
};

static const struct image_kind image_kinds[] = {
	{MIME_JPEG, "jpegload_buffer", ENC_JPEG},
	{MIME_PNG, "pngload_buffer", ENC_PNG},
	{MIME_WEBP, "webpload_buffer", ENC_JPEG},
};

static int unreadable(struct dv_err *err)
{
	vips_error_clear();
	return dv_fail(err, DV_EINVAL, "file", "The image could not be read");
}

static void unref(VipsImage **im)
{
	if (*im)
		g_object_unref(*im);
	*im = NULL;
}

/* Replace *im by next (a new reference), dropping the old one; 0 or -1
 * as libvips functions return. */
static int step(VipsImage **im, VipsImage *next, int rc)
{
	if (rc)
		return -1;
	unref(im);
	*im = next;
	return 0;
}

/* JPEG has no alpha and wants 8-bit sRGB or grey: flatten transparency
 * onto white and convert anything else (16-bit PNG, CMYK). */
static int jpeg_ready(VipsImage *in, VipsImage **out)
{
	VipsImage *im = in, *next = NULL;
	g_object_ref(im);
	if (vips_image_hasalpha(im)) {
		int deep = im->Type == VIPS_INTERPRETATION_RGB16 ||
			   im->Type == VIPS_INTERPRETATION_GREY16;
		double white = deep ? 65535 : 255;
		VipsArrayDouble *bg = vips_array_double_new(&white, 1);
		int rc = vips_flatten(im, &next, "background", bg, "max_alpha", white, NULL);
		vips_area_unref(VIPS_AREA(bg));
		if (step(&im, next, rc))
			goto fail;
	}
	if (im->BandFmt != VIPS_FORMAT_UCHAR ||
	    (im->Type != VIPS_INTERPRETATION_sRGB && im->Type != VIPS_INTERPRETATION_B_W)) {
		/* the call sets next: run it before step() reads next */
		int rc = vips_colourspace(im, &next, VIPS_INTERPRETATION_sRGB, NULL);
		if (step(&im, next, rc))
			goto fail;
		if (im->BandFmt != VIPS_FORMAT_UCHAR) {
			rc = vips_cast_uchar(im, &next, NULL);
			if (step(&im, next, rc))
				goto fail;
		}
	}
	*out = im;
	return 0;
fail:
	unref(&im);
	return -1;
}

static int save_jpeg(VipsImage *in, int quality, unsigned char **data, size_t *len)
{
	VipsImage *im = NULL;
	void *buf = NULL;
	if (jpeg_ready(in, &im))
		return -1;
	int rc = vips_jpegsave_buffer(im, &buf, len, "Q", quality, "strip", TRUE, "optimize_coding",
				      TRUE, NULL);
	unref(&im);
	*data = buf;
	return rc;
}

/* Decode, turn upright, shrink, convert to sRGB and encode again without
 * metadata, plus the thumbnail. */
static int accept_image(const void *data, size_t len, const struct image_kind *kind,
			struct media *out, struct dv_err *err)
{
	VipsImage *im = NULL, *thumb = NULL, *next = NULL;
	const char *loader = NULL;
	void *buf = NULL;
	int rc;

	/* The header alone, to refuse a decompression bomb before decoding it
	 * and to make sure the decoder is the one libmagic's verdict calls for. */
	im = vips_image_new_from_buffer(data, len, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
	if (!im)
		return unreadable(err);
	if (vips_image_get_string(im, VIPS_META_LOADER, &loader) ||
	    strcmp(loader, kind->loader) != 0) {
		unref(&im);
		return unreadable(err);
	}
	uint64_t pixels = (uint64_t)vips_image_get_width(im) * (uint64_t)vips_image_get_height(im);
	int has_profile = vips_image_get_typeof(im, VIPS_META_ICC_NAME) != 0;
	unref(&im);
	if (pixels > MEDIA_MAX_PIXELS)
		return dv_fail(err, DV_EINVAL, "file",
			       "The image is too large: at most %d megapixels",
			       MEDIA_MAX_PIXELS / 1000000);

	/* vips_thumbnail shrinks while decoding where the format allows it,
	 * turns the image by its EXIF orientation, and converts CMYK and 16-bit
	 * images to 8-bit sRGB. A truncated file is an error, not grey pixels.
	 * An image with a colour profile is converted to sRGB through it (the
	 * argument list ends before export_profile for one without, which stays
	 * as it is: a grey scan stays grey). */
	if (vips_thumbnail_buffer((void *)data, len, &im, MEDIA_MAX_SIDE, "height", MEDIA_MAX_SIDE,
				  "size", VIPS_SIZE_DOWN, "option_string", "fail_on=truncated",
				  has_profile ? "export_profile" : NULL, "srgb", NULL))
		return unreadable(err);
	if (vips_image_get_string(im, VIPS_META_LOADER, &loader) ||
	    strcmp(loader, kind->loader) != 0)
		goto fail;
	/* Decode once, here: the stored image and the thumbnail both read it. */
	next = vips_image_copy_memory(im);
	if (step(&im, next, next ? 0 : -1))
		goto fail;

	if (kind->enc == ENC_PNG) {
		rc = vips_pngsave_buffer(im, &buf, &out->len, "strip", TRUE, NULL);
		out->data = buf;
		out->mime = MIME_PNG;
		out->ext = "png";
	} else {
		rc = save_jpeg(im, JPEG_QUALITY, &out->data, &out->len);
		out->mime = MIME_JPEG;
		out->ext = "jpg";
	}
	if (rc)
		goto fail;
	out->width = vips_image_get_width(im);
	out->height = vips_image_get_height(im);

	if (vips_thumbnail_image(im, &thumb, MEDIA_THUMB_SIDE, "height", MEDIA_THUMB_SIDE, "size",
				 VIPS_SIZE_DOWN, "no_rotate", TRUE, NULL))
		goto fail;
	if (save_jpeg(thumb, THUMB_QUALITY, &out->thumb, &out->thumb_len))
		goto fail;
	out->thumb_width = vips_image_get_width(thumb);
	out->thumb_height = vips_image_get_height(thumb);
	unref(&thumb);
	unref(&im);
	return 0;
fail:
	unref(&thumb);
	unref(&im);
	media_release(out);
	return unreadable(err);
}

static int accept_pdf(const void *data, size_t len, struct media *out, struct dv_err *err)
{
	/* libmagic also calls a file PDF when "%PDF-" follows a newline or a
	 * byte-order mark; readers differ on those, so we take none. */
	if (len < 5 || memcmp(data, "%PDF-", 5) != 0)
		return dv_fail(err, DV_EINVAL, "file", "The PDF file could not be read");
	out->data = malloc(len);
	if (!out->data)
		return dv_sysfail(err, DV_ENOMEM, NULL, "out of memory copying a %zu-byte PDF",
				  len);
	memcpy(out->data, data, len);
	out->len = len;
	out->mime = MIME_PDF;
	out->ext = "pdf";
	return 0;
}

int media_accept(const void *data, size_t len, size_t max_len, struct media *out,
		 struct dv_err *err)
{
	memset(out, 0, sizeof(*out));
	if (len == 0)
		return dv_fail(err, DV_EINVAL, "file", "The file is empty");
	if (len > max_len) {
		if (max_len >= 1024 * 1024)
			return dv_fail(err, DV_ETOOBIG, "file", "The file is larger than %zu MB",
				       max_len / (1024 * 1024));
		return dv_fail(err, DV_ETOOBIG, "file", "The file is larger than %zu KB",
			       max_len / 1024);
	}
	const char *mime = MIME_OTHER;
	int rc = media_sniff(data, len, &mime, err);
	if (rc)
		return rc;
	if (strcmp(mime, MIME_PDF) == 0)
		return accept_pdf(data, len, out, err);
	for (size_t i = 0; i < sizeof(image_kinds) / sizeof(image_kinds[0]); i++)
		if (strcmp(mime, image_kinds[i].mime) == 0)
			return accept_image(data, len, &image_kinds[i], out, err);
	return dv_fail(err, DV_EINVAL, "file",
		       "Only PDF files and photos (JPEG, PNG, WebP) can be attached");
}

void media_release(struct media *m)
{
	free(m->data);
	free(m->thumb);
	memset(m, 0, sizeof(*m));
}

/* ---------------------------------------------------------------- covering */

int media_redact(const void *data, size_t len, const struct media_rect *rects, size_t n,
		 struct media *out, struct dv_err *err)
{
	VipsImage *im = NULL, *next = NULL;
	void *buf = NULL;
	size_t blen = 0;
	memset(out, 0, sizeof(*out));
	int rc = media_init(err);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (rects[i].x < 0 || rects[i].y < 0 || rects[i].w <= 0 || rects[i].h <= 0 ||
		    rects[i].x + rects[i].w > 100 || rects[i].y + rects[i].h > 100)
			return dv_fail(err, DV_EINVAL, "regions",
				       "A region lies within the photo: left and width, top and "
				       "height, in percent, add up to at most 100");
	im = vips_image_new_from_buffer(data, len, "", NULL);
	if (!im)
		return unreadable(err);
	/* drawing works on pixels in memory, in place */
	next = vips_image_copy_memory(im);
	if (step(&im, next, next ? 0 : -1))
		return unreadable(err);
	int w = vips_image_get_width(im), h = vips_image_get_height(im);
	for (size_t i = 0; i < n; i++) {
		/* rounded outwards, so a region never leaves a sliver uncovered */
		int left = rects[i].x * w / 100, top = rects[i].y * h / 100;
		int right = (rects[i].x + rects[i].w) * w / 100 + 1;
		int bottom = (rects[i].y + rects[i].h) * h / 100 + 1;
		if (vips_draw_rect1(im, 0.0, left, top, right - left, bottom - top, "fill", TRUE,
				    NULL)) {
			unref(&im);
			return unreadable(err);
		}
	}
	/* encoded once more, then through media_accept like any upload: the
	 * same checks, size, metadata stripping and thumbnail */
	rc = vips_jpegsave_buffer(im, &buf, &blen, "Q", 95, "strip", TRUE, NULL);
	unref(&im);
	if (rc) {
		g_free(buf);
		return unreadable(err);
	}
	rc = media_accept(buf, blen, SIZE_MAX, out, err);
	g_free(buf);
	return rc;
}

/* ---------------------------------------------------------------- samples */

int media_sample_jpeg(unsigned seed, int w, int h, unsigned char **data, size_t *len,
		      struct dv_err *err)
{
	VipsImage *im = NULL, *next = NULL;
	void *buf = NULL;
	*data = NULL;
	*len = 0;
	int rc = media_init(err);
	if (rc)
		return rc;
	if (vips_black(&im, w, h, "bands", 3, NULL))
		return unreadable(err);
	next = vips_image_copy_memory(im);
	if (step(&im, next, next ? 0 : -1))
		return unreadable(err);
	/* a sky, a street and a few blocks of colour, different for each seed */
	unsigned s = seed * 2654435761u + 12345u;
	double sky[3] = {120 + s % 80, 160 + (s >> 8) % 60, 200 + (s >> 16) % 55};
	double road[3] = {90 + (s >> 4) % 40, 90 + (s >> 4) % 40, 95 + (s >> 4) % 40};
	rc = vips_draw_rect(im, sky, 3, 0, 0, w, h / 2, "fill", TRUE, NULL) ||
	     vips_draw_rect(im, road, 3, 0, h / 2, w, h - h / 2, "fill", TRUE, NULL);
	for (int i = 0; !rc && i < 4; i++) {
		s = s * 1103515245u + 12345u;
		double ink[3] = {s % 256, (s >> 8) % 256, (s >> 16) % 256};
		int cx = (int)((s >> 3) % (unsigned)w), cy = h / 2 + (int)((s >> 11) % (unsigned)(h / 2));
		rc = vips_draw_circle(im, ink, 3, cx, cy, 3 + (int)((s >> 19) % (unsigned)(h / 6 + 1)),
				      "fill", TRUE, NULL);
	}
	if (!rc)
		rc = vips_jpegsave_buffer(im, &buf, len, "Q", 80, "strip", TRUE, NULL);
	unref(&im);
	if (rc) {
		g_free(buf);
		return unreadable(err);
	}
	*data = malloc(*len);
	if (!*data) {
		g_free(buf);
		return dv_sysfail(err, DV_ENOMEM, NULL, "out of memory for a sample photo");
	}
	memcpy(*data, buf, *len);
	g_free(buf);
	return 0;
}

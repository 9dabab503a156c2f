/*
 * Attachments, checked the way a resident's phone and a curious reader see
 * them: fixtures are made at test time with the vips and exiftool command
 * line tools, what media_accept keeps is written to a file and read back
 * with exiftool (metadata) and libvips (size, pixels). No database.
 */
#include "testlib.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vips/vips.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/media.h"

#define LIMIT (30 * 1024 * 1024)

/* Every tag a photo could give its author or place away with. */
#define EXIFTOOL_PRIVATE                                                                           \
	"exiftool -a -G1 -s -EXIF:all -GPS:all -XMP:all -IPTC:all -ICC_Profile:all "               \
	"-ICC-header:all -Photoshop:all -MakerNotes:all -Comment"

/* ---------- Files and tools ---------- */

static char dir[1024]; /* this run's fixtures, made by main() */

static void path_of(char out[4096], const char *name)
{
	snprintf(out, 4096, "%s/%s", dir, name);
}

/* Run a shell command in the fixture directory; its standard output (and
 * error) goes into out. Returns its exit status. */
static int run(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int run(struct buf *out, const char *fmt, ...)
{
	struct buf cmd = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	int rc = test_shell(out, "cd '%s' && { %s; } 2>&1", dir, cmd.ptr);
	buf_release(&cmd);
	return rc;
}

/* Run a command that must succeed (making a fixture). */
#define sh(...)                                                                                    \
	do {                                                                                       \
		struct buf o_ = BUF_INIT;                                                          \
		if (run(&o_, __VA_ARGS__) != 0)                                                    \
			fail_msg("command failed: %s", o_.ptr);                                    \
		buf_release(&o_);                                                                  \
	} while (0)

static unsigned char *slurp(const char *name, size_t *len)
{
	char path[4096];
	path_of(path, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return (unsigned char *)buf_detach(&b, len);
}

static void spit(const char *name, const void *data, size_t len)
{
	char path[4096];
	path_of(path, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* media_accept on a fixture file; fails the test if it is refused. */
static struct media accept_file(const char *name)
{
	size_t len;
	unsigned char *data = slurp(name, &len);
	struct media m;
	struct dv_err err = {0};
	int rc = media_accept(data, len, LIMIT, &m, &err);
	free(data);
	if (rc)
		fail_msg("%s refused: %d %s", name, rc, err.msg);
	return m;
}

/* media_accept must refuse data with code, naming the "file" field and
 * leaving *out empty; returns the message. */
static const char *refuse(const void *data, size_t len, size_t max_len, int code)
{
	static struct dv_err err;
	struct media m;
	memset(&m, 0xAB, sizeof(m));
	memset(&err, 0, sizeof(err));
	int rc = media_accept(data, len, max_len, &m, &err);
	if (rc != code)
		fail_msg("expected %d, got %d (%s)", code, rc, err.msg);
	assert_int_equal(err.code, code);
	assert_non_null(err.field);
	assert_string_equal(err.field, "file");
	assert_true(strlen(err.msg) > 0);
	assert_null(m.data);
	assert_null(m.thumb);
	assert_int_equal(m.len, 0);
	media_release(&m);
	return err.msg;
}

static const char *sniff(const void *data, size_t len)
{
	const char *mime = NULL;
	struct dv_err err = {0};
	if (media_sniff(data, len, &mime, &err))
		fail_msg("media_sniff: %s", err.msg);
	return mime;
}

/* The private tags exiftool finds in a file of the fixture directory. */
static void private_tags(struct buf *out, const char *name)
{
	run(out, EXIFTOOL_PRIVATE " '%s'", name);
}

/* Decode bytes with libvips the way a viewer would. */
static VipsImage *decode(const void *data, size_t len)
{
	VipsImage *im = vips_image_new_from_buffer(data, len, "", NULL);
	if (!im)
		fail_msg("cannot decode: %s", vips_error_buffer());
	return im;
}

static void pixel(VipsImage *im, int x, int y, double *v, int nv)
{
	double *p = NULL;
	int n = 0;
	if (vips_getpoint(im, &p, &n, x, y, NULL))
		fail_msg("getpoint: %s", vips_error_buffer());
	assert_true(n >= nv);
	memcpy(v, p, sizeof(double) * nv);
	g_free(p);
}

static void assert_near(double got, double want, double tolerance)
{
	if (got < want - tolerance || got > want + tolerance)
		fail_msg("%.1f is not within %.1f of %.1f", got, tolerance, want);
}

/* The thumbnail is a JPEG of the size it claims, with no private tags. */
static void check_thumb(const struct media *m, int want_w, int want_h)
{
	assert_non_null(m->thumb);
	assert_string_equal(sniff(m->thumb, m->thumb_len), "image/jpeg");
	VipsImage *t = decode(m->thumb, m->thumb_len);
	assert_int_equal(vips_image_get_width(t), m->thumb_width);
	assert_int_equal(vips_image_get_height(t), m->thumb_height);
	g_object_unref(t);
	assert_int_equal(m->thumb_width, want_w);
	assert_int_equal(m->thumb_height, want_h);
	spit("thumb.jpg", m->thumb, m->thumb_len);
	struct buf tags = BUF_INIT;
	private_tags(&tags, "thumb.jpg");
	if (tags.len)
		fail_msg("the thumbnail keeps:\n%s", tags.ptr);
	buf_release(&tags);
}

/* A small, valid PDF with a correct cross-reference table. */
static void minimal_pdf(struct buf *b)
{
	static const char *objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		"<< /Length 0 >>\nstream\n\nendstream",
	};
	size_t off[4];
	buf_reset(b);
	buf_adds(b, "%PDF-1.4\n");
	for (int i = 0; i < 4; i++) {
		off[i] = b->len;
		buf_addf(b, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	size_t xref = b->len;
	buf_adds(b, "xref\n0 5\n0000000000 65535 f \n");
	for (int i = 0; i < 4; i++)
		buf_addf(b, "%010zu 00000 n \n", off[i]);
	buf_addf(b, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
}

/* ---------- The type comes from the content ---------- */

static void sniffs_the_type_from_the_content(void **state)
{
	(void)state;
	struct buf pdf = BUF_INIT;
	minimal_pdf(&pdf);
	assert_string_equal(sniff(pdf.ptr, pdf.len), "application/pdf");
	buf_release(&pdf);

	/* A PNG uploaded as "notice.pdf": there is no name to trust, only bytes. */
	sh("vips black sniff.png 40 30 && cp sniff.png notice.pdf && vips black sniff.jpg 40 30 && "
	   "vips black sniff.webp 40 30");
	size_t len;
	unsigned char *data = slurp("notice.pdf", &len);
	assert_string_equal(sniff(data, len), "image/png");
	struct media m = accept_file("notice.pdf");
	assert_string_equal(m.mime, "image/png");
	assert_string_equal(m.ext, "png");
	media_release(&m);
	free(data);
	data = slurp("sniff.jpg", &len);
	assert_string_equal(sniff(data, len), "image/jpeg");
	free(data);
	data = slurp("sniff.webp", &len);
	assert_string_equal(sniff(data, len), "image/webp");
	free(data);

	assert_string_equal(sniff("hello, ward\n", 12), "application/octet-stream");
	assert_string_equal(sniff("", 0), "application/octet-stream");
	assert_string_equal(sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 40),
			    "application/octet-stream");
}

/* ---------- PDF ---------- */

static void keeps_a_pdf_byte_for_byte(void **state)
{
	(void)state;
	struct buf pdf = BUF_INIT;
	minimal_pdf(&pdf);
	struct media m;
	struct dv_err err = {0};
	assert_int_equal(media_accept(pdf.ptr, pdf.len, LIMIT, &m, &err), 0);
	assert_string_equal(m.mime, "application/pdf");
	assert_string_equal(m.ext, "pdf");
	assert_int_equal(m.len, pdf.len);
	assert_memory_equal(m.data, pdf.ptr, pdf.len);
	assert_true((void *)m.data != (void *)pdf.ptr);
	assert_int_equal(m.width, 0);
	assert_int_equal(m.height, 0);
	assert_null(m.thumb);
	assert_int_equal(m.thumb_len, 0);
	media_release(&m);
	assert_null(m.data);

	/* libmagic calls this a PDF too, but it does not start as one. */
	struct buf shifted = BUF_INIT;
	buf_addch(&shifted, '\n');
	buf_add(&shifted, pdf.ptr, pdf.len);
	assert_string_equal(sniff(shifted.ptr, shifted.len), "application/pdf");
	refuse(shifted.ptr, shifted.len, LIMIT, DV_EINVAL);
	buf_release(&shifted);
	buf_release(&pdf);
}

static void refuses_over_the_size_limit_and_empty_files(void **state)
{
	(void)state;
	const size_t mb = 1024 * 1024;
	struct buf pdf = BUF_INIT;
	minimal_pdf(&pdf);
	while (pdf.len < mb)
		buf_addch(&pdf, ' '); /* readers ignore what follows %%EOF */

	/* Exactly at the limit is accepted; one byte more is not. */
	struct media m;
	struct dv_err err = {0};
	assert_int_equal(media_accept(pdf.ptr, pdf.len, mb, &m, &err), 0);
	assert_int_equal(m.len, mb);
	media_release(&m);
	buf_addch(&pdf, ' ');
	const char *msg = refuse(pdf.ptr, pdf.len, mb, DV_ETOOBIG);
	assert_string_equal(msg, "The file is larger than 1 MB");

	buf_release(&pdf);

	unsigned char *big = calloc(1, 10 * mb + 1);
	assert_non_null(big);
	msg = refuse(big, 10 * mb + 1, 10 * mb, DV_ETOOBIG);
	assert_string_equal(msg, "The file is larger than 10 MB");
	free(big);

	msg = refuse("", 0, LIMIT, DV_EINVAL);
	assert_string_equal(msg, "The file is empty");
}

/* ---------- Photos ---------- */

static void strips_gps_and_exif_from_a_photo(void **state)
{
	(void)state;
	sh("vips black g.v 640 480 --bands 3 && vips linear g.v gps.jpg 1 128 --uchar && "
	   "exiftool -q -overwrite_original -GPSLatitude=10.9 -GPSLatitudeRef=N "
	   "-GPSLongitude=106.77 -GPSLongitudeRef=E -Make=Test -SerialNumber=SN123 "
	   "-XMP:Creator=Someone -IPTC:By-line=Someone -Comment=secret gps.jpg");
	struct buf tags = BUF_INIT;
	private_tags(&tags, "gps.jpg"); /* the fixture does carry them */
	assert_non_null(strstr(tags.ptr, "GPSLatitude"));
	assert_non_null(strstr(tags.ptr, "Make"));
	assert_non_null(strstr(tags.ptr, "By-line"));
	assert_non_null(strstr(tags.ptr, "Creator"));
	assert_non_null(strstr(tags.ptr, "Comment"));

	struct media m = accept_file("gps.jpg");
	assert_string_equal(m.mime, "image/jpeg");
	assert_string_equal(m.ext, "jpg");
	assert_int_equal(m.width, 640);
	assert_int_equal(m.height, 480);
	assert_string_equal(sniff(m.data, m.len), "image/jpeg");
	spit("gps-out.jpg", m.data, m.len);
	private_tags(&tags, "gps-out.jpg");
	if (tags.len)
		fail_msg("the stored photo keeps:\n%s", tags.ptr);
	run(&tags, "exiftool -s -s -s -GPSLatitude -Make gps-out.jpg");
	assert_int_equal(tags.len, 0);
	check_thumb(&m, 320, 240);
	media_release(&m);
	buf_release(&tags);
}

static void strips_metadata_from_a_png_and_keeps_its_alpha(void **state)
{
	(void)state;
	sh("vips black p.v 120 80 --bands 3 && vips bandjoin_const p.v p4.v 128 && "
	   "vips copy p4.v meta.png && exiftool -q -overwrite_original -XMP:Creator=Someone "
	   "-PNG:Comment=secret -EXIF:Make=Test meta.png");
	struct buf tags = BUF_INIT;
	private_tags(&tags, "meta.png");
	assert_non_null(strstr(tags.ptr, "Creator"));
	assert_non_null(strstr(tags.ptr, "Comment"));

	struct media m = accept_file("meta.png");
	assert_string_equal(m.mime, "image/png");
	assert_string_equal(m.ext, "png");
	spit("meta-out.png", m.data, m.len);
	private_tags(&tags, "meta-out.png");
	if (tags.len)
		fail_msg("the stored PNG keeps:\n%s", tags.ptr);
	VipsImage *im = decode(m.data, m.len);
	assert_true(vips_image_hasalpha(im));
	double v[4];
	pixel(im, 10, 10, v, 4);
	assert_near(v[3], 128, 0.5);
	g_object_unref(im);
	check_thumb(&m, 120, 80);
	media_release(&m);
	buf_release(&tags);
}

static void turns_a_photo_upright_by_its_exif_orientation(void **state)
{
	(void)state;
	/* Stored 400x200, white on the left; orientation 6 means "turn 90
	 * degrees clockwise to view", so the viewer sees 200x400, white on top. */
	sh("vips black k.v 200 200 --bands 3 && vips linear k.v w.v 1 255 --uchar && "
	   "vips join w.v k.v rot.jpg horizontal && "
	   "exiftool -q -overwrite_original -n -Orientation=6 rot.jpg");
	struct media m = accept_file("rot.jpg");
	assert_int_equal(m.width, 200);
	assert_int_equal(m.height, 400);
	VipsImage *im = decode(m.data, m.len);
	assert_int_equal(vips_image_get_width(im), 200);
	assert_int_equal(vips_image_get_height(im), 400);
	double v[3];
	pixel(im, 100, 50, v, 3);
	assert_near(v[0], 255, 8);
	pixel(im, 100, 350, v, 3);
	assert_near(v[0], 0, 8);
	g_object_unref(im);
	/* No orientation tag is left to turn it a second time. */
	spit("rot-out.jpg", m.data, m.len);
	struct buf tags = BUF_INIT;
	run(&tags, "exiftool -s -s -s -Orientation rot-out.jpg");
	assert_int_equal(tags.len, 0);
	buf_release(&tags);
	check_thumb(&m, 160, 320);
	media_release(&m);
}

static void shrinks_large_photos_and_never_enlarges_small_ones(void **state)
{
	(void)state;
	sh("vips black large.jpg 4000 3000 --bands 3 && vips black tall.jpg 1500 3000 && "
	   "vips black edge.png 2560 100 && vips black tiny.png 100 50");
	struct media m = accept_file("large.jpg");
	assert_int_equal(m.width, 2560);
	assert_int_equal(m.height, 1920);
	VipsImage *im = decode(m.data, m.len);
	assert_int_equal(vips_image_get_width(im), 2560);
	assert_int_equal(vips_image_get_height(im), 1920);
	g_object_unref(im);
	check_thumb(&m, 320, 240);
	media_release(&m);

	m = accept_file("tall.jpg");
	assert_int_equal(m.width, 1280);
	assert_int_equal(m.height, 2560);
	check_thumb(&m, 160, 320);
	media_release(&m);

	m = accept_file("edge.png"); /* exactly at the limit: left alone */
	assert_int_equal(m.width, 2560);
	assert_int_equal(m.height, 100);
	media_release(&m);

	m = accept_file("tiny.png");
	assert_int_equal(m.width, 100);
	assert_int_equal(m.height, 50);
	check_thumb(&m, 100, 50); /* a thumbnail is never enlarged either */
	media_release(&m);
}

static void refuses_too_many_megapixels_before_decoding(void **state)
{
	(void)state;
	sh("vips black huge.png 20000 20000 && vips black at.png 10000 5000 && "
	   "vips black over.png 10000 5001");
	size_t len;
	unsigned char *data = slurp("huge.png", &len);
	const char *msg = refuse(data, len, LIMIT, DV_EINVAL);
	assert_non_null(strstr(msg, "50 megapixels"));
	/* Cut after its first kilobyte, it is still refused for its size, not
	 * as unreadable: the header alone decided. */
	msg = refuse(data, 1024, LIMIT, DV_EINVAL);
	assert_non_null(strstr(msg, "50 megapixels"));
	free(data);

	struct media m = accept_file("at.png"); /* exactly 50 000 000 pixels */
	assert_int_equal(m.width, 2560);
	assert_int_equal(m.height, 1280);
	media_release(&m);
	data = slurp("over.png", &len);
	msg = refuse(data, len, LIMIT, DV_EINVAL);
	assert_non_null(strstr(msg, "50 megapixels"));
	free(data);
}

static void stores_webp_as_jpeg_on_white(void **state)
{
	(void)state;
	/* Fully transparent black. */
	sh("vips black t.v 64 48 --bands 4 && vips copy t.v clear.webp");
	struct media m = accept_file("clear.webp");
	assert_string_equal(m.mime, "image/jpeg");
	assert_string_equal(m.ext, "jpg");
	assert_string_equal(sniff(m.data, m.len), "image/jpeg");
	VipsImage *im = decode(m.data, m.len);
	assert_false(vips_image_hasalpha(im));
	double v[3];
	pixel(im, 32, 24, v, 3);
	for (int i = 0; i < 3; i++)
		assert_near(v[i], 255, 3);
	g_object_unref(im);
	check_thumb(&m, 64, 48);
	media_release(&m);
}

static void keeps_colours_when_dropping_the_colour_profile(void **state)
{
	(void)state;
	/* sRGB (200, 30, 30) stored as Display P3 numbers with that profile
	 * embedded, as phones do. */
	sh("vips black r.v 64 64 --bands 3 && vips linear r.v c.v '0 0 0' '200 30 30' --uchar && "
	   "vips copy c.v c2.v --interpretation srgb && "
	   "vips icc_transform c2.v p3.jpg p3 --input-profile srgb");
	size_t len;
	unsigned char *data = slurp("p3.jpg", &len);
	VipsImage *in = decode(data, len);
	double v[3];
	pixel(in, 10, 10, v, 3);
	g_object_unref(in);
	free(data);
	assert_true(v[0] < 192); /* the raw numbers differ from sRGB's */

	struct media m = accept_file("p3.jpg");
	spit("p3-out.jpg", m.data, m.len);
	struct buf tags = BUF_INIT;
	private_tags(&tags, "p3-out.jpg");
	if (tags.len)
		fail_msg("the stored photo keeps:\n%s", tags.ptr);
	buf_release(&tags);
	VipsImage *im = decode(m.data, m.len);
	pixel(im, 10, 10, v, 3);
	assert_near(v[0], 200, 4);
	assert_near(v[1], 30, 4);
	assert_near(v[2], 30, 4);
	g_object_unref(im);
	media_release(&m);
}

/* ---------- Hostile input ---------- */

static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void refuses_what_is_not_a_pdf_or_a_photo(void **state)
{
	(void)state;
	const char *only = "Only PDF files and photos (JPEG, PNG, WebP) can be attached";
	sh("vips black g.gif 10 10 && vips black whole.jpg 300 200 --bands 3");

	unsigned char noise[4096];
	uint32_t seed = 12345;
	for (size_t i = 0; i < sizeof(noise); i++)
		noise[i] = (unsigned char)next_random(&seed);
	assert_string_equal(refuse(noise, sizeof(noise), LIMIT, DV_EINVAL), only);

	const char *text = "Thông báo họp tổ dân phố lúc 19 giờ.\n";
	assert_string_equal(refuse(text, strlen(text), LIMIT, DV_EINVAL), only);
	const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>";
	assert_string_equal(refuse(svg, strlen(svg), LIMIT, DV_EINVAL), only);

	size_t len;
	unsigned char *data = slurp("g.gif", &len);
	assert_string_equal(refuse(data, len, LIMIT, DV_EINVAL), only);
	free(data);

	/* Looks like a JPEG to libmagic, but the decoder cannot read it. */
	data = slurp("whole.jpg", &len);
	const char *unreadable = "The image could not be read";
	assert_string_equal(refuse(data, len / 2, LIMIT, DV_EINVAL), unreadable);
	unsigned char fake[4096];
	memcpy(fake, "\xff\xd8\xff\xe0", 4);
	memcpy(fake + 4, noise, sizeof(fake) - 4);
	assert_string_equal(refuse(fake, sizeof(fake), LIMIT, DV_EINVAL), unreadable);
	/* A 64x64 header with a wrong checksum and noise after it. */
	memcpy(fake, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x40\0\0\0\x40\x08\x02\0\0\0", 29);
	memcpy(fake + 29, noise, sizeof(fake) - 29);
	assert_string_equal(refuse(fake, sizeof(fake), LIMIT, DV_EINVAL), unreadable);
	memcpy(fake, "RIFF\x00\x10\x00\x00WEBPVP8 ", 16);
	memcpy(fake + 16, noise, sizeof(fake) - 16);
	assert_string_equal(refuse(fake, sizeof(fake), LIMIT, DV_EINVAL), unreadable);
	free(data);
}

/* Damaged photos: each is either accepted or refused as input, never a
 * crash (run under AddressSanitizer by make asan check). */
static void survives_damaged_photos(void **state)
{
	(void)state;
	sh("vips black d.v 64 48 --bands 3 && vips linear d.v dam.jpg 1 90 --uchar && "
	   "vips linear d.v dam.png 1 90 --uchar && vips linear d.v dam.webp 1 90 --uchar");
	const char *names[] = {"dam.jpg", "dam.png", "dam.webp"};
	uint32_t seed = 2025;
	int accepted = 0, refused = 0;
	for (int f = 0; f < 3; f++) {
		size_t len;
		unsigned char *orig = slurp(names[f], &len);
		unsigned char *copy = malloc(len);
		for (int round = 0; round < 60; round++) {
			memcpy(copy, orig, len);
			int flips = 1 + (int)(next_random(&seed) % 8);
			for (int i = 0; i < flips; i++)
				copy[next_random(&seed) % len] = (unsigned char)next_random(&seed);
			size_t cut = round % 3 == 0 ? len - next_random(&seed) % len : len;
			struct media m;
			struct dv_err err = {0};
			int rc = media_accept(copy, cut, LIMIT, &m, &err);
			if (rc == 0) {
				assert_non_null(m.data);
				assert_true(m.width > 0 && m.width <= 64);
				accepted++;
			} else {
				if (rc != DV_EINVAL)
					fail_msg("%s round %d: %d %s", names[f], round, rc,
						 err.msg);
				assert_null(m.data);
				refused++;
			}
			media_release(&m);
		}
		free(copy);
		free(orig);
	}
	assert_true(accepted > 0);
	assert_true(refused > 0);
}

/* ---------- Threads ---------- */

struct worker {
	const unsigned char *data;
	size_t len;
	int failures;
	char why[DV_ERR_MSG_MAX + 128];
};

static void *work(void *arg)
{
	struct worker *w = arg;
	for (int i = 0; i < 4; i++) {
		const char *mime = NULL;
		struct dv_err err = {0};
		struct media m = {0};
		int rc = media_sniff(w->data, w->len, &mime, &err);
		if (!rc)
			rc = media_accept(w->data, w->len, LIMIT, &m, &err);
		if (rc || strcmp(mime, "image/jpeg") != 0 || m.width != 200 || m.height != 400 ||
		    m.thumb_height != 320) {
			w->failures++;
			snprintf(w->why, sizeof(w->why), "rc %d, %s, %dx%d: %s", rc, mime, m.width,
				 m.height, err.msg);
		}
		media_release(&m);
	}
	return NULL;
}

static void works_on_several_threads_at_once(void **state)
{
	(void)state;
	sh("vips black tk.v 200 200 --bands 3 && vips linear tk.v tw.v 1 200 --uchar && "
	   "vips join tw.v tk.v threads.jpg horizontal && "
	   "exiftool -q -overwrite_original -n -Orientation=6 threads.jpg");
	size_t len;
	unsigned char *data = slurp("threads.jpg", &len);
	pthread_t t[4];
	struct worker w[4];
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){.data = data, .len = len};
		assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		if (w[i].failures)
			fail_msg("thread %d failed %d times: %s", i, w[i].failures, w[i].why);
	}
	free(data);
}

int main(void)
{
	struct dv_err err = {0};
	if (media_init(&err)) {
		fprintf(stderr, "media_init: %s\n", err.msg);
		return 1;
	}
	if (media_init(&err)) { /* a second call is harmless */
		fprintf(stderr, "media_init again: %s\n", err.msg);
		return 1;
	}
	if (test_dir_new(dir, sizeof(dir), "dv-media")) {
		perror(dir);
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sniffs_the_type_from_the_content),
		cmocka_unit_test(keeps_a_pdf_byte_for_byte),
		cmocka_unit_test(refuses_over_the_size_limit_and_empty_files),
		cmocka_unit_test(strips_gps_and_exif_from_a_photo),
		cmocka_unit_test(strips_metadata_from_a_png_and_keeps_its_alpha),
		cmocka_unit_test(turns_a_photo_upright_by_its_exif_orientation),
		cmocka_unit_test(shrinks_large_photos_and_never_enlarges_small_ones),
		cmocka_unit_test(refuses_too_many_megapixels_before_decoding),
		cmocka_unit_test(stores_webp_as_jpeg_on_white),
		cmocka_unit_test(keeps_colours_when_dropping_the_colour_profile),
		cmocka_unit_test(refuses_what_is_not_a_pdf_or_a_photo),
		cmocka_unit_test(survives_damaged_photos),
		cmocka_unit_test(works_on_several_threads_at_once),
	};
	int rc = test_run(tests);
	if (!getenv("KEEP_TEST_DIR"))
		test_dir_remove(dir);
	media_shutdown();
	return rc;
}

/*
 * PDF documents: the small toolkit every printed document is drawn with.
 *
 * A document is an A4 portrait cairo PDF surface that writes into a struct
 * buf as cairo produces it. Coordinates are PostScript points (1/72 inch)
 * from the top-left corner of the page; pdf_mm() converts from millimetres,
 * which is what layouts are designed in.
 *
 * Text goes through pango in Noto Sans (fonts-noto-core), which covers every
 * Vietnamese letter and tone mark; the PDF embeds the subset it uses, so the
 * file prints the same anywhere. Colours, lines and rectangles are drawn with
 * cairo directly on pdf->cr.
 *
 *   struct pdf pdf;
 *   if ((rc = pdf_open(&pdf, out, "Title", err)))
 *           return rc;
 *   pdf_text(&pdf, pdf_mm(20), pdf_mm(20), pdf_mm(170), PDF_FONT " Bold 14", PDF_CENTER, s);
 *   pdf_next_page(&pdf);
 *   ...
 *   return pdf_close(&pdf, err);   (or pdf_abort(&pdf) on an error of one's own)
 */
#ifndef DV_PRINT_PDF_H
#define DV_PRINT_PDF_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "base/buf.h"
#include "base/err.h"

/* The family every document uses; append " Bold 11" and the like to make a
 * pango font description (size in points). */
#define PDF_FONT "Noto Sans"

#define PDF_A4_W_MM 210.0
#define PDF_A4_H_MM 297.0

/* Millimetres to points. */
static inline double pdf_mm(double mm)
{
	return mm * 72.0 / 25.4;
}

struct pdf {
	cairo_t *cr; /* draw with this; the source colour is black after pdf_open */
	cairo_surface_t *surface;
	PangoLayout *layout; /* reused by pdf_text */
	struct buf *out;
	size_t start; /* out->len at pdf_open, to take a failed document back out */
};

/*
 * Start a document appending to out, with its first page ready. title goes
 * in the PDF's metadata. 0, or DV_EIO if cairo cannot make a surface (out is
 * then as it was). On success the caller must end with pdf_close or pdf_abort.
 */
int pdf_open(struct pdf *pdf, struct buf *out, const char *title, struct dv_err *err);

/* pdf_open with pages w_mm by h_mm: A4 landscape (certificates) is
 * pdf_open_size(pdf, out, title, PDF_A4_H_MM, PDF_A4_W_MM, err). */
int pdf_open_size(struct pdf *pdf, struct buf *out, const char *title, double w_mm, double h_mm,
		  struct dv_err *err);

/* End the current page and start a blank one. Drawing state (colour, line
 * width, dashes) is kept. */
void pdf_next_page(struct pdf *pdf);

/*
 * Finish the document and release everything. 0 with the whole PDF in out,
 * or DV_EIO (any cairo failure since pdf_open, such as a font that cannot be
 * embedded) with out back to its length at pdf_open.
 */
int pdf_close(struct pdf *pdf, struct dv_err *err);

/* Release everything and take the partial document back out of out. */
void pdf_abort(struct pdf *pdf);

/* Free the font caches that pango, cairo and fontconfig keep for the life of
 * the calling thread and of the process, so that a leak checker at exit sees
 * only real leaks. Call last, from the thread that drew, with no document
 * open in any thread. */
void pdf_shutdown(void);

enum {
	PDF_LEFT = 0,
	PDF_CENTER = 1 << 0,
	PDF_RIGHT = 1 << 1,
	PDF_MEASURE = 1 << 2 /* compute the height only, draw nothing */
};

/*
 * Draw UTF-8 text in the current source colour inside a column `width`
 * points wide whose top-left corner is (x, y), wrapping between words (and
 * inside a word, such as a link, that is wider than the column). font is a
 * pango description: PDF_FONT " 9", PDF_FONT " Bold 12". flags: PDF_LEFT,
 * PDF_CENTER or PDF_RIGHT, plus PDF_MEASURE. Returns the height of the text,
 * in points (0 for ""). text must be valid UTF-8 (pango would draw invalid
 * bytes as boxes): check outside input with utf8_valid() first.
 */
double pdf_text(struct pdf *pdf, double x, double y, double width, const char *font, int flags,
		const char *text);

/* Width in points of text set on one line, without wrapping. */
double pdf_text_width(struct pdf *pdf, const char *font, const char *text);

/* Distance in points from the top of a line of text in font to its
 * baseline: to set a small label and a larger value on one baseline, draw
 * the label pdf_baseline(value font) - pdf_baseline(label font) lower. */
double pdf_baseline(struct pdf *pdf, const char *font);

/*
 * Draw text (bytes, typically a URL) as a QR code with error correction
 * level M, in vector squares: a white square `size` points wide at (x, y),
 * holding the symbol with the 4-module quiet zone scanners need all round.
 * The symbol itself is therefore size * w / (w + 8) wide for a symbol of w
 * modules (25 for a 26-byte text, 37 for 84 bytes); pick size with that in
 * mind. 0, DV_EINVAL if the text is empty or too long for any QR code (more
 * than 2331 bytes), or DV_ENOMEM.
 */
int pdf_qr(struct pdf *pdf, double x, double y, double size, const char *text, struct dv_err *err);

#endif

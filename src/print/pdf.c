#include "print/pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <qrencode.h>
#include <string.h>

/* ---------- The document ---------- */

static cairo_status_t write_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * A layout for print: pango's cairo context assumes a 96 dpi screen and
 * hints and rounds glyph positions to its pixels; on paper a point is a
 * point, and glyphs keep their true advances.
 */
static PangoLayout *print_layout(cairo_t *cr)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoContext *pc = pango_layout_get_context(layout);
	pango_cairo_context_set_resolution(pc, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(pc, FALSE);
	pango_layout_context_changed(layout);
	/* A word broken across lines gets no hyphen: in a link or a code it
	 * would be typed. */
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	return layout;
}

int pdf_open(struct pdf *pdf, struct buf *out, const char *title, struct dv_err *err)
{
	return pdf_open_size(pdf, out, title, PDF_A4_W_MM, PDF_A4_H_MM, err);
}

int pdf_open_size(struct pdf *pdf, struct buf *out, const char *title, double w_mm, double h_mm,
		  struct dv_err *err)
{
	memset(pdf, 0, sizeof(*pdf));
	pdf->out = out;
	pdf->start = out->len;
	pdf->surface = cairo_pdf_surface_create_for_stream(write_to_buf, out, pdf_mm(w_mm),
							   pdf_mm(h_mm));
	cairo_status_t st = cairo_surface_status(pdf->surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(pdf->surface);
		buf_truncate(out, pdf->start);
		return dv_sysfail(err, DV_EIO, NULL, "Could not start the PDF: %s",
			       cairo_status_to_string(st));
	}
	if (title && *title)
		cairo_pdf_surface_set_metadata(pdf->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(pdf->surface, CAIRO_PDF_METADATA_CREATOR, "danvan");
	pdf->cr = cairo_create(pdf->surface);
	cairo_set_source_rgb(pdf->cr, 0, 0, 0);
	pdf->layout = print_layout(pdf->cr);
	return 0;
}

void pdf_next_page(struct pdf *pdf)
{
	cairo_show_page(pdf->cr);
}

/* Release everything; the surface's last status, or of cr's if that failed. */
static cairo_status_t finish(struct pdf *pdf)
{
	cairo_status_t st = cairo_status(pdf->cr);
	g_object_unref(pdf->layout);
	cairo_destroy(pdf->cr);
	cairo_surface_finish(pdf->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(pdf->surface);
	cairo_surface_destroy(pdf->surface);
	pdf->layout = NULL;
	pdf->cr = NULL;
	pdf->surface = NULL;
	return st;
}

int pdf_close(struct pdf *pdf, struct dv_err *err)
{
	cairo_status_t st = finish(pdf);
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	buf_truncate(pdf->out, pdf->start);
	return dv_sysfail(err, DV_EIO, NULL, "Could not make the PDF: %s",
			  cairo_status_to_string(st));
}

void pdf_abort(struct pdf *pdf)
{
	finish(pdf);
	buf_truncate(pdf->out, pdf->start);
}

void pdf_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
}

/* ---------- Text ---------- */

static void set_text(struct pdf *pdf, const char *font, const char *text)
{
	PangoFontDescription *desc = pango_font_description_from_string(font);
	pango_layout_set_font_description(pdf->layout, desc);
	pango_font_description_free(desc);
	pango_layout_set_text(pdf->layout, text, -1);
}

double pdf_text(struct pdf *pdf, double x, double y, double width, const char *font, int flags,
		const char *text)
{
	if (!*text)
		return 0;
	PangoLayout *layout = pdf->layout;
	pango_layout_set_width(layout, pango_units_from_double(width));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(layout, (flags & PDF_CENTER)	 ? PANGO_ALIGN_CENTER
					   : (flags & PDF_RIGHT) ? PANGO_ALIGN_RIGHT
								 : PANGO_ALIGN_LEFT);
	set_text(pdf, font, text);
	int w, h;
	pango_layout_get_size(layout, &w, &h);
	if (!(flags & PDF_MEASURE)) {
		cairo_move_to(pdf->cr, x, y);
		pango_cairo_show_layout(pdf->cr, layout);
	}
	return pango_units_to_double(h);
}

double pdf_text_width(struct pdf *pdf, const char *font, const char *text)
{
	pango_layout_set_width(pdf->layout, -1);
	set_text(pdf, font, text);
	int w, h;
	pango_layout_get_size(pdf->layout, &w, &h);
	return pango_units_to_double(w);
}

double pdf_baseline(struct pdf *pdf, const char *font)
{
	pango_layout_set_width(pdf->layout, -1);
	set_text(pdf, font, "X");
	return pango_units_to_double(pango_layout_get_baseline(pdf->layout));
}

/* ---------- QR codes ---------- */

#define QR_QUIET 4 /* modules of white around the symbol (ISO/IEC 18004) */

int pdf_qr(struct pdf *pdf, double x, double y, double size, const char *text, struct dv_err *err)
{
	if (!*text)
		return dv_fail(err, DV_EINVAL, NULL, "There is no text to put in the QR code");
	/* 8-bit mode, case kept: a URL's path and token are case-sensitive. */
	QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!qr) {
		if (errno == ENOMEM)
			return dv_sysfail(err, DV_ENOMEM, NULL, "Out of memory making a QR code");
		return dv_fail(err, DV_EINVAL, NULL, "This text is too long for a QR code");
	}
	cairo_t *cr = pdf->cr;
	int w = qr->width;
	double m = size / (w + 2 * QR_QUIET);
	double x0 = x + QR_QUIET * m, y0 = y + QR_QUIET * m;

	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	/* One path of horizontal runs, filled once with the nonzero rule: the
	 * squares merge, so no hairline seams show between touching modules
	 * when a viewer or printer antialiases, and the file stays small. */
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	for (int r = 0; r < w; r++) {
		const unsigned char *row = qr->data + (size_t)r * w;
		for (int c = 0; c < w;) {
			if (!(row[c] & 1)) {
				c++;
				continue;
			}
			int c1 = c;
			while (c1 < w && (row[c1] & 1))
				c1++;
			cairo_rectangle(cr, x0 + c * m, y0 + r * m, (c1 - c) * m, m);
			c = c1;
		}
	}
	cairo_fill(cr);
	cairo_restore(cr);
	QRcode_free(qr);
	return 0;
}

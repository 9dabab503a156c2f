#include "print/pdf_flow.h"

#include <stdio.h>

double pdf_flow_bottom(const struct pdf_flow *f)
{
	return pdf_mm(PDF_A4_H_MM - f->bottom_mm);
}

void pdf_flow_new_page(struct pdf_flow *f)
{
	char num[16];
	pdf_next_page(&f->pdf);
	snprintf(num, sizeof(num), "%d", ++f->page);
	pdf_text(&f->pdf, pdf_mm(f->left_mm), pdf_mm(f->number_y_mm), pdf_mm(f->width_mm),
		 f->number_font, PDF_CENTER, num);
	f->y = pdf_mm(f->top_mm);
}

void pdf_flow_room(struct pdf_flow *f, double need_mm)
{
	if (f->y + pdf_mm(need_mm) > pdf_flow_bottom(f))
		pdf_flow_new_page(f);
}

void pdf_flow_gap(struct pdf_flow *f, double mm)
{
	f->y += pdf_mm(mm);
}

void pdf_flow_lines(struct pdf_flow *f, PangoLayout *layout, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	double top = f->y;
	do {
		int y0, y1;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		if (top + pango_units_to_double(y1) > pdf_flow_bottom(f)) {
			pdf_flow_new_page(f);
			top = f->y - pango_units_to_double(y0);
		}
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		cairo_move_to(f->pdf.cr, x + pango_units_to_double(logical.x),
			      top + pango_units_to_double(pango_layout_iter_get_baseline(it)));
		pango_cairo_show_layout_line(f->pdf.cr, pango_layout_iter_get_line_readonly(it));
		f->y = top + pango_units_to_double(y1);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

void pdf_flow_text(struct pdf_flow *f, double indent, const char *font, int flags, const char *text)
{
	double x = pdf_mm(f->left_mm + indent), w = pdf_mm(f->width_mm - indent);
	double h = pdf_text(&f->pdf, x, f->y, w, font, flags | PDF_MEASURE, text);
	if (f->y + h <= pdf_flow_bottom(f)) {
		pdf_text(&f->pdf, x, f->y, w, font, flags, text);
		f->y += h;
		return;
	}
	PangoLayout *copy = pango_layout_copy(f->pdf.layout);
	pdf_flow_lines(f, copy, x);
	g_object_unref(copy);
}

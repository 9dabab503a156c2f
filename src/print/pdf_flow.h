/*
 * A document that flows down A4 pages: text set from the top margin on,
 * a new numbered page when the next piece does not fit above the bottom
 * margin, a paragraph that does not fit split line by line across pages.
 * The reports of the People's Inspection Board, the year-end review and a
 * consultation's synthesis of opinions are laid out this way.
 */
#ifndef DV_PRINT_PDF_FLOW_H
#define DV_PRINT_PDF_FLOW_H

#include "print/pdf.h"

struct pdf_flow {
	struct pdf pdf;
	/* the page's geometry, in millimetres, and the page number's font */
	double left_mm, width_mm, top_mm, bottom_mm, number_y_mm;
	const char *number_font;
	double y; /* where the next piece goes, in points */
	int page;
};

/* The lowest y a line may end at. */
double pdf_flow_bottom(const struct pdf_flow *f);
/* A new page, numbered at its head; y goes to the top margin. */
void pdf_flow_new_page(struct pdf_flow *f);
/* A new page unless need_mm still fits on this one. */
void pdf_flow_room(struct pdf_flow *f, double need_mm);
/* Move down mm millimetres. */
void pdf_flow_gap(struct pdf_flow *f, double mm);
/* The lines of a laid-out paragraph from y on, at x, onto new pages as needed. */
void pdf_flow_lines(struct pdf_flow *f, PangoLayout *layout, double x);
/* A paragraph indent mm in from the left margin, wrapped, flowing onto new pages. */
void pdf_flow_text(struct pdf_flow *f, double indent, const char *font, int flags,
		   const char *text);

#endif

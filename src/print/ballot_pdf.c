#include "print/ballot_pdf.h"

#include "base/i18n.h"
#include "print/pdf.h"

#define MARGIN 20.0 /* mm */

static const char *tr(const char *lang, const char *msgid)
{
	return i18n_get(lang, msgid);
}

/* ----------------------------------------------------------------- slips */

/* A4 in quarters; each slip's stub is its lowest STUB_H mm. */
#define SLIP_W (PDF_A4_W_MM / 2)
#define SLIP_H (PDF_A4_H_MM / 2)
#define STUB_H 44.0
#define PAD    8.0

static void dashed(struct pdf *pdf, double x0, double y0, double x1, double y1, double grey)
{
	double dash[] = {4, 3};
	cairo_save(pdf->cr);
	cairo_set_source_rgb(pdf->cr, grey, grey, grey);
	cairo_set_line_width(pdf->cr, 0.5);
	cairo_set_dash(pdf->cr, dash, 2, 0);
	cairo_move_to(pdf->cr, x0, y0);
	cairo_line_to(pdf->cr, x1, y1);
	cairo_stroke(pdf->cr);
	cairo_restore(pdf->cr);
}

/* Where the page is cut into four slips, and where each stub is torn off
 * (darker, so the two are told apart). */
static void cut_lines(struct pdf *pdf)
{
	dashed(pdf, pdf_mm(SLIP_W), 0, pdf_mm(SLIP_W), pdf_mm(PDF_A4_H_MM), 0.6);
	dashed(pdf, 0, pdf_mm(SLIP_H), pdf_mm(PDF_A4_W_MM), pdf_mm(SLIP_H), 0.6);
	for (int row = 0; row < 2; row++) {
		double y = pdf_mm(row * SLIP_H + SLIP_H - STUB_H);
		dashed(pdf, pdf_mm(PAD / 2), y, pdf_mm(PDF_A4_W_MM - PAD / 2), y, 0.3);
	}
}

/* The stub the household keeps: the receipt and where to look it up. */
static void stub(struct pdf *pdf, const struct matter *mt, const char *receipt,
		 const char *tally_url, double x, double y, double w, const char *lang)
{
	struct buf b = BUF_INIT;
	y += pdf_text(pdf, x, y, w, PDF_FONT " Bold 8", PDF_CENTER,
		      tr(lang, N_("STUB FOR THE HOUSEHOLD TO KEEP"))) +
	     pdf_mm(1);
	y += pdf_text(pdf, x, y, w, PDF_FONT " 8", PDF_CENTER, mt->title) + pdf_mm(1);
	buf_addf(&b, "%s %s", tr(lang, N_("Receipt:")), receipt);
	y += pdf_text(pdf, x, y, w, PDF_FONT " Bold 14", PDF_CENTER, b.ptr) + pdf_mm(1);
	buf_reset(&b);
	buf_addf(&b,
		 i18n_get_format(lang, N_("Tear this stub off before handing the ballot in, and "
					  "keep it to yourself: after the count, find the code "
					  "in the public tally, %s. Whoever sees the code can "
					  "see how the ballot was counted.")),
		 tally_url);
	pdf_text(pdf, x, y, w, PDF_FONT " Italic 7.5", PDF_CENTER, b.ptr);
	buf_release(&b);
}

static void slip(struct pdf *pdf, const struct matter *mt, const char *const *labels,
		 const struct meeting_paper *p, const char *receipt, const char *tally_url,
		 double x0, double y0, const char *lang)
{
	double x = x0 + pdf_mm(PAD), w = pdf_mm(SLIP_W - 2 * PAD), y = y0 + pdf_mm(PAD);
	double tear = y0 + pdf_mm(SLIP_H - STUB_H);
	struct buf b = BUF_INIT;
	y += pdf_text(pdf, x, y, w, PDF_FONT " 9", PDF_CENTER, p->community);
	y += pdf_text(pdf, x, y, w, PDF_FONT " Bold 13", PDF_CENTER,
		      tr(lang, N_("HOUSEHOLD BALLOT"))) +
	     pdf_mm(2);
	y += pdf_text(pdf, x, y, w, PDF_FONT " Bold 10", PDF_LEFT, mt->title) + pdf_mm(3);
	for (size_t i = 0; i < mt->noptions; i++) {
		cairo_rectangle(pdf->cr, x, y + pdf_mm(0.5), pdf_mm(4), pdf_mm(4));
		cairo_stroke(pdf->cr);
		y += pdf_text(pdf, x + pdf_mm(7), y, w - pdf_mm(7), PDF_FONT " 11", PDF_LEFT,
			      labels[i]) +
		     pdf_mm(2);
	}
	/* the ballot's own code and what to do, just above the tear line */
	const char *hint = tr(lang, N_("This ballot carries no name. Tick one box, tear off the "
				       "stub, fold the ballot and put it in the ballot box."));
	buf_addf(&b, "%s %s", tr(lang, N_("Receipt:")), receipt);
	double bottom =
		tear - pdf_mm(3) -
		pdf_text(pdf, x, 0, w, PDF_FONT " Italic 7.5", PDF_CENTER | PDF_MEASURE, hint) -
		pdf_text(pdf, x, 0, w, PDF_FONT " Bold 10", PDF_RIGHT | PDF_MEASURE, b.ptr);
	if (bottom < y)
		bottom = y;
	bottom += pdf_text(pdf, x, bottom, w, PDF_FONT " Bold 10", PDF_RIGHT, b.ptr);
	pdf_text(pdf, x, bottom, w, PDF_FONT " Italic 7.5", PDF_CENTER, hint);
	stub(pdf, mt, receipt, tally_url, x, tear + pdf_mm(3), w, lang);
	buf_release(&b);
}

int ballot_slips_pdf(const struct matter *mt, const char *const *option_labels,
		     const struct meeting_paper *p, const char *const *receipts, size_t n,
		     const char *tally_url, const char *lang, struct buf *out, struct dv_err *err)
{
	struct pdf pdf;
	if (n == 0 || n > BALLOT_PRINT_MAX)
		return dv_fail(err, DV_EINVAL, NULL,
			       "Print between 1 and %d paper ballots at a time", BALLOT_PRINT_MAX);
	int rc = pdf_open(&pdf, out, tr(lang, N_("Household ballots")), err);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (i && i % 4 == 0)
			pdf_next_page(&pdf);
		if (i % 4 == 0)
			cut_lines(&pdf);
		slip(&pdf, mt, option_labels, p, receipts[i], tally_url, pdf_mm((i % 2) * SLIP_W),
		     pdf_mm(((i / 2) % 2) * SLIP_H), lang);
	}
	return pdf_close(&pdf, err);
}

/* ---------------------------------------------------- distribution list */

#define ROW_H	      11.0 /* mm */
#define COL_NO	      12.0
#define COL_HOUSEHOLD 100.0

static double table_head(struct pdf *pdf, double y, const char *lang)
{
	double x = pdf_mm(MARGIN), w = pdf_mm(PDF_A4_W_MM - 2 * MARGIN);
	const char *font = PDF_FONT " Bold 9";
	pdf_text(pdf, x, y, pdf_mm(COL_NO), font, PDF_LEFT, tr(lang, N_("No.")));
	pdf_text(pdf, x + pdf_mm(COL_NO), y, pdf_mm(COL_HOUSEHOLD), font, PDF_LEFT,
		 tr(lang, N_("Household (representative)")));
	pdf_text(pdf, x + pdf_mm(COL_NO + COL_HOUSEHOLD), y, w - pdf_mm(COL_NO + COL_HOUSEHOLD),
		 font, PDF_LEFT, tr(lang, N_("Signature on receiving a ballot")));
	y += pdf_mm(6);
	cairo_move_to(pdf->cr, x, y);
	cairo_line_to(pdf->cr, x + w, y);
	cairo_stroke(pdf->cr);
	return y;
}

static double roll_line(struct pdf *pdf, const struct roll_row *h, size_t i, double y,
			const char *lang)
{
	double x = pdf_mm(MARGIN), w = pdf_mm(PDF_A4_W_MM - 2 * MARGIN);
	double sx = x + pdf_mm(COL_NO + COL_HOUSEHOLD), sw = w - pdf_mm(COL_NO + COL_HOUSEHOLD);
	struct buf b = BUF_INIT;
	buf_addf(&b, "%zu", i + 1);
	pdf_text(pdf, x, y + pdf_mm(1.5), pdf_mm(COL_NO), PDF_FONT " 9", PDF_LEFT, b.ptr);
	buf_reset(&b);
	buf_adds(&b, h->address);
	if (*h->representative)
		buf_addf(&b, " (%s)", h->representative);
	pdf_text(pdf, x + pdf_mm(COL_NO), y + pdf_mm(1.5), pdf_mm(COL_HOUSEHOLD - 3), PDF_FONT " 9",
		 PDF_LEFT, b.ptr);
	if (*h->how)
		pdf_text(pdf, sx, y + pdf_mm(1.5), sw, PDF_FONT " Italic 9", PDF_LEFT,
			 tr(lang, h->how[0] == 'o' ? N_("voted online: no paper ballot")
						   : N_("signed for a paper ballot")));
	y += pdf_mm(ROW_H);
	cairo_save(pdf->cr);
	cairo_set_line_width(pdf->cr, 0.3);
	cairo_move_to(pdf->cr, x, y);
	cairo_line_to(pdf->cr, x + w, y);
	cairo_stroke(pdf->cr);
	cairo_restore(pdf->cr);
	buf_release(&b);
	return y;
}

int ballot_roll_pdf(const struct matter *mt, const struct meeting_paper *p,
		    const struct roll_row *v, size_t n, const char *lang, struct buf *out,
		    struct dv_err *err)
{
	struct pdf pdf;
	struct buf b = BUF_INIT;
	if (n == 0)
		return dv_fail(err, DV_EINVAL, NULL, "The roll of this matter is empty");
	int rc = pdf_open(&pdf, out, tr(lang, N_("Distribution list of household ballots")), err);
	if (rc)
		return rc;
	double x = pdf_mm(MARGIN), w = pdf_mm(PDF_A4_W_MM - 2 * MARGIN), y = pdf_mm(MARGIN);
	y += meeting_paper_heading(&pdf, p, lang, y);
	y += pdf_text(&pdf, x, y, w, PDF_FONT " Bold 14", PDF_CENTER,
		      tr(lang, N_("DISTRIBUTION LIST OF HOUSEHOLD BALLOTS")));
	buf_addf(&b, "%s %s", tr(lang, N_("On:")), mt->title);
	y += pdf_text(&pdf, x, y, w, PDF_FONT " Italic 11", PDF_CENTER, b.ptr) + pdf_mm(4);
	y += pdf_text(&pdf, x, y, w, PDF_FONT " 9", PDF_LEFT,
		      tr(lang, N_("The representative of each household signs on its line, then "
				  "draws one ballot from the shuffled stack; nobody else reads its "
				  "code. A household that voted online gets no paper ballot. This "
				  "list carries no receipt, and the ballots carry no name."))) +
	     pdf_mm(4);
	y = table_head(&pdf, y, lang);
	for (size_t i = 0; i < n; i++) {
		if (y + pdf_mm(ROW_H) > pdf_mm(PDF_A4_H_MM - MARGIN)) {
			pdf_next_page(&pdf);
			y = table_head(&pdf, pdf_mm(MARGIN), lang);
		}
		y = roll_line(&pdf, &v[i], i, y, lang);
	}
	buf_release(&b);
	return pdf_close(&pdf, err);
}

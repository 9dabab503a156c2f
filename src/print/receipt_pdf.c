#include "print/receipt_pdf.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/money.h"
#include "print/pdf.h"

#define HALF   (PDF_A4_H_MM / 2) /* an A5 sheet, landscape */
#define MARGIN 14.0
#define QR     34.0
#define LABEL  PDF_FONT " 10"
#define VALUE  PDF_FONT " Bold 11"

static const char *tr(const char *lang, const char *msgid)
{
	return i18n_get(lang, msgid);
}

static void cut_line(struct pdf *pdf)
{
	double dash[] = {4, 3};
	cairo_save(pdf->cr);
	cairo_set_source_rgb(pdf->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(pdf->cr, 0.5);
	cairo_set_dash(pdf->cr, dash, 2, 0);
	cairo_move_to(pdf->cr, 0, pdf_mm(HALF));
	cairo_line_to(pdf->cr, pdf_mm(PDF_A4_W_MM), pdf_mm(HALF));
	cairo_stroke(pdf->cr);
	cairo_restore(pdf->cr);
}

/* "Label: value" on one line at y, the value in bold; returns the height. */
static double field(struct pdf *pdf, double x, double y, double w, const char *label,
		    const char *value)
{
	double lw = pdf_text_width(pdf, LABEL, label) + pdf_mm(2);
	double shift = pdf_baseline(pdf, VALUE) - pdf_baseline(pdf, LABEL);
	pdf_text(pdf, x, y + shift, lw, LABEL, PDF_LEFT, label);
	double h = pdf_text(pdf, x + lw, y, w - lw, VALUE, PDF_LEFT, value && *value ? value : "—");
	return h + pdf_mm(1.8);
}

/* One copy in the half of the page starting at top (points). */
static int copy(struct pdf *pdf, const struct receipt_paper *p, const char *lang, double top,
		const char *which, struct dv_err *err)
{
	struct buf b = BUF_INIT;
	double x = pdf_mm(MARGIN), w = pdf_mm(PDF_A4_W_MM - 2 * MARGIN), y = top + pdf_mm(10);
	double lw = pdf_mm(95), rx = pdf_mm(PDF_A4_W_MM - MARGIN - 60);
	/* who issues it, and which copy */
	double hl = pdf_text(pdf, x, y, lw, PDF_FONT " 9", PDF_LEFT, p->ward);
	hl += pdf_text(pdf, x, y + hl, lw, PDF_FONT " Bold 9", PDF_LEFT, p->community);
	hl += pdf_text(pdf, x, y + hl, lw, PDF_FONT " Italic 9", PDF_LEFT, p->work);
	buf_addf(&b, i18n_get_format(lang, N_("Receipt no. %s")), p->number);
	double hr = pdf_text(pdf, rx, y, pdf_mm(60), PDF_FONT " Bold 10", PDF_RIGHT, b.ptr);
	hr += pdf_text(pdf, rx, y + hr, pdf_mm(60), PDF_FONT " Italic 9", PDF_RIGHT, which);
	y += (hl > hr ? hl : hr) + pdf_mm(3);
	y += pdf_text(pdf, x, y, w, PDF_FONT " Bold 16", PDF_CENTER, tr(lang, N_("RECEIPT")));
	int yy, mm, dd;
	date_split(p->date, &yy, &mm, &dd);
	buf_reset(&b);
	buf_addf(&b, i18n_get_format(lang, N_("Day %02d month %02d year %04d")), dd, mm, yy);
	y += pdf_text(pdf, x, y, w, PDF_FONT " Italic 10", PDF_CENTER, b.ptr) + pdf_mm(4);
	/* the facts, the QR code on their right */
	double fw = w - pdf_mm(QR + 4), qy = y;
	y += field(pdf, x, y, fw, tr(lang, N_("Paid by:")), p->payer);
	y += field(pdf, x, y, fw, tr(lang, N_("Household:")), p->household);
	y += field(pdf, x, y, fw, tr(lang, N_("For:")), p->what);
	buf_reset(&b);
	money_format(&b, p->amount);
	y += field(pdf, x, y, fw, tr(lang, N_("Amount:")), b.ptr);
	buf_reset(&b);
	money_words(&b, p->amount);
	y += field(pdf, x, y, fw, tr(lang, N_("In words:")), b.ptr);
	y += field(pdf, x, y, fw, tr(lang, N_("Paid in:")), p->method);
	y += field(pdf, x, y, fw, tr(lang, N_("Received by:")), p->received_by);
	int rc = pdf_qr(pdf, x + w - pdf_mm(QR), qy, pdf_mm(QR), p->url, err);
	pdf_text(pdf, x + w - pdf_mm(QR), qy + pdf_mm(QR), pdf_mm(QR), PDF_FONT " 7", PDF_CENTER,
		 tr(lang, N_("Check it in the work's public ledger")));
	/* the signatures */
	y += pdf_mm(3);
	double sw = w / 2;
	pdf_text(pdf, x, y, sw, PDF_FONT " Bold 10", PDF_CENTER, tr(lang, N_("PAYER")));
	pdf_text(pdf, x + sw, y, sw, PDF_FONT " Bold 10", PDF_CENTER, tr(lang, N_("RECEIVED BY")));
	y += pdf_mm(5);
	pdf_text(pdf, x, y, sw, PDF_FONT " Italic 8", PDF_CENTER,
		 tr(lang, N_("(signature and full name)")));
	pdf_text(pdf, x + sw, y, sw, PDF_FONT " Italic 8", PDF_CENTER,
		 tr(lang, N_("(signature and full name)")));
	buf_reset(&b);
	buf_addf(&b, "%s %s", tr(lang, N_("Entry hash:")), p->hash);
	pdf_text(pdf, x, top + pdf_mm(HALF - 10), w, PDF_FONT " 6.5", PDF_LEFT, b.ptr);
	buf_release(&b);
	return rc;
}

int receipt_pdf(const struct receipt_paper *p, const char *lang, struct buf *out,
		struct dv_err *err)
{
	if (p->amount <= 0 || !p->url || !*p->url)
		return dv_fail(err, DV_EINVAL, NULL,
			       "A receipt needs a positive amount and its entry");
	struct pdf pdf;
	int rc = pdf_open(&pdf, out, tr(lang, N_("Receipt")), err);
	if (rc)
		return rc;
	rc = copy(&pdf, p, lang, 0, tr(lang, N_("Copy 1: for the household")), err);
	if (!rc)
		rc = copy(&pdf, p, lang, pdf_mm(HALF), tr(lang, N_("Copy 2: kept with the ledger")),
			  err);
	cut_line(&pdf);
	if (rc) {
		pdf_abort(&pdf);
		return rc;
	}
	return pdf_close(&pdf, err);
}

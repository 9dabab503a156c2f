#include "print/invitation.h"

#include "base/i18n.h"
#include "base/text.h"
#include "print/pdf.h"

#include <stdio.h>
#include <string.h>

/* ---------- The fixed text ---------- */

/* Two lines: a title and what it is for. The translation breaks the line
 * where its language reads best. */
static const char *const heading = N_("INVITATION\nTO ACTIVATE THE HOUSEHOLD ACCOUNT");
static const char *const label_address = N_("Address:");
static const char *const label_code = N_("Household code:");
static const char *const label_representative = N_("Representative:");
static const char *const label_short_code = N_("Activation code:");
static const char *const label_expires = N_("Valid until:");
static const char *const label_link = N_("Link:");
static const char *const how_to = N_("How to activate:");
static const char *const steps[] = {
	N_("Scan the QR code with your phone's camera, or open the link and type the activation "
	   "code."),
	N_("Choose a password; the household's account is then yours."),
	N_("Keep this slip private; it works only once. If you lose it, ask your neighborhood head "
	   "for a new one."),
};
static const char *const title = N_("Household invitation slips");

/* ---------- Geometry, in millimetres ---------- */

/* A4 in quarters: each slip is A6, cut with one vertical and one horizontal
 * stroke. Two columns rather than four strips give the QR code and the text
 * room side by side, and every slip keeps a page edge on two sides. */
#define COLS	 2
#define ROWS	 2
#define PER_PAGE (COLS * ROWS)
#define SLIP_W	 (PDF_A4_W_MM / COLS)
#define SLIP_H	 (PDF_A4_H_MM / ROWS)
#define FRAME	 6.0 /* frame inset from the slip's edges: inside any printer's margin */
#define PAD	 4.0 /* text inset from the frame */
#define TEXT_W	 (SLIP_W - 2 * (FRAME + PAD))
#define QR_BOX	 42.0 /* QR code with its quiet zone: the symbol is 30-36 mm */

#define F_UNIT	PDF_FONT " 8"
#define F_TITLE PDF_FONT " Bold 15"
#define F_HEAD	PDF_FONT " Bold 11"
#define F_LABEL PDF_FONT " 9"
#define F_SMALL PDF_FONT " 7.5"
#define F_DATE	PDF_FONT " Bold 11"
#define F_STEP	PDF_FONT " 7.5"
#define F_STEPH PDF_FONT " Bold 7.5"

static const double grey_text = 0.3, grey_line = 0.55;

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* ---------- One slip ---------- */

struct slip_ctx {
	struct pdf *pdf;
	const char *lang;
	int flags; /* PDF_MEASURE on the fitting pass */
	double label_w;
	const char *f_value, *f_bold; /* the household's details, smaller if need be */
	double steps_h;		      /* the same on every slip: measured once */
};

/* The activation code is as large as fits on one line. */
static const char *const code_fonts[] = {PDF_FONT " Bold 15", PDF_FONT " Bold 13",
					 PDF_FONT " Bold 11", PDF_FONT " Bold 9"};

/* Sizes to try for the household's details until the slip fits: a long
 * address (up to 200 characters) takes a smaller type, not a refusal. */
static const struct {
	const char *value, *bold;
} detail_fonts[] = {
	{PDF_FONT " 10.5", PDF_FONT " Bold 10.5"},
	{PDF_FONT " 9.5", PDF_FONT " Bold 9.5"},
	{PDF_FONT " 8.5", PDF_FONT " Bold 8.5"},
	{PDF_FONT " 7.5", PDF_FONT " Bold 7.5"},
};

static const char *tr(const struct slip_ctx *c, const char *msgid)
{
	return i18n_get(c->lang, msgid);
}

static void grey(const struct slip_ctx *c, double g)
{
	cairo_set_source_rgb(c->pdf->cr, g, g, g);
}

/* A "label: value" row at y; returns its height. Nothing for an empty value. */
static double slip_field(const struct slip_ctx *c, double x, double y, double w, const char *label,
		    const char *font, const char *value)
{
	if (!*value)
		return 0;
	double lw = c->label_w;
	/* One baseline for both: the smaller text goes down. */
	double drop = pdf_baseline(c->pdf, font) - pdf_baseline(c->pdf, F_LABEL);
	double dl = drop > 0 ? drop : 0, dv = drop < 0 ? -drop : 0;
	grey(c, grey_text);
	double h1 = dl + pdf_text(c->pdf, x, y + dl, lw, F_LABEL, c->flags, tr(c, label));
	grey(c, 0);
	double h2 = dv + pdf_text(c->pdf, x + lw, y + dv, w - lw, font, c->flags, value);
	return (h1 > h2 ? h1 : h2);
}

#define STEP_INDENT 4.0 /* mm, for the numbers */

/* What to do with the slip, from y down; returns the height. */
static double how_to_steps(const struct slip_ctx *c, double x, double y, double w, int f)
{
	struct pdf *pdf = c->pdf;
	double indent = pdf_mm(STEP_INDENT), y1 = y;
	grey(c, 0);
	y1 += pdf_text(pdf, x, y1, w, F_STEPH, f, tr(c, how_to));
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		char num[8];
		snprintf(num, sizeof(num), "%zu.", i + 1);
		y1 += pdf_mm(0.6);
		pdf_text(pdf, x, y1, indent, F_STEP, f, num);
		y1 += pdf_text(pdf, x + indent, y1, w - indent, F_STEP, f, tr(c, steps[i]));
	}
	return y1 - y;
}

/* Beside the QR code, what to type when the camera fails: the activation
 * code, how long it lasts, the link in small print. From y down; returns the
 * height. */
static double beside_qr(const struct slip_ctx *c, const struct invitation_slip *s, double x,
			double y, double w, int f)
{
	struct pdf *pdf = c->pdf;
	double y1 = y + pdf_mm(1);
	grey(c, grey_text);
	y1 += pdf_text(pdf, x, y1, w, F_LABEL, f, tr(c, label_short_code));
	grey(c, 0);
	/* The code on one line, in the largest size that fits: read across a
	 * line break, "7KQ4-" "M2XP" could be typed with a space. */
	size_t k = 0, nk = sizeof(code_fonts) / sizeof(code_fonts[0]);
	while (k + 1 < nk && pdf_text_width(pdf, code_fonts[k], s->short_code) > w)
		k++;
	y1 += pdf_text(pdf, x, y1, w, code_fonts[k], f, s->short_code) + pdf_mm(1.5);
	grey(c, grey_text);
	y1 += pdf_text(pdf, x, y1, w, F_LABEL, f, tr(c, label_expires));
	grey(c, 0);
	y1 += pdf_text(pdf, x, y1, w, F_DATE, f, s->expires) + pdf_mm(1.5);
	grey(c, grey_text);
	y1 += pdf_text(pdf, x, y1, w, F_LABEL, f, tr(c, label_link));
	grey(c, 0);
	y1 += pdf_text(pdf, x, y1, w, F_SMALL, f, s->claim_url);
	return y1 - y;
}

/*
 * Lay out the slip whose top-left corner is (x0, y0). With
 * PDF_MEASURE in c->flags nothing is drawn. Returns the room left between
 * the top part (heading, address) and the bottom part (QR code and steps),
 * in points: negative when the text does not fit.
 */
static double slip(const struct slip_ctx *c, const struct invitation_slip *s, double x0, double y0,
		   struct dv_err *err, int *rc)
{
	struct pdf *pdf = c->pdf;
	cairo_t *cr = pdf->cr;
	int f = c->flags;
	*rc = 0;
	double x = x0 + pdf_mm(FRAME + PAD), w = pdf_mm(TEXT_W);
	double top = y0 + pdf_mm(FRAME + PAD), bottom = y0 + pdf_mm(SLIP_H - FRAME - PAD);

	if (!(f & PDF_MEASURE)) {
		grey(c, grey_line);
		cairo_set_line_width(cr, 0.75);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_rectangle(cr, x0 + pdf_mm(FRAME), y0 + pdf_mm(FRAME),
				pdf_mm(SLIP_W - 2 * FRAME), pdf_mm(SLIP_H - 2 * FRAME));
		cairo_stroke(cr);
	}

	/* Top: who issues it, what it is, for which household. */
	double y = top;
	grey(c, grey_text);
	double h = pdf_text(pdf, x, y, w, F_UNIT, f | PDF_CENTER, or_empty(s->unit_path));
	if (h > 0)
		y += h + pdf_mm(1.5);
	grey(c, 0);
	const char *head = tr(c, heading);
	const char *nl = strchr(head, '\n');
	if (nl) {
		struct buf line = BUF_INIT;
		buf_add(&line, head, (size_t)(nl - head));
		y += pdf_text(pdf, x, y, w, F_TITLE, f | PDF_CENTER, line.ptr);
		buf_release(&line);
		head = nl + 1;
	}
	y += pdf_text(pdf, x, y, w, F_HEAD, f | PDF_CENTER, head) + pdf_mm(2.5);
	if (!(f & PDF_MEASURE)) {
		cairo_set_line_width(cr, 0.8);
		cairo_move_to(cr, x + w / 2 - pdf_mm(12), y);
		cairo_line_to(cr, x + w / 2 + pdf_mm(12), y);
		cairo_stroke(cr);
	}
	y += pdf_mm(3);
	h = slip_field(c, x, y, w, label_address, c->f_bold, s->address);
	y += h + pdf_mm(1);
	h = slip_field(c, x, y, w, label_code, c->f_value, or_empty(s->household_code));
	if (h > 0)
		y += h + pdf_mm(1);
	h = slip_field(c, x, y, w, label_representative, c->f_bold, or_empty(s->representative));
	if (h > 0)
		y += h + pdf_mm(1);
	double top_end = y;

	/* Bottom, from the frame up: the steps, the QR code. */
	if (!(f & PDF_MEASURE))
		how_to_steps(c, x, bottom - c->steps_h, w, f);
	y = bottom - c->steps_h - pdf_mm(3);

	/* The QR code, and beside it what to type when the camera fails. The
	 * quiet zone is white paper: let it reach into the padding so the
	 * symbol lines up with the text's left edge. */
	double qr = pdf_mm(QR_BOX), quiet = pdf_mm(PAD - 1);
	double rx = x - quiet + qr + pdf_mm(1), rw = x + w - rx;
	double row = beside_qr(c, s, rx, 0, rw, PDF_MEASURE);
	if (row < qr)
		row = qr;
	y -= row;
	double qr_top = y;
	if (!(f & PDF_MEASURE)) {
		*rc = pdf_qr(pdf, x - quiet, y, qr, s->claim_url, err);
		if (*rc)
			return 0;
		beside_qr(c, s, rx, y, rw, f);
	}
	return qr_top - pdf_mm(1) - top_end;
}

/* ---------- The document ---------- */

static int check_slip(const struct invitation_slip *s, size_t i, struct dv_err *err)
{
	if (!s->address || !*s->address || !s->claim_url || !*s->claim_url || !s->short_code ||
	    !*s->short_code || !s->expires || !*s->expires)
		return dv_fail(
			err, DV_EINVAL, NULL,
			"Slip %zu needs an address, a claim link, a short code and an expiry "
			"date",
			i + 1);
	if (strlen(s->claim_url) > INVITATION_URL_MAX)
		return dv_fail(err, DV_EINVAL, NULL, "The claim link of slip %zu is too long",
			       i + 1);
	const char *texts[] = {s->unit_path, s->address,    s->household_code, s->representative,
			       s->claim_url, s->short_code, s->expires};
	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		const char *t = or_empty(texts[k]);
		if (!utf8_valid(t, strlen(t)))
			return dv_fail(err, DV_EINVAL, NULL,
				       "Slip %zu holds text that is not UTF-8", i + 1);
	}
	return 0;
}

/* Dashed lines where the page is cut, across the whole sheet: the printer
 * drops what falls in its margin, and the rest guides scissors or a cutter. */
static void cut_lines(struct pdf *pdf)
{
	cairo_t *cr = pdf->cr;
	double dash[] = {pdf_mm(2), pdf_mm(1.5)};
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	cairo_set_line_width(cr, 0.5);
	cairo_set_dash(cr, dash, 2, 0);
	for (int i = 1; i < COLS; i++) {
		cairo_move_to(cr, pdf_mm(i * SLIP_W), 0);
		cairo_line_to(cr, pdf_mm(i * SLIP_W), pdf_mm(PDF_A4_H_MM));
	}
	for (int i = 1; i < ROWS; i++) {
		cairo_move_to(cr, 0, pdf_mm(i * SLIP_H));
		cairo_line_to(cr, pdf_mm(PDF_A4_W_MM), pdf_mm(i * SLIP_H));
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

int invitation_pdf(const struct invitation_slip *slips, size_t n, const char *lang, struct buf *out,
		   struct dv_err *err)
{
	if (n == 0)
		return dv_fail(err, DV_EINVAL, NULL, "Choose at least one household to print");
	if (n > INVITATION_MAX)
		return dv_fail(err, DV_EINVAL, NULL,
			       "At most %d invitations can be printed at once", INVITATION_MAX);
	for (size_t i = 0; i < n; i++) {
		int rc = check_slip(&slips[i], i, err);
		if (rc)
			return rc;
	}

	struct pdf pdf;
	int rc = pdf_open(&pdf, out, i18n_get(lang, title), err);
	if (rc)
		return rc;
	struct slip_ctx c = {.pdf = &pdf, .lang = lang};
	/* One label column for every slip, as wide as the widest label. */
	const char *labels[] = {label_address, label_code, label_representative};
	for (size_t k = 0; k < sizeof(labels) / sizeof(labels[0]); k++) {
		double lw = pdf_text_width(&pdf, F_LABEL, tr(&c, labels[k]));
		if (lw > c.label_w)
			c.label_w = lw;
	}
	c.label_w += pdf_mm(2);
	if (c.label_w > pdf_mm(40))
		c.label_w = pdf_mm(40);
	c.steps_h = how_to_steps(&c, 0, 0, pdf_mm(TEXT_W), PDF_MEASURE);

	for (size_t i = 0; i < n; i++) {
		size_t pos = i % PER_PAGE;
		if (pos == 0 && i > 0)
			pdf_next_page(&pdf);
		if (pos == 0)
			cut_lines(&pdf);
		double x0 = pdf_mm((double)(pos % COLS) * SLIP_W);
		double y0 = pdf_mm((double)(pos / COLS) * SLIP_H);
		size_t k = 0, nk = sizeof(detail_fonts) / sizeof(detail_fonts[0]);
		c.flags = PDF_MEASURE;
		for (; k < nk; k++) {
			c.f_value = detail_fonts[k].value;
			c.f_bold = detail_fonts[k].bold;
			if (slip(&c, &slips[i], x0, y0, err, &rc) >= 0)
				break;
		}
		if (k == nk) {
			pdf_abort(&pdf);
			return dv_fail(err, DV_EINVAL, NULL,
				       "Slip %zu has too much text to fit on the page", i + 1);
		}
		c.flags = 0;
		slip(&c, &slips[i], x0, y0, err, &rc);
		if (rc) {
			pdf_abort(&pdf);
			return rc;
		}
	}
	return pdf_close(&pdf, err);
}

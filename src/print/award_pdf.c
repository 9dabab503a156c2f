#include "print/award_pdf.h"

#include <math.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "print/pdf.h"

/* --------------------------------------------------------------- colours */

static void red(cairo_t *cr)
{
	cairo_set_source_rgb(cr, 0.66, 0.09, 0.09);
}

static void gold(cairo_t *cr)
{
	cairo_set_source_rgb(cr, 0.78, 0.58, 0.13);
}

static void ink(cairo_t *cr)
{
	cairo_set_source_rgb(cr, 0, 0, 0);
}

/* ---------------------------------------------------------------- border */

#define CW PDF_A4_H_MM /* a certificate is A4 landscape */
#define CH PDF_A4_W_MM

static void frame(cairo_t *cr, double inset_mm, double width)
{
	cairo_set_line_width(cr, width);
	cairo_rectangle(cr, pdf_mm(inset_mm), pdf_mm(inset_mm), pdf_mm(CW - 2 * inset_mm),
			pdf_mm(CH - 2 * inset_mm));
	cairo_stroke(cr);
}

/* A small diamond centred at (x, y), r points from centre to tip. */
static void diamond(cairo_t *cr, double x, double y, double r)
{
	cairo_move_to(cr, x, y - r);
	cairo_line_to(cr, x + r, y);
	cairo_line_to(cr, x, y + r);
	cairo_line_to(cr, x - r, y);
	cairo_close_path(cr);
}

/* The chain of diamonds between the outer frames, along a side from
 * (x0, y0) to (x1, y1). */
static void chain(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	double len = hypot(x1 - x0, y1 - y0), step = pdf_mm(5.5);
	int n = (int)(len / step);
	for (int i = 1; i < n; i++) {
		double t = (double)i / n;
		diamond(cr, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, pdf_mm(i % 2 ? 1.1 : 0.6));
	}
	cairo_fill(cr);
}

/* A rosette in a corner: a gold disc, eight petals, a red ring. */
static void rosette(cairo_t *cr, double x, double y)
{
	gold(cr);
	for (int k = 0; k < 8; k++) {
		double a = k * M_PI / 4;
		cairo_save(cr);
		cairo_translate(cr, x, y);
		cairo_rotate(cr, a);
		cairo_move_to(cr, 0, 0);
		cairo_curve_to(cr, pdf_mm(1.6), pdf_mm(-1.2), pdf_mm(3.6), pdf_mm(-0.8),
			       pdf_mm(4.6), 0);
		cairo_curve_to(cr, pdf_mm(3.6), pdf_mm(0.8), pdf_mm(1.6), pdf_mm(1.2), 0, 0);
		cairo_restore(cr);
	}
	cairo_fill(cr);
	red(cr);
	cairo_arc(cr, x, y, pdf_mm(1.6), 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_set_line_width(cr, 0.8);
	cairo_arc(cr, x, y, pdf_mm(5.4), 0, 2 * M_PI);
	cairo_stroke(cr);
}

/* A five-pointed star, centred, r from centre to tip. */
static void star(cairo_t *cr, double x, double y, double r)
{
	for (int k = 0; k < 10; k++) {
		double a = -M_PI / 2 + k * M_PI / 5, rr = k % 2 ? r * 0.4 : r;
		if (k)
			cairo_line_to(cr, x + rr * cos(a), y + rr * sin(a));
		else
			cairo_move_to(cr, x + rr * cos(a), y + rr * sin(a));
	}
	cairo_close_path(cr);
	cairo_fill(cr);
}

static void border(struct pdf *pdf)
{
	cairo_t *cr = pdf->cr;
	cairo_save(cr);
	red(cr);
	frame(cr, 8, 2.6);
	gold(cr);
	frame(cr, 10.2, 0.9);
	frame(cr, 15.8, 0.9);
	/* the chain runs in the band between the gold frames */
	double a = pdf_mm(13), b = pdf_mm(CW - 13), c = pdf_mm(CH - 13);
	chain(cr, a, a, b, a);
	chain(cr, a, c, b, c);
	chain(cr, a, a, a, c);
	chain(cr, b, a, b, c);
	red(cr);
	frame(cr, 17.2, 0.5);
	rosette(cr, a, a);
	rosette(cr, b, a);
	rosette(cr, a, c);
	rosette(cr, b, c);
	/* the star above the motto, in a gold ring */
	gold(cr);
	cairo_set_line_width(cr, 1);
	cairo_arc(cr, pdf_mm(CW / 2), pdf_mm(25), pdf_mm(4.6), 0, 2 * M_PI);
	cairo_stroke(cr);
	red(cr);
	star(cr, pdf_mm(CW / 2), pdf_mm(25.3), pdf_mm(3.6));
	cairo_restore(cr);
}

/* ----------------------------------------------------------- certificates */

/* "Dĩ An, ngày 10 tháng 02 năm 2023". */
static const char *place_date(struct buf *b, const char *place, int32_t ymd)
{
	int y, m, d;
	date_split(ymd, &y, &m, &d);
	buf_reset(b);
	buf_addf(b, "%s, ngày %02d tháng %02d năm %d", place, d, m, y);
	return b->ptr;
}

static void centre(struct pdf *pdf, double y_mm, double w_mm, const char *font, const char *s)
{
	pdf_text(pdf, pdf_mm((CW - w_mm) / 2), pdf_mm(y_mm), pdf_mm(w_mm), font, PDF_CENTER, s);
}

static double centre_h(struct pdf *pdf, double y_mm, double w_mm, const char *font,
		       const char *s)
{
	return pdf_text(pdf, pdf_mm((CW - w_mm) / 2), pdf_mm(y_mm), pdf_mm(w_mm), font, PDF_CENTER,
			s) *
	       25.4 / 72.0;
}

static void revoked_mark(struct pdf *pdf)
{
	cairo_t *cr = pdf->cr;
	cairo_save(cr);
	cairo_translate(cr, pdf_mm(CW / 2), pdf_mm(CH / 2));
	cairo_rotate(cr, -0.35);
	cairo_set_source_rgba(cr, 0.8, 0.1, 0.1, 0.35);
	pdf_text(pdf, pdf_mm(-120), pdf_mm(-15), pdf_mm(240), PDF_FONT " Bold 64", PDF_CENTER,
		 "ĐÃ THU HỒI");
	cairo_restore(cr);
}

static int certificate_page(struct pdf *pdf, const struct certificate *c, struct dv_err *err)
{
	cairo_t *cr = pdf->cr;
	struct buf b = BUF_INIT;
	border(pdf);
	ink(cr);
	double y = 32;
	y += centre_h(pdf, y, 200, PDF_FONT " Bold 13", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	y += centre_h(pdf, y, 200, PDF_FONT " Bold 12", "Độc lập - Tự do - Hạnh phúc");
	cairo_set_line_width(cr, 0.7);
	cairo_move_to(cr, pdf_mm(CW / 2 - 28), pdf_mm(y + 1));
	cairo_line_to(cr, pdf_mm(CW / 2 + 28), pdf_mm(y + 1));
	cairo_stroke(cr);
	y += 6;
	int giay_khen = !strcmp(c->paper, "GIẤY KHEN");
	buf_addf(&b, "%s%s", giay_khen ? "CHỦ TỊCH " : "", c->authority);
	y += centre_h(pdf, y, 220, PDF_FONT " Bold 14", b.ptr);
	y += 4;
	red(cr);
	if (giay_khen) {
		y += centre_h(pdf, y, 230, PDF_FONT " Bold 34", "TẶNG GIẤY KHEN");
	} else {
		y += centre_h(pdf, y, 230, PDF_FONT " Bold 20", "CÔNG NHẬN DANH HIỆU");
		y += centre_h(pdf, y, 230, PDF_FONT " Bold 28", c->paper);
	}
	y += 5;
	cairo_set_source_rgb(cr, 0.05, 0.15, 0.45);
	y += centre_h(pdf, y, 230, PDF_FONT " Bold Italic 24", c->name);
	ink(cr);
	if (*c->detail)
		y += centre_h(pdf, y, 230, PDF_FONT " Italic 13", c->detail);
	y += 4;
	y += centre_h(pdf, y, 225, PDF_FONT " Italic 12", "Đã có thành tích:");
	centre(pdf, y + 1, 225, PDF_FONT " 15", c->achievement);

	/* the decision, the QR code and the code, bottom left */
	buf_reset(&b);
	struct buf day = BUF_INIT;
	date_format(&day, c->signed_on);
	buf_addf(&b, "Quyết định số %s\nngày %s", c->decision_no, day.ptr);
	buf_release(&day);
	pdf_text(pdf, pdf_mm(24), pdf_mm(140), pdf_mm(75), PDF_FONT " 11", PDF_LEFT, b.ptr);
	int rc = pdf_qr(pdf, pdf_mm(22), pdf_mm(152), pdf_mm(30), c->verify_url, err);
	pdf_text(pdf, pdf_mm(24), pdf_mm(182), pdf_mm(80), PDF_FONT " 8", PDF_LEFT, c->code);

	/* place and date, the signer, bottom right */
	double x = CW - 24 - 105;
	pdf_text(pdf, pdf_mm(x), pdf_mm(138), pdf_mm(105), PDF_FONT " Italic 12", PDF_CENTER,
		 place_date(&b, c->place, c->signed_on));
	double h = pdf_text(pdf, pdf_mm(x), pdf_mm(145), pdf_mm(105), PDF_FONT " Bold 13",
			    PDF_CENTER, c->signer_title);
	pdf_text(pdf, pdf_mm(x), pdf_mm(145) + h + pdf_mm(24), pdf_mm(105), PDF_FONT " Bold 14",
		 PDF_CENTER, c->signer_name);
	if (c->revoked) {
		revoked_mark(pdf);
		red(cr);
		centre(pdf, 186, 150, PDF_FONT " Bold 11", "GIẤY KHEN NÀY ĐÃ BỊ THU HỒI");
	}
	buf_release(&b);
	return rc;
}

int certificates_pdf(const struct certificate *v, size_t n, struct buf *out, struct dv_err *err)
{
	struct pdf pdf;
	if (n == 0 || n > CERTIFICATES_MAX)
		return dv_fail(err, DV_EINVAL, NULL, "Between 1 and %d certificates are printed at once",
			       CERTIFICATES_MAX);
	for (size_t i = 0; i < n; i++)
		if (!utf8_valid(v[i].name, strlen(v[i].name)) ||
		    !utf8_valid(v[i].achievement, strlen(v[i].achievement)))
			return dv_fail(err, DV_EINVAL, NULL, "A certificate's text is not UTF-8");
	int rc = pdf_open_size(&pdf, out, "Giấy khen", CW, CH, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		if (i)
			pdf_next_page(&pdf);
		rc = certificate_page(&pdf, &v[i], err);
	}
	if (rc) {
		pdf_abort(&pdf);
		return rc;
	}
	return pdf_close(&pdf, err);
}

/* ---------------------------------------------------------------- minutes */

#define MARGIN 20.0
#define BODY PDF_FONT " 11"
#define BOLD PDF_FONT " Bold 11"

static const char *tr(const char *lang, const char *msgid)
{
	return i18n_get(lang, msgid);
}

static double line(struct pdf *pdf, double y, const char *font, const char *text)
{
	return pdf_text(pdf, pdf_mm(MARGIN), y, pdf_mm(PDF_A4_W_MM - 2 * MARGIN), font, PDF_LEFT,
			text) +
	       pdf_mm(1.5);
}

static double room(struct pdf *pdf, double y, double need)
{
	if (y + pdf_mm(need) <= pdf_mm(PDF_A4_H_MM - MARGIN))
		return y;
	pdf_next_page(pdf);
	return pdf_mm(MARGIN);
}

static double heading(struct pdf *pdf, const struct council_minutes *c, const char *lang,
		      double y)
{
	double w = pdf_mm(85), left = pdf_mm(MARGIN), right = pdf_mm(PDF_A4_W_MM - MARGIN) - w;
	double hl = pdf_text(pdf, left, y, w, PDF_FONT " 10", PDF_CENTER, c->authority);
	hl += pdf_text(pdf, left, y + hl, w, PDF_FONT " Bold 10", PDF_CENTER,
		       tr(lang, N_("EMULATION AND COMMENDATION COUNCIL")));
	double hr = pdf_text(pdf, right, y, w, PDF_FONT " Bold 10", PDF_CENTER,
			     tr(lang, N_("SOCIALIST REPUBLIC OF VIET NAM")));
	hr += pdf_text(pdf, right, y + hr, w, PDF_FONT " Bold 10", PDF_CENTER,
		       tr(lang, N_("Independence - Freedom - Happiness")));
	return (hl > hr ? hl : hr) + pdf_mm(8);
}

static double item_block(struct pdf *pdf, const struct minutes_item *it, size_t i,
			 const char *lang, double y)
{
	struct buf b = BUF_INIT;
	y = room(pdf, y, 28);
	buf_addf(&b, "%zu. %s%s%s — %s", i + 1, it->name, *it->detail ? ", " : "", it->detail,
		 it->form);
	y += line(pdf, y, BOLD, b.ptr);
	buf_reset(&b);
	buf_addf(&b, "%s %s", tr(lang, N_("Achievement:")), it->achievement);
	y += line(pdf, y, BODY, b.ptr);
	buf_reset(&b);
	if (!it->voted) {
		buf_adds(&b, tr(lang, N_("Not voted.")));
	} else {
		buf_addf(&b,
			 i18n_get_format(lang, N_("Agreed: %lld (%s). Disagreed: %lld (%s). "
						  "Abstained: %lld (%s). %s")),
			 (long long)it->yes, it->yes_names, (long long)it->no, it->no_names,
			 (long long)it->abstain, it->abstain_names,
			 tr(lang, it->passed ? N_("Passed.") : N_("Not passed.")));
	}
	y += line(pdf, y, BODY, b.ptr);
	buf_release(&b);
	return y + pdf_mm(1.5);
}

static void minutes_signatures(struct pdf *pdf, const char *lang, double y)
{
	double w = pdf_mm(70), left = pdf_mm(MARGIN), right = pdf_mm(PDF_A4_W_MM - MARGIN) - w;
	y = room(pdf, y, 45) + pdf_mm(6);
	pdf_text(pdf, left, y, w, BOLD, PDF_CENTER, tr(lang, N_("SECRETARY")));
	pdf_text(pdf, right, y, w, BOLD, PDF_CENTER, tr(lang, N_("CHAIR OF THE COUNCIL")));
	y += pdf_mm(6);
	pdf_text(pdf, left, y, w, PDF_FONT " Italic 9", PDF_CENTER,
		 tr(lang, N_("(signature and full name)")));
	pdf_text(pdf, right, y, w, PDF_FONT " Italic 9", PDF_CENTER,
		 tr(lang, N_("(signature and full name)")));
}

int council_minutes_pdf(const struct council_minutes *c, const char *lang, struct buf *out,
			struct dv_err *err)
{
	struct pdf pdf;
	struct buf b = BUF_INIT, d = BUF_INIT;
	int rc = pdf_open(&pdf, out, tr(lang, N_("Minutes of the emulation and commendation council")),
			  err);
	if (rc)
		return rc;
	double y = pdf_mm(MARGIN), x = pdf_mm(MARGIN), w = pdf_mm(PDF_A4_W_MM - 2 * MARGIN);
	y += heading(&pdf, c, lang, y);
	y += pdf_text(&pdf, x, y, w, PDF_FONT " Bold 15", PDF_CENTER, tr(lang, N_("MINUTES")));
	y += pdf_text(&pdf, x, y, w, PDF_FONT " Bold 12", PDF_CENTER,
		      tr(lang, N_("Session of the emulation and commendation council")));
	buf_addf(&b, "%s %s", tr(lang, N_("On:")), c->round);
	y += pdf_text(&pdf, x, y, w, PDF_FONT " Italic 11", PDF_CENTER, b.ptr) + pdf_mm(6);
	date_format(&d, c->held_on);
	buf_reset(&b);
	buf_addf(&b, i18n_get_format(lang, N_("Day: %s. Place: %s.")), d.ptr, c->place);
	y += line(&pdf, y, BODY, b.ptr);
	buf_reset(&b);
	buf_addf(&b,
		 i18n_get_format(lang, N_("Present: %lld of the council's %lld members. The council "
					  "decides with at least %s of its members present: it %s.")),
		 (long long)c->present, (long long)c->members, c->quorum,
		 tr(lang, c->quorate ? N_("was quorate") : N_("was not quorate")));
	y += line(&pdf, y, BODY, b.ptr) + pdf_mm(1);
	for (int present = 1; present >= 0; present--) {
		buf_reset(&b);
		buf_addf(&b, "%s ", tr(lang, present ? N_("Members present:") : N_("Absent:")));
		int any = 0;
		for (size_t i = 0; i < c->nm; i++)
			if (c->m[i].present == present)
				buf_addf(&b, "%s%s (%s)", any++ ? ", " : "", c->m[i].name,
					 c->m[i].position);
		if (!any)
			buf_adds(&b, "—");
		y += line(&pdf, y, BODY, b.ptr);
	}
	buf_reset(&b);
	buf_addf(&b,
		 i18n_get_format(lang, N_("A nomination passes with more than %d%% of the members "
					  "present agreeing.")),
		 c->majority);
	y += line(&pdf, y, BODY, b.ptr) + pdf_mm(2);
	y += line(&pdf, y, BOLD, tr(lang, N_("Nominations and votes")));
	for (size_t i = 0; i < c->ni; i++)
		y = item_block(&pdf, &c->items[i], i, lang, y);
	if (!c->ni)
		y += line(&pdf, y, BODY, tr(lang, N_("Nothing was put to the vote.")));
	minutes_signatures(&pdf, lang, y);
	buf_release(&b);
	buf_release(&d);
	return pdf_close(&pdf, err);
}

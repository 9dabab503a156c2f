#include "print/meeting_pdf.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "print/pdf.h"

#define MARGIN 20.0 /* mm */
#define BODY PDF_FONT " 11"
#define BOLD PDF_FONT " Bold 11"

static const char *tr(const char *lang, const char *msgid)
{
	return i18n_get(lang, msgid);
}

double meeting_paper_heading(struct pdf *pdf, const struct meeting_paper *p, const char *lang,
			     double y)
{
	double w = pdf_mm(80), left = pdf_mm(MARGIN), right = pdf_mm(PDF_A4_W_MM - MARGIN) - w;
	double hl = pdf_text(pdf, left, y, w, PDF_FONT " 10", PDF_CENTER, p->ward);
	hl += pdf_text(pdf, left, y + hl, w, PDF_FONT " Bold 10", PDF_CENTER, p->community);
	double hr = pdf_text(pdf, right, y, w, PDF_FONT " Bold 10", PDF_CENTER,
			     tr(lang, N_("SOCIALIST REPUBLIC OF VIET NAM")));
	hr += pdf_text(pdf, right, y + hr, w, PDF_FONT " Bold 10", PDF_CENTER,
		       tr(lang, N_("Independence - Freedom - Happiness")));
	return (hl > hr ? hl : hr) + pdf_mm(8);
}

static double line(struct pdf *pdf, double y, const char *font, const char *text)
{
	double w = pdf_mm(PDF_A4_W_MM - 2 * MARGIN);
	return pdf_text(pdf, pdf_mm(MARGIN), y, w, font, PDF_LEFT, text) + pdf_mm(1.5);
}

/* A new page when fewer than `need` mm are left. */
static double room(struct pdf *pdf, double y, double need)
{
	if (y + pdf_mm(need) <= pdf_mm(PDF_A4_H_MM - MARGIN))
		return y;
	pdf_next_page(pdf);
	return pdf_mm(MARGIN);
}

static const char *when(struct buf *b, int64_t t)
{
	buf_reset(b);
	time_format(b, t);
	return b->ptr;
}

/* A count per option (candidates): "Secret ballot, of 9 present: A 6, B 3;
 * 0 blank or spoiled. Passed." */
static void option_counts(struct buf *b, const struct matter *mt, const struct motion *o,
			  const char *lang)
{
	int64_t sum = 0;
	buf_addf(b, i18n_get_format(lang, N_("%s, of %lld present:")),
		 tr(lang, o->method == VOTE_SECRET ? N_("Secret ballot") : N_("Show of hands")),
		 (long long)o->present);
	for (size_t k = 0; k < mt->noptions && k < 11; k++) {
		buf_addf(b, "%s %s %lld", k ? "," : "", mt->options[k].label,
			 (long long)o->option_votes[k]);
		sum += o->option_votes[k];
	}
	buf_addf(b, i18n_get_format(lang, N_("; %lld blank or not cast. %s")),
		 (long long)(o->present - sum), tr(lang, o->passed ? N_("Passed.") : N_("Not passed.")));
}

static double motion_block(struct pdf *pdf, const struct matter *mt, const struct motion *o,
			   size_t i, const char *lang, double y)
{
	struct buf b = BUF_INIT;
	y = room(pdf, y, 30);
	buf_addf(&b, "%zu. %s", i + 1, o->text);
	y += line(pdf, y, BOLD, b.ptr);
	if (o->members[0]) {
		buf_reset(&b);
		buf_addf(&b, "%s ", tr(lang, N_("Members:")));
		for (const char *s = o->members; *s; s++)
			if (*s == '\n')
				buf_adds(&b, ", ");
			else
				buf_addch(&b, *s);
		y += line(pdf, y, BODY, b.ptr);
	}
	buf_reset(&b);
	if (!o->decided) {
		y += line(pdf, y, BODY, tr(lang, N_("Not voted.")));
	} else if (o->by_option) {
		option_counts(&b, mt, o, lang);
		y += line(pdf, y, BODY, b.ptr);
	} else {
		buf_addf(&b, i18n_get_format(lang, N_("%s: %lld agreed, %lld disagreed, %lld gave no "
						      "opinion, of %lld present. %s")),
			 tr(lang, o->method == VOTE_SECRET ? N_("Secret ballot") : N_("Show of hands")),
			 (long long)o->yes, (long long)o->no, (long long)o->abstain,
			 (long long)o->present, tr(lang, o->passed ? N_("Passed.") : N_("Not passed.")));
		y += line(pdf, y, BODY, b.ptr);
	}
	buf_release(&b);
	return y + pdf_mm(1);
}

static double signatures(struct pdf *pdf, const struct meeting *m, const char *lang, double y)
{
	double w = pdf_mm(70), left = pdf_mm(MARGIN), right = pdf_mm(PDF_A4_W_MM - MARGIN) - w;
	y = room(pdf, y, 45) + pdf_mm(6);
	pdf_text(pdf, left, y, w, BOLD, PDF_CENTER, tr(lang, N_("SECRETARY")));
	pdf_text(pdf, right, y, w, BOLD, PDF_CENTER, tr(lang, N_("CHAIR")));
	y += pdf_mm(6);
	pdf_text(pdf, left, y, w, PDF_FONT " Italic 9", PDF_CENTER,
		 tr(lang, N_("(signature and full name)")));
	pdf_text(pdf, right, y, w, PDF_FONT " Italic 9", PDF_CENTER,
		 tr(lang, N_("(signature and full name)")));
	y += pdf_mm(22);
	pdf_text(pdf, left, y, w, BOLD, PDF_CENTER, m->secretary);
	pdf_text(pdf, right, y, w, BOLD, PDF_CENTER, m->chair);
	return y + pdf_mm(8);
}

int minutes_pdf(const struct matter *mt, const struct meeting *m, const struct meeting_paper *p,
		const char *lang, struct buf *out, struct dv_err *err)
{
	struct pdf pdf;
	struct buf b = BUF_INIT;
	int rc = pdf_open(&pdf, out, tr(lang, N_("Minutes of a community meeting")), err);
	if (rc)
		return rc;
	double y = pdf_mm(MARGIN);
	y += meeting_paper_heading(&pdf, p, lang, y);
	double w = pdf_mm(PDF_A4_W_MM - 2 * MARGIN), x = pdf_mm(MARGIN);
	y += pdf_text(&pdf, x, y, w, PDF_FONT " Bold 15", PDF_CENTER, tr(lang, N_("MINUTES")));
	y += pdf_text(&pdf, x, y, w, PDF_FONT " Bold 12", PDF_CENTER,
		      tr(lang, N_("Community meeting")));
	buf_addf(&b, "%s %s", tr(lang, N_("On:")), mt->title);
	y += pdf_text(&pdf, x, y, w, PDF_FONT " Italic 11", PDF_CENTER, b.ptr) + pdf_mm(6);
	buf_reset(&b);
	struct buf t = BUF_INIT;
	buf_addf(&b, i18n_get_format(lang, N_("Time: %s. Place: %s.")),
		 when(&t, m->opened_at ? m->opened_at : m->starts_at), m->place);
	y += line(&pdf, y, BODY, b.ptr);
	buf_reset(&b);
	buf_addf(&b, i18n_get_format(lang, N_("Chair: %s. Secretary: %s.")), m->chair, m->secretary);
	y += line(&pdf, y, BODY, b.ptr);
	buf_reset(&b);
	buf_addf(&b,
		 i18n_get_format(lang, N_("Present: %lld of the %lld households' representatives of "
					  "the community. The meeting needs more than %d%% of them: "
					  "it %s.")),
		 (long long)m->present, (long long)m->eligible, m->quorum,
		 tr(lang, m->quorate ? N_("was quorate") : N_("was not quorate")));
	y += line(&pdf, y, BODY, b.ptr) + pdf_mm(2);
	y += line(&pdf, y, BOLD, tr(lang, N_("What was put to the meeting")));
	y += line(&pdf, y, BODY, mt->body) + pdf_mm(2);
	y = room(&pdf, y, 20);
	y += line(&pdf, y, BOLD, tr(lang, N_("Votes")));
	for (size_t i = 0; i < m->nmotions; i++)
		y = motion_block(&pdf, mt, &m->motions[i], i, lang, y);
	if (!m->nmotions)
		y += line(&pdf, y, BODY, tr(lang, N_("Nothing was put to the vote.")));
	y = room(&pdf, y, 20) + pdf_mm(2);
	y += line(&pdf, y, BOLD, tr(lang, N_("Conclusion")));
	y += line(&pdf, y, BODY, p->reason && *p->reason ? p->reason : "");
	buf_reset(&b);
	if (m->closed_at) {
		buf_addf(&b, i18n_get_format(lang, N_("The meeting closed at %s; these minutes were "
						      "read to it.")),
			 when(&t, m->closed_at));
		y += line(&pdf, y, PDF_FONT " Italic 10", b.ptr);
	}
	signatures(&pdf, m, lang, y);
	buf_release(&b);
	buf_release(&t);
	return pdf_close(&pdf, err);
}

/* ------------------------------------------------------------ invitations */

#define SLIP_W (PDF_A4_W_MM / 2)
#define SLIP_H (PDF_A4_H_MM / 2)
#define PAD 9.0
#define QR 34.0

static void cut_lines(struct pdf *pdf)
{
	double dash[] = {4, 3};
	cairo_save(pdf->cr);
	cairo_set_source_rgb(pdf->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(pdf->cr, 0.5);
	cairo_set_dash(pdf->cr, dash, 2, 0);
	cairo_move_to(pdf->cr, pdf_mm(SLIP_W), 0);
	cairo_line_to(pdf->cr, pdf_mm(SLIP_W), pdf_mm(PDF_A4_H_MM));
	cairo_move_to(pdf->cr, 0, pdf_mm(SLIP_H));
	cairo_line_to(pdf->cr, pdf_mm(PDF_A4_W_MM), pdf_mm(SLIP_H));
	cairo_stroke(pdf->cr);
	cairo_restore(pdf->cr);
}

static int slip(struct pdf *pdf, const struct matter *mt, const struct meeting *m,
		const struct meeting_paper *p, const struct meeting_slip *s, double x0, double y0,
		const char *lang, struct dv_err *err)
{
	double x = x0 + pdf_mm(PAD), w = pdf_mm(SLIP_W - 2 * PAD), y = y0 + pdf_mm(PAD);
	struct buf b = BUF_INIT, t = BUF_INIT;
	y += pdf_text(pdf, x, y, w, PDF_FONT " 9", PDF_CENTER, p->community);
	y += pdf_text(pdf, x, y, w, PDF_FONT " Bold 13", PDF_CENTER,
		      tr(lang, N_("INVITATION TO A COMMUNITY MEETING"))) +
	     pdf_mm(3);
	buf_addf(&b, "%s %s", tr(lang, N_("To the representative of the household at")), s->address);
	if (s->representative && *s->representative)
		buf_addf(&b, " (%s)", s->representative);
	y += pdf_text(pdf, x, y, w, PDF_FONT " Bold 10", PDF_LEFT, b.ptr) + pdf_mm(2);
	buf_reset(&b);
	buf_addf(&b, i18n_get_format(lang, N_("Time: %s. Place: %s.")), when(&t, m->starts_at),
		 m->place);
	y += pdf_text(pdf, x, y, w, PDF_FONT " 10", PDF_LEFT, b.ptr) + pdf_mm(1.5);
	buf_reset(&b);
	buf_addf(&b, "%s %s", tr(lang, N_("To decide:")), mt->title);
	y += pdf_text(pdf, x, y, w, PDF_FONT " 10", PDF_LEFT, b.ptr) + pdf_mm(4);
	int rc = pdf_qr(pdf, x + (w - pdf_mm(QR)) / 2, y, pdf_mm(QR), s->checkin_url, err);
	y += pdf_mm(QR + 2);
	if (!rc)
		pdf_text(pdf, x, y, w, PDF_FONT " Italic 9", PDF_CENTER,
			 tr(lang, N_("Bring this invitation: the head scans the code to check "
				     "your household in.")));
	buf_release(&b);
	buf_release(&t);
	return rc;
}

int meeting_slips_pdf(const struct matter *mt, const struct meeting *m,
		      const struct meeting_paper *p, const struct meeting_slip *v, size_t n,
		      const char *lang, struct buf *out, struct dv_err *err)
{
	struct pdf pdf;
	if (n == 0 || n > MEETING_SLIPS_MAX)
		return dv_fail(err, DV_EINVAL, NULL, "Between 1 and %d invitations at a time",
			       MEETING_SLIPS_MAX);
	int rc = pdf_open(&pdf, out, tr(lang, N_("Invitations to a community meeting")), err);
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < n; i++) {
		if (i && i % 4 == 0)
			pdf_next_page(&pdf);
		if (i % 4 == 0)
			cut_lines(&pdf);
		rc = slip(&pdf, mt, m, p, &v[i], pdf_mm((i % 2) * SLIP_W),
			  pdf_mm(((i / 2) % 2) * SLIP_H), lang, err);
	}
	if (rc) {
		pdf_abort(&pdf);
		return rc;
	}
	return pdf_close(&pdf, err);
}

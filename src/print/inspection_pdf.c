#include "print/inspection_pdf.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "print/pdf_flow.h"

/* ---------- Geometry, in millimetres, and type ---------- */

#define LEFT   25.0
#define RIGHT  20.0
#define TOP    20.0
#define BOTTOM 20.0
#define TEXT_W (PDF_A4_W_MM - LEFT - RIGHT)

#define F_BODY	PDF_FONT " 10.5"
#define F_BOLD	PDF_FONT " Bold 10.5"
#define F_META	PDF_FONT " 8.5"
#define F_HEAD	PDF_FONT " Bold 11"
#define F_CELL	PDF_FONT " 8.5"
#define F_CELLB PDF_FONT " Bold 8.5"

struct doc {
	struct pdf_flow f;
	const char *lang;
	double y;
	int page;
	struct buf b;
};

static const char *tr(const struct doc *d, const char *msgid)
{
	return i18n_get(d->lang, msgid);
}

static const char *trf(const struct doc *d, const char *fmt)
{
	return i18n_get_format(d->lang, fmt);
}

/* A paragraph `indent` mm in, wrapped, flowing onto new pages. */
static void flow(struct doc *d, double indent, const char *font, int flags, const char *text)
{
	pdf_flow_text(&d->f, indent, font, flags, text);
}

static void rule(struct doc *d, double x, double y, double w)
{
	cairo_move_to(d->f.pdf.cr, x, y);
	cairo_line_to(d->f.pdf.cr, x + w, y);
	cairo_set_line_width(d->f.pdf.cr, 0.6);
	cairo_stroke(d->f.pdf.cr);
}

static const char *date_text(struct doc *d, int32_t ymd)
{
	static _Thread_local char s[16];
	int y, m, day;
	date_split(ymd, &y, &m, &day);
	snprintf(s, sizeof(s), "%02d/%02d/%04d", day, m, y);
	(void)d;
	return s;
}

/* ---------- The heading ---------- */

static void heading(struct doc *d, const struct board *b, const struct inspection_paper *p)
{
	struct pdf *pdf = &d->f.pdf;
	double lw = pdf_mm(72), rw = pdf_mm(TEXT_W - 72), lx = pdf_mm(LEFT), rx = lx + lw;
	double y = d->f.y;
	const char *font = PDF_FONT " Bold 10";
	buf_reset(&d->b);
	buf_addf(&d->b, "%s\n", tr(d, N_("PEOPLE'S INSPECTION BOARD")));
	buf_adds(&d->b, p->ward && *p->ward ? p->ward : b->ward_name);
	struct arena a = ARENA_INIT;
	const char *upper = text_upper_a(&a, d->b.ptr);
	double hl = pdf_text(pdf, lx, y, lw, font, PDF_CENTER, upper ? upper : d->b.ptr);
	arena_release(&a);
	rule(d, lx + lw / 2 - pdf_mm(12), y + hl + pdf_mm(1.2), pdf_mm(24));
	double hr = pdf_text(pdf, rx, y, rw, font, PDF_CENTER,
			     tr(d, N_("SOCIALIST REPUBLIC OF VIET NAM")));
	const char *motto = tr(d, N_("Independence - Freedom - Happiness"));
	double mw = pdf_text_width(pdf, PDF_FONT " Bold 11", motto);
	hr += pdf_text(pdf, rx, y + hr, rw, PDF_FONT " Bold 11", PDF_CENTER, motto);
	rule(d, rx + (rw - mw) / 2, y + hr + pdf_mm(1.2), mw);
	d->f.y = y + (hl > hr ? hl : hr) + pdf_mm(4);
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("%s, %s")), p->ward && *p->ward ? p->ward : b->ward_name,
		 date_text(d, p->today));
	d->f.y += pdf_text(pdf, rx, d->f.y, rw, PDF_FONT " Italic 10", PDF_RIGHT, d->b.ptr);
	pdf_flow_gap(&d->f, 8);
	d->f.y += pdf_text(pdf, lx, d->f.y, pdf_mm(TEXT_W), PDF_FONT " Bold 14", PDF_CENTER,
			   tr(d, N_("REPORT OF THE PEOPLE'S INSPECTION BOARD")));
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("Quarter %d of %d")), p->quarter, p->year);
	d->f.y += pdf_text(pdf, lx, d->f.y, pdf_mm(TEXT_W), PDF_FONT " Bold 12", PDF_CENTER,
			   d->b.ptr);
	pdf_flow_gap(&d->f, 8);
}

/* ---------- The parts ---------- */

static void members(struct doc *d, const struct board *b)
{
	flow(d, 0, F_HEAD, PDF_LEFT, tr(d, N_("I. THE BOARD")));
	pdf_flow_gap(&d->f, 2);
	buf_reset(&d->b);
	buf_addf(&d->b,
		 trf(d, N_("Status: %s. Members: %zu (at least %lld, and %lld from each "
			   "village or residential group).")),
		 tr(d, board_status_label(b->status)), b->nmembers, (long long)b->members_min,
		 (long long)b->per_community);
	flow(d, 0, F_BODY, PDF_LEFT, d->b.ptr);
	for (size_t i = 0; i < b->nmembers; i++) {
		buf_reset(&d->b);
		buf_addf(&d->b, "%zu. %s, %s (%s)", i + 1, b->members[i].name,
			 tr(d, member_position_label(b->members[i].position)),
			 b->members[i].unit_name);
		flow(d, 5, F_BODY, PDF_LEFT, d->b.ptr);
	}
	pdf_flow_gap(&d->f, 5);
}

/* One row of the table of reports: the kind and six figures. */
static void stats_row(struct doc *d, const char *const cells[7], const char *font)
{
	static const double widths[] = {46, 18, 18,
					17, 24, 20}; /* the last column takes the rest */
	pdf_flow_room(&d->f, 8);
	double x = pdf_mm(LEFT), h = 0;
	for (int i = 0; i < 7; i++) {
		double w = pdf_mm(i < 6 ? widths[i] : TEXT_W - 143);
		double t = pdf_text(&d->f.pdf, x, d->f.y, w - pdf_mm(1), font,
				    i ? PDF_RIGHT : PDF_LEFT, cells[i]);
		h = t > h ? t : h;
		x += w;
	}
	d->f.y += h + pdf_mm(1);
	rule(d, pdf_mm(LEFT), d->f.y - pdf_mm(0.5), pdf_mm(TEXT_W));
}

static const char *num(struct doc *d, char *buf, size_t size, int64_t v)
{
	(void)d;
	snprintf(buf, size, "%lld", (long long)v);
	return buf;
}

static void reports(struct doc *d, const struct inspection_paper *p)
{
	pdf_flow_room(&d->f, 30);
	flow(d, 0, F_HEAD, PDF_LEFT, tr(d, N_("II. RESIDENTS' REPORTS IN THE QUARTER")));
	pdf_flow_gap(&d->f, 2);
	const char *const head[7] = {tr(d, N_("Kind")),	    tr(d, N_("Received")),
				     tr(d, N_("Resolved")), tr(d, N_("On time")),
				     tr(d, N_("Median")),   tr(d, N_("Overdue now")),
				     tr(d, N_("Rating"))};
	stats_row(d, head, F_CELLB);
	for (size_t i = 0; i < p->nstats; i++) {
		const struct report_stats *s = &p->stats[i];
		char c1[24], c2[24], c3[24], c4[32], c5[24], c6[24];
		int ot = report_stats_on_time_percent(s), rt = report_stats_rating_tenths(s);
		if (ot < 0)
			snprintf(c3, sizeof(c3), "-");
		else
			snprintf(c3, sizeof(c3), "%d%%", ot);
		if (s->resolved)
			snprintf(c4, sizeof(c4), trf(d, N_("%lld d %lld h")),
				 (long long)(s->median_seconds / 86400),
				 (long long)(s->median_seconds % 86400 / 3600));
		else
			snprintf(c4, sizeof(c4), "-");
		if (rt < 0)
			snprintf(c6, sizeof(c6), "-");
		else
			snprintf(c6, sizeof(c6), "%d,%d/5", rt / 10, rt % 10);
		const char *name = !s->category_id ? tr(d, N_("All kinds"))
				   : strcmp(d->lang, "en") == 0 && *s->category_en ? s->category_en
										   : s->category_vi;
		const char *const cells[7] = {name,
					      num(d, c1, sizeof(c1), s->received),
					      num(d, c2, sizeof(c2), s->resolved),
					      c3,
					      c4,
					      num(d, c5, sizeof(c5), s->overdue),
					      c6};
		stats_row(d, cells, s->category_id ? F_CELL : F_CELLB);
	}
	pdf_flow_gap(&d->f, 5);
}

static void one_case(struct doc *d, size_t i, const struct inspection_case *c)
{
	pdf_flow_room(&d->f, 25);
	buf_reset(&d->b);
	buf_addf(&d->b, "%zu. %s", i + 1, c->title);
	flow(d, 0, F_BOLD, PDF_LEFT, d->b.ptr);
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("From: %s. Opened %s. %s.")), tr(d, case_source_label(c->source)),
		 date_text(d, c->opened_on), tr(d, case_status_label(c->status)));
	flow(d, 5, F_META, PDF_LEFT, d->b.ptr);
	flow(d, 5, F_BODY, PDF_LEFT, c->subject);
	for (size_t k = 0; k < c->nentries; k++) {
		buf_reset(&d->b);
		buf_addf(&d->b, "%s (%s): %s", tr(d, entry_kind_label(c->entries[k].kind)),
			 date_text(d, c->entries[k].on_date), c->entries[k].text);
		flow(d, 5, F_BODY, PDF_LEFT, d->b.ptr);
	}
	for (size_t k = 0; k < c->nrecs; k++) {
		const struct inspection_rec *x = &c->recs[k];
		buf_reset(&d->b);
		buf_addf(&d->b, trf(d, N_("Recommendation of %s: %s")), date_text(d, x->sent_on),
			 x->text);
		flow(d, 5, F_BOLD, PDF_LEFT, d->b.ptr);
		buf_reset(&d->b);
		if (x->outcome != OUTCOME_NONE)
			buf_addf(&d->b, "%s: %s", tr(d, outcome_label(x->outcome)), x->answer);
		else
			buf_addf(&d->b, trf(d, N_("No answer yet (due %s)%s")),
				 date_text(d, x->due), x->overdue ? tr(d, N_(": overdue")) : "");
		flow(d, 10, F_BODY, PDF_LEFT, d->b.ptr);
	}
	if (*c->conclusion) {
		buf_reset(&d->b);
		buf_addf(&d->b, "%s %s", tr(d, N_("Conclusion:")), c->conclusion);
		flow(d, 5, F_BODY, PDF_LEFT, d->b.ptr);
	}
	pdf_flow_gap(&d->f, 3);
}

static void cases(struct doc *d, const struct inspection_paper *p)
{
	pdf_flow_room(&d->f, 30);
	flow(d, 0, F_HEAD, PDF_LEFT, tr(d, N_("III. CASES OPENED IN THE QUARTER")));
	pdf_flow_gap(&d->f, 2);
	if (!p->ncases)
		flow(d, 0, F_BODY, PDF_LEFT, tr(d, N_("The board opened no case in the quarter.")));
	int64_t recs = 0, answered = 0, overdue = 0;
	for (size_t i = 0; i < p->ncases; i++) {
		one_case(d, i, &p->cases[i]);
		recs += p->cases[i].recommendations;
		answered += p->cases[i].answered;
		overdue += p->cases[i].overdue;
	}
	pdf_flow_room(&d->f, 20);
	flow(d, 0, F_HEAD, PDF_LEFT, tr(d, N_("IV. RECOMMENDATIONS")));
	pdf_flow_gap(&d->f, 2);
	buf_reset(&d->b);
	buf_addf(&d->b,
		 trf(d, N_("Recommendations sent: %lld; answered: %lld; waiting past their "
			   "deadline: %lld.")),
		 (long long)recs, (long long)answered, (long long)overdue);
	flow(d, 0, F_BODY, PDF_LEFT, d->b.ptr);
	pdf_flow_gap(&d->f, 6);
}

static void signature(struct doc *d, const struct board *b, const struct inspection_paper *p,
		      struct dv_err *err)
{
	pdf_flow_room(&d->f, 45);
	double rx = pdf_mm(LEFT + 80), rw = pdf_mm(TEXT_W - 80);
	double top = d->f.y;
	d->f.y += pdf_text(&d->f.pdf, rx, d->f.y, rw, F_BOLD, PDF_CENTER,
			   tr(d, N_("ON BEHALF OF THE BOARD")));
	d->f.y += pdf_text(&d->f.pdf, rx, d->f.y, rw, F_BOLD, PDF_CENTER,
			   tr(d, N_("Head of the board")));
	pdf_flow_gap(&d->f, 18);
	for (size_t i = 0; i < b->nmembers; i++)
		if (b->members[i].position == MP_HEAD) {
			d->f.y += pdf_text(&d->f.pdf, rx, d->f.y, rw, F_BOLD, PDF_CENTER,
					   b->members[i].name);
			break;
		}
	if (p->url && *p->url)
		pdf_qr(&d->f.pdf, pdf_mm(LEFT), top, pdf_mm(28), p->url, err);
}

/* ---------- Checks ---------- */

static int valid(const char *s)
{
	return !s || utf8_valid(s, strlen(s));
}

static int check(const struct board *b, const struct inspection_paper *p, struct dv_err *err)
{
	if (!valid(b->ward_name) || !valid(p->ward) || (p->url && !valid(p->url)))
		return dv_fail(err, DV_EINVAL, NULL, "A text of the report is not valid UTF-8");
	for (size_t i = 0; i < b->nmembers; i++)
		if (!valid(b->members[i].name) || !valid(b->members[i].unit_name))
			return dv_fail(err, DV_EINVAL, NULL, "A member's name is not valid UTF-8");
	for (size_t i = 0; i < p->ncases; i++) {
		const struct inspection_case *c = &p->cases[i];
		if (!valid(c->title) || !valid(c->subject) || !valid(c->conclusion))
			return dv_fail(err, DV_EINVAL, NULL, "Case %lld is not valid UTF-8",
				       (long long)c->id);
		for (size_t k = 0; k < c->nentries; k++)
			if (!valid(c->entries[k].text))
				return dv_fail(err, DV_EINVAL, NULL, "Case %lld is not valid UTF-8",
					       (long long)c->id);
		for (size_t k = 0; k < c->nrecs; k++)
			if (!valid(c->recs[k].text) || !valid(c->recs[k].answer))
				return dv_fail(err, DV_EINVAL, NULL, "Case %lld is not valid UTF-8",
					       (long long)c->id);
	}
	return 0;
}

int inspection_pdf(const struct board *b, const struct inspection_paper *p, struct buf *out,
		   struct dv_err *err)
{
	int rc = check(b, p, err);
	if (rc)
		return rc;
	struct doc d = {.lang = p->lang ? p->lang : "vi",
			.f = {.left_mm = LEFT,
			      .width_mm = TEXT_W,
			      .top_mm = TOP,
			      .bottom_mm = BOTTOM,
			      .number_y_mm = 10,
			      .number_font = F_META,
			      .page = 1},
			.b = BUF_INIT};
	if ((rc = pdf_open(&d.f.pdf, out, tr(&d, N_("Report of the People's Inspection Board")),
			   err)))
		return rc;
	d.f.y = pdf_mm(TOP);
	heading(&d, b, p);
	members(&d, b);
	reports(&d, p);
	cases(&d, p);
	struct dv_err qr_err = {0};
	signature(&d, b, p, &qr_err);
	buf_release(&d.b);
	return pdf_close(&d.f.pdf, err);
}

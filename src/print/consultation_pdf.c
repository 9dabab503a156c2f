#include "print/consultation_pdf.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/array.h"
#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "print/pdf.h"
#include "print/pdf_flow.h"

/* ---------- Geometry, in millimetres, and type ---------- */

/* The margins of an administrative document: the wider one on the left,
 * where the pages are bound. */
#define LEFT	   25.0
#define RIGHT	   20.0
#define TOP	   20.0
#define BOTTOM	   20.0
#define TEXT_W	   (PDF_A4_W_MM - LEFT - RIGHT)
#define OP_INDENT  5.0	/* an opinion under its section */
#define ANS_INDENT 10.0 /* the answer under its opinion */

#define F_BODY	 PDF_FONT " 10.5"
#define F_BOLD	 PDF_FONT " Bold 10.5"
#define F_ITALIC PDF_FONT " Italic 10"
#define F_META	 PDF_FONT " 8.5"
#define F_HEAD	 PDF_FONT " Bold 11"
#define F_CELL	 PDF_FONT " 8.5"
#define F_CELLB	 PDF_FONT " Bold 8.5"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* ---------- Checks shared with the workbook ---------- */

static int valid(const char *s)
{
	return !s || utf8_valid(s, strlen(s));
}

static int labels_valid(const char *const *table, int count)
{
	for (int i = 0; table && i < count; i++)
		if (!valid(table[i]))
			return 0;
	return 1;
}

const struct consult_section *synthesis_section(const struct consultation *c, int number)
{
	for (size_t i = 0; i < c->nsections; i++)
		if (c->sections[i].number == number)
			return &c->sections[i];
	return NULL;
}

static int texts_valid(const struct consultation *c, const struct synthesis_paper *p)
{
	const char *texts[] = {c->title, c->unit_name, c->summary, p->authority, p->unit, p->kind};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!valid(texts[i]))
			return 0;
	for (size_t i = 0; i < c->nsections; i++)
		if (!valid(c->sections[i].heading))
			return 0;
	return labels_valid(p->stances, ST_COUNT) && labels_valid(p->channels, OC_COUNT) &&
	       labels_valid(p->answers, ANS_COUNT);
}

int synthesis_check(const struct consultation *c, const struct opinion *ops, size_t nops,
		    const struct synthesis_paper *p, struct dv_err *err)
{
	if (!texts_valid(c, p))
		return dv_fail(err, DV_EINVAL, NULL,
			       "A text of the consultation is not valid UTF-8");
	for (size_t i = 0; i < nops; i++) {
		const struct opinion *o = &ops[i];
		if (!valid(o->text) || !valid(o->from) || !valid(o->reason) ||
		    (unsigned)o->stance >= ST_COUNT || (unsigned)o->channel >= OC_COUNT ||
		    (unsigned)o->answer >= ANS_COUNT)
			return dv_fail(err, DV_EINVAL, NULL, "Opinion %lld is not valid",
				       (long long)o->id);
		if (!synthesis_section(c, o->section))
			return dv_fail(err, DV_EINVAL, NULL,
				       "Opinion %lld is on no section of the draft",
				       (long long)o->id);
	}
	return 0;
}

const char *synthesis_section_heading(const struct consult_section *s, const char *lang)
{
	const char *h = or_empty(s->heading);
	if (s->number != 0)
		return h;
	return i18n_get(lang, *h ? h : N_("The draft as a whole"));
}

const char *const synthesis_count_headers[] = {
	N_("No."),
	N_("Section of the draft"),
	N_("Opinions received"),
	N_("In favour"),
	N_("Against"),
	N_("Other opinions"),
	N_("Collective"),
	N_("Accepted"),
	N_("Partly accepted"),
	N_("Not accepted"),
};
_Static_assert(ARRAY_LEN(synthesis_count_headers) == 2 + SYNTHESIS_COUNTS, "a header per column");

void synthesis_counts(const struct consult_section *s, int64_t v[SYNTHESIS_COUNTS])
{
	const int64_t w[SYNTHESIS_COUNTS] = {s->opinions,   s->support,	 s->oppose, s->other,
					     s->collective, s->accepted, s->partly, s->rejected};
	memcpy(v, w, sizeof(w));
}

const char *synthesis_label(const char *const *table, int count, int i)
{
	if (!table || i < 0 || i >= count)
		return "";
	return or_empty(table[i]);
}

/* ---------- The page ---------- */

struct doc {
	struct pdf_flow f; /* f.y: points from the top of the page, where the next text goes */
	const char *lang;
	const struct synthesis_paper *p;
	struct buf b; /* scratch for one line of text */
};

static const char *tr(const struct doc *d, const char *msgid)
{
	return i18n_get(d->lang, msgid);
}

static const char *trf(const struct doc *d, const char *fmt)
{
	return i18n_get_format(d->lang, fmt);
}

/* A paragraph flowing down the pages (print/pdf_flow.h). */
static void flow(struct doc *d, double indent, const char *font, int flags, const char *text)
{
	pdf_flow_text(&d->f, indent, font, flags, text);
}

static void grey(struct doc *d, double g)
{
	cairo_set_source_rgb(d->f.pdf.cr, g, g, g);
}

static void rule(struct doc *d, double x, double y, double w)
{
	cairo_move_to(d->f.pdf.cr, x, y);
	cairo_line_to(d->f.pdf.cr, x + w, y);
	cairo_set_line_width(d->f.pdf.cr, 0.6);
	cairo_stroke(d->f.pdf.cr);
}

/* ---------- The heading ---------- */

/* s broken into two lines at the space nearest its middle when it is too
 * wide for w and has no line break of its own: "ỦY BAN NHÂN DÂN" over
 * "PHƯỜNG TÂN ĐÔNG HIỆP", as the authority is set. */
static const char *balanced(struct doc *d, const char *s, const char *font, double w)
{
	if (strchr(s, '\n') || pdf_text_width(&d->f.pdf, font, s) <= w)
		return s;
	size_t half = utf8_count(s, strlen(s)) / 2, chars = 0, best = 0, dist = SIZE_MAX;
	for (const char *q = s; *q; q++) {
		if ((*q & 0xC0) != 0x80)
			chars++;
		size_t dd = chars > half ? chars - half : half - chars;
		if (*q == ' ' && dd < dist) {
			dist = dd;
			best = (size_t)(q - s);
		}
	}
	if (dist == SIZE_MAX)
		return s;
	/* Two lines only if each then fits; else pango wraps it as it can. */
	buf_reset(&d->b);
	buf_add(&d->b, s, best);
	if (pdf_text_width(&d->f.pdf, font, d->b.ptr) > w ||
	    pdf_text_width(&d->f.pdf, font, s + best + 1) > w)
		return s;
	buf_addch(&d->b, '\n');
	buf_adds(&d->b, s + best + 1);
	return d->b.ptr;
}

/* The date the report bears: its publication, or today for a draft of it. */
static void place_and_date(struct doc *d, const struct consultation *c, double x, double w)
{
	int y, m, day;
	date_split(time_local_date(c->published_at ? c->published_at : time_now()), &y, &m, &day);
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("%s, %02d/%02d/%d")), or_empty(d->p->unit), day, m, y);
	d->f.y += pdf_text(&d->f.pdf, x, d->f.y, w, PDF_FONT " Italic 10", PDF_RIGHT, d->b.ptr);
}

/* The authority on the left, the national motto on the right, each with its
 * short rule beneath, then where and when. */
static void heading(struct doc *d, const struct consultation *c)
{
	struct pdf *pdf = &d->f.pdf;
	double lw = pdf_mm(72), rw = pdf_mm(TEXT_W - 72), lx = pdf_mm(LEFT), rx = lx + lw;
	double y = d->f.y;
	const char *font = PDF_FONT " Bold 10";
	const char *a = balanced(d, or_empty(d->p->authority), font, lw);
	double hl = pdf_text(pdf, lx, y, lw, font, PDF_CENTER, a);
	if (hl > 0)
		rule(d, lx + lw / 2 - pdf_mm(12), y + hl + pdf_mm(1.2), pdf_mm(24));
	double hr = pdf_text(pdf, rx, y, rw, font, PDF_CENTER,
			     tr(d, N_("SOCIALIST REPUBLIC OF VIET NAM")));
	const char *motto = tr(d, N_("Independence - Freedom - Happiness"));
	double mw = pdf_text_width(pdf, PDF_FONT " Bold 11", motto);
	hr += pdf_text(pdf, rx, y + hr, rw, PDF_FONT " Bold 11", PDF_CENTER, motto);
	rule(d, rx + (rw - mw) / 2, y + hr + pdf_mm(1.2), mw);
	d->f.y = y + (hl > hr ? hl : hr) + pdf_mm(4);
	place_and_date(d, c, rx, rw);
	pdf_flow_gap(&d->f, 8);
}

static void title(struct doc *d, const struct consultation *c)
{
	double x = pdf_mm(LEFT), w = pdf_mm(TEXT_W);
	d->f.y += pdf_text(&d->f.pdf, x, d->f.y, w, PDF_FONT " Bold 14", PDF_CENTER,
			   tr(d, N_("REPORT ON THE OPINIONS RECEIVED")));
	pdf_flow_gap(&d->f, 1);
	flow(d, 0, PDF_FONT " Bold 12", PDF_CENTER, or_empty(c->title));
	rule(d, x + w / 2 - pdf_mm(20), d->f.y + pdf_mm(2), pdf_mm(40));
	pdf_flow_gap(&d->f, 8);
}

static const char *day_of(struct buf *b, int64_t t)
{
	buf_reset(b);
	if (t)
		date_format(b, time_local_date(t));
	return b->ptr;
}

/* What was consulted on, where and when. */
static void intro(struct doc *d, const struct consultation *c)
{
	struct buf t1 = BUF_INIT, t2 = BUF_INIT;
	const char *kind = or_empty(d->p->kind), *unit = or_empty(c->unit_name);
	if (*kind) {
		buf_reset(&d->b);
		buf_addf(&d->b, trf(d, N_("Kind of consultation: %s.")), kind);
		flow(d, 0, F_BODY, PDF_LEFT, d->b.ptr);
	}
	if (*unit) {
		buf_reset(&d->b);
		buf_addf(&d->b, trf(d, N_("Consulted in: %s.")), unit);
		flow(d, 0, F_BODY, PDF_LEFT, d->b.ptr);
	}
	if (c->opened_at && c->closes_at) {
		buf_reset(&d->b);
		buf_addf(&d->b, trf(d, N_("Comments on the draft were taken from %s to %s.")),
			 day_of(&t1, c->opened_at), day_of(&t2, c->closes_at));
		flow(d, 0, F_BODY, PDF_LEFT, d->b.ptr);
	}
	buf_release(&t1);
	buf_release(&t2);
	pdf_flow_gap(&d->f, 4);
}

/* ---------- The counts ---------- */

#define NCOUNTS SYNTHESIS_COUNTS
#define NCOLS	(2 + NCOUNTS)

static void totals_of(const struct consultation *c, int64_t v[NCOUNTS])
{
	memset(v, 0, NCOUNTS * sizeof(*v));
	for (size_t i = 0; i < c->nsections; i++) {
		int64_t s[NCOUNTS];
		synthesis_counts(&c->sections[i], s);
		for (int k = 0; k < NCOUNTS; k++)
			v[k] += s[k];
	}
}

/* The counts need few digits; their headers need the room. */
static const double col_w[] = {10, 43, 14, 14, 14, 14, 14, 14, 14, 14};
_Static_assert(ARRAY_LEN(col_w) == NCOLS, "a width per column");
#define CELL_PAD 1.0 /* mm */

static double row_height(struct doc *d, const char *const cells[NCOLS], const char *font)
{
	double h = 0;
	for (int i = 0; i < NCOLS; i++) {
		double ch = pdf_text(&d->f.pdf, 0, 0, pdf_mm(col_w[i] - 2 * CELL_PAD), font,
				     PDF_MEASURE, cells[i]);
		h = ch > h ? ch : h;
	}
	return h + pdf_mm(2 * CELL_PAD);
}

/* One row of the table at d->f.y, each cell framed; cells[1] is set to the
 * left, the rest centred. */
static void table_row(struct doc *d, const char *const cells[NCOLS], const char *font, double h,
		      double shade)
{
	cairo_t *cr = d->f.pdf.cr;
	double pad = pdf_mm(CELL_PAD), x = pdf_mm(LEFT);
	for (int i = 0; i < NCOLS; i++) {
		double w = pdf_mm(col_w[i]);
		cairo_rectangle(cr, x, d->f.y, w, h);
		if (shade < 1) {
			grey(d, shade);
			cairo_fill_preserve(cr);
			grey(d, 0);
		}
		cairo_set_line_width(cr, 0.5);
		cairo_stroke(cr);
		pdf_text(&d->f.pdf, x + pad, d->f.y + pad, w - 2 * pad, font,
			 i == 1 ? PDF_LEFT : PDF_CENTER, cells[i]);
		x += w;
	}
	d->f.y += h;
}

/* Does every word of every header fit its column in font? */
static int words_fit(struct doc *d, const char *const head[NCOLS], const char *font)
{
	for (int i = 0; i < NCOLS; i++) {
		double w = pdf_mm(col_w[i] - 2 * CELL_PAD);
		for (const char *s = head[i]; *s;) {
			size_t n = strcspn(s, " \n");
			buf_reset(&d->b);
			buf_add(&d->b, s, n);
			if (pdf_text_width(&d->f.pdf, font, d->b.ptr) > w)
				return 0;
			s += n;
			s += strspn(s, " \n");
		}
	}
	return 1;
}

/* The largest type in which no header breaks inside a word: "Supporting"
 * is longer than "Tán thành". */
static const char *header_font(struct doc *d, const char *const head[NCOLS])
{
	static const char *const fonts[] = {PDF_FONT " Bold 8", PDF_FONT " Bold 7.5",
					    PDF_FONT " Bold 7", PDF_FONT " Bold 6.5"};
	size_t n = sizeof(fonts) / sizeof(fonts[0]);
	for (size_t i = 0; i < n - 1; i++)
		if (words_fit(d, head, fonts[i]))
			return fonts[i];
	return fonts[n - 1];
}

static void table_header(struct doc *d)
{
	const char *head[NCOLS];
	for (int i = 0; i < NCOLS; i++)
		head[i] = tr(d, synthesis_count_headers[i]);
	const char *font = header_font(d, head);
	table_row(d, head, font, row_height(d, head, font), 0.9);
}

/* A row of counts, on a new page under the header again when it does not
 * fit on this one. */
static void count_row(struct doc *d, const char *no, const char *label, const int64_t v[NCOUNTS],
		      const char *font)
{
	char num[NCOUNTS][24];
	const char *cells[NCOLS] = {no, label};
	for (int k = 0; k < NCOUNTS; k++) {
		snprintf(num[k], sizeof(num[k]), "%lld", (long long)v[k]);
		cells[2 + k] = num[k];
	}
	double h = row_height(d, cells, font);
	if (d->f.y + h > pdf_flow_bottom(&d->f)) {
		pdf_flow_new_page(&d->f);
		table_header(d);
	}
	table_row(d, cells, font, h, 1);
}

/* Part I: the totals in words, then the table of every section. */
static void overall(struct doc *d, const struct consultation *c)
{
	int64_t t[NCOUNTS];
	totals_of(c, t);
	pdf_flow_room(&d->f, 40);
	flow(d, 0, F_HEAD, PDF_LEFT, tr(d, N_("I. OVERALL RESULTS")));
	pdf_flow_gap(&d->f, 2);
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("Opinions received: %lld, of which %lld collective.")),
		 (long long)t[0], (long long)t[4]);
	flow(d, 0, F_BODY, PDF_LEFT, d->b.ptr);
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("Supporting: %lld; opposing: %lld; other: %lld.")),
		 (long long)t[1], (long long)t[2], (long long)t[3]);
	flow(d, 0, F_BODY, PDF_LEFT, d->b.ptr);
	buf_reset(&d->b);
	buf_addf(&d->b,
		 trf(d, N_("Accepted: %lld; partly accepted: %lld; not accepted: %lld; not "
			   "answered yet: %lld.")),
		 (long long)t[5], (long long)t[6], (long long)t[7],
		 (long long)(t[0] - t[5] - t[6] - t[7]));
	flow(d, 0, F_BODY, PDF_LEFT, d->b.ptr);
	pdf_flow_gap(&d->f, 3);
	pdf_flow_room(&d->f, 30);
	table_header(d);
	for (size_t i = 0; i < c->nsections; i++) {
		const struct consult_section *s = &c->sections[i];
		int64_t v[NCOUNTS];
		char no[16] = "";
		if (s->number)
			snprintf(no, sizeof(no), "%d", s->number);
		synthesis_counts(s, v);
		count_row(d, no, synthesis_section_heading(s, d->lang), v, F_CELL);
	}
	count_row(d, "", tr(d, N_("Total")), t, F_CELLB);
	pdf_flow_gap(&d->f, 6);
}

/* ---------- The opinions ---------- */

static void opinion_block(struct doc *d, const struct opinion *o, size_t n)
{
	const struct synthesis_paper *p = d->p;
	struct buf t = BUF_INIT;
	pdf_flow_room(&d->f, 18);
	buf_reset(&d->b);
	buf_addf(&d->b, "%zu. %s", n, or_empty(o->from));
	if (o->collective)
		buf_addf(&d->b, " (%s)", tr(d, N_("collective opinion")));
	flow(d, OP_INDENT, F_BOLD, PDF_LEFT, d->b.ptr);
	buf_reset(&d->b);
	buf_addf(&d->b, "%s  ·  %s  ·  %s", synthesis_label(p->stances, ST_COUNT, (int)o->stance),
		 synthesis_label(p->channels, OC_COUNT, (int)o->channel),
		 day_of(&t, o->created_at));
	grey(d, 0.35);
	flow(d, OP_INDENT, F_META, PDF_LEFT, d->b.ptr);
	grey(d, 0);
	pdf_flow_gap(&d->f, 0.8);
	flow(d, OP_INDENT, F_BODY, PDF_LEFT, or_empty(o->text));
	pdf_flow_gap(&d->f, 0.8);
	buf_reset(&d->b);
	buf_addf(&d->b, "%s %s", tr(d, N_("Answer:")),
		 synthesis_label(p->answers, ANS_COUNT, (int)o->answer));
	if (o->reason && *o->reason)
		buf_addf(&d->b, ". %s", o->reason);
	flow(d, ANS_INDENT, F_ITALIC, PDF_LEFT, d->b.ptr);
	pdf_flow_gap(&d->f, 3);
	buf_release(&t);
}

static void section_block(struct doc *d, const struct consult_section *s, const struct opinion *ops,
			  size_t nops, size_t *n)
{
	pdf_flow_room(&d->f, 28);
	buf_reset(&d->b);
	if (s->number)
		buf_addf(&d->b, trf(d, N_("Section %d. %s")), s->number, or_empty(s->heading));
	else
		buf_adds(&d->b, synthesis_section_heading(s, d->lang));
	flow(d, 0, F_BOLD, PDF_LEFT, d->b.ptr);
	buf_reset(&d->b);
	if (s->opinions)
		buf_addf(&d->b,
			 trf(d, N_("%lld opinions (%lld supporting, %lld opposing, %lld other; "
				   "%lld collective). Accepted: %lld, partly accepted: %lld, not "
				   "accepted: %lld.")),
			 (long long)s->opinions, (long long)s->support, (long long)s->oppose,
			 (long long)s->other, (long long)s->collective, (long long)s->accepted,
			 (long long)s->partly, (long long)s->rejected);
	else
		buf_adds(&d->b, tr(d, N_("No opinion was given on this section.")));
	flow(d, 0, F_ITALIC, PDF_LEFT, d->b.ptr);
	pdf_flow_gap(&d->f, 2.5);
	for (size_t i = 0; i < nops; i++)
		if (ops[i].section == s->number)
			opinion_block(d, &ops[i], ++*n);
	pdf_flow_gap(&d->f, 3);
}

/* ---------- The end ---------- */

static void conclusion(struct doc *d, const struct consultation *c)
{
	pdf_flow_room(&d->f, 25);
	flow(d, 0, F_HEAD, PDF_LEFT, tr(d, N_("III. CONCLUSION")));
	pdf_flow_gap(&d->f, 2);
	const char *s = or_empty(c->summary);
	flow(d, 0, *s ? F_BODY : F_ITALIC, PDF_LEFT,
	     *s ? s : tr(d, N_("No conclusion has been written yet.")));
	pdf_flow_gap(&d->f, 6);
}

/* Who signs, bottom right, with room for the signature and the seal. */
static void signature(struct doc *d)
{
	double w = pdf_mm(80), x = pdf_mm(PDF_A4_W_MM - RIGHT) - w;
	pdf_flow_room(&d->f, 50);
	d->f.y += pdf_text(&d->f.pdf, x, d->f.y, w, F_HEAD, PDF_CENTER,
			   tr(d, N_("ON BEHALF OF THE PEOPLE'S COMMITTEE")));
	d->f.y += pdf_text(&d->f.pdf, x, d->f.y, w, F_HEAD, PDF_CENTER, tr(d, N_("CHAIRPERSON")));
	d->f.y += pdf_text(&d->f.pdf, x, d->f.y, w, PDF_FONT " Italic 9", PDF_CENTER,
			   tr(d, N_("(signature, full name and seal)")));
}

int synthesis_pdf(const struct consultation *c, const struct opinion *ops, size_t nops,
		  const struct synthesis_paper *p, const char *lang, struct buf *out,
		  struct dv_err *err)
{
	int rc = synthesis_check(c, ops, nops, p, err);
	if (rc)
		return rc;
	struct doc d = {.f = {.left_mm = LEFT,
			      .width_mm = TEXT_W,
			      .top_mm = TOP,
			      .bottom_mm = BOTTOM,
			      .number_y_mm = 10,
			      .number_font = F_META,
			      .page = 1},
			.lang = lang,
			.p = p,
			.b = BUF_INIT};
	rc = pdf_open(&d.f.pdf, out, tr(&d, N_("Synthesis of the opinions received")), err);
	if (rc)
		return rc;
	d.f.y = pdf_mm(TOP);
	heading(&d, c);
	title(&d, c);
	intro(&d, c);
	overall(&d, c);
	pdf_flow_room(&d.f, 40);
	flow(&d, 0, F_HEAD, PDF_LEFT, tr(&d, N_("II. OPINIONS AND ANSWERS BY SECTION")));
	pdf_flow_gap(&d.f, 3);
	size_t n = 0;
	for (size_t i = 0; i < c->nsections; i++)
		section_block(&d, &c->sections[i], ops, nops, &n);
	conclusion(&d, c);
	signature(&d);
	buf_release(&d.b);
	return pdf_close(&d.f.pdf, err);
}

#include "print/review_pdf.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "print/pdf_flow.h"

/* ---------- Geometry, in millimetres, and type ---------- */

#define LEFT   25.0
#define RIGHT  18.0
#define TOP    18.0
#define BOTTOM 18.0
#define TEXT_W (PDF_A4_W_MM - LEFT - RIGHT)

#define F_BODY	PDF_FONT " 10.5"
#define F_ITAL	PDF_FONT " Italic 10.5"
#define F_META	PDF_FONT " 8"
#define F_PART	PDF_FONT " Bold 11.5"
#define F_SUB	PDF_FONT " Bold 10.5"
#define F_CELL	PDF_FONT " 8.5"
#define F_CELLB PDF_FONT " Bold 8.5"

struct doc {
	struct pdf_flow f;
	const char *lang;
	const struct review_doc *rd;
	struct arena a;
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
	if (!text || !*text)
		return;
	pdf_flow_text(&d->f, indent, font, flags, text);
}

/* The text in d->b as a paragraph. */
static void say(struct doc *d, double indent)
{
	flow(d, indent, F_BODY, PDF_LEFT, d->b.ptr);
	pdf_flow_gap(&d->f, 1);
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
	int y, m, day;
	date_split(ymd, &y, &m, &day);
	return arena_printf(&d->a, "%02d/%02d/%04d", day, m, y);
}

/* ---------- Figures ---------- */

static int64_t fig(const struct doc *d, size_t u, enum fig f)
{
	return review_fig(d->rd, u, d->rd->r.year, f);
}

static const char *num(struct doc *d, enum measure m, int64_t n, int64_t den)
{
	return figure_format(&d->a, m, (struct figure){n, den});
}

static const char *share(struct doc *d, int64_t part, int64_t whole)
{
	return figure_format(&d->a, M_PERCENT, (struct figure){part, whole});
}

/* ---------- Heading and signature ---------- */

static void heading(struct doc *d)
{
	const struct review *r = &d->rd->r;
	struct pdf *pdf = &d->f.pdf;
	double lw = pdf_mm(70), rw = pdf_mm(TEXT_W - 70), lx = pdf_mm(LEFT), rx = lx + lw;
	double y = d->f.y;
	const char *font = PDF_FONT " Bold 10";
	const char *auth = r->authority && *r->authority ? r->authority : r->unit_name;
	const char *upper = text_upper_a(&d->a, auth);
	double hl = pdf_text(pdf, lx, y, lw, font, PDF_CENTER, upper ? upper : auth);
	rule(d, lx + lw / 2 - pdf_mm(12), y + hl + pdf_mm(1.2), pdf_mm(24));
	double hr = pdf_text(pdf, rx, y, rw, font, PDF_CENTER,
			     tr(d, N_("SOCIALIST REPUBLIC OF VIET NAM")));
	const char *motto = tr(d, N_("Independence - Freedom - Happiness"));
	double mw = pdf_text_width(pdf, PDF_FONT " Bold 11", motto);
	hr += pdf_text(pdf, rx, y + hr, rw, PDF_FONT " Bold 11", PDF_CENTER, motto);
	rule(d, rx + (rw - mw) / 2, y + hr + pdf_mm(1.2), mw);
	d->f.y = y + (hl > hr ? hl : hr) + pdf_mm(4);
	int32_t on = r->final_on ? r->final_on : time_local_date(r->built_at);
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("%s, %s")), r->place && *r->place ? r->place : r->unit_name,
		 date_text(d, on));
	d->f.y += pdf_text(pdf, rx, d->f.y, rw, PDF_FONT " Italic 10", PDF_CENTER, d->b.ptr);
	pdf_flow_gap(&d->f, 7);
	d->f.y += pdf_text(pdf, lx, d->f.y, pdf_mm(TEXT_W), PDF_FONT " Bold 14", PDF_CENTER,
			   tr(d, N_("REPORT")));
	d->f.y += pdf_text(pdf, lx, d->f.y, pdf_mm(TEXT_W), PDF_FONT " Bold 12", PDF_CENTER,
			   r->title);
	if (r->status == RS_DRAFT) {
		cairo_set_source_rgb(pdf->cr, 0.75, 0.1, 0.1);
		d->f.y += pdf_text(pdf, lx, d->f.y, pdf_mm(TEXT_W), PDF_FONT " Bold 10", PDF_CENTER,
				   tr(d, N_("DRAFT: the figures may still change")));
		cairo_set_source_rgb(pdf->cr, 0, 0, 0);
	}
	pdf_flow_gap(&d->f, 6);
}

static void signature(struct doc *d, const char *url)
{
	const struct review *r = &d->rd->r;
	pdf_flow_room(&d->f, 45);
	pdf_flow_gap(&d->f, 6);
	double top = d->f.y, rx = pdf_mm(LEFT + TEXT_W / 2), rw = pdf_mm(TEXT_W / 2);
	double y = top;
	const char *st = r->signer_title && *r->signer_title ? r->signer_title : "";
	const char *up = text_upper_a(&d->a, st);
	y += pdf_text(&d->f.pdf, rx, y, rw, PDF_FONT " Bold 10.5", PDF_CENTER, up ? up : st);
	y += pdf_mm(20);
	if (r->signer_name && *r->signer_name)
		y += pdf_text(&d->f.pdf, rx, y, rw, PDF_FONT " Bold 10.5", PDF_CENTER,
			      r->signer_name);
	double ly = top;
	if (r->hash && *r->hash) {
		buf_reset(&d->b);
		buf_addf(&d->b, trf(d, N_("Made final on %s; its content's hash: %s")),
			 date_text(d, r->final_on), r->hash);
		ly += pdf_text(&d->f.pdf, pdf_mm(LEFT), ly, pdf_mm(TEXT_W / 2 - 5), F_META,
			       PDF_LEFT, d->b.ptr);
		ly += pdf_mm(2);
	}
	struct dv_err qr_err = {0};
	if (url && *url && pdf_qr(&d->f.pdf, pdf_mm(LEFT), ly, pdf_mm(26), url, &qr_err) == 0)
		ly += pdf_mm(27);
	d->f.y = y > ly ? y : ly;
}

/* ---------- Charts ---------- */

/* Horizontal bars: one per label, scaled to the largest value, the value
 * written after the bar. */
static void bars(struct doc *d, const char *title, size_t n, const char *const *labels,
		 const int64_t *values, const char *const *texts)
{
	double label_w = 42, bar_w = TEXT_W - label_w - 30, row = 5.2;
	pdf_flow_room(&d->f, 10 + row * (double)n);
	flow(d, 0, F_CELLB, PDF_LEFT, title);
	pdf_flow_gap(&d->f, 1);
	int64_t max = 1;
	for (size_t i = 0; i < n; i++)
		max = values[i] > max ? values[i] : max;
	cairo_t *cr = d->f.pdf.cr;
	for (size_t i = 0; i < n; i++) {
		double y = d->f.y;
		pdf_text(&d->f.pdf, pdf_mm(LEFT), y, pdf_mm(label_w - 2), F_CELL, PDF_RIGHT,
			 labels[i]);
		double w = pdf_mm(bar_w) * (double)(values[i] > 0 ? values[i] : 0) / (double)max;
		cairo_set_source_rgb(cr, 0.16, 0.42, 0.70);
		cairo_rectangle(cr, pdf_mm(LEFT + label_w), y + pdf_mm(0.6), w, pdf_mm(row - 1.6));
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		pdf_text(&d->f.pdf, pdf_mm(LEFT + label_w + 1) + w, y, pdf_mm(30), F_CELL, PDF_LEFT,
			 texts[i]);
		d->f.y += pdf_mm(row);
	}
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, pdf_mm(LEFT + label_w), d->f.y - pdf_mm(row * (double)n));
	cairo_line_to(cr, pdf_mm(LEFT + label_w), d->f.y);
	cairo_stroke(cr);
	pdf_flow_gap(&d->f, 3);
}

/* Year on year: a few figures, each with its bars for the years of the
 * review's trends, each scaled to its own largest year. */
static void trend_chart(struct doc *d)
{
	static const enum fig figs[] = {FIG_NOTICES, FIG_MATTERS, FIG_CONSULTATIONS,
					FIG_WORKS,   FIG_REPORTS, FIG_MODELS};
	const struct review_doc *rd = d->rd;
	size_t ny = (size_t)(rd->r.year - rd->year0 + 1);
	const char **labels = arena_array(&d->a, const char *, ny);
	const char **texts = arena_array(&d->a, const char *, ny);
	int64_t *values = arena_array(&d->a, int64_t, ny);
	pdf_flow_room(&d->f, 30);
	flow(d, 0, F_CELLB, PDF_LEFT, tr(d, N_("Chart 2. The last years, year on year")));
	pdf_flow_gap(&d->f, 2);
	for (size_t f = 0; f < ARRAY_LEN(figs); f++) {
		for (size_t y = 0; y < ny; y++) {
			int year = rd->year0 + (int)y;
			labels[y] = arena_printf(&d->a, "%d", year);
			values[y] = review_fig(rd, 0, year, figs[f]);
			texts[y] = num(d, M_COUNT, values[y], 0);
		}
		bars(d, tr(d, fig_label(figs[f])), ny, labels, values, texts);
	}
}

/* ---------- The table of the units below ---------- */

static void table_row(struct doc *d, const char *const *cells, size_t nc, const double *widths,
		      const char *font)
{
	pdf_flow_room(&d->f, 8);
	double x = pdf_mm(LEFT), h = 0;
	for (size_t i = 0; i < nc; i++) {
		double w = pdf_mm(widths[i]);
		double t = pdf_text(&d->f.pdf, x + pdf_mm(0.5), d->f.y, w - pdf_mm(1.5), font,
				    i ? PDF_RIGHT : PDF_LEFT, cells[i]);
		h = t > h ? t : h;
		x += w;
	}
	d->f.y += h + pdf_mm(1);
	rule(d, pdf_mm(LEFT), d->f.y - pdf_mm(0.5), pdf_mm(TEXT_W));
}

static void units_table(struct doc *d)
{
	const struct review_doc *rd = d->rd;
	if (rd->nunits < 2)
		return;
	static const double widths[] = {36, 22, 22, 14, 34, 22, 17};
	const char *head[] = {tr(d, N_("Unit")),
			      tr(d, N_("Households reached")),
			      tr(d, N_("Took part in decisions")),
			      tr(d, N_("Works")),
			      tr(d, N_("Money raised")),
			      tr(d, N_("Reports on time")),
			      tr(d, N_("Models"))};
	pdf_flow_room(&d->f, 20);
	flow(d, 0, F_CELLB, PDF_LEFT, tr(d, N_("Table 1. The units below")));
	pdf_flow_gap(&d->f, 1);
	table_row(d, head, 7, widths, F_CELLB);
	for (size_t u = 0; u < rd->nunits; u++) {
		const char *cells[7] = {
			u ? rd->units[u].name : tr(d, N_("In all")),
			share(d, fig(d, u, FIG_REACHED), fig(d, u, FIG_HOUSEHOLDS)),
			share(d, fig(d, u, FIG_TOOK_PART), fig(d, u, FIG_ELIGIBLE)),
			num(d, M_COUNT, fig(d, u, FIG_WORKS), 0),
			num(d, M_MONEY, fig(d, u, FIG_MONEY), 0),
			share(d, fig(d, u, FIG_ON_TIME), fig(d, u, FIG_RESOLVED)),
			num(d, M_COUNT, fig(d, u, FIG_MODELS), 0),
		};
		table_row(d, cells, 7, widths, u ? F_CELL : F_CELLB);
	}
	pdf_flow_gap(&d->f, 3);
	size_t n = rd->nunits - 1;
	const char **labels = arena_array(&d->a, const char *, n);
	const char **texts = arena_array(&d->a, const char *, n);
	int64_t *values = arena_array(&d->a, int64_t, n);
	for (size_t i = 0; i < n; i++) {
		labels[i] = rd->units[i + 1].name;
		values[i] = fig(d, i + 1, FIG_MONEY);
		texts[i] = num(d, M_MONEY, values[i], 0);
	}
	bars(d, tr(d, N_("Chart 1. Money raised for the co-funded works, per unit")), n, labels,
	     values, texts);
}

/* ---------- The parts ---------- */

static void part(struct doc *d, const char *heading)
{
	pdf_flow_room(&d->f, 20);
	pdf_flow_gap(&d->f, 2);
	flow(d, 0, F_PART, PDF_LEFT, heading);
	pdf_flow_gap(&d->f, 2);
}

static void sub(struct doc *d, const char *heading)
{
	pdf_flow_room(&d->f, 14);
	flow(d, 0, F_SUB, PDF_LEFT, heading);
	pdf_flow_gap(&d->f, 1);
}

static void narrative(struct doc *d, enum review_part p)
{
	const char *s = d->rd->r.parts[p];
	if (s && *s) {
		flow(d, 0, F_BODY, PDF_LEFT, s);
		pdf_flow_gap(&d->f, 2);
	}
}

static void lines(struct doc *d, enum review_line_kind k, const char *empty)
{
	size_t n;
	const struct review_line *v = review_lines_of(d->rd, k, &n);
	if (!n && empty)
		flow(d, 5, F_ITAL, PDF_LEFT, empty);
	for (size_t i = 0; i < n; i++) {
		buf_reset(&d->b);
		buf_addf(&d->b, "– %s", v[i].label);
		if (v[i].detail && *v[i].detail)
			buf_addf(&d->b, " (%s)", v[i].detail);
		flow(d, 5, F_BODY, PDF_LEFT, d->b.ptr);
	}
	pdf_flow_gap(&d->f, 2);
}

static void results(struct doc *d)
{
	int year = d->rd->r.year;
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("I. THE RESULTS OF %d")), year);
	part(d, d->b.ptr);
	narrative(d, RP_OPENING);

	sub(d, tr(d, N_("1. Mass mobilization work")));
	buf_reset(&d->b);
	buf_addf(&d->b,
		 trf(d, N_("Of %s plan tasks due, %s were done. %s Dân vận khéo models were "
			   "recorded, %s of them found effective; %s emulation movements "
			   "gathered %s participants, %s of whom completed excellently or "
			   "well.")),
		 num(d, M_COUNT, fig(d, 0, FIG_TASKS), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_TASKS_DONE), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_MODELS), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_EFFECTIVE), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_MOVEMENTS), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_PARTICIPANTS), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_EXCELLENT), 0));
	say(d, 0);
	narrative(d, RP_MOBILIZATION);

	sub(d, tr(d, N_("2. The cultured, civilized urban way of life")));
	buf_reset(&d->b);
	buf_addf(&d->b,
		 trf(d, N_("%s co-funded works were completed: %s of alley, %s street lights, "
			   "%s security cameras. %s were raised for them: %s from households, "
			   "%s from businesses and donors, %s from the police and agencies, %s "
			   "from the budget, %s from other sources. %s of %s households hold "
			   "the title Gia đình văn hóa.")),
		 num(d, M_COUNT, fig(d, 0, FIG_WORKS), 0),
		 num(d, M_METRES, fig(d, 0, FIG_ALLEY_M), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_LIGHTS), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_CAMERAS), 0),
		 num(d, M_MONEY, fig(d, 0, FIG_MONEY), 0),
		 num(d, M_MONEY, fig(d, 0, FIG_MONEY_HOUSEHOLDS), 0),
		 num(d, M_MONEY, fig(d, 0, FIG_MONEY_BUSINESSES), 0),
		 num(d, M_MONEY, fig(d, 0, FIG_MONEY_AGENCIES), 0),
		 num(d, M_MONEY, fig(d, 0, FIG_MONEY_BUDGET), 0),
		 num(d, M_MONEY, fig(d, 0, FIG_MONEY_OTHER), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_FAMILIES_AWARDED), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_FAMILIES), 0));
	say(d, 0);
	narrative(d, RP_URBAN);

	sub(d, tr(d, N_("3. Grassroots democracy")));
	buf_reset(&d->b);
	buf_addf(&d->b,
		 trf(d, N_("a) Residents know: %s notices were published; %s of %s households "
			   "(%s) said they knew them.")),
		 num(d, M_COUNT, fig(d, 0, FIG_NOTICES), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_REACHED), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_HOUSEHOLDS), 0),
		 share(d, fig(d, 0, FIG_REACHED), fig(d, 0, FIG_HOUSEHOLDS)));
	say(d, 3);
	buf_reset(&d->b);
	buf_addf(&d->b,
		 trf(d, N_("b) Residents discuss and decide: %s matters were put to them, %s "
			   "passed; %s of %s households called took part (%s). %s drafts were "
			   "put to them for comment; %s opinions came in, %s were answered.")),
		 num(d, M_COUNT, fig(d, 0, FIG_MATTERS), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_PASSED), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_TOOK_PART), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_ELIGIBLE), 0),
		 share(d, fig(d, 0, FIG_TOOK_PART), fig(d, 0, FIG_ELIGIBLE)),
		 num(d, M_COUNT, fig(d, 0, FIG_CONSULTATIONS), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_OPINIONS), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_ANSWERED), 0));
	say(d, 3);
	buf_reset(&d->b);
	buf_addf(&d->b,
		 trf(d, N_("c) Residents do: %s co-funded works completed with %s raised, %s of "
			   "it from households.")),
		 num(d, M_COUNT, fig(d, 0, FIG_WORKS), 0), num(d, M_MONEY, fig(d, 0, FIG_MONEY), 0),
		 num(d, M_MONEY, fig(d, 0, FIG_MONEY_HOUSEHOLDS), 0));
	say(d, 3);
	buf_reset(&d->b);
	buf_addf(&d->b,
		 trf(d, N_("d) Residents inspect and supervise: %s citizen reports were "
			   "received, %s resolved, %s of them on time (%s).")),
		 num(d, M_COUNT, fig(d, 0, FIG_REPORTS), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_RESOLVED), 0),
		 num(d, M_COUNT, fig(d, 0, FIG_ON_TIME), 0),
		 share(d, fig(d, 0, FIG_ON_TIME), fig(d, 0, FIG_RESOLVED)));
	say(d, 3);
	buf_reset(&d->b);
	buf_adds(&d->b, tr(d, N_("e) Residents benefit: what each unit below got is in "
				 "table 1 and chart 1.")));
	say(d, 3);
	narrative(d, RP_DEMOCRACY);
	units_table(d);
	trend_chart(d);
}

static void shortfalls(struct doc *d)
{
	part(d, tr(d, N_("II. WHAT FELL SHORT, AND WHY")));
	sub(d, tr(d, N_("Indicators short of their target")));
	lines(d, RL_SHORT, tr(d, N_("None.")));
	sub(d, tr(d, N_("Tasks not done")));
	lines(d, RL_UNDONE, tr(d, N_("None.")));
	narrative(d, RP_SHORTFALLS);
}

static void directions(struct doc *d)
{
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("III. DIRECTIONS AND TASKS FOR %d")), d->rd->r.year + 1);
	part(d, d->b.ptr);
	narrative(d, RP_DIRECTIONS);
	size_t n1, n2;
	review_lines_of(d->rd, RL_DIRECTION, &n1);
	review_lines_of(d->rd, RL_TASK, &n2);
	if (n1) {
		sub(d, tr(d, N_("Next year's directions")));
		lines(d, RL_DIRECTION, NULL);
	}
	if (n2) {
		sub(d, tr(d, N_("Next year's tasks")));
		lines(d, RL_TASK, NULL);
	}
}

static void commendation(struct doc *d)
{
	part(d, tr(d, N_("IV. COMMENDATION AND REWARDS")));
	buf_reset(&d->b);
	buf_addf(&d->b, trf(d, N_("%s certificates of merit were awarded for the year.")),
		 num(d, M_COUNT, fig(d, 0, FIG_AWARDS), 0));
	say(d, 0);
	sub(d, tr(d, N_("Commendation decisions")));
	lines(d, RL_DECISION, tr(d, N_("None.")));
	sub(d, tr(d, N_("Commended")));
	lines(d, RL_AWARD, tr(d, N_("None.")));
	if (d->rd->r.parts[RP_PROPOSALS] && *d->rd->r.parts[RP_PROPOSALS]) {
		part(d, tr(d, N_("V. PROPOSALS")));
		narrative(d, RP_PROPOSALS);
	}
}

/* ---------- Checks ---------- */

static int valid(const char *s)
{
	return !s || utf8_valid(s, strlen(s));
}

static int check(const struct review_doc *rd, const char *url, struct dv_err *err)
{
	const struct review *r = &rd->r;
	if (!valid(r->title) || !valid(r->authority) || !valid(r->place) ||
	    !valid(r->signer_title) || !valid(r->signer_name) || !valid(r->unit_name) ||
	    !valid(url))
		return dv_fail(err, DV_EINVAL, NULL, "A text of the review is not valid UTF-8");
	for (size_t i = 0; i < RP_COUNT; i++)
		if (!valid(r->parts[i]))
			return dv_fail(err, DV_EINVAL, NULL,
				       "A part of the review is not valid UTF-8");
	for (size_t i = 0; i < rd->nlines; i++)
		if (!valid(rd->lines[i].label) || !valid(rd->lines[i].detail))
			return dv_fail(err, DV_EINVAL, NULL,
				       "A line of the review is not valid UTF-8");
	for (size_t i = 0; i < rd->nunits; i++)
		if (!valid(rd->units[i].name))
			return dv_fail(err, DV_EINVAL, NULL, "A unit's name is not valid UTF-8");
	return 0;
}

int review_pdf(const struct review_doc *rd, const char *lang, const char *url, struct buf *out,
	       struct dv_err *err)
{
	int rc = check(rd, url, err);
	if (rc)
		return rc;
	struct doc d = {.lang = lang ? lang : "vi",
			.rd = rd,
			.a = ARENA_INIT,
			.f = {.left_mm = LEFT,
			      .width_mm = TEXT_W,
			      .top_mm = TOP,
			      .bottom_mm = BOTTOM,
			      .number_y_mm = 8,
			      .number_font = F_META,
			      .page = 1},
			.b = BUF_INIT};
	if ((rc = pdf_open(&d.f.pdf, out, rd->r.title ? rd->r.title : "", err))) {
		arena_release(&d.a);
		return rc;
	}
	d.f.y = pdf_mm(TOP);
	heading(&d);
	results(&d);
	shortfalls(&d);
	directions(&d);
	commendation(&d);
	signature(&d, url);
	buf_release(&d.b);
	arena_release(&d.a);
	return pdf_close(&d.f.pdf, err);
}

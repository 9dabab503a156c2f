#include "print/periodic_xlsx.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/i18n.h"
#include "print/xlsx_file.h"

struct book {
	lxw_workbook *wb;
	const char *lang;
	lxw_format *title, *bold, *head, *text, *num, *pct, *total, *total_pct;
	lxw_error rc;
	struct buf b;
};

#define HEAD_ROW 4 /* the headings: names, then what each column holds */
#define FIRST_ROW (HEAD_ROW + 2)

static const char *tr(const struct book *k, const char *msgid)
{
	return i18n_get(k->lang, msgid);
}

static void keep(struct book *k, lxw_error e)
{
	if (e != LXW_NO_ERROR && k->rc == LXW_NO_ERROR)
		k->rc = e;
}

static lxw_format *cell(struct book *k)
{
	lxw_format *f = workbook_add_format(k->wb);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(f, LXW_BORDER_THIN);
	return f;
}

static void formats(struct book *k)
{
	k->title = workbook_add_format(k->wb);
	format_set_bold(k->title);
	format_set_font_size(k->title, 14);
	k->bold = workbook_add_format(k->wb);
	format_set_bold(k->bold);
	k->head = cell(k);
	format_set_bold(k->head);
	format_set_text_wrap(k->head);
	format_set_align(k->head, LXW_ALIGN_CENTER);
	format_set_bg_color(k->head, 0xE6E6E6);
	k->text = cell(k);
	format_set_text_wrap(k->text);
	k->num = cell(k);
	format_set_num_format(k->num, "#,##0");
	k->pct = cell(k);
	format_set_num_format(k->pct, "0.0%");
	k->total = cell(k);
	format_set_bold(k->total);
	format_set_num_format(k->total, "#,##0");
	format_set_top(k->total, LXW_BORDER_DOUBLE);
	k->total_pct = cell(k);
	format_set_bold(k->total_pct);
	format_set_num_format(k->total_pct, "0.0%");
	format_set_top(k->total_pct, LXW_BORDER_DOUBLE);
}

static void text(struct book *k, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
		 lxw_format *f)
{
	keep(k, worksheet_write_string(ws, r, c, s ? s : "", f));
}

static void number(struct book *k, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
		   lxw_format *f)
{
	keep(k, worksheet_write_number(ws, r, c, v, f));
}

static const char *item_name(const struct book *k, const struct periodic_item *it)
{
	return it->computed ? tr(k, it->name) : it->name;
}

/* The column of item i's first cell: a share takes three. */
static lxw_col_t item_col(const struct consolidation *c, size_t i)
{
	lxw_col_t col = 5;
	for (size_t k = 0; k < i; k++)
		col += c->t.items[k].measure == M_PERCENT ? 3 : 1;
	return col;
}

static void heading(struct book *k, lxw_worksheet *ws, const struct consolidation *c,
		    const char *const *labels)
{
	text(k, ws, 0, 0, c->t.name, k->title);
	buf_reset(&k->b);
	buf_addf(&k->b, "%s · %s", c->t.unit_name, tr(k, periodic_kind_label(c->t.kind)));
	text(k, ws, 1, 0, k->b.ptr, k->bold);
	buf_reset(&k->b);
	if (c->first == c->last)
		buf_adds(&k->b, labels[0]);
	else
		buf_addf(&k->b, "%s – %s", labels[0], labels[c->last - c->first]);
	text(k, ws, 2, 0, k->b.ptr, NULL);
	static const char *const fixed[] = {N_("No."), N_("Unit"), N_("On time"), N_("Late"),
					    N_("Missing")};
	static const double widths[] = {6, 28, 10, 10, 10};
	for (lxw_col_t i = 0; i < 5; i++) {
		keep(k, worksheet_merge_range(ws, HEAD_ROW, i, HEAD_ROW + 1, i, tr(k, fixed[i]),
					      k->head));
		keep(k, worksheet_set_column(ws, i, i, widths[i], NULL));
	}
	for (size_t i = 0; i < c->t.nitems; i++) {
		const struct periodic_item *it = &c->t.items[i];
		lxw_col_t col = item_col(c, i);
		if (it->measure != M_PERCENT) {
			keep(k, worksheet_merge_range(ws, HEAD_ROW, col, HEAD_ROW + 1, col,
						      item_name(k, it), k->head));
			keep(k, worksheet_set_column(ws, col, col, 16, NULL));
			continue;
		}
		keep(k, worksheet_merge_range(ws, HEAD_ROW, col, HEAD_ROW, col + 2, item_name(k, it),
					      k->head));
		text(k, ws, HEAD_ROW + 1, col, tr(k, N_("Number")), k->head);
		text(k, ws, HEAD_ROW + 1, col + 1, tr(k, N_("Out of")), k->head);
		text(k, ws, HEAD_ROW + 1, col + 2, tr(k, N_("Rate")), k->head);
		keep(k, worksheet_set_column(ws, col, col + 2, 12, NULL));
	}
	worksheet_freeze_panes(ws, FIRST_ROW, 2);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
}

/* A share's rate as a formula over its two cells, with its value cached. */
static void rate(struct book *k, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, struct figure f,
		 lxw_format *fmt)
{
	char a[32], b[32], formula[128];
	lxw_rowcol_to_cell(a, r, col);
	lxw_rowcol_to_cell(b, r, col + 1);
	snprintf(formula, sizeof(formula), "=IF(%s=0,\"\",%s/%s)", b, a, b);
	if (f.den)
		keep(k, worksheet_write_formula_num(ws, r, col + 2, formula, fmt,
						    (double)f.num / (double)f.den));
	else
		keep(k, worksheet_write_formula_str(ws, r, col + 2, formula, fmt, ""));
}

static void figures_sheet(struct book *k, const struct consolidation *c, const char *const *labels)
{
	lxw_worksheet *ws = workbook_add_worksheet(k->wb, tr(k, N_("Consolidation")));
	if (!ws) {
		keep(k, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	heading(k, ws, c, labels);
	lxw_row_t r = FIRST_ROW;
	for (size_t i = 0; i < c->nrows; i++, r++) {
		const struct consolidation_row *row = &c->rows[i];
		number(k, ws, r, 0, (double)(i + 1), k->num);
		buf_reset(&k->b);
		buf_adds(&k->b, row->name);
		if (*row->successor)
			buf_addf(&k->b, " (%s %s)", tr(k, N_("merged into")), row->successor);
		text(k, ws, r, 1, k->b.ptr, k->text);
		number(k, ws, r, 2, (double)row->state[PR_ON_TIME], k->num);
		number(k, ws, r, 3, (double)row->state[PR_LATE], k->num);
		number(k, ws, r, 4, (double)row->state[PR_MISSING], k->num);
		for (size_t j = 0; j < c->t.nitems; j++) {
			lxw_col_t col = item_col(c, j);
			number(k, ws, r, col, (double)row->values[j].num, k->num);
			if (c->t.items[j].measure == M_PERCENT) {
				number(k, ws, r, col + 1, (double)row->values[j].den, k->num);
				rate(k, ws, r, col, row->values[j], k->pct);
			}
		}
	}
	/* the totals: sums of the rows above, a share's rate from the sums */
	text(k, ws, r, 1, tr(k, N_("Total")), k->total);
	lxw_col_t last = item_col(c, c->t.nitems);
	for (lxw_col_t col = 2; col < last; col++) {
		char top[32], bottom[32], formula[128];
		int is_rate = 0;
		for (size_t j = 0; j < c->t.nitems; j++)
			is_rate |= c->t.items[j].measure == M_PERCENT && col == item_col(c, j) + 2;
		if (is_rate)
			continue;
		lxw_rowcol_to_cell(top, FIRST_ROW, col);
		lxw_rowcol_to_cell(bottom, r > FIRST_ROW ? r - 1 : FIRST_ROW, col);
		snprintf(formula, sizeof(formula), "=SUM(%s:%s)", top, bottom);
		double cached = 0;
		if (col < 5)
			cached = (double)c->state[col == 2 ? PR_ON_TIME : col == 3 ? PR_LATE : PR_MISSING];
		for (size_t j = 0; j < c->t.nitems; j++) {
			if (col == item_col(c, j))
				cached = (double)c->total[j].num;
			else if (col == item_col(c, j) + 1)
				cached = (double)c->total[j].den;
		}
		keep(k, worksheet_write_formula_num(ws, r, col, formula, k->total, cached));
	}
	for (size_t j = 0; j < c->t.nitems; j++)
		if (c->t.items[j].measure == M_PERCENT)
			rate(k, ws, r, item_col(c, j), c->total[j], k->total_pct);
}

static void texts_sheet(struct book *k, const struct consolidation *c)
{
	lxw_worksheet *ws = workbook_add_worksheet(k->wb, tr(k, N_("Texts")));
	if (!ws) {
		keep(k, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	text(k, ws, 0, 0, tr(k, N_("Unit")), k->head);
	keep(k, worksheet_set_column(ws, 0, 0, 24, NULL));
	for (size_t s = 0; s < c->t.nsections; s++) {
		text(k, ws, 0, (lxw_col_t)(s + 1), c->t.sections[s], k->head);
		keep(k, worksheet_set_column(ws, (lxw_col_t)(s + 1), (lxw_col_t)(s + 1), 60, NULL));
	}
	for (size_t i = 0; i < c->nrows; i++) {
		text(k, ws, (lxw_row_t)(i + 1), 0, c->rows[i].name, k->text);
		for (size_t s = 0; s < c->t.nsections; s++)
			text(k, ws, (lxw_row_t)(i + 1), (lxw_col_t)(s + 1), c->rows[i].texts[s],
			     k->text);
	}
	worksheet_freeze_panes(ws, 1, 1);
}

static void states_sheet(struct book *k, const struct consolidation *c, const char *const *labels)
{
	lxw_worksheet *ws = workbook_add_worksheet(k->wb, tr(k, N_("Deadlines")));
	int np = c->last - c->first + 1;
	if (!ws) {
		keep(k, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	text(k, ws, 0, 0, tr(k, N_("Unit")), k->head);
	keep(k, worksheet_set_column(ws, 0, 0, 24, NULL));
	for (int p = 0; p < np; p++)
		text(k, ws, 0, (lxw_col_t)(p + 1), labels[p], k->head);
	keep(k, worksheet_set_column(ws, 1, (lxw_col_t)np, 16, NULL));
	for (size_t i = 0; i < c->nrows; i++) {
		text(k, ws, (lxw_row_t)(i + 1), 0, c->rows[i].name, k->text);
		for (int p = 0; p < np; p++)
			text(k, ws, (lxw_row_t)(i + 1), (lxw_col_t)(p + 1),
			     tr(k, periodic_state_label(c->rows[i].states[p])), k->text);
	}
}

int consolidation_xlsx(const struct consolidation *c, const char *const *labels, const char *lang,
		       struct buf *out, struct dv_err *err)
{
	char path[XLSX_PATH_MAX], dir[XLSX_PATH_MAX];
	struct book k = {.lang = lang, .b = BUF_INIT};
	int rc = xlsx_file_make(path, dir, err);
	if (rc)
		return rc;
	lxw_workbook_options opt = {.tmpdir = dir};
	k.wb = workbook_new_opt(path, &opt);
	if (!k.wb) {
		xlsx_file_take(path, &k.b, err); /* removes it */
		buf_release(&k.b);
		return dv_sysfail(err, DV_EIO, NULL, "Could not start the workbook");
	}
	lxw_doc_properties props = {.title = (char *)c->t.name};
	keep(&k, workbook_set_properties(k.wb, &props));
	formats(&k);
	figures_sheet(&k, c, labels);
	texts_sheet(&k, c);
	states_sheet(&k, c, labels);
	keep(&k, workbook_close(k.wb));
	buf_release(&k.b);
	if (k.rc != LXW_NO_ERROR) {
		struct buf scrap = BUF_INIT;
		xlsx_file_take(path, &scrap, err);
		buf_release(&scrap);
		return dv_sysfail(err, DV_EIO, NULL, "Could not make the workbook: %s",
				  lxw_strerror(k.rc));
	}
	return xlsx_file_take(path, out, err);
}

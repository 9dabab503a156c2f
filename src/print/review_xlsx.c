#include "print/review_xlsx.h"

#include <stdio.h>
#include <xlsxwriter.h>

#include "base/i18n.h"
#include "print/xlsx_file.h"

struct book {
	lxw_workbook *wb;
	const char *lang;
	lxw_error rc;
	lxw_format *title, *head, *num, *total;
};

static const char *tr(const struct book *k, const char *msgid)
{
	return i18n_get(k->lang, msgid);
}

static void keep(struct book *k, lxw_error rc)
{
	if (k->rc == LXW_NO_ERROR && rc != LXW_NO_ERROR)
		k->rc = rc;
}

static void str(struct book *k, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
		lxw_format *f)
{
	keep(k, worksheet_write_string(ws, r, c, s ? s : "", f));
}

static void formats(struct book *k)
{
	k->title = workbook_add_format(k->wb);
	format_set_bold(k->title);
	format_set_font_size(k->title, 14);
	k->head = workbook_add_format(k->wb);
	format_set_bold(k->head);
	format_set_text_wrap(k->head);
	format_set_bg_color(k->head, 0xE6E6E6);
	k->num = workbook_add_format(k->wb);
	format_set_num_format(k->num, "#,##0");
	k->total = workbook_add_format(k->wb);
	format_set_bold(k->total);
	format_set_num_format(k->total, "#,##0");
	format_set_top(k->total, LXW_BORDER_DOUBLE);
}

/* The review's unit, year by year. */
static void years_sheet(struct book *k, const struct review_doc *d)
{
	lxw_worksheet *ws = workbook_add_worksheet(k->wb, tr(k, N_("Figures")));
	str(k, ws, 0, 0, d->r.title, k->title);
	str(k, ws, 2, 0, tr(k, N_("Figure")), k->head);
	worksheet_set_column(ws, 0, 0, 52, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)(d->r.year - d->year0 + 1), 16, NULL);
	for (int y = d->year0; y <= d->r.year; y++)
		keep(k, worksheet_write_number(ws, 2, (lxw_col_t)(y - d->year0 + 1), y, k->head));
	for (int f = 0; f < FIG_COUNT; f++) {
		str(k, ws, (lxw_row_t)(3 + f), 0, tr(k, fig_label((enum fig)f)), NULL);
		for (int y = d->year0; y <= d->r.year; y++)
			keep(k, worksheet_write_number(
					ws, (lxw_row_t)(3 + f), (lxw_col_t)(y - d->year0 + 1),
					(double)review_fig(d, 0, y, (enum fig)f), k->num));
	}
}

/* The units below, the review's year, with SUM totals. */
static void units_sheet(struct book *k, const struct review_doc *d)
{
	lxw_worksheet *ws = workbook_add_worksheet(k->wb, tr(k, N_("Units below")));
	str(k, ws, 0, 0, tr(k, N_("Unit")), k->head);
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, FIG_COUNT, 14, NULL);
	for (int f = 0; f < FIG_COUNT; f++)
		str(k, ws, 0, (lxw_col_t)(1 + f), tr(k, fig_label((enum fig)f)), k->head);
	lxw_row_t r = 1;
	for (size_t u = 1; u < d->nunits; u++, r++) {
		str(k, ws, r, 0, d->units[u].name, NULL);
		for (int f = 0; f < FIG_COUNT; f++)
			keep(k, worksheet_write_number(
					ws, r, (lxw_col_t)(1 + f),
					(double)review_fig(d, u, d->r.year, (enum fig)f), k->num));
	}
	if (r == 1)
		return;
	str(k, ws, r, 0, tr(k, N_("In all")), k->total);
	for (int f = 0; f < FIG_COUNT; f++) {
		char col[8], formula[64];
		lxw_col_to_name(col, (lxw_col_t)(1 + f), 0);
		snprintf(formula, sizeof(formula), "=SUM(%s2:%s%u)", col, col, (unsigned)r);
		double cached = 0;
		for (size_t u = 1; u < d->nunits; u++)
			cached += (double)review_fig(d, u, d->r.year, (enum fig)f);
		keep(k, worksheet_write_formula_num(ws, r, (lxw_col_t)(1 + f), formula, k->total,
						    cached));
	}
}

static void lists_sheet(struct book *k, const struct review_doc *d)
{
	lxw_worksheet *ws = workbook_add_worksheet(k->wb, tr(k, N_("Lists")));
	str(k, ws, 0, 0, tr(k, N_("List")), k->head);
	str(k, ws, 0, 1, tr(k, N_("Item")), k->head);
	str(k, ws, 0, 2, tr(k, N_("Details")), k->head);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 2, 60, NULL);
	for (size_t i = 0; i < d->nlines; i++) {
		const struct review_line *l = &d->lines[i];
		str(k, ws, (lxw_row_t)(1 + i), 0, tr(k, review_line_kind_label(l->kind)), NULL);
		str(k, ws, (lxw_row_t)(1 + i), 1, l->label, NULL);
		str(k, ws, (lxw_row_t)(1 + i), 2, l->detail, NULL);
	}
}

int review_xlsx(const struct review_doc *d, const char *lang, struct buf *out, struct dv_err *err)
{
	char path[XLSX_PATH_MAX], dir[XLSX_PATH_MAX];
	struct book k = {.lang = lang ? lang : "vi"};
	int rc = xlsx_file_make(path, dir, err);
	if (rc)
		return rc;
	lxw_workbook_options opt = {.tmpdir = dir};
	k.wb = workbook_new_opt(path, &opt);
	if (!k.wb) {
		struct buf scrap = BUF_INIT;
		xlsx_file_take(path, &scrap, err); /* removes it */
		buf_release(&scrap);
		return dv_sysfail(err, DV_EIO, NULL, "Could not start the workbook");
	}
	lxw_doc_properties props = {.title = (char *)(d->r.title ? d->r.title : "")};
	keep(&k, workbook_set_properties(k.wb, &props));
	formats(&k);
	years_sheet(&k, d);
	units_sheet(&k, d);
	lists_sheet(&k, d);
	keep(&k, workbook_close(k.wb));
	if (k.rc != LXW_NO_ERROR) {
		struct buf scrap = BUF_INIT;
		xlsx_file_take(path, &scrap, err);
		buf_release(&scrap);
		return dv_sysfail(err, DV_EIO, NULL, "Could not make the workbook: %s",
				  lxw_strerror(k.rc));
	}
	return xlsx_file_take(path, out, err);
}

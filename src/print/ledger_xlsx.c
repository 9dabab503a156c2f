#include "print/ledger_xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/array.h"
#include "base/date.h"
#include "base/i18n.h"

struct ledger_book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	const char *lang;
	char path[4096], dir[4096];
	lxw_format *title, *bold, *head, *text, *num, *total, *mono;
	lxw_error rc; /* the first error; LXW_NO_ERROR while all is well */
	lxw_row_t row;
	double in, out, effect; /* the sums the formulas give, cached for readers */
	struct buf b;
};

enum col {
	C_SEQ,
	C_DATE,
	C_KIND,
	C_CODE,
	C_HOUSE,
	C_NAME,
	C_SOURCE,
	C_PARTY,
	C_ITEM,
	C_QTY,
	C_METHOD,
	C_RECEIPT,
	C_IN,
	C_OUT,
	C_EFFECT,
	C_COUNTS,
	C_BOARD,
	C_NOTE,
	C_HASH,
	C_COLS
};

static const char *const cols[] = {
	N_("No."),	 N_("Day"),	  N_("Kind"),	    N_("Household"),
	N_("House no."), N_("Name"),	  N_("Source"),	    N_("Party"),
	N_("What"),	 N_("Quantity"),  N_("How"),	    N_("Receipt number"),
	N_("Money in"),	 N_("Money out"), N_("Correction"), N_("Counts (1)"),
	N_("Board"),	 N_("Note"),	  N_("Hash"),
};
_Static_assert(ARRAY_LEN(cols) == C_COLS, "a heading per column");

static const double widths[] = {6,  11, 13, 18, 14, 20, 18, 24, 24, 12,
				12, 14, 14, 14, 13, 10, 22, 30, 20};
_Static_assert(ARRAY_LEN(widths) == C_COLS, "a width per column");

#define HEADER_ROW 5

static const char *tr(const struct ledger_book *k, const char *msgid)
{
	return i18n_get(k->lang, msgid);
}

static void keep(struct ledger_book *k, lxw_error e)
{
	if (e != LXW_NO_ERROR && k->rc == LXW_NO_ERROR)
		k->rc = e;
}

static void put_text(struct ledger_book *k, lxw_row_t r, int c, const char *s, lxw_format *f)
{
	keep(k, worksheet_write_string(k->ws, r, (lxw_col_t)c, s ? s : "", f));
}

static void put_num(struct ledger_book *k, lxw_row_t r, int c, double v, lxw_format *f)
{
	keep(k, worksheet_write_number(k->ws, r, (lxw_col_t)c, v, f));
}

static lxw_format *cell(struct ledger_book *k)
{
	lxw_format *f = workbook_add_format(k->wb);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(f, LXW_BORDER_THIN);
	return f;
}

static void formats(struct ledger_book *k)
{
	k->title = workbook_add_format(k->wb);
	format_set_bold(k->title);
	format_set_font_size(k->title, 14);
	k->bold = workbook_add_format(k->wb);
	format_set_bold(k->bold);
	k->head = cell(k);
	format_set_bold(k->head);
	format_set_text_wrap(k->head);
	format_set_bg_color(k->head, 0xE6E6E6);
	k->text = cell(k);
	k->num = cell(k);
	format_set_num_format(k->num, "#,##0");
	k->total = cell(k);
	format_set_bold(k->total);
	format_set_num_format(k->total, "#,##0");
	format_set_top(k->total, LXW_BORDER_DOUBLE);
	k->mono = cell(k);
	format_set_font_name(k->mono, "Courier New");
}

static const char *day(struct ledger_book *k, int32_t ymd)
{
	buf_reset(&k->b);
	date_format(&k->b, ymd);
	return k->b.ptr;
}

/* The work, its unit and the head hash above the table. */
static void titles(struct ledger_book *k, const struct work *w)
{
	put_text(k, 0, 0, tr(k, N_("PUBLIC LEDGER OF A COMMUNITY WORK")), k->title);
	put_text(k, 1, 0, w->name, k->bold);
	buf_reset(&k->b);
	buf_addf(&k->b, "%s · %s · %s", w->place, w->unit_name,
		 tr(k, work_status_label(w->status)));
	put_text(k, 2, 0, k->b.ptr, NULL);
	buf_reset(&k->b);
	buf_addf(&k->b, "%s %s (%lld)", tr(k, N_("Hash of the ledger's last entry:")), w->head_hash,
		 (long long)w->entries);
	put_text(k, 3, 0, k->b.ptr, NULL);
	for (int i = 0; i < C_COLS; i++) {
		put_text(k, HEADER_ROW, i, tr(k, cols[i]), k->head);
		keep(k, worksheet_set_column(k->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL));
	}
	worksheet_freeze_panes(k->ws, HEADER_ROW + 1, 0);
	worksheet_set_landscape(k->ws);
	worksheet_set_paper(k->ws, 9); /* A4 */
	worksheet_fit_to_pages(k->ws, 1, 0);
	keep(k, worksheet_repeat_rows(k->ws, HEADER_ROW, HEADER_ROW));
}

static int temp_file(struct ledger_book *k, struct dv_err *err)
{
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	int n = snprintf(k->path, sizeof(k->path), "%s/dv-ledger.XXXXXX", tmp);
	if (n < 0 || (size_t)n >= sizeof(k->path) || strlen(tmp) >= sizeof(k->dir))
		return dv_sysfail(err, DV_EIO, NULL, "The temporary directory's name is too long");
	strcpy(k->dir, tmp);
	int fd = mkstemp(k->path);
	if (fd < 0)
		return dv_sysfail(err, DV_EIO, NULL, "Could not make a temporary file in %s: %s",
				  tmp, strerror(errno));
	close(fd);
	return 0;
}

int ledger_xlsx_open(const struct work *w, const char *lang, struct ledger_book **out,
		     struct dv_err *err)
{
	struct ledger_book *k = calloc(1, sizeof(*k));
	*out = NULL;
	if (!k)
		return dv_sysfail(err, DV_ENOMEM, NULL, "Out of memory");
	k->lang = lang;
	k->b = (struct buf)BUF_INIT;
	int rc = temp_file(k, err);
	if (rc) {
		free(k);
		return rc;
	}
	lxw_workbook_options opt = {.tmpdir = k->dir};
	k->wb = workbook_new_opt(k->path, &opt);
	const char *sheet = tr(k, N_("Ledger"));
	if (!k->wb || workbook_validate_sheet_name(k->wb, sheet) != LXW_NO_ERROR ||
	    !(k->ws = workbook_add_worksheet(k->wb, sheet))) {
		if (k->wb)
			workbook_close(k->wb);
		unlink(k->path);
		free(k);
		return dv_sysfail(err, DV_EIO, NULL, "Could not start the workbook");
	}
	lxw_doc_properties props = {.title = (char *)w->name,
				    .subject = (char *)tr(k, N_("Public ledger"))};
	keep(k, workbook_set_properties(k->wb, &props));
	formats(k);
	titles(k, w);
	k->row = HEADER_ROW + 1;
	*out = k;
	return 0;
}

void ledger_xlsx_row(struct ledger_book *k, const struct entry *e)
{
	lxw_row_t r = k->row++;
	int sign = ledger_kind_sign(e->kind);
	put_num(k, r, C_SEQ, (double)e->seq, k->num);
	put_text(k, r, C_DATE, day(k, e->on_date), k->text);
	put_text(k, r, C_KIND, tr(k, ledger_kind_label(e->kind)), k->text);
	put_text(k, r, C_CODE, e->household_code, k->text);
	put_text(k, r, C_HOUSE, e->household_id ? e->house_no : "", k->text);
	put_text(k, r, C_NAME, e->household_name, k->text);
	put_text(k, r, C_SOURCE,
		 e->source >= 0 ? tr(k, work_source_label((enum work_source)e->source)) : "",
		 k->text);
	put_text(k, r, C_PARTY, e->party, k->text);
	put_text(k, r, C_ITEM, e->item, k->text);
	put_text(k, r, C_QTY, e->quantity, k->text);
	put_text(k, r, C_METHOD, e->method ? tr(k, entry_method_label(e->method)) : "", k->text);
	put_text(k, r, C_RECEIPT, e->receipt_no, k->text);
	put_num(k, r, C_IN, sign > 0 ? (double)e->amount : 0, k->num);
	put_num(k, r, C_OUT, sign < 0 ? (double)e->amount : 0, k->num);
	put_num(k, r, C_EFFECT, (double)e->effect, k->num);
	put_num(k, r, C_COUNTS, e->counted, k->num);
	put_text(k, r, C_BOARD, e->kind == EK_EXPENSE ? tr(k, signoff_label(e->signoff)) : "",
		 k->text);
	put_text(k, r, C_NOTE, e->note, k->text);
	put_text(k, r, C_HASH, e->hash, k->mono);
	if (e->counted) {
		k->in += sign > 0 ? (double)e->amount : 0;
		k->out += sign < 0 ? (double)e->amount : 0;
		k->effect += (double)e->effect;
	}
}

/* Totals of what counts, and the balance: in - out + the corrections. */
static void totals(struct ledger_book *k)
{
	lxw_row_t r = k->row;
	int first = HEADER_ROW + 2, last = (int)r; /* 1-based rows of the entries */
	char f[160];
	put_text(k, r, C_ITEM, tr(k, N_("Total (what counts)")), k->total);
	if (last < first) {
		put_num(k, r, C_IN, 0, k->total);
		put_num(k, r, C_OUT, 0, k->total);
		put_num(k, r, C_EFFECT, 0, k->total);
	} else {
		const int sum[] = {C_IN, C_OUT, C_EFFECT};
		const double v[] = {k->in, k->out, k->effect};
		for (int i = 0; i < 3; i++) {
			snprintf(f, sizeof(f), "=SUMIFS(%c%d:%c%d,%c%d:%c%d,1)", 'A' + sum[i],
				 first, 'A' + sum[i], last, 'A' + C_COUNTS, first, 'A' + C_COUNTS,
				 last);
			keep(k, worksheet_write_formula_num(k->ws, r, (lxw_col_t)sum[i], f,
							    k->total, v[i]));
		}
	}
	put_text(k, r + 1, C_ITEM, tr(k, N_("Balance")), k->total);
	snprintf(f, sizeof(f), "=%c%d-%c%d+%c%d", 'A' + C_IN, (int)r + 1, 'A' + C_OUT, (int)r + 1,
		 'A' + C_EFFECT, (int)r + 1);
	keep(k, worksheet_write_formula_num(k->ws, r + 1, C_IN, f, k->total,
					    k->in - k->out + k->effect));
	keep(k, worksheet_autofilter(k->ws, HEADER_ROW, 0, r > HEADER_ROW + 1 ? r - 1 : HEADER_ROW,
				     C_COLS - 1));
}

static int slurp(const char *path, struct buf *out, struct dv_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return dv_sysfail(err, DV_EIO, NULL, "Could not read the workbook back: %s",
				  strerror(errno));
	size_t start = out->len, n;
	char chunk[16384];
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		buf_truncate(out, start);
		return dv_sysfail(err, DV_EIO, NULL, "Could not read the workbook back");
	}
	return 0;
}

int ledger_xlsx_close(struct ledger_book *k, struct buf *out, struct dv_err *err)
{
	totals(k);
	keep(k, workbook_close(k->wb)); /* frees it, error or not */
	int rc = k->rc != LXW_NO_ERROR
			 ? dv_sysfail(err, DV_EIO, NULL, "Could not make the workbook: %s",
				      lxw_strerror(k->rc))
			 : slurp(k->path, out, err);
	unlink(k->path);
	buf_release(&k->b);
	free(k);
	return rc;
}

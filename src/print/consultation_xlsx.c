#include "print/consultation_xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/array.h"
#include "base/date.h"
#include "base/i18n.h"

/* ---------- The workbook ---------- */

struct book {
	lxw_workbook *wb;
	const char *lang;
	const struct synthesis_paper *p;
	lxw_format *title, *bold, *head, *text, *wrap, *num, *total, *date;
	lxw_error rc; /* the first error of any call; LXW_NO_ERROR while all is well */
	struct buf b; /* scratch */
};

static const char *tr(const struct book *k, const char *msgid)
{
	return i18n_get(k->lang, msgid);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Keep the first error: the calls after it are harmless, and the workbook is
 * thrown away at the end. */
static void keep(struct book *k, lxw_error e)
{
	if (e != LXW_NO_ERROR && k->rc == LXW_NO_ERROR)
		k->rc = e;
}

static lxw_format *cell_format(struct book *k, int wrap)
{
	lxw_format *f = workbook_add_format(k->wb);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(f, LXW_BORDER_THIN);
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

static void add_formats(struct book *k)
{
	k->title = workbook_add_format(k->wb);
	format_set_bold(k->title);
	format_set_font_size(k->title, 14);
	k->bold = workbook_add_format(k->wb);
	format_set_bold(k->bold);
	k->head = cell_format(k, 1);
	format_set_bold(k->head);
	format_set_align(k->head, LXW_ALIGN_CENTER);
	format_set_align(k->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(k->head, 0xE6E6E6);
	k->text = cell_format(k, 0);
	k->wrap = cell_format(k, 1);
	k->num = cell_format(k, 0);
	format_set_num_format(k->num, "0");
	k->total = cell_format(k, 0);
	format_set_bold(k->total);
	format_set_num_format(k->total, "0");
	format_set_top(k->total, LXW_BORDER_DOUBLE);
	k->date = cell_format(k, 0);
	format_set_num_format(k->date, "dd/mm/yyyy hh:mm");
}

/* A sheet named in the workbook's language; NULL (and the error kept) if
 * the translation is not a valid sheet name. */
static lxw_worksheet *add_sheet(struct book *k, const char *msgid)
{
	const char *name = tr(k, msgid);
	lxw_error e = workbook_validate_sheet_name(k->wb, name);
	if (e != LXW_NO_ERROR) {
		keep(k, e);
		return NULL;
	}
	lxw_worksheet *ws = workbook_add_worksheet(k->wb, name);
	if (!ws)
		keep(k, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

static void put_text(struct book *k, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
		     lxw_format *f)
{
	keep(k, worksheet_write_string(ws, r, c, or_empty(s), f));
}

static void put_num(struct book *k, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
		    lxw_format *f)
{
	keep(k, worksheet_write_number(ws, r, c, v, f));
}

/* A header row at r, and the column widths (in characters) under it. */
static void header(struct book *k, lxw_worksheet *ws, lxw_row_t r, const char *const *msgids,
		   const double *widths, int n)
{
	for (int i = 0; i < n; i++) {
		put_text(k, ws, r, (lxw_col_t)i, tr(k, msgids[i]), k->head);
		keep(k, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL));
	}
}

/* Printed as it is read: A4 landscape, one page wide, the header on every
 * page. */
static void page_setup(struct book *k, lxw_worksheet *ws, lxw_row_t header_row)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	keep(k, worksheet_repeat_rows(ws, header_row, header_row));
}

/* ---------- Sheet 1: the counts per section ---------- */

#define NCOUNTS	  SYNTHESIS_COUNTS
#define S1_HEADER 4 /* the header row, under the title rows */
#define S1_FIRST  (S1_HEADER + 1)

static const double summary_widths[] = {9, 48, 12, 12, 12, 12, 12, 12, 12, 12};
_Static_assert(ARRAY_LEN(summary_widths) == 2 + NCOUNTS, "a width per column");

/* The report's title, the draft's, and what, where and when. */
static void summary_titles(struct book *k, lxw_worksheet *ws, const struct consultation *c)
{
	put_text(k, ws, 0, 0, tr(k, N_("REPORT ON THE OPINIONS RECEIVED")), k->title);
	put_text(k, ws, 1, 0, c->title, k->bold);
	buf_reset(&k->b);
	buf_adds(&k->b, or_empty(k->p->kind));
	if (c->unit_name && *c->unit_name)
		buf_addf(&k->b, "%s%s", k->b.len ? " · " : "", c->unit_name);
	if (c->opened_at && c->closes_at) {
		buf_adds(&k->b, k->b.len ? " · " : "");
		date_format(&k->b, time_local_date(c->opened_at));
		buf_adds(&k->b, " – ");
		date_format(&k->b, time_local_date(c->closes_at));
	}
	put_text(k, ws, 2, 0, k->b.ptr, NULL);
}

/* The totals row: a SUM over the sections above it in each count column,
 * with its value cached for readers that do not calculate. */
static void summary_totals(struct book *k, lxw_worksheet *ws, lxw_row_t r, size_t n,
			   const int64_t t[NCOUNTS])
{
	put_text(k, ws, r, 0, "", k->total);
	put_text(k, ws, r, 1, tr(k, N_("Total")), k->total);
	for (int j = 0; j < NCOUNTS; j++) {
		lxw_col_t col = (lxw_col_t)(2 + j);
		if (!n) {
			put_num(k, ws, r, col, 0, k->total);
			continue;
		}
		char f[64];
		snprintf(f, sizeof(f), "=SUM(%c%d:%c%d)", 'A' + col, S1_FIRST + 1, 'A' + col,
			 (int)(S1_FIRST + n));
		keep(k, worksheet_write_formula_num(ws, r, col, f, k->total, (double)t[j]));
	}
}

static void summary_sheet(struct book *k, const struct consultation *c)
{
	lxw_worksheet *ws = add_sheet(k, N_("Summary"));
	if (!ws)
		return;
	summary_titles(k, ws, c);
	header(k, ws, S1_HEADER, synthesis_count_headers, summary_widths, 2 + NCOUNTS);
	int64_t t[NCOUNTS] = {0};
	lxw_row_t r = S1_FIRST;
	for (size_t i = 0; i < c->nsections; i++, r++) {
		const struct consult_section *s = &c->sections[i];
		int64_t v[NCOUNTS];
		synthesis_counts(s, v);
		put_num(k, ws, r, 0, s->number, k->num);
		put_text(k, ws, r, 1, synthesis_section_heading(s, k->lang), k->wrap);
		for (int j = 0; j < NCOUNTS; j++) {
			put_num(k, ws, r, (lxw_col_t)(2 + j), (double)v[j], k->num);
			t[j] += v[j];
		}
	}
	summary_totals(k, ws, r, c->nsections, t);
	worksheet_freeze_panes(ws, S1_FIRST, 0);
	/* The filter spans the sections, not the totals. */
	keep(k,
	     worksheet_autofilter(ws, S1_HEADER, 0, r > S1_FIRST ? r - 1 : S1_HEADER, 1 + NCOUNTS));
	page_setup(k, ws, S1_HEADER);
	/* the authority's conclusion, once written, across the table's width */
	if (c->summary && *c->summary) {
		put_text(k, ws, r + 2, 0, tr(k, N_("Conclusion")), k->bold);
		keep(k, worksheet_merge_range(ws, r + 3, 0, r + 3, 1 + NCOUNTS, c->summary, k->wrap));
		keep(k, worksheet_set_row(ws, r + 3, 15.0 * (1 + (double)strlen(c->summary) / 120),
					  NULL));
	}
}

/* ---------- Sheet 2: one row per opinion ---------- */

enum {
	O_ID,
	O_SECTION,
	O_HEADING,
	O_FROM,
	O_CHANNEL,
	O_STANCE,
	O_COLLECTIVE,
	O_DATE,
	O_TEXT,
	O_ANSWER,
	O_REASON,
	O_COLS
};

static const char *const opinion_cols[] = {
	N_("ID"),	  N_("Section no."),	  N_("Section of the draft"),
	N_("Given by"),	  N_("Received through"), N_("Stance"),
	N_("Collective"), N_("Received on"),	  N_("Opinion"),
	N_("Answer"),	  N_("Reason"),
};
_Static_assert(ARRAY_LEN(opinion_cols) == O_COLS, "a header per column");
static const double opinion_widths[] = {8, 9, 30, 28, 18, 15, 10, 16, 60, 18, 50};
_Static_assert(ARRAY_LEN(opinion_widths) == O_COLS, "a width per column");

static void opinion_row(struct book *k, lxw_worksheet *ws, lxw_row_t r,
			const struct consultation *c, const struct opinion *o)
{
	const struct synthesis_paper *p = k->p;
	const struct consult_section *s = synthesis_section(c, o->section);
	put_num(k, ws, r, O_ID, (double)o->id, k->num);
	put_num(k, ws, r, O_SECTION, o->section, k->num);
	put_text(k, ws, r, O_HEADING, s ? synthesis_section_heading(s, k->lang) : "", k->wrap);
	put_text(k, ws, r, O_FROM, o->from, k->wrap);
	put_text(k, ws, r, O_CHANNEL, synthesis_label(p->channels, OC_COUNT, (int)o->channel),
		 k->text);
	put_text(k, ws, r, O_STANCE, synthesis_label(p->stances, ST_COUNT, (int)o->stance),
		 k->text);
	put_text(k, ws, r, O_COLLECTIVE, tr(k, o->collective ? N_("Yes") : N_("No")), k->text);
	if (o->created_at)
		keep(k, worksheet_write_unixtime(ws, r, O_DATE, o->created_at + DV_UTC_OFFSET,
						 k->date));
	else
		put_text(k, ws, r, O_DATE, "", k->date);
	put_text(k, ws, r, O_TEXT, o->text, k->wrap);
	put_text(k, ws, r, O_ANSWER, synthesis_label(p->answers, ANS_COUNT, (int)o->answer),
		 k->text);
	put_text(k, ws, r, O_REASON, o->reason, k->wrap);
}

static void opinion_sheet(struct book *k, const struct consultation *c, const struct opinion *ops,
			  size_t nops)
{
	lxw_worksheet *ws = add_sheet(k, N_("Opinions"));
	if (!ws)
		return;
	header(k, ws, 0, opinion_cols, opinion_widths, O_COLS);
	for (size_t i = 0; i < nops && k->rc == LXW_NO_ERROR; i++)
		opinion_row(k, ws, (lxw_row_t)(i + 1), c, &ops[i]);
	worksheet_freeze_panes(ws, 1, 0);
	keep(k, worksheet_autofilter(ws, 0, 0, (lxw_row_t)nops, O_COLS - 1));
	page_setup(k, ws, 0);
}

/* ---------- The file ---------- */

/* A fresh empty file for the workbook: its name in path, its directory in
 * dir. */
static int temp_file(char *path, size_t size, char *dir, size_t dsize, struct dv_err *err)
{
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	int n = snprintf(path, size, "%s/dv-synthesis.XXXXXX", tmp);
	if (n < 0 || (size_t)n >= size || strlen(tmp) >= dsize)
		return dv_sysfail(err, DV_EIO, NULL, "The temporary directory's name is too long");
	strcpy(dir, tmp);
	int fd = mkstemp(path);
	if (fd < 0)
		return dv_sysfail(err, DV_EIO, NULL, "Could not make a temporary file in %s: %s",
				  tmp, strerror(errno));
	close(fd);
	return 0;
}

/* Append the whole file at path to out; out as it was on failure. */
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

/* Write the workbook to path; 0 or DV_EIO naming libxlsxwriter's error. */
static int write_book(struct book *k, const char *path, char *dir, const struct consultation *c,
		      const struct opinion *ops, size_t nops, struct dv_err *err)
{
	lxw_workbook_options opt = {.tmpdir = dir};
	k->wb = workbook_new_opt(path, &opt);
	if (!k->wb)
		return dv_sysfail(err, DV_EIO, NULL, "Could not start the workbook");
	lxw_doc_properties props = {
		.title = (char *)or_empty(c->title),
		.subject = (char *)tr(k, N_("Synthesis of the opinions received")),
		.author = (char *)or_empty(k->p->authority),
	};
	keep(k, workbook_set_properties(k->wb, &props));
	add_formats(k);
	summary_sheet(k, c);
	opinion_sheet(k, c, ops, nops);
	lxw_error closed = workbook_close(k->wb); /* frees it, error or not */
	k->wb = NULL;
	keep(k, closed);
	if (k->rc != LXW_NO_ERROR)
		return dv_sysfail(err, DV_EIO, NULL, "Could not make the workbook: %s",
				  lxw_strerror(k->rc));
	return 0;
}

int synthesis_xlsx(const struct consultation *c, const struct opinion *ops, size_t nops,
		   const struct synthesis_paper *p, const char *lang, struct buf *out,
		   struct dv_err *err)
{
	int rc = synthesis_check(c, ops, nops, p, err);
	if (rc)
		return rc;
	char path[4096], dir[4096];
	rc = temp_file(path, sizeof(path), dir, sizeof(dir), err);
	if (rc)
		return rc;
	struct book k = {.lang = lang, .p = p, .b = BUF_INIT};
	rc = write_book(&k, path, dir, c, ops, nops, err);
	if (!rc)
		rc = slurp(path, out, err);
	unlink(path);
	buf_release(&k.b);
	return rc;
}

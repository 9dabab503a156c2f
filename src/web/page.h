/*
 * Small pieces the HTML pages share: headings, dates as people read them,
 * the page number of a list and its pager, percentages. Paths are
 * web/link.h's.
 */
#ifndef DV_WEB_PAGE_H
#define DV_WEB_PAGE_H

#include <stdint.h>

#include "web/http.h"

/* <h1>TEXT</h1>, escaped. */
void page_heading(struct req *r, const char *text);
/* The way back above a page's heading: the page it belongs to. */
void page_back(struct req *r, const char *href, const char *text);

/* "05/03/2023" for a YYYYMMDD date ("" for 0), in the arena. */
const char *page_date(struct req *r, int32_t ymd);
/* "2023-03-05" for a date input's value ("" for 0). */
const char *page_date_iso(struct req *r, int32_t ymd);
/* "27/11/2026 23:05" in Vietnam time ("" for 0). */
const char *page_time(struct req *r, int64_t t);

/* "2026-12-10" and "19:00" (a date and a time input) in Vietnam as an
 * instant; 0 when malformed. */
int64_t page_local_instant(const char *day, const char *hhmm);

/* The list page asked for by ?page=N into *page: 1 when absent; DV_EINVAL
 * naming the parameter when it is not a whole number from 1 to max. */
int page_number(struct req *r, int64_t max, int64_t *page);

/*
 * Previous/next links for page `page` of a list at `href`, a path whose
 * query (possibly empty) is already there and gets "page=N" added.
 */
void page_pager(struct req *r, const char *href, int64_t page, int more);

/* "42%": part of whole, rounded down; "–" when whole is 0. Arena string. */
const char *page_percent(struct req *r, int64_t part, int64_t whole);

/* A table's column: its heading (an English msgid, translated), whether it
 * holds numbers (aligned right), whether the heading is for screen readers
 * only (a column of buttons). */
struct page_col {
	const char *label;
	int num;
	int hidden;
};

/* <table class="CSS">, its caption (a msgid, or NULL), the heads of its
 * n columns, and <tbody>: the rows follow, then page_table_end. */
void page_table_begin(struct req *r, const char *css, const char *caption,
		      const struct page_col *cols, size_t n);
void page_table_end(struct req *r);
/* A cell's column name, shown only on phones, where a table's rows stack
 * and its heads are hidden ("In force: "). */
void page_cell_label(struct req *r, const char *label);

/* A paragraph of text with the given class. */
void page_note(struct req *r, const char *css_class, const char *text);
/* Opens <section class="css_class"> (NULL: no class) with its <h2>; the caller closes it. */
void page_section(struct req *r, const char *css_class, const char *heading);

#endif

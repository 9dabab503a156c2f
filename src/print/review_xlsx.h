/*
 * Every figure of a year-end review as a workbook: a first sheet with the
 * review's unit's figures for each year of its trends (one row per
 * figure, one column per year), a second with the units below (one row
 * per unit, one column per figure) and a totals row of SUM formulas, a
 * third with the review's lists (shortfalls, tasks not done, next year's
 * directions and tasks, commendations).
 *
 * The module reads domain/plans/review.h's review_doc and nothing else.
 */
#ifndef DV_PRINT_REVIEW_XLSX_H
#define DV_PRINT_REVIEW_XLSX_H

#include "base/buf.h"
#include "base/err.h"
#include "domain/plans/review.h"

/* The workbook of d appended to out; lang picks the fixed text. DV_EIO
 * (out as it was) if the file or libxlsxwriter fails. */
int review_xlsx(const struct review_doc *d, const char *lang, struct buf *out,
		struct dv_err *err);

#endif

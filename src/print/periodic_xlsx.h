/*
 * The consolidation of periodic reports as a workbook, in the layout
 * offices exchange: a first sheet with one row per unit below (its
 * reports on time, late, missing; each figure summed; a share as its two
 * counts and a rate given by a formula over them), a totals row of real
 * formulas (SUM, and a share's rate as the summed counts' quotient, never
 * an average); a second sheet with the text sections side by side, one
 * row per unit; a third with each period's state per unit.
 *
 * The module reads the structs of domain/plans/periodic.h; the caller
 * gives the periods' labels already written.
 */
#ifndef DV_PRINT_PERIODIC_XLSX_H
#define DV_PRINT_PERIODIC_XLSX_H

#include "base/buf.h"
#include "base/err.h"
#include "domain/plans/periodic.h"

/* The workbook of c appended to out; labels[k] names period c->first + k.
 * lang picks the fixed text. DV_EIO (out as it was) if the file or
 * libxlsxwriter fails. */
int consolidation_xlsx(const struct consolidation *c, const char *const *labels, const char *lang,
		       struct buf *out, struct dv_err *err);

#endif

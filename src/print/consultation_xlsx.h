/*
 * The synthesis of a consultation as a workbook an officer opens in Excel
 * or LibreOffice to sort, filter and file: a sheet of counts per section
 * with a totals row of real SUM formulas, and a sheet with one row per
 * opinion and its answer. Fixed text (sheet names, headers) is in the
 * workbook's language; the labels come from the caller, as for the PDF.
 */
#ifndef DV_PRINT_CONSULTATION_XLSX_H
#define DV_PRINT_CONSULTATION_XLSX_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"
#include "domain/consult/consultation.h"
#include "print/consultation_pdf.h"

/*
 * The synthesis as an .xlsx file appended to out. libxlsxwriter writes only
 * to files: the workbook is made in a temporary file under $TMPDIR (or
 * /tmp), read back and removed.
 *
 * Errors leave out as it was:
 *  DV_EINVAL  as synthesis_check();
 *  DV_EIO     the temporary file or libxlsxwriter failed.
 */
int synthesis_xlsx(const struct consultation *c, const struct opinion *ops, size_t nops,
		   const struct synthesis_paper *p, const char *lang, struct buf *out,
		   struct dv_err *err);

#endif

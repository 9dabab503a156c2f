/*
 * A work's public ledger as a workbook an office opens in Excel or
 * LibreOffice: the work, its head hash, then one row per entry in the
 * ledger's order (number, day, kind, household code and house number, the
 * name only where the ledger shows it, source, party, item, money in, money
 * out, a correction's effect, whether it counts, the board's sign-off, the
 * hash), and a totals row of real SUMIFS formulas giving the balance.
 *
 * Rows are added one at a time as the ledger is read (a work may have
 * thousands), so the book is opened, filled and closed.
 */
#ifndef DV_PRINT_LEDGER_XLSX_H
#define DV_PRINT_LEDGER_XLSX_H

#include "base/buf.h"
#include "base/err.h"
#include "domain/works/ledger.h"
#include "domain/works/work.h"

struct ledger_book;

/* Start the workbook of work w in a temporary file under $TMPDIR (or
 * /tmp); lang picks its fixed text. *out is the caller's to fill and
 * close. DV_EIO if the file or libxlsxwriter fails. */
int ledger_xlsx_open(const struct work *w, const char *lang, struct ledger_book **out,
		     struct dv_err *err);

/* One entry, after the last. Errors are kept for ledger_xlsx_close. */
void ledger_xlsx_row(struct ledger_book *k, const struct entry *e);

/* Finish the workbook, append it to out and remove the temporary file; k
 * is freed whatever happens. DV_EIO (out as it was) if anything failed. */
int ledger_xlsx_close(struct ledger_book *k, struct buf *out, struct dv_err *err);

#endif

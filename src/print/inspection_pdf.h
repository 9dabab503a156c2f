/*
 * The quarterly report of a People's Inspection Board on paper (báo cáo
 * hoạt động quý của Ban Thanh tra nhân dân), laid out as a Vietnamese
 * administrative document: the board and the national motto, the title
 * with the quarter, the board and its members, how the ward handled
 * residents' reports in the quarter (received, resolved, on time, median
 * time, satisfaction, per kind), every case opened in the quarter with
 * what was checked and found, the recommendations and the authority's
 * answers (or that none came in time), the recommendations still waiting,
 * the signature, and a QR code to the board's public page.
 *
 * Personal data never appears: the structs it is given carry none (a
 * complaint's complainant is left out even when the caller could see it).
 */
#ifndef DV_PRINT_INSPECTION_PDF_H
#define DV_PRINT_INSPECTION_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "domain/reports/board.h"
#include "domain/reports/inspection.h"
#include "domain/reports/report_stats.h"

struct inspection_paper {
	int year, quarter;
	const struct inspection_case *cases; /* opened in the quarter, with their parts */
	size_t ncases;
	const struct report_stats *stats; /* the ward's, per kind, the total last */
	size_t nstats;
	const char *ward; /* "Phường Tân Đông Hiệp": the ward with its kind, in lang */
	const char *lang; /* "vi" or "en" */
	int32_t today;	  /* the date the report bears */
	const char *url;  /* the board's public page, for the QR code; NULL for none */
};

/*
 * The report as an A4 PDF appended to out. Long texts wrap and flow onto
 * new pages. DV_EINVAL when a text is not valid UTF-8, DV_EIO when cairo
 * fails; out is then as it was.
 */
int inspection_pdf(const struct board *b, const struct inspection_paper *p, struct buf *out,
		   struct dv_err *err);

#endif

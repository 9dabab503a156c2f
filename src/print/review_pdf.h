/*
 * The year-end review on paper (báo cáo tổng kết), laid out as the
 * official report is: the authority and the national motto, the place and
 * the date, the title, then numbered parts in the language of the
 * document:
 *
 *   I.   the year's results: 1. mass mobilization work, 2. the project on
 *        a cultured, civilized urban way of life with its co-funded works,
 *        3. grassroots democracy (know, discuss, do, inspect and
 *        supervise, benefit), with the table of the units below and the
 *        charts drawn with cairo: bars per unit below, the trends of the
 *        last three years;
 *   II.  what fell short, and why;
 *   III. the directions and tasks for next year;
 *   IV.  the commendation;
 *   V.   proposals (when written);
 *
 * and the signature. Each part says its figures in sentences made from
 * the review's stored figures, then the officers' narrative. A draft is
 * marked as such; a final review prints its hash, and a QR code to its
 * public page when given.
 *
 * The module reads domain/plans/review.h's review_doc and nothing else.
 */
#ifndef DV_PRINT_REVIEW_PDF_H
#define DV_PRINT_REVIEW_PDF_H

#include "base/buf.h"
#include "base/err.h"
#include "domain/plans/review.h"

/* The review as an A4 PDF appended to out, in lang ("vi": the official
 * document; "en"). url, when not NULL, is the review's public address,
 * printed as a QR code on the last page. DV_EINVAL for text that is not
 * UTF-8; DV_EIO when cairo fails (out as it was). */
int review_pdf(const struct review_doc *d, const char *lang, const char *url, struct buf *out,
	       struct dv_err *err);

#endif

/*
 * The paper of household ballots (Law 10/2022/QH15 Art. 17): the slips and
 * the distribution list, two documents that share nothing but the matter.
 *
 * A slip carries no household: the matter, its options with a box to
 * tick, and its receipt twice, on the ballot (for the counting team) and
 * on a stub the household tears off and keeps (to find its ballot in the
 * public tally). The distribution list carries the households, a place for
 * each representative's signature, and no receipt: the representative
 * signs, then draws a slip from the stack.
 */
#ifndef DV_PRINT_BALLOT_PDF_H
#define DV_PRINT_BALLOT_PDF_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"
#include "domain/decide/matter.h"
#include "print/meeting_pdf.h"

/*
 * Slips, four per A4 page with cut lines, one per receipt in the order
 * given. option_labels[k] labels the matter's options in the document's
 * language; tally_url is where the stub sends the household. DV_EINVAL for
 * 0 or more than BALLOT_PRINT_MAX receipts, DV_EIO if cairo fails (out
 * unchanged).
 */
int ballot_slips_pdf(const struct matter *mt, const char *const *option_labels,
		     const struct meeting_paper *p, const char *const *receipts, size_t n,
		     const char *tally_url, const char *lang, struct buf *out, struct dv_err *err);

/* The distribution list: every household of the roll with a box for its
 * representative's signature (households that voted online are marked and
 * get none). DV_EINVAL for an empty roll, DV_EIO if cairo fails. */
int ballot_roll_pdf(const struct matter *mt, const struct meeting_paper *p,
		    const struct roll_row *v, size_t n, const char *lang, struct buf *out,
		    struct dv_err *err);

#endif

/*
 * Household invitation slips: how a household's representative first gets
 * into the household's account. The neighborhood head prints the slips of a
 * neighborhood and hands each to its household; the representative scans the
 * QR code (a one-time claim link), sets a password and owns the account from
 * then on. A slip is A6 (a quarter of A4), so a page is cut in two strokes.
 */
#ifndef DV_PRINT_INVITATION_H
#define DV_PRINT_INVITATION_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

#define INVITATION_MAX	   2000 /* slips in one PDF: 500 pages */
#define INVITATION_URL_MAX 120	/* bytes of claim link: a QR code that stays 30 mm scannable */

/* What one slip shows. Every string is UTF-8; the caller keeps them alive for
 * the call. The fixed text around them is in the document's language. */
struct invitation_slip {
	const char *unit_path; /* "Khu phố Đông Tác, phường Tân Đông Hiệp, thành phố Dĩ An" */
	const char *address;	    /* "Số 12, đường ĐT743" */
	const char *household_code; /* "HK-25948-000123", may be "" or NULL: not shown */
	const char *representative; /* name, may be "" or NULL: not shown */
	const char *claim_url;	    /* the one-time claim link, which the QR code holds */
	const char *short_code;	    /* "7KQ4-M2XP": typed by hand if the QR cannot be scanned */
	const char *expires;	    /* "27/12/2026", already formatted */
};

/*
 * Lay out n slips, four per A4 page (2 x 2, read left to right then down),
 * with dashed cut lines, and append the PDF to out. lang ("vi", "en") picks
 * the language of the fixed text.
 *
 * Errors leave out as it was:
 *  DV_EINVAL  n is 0 or over INVITATION_MAX; a slip lacks its address, claim
 *             link, short code or expiry; a claim link is longer than
 *             INVITATION_URL_MAX; a text is not UTF-8; or a slip's text is
 *             too long to fit (the message names the slip, counted from 1);
 *  DV_EIO     cairo failed.
 */
int invitation_pdf(const struct invitation_slip *slips, size_t n, const char *lang, struct buf *out,
		   struct dv_err *err);

#endif

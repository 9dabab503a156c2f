/*
 * The receipt (phiếu thu) of a contribution to a community work: an A4 sheet
 * holding the receipt twice, one A5 half for the household and one for the
 * ledger's file, with a cut line between. Each carries the community and
 * the work, the receipt's number and date, the household, the amount in
 * figures and in Vietnamese words ("Một trăm nghìn đồng"), how it was paid,
 * who received it, the two signatures, and a QR code pointing at the
 * public entry in the work's ledger, so anyone holding the paper can check
 * that it was entered.
 */
#ifndef DV_PRINT_RECEIPT_PDF_H
#define DV_PRINT_RECEIPT_PDF_H

#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

/* Strings are UTF-8 and live for the call; "" where there is nothing. */
struct receipt_paper {
	const char *ward;	 /* "Phường Tân Đông Hiệp" */
	const char *community;	 /* "Khu phố Đông Tác" */
	const char *work;	 /* the work's name */
	const char *number;	 /* the receipt's number */
	int32_t date;		 /* YYYYMMDD */
	const char *payer;	 /* who paid: the representative, or "" */
	const char *household;	 /* "HK-25948-000123 · Số 12/3" */
	const char *what;	 /* "Contribution", "In kind: 3 labour days" */
	int64_t amount;		 /* whole đồng, positive */
	const char *method;	 /* "Cash" */
	const char *received_by; /* who recorded it */
	const char *url;	 /* the public entry: what the QR code holds */
	const char *hash;	 /* the entry's hash, printed in small */
};

/* The receipt appended to out; lang picks the language of the fixed text
 * (the amount in words is Vietnamese, as the law's forms write it).
 * DV_EINVAL for an amount that is not positive or a missing url, DV_EIO if
 * cairo fails (out unchanged). */
int receipt_pdf(const struct receipt_paper *p, const char *lang, struct buf *out,
		struct dv_err *err);

#endif

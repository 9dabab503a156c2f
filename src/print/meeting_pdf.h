/*
 * The papers of a community meeting: its minutes, laid out like the
 * official form (national motto, title, time and place, who chaired and
 * took the minutes, attendance and quorum, each motion with its count,
 * the conclusion, the two signatures), ready to print and sign; and the
 * invitations handed to each household, each with a QR code the head scans
 * at the door to check the household in. (Paper household ballots are in
 * ballot_pdf.h.)
 */
#ifndef DV_PRINT_MEETING_PDF_H
#define DV_PRINT_MEETING_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"

/* What the documents need beside the matter and the meeting. Strings are
 * UTF-8 and live for the call. */
struct meeting_paper {
	const char *community; /* "Khu phố Đông Tác" */
	const char *ward;      /* "Phường Tân Đông Hiệp", may be "" */
	const char *reason;    /* the matter's result in words (matter_reason) */
};

/* The minutes of a closed (or open) meeting, appended to out. lang picks the
 * language of the fixed text. DV_EIO if cairo fails (out unchanged). */
int minutes_pdf(const struct matter *mt, const struct meeting *m, const struct meeting_paper *p,
		const char *lang, struct buf *out, struct dv_err *err);

struct meeting_slip {
	const char *address;
	const char *representative; /* may be "" */
	const char *checkin_url;    /* what the QR code holds */
};

#define MEETING_SLIPS_MAX 2000

/* Invitations, four per A4 page, with cut lines. DV_EINVAL for 0 or more
 * than MEETING_SLIPS_MAX slips, DV_EIO if cairo fails. */
int meeting_slips_pdf(const struct matter *mt, const struct meeting *m,
		      const struct meeting_paper *p, const struct meeting_slip *v, size_t n,
		      const char *lang, struct buf *out, struct dv_err *err);

struct pdf;
/* The top of an official paper at y (points): the ward and the community
 * on the left, the national motto on the right. Returns its height. */
double meeting_paper_heading(struct pdf *pdf, const struct meeting_paper *p, const char *lang,
			     double y);

#endif

/*
 * The synthesis of a consultation on paper: the report the authority signs
 * and posts once every opinion is answered (báo cáo tổng hợp ý kiến), laid
 * out like a Vietnamese administrative document: the authority and the
 * national motto, the title, the draft and the period of comments, the
 * totals, every section with its counts and each opinion on it with its
 * answer, the authority's conclusion, and the signature.
 *
 * The module reads the structs of domain/consultation.h and nothing else of
 * the domain: the caller gives the labels of the enums already translated,
 * so the print side needs no database and no domain code to link.
 */
#ifndef DV_PRINT_CONSULTATION_PDF_H
#define DV_PRINT_CONSULTATION_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "domain/consult/consultation.h"

/* What the documents need beside the consultation and its opinions. Strings
 * are UTF-8 and live for the call; NULL reads as "". */
struct synthesis_paper {
	/* The authority, top left: "ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐÔNG HIỆP",
	 * may be "". A '\n' breaks it where the caller wants; otherwise a
	 * line too long for the column is broken in two near its middle. */
	const char *authority;
	const char *unit;	     /* "Phường Tân Đông Hiệp": where it is signed */
	const char *kind;	     /* the kind, already translated */
	const char *const *stances;  /* [ST_COUNT] translated labels */
	const char *const *channels; /* [OC_COUNT] translated labels */
	const char *const *answers;  /* [ANS_COUNT] translated; [0] "not answered" */
};

/*
 * The synthesis report as an A4 PDF appended to out. Every section of c is
 * listed (sections[0] is the draft as a whole), each with its counts and the
 * opinions of ops on it, in the order of ops. lang ("vi", "en") picks the
 * language of the fixed text. Long texts wrap and flow onto new pages.
 *
 * Errors leave out as it was:
 *  DV_EINVAL  as synthesis_check();
 *  DV_EIO     cairo failed.
 */
int synthesis_pdf(const struct consultation *c, const struct opinion *ops, size_t nops,
		  const struct synthesis_paper *p, const char *lang, struct buf *out,
		  struct dv_err *err);

/*
 * What both the PDF and the workbook check before they write anything:
 * every text is valid UTF-8, every opinion's stance, channel and answer is
 * in range and its section is one of c's. 0, or DV_EINVAL naming the first
 * fault (an opinion by its id).
 */
int synthesis_check(const struct consultation *c, const struct opinion *ops, size_t nops,
		    const struct synthesis_paper *p, struct dv_err *err);

/* The heading of a section as the documents show it: the heading of
 * section 0 (or "The draft as a whole" when it has none) goes through the
 * catalog; the others are the draft's own words. Never NULL. */
const char *synthesis_section_heading(const struct consult_section *s, const char *lang);

/* The section of c numbered `number`, or NULL. */
const struct consult_section *synthesis_section(const struct consultation *c, int number);

/* A section's counts in the order both documents show them: opinions,
 * supporting, opposing, other, collective, accepted, partly, not accepted. */
#define SYNTHESIS_COUNTS 8
void synthesis_counts(const struct consult_section *s, int64_t v[SYNTHESIS_COUNTS]);

/* The headers of the table of counts, English msgids: the section's
 * number, its heading, then the counts as synthesis_counts() orders them.
 * Short, so that they fit narrow columns on paper. */
extern const char *const synthesis_count_headers[2 + SYNTHESIS_COUNTS];

/* A translated label from one of the paper's tables: "" when the table is
 * NULL or i is out of range. */
const char *synthesis_label(const char *const *table, int count, int i);

#endif

/*
 * Household import from CSV: the file a ward keeps in Excel, one resident
 * per row, becomes households and residents in one transaction.
 *
 * The file is UTF-8 (a BOM is skipped), comma- or semicolon-separated (the
 * header line decides), with a header row whose column names are matched
 * after Vietnamese folding: "Họ tên", "ho_ten", "HO TEN" and "full_name" are
 * the same column. Rows sharing a household key form one household whose
 * registry code is that key. Every value goes through the domain's own checks
 * (resident_clean_*, household_clean_*), so an import accepts exactly what
 * the forms accept; a line break inside a cell (Alt+Enter) reads as a space.
 *
 * Errors name the PHYSICAL line of the file where the bad row starts (the
 * header is line 1; blank lines and quoted line breaks count), so an official
 * can find it in a text editor or in Excel's row numbers for simple files.
 */
#ifndef DV_DOMAIN_IMPORT_H
#define DV_DOMAIN_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "domain/ctx.h"

#define IMPORT_MAX_BYTES  (50u * 1024 * 1024) /* the whole file */
#define IMPORT_MAX_ROWS	  200000	      /* data rows */
#define IMPORT_MAX_FIELD  1000		      /* bytes in one cell */
#define IMPORT_MAX_ERRORS 1000		      /* errors kept in the report (all are counted) */

struct import_options {
	int64_t scope_unit_id; /* unit names are resolved inside this unit (0: anywhere) */
	int skip_bad;	       /* import the good households, reject the bad ones */
};

/* One problem found in the file. line is the physical line (1 = header);
 * field is the column's English name ("full_name", "unit", ...) or NULL when
 * the problem is the whole row or file; message is an English msgid with the
 * offending value filled in. Strings are static or in ctx->arena. */
struct import_error {
	size_t line;
	const char *field;
	const char *message;
};

struct import_report {
	size_t rows;		     /* data rows read (blank lines and empty rows are not rows) */
	size_t households;	     /* households created */
	size_t residents;	     /* residents created */
	size_t rejected_rows;	     /* rows not imported: every row when the file is refused */
	size_t nerrors;		     /* every error found, even past IMPORT_MAX_ERRORS */
	struct import_error *errors; /* ctx->arena, min(nerrors, IMPORT_MAX_ERRORS), by line */
};

/*
 * Import the CSV text data[0..len) as households and residents.
 *
 * Unit values are a unit id or a unit name, matched (folded) against the
 * active neighborhoods, villages and residential groups inside
 * opt->scope_unit_id (every one when 0) that the actor may edit
 * (ACT_EDIT_HOUSEHOLDS); a unit the actor may not edit reads as unknown. A
 * household whose code is already registered in its ward is refused.
 *
 * Returns 0 when the file was imported: every row, or with opt->skip_bad the
 * households none of whose rows is bad (a household with one bad row is
 * rejected whole). Returns DV_EINVAL when the file or some row is bad and
 * skip_bad is off, or when the file itself is unusable (UTF-16, a missing
 * required column, an unclosed quote, no data rows) whatever skip_bad says;
 * DV_ETOOBIG over a limit above. In both cases NOTHING was written, rep lists
 * the problems and ctx->err holds a one-line summary. Other codes are system
 * errors (ctx->err), after which nothing was written either: all the writes
 * are one transaction.
 *
 * *rep is filled in every case (memory in ctx->arena). rejects, if not NULL,
 * receives (appended) a UTF-8 CSV file with a BOM, in the file's delimiter:
 * the original header plus an "error" column, then every row of the
 * households that had a bad row, as read, with its reasons; nothing is
 * appended when no row is bad. ctx->defer_counts is restored on return.
 */
int import_households(struct dv_ctx *ctx, const char *data, size_t len,
		      const struct import_options *opt, struct import_report *rep,
		      struct buf *rejects);

#endif

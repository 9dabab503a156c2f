/*
 * The official list of administrative units from a CSV file, the way a
 * deployment starts: `danvan units import FILE.csv`.
 *
 * The file is UTF-8 (a BOM is skipped) with the header exactly
 * code,name,kind,parent_code and one unit per line: its official code, its
 * name, its kind as unit_kind_name spells it (province, city, ward,
 * commune, neighborhood, village, residential_group) and its parent's code,
 * empty for a top-level unit. A parent may come after its children in the
 * file, or be a unit the database holds already. Both the 2023 list
 * (province, district-level city, wards) and the 2025 one (province,
 * wards and communes) load: the shape is unit.c's one table.
 *
 * All or nothing: every line is checked first, and a bad one (a malformed
 * code or name, an unknown kind, a wrong number of columns, bytes that are
 * not UTF-8, a code listed twice, an unknown parent, a kind not allowed
 * under its parent, parents forming a loop, a unit the actor may not add) is
 * reported with its physical line; one bad line and nothing is written.
 * A code the database holds already, active, with the same name, kind and
 * parent is left as it is, so importing a file twice changes nothing; held
 * with another name, kind or parent it is an error naming the command that
 * changes it (`danvan units rename` or `move`): an import never reorganizes.
 */
#ifndef DV_DOMAIN_UNIT_IMPORT_H
#define DV_DOMAIN_UNIT_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"

#define UNIT_IMPORT_MAX_BYTES  (10u * 1024 * 1024) /* the whole file */
#define UNIT_IMPORT_MAX_ROWS   100000		    /* units listed */
#define UNIT_IMPORT_MAX_FIELD  1000		    /* bytes in one cell */
#define UNIT_IMPORT_MAX_ERRORS 1000		    /* kept in the report (all are counted) */

/* A bad line: message is an English msgid with the values filled in. */
struct unit_import_error {
	size_t line;
	const char *message;
};

struct unit_import_report {
	size_t rows;			  /* units listed in the file */
	size_t created;			  /* units added */
	size_t unchanged;		  /* listed units the database held already, as listed */
	size_t nerrors;			  /* every error found, even past UNIT_IMPORT_MAX_ERRORS */
	struct unit_import_error *errors; /* ctx->arena, in line order */
};

/*
 * Import the CSV text data[0..len): the new units are created (needing
 * ACT_MANAGE_UNITS on their nearest existing ancestor, the top of the tree
 * for a new root) on the day `effective` (0: today, unit.h), in one
 * transaction with their audit rows. Returns 0 when the file was imported
 * (rep->created may be 0: nothing to do); DV_EINVAL (DV_ETOOBIG over a
 * limit) when the file or a line is bad, with nothing written, the lines in
 * rep and a summary in ctx->err; other codes are system errors, after which
 * nothing was written either. *rep is filled in every case (arena memory).
 */
int unit_import(struct dv_ctx *ctx, const char *data, size_t len, int32_t effective,
		struct unit_import_report *rep);

#endif

/*
 * The official list of units from CSV (unit_import.h). Three passes:
 *
 *  1. parse: libcsv fed one physical line at a time, so each record knows
 *     the line it starts on; each line's cells are checked as they come;
 *  2. resolve: codes indexed (duplicates found), parents found in the file
 *     or the database, kinds checked against their parents, units the
 *     database holds compared, loops and permissions checked;
 *  3. write: the new units, parents first, in one transaction.
 */
#include "domain/registry/unit_import.h"

#include <csv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/registry/unit_impl.h"

static const char *const header[] = {"code", "name", "kind", "parent_code"};
#define NCOLS (sizeof(header) / sizeof(header[0]))

struct cell {
	const char *s; /* NUL-terminated copy; the cell may hold NULs itself */
	size_t len;
};

struct urow {
	size_t line;
	const char *code, *name, *parent_code; /* cleaned */
	enum unit_kind kind;
	int bad;	   /* this line has an error */
	int code_ok;	   /* its code is usable, for finding it */
	long parent;	   /* the parent's row in the file, or -1 */
	int64_t parent_db; /* the parent's id when only the database holds it */
	int held;	   /* the database holds this code already, as listed */
	int64_t id;	   /* the unit, once there */
	int depth, state;  /* new units: levels below an existing unit; 0/1/2 walk marks */
};

struct uimp {
	struct dv_ctx *ctx;
	struct unit_import_report *rep;
	size_t nstored, errcap;
	int fatal; /* DV_EINVAL or DV_ETOOBIG: the file is refused as a whole */
	unsigned char delim;
	size_t line, rec_line;
	int in_record, have_header;
	struct cell *cur;
	size_t ncur, capcur;
	struct urow *rows;
	size_t nrows, caprows;
	size_t *by_code; /* good rows' indexes, by code then line */
	size_t ncodes;
};

/* ----------------------------------------------------------------- errors */

static void add_error(struct uimp *im, size_t line, const char *msg)
{
	struct unit_import_report *rep = im->rep;
	if (rep->nerrors++ >= UNIT_IMPORT_MAX_ERRORS)
		return;
	*ARENA_PUSH(im->ctx->arena, rep->errors, im->nstored, im->errcap) =
		(struct unit_import_error){line, msg};
}

/* An error on a line; `field` is the column at fault (or NULL), shown
 * after the message. */
__attribute__((format(printf, 4, 5))) static void row_error(struct uimp *im, size_t line,
							    const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg =
		arena_vprintf(im->ctx->arena, i18n_get_format(im->ctx->lang, fmt), ap);
	va_end(ap);
	add_error(im, line, field ? arena_printf(im->ctx->arena, "%s (%s)", msg, field) : msg);
}

/* The error a domain check left in ctx->err becomes the line's. */
static void noted(struct uimp *im, struct urow *r, const char *field)
{
	add_error(im, r->line,
		  arena_printf(im->ctx->arena, "%s (%s)", im->ctx->err.msg, field));
	dv_err_clear(&im->ctx->err);
	r->bad = 1;
}

static void fatal(struct uimp *im, int code, size_t line, const char *msg)
{
	add_error(im, line, msg);
	if (!im->fatal || code == DV_ETOOBIG)
		im->fatal = code;
}

/* ---------------------------------------------------------------- parsing */

static const char msg_utf8[] = N_("Not valid UTF-8: save the file as 'CSV UTF-8' in Excel");

static int cell_ok(const struct cell *c)
{
	return strlen(c->s) == c->len && utf8_valid(c->s, c->len);
}

static void read_header(struct uimp *im)
{
	int good = im->ncur == NCOLS;
	for (size_t i = 0; good && i < NCOLS; i++)
		good = strcmp(im->cur[i].s, header[i]) == 0;
	if (!good)
		fatal(im, DV_EINVAL, im->rec_line,
		      i18n_get(im->ctx->lang, N_("The first line must be exactly "
						 "code,name,kind,parent_code")));
	im->have_header = 1;
}

static void check_row(struct uimp *im, struct urow *r)
{
	struct dv_ctx *ctx = im->ctx;
	if (im->ncur != NCOLS) {
		row_error(im, r->line, NULL,
			  "Expected 4 columns (code,name,kind,parent_code), found %zu", im->ncur);
		r->bad = 1;
		return;
	}
	for (size_t i = 0; i < NCOLS; i++)
		if (!cell_ok(&im->cur[i])) {
			row_error(im, r->line, header[i], "%s", i18n_get(ctx->lang, msg_utf8));
			r->bad = 1;
			return;
		}
	if (unit_clean_code(ctx, im->cur[0].s, &r->code)) {
		noted(im, r, "code");
		r->code = "";
	} else if (!*r->code) {
		row_error(im, r->line, "code", "A unit needs its official code");
		r->bad = 1;
	} else {
		r->code_ok = 1;
	}
	if (unit_clean_name(ctx, im->cur[1].s, &r->name))
		noted(im, r, "name");
	if (unit_kind_parse(im->cur[2].s, &r->kind, &ctx->err))
		noted(im, r, "kind");
	if (unit_clean_code(ctx, im->cur[3].s, &r->parent_code))
		noted(im, r, "parent_code");
}

static void add_row(struct uimp *im)
{
	if (im->nrows >= UNIT_IMPORT_MAX_ROWS) {
		fatal(im, DV_ETOOBIG, im->rec_line,
		      arena_printf(im->ctx->arena,
				   i18n_get_format(im->ctx->lang, "More than %d rows: split the file"),
				   UNIT_IMPORT_MAX_ROWS));
		return;
	}
	struct urow *r = ARENA_PUSH(im->ctx->arena, im->rows, im->nrows, im->caprows);
	memset(r, 0, sizeof(*r));
	r->line = im->rec_line;
	r->parent = -1;
	r->code = r->name = r->parent_code = "";
	im->rep->rows++;
	check_row(im, r);
}

static void on_field(void *s, size_t len, void *data)
{
	struct uimp *im = data;
	if (im->fatal)
		return;
	if (len > UNIT_IMPORT_MAX_FIELD) {
		fatal(im, DV_ETOOBIG, im->rec_line,
		      arena_printf(im->ctx->arena,
				   i18n_get_format(im->ctx->lang, "A cell is longer than %d bytes"),
				   UNIT_IMPORT_MAX_FIELD));
		return;
	}
	struct cell *c = ARENA_PUSH(im->ctx->arena, im->cur, im->ncur, im->capcur);
	c->s = len ? arena_strndup(im->ctx->arena, s, len) : "";
	c->len = len;
}

static void on_record(int c, void *data)
{
	struct uimp *im = data;
	(void)c;
	im->in_record = 0;
	size_t filled = 0;
	for (size_t i = 0; i < im->ncur; i++)
		filled += im->cur[i].len != 0;
	if (!im->fatal && filled) /* a line of empty cells is a blank line */
		im->have_header ? add_row(im) : read_header(im);
	im->ncur = 0;
}

/* The end of the physical line starting at pos: after "\n", "\r\n" or "\r". */
static size_t line_end(const char *p, size_t len, size_t pos)
{
	while (pos < len && p[pos] != '\n' && p[pos] != '\r')
		pos++;
	if (pos < len && p[pos] == '\r' && pos + 1 < len && p[pos + 1] == '\n')
		pos++;
	return pos < len ? pos + 1 : len;
}

static int blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return 0;
	return 1;
}

static void feed(struct uimp *im, struct csv_parser *csv, const char *p, size_t n)
{
	if (csv_parse(csv, p, n, on_field, on_record, im) != n && !im->fatal)
		fatal(im, DV_EINVAL, im->rec_line,
		      arena_printf(im->ctx->arena,
				   i18n_get_format(im->ctx->lang,
						   "The file cannot be read as CSV (%s)"),
				   csv_strerror(csv_error(csv))));
}

static void parse_lines(struct uimp *im, struct csv_parser *csv, const char *p, size_t len)
{
	for (size_t pos = 0; pos < len && !im->fatal;) {
		size_t end = line_end(p, len, pos);
		im->line++;
		if (!im->in_record && blank(p + pos, end - pos)) {
			pos = end;
			continue;
		}
		if (!im->in_record) {
			im->in_record = 1;
			im->rec_line = im->line;
		}
		feed(im, csv, p + pos, end - pos);
		pos = end;
	}
	if (!im->fatal && im->in_record)
		feed(im, csv, "\n", 1);
	if (!im->fatal && im->in_record)
		fatal(im, DV_EINVAL, im->rec_line,
		      i18n_get(im->ctx->lang, N_("A quoted cell starting on this line is never "
						 "closed (a \" is missing)")));
}

static int parse(struct uimp *im, const char *p, size_t len)
{
	if (len >= 2 && (memcmp(p, "\xFF\xFE", 2) == 0 || memcmp(p, "\xFE\xFF", 2) == 0)) {
		fatal(im, DV_EINVAL, 1,
		      i18n_get(im->ctx->lang,
			       N_("This file is UTF-16 text: save it as 'CSV UTF-8' in Excel")));
		return 0;
	}
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3, len -= 3;
	struct csv_parser csv;
	if (csv_init(&csv, CSV_APPEND_NULL) != 0)
		return dv_fail(&im->ctx->err, DV_ENOMEM, NULL, "cannot start the CSV parser");
	/* Excel writes ';' where the decimal mark is ',' */
	im->delim = len > 4 && memchr(p, ';', line_end(p, len, 0)) && !memchr(p, ',', line_end(p, len, 0))
			    ? ';'
			    : ',';
	csv_set_delim(&csv, im->delim);
	parse_lines(im, &csv, p, len);
	csv_fini(&csv, on_field, on_record, im);
	csv_free(&csv);
	if (!im->fatal && !im->have_header)
		fatal(im, DV_EINVAL, 1, i18n_get(im->ctx->lang, N_("The file is empty")));
	return 0;
}

/* ----------------------------------------------------------------- codes */

static int by_code_then_line(const void *a, const void *b, void *arg)
{
	const struct urow *rows = arg;
	const struct urow *x = &rows[*(const size_t *)a];
	const struct urow *y = &rows[*(const size_t *)b];
	int c = strcmp(x->code, y->code);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Index the rows by code (those with a usable one); a code listed again is
 * an error on the later line. */
static void index_codes(struct uimp *im)
{
	im->by_code = arena_array(im->ctx->arena, size_t, im->nrows + 1);
	for (size_t i = 0; i < im->nrows; i++)
		if (im->rows[i].code_ok)
			im->by_code[im->ncodes++] = i;
	qsort_r(im->by_code, im->ncodes, sizeof(*im->by_code), by_code_then_line, im->rows);
	size_t kept = 0;
	for (size_t k = 0; k < im->ncodes; k++) {
		struct urow *r = &im->rows[im->by_code[k]];
		const struct urow *first = kept ? &im->rows[im->by_code[kept - 1]] : NULL;
		if (first && strcmp(first->code, r->code) == 0) {
			row_error(im, r->line, "code", "The code %s is already on line %zu", r->code,
				  first->line);
			r->bad = 1;
			continue;
		}
		im->by_code[kept++] = im->by_code[k];
	}
	im->ncodes = kept;
}

static long find_code(const struct uimp *im, const char *code)
{
	size_t lo = 0, hi = im->ncodes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(im->rows[im->by_code[mid]].code, code);
		if (!c)
			return (long)im->by_code[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* --------------------------------------------------------------- parents */

/* The database's unit with this code, if active: 1 found, 0 not, <0 error. */
static int held_unit(struct uimp *im, const char *code, struct unit *u)
{
	int rc = unit_find_code(im->ctx, code, u);
	if (rc == DV_ENOTFOUND) {
		dv_err_clear(&im->ctx->err);
		return 0;
	}
	return rc ? rc : 1;
}

static const char *kind_text(struct uimp *im, enum unit_kind k)
{
	return i18n_get(im->ctx->lang, unit_kind_label(k));
}

/* Find r's parent: its kind in *parent_kind (-1 for the top, -2 when the
 * parent's own line is wrong, which says enough). */
static int resolve_parent(struct uimp *im, struct urow *r, int *parent_kind)
{
	struct unit p;
	*parent_kind = -1;
	if (!*r->parent_code)
		return 0;
	if ((r->parent = find_code(im, r->parent_code)) >= 0) {
		const struct urow *pr = &im->rows[r->parent];
		*parent_kind = pr->bad ? -2 : (int)pr->kind;
		return 0;
	}
	int found = held_unit(im, r->parent_code, &p);
	if (found < 0)
		return found;
	if (!found) {
		row_error(im, r->line, "parent_code",
			  "Unknown parent code %s: it is neither in the file nor in the database",
			  r->parent_code);
		r->bad = 1;
		return 0;
	}
	r->parent_db = p.id;
	*parent_kind = (int)p.kind;
	return 0;
}

static void check_kind(struct uimp *im, struct urow *r, int parent_kind)
{
	if (unit_kind_may_contain(parent_kind, r->kind))
		return;
	r->bad = 1;
	if (parent_kind < 0)
		row_error(im, r->line, "kind", "A %s cannot stand at the top of the tree",
			  kind_text(im, r->kind));
	else
		row_error(im, r->line, "kind", "A %s cannot be placed in a %s",
			  kind_text(im, r->kind), kind_text(im, (enum unit_kind)parent_kind));
}

/* A code the database holds: as listed (left alone), or an error naming
 * the command that would change it. */
static int compare_held(struct uimp *im, struct urow *r, const struct unit *u)
{
	struct unit parent = {.code = ""};
	int rc = u->parent_id ? unit_get(im->ctx, u->parent_id, &parent) : 0;
	if (rc)
		return rc;
	if (u->kind != r->kind) {
		row_error(im, r->line, "kind",
			  "The unit %s is a %s in the database, not a %s: a unit's kind does not "
			  "change",
			  r->code, kind_text(im, u->kind), kind_text(im, r->kind));
	} else if (strcmp(parent.code, r->parent_code) != 0) {
		row_error(im, r->line, "parent_code",
			  "The unit %s is under %s in the database: to move it, use `danvan units "
			  "move code:%s code:%s`",
			  r->code, *parent.code ? parent.code : parent.name, r->code, r->parent_code);
	} else if (strcmp(u->name, r->name) != 0) {
		row_error(im, r->line, "name",
			  "The unit %s is named '%s' in the database: to rename it, use `danvan "
			  "units rename code:%s NAME`",
			  r->code, u->name, r->code);
	} else {
		r->held = 1;
		r->id = u->id;
		im->rep->unchanged++;
		return 0;
	}
	r->bad = 1;
	return 0;
}

static int resolve(struct uimp *im)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < im->nrows; i++) {
		struct urow *r = &im->rows[i];
		struct unit u;
		int parent_kind, found;
		if (r->bad)
			continue;
		if ((rc = resolve_parent(im, r, &parent_kind)))
			break;
		if (r->bad)
			continue;
		if (parent_kind > -2)
			check_kind(im, r, parent_kind);
		if (r->bad || (found = held_unit(im, r->code, &u)) == 0)
			continue;
		rc = found < 0 ? found : compare_held(im, r, &u);
	}
	return rc;
}

/* ------------------------------------------------- order and permission */

/* A new unit's parent row, when that parent is new too; else -1. */
static long new_parent(const struct uimp *im, const struct urow *r)
{
	return r->parent >= 0 && !im->rows[r->parent].held ? r->parent : -1;
}

/* Depth of new row i below the units that exist; a loop of parents is an
 * error on each of its lines. Iterative: a chain may be as long as the file. */
static void walk(struct uimp *im, size_t i, size_t *path)
{
	size_t n = 0;
	long k = (long)i;
	int base = -1;
	while (k >= 0 && im->rows[k].state != 2) {
		struct urow *r = &im->rows[k];
		if (r->state == 1) {
			for (size_t j = 0; j < n; j++) {
				row_error(im, im->rows[path[j]].line, "parent_code",
					  "The parent codes of these lines form a loop");
				im->rows[path[j]].bad = 1;
				im->rows[path[j]].state = 2;
			}
			return;
		}
		r->state = 1;
		path[n++] = (size_t)k;
		k = new_parent(im, r);
	}
	if (k >= 0)
		base = im->rows[k].depth;
	while (n--) {
		im->rows[path[n]].depth = ++base;
		im->rows[path[n]].state = 2;
	}
}

/* The nearest unit the database holds above new row r (0: the top). */
static int64_t existing_ancestor(const struct uimp *im, const struct urow *r)
{
	long k;
	while ((k = new_parent(im, r)) >= 0)
		r = &im->rows[k];
	return r->parent >= 0 ? im->rows[r->parent].id : r->parent_db;
}

static void check_rights(struct uimp *im)
{
	int64_t last = -1;
	int may = 0;
	for (size_t i = 0; i < im->nrows; i++) {
		struct urow *r = &im->rows[i];
		if (r->bad || r->held)
			continue;
		int64_t anc = existing_ancestor(im, r);
		if (anc != last) {
			may = perm_may(im->ctx, ACT_MANAGE_UNITS, anc);
			last = anc;
		}
		if (may)
			continue;
		r->bad = 1;
		if (anc)
			row_error(im, r->line, NULL, "You may not add units there (%s)",
				  r->parent_code);
		else
			row_error(im, r->line, NULL, "You may not add units at the top of the tree");
	}
}

static void order_and_rights(struct uimp *im)
{
	size_t *path = arena_array(im->ctx->arena, size_t, im->nrows + 1);
	for (size_t i = 0; i < im->nrows; i++)
		if (!im->rows[i].bad && !im->rows[i].held && im->rows[i].state != 2)
			walk(im, i, path);
	check_rights(im);
}

/* ---------------------------------------------------------------- writing */

static int by_depth(const void *a, const void *b, void *arg)
{
	const struct urow *rows = arg;
	const struct urow *x = &rows[*(const size_t *)a];
	const struct urow *y = &rows[*(const size_t *)b];
	if (x->depth != y->depth)
		return x->depth - y->depth;
	return (x->line > y->line) - (x->line < y->line);
}

static int write_units(struct uimp *im, int32_t effective)
{
	struct dv_ctx *ctx = im->ctx;
	size_t *order = arena_array(ctx->arena, size_t, im->nrows + 1), n = 0;
	for (size_t i = 0; i < im->nrows; i++)
		if (!im->rows[i].held)
			order[n++] = i;
	qsort_r(order, n, sizeof(*order), by_depth, im->rows);
	int rc = 0;
	for (size_t k = 0; !rc && k < n; k++) {
		struct urow *r = &im->rows[order[k]];
		int64_t parent = r->parent >= 0 ? im->rows[r->parent].id : r->parent_db;
		rc = unit_insert(ctx, parent, r->kind, r->name, r->code, effective, &r->id);
		im->rep->created += rc == 0;
	}
	if (!rc)
		rc = ctx_audit(ctx, "unit.import", "unit", 0, 0,
			       json_pack("{s:I, s:I, s:i}", "created", (json_int_t)n, "unchanged",
					 (json_int_t)im->rep->unchanged, "effective",
					 (int)effective));
	return rc;
}

/* ------------------------------------------------------------------ whole */

/* Errors are found pass by pass; the report lists them by line (stable:
 * a line's errors keep their order). */
static void sort_errors(struct unit_import_report *rep)
{
	size_t n = rep->nerrors < UNIT_IMPORT_MAX_ERRORS ? rep->nerrors : UNIT_IMPORT_MAX_ERRORS;
	for (size_t i = 1; i < n; i++) {
		struct unit_import_error e = rep->errors[i];
		size_t k = i;
		for (; k > 0 && rep->errors[k - 1].line > e.line; k--)
			rep->errors[k] = rep->errors[k - 1];
		rep->errors[k] = e;
	}
}

static int refused(struct uimp *im)
{
	struct dv_ctx *ctx = im->ctx;
	sort_errors(im->rep);
	im->rep->created = 0;
	im->rep->unchanged = 0;
	if (im->fatal == DV_ETOOBIG)
		return dv_fail(&ctx->err, DV_ETOOBIG, NULL,
			       "The file is over a limit: nothing was imported");
	return dv_fail(&ctx->err, DV_EINVAL, NULL,
		       "%zu problems in the file: nothing was imported", im->rep->nerrors);
}

static int import_tx(struct uimp *im, int32_t effective)
{
	int rc = resolve(im);
	if (rc)
		return rc;
	order_and_rights(im);
	if (im->rep->nerrors)
		return refused(im);
	if (im->rep->unchanged == im->nrows)
		return 0; /* nothing new: nothing written, not even an audit row */
	return write_units(im, effective);
}

int unit_import(struct dv_ctx *ctx, const char *data, size_t len, int32_t effective,
		struct unit_import_report *rep)
{
	struct uimp im = {.ctx = ctx, .rep = rep};
	memset(rep, 0, sizeof(*rep));
	int rc = unit_effective_day(ctx, effective, &effective);
	if (rc || (rc = parse(&im, data, len)))
		return rc;
	if (!im.fatal && !im.nrows)
		fatal(&im, DV_EINVAL, im.line ? im.line : 1,
		      i18n_get(ctx->lang, N_("The file holds a header but no units below it")));
	if (im.fatal)
		return refused(&im);
	index_codes(&im);
	if ((rc = ctx_begin(ctx)))
		return rc;
	rc = import_tx(&im, effective);
	rc = ctx_end(ctx, rc);
	if (rc)
		rep->created = 0;
	return rc;
}

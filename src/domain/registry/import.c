/*
 * Household import from CSV. Three passes over the file:
 *
 *  1. parse: libcsv, fed one physical line at a time so every record knows
 *     the line it starts on; the rows are kept as read (for the rejects file);
 *  2. check: every value through the domain's own cleaning functions, units
 *     resolved, rows grouped into households; all problems collected;
 *  3. write: one transaction of household_create and resident_add calls,
 *     counts recomputed once at the end.
 *
 * Memory: what must outlive a row lives in ctx->arena; the garbage the
 * cleaning and writing functions leave behind goes to a scratch arena that
 * is emptied after each row or household, so 200,000 rows stay affordable.
 */
#include "domain/registry/import.h"

#include <csv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"

/* ---------------------------------------------------------------- columns */

enum col {
	C_HOUSEHOLD,
	C_UNIT,
	C_ADDRESS,
	C_FULL_NAME,
	C_BIRTH_DATE,
	C_GENDER,
	C_RELATION,
	C_PHONE,
	C_NATIONAL_ID,
	C_COUNT
};

/* Names are compared folded, with '_' and '-' read as spaces. */
static const struct {
	const char *name; /* also the field name in errors */
	int required;
	const char *aliases[6];
} columns[] = {
	[C_HOUSEHOLD] = {"household", 1, {"ma ho", "ma ho gia dinh", "so ho khau"}},
	[C_UNIT] = {"unit", 1, {"khu pho", "to dan pho", "thon", "ap"}},
	[C_ADDRESS] = {"address", 1, {"dia chi"}},
	[C_FULL_NAME] = {"full_name", 1, {"ho ten", "ho va ten"}},
	[C_BIRTH_DATE] = {"birth_date", 0, {"ngay sinh", "date of birth"}},
	[C_GENDER] = {"gender", 1, {"gioi tinh"}},
	[C_RELATION] = {"relation", 1, {"quan he", "quan he voi chu ho"}},
	[C_PHONE] = {"phone", 0, {"dien thoai", "sdt", "so dien thoai"}},
	[C_NATIONAL_ID] = {"national_id", 0, {"cccd", "so cccd", "cmnd", "so cmnd"}},
};
_Static_assert(ARRAY_LEN(columns) == C_COUNT, "a name per column");

static const char msg_utf8[] = N_("Not valid UTF-8: save the file as 'CSV UTF-8' in Excel");

/* ------------------------------------------------------------------ state */

struct field {
	const char *s; /* NUL-terminated copy (the field may hold NULs itself) */
	size_t len;
};

struct hh;

struct row {
	size_t line; /* physical line where the record starts */
	size_t nf;
	struct field *f;     /* every field of the record, as read */
	struct hh *hh;	     /* its household; NULL when the key is unusable */
	const char *reasons; /* its problems joined by "; ", NULL if none */
	struct row *next;    /* in file order */
	struct row *sibling; /* next row of the same household */
};

struct hh {
	const char *key;     /* cleaned household code */
	int64_t unit_id;     /* 0 when the first row's unit is bad */
	const char *address; /* cleaned; NULL when the first row's address is bad */
	const char *folded_address;
	size_t line;	 /* of its first row */
	size_t bad_line; /* of its first bad row, 0 if none */
	struct row *first, *last;
	struct hh *next;  /* in order of first appearance */
	struct hh *chain; /* hash bucket */
};

/* A unit rows may name: an active community inside the scope. */
struct cand {
	int64_t id;
	const char *folded;
	int64_t ward; /* 0 until asked */
	int may;      /* may the actor edit its households: -1 until asked */
};

struct import {
	struct dv_ctx *ctx;
	struct arena *keep; /* ctx's own arena */
	struct arena scratch;
	const struct import_options *opt;
	struct import_report *rep;
	size_t nstored, errcap; /* rep->errors kept, and room for */
	int fatal;		/* DV_EINVAL or DV_ETOOBIG: the file is refused as a whole */

	/* parsing */
	unsigned char delim;
	size_t line;	 /* the physical line being fed */
	size_t rec_line; /* where the record being parsed started */
	int in_record;
	struct field *cur;
	size_t ncur, capcur;
	struct field *header;
	size_t nheader, header_line;
	int have_header;
	int col[C_COUNT]; /* index of each column in a record, -1 if absent */
	struct row *rows, *last_row;

	/* checking */
	struct hh **buckets;
	size_t nbuckets;
	struct hh *hhs, *last_hh;
	struct cand *cands;  /* sorted by folded name */
	struct cand **by_id; /* the same, sorted by id */
	size_t ncands;
};

/* ----------------------------------------------------------------- errors */

static void add_error(struct import *im, size_t line, const char *field, const char *msg)
{
	struct import_report *rep = im->rep;
	if (rep->nerrors++ >= IMPORT_MAX_ERRORS)
		return;
	struct import_error *e = ARENA_PUSH(im->keep, rep->errors, im->nstored, im->errcap);
	*e = (struct import_error){line, field, msg};
}

__attribute__((format(printf, 5, 6))) static void
file_error(struct import *im, int code, size_t line, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_error(im, line, field, arena_vprintf(im->keep, i18n_get_format(im->ctx->lang, fmt), ap));
	va_end(ap);
	if (!im->fatal || code == DV_ETOOBIG)
		im->fatal = code;
}

static void row_error_s(struct import *im, struct row *r, const char *field, const char *msg)
{
	add_error(im, r->line, field, msg);
	const char *reason = field ? arena_printf(im->keep, "%s: %s", field, msg) : msg;
	r->reasons = r->reasons ? arena_printf(im->keep, "%s; %s", r->reasons, reason) : reason;
}

__attribute__((format(printf, 4, 5))) static void row_error(struct import *im, struct row *r,
							    const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	row_error_s(im, r, field, arena_vprintf(im->keep, i18n_get_format(im->ctx->lang, fmt), ap));
	va_end(ap);
}

/* The result rc of a domain check on the row: a user error becomes the
 * row's problem (under `field`, or the domain's field when NULL) and 0 is
 * returned; 0 and system errors are returned as they are. */
static int noted(struct import *im, struct row *r, int rc, const char *field)
{
	if (!rc || !dv_err_is_user(rc))
		return rc;
	row_error_s(im, r, field ? field : im->ctx->err.field,
		    arena_strdup(im->keep, im->ctx->err.msg));
	dv_err_clear(&im->ctx->err);
	return 0;
}

/* ---------------------------------------------------------------- parsing */

/* Folded header name with '_' and '-' as spaces: "Họ_tên" -> "ho ten". */
static const char *header_key(struct arena *a, const char *s)
{
	char *t = arena_strdup(a, s);
	for (char *p = t; *p; p++)
		if (*p == '_' || *p == '-')
			*p = ' ';
	return text_fold_a(a, t);
}

static int column_of(struct import *im, const char *name)
{
	const char *key = header_key(&im->scratch, name);
	for (int c = 0; c < C_COUNT; c++) {
		if (strcmp(key, header_key(&im->scratch, columns[c].name)) == 0)
			return c;
		for (int k = 0; columns[c].aliases[k]; k++)
			if (strcmp(key, columns[c].aliases[k]) == 0)
				return c;
	}
	return -1;
}

/* The column a field index holds, for error messages. */
static const char *field_name(struct import *im, size_t index)
{
	for (int c = 0; c < C_COUNT; c++)
		if (im->col[c] >= 0 && (size_t)im->col[c] == index)
			return columns[c].name;
	return NULL;
}

static int text_ok(const struct field *f)
{
	return strlen(f->s) == f->len && utf8_valid(f->s, f->len);
}

static void read_header(struct import *im)
{
	size_t line = im->rec_line;
	im->header = arena_array(im->keep, struct field, im->ncur + 1);
	memcpy(im->header, im->cur, im->ncur * sizeof(*im->cur));
	im->nheader = im->ncur;
	im->header_line = line;
	im->have_header = 1;
	for (size_t i = 0; i < im->nheader; i++) {
		if (!text_ok(&im->header[i])) {
			file_error(im, DV_EINVAL, line, NULL, "%s",
				   i18n_get(im->ctx->lang, msg_utf8));
			return;
		}
		int c = column_of(im, im->header[i].s);
		if (c < 0)
			continue;
		if (im->col[c] >= 0)
			file_error(im, DV_EINVAL, line, columns[c].name,
				   "Two columns are %s: keep one", columns[c].name);
		im->col[c] = (int)i;
	}
	for (int c = 0; c < C_COUNT; c++)
		if (columns[c].required && im->col[c] < 0)
			file_error(im, DV_EINVAL, line, columns[c].name,
				   "The required column %s (%s) is missing", columns[c].name,
				   columns[c].aliases[0]);
	arena_release(&im->scratch);
}

static void add_row(struct import *im)
{
	if (im->rep->rows >= IMPORT_MAX_ROWS) {
		file_error(im, DV_ETOOBIG, im->rec_line, NULL, "More than %d rows: split the file",
			   IMPORT_MAX_ROWS);
		return;
	}
	im->rep->rows++;
	struct row *r = arena_new(im->keep, struct row);
	r->line = im->rec_line;
	r->nf = im->ncur;
	r->f = arena_array(im->keep, struct field, im->ncur + 1);
	memcpy(r->f, im->cur, im->ncur * sizeof(*im->cur));
	*(im->last_row ? &im->last_row->next : &im->rows) = r;
	im->last_row = r;
}

static void on_field(void *s, size_t len, void *data)
{
	struct import *im = data;
	if (im->fatal)
		return;
	if (len > IMPORT_MAX_FIELD) {
		const char *field = im->have_header ? field_name(im, im->ncur) : NULL;
		file_error(im, DV_ETOOBIG, im->rec_line, field, "A cell is longer than %d bytes",
			   IMPORT_MAX_FIELD);
		return;
	}
	struct field *f = ARENA_PUSH(im->keep, im->cur, im->ncur, im->capcur);
	f->s = len ? arena_strndup(im->keep, s, len) : "";
	f->len = len;
}

static void on_record(int c, void *data)
{
	struct import *im = data;
	(void)c;
	im->in_record = 0;
	size_t filled = 0;
	for (size_t i = 0; i < im->ncur; i++)
		filled += im->cur[i].len != 0;
	if (!im->fatal && filled) /* a row of empty cells is a blank line too */
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

/* Excel writes ';' where the decimal mark is ',': the header line (the
 * first that is not blank) decides. */
static unsigned char detect_delimiter(const char *p, size_t len)
{
	size_t commas = 0, semis = 0, i = 0;
	int quoted = 0;
	while (i < len && blank(p + i, 1))
		i++;
	for (; i < len && (quoted || (p[i] != '\n' && p[i] != '\r')); i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted && p[i] == ',')
			commas++;
		else if (!quoted && p[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

static void feed(struct import *im, struct csv_parser *csv, const char *p, size_t n)
{
	if (csv_parse(csv, p, n, on_field, on_record, im) != n && !im->fatal)
		file_error(im, DV_EINVAL, im->rec_line, NULL, "The file cannot be read as CSV (%s)",
			   csv_strerror(csv_error(csv)));
}

/* Feed the file one physical line at a time: a record starts on the line
 * being fed when the previous one has ended. */
static void parse_lines(struct import *im, struct csv_parser *csv, const char *p, size_t len)
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
	/* The last line may lack its line break; if a line break does not end
	 * the record either, a quote was opened and never closed. */
	if (!im->fatal && im->in_record)
		feed(im, csv, "\n", 1);
	if (!im->fatal && im->in_record)
		file_error(im, DV_EINVAL, im->rec_line, NULL,
			   "A quoted cell starting on this line is never closed (a \" is missing)");
}

static int parse(struct import *im, const char *p, size_t len)
{
	if (len >= 2 && (memcmp(p, "\xFF\xFE", 2) == 0 || memcmp(p, "\xFE\xFF", 2) == 0)) {
		file_error(im, DV_EINVAL, 1, NULL,
			   "This file is UTF-16 text: save it as 'CSV UTF-8' in Excel");
		return 0;
	}
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3, len -= 3;
	size_t first = line_end(p, len, 0);
	if (memchr(p, '\0', first)) {
		file_error(im, DV_EINVAL, 1, NULL,
			   "This file is not UTF-8 text: save it as 'CSV UTF-8' in Excel");
		return 0;
	}
	struct csv_parser csv;
	if (csv_init(&csv, CSV_APPEND_NULL) != 0)
		return dv_fail(&im->ctx->err, DV_ENOMEM, NULL, "cannot start the CSV parser");
	im->delim = detect_delimiter(p, len);
	csv_set_delim(&csv, im->delim);
	parse_lines(im, &csv, p, len);
	csv_fini(&csv, on_field, on_record, im);
	csv_free(&csv);
	if (!im->fatal && !im->have_header)
		file_error(im, DV_EINVAL, 1, NULL, "The file is empty");
	else if (!im->fatal && !im->rows)
		file_error(im, DV_EINVAL, im->header_line, NULL,
			   "The file holds a header but no rows below it");
	return 0;
}

/* ------------------------------------------------------------------ units */

static int by_folded(const void *a, const void *b)
{
	return strcmp(((const struct cand *)a)->folded, ((const struct cand *)b)->folded);
}

static int by_id(const void *a, const void *b)
{
	int64_t x = (*(struct cand *const *)a)->id, y = (*(struct cand *const *)b)->id;
	return (x > y) - (x < y);
}

static int add_candidates(struct import *im, int64_t root, size_t *cap)
{
	struct unit *v;
	size_t n;
	int rc = unit_subtree(im->ctx, root, 1000, &v, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		if (!unit_kind_is_community(v[i].kind))
			continue;
		struct cand *c = ARENA_PUSH(im->keep, im->cands, im->ncands, *cap);
		*c = (struct cand){v[i].id, text_fold_a(im->keep, v[i].name), 0, -1};
	}
	return rc;
}

/* Every active community inside the scope, without permission checks yet:
 * those are asked only for the units the file names. */
static int load_units(struct import *im)
{
	size_t cap = 0;
	int rc = 0;
	if (im->opt->scope_unit_id) {
		rc = add_candidates(im, im->opt->scope_unit_id, &cap);
	} else {
		struct unit *roots;
		size_t n;
		rc = unit_roots(im->ctx, &roots, &n);
		for (size_t i = 0; !rc && i < n; i++)
			rc = add_candidates(im, roots[i].id, &cap);
	}
	if (rc)
		return rc;
	if (im->ncands)
		qsort(im->cands, im->ncands, sizeof(*im->cands), by_folded);
	im->by_id = arena_array(im->keep, struct cand *, im->ncands + 1);
	for (size_t i = 0; i < im->ncands; i++)
		im->by_id[i] = &im->cands[i];
	if (im->ncands)
		qsort(im->by_id, im->ncands, sizeof(*im->by_id), by_id);
	return 0;
}

static int may_edit(struct import *im, struct cand *c)
{
	if (c->may < 0)
		c->may = perm_may(im->ctx, ACT_EDIT_HOUSEHOLDS, c->id);
	return c->may;
}

static struct cand *find_id(struct import *im, const char *value)
{
	if (!*value || strspn(value, "0123456789") != strlen(value) || strlen(value) > 18)
		return NULL;
	struct cand key = {.id = strtoll(value, NULL, 10)}, *kp = &key;
	struct cand **hit = bsearch(&kp, im->by_id, im->ncands, sizeof(*im->by_id), by_id);
	return hit && may_edit(im, *hit) ? *hit : NULL;
}

/* The unit a value names, or NULL with *err set to the problem. A binary
 * search, and the actor's right asked once per unit: cheap for every row. */
static struct cand *resolve_unit(struct import *im, const char *value, const char **err)
{
	struct cand *hit = find_id(im, value);
	if (hit)
		return hit;
	struct cand key = {.folded = text_fold_a(&im->scratch, value)};
	struct cand *c = bsearch(&key, im->cands, im->ncands, sizeof(*im->cands), by_folded);
	size_t n = 0;
	if (c) {
		size_t lo = (size_t)(c - im->cands);
		while (lo > 0 && by_folded(&im->cands[lo - 1], &key) == 0)
			lo--;
		for (size_t i = lo; i < im->ncands && by_folded(&im->cands[i], &key) == 0; i++)
			if (may_edit(im, &im->cands[i]) && n++ == 0)
				hit = &im->cands[i];
	}
	if (n == 1)
		return hit;
	const char *lang = im->ctx->lang;
	if (n > 1)
		*err = arena_printf(
			im->keep,
			i18n_get(lang, N_("%zu units are named '%s': write the unit's id "
					  "instead")),
			n, value);
	else if (strspn(value, "0123456789") == strlen(value))
		*err = arena_printf(
			im->keep,
			i18n_get(lang, N_("No neighborhood, village or residential group "
					  "here has the id %s")),
			value);
	else
		*err = arena_printf(
			im->keep,
			i18n_get(lang, N_("No neighborhood, village or residential group "
					  "here is named '%s'")),
			value);
	return NULL;
}

/* --------------------------------------------------------------- checking */

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The household with this key, created (in order of first appearance) if new. */
static struct hh *household_of(struct import *im, const char *key, size_t line, int *is_new)
{
	struct hh **b = &im->buckets[hash(key) & (im->nbuckets - 1)];
	for (struct hh *h = *b; h; h = h->chain)
		if (strcmp(h->key, key) == 0)
			return *is_new = 0, h;
	struct hh *h = arena_new(im->keep, struct hh);
	h->key = arena_strdup(im->keep, key);
	h->line = line;
	h->chain = *b;
	*b = h;
	*(im->last_hh ? &im->last_hh->next : &im->hhs) = h;
	im->last_hh = h;
	*is_new = 1;
	return h;
}

static void join(struct row *r, struct hh *h)
{
	r->hh = h;
	*(h->last ? &h->last->sibling : &h->first) = r;
	h->last = r;
}

/* The row's value of each column, "" when absent; a line break inside a
 * cell (Alt+Enter in Excel) becomes a space. Returns 0, or -1 when the row
 * is not UTF-8 text (then v holds only the valid values). */
static int row_values(struct import *im, struct row *r, const char *v[C_COUNT], int *bad_col)
{
	int bad = 0;
	*bad_col = -1;
	for (size_t i = 0; i < r->nf; i++)
		if (!text_ok(&r->f[i]) && !bad++)
			*bad_col = (int)i;
	for (int c = 0; c < C_COUNT; c++) {
		size_t i = (size_t)im->col[c];
		v[c] = "";
		if (im->col[c] < 0 || i >= r->nf || !text_ok(&r->f[i]))
			continue;
		v[c] = r->f[i].s;
		if (strpbrk(v[c], "\r\n")) {
			char *t = arena_strdup(&im->scratch, v[c]);
			for (char *p = t; (p = strpbrk(p, "\r\n")); p++)
				*p = ' ';
			v[c] = t;
		}
	}
	return bad ? -1 : 0;
}

static int check_registered(struct import *im, struct row *r, struct hh *h, struct cand *u)
{
	int64_t id;
	int rc = u->ward ? 0 : unit_commune_of(im->ctx, u->id, &u->ward);
	if (rc)
		return rc;
	rc = household_find_code(im->ctx, u->ward, h->key, &id);
	if (rc == 0)
		row_error(im, r, "household", "The household %s is already registered in this ward",
			  h->key);
	return rc == DV_ENOTFOUND ? 0 : rc;
}

/* Household key, unit and address: find or start the row's household and
 * check that its rows agree. */
static int check_household(struct import *im, struct row *r, const char *v[C_COUNT])
{
	struct dv_ctx *ctx = im->ctx;
	const char *key = NULL, *addr = NULL, *uerr = NULL;
	int rc = household_clean_code(ctx, v[C_HOUSEHOLD], &key);
	if (rc) {
		if ((rc = noted(im, r, rc, "household")))
			return rc;
	} else if (!*key) {
		row_error(im, r, "household",
			  "Enter the household code: rows with the same code form one household");
	}
	struct cand *u = *v[C_UNIT] ? resolve_unit(im, v[C_UNIT], &uerr) : NULL;
	if (!*v[C_UNIT])
		row_error(im, r, "unit", "This field is required");
	else if (!u)
		row_error_s(im, r, "unit", uerr);
	if ((rc = household_clean_address(ctx, v[C_ADDRESS], &addr)) &&
	    (rc = noted(im, r, rc, "address")))
		return rc;
	if (!*addr) /* the cleaning failed */
		addr = NULL;
	if (!*key) /* "" when missing or bad */
		return 0;
	int is_new;
	struct hh *h = household_of(im, key, r->line, &is_new);
	const char *folded = addr ? text_fold_a(&im->scratch, addr) : NULL;
	join(r, h);
	if (is_new) {
		h->unit_id = u ? u->id : 0;
		h->address = addr ? arena_strdup(im->keep, addr) : NULL;
		h->folded_address = folded ? arena_strdup(im->keep, folded) : NULL;
		return u ? check_registered(im, r, h, u) : 0;
	}
	if (u && h->unit_id && u->id != h->unit_id)
		row_error(im, r, "unit", "The unit differs from line %zu of the same household",
			  h->line);
	if (folded && h->folded_address && strcmp(folded, h->folded_address) != 0)
		row_error(im, r, "address",
			  "The address differs from line %zu of the same household", h->line);
	return 0;
}

/* Every field checked, so a row shows all its problems at once. */
static int check_resident(struct import *im, struct row *r, const char *v[C_COUNT])
{
	struct dv_ctx *ctx = im->ctx;
	const char *s;
	int32_t d;
	int rc = noted(im, r, resident_clean_name(ctx, v[C_FULL_NAME], &s), NULL);
	if (!rc)
		rc = noted(im, r, resident_clean_birth_date(ctx, v[C_BIRTH_DATE], &d), NULL);
	if (!rc)
		rc = noted(im, r, resident_clean_gender(ctx, v[C_GENDER], &s), NULL);
	if (!rc)
		rc = noted(im, r, resident_clean_relation(ctx, v[C_RELATION], &s), NULL);
	if (!rc)
		rc = noted(im, r, resident_clean_phone(ctx, v[C_PHONE], &s), NULL);
	if (!rc)
		rc = noted(im, r, resident_clean_national_id(ctx, v[C_NATIONAL_ID], &s), NULL);
	return rc;
}

/* A row that is not UTF-8 is checked no further, but still joins its
 * household (when its key is readable) so the household is rejected whole. */
static int check_row(struct import *im, struct row *r)
{
	const char *v[C_COUNT];
	int bad_col, rc;
	if (row_values(im, r, v, &bad_col) == 0) {
		rc = check_household(im, r, v);
		if (!rc)
			rc = check_resident(im, r, v);
	} else {
		const char *key = NULL;
		row_error_s(im, r, bad_col >= 0 ? field_name(im, (size_t)bad_col) : NULL,
			    i18n_get(im->ctx->lang, msg_utf8));
		int is_new;
		rc = household_clean_code(im->ctx, v[C_HOUSEHOLD], &key);
		if (!rc && *key)
			join(r, household_of(im, key, r->line, &is_new));
		rc = rc ? noted(im, r, rc, "household") : 0;
	}
	if (r->reasons && r->hh && !r->hh->bad_line)
		r->hh->bad_line = r->line;
	return rc;
}

static int check_rows(struct import *im)
{
	int rc = load_units(im);
	if (rc)
		return rc;
	im->nbuckets = 64;
	while (im->nbuckets < im->rep->rows * 2)
		im->nbuckets *= 2;
	im->buckets = arena_array(im->keep, struct hh *, im->nbuckets);
	im->ctx->arena = &im->scratch;
	for (struct row *r = im->rows; r && !rc; r = r->next) {
		rc = check_row(im, r);
		arena_release(&im->scratch);
	}
	im->ctx->arena = im->keep;
	return rc;
}

/* ---------------------------------------------------------------- writing */

static int write_household(struct import *im, struct hh *h)
{
	struct dv_ctx *ctx = im->ctx;
	struct household_input in = {.unit_id = h->unit_id, .code = h->key, .address = h->address};
	int64_t hid = 0;
	int rc = household_create(ctx, &in, &hid);
	size_t line = h->line;
	for (struct row *r = h->first; !rc && r; r = r->sibling) {
		const char *v[C_COUNT];
		int bad_col;
		row_values(im, r, v, &bad_col);
		struct resident_input ri = {.household_id = hid,
					    .full_name = v[C_FULL_NAME],
					    .birth_date = v[C_BIRTH_DATE],
					    .gender = v[C_GENDER],
					    .relation = v[C_RELATION],
					    .phone = v[C_PHONE],
					    .national_id = v[C_NATIONAL_ID]};
		rc = resident_add(ctx, &ri, NULL);
		im->rep->residents += !rc;
		line = r->line;
	}
	if (rc && dv_err_is_user(rc))
		dv_err_prefix(&ctx->err, "line %zu: ", line);
	im->rep->households += !rc;
	return rc;
}

static int write_all(struct import *im)
{
	struct dv_ctx *ctx = im->ctx;
	int saved = ctx->defer_counts;
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	ctx->defer_counts = 1;
	ctx->arena = &im->scratch;
	for (struct hh *h = im->hhs; h && !rc; h = h->next) {
		if (!h->bad_line)
			rc = write_household(im, h);
		arena_release(&im->scratch);
	}
	ctx->arena = im->keep;
	ctx->defer_counts = saved;
	if (!rc)
		rc = unit_recount(ctx);
	rc = ctx_end(ctx, rc);
	if (rc)
		im->rep->households = im->rep->residents = 0;
	return rc;
}

/* ---------------------------------------------------------------- rejects */

static void csv_cell(struct buf *out, unsigned char delim, const char *s, size_t len, int first)
{
	if (!first)
		buf_addch(out, delim);
	buf_addch(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_addch(out, '"');
		buf_addch(out, s[i]);
	}
	buf_addch(out, '"');
}

static void csv_line(struct buf *out, unsigned char delim, const struct field *f, size_t nf,
		     size_t width, const char *last)
{
	for (size_t i = 0; i < width; i++)
		csv_cell(out, delim, i < nf ? f[i].s : "", i < nf ? f[i].len : 0, i == 0);
	csv_cell(out, delim, last, strlen(last), width == 0);
	buf_adds(out, "\r\n");
}

static int rejected(const struct row *r)
{
	return r->reasons || !r->hh || r->hh->bad_line;
}

/* The header plus "error", then each rejected row padded to the header's
 * width (or its own, if wider) so the error column lines up. */
static void write_rejects(struct import *im, struct buf *out)
{
	buf_adds(out, "\xEF\xBB\xBF");
	csv_line(out, im->delim, im->header, im->nheader, im->nheader, "error");
	for (struct row *r = im->rows; r; r = r->next) {
		if (!rejected(r))
			continue;
		const char *why = r->reasons;
		if (!why)
			why = arena_printf(
				im->keep,
				i18n_get(im->ctx->lang,
					 N_("Line %zu of the same household is invalid")),
				r->hh->bad_line);
		csv_line(out, im->delim, r->f, r->nf, r->nf > im->nheader ? r->nf : im->nheader,
			 why);
	}
}

/* ------------------------------------------------------------------- main */

static int refuse(struct import *im, int code)
{
	struct import_report *rep = im->rep;
	rep->rejected_rows = rep->rows;
	size_t bad = 0;
	for (struct row *r = im->rows; r; r = r->next)
		bad += r->reasons != NULL;
	if (code == DV_ETOOBIG)
		return dv_fail(&im->ctx->err, code, NULL,
			       "The file is over a limit: nothing was imported");
	if (bad)
		return dv_fail(&im->ctx->err, code, NULL,
			       "%zu of %zu rows are invalid: nothing was imported", bad, rep->rows);
	return dv_fail(&im->ctx->err, code, NULL, "The file cannot be read: nothing was imported");
}

static int run(struct import *im, const char *data, size_t len, struct buf *rejects)
{
	if (len > IMPORT_MAX_BYTES)
		return dv_fail(&im->ctx->err, DV_ETOOBIG, NULL,
			       "The file is larger than %u MB: split it", IMPORT_MAX_BYTES >> 20);
	int rc = parse(im, data, len);
	if (rc)
		return rc;
	if (im->fatal)
		return refuse(im, im->fatal);
	if ((rc = check_rows(im)))
		return rc;
	for (struct row *r = im->rows; r; r = r->next)
		im->rep->rejected_rows += rejected(r);
	if (rejects && im->rep->rejected_rows)
		write_rejects(im, rejects);
	if (im->rep->nerrors && !im->opt->skip_bad)
		return refuse(im, DV_EINVAL);
	rc = write_all(im);
	if (rc)
		im->rep->rejected_rows = im->rep->rows;
	return rc;
}

int import_households(struct dv_ctx *ctx, const char *data, size_t len,
		      const struct import_options *opt, struct import_report *rep,
		      struct buf *rejects)
{
	static const struct import_options defaults = {0};
	struct import im = {.ctx = ctx, .keep = ctx->arena, .rep = rep};
	im.opt = opt ? opt : &defaults;
	memset(rep, 0, sizeof(*rep));
	arena_init(&im.scratch);
	for (int c = 0; c < C_COUNT; c++)
		im.col[c] = -1;
	int rc = run(&im, data, len, rejects);
	arena_release(&im.scratch);
	return rc;
}

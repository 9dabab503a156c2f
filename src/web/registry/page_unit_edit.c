/*
 * Reorganizing the map on the web (/units/{id}/reorganize): add a unit
 * below, rename, move, merge, split, each on the day it takes effect, with
 * the same domain functions as `danvan units`. The page is for those who
 * manage units there (ward officers add and rename); moving, merging and
 * splitting are a city administrator's, and their forms show only to those
 * who may. Each form says first what will happen, with the numbers.
 *
 * Field names carry their form's name ("merge-into"), so the five forms
 * live on one page without two fields sharing an id; a refusal comes back
 * next to the field of the form that was sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/registry/registry.h"
#include "web/registry/registry_impl.h"

#define SPLIT_PARTS 4 /* new units offered by the split form */

/* The unit of the page and what it holds directly. */
struct here {
	struct unit u;
	struct unit *kids;
	size_t nkids;
	int64_t direct; /* households living directly in it */
	int reorganize; /* may the actor move, merge and split it */
};

static const char *field_of(struct req *r, const char *op, const char *field)
{
	return arena_printf(&r->arena, "%s-%s", op, field);
}

/* The value typed into a field, or `fallback`. */
static const char *typed(struct req *r, const char *op, const char *field, const char *fallback)
{
	const char *v = req_form(r, field_of(r, op, field));
	return v ? v : fallback;
}

static int load_here(struct req *r, struct here *h)
{
	int rc = unit_get(&r->ctx, r->params[0], &h->u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_MANAGE_UNITS, h->u.id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	int64_t below = 0;
	for (size_t i = 0; !(rc = unit_children(&r->ctx, h->u.id, &h->kids, &h->nkids)) &&
			   i < h->nkids;
	     i++)
		below += h->kids[i].households;
	h->direct = h->u.households - below;
	h->reorganize = perm_may(&r->ctx, ACT_REORGANIZE_UNITS, h->u.id);
	return rc;
}

/* ----------------------------------------------------------- the forms */

static void section(struct req *r, const char *id, const char *title, const char *what)
{
	html_raw(&r->out, "<section class=\"reorganize\" id=\"");
	html_attr(&r->out, id);
	html_raw(&r->out, "\"><h2>");
	html_txt(&r->out, title);
	html_raw(&r->out, "</h2>");
	page_note(r, "what", what);
}

static void effective_field(struct req *r, const char *op, const struct form_errors *fe)
{
	const char *today = page_date_iso(r, time_local_date(r->ctx.now));
	form_input(r,
		   &(struct field){.name = field_of(r, op, "effective"),
				   .label = T(r, "Takes effect on"),
				   .value = typed(r, op, "effective", today),
				   .type = "date",
				   .hint = T(r, "The day the decision sets; today or earlier."),
				   .required = 1},
		   fe);
}

static void unit_field(struct req *r, const char *op, const char *field, const char *label,
		       const struct form_errors *fe)
{
	form_input(r,
		   &(struct field){.name = field_of(r, op, field),
				   .label = label,
				   .value = typed(r, op, field, ""),
				   .hint = T(r, "Its official code (25948), or the address of its "
						"page (/units/12)."),
				   .required = 1,
				   .maxlength = 200},
		   fe);
}

static void add_form(struct req *r, const struct here *h, const struct form_errors *fe)
{
	const char **kinds = arena_array(&r->arena, const char *, 2 * UNIT_KIND_COUNT + 1);
	size_t k = 0;
	for (int i = 0; i < UNIT_KIND_COUNT; i++)
		if (unit_kind_may_contain((int)h->u.kind, (enum unit_kind)i)) {
			kinds[k++] = unit_kind_name((enum unit_kind)i);
			kinds[k++] = T(r, unit_kind_label((enum unit_kind)i));
		}
	if (!k)
		return;
	section(r, "add", T(r, "Add a unit below"),
		arena_printf(&r->arena, T(r, "The new unit is placed under %s and appears in the "
					      "tree at once."),
			     h->u.name));
	form_begin(r, link_unit(r, h->u.id, "add"), "stacked");
	form_select(r, field_of(r, "add", "kind"), T(r, "Kind"), typed(r, "add", "kind", NULL),
		    kinds, fe);
	form_input(r,
		   &(struct field){.name = field_of(r, "add", "name"), .label = T(r, "Name"),
				   .value = typed(r, "add", "name", ""), .required = 1,
				   .maxlength = UNIT_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = field_of(r, "add", "code"),
				   .label = T(r, "Official code"),
				   .value = typed(r, "add", "code", ""),
				   .hint = T(r, "If it has one: digits, capital letters and '-'."),
				   .maxlength = UNIT_CODE_MAX},
		   fe);
	effective_field(r, "add", fe);
	form_submit(r, T(r, "Add the unit"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static void rename_form(struct req *r, const struct here *h, const struct form_errors *fe)
{
	section(r, "rename", T(r, "Rename"),
		arena_printf(&r->arena, T(r, "%s keeps its page and its records under the new "
					      "name; the old name stays in its history."),
			     h->u.name));
	form_begin(r, link_unit(r, h->u.id, "rename"), "stacked");
	form_input(r,
		   &(struct field){.name = field_of(r, "rename", "name"), .label = T(r, "New name"),
				   .value = typed(r, "rename", "name", h->u.name), .required = 1,
				   .maxlength = UNIT_NAME_MAX},
		   fe);
	effective_field(r, "rename", fe);
	form_submit(r, T(r, "Rename"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static void move_form(struct req *r, const struct here *h, const struct form_errors *fe)
{
	section(r, "move", T(r, "Move"),
		arena_printf(&r->arena, T(r, "%s moves under the unit you name, with its %zu units "
					      "below and its %lld households; the households' ward "
					      "follows."),
			     h->u.name, h->nkids, (long long)h->u.households));
	form_begin(r, link_unit(r, h->u.id, "move"), "stacked");
	unit_field(r, "move", "parent", T(r, "New parent unit"), fe);
	effective_field(r, "move", fe);
	form_submit(r, T(r, "Move"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static void merge_form(struct req *r, const struct here *h, const struct form_errors *fe)
{
	section(r, "merge", T(r, "Merge into another unit"),
		arena_printf(&r->arena,
			     T(r, "The %zu units below %s and the %lld households living directly "
				  "in it go to the unit you name. %s keeps its page and its records, "
				  "marked merged, with a link to that unit, whose lists then include "
				  "them."),
			     h->nkids, h->u.name, (long long)h->direct, h->u.name));
	form_begin(r, link_unit(r, h->u.id, "merge"), "stacked");
	unit_field(r, "merge", "into", T(r, "Merge into"), fe);
	effective_field(r, "merge", fe);
	form_submit(r, T(r, "Merge"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

/* Options "1".."SPLIT_PARTS" naming the new units, NULL-ended. */
static const char **part_options(struct req *r, int with_none)
{
	const char **o = arena_array(&r->arena, const char *, 2 * SPLIT_PARTS + 3);
	size_t k = 0;
	if (with_none) {
		o[k++] = "0";
		o[k++] = T(r, "None: every household is listed");
	}
	for (int p = 1; p <= SPLIT_PARTS; p++) {
		o[k++] = arena_printf(&r->arena, "%d", p);
		o[k++] = arena_printf(&r->arena, T(r, "New unit %d"), p);
	}
	return o;
}

static void split_parts(struct req *r, const struct here *h, const struct form_errors *fe)
{
	for (int p = 1; p <= SPLIT_PARTS; p++) {
		char name[24], code[24], hh[32];
		snprintf(name, sizeof(name), "name-%d", p);
		snprintf(code, sizeof(code), "code-%d", p);
		snprintf(hh, sizeof(hh), "households-%d", p);
		form_input(r,
			   &(struct field){.name = field_of(r, "split", name),
					   .label = arena_printf(&r->arena, T(r, "New unit %d: name"), p),
					   .value = typed(r, "split", name, ""), .required = p <= 2,
					   .maxlength = UNIT_NAME_MAX},
			   fe);
		form_input(r,
			   &(struct field){.name = field_of(r, "split", code),
					   .label = arena_printf(&r->arena,
								 T(r, "New unit %d: official code"), p),
					   .value = typed(r, "split", code, ""),
					   .maxlength = UNIT_CODE_MAX},
			   fe);
		if (h->direct)
			form_input(r,
				   &(struct field){.name = field_of(r, "split", hh),
						   .label = arena_printf(
							   &r->arena, T(r, "New unit %d: households"), p),
						   .value = typed(r, "split", hh, ""),
						   .hint = T(r, "The numbers of their pages "
								"(/households/123), separated by commas."),
						   .maxlength = 20000},
				   fe);
	}
}

static void split_form(struct req *r, const struct here *h, const struct form_errors *fe)
{
	section(r, "split", T(r, "Split into new units"),
		arena_printf(&r->arena,
			     T(r, "%s becomes the new units named here, beside it: each of its %zu "
				  "units below goes to the new unit you choose, its %lld households "
				  "living directly in it as listed. %s keeps its page and its records, "
				  "marked split, with links to the new units."),
			     h->u.name, h->nkids, (long long)h->direct, h->u.name));
	form_begin(r, link_unit(r, h->u.id, "split"), "stacked");
	split_parts(r, h, fe);
	const char **parts = part_options(r, 0);
	for (size_t i = 0; i < h->nkids; i++) {
		char field[40];
		snprintf(field, sizeof(field), "unit-%lld", (long long)h->kids[i].id);
		form_select(r, field_of(r, "split", field),
			    arena_printf(&r->arena, T(r, "%s goes to"), h->kids[i].name),
			    typed(r, "split", field, "1"), parts, fe);
	}
	if (h->direct)
		form_select(r, field_of(r, "split", "rest"),
			    T(r, "The households not listed go to"), typed(r, "split", "rest", "0"),
			    part_options(r, 1), fe);
	effective_field(r, "split", fe);
	form_submit(r, T(r, "Split"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static int reorganize_page(struct req *r, const struct form_errors *fe, int status)
{
	struct here h;
	int rc = load_here(r, &h);
	if (rc)
		return rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Reorganize"),
					 unit_title(&r->arena, r->ctx.lang, h.u.kind, h.u.name));
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_unit(r, h.u.id, NULL), h.u.name);
	page_heading(r, title);
	form_summary(r, fe);
	if ((rc = registry_successors_note(r, h.u.id)))
		return rc;
	if (strcmp(h.u.status, "active") == 0) {
		add_form(r, &h, fe);
		rename_form(r, &h, fe);
		if (h.reorganize) {
			move_form(r, &h, fe);
			merge_form(r, &h, fe);
			split_form(r, &h, fe);
		}
	}
	layout_end(r);
	return 0;
}

int page_unit_reorganize(struct req *r)
{
	return reorganize_page(r, NULL, 200);
}

/* ------------------------------------------------------------- actions */

/* After a change: back to the unit's page, or this page again with the
 * refusal next to the field of the form `op` (form_mendable). */
static int after(struct req *r, int rc, const char *op)
{
	struct form_errors fe = {0};
	if (!rc) {
		res_redirect(r, link_unit(r, r->params[0], NULL));
		return 0;
	}
	int status = form_mendable(r, rc, &fe);
	if (!status)
		return rc;
	for (size_t i = 0; i < fe.n; i++)
		if (fe.e[i].field)
			fe.e[i].field = field_of(r, op, fe.e[i].field);
	return reorganize_page(r, &fe, status) ? rc : 0;
}

/* The form parsed, the unit managed here, the effective day read. */
static int begin(struct req *r, const char *op, struct here *h, int32_t *effective)
{
	int rc = req_form_parse(r);
	if (rc || (rc = load_here(r, h)))
		return rc;
	return unit_effective_parse(&r->ctx, typed(r, op, "effective", ""), effective);
}

/* A unit named as on the form: an official code or a /units/ID address. */
static int unit_named(struct req *r, const char *text, const char *field, int64_t *id)
{
	struct unit u;
	const char *t = text ? text : "";
	while (*t == ' ')
		t++;
	const char *path = strstr(t, "/units/");
	if (path || *t == '#') {
		*id = strtoll(path ? path + 7 : t + 1, NULL, 10);
		if (*id > 0 && unit_get(&r->ctx, *id, &u) == 0)
			return 0;
	} else if (*t && unit_find_code(&r->ctx, t, &u) == 0) {
		*id = u.id;
		return 0;
	}
	return dv_fail(&r->ctx.err, DV_EINVAL, field, "No unit has the code or address '%s'", t);
}

int page_unit_add(struct req *r)
{
	struct here h;
	int32_t eff = 0;
	enum unit_kind kind;
	int rc = begin(r, "add", &h, &eff);
	if (!rc && !(rc = unit_kind_parse(typed(r, "add", "kind", ""), &kind, &r->ctx.err)))
		rc = unit_create_on(&r->ctx, h.u.id, kind, typed(r, "add", "name", ""),
				    typed(r, "add", "code", ""), eff, NULL);
	return after(r, rc, "add");
}

int page_unit_rename(struct req *r)
{
	struct here h;
	int32_t eff = 0;
	int rc = begin(r, "rename", &h, &eff);
	if (!rc)
		rc = unit_rename_on(&r->ctx, h.u.id, typed(r, "rename", "name", ""), eff);
	return after(r, rc, "rename");
}

int page_unit_move(struct req *r)
{
	struct here h;
	int32_t eff = 0;
	int64_t to = 0;
	int rc = begin(r, "move", &h, &eff);
	if (!rc && !(rc = unit_named(r, typed(r, "move", "parent", ""), "parent", &to)))
		rc = unit_move_on(&r->ctx, h.u.id, to, eff);
	return after(r, rc, "move");
}

int page_unit_merge(struct req *r)
{
	struct here h;
	int32_t eff = 0;
	int64_t into = 0;
	int rc = begin(r, "merge", &h, &eff);
	if (!rc && !(rc = unit_named(r, typed(r, "merge", "into", ""), "into", &into)))
		rc = unit_merge_on(&r->ctx, h.u.id, into, eff);
	return after(r, rc, "merge");
}

/* Household numbers typed as "12, 15 /households/20": every number. */
static void household_numbers(struct req *r, const char *text, struct unit_part *p)
{
	int64_t *v = NULL;
	size_t n = 0, cap = 0;
	for (const char *s = text ? text : ""; *s;) {
		if (*s < '0' || *s > '9') {
			s++;
			continue;
		}
		char *end;
		*ARENA_PUSH(&r->arena, v, n, cap) = strtoll(s, &end, 10);
		s = end;
	}
	p->households = v;
	p->nhouseholds = n;
}

/* The new units of the split form, those with a name; children go where
 * their select says. */
static int split_plan(struct req *r, const struct here *h, struct unit_part *parts, size_t *n)
{
	int index[SPLIT_PARTS + 1] = {0}, rest = atoi(typed(r, "split", "rest", "0"));
	int64_t *units[SPLIT_PARTS];
	*n = 0;
	for (int p = 1; p <= SPLIT_PARTS; p++) {
		char f[32];
		snprintf(f, sizeof(f), "name-%d", p);
		const char *name = typed(r, "split", f, "");
		if (!*name)
			continue;
		struct unit_part *part = &parts[*n];
		units[*n] = arena_array(&r->arena, int64_t, h->nkids + 1);
		index[p] = (int)++*n;
		part->name = name;
		snprintf(f, sizeof(f), "code-%d", p);
		part->code = typed(r, "split", f, "");
		snprintf(f, sizeof(f), "households-%d", p);
		household_numbers(r, typed(r, "split", f, ""), part);
		part->rest = p == rest;
	}
	for (size_t i = 0; i < h->nkids; i++) {
		char f[40];
		snprintf(f, sizeof(f), "unit-%lld", (long long)h->kids[i].id);
		int p = atoi(typed(r, "split", f, "0"));
		if (p < 1 || p > SPLIT_PARTS || !index[p])
			return dv_fail(&r->ctx.err, DV_EINVAL, "parts",
				       "Choose, among the named new units, where %s goes",
				       h->kids[i].name);
		struct unit_part *part = &parts[index[p] - 1];
		units[index[p] - 1][part->nunits++] = h->kids[i].id;
	}
	for (size_t k = 0; k < *n; k++)
		parts[k].units = units[k];
	return 0;
}

int page_unit_split(struct req *r)
{
	struct here h;
	struct unit_part parts[SPLIT_PARTS];
	size_t n = 0;
	int32_t eff = 0;
	memset(parts, 0, sizeof(parts));
	int rc = begin(r, "split", &h, &eff);
	if (!rc)
		rc = split_plan(r, &h, parts, &n);
	if (!rc)
		rc = unit_split(&r->ctx, h.u.id, parts, n, eff, NULL);
	return after(r, rc, "split");
}

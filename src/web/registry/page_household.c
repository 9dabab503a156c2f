/*
 * The household registry for officials (heads, ward officers): the
 * households of a unit with search and paging, one household with its
 * members, and the forms that add and change them. What an actor may do is
 * the domain's answer (perm_may); the pages only show what it allows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/date.h"
#include "base/i18n.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/registry/registry.h"
#include "web/registry/registry_impl.h"

#define PAGE_SIZE 50

/* -------------------------------------------------------------- the list */

static void search_form(struct req *r, int64_t unit, const char *q)
{
	form_search(r, link_unit(r, unit, "households"),
		    T(r, "Search by address, code or a member's name"), q, 100, 0);
}

static void households_table(struct req *r, const struct household *v, size_t n)
{
	struct buf *b = &r->out;
	static const struct page_col cols[] = {{N_("Household code")}, {N_("Address")},
					       {N_("Representative")}, {N_("Members"), 1},
					       {N_("Neighborhood")}};
	page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<tr><td>");
		html_txt(b, v[i].code);
		html_raw(b, "</td><td>");
		html_link(b, link_household(r, v[i].id, NULL), v[i].address);
		html_raw(b, "</td><td>");
		html_txt(b, v[i].representative_name);
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, v[i].members);
		html_raw(b, "</td><td>");
		html_txt(b, v[i].unit_name);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
}

int page_households(struct req *r)
{
	struct unit u;
	struct household *v;
	size_t n;
	int more;
	const char *q = req_query(r, "q");
	int64_t page;
	int rc = page_number(r, 100000, &page);
	if (rc || (rc = unit_get(&r->ctx, r->params[0], &u)) ||
	    (rc = household_list(&r->ctx, u.id, q, (page - 1) * PAGE_SIZE, PAGE_SIZE, &v, &n,
				 &more)))
		return rc == DV_EPERM ? dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
						"There is no page at this address.")
				      : rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Households"),
					 unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	html_raw(&r->out, "<p class=\"note\">");
	html_int(&r->out, u.households);
	html_raw(&r->out, " ");
	html_txt(&r->out, T(r, "households"));
	html_raw(&r->out, " · ");
	html_int(&r->out, u.residents);
	html_raw(&r->out, " ");
	html_txt(&r->out, T(r, "residents"));
	html_raw(&r->out, "</p>");
	if (unit_kind_is_community(u.kind) && perm_may(&r->ctx, ACT_EDIT_HOUSEHOLDS, u.id)) {
		html_raw(&r->out, "<p>");
		html_link(&r->out, link_unit(r, u.id, "households/new"),
			  T(r, "Add a household"));
		html_raw(&r->out, "</p>");
	}
	search_form(r, u.id, q);
	if (n)
		households_table(r, v, n);
	else {
		html_raw(&r->out, "<p>");
		html_txt(&r->out, q && *q ? T(r, "No household matches this search.")
					  : T(r, "No households here yet."));
		html_raw(&r->out, "</p>");
	}
	page_pager(r, link_households(r, u.id, q, 1), page, more);
	layout_end(r);
	return 0;
}

/* ------------------------------------------------------ a new household */

static void household_fields(struct req *r, const char *address, const char *code,
			     const struct form_errors *fe)
{
	form_input(r,
		   &(struct field){.name = "address",
				   .label = T(r, "Address"),
				   .value = address,
				   .hint = T(r, "House number, alley and street, as on the registry"),
				   .required = 1,
				   .maxlength = HOUSEHOLD_ADDRESS_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "code",
				   .label = T(r, "Household code"),
				   .value = code,
				   .hint = T(r, "The registry number, if the ward gives one"),
				   .maxlength = HOUSEHOLD_CODE_MAX},
		   fe);
}

static int new_household_form(struct req *r, const struct unit *u, const struct form_errors *fe)
{
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Add a household"),
					 unit_title(&r->arena, r->ctx.lang, u->kind, u->name));
	layout_begin(r, title);
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, link_unit(r, u->id, "households"), "stacked");
	household_fields(r, req_form(r, "address"), req_form(r, "code"), fe);
	form_submit(r, T(r, "Add the household"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int editable_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_EDIT_HOUSEHOLDS, u->id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_household_new(struct req *r)
{
	struct unit u;
	int rc = editable_unit(r, &u);
	return rc ? rc : new_household_form(r, &u, NULL);
}

int page_household_create(struct req *r)
{
	struct unit u;
	struct form_errors fe = {0};
	int64_t id;
	int rc = editable_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	struct household_input in = {.unit_id = u.id,
				     .address = req_form(r, "address"),
				     .code = req_form(r, "code")};
	rc = household_create(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status) {
		new_household_form(r, &u, &fe);
		r->status = status;
		return 0;
	}
	if (rc)
		return rc;
	res_redirect(r, link_household(r, id, NULL));
	return 0;
}

/* ------------------------------------------------------- one household */

static void resident_fields(struct req *r, const struct resident *p, const struct form_errors *fe)
{
	struct buf date = BUF_INIT;
	const char *typed_date = req_form(r, "birth_date");
	if (!typed_date && p && p->birth_date) {
		date_format(&date, p->birth_date);
		typed_date = arena_strdup(&r->arena, date.ptr);
	}
	buf_release(&date);
	const char *v;
#define KEEP(field, stored) ((v = req_form(r, field)) ? v : (p ? (stored) : NULL))
	form_input(r,
		   &(struct field){.name = "full_name",
				   .label = T(r, "Full name"),
				   .value = KEEP("full_name", p->full_name),
				   .autocomplete = "off",
				   .required = 1,
				   .maxlength = RESIDENT_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "birth_date",
				   .label = T(r, "Birth date"),
				   .value = typed_date,
				   .hint = T(r, "dd/mm/yyyy"),
				   .maxlength = 10},
		   fe);
	form_select_names(r, "gender", T(r, "Gender"), KEEP("gender", p->gender), gender_names,
			  GENDER_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "relation",
				   .label = T(r, "Relation"),
				   .value = KEEP("relation", p->relation),
				   .hint = T(r, "To the head of household: Chủ hộ, Vợ, Chồng, Con..."),
				   .required = 1,
				   .maxlength = RESIDENT_RELATION_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "phone",
				   .label = T(r, "Phone"),
				   .value = KEEP("phone", p->phone),
				   .type = "tel",
				   .maxlength = 20},
		   fe);
	form_input(r,
		   &(struct field){.name = "national_id",
				   .label = T(r, "Citizen ID"),
				   .value = KEEP("national_id", p->national_id),
				   .hint = T(r, "12 digits; leave empty if unknown"),
				   .maxlength = 12},
		   fe);
#undef KEEP
}

static void resident_input_from_form(struct req *r, struct resident_input *in)
{
	in->full_name = req_form(r, "full_name");
	in->birth_date = req_form(r, "birth_date");
	in->gender = req_form(r, "gender");
	in->relation = req_form(r, "relation");
	in->phone = req_form(r, "phone");
	in->national_id = req_form(r, "national_id");
}

void household_members_table(struct req *r, const struct resident *m, size_t n, int editable,
			     int phones)
{
	struct buf *b = &r->out;
	static const struct page_col with_phones[] = {{N_("Full name")}, {N_("Relation")},
						      {N_("Birth date")}, {N_("Phone")},
						      {N_("Status")}};
	static const struct page_col without[] = {{N_("Full name")}, {N_("Relation")},
						  {N_("Birth date")}, {N_("Status")}};
	if (phones)
		page_table_begin(r, "members", N_("Members"), with_phones, ARRAY_LEN(with_phones));
	else
		page_table_begin(r, "members", N_("Members"), without, ARRAY_LEN(without));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<tr><td>");
		if (editable)
			html_link(b, link_resident(r, m[i].id, "edit"), m[i].full_name);
		else
			html_txt(b, m[i].full_name);
		if (m[i].is_representative) {
			html_raw(b, " <span class=\"badge\">");
			html_txt(b, T(r, "representative"));
			html_raw(b, "</span>");
		}
		html_raw(b, "</td><td>");
		html_txt(b, m[i].relation);
		html_raw(b, "</td><td>");
		if (m[i].birth_date)
			date_format(b, m[i].birth_date);
		html_raw(b, "</td><td>");
		if (phones) {
			html_txt(b, m[i].phone);
			html_raw(b, "</td><td>");
		}
		html_txt(b, T(r, resident_status_label_of(m[i].status)));
		if (m[i].status_date) {
			html_raw(b, " ");
			date_format(b, m[i].status_date);
		}
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
}

static void representative_form(struct req *r, const struct household *h,
				const struct resident *m, size_t n)
{
	const char **opts = arena_array(&r->arena, const char *, 2 * n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].status, "present") == 0) {
			opts[k++] = arena_printf(&r->arena, "%lld", (long long)m[i].id);
			opts[k++] = m[i].full_name;
		}
	if (!k)
		return;
	opts[k] = NULL;
	form_begin(r, link_household(r, h->id, "representative"), "inline-form");
	form_select(r, "resident", T(r, "Representative"),
		    arena_printf(&r->arena, "%lld", (long long)h->representative_id), opts, NULL);
	form_submit(r, T(r, "Choose"));
	form_end(r);
}

/* Why a household moved, as its history reads. */
static const char *move_reason(struct req *r, const char *reason)
{
	if (strcmp(reason, "merge") == 0)
		return T(r, "its unit was merged into another");
	if (strcmp(reason, "split") == 0)
		return T(r, "its unit was split");
	return reason;
}

static void history_row(struct req *r, int32_t day, int64_t from, const char *from_name,
			int64_t to, const char *to_name, const char *why)
{
	struct buf *b = &r->out;
	html_raw(b, "<tr><td>");
	html_txt(b, page_date(r, day));
	html_raw(b, "</td><td>");
	if (from)
		html_link(b, link_unit(r, from, NULL), from_name);
	html_raw(b, "</td><td>");
	html_link(b, link_unit(r, to, NULL), to_name);
	html_raw(b, "</td><td>");
	html_txt(b, why);
	html_raw(b, "</td></tr>");
}

/* Where the household was registered and every move since, reorganizations
 * included: the old units keep their pages, which lead to the new ones. */
static int history(struct req *r, const struct household *h)
{
	struct buf *b = &r->out;
	struct household_event *v;
	struct unit origin;
	size_t n;
	int rc = household_history(&r->ctx, h->id, &v, &n);
	if (rc || (rc = unit_get(&r->ctx, h->origin_unit_id, &origin)))
		return rc;
	static const struct page_col cols[] = {
		{N_("Date"), 0, 0}, {N_("From"), 0, 0}, {N_("To"), 0, 0}, {N_("Why"), 0, 0}};
	page_section(r, NULL, T(r, "History"));
	page_table_begin(r, "list", NULL, cols, sizeof(cols) / sizeof(cols[0]));
	history_row(r, time_local_date(h->created_at), 0, NULL, origin.id, origin.name,
		    T(r, "registered"));
	for (size_t i = 0; i < n; i++)
		history_row(r, v[i].effective ? v[i].effective : time_local_date(v[i].at),
			    v[i].from_unit_id, v[i].from_name, v[i].to_unit_id, v[i].to_name,
			    move_reason(r, v[i].reason));
	page_table_end(r);
	html_raw(b, "</section>");
	return 0;
}

static int household_page(struct req *r, int64_t id, const struct form_errors *fe)
{
	struct household h;
	struct resident *m;
	size_t n;
	int rc = household_get(&r->ctx, id, &h);
	if (rc || (rc = resident_list(&r->ctx, h.id, &m, &n)))
		return rc;
	int editable = perm_may(&r->ctx, ACT_EDIT_HOUSEHOLDS, h.unit_id);
	struct buf *b = &r->out;
	layout_begin(r, h.address);
	page_back(r, link_unit(r, h.unit_id, "households"), h.unit_name);
	page_heading(r, h.address);
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Household code"));
	html_raw(b, "</dt><dd>");
	html_txt(b, *h.code ? h.code : "—");
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Representative"));
	html_raw(b, "</dt><dd>");
	html_txt(b, *h.representative_name ? h.representative_name : T(r, "none yet"));
	html_raw(b, "</dd></dl>");
	if (editable) {
		html_raw(b, "<p>");
		html_link(b, link_household(r, h.id, "edit"), T(r, "Edit the address"));
		html_raw(b, "</p>");
	}
	form_summary(r, fe);
	household_members_table(r, m, n, editable, 1);
	if ((rc = history(r, &h)))
		return rc;
	if (editable) {
		representative_form(r, &h, m, n);
		html_raw(b, "<h2 id=\"add\">");
		html_txt(b, T(r, "Add a member"));
		html_raw(b, "</h2>");
		form_begin(r, link_household(r, h.id, "residents"), "stacked");
		resident_fields(r, NULL, fe);
		form_submit(r, T(r, "Add the member"));
		form_end(r);
	}
	layout_end(r);
	return 0;
}

int page_household(struct req *r)
{
	return household_page(r, r->params[0], NULL);
}

int page_resident_create(struct req *r)
{
	struct form_errors fe = {0};
	struct resident_input in = {.household_id = r->params[0]};
	int64_t id;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	resident_input_from_form(r, &in);
	rc = resident_add(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status) {
		rc = household_page(r, r->params[0], &fe);
		r->status = status;
		return rc;
	}
	if (rc)
		return rc;
	res_redirect(r, link_household(r, r->params[0], NULL));
	return 0;
}

int page_household_representative(struct req *r)
{
	int64_t rid = 0;
	int rc = req_form_parse(r);
	if (!rc && !(rc = req_form_id(r, "resident", &rid)))
		rc = household_set_representative(&r->ctx, r->params[0], rid);
	if (rc)
		return rc;
	res_redirect(r, link_household(r, r->params[0], NULL));
	return 0;
}

/* --------------------------------------------------- editing a household */

static int edit_household_form(struct req *r, const struct household *h,
			       const struct form_errors *fe)
{
	layout_begin(r, T(r, "Edit the address"));
	page_heading(r, T(r, "Edit the address"));
	form_summary(r, fe);
	form_begin(r, link_household(r, h->id, NULL), "stacked");
	const char *a = req_form(r, "address"), *c = req_form(r, "code");
	household_fields(r, a ? a : h->address, c ? c : h->code, fe);
	form_submit(r, T(r, "Save"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int editable_household(struct req *r, struct household *h)
{
	int rc = household_get(&r->ctx, r->params[0], h);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_EDIT_HOUSEHOLDS, h->unit_id))
		return dv_fail(&r->ctx.err, DV_EPERM, NULL, "You may not change this household");
	return 0;
}

int page_household_edit(struct req *r)
{
	struct household h;
	int rc = editable_household(r, &h);
	return rc ? rc : edit_household_form(r, &h, NULL);
}

/* The domain loads the household and checks the actor once; the page
 * reads it again only to show the form with a refusal. */
int page_household_update(struct req *r)
{
	struct household h;
	struct form_errors fe = {0};
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	const char *address = req_form(r, "address"), *code = req_form(r, "code");
	/* a form sends every field: one left out is emptied, not kept */
	rc = household_update(&r->ctx, r->params[0], address ? address : "", code ? code : "");
	int status = form_mendable(r, rc, &fe);
	if (status) {
		if ((rc = household_get(&r->ctx, r->params[0], &h)))
			return rc;
		edit_household_form(r, &h, &fe);
		r->status = status;
		return 0;
	}
	if (rc)
		return rc;
	res_redirect(r, link_household(r, r->params[0], NULL));
	return 0;
}

/* ---------------------------------------------------- editing a resident */

static int resident_page(struct req *r, int64_t id, const struct form_errors *fe)
{
	struct resident p;
	int rc = resident_get(&r->ctx, id, &p);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, p.full_name);
	page_back(r, link_household(r, p.household_id, NULL), T(r, "Back to the household"));
	page_heading(r, p.full_name);
	form_summary(r, fe);
	form_begin(r, link_resident(r, id, NULL), "stacked");
	resident_fields(r, &p, fe);
	form_submit(r, T(r, "Save"));
	form_end(r);

	html_raw(b, "<h2>");
	html_txt(b, T(r, "Moved away or deceased"));
	html_raw(b, "</h2><p class=\"note\">");
	html_txt(b, T(r, "Nobody is ever deleted: the registry keeps who lived here, and when "
			 "they left."));
	html_raw(b, "</p>");
	form_begin(r, link_resident(r, id, "status"), "stacked");
	form_select_names(r, "status", T(r, "Status"), p.status, resident_status_names,
			  RES_STATUS_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "date",
				   .label = T(r, "Date"),
				   .value = req_form(r, "date"),
				   .hint = T(r, "dd/mm/yyyy: when they moved away or died"),
				   .maxlength = 10},
		   fe);
	form_submit(r, T(r, "Record"));
	form_end(r);

	html_raw(b, "<h2>");
	html_txt(b, T(r, "Move to another household"));
	html_raw(b, "</h2>");
	form_begin(r, link_resident(r, id, "move"), "stacked");
	form_input(r,
		   &(struct field){.name = "household",
				   .label = T(r, "Household code of the new household"),
				   .value = req_form(r, "household"),
				   .hint = T(r, "In the same ward"),
				   .maxlength = HOUSEHOLD_CODE_MAX},
		   fe);
	form_submit(r, T(r, "Move"));
	form_end(r);
	layout_end(r);
	return 0;
}

int page_resident_edit(struct req *r)
{
	return resident_page(r, r->params[0], NULL);
}

/* Re-show the resident page with the error by its field, or fail. */
static int resident_form_result(struct req *r, int rc)
{
	struct form_errors fe = {0};
	int status = form_mendable(r, rc, &fe);
	if (status) {
		rc = resident_page(r, r->params[0], &fe);
		r->status = status;
		return rc;
	}
	if (rc)
		return rc;
	struct resident p;
	if ((rc = resident_get(&r->ctx, r->params[0], &p)))
		return rc;
	res_redirect(r, link_household(r, p.household_id, NULL));
	return 0;
}

int page_resident_update(struct req *r)
{
	struct resident_input in = {0};
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	resident_input_from_form(r, &in);
	return resident_form_result(r, resident_update(&r->ctx, r->params[0], &in));
}

int page_resident_status(struct req *r)
{
	enum resident_status st;
	if (resident_status_parse(req_form(r, "status"), &st, NULL))
		return resident_form_result(r, dv_fail(&r->ctx.err, DV_EINVAL, "status",
						       "Choose a status"));
	return resident_form_result(r,
				    resident_set_status(&r->ctx, r->params[0], st, req_form(r, "date")));
}

int page_resident_move(struct req *r)
{
	struct resident p;
	struct household from;
	int64_t to = 0;
	int rc = resident_get(&r->ctx, r->params[0], &p);
	if (rc || (rc = household_get(&r->ctx, p.household_id, &from)))
		return rc;
	const char *code = req_form(r, "household");
	if (!code || !*code)
		return resident_form_result(r, dv_fail(&r->ctx.err, DV_EINVAL, "household",
						       "Enter the code of the new household"));
	rc = household_find_code(&r->ctx, from.ward_id, code, &to);
	if (rc == DV_ENOTFOUND)
		return resident_form_result(r, dv_fail(&r->ctx.err, DV_EINVAL, "household",
						       "No household of this ward has the code %s",
						       code));
	if (rc)
		return rc;
	return resident_form_result(r, resident_move(&r->ctx, p.id, to));
}

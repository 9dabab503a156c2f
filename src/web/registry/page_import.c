/*
 * CSV import through the browser: the same import as `danvan import
 * households` (domain/import.c), with the same per-line errors, from a file
 * an official picks on the page.
 */
#include <stdio.h>
#include <string.h>

#include "base/array.h"
#include "base/i18n.h"
#include "domain/registry/import.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/multipart.h"
#include "web/registry/registry_impl.h"

static int editable_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_EDIT_HOUSEHOLDS, u->id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

static const char *title_of(struct req *r, const struct unit *u)
{
	return arena_printf(&r->arena, "%s: %s", T(r, "Import households"),
			    unit_title(&r->arena, r->ctx.lang, u->kind, u->name));
}

static void upload_form(struct req *r, const struct unit *u)
{
	struct buf *b = &r->out;
	html_raw(b, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"stacked\" action=\"");
	html_attr(b, link_unit(r, u->id, "import"));
	html_raw(b, "\">");
	form_hidden(r, CSRF_FIELD, auth_csrf(r));
	html_raw(b, "<div class=\"field\"><label for=\"f-file\">");
	html_txt(b, T(r, "CSV file (UTF-8)"));
	html_raw(b, "</label><p class=\"hint\" id=\"h-file\">");
	html_txt(b, T(r, "In Excel: File, Save As, \"CSV UTF-8 (Comma delimited)\". At most 50 MB."));
	html_raw(b, "</p><input id=\"f-file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" "
		    "required aria-describedby=\"h-file\"></div>");
	form_checkbox(r, "skip_bad",
		      T(r, "Import the valid households even if some rows are wrong"), 0);
	form_submit(r, T(r, "Import"));
	html_raw(b, "</form>");
}

static void columns_help(struct req *r)
{
	static const char *cols[][2] = {
		{"Mã hộ", N_("household key: rows with the same key form one household")},
		{"Khu phố", N_("the neighborhood, village or residential group")},
		{"Địa chỉ", N_("the address")},
		{"Họ tên", N_("full name")},
		{"Giới tính", N_("Nam or Nữ")},
		{"Quan hệ", N_("to the head of household: Chủ hộ, Vợ, Con...")},
		{"Ngày sinh", N_("optional, dd/mm/yyyy")},
		{"Điện thoại", N_("optional")},
		{"CCCD", N_("optional, 12 digits")},
	};
	struct buf *b = &r->out;
	html_raw(b, "<h2>");
	html_txt(b, T(r, "Columns"));
	html_raw(b, "</h2><p>");
	html_txt(b, T(r, "One row per person, with a header row. The column names may be "
			 "Vietnamese or English, with or without diacritics."));
	html_raw(b, "</p><dl class=\"facts\">");
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		html_raw(b, "<dt>");
		html_txt(b, cols[i][0]);
		html_raw(b, "</dt><dd>");
		html_txt(b, T(r, cols[i][1]));
		html_raw(b, "</dd>");
	}
	html_raw(b, "</dl>");
}

int page_import(struct req *r)
{
	struct unit u;
	int rc = editable_unit(r, &u);
	if (rc)
		return rc;
	layout_begin(r, title_of(r, &u));
	page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title_of(r, &u));
	html_raw(&r->out, "<p>");
	html_txt(&r->out, T(r, "Nothing is imported unless every row is valid, unless you ask "
			       "for the valid households alone. Each wrong row is named with its line "
			       "in the file."));
	html_raw(&r->out, "</p>");
	upload_form(r, &u);
	columns_help(r);
	layout_end(r);
	return 0;
}

/* The column a problem is in, as the official calls it. */
static const char *column_label(struct req *r, const char *field)
{
	static const char *labels[][2] = {
		{"household", N_("Household code")}, {"unit", N_("Neighborhood")},
		{"address", N_("Address")},	     {"full_name", N_("Full name")},
		{"birth_date", N_("Birth date")},    {"gender", N_("Gender")},
		{"relation", N_("Relation")},	     {"phone", N_("Phone")},
		{"national_id", N_("Citizen ID")},
	};
	if (!field)
		return "";
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(field, labels[i][0]) == 0)
			return T(r, labels[i][1]);
	return field;
}

static void error_table(struct req *r, const struct import_report *rep)
{
	struct buf *b = &r->out;
	static const struct page_col cols[] = {{N_("Line"), 1}, {N_("Column")}, {N_("Problem")}};
	page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols));
	size_t shown = rep->nerrors < IMPORT_MAX_ERRORS ? rep->nerrors : IMPORT_MAX_ERRORS;
	for (size_t i = 0; i < shown; i++) {
		html_raw(b, "<tr><td class=\"num\">");
		html_int(b, (int64_t)rep->errors[i].line);
		html_raw(b, "</td><td>");
		html_txt(b, column_label(r, rep->errors[i].field));
		html_raw(b, "</td><td>");
		html_txt(b, rep->errors[i].message);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
}

static void result_page(struct req *r, const struct unit *u, const struct import_report *rep,
			int rc)
{
	struct buf *b = &r->out;
	layout_begin(r, title_of(r, u));
	page_back(r, link_unit(r, u->id, "households"),
		  T(r, "Households and residents"));
	page_heading(r, title_of(r, u));
	if (rep->households) {
		html_raw(b, "<p class=\"notice\" role=\"status\">");
		html_txtf(b, T(r, "Imported %zu households and %zu residents from %zu rows."),
			  rep->households, rep->residents, rep->rows);
		html_raw(b, "</p>");
	}
	if (rc || rep->nerrors) {
		html_raw(b, "<div class=\"error-summary\" role=\"alert\"><h2>");
		if (rc)
			html_txt(b, r->ctx.err.msg);
		else
			html_txtf(b, T(r, "%zu rows were not imported:"), rep->rejected_rows);
		html_raw(b, "</h2></div>");
		if (rep->nerrors)
			error_table(r, rep);
	}
	upload_form(r, u);
	layout_end(r);
	if (rc)
		r->status = dv_err_http_status(rc);
}

int page_import_post(struct req *r)
{
	struct unit u;
	struct mp_part *parts;
	size_t nparts;
	int rc = editable_unit(r, &u);
	if (rc || (rc = req_multipart(r, &parts, &nparts)))
		return rc;
	const struct mp_part *file = multipart_find(parts, nparts, "file");
	if (!file || !file->filename || file->len == 0)
		return dv_fail(&r->ctx.err, DV_EINVAL, "file", "Choose a CSV file to import");
	struct import_options opt = {.scope_unit_id = u.id,
				     .skip_bad = multipart_find(parts, nparts, "skip_bad") != NULL};
	struct import_report rep;
	rc = import_households(&r->ctx, file->data, file->len, &opt, &rep, NULL);
	if (rc && !dv_err_is_user(rc))
		return rc;
	result_page(r, &u, &rep, rc);
	return 0;
}

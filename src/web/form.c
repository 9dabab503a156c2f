#include "web/form.h"

#include <stdio.h>
#include <string.h>

#include "web/auth.h"
#include "web/html.h"
#include "web/multipart.h"

void form_error(struct req *r, struct form_errors *fe, const char *field, const char *msg)
{
	if (fe->n >= FORM_MAX_ERRORS)
		return;
	fe->e[fe->n].field = field;
	fe->e[fe->n].msg = arena_strdup(&r->arena, msg);
	fe->n++;
}

int form_domain_error(struct req *r, struct form_errors *fe, int rc)
{
	form_error(r, fe, r->ctx.err.field, r->ctx.err.msg);
	return rc;
}

int form_mendable(struct req *r, int rc, struct form_errors *fe)
{
	if (!rc || !dv_err_is_user(rc))
		return 0;
	if ((rc == DV_ENOTFOUND || rc == DV_EPERM) && !r->ctx.err.field)
		return 0; /* about the page itself, not something typed in it */
	form_domain_error(r, fe, rc);
	return dv_err_http_status(rc);
}

int form_after(struct req *r, int rc, form_page_fn page, const char *back)
{
	struct form_errors fe = {0};
	if (!rc) {
		res_redirect(r, back);
		return 0;
	}
	int status = form_mendable(r, rc, &fe);
	if (!status)
		return rc;
	return page(r, &fe, status) ? rc : 0;
}

const char *form_error_for(const struct form_errors *fe, const char *field)
{
	for (size_t i = 0; fe && i < fe->n; i++)
		if (fe->e[i].field && strcmp(fe->e[i].field, field) == 0)
			return fe->e[i].msg;
	return NULL;
}

static void begin(struct req *r, const char *action, const char *css_class, int upload)
{
	html_raw(&r->out, upload ? "<form method=\"post\" enctype=\"multipart/form-data\" action=\""
				 : "<form method=\"post\" action=\"");
	html_attr(&r->out, action);
	html_raw(&r->out, "\"");
	if (css_class) {
		html_raw(&r->out, " class=\"");
		html_attr(&r->out, css_class);
		html_raw(&r->out, "\"");
	}
	html_raw(&r->out, " novalidate>");
	form_hidden(r, CSRF_FIELD, auth_csrf(r));
}

void form_begin(struct req *r, const char *action, const char *css_class)
{
	begin(r, action, css_class, 0);
}

void form_begin_upload(struct req *r, const char *action, const char *css_class)
{
	begin(r, action, css_class, 1);
}

void form_end(struct req *r)
{
	html_raw(&r->out, "</form>");
}

void form_summary(struct req *r, const struct form_errors *fe)
{
	if (!fe || !fe->n)
		return;
	struct buf *b = &r->out;
	html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>");
	html_txt(b, T(r, "Please correct the following"));
	html_raw(b, "</h2><ul>");
	for (size_t i = 0; i < fe->n; i++) {
		html_raw(b, "<li>");
		if (fe->e[i].field) {
			html_raw(b, "<a href=\"#f-");
			html_attr(b, fe->e[i].field);
			html_raw(b, "\">");
			html_txt(b, fe->e[i].msg);
			html_raw(b, "</a>");
		} else {
			html_txt(b, fe->e[i].msg);
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></div>");
}

static void label_and_error(struct req *r, const char *name, const char *label, const char *hint,
			    const char *error, int required)
{
	struct buf *b = &r->out;
	html_raw(b, "<label for=\"f-");
	html_attr(b, name);
	html_raw(b, "\">");
	html_txt(b, label);
	if (required)
		html_raw(b, " <span class=\"required\" aria-hidden=\"true\">*</span>");
	html_raw(b, "</label>");
	if (hint) {
		html_raw(b, "<p class=\"hint\" id=\"h-");
		html_attr(b, name);
		html_raw(b, "\">");
		html_txt(b, hint);
		html_raw(b, "</p>");
	}
	if (error) {
		html_raw(b, "<p class=\"field-error\" id=\"e-");
		html_attr(b, name);
		html_raw(b, "\">");
		html_txt(b, error);
		html_raw(b, "</p>");
	}
}

static void described_by(struct req *r, const char *name, const char *hint, const char *error)
{
	if (!hint && !error)
		return;
	html_raw(&r->out, " aria-describedby=\"");
	if (hint) {
		html_raw(&r->out, "h-");
		html_attr(&r->out, name);
	}
	if (error) {
		html_raw(&r->out, hint ? " e-" : "e-");
		html_attr(&r->out, name);
	}
	html_raw(&r->out, "\"");
	if (error)
		html_raw(&r->out, " aria-invalid=\"true\"");
}

void form_input(struct req *r, const struct field *f, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	const char *error = form_error_for(fe, f->name);
	html_raw(b, error ? "<div class=\"field has-error\">" : "<div class=\"field\">");
	label_and_error(r, f->name, f->label, f->hint, error, f->required);
	html_raw(b, "<input id=\"f-");
	html_attr(b, f->name);
	html_raw(b, "\" name=\"");
	html_attr(b, f->name);
	html_raw(b, "\" type=\"");
	html_attr(b, f->type ? f->type : "text");
	html_raw(b, "\"");
	if (f->value && strcmp(f->type ? f->type : "text", "password") != 0) {
		html_raw(b, " value=\"");
		html_attr(b, f->value);
		html_raw(b, "\"");
	}
	if (f->autocomplete) {
		html_raw(b, " autocomplete=\"");
		html_attr(b, f->autocomplete);
		html_raw(b, "\"");
	}
	if (f->maxlength)
		buf_addf(b, " maxlength=\"%d\"", f->maxlength);
	if (f->required)
		html_raw(b, " required");
	described_by(r, f->name, f->hint, error);
	html_raw(b, "></div>");
}

void form_textarea(struct req *r, const struct field *f, int rows, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	const char *error = form_error_for(fe, f->name);
	html_raw(b, error ? "<div class=\"field has-error\">" : "<div class=\"field\">");
	label_and_error(r, f->name, f->label, f->hint, error, f->required);
	html_raw(b, "<textarea id=\"f-");
	html_attr(b, f->name);
	html_raw(b, "\" name=\"");
	html_attr(b, f->name);
	buf_addf(b, "\" rows=\"%d\"", rows);
	if (f->maxlength)
		buf_addf(b, " maxlength=\"%d\"", f->maxlength);
	if (f->required)
		html_raw(b, " required");
	described_by(r, f->name, f->hint, error);
	/* a newline right after the tag is dropped by parsers: keep the
	 * value's own first line */
	html_raw(b, ">\n");
	html_txt(b, f->value ? f->value : "");
	html_raw(b, "</textarea></div>");
}

static void file_input(struct req *r, const struct field *f, const char *accept,
		       const struct form_errors *fe, int multiple)
{
	struct buf *b = &r->out;
	const char *error = form_error_for(fe, f->name);
	html_raw(b, error ? "<div class=\"field has-error\">" : "<div class=\"field\">");
	label_and_error(r, f->name, f->label, f->hint, error, f->required);
	html_raw(b, "<input type=\"file\" id=\"f-");
	html_attr(b, f->name);
	html_raw(b, "\" name=\"");
	html_attr(b, f->name);
	html_raw(b, "\" accept=\"");
	html_attr(b, accept);
	html_raw(b, multiple ? "\" multiple" : "\"");
	if (f->required)
		html_raw(b, " required");
	described_by(r, f->name, f->hint, error);
	html_raw(b, "></div>");
}

void form_file(struct req *r, const struct field *f, const char *accept,
	       const struct form_errors *fe)
{
	file_input(r, f, accept, fe, 0);
}

void form_files(struct req *r, const struct field *f, const char *accept,
		const struct form_errors *fe)
{
	file_input(r, f, accept, fe, 1);
}

void form_checkbox(struct req *r, const char *name, const char *label, int checked)
{
	struct buf *b = &r->out;
	html_raw(b, "<div class=\"field checkbox\"><input type=\"checkbox\" value=\"1\" id=\"f-");
	html_attr(b, name);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, checked ? "\" checked><label for=\"f-" : "\"><label for=\"f-");
	html_attr(b, name);
	html_raw(b, "\">");
	html_txt(b, label);
	html_raw(b, "</label></div>");
}

void form_hidden(struct req *r, const char *name, const char *value)
{
	html_raw(&r->out, "<input type=\"hidden\" name=\"");
	html_attr(&r->out, name);
	html_raw(&r->out, "\" value=\"");
	html_attr(&r->out, value ? value : "");
	html_raw(&r->out, "\">");
}

void form_search(struct req *r, const char *action, const char *label, const char *q,
		 int maxlength, int64_t unit_id)
{
	struct buf *b = &r->out;
	html_raw(b, "<form method=\"get\" class=\"search\" role=\"search\"");
	if (action) {
		html_raw(b, " action=\"");
		html_attr(b, action);
		html_raw(b, "\"");
	}
	html_raw(b, "><label for=\"q\">");
	html_txt(b, label);
	html_raw(b, "</label>");
	if (unit_id)
		form_hidden(r, "unit", arena_printf(&r->arena, "%lld", (long long)unit_id));
	html_raw(b, "<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"");
	html_int(b, maxlength);
	html_raw(b, "\" value=\"");
	html_attr(b, q ? q : "");
	html_raw(b, "\"><button type=\"submit\">");
	html_txt(b, T(r, "Search"));
	html_raw(b, "</button></form>");
}

void form_select(struct req *r, const char *name, const char *label, const char *value,
		 const char *const *options, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	const char *error = form_error_for(fe, name);
	html_raw(b, error ? "<div class=\"field has-error\">" : "<div class=\"field\">");
	label_and_error(r, name, label, NULL, error, 0);
	html_raw(b, "<select id=\"f-");
	html_attr(b, name);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\"");
	described_by(r, name, NULL, error);
	html_raw(b, ">");
	for (size_t i = 0; options[i]; i += 2) {
		html_raw(b, "<option value=\"");
		html_attr(b, options[i]);
		html_raw(b, value && strcmp(value, options[i]) == 0 ? "\" selected>" : "\">");
		html_txt(b, options[i + 1]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div>");
}

void form_select_names(struct req *r, const char *name, const char *label, const char *value,
		       const struct name_label *v, size_t n, const struct form_errors *fe)
{
	const char **opt = arena_alloc(&r->arena, (2 * n + 1) * sizeof(*opt));
	for (size_t i = 0; i < n; i++) {
		opt[2 * i] = v[i].name;
		opt[2 * i + 1] = T(r, v[i].label);
	}
	opt[2 * n] = NULL;
	form_select(r, name, label, value, opt, fe);
}

void form_submit(struct req *r, const char *label)
{
	html_raw(&r->out, "<div class=\"actions\"><button type=\"submit\">");
	html_txt(&r->out, label);
	html_raw(&r->out, "</button></div>");
}

void form_button(struct req *r, const char *action, const char *label, const char *css_class)
{
	form_begin(r, action, css_class ? css_class : "inline");
	html_raw(&r->out, "<button type=\"submit\">");
	html_txt(&r->out, label);
	html_raw(&r->out, "</button>");
	form_end(r);
}

/* The uploaded file of a multipart form, or DV_EINVAL naming the field. */
int form_upload(struct req *r, const struct mp_part **file)
{
	struct mp_part *parts;
	size_t nparts;
	int rc = req_multipart(r, &parts, &nparts);
	if (rc)
		return rc;
	*file = multipart_find(parts, nparts, "file");
	if (!*file || !(*file)->filename || (*file)->len == 0)
		return dv_fail(&r->ctx.err, DV_EINVAL, "file", "Choose a file to attach");
	return 0;
}

const char *form_part_text(const struct mp_part *part)
{
	if (!part)
		return NULL;
	return memchr(part->data, '\0', part->len) ? "\x01" : part->data;
}

/*
 * The head's form for a matter: a new draft and its changes.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/decide/matter.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/decide/decide_impl.h"

static void type_select(struct req *r, int value, const struct form_errors *fe)
{
	const char *opt[2 * (MT_LAST + 1) + 1];
	size_t k = 0;
	opt[k++] = "";
	opt[k++] = T(r, "Choose…");
	for (int t = MT_FIRST; t <= MT_LAST; t++) {
		opt[k++] = arena_printf(&r->arena, "%d", t);
		opt[k++] = arena_printf(&r->arena, "%d. %s", t, T(r, matter_type_label(t)));
	}
	opt[k] = NULL;
	form_select(r, "type", T(r, "Kind of matter (Art. 15)"),
		    value ? arena_printf(&r->arena, "%d", value) : "", opt, fe);
}

static void form_select_forms(struct req *r, const char *value, const struct form_errors *fe)
{
	form_select_names(r, "form", T(r, "How it is decided"), value, matter_form_names,
			  FORM_COUNT, fe);
}

/* The options as the form shows them: one per line. */
static const char *options_text(struct req *r, const struct matter *m)
{
	if (!m || m->yesno)
		return "";
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < m->noptions; i++)
		buf_addf(&b, "%s%s", i ? "\n" : "", m->options[i].label);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

static void fields(struct req *r, const struct matter *m, const struct form_errors *fe)
{
	const char *v;
	type_select(r, (v = req_form(r, "type")) ? atoi(v) : m ? m->type : 0, fe);
	form_select_forms(r, (v = req_form(r, "form")) ? v : m ? matter_form_name(m->form) : "ballot",
			  fe);
	page_note(r, "hint",
		  T(r, "Community rules, the head and the boards are decided only at a meeting; "
		       "an online vote only for other matters, with the agreement of the head and "
		       "the front work committee (Art. 17)."));
	form_input(r,
		   &(struct field){.name = "title",
				   .label = T(r, "Title"),
				   .value = (v = req_form(r, "title")) ? v : m ? m->title : "",
				   .required = 1,
				   .maxlength = MATTER_TITLE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "body",
				      .label = T(r, "What is to be decided"),
				      .value = (v = req_form(r, "body")) ? v : m ? m->body : "",
				      .required = 1,
				      .maxlength = MATTER_BODY_MAX},
		      10, fe);
	form_textarea(r,
		      &(struct field){.name = "options",
				      .label = T(r, "Options"),
				      .value = (v = req_form(r, "options")) ? v : options_text(r, m),
				      .hint = T(r, "One per line. Leave empty to ask: agree, disagree, "
						   "no opinion.")},
		      4, fe);
}

static int matter_form(struct req *r, int64_t unit_id, const struct matter *m,
		       const struct form_errors *fe, int status)
{
	const char *title = m ? arena_printf(&r->arena, "%s: %s", T(r, "Edit"), m->title)
			      : T(r, "Put a matter to the community");
	layout_begin(r, title);
	r->status = status;
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, m ? link_matter(r, m->id, NULL)
			: link_unit(r, unit_id, "matters"),
		   "stacked");
	fields(r, m, fe);
	form_submit(r, T(r, "Save the draft"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int convening_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_CONVENE_MEETINGS, u->id) || !unit_kind_is_community(u->kind))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

/* The options field, split into lines (arena memory). */
static void read_input(struct req *r, struct matter_input *in)
{
	const char *type = req_form(r, "type"), *opts = req_form(r, "options");
	memset(in, 0, sizeof(*in));
	in->type = type ? atoi(type) : 0;
	in->form = req_form(r, "form");
	in->title = req_form(r, "title");
	in->body = req_form(r, "body");
	if (!opts || !*opts)
		return;
	const char **v = arena_array(&r->arena, const char *, MATTER_OPTIONS_MAX + 1);
	size_t n = 0;
	for (const char *p = opts; *p && n <= MATTER_OPTIONS_MAX;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		v[n++] = arena_strndup(&r->arena, p, len && p[len - 1] == '\r' ? len - 1 : len);
		p += len + (nl != NULL);
	}
	in->options = v;
	in->noptions = n;
}

int page_matter_new(struct req *r)
{
	struct unit u;
	int rc = convening_unit(r, &u);
	return rc ? rc : matter_form(r, u.id, NULL, NULL, 200);
}

int page_matter_create(struct req *r)
{
	struct unit u;
	struct matter_input in;
	struct form_errors fe = {0};
	int64_t id;
	int rc = convening_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	in.unit_id = u.id;
	rc = matter_create(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return matter_form(r, u.id, NULL, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_matter(r, id, NULL));
	return 0;
}

static int editable(struct req *r, struct matter *m)
{
	int rc = matter_get(&r->ctx, r->params[0], m);
	if (rc)
		return rc;
	if (!m->may_manage || m->status != MS_DRAFT)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_matter_edit(struct req *r)
{
	struct matter m;
	int rc = editable(r, &m);
	return rc ? rc : matter_form(r, m.unit_id, &m, NULL, 200);
}

int page_matter_update(struct req *r)
{
	struct matter m;
	struct matter_input in;
	struct form_errors fe = {0};
	int rc = editable(r, &m);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	rc = matter_update(&r->ctx, m.id, &in);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return matter_form(r, m.unit_id, &m, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_matter(r, m.id, NULL));
	return 0;
}

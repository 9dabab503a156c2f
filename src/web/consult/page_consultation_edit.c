/*
 * The officers' forms for a consultation: a new draft and its changes,
 * opening it for comments, publishing the synthesis.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/consult/consultation.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/decide/decide.h"
#include "web/consult/consult_impl.h"

static void kind_select(struct req *r, const char *value, const struct form_errors *fe)
{
	form_select_names(r, "kind", T(r, "What the draft is (Art. 25)"), value,
			  consult_kind_names, CK_COUNT, fe);
}

static int draft_form(struct req *r, int64_t unit_id, const struct consultation *c,
		      const struct form_errors *fe, int status)
{
	const char *v;
	const char *title = c ? arena_printf(&r->arena, "%s: %s", T(r, "Edit"), c->title)
			      : T(r, "Open a draft for comments");
	layout_begin(r, title);
	r->status = status;
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, c ? link_consultation(r, c->id, NULL)
			: link_unit(r, unit_id, "consultations"),
		   "stacked");
	kind_select(r, (v = req_form(r, "kind")) ? v : c ? consult_kind_name(c->kind) : "plan", fe);
	form_input(r,
		   &(struct field){.name = "title", .label = T(r, "Title"),
				   .value = (v = req_form(r, "title")) ? v : c ? c->title : "",
				   .required = 1, .maxlength = CONSULT_TITLE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "body", .label = T(r, "The draft"),
				      .value = (v = req_form(r, "body")) ? v : c ? c->body : "",
				      .hint = T(r, "Paste the text. Each heading, and each line that "
						   "begins an article (\"Điều 3.\"), starts a part "
						   "residents comment on."),
				      .required = 1, .maxlength = CONSULT_BODY_MAX},
		      16, fe);
	form_submit(r, T(r, "Save the draft"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int consulting_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_CONSULT, u->id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

static void read_input(struct req *r, struct consult_input *in)
{
	memset(in, 0, sizeof(*in));
	in->kind = req_form(r, "kind");
	in->title = req_form(r, "title");
	in->body = req_form(r, "body");
}

int page_consultation_new(struct req *r)
{
	struct unit u;
	int rc = consulting_unit(r, &u);
	return rc ? rc : draft_form(r, u.id, NULL, NULL, 200);
}

int page_consultation_create(struct req *r)
{
	struct unit u;
	struct consult_input in;
	struct form_errors fe = {0};
	int64_t id;
	int rc = consulting_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	in.unit_id = u.id;
	rc = consultation_create(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return draft_form(r, u.id, NULL, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_consultation(r, id, NULL));
	return 0;
}

static int editable(struct req *r, struct consultation *c)
{
	int rc = consultation_get(&r->ctx, r->params[0], c);
	if (rc)
		return rc;
	if (!c->may_manage || c->status != CS_DRAFT)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_consultation_edit(struct req *r)
{
	struct consultation c;
	int rc = editable(r, &c);
	return rc ? rc : draft_form(r, c.unit_id, &c, NULL, 200);
}

int page_consultation_update(struct req *r)
{
	struct consultation c;
	struct consult_input in;
	struct form_errors fe = {0};
	int rc = editable(r, &c);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	rc = consultation_update(&r->ctx, c.id, &in);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return draft_form(r, c.unit_id, &c, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_consultation(r, c.id, NULL));
	return 0;
}

int page_consultation_open(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return consultation_page_after(r, rc);
	int64_t at = page_local_instant(req_form(r, "closes_on"), req_form(r, "closes_time"));
	if (!at)
		return consultation_page_after(r, dv_fail(&r->ctx.err, DV_EINVAL, "closes_on",
							  "Give the day and the hour comments close"));
	return consultation_page_after(r, consultation_open(&r->ctx, r->params[0], at));
}

int page_consultation_publish(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = consultation_publish(&r->ctx, r->params[0], req_form(r, "summary"));
	return consultation_page_after(r, rc);
}


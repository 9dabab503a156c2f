/*
 * The disclosure categories: what must be made known, for how long and
 * through which channels. Public to read; a city administrator edits them.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/disclose/disclose_impl.h"

static void rules_text(struct req *r, const struct notice_category *c)
{
	struct buf *b = &r->out;
	html_raw(b, "<ul class=\"channels\">");
	for (size_t i = 0; i < c->nrules; i++) {
		const struct channel_rule *rule = &c->rules[i];
		html_raw(b, "<li>");
		html_txt(b, T(r, channel_label(rule->channel)));
		if (rule->days > 1) {
			html_raw(b, " ");
			html_txtf(b, T(r, "(%d consecutive days)"), rule->days);
		}
		html_raw(b, " <span class=\"meta\">");
		html_txtf(b, T(r, "within %d days"), rule->due_days);
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul>");
}

int page_categories(struct req *r)
{
	struct notice_category *v;
	size_t n;
	int admin = perm_may_somewhere(&r->ctx, ACT_CONFIGURE);
	int rc = category_list(&r->ctx, admin, &v, &n);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, T(r, "What must be disclosed"));
	page_heading(r, T(r, "What must be disclosed"));
	page_note(r, "lead",
		  T(r, "The kinds of information the Law on Grassroots Democracy (Art. 11) "
		       "asks the authorities to make known, with the minimum posting period and "
		       "the channels each must go through."));
	if (admin) {
		html_raw(b, "<p>");
		html_link(b, "/notice-categories/new", T(r, "Add a category"));
		html_raw(b, "</p>");
	}
	html_raw(b, "<table class=\"list\"><thead><tr><th scope=\"col\">");
	html_txt(b, T(r, "Item"));
	html_raw(b, "</th><th scope=\"col\">");
	html_txt(b, T(r, "Kind of information"));
	html_raw(b, "</th><th scope=\"col\" class=\"num\">");
	html_txt(b, T(r, "Days posted"));
	html_raw(b, "</th><th scope=\"col\">");
	html_txt(b, T(r, "Channels"));
	html_raw(b, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<tr><td>");
		if (v[i].law_item)
			buf_addf(b, "%d", v[i].law_item);
		html_raw(b, "</td><th scope=\"row\">");
		if (admin)
			html_link(b, link_category(r, v[i].id, "edit"),
				  v[i].name);
		else
			html_link(b, link_notices(r, 0, v[i].id), v[i].name);
		if (!v[i].active) {
			html_raw(b, " <span class=\"badge\">");
			html_txt(b, T(r, "not in use"));
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td class=\"num\">");
		buf_addf(b, "%d", v[i].min_days);
		html_raw(b, "</td><td>");
		rules_text(r, &v[i]);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
	layout_end(r);
	return 0;
}

/* ---------------------------------------------------------------- editing */

static const char *num(struct req *r, int v)
{
	return arena_printf(&r->arena, "%d", v);
}

/* What to show in a field: what was typed, else the stored value. */
static const char *shown(struct req *r, const char *field, const char *stored)
{
	const char *v = req_form(r, field);
	return v ? v : stored;
}

static void channel_fields(struct req *r, const struct notice_category *c)
{
	struct buf *b = &r->out;
	html_raw(b, "<fieldset><legend>");
	html_txt(b, T(r, "Channels"));
	html_raw(b, "</legend>");
	for (int ch = 0; ch < CH_COUNT; ch++) {
		const struct channel_rule *rule = NULL;
		for (size_t i = 0; c && i < c->nrules; i++)
			if (c->rules[i].channel == (enum channel)ch)
				rule = &c->rules[i];
		const char *name = channel_name((enum channel)ch);
		/* after a refused POST show what was sent; else what is stored
		 * (req_form() alone cannot tell: a GET parses an empty form) */
		int posted = strcmp(r->method, "POST") == 0;
		int on = posted ? req_form(r, arena_printf(&r->arena, "ch_%s", name)) != NULL
				: rule != NULL;
		html_raw(b, "<div class=\"row channel\">");
		form_checkbox(r, arena_printf(&r->arena, "ch_%s", name),
			      T(r, channel_label((enum channel)ch)), on);
		form_input(r,
			   &(struct field){.name = arena_printf(&r->arena, "days_%s", name),
					   .label = T(r, "Days in a row"),
					   .value = shown(r, arena_printf(&r->arena, "days_%s", name),
							  num(r, rule ? rule->days : 1)),
					   .type = "number"},
			   NULL);
		form_input(r,
			   &(struct field){.name = arena_printf(&r->arena, "due_%s", name),
					   .label = T(r, "Due within (days)"),
					   .value = shown(r, arena_printf(&r->arena, "due_%s", name),
							  num(r, rule ? rule->due_days : 7)),
					   .type = "number"},
			   NULL);
		html_raw(b, "</div>");
	}
	html_raw(b, "</fieldset>");
}

static int category_form(struct req *r, const struct notice_category *c,
			 const struct form_errors *fe, int status)
{
	const char *title = c ? c->name : T(r, "Add a category");
	layout_begin(r, title);
	r->status = status;
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, c ? link_category(r, c->id, NULL) : "/notice-categories",
		   "stacked");
	if (!c)
		form_input(r,
			   &(struct field){.name = "code",
					   .label = T(r, "Code"),
					   .value = req_form(r, "code"),
					   .hint = T(r, "Lower-case letters a-z, digits and _; it "
							"cannot change later"),
					   .required = 1,
					   .maxlength = CATEGORY_CODE_MAX},
			   fe);
	form_input(r,
		   &(struct field){.name = "name_vi",
				   .label = T(r, "Name in Vietnamese"),
				   .value = shown(r, "name_vi", c ? c->name_vi : ""),
				   .required = 1,
				   .maxlength = CATEGORY_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "name_en",
				   .label = T(r, "Name in English"),
				   .value = shown(r, "name_en", c ? c->name_en : ""),
				   .required = 1,
				   .maxlength = CATEGORY_NAME_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "law_item",
				   .label = T(r, "Item of Art. 11"),
				   .value = shown(r, "law_item",
						  c && c->law_item ? num(r, c->law_item) : ""),
				   .type = "number",
				   .hint = T(r, "Empty for a category of the locality's own")},
		   fe);
	form_input(r,
		   &(struct field){.name = "min_days",
				   .label = T(r, "Minimum days posted"),
				   .value = shown(r, "min_days", num(r, c ? c->min_days : 30)),
				   .type = "number",
				   .required = 1},
		   fe);
	form_checkbox(r, "active", T(r, "In use"),
		      strcmp(r->method, "POST") == 0 ? req_form(r, "active") != NULL
						     : (!c || c->active));
	channel_fields(r, c);
	form_submit(r, T(r, "Save"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int require_admin(struct req *r)
{
	if (!perm_may_somewhere(&r->ctx, ACT_CONFIGURE))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_category_new(struct req *r)
{
	int rc = require_admin(r);
	return rc ? rc : category_form(r, NULL, NULL, 200);
}

int page_category_edit(struct req *r)
{
	struct notice_category c;
	int rc = require_admin(r);
	if (rc || (rc = category_get(&r->ctx, r->params[0], &c)))
		return rc;
	return category_form(r, &c, NULL, 200);
}

/* A whole number from a field: DV_EINVAL naming it when it is not one. */
static int form_int(struct req *r, const char *field, int empty_value, int *out)
{
	const char *v = req_form(r, field);
	char *end;
	if (!v || !*v) {
		*out = empty_value;
		return 0;
	}
	long n = strtol(v, &end, 10);
	if (*end || n < -100000 || n > 100000)
		return dv_fail(&r->ctx.err, DV_EINVAL, field, "Write a whole number");
	*out = (int)n;
	return 0;
}

static int read_category(struct req *r, struct category_input *in)
{
	memset(in, 0, sizeof(*in));
	in->code = req_form(r, "code");
	in->name_vi = req_form(r, "name_vi");
	in->name_en = req_form(r, "name_en");
	in->active = req_form(r, "active") != NULL;
	int rc = form_int(r, "law_item", 0, &in->law_item);
	if (rc || (rc = form_int(r, "min_days", 0, &in->min_days)))
		return rc;
	for (int ch = 0; ch < CH_COUNT; ch++) {
		const char *name = channel_name((enum channel)ch);
		struct channel_rule *rule = &in->rules[in->nrules];
		if (!req_form(r, arena_printf(&r->arena, "ch_%s", name)))
			continue;
		rule->channel = (enum channel)ch;
		if ((rc = form_int(r, arena_printf(&r->arena, "days_%s", name), 1, &rule->days)) ||
		    (rc = form_int(r, arena_printf(&r->arena, "due_%s", name), 0, &rule->due_days)))
			return rc;
		in->nrules++;
	}
	return 0;
}

static int save(struct req *r, int64_t id)
{
	struct notice_category c;
	struct category_input in;
	struct form_errors fe = {0};
	int64_t out;
	int rc = require_admin(r);
	if (rc || (id && (rc = category_get(&r->ctx, id, &c))) || (rc = req_form_parse(r)))
		return rc;
	rc = read_category(r, &in);
	if (!rc)
		rc = category_save(&r->ctx, id, &in, &out);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return category_form(r, id ? &c : NULL, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, "/notice-categories");
	return 0;
}

int page_category_create(struct req *r)
{
	return save(r, 0);
}

int page_category_update(struct req *r)
{
	return save(r, r->params[0]);
}

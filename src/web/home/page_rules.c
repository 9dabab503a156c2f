/*
 * The rules in force (/rules, /api/v1/rules): every threshold and time limit
 * danvan applies, with its legal default and basis; a city administrator
 * changes one for the deployment with the small form on its row.
 */
#include <string.h>

#include "base/array.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/rules.h"
#include "web/api.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/home/home_impl.h"

/* -------------------------------------------------------------- the rules */

/* The value of one rule, in a small form of its own. */
static void rule_form(struct req *r, enum rule rule, int64_t value)
{
	const struct rule_info *ri = rule_info(rule);
	struct buf *b = &r->out;
	html_raw(b, "<td>");
	form_begin(r, "/rules", "inline");
	form_hidden(r, "key", ri->key);
	html_raw(b, "<label class=\"sr\" for=\"r-");
	html_attr(b, ri->key);
	html_raw(b, "\">");
	html_txt(b, T(r, ri->label));
	if (!strcmp(ri->unit, "fraction") || !strcmp(ri->unit, "date")) {
		/* 2/3 or 25/11, typed as written */
		html_raw(b, "</label><input type=\"text\" name=\"value\" size=\"6\" "
			    "maxlength=\"5\" id=\"r-");
		html_attr(b, ri->key);
		html_raw(b, "\" value=\"");
		html_attr(b, rule_format(&r->arena, r->ctx.lang, rule, value));
		html_raw(b, "\"> ");
	} else {
		html_raw(b, "</label><input type=\"number\" inputmode=\"numeric\" name=\"value\" "
			    "id=\"r-");
		html_attr(b, ri->key);
		buf_addf(b, "\" min=\"%lld\" max=\"%lld\" value=\"%lld\"> ", (long long)ri->min,
			 (long long)ri->max, (long long)value);
	}
	html_raw(b, "<button type=\"submit\">");
	html_txt(b, T(r, "Change"));
	html_raw(b, "</button>");
	form_end(r);
	html_raw(b, "</td>");
}

static int rules_page(struct req *r, const struct form_errors *fe, int status)
{
	struct buf *b = &r->out;
	int admin = perm_may_somewhere(&r->ctx, ACT_CONFIGURE);
	layout_begin(r, T(r, "The rules in force"));
	r->status = status;
	form_summary(r, fe);
	page_heading(r, T(r, "The rules in force"));
	page_note(r, "lead",
		  T(r, "The thresholds and time limits danvan applies, with their legal default. "
		       "A threshold must be exceeded: more than half means exactly half is not "
		       "enough."));
	static const struct page_col cols[] = {{N_("Rule")},	{N_("In force"), 1}, {N_("By law"), 1},
					       {N_("Basis")}, {N_("For this deployment")}};
	/* the last column, the form, is the administrator's */
	page_table_begin(r, "list", NULL, cols, ARRAY_LEN(cols) - !admin);
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule_info *ri = rule_info((enum rule)i);
		html_raw(b, "<tr><th scope=\"row\">");
		html_txt(b, T(r, ri->label));
		html_raw(b, "</th><td class=\"num\">");
		page_cell_label(r, N_("In force"));
		html_txt(b, rule_format(&r->arena, r->ctx.lang, (enum rule)i,
					rule_value(&r->ctx, (enum rule)i)));
		html_raw(b, "</td><td class=\"num\">");
		page_cell_label(r, N_("By law"));
		html_txt(b, rule_format(&r->arena, r->ctx.lang, (enum rule)i, ri->legal));
		html_raw(b, "</td><td>");
		page_cell_label(r, N_("Basis"));
		html_txt(b, T(r, ri->basis));
		html_raw(b, "</td>");
		if (admin)
			rule_form(r, (enum rule)i, rule_value(&r->ctx, (enum rule)i));
		html_raw(b, "</tr>");
	}
	page_table_end(r);
	layout_end(r);
	return 0;
}

int page_rules(struct req *r)
{
	return rules_page(r, NULL, 200);
}

/* A city administrator changes a rule for the deployment. */
int page_rules_post(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	rc = rule_set_text(&r->ctx, req_form(r, "key"), req_form(r, "value"));
	return form_after(r, rc, rules_page, "/rules");
}

int api_rules(struct req *r)
{
	json_t *a = json_array();
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule_info *ri = rule_info((enum rule)i);
		int64_t v = rule_value(&r->ctx, (enum rule)i);
		json_array_append_new(
			a, json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:I, s:I, s:s}", "key", ri->key,
				     "value", (json_int_t)v, "legal", (json_int_t)ri->legal, "unit",
				     ri->unit, "label", T(r, ri->label), "basis", T(r, ri->basis),
				     "min", (json_int_t)ri->min, "max", (json_int_t)ri->max, "shown",
				     rule_format(&r->arena, r->ctx.lang, (enum rule)i, v)));
	}
	api_send(r, 200, json_pack("{s:o}", "rules", a));
	return 0;
}

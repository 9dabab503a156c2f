/*
 * Periodic reports on the web: a unit's templates (those it asks of the
 * units below, those asked of it with their periods), making a template,
 * a template's page, a unit's report form, and the consolidation as a
 * page and as a workbook.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "print/periodic_xlsx.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/plans/plans.h"
#include "web/plans/plans_impl.h"

static int this_year(struct req *r)
{
	return time_local_date(r->ctx.now) / 10000;
}

static const char *label_of(struct req *r, enum periodic_kind k, int y, int p)
{
	return periodic_label(&r->arena, r->ctx.lang, k, y, p);
}

/* ------------------------------------------------------ a unit's reports */

/* The periods of this year and the last of a template asked of unit_id,
 * each with its state and a link to the report. */
static int asked_block(struct req *r, const struct periodic_template *t, int64_t unit_id)
{
	struct buf *b = &r->out;
	int y = this_year(r);
	html_raw(b, "<h3>");
	html_txt(b, t->name);
	html_raw(b, "</h3><p class=\"meta\">");
	html_txtf(b, "%s · %s", T(r, periodic_kind_label(t->kind)), t->unit_name);
	html_raw(b, "</p><ul class=\"items compact\">");
	for (int year = y; year >= y - 1; year--)
		for (int p = periodic_periods(t->kind); p >= 1; p--) {
			struct periodic_template tt;
			struct periodic_report rep;
			int32_t from, to;
			periodic_range(t->kind, year, p, &from, &to);
			if (from > time_local_date(r->ctx.now) ||
			    time_local_midnight(to) < t->created_at)
				continue;
			int rc = periodic_report_get(&r->ctx, t->id, unit_id, year, p, &tt, &rep);
			if (rc)
				return rc;
			html_raw(b, "<li>");
			html_link(b, link_periodic_report(r, t->id, unit_id, year, p),
				  label_of(r, t->kind, year, p));
			html_raw(b, " ");
			plans_periodic_state(r, rep.state);
			html_raw(b, " <span class=\"meta\">");
			html_txtf(b, "%s %s", T(r, "due"), plans_date(r, rep.due_on));
			html_raw(b, "</span></li>");
		}
	html_raw(b, "</ul>");
	return 0;
}

static void template_form(struct req *r, int64_t unit_id, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	html_raw(b, "<section class=\"tools\"><h2>");
	html_txt(b, T(r, "Ask the units below for a periodic report"));
	html_raw(b, "</h2>");
	form_begin(r, link_unit(r, unit_id, "periodic"), "stacked");
	form_input(r,
		   &(struct field){.name = "name", .label = T(r, "Name"),
				   .value = req_form(r, "name"), .required = 1,
				   .maxlength = PERIODIC_NAME_MAX},
		   fe);
	form_select_names(r, "kind", T(r, "How often"), req_form(r, "kind"), periodic_kind_names,
			  PK_COUNT, fe);
	form_textarea(r,
		      &(struct field){.name = "sections", .label = T(r, "Sections of text"),
				      .value = req_form(r, "sections"), .required = 1,
				      .hint = T(r, "One heading a line")},
		      4, fe);
	const char *err = form_error_for(fe, "items");
	html_raw(b, err ? "<fieldset class=\"has-error\" id=\"f-items\"><legend>"
			: "<fieldset id=\"f-items\"><legend>");
	html_txt(b, T(r, "Figures computed by danvan"));
	html_raw(b, "</legend>");
	if (err) {
		html_raw(b, "<p class=\"field-error\">");
		html_txt(b, err);
		html_raw(b, "</p>");
	}
	for (int i = 0; i < IND_COUNT; i++) {
		const char *key = arena_printf(&r->arena, "code_%s", indicator_name((enum indicator)i));
		form_checkbox(r, key, T(r, indicator_label((enum indicator)i)),
			      req_form(r, key) != NULL);
	}
	html_raw(b, "</fieldset>");
	form_textarea(r,
		      &(struct field){.name = "entered", .label = T(r, "Figures the units enter"),
				      .value = req_form(r, "entered"),
				      .hint = T(r, "One a line: a name, or a name, a bar and "
						   "\"percent\" or \"money\" (Hộ đạt chuẩn | percent)")},
		      4, fe);
	form_submit(r, T(r, "Ask for it"));
	form_end(r);
	html_raw(b, "</section>");
}

static int unit_periodic_page(struct req *r, const struct form_errors *fe, int status)
{
	struct unit u;
	struct periodic_template *own, *asked;
	size_t no, na;
	int rc = unit_get(&r->ctx, r->params[0], &u);
	if (rc || (rc = periodic_templates(&r->ctx, u.id, 1, &own, &no)) ||
	    (rc = periodic_templates(&r->ctx, u.id, 0, &asked, &na)))
		return rc;
	int plans = perm_may(&r->ctx, ACT_PLAN_WORK, u.id);
	int reports = plans || perm_may(&r->ctx, ACT_REPORT_WORK, u.id);
	if (!reports)
		return dv_fail(&r->ctx.err, DV_EPERM, NULL,
			       "Periodic reports are for the unit's officers");
	struct buf *b = &r->out;
	const char *title = arena_printf(&r->arena, "%s: %s %s", T(r, "Periodic reports"),
					 T(r, unit_kind_label(u.kind)), u.name);
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	form_summary(r, fe);
	html_raw(b, "<section><h2>");
	html_txt(b, T(r, "Asked of this unit"));
	html_raw(b, "</h2>");
	if (!na)
		page_note(r, "empty", T(r, "The unit above asks for no periodic report."));
	for (size_t i = 0; i < na; i++)
		if (asked[i].active && (rc = asked_block(r, &asked[i], u.id)))
			return rc;
	html_raw(b, "</section><section><h2>");
	html_txt(b, T(r, "Asked of the units below"));
	html_raw(b, "</h2>");
	if (!no)
		page_note(r, "empty", T(r, "None yet."));
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < no; i++) {
		html_raw(b, "<li>");
		html_link(b, link_periodic(r, own[i].id, NULL), own[i].name);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, T(r, periodic_kind_label(own[i].kind)));
		if (!own[i].active) {
			html_raw(b, " · ");
			html_txt(b, T(r, "no longer asked"));
		}
		html_raw(b, "</span> ");
		html_link(b, link_consolidation(r, own[i].id, this_year(r), 0, 0),
			  T(r, "consolidation"));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
	if (plans)
		template_form(r, u.id, fe);
	layout_end(r);
	return 0;
}

int page_unit_periodic(struct req *r)
{
	return unit_periodic_page(r, NULL, 200);
}

/* The form's figures: ticked codes, then the entered lines. */
static int items_of(struct req *r, struct periodic_item_input **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (int i = 0; i < IND_COUNT; i++)
		if (req_form(r, arena_printf(&r->arena, "code_%s",
					     indicator_name((enum indicator)i))))
			ARENA_PUSH(&r->arena, *out, *n, cap)->code =
				indicator_name((enum indicator)i);
	const char *lines[PERIODIC_ITEMS_MAX + 1];
	const char *entered = req_form(r, "entered");
	size_t nl = entered ? text_lines(&r->arena, entered, lines, PERIODIC_ITEMS_MAX + 1) : 0;
	for (size_t i = 0; i < nl; i++) {
		char *line = arena_strdup(&r->arena, lines[i]), *bar = strchr(line, '|');
		const char *measure = "count";
		if (bar) {
			*bar = '\0';
			measure = bar + 1;
			while (*measure == ' ')
				measure++;
		}
		size_t len = strlen(line);
		while (len && line[len - 1] == ' ')
			line[--len] = '\0';
		if (!*line)
			continue;
		struct periodic_item_input *it = ARENA_PUSH(&r->arena, *out, *n, cap);
		it->name = line;
		it->measure = measure;
	}
	if (!*n)
		return dv_fail(&r->ctx.err, DV_EINVAL, "items", "Ask for at least one figure");
	return 0;
}

int page_periodic_create(struct req *r)
{
	struct periodic_item_input *items;
	size_t n;
	int64_t id = 0;
	int rc = req_form_parse(r);
	if (!rc)
		rc = items_of(r, &items, &n);
	if (!rc)
		rc = periodic_template_create(&r->ctx,
					      &(struct periodic_template_input){
						      .unit_id = r->params[0],
						      .kind = req_form(r, "kind"),
						      .name = req_form(r, "name"),
						      .sections = req_form(r, "sections"),
						      .items = items,
						      .nitems = n},
					      &id);
	if (rc && r->ctx.err.field && !strncmp(r->ctx.err.field, "item_", 5))
		r->ctx.err.field = "entered";
	return form_after(r, rc, unit_periodic_page, rc ? NULL : link_periodic(r, id, NULL));
}

/* ------------------------------------------------------------ a template */

static void items_list(struct req *r, const struct periodic_template *t)
{
	struct buf *b = &r->out;
	html_raw(b, "<ol>");
	for (size_t i = 0; i < t->nitems; i++) {
		html_raw(b, "<li>");
		html_txt(b, t->items[i].computed ? T(r, t->items[i].name) : t->items[i].name);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, t->items[i].computed ? T(r, "computed") : T(r, measure_label(t->items[i].measure)));
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ol>");
}

int page_periodic(struct req *r)
{
	struct periodic_template t;
	int rc = periodic_template_get(&r->ctx, r->params[0], &t);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	int y = this_year(r);
	layout_begin(r, t.name);
	page_back(r, link_unit(r, t.unit_id, "periodic"), t.unit_name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, periodic_kind_label(t.kind)));
	html_raw(b, "</p>");
	page_heading(r, t.name);
	html_raw(b, "<section><h2>");
	html_txt(b, T(r, "Figures"));
	html_raw(b, "</h2>");
	items_list(r, &t);
	html_raw(b, "<h3>");
	html_txt(b, T(r, "Sections of text"));
	html_raw(b, "</h3><ol>");
	for (size_t i = 0; i < t.nsections; i++) {
		html_raw(b, "<li>");
		html_txt(b, t.sections[i]);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>");
	if (perm_may(&r->ctx, ACT_PLAN_WORK, t.unit_id) ||
	    perm_may(&r->ctx, ACT_REPORT_WORK, t.unit_id)) {
		html_raw(b, "<section><h2>");
		html_txt(b, T(r, "Consolidation"));
		html_raw(b, "</h2><ul class=\"items compact\">");
		for (int year = y; year >= y - 1; year--) {
			html_raw(b, "<li>");
			html_link(b, link_consolidation(r, t.id, year, 0, 0),
				  arena_printf(&r->arena, T(r, "Year %d"), year));
			for (int p = 1; t.kind != PK_ANNUAL && p <= periodic_periods(t.kind); p++) {
				html_raw(b, " · ");
				html_link(b, link_consolidation(r, t.id, year, p, 0),
					  label_of(r, t.kind, year, p));
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></section>");
	}
	if (t.may_edit)
		form_button(r, link_periodic(r, t.id, t.active ? "stop" : "restart"),
			    t.active ? T(r, "Stop asking for it") : T(r, "Ask for it again"),
			    "inline secondary");
	layout_end(r);
	return 0;
}

int page_periodic_active(struct req *r)
{
	int stop = r->path && strstr(r->path, "/stop") != NULL;
	int rc = periodic_template_active(&r->ctx, r->params[0], !stop);
	if (rc)
		return rc;
	res_redirect(r, link_periodic(r, r->params[0], NULL));
	return 0;
}

/* ---------------------------------------------------------- consolidation */

static int period_query(struct req *r, int64_t *year, int64_t *period)
{
	*year = this_year(r);
	*period = 0;
	int rc = req_query_int(r, "year", PLAN_YEAR_MIN, PLAN_YEAR_MAX, 0, year);
	return rc ? rc : req_query_int(r, "period", 0, 12, 0, period);
}

static void consolidation_table(struct req *r, const struct consolidation *c)
{
	struct buf *b = &r->out;
	size_t nc = 3 + c->t.nitems;
	struct page_col *cols = arena_array(&r->arena, struct page_col, nc);
	cols[0] = (struct page_col){N_("Unit"), 0, 0};
	cols[1] = (struct page_col){N_("Periodic reports"), 0, 0};
	for (size_t i = 0; i < c->t.nitems; i++)
		cols[2 + i] = (struct page_col){c->t.items[i].name, 1, 0};
	cols[nc - 1] = (struct page_col){N_("Periods"), 0, 0};
	page_table_begin(r, "list", NULL, cols, nc);
	int np = c->last - c->first + 1;
	for (size_t k = 0; k <= c->nrows; k++) {
		int total = k == c->nrows;
		const struct consolidation_row *row = total ? NULL : &c->rows[k];
		const int64_t *st = total ? c->state : row->state;
		const struct figure *v = total ? c->total : row->values;
		html_raw(b, total ? "<tr class=\"total\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
		html_txt(b, total ? T(r, "Total") : row->name);
		if (!total && *row->successor) {
			html_raw(b, "<br><span class=\"meta\">");
			html_txtf(b, T(r, "merged into %s on %s"), row->successor,
				  plans_date(r, row->ended_on));
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td>");
		page_cell_label(r, N_("Periodic reports"));
		html_txtf(b, T(r, "%lld on time, %lld late, %lld missing"),
			  (long long)st[PR_ON_TIME], (long long)st[PR_LATE],
			  (long long)st[PR_MISSING]);
		html_raw(b, "</td>");
		for (size_t i = 0; i < c->t.nitems; i++) {
			html_raw(b, "<td class=\"num\">");
			page_cell_label(r, c->t.items[i].name);
			html_txt(b, plans_figure(r, c->t.items[i].measure, v[i]));
			if (c->t.items[i].measure == M_PERCENT && v[i].den) {
				html_raw(b, "<br><span class=\"meta\">");
				html_txtf(b, T(r, "(%lld of %lld)"), (long long)v[i].num,
					  (long long)v[i].den);
				html_raw(b, "</span>");
			}
			html_raw(b, "</td>");
		}
		html_raw(b, "<td>");
		for (int p = 0; !total && p < np; p++) {
			if (row->states[p] == PR_NOT_EXPECTED)
				continue;
			if (row->report_ids[p])
				html_link(b,
					  link_periodic_report(r, c->t.id, row->unit_id, c->year,
							       c->first + p),
					  label_of(r, c->t.kind, c->year, c->first + p));
			else
				html_txt(b, label_of(r, c->t.kind, c->year, c->first + p));
			html_raw(b, " ");
			plans_periodic_state(r, row->states[p]);
			html_raw(b, "<br>");
		}
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
}

int page_consolidation(struct req *r)
{
	struct consolidation c;
	int64_t year, period;
	int rc = period_query(r, &year, &period);
	if (rc || (rc = periodic_consolidate(&r->ctx, r->params[0], (int)year, (int)period, &c)))
		return rc;
	struct buf *b = &r->out;
	const char *when = period ? label_of(r, c.t.kind, (int)year, (int)period)
				  : arena_printf(&r->arena, T(r, "Year %d"), (int)year);
	const char *title = arena_printf(&r->arena, "%s: %s", c.t.name, when);
	layout_begin(r, title);
	page_back(r, link_periodic(r, c.t.id, NULL), c.t.name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, "Consolidation"));
	html_raw(b, "</p>");
	page_heading(r, title);
	page_note(r, "meta",
		  T(r, "Sums of the reports sent; a share is recomputed from the summed counts, "
		       "never averaged. A report not sent by its deadline is missing."));
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_consolidation(r, c.t.id, (int)year, (int)period, 1),
		  T(r, "Download as a workbook (XLSX)"));
	html_raw(b, "</p>");
	consolidation_table(r, &c);
	for (size_t s = 0; s < c.t.nsections; s++) {
		html_raw(b, "<section><h2>");
		html_txt(b, c.t.sections[s]);
		html_raw(b, "</h2><dl class=\"facts side\">");
		for (size_t k = 0; k < c.nrows; k++) {
			html_raw(b, "<dt>");
			html_txt(b, c.rows[k].name);
			html_raw(b, "</dt><dd>");
			html_txt(b, *c.rows[k].texts[s] ? c.rows[k].texts[s] : "–");
			html_raw(b, "</dd>");
		}
		html_raw(b, "</dl></section>");
	}
	layout_end(r);
	return 0;
}

int page_consolidation_xlsx(struct req *r)
{
	struct consolidation c;
	int64_t year, period;
	int rc = period_query(r, &year, &period);
	if (rc || (rc = periodic_consolidate(&r->ctx, r->params[0], (int)year, (int)period, &c)))
		return rc;
	const char **labels = arena_array(&r->arena, const char *, 13);
	for (int p = c.first; p <= c.last; p++)
		labels[p - c.first] = label_of(r, c.t.kind, c.year, p);
	if ((rc = consolidation_xlsx(&c, labels, r->ctx.lang, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"tong-hop-%lld-%d.xlsx\"",
				(long long)c.t.id, c.year));
	return 0;
}

/* ---------------------------------------------------------- a unit's report */

static int report_query(struct req *r, int64_t *year, int64_t *period)
{
	int rc = req_query_int(r, "year", PLAN_YEAR_MIN, PLAN_YEAR_MAX, 1, year);
	return rc ? rc : req_query_int(r, "period", 1, 12, 1, period);
}

static int report_page(struct req *r, const struct form_errors *fe, int status)
{
	struct periodic_template t;
	struct periodic_report rep;
	int64_t year, period;
	int rc = report_query(r, &year, &period);
	if (rc || (rc = periodic_report_get(&r->ctx, r->params[0], r->params[1], (int)year,
					    (int)period, &t, &rep)))
		return rc;
	struct buf *b = &r->out;
	const char *title = arena_printf(&r->arena, "%s: %s", t.name,
					 label_of(r, t.kind, (int)year, (int)period));
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_unit(r, rep.unit_id, "periodic"), rep.unit_name);
	page_heading(r, title);
	form_summary(r, fe);
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Unit"));
	html_raw(b, "</dt><dd>");
	html_txt(b, rep.unit_name);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Period"));
	html_raw(b, "</dt><dd>");
	html_txtf(b, "%s – %s", plans_date(r, rep.from), plans_date(r, rep.to));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Due"));
	html_raw(b, "</dt><dd>");
	html_txt(b, plans_date(r, rep.due_on));
	html_raw(b, " ");
	plans_periodic_state(r, rep.state);
	if (rep.submitted) {
		html_raw(b, " ");
		html_txtf(b, T(r, "sent on %s"), plans_date(r, rep.submitted_on));
	}
	html_raw(b, "</dd></dl>");
	if (!rep.may_edit) {
		static const struct page_col cols[] = {{N_("Figure"), 0, 0}, {N_("Value"), 1, 0}};
		page_table_begin(r, "list keep", NULL, cols, ARRAY_LEN(cols));
		for (size_t i = 0; i < t.nitems; i++) {
			html_raw(b, "<tr><th scope=\"row\">");
			html_txt(b, t.items[i].computed ? T(r, t.items[i].name) : t.items[i].name);
			html_raw(b, "</th><td class=\"num\">");
			html_txt(b, plans_figure(r, t.items[i].measure, rep.values[i]));
			html_raw(b, "</td></tr>");
		}
		page_table_end(r);
		for (size_t s = 0; s < t.nsections; s++) {
			html_raw(b, "<section><h2>");
			html_txt(b, t.sections[s]);
			html_raw(b, "</h2>");
			page_note(r, "prose", *rep.texts[s] ? rep.texts[s] : "–");
			html_raw(b, "</section>");
		}
		layout_end(r);
		return 0;
	}
	form_begin(r, link_periodic_report(r, t.id, rep.unit_id, (int)year, (int)period), "stacked");
	html_raw(b, "<fieldset><legend>");
	html_txt(b, T(r, "Figures"));
	html_raw(b, "</legend>");
	for (size_t i = 0; i < t.nitems; i++) {
		const struct periodic_item *it = &t.items[i];
		if (it->computed) {
			html_raw(b, "<p>");
			html_txt(b, T(r, it->name));
			html_raw(b, ": <strong>");
			html_txt(b, plans_figure(r, it->measure, rep.values[i]));
			html_raw(b, "</strong> <span class=\"meta\">");
			html_txt(b, T(r, "computed now; frozen when the report is sent"));
			html_raw(b, "</span></p>");
			continue;
		}
		const char *key = arena_printf(&r->arena, "item_%d", it->position);
		const char *typed = req_form(r, key);
		const char *stored = arena_printf(&r->arena, "%lld", (long long)rep.values[i].num);
		form_input(r,
			   &(struct field){.name = key, .label = it->name,
					   .value = typed ? typed : stored, .maxlength = 20,
					   .hint = it->measure == M_PERCENT ? T(r, "How many") : NULL},
			   fe);
		if (it->measure == M_PERCENT) {
			const char *ok = arena_printf(&r->arena, "item_%d_of", it->position);
			const char *t2 = req_form(r, ok);
			form_input(r,
				   &(struct field){.name = ok, .label = T(r, "Out of"),
						   .value = t2 ? t2
							       : arena_printf(&r->arena, "%lld",
									      (long long)rep.values[i].den),
						   .maxlength = 20},
				   fe);
		}
	}
	html_raw(b, "</fieldset>");
	for (size_t s = 0; s < t.nsections; s++) {
		const char *key = arena_printf(&r->arena, "text_%zu", s + 1);
		const char *typed = req_form(r, key);
		form_textarea(r,
			      &(struct field){.name = key, .label = t.sections[s],
					      .value = typed ? typed : rep.texts[s]},
			      5, fe);
	}
	form_checkbox(r, "submit", T(r, "Send the report now (it can no longer change)"), 0);
	form_submit(r, T(r, "Save"));
	form_end(r);
	layout_end(r);
	return 0;
}

int page_periodic_report(struct req *r)
{
	return report_page(r, NULL, 200);
}

int page_periodic_save(struct req *r)
{
	struct periodic_template t;
	struct periodic_report rep;
	int64_t year, period, id;
	int rc = report_query(r, &year, &period);
	if (rc || (rc = req_form_parse(r)) ||
	    (rc = periodic_report_get(&r->ctx, r->params[0], r->params[1], (int)year, (int)period,
				      &t, &rep)))
		return rc;
	const char **entered = arena_array(&r->arena, const char *, t.nitems + 1);
	const char **texts = arena_array(&r->arena, const char *, t.nsections + 1);
	for (size_t i = 0; i < t.nitems; i++) {
		const char *v = req_form(r, arena_printf(&r->arena, "item_%d", t.items[i].position));
		const char *of =
			req_form(r, arena_printf(&r->arena, "item_%d_of", t.items[i].position));
		entered[i] = v && t.items[i].measure == M_PERCENT
				     ? arena_printf(&r->arena, "%s/%s", v, of ? of : "")
				     : v;
	}
	for (size_t s = 0; s < t.nsections; s++)
		texts[s] = req_form(r, arena_printf(&r->arena, "text_%zu", s + 1));
	rc = periodic_report_save(&r->ctx, t.id, rep.unit_id, (int)year, (int)period, entered,
				  t.nitems, texts, t.nsections, req_form(r, "submit") != NULL, &id);
	return form_after(r, rc, report_page,
			  link_periodic_report(r, t.id, rep.unit_id, (int)year, (int)period));
}

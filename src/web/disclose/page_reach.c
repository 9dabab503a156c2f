/*
 * The reach of a notice: the share of households that know it, per
 * neighborhood (public: aggregates only), and for a neighborhood head the
 * households not reached yet, with how to contact them and a form to record
 * those reached on paper or at a meeting.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/disclose/reach.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/disclose/disclose_impl.h"

#define MISSING_PAGE 100

static void progress(struct req *r, int64_t part, int64_t whole)
{
	struct buf *b = &r->out;
	html_raw(b, "<progress max=\"100\" value=\"");
	buf_addf(b, "%lld", whole > 0 ? (long long)(part * 100 / whole) : 0LL);
	html_raw(b, "\" aria-hidden=\"true\"></progress> ");
	html_txt(b, page_percent(r, part, whole));
}

static void units_table(struct req *r, const struct reach_unit *v, size_t n)
{
	struct buf *b = &r->out;
	html_raw(b, "<table class=\"list reach keep\"><thead><tr><th scope=\"col\">");
	html_txt(b, T(r, "Neighborhood"));
	html_raw(b, "</th><th scope=\"col\" class=\"num\">");
	html_txt(b, T(r, "Households"));
	html_raw(b, "</th><th scope=\"col\" class=\"num\">");
	html_txt(b, T(r, "Reached"));
	html_raw(b, "</th><th scope=\"col\">");
	html_txt(b, T(r, "Share"));
	html_raw(b, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<tr><th scope=\"row\">");
		html_txt(b, v[i].name);
		if (*v[i].parent_name) {
			html_raw(b, " <span class=\"meta\">");
			html_txt(b, v[i].parent_name);
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td class=\"num\">");
		html_int(b, v[i].households);
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, v[i].reached);
		html_raw(b, "</td><td>");
		progress(r, v[i].reached, v[i].households);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
}

/* The unit whose missing households the actor sees by default: the
 * notice's unit if it may record there, else its own unit inside it. */
static int64_t default_unit(struct req *r, const struct notice *n)
{
	if (perm_may(&r->ctx, ACT_RECORD_REACH, n->unit_id))
		return n->unit_id;
	for (size_t i = 0; i < r->ctx.actor->ngrants; i++) {
		const struct grant *g = &r->ctx.actor->grants[i];
		int in = 0;
		if (role_allows((enum role)g->role, ACT_RECORD_REACH) &&
		    !unit_is_within(&r->ctx, g->unit_id, n->unit_id, &in) && in)
			return g->unit_id;
	}
	return 0;
}

static void missing_row(struct req *r, const struct reach_household *h)
{
	struct buf *b = &r->out;
	html_raw(b, "<tr><td><input type=\"checkbox\" name=\"household\" value=\"");
	buf_addf(b, "%lld", (long long)h->id);
	html_raw(b, "\" id=\"h");
	buf_addf(b, "%lld", (long long)h->id);
	html_raw(b, "\"></td><td><label for=\"h");
	buf_addf(b, "%lld", (long long)h->id);
	html_raw(b, "\">");
	html_txt(b, h->address);
	html_raw(b, "</label>");
	if (*h->code) {
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, h->code);
		html_raw(b, "</span>");
	}
	html_raw(b, "</td><td>");
	html_txt(b, h->representative);
	html_raw(b, "</td><td>");
	if (*h->phone) {
		html_raw(b, "<a href=\"tel:");
		html_attr(b, h->phone);
		html_raw(b, "\">");
		html_txt(b, h->phone);
		html_raw(b, "</a>");
	}
	if (h->has_account) {
		html_raw(b, *h->phone ? " · " : "");
		html_txt(b, T(r, "has an account"));
	}
	html_raw(b, "</td><td>");
	html_txt(b, h->unit_name);
	html_raw(b, "</td></tr>");
}

static void record_controls(struct req *r)
{
	html_raw(&r->out, "<div class=\"row\">");
	/* a head records paper and meetings; "online" is the household's own */
	form_select_names(r, "how", T(r, "How"), "paper", reach_how_names + REACH_PAPER,
			  REACH_HOW_COUNT - REACH_PAPER, NULL);
	form_input(r,
		   &(struct field){.name = "on",
				   .label = T(r, "On"),
				   .value = page_date_iso(r, time_local_date(r->ctx.now)),
				   .type = "date"},
		   NULL);
	html_raw(&r->out, "</div>");
	form_submit(r, T(r, "Record the ticked households as reached"));
}

static int missing_section(struct req *r, const struct notice *n, int64_t unit, int64_t page)
{
	struct buf *b = &r->out;
	struct reach_household *v;
	size_t k;
	int more;
	int rc = reach_missing(&r->ctx, n->id, unit, (page - 1) * MISSING_PAGE, MISSING_PAGE, &v,
			       &k, &more);
	if (rc)
		return rc;
	page_section(r, "missing", T(r, "Households not reached yet"));
	if (!k) {
		page_note(r, "done", T(r, "Every household here has been reached."));
		html_raw(b, "</section>");
		return 0;
	}
	page_note(r, "hint",
		  T(r, "Tick the households you gave the notice to on paper or that heard it at "
		       "a meeting, then record them."));
	form_begin(r, link_notice(r, n->id, "reach"), "stacked");
	form_hidden(r, "unit", arena_printf(&r->arena, "%lld", (long long)unit));
	html_raw(b, "<table class=\"list\"><thead><tr><th scope=\"col\"><span class=\"sr\">");
	html_txt(b, T(r, "Reached"));
	html_raw(b, "</span></th><th scope=\"col\">");
	html_txt(b, T(r, "Address"));
	html_raw(b, "</th><th scope=\"col\">");
	html_txt(b, T(r, "Representative"));
	html_raw(b, "</th><th scope=\"col\">");
	html_txt(b, T(r, "Contact"));
	html_raw(b, "</th><th scope=\"col\">");
	html_txt(b, T(r, "Neighborhood"));
	html_raw(b, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < k; i++)
		missing_row(r, &v[i]);
	html_raw(b, "</tbody></table>");
	record_controls(r);
	form_end(r);
	page_pager(r,
		   link_notice_reach(r, n->id, unit, 0),
		   page, more);
	html_raw(b, "</section>");
	return 0;
}

static int reach_page(struct req *r, const struct form_errors *fe, int status, int64_t recorded)
{
	struct notice n;
	struct reach_unit *v;
	size_t k;
	int64_t households, reached, unit = 0, page;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &unit);
	if (rc || (rc = page_number(r, 100000, &page)) ||
	    (rc = reach_by_unit(&r->ctx, r->params[0], &v, &k, &households, &reached)) ||
	    (rc = notice_get(&r->ctx, r->params[0], &n)))
		return rc;
	notice_cache_scope(r, &n);
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Reach"), n.title);
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_notice(r, n.id, NULL), n.title);
	page_heading(r, title);
	form_summary(r, fe);
	if (recorded >= 0)
		page_note(r, "done",
			  arena_printf(&r->arena, T(r, "%lld households recorded as reached."),
				       (long long)recorded));
	html_raw(&r->out, "<p class=\"big\">");
	progress(r, reached, households);
	html_raw(&r->out, " ");
	html_txtf(&r->out, T(r, "%lld of %lld households"), (long long)reached,
		  (long long)households);
	html_raw(&r->out, "</p>");
	if (k)
		units_table(r, v, k);
	if (!unit)
		unit = default_unit(r, &n);
	if (unit > 0 && n.status == NOTICE_PUBLISHED && perm_may(&r->ctx, ACT_RECORD_REACH, unit) &&
	    (rc = missing_section(r, &n, unit, page)) && rc != DV_EINVAL)
		return rc;
	layout_end(r);
	return 0;
}

int page_notice_reach(struct req *r)
{
	int64_t recorded = -1;
	int rc = req_query_int(r, "recorded", 0, REACH_BATCH_MAX, 0, &recorded);
	return rc ? rc : reach_page(r, NULL, 200, recorded);
}

int page_notice_reach_post(struct req *r)
{
	struct form_errors fe = {0};
	enum reach_how how;
	size_t recorded = 0, k = 0;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	int64_t *ids = arena_array(&r->arena, int64_t, r->form.n + 1);
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, "household") == 0) {
			char *end;
			long long v = strtoll(r->form.v[i].value, &end, 10);
			if (*end || v <= 0)
				return dv_fail(&r->ctx.err, DV_EINVAL, "household",
					       "No such household");
			ids[k++] = v;
		}
	int64_t unit = 0;
	rc = req_form_id(r, "unit", &unit);
	if (!rc)
		rc = reach_how_parse(req_form(r, "how"), &how, &r->ctx.err);
	if (!rc)
		rc = reach_record(&r->ctx, r->params[0], ids, k, how, req_form(r, "on"), &recorded);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return reach_page(r, &fe, status, -1);
	if (rc)
		return rc;
	res_redirect(r, link_notice_reach(r, r->params[0], unit, (int64_t)recorded));
	return 0;
}

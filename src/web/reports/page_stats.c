/*
 * A unit's statistics of reports, per category, for a year: received,
 * resolved, resolved on time, the median time to resolve, the reporters'
 * satisfaction. Public figures (private categories count only for those
 * who may see them: the page is then not the cached one).
 */
#include "base/date.h"
#include "base/i18n.h"
#include "domain/registry/unit.h"
#include "domain/reports/report_stats.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/reports/reports_impl.h"

static void row(struct req *r, const struct report_stats *s, const char *name, int total)
{
	struct buf *b = &r->out;
	html_raw(b, total ? "<tr class=\"total\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
	html_txt(b, name);
	html_raw(b, "</th><td class=\"num\">");
	html_int(b, s->received);
	html_raw(b, "</td><td class=\"num\">");
	html_int(b, s->resolved);
	html_raw(b, "</td><td class=\"num\">");
	html_txt(b, page_percent(r, s->on_time, s->resolved));
	html_raw(b, "</td><td class=\"num\">");
	html_txt(b, s->resolved ? report_duration(r, s->median_seconds) : "–");
	html_raw(b, "</td><td class=\"num\">");
	html_int(b, s->overdue);
	html_raw(b, "</td><td class=\"num\">");
	int t = report_stats_rating_tenths(s);
	html_txt(b, t < 0 ? "–"
			  : arena_printf(&r->arena, "%d,%d/5 (%lld)", t / 10, t % 10,
					 (long long)s->rated));
	html_raw(b, "</td></tr>");
}

int page_report_stats(struct req *r)
{
	struct unit u;
	struct report_stats *s;
	size_t n;
	int64_t year = time_local_date(r->ctx.now) / 10000;
	int rc = req_query_int(r, "year", 2000, 9998, 0, &year);
	if (rc || (rc = unit_get(&r->ctx, r->params[0], &u)) ||
	    (rc = report_stats_year(&r->ctx, u.id, (int)year, &s, &n)))
		return rc;
	const char *title = arena_printf(&r->arena, T(r, "Reports in %s, %lld"),
					 unit_title(&r->arena, r->ctx.lang, u.kind, u.name), (long long)year);
	layout_begin(r, title);
	page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r,
		    "Reports made during the year, as they stand today. On time: resolved by the "
		    "deadline of working days set for their kind."));
	static const struct page_col cols[] = {{N_("Kind"), 0, 0},
					       {N_("Received"), 1, 0},
					       {N_("Resolved"), 1, 0},
					       {N_("On time"), 1, 0},
					       {N_("Median time to resolve"), 1, 0},
					       {N_("Overdue now"), 1, 0},
					       {N_("Satisfaction"), 1, 0}};
	html_raw(&r->out, "<div class=\"wide\">");
	page_table_begin(r, "list keep", NULL, cols, 7);
	for (size_t i = 0; i + 1 < n; i++)
		row(r, &s[i],
		    r->ctx.lang && r->ctx.lang[0] == 'e' && *s[i].category_en ? s[i].category_en
									      : s[i].category_vi,
		    0);
	row(r, &s[n - 1], T(r, "All kinds"), 1);
	page_table_end(r);
	html_raw(&r->out, "</div><p class=\"links\">");
	html_link(&r->out, link_report_stats(r, u.id, year - 1),
		  arena_printf(&r->arena, "%lld", (long long)year - 1));
	if (year < time_local_date(r->ctx.now) / 10000)
		html_link(&r->out, link_report_stats(r, u.id, year + 1),
			  arena_printf(&r->arena, "%lld", (long long)year + 1));
	html_link(&r->out, link_reports(r, u.id, 0, NULL, 0), T(r, "The reports"));
	html_raw(&r->out, "</p>");
	layout_end(r);
	return 0;
}

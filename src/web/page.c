#include "web/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "web/html.h"

void page_heading(struct req *r, const char *text)
{
	html_raw(&r->out, "<h1>");
	html_txt(&r->out, text);
	html_raw(&r->out, "</h1>");
}

static const char *with_buf(struct req *r, void (*fmt)(struct buf *, int32_t), int32_t ymd)
{
	if (!ymd)
		return "";
	struct buf b = BUF_INIT;
	fmt(&b, ymd);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

void page_back(struct req *r, const char *href, const char *text)
{
	html_raw(&r->out, "<p class=\"crumbs-back\">");
	html_link(&r->out, href, text);
	html_raw(&r->out, "</p>");
}

const char *page_date(struct req *r, int32_t ymd)
{
	return with_buf(r, date_format, ymd);
}

const char *page_date_iso(struct req *r, int32_t ymd)
{
	return with_buf(r, date_format_iso, ymd);
}

const char *page_time(struct req *r, int64_t t)
{
	if (!t)
		return "";
	struct buf b = BUF_INIT;
	time_format(&b, t);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

int page_number(struct req *r, int64_t max, int64_t *page)
{
	*page = 1;
	return req_query_int(r, "page", 1, max, 0, page);
}

void page_pager(struct req *r, const char *href, int64_t page, int more)
{
	struct buf *b = &r->out;
	if (page <= 1 && !more)
		return;
	const char *sep = strchr(href, '?') ? "&" : "?";
	html_raw(b, "<nav class=\"pager\" aria-label=\"");
	html_attr(b, T(r, "Pages"));
	html_raw(b, "\">");
	if (page > 1)
		html_link(b, arena_printf(&r->arena, "%s%spage=%lld", href, sep, (long long)page - 1),
			  T(r, "Previous page"));
	if (more)
		html_link(b, arena_printf(&r->arena, "%s%spage=%lld", href, sep, (long long)page + 1),
			  T(r, "Next page"));
	html_raw(b, "<span>");
	html_txtf(b, T(r, "Page %lld"), (long long)page);
	html_raw(b, "</span></nav>");
}

void page_note(struct req *r, const char *css_class, const char *text)
{
	html_raw(&r->out, "<p class=\"");
	html_attr(&r->out, css_class);
	html_raw(&r->out, "\">");
	html_txt(&r->out, text);
	html_raw(&r->out, "</p>");
}

void page_section(struct req *r, const char *css_class, const char *heading)
{
	if (css_class) {
		html_raw(&r->out, "<section class=\"");
		html_attr(&r->out, css_class);
		html_raw(&r->out, "\"><h2>");
	} else {
		html_raw(&r->out, "<section><h2>");
	}
	html_txt(&r->out, heading);
	html_raw(&r->out, "</h2>");
}

const char *page_percent(struct req *r, int64_t part, int64_t whole)
{
	if (whole <= 0)
		return "–";
	return arena_printf(&r->arena, "%lld%%", (long long)(part * 100 / whole));
}

int64_t page_local_instant(const char *day, const char *hhmm)
{
	int32_t ymd;
	int h, m;
	char end;
	if (!day || !hhmm || date_parse(day, &ymd, NULL) ||
	    sscanf(hhmm, "%2d:%2d%c", &h, &m, &end) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
		return 0;
	return time_local_midnight(ymd) + h * 3600 + m * 60;
}

void page_table_begin(struct req *r, const char *css, const char *caption,
		      const struct page_col *cols, size_t n)
{
	struct buf *b = &r->out;
	html_raw(b, "<table class=\"");
	html_attr(b, css);
	html_raw(b, "\">");
	if (caption) {
		html_raw(b, "<caption>");
		html_txt(b, T(r, caption));
		html_raw(b, "</caption>");
	}
	html_raw(b, "<thead><tr>");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, cols[i].num ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
		if (cols[i].hidden)
			html_raw(b, "<span class=\"visually-hidden\">");
		html_txt(b, T(r, cols[i].label));
		if (cols[i].hidden)
			html_raw(b, "</span>");
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead><tbody>");
}

void page_cell_label(struct req *r, const char *label)
{
	html_raw(&r->out, "<span class=\"m-only\">");
	html_txt(&r->out, T(r, label));
	html_raw(&r->out, ": </span>");
}

void page_table_end(struct req *r)
{
	html_raw(&r->out, "</tbody></table>");
}

#include "web/html.h"

#include <stdarg.h>
#include <string.h>

#include <cmark.h>
#include <stdlib.h>

#include "base/money.h"

void html_raw(struct buf *b, const char *markup)
{
	buf_adds(b, markup);
}

void html_txt(struct buf *b, const char *t)
{
	const char *run = t;
	for (; *t; t++) {
		const char *rep;
		switch (*t) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(t - run));
		buf_adds(b, rep);
		run = t + 1;
	}
	buf_add(b, run, (size_t)(t - run));
}

void html_txtf(struct buf *b, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	html_txt(b, tmp.ptr);
	buf_release(&tmp);
}

void html_attr(struct buf *b, const char *v)
{
	html_txt(b, v);
}

void html_url_arg(struct buf *b, const char *arg)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)arg; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_.~", *p)) {
			buf_addch(b, *p);
		} else {
			buf_addch(b, '%');
			buf_addch(b, hex[*p >> 4]);
			buf_addch(b, hex[*p & 15]);
		}
	}
}

void html_int(struct buf *b, int64_t n)
{
	money_format_plain(b, n);
}

void html_link(struct buf *b, const char *href, const char *text)
{
	html_raw(b, "<a href=\"");
	html_attr(b, href);
	html_raw(b, "\">");
	html_txt(b, text);
	html_raw(b, "</a>");
}

/* A heading's level below the page title: # becomes <h2>, and so on. */
static void demote_headings(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(node) + 1;
			cmark_node_set_heading_level(node, level > 6 ? 6 : level);
		}
	}
	cmark_iter_free(it);
}

void html_markdown(struct buf *b, const char *markdown)
{
	/* CMARK_OPT_UNSAFE is not given: that is cmark's safe mode */
	int opts = CMARK_OPT_HARDBREAKS | CMARK_OPT_VALIDATE_UTF8;
	cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), opts);
	if (!doc)
		return;
	demote_headings(doc);
	char *out = cmark_render_html(doc, opts);
	if (out)
		buf_adds(b, out);
	free(out);
	cmark_node_free(doc);
}

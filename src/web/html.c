#include "web/html.h"

#include <stdarg.h>
#include <string.h>

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

/*
 * The escaping HTML writer, after cgit's html.c. Only this file emits HTML.
 * Text and attribute values are escaped by default; html_raw() is for markup
 * literals written in the code, never for data.
 */
#ifndef DV_WEB_HTML_H
#define DV_WEB_HTML_H

#include <stdint.h>

#include "base/buf.h"

/* Markup literal from the code, copied as it is. */
void html_raw(struct buf *b, const char *markup);
/* Text: & < > " ' escaped. */
void html_txt(struct buf *b, const char *text);
/* printf into text, then escaped as text. */
void html_txtf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An attribute value (without the quotes): escaped like text. */
void html_attr(struct buf *b, const char *value);
/* A query-string argument: percent-encoded (then safe inside an attribute). */
void html_url_arg(struct buf *b, const char *arg);
/* A whole number grouped Vietnamese style: 12.345. */
void html_int(struct buf *b, int64_t n);

/*
 * Markdown written by officials (notices, articles) as HTML, by cmark in its
 * safe mode: raw HTML in the text is dropped and links to javascript:,
 * vbscript:, file: and data: (but images) are removed, so the output is
 * markup cmark made, never markup the author typed. Line breaks are kept as
 * typed (people write in forms, not in Markdown). Headings start at <h2>,
 * under the page's own <h1>.
 */
void html_markdown(struct buf *b, const char *markdown);

/* <a href="HREF">TEXT</a>, both escaped. */
void html_link(struct buf *b, const char *href, const char *text);

#endif

/*
 * Atom feeds (RFC 4287) of published notices and news, per unit and per
 * category or section, so a newsroom, a Zalo bot or a feed reader can follow
 * a ward. XML text is escaped by the HTML writer, whose entities are XML's.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/disclose/article.h"
#include "domain/disclose/notice.h"
#include "domain/registry/unit.h"
#include "web/link.h"
#include "web/html.h"
#include "web/disclose/disclose_impl.h"

#define FEED_ENTRIES 30

static const char *iso(struct req *r, int64_t t)
{
	struct buf b = BUF_INIT;
	time_format_iso(&b, t);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

static void element(struct buf *b, const char *name, const char *text)
{
	html_raw(b, "<");
	html_raw(b, name);
	html_raw(b, ">");
	html_txt(b, text);
	html_raw(b, "</");
	html_raw(b, name);
	html_raw(b, ">\n");
}

static void link_el(struct req *r, const char *rel, const char *type, const char *path)
{
	struct buf *b = &r->out;
	html_raw(b, "<link rel=\"");
	html_attr(b, rel);
	html_raw(b, "\" type=\"");
	html_attr(b, type);
	html_raw(b, "\" href=\"");
	html_attr(b, r->public_url);
	html_attr(b, path);
	html_raw(b, "\"/>\n");
}

/* The feed's head; `self` and `html` are local paths with their query. */
static void feed_begin(struct req *r, const char *title, const char *self, const char *html,
		       int64_t updated)
{
	struct buf *b = &r->out;
	r->status = 200;
	r->content_type = "application/atom+xml; charset=utf-8";
	html_raw(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	html_attr(b, r->ctx.lang);
	html_raw(b, "\">\n");
	element(b, "id", arena_printf(&r->arena, "%s%s", r->public_url, self));
	element(b, "title", title);
	element(b, "updated", iso(r, updated ? updated : r->ctx.now));
	link_el(r, "self", "application/atom+xml", self);
	link_el(r, "alternate", "text/html", html);
	html_raw(b, "<author><name>danvan</name></author>\n<generator>danvan</generator>\n");
}

static void entry(struct req *r, const char *path, const char *title, int64_t published,
		  int64_t updated, const char *category, const char *summary, const char *markdown)
{
	struct buf *b = &r->out;
	html_raw(b, "<entry>\n");
	element(b, "id", arena_printf(&r->arena, "%s%s", r->public_url, path));
	element(b, "title", title);
	element(b, "published", iso(r, published));
	element(b, "updated", iso(r, updated));
	link_el(r, "alternate", "text/html", path);
	html_raw(b, "<category term=\"");
	html_attr(b, category);
	html_raw(b, "\"/>\n");
	if (summary && *summary) {
		html_raw(b, "<summary type=\"text\">");
		html_txt(b, summary);
		html_raw(b, "</summary>\n");
	}
	if (markdown) {
		struct buf h = BUF_INIT;
		html_markdown(&h, markdown);
		html_raw(b, "<content type=\"html\">");
		html_txt(b, h.ptr);
		html_raw(b, "</content>\n");
		buf_release(&h);
	}
	html_raw(b, "</entry>\n");
}

/* The unit a feed is about, for its title; DV_ENOTFOUND if it is unknown. */
static int feed_title(struct req *r, int64_t unit_id, const char *what, const char **title)
{
	struct unit u;
	*title = what;
	if (!unit_id)
		return 0;
	int rc = unit_get(&r->ctx, unit_id, &u);
	if (!rc)
		*title = arena_printf(&r->arena, "%s – %s", what, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	return rc;
}

int page_feed_notices(struct req *r)
{
	struct notice_filter f = {.status = NOTICE_PUBLISHED, .with_body = 1};
	struct notice *v;
	size_t n;
	int more;
	const char *title;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &f.unit_id);
	if (rc || (rc = req_query_int(r, "category", 0, REQ_ID_MAX, 0, &f.category_id)) ||
	    (rc = feed_title(r, f.unit_id, T(r, "Public notices"), &title)) ||
	    (rc = notice_list(&r->ctx, &f, 0, FEED_ENTRIES, &v, &n, &more)))
		return rc;
	int64_t updated = 0;
	for (size_t i = 0; i < n; i++)
		updated = v[i].updated_at > updated ? v[i].updated_at : updated;
	feed_begin(r, title, link_notices_feed(r, f.unit_id, f.category_id),
		   link_notices(r, f.unit_id, f.category_id), updated);
	for (size_t i = 0; i < n; i++)
		entry(r, link_notice(r, v[i].id, NULL), v[i].title,
		      v[i].published_at, v[i].updated_at, v[i].category_name, NULL, v[i].body);
	html_raw(&r->out, "</feed>\n");
	return 0;
}

int page_feed_news(struct req *r)
{
	struct article_filter f = {.section = -1};
	struct article *v;
	size_t n;
	int more;
	const char *title;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &f.unit_id);
	if (rc ||
	    (rc = req_query_enum(r, "section", article_section_names, SEC_COUNT, &f.section)) ||
	    (rc = feed_title(r, f.unit_id, T(r, "News"), &title)) ||
	    (rc = article_list(&r->ctx, &f, 0, FEED_ENTRIES, &v, &n, &more)))
		return rc;
	const char *section =
		f.section >= 0 ? article_section_name((enum article_section)f.section) : NULL;
	int64_t updated = 0;
	for (size_t i = 0; i < n; i++)
		updated = v[i].updated_at > updated ? v[i].updated_at : updated;
	feed_begin(r, title, link_news_feed(r, f.unit_id, section), link_news(r, f.unit_id, section),
		   updated);
	for (size_t i = 0; i < n; i++)
		entry(r, link_article(r, v[i].id, NULL), v[i].title,
		      v[i].published_at, v[i].updated_at,
		      T(r, article_section_label(v[i].section)), v[i].lead, NULL);
	html_raw(&r->out, "</feed>\n");
	return 0;
}

/*
 * One search box for what the public reads: public notices, news, drafts
 * put to residents for comment and the "Dân vận khéo" models. Each family
 * answers with its own search (the same index and words as its list: with
 * or without accents, whole words, the title weighing most) and the best
 * few are shown; a link opens the family's list with the same words for
 * the rest. ?unit= keeps the search to a unit, as its home's box does.
 */
#include <string.h>

#include "base/i18n.h"
#include "domain/consult/consultation.h"
#include "domain/disclose/article.h"
#include "domain/disclose/notice.h"
#include "domain/emulation/model.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/home/home_impl.h"

#define SEARCH_SHOWN 5

void home_search_box(struct req *r, int64_t unit_id, const char *q)
{
	form_search(r, "/search", T(r, "Search notices, news, drafts and models"), q, 200,
		    unit_id);
}

/* One group of results: its heading, then one line a result. */
struct hits {
	const char *heading;
	const char *more; /* the family's list with the same words */
	size_t n;
	int has_more;
	const char *href[SEARCH_SHOWN], *title[SEARCH_SHOWN], *meta[SEARCH_SHOWN];
};

static void hit(struct hits *h, const char *href, const char *title, const char *meta)
{
	h->href[h->n] = href;
	h->title[h->n] = title;
	h->meta[h->n++] = meta;
}

static int notices(struct req *r, int64_t unit, const char *q, struct hits *h)
{
	struct notice_filter f = {.unit_id = unit, .query = q, .status = NOTICE_PUBLISHED};
	struct notice *v;
	size_t n;
	int rc = notice_list(&r->ctx, &f, 0, SEARCH_SHOWN, &v, &n, &h->has_more);
	h->heading = T(r, "Public notices");
	h->more = link_query(r, link_notices(r, unit, 0), "q", q);
	for (size_t i = 0; !rc && i < n; i++)
		hit(h, link_notice(r, v[i].id, NULL), v[i].title,
		    arena_printf(&r->arena, "%s · %s · %s", v[i].category_name, v[i].unit_name,
				 page_date(r, v[i].visible_from)));
	return rc;
}

static int news(struct req *r, int64_t unit, const char *q, struct hits *h)
{
	struct article_filter f = {.unit_id = unit, .section = -1, .query = q};
	struct article *v;
	size_t n;
	int rc = article_list(&r->ctx, &f, 0, SEARCH_SHOWN, &v, &n, &h->has_more);
	h->heading = T(r, "News");
	h->more = link_query(r, link_news(r, unit, NULL), "q", q);
	for (size_t i = 0; !rc && i < n; i++)
		hit(h, link_article(r, v[i].id, NULL), v[i].title,
		    arena_printf(&r->arena, "%s · %s · %s", T(r, article_section_label(v[i].section)),
				 v[i].unit_name, page_time(r, v[i].published_at)));
	return rc;
}

static int drafts(struct req *r, int64_t unit, const char *q, struct hits *h)
{
	struct consult_filter f = {.unit_id = unit, .status = -1, .query = q};
	struct consultation *v;
	size_t n;
	int rc = consultation_list(&r->ctx, &f, 0, SEARCH_SHOWN, &v, &n, &h->has_more);
	h->heading = T(r, "Drafts put to residents");
	h->more = link_query(r, link_consultations(r, unit, NULL), "q", q);
	for (size_t i = 0; !rc && i < n; i++)
		hit(h, link_consultation(r, v[i].id, NULL), v[i].title,
		    arena_printf(&r->arena, "%s · %s · %s", T(r, consult_kind_label(v[i].kind)),
				 v[i].unit_name, T(r, consult_status_label(v[i].status))));
	return rc;
}

static int models(struct req *r, int64_t unit, const char *q, struct hits *h)
{
	struct model_filter f = {.unit_id = unit, .field = -1, .query = q, .library = 1};
	struct model *v;
	size_t n;
	int rc = model_list(&r->ctx, &f, 0, SEARCH_SHOWN, &v, &n, &h->has_more);
	h->heading = T(r, "Dân vận khéo models");
	h->more = link_models(r, unit, NULL, q);
	for (size_t i = 0; !rc && i < n; i++)
		hit(h, link_model(r, v[i].id, NULL), v[i].name,
		    arena_printf(&r->arena, "%s · %s", T(r, model_field_label(v[i].field)),
				 v[i].unit_name));
	return rc;
}

static void show(struct req *r, const struct hits *h)
{
	struct buf *b = &r->out;
	if (!h->n)
		return;
	html_raw(b, "<section class=\"recent\"><h2>");
	html_txt(b, h->heading);
	html_raw(b, "</h2><ul class=\"items compact\">");
	for (size_t i = 0; i < h->n; i++) {
		html_raw(b, "<li>");
		html_link(b, h->href[i], h->title[i]);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, h->meta[i]);
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul>");
	if (h->has_more) {
		html_raw(b, "<p>");
		html_link(b, h->more, T(r, "More results"));
		html_raw(b, "</p>");
	}
	html_raw(b, "</section>");
}

int page_search(struct req *r)
{
	int (*const groups[])(struct req *, int64_t, const char *, struct hits *) = {
		notices, news, drafts, models};
	struct hits h[ARRAY_LEN(groups)];
	struct unit u;
	int64_t unit = 0;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &unit);
	if (rc)
		return rc;
	if (unit && unit_get(&r->ctx, unit, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, "unit", "No such unit");
	const char *q = req_query(r, "q");
	int asked = q && strspn(q, " \t") < strlen(q);
	size_t found = 0;
	memset(h, 0, sizeof(h));
	for (size_t i = 0; asked && !rc && i < ARRAY_LEN(groups); i++) {
		rc = groups[i](r, unit, q, &h[i]);
		found += h[i].n;
	}
	if (rc)
		return rc;
	const char *title = T(r, "Search the portal");
	if (unit)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_heading(r, title);
	home_search_box(r, unit, q);
	if (asked && !found)
		page_note(r, "empty", T(r, "Nothing found. Try fewer words or other ones."));
	for (size_t i = 0; i < ARRAY_LEN(groups); i++)
		show(r, &h[i]);
	layout_end(r);
	return 0;
}

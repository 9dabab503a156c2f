#include "web/link.h"

#include <string.h>

#include "web/html.h"

/* /PREFIX/ID or /PREFIX/ID/ACTION */
static const char *record(struct req *r, const char *prefix, int64_t id, const char *action)
{
	return action ? arena_printf(&r->arena, "/%s/%lld/%s", prefix, (long long)id, action)
		      : arena_printf(&r->arena, "/%s/%lld", prefix, (long long)id);
}

/* ------------------------------------------------------------- records */

const char *link_unit(struct req *r, int64_t id, const char *action)
{
	return record(r, "units", id, action);
}

const char *link_household(struct req *r, int64_t id, const char *action)
{
	return record(r, "households", id, action);
}

const char *link_resident(struct req *r, int64_t id, const char *action)
{
	return record(r, "residents", id, action);
}

const char *link_notice(struct req *r, int64_t id, const char *action)
{
	return record(r, "notices", id, action);
}

const char *link_category(struct req *r, int64_t id, const char *action)
{
	return record(r, "notice-categories", id, action);
}

const char *link_article(struct req *r, int64_t id, const char *action)
{
	return record(r, "news", id, action);
}

const char *link_matter(struct req *r, int64_t id, const char *action)
{
	return record(r, "matters", id, action);
}

const char *link_motion(struct req *r, int64_t id, const char *action)
{
	return record(r, "motions", id, action);
}

const char *link_consultation(struct req *r, int64_t id, const char *action)
{
	return record(r, "consultations", id, action);
}

const char *link_opinion(struct req *r, int64_t id, const char *action)
{
	return record(r, "opinions", id, action);
}

const char *link_grant(struct req *r, int64_t id, const char *action)
{
	return record(r, "grants", id, action);
}

const char *link_token(struct req *r, int64_t id, const char *action)
{
	return record(r, "account/tokens", id, action);
}

const char *link_file(struct req *r, int64_t id, const char *action)
{
	return record(r, "files", id, action);
}

/* -------------------------------------------------- parts of records */

const char *link_file_remove(struct req *r, const char *owner_path, int64_t file_id)
{
	return arena_printf(&r->arena, "%s/files/%lld/remove", owner_path, (long long)file_id);
}

const char *link_notice_duty(struct req *r, int64_t notice_id, const char *channel)
{
	return arena_printf(&r->arena, "%s/%s", link_notice(r, notice_id, "duties"), channel);
}

const char *link_notice_reach(struct req *r, int64_t notice_id, int64_t unit_id,
			      int64_t recorded)
{
	const char *p = link_query_id(r, link_notice(r, notice_id, "reach"), "unit", unit_id);
	return recorded > 0 ? link_query_id(r, p, "recorded", recorded) : p;
}

const char *link_checkin(struct req *r, int64_t matter_id, const char *code)
{
	return arena_printf(&r->arena, "%s/%s", link_matter(r, matter_id, "checkin"), code);
}

const char *link_consultation_section(struct req *r, int64_t id, int section)
{
	return arena_printf(&r->arena, "%s#s%d", link_consultation(r, id, NULL), section);
}

const char *link_consultation_opinion(struct req *r, int64_t id, int64_t opinion_id)
{
	return arena_printf(&r->arena, "%s#o%lld", link_consultation(r, id, NULL),
			    (long long)opinion_id);
}

const char *link_claim(struct req *r, const char *token)
{
	return arena_printf(&r->arena, "/claim/%s", token);
}

/* ---------------------------------------------------------------- lists */

const char *link_notices(struct req *r, int64_t unit_id, int64_t category_id)
{
	return link_query_id(r, link_query_id(r, "/notices", "unit", unit_id), "category",
			     category_id);
}

const char *link_news(struct req *r, int64_t unit_id, const char *section)
{
	return link_query(r, link_query_id(r, "/news", "unit", unit_id), "section", section);
}

const char *link_matters(struct req *r, int64_t unit_id, const char *status)
{
	return link_query(r, link_query_id(r, "/matters", "unit", unit_id), "status", status);
}

const char *link_consultations(struct req *r, int64_t unit_id, const char *status)
{
	return link_query(r, link_query_id(r, "/consultations", "unit", unit_id), "status",
			  status);
}

const char *link_notices_feed(struct req *r, int64_t unit_id, int64_t category_id)
{
	return link_query_id(r, link_query_id(r, "/feeds/notices.atom", "unit", unit_id),
			     "category", category_id);
}

const char *link_news_feed(struct req *r, int64_t unit_id, const char *section)
{
	return link_query(r, link_query_id(r, "/feeds/news.atom", "unit", unit_id), "section",
			  section);
}

const char *link_households(struct req *r, int64_t unit_id, const char *q, int64_t page)
{
	const char *p = link_query(r, link_unit(r, unit_id, "households"), "q", q);
	return page > 1 ? link_query_id(r, p, "page", page) : p;
}

const char *link_api(struct req *r, const char *collection, int64_t id, const char *action)
{
	return arena_printf(&r->arena, "/api/v1%s", record(r, collection, id, action));
}

/* ---------------------------------------------------------------- query */

const char *link_query(struct req *r, const char *path, const char *key, const char *value)
{
	if (!value || !*value)
		return path;
	struct buf b = BUF_INIT;
	buf_adds(&b, path);
	buf_addch(&b, strchr(path, '?') ? '&' : '?');
	buf_adds(&b, key);
	buf_addch(&b, '=');
	html_url_arg(&b, value);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

const char *link_query_id(struct req *r, const char *path, const char *key, int64_t id)
{
	return id ? link_query(r, path, key, arena_printf(&r->arena, "%lld", (long long)id)) : path;
}

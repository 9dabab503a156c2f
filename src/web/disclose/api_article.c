/*
 * API for news (docs/openapi.yaml):
 *
 *   GET   /api/v1/news?q=&unit=&section=&from=&to=&drafts=1&offset=&limit=
 *   POST  /api/v1/news                      a draft
 *   GET   /api/v1/news/{id}                 with its photos and files
 *   PATCH /api/v1/news/{id}
 *   POST  /api/v1/news/{id}/publish | /withdraw
 *   POST  /api/v1/news/{id}/files           multipart: "file", "caption"
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/disclose/article.h"
#include "domain/disclose/attachment.h"
#include "web/link.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/multipart.h"
#include "web/disclose/disclose_impl.h"

#define LIST_DEFAULT 20
#define ID_MAX 999999999999999LL

static json_t *article_json(struct req *r, const struct article *a, int with_body)
{
	json_t *j = json_pack(
		"{s:I, s:s, s:s, s:s, s:s, s:s, s:{s:I, s:s}, s:s, s:s}", "id", (json_int_t)a->id,
		"section", article_section_name(a->section), "section_label",
		T(r, article_section_label(a->section)), "title", a->title, "lead", a->lead,
		"byline", a->byline, "unit", "id", (json_int_t)a->unit_id, "name", a->unit_name,
		"status", a->published ? "published" : "draft", "url",
		arena_printf(&r->arena, "%s/news/%lld", r->public_url, (long long)a->id));
	json_object_set_new(j, "published_at",
			    a->published_at ? json_string(api_time(r, a->published_at))
					    : json_null());
	json_object_set_new(j, "updated_at", json_string(api_time(r, a->updated_at)));
	if (with_body)
		json_object_set_new(j, "body", json_string(a->body));
	return j;
}

int api_news(struct req *r)
{
	struct article_filter f = {.section = -1};
	int64_t offset = 0, limit = LIST_DEFAULT;
	int64_t drafts = 0;
	struct article *v;
	size_t n;
	int more;
	int rc = req_query_int(r, "unit", 1, ID_MAX, 0, &f.unit_id);
	if (!rc)
		rc = req_query_int(r, "offset", 0, 1000000, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, ARTICLE_PAGE_MAX, 0, &limit);
	if (!rc)
		rc = req_query_date(r, "from", &f.from);
	if (!rc)
		rc = req_query_date(r, "to", &f.to);
	if (!rc)
		rc = req_query_enum(r, "section", article_section_names, SEC_COUNT, &f.section);
	if (!rc)
		rc = req_query_int(r, "drafts", 0, 1, 0, &drafts);
	f.drafts = drafts == 1;
	f.query = req_query(r, "q");
	if (!rc)
		rc = article_list(&r->ctx, &f, offset, (int)limit, &v, &n, &more);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, article_json(r, &v[i], 0));
	api_send(r, 200, json_pack("{s:o, s:b}", "articles", a, "more", more));
	return 0;
}

static int send_article(struct req *r, int status, int64_t id)
{
	struct article a;
	struct attachment *f;
	size_t nf;
	int rc = article_get(&r->ctx, id, &a);
	if (rc || (rc = attachment_list(&r->ctx, &article_attach, id, &f, &nf)))
		return rc;
	json_t *j = article_json(r, &a, 1);
	json_object_set_new(j, "files", files_json(r->public_url, f, nf));
	if (status == 201)
		res_header(r, "location", link_api(r, "news", id, NULL));
	api_send(r, status, json_pack("{s:o}", "article", j));
	return 0;
}

int api_article(struct req *r)
{
	return send_article(r, 200, r->params[0]);
}

static int read_input(struct req *r, json_t *body, struct article_input *in, int *has_unit)
{
	int rc = api_int(r, body, "unit", &in->unit_id, has_unit);
	if (!rc)
		rc = api_str(r, body, "section", &in->section);
	if (!rc)
		rc = api_str(r, body, "title", &in->title);
	if (!rc)
		rc = api_str(r, body, "lead", &in->lead);
	if (!rc)
		rc = api_str(r, body, "body", &in->body);
	if (!rc)
		rc = api_str(r, body, "byline", &in->byline);
	return rc;
}

int api_article_create(struct req *r)
{
	json_t *body;
	struct article_input in = {0};
	int has_unit = 0;
	int64_t id;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = read_input(r, body, &in, &has_unit);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_unit)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say which unit the article is for");
	if ((rc = article_create(&r->ctx, &in, &id)))
		return rc;
	return send_article(r, 201, id);
}

int api_article_update(struct req *r)
{
	json_t *body;
	struct article a;
	struct article_input in = {0};
	int has_unit = 0;
	static const char *const not_null[] = {"section", "title", "body", "byline", NULL};
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	if (!(rc = api_refuse_nulls(r, body, not_null)))
		rc = read_input(r, body, &in, &has_unit);
	int lead_cleared = api_is_null(body, "lead");
	json_decref(body);
	if (rc || (rc = article_get(&r->ctx, r->params[0], &a)))
		return rc;
	in.section = in.section ? in.section : article_section_name(a.section);
	in.title = in.title ? in.title : a.title;
	in.lead = in.lead ? in.lead : lead_cleared ? "" : a.lead;
	in.body = in.body ? in.body : a.body;
	in.byline = in.byline ? in.byline : a.byline;
	if ((rc = article_update(&r->ctx, a.id, &in)))
		return rc;
	return send_article(r, 200, a.id);
}

int api_article_publish(struct req *r)
{
	int rc = article_publish(&r->ctx, r->params[0], 1);
	return rc ? rc : send_article(r, 200, r->params[0]);
}

int api_article_withdraw(struct req *r)
{
	int rc = article_publish(&r->ctx, r->params[0], 0);
	return rc ? rc : send_article(r, 200, r->params[0]);
}

int api_article_file(struct req *r)
{
	const struct mp_part *file, *caption;
	struct mp_part *parts;
	size_t nparts;
	int64_t fid;
	int rc = form_upload(r, &file);
	if (rc || (rc = req_multipart(r, &parts, &nparts)))
		return rc;
	caption = multipart_find(parts, nparts, "caption");
	if ((rc = attachment_add(&r->ctx, &article_attach, r->params[0], file->filename, file->data,
				 file->len, form_part_text(caption), &fid)))
		return rc;
	return send_article(r, 201, r->params[0]);
}

/*
 * API for public disclosure (docs/openapi.yaml):
 *
 *   GET   /api/v1/notices?q=&unit=&category=&from=&to=&status=&offset=&limit=
 *   POST  /api/v1/notices                       a draft
 *   GET   /api/v1/notices/{id}                  with duties, files and reach
 *   PATCH /api/v1/notices/{id}                  a published one gets a new version
 *   POST  /api/v1/notices/{id}/publish | /archive | /ack
 *   GET   /api/v1/notices/{id}/versions
 *   GET   /api/v1/notices/{id}/reach            per neighborhood
 *   POST  /api/v1/notices/{id}/reach            households reached on paper or at a meeting
 *   POST  /api/v1/notices/{id}/duties/{channel}
 *   POST  /api/v1/notices/{id}/files            multipart, field "file"
 *   GET   /api/v1/notice-categories
 *
 * Published notices are public; drafts are 404 to those who may not publish
 * them.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/disclose/attachment.h"
#include "domain/disclose/notice.h"
#include "domain/disclose/reach.h"
#include "web/link.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/multipart.h"
#include "web/disclose/disclose_impl.h"

#define LIST_DEFAULT 20
#define ID_MAX 999999999999999LL

static const char *day(struct req *r, int32_t ymd)
{
	if (!ymd)
		return NULL;
	struct buf b = BUF_INIT;
	date_format_iso(&b, ymd);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

/* A JSON string or null. */
static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *notice_json(struct req *r, const struct notice *n, int with_body)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(n->id));
	json_object_set_new(j, "title", json_string(n->title));
	json_object_set_new(j, "status", json_string(notice_status_name(n->status)));
	json_object_set_new(j, "version", json_integer(n->version));
	json_object_set_new(j, "category",
			    json_pack("{s:I, s:s, s:o}", "id", (json_int_t)n->category_id, "name",
				      n->category_name, "law_item",
				      n->law_item ? json_integer(n->law_item) : json_null()));
	json_object_set_new(j, "unit",
			    json_pack("{s:I, s:s}", "id", (json_int_t)n->unit_id, "name",
				      n->unit_name));
	json_object_set_new(j, "visible_from", str_or_null(day(r, n->visible_from)));
	json_object_set_new(j, "visible_until", str_or_null(day(r, n->visible_until)));
	json_object_set_new(j, "min_days", json_integer(n->min_days));
	json_object_set_new(j, "archivable_from",
			    n->status == NOTICE_DRAFT ? json_null()
						      : json_string(day(r, notice_archivable_on(n))));
	json_object_set_new(j, "households", json_integer(n->households));
	json_object_set_new(j, "reached", json_integer(n->reached));
	json_object_set_new(j, "published_at",
			    n->published_at ? json_string(api_time(r, n->published_at))
					    : json_null());
	json_object_set_new(j, "url",
			    json_string(arena_printf(&r->arena, "%s/notices/%lld", r->public_url,
						     (long long)n->id)));
	if (with_body)
		json_object_set_new(j, "body", json_string(n->body));
	return j;
}

/* --------------------------------------------------------------- listing */

int api_notices(struct req *r)
{
	struct notice_filter f = {.status = NOTICE_PUBLISHED};
	int64_t offset = 0, limit = LIST_DEFAULT;
	struct notice *v;
	size_t n;
	int more;
	int status = NOTICE_PUBLISHED;
	int rc = req_query_int(r, "unit", 1, ID_MAX, 0, &f.unit_id);
	if (!rc)
		rc = req_query_int(r, "category", 1, ID_MAX, 0, &f.category_id);
	if (!rc)
		rc = req_query_int(r, "offset", 0, 1000000, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, NOTICE_PAGE_MAX, 0, &limit);
	if (!rc)
		rc = req_query_date(r, "from", &f.from);
	if (!rc)
		rc = req_query_date(r, "to", &f.to);
	if (!rc)
		rc = req_query_enum(r, "status", notice_status_names, NOTICE_STATUS_COUNT, &status);
	f.status = (enum notice_status)status;
	f.query = req_query(r, "q");
	f.include_scheduled = f.status == NOTICE_DRAFT;
	if (!rc)
		rc = notice_list(&r->ctx, &f, offset, (int)limit, &v, &n, &more);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, notice_json(r, &v[i], 0));
	api_send(r, 200, json_pack("{s:o, s:b}", "notices", a, "more", more));
	return 0;
}

/* ------------------------------------------------------------ one notice */

static json_t *duties_json(struct req *r, const struct notice_duty *d, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			a, json_pack("{s:s, s:i, s:s, s:o, s:s, s:s, s:b}", "channel",
				     channel_name(d[i].channel), "days", d[i].days, "due", day(r, d[i].due_date),
				     "done_on", str_or_null(day(r, d[i].done_on)), "done_by",
				     d[i].done_by, "note", d[i].note, "overdue", d[i].overdue));
	return a;
}

static int send_notice(struct req *r, int status, int64_t id)
{
	struct notice n;
	struct notice_duty *d;
	struct attachment *f;
	size_t nd, nf;
	int rc = notice_get(&r->ctx, id, &n);
	if (rc || (rc = notice_duties(&r->ctx, id, &d, &nd)) ||
	    (rc = attachment_list(&r->ctx, &notice_attach, id, &f, &nf)))
		return rc;
	json_t *j = notice_json(r, &n, 1);
	json_object_set_new(j, "duties", duties_json(r, d, nd));
	json_object_set_new(j, "files", files_json(r->public_url, f, nf));
	if (status == 201)
		res_header(r, "location", link_api(r, "notices", id, NULL));
	api_send(r, status, json_pack("{s:o}", "notice", j));
	return 0;
}

int api_notice(struct req *r)
{
	return send_notice(r, 200, r->params[0]);
}

static int read_input(struct req *r, json_t *body, struct notice_input *in, int *has_unit)
{
	int has_cat = 0;
	int rc = api_int(r, body, "unit", &in->unit_id, has_unit);
	if (!rc)
		rc = api_int(r, body, "category", &in->category_id, &has_cat);
	if (!rc)
		rc = api_str(r, body, "title", &in->title);
	if (!rc)
		rc = api_str(r, body, "body", &in->body);
	if (!rc)
		rc = api_str(r, body, "visible_from", &in->visible_from);
	if (!rc)
		rc = api_str(r, body, "visible_until", &in->visible_until);
	if (!rc)
		rc = api_str(r, body, "note", &in->note);
	return rc;
}

int api_notice_create(struct req *r)
{
	json_t *body;
	struct notice_input in = {0};
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
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say which unit the notice is for");
	if ((rc = notice_create(&r->ctx, &in, &id)))
		return rc;
	return send_notice(r, 201, id);
}

/* A PATCH keeps what it does not send. */
int api_notice_update(struct req *r)
{
	json_t *body;
	struct notice n;
	struct notice_input in = {0};
	int has_unit = 0;
	static const char *const not_null[] = {"category", "title", "body", "visible_from", NULL};
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	if (!(rc = api_refuse_nulls(r, body, not_null)))
		rc = read_input(r, body, &in, &has_unit);
	int until_sent = json_object_get(body, "visible_until") != NULL;
	json_decref(body);
	if (rc || (rc = notice_get(&r->ctx, r->params[0], &n)))
		return rc;
	in.category_id = in.category_id ? in.category_id : n.category_id;
	in.title = in.title ? in.title : n.title;
	in.body = in.body ? in.body : n.body;
	in.visible_from = in.visible_from ? in.visible_from : day(r, n.visible_from);
	if (!until_sent)
		in.visible_until = day(r, n.visible_until);
	if ((rc = notice_update(&r->ctx, n.id, &in)))
		return rc;
	return send_notice(r, 200, n.id);
}

int api_notice_publish(struct req *r)
{
	int rc = notice_publish(&r->ctx, r->params[0]);
	return rc ? rc : send_notice(r, 200, r->params[0]);
}

int api_notice_archive(struct req *r)
{
	int rc = notice_archive(&r->ctx, r->params[0]);
	return rc ? rc : send_notice(r, 200, r->params[0]);
}

int api_notice_ack(struct req *r)
{
	int already = 0;
	int rc = reach_ack(&r->ctx, r->params[0], &already);
	if (rc)
		return rc;
	api_send(r, 200, json_pack("{s:I, s:b}", "notice", (json_int_t)r->params[0], "already",
				   already));
	return 0;
}

int api_notice_versions(struct req *r)
{
	struct notice_version *v;
	size_t n;
	int rc = notice_versions(&r->ctx, r->params[0], &v, &n);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			a, json_pack("{s:i, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s}", "version",
				     v[i].version, "title", v[i].title, "body", v[i].body,
				     "visible_from", day(r, v[i].visible_from), "visible_until",
				     str_or_null(day(r, v[i].visible_until)), "files", v[i].files,
				     "note", v[i].note, "changed_by", v[i].changed_by, "changed_at",
				     api_time(r, v[i].changed_at)));
	api_send(r, 200, json_pack("{s:o}", "versions", a));
	return 0;
}

/* ------------------------------------------------------------------ reach */

int api_notice_reach(struct req *r)
{
	struct reach_unit *v;
	size_t n;
	int64_t households, reached;
	int rc = reach_by_unit(&r->ctx, r->params[0], &v, &n, &households, &reached);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:I, s:I}", "unit",
						   (json_int_t)v[i].unit_id, "name", v[i].name,
						   "parent", v[i].parent_name, "households",
						   (json_int_t)v[i].households, "reached",
						   (json_int_t)v[i].reached));
	api_send(r, 200,
		 json_pack("{s:I, s:I, s:I, s:o}", "notice", (json_int_t)r->params[0], "households",
			   (json_int_t)households, "reached", (json_int_t)reached, "units", a));
	return 0;
}

/* The "households" member: an array of ids, each a positive integer. */
static int household_ids(struct req *r, json_t *body, int64_t **ids, size_t *n)
{
	json_t *a = json_object_get(body, "households");
	size_t i;
	json_t *x;
	*n = 0;
	if (!json_is_array(a))
		return dv_fail(&r->ctx.err, DV_EINVAL, "households",
			       "households must be an array of household ids");
	if (json_array_size(a) > REACH_BATCH_MAX)
		return dv_fail(&r->ctx.err, DV_ETOOBIG, "households",
			       "At most %d households at a time", REACH_BATCH_MAX);
	*ids = arena_array(&r->arena, int64_t, json_array_size(a) + 1);
	json_array_foreach(a, i, x)
	{
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return dv_fail(&r->ctx.err, DV_EINVAL, "households",
				       "households must be an array of household ids");
		(*ids)[(*n)++] = json_integer_value(x);
	}
	return 0;
}

int api_notice_reach_record(struct req *r)
{
	json_t *body;
	int64_t *ids = NULL;
	size_t n = 0, recorded = 0;
	const char *how = NULL, *on = NULL;
	enum reach_how h;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = household_ids(r, body, &ids, &n);
	if (!rc)
		rc = api_str(r, body, "how", &how);
	if (!rc)
		rc = api_str(r, body, "on", &on);
	json_decref(body);
	if (rc || (rc = reach_how_parse(how, &h, &r->ctx.err)) ||
	    (rc = reach_record(&r->ctx, r->params[0], ids, n, h, on, &recorded)))
		return rc;
	api_send(r, 200, json_pack("{s:I, s:I}", "notice", (json_int_t)r->params[0], "recorded",
				   (json_int_t)recorded));
	return 0;
}

/* ---------------------------------------------------- duties and files */

int api_notice_duty(struct req *r)
{
	json_t *body;
	enum channel c;
	const char *on = NULL, *note = NULL;
	if (channel_parse(r->sparam, &c, NULL))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "Unknown channel");
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "done_on", &on);
	if (!rc)
		rc = api_str(r, body, "note", &note);
	json_decref(body);
	if (rc || (rc = notice_duty_done(&r->ctx, r->params[0], c, on, note)))
		return rc;
	return send_notice(r, 200, r->params[0]);
}

int api_notice_file(struct req *r)
{
	const struct mp_part *file;
	int64_t fid;
	int rc = form_upload(r, &file);
	if (rc || (rc = attachment_add(&r->ctx, &notice_attach, r->params[0], file->filename,
				       file->data, file->len, NULL, &fid)))
		return rc;
	return send_notice(r, 201, r->params[0]);
}

int api_notice_categories(struct req *r)
{
	struct notice_category *v;
	size_t n;
	int rc = category_list(&r->ctx, 0, &v, &n);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *rules = json_array();
		for (size_t k = 0; k < v[i].nrules; k++)
			json_array_append_new(
				rules, json_pack("{s:s, s:s, s:i, s:i}", "channel",
						 channel_name(v[i].rules[k].channel), "label",
						 T(r, channel_label(v[i].rules[k].channel)), "days",
						 v[i].rules[k].days, "due_days",
						 v[i].rules[k].due_days));
		json_array_append_new(
			a, json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:i, s:o}", "id",
				     (json_int_t)v[i].id, "code", v[i].code, "law_item",
				     v[i].law_item ? json_integer(v[i].law_item) : json_null(), "name",
				     v[i].name, "name_vi", v[i].name_vi, "name_en", v[i].name_en,
				     "min_days", v[i].min_days, "channels", rules));
	}
	api_send(r, 200, json_pack("{s:o}", "categories", a));
	return 0;
}

/*
 * Consultations in the JSON API: drafts, their sections with the counts of
 * opinions, the opinions, the answers and the synthesis.
 */
#include <string.h>

#include "base/i18n.h"
#include "domain/consult/consultation.h"
#include "web/link.h"
#include "web/api.h"
#include "web/consult/consult_impl.h"

#define ID_MAX 999999999999999LL
#define LIST_DEFAULT 20

static json_t *counts_json(const struct consult_section *s)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "opinions",
			 (json_int_t)s->opinions, "support", (json_int_t)s->support, "oppose",
			 (json_int_t)s->oppose, "other", (json_int_t)s->other, "collective",
			 (json_int_t)s->collective, "accepted", (json_int_t)s->accepted, "partly",
			 (json_int_t)s->partly, "rejected", (json_int_t)s->rejected);
}

static json_t *time_or_null(struct req *r, int64_t t)
{
	return t ? json_string(api_time(r, t)) : json_null();
}

static json_t *consultation_json(struct req *r, const struct consultation *c, int full)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:{s:I, s:s}, s:o, s:o, s:o, s:I, s:I}",
			      "id", (json_int_t)c->id, "kind", consult_kind_name(c->kind),
			      "kind_label", T(r, consult_kind_label(c->kind)), "status",
			      consult_status_name(c->status), "title", c->title, "unit", "id",
			      (json_int_t)c->unit_id, "name", c->unit_name, "opened_at",
			      time_or_null(r, c->opened_at), "closes_at",
			      time_or_null(r, c->closes_at), "published_at",
			      time_or_null(r, c->published_at), "opinions", (json_int_t)c->opinions,
			      "answered", (json_int_t)c->answered);
	if (!full)
		return j;
	json_t *secs = json_array();
	for (size_t i = 0; i < c->nsections; i++) {
		const struct consult_section *s = &c->sections[i];
		json_t *x = json_pack("{s:i, s:s, s:s}", "number", s->number, "heading",
				      s->heading, "body", s->body);
		json_object_set_new(x, "counts", counts_json(s));
		json_array_append_new(secs, x);
	}
	json_object_set_new(j, "body", json_string(c->body));
	json_object_set_new(j, "sections", secs);
	json_object_set_new(j, "summary", c->status == CS_PUBLISHED ? json_string(c->summary)
								     : json_null());
	return j;
}

static int send_consultation(struct req *r, int status, int64_t id)
{
	struct consultation c;
	int rc = consultation_get(&r->ctx, id, &c);
	if (rc)
		return rc;
	if (status == 201)
		res_header(r, "location",
			   link_api(r, "consultations", id, NULL));
	api_send(r, status, consultation_json(r, &c, 1));
	return 0;
}

int api_consultations(struct req *r)
{
	struct consult_filter f = {.status = -1};
	int64_t offset = 0, limit = LIST_DEFAULT;
	struct consultation *v;
	size_t n;
	int more;
	f.query = req_query(r, "q");
	int rc = req_query_int(r, "unit", 1, ID_MAX, 0, &f.unit_id);
	if (!rc)
		rc = req_query_int(r, "offset", 0, 1000000, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, 100, 0, &limit);
	if (!rc)
		rc = req_query_enum(r, "status", consult_status_names, CS_STATUS_COUNT, &f.status);
	if (!rc)
		rc = consultation_list(&r->ctx, &f, offset, (int)limit, &v, &n, &more);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, consultation_json(r, &v[i], 0));
	api_send(r, 200, json_pack("{s:o, s:b}", "consultations", a, "more", more));
	return 0;
}

int api_consultation(struct req *r)
{
	return send_consultation(r, 200, r->params[0]);
}

int api_consultation_create(struct req *r)
{
	json_t *body;
	struct consult_input in = {0};
	int64_t id;
	int has_unit = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &in.unit_id, &has_unit);
	if (!rc)
		rc = api_str(r, body, "kind", &in.kind);
	if (!rc)
		rc = api_str(r, body, "title", &in.title);
	if (!rc)
		rc = api_str(r, body, "body", &in.body);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_unit)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say which unit consults");
	if ((rc = consultation_create(&r->ctx, &in, &id)))
		return rc;
	return send_consultation(r, 201, id);
}

int api_consultation_open(struct req *r)
{
	int64_t at;
	int rc = api_body_instant(r, "closes_at", &at);
	if (rc || (rc = consultation_open(&r->ctx, r->params[0], at)))
		return rc;
	return send_consultation(r, 200, r->params[0]);
}

static json_t *opinion_json(struct req *r, const struct opinion *o)
{
	json_t *j = json_pack("{s:I, s:i, s:s, s:s, s:s, s:b, s:s, s:s, s:b}", "id",
			      (json_int_t)o->id, "section", o->section, "stance",
			      stance_name(o->stance), "channel", opinion_channel_name(o->channel),
			      "text", o->text, "collective", o->collective, "from", o->from,
			      "created_at", api_time(r, o->created_at), "mine", o->mine);
	json_object_set_new(j, "author", *o->author ? json_string(o->author) : json_null());
	json_object_set_new(j, "answer",
			    o->answer ? json_pack("{s:s, s:s, s:s}", "answer", answer_name(o->answer),
						  "reason", o->reason, "answered_at",
						  api_time(r, o->answered_at))
				      : json_null());
	return j;
}

int api_opinions(struct req *r)
{
	struct consultation c;
	struct opinion *v;
	size_t n;
	int64_t section = -1;
	int rc = req_query_int(r, "section", 0, 1000, 0, &section);
	if (!req_query(r, "section"))
		section = -1;
	if (rc || (rc = consultation_get(&r->ctx, r->params[0], &c)) ||
	    (rc = opinion_list(&r->ctx, &c, (int)section, &v, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, opinion_json(r, &v[i]));
	api_send(r, 200, json_pack("{s:o}", "opinions", a));
	return 0;
}

int api_opinion_add(struct req *r)
{
	json_t *body;
	struct opinion_input in = {0};
	int64_t section = 0, id;
	int has_section = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "section", &section, &has_section);
	if (!rc)
		rc = api_str(r, body, "stance", &in.stance);
	if (!rc)
		rc = api_str(r, body, "text", &in.text);
	if (!rc)
		rc = api_bool(r, body, "collective", &in.collective);
	if (!rc)
		rc = api_str(r, body, "channel", &in.channel);
	if (!rc)
		rc = api_str(r, body, "author", &in.author);
	json_decref(body);
	if (rc)
		return rc;
	in.section = section >= 0 && section <= CONSULT_SECTIONS_MAX ? (int)section : -1;
	if ((rc = opinion_add(&r->ctx, r->params[0], &in, &id)))
		return rc;
	res_header(r, "location",
		   link_api(r, "consultations", r->params[0], "opinions"));
	api_send(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
	return 0;
}

int api_opinion_answer(struct req *r)
{
	json_t *body;
	const char *answer = NULL, *reason = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "answer", &answer);
	if (!rc)
		rc = api_str(r, body, "reason", &reason);
	json_decref(body);
	if (rc || (rc = opinion_answer(&r->ctx, r->params[0], answer, reason)))
		return rc;
	api_send(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)r->params[0], "answer", answer));
	return 0;
}

int api_consultation_publish(struct req *r)
{
	const char *summary;
	int rc = api_body_str(r, "summary", &summary);
	if (rc || (rc = consultation_publish(&r->ctx, r->params[0], summary)))
		return rc;
	return send_consultation(r, 200, r->params[0]);
}

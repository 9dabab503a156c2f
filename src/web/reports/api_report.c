/*
 * Citizen reports in the JSON API: the list, one report with its history,
 * filing one (anonymously too), the officers' and reporters' steps, photos,
 * the categories and a unit's statistics.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/registry/unit.h"
#include "domain/reports/report_stats.h"
#include "web/api.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/form.h"
#include "web/reports/reports_impl.h"

#define LIST_DEFAULT 20

static const struct name_label states[] = {
	{"open", N_("Open")},
	{"closed", N_("Closed")},
	{"overdue", N_("Overdue")},
};

static json_t *time_or_null(struct req *r, int64_t t)
{
	return t ? json_string(api_time(r, t)) : json_null();
}

static json_t *day(int32_t ymd)
{
	char s[16];
	int y, m, d;
	date_split(ymd, &y, &m, &d);
	snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
	return json_string(s);
}

static json_t *degrees(int has, int64_t e6)
{
	return has ? json_real((double)e6 / 1e6) : json_null();
}

static json_t *report_json(struct req *r, const struct report *rep)
{
	json_t *j = json_pack(
		"{s:I, s:s, s:b, s:{s:I, s:s, s:s, s:b}, s:{s:I, s:s}, s:{s:I, s:s}, s:s, s:o, "
		"s:o, s:s, s:b, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:s, s:I, "
		"s:o, s:s, s:s}",
		"id", (json_int_t)rep->id, "status", report_status_name(rep->status), "overdue",
		rep->overdue, "category", "id", (json_int_t)rep->category_id, "code",
		rep->category_code, "name", report_category_label(r, rep), "private",
		rep->is_private, "unit", "id", (json_int_t)rep->unit_id, "name", rep->unit_name,
		"ward", "id", (json_int_t)rep->ward_id, "name", rep->ward_name, "address",
		rep->address, "lat", degrees(rep->has_position, rep->lat_e6), "long",
		degrees(rep->has_position, rep->lon_e6), "description", rep->description,
		"redacted", rep->redacted, "source", report_source_name(rep->source), "ack_due",
		day(rep->ack_due), "resolve_due", day(rep->resolve_due), "kept",
		rep->kept < 0 ? json_null() : json_boolean(rep->kept), "created_at",
		time_or_null(r, rep->created_at), "updated_at", time_or_null(r, rep->updated_at),
		"acknowledged_at", time_or_null(r, rep->acknowledged_at), "resolved_at",
		time_or_null(r, rep->resolved_at), "closed_at", time_or_null(r, rep->closed_at),
		"reopened", rep->reopened, "duplicate_of",
		rep->duplicate_of ? json_integer(rep->duplicate_of) : json_null(), "reason",
		rep->public_reason, "supporters", (json_int_t)rep->supporters, "rating",
		rep->rating ? json_integer(rep->rating) : json_null(), "rating_comment",
		rep->rating_comment, "url",
		arena_printf(&r->arena, "%s%s", r->public_url, link_report(r, rep->id, NULL)));
	json_object_set_new(
		j, "body",
		rep->body_id ? json_pack("{s:I, s:s, s:s}", "id", (json_int_t)rep->body_id, "name",
					 rep->body_name, "kind", body_kind_name(rep->body_kind))
			     : json_null());
	return j;
}

/* The whole report: history, answers, photos; and for those who handle it,
 * what the public does not see. */
static int report_full(struct req *r, const struct report *rep, json_t **out)
{
	struct report_event *ev;
	struct report_answer *an;
	struct report_photo *ph;
	size_t nev, nan, nph;
	int rc = report_events(&r->ctx, rep, &ev, &nev);
	if (rc || (rc = report_answers(&r->ctx, rep, &an, &nan)) ||
	    (rc = report_photos(&r->ctx, rep, &ph, &nph)))
		return rc;
	json_t *j = report_json(r, rep), *h = json_array(), *a = json_object(), *p = json_array();
	for (size_t i = 0; i < nev; i++)
		json_array_append_new(h, json_pack("{s:s, s:s, s:s, s:s, s:o}", "kind",
						   report_event_kind_name(ev[i].kind), "status",
						   report_status_name(ev[i].status), "note",
						   ev[i].kind == RE_RATED ? "" : ev[i].note, "at",
						   api_time(r, ev[i].at), "body",
						   *ev[i].body_name ? json_string(ev[i].body_name)
								    : json_null()));
	for (size_t i = 0; i < nan; i++)
		json_object_set_new(a, an[i].code, json_string(an[i].value));
	for (size_t i = 0; i < nph; i++) {
		json_t *x = json_pack("{s:I, s:s, s:s}", "file", (json_int_t)ph[i].file_id, "url",
				      link_report_photo(r, rep->id, ph[i].file_id, NULL), "thumb",
				      link_report_photo(r, rep->id, ph[i].file_id, "thumb"));
		if (ph[i].original_id)
			json_object_set_new(x, "original",
					    json_string(link_report_photo(
						    r, rep->id, ph[i].original_id, "original")));
		json_array_append_new(p, x);
	}
	json_object_set_new(j, "history", h);
	json_object_set_new(j, "answers", a);
	json_object_set_new(j, "photos", p);
	json_object_set_new(j, "media_url", json_string(rep->media_url));
	json_object_set_new(j, "mine", json_boolean(rep->mine));
	if (rep->may_handle) {
		json_object_set_new(j, "reporter", json_string(rep->reporter));
		json_object_set_new(j, "contact_phone", json_string(rep->contact_phone));
		json_object_set_new(j, "original", json_string(rep->original));
		json_object_set_new(j, "ack_overdue", json_boolean(rep->ack_overdue));
	}
	*out = j;
	return 0;
}

static int send_report(struct req *r, int status, int64_t id)
{
	struct report rep;
	json_t *j;
	int rc = report_get(&r->ctx, id, &rep);
	if (rc || (rc = report_full(r, &rep, &j)))
		return rc;
	if (status == 201)
		res_header(r, "location", link_api(r, "reports", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_reports(struct req *r)
{
	struct report_filter f = {.state = REPORT_ANY};
	int64_t offset = 0, limit = LIST_DEFAULT;
	struct report *v;
	size_t n;
	int more, state = -1;
	int rc = req_query_int(r, "unit", 1, REQ_ID_MAX, 0, &f.unit_id);
	if (!rc)
		rc = req_query_int(r, "category", 1, REQ_ID_MAX, 0, &f.category_id);
	if (!rc)
		rc = req_query_enum(r, "status", states, 3, &state);
	if (!rc)
		rc = req_query_int(r, "offset", 0, 1000000, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, REPORT_PAGE_MAX, 0, &limit);
	if (rc)
		return rc;
	f.state = state;
	if ((rc = report_list(&r->ctx, &f, offset, (int)limit, &v, &n, &more)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, report_json(r, &v[i]));
	api_send(r, 200, json_pack("{s:o, s:b}", "reports", a, "more", more));
	return 0;
}

int api_report(struct req *r)
{
	return send_report(r, 200, r->params[0]);
}

/* A coordinate given as a number or a string. */
static int coordinate(struct req *r, json_t *body, const char *key, const char **out)
{
	json_t *v = json_object_get(body, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_number(v)) {
		*out = arena_printf(&r->arena, "%.7f", json_number_value(v));
		return 0;
	}
	return api_str(r, body, key, out);
}

static int read_answers(struct req *r, json_t *body, struct report_input *in)
{
	json_t *o = json_object_get(body, "answers"), *v;
	const char *k;
	size_t cap = 0;
	struct report_answer *a = NULL;
	if (!o || json_is_null(o))
		return 0;
	if (!json_is_object(o))
		return dv_fail(&r->ctx.err, DV_EINVAL, "answers",
			       "The field answers must be an object of strings");
	json_object_foreach(o, k, v)
	{
		if (!json_is_string(v))
			return dv_fail(&r->ctx.err, DV_EINVAL, "answers",
				       "The field answers must be an object of strings");
		*ARENA_PUSH(&r->arena, a, in->nanswers, cap) = (struct report_answer){
			arena_strdup(&r->arena, k), arena_strdup(&r->arena, json_string_value(v))};
	}
	in->answers = a;
	return 0;
}

int api_report_create(struct req *r)
{
	json_t *body;
	int64_t id = 0;
	int present = 0;
	struct report_input in = {.source = SRC_API, .ip = r->ip};
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	if (!(rc = api_int(r, body, "category", &in.category_id, &present)) && !present)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "category", "The field category is required");
	if (!rc && !(rc = api_int(r, body, "unit", &in.unit_id, &present)) && !present)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "unit", "The field unit is required");
	if (!rc)
		rc = api_str(r, body, "address", &in.address);
	if (!rc)
		rc = coordinate(r, body, "lat", &in.lat);
	if (!rc)
		rc = coordinate(r, body, "long", &in.lon);
	if (!rc)
		rc = api_str(r, body, "description", &in.description);
	if (!rc)
		rc = api_str(r, body, "phone", &in.phone);
	if (!rc)
		rc = read_answers(r, body, &in);
	json_decref(body);
	if (!rc && r->ctx.actor->account_id)
		in.phone = NULL;
	if (rc || (rc = report_create(&r->ctx, &in, &id, NULL)))
		return rc;
	return send_report(r, 201, id);
}

int api_report_act(struct req *r)
{
	json_t *body;
	const char *action = NULL, *note = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "action", &action);
	if (!rc)
		rc = api_str(r, body, "note", &note);
	json_decref(body);
	if (rc || (rc = report_act_text(&r->ctx, r->params[0], action, note)))
		return rc;
	return send_report(r, 200, r->params[0]);
}

/* A POST whose body is empty or an empty JSON object. */
static int no_body(struct req *r)
{
	json_t *body;
	if (!r->body_len)
		return 0;
	int rc = req_json(r, &body);
	json_decref(body);
	return rc;
}

int api_report_confirm(struct req *r)
{
	int rc = no_body(r);
	if (rc || (rc = report_confirm(&r->ctx, r->params[0])))
		return rc;
	return send_report(r, 200, r->params[0]);
}

int api_report_reopen(struct req *r)
{
	const char *reason;
	int rc = api_body_str(r, "reason", &reason);
	if (rc || (rc = report_reopen(&r->ctx, r->params[0], reason)))
		return rc;
	return send_report(r, 200, r->params[0]);
}

int api_report_rate(struct req *r)
{
	json_t *body;
	int64_t rating = 0;
	int present = 0;
	const char *comment = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "rating", &rating, &present);
	if (!rc && (!present || rating < 1 || rating > 5))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "rating", "Rate it from 1 to 5 stars");
	if (!rc)
		rc = api_str(r, body, "comment", &comment);
	json_decref(body);
	if (rc || (rc = report_rate(&r->ctx, r->params[0], (int)rating, comment)))
		return rc;
	return send_report(r, 200, r->params[0]);
}

int api_report_support(struct req *r)
{
	int already = 0;
	int rc = no_body(r);
	if (rc || (rc = report_support(&r->ctx, r->params[0], &already)))
		return rc;
	struct report rep;
	if ((rc = report_get(&r->ctx, r->params[0], &rep)))
		return rc;
	api_send(r, 200,
		 json_pack("{s:b, s:I}", "already", already, "supporters",
			   (json_int_t)rep.supporters));
	return 0;
}

int api_report_photo(struct req *r)
{
	const struct mp_part *file;
	int64_t fid = 0;
	int rc = form_upload(r, &file);
	if (rc || (rc = report_photo_add(
			   &r->ctx, r->params[0],
			   &(struct report_photo_in){file->filename, file->data, file->len}, &fid)))
		return rc;
	return send_report(r, 201, r->params[0]);
}

/* ------------------------------------------------------------ categories */

int api_report_categories(struct req *r)
{
	struct report_category *v;
	size_t n;
	int rc = report_category_list(&r->ctx, 0, &v, &n);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		struct report_category c;
		if ((rc = report_category_get(&r->ctx, v[i].id, &c))) {
			json_decref(a);
			return rc;
		}
		json_t *qs = json_array();
		for (size_t k = 0; k < c.nquestions; k++) {
			json_t *ch = json_array();
			for (size_t j = 0; j < c.questions[k].nchoices; j++)
				json_array_append_new(
					ch, json_pack("{s:s, s:s}", "key",
						      c.questions[k].choices[j].key, "name",
						      c.questions[k].choices[j].name));
			json_array_append_new(
				qs,
				json_pack("{s:s, s:s, s:b, s:s, s:o}", "code", c.questions[k].code,
					  "datatype", question_type_name(c.questions[k].type),
					  "required", c.questions[k].required, "description",
					  c.questions[k].description, "choices", ch));
		}
		json_array_append_new(
			a, json_pack("{s:I, s:s, s:s, s:s, s:b, s:i, s:i, s:o}", "id",
				     (json_int_t)c.id, "code", c.code, "name",
				     report_category_name(&c, r->ctx.lang), "description",
				     c.description, "private", c.is_private, "ack_days", c.ack_days,
				     "resolve_days", c.resolve_days, "questions", qs));
	}
	api_send(r, 200, json_pack("{s:o}", "categories", a));
	return 0;
}

/* ------------------------------------------------------------ statistics */

static json_t *stats_json(const struct report_stats *s)
{
	int on_time = report_stats_on_time_percent(s), rating = report_stats_rating_tenths(s);
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:I, s:o}", "received",
			 (json_int_t)s->received, "open", (json_int_t)s->open, "overdue",
			 (json_int_t)s->overdue, "resolved", (json_int_t)s->resolved, "on_time",
			 (json_int_t)s->on_time, "on_time_percent",
			 on_time < 0 ? json_null() : json_integer(on_time), "median_seconds",
			 (json_int_t)s->median_seconds, "rated", (json_int_t)s->rated,
			 "satisfaction", rating < 0 ? json_null() : json_real(rating / 10.0));
}

int api_report_stats(struct req *r)
{
	struct unit u;
	struct report_stats *s;
	size_t n;
	int64_t year = time_local_date(r->ctx.now) / 10000;
	int rc = req_query_int(r, "year", 2000, 9998, 0, &year);
	if (rc || (rc = unit_get(&r->ctx, r->params[0], &u)) ||
	    (rc = report_stats_year(&r->ctx, u.id, (int)year, &s, &n)))
		return rc;
	json_t *cats = json_array();
	for (size_t i = 0; i + 1 < n; i++) {
		json_t *x = stats_json(&s[i]);
		json_object_set_new(x, "category",
				    json_pack("{s:I, s:s, s:s}", "id", (json_int_t)s[i].category_id,
					      "code", s[i].category_code, "name",
					      strcmp(r->ctx.lang, "en") == 0 ? s[i].category_en
									     : s[i].category_vi));
		json_array_append_new(cats, x);
	}
	api_send(r, 200,
		 json_pack("{s:{s:I, s:s}, s:I, s:o, s:o}", "unit", "id", (json_int_t)u.id, "name",
			   u.name, "year", (json_int_t)year, "categories", cats, "total",
			   stats_json(&s[n - 1])));
	return 0;
}

/*
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under
 * /open311/v2/, read and write: discovery, services, a service's
 * definition (the category's questions as attributes, and the community as
 * the attribute "unit", which danvan needs for every report), requests
 * (GET with the spec's filters; POST with an app's api_key), a request by
 * id and by token; each in .json and .xml with the spec's field names,
 * nesting and element names (FixMyStreet's output being the second
 * reference). Errors are the spec's list of {code, description} with the
 * HTTP status as code.
 *
 * Nothing here reads a session: the actor is anonymous, so a report of a
 * private category is "not found" in every answer, as on the public pages.
 *
 * Extensions, named so in docs/API.md: page and page_size (at most
 * REPORT_PAGE_MAX, 50 by default) on GET requests; lang=en for English
 * names. jurisdiction_id is accepted and not needed (one jurisdiction).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/text.h"
#include "domain/registry/unit.h"
#include "domain/reports/report_app.h"
#include "web/html.h"
#include "web/link.h"
#include "web/reports/reports.h"
#include "web/reports/reports_impl.h"

#define O311_PAGE_DEFAULT 50
#define O311_WINDOW	  (90 * 86400)
#define O311_IDS_MAX	  50
#define O311_CODES_MAX	  8
#define SPEC		  "http://wiki.open311.org/GeoReport_v2"

enum fmt { FMT_JSON, FMT_XML };

/* ---------------------------------------------------------------- output */

static void send_json(struct req *r, int status, json_t *j)
{
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
	json_decref(j);
	r->status = text ? status : 500;
	r->content_type = "application/json; charset=utf-8";
	buf_reset(&r->out);
	buf_adds(&r->out, text ? text : "[{\"code\":500,\"description\":\"encoding\"}]");
	buf_addch(&r->out, '\n');
	free(text);
}

static void xml_begin(struct req *r, int status)
{
	r->status = status;
	r->content_type = "text/xml; charset=utf-8";
	buf_reset(&r->out);
	html_raw(&r->out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
}

/* <name>text</name>; name is a literal of this file. */
static void el(struct req *r, const char *name, const char *text)
{
	html_raw(&r->out, "<");
	html_raw(&r->out, name);
	html_raw(&r->out, ">");
	html_txt(&r->out, text ? text : "");
	html_raw(&r->out, "</");
	html_raw(&r->out, name);
	html_raw(&r->out, ">");
}

static void open_el(struct req *r, const char *name)
{
	html_raw(&r->out, "<");
	html_raw(&r->out, name);
	html_raw(&r->out, ">");
}

static void close_el(struct req *r, const char *name)
{
	html_raw(&r->out, "</");
	html_raw(&r->out, name);
	html_raw(&r->out, ">");
}

/* The spec's error list, in either format. */
static void o311_error(struct req *r, enum fmt f, int status, const char *message)
{
	if (f == FMT_JSON) {
		send_json(r, status,
			  json_pack("[{s:i, s:s}]", "code", status, "description", message));
		return;
	}
	xml_begin(r, status);
	open_el(r, "errors");
	open_el(r, "error");
	el(r, "code", arena_printf(&r->arena, "%d", status));
	el(r, "description", message);
	close_el(r, "error");
	close_el(r, "errors");
}

/* A domain error as the spec's: its status, its message; a system error
 * is logged and said in general terms. Returns 0: the answer is made. */
static int fail(struct req *r, enum fmt f, int rc)
{
	if (!dv_err_is_user(rc)) {
		log_error("%s %s: %s (%s)", r->method, r->path, r->ctx.err.msg, dv_err_name(rc));
		o311_error(r, f, 500,
			   T(r, "The server could not answer this request. Please try "
				"again in a moment."));
		return 0;
	}
	const char *field = r->ctx.err.field;
	o311_error(r, f, dv_err_http_status(rc),
		   field ? arena_printf(&r->arena, "%s: %s", field, r->ctx.err.msg)
			 : r->ctx.err.msg);
	return 0;
}

static enum fmt fmt_of_path(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && strcmp(path + n - 4, ".xml") == 0 ? FMT_XML : FMT_JSON;
}

static void refuse(struct req *r, int status, const char *message)
{
	o311_error(r, fmt_of_path(r->path), status, message);
}

const struct route_errors reports_open311_errors = {"/open311/", refuse};

/* "2026-03-06T10:00:00+07:00": a W3C instant in Vietnam's time. */
static const char *w3c(struct req *r, int64_t t)
{
	int64_t local = t + DV_UTC_OFFSET;
	int64_t secs = ((local % 86400) + 86400) % 86400;
	int y, m, d;
	date_split(time_local_date(t), &y, &m, &d);
	return arena_printf(&r->arena, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", y, m, d,
			    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

static const char *absolute(struct req *r, const char *path)
{
	return arena_printf(&r->arena, "%s%s", r->public_url, path);
}

/* --------------------------------------------------------------- discovery */

static int64_t changeset(struct req *r, int *rc)
{
	struct report_category *v;
	size_t n;
	int64_t latest = 0;
	*rc = report_category_list(&r->ctx, 1, &v, &n);
	for (size_t i = 0; !*rc && i < n; i++)
		if (v[i].updated_at > latest)
			latest = v[i].updated_at;
	return latest;
}

static int discovery(struct req *r, enum fmt f)
{
	int rc;
	const char *change = w3c(r, changeset(r, &rc));
	const char *url = absolute(r, "/open311/v2");
	const char *contact = T(r, "The ward's People's Committee, through this site");
	const char *key = T(r, "A city administrator issues api_keys to apps on the page "
			       "/report-apps of this site.");
	if (rc)
		return fail(r, f, rc);
	if (f == FMT_JSON) {
		send_json(r, 200,
			  json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:[s, s]}]}",
				    "changeset", change, "contact", contact, "key_service", key,
				    "endpoints", "specification", SPEC, "url", url, "changeset",
				    change, "type", "production", "formats", "text/xml",
				    "application/json"));
		return 0;
	}
	xml_begin(r, 200);
	open_el(r, "discovery");
	el(r, "changeset", change);
	el(r, "contact", contact);
	el(r, "key_service", key);
	open_el(r, "endpoints");
	open_el(r, "endpoint");
	el(r, "specification", SPEC);
	el(r, "url", url);
	el(r, "changeset", change);
	el(r, "type", "production");
	open_el(r, "formats");
	el(r, "format", "text/xml");
	el(r, "format", "application/json");
	close_el(r, "formats");
	close_el(r, "endpoint");
	close_el(r, "endpoints");
	close_el(r, "discovery");
	return 0;
}

int open311_discovery_json(struct req *r)
{
	return discovery(r, FMT_JSON);
}

int open311_discovery_xml(struct req *r)
{
	return discovery(r, FMT_XML);
}

/* ----------------------------------------------------------------- services */

static const char *group_of(struct req *r, const struct report_category *c)
{
	return c->is_private ? T(r, "Security and order") : T(r, "Streets and the neighborhood");
}

static int services(struct req *r, enum fmt f)
{
	struct report_category *v;
	size_t n;
	int rc = report_category_list(&r->ctx, 0, &v, &n);
	if (rc)
		return fail(r, f, rc);
	if (f == FMT_JSON) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a,
					      json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}",
							"service_code", v[i].code, "service_name",
							report_category_name(&v[i], r->ctx.lang),
							"description", v[i].description, "metadata",
							1, "type", "realtime", "keywords",
							v[i].code, "group", group_of(r, &v[i])));
		send_json(r, 200, a);
		return 0;
	}
	xml_begin(r, 200);
	open_el(r, "services");
	for (size_t i = 0; i < n; i++) {
		open_el(r, "service");
		el(r, "service_code", v[i].code);
		el(r, "service_name", report_category_name(&v[i], r->ctx.lang));
		el(r, "description", v[i].description);
		el(r, "metadata", "true");
		el(r, "type", "realtime");
		el(r, "keywords", v[i].code);
		el(r, "group", group_of(r, &v[i]));
		close_el(r, "service");
	}
	close_el(r, "services");
	return 0;
}

int open311_services_json(struct req *r)
{
	return services(r, FMT_JSON);
}

int open311_services_xml(struct req *r)
{
	return services(r, FMT_XML);
}

/* The communities a report may be in, as the values of the attribute
 * "unit": key the unit's id, name "Ward › Community". */
struct value {
	const char *key, *name;
};

static int communities(struct req *r, struct value **out, size_t *n)
{
	struct unit *roots;
	size_t nroots, cap = 0;
	*out = NULL;
	*n = 0;
	int rc = unit_roots(&r->ctx, &roots, &nroots);
	for (size_t i = 0; !rc && i < nroots; i++) {
		struct unit *v;
		size_t m;
		const char *parent[8] = {0};
		if ((rc = unit_subtree(&r->ctx, roots[i].id, 6, &v, &m)))
			break;
		for (size_t j = 0; j < m; j++) {
			if (v[j].depth < 8)
				parent[v[j].depth] = v[j].name;
			if (!unit_kind_is_community(v[j].kind) || v[j].depth < 1 || v[j].depth >= 8)
				continue;
			*ARENA_PUSH(&r->arena, *out, *n, cap) =
				(struct value){arena_printf(&r->arena, "%lld", (long long)v[j].id),
					       arena_printf(&r->arena, "%s › %s",
							    parent[v[j].depth - 1], v[j].name)};
		}
	}
	return rc;
}

struct attribute {
	const char *code, *datatype, *description;
	int required, order;
	struct value *values;
	size_t nvalues;
};

static void attr_json(json_t *a, const struct attribute *x)
{
	json_t *vals = json_array();
	for (size_t i = 0; i < x->nvalues; i++)
		json_array_append_new(vals, json_pack("{s:s, s:s}", "key", x->values[i].key, "name",
						      x->values[i].name));
	json_t *o =
		json_pack("{s:b, s:s, s:s, s:b, s:s, s:i, s:s}", "variable", 1, "code", x->code,
			  "datatype", x->datatype, "required", x->required, "datatype_description",
			  "", "order", x->order, "description", x->description);
	if (x->nvalues)
		json_object_set_new(o, "values", vals);
	else
		json_decref(vals);
	json_array_append_new(a, o);
}

static void attr_xml(struct req *r, const struct attribute *x)
{
	open_el(r, "attribute");
	el(r, "variable", "true");
	el(r, "code", x->code);
	el(r, "datatype", x->datatype);
	el(r, "required", x->required ? "true" : "false");
	el(r, "datatype_description", "");
	el(r, "order", arena_printf(&r->arena, "%d", x->order));
	el(r, "description", x->description);
	if (x->nvalues) {
		open_el(r, "values");
		for (size_t i = 0; i < x->nvalues; i++) {
			open_el(r, "value");
			el(r, "key", x->values[i].key);
			el(r, "name", x->values[i].name);
			close_el(r, "value");
		}
		close_el(r, "values");
	}
	close_el(r, "attribute");
}

static int service_definition(struct req *r, enum fmt f)
{
	struct report_category c;
	struct value *units;
	size_t nunits;
	int rc = report_category_find(&r->ctx, r->sparam, &c);
	if (rc == DV_ENOTFOUND || (!rc && !c.active))
		return o311_error(r, f, 404,
				  arena_printf(&r->arena, T(r, "No service has the code %s"),
					       r->sparam)),
		       0;
	if (rc || (rc = communities(r, &units, &nunits)))
		return fail(r, f, rc);
	struct attribute *attrs = arena_alloc(&r->arena, (c.nquestions + 1) * sizeof(*attrs));
	attrs[0] = (struct attribute){"unit",
				      "singlevaluelist",
				      T(r, "Neighborhood, village or residential group"),
				      1,
				      1,
				      units,
				      nunits};
	for (size_t i = 0; i < c.nquestions; i++) {
		const struct report_question *q = &c.questions[i];
		struct value *vals = arena_alloc(&r->arena, (q->nchoices + 1) * sizeof(*vals));
		for (size_t k = 0; k < q->nchoices; k++)
			vals[k] = (struct value){q->choices[k].key, q->choices[k].name};
		attrs[i + 1] = (struct attribute){q->code,	  question_type_name(q->type),
						  q->description, q->required,
						  (int)i + 2,	  vals,
						  q->nchoices};
	}
	if (f == FMT_JSON) {
		json_t *a = json_array();
		for (size_t i = 0; i <= c.nquestions; i++)
			attr_json(a, &attrs[i]);
		send_json(r, 200, json_pack("{s:s, s:o}", "service_code", c.code, "attributes", a));
		return 0;
	}
	xml_begin(r, 200);
	open_el(r, "service_definition");
	el(r, "service_code", c.code);
	open_el(r, "attributes");
	for (size_t i = 0; i <= c.nquestions; i++)
		attr_xml(r, &attrs[i]);
	close_el(r, "attributes");
	close_el(r, "service_definition");
	return 0;
}

int open311_service_json(struct req *r)
{
	return service_definition(r, FMT_JSON);
}

int open311_service_xml(struct req *r)
{
	return service_definition(r, FMT_XML);
}

/* ----------------------------------------------------------------- requests */

static const char *status_notes(struct req *r, const struct report *rep)
{
	if (rep->status == RS_MERGED)
		return arena_printf(&r->arena, T(r, "Duplicate of request %lld"),
				    (long long)rep->duplicate_of);
	if (rep->status == RS_REJECTED)
		return rep->public_reason;
	return rep->status_notes;
}

static const char *agency(struct req *r, const struct report *rep)
{
	return rep->body_id ? rep->body_name
			    : arena_printf(&r->arena, "%s %s", T(r, "Ward"), rep->ward_name);
}

static const char *media_url(struct req *r, const struct report *rep)
{
	if (rep->first_photo)
		return absolute(r, link_report_photo(r, rep->id, rep->first_photo, NULL));
	return rep->media_url;
}

/* The end of the deadline's day. */
static const char *expected(struct req *r, const struct report *rep)
{
	return w3c(r, time_local_midnight(date_add_days(rep->resolve_due, 1)) - 1);
}

static json_t *request_json(struct req *r, const struct report *rep)
{
	json_t *j = json_pack(
		"{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		"service_request_id", (json_int_t)rep->id, "status",
		report_status_is_open(rep->status) ? "open" : "closed", "status_notes",
		status_notes(r, rep), "service_name", report_category_label(r, rep), "service_code",
		rep->category_code, "description", rep->description, "agency_responsible",
		agency(r, rep), "service_notice", "", "requested_datetime", w3c(r, rep->created_at),
		"updated_datetime", w3c(r, rep->updated_at), "expected_datetime", expected(r, rep),
		"address", rep->address, "address_id", "", "zipcode", "", "media_url",
		media_url(r, rep));
	json_object_set_new(j, "lat",
			    rep->has_position ? json_real((double)rep->lat_e6 / 1e6) : json_null());
	json_object_set_new(j, "long",
			    rep->has_position ? json_real((double)rep->lon_e6 / 1e6) : json_null());
	return j;
}

static const char *degrees(struct req *r, int64_t e6)
{
	int neg = e6 < 0;
	int64_t a = neg ? -e6 : e6;
	return arena_printf(&r->arena, "%s%lld.%06lld", neg ? "-" : "", (long long)(a / 1000000),
			    (long long)(a % 1000000));
}

static void request_xml(struct req *r, const struct report *rep)
{
	open_el(r, "request");
	el(r, "service_request_id", arena_printf(&r->arena, "%lld", (long long)rep->id));
	el(r, "status", report_status_is_open(rep->status) ? "open" : "closed");
	el(r, "status_notes", status_notes(r, rep));
	el(r, "service_name", report_category_label(r, rep));
	el(r, "service_code", rep->category_code);
	el(r, "description", rep->description);
	el(r, "agency_responsible", agency(r, rep));
	el(r, "service_notice", "");
	el(r, "requested_datetime", w3c(r, rep->created_at));
	el(r, "updated_datetime", w3c(r, rep->updated_at));
	el(r, "expected_datetime", expected(r, rep));
	el(r, "address", rep->address);
	el(r, "address_id", "");
	el(r, "zipcode", "");
	el(r, "lat", rep->has_position ? degrees(r, rep->lat_e6) : "");
	el(r, "long", rep->has_position ? degrees(r, rep->lon_e6) : "");
	el(r, "media_url", media_url(r, rep));
	close_el(r, "request");
}

static void send_requests(struct req *r, enum fmt f, const struct report *v, size_t n)
{
	if (f == FMT_JSON) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, request_json(r, &v[i]));
		send_json(r, 200, a);
		return;
	}
	xml_begin(r, 200);
	open_el(r, "service_requests");
	for (size_t i = 0; i < n; i++)
		request_xml(r, &v[i]);
	close_el(r, "service_requests");
}

/* A W3C instant or a day (the day's start in Vietnam); 0 when absent. */
static int instant(struct req *r, const char *key, int64_t *out)
{
	const char *s = req_query(r, key);
	int32_t ymd;
	*out = 0;
	if (!s || !*s)
		return 0;
	if ((*out = time_parse_iso(s)))
		return 0;
	if (strlen(s) == 10 && !date_parse(s, &ymd, NULL)) {
		*out = time_local_midnight(ymd);
		return 0;
	}
	return dv_fail(&r->ctx.err, DV_EINVAL, key,
		       "%s is a W3C date and time such as 2026-03-06T10:00:00+07:00", key);
}

/* The comma-separated parts of a parameter, at most max; arena strings. */
static size_t split(struct req *r, const char *s, const char **out, size_t max, int *too_many)
{
	size_t n = 0;
	*too_many = 0;
	while (s && *s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		if (len) {
			if (n == max) {
				*too_many = 1;
				break;
			}
			out[n++] = arena_strndup(&r->arena, s, len);
		}
		s = comma ? comma + 1 : s + len;
	}
	return n;
}

/* service_request_id=1,2,3: these requests only, each one the actor may
 * see (the spec: it overrides the other parameters). */
static int by_ids(struct req *r, enum fmt f, const char *list)
{
	const char *ids[O311_IDS_MAX];
	int too_many;
	size_t n = split(r, list, ids, O311_IDS_MAX, &too_many), k = 0;
	struct report *v = arena_alloc(&r->arena, (n + 1) * sizeof(*v));
	if (too_many)
		return o311_error(
			       r, f, 400,
			       arena_printf(&r->arena,
					    T(r, "service_request_id: at most %d requests at once"),
					    O311_IDS_MAX)),
		       0;
	for (size_t i = 0; i < n; i++) {
		char *end;
		long long id = strtoll(ids[i], &end, 10);
		if (*end || id <= 0 || id > REQ_ID_MAX)
			return o311_error(
				       r, f, 400,
				       T(r, "service_request_id: request ids are whole numbers")),
			       0;
		int rc = report_get(&r->ctx, id, &v[k]);
		if (rc == DV_ENOTFOUND)
			continue;
		if (rc)
			return fail(r, f, rc);
		k++;
	}
	send_requests(r, f, v, k);
	return 0;
}

/* The categories of service_code=a,b (an unknown code: 404). */
static int codes(struct req *r, enum fmt f, const char *list, int64_t *ids, size_t *n, int *done)
{
	const char *c[O311_CODES_MAX];
	int too_many;
	size_t k = split(r, list, c, O311_CODES_MAX, &too_many);
	*done = 0;
	*n = 0;
	if (too_many) {
		o311_error(r, f, 400,
			   arena_printf(&r->arena,
					T(r, "service_code: at most %d services at once"),
					O311_CODES_MAX));
		return *done = 1, 0;
	}
	for (size_t i = 0; i < k; i++) {
		struct report_category cat;
		int rc = report_category_find(&r->ctx, c[i], &cat);
		if (rc == DV_ENOTFOUND) {
			o311_error(
				r, f, 404,
				arena_printf(&r->arena, T(r, "No service has the code %s"), c[i]));
			return *done = 1, 0;
		}
		if (rc)
			return rc;
		ids[(*n)++] = cat.id;
	}
	return 0;
}

/* status=open, closed or open,closed. */
static int status_filter(struct req *r, int *state)
{
	const char *s = req_query(r, "status");
	int open = 0, closed = 0;
	const char *parts[4];
	int too_many;
	size_t n = split(r, s, parts, 4, &too_many);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(parts[i], "open"))
			open = 1;
		else if (!strcmp(parts[i], "closed"))
			closed = 1;
		else
			too_many = 1;
	}
	if (too_many)
		return dv_fail(&r->ctx.err, DV_EINVAL, "status",
			       "The parameter status must be one of: open, closed");
	*state = open == closed ? REPORT_ANY : open ? REPORT_OPEN : REPORT_CLOSED;
	return 0;
}

/* The window of requested_datetime: the spec's 90 days at most, the last
 * 90 days by default. */
static int window(struct req *r, int64_t *from, int64_t *to)
{
	int rc = instant(r, "start_date", from);
	if (!rc)
		rc = instant(r, "end_date", to);
	if (rc)
		return rc;
	if (!*from && !*to) {
		*to = 0;
		*from = r->ctx.now - O311_WINDOW;
		return 0;
	}
	if (!*to)
		*to = *from + O311_WINDOW;
	if (!*from)
		*from = *to - O311_WINDOW;
	if (*to <= *from)
		return dv_fail(&r->ctx.err, DV_EINVAL, "end_date",
			       "end_date must come after start_date");
	if (*to - *from > O311_WINDOW)
		return dv_fail(&r->ctx.err, DV_EINVAL, "end_date",
			       "start_date and end_date may not span more than 90 days");
	(*to)++; /* end_date is included */
	return 0;
}

static int requests(struct req *r, enum fmt f)
{
	struct report_filter flt = {.state = REPORT_ANY};
	int64_t cats[O311_CODES_MAX], page = 1, size = O311_PAGE_DEFAULT;
	struct report *v;
	size_t n;
	int more, done = 0;
	const char *ids = req_query(r, "service_request_id");
	if (ids && *ids)
		return by_ids(r, f, ids);
	int rc = codes(r, f, req_query(r, "service_code"), cats, &flt.ncategories, &done);
	if (rc || done)
		return rc ? fail(r, f, rc) : 0;
	flt.categories = cats;
	if ((rc = status_filter(r, &flt.state)) || (rc = window(r, &flt.from, &flt.to)) ||
	    (rc = req_query_int(r, "page", 1, 10000, 0, &page)) ||
	    (rc = req_query_int(r, "page_size", 1, REPORT_PAGE_MAX, 0, &size)) ||
	    (rc = report_list(&r->ctx, &flt, (page - 1) * size, (int)size, &v, &n, &more)))
		return fail(r, f, rc);
	send_requests(r, f, v, n);
	return 0;
}

int open311_requests_json(struct req *r)
{
	return requests(r, FMT_JSON);
}

int open311_requests_xml(struct req *r)
{
	return requests(r, FMT_XML);
}

static int one_request(struct req *r, enum fmt f)
{
	struct report rep;
	int rc = report_get(&r->ctx, r->params[0], &rep);
	if (rc == DV_ENOTFOUND)
		return o311_error(r, f, 404, T(r, "No such service request")), 0;
	if (rc)
		return fail(r, f, rc);
	send_requests(r, f, &rep, 1);
	return 0;
}

int open311_request_json(struct req *r)
{
	return one_request(r, FMT_JSON);
}

int open311_request_xml(struct req *r)
{
	return one_request(r, FMT_XML);
}

static int token(struct req *r, enum fmt f)
{
	int64_t id = 0;
	int rc = report_by_token(&r->ctx, r->sparam, &id);
	if (rc == DV_ENOTFOUND)
		return o311_error(r, f, 404, T(r, "No request has this token")), 0;
	if (rc)
		return fail(r, f, rc);
	if (f == FMT_JSON) {
		send_json(r, 200,
			  json_pack("[{s:I, s:s}]", "service_request_id", (json_int_t)id, "token",
				    r->sparam));
		return 0;
	}
	xml_begin(r, 200);
	open_el(r, "service_requests");
	open_el(r, "request");
	el(r, "service_request_id", arena_printf(&r->arena, "%lld", (long long)id));
	el(r, "token", r->sparam);
	close_el(r, "request");
	close_el(r, "service_requests");
	return 0;
}

int open311_token_json(struct req *r)
{
	return token(r, FMT_JSON);
}

int open311_token_xml(struct req *r)
{
	return token(r, FMT_XML);
}

/* ------------------------------------------------------------------ posting */

/* attribute[CODE]=value pairs of the form, but attribute[unit]. */
static void attributes(struct req *r, struct report_input *in)
{
	size_t cap = 0;
	struct report_answer *a = NULL;
	for (size_t i = 0; i < r->form.n; i++) {
		const char *k = r->form.v[i].key;
		size_t len = strlen(k);
		if (strncmp(k, "attribute[", 10) != 0 || len < 12 || k[len - 1] != ']')
			continue;
		const char *code = arena_strndup(&r->arena, k + 10, len - 11);
		if (!strcmp(code, "unit"))
			continue;
		*ARENA_PUSH(&r->arena, a, in->nanswers, cap) =
			(struct report_answer){code, r->form.v[i].value};
	}
	in->answers = a;
}

static int post(struct req *r, enum fmt f)
{
	struct report_category c;
	int64_t app = 0, id = 0;
	const char *tok = NULL;
	int rc = req_form_parse(r);
	if (rc)
		return fail(r, f, rc);
	const char *key = req_form(r, "api_key");
	if (!key || !*key)
		return o311_error(r, f, 400, T(r, "api_key: a key is required to post a request")),
		       0;
	rc = report_app_check(&r->ctx, key, &app);
	if (rc == DV_ENOTFOUND)
		return o311_error(r, f, 403, T(r, "api_key: this key is not valid")), 0;
	if (rc)
		return fail(r, f, rc);
	const char *code = req_form(r, "service_code");
	if (!code || !*code)
		return o311_error(r, f, 400, T(r, "service_code: the service is required")), 0;
	rc = report_category_find(&r->ctx, code, &c);
	if (rc == DV_ENOTFOUND || (!rc && !c.active))
		return o311_error(
			       r, f, 404,
			       arena_printf(&r->arena, T(r, "No service has the code %s"), code)),
		       0;
	if (rc)
		return fail(r, f, rc);
	const char *lat = req_form(r, "lat"), *lon = req_form(r, "long");
	const char *address = req_form(r, "address_string");
	if ((!lat || !*lat || !lon || !*lon) && (!address || !*address))
		return o311_error(r, f, 400, T(r, "lat and long, or address_string, are required")),
		       0;
	const char *unit = req_form(r, "attribute[unit]");
	char *end;
	long long unit_id = unit && *unit ? strtoll(unit, &end, 10) : 0;
	if (!unit || !*unit || *end || unit_id <= 0 || unit_id > REQ_ID_MAX)
		return o311_error(r, f, 400,
				  T(r, "attribute[unit]: the neighborhood, village or residential "
				       "group is required (its key in the service definition)")),
		       0;
	struct report_input in = {.category_id = c.id,
				  .unit_id = unit_id,
				  .address = address,
				  .lat = lat,
				  .lon = lon,
				  .description = req_form(r, "description"),
				  .phone = req_form(r, "phone"),
				  .media_url = req_form(r, "media_url"),
				  .source = SRC_OPEN311,
				  .app_id = app,
				  .ip = r->ip};
	attributes(r, &in);
	if ((rc = report_create(&r->ctx, &in, &id, &tok)))
		return fail(r, f, rc);
	const char *notice =
		c.is_private ? T(r, "Requests of this service are not published: only the "
				    "police and the ward see them.")
			     : T(r, "The ward routes the request to the body that handles it.");
	res_header(r, "location", link_open311_request(r, id, f == FMT_JSON ? "json" : "xml"));
	if (f == FMT_JSON) {
		send_json(r, 201,
			  json_pack("[{s:I, s:s, s:s, s:n}]", "service_request_id", (json_int_t)id,
				    "token", tok, "service_notice", notice, "account_id"));
		return 0;
	}
	xml_begin(r, 201);
	open_el(r, "service_requests");
	open_el(r, "request");
	el(r, "service_request_id", arena_printf(&r->arena, "%lld", (long long)id));
	el(r, "token", tok);
	el(r, "service_notice", notice);
	el(r, "account_id", "");
	close_el(r, "request");
	close_el(r, "service_requests");
	return 0;
}

int open311_post_json(struct req *r)
{
	return post(r, FMT_JSON);
}

int open311_post_xml(struct req *r)
{
	return post(r, FMT_XML);
}

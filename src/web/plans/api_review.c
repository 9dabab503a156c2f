/*
 * The year-end review in the JSON API: a unit's reviews and building one,
 * a review (by id, or by its unit and year) with every figure of its unit
 * and the units below and its lists, and the officers' actions on it:
 * the heading and narrative, building the draft again, making it final,
 * publishing it.
 */
#include <string.h>

#include "base/i18n.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/link.h"
#include "web/plans/plans_impl.h"

static json_t *figs_json(const struct review_doc *d, size_t u, int year)
{
	json_t *j = json_object();
	for (int f = 0; f < FIG_COUNT; f++)
		json_object_set_new(j, fig_name((enum fig)f),
				    json_integer(review_fig(d, u, year, (enum fig)f)));
	return j;
}

static json_t *review_head_json(struct req *r, const struct review *v)
{
	json_t *parts = json_object();
	for (int p = 0; p < RP_COUNT; p++)
		json_object_set_new(parts, review_part_name((enum review_part)p),
				    json_string(v->parts[p] ? v->parts[p] : ""));
	json_t *j = json_pack(
		"{s:I, s:{s:I, s:s}, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s}",
		"id", (json_int_t)v->id, "unit", "id", (json_int_t)v->unit_id, "name", v->unit_name,
		"year", v->year, "status", review_status_name(v->status), "title", v->title,
		"authority", v->authority ? v->authority : "", "place", v->place ? v->place : "",
		"signer_title", v->signer_title ? v->signer_title : "", "signer_name",
		v->signer_name ? v->signer_name : "", "hash",
		v->hash && *v->hash ? json_string(v->hash) : json_null(), "final_on",
		v->final_on ? date_json(v->final_on) : json_null(), "url",
		arena_printf(&r->arena, "%s%s", r->public_url, link_review(r, v->id, NULL)), "pdf",
		arena_printf(&r->arena, "%s%s", r->public_url, link_review(r, v->id, "review.pdf")),
		"xlsx",
		arena_printf(&r->arena, "%s%s", r->public_url,
			     link_review(r, v->id, "review.xlsx")));
	json_object_set_new(j, "parts", parts);
	json_object_set_new(j, "notice", v->notice_id ? json_integer(v->notice_id) : json_null());
	json_object_set_new(j, "article",
			    v->article_id ? json_integer(v->article_id) : json_null());
	return j;
}

int review_send(struct req *r, int status, int64_t id)
{
	struct review_doc d;
	int rc = review_doc(&r->ctx, id, &d);
	if (rc)
		return rc;
	json_t *j = review_head_json(r, &d.r), *years = json_object(), *units = json_array(),
	       *lines = json_object();
	for (int y = d.year0; y <= d.r.year; y++)
		json_object_set_new(years, arena_printf(&r->arena, "%d", y), figs_json(&d, 0, y));
	for (size_t u = 1; u < d.nunits; u++)
		json_array_append_new(
			units, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)d.units[u].id, "name",
					 d.units[u].name, "figures", figs_json(&d, u, d.r.year)));
	for (int k = 0; k < RL_COUNT; k++) {
		size_t n;
		const struct review_line *v = review_lines_of(&d, (enum review_line_kind)k, &n);
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(
				a, json_pack("{s:s, s:s, s:o}", "label", v[i].label, "detail",
					     v[i].detail ? v[i].detail : "", "ref",
					     v[i].ref ? json_integer(v[i].ref) : json_null()));
		json_object_set_new(lines, review_line_kind_name((enum review_line_kind)k), a);
	}
	struct review_conference c;
	struct dv_err saved = r->ctx.err;
	if ((rc = review_conference_get(&r->ctx, id, &c)) == DV_ENOTFOUND) {
		r->ctx.err = saved;
		json_object_set_new(j, "conference", json_null());
	} else if (rc) {
		json_decref(j), json_decref(years), json_decref(units), json_decref(lines);
		return rc;
	} else {
		json_t *aw = json_array();
		for (size_t i = 0; i < c.nawards; i++)
			json_array_append_new(aw, json_integer(c.award_ids[i]));
		json_object_set_new(j, "conference",
				    json_pack("{s:o, s:s, s:s, s:s, s:s, s:o}", "held_on",
					      date_json(c.held_on), "starts",
					      c.starts ? c.starts : "", "place", c.place,
					      "participants", c.participants, "agenda", c.agenda,
					      "awards", aw));
	}
	json_object_set_new(j, "figures", figs_json(&d, 0, d.r.year));
	json_object_set_new(j, "years", years);
	json_object_set_new(j, "units", units);
	json_object_set_new(j, "lists", lines);
	if (status == 201)
		res_header(r, "location", link_api(r, "reviews", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_reviews(struct req *r)
{
	struct review *v;
	size_t n;
	int rc = review_list(&r->ctx, r->params[0], 0, &v, &n);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, review_head_json(r, &v[i]));
	api_send(r, 200, json_pack("{s:o}", "reviews", a));
	return 0;
}

int api_review_create(struct req *r)
{
	json_t *body;
	int64_t year = 0, id = 0;
	int has = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "year", &year, &has);
	json_decref(body);
	if (!rc && (!has || year < PLAN_YEAR_MIN || year > PLAN_YEAR_MAX))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "year", "Choose a year");
	if (!rc)
		rc = review_build(&r->ctx, r->params[0], (int)year, &id);
	return rc ? rc : review_send(r, 201, id);
}

int api_review(struct req *r)
{
	return review_send(r, 200, r->params[0]);
}

int api_unit_review(struct req *r)
{
	struct review v;
	if (r->params[1] < PLAN_YEAR_MIN || r->params[1] > PLAN_YEAR_MAX)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such review");
	int rc = review_find(&r->ctx, r->params[0], (int)r->params[1], &v);
	return rc ? rc : review_send(r, 200, v.id);
}

int api_review_update(struct req *r)
{
	json_t *body, *parts;
	struct review_input in = {0};
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "title", &in.title);
	if (!rc)
		rc = api_str(r, body, "authority", &in.authority);
	if (!rc)
		rc = api_str(r, body, "place", &in.place);
	if (!rc)
		rc = api_str(r, body, "signer_title", &in.signer_title);
	if (!rc)
		rc = api_str(r, body, "signer_name", &in.signer_name);
	parts = json_object_get(body, "parts");
	if (!rc && parts && !json_is_null(parts) && !json_is_object(parts))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "parts", "parts must be an object");
	if (!rc && parts && json_is_object(parts)) {
		const char *k;
		json_t *v;
		json_object_foreach(parts, k, v)
		{
			enum review_part p;
			if (review_part_parse(k, &p, &r->ctx.err)) {
				rc = r->ctx.err.code;
				r->ctx.err.field = "parts";
				break;
			}
			if ((rc = api_str(r, parts, k, &in.parts[p])))
				break;
		}
	}
	if (!rc)
		rc = review_update(&r->ctx, r->params[0], &in);
	json_decref(body);
	return rc ? rc : review_send(r, 200, r->params[0]);
}

int api_review_build(struct req *r)
{
	struct review v;
	int64_t id;
	int rc = review_get(&r->ctx, r->params[0], &v);
	if (!rc)
		rc = review_build(&r->ctx, v.unit_id, v.year, &id);
	return rc ? rc : review_send(r, 200, r->params[0]);
}

int api_review_final(struct req *r)
{
	const char *on = NULL;
	int rc = api_body_str(r, "final_on", &on);
	if (!rc)
		rc = review_finalize(&r->ctx, r->params[0], on);
	return rc ? rc : review_send(r, 200, r->params[0]);
}

int api_review_publish(struct req *r)
{
	int rc = review_publish(&r->ctx, r->params[0], link_review(r, r->params[0], "review.pdf"));
	return rc ? rc : review_send(r, 200, r->params[0]);
}

int api_review_conference(struct req *r)
{
	json_t *body, *a;
	struct conference_input in = {0};
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "held_on", &in.held_on);
	if (!rc)
		rc = api_str(r, body, "starts", &in.starts);
	if (!rc)
		rc = api_str(r, body, "place", &in.place);
	if (!rc)
		rc = api_str(r, body, "participants", &in.participants);
	if (!rc)
		rc = api_str(r, body, "agenda", &in.agenda);
	a = json_object_get(body, "awards");
	if (!rc && a && !json_is_null(a)) {
		if (!json_is_array(a) || json_array_size(a) > REVIEW_LIST_MAX) {
			rc = dv_fail(&r->ctx.err, DV_EINVAL, "awards",
				     "awards must be a list of ids");
		} else {
			int64_t *ids = arena_array(&r->arena, int64_t, json_array_size(a) + 1);
			size_t i;
			json_t *v;
			json_array_foreach(a, i, v)
			{
				if (!json_is_integer(v) || json_integer_value(v) <= 0) {
					rc = dv_fail(&r->ctx.err, DV_EINVAL, "awards",
						     "awards must be a list of ids");
					break;
				}
				ids[in.nawards++] = json_integer_value(v);
			}
			in.awards = ids;
		}
	}
	if (!rc)
		rc = review_conference_set(&r->ctx, r->params[0], &in);
	json_decref(body);
	return rc ? rc : review_send(r, 200, r->params[0]);
}

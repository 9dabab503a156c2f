/*
 * Cultural titles in the JSON API: the titles and rounds, a round with its
 * public figures (and its candidates for those who evaluate them), each
 * step of the cycle, and a household's own titles.
 */
#include <string.h>

#include "base/date.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/link.h"
#include "web/titles/titles.h"
#include "web/titles/titles_impl.h"

static json_t *kind_json(const struct title_kind *k)
{
	json_t *c = json_array();
	for (size_t i = 0; i < k->ncriteria; i++)
		json_array_append_new(c, json_pack("{s:i, s:s}", "number", k->criteria[i].number,
						   "text", k->criteria[i].text));
	return json_pack("{s:s, s:s, s:s, s:i, s:s, s:b, s:s, s:o}", "code", k->code, "name",
			 k->name, "subject", title_subject_name(k->subject), "period_years",
			 k->period_years, "decider", k->decider_above ? "above" : "commune",
			 "by_meeting", k->by_meeting, "basis", k->basis, "criteria", c);
}

static json_t *round_json(const struct title_round *t)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:i, s:{s:I, s:s}, s:s, s:o, s:I, s:I, s:I, s:b}",
			      "id", (json_int_t)t->id, "kind", t->kind.code, "name", t->kind.name,
			      "year", t->year, "unit", "id", (json_int_t)t->unit_id, "name",
			      t->unit_name, "status", title_round_status_name(t->status),
			      "deadline", date_json(t->deadline), "registered",
			      (json_int_t)t->registered, "proposed", (json_int_t)t->proposed,
			      "awarded", (json_int_t)t->awarded, "late", t->late);
	json_object_set_new(j, "decision",
			    t->decided_on ? json_pack("{s:s, s:o, s:s}", "number", t->decision_no,
						      "decided_on", date_json(t->decided_on),
						      "signer", t->signer)
					  : json_null());
	json_object_set_new(j, "publish_by", date_json(t->publish_by));
	json_object_set_new(j, "published_on", date_json(t->published_on));
	json_object_set_new(j, "notice", t->notice_id ? json_integer(t->notice_id) : json_null());
	return j;
}

int api_titles(struct req *r)
{
	int64_t unit = 0;
	struct title_kind *kinds;
	struct title_round *rounds;
	size_t nk, nr;
	int rc = req_query_int(r, "unit", 1, REQ_ID_MAX, 0, &unit);
	if (rc || (rc = title_kinds(&r->ctx, &kinds, &nk)) ||
	    (rc = title_round_list(&r->ctx, unit, &rounds, &nr)))
		return rc;
	json_t *k = json_array(), *a = json_array();
	for (size_t i = 0; i < nk; i++)
		json_array_append_new(k, kind_json(&kinds[i]));
	for (size_t i = 0; i < nr; i++)
		json_array_append_new(a, round_json(&rounds[i]));
	api_send(r, 200, json_pack("{s:o, s:o}", "titles", k, "rounds", a));
	return 0;
}

static int send_round(struct req *r, int status, int64_t id)
{
	struct title_round t;
	struct title_tally *tv;
	struct title_candidate *cv;
	size_t nt, nc;
	int rc = title_round_get(&r->ctx, id, &t);
	if (rc || (rc = title_tallies(&r->ctx, id, &tv, &nt)))
		return rc;
	json_t *j = round_json(&t), *ta = json_array();
	for (size_t i = 0; i < nt; i++) {
		if (t.kind.subject != TS_HOUSEHOLD && !tv[i].awarded)
			continue;
		json_array_append_new(ta, json_pack("{s:I, s:s, s:I, s:I, s:I}", "unit",
						    (json_int_t)tv[i].unit_id, "name", tv[i].unit_name,
						    "households", (json_int_t)tv[i].households,
						    "registered", (json_int_t)tv[i].registered,
						    "awarded", (json_int_t)tv[i].awarded));
	}
	json_object_set_new(j, "tallies", ta);
	/* the candidates, for those who evaluate them; the public never */
	rc = title_candidates(&r->ctx, id, 0, &cv, &nc);
	if (rc && rc != DV_EPERM)
		return rc;
	if (!rc) {
		json_t *ca = json_array();
		for (size_t i = 0; i < nc; i++) {
			json_t *c = json_pack("{s:I, s:s, s:I, s:I, s:s, s:s}", "id",
					      (json_int_t)cv[i].id, "subject",
					      title_subject_name(cv[i].subject), "ref",
					      (json_int_t)cv[i].ref, "unit", (json_int_t)cv[i].unit_id,
					      "name", cv[i].name, "status",
					      candidate_status_name(cv[i].status));
			json_object_set_new(c, "count",
					    cv[i].voted ? json_pack("{s:I, s:I, s:I, s:I}", "yes",
								    (json_int_t)cv[i].yes, "no",
								    (json_int_t)cv[i].no, "abstain",
								    (json_int_t)cv[i].abstain,
								    "present",
								    (json_int_t)cv[i].present)
							: json_null());
			if (*cv[i].exclusion)
				json_object_set_new(c, "exclusion", json_string(cv[i].exclusion));
			json_array_append_new(ca, c);
		}
		json_object_set_new(j, "candidates", ca);
	}
	dv_err_clear(&r->ctx.err);
	if (status == 201)
		res_header(r, "location", link_api(r, "titles", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_title_round(struct req *r)
{
	return send_round(r, 200, r->params[0]);
}

int api_title_create(struct req *r)
{
	json_t *body;
	const char *kind = NULL;
	int64_t unit = 0, year = 0, id;
	int has_unit = 0, has_year = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "kind", &kind);
	if (!rc)
		rc = api_int(r, body, "unit", &unit, &has_unit);
	if (!rc)
		rc = api_int(r, body, "year", &year, &has_year);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_unit)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say which unit decides");
	if (!has_year || year < 1900 || year > 9999)
		return dv_fail(&r->ctx.err, DV_EINVAL, "year", "No such year");
	if ((rc = title_round_open(&r->ctx, kind, unit, (int)year, &id)))
		return rc;
	return send_round(r, 201, id);
}

int api_title_register(struct req *r)
{
	json_t *body;
	size_t added = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	json_t *a = json_object_get(body, "refs");
	if (!json_is_array(a) || json_array_size(a) > TITLE_REGISTER_MAX) {
		json_decref(body);
		return dv_fail(&r->ctx.err, DV_EINVAL, "refs",
			       "refs is a list of at most %d ids", TITLE_REGISTER_MAX);
	}
	size_t n = json_array_size(a), i;
	int64_t *ids = arena_array(&r->arena, int64_t, n + 1);
	json_t *x;
	json_array_foreach(a, i, x)
	{
		if (!json_is_integer(x)) {
			json_decref(body);
			return dv_fail(&r->ctx.err, DV_EINVAL, "refs", "refs is a list of ids");
		}
		ids[i] = json_integer_value(x);
	}
	json_decref(body);
	if ((rc = title_register(&r->ctx, r->params[0], ids, n, &added)))
		return rc;
	api_send(r, 200, json_pack("{s:I}", "added", (json_int_t)added));
	return 0;
}

int api_title_meeting(struct req *r)
{
	json_t *body;
	int64_t unit = 0, matter = 0;
	int has_unit = 0;
	const char *at = NULL, *place = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &unit, &has_unit);
	if (!rc)
		rc = api_str(r, body, "starts_at", &at);
	if (!rc)
		rc = api_str(r, body, "place", &place);
	json_decref(body);
	if (rc)
		return rc;
	int64_t when = at ? time_parse_iso(at) : 0;
	if (!when)
		return dv_fail(&r->ctx.err, DV_EINVAL, "starts_at",
			       "Give when the meeting starts, as 2026-12-10T19:00:00+07:00");
	if ((rc = title_meeting_call(&r->ctx, r->params[0], unit, when, place, &matter)))
		return rc;
	res_header(r, "location", link_api(r, "matters", matter, NULL));
	api_send(r, 201, json_pack("{s:I}", "matter", (json_int_t)matter));
	return 0;
}

int api_title_propose(struct req *r)
{
	json_t *body;
	int64_t unit = 0;
	int has = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &unit, &has);
	json_decref(body);
	if (rc || (rc = title_propose(&r->ctx, r->params[0], unit)))
		return rc;
	return send_round(r, 200, r->params[0]);
}

int api_title_decide(struct req *r)
{
	json_t *body;
	const char *number = NULL, *on = NULL, *signer = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "number", &number);
	if (!rc)
		rc = api_str(r, body, "decided_on", &on);
	if (!rc)
		rc = api_str(r, body, "signer", &signer);
	json_decref(body);
	if (rc || (rc = title_decide(&r->ctx, r->params[0], number, on, signer)))
		return rc;
	return send_round(r, 200, r->params[0]);
}

int api_title_publish(struct req *r)
{
	int late = 0;
	int rc = title_publish(&r->ctx, r->params[0], &late);
	return rc ? rc : send_round(r, 200, r->params[0]);
}

int api_title_vote(struct req *r)
{
	json_t *body;
	int64_t yes = 0, no = 0, abstain = 0;
	int has;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "yes", &yes, &has);
	if (!rc)
		rc = api_int(r, body, "no", &no, &has);
	if (!rc)
		rc = api_int(r, body, "abstain", &abstain, &has);
	json_decref(body);
	if (rc || (rc = title_vote(&r->ctx, r->params[0], yes, no, abstain)))
		return rc;
	api_send(r, 200, json_pack("{s:I}", "id", (json_int_t)r->params[0]));
	return 0;
}

int api_title_exclude(struct req *r)
{
	json_t *body;
	const char *reason = NULL, *note = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "reason", &reason);
	if (!rc)
		rc = api_str(r, body, "note", &note);
	json_decref(body);
	if (rc || (rc = title_exclude(&r->ctx, r->params[0], reason, note)))
		return rc;
	api_send(r, 200, json_pack("{s:I}", "id", (json_int_t)r->params[0]));
	return 0;
}

int api_title_evaluate(struct req *r)
{
	json_t *body;
	const char *note = NULL;
	int meets = -1;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_bool(r, body, "meets", &meets);
	if (!rc)
		rc = api_str(r, body, "note", &note);
	json_decref(body);
	if (rc)
		return rc;
	if (meets < 0)
		return dv_fail(&r->ctx.err, DV_EINVAL, "meets", "Say whether it meets the criteria");
	if ((rc = title_evaluate(&r->ctx, r->params[0], meets, note)))
		return rc;
	api_send(r, 200, json_pack("{s:I}", "id", (json_int_t)r->params[0]));
	return 0;
}

int api_household_titles(struct req *r)
{
	struct title_held *v;
	size_t n;
	int consecutive;
	int rc = title_household(&r->ctx, r->params[0], &v, &n, &consecutive);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:i, s:s, s:I, s:s, s:o}", "year", v[i].year,
						   "title", v[i].name, "round",
						   (json_int_t)v[i].round_id, "decision",
						   v[i].decision_no, "decided_on",
						   date_json(v[i].decided_on)));
	api_send(r, 200, json_pack("{s:o, s:i}", "titles", a, "consecutive_years", consecutive));
	return 0;
}

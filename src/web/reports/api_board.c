/*
 * The People's Inspection Board in the JSON API: the board of a ward with
 * its members, the rules and its cases; a case with its findings,
 * recommendations and answers; the board's and the authority's writes.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "web/api.h"
#include "web/link.h"
#include "web/reports/reports_impl.h"

static json_t *day(int32_t ymd)
{
	char s[16];
	int y, m, d;
	if (!ymd)
		return json_null();
	date_split(ymd, &y, &m, &d);
	snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
	return json_string(s);
}

static json_t *case_json(const struct inspection_case *c)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:I, s:I, s:o}", "id",
			      (json_int_t)c->id, "source", case_source_name(c->source), "status",
			      case_status_name(c->status), "title", c->title, "subject", c->subject,
			      "opened_on", day(c->opened_on), "closed_on", day(c->closed_on),
			      "recommendations", (json_int_t)c->recommendations, "answered",
			      (json_int_t)c->answered, "overdue", (json_int_t)c->overdue, "report",
			      c->report_id ? json_integer(c->report_id) : json_null());
	if (*c->complainant)
		json_object_set_new(j, "complainant", json_string(c->complainant));
	return j;
}

int api_board(struct req *r)
{
	struct board b;
	struct inspection_case *cases;
	size_t n;
	int more;
	int rc = board_get(&r->ctx, r->params[0], &b);
	if (rc || (rc = inspection_case_list(&r->ctx, b.ward_id, 0, 0, 0, CASE_PAGE_MAX, &cases, &n,
					     &more)))
		return rc;
	json_t *members = json_array(), *communities = json_array(), *cs = json_array();
	for (size_t i = 0; i < b.nmembers; i++)
		json_array_append_new(
			members, json_pack("{s:I, s:s, s:s, s:{s:I, s:s}, s:I}", "id",
					   (json_int_t)b.members[i].id, "name", b.members[i].name,
					   "position", member_position_name(b.members[i].position),
					   "community", "id", (json_int_t)b.members[i].unit_id,
					   "name", b.members[i].unit_name, "elected_by",
					   (json_int_t)b.members[i].matter_id));
	for (size_t i = 0; i < b.ncommunities; i++)
		json_array_append_new(communities,
				      json_pack("{s:I, s:s, s:I}", "unit",
						(json_int_t)b.communities[i].unit_id, "name",
						b.communities[i].name, "members",
						(json_int_t)b.communities[i].members));
	for (size_t i = 0; i < n; i++)
		json_array_append_new(cs, case_json(&cases[i]));
	api_send(r, 200,
		 json_pack("{s:{s:I, s:s}, s:s, s:o, s:o, s:{s:I, s:I}, s:o, s:o}", "ward", "id",
			   (json_int_t)b.ward_id, "name", b.ward_name, "status",
			   board_status_name(b.status), "constituted_at",
			   b.constituted_at ? json_string(api_time(r, b.constituted_at))
					    : json_null(),
			   "members", members, "rules", "members_min", (json_int_t)b.members_min,
			   "per_community", (json_int_t)b.per_community, "communities", communities,
			   "cases", cs));
	return 0;
}

static int send_case(struct req *r, int status, int64_t id)
{
	struct inspection_case c;
	int rc = inspection_case_get(&r->ctx, id, &c);
	if (rc)
		return rc;
	json_t *j = case_json(&c), *e = json_array(), *recs = json_array();
	for (size_t i = 0; i < c.nentries; i++)
		json_array_append_new(
			e, json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)c.entries[i].id,
				     "kind", entry_kind_name(c.entries[i].kind), "text",
				     c.entries[i].text, "on", day(c.entries[i].on_date)));
	for (size_t i = 0; i < c.nrecs; i++) {
		const struct inspection_rec *x = &c.recs[i];
		json_array_append_new(
			recs,
			json_pack("{s:I, s:s, s:o, s:o, s:b, s:o, s:s, s:o}", "id",
				  (json_int_t)x->id, "text", x->text, "sent_on", day(x->sent_on),
				  "due", day(x->due), "overdue", x->overdue, "outcome",
				  x->outcome == OUTCOME_NONE
					  ? json_null()
					  : json_string(outcome_name(x->outcome)),
				  "answer", x->answer, "answered_at",
				  x->answered_at ? json_string(api_time(r, x->answered_at))
						 : json_null()));
	}
	json_object_set_new(
		j, "ward",
		json_pack("{s:I, s:s}", "id", (json_int_t)c.ward_id, "name", c.ward_name));
	json_object_set_new(j, "entries", e);
	json_object_set_new(j, "recommendations", recs);
	json_object_set_new(j, "conclusion", json_string(c.conclusion));
	if (status == 201)
		res_header(r, "location", link_api(r, "inspection-cases", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_case(struct req *r)
{
	return send_case(r, 200, r->params[0]);
}

int api_case_open(struct req *r)
{
	json_t *body;
	struct case_input in = {0};
	int64_t id = 0;
	int present = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "source", &in.source);
	if (!rc)
		rc = api_int(r, body, "report", &in.report_id, &present);
	if (!rc)
		rc = api_str(r, body, "complainant", &in.complainant);
	if (!rc)
		rc = api_str(r, body, "title", &in.title);
	if (!rc)
		rc = api_str(r, body, "subject", &in.subject);
	json_decref(body);
	if (rc || (rc = inspection_case_open(&r->ctx, r->params[0], &in, &id)))
		return rc;
	return send_case(r, 201, id);
}

int api_case_entry(struct req *r)
{
	json_t *body;
	const char *kind = NULL, *text = NULL, *on = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "kind", &kind);
	if (!rc)
		rc = api_str(r, body, "text", &text);
	if (!rc)
		rc = api_str(r, body, "on", &on);
	json_decref(body);
	if (rc || (rc = inspection_entry_add(&r->ctx, r->params[0], kind, text, on, NULL)))
		return rc;
	return send_case(r, 201, r->params[0]);
}

int api_case_recommend(struct req *r)
{
	const char *text;
	int rc = api_body_str(r, "text", &text);
	if (rc || (rc = inspection_recommend(&r->ctx, r->params[0], text, NULL)))
		return rc;
	return send_case(r, 201, r->params[0]);
}

int api_rec_answer(struct req *r)
{
	json_t *body;
	const char *outcome = NULL, *answer = NULL;
	int64_t case_id = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "outcome", &outcome);
	if (!rc)
		rc = api_str(r, body, "answer", &answer);
	json_decref(body);
	if (rc || (rc = inspection_rec_case(&r->ctx, r->params[0], &case_id)) ||
	    (rc = inspection_answer(&r->ctx, r->params[0], outcome, answer)))
		return rc;
	return send_case(r, 200, case_id);
}

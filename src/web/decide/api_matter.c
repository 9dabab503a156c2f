/*
 * API for matters residents decide (docs/openapi.yaml):
 *
 *   GET  /api/v1/matters?unit=ID&status=open|closed|draft&offset=&limit=
 *   POST /api/v1/matters                       a draft (the community head)
 *   GET  /api/v1/matters/{id}                  the matter, its result once closed
 *   POST /api/v1/matters/{id}/agree | /open
 *   GET  /api/v1/matters/{id}/ballot           how the caller's household took part
 *   POST /api/v1/matters/{id}/ballot           vote: {"choice": "yes"}; the answer
 *                                              carries the receipt, given this once
 *   GET  /api/v1/matters/{id}/tally.json | /tally.csv   public once closed
 *   GET  /api/v1/rules
 *
 * A matter is sent as an object of its own (not wrapped), so that
 * `.result.passed` reads the same on every matter.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/decide/matter.h"
#include "base/text.h"
#include "domain/decide/election.h"
#include "domain/decide/meeting.h"
#include "domain/rules.h"
#include "web/link.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/decide/decide_impl.h"

#define LIST_DEFAULT 20
#define ID_MAX 999999999999999LL

static json_t *result_json(struct req *r, const struct matter *m)
{
	if (!m->has_result)
		return json_null();
	json_t *j = json_pack("{s:b, s:s, s:I, s:o, s:I, s:i}", "passed", m->result.passed,
			      "reason", matter_reason(&r->ctx, m), "eligible",
			      (json_int_t)m->result.eligible, "present",
			      m->result.present >= 0 ? json_integer(m->result.present) : json_null(),
			      "cast", (json_int_t)m->result.cast, "threshold", m->result.threshold);
	if (m->form == FORM_MEETING) {
		json_object_set_new(j, "yes", m->result_voted ? json_integer(m->result.yes)
							      : json_null());
		json_object_set_new(j, "no", m->result_voted ? json_integer(m->result.no)
							     : json_null());
		json_object_set_new(j, "abstain", m->result_voted ? json_integer(m->result.abstain)
								  : json_null());
	} else if (m->yesno) {
		json_object_set_new(j, "yes", json_integer(m->result.yes));
		json_object_set_new(j, "no", json_integer(m->result.no));
		json_object_set_new(j, "abstain", json_integer(m->result.abstain));
	}
	if (!m->yesno)
		json_object_set_new(j, "winner",
				    m->result.winner ? json_string(m->result.winner) : json_null());
	return j;
}

/* The meeting of a meeting-form matter, or null. */
static json_t *meeting_json(struct req *r, const struct matter *mt)
{
	struct meeting m;
	struct matter again;
	if (mt->form != FORM_MEETING || meeting_get(&r->ctx, mt->id, &again, &m))
		return json_null();
	json_t *motions = json_array();
	for (size_t i = 0; i < m.nmotions; i++) {
		const struct motion *o = &m.motions[i];
		json_t *j = json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)o->id, "text",
				      o->text, "method", motion_method_name(o->method),
				      "decided", o->decided);
		if (o->decided)
			json_object_set_new(j, "result",
					    json_pack("{s:I, s:I, s:I, s:I, s:i, s:b}", "yes",
						      (json_int_t)o->yes, "no", (json_int_t)o->no,
						      "abstain", (json_int_t)o->abstain, "present",
						      (json_int_t)o->present, "majority", o->majority,
						      "passed", o->passed));
		if (o->by_option) {
			json_t *by = json_object();
			for (size_t k = 0; k < mt->noptions; k++)
				json_object_set_new(by, mt->options[k].code,
						    json_integer(o->option_votes[k]));
			json_object_set_new(j, "votes", by);
		}
		json_array_append_new(motions, j);
	}
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:i, s:b, s:o, s:o}", "starts_at",
			 api_time(r, m.starts_at), "place", m.place, "status",
			 meeting_status_name(m.status), "eligible", (json_int_t)m.eligible,
			 "present", (json_int_t)m.present, "quorum", m.quorum, "quorate", m.quorate,
			 "motions", motions, "followup",
			 m.followup_id ? json_integer(m.followup_id) : json_null());
}

/* A head election's plan and team, or null. */
static json_t *election_json(struct req *r, const struct matter *mt)
{
	struct election e;
	if (mt->type != MT_HEAD || election_get(&r->ctx, mt->id, &e))
		return json_null();
	json_t *team = json_array();
	const char *names[16];
	size_t n = text_lines(&r->arena, e.team, names, 16);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(team, json_string(names[i]));
	return json_pack("{s:o, s:o, s:o}", "plan_on", date_json(e.plan_on), "team", team,
			 "team_on", date_json(e.team_on));
}

static json_t *matter_json(struct req *r, const struct matter *m)
{
	json_t *opts = json_array();
	for (size_t i = 0; i < m->noptions; i++) {
		json_t *o = json_pack("{s:s, s:s}", "code", m->options[i].code, "label",
				      m->yesno ? T(r, m->options[i].label) : m->options[i].label);
		if (m->has_result)
			json_object_set_new(o, "votes", json_integer(m->options[i].votes));
		json_array_append_new(opts, o);
	}
	json_t *j = json_pack("{s:I, s:i, s:s, s:s, s:s, s:s, s:{s:I, s:s}, s:o, s:I, s:I}", "id",
			      (json_int_t)m->id, "type", m->type, "type_label",
			      T(r, matter_type_label(m->type)), "form", matter_form_name(m->form),
			      "status", matter_status_name(m->status), "title", m->title, "unit",
			      "id", (json_int_t)m->unit_id, "name", m->unit_name, "options", opts,
			      "eligible", (json_int_t)m->eligible, "cast", (json_int_t)m->cast);
	json_object_set_new(j, "body", json_string(m->body));
	json_object_set_new(j, "closes_at",
			    m->closes_at ? json_string(api_time(r, m->closes_at)) : json_null());
	json_object_set_new(j, "agreements", json_pack("{s:b, s:b}", "head", m->head_agreed,
						       "front", m->front_agreed));
	json_object_set_new(j, "result", result_json(r, m));
	json_object_set_new(j, "meeting", meeting_json(r, m));
	json_object_set_new(j, "election", election_json(r, m));
	json_object_set_new(j, "tally_sha256",
			    m->has_result && *m->tally_sha256 ? json_string(m->tally_sha256)
							      : json_null());
	return j;
}

static int send_matter(struct req *r, int status, int64_t id)
{
	struct matter m;
	int rc = matter_get(&r->ctx, id, &m);
	if (rc)
		return rc;
	if (status == 201)
		res_header(r, "location", link_api(r, "matters", id, NULL));
	api_send(r, status, matter_json(r, &m));
	return 0;
}

int api_matters(struct req *r)
{
	struct matter_filter f = {.status = -1};
	int64_t offset = 0, limit = LIST_DEFAULT;
	struct matter *v;
	size_t n;
	int more;
	int rc = req_query_int(r, "unit", 1, ID_MAX, 0, &f.unit_id);
	if (!rc)
		rc = req_query_int(r, "offset", 0, 1000000, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, MATTER_PAGE_MAX, 0, &limit);
	if (!rc)
		rc = req_query_enum(r, "status", matter_status_names, MS_STATUS_COUNT, &f.status);
	if (!rc)
		rc = matter_list(&r->ctx, &f, offset, (int)limit, &v, &n, &more);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *j = matter_json(r, &v[i]);
		json_object_del(j, "body");
		json_array_append_new(a, j);
	}
	api_send(r, 200, json_pack("{s:o, s:b}", "matters", a, "more", more));
	return 0;
}

int api_matter(struct req *r)
{
	return send_matter(r, 200, r->params[0]);
}

/* The "options" member: an array of labels, or absent for agree/disagree. */
static int read_options(struct req *r, json_t *body, struct matter_input *in)
{
	json_t *a = json_object_get(body, "options"), *x;
	size_t i;
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > MATTER_OPTIONS_MAX)
		return dv_fail(&r->ctx.err, DV_EINVAL, "options",
			       "options must be an array of at most %d labels", MATTER_OPTIONS_MAX);
	const char **v = arena_array(&r->arena, const char *, json_array_size(a) + 1);
	json_array_foreach(a, i, x)
	{
		if (!json_is_string(x))
			return dv_fail(&r->ctx.err, DV_EINVAL, "options",
				       "options must be an array of at most %d labels",
				       MATTER_OPTIONS_MAX);
		v[i] = arena_strdup(&r->arena, json_string_value(x));
	}
	in->options = v;
	in->noptions = json_array_size(a);
	return 0;
}

int api_matter_create(struct req *r)
{
	json_t *body;
	struct matter_input in = {0};
	int64_t type = 0, id;
	int has_unit = 0, has_type = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &in.unit_id, &has_unit);
	if (!rc)
		rc = api_int(r, body, "type", &type, &has_type);
	if (!rc)
		rc = api_str(r, body, "form", &in.form);
	if (!rc)
		rc = api_str(r, body, "title", &in.title);
	if (!rc)
		rc = api_str(r, body, "body", &in.body);
	if (!rc)
		rc = read_options(r, body, &in);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_unit)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say which community decides");
	in.type = type >= MT_FIRST && type <= MT_LAST ? (int)type : 0;
	if ((rc = matter_create(&r->ctx, &in, &id)))
		return rc;
	return send_matter(r, 201, id);
}

int api_matter_agree(struct req *r)
{
	int rc = matter_agree(&r->ctx, r->params[0]);
	return rc ? rc : send_matter(r, 200, r->params[0]);
}

int api_matter_open(struct req *r)
{
	int64_t at;
	int rc = api_body_instant(r, "closes_at", &at);
	if (rc || (rc = matter_open(&r->ctx, r->params[0], at)))
		return rc;
	return send_matter(r, 200, r->params[0]);
}

/* How the caller's household took part: null (not yet), "online" or
 * "paper". No receipt: the system keeps none with a household. */
int api_ballot(struct req *r)
{
	struct matter m;
	const char *how;
	int rc = matter_get(&r->ctx, r->params[0], &m);
	if (!rc && (rc = ballot_mine(&r->ctx, m.id, &how)) == DV_ENOTFOUND)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
			       "Your household has no ballot in this matter");
	if (rc)
		return rc;
	api_send(r, 200,
		 json_pack("{s:I, s:o}", "matter", (json_int_t)m.id, "how",
			   *how ? json_string(how) : json_null()));
	return 0;
}

/* The ballot as cast, with its receipt: the one answer that carries it. */
int api_ballot_cast(struct req *r)
{
	const char *choice, *receipt;
	int rc = api_body_str(r, "choice", &choice);
	if (rc || (rc = ballot_cast(&r->ctx, r->params[0], choice, &receipt)))
		return rc;
	api_send(r, 200,
		 json_pack("{s:I, s:s, s:s}", "matter", (json_int_t)r->params[0], "receipt",
			   receipt, "choice", choice));
	return 0;
}

int api_matter_tally_json(struct req *r)
{
	struct matter m;
	struct tally_row *v;
	size_t n;
	int rc = matter_get(&r->ctx, r->params[0], &m);
	if (rc || (rc = matter_tally(&r->ctx, m.id, &v, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "receipt", v[i].receipt, "choice",
						   v[i].choice));
	api_send(r, 200,
		 json_pack("{s:I, s:o, s:s, s:I}", "matter", (json_int_t)m.id, "ballots", a,
			   "sha256", m.tally_sha256, "eligible", (json_int_t)m.eligible));
	return 0;
}

int api_matter_tally_csv(struct req *r)
{
	struct matter m;
	struct tally_row *v;
	size_t n;
	int rc = matter_get(&r->ctx, r->params[0], &m);
	if (rc || (rc = matter_tally(&r->ctx, m.id, &v, &n)))
		return rc;
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"tally-%lld.csv\"", (long long)m.id));
	tally_csv(&r->out, v, n);
	return 0;
}

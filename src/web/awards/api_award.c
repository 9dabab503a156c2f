/*
 * Commendation in the JSON API: the public register, decisions and the
 * verification of a certificate's code; rounds, nominations, the council's
 * members, sessions and votes, the decision, revocation; the restricted
 * register.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/rules.h"
#include "web/api.h"
#include "web/api_json.h"
#include "web/awards/awards.h"
#include "web/awards/awards_impl.h"
#include "web/emulation/emulation.h"
#include "web/link.h"

#define LIST_DEFAULT 20

/* --------------------------------------------------------------- public */

static json_t *decision_json(struct req *r, const struct award_decision *d)
{
	json_t *j = json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:I, s:s, s:{s:I, s:s}, s:I, "
			      "s:I, s:s}",
			      "id", (json_int_t)d->id, "number", d->number, "signed_on",
			      date_json(d->signed_on), "authority", d->authority, "signer_title",
			      d->signer_title, "signer_name", d->signer_name, "place", d->place,
			      "round", (json_int_t)d->round_id, "name", d->round_name, "unit", "id",
			      (json_int_t)d->unit_id, "name", d->unit_name, "awards",
			      (json_int_t)d->awards, "forwarded", (json_int_t)d->forwarded, "url",
			      link_award_decision(r, d->id, NULL));
	json_object_set_new(j, "notice", d->notice_id ? json_integer(d->notice_id) : json_null());
	return j;
}

static json_t *award_json(struct req *r, const struct award *a)
{
	const struct award_form_info *fi = award_form_info(a->form);
	json_t *j = json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)a->id,
			      "subject", emulation_subject_json(&a->subject), "form",
			      award_form_name(a->form), "paper", fi->name_vi, "achievement",
			      a->achievement, "code", a->code, "verify",
			      link_verify(r, a->code));
	json_object_set_new(j, "revoked",
			    a->revoked_at ? json_pack("{s:s, s:s}", "at",
						      api_time(r, a->revoked_at), "reason",
						      a->revoked_reason)
					  : json_null());
	return j;
}

int api_awards(struct req *r)
{
	int64_t unit = 0, offset = 0, limit = LIST_DEFAULT;
	struct award *v;
	size_t n;
	int more;
	int rc = req_query_int(r, "unit", 1, REQ_ID_MAX, 0, &unit);
	if (!rc)
		rc = req_query_int(r, "offset", 0, 1000000, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, AWARD_PAGE_MAX, 0, &limit);
	if (rc || (rc = award_search(&r->ctx, unit, req_query(r, "q"), offset, (int)limit, &v, &n,
				     &more)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *x = award_json(r, &v[i]);
		json_object_set_new(x, "decision",
				    json_pack("{s:I, s:s, s:o}", "id",
					      (json_int_t)v[i].decision.id, "number",
					      v[i].decision.number, "signed_on",
					      date_json(v[i].decision.signed_on)));
		json_array_append_new(a, x);
	}
	api_send(r, 200, json_pack("{s:o, s:b}", "awards", a, "more", more));
	return 0;
}

int api_award_verify(struct req *r)
{
	struct award a;
	int rc = award_verify(&r->ctx, r->sparam, &a);
	if (rc)
		return rc;
	json_t *j = award_json(r, &a);
	json_object_set_new(j, "decision", decision_json(r, &a.decision));
	json_object_set_new(j, "valid", json_boolean(!a.revoked_at));
	api_send(r, 200, j);
	return 0;
}

static int send_decision(struct req *r, int status, int64_t id)
{
	struct award_decision d;
	struct award *v;
	size_t n;
	int rc = award_decision_get(&r->ctx, id, &d);
	if (rc || (rc = award_list(&r->ctx, id, &v, &n)))
		return rc;
	json_t *j = decision_json(r, &d), *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, award_json(r, &v[i]));
	json_object_set_new(j, "list", a);
	if (status == 201)
		res_header(r, "location", link_api(r, "award-decisions", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_award_decision(struct req *r)
{
	return send_decision(r, 200, r->params[0]);
}

int api_award_revoke(struct req *r)
{
	const char *reason;
	struct award a;
	int rc = api_body_str(r, "reason", &reason);
	if (rc || (rc = award_revoke(&r->ctx, r->params[0], reason)) ||
	    (rc = award_get(&r->ctx, r->params[0], &a)))
		return rc;
	api_send(r, 200, award_json(r, &a));
	return 0;
}

/* --------------------------------------------------------------- rounds */

static json_t *nomination_json(const struct nomination *n)
{
	json_t *j = json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)n->id,
			      "subject", emulation_subject_json(&n->subject), "proposer",
			      n->proposer, "form", award_form_name(n->form), "achievement",
			      n->achievement, "status", nomination_status_name(n->status),
			      "higher_level", n->forwarded_form);
	json_object_set_new(j, "source",
			    n->source ? json_pack("{s:s, s:I}", "kind",
						  achievement_source_name(n->source), "id",
						  (json_int_t)n->source_id)
				      : json_null());
	json_object_set_new(j, "count",
			    n->voted ? json_pack("{s:I, s:I, s:I, s:I}", "yes", (json_int_t)n->yes,
						 "no", (json_int_t)n->no, "abstain",
						 (json_int_t)n->abstain, "present",
						 (json_int_t)n->present)
				     : json_null());
	return j;
}

static int send_round(struct req *r, int status, int64_t id)
{
	struct award_round ar;
	struct nomination *v;
	struct council_session *s;
	size_t n, ns;
	int rc = award_round_get(&r->ctx, id, &ar);
	if (rc || (rc = nomination_list(&r->ctx, id, &v, &n)) ||
	    (rc = council_sessions(&r->ctx, id, &s, &ns)))
		return rc;
	json_t *a = json_array(), *sa = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, nomination_json(&v[i]));
	for (size_t i = 0; i < ns; i++)
		json_array_append_new(sa, json_pack("{s:I, s:o, s:I, s:I, s:b, s:b}", "id",
						    (json_int_t)s[i].id, "held_on",
						    date_json(s[i].held_on), "members",
						    (json_int_t)s[i].members, "present",
						    (json_int_t)s[i].present, "quorate",
						    s[i].quorate, "open", s[i].open));
	json_t *j = json_pack("{s:I, s:s, s:i, s:{s:I, s:s}, s:o, s:b, s:o, s:o}", "id",
			      (json_int_t)ar.id, "name", ar.name, "year", ar.year, "unit", "id",
			      (json_int_t)ar.unit_id, "name", ar.unit_name, "closes_on",
			      date_json(ar.closes_on), "open", ar.open, "nominations", a,
			      "sessions", sa);
	json_object_set_new(j, "decision",
			    ar.decision_id ? json_integer(ar.decision_id) : json_null());
	if (status == 201)
		res_header(r, "location", link_api(r, "award-rounds", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_award_round(struct req *r)
{
	return send_round(r, 200, r->params[0]);
}

int api_award_round_create(struct req *r)
{
	json_t *body;
	struct award_round_input in = {0};
	int64_t year = 0, id;
	int has_unit = 0, has_year = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &in.unit_id, &has_unit);
	if (!rc)
		rc = api_str(r, body, "name", &in.name);
	if (!rc)
		rc = api_int(r, body, "year", &year, &has_year);
	if (!rc)
		rc = api_str(r, body, "closes_on", &in.closes_on);
	json_decref(body);
	if (rc)
		return rc;
	if (!has_unit)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say which unit commends");
	in.year = has_year && year > 0 && year < 10000 ? (int)year : 0;
	if ((rc = award_round_create(&r->ctx, &in, &id)))
		return rc;
	return send_round(r, 201, id);
}

/* A subject in a JSON body, as the movements' API takes it. */
static int subject_member(struct req *r, json_t *body, struct subject_input *in)
{
	json_t *s = json_object_get(body, "subject");
	int present;
	memset(in, 0, sizeof(*in));
	if (!s || !json_is_object(s))
		return dv_fail(&r->ctx.err, DV_EINVAL, "subject",
			       "subject is an object: kind, ref, or name, detail and unit");
	int rc = api_str(r, s, "kind", &in->kind);
	if (!rc)
		rc = api_int(r, s, "ref", &in->ref, &present);
	if (!rc)
		rc = api_str(r, s, "name", &in->name);
	if (!rc)
		rc = api_str(r, s, "detail", &in->detail);
	if (!rc)
		rc = api_int(r, s, "unit", &in->unit_id, &present);
	return rc;
}

int api_nomination_create(struct req *r)
{
	json_t *body;
	struct nomination_input in = {.round_id = r->params[0]};
	int has;
	int64_t id;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &in.unit_id, &has);
	if (!rc)
		rc = api_int(r, body, "organization", &in.organization_id, &has);
	if (!rc)
		rc = subject_member(r, body, &in.subject);
	if (!rc)
		rc = api_str(r, body, "form", &in.form);
	if (!rc)
		rc = api_str(r, body, "achievement", &in.achievement);
	if (!rc)
		rc = api_str(r, body, "source", &in.source);
	if (!rc)
		rc = api_int(r, body, "source_id", &in.source_id, &has);
	json_decref(body);
	if (rc || (rc = nomination_create(&r->ctx, &in, &id)))
		return rc;
	struct nomination n;
	if ((rc = nomination_get(&r->ctx, id, &n)))
		return rc;
	res_header(r, "location", link_api(r, "award-rounds", r->params[0], NULL));
	api_send(r, 201, nomination_json(&n));
	return 0;
}

int api_nomination_withdraw(struct req *r)
{
	struct nomination n;
	int rc = nomination_withdraw(&r->ctx, r->params[0]);
	if (rc || (rc = nomination_get(&r->ctx, r->params[0], &n)))
		return rc;
	api_send(r, 200, nomination_json(&n));
	return 0;
}

/* ------------------------------------------------------------ the council */

static int ids_member(struct req *r, json_t *body, const char *key, int64_t **out, size_t *n)
{
	json_t *a = json_object_get(body, key), *x;
	size_t i;
	*n = 0;
	*out = NULL;
	if (!json_is_array(a) || json_array_size(a) > COUNCIL_MEMBERS_MAX)
		return dv_fail(&r->ctx.err, DV_EINVAL, key, "%s is a list of at most %d ids", key,
			       COUNCIL_MEMBERS_MAX);
	*out = arena_array(&r->arena, int64_t, json_array_size(a) + 1);
	json_array_foreach(a, i, x)
	{
		if (!json_is_integer(x))
			return dv_fail(&r->ctx.err, DV_EINVAL, key, "%s is a list of ids", key);
		(*out)[(*n)++] = json_integer_value(x);
	}
	return 0;
}

static int send_session(struct req *r, int status, int64_t id)
{
	struct council_session s;
	int rc = council_session_get(&r->ctx, id, &s);
	if (rc)
		return rc;
	json_t *m = json_array();
	for (size_t i = 0; i < s.nattendance; i++)
		json_array_append_new(m, json_pack("{s:I, s:s, s:s, s:b}", "id",
						   (json_int_t)s.attendance[i].id, "name",
						   s.attendance[i].name, "position",
						   s.attendance[i].position, "present",
						   s.attendance[i].present));
	int64_t num, den;
	rule_fraction(s.quorum, &num, &den);
	json_t *j = json_pack("{s:I, s:I, s:o, s:s, s:I, s:I, s:s, s:i, s:b, s:b, s:o}", "id",
			      (json_int_t)s.id, "round", (json_int_t)s.round_id, "held_on",
			      date_json(s.held_on), "place", s.place, "members",
			      (json_int_t)s.members, "present", (json_int_t)s.present, "quorum",
			      arena_printf(&r->arena, "%lld/%lld", (long long)num, (long long)den),
			      "majority", s.majority, "quorate", s.quorate, "open", s.open,
			      "attendance", m);
	if (status == 201)
		res_header(r, "location", link_api(r, "council-sessions", id, NULL));
	api_send(r, status, j);
	return 0;
}

int api_session(struct req *r)
{
	return send_session(r, 200, r->params[0]);
}

int api_session_open(struct req *r)
{
	json_t *body;
	const char *held_on = NULL, *place = NULL;
	int64_t *present = NULL, id;
	size_t n = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "held_on", &held_on);
	if (!rc)
		rc = api_str(r, body, "place", &place);
	if (!rc)
		rc = ids_member(r, body, "present", &present, &n);
	json_decref(body);
	if (rc || (rc = council_session_open(&r->ctx, r->params[0], held_on, place, present, n, &id)))
		return rc;
	return send_session(r, 201, id);
}

int api_session_vote(struct req *r)
{
	json_t *body, *votes, *x;
	int64_t nomination = 0;
	int has = 0, passed = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "nomination", &nomination, &has);
	votes = json_object_get(body, "votes");
	if (!rc && (!json_is_array(votes) || json_array_size(votes) > COUNCIL_MEMBERS_MAX))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "votes",
			     "votes is a list of {\"member\": id, \"vote\": yes|no|abstain}");
	size_t n = rc ? 0 : json_array_size(votes), i;
	int64_t *members = arena_array(&r->arena, int64_t, n + 1);
	const char **choices = arena_array(&r->arena, const char *, n + 1);
	if (!rc)
		json_array_foreach(votes, i, x)
		{
			json_t *m = json_object_get(x, "member"), *v = json_object_get(x, "vote");
			if (!json_is_integer(m) || !json_is_string(v)) {
				rc = dv_fail(&r->ctx.err, DV_EINVAL, "votes",
					     "votes is a list of {\"member\": id, \"vote\": "
					     "yes|no|abstain}");
				break;
			}
			members[i] = json_integer_value(m);
			choices[i] = arena_strdup(&r->arena, json_string_value(v));
		}
	json_decref(body);
	if (rc)
		return rc;
	if (!has)
		return dv_fail(&r->ctx.err, DV_EINVAL, "nomination", "Say which nomination");
	if ((rc = council_vote(&r->ctx, r->params[0], nomination, members, choices, n, &passed)))
		return rc;
	struct nomination nm;
	if ((rc = nomination_get(&r->ctx, nomination, &nm)))
		return rc;
	api_send(r, 200, nomination_json(&nm));
	return 0;
}

int api_session_close(struct req *r)
{
	int rc = council_session_close(&r->ctx, r->params[0]);
	return rc ? rc : send_session(r, 200, r->params[0]);
}

int api_award_decide(struct req *r)
{
	json_t *body;
	struct decision_input in = {.round_id = r->params[0]};
	int64_t id;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "number", &in.number);
	if (!rc)
		rc = api_str(r, body, "signed_on", &in.signed_on);
	if (!rc)
		rc = api_str(r, body, "authority", &in.authority);
	if (!rc)
		rc = api_str(r, body, "signer_title", &in.signer_title);
	if (!rc)
		rc = api_str(r, body, "signer_name", &in.signer_name);
	if (!rc)
		rc = api_str(r, body, "place", &in.place);
	json_decref(body);
	if (rc || (rc = award_decide(&r->ctx, &in, &id)))
		return rc;
	return send_decision(r, 201, id);
}

int api_council_members(struct req *r)
{
	int64_t unit = 0;
	struct council_member *m;
	size_t n;
	int rc = req_query_int(r, "unit", 1, REQ_ID_MAX, 1, &unit);
	if (rc || (rc = council_members(&r->ctx, unit, &m, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)m[i].id,
						   "name", m[i].name, "position", m[i].position));
	api_send(r, 200, json_pack("{s:o}", "members", a));
	return 0;
}

int api_council_member_add(struct req *r)
{
	json_t *body;
	const char *name = NULL, *position = NULL;
	int64_t unit = 0, id;
	int has = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &unit, &has);
	if (!rc)
		rc = api_str(r, body, "name", &name);
	if (!rc)
		rc = api_str(r, body, "position", &position);
	json_decref(body);
	if (rc)
		return rc;
	if (!has)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say whose council");
	if ((rc = council_member_add(&r->ctx, unit, name, position, &id)))
		return rc;
	api_send(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
	return 0;
}

/* ------------------------------------------------ the restricted register */

int api_restrictions(struct req *r)
{
	int64_t unit = 0;
	struct restriction *v;
	size_t n;
	int rc = req_query_int(r, "unit", 1, REQ_ID_MAX, 1, &unit);
	if (rc || (rc = restriction_list(&r->ctx, unit, &v, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_pack("{s:I, s:o, s:s, s:o, s:o, s:o, s:s, s:b}", "id",
				      (json_int_t)v[i].id, "subject",
				      emulation_subject_json(&v[i].subject), "reason",
				      restriction_reason_name(v[i].reason), "from_on",
				      date_json(v[i].from_on), "until_on", date_json(v[i].until_on),
				      "lifted_on", date_json(v[i].lifted_on), "note", v[i].note,
				      "active", v[i].active);
		json_array_append_new(a, x);
	}
	api_send(r, 200, json_pack("{s:o}", "restrictions", a));
	return 0;
}

int api_restriction_add(struct req *r)
{
	json_t *body;
	struct restriction_input in = {0};
	int has = 0;
	int64_t id;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &in.unit_id, &has);
	if (!rc)
		rc = subject_member(r, body, &in.subject);
	if (!rc)
		rc = api_str(r, body, "reason", &in.reason);
	if (!rc)
		rc = api_str(r, body, "from_on", &in.from_on);
	if (!rc)
		rc = api_str(r, body, "until_on", &in.until_on);
	if (!rc)
		rc = api_str(r, body, "note", &in.note);
	json_decref(body);
	if (rc)
		return rc;
	if (!has)
		return dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say where it is recorded");
	if ((rc = restriction_add(&r->ctx, &in, &id)))
		return rc;
	api_send(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
	return 0;
}

int api_restriction_lift(struct req *r)
{
	const char *on = NULL;
	int rc = api_body_str(r, "on", &on);
	if (rc || (rc = restriction_lift(&r->ctx, r->params[0], on)))
		return rc;
	api_send(r, 200, json_pack("{s:I}", "id", (json_int_t)r->params[0]));
	return 0;
}

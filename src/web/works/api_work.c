/*
 * Works in the JSON API: the list of a unit's works, planning one, a work
 * with its money (its balance in whole đồng), recording an entry, the
 * whole ledger, and a board member's sign-off.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "web/api.h"
#include "web/link.h"
#include "web/works/works_impl.h"

#define ID_MAX	     999999999999999LL
#define LIST_DEFAULT 20

static json_t *day_or_null(int32_t ymd)
{
	if (!ymd)
		return json_null();
	struct buf b = BUF_INIT;
	date_format_iso(&b, ymd);
	json_t *j = json_string(b.ptr);
	buf_release(&b);
	return j;
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *money_json(const struct work_money *m)
{
	json_t *src = json_object();
	for (int i = 0; i < FUND_COUNT; i++)
		json_object_set_new(src, work_source_name((enum work_source)i),
				    json_integer(m->by_source[i]));
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "in",
			 (json_int_t)m->in, "out", (json_int_t)m->out, "contributions",
			 (json_int_t)m->contributions, "in_kind", (json_int_t)m->in_kind,
			 "sponsors", (json_int_t)m->sponsors, "spent", (json_int_t)m->spent,
			 "refunded", (json_int_t)m->refunded, "pledged", (json_int_t)m->pledged,
			 "corrections", (json_int_t)m->corrections, "pending",
			 (json_int_t)m->pending, "pending_expenses", (json_int_t)m->npending,
			 "balance", (json_int_t)m->balance, "by_source", src);
}

static json_t *work_json(struct req *r, const struct work *w)
{
	json_t *out = json_object(), *plan = json_object();
	for (int i = 0; i < OUT_COUNT; i++)
		if (w->quantities[i])
			json_object_set_new(out, work_output_name((enum work_output)i),
					    json_integer(w->quantities[i]));
	for (int i = 0; i < FUND_COUNT; i++)
		if (w->funding[i])
			json_object_set_new(plan, work_source_name((enum work_source)i),
					    json_integer(w->funding[i]));
	json_t *j = json_pack(
		"{s:I, s:s, s:s, s:s, s:s, s:s, s:{s:I, s:s}, s:I, s:I, s:i, s:o, s:o, s:o, s:o, "
		"s:I, s:s, s:s}",
		"id", (json_int_t)w->id, "kind", work_kind_name(w->kind), "kind_label",
		T(r, work_kind_label(w->kind)), "status", work_status_name(w->status), "name",
		w->name, "place", w->place, "unit", "id", (json_int_t)w->unit_id, "name",
		w->unit_name, "estimate", (json_int_t)w->estimate, "balance",
		(json_int_t)w->money.balance, "progress", w->progress, "outputs", out, "funding",
		plan, "starts_on", day_or_null(w->starts_on), "ends_on", day_or_null(w->ends_on),
		"entries", (json_int_t)w->entries, "head_hash", w->head_hash, "url",
		arena_printf(&r->arena, "%s%s", r->public_url, link_work(r, w->id, NULL)));
	json_object_set_new(j, "money", money_json(&w->money));
	json_object_set_new(j, "decision",
			    json_pack("{s:o, s:o, s:I}", "matter", id_or_null(w->matter_id), "levy",
				      w->has_levy ? json_string(levy_name(w->levy)) : json_null(),
				      "levy_amount", (json_int_t)w->levy_amount));
	json_object_set_new(j, "goal", json_string(w->goal));
	json_object_set_new(j, "plan_notice", id_or_null(w->plan_notice_id));
	json_object_set_new(j, "settlement_notice", id_or_null(w->settlement_notice_id));
	json_object_set_new(j, "settled_hash",
			    *w->settled_hash ? json_string(w->settled_hash) : json_null());
	return j;
}

static int send_work(struct req *r, int status, int64_t id)
{
	struct work w;
	int rc = work_get(&r->ctx, id, &w);
	if (rc)
		return rc;
	if (status == 201)
		res_header(r, "location", link_api(r, "works", id, NULL));
	api_send(r, status, work_json(r, &w));
	return 0;
}

int api_works(struct req *r)
{
	struct work_filter f = {.status = -1};
	int64_t offset = 0, limit = LIST_DEFAULT;
	struct work *v;
	size_t n;
	int more;
	int rc = req_query_int(r, "unit", 1, ID_MAX, 0, &f.unit_id);
	if (!rc)
		rc = req_query_int(r, "offset", 0, 1000000, 0, &offset);
	if (!rc)
		rc = req_query_int(r, "limit", 1, WORK_PAGE_MAX, 0, &limit);
	if (!rc)
		rc = req_query_enum(r, "status", work_status_names, WS_COUNT, &f.status);
	if (!rc)
		rc = work_list(&r->ctx, &f, offset, (int)limit, &v, &n, &more);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, work_json(r, &v[i]));
	api_send(r, 200, json_pack("{s:o, s:b}", "works", a, "more", more));
	return 0;
}

int api_work(struct req *r)
{
	return send_work(r, 200, r->params[0]);
}

/* An amount member: whole đồng as a number, or as offices write it in a
 * string ("1.500.000"); *out is its text for the domain, NULL if absent. */
static int money_member(struct req *r, json_t *body, const char *key, const char **out)
{
	json_t *v = json_object_get(body, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		*out = arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
		return 0;
	}
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return 0;
	}
	return dv_fail(&r->ctx.err, DV_EINVAL, key, "%s must be a whole number of đồng", key);
}

/* An object of numbers by name ({"alley_m": 320}): the text of each of the
 * n names' values into out[], NULL where absent. */
static int number_map(struct req *r, json_t *body, const char *key, const struct name_label *names,
		      int n, const char **out)
{
	json_t *m = json_object_get(body, key);
	if (!m || json_is_null(m))
		return 0;
	if (!json_is_object(m))
		return dv_fail(&r->ctx.err, DV_EINVAL, key, "%s must be an object", key);
	const char *k;
	json_t *v;
	json_object_foreach(m, k, v)
	{
		int i = names_find(names, n, k);
		if (i < 0)
			return dv_fail(&r->ctx.err, DV_EINVAL, key, "%s has no member %s", key, k);
		int rc = money_member(r, m, k, &out[i]);
		if (rc) {
			r->ctx.err.field = key;
			return rc;
		}
	}
	return 0;
}

int api_work_create(struct req *r)
{
	json_t *body;
	struct work_input in = {0};
	int64_t id;
	int has_unit = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_int(r, body, "unit", &in.unit_id, &has_unit);
	if (!rc)
		rc = api_str(r, body, "kind", &in.kind);
	if (!rc)
		rc = api_str(r, body, "name", &in.name);
	if (!rc)
		rc = api_str(r, body, "place", &in.place);
	if (!rc)
		rc = api_str(r, body, "goal", &in.goal);
	if (!rc)
		rc = money_member(r, body, "estimate", &in.estimate);
	if (!rc)
		rc = api_str(r, body, "starts_on", &in.starts_on);
	if (!rc)
		rc = api_str(r, body, "ends_on", &in.ends_on);
	if (!rc)
		rc = number_map(r, body, "outputs", work_output_names, OUT_COUNT, in.outputs);
	if (!rc)
		rc = number_map(r, body, "funding", work_source_names, FUND_COUNT, in.funding);
	/* the strings live in the arena or in body until work_create returns */
	if (!rc && !has_unit)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "unit", "Say which unit the work belongs to");
	if (!rc)
		rc = work_create(&r->ctx, &in, &id);
	json_decref(body);
	return rc ? rc : send_work(r, 201, id);
}

/* ---------------------------------------------------------------- ledger */

static json_t *entry_json(struct req *r, const struct entry *e)
{
	json_t *j = json_pack(
		"{s:I, s:I, s:s, s:I, s:I, s:b, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, "
		"s:s, s:s, s:s}",
		"id", (json_int_t)e->id, "seq", (json_int_t)e->seq, "kind",
		ledger_kind_name(e->kind), "amount", (json_int_t)e->amount, "effect",
		(json_int_t)e->effect, "counted", e->counted, "on_date", day_or_null(e->on_date),
		"source", e->source >= 0 ? work_source_name((enum work_source)e->source) : "",
		"party", e->party, "method", entry_method_name(e->method), "receipt_no",
		e->receipt_no, "item", e->item, "quantity", e->quantity, "note", e->note,
		"corrects", id_or_null(e->corrects), "advance", e->advance, "recorded_at",
		api_time(r, e->recorded_at), "prev_hash", e->prev_hash, "hash", e->hash);
	json_object_set_new(j, "household",
			    e->household_id
				    ? json_pack("{s:s, s:s, s:o}", "code", e->household_code,
						"house_no", e->house_no, "name",
						*e->household_name ? json_string(e->household_name)
								   : json_null())
				    : json_null());
	json_object_set_new(j, "signoff",
			    e->kind != EK_EXPENSE ? json_null()
			    : e->signoff == SO_PENDING
				    ? json_pack("{s:s}", "decision", "pending")
				    : json_pack("{s:s, s:s, s:s, s:s}", "decision",
						signoff_name(e->signoff), "by", e->signoff_by,
						"reason", e->signoff_reason, "at",
						api_time(r, e->signoff_at)));
	return j;
}

static int send_entry(struct req *r, int status, int64_t work_id, int64_t entry_id)
{
	struct entry e;
	int rc = entry_get(&r->ctx, work_id, entry_id, &e);
	if (rc)
		return rc;
	if (status == 201)
		res_header(r, "location", link_work_entry(r, work_id, entry_id, NULL));
	api_send(r, status, entry_json(r, &e));
	return 0;
}

int api_work_entry_add(struct req *r)
{
	json_t *body;
	struct entry_input in = {0};
	int64_t id = 0, household = 0, corrects = 0;
	int has, show = 0;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "kind", &in.kind);
	if (!rc)
		rc = api_int(r, body, "household", &household, &has);
	if (!rc)
		rc = api_str(r, body, "household_code", &in.household);
	if (!rc)
		rc = money_member(r, body, "amount", &in.amount);
	if (!rc)
		rc = money_member(r, body, "effect", &in.effect);
	if (!rc)
		rc = api_str(r, body, "source", &in.source);
	if (!rc)
		rc = api_str(r, body, "party", &in.party);
	if (!rc)
		rc = api_str(r, body, "method", &in.method);
	if (!rc)
		rc = api_str(r, body, "receipt_no", &in.receipt_no);
	if (!rc)
		rc = api_str(r, body, "item", &in.item);
	if (!rc)
		rc = api_str(r, body, "quantity", &in.quantity);
	if (!rc)
		rc = api_str(r, body, "note", &in.note);
	if (!rc)
		rc = api_str(r, body, "advance", &in.advance);
	if (!rc)
		rc = api_int(r, body, "corrects", &corrects, &has);
	if (!rc)
		rc = api_str(r, body, "on_date", &in.on_date);
	if (!rc)
		rc = api_bool(r, body, "show_name", &show);
	in.household_id = household;
	in.corrects = corrects;
	in.show_name = show;
	if (!rc && !in.kind)
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "kind", "Say what kind of entry it is");
	if (!rc)
		rc = entry_record(&r->ctx, r->params[0], &in, &id);
	json_decref(body);
	return rc ? rc : send_entry(r, 201, r->params[0], id);
}

struct ledger_json {
	struct req *r;
	json_t *a;       /* the ledger: what in - out + corrections adds up to */
	json_t *waiting; /* expenses the board has not approved (waiting or refused) */
};

/* An expense counts once a board member approves it: until then, or when
 * refused, it is kept (and chained) but listed apart, so the ledger's
 * entries add up to the balance as they are. */
static int ledger_row(const struct entry *e, void *arg)
{
	struct ledger_json *l = arg;
	json_array_append_new(e->kind == EK_EXPENSE && !e->counted ? l->waiting : l->a,
			      entry_json(l->r, e));
	return 0;
}

int api_work_ledger(struct req *r)
{
	struct work w;
	int rc = work_get(&r->ctx, r->params[0], &w);
	if (rc)
		return rc;
	struct ledger_json l = {r, json_array(), json_array()};
	if ((rc = entry_each(&r->ctx, w.id, ledger_row, &l))) {
		json_decref(l.a);
		json_decref(l.waiting);
		return rc;
	}
	api_send(r, 200,
		 json_pack("{s:I, s:s, s:I, s:I, s:o, s:o}", "work", (json_int_t)w.id, "head_hash",
			   w.head_hash, "balance", (json_int_t)w.money.balance, "count",
			   (json_int_t)w.entries, "entries", l.a, "expenses_not_counted", l.waiting));
	return 0;
}

int api_work_signoff(struct req *r)
{
	json_t *body;
	const char *decision = NULL, *reason = NULL;
	int rc = req_json(r, &body);
	if (rc)
		return rc;
	rc = api_str(r, body, "decision", &decision);
	if (!rc)
		rc = api_str(r, body, "reason", &reason);
	if (!rc && (!decision || (strcmp(decision, "approve") && strcmp(decision, "refuse"))))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "decision",
			     "decision must be one of: approve, refuse");
	if (!rc)
		rc = entry_signoff(&r->ctx, r->params[0], r->params[1],
				   !strcmp(decision, "approve"), reason);
	json_decref(body);
	return rc ? rc : send_entry(r, 200, r->params[0], r->params[1]);
}

/*
 * What happens to a report after it is filed: the officers' steps
 * (acknowledge, start, resolve, reject, updates, merging, routing,
 * redacting its text) and the reporter's (confirm, reopen, rate), and
 * other households' "tôi cũng gặp". Each step is one transaction with its
 * public history row and its audit row.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/notify_event.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/reports/category.h"
#include "domain/reports/report.h"
#include "domain/reports/report_impl.h"

static int clean_note(struct dv_ctx *ctx, const char *in, size_t max, unsigned flags,
		      const char *field, const char **out)
{
	return text_clean(ctx->arena, in, in ? strlen(in) : 0, max, TEXT_MULTILINE | flags, field,
			  out, &ctx->err);
}

static int set_status(struct dv_ctx *ctx, int64_t id, enum report_status s)
{
	return db_run(ctx->db, &ctx->err, "UPDATE report SET status = $1 WHERE id = $2",
		      DB_T(report_status_name(s)), DB_I(id));
}

static int audit_step(struct dv_ctx *ctx, const struct report *r, const char *action,
		      enum report_status to)
{
	return ctx_audit(ctx, action, "report", r->id, r->ward_id,
			 json_pack("{s:s, s:s}", "from", report_status_name(r->status), "to",
				   report_status_name(to)));
}

/* ---------------------------------------------------------------- officers */

struct step {
	enum report_status to;
	enum report_event_kind event;
	const char *audit;
	int needs_note;
};

static const struct step steps[] = {
	[RA_ACKNOWLEDGE] = {RS_ACKNOWLEDGED, RE_ACKNOWLEDGED, "report.acknowledge", 0},
	[RA_START] = {RS_IN_PROGRESS, RE_STARTED, "report.start", 0},
	[RA_RESOLVE] = {RS_RESOLVED, RE_RESOLVED, "report.resolve", 1},
	[RA_REJECT] = {RS_REJECTED, RE_REJECTED, "report.reject", 1},
	[RA_NOTE] = {RS_COUNT, RE_NOTE, "report.note", 1},
};
_Static_assert(ARRAY_LEN(steps) == RA_COUNT, "a step per action");

/* Is the action allowed from the report's status? */
static int step_allowed(enum report_action a, enum report_status s)
{
	switch (a) {
	case RA_ACKNOWLEDGE: return s == RS_SUBMITTED;
	case RA_START: return s == RS_SUBMITTED || s == RS_ACKNOWLEDGED || s == RS_REOPENED;
	default: return report_status_is_open(s);
	}
}

static int act_tx(struct dv_ctx *ctx, int64_t id, enum report_action a, const char *note)
{
	struct report r;
	const struct step *s = &steps[a];
	int rc = report_handled(ctx, id, &r);
	if (rc)
		return rc;
	if (!step_allowed(a, r.status))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "This report is %s: it cannot be done now",
			       i18n_get(ctx->lang, report_status_label(r.status)));
	enum report_status to = s->to == RS_COUNT ? r.status : s->to;
	if (a == RA_ACKNOWLEDGE || a == RA_START)
		rc = db_run(
			ctx->db, &ctx->err,
			"UPDATE report SET acknowledged_at = COALESCE(acknowledged_at, $1) WHERE "
			"id = $2",
			DB_I(ctx->now), DB_I(id));
	else if (a == RA_RESOLVE)
		rc = db_run(
			ctx->db, &ctx->err,
			"UPDATE report SET resolved_at = $1, closed_at = NULL, acknowledged_at = "
			"COALESCE(acknowledged_at, $1) WHERE id = $2",
			DB_I(ctx->now), DB_I(id));
	else if (a == RA_REJECT)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE report SET public_reason = $1, closed_at = $2 WHERE id = $3",
			    DB_T(note), DB_I(ctx->now), DB_I(id));
	if (!rc && to != r.status)
		rc = set_status(ctx, id, to);
	if (!rc)
		rc = report_event_add(ctx, &r, s->event, to, note, 0);
	if (!rc && to != r.status) /* the reporter hears of it (notify family) */
		rc = notify_event_add(ctx, NOTIFY_REPORT_CHANGED, r.unit_id, r.ward_id, "report",
				      id, r.category_vi, report_status_name(to), 0);
	return rc ? rc : audit_step(ctx, &r, s->audit, to);
}

int report_act(struct dv_ctx *ctx, int64_t id, enum report_action a, const char *note_in)
{
	const char *note;
	if ((unsigned)a >= RA_COUNT)
		return dv_fail(&ctx->err, DV_EINVAL, "action", "No such action");
	int rc = clean_note(ctx, note_in, REPORT_NOTE_MAX, steps[a].needs_note ? TEXT_REQUIRED : 0,
			    "note", &note);
	if (rc == DV_EINVAL && steps[a].needs_note && !*(note_in ? note_in : ""))
		return dv_fail(&ctx->err, DV_EINVAL, "note",
			       a == RA_REJECT ? "Give the public reason it is rejected"
					      : "Write what was done: the public will read it");
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, act_tx(ctx, id, a, note));
}

int report_act_text(struct dv_ctx *ctx, int64_t id, const char *action, const char *note)
{
	enum report_action a;
	if (!action || !*action || report_action_parse(action, &a, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "action",
			       "Choose: acknowledge, start, resolve, reject or note");
	return report_act(ctx, id, a, note);
}

static int merge_tx(struct dv_ctx *ctx, int64_t id, int64_t into, const char *note)
{
	struct report r, target;
	int rc = report_handled(ctx, id, &r);
	if (rc)
		return rc;
	if (!report_status_is_open(r.status))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "Only an open report can be merged");
	if (into == id)
		return dv_fail(&ctx->err, DV_EINVAL, "into",
			       "A report cannot be merged into itself");
	rc = report_load(ctx, into, &target, NULL);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "into", "No such report");
	if (rc)
		return rc;
	if (target.ward_id != r.ward_id || target.status == RS_MERGED)
		return dv_fail(&ctx->err, DV_EINVAL, "into",
			       "Merge it into a report of the same ward that is not merged itself");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE report SET status = 'merged', duplicate_of = $1, closed_at = $2 WHERE "
		    "id = $3",
		    DB_I(into), DB_I(ctx->now), DB_I(id));
	const char *line =
		*note ? note
		      : arena_printf(ctx->arena, i18n_get(DV_CONTENT_LANG, N_("Follow report #%lld")),
				     (long long)into);
	if (!rc)
		rc = report_event_add(ctx, &r, RE_MERGED, RS_MERGED, line, 0);
	if (!rc)
		rc = ctx_audit(ctx, "report.merge", "report", id, r.ward_id,
			       json_pack("{s:I}", "into", (json_int_t)into));
	return rc;
}

int report_merge(struct dv_ctx *ctx, int64_t id, int64_t into, const char *note_in)
{
	const char *note;
	int rc = clean_note(ctx, note_in, REPORT_NOTE_MAX, 0, "note", &note);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, merge_tx(ctx, id, into, note));
}

static int route_tx(struct dv_ctx *ctx, int64_t id, int64_t body_id, const char *note)
{
	struct report r;
	int rc = report_handled(ctx, id, &r);
	if (rc)
		return rc;
	if (!report_status_is_open(r.status))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "Only an open report can be sent on");
	if (body_id) {
		struct report_body b;
		int within = 0;
		rc = report_body_get(ctx, body_id, &b);
		if (rc == DV_ENOTFOUND)
			return dv_fail(&ctx->err, DV_EINVAL, "body", "No such handling body");
		if (rc || (rc = unit_is_within(ctx, r.unit_id, b.unit_id, &within)))
			return rc;
		if (!within)
			return dv_fail(&ctx->err, DV_EINVAL, "body", "%s does not serve %s", b.name,
				       r.unit_name);
	}
	rc = db_run(ctx->db, &ctx->err, "UPDATE report SET body_id = $1 WHERE id = $2",
		    DB_ID(body_id), DB_I(id));
	if (!rc)
		rc = report_event_add(ctx, &r, RE_ROUTED, r.status, note, body_id);
	if (!rc)
		rc = ctx_audit(ctx, "report.route", "report", id, r.ward_id,
			       json_pack("{s:I, s:I}", "from", (json_int_t)r.body_id, "to",
					 (json_int_t)body_id));
	return rc;
}

int report_route(struct dv_ctx *ctx, int64_t id, int64_t body_id, const char *note_in)
{
	const char *note;
	int rc = clean_note(ctx, note_in, REPORT_NOTE_MAX, 0, "note", &note);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, route_tx(ctx, id, body_id, note));
}

static int redact_tx(struct dv_ctx *ctx, int64_t id, const char *text)
{
	struct report r;
	int rc = report_handled(ctx, id, &r);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE report SET public_description = $1, redacted = 1 WHERE id = $2",
		    DB_T(text), DB_I(id));
	if (!rc)
		rc = report_event_add(ctx, &r, RE_REDACTED, r.status, "", 0);
	/* what was hidden is not written into the audit: it may be personal */
	if (!rc)
		rc = ctx_audit(
			ctx, "report.redact_text", "report", id, r.ward_id,
			json_pack("{s:I, s:I}", "before_chars",
				  (json_int_t)utf8_count(r.description, strlen(r.description)),
				  "after_chars", (json_int_t)utf8_count(text, strlen(text))));
	return rc;
}

int report_redact_text(struct dv_ctx *ctx, int64_t id, const char *in)
{
	const char *text;
	int rc = clean_note(ctx, in, REPORT_DESCRIPTION_MAX, TEXT_REQUIRED, "description", &text);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, redact_tx(ctx, id, text));
}

/* ---------------------------------------------------------------- reporter */

/* The actor's own report (DV_ENOTFOUND if it may not see it, DV_EPERM if
 * it is someone else's). */
static int own(struct dv_ctx *ctx, int64_t id, struct report *r)
{
	int rc = report_get(ctx, id, r);
	if (rc)
		return rc;
	if (!r->mine)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only the resident who reported it may do this");
	return 0;
}

static int confirm_tx(struct dv_ctx *ctx, int64_t id)
{
	struct report r;
	int rc = own(ctx, id, &r);
	if (rc)
		return rc;
	if (!r.may_confirm)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Only a resolved report can be confirmed");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE report SET status = 'closed', closed_at = $1 WHERE id = $2",
		    DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = report_event_add(ctx, &r, RE_CONFIRMED, RS_CLOSED, "", 0);
	return rc ? rc : audit_step(ctx, &r, "report.confirm", RS_CLOSED);
}

int report_confirm(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, confirm_tx(ctx, id));
}

static int reopen_tx(struct dv_ctx *ctx, int64_t id, const char *reason)
{
	struct report r;
	struct report_category c;
	int rc = own(ctx, id, &r);
	if (rc)
		return rc;
	if (!r.may_reopen)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "A report can be reopened within %lld days of its resolution",
			       (long long)(report_reopen_within(ctx) / 86400));
	if ((rc = report_category_get(ctx, r.category_id, &c)))
		return rc;
	/* the work starts again: a new deadline from today */
	int32_t due = date_add_working_days(time_local_date(ctx->now), c.resolve_days);
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE report SET status = 'reopened', reopened = reopened + 1, resolved_at = "
		    "NULL, closed_at = NULL, resolve_due = $1 WHERE id = $2",
		    DB_I(due), DB_I(id));
	if (!rc)
		rc = report_event_add(ctx, &r, RE_REOPENED, RS_REOPENED, reason, 0);
	return rc ? rc : audit_step(ctx, &r, "report.reopen", RS_REOPENED);
}

int report_reopen(struct dv_ctx *ctx, int64_t id, const char *in)
{
	const char *reason;
	int rc = clean_note(ctx, in, REPORT_NOTE_MAX, TEXT_REQUIRED, "reason", &reason);
	if (rc == DV_EINVAL && !*(in ? in : ""))
		return dv_fail(&ctx->err, DV_EINVAL, "reason", "Say why the problem is not solved");
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, reopen_tx(ctx, id, reason));
}

static int rate_tx(struct dv_ctx *ctx, int64_t id, int rating, const char *comment)
{
	struct report r;
	int rc = own(ctx, id, &r);
	if (rc)
		return rc;
	if (!r.may_rate)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "A report is rated once it is resolved or rejected");
	rc = db_run(
		ctx->db, &ctx->err,
		"UPDATE report SET rating = $1, rating_comment = $2, rated_at = $3 WHERE id = $4",
		DB_I(rating), DB_T(comment), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = report_event_add(ctx, &r, RE_RATED, r.status, comment, 0);
	if (!rc)
		rc = ctx_audit(ctx, "report.rate", "report", id, r.ward_id,
			       json_pack("{s:i}", "rating", rating));
	return rc;
}

int report_rate(struct dv_ctx *ctx, int64_t id, int rating, const char *in)
{
	const char *comment;
	if (rating < 1 || rating > 5)
		return dv_fail(&ctx->err, DV_EINVAL, "rating", "Rate it from 1 to 5 stars");
	int rc = clean_note(ctx, in, REPORT_COMMENT_MAX, 0, "comment", &comment);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, rate_tx(ctx, id, rating, comment));
}

static int support_tx(struct dv_ctx *ctx, int64_t id, int *already)
{
	struct report r;
	int rc = report_get(ctx, id, &r);
	if (rc)
		return rc;
	if (!ctx->actor->household_id)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "A household's account says it has the same problem");
	if (r.supported) {
		*already = 1;
		return 0;
	}
	int64_t reporter_household = 0;
	rc = db_int(ctx->db, &reporter_household, &ctx->err,
		    "SELECT COALESCE(household_id, 0) FROM report WHERE id = $1", DB_I(id));
	if (rc)
		return rc;
	if (r.mine || reporter_household == ctx->actor->household_id)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "Your household made this report");
	if (!report_status_is_open(r.status))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "This report is no longer open");
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO report_support (report_id, household_id, account_id, at) VALUES "
		    "($1, $2, $3, $4)",
		    DB_I(id), DB_I(ctx->actor->household_id), DB_ID(ctx->actor->account_id),
		    DB_I(ctx->now));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE report SET supporters = supporters + 1 WHERE id = $1",
			    DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "report.support", "report", id, r.ward_id, NULL);
	return rc;
}

int report_support(struct dv_ctx *ctx, int64_t id, int *already)
{
	int dummy = 0;
	if (!already)
		already = &dummy;
	*already = 0;
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, support_tx(ctx, id, already));
}

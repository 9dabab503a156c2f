/*
 * A work's decision and life cycle: linking the matter that decides its
 * contributions (the gate before any household pays), naming its
 * treasurer, and planned -> collecting -> building -> accepted -> settled ->
 * closed, or cancelled; the plan and the final accounts published as
 * public notices.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/money.h"
#include "base/text.h"
#include "domain/notify_event.h"
#include "domain/decide/matter.h"
#include "domain/disclose/notice.h"
#include "domain/identity/account.h"
#include "domain/perm.h"
#include "domain/works/board.h"
#include "domain/works/work.h"
#include "domain/works/works_impl.h"

/* ------------------------------------------------------------- decision */

static int decision_tx(struct dv_ctx *ctx, int64_t id, int64_t matter_id, enum levy levy,
		       int64_t amount)
{
	struct work w;
	int rc = work_get(ctx, id, &w);
	if (rc || (rc = works_require_manager(ctx, &w)))
		return rc;
	if (w.status != WS_PLANNED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The work collects already: its decision can no longer change");
	if ((rc = works_matter_check(ctx, &w, matter_id, MT_CONTRIBUTIONS, 0, 0, "matter")))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE work SET matter_id = $1, rule = $2, rule_amount = $3, updated_at = $4 "
		    "WHERE id = $5",
		    DB_I(matter_id), DB_T(levy_name(levy)), DB_I(amount), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "work.decision", "work", id, w.unit_id,
			       json_pack("{s:I, s:s, s:I}", "matter", (json_int_t)matter_id, "rule",
					 levy_name(levy), "amount", (json_int_t)amount));
	return rc;
}

int work_set_decision(struct dv_ctx *ctx, int64_t id, int64_t matter_id, const char *levy_in,
		      const char *amount_in)
{
	enum levy levy;
	int64_t amount = 0;
	if (matter_id <= 0)
		return dv_fail(&ctx->err, DV_EINVAL, "matter", "Choose the matter that decided it");
	if (levy_parse(levy_in, &levy, &ctx->err))
		return DV_EINVAL;
	int rc = works_amount(ctx, amount_in, "levy_amount", levy != LEVY_VOLUNTARY, 1, &amount);
	if (rc)
		return rc;
	if (levy == LEVY_VOLUNTARY && amount)
		return dv_fail(&ctx->err, DV_EINVAL, "levy_amount",
			       "A voluntary contribution has no fixed amount");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, decision_tx(ctx, id, matter_id, levy, amount));
}

int work_decision_passed(struct dv_ctx *ctx, const struct work *w, const char **why)
{
	struct matter m;
	struct dv_err keep = ctx->err;
	int rc = w->matter_id ? matter_get(ctx, w->matter_id, &m) : DV_ENOTFOUND;
	ctx->err = keep;
	if (!w->matter_id)
		*why = N_("No decision of the community is linked to the work yet");
	else if (rc)
		*why = N_("The community's decision is not public yet");
	else if (m.type != MT_CONTRIBUTIONS)
		*why = N_("The decision must be a matter of contributions to public works (Art. "
			  "15, item 1)");
	else if (m.status != MS_CLOSED || !m.has_result)
		*why = N_("The community has not decided yet");
	else if (!m.result.passed)
		*why = N_("The community did not pass the contributions");
	else
		return 1;
	return 0;
}

static int treasurer_tx(struct dv_ctx *ctx, int64_t id, const struct account *a)
{
	struct work w;
	int rc = work_get(ctx, id, &w);
	if (rc || (rc = works_require_manager(ctx, &w)))
		return rc;
	if (w.status >= WS_SETTLED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The work's accounts are closed");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE work SET treasurer_id = $1, updated_at = $2 WHERE id = $3",
		    DB_ID(a ? a->id : 0), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "work.treasurer", "work", id, w.unit_id,
			       json_pack("{s:I}", "account", (json_int_t)(a ? a->id : 0)));
	return rc;
}

int work_set_treasurer(struct dv_ctx *ctx, int64_t id, const char *login)
{
	struct account a;
	int has = login && *login;
	if (has && account_find(ctx, login, &a))
		return dv_fail(&ctx->err, DV_EINVAL, "treasurer", "No account with this login");
	if (has && strcmp(a.status, "active") != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "treasurer", "This account is disabled");
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, treasurer_tx(ctx, id, has ? &a : NULL));
}

/* ------------------------------------------------------------ the cycle */

/* The work for a manager, in status `from` (or any when from < 0). */
static int load_managed(struct dv_ctx *ctx, int64_t id, int from, struct work *w)
{
	int rc = work_get(ctx, id, w);
	if (rc || (rc = works_require_manager(ctx, w)))
		return rc;
	if (from >= 0 && (int)w->status != from)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The work is %s, not %s",
			       i18n_get(ctx->lang, work_status_label(w->status)),
			       i18n_get(ctx->lang, work_status_label((enum work_status)from)));
	return 0;
}

/* Move the work to `to`, stamping the column of that step. */
static int move(struct dv_ctx *ctx, const struct work *w, enum work_status to, const char *stamp,
		json_t *details)
{
	/* stamp is one of the constant column names below, never a value */
	int rc = db_run(ctx->db, &ctx->err,
			arena_printf(ctx->arena,
				     "UPDATE work SET status = $1, %s = $2, updated_at = $2 "
				     "WHERE id = $3",
				     stamp),
			DB_T(work_status_name(to)), DB_I(ctx->now), DB_I(w->id));
	if (!rc) /* the households that paid into it are told (the notify family) */
		rc = notify_event_add(ctx, NOTIFY_WORK_CHANGED, w->unit_id, w->ward_id, "work",
				      w->id, w->name, work_status_name(to), 0);
	if (!rc)
		rc = ctx_audit(ctx, arena_printf(ctx->arena, "work.%s", work_status_name(to)),
			       "work", w->id, w->unit_id, details);
	else
		json_decref(details);
	return rc;
}

static int collecting_tx(struct dv_ctx *ctx, int64_t id)
{
	struct work w;
	const char *why;
	int rc = load_managed(ctx, id, WS_PLANNED, &w);
	if (rc)
		return rc;
	if (!work_decision_passed(ctx, &w, &why))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The work cannot collect from households: %s",
			       i18n_get(ctx->lang, why));
	if (!w.has_levy)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Set the contribution rule the community decided first");
	return move(ctx, &w, WS_COLLECTING, "collecting_at",
		    json_pack("{s:I}", "matter", (json_int_t)w.matter_id));
}

int work_start_collecting(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, collecting_tx(ctx, id));
}

static int building_tx(struct dv_ctx *ctx, int64_t id)
{
	struct work w;
	int rc = load_managed(ctx, id, WS_COLLECTING, &w);
	return rc ? rc : move(ctx, &w, WS_BUILDING, "building_at", NULL);
}

int work_start_building(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, building_tx(ctx, id));
}

static int accept_tx(struct dv_ctx *ctx, int64_t id, const char *note)
{
	struct work w;
	int rc = work_get(ctx, id, &w);
	if (rc)
		return rc;
	if (!w.member_id)
		return dv_fail(
			&ctx->err, DV_EPERM, NULL,
			"Only a member of the work's supervision board signs the acceptance");
	if (w.status != WS_BUILDING)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Only a work under construction is accepted");
	rc = db_run(ctx->db, &ctx->err, "UPDATE work SET accepted_by = $1 WHERE id = $2",
		    DB_I(w.member_id), DB_I(id));
	return rc ? rc
		  : move(ctx, &w, WS_ACCEPTED, "accepted_at",
			 json_pack("{s:I, s:s}", "member", (json_int_t)w.member_id, "note", note));
}

int work_accept(struct dv_ctx *ctx, int64_t id, const char *note_in)
{
	const char *note;
	int rc = text_clean(ctx->arena, note_in, note_in ? strlen(note_in) : 0, WORK_REASON_MAX,
			    TEXT_MULTILINE, "acceptance", &note, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, accept_tx(ctx, id, note));
}

static int close_tx(struct dv_ctx *ctx, int64_t id)
{
	struct work w;
	int rc = load_managed(ctx, id, WS_SETTLED, &w);
	if (rc || (rc = works_board_dissolve(ctx, id)))
		return rc;
	return move(ctx, &w, WS_CLOSED, "closed_at", NULL);
}

int work_close(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, close_tx(ctx, id));
}

/* Households whose cash contributions, net of corrections, are not all
 * refunded. */
static int unrefunded(struct dv_ctx *ctx, int64_t id, int64_t *n)
{
	return db_int(ctx->db, n, &ctx->err,
		      "SELECT COUNT(*) FROM work_household WHERE work_id = $1 AND cash > refunded",
		      DB_I(id));
}

static int cancel_tx(struct dv_ctx *ctx, int64_t id, const char *reason)
{
	struct work w;
	int64_t owed = 0;
	int rc = load_managed(ctx, id, -1, &w);
	if (rc)
		return rc;
	if (w.status > WS_BUILDING)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "An accepted work is settled, not cancelled");
	if ((rc = unrefunded(ctx, id, &owed)))
		return rc;
	if (owed)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Refund every household's contributions first: %lld households "
			       "are still owed",
			       (long long)owed);
	rc = db_run(ctx->db, &ctx->err, "UPDATE work SET cancel_reason = $1 WHERE id = $2",
		    DB_T(reason), DB_I(id));
	if (!rc)
		rc = works_board_dissolve(ctx, id);
	return rc ? rc
		  : move(ctx, &w, WS_CANCELLED, "cancelled_at",
			 json_pack("{s:s}", "reason", reason));
}

int work_cancel(struct dv_ctx *ctx, int64_t id, const char *reason_in)
{
	const char *reason;
	int rc = text_clean(ctx->arena, reason_in, reason_in ? strlen(reason_in) : 0,
			    WORK_REASON_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "reason", &reason,
			    &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, cancel_tx(ctx, id, reason));
}

/* ------------------------------------------------------------- notices */

/* At most `max` bytes of s, cut between characters. */
static const char *cut(struct dv_ctx *ctx, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return s;
	while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return arena_printf(ctx->arena, "%.*s…", (int)max, s);
}

static const char *money_text(struct dv_ctx *ctx, int64_t v)
{
	struct buf b = BUF_INIT;
	money_format(&b, v);
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

static const char *day_text(struct dv_ctx *ctx, int32_t ymd)
{
	struct buf b = BUF_INIT;
	date_format(&b, ymd);
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

/* The text of a notice: in Vietnamese, whoever writes it (ctx.h). */
static const char *L(const char *msgid)
{
	return i18n_get(DV_CONTENT_LANG, msgid);
}

/* A notice of the work's unit in the category `code`, published now on the
 * manager's behalf (the head discloses the community's works, as it calls
 * its meetings). */
static int post_notice(struct dv_ctx *ctx, const struct work *w, const char *code,
		       const char *title, const char *body, int64_t *notice_id)
{
	int64_t cat = 0;
	int rc =
		db_int(ctx->db, &cat, &ctx->err,
		       "SELECT id FROM notice_category WHERE code = $1 AND active = 1", DB_T(code));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The disclosure category \"%s\" is missing or inactive", code);
	if (rc)
		return rc;
	struct notice_input in = {.unit_id = w->unit_id,
				  .category_id = cat,
				  .title = cut(ctx, title, 190),
				  .body = cut(ctx, body, 19000)};
	const struct actor *who = ctx->actor;
	ctx->actor = &actor_system;
	rc = notice_create(ctx, &in, notice_id);
	if (!rc)
		rc = notice_publish(ctx, *notice_id);
	ctx->actor = who;
	return rc;
}

static void plan_lines(struct dv_ctx *ctx, const struct work *w, struct buf *b)
{
	buf_addf(b, "- %s: %s\n", L(N_("Estimate")), money_text(ctx, w->estimate));
	for (int i = 0; i < OUT_COUNT; i++)
		if (w->quantities[i])
			buf_addf(b, "- %s: %lld\n", L(work_output_label((enum work_output)i)),
				 (long long)w->quantities[i]);
	for (int i = 0; i < FUND_COUNT; i++)
		if (w->funding[i])
			buf_addf(b, "- %s, %s: %s\n", L(N_("Funding plan")),
				 L(work_source_label((enum work_source)i)),
				 money_text(ctx, w->funding[i]));
	if (w->starts_on || w->ends_on) {
		struct buf d = BUF_INIT;
		date_format(&d, w->starts_on);
		buf_adds(&d, " – ");
		date_format(&d, w->ends_on);
		buf_addf(b, "- %s: %s\n", L(N_("Schedule")), d.ptr);
		buf_release(&d);
	}
	if (w->has_levy)
		buf_addf(b, "- %s: %s%s%s\n", L(N_("Contribution")),
			 L(levy_label(w->levy)), w->levy_amount ? ", " : "",
			 w->levy_amount ? money_text(ctx, w->levy_amount) : "");
}

static int plan_tx(struct dv_ctx *ctx, int64_t id, int64_t *notice_id)
{
	struct work w;
	int rc = load_managed(ctx, id, -1, &w);
	if (rc)
		return rc;
	if (w.plan_notice_id)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The plan is published already");
	if (w.status >= WS_SETTLED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The work's accounts are closed");
	struct buf b = BUF_INIT;
	buf_addf(&b, "**%s** (%s), %s.\n\n", w.name, L(work_kind_label(w.kind)), w.place);
	if (*w.goal)
		buf_addf(&b, "%s\n\n", w.goal);
	plan_lines(ctx, &w, &b);
	buf_addf(&b, "\n%s\n",
		 L(N_("Every contribution and expense is entered in the work's "
			   "public ledger, supervised by the community investment "
			   "supervision board.")));
	rc = post_notice(ctx, &w, "investment",
			 arena_printf(ctx->arena,
				      i18n_get_format(DV_CONTENT_LANG, N_("Plan of the work: %s")),
				      w.name),
			 b.ptr, notice_id);
	buf_release(&b);
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE work SET plan_notice_id = $1, updated_at = $2 WHERE id = $3",
			    DB_I(*notice_id), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "work.plan", "work", id, w.unit_id,
			       json_pack("{s:I}", "notice", (json_int_t)*notice_id));
	return rc;
}

int work_publish_plan(struct dv_ctx *ctx, int64_t id, int64_t *notice_id)
{
	int64_t nid = 0;
	int rc = ctx_begin(ctx);
	if (!rc)
		rc = ctx_end(ctx, plan_tx(ctx, id, &nid));
	if (!rc && notice_id)
		*notice_id = nid;
	return rc;
}

static void accounts_lines(struct dv_ctx *ctx, const struct work *w, struct buf *b)
{
	const struct work_money *m = &w->money;
	buf_addf(b, "- %s: %s\n", L(N_("Money in")), money_text(ctx, m->in));
	for (int i = 0; i < FUND_COUNT; i++)
		if (m->by_source[i])
			buf_addf(b, "  - %s: %s\n", L(work_source_label((enum work_source)i)),
				 money_text(ctx, m->by_source[i]));
	if (m->in_kind)
		buf_addf(b, "  - %s: %s\n", L(N_("of which in kind")),
			 money_text(ctx, m->in_kind));
	buf_addf(b, "- %s: %s\n", L(N_("Spent")), money_text(ctx, m->spent));
	if (m->refunded)
		buf_addf(b, "- %s: %s\n", L(N_("Refunded")), money_text(ctx, m->refunded));
	buf_addf(b, "- %s: %s\n", L(N_("Balance")), money_text(ctx, m->balance));
	buf_addf(b, "- %s: %lld\n", L(N_("Ledger entries")), (long long)w->entries);
	buf_addf(b, "- %s: `%s`\n", L(N_("Hash of the ledger's last entry")), w->head_hash);
}

static int settle_tx(struct dv_ctx *ctx, int64_t id, const char *summary, int64_t *notice_id)
{
	struct work w;
	int rc = load_managed(ctx, id, WS_ACCEPTED, &w);
	if (rc)
		return rc;
	if (w.money.npending)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "%lld expenses wait for the board's sign-off",
			       (long long)w.money.npending);
	if (w.money.balance < 0)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The balance is below zero: record how the advance was repaid");
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s\n\n",
		 arena_printf(ctx->arena,
			      i18n_get_format(DV_CONTENT_LANG, N_("The final accounts of the work %s, "
							    "%s, accepted on %s.")),
			      w.name, w.place, day_text(ctx, time_local_date(w.accepted_at))));
	accounts_lines(ctx, &w, &b);
	if (*summary)
		buf_addf(&b, "\n%s\n", summary);
	rc = post_notice(
		ctx, &w, "funds",
		arena_printf(ctx->arena,
			     i18n_get_format(DV_CONTENT_LANG, N_("Final accounts of the work: %s")),
			     w.name),
		b.ptr, notice_id);
	buf_release(&b);
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE work SET settlement_notice_id = $1, settlement_summary = $2, "
			    "settled_hash = $3 WHERE id = $4",
			    DB_I(*notice_id), DB_T(summary), DB_T(w.head_hash), DB_I(id));
	return rc ? rc
		  : move(ctx, &w, WS_SETTLED, "settled_at",
			 json_pack("{s:I, s:s, s:I, s:I}", "notice", (json_int_t)*notice_id, "head",
				   w.head_hash, "entries", (json_int_t)w.entries, "balance",
				   (json_int_t)w.money.balance));
}

int work_settle(struct dv_ctx *ctx, int64_t id, const char *summary_in, int64_t *notice_id)
{
	const char *summary;
	int64_t nid = 0;
	int rc = text_clean(ctx->arena, summary_in, summary_in ? strlen(summary_in) : 0,
			    WORK_SUMMARY_MAX, TEXT_MULTILINE, "summary", &summary, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, settle_tx(ctx, id, summary, &nid));
	if (!rc && notice_id)
		*notice_id = nid;
	return rc;
}

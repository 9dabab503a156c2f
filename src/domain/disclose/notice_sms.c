/*
 * A notice by text message to the households' representatives: the
 * preview, and the confirmation that queues the messages (notice_sms.h).
 */
#include "domain/disclose/notice_sms.h"

#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/text.h"
#include "domain/disclose/notice_impl.h"
#include "domain/notify_event.h"

int sms_parts(size_t len)
{
	if (len <= SMS_PART_CHARS)
		return 1;
	return (int)((len + SMS_PARTS_CHARS - 1) / SMS_PARTS_CHARS);
}

/* "Phuong Dong Tac: <title>. Xem: <url>", the title cut to fit two parts. */
static const char *sms_text(struct dv_ctx *ctx, const struct notice *n, const char *url)
{
	struct buf unit = BUF_INIT, title = BUF_INIT, b = BUF_INIT;
	text_ascii(&unit, n->unit_name, strlen(n->unit_name));
	text_ascii(&title, n->title, strlen(n->title));
	size_t fixed = unit.len + strlen(": . Xem: ") + strlen(url);
	if (fixed + title.len > SMS_TEXT_MAX) {
		size_t keep = fixed + 3 < SMS_TEXT_MAX ? SMS_TEXT_MAX - fixed - 3 : 0;
		title.len = keep;
		buf_adds(&title, "...");
	}
	buf_addf(&b, "%.*s: %.*s. Xem: %s", (int)unit.len, unit.ptr ? unit.ptr : "",
		 (int)title.len, title.ptr ? title.ptr : "", url);
	const char *s = arena_strndup(ctx->arena, b.ptr, b.len);
	buf_release(&unit);
	buf_release(&title);
	buf_release(&b);
	return s;
}

/* Households of the scope, the queued texts' fates; $1 notice, $2 its unit. */
static const char sql_counts[] =
	"SELECT COUNT(*), "
	"COALESCE(SUM(CASE WHEN COALESCE(r.phone, '') = '' THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN nr.household_id IS NOT NULL THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN nr.household_id IS NULL AND o.household_id IS NOT NULL THEN 1 "
	"ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN COALESCE(r.phone, '') <> '' AND nr.household_id IS NULL AND "
	"o.household_id IS NULL THEN 1 ELSE 0 END), 0) "
	"FROM household h JOIN unit_tree t ON t.descendant = h.unit_id AND t.ancestor = $2 "
	"LEFT JOIN resident r ON r.id = h.representative_id "
	"LEFT JOIN notice_reach nr ON nr.notice_id = $1 AND nr.household_id = h.id "
	"LEFT JOIN (SELECT DISTINCT household_id FROM notify_outbox WHERE entity = 'notice' "
	"AND entity_id = $1 AND household_id IS NOT NULL) o "
	"ON o.household_id = h.id WHERE h.status = 'active'";

static const char sql_fates[] =
	"SELECT COALESCE(SUM(CASE WHEN state IN ('pending', 'sending') THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN state = 'sent' AND delivered_at IS NULL THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) "
	"FROM notify_outbox WHERE entity = 'notice' AND entity_id = $1 AND household_id IS NOT "
	"NULL";

static int read_counts(struct dv_ctx *ctx, const struct notice *n, struct notice_sms *p)
{
	struct db_stmt *st;
	int rc = db_query(ctx->db, &st, &ctx->err, sql_counts, DB_I(n->id), DB_I(n->unit_id));
	if (!rc && (rc = db_step(st, &ctx->err)) == DB_ROW) {
		p->households = db_col_int(st, 0);
		p->no_phone = db_col_int(st, 1);
		p->reached = db_col_int(st, 2);
		p->texted = db_col_int(st, 3);
		p->to_send = db_col_int(st, 4);
		db_finish(st);
		rc = 0;
	}
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err, sql_fates, DB_I(n->id))))
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc;
	p->waiting = db_col_int(st, 0);
	p->sent = db_col_int(st, 1);
	p->delivered = db_col_int(st, 2);
	p->failed = db_col_int(st, 3);
	db_finish(st);
	int64_t q = 0;
	rc = db_int(ctx->db, &q, &ctx->err,
		    "SELECT COUNT(*) FROM notify_event WHERE kind = $1 AND entity = 'notice' AND "
		    "entity_id = $2 AND expanded_at IS NULL",
		    DB_T(NOTIFY_NOTICE_SMS), DB_I(n->id));
	p->queuing = q > 0;
	return rc;
}

static int load(struct dv_ctx *ctx, int64_t id, const char *url, struct notice *n,
		struct notice_sms *p)
{
	memset(p, 0, sizeof(*p));
	int rc = notice_editable(ctx, id, n);
	if (rc)
		return rc;
	if (n->status != NOTICE_PUBLISHED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Text messages go out once the notice is published");
	if (n->visible_from > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "This notice is not posted yet");
	p->text = sms_text(ctx, n, url);
	p->parts = sms_parts(strlen(p->text));
	return read_counts(ctx, n, p);
}

int notice_sms_preview(struct dv_ctx *ctx, int64_t id, const char *url, struct notice_sms *p)
{
	struct notice n;
	return load(ctx, id, url, &n, p);
}

/* An officer confirms at most SMS_SENDS_PER_HOUR sends an hour. */
static int not_too_often(struct dv_ctx *ctx)
{
	int64_t recent = 0;
	int rc = db_int(ctx->db, &recent, &ctx->err,
			"SELECT COUNT(*) FROM notify_event WHERE kind = $1 AND account_id = $2 AND "
			"created_at > $3",
			DB_T(NOTIFY_NOTICE_SMS), DB_ID(ctx->actor->account_id),
			DB_I(ctx->now - 3600));
	if (!rc && recent >= SMS_SENDS_PER_HOUR)
		rc = dv_fail(&ctx->err, DV_EBUSY, NULL,
			     "You sent text messages %d times in the last hour; try again later",
			     SMS_SENDS_PER_HOUR);
	return rc;
}

static int send_tx(struct dv_ctx *ctx, int64_t id, const char *url, int64_t expected,
		   int64_t *queued)
{
	struct notice n;
	struct notice_sms p;
	int rc = load(ctx, id, url, &n, &p);
	if (rc || (rc = not_too_often(ctx)))
		return rc;
	if (p.queuing)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The messages of the last send are still being queued; look again "
			       "in a moment");
	if (!p.to_send)
		return dv_fail(&ctx->err, DV_EINVAL, NULL,
			       "No household is left to text: each was reached or texted already, "
			       "or has no phone");
	if (p.to_send != expected)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The number of messages changed to %lld since the preview; check "
			       "it again",
			       (long long)p.to_send);
	rc = notify_event_add(ctx, NOTIFY_NOTICE_SMS, n.unit_id, 0, "notice", id, n.title, p.text,
			      ctx->actor->account_id);
	int32_t today = time_local_date(ctx->now);
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notice_duty SET done_on = $1, done_by = $2, done_at = $3, note = "
			    "$4 WHERE notice_id = $5 AND channel = 'sms' AND done_on IS NULL",
			    DB_I(today), DB_ID(ctx->actor->account_id), DB_I(ctx->now),
			    DB_T(arena_printf(ctx->arena, "%lld SMS", (long long)p.to_send)),
			    DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "notice.sms", "notice", id, n.unit_id,
			       json_pack("{s:I, s:i, s:s}", "messages", (json_int_t)p.to_send,
					 "parts", p.parts, "text", p.text));
	*queued = rc ? 0 : p.to_send;
	return rc;
}

int notice_sms_send(struct dv_ctx *ctx, int64_t id, const char *url, int64_t expected,
		    int64_t *queued)
{
	*queued = 0;
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, send_tx(ctx, id, url, expected, queued));
}


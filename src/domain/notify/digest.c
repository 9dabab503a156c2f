/*
 * Daily digests and the limits per recipient (outbox.h): what a recipient
 * chose to read once a day, and what went over the day's limit, waits in
 * state 'held' and goes out as one mail at the digest hour.
 */
#include "domain/notify/outbox.h"

#include <string.h>

#include "base/buf.h"
#include "base/date.h"

/* ------------------------------------------------------------- throttle */

int notify_throttle(struct dv_ctx *ctx, const struct notify_msg *m, int *held)
{
	int sms = !strcmp(m->channel, "sms");
	int limit = sms ? NOTIFY_SMS_PER_DAY : NOTIFY_MAILS_PER_DAY;
	int64_t recent = 0, oldest = 0;
	*held = 0;
	struct db_stmt *st;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT COUNT(*), COALESCE(MIN(sent_at), 0) FROM notify_outbox WHERE "
			  "recipient = (SELECT recipient FROM notify_outbox WHERE id = $1) AND "
			  "channel = $2 AND state = 'sent' AND sent_at > $3",
			  DB_I(m->id), DB_T(m->channel), DB_I(ctx->now - 86400));
	if (!rc && (rc = db_step(st, &ctx->err)) == DB_ROW) {
		recent = db_col_int(st, 0);
		oldest = db_col_int(st, 1);
		db_finish(st);
		rc = 0;
	}
	if (rc || recent < limit)
		return rc; /* the common case reads, and writes nothing */
	*held = 1;
	if ((rc = ctx_begin(ctx)))
		return rc;
	/* the attempt counted by the claim is given back: nothing was tried */
	if (sms)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notify_outbox SET state = 'pending', claimed_by = 0, attempts = "
			    "attempts - 1, next_attempt_at = $1 WHERE id = $2",
			    DB_I(oldest + 86400 + 1), DB_I(m->id));
	else
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notify_outbox SET state = 'held', claimed_by = 0, attempts = "
			    "attempts - 1 WHERE id = $1",
			    DB_I(m->id));
	return ctx_end(ctx, rc);
}

/* --------------------------------------------------------------- digest */

int64_t notify_digest_due(const struct dv_ctx *ctx)
{
	int32_t today = time_local_date(ctx->now);
	int64_t due = time_local_midnight(today) + NOTIFY_DIGEST_HOUR * 3600;
	return ctx->now >= due ? due : due - 86400;
}

/* One recipient's held messages before `due` into one mail. */
static int digest_one(struct dv_ctx *ctx, const char *recipient, int64_t due, int *made)
{
	struct db_stmt *st;
	struct buf b = BUF_INIT;
	int64_t n = 0, first = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT o.id, o.kind, o.entity, o.entity_id, u.name, o.title FROM "
			  "notify_outbox o JOIN unit u ON u.id = o.unit_id WHERE o.recipient = $1 "
			  "AND o.state = 'held' AND o.created_at < $2 ORDER BY o.id",
			  DB_T(recipient), DB_I(due));
	for (; !rc && (rc = db_step(st, &ctx->err)) == DB_ROW; rc = 0) {
		if (!n++)
			first = db_col_int(st, 0);
		if (n <= NOTIFY_DIGEST_ITEMS) /* tabs and line breaks are not in titles */
			buf_addf(&b, "%s\t%s\t%lld\t%s\t%s\n", db_col_text(st, 1),
				 db_col_text(st, 2), (long long)db_col_int(st, 3),
				 db_col_text(st, 4), db_col_text(st, 5));
	}
	int64_t id = 0;
	if (!rc && n)
		rc = db_int(
			ctx->db, &id, &ctx->err,
			"INSERT INTO notify_outbox (ward_id, kind, channel, recipient, account_id, "
			"subscription_id, address, lang, entity, entity_id, unit_id, title, detail, "
			"next_attempt_at, created_at) SELECT ward_id, $1, 'email', recipient, "
			"account_id, subscription_id, address, lang, 'digest', $2, unit_id, '', $3, "
			"$4, $4 FROM notify_outbox WHERE id = $5 RETURNING id",
			DB_T(NOTIFY_KIND_DIGEST), DB_I(n), DB_T(b.ptr ? b.ptr : ""), DB_I(ctx->now),
			DB_I(first));
	if (!rc && n)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notify_outbox SET state = 'digested', digest_id = $1, sent_at = $2 "
			    "WHERE recipient = $3 AND state = 'held' AND created_at < $4",
			    DB_I(id), DB_I(ctx->now), DB_T(recipient), DB_I(due));
	buf_release(&b);
	*made += !rc && n;
	return rc;
}

int notify_digest(struct dv_ctx *ctx, int max, int *made)
{
	struct db_stmt *st;
	const char **who = NULL;
	size_t n = 0, cap = 0;
	int64_t due = notify_digest_due(ctx);
	*made = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT DISTINCT recipient FROM notify_outbox WHERE state = 'held' AND "
			  "created_at < $1 ORDER BY recipient LIMIT $2",
			  DB_I(due), DB_I(max));
	for (; !rc && (rc = db_step(st, &ctx->err)) == DB_ROW; rc = 0)
		*ARENA_PUSH(ctx->arena, who, n, cap) = arena_strdup(ctx->arena, db_col_text(st, 0));
	for (size_t i = 0; !rc && i < n; i++)
		if (!(rc = ctx_begin(ctx)))
			rc = ctx_end(ctx, digest_one(ctx, who[i], due, made));
	return rc;
}

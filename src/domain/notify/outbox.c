/*
 * The outbox: expanding events into messages, claiming them for the
 * sender, recording each attempt.
 */
#include "domain/notify/outbox.h"

#include <string.h>

#include "domain/disclose/reach.h"
#include "domain/notify_event.h"

DV_ENUM_DEFINE(notify_channel, NC_COUNT, NOTIFY_CHANNELS, "channel");
DV_ENUM_DEFINE(notify_kind, NK_COUNT, NOTIFY_KINDS, "kind");

/* ---------------------------------------------------------------- expand */

struct event {
	int64_t id, unit_id, entity_id;
	int64_t upto; /* a notice's accounts are expanded up to this id */
	int64_t created_at;
	const char *kind, *entity, *title, *detail;
};

/* A notice reaches a ward's accounts in transactions of this many, so the
 * sender never holds the write lock long (ballots wait for it on SQLite). */
#define EXPAND_CHUNK 2000

/* Columns every message of the event copies: $1 event, $2 kind, $3 entity,
 * $4 entity_id, $5 unit, $6 title, $7 detail, $8 now. */
#define MSG_COLS                                                                                   \
	"INSERT INTO notify_outbox (event_id, ward_id, kind, channel, recipient, account_id, "     \
	"subscription_id, address, lang, entity, entity_id, unit_id, title, detail, "              \
	"next_attempt_at, created_at) "

#define REST_COLS                                                                                  \
	"CAST($3 AS TEXT), CAST($4 AS BIGINT), CAST($5 AS BIGINT), CAST($6 AS TEXT), "             \
	"CAST($7 AS TEXT), CAST($8 AS BIGINT), CAST($8 AS BIGINT)"

/* The columns of an account's message (a, c: ACCOUNT_CHANNELS' channel),
 * its commune being `ward`. */
#define ACCOUNT_MSG(ward)                                                                          \
	"SELECT CAST($1 AS BIGINT), " ward ", CAST($2 AS TEXT), c.channel, CASE c.channel WHEN "   \
	"'inapp' THEN 'a' || a.id ELSE 'e' || lower(a.login) END, a.id, NULL, CASE c.channel "     \
	"WHEN 'inapp' THEN '' ELSE a.login END, a.lang, " REST_COLS " "

/* An account's messages ($2 the kind): in the app unless it said none, and
 * by e-mail too, at once or in its daily digest, when it chose so and logs
 * in by an address. */
#define ACCOUNT_CHANNELS                                                                           \
	"LEFT JOIN notify_pref p ON p.account_id = a.id AND p.kind = $2 "                          \
	"JOIN (SELECT 'inapp' AS channel UNION ALL SELECT 'email') c "                             \
	"ON c.channel = 'inapp' OR (COALESCE(p.channel, 'inapp') IN ('email', 'digest') AND "      \
	"a.login LIKE '%@%') "

/* An event's mails to accounts that chose the digest wait for it ($1 the
 * event, $2 its kind). The event's rows are found by (event_id, ...),
 * and each one's choice by its account's key in notify_pref:
 * "state || ''" keeps SQLite from reading every pending message through
 * an index on state instead (a backlog of ballot confirmations). */
static const char sql_hold_digests[] =
	"UPDATE notify_outbox SET state = 'held' WHERE event_id = $1 AND channel = 'email' AND "
	"state || '' = 'pending' AND EXISTS (SELECT 1 FROM notify_pref p WHERE p.account_id = "
	"notify_outbox.account_id AND p.kind = $2 AND p.channel = 'digest')";

/* What an account hears of an area's events when it never chose: new
 * reports nothing (a neighborhood may file many), the rest in the app. */
#define AREA_DEFAULT "CASE CAST($2 AS TEXT) WHEN 'report_filed' THEN 'none' ELSE 'inapp' END"

/* The residents of the notice's subtree with an account, in the app unless
 * they said none, and by e-mail too when they chose it and log in by one;
 * those whose account id is in ($9, $10] and that existed when the notice
 * was published ($11): an account made later finds it on the notices page,
 * not as news. */
static const char sql_notice_accounts[] = MSG_COLS
	ACCOUNT_MSG("h.ward_id")
	"FROM account a JOIN household h ON h.id = a.household_id "
	"JOIN unit_tree t ON t.descendant = h.unit_id AND t.ancestor = $5 "
	ACCOUNT_CHANNELS
	"WHERE a.status = 'active' AND COALESCE(p.channel, " AREA_DEFAULT ") <> 'none' "
	"AND a.id > $9 AND a.id <= $10 AND a.created_at <= $11 ON CONFLICT DO NOTHING";

/* The last account id of the next chunk of a notice's accounts after $2, 0
 * when there is none left. */
static const char sql_notice_chunk[] =
	"SELECT COALESCE(MAX(id), 0) FROM (SELECT a.id FROM account a "
	"JOIN household h ON h.id = a.household_id "
	"JOIN unit_tree t ON t.descendant = h.unit_id AND t.ancestor = $1 "
	"WHERE a.status = 'active' AND a.id > $2 AND a.created_at <= $4 ORDER BY a.id LIMIT $3) c";

/* The confirmed subscribers to the notices of a unit the notice covers or
 * of a unit above it; one mail per address. */
static const char sql_notice_subscribers[] = MSG_COLS
	"SELECT CAST($1 AS BIGINT), s.ward_id, CAST($2 AS TEXT), 'email', 'e' || lower(s.email), "
	"NULL, s.id, s.email, s.lang, " REST_COLS " FROM notify_subscription s "
	"WHERE s.topic = 'notices' AND s.confirmed_at IS NOT NULL AND s.unsubscribed_at IS NULL "
	"AND EXISTS (SELECT 1 FROM unit_tree t WHERE (t.ancestor = $5 AND t.descendant = "
	"s.unit_id) OR (t.ancestor = s.unit_id AND t.descendant = $5)) "
	"ON CONFLICT DO NOTHING";

/* The confirmed subscribers to new reports in a unit the report is in. */
static const char sql_report_subscribers[] = MSG_COLS
	"SELECT CAST($1 AS BIGINT), s.ward_id, CAST($2 AS TEXT), 'email', 'e' || lower(s.email), "
	"NULL, s.id, s.email, s.lang, " REST_COLS " FROM notify_subscription s "
	"WHERE s.topic = 'reports' AND s.confirmed_at IS NOT NULL AND s.unsubscribed_at IS NULL "
	"AND EXISTS (SELECT 1 FROM unit_tree t WHERE t.ancestor = s.unit_id AND t.descendant = "
	"$5) ON CONFLICT DO NOTHING";

/* The representatives of the households on a ballot's roll ($4, the
 * matter): the accounts of the household granted the representative's role,
 * who vote for it. In the app unless they said none; by e-mail, or by text
 * message to their phone (their own record's, else the household
 * representative's; $9: a gateway is configured; the default for one with
 * a phone), as each chose. */
static const char sql_ballot_voters[] = MSG_COLS
	"SELECT CAST($1 AS BIGINT), h.ward_id, CAST($2 AS TEXT), c.channel, CASE c.channel WHEN "
	"'inapp' THEN 'a' || a.id WHEN 'sms' THEN 'h' || h.id "
	"ELSE 'e' || lower(a.login) END, a.id, NULL, CASE c.channel WHEN 'inapp' THEN '' "
	"WHEN 'sms' THEN r.phone ELSE a.login END, a.lang, " REST_COLS " "
	"FROM ballot_roll b JOIN household h ON h.id = b.household_id "
	"JOIN account a ON a.household_id = h.id AND EXISTS (SELECT 1 FROM role_grant g "
	"WHERE g.account_id = a.id AND g.role = 'representative' AND g.revoked_at IS NULL) "
	"LEFT JOIN resident r ON r.id = COALESCE(a.resident_id, h.representative_id) "
	"LEFT JOIN notify_pref p ON p.account_id = a.id AND p.kind = $2 "
	"JOIN (SELECT 'inapp' AS channel UNION ALL SELECT 'email' UNION ALL SELECT 'sms') c "
	"ON c.channel = 'inapp' OR (c.channel = 'email' AND p.channel IN ('email', 'digest') AND a.login "
	"LIKE '%@%') OR (c.channel = 'sms' AND $9 = 1 AND COALESCE(r.phone, '') <> '' AND "
	"COALESCE(p.channel, 'sms') = 'sms') "
	"WHERE b.matter_id = $4 AND a.status = 'active' AND COALESCE(p.channel, 'inapp') <> 'none' "
	"ON CONFLICT DO NOTHING";

/* The households on a ballot's text messages, for the delivery reports. */
static const char sql_sms_households[] =
	"UPDATE notify_outbox SET household_id = CAST(substr(recipient, 2) AS BIGINT) "
	"WHERE event_id = $1 AND channel = 'sms' AND household_id IS NULL";

/* The accounts of the households that paid into a work ($4). */
static const char sql_work_payers[] = MSG_COLS
	ACCOUNT_MSG("h.ward_id")
	"FROM work_household wh JOIN household h ON h.id = wh.household_id "
	"JOIN account a ON a.household_id = h.id "
	ACCOUNT_CHANNELS
	"WHERE wh.work_id = $4 AND (wh.given > 0 OR wh.cash > 0) AND a.status = 'active' "
	"AND COALESCE(p.channel, 'inapp') <> 'none' ON CONFLICT DO NOTHING";

/* A report's reporter, if it has an account. */
static const char sql_report_reporter[] = MSG_COLS
	ACCOUNT_MSG("r.ward_id")
	"FROM report r JOIN account a ON a.id = r.account_id "
	ACCOUNT_CHANNELS
	"WHERE r.id = $4 AND a.status = 'active' AND COALESCE(p.channel, 'inapp') <> 'none' "
	"ON CONFLICT DO NOTHING";

/* The households of a notice's scope ($5) whose representative has a
 * phone, by text message: not those the notice ($4) reached already, nor
 * those texted for it before. */
static const char sql_notice_sms[] =
	"INSERT INTO notify_outbox (event_id, ward_id, kind, channel, recipient, account_id, "
	"subscription_id, address, lang, entity, entity_id, unit_id, title, detail, "
	"next_attempt_at, created_at, household_id) "
	"SELECT CAST($1 AS BIGINT), h.ward_id, CAST($2 AS TEXT), 'sms', 'h' || h.id, NULL, NULL, "
	"r.phone, 'vi', " REST_COLS ", h.id "
	"FROM household h JOIN unit_tree t ON t.descendant = h.unit_id AND t.ancestor = $5 "
	"JOIN resident r ON r.id = h.representative_id "
	"WHERE h.status = 'active' AND COALESCE(r.phone, '') <> '' "
	"AND NOT EXISTS (SELECT 1 FROM notice_reach nr WHERE nr.notice_id = $4 AND "
	"nr.household_id = h.id) "
	"AND NOT EXISTS (SELECT 1 FROM notify_outbox o WHERE o.entity = 'notice' AND "
	"o.entity_id = $4 AND o.household_id = h.id) "
	"ON CONFLICT DO NOTHING";

/* Kinds that reach the residents of an area (the event's unit and below)
 * who had an account then, in chunks (sql_notice_accounts). */
static int area_kind(const char *kind)
{
	return !strcmp(kind, NOTIFY_NOTICE_PUBLISHED) || !strcmp(kind, NOTIFY_CONSULT_OPENED) ||
	       !strcmp(kind, NOTIFY_CONSULT_CLOSING) || !strcmp(kind, NOTIFY_REPORT_FILED);
}

/* One transaction of an event's expansion: a chunk of a notice's accounts
 * (e->upto moves on; the event stays pending), or the rest of it. */
static int expand_one(struct dv_ctx *ctx, struct event *e, int sms, int *finished)
{
	*finished = 0;
	int rc = 0;
#define MSG_ARGS                                                                                   \
	DB_I(e->id), DB_T(e->kind), DB_T(e->entity), DB_I(e->entity_id), DB_I(e->unit_id),         \
		DB_T(e->title), DB_T(e->detail), DB_I(ctx->now)
	if (area_kind(e->kind)) {
		int64_t hi = 0;
		rc = db_int(ctx->db, &hi, &ctx->err, sql_notice_chunk, DB_I(e->unit_id),
			    DB_I(e->upto), DB_I(EXPAND_CHUNK), DB_I(e->created_at));
		if (!rc && hi) { /* one more chunk; the event stays pending */
			rc = db_run(ctx->db, &ctx->err, sql_notice_accounts, MSG_ARGS,
				    DB_I(e->upto), DB_I(hi), DB_I(e->created_at));
			if (!rc)
				rc = db_run(ctx->db, &ctx->err, sql_hold_digests, DB_I(e->id),
					    DB_T(e->kind));
			if (!rc)
				rc = db_run(ctx->db, &ctx->err,
					    "UPDATE notify_event SET expanded_upto = $1 WHERE id = $2",
					    DB_I(hi), DB_I(e->id));
			if (!rc)
				e->upto = hi;
			return rc;
		}
		if (!rc && !strcmp(e->kind, NOTIFY_NOTICE_PUBLISHED))
			rc = db_run(ctx->db, &ctx->err, sql_notice_subscribers, MSG_ARGS);
		if (!rc && !strcmp(e->kind, NOTIFY_REPORT_FILED))
			rc = db_run(ctx->db, &ctx->err, sql_report_subscribers, MSG_ARGS);
	} else if (!strcmp(e->kind, NOTIFY_REPORT_CHANGED)) {
		rc = db_run(ctx->db, &ctx->err, sql_report_reporter, MSG_ARGS);
	} else if (!strcmp(e->kind, NOTIFY_WORK_CHANGED)) {
		rc = db_run(ctx->db, &ctx->err, sql_work_payers, MSG_ARGS);
	} else if (!strcmp(e->kind, NOTIFY_NOTICE_SMS)) {
		rc = db_run(ctx->db, &ctx->err, sql_notice_sms, MSG_ARGS);
	} else if (!strcmp(e->kind, NOTIFY_BALLOT_OPENED)) {
		rc = db_run(ctx->db, &ctx->err, sql_ballot_voters, MSG_ARGS, DB_I(sms));
		if (!rc)
			rc = db_run(ctx->db, &ctx->err, sql_sms_households, DB_I(e->id));
	}
#undef MSG_ARGS
	if (!rc)
		rc = db_run(ctx->db, &ctx->err, sql_hold_digests, DB_I(e->id), DB_T(e->kind));
	if (!rc)
		rc = db_run(
			ctx->db, &ctx->err,
			"UPDATE notify_event SET expanded_at = $1 WHERE id = $2 AND expanded_at "
			"IS NULL",
			DB_I(ctx->now), DB_I(e->id));
	*finished = !rc;
	return rc;
}

int notify_expand(struct dv_ctx *ctx, int max_events, int sms, int *done)
{
	struct db_stmt *st;
	struct event *v = NULL;
	size_t n = 0, cap = 0;
	*done = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, kind, unit_id, entity, entity_id, title, detail, expanded_upto, "
			  "created_at FROM notify_event WHERE expanded_at IS NULL ORDER BY id LIMIT $1",
			  DB_I(max_events));
	for (; !rc && (rc = db_step(st, &ctx->err)) == DB_ROW; rc = 0) {
		struct event *e = arena_push(ctx->arena, (void **)&v, &n, &cap, sizeof(*v));
		e->id = db_col_int(st, 0);
		e->kind = arena_strdup(ctx->arena, db_col_text(st, 1));
		e->unit_id = db_col_int(st, 2);
		e->entity = arena_strdup(ctx->arena, db_col_text(st, 3));
		e->entity_id = db_col_int(st, 4);
		e->title = arena_strdup(ctx->arena, db_col_text(st, 5));
		e->detail = arena_strdup(ctx->arena, db_col_text(st, 6));
		e->upto = db_col_int(st, 7);
		e->created_at = db_col_int(st, 8);
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		int finished = 0;
		while (!finished)
			if ((rc = ctx_begin(ctx)) ||
			    (rc = ctx_end(ctx, expand_one(ctx, &v[i], sms, &finished))))
				return rc;
		(*done)++;
	}
	return 0;
}

int notify_closing_soon(struct dv_ctx *ctx, int *added)
{
	*added = 0;
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO notify_event (kind, unit_id, ward_id, entity, entity_id, title, "
		    "detail, created_at) SELECT $1, c.unit_id, NULL, 'consultation', c.id, "
		    "c.title, '', $2 FROM consultation c "
		    "WHERE c.status = 'open' AND c.closes_at > $2 AND c.closes_at <= $2 + 86400 "
		    "AND c.opened_at < $2 - 86400 AND NOT EXISTS (SELECT 1 FROM notify_event e "
		    "WHERE e.kind = $1 AND e.entity = 'consultation' AND e.entity_id = c.id)",
		    DB_T(NOTIFY_CONSULT_CLOSING), DB_I(ctx->now));
	if (!rc)
		*added = (int)db_changes(ctx->db);
	return ctx_end(ctx, rc);
}

/* ----------------------------------------------------------------- claim */

int notify_sender_connection(struct dv_ctx *ctx)
{
	db_quiet(ctx->db, 1); /* the outbox is on no public page: caches stay */
	if (db_kind(ctx->db) == DB_POSTGRES)
		return db_run(ctx->db, &ctx->err,
			      "SELECT set_config('synchronous_commit', 'off', false)");
	return db_run(ctx->db, &ctx->err, "PRAGMA synchronous = NORMAL");
}

int notify_sender_own(struct dv_ctx *ctx, int64_t owner)
{
	return db_own(ctx->db, owner, &ctx->err);
}

int notify_release(struct dv_ctx *ctx, int64_t owner)
{
	return db_run(ctx->db, &ctx->err,
		      "UPDATE notify_outbox SET state = 'pending', claimed_by = 0 "
		      "WHERE state = 'sending' AND claimed_by = $1",
		      DB_I(owner));
}

#define RECOVER_OWNERS 64 /* senders looked at in one call */

int notify_recover(struct dv_ctx *ctx, int64_t self)
{
	int64_t owners[RECOVER_OWNERS];
	size_t n = 0;
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT DISTINCT claimed_by FROM notify_outbox WHERE state = 'sending' "
			  "AND claimed_by <> $1 ORDER BY claimed_by LIMIT $2",
			  DB_I(self), DB_I(RECOVER_OWNERS));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		owners[n++] = db_col_int(st, 0);
	if (rc < 0)
		return rc;
	rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		int gone = 0;
		if (!(rc = db_owner_gone(ctx->db, owners[i], &gone, &ctx->err)) && gone)
			rc = notify_release(ctx, owners[i]);
	}
	return rc;
}

int notify_claim(struct dv_ctx *ctx, int64_t owner, int max, struct notify_msg **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	/* the oldest pending through (state, id), which stops after $2 rows */
	rc = db_run(
		ctx->db, &ctx->err,
		"UPDATE notify_outbox SET state = 'sending', claimed_by = $3, attempts = attempts + 1 "
		"WHERE state = 'pending' AND id IN (SELECT id FROM notify_outbox WHERE state = "
		"'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2)",
		DB_I(ctx->now), DB_I(max), DB_I(owner));
	if ((rc = ctx_end(ctx, rc)))
		return rc;
	struct db_stmt *st;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT o.id, o.kind, o.channel, COALESCE(o.account_id, 0), "
		      "COALESCE(o.subscription_id, 0), o.address, o.lang, o.entity, o.entity_id, "
		      "o.unit_id, u.name, o.title, o.detail, o.secret, "
		      "COALESCE(s.unsubscribe_token, ''), o.attempts, o.created_at "
		      "FROM notify_outbox o JOIN unit u ON u.id = o.unit_id "
		      "LEFT JOIN notify_subscription s ON s.id = o.subscription_id "
		      "WHERE o.state = 'sending' AND o.claimed_by = $1 ORDER BY o.id",
		      DB_I(owner));
	for (; !rc && (rc = db_step(st, &ctx->err)) == DB_ROW; rc = 0) {
		struct notify_msg *m = arena_push(ctx->arena, (void **)out, n, &cap, sizeof(**out));
		struct arena *a = ctx->arena;
		m->id = db_col_int(st, 0);
		m->kind = arena_strdup(a, db_col_text(st, 1));
		m->channel = arena_strdup(a, db_col_text(st, 2));
		m->account_id = db_col_int(st, 3);
		m->subscription_id = db_col_int(st, 4);
		m->address = arena_strdup(a, db_col_text(st, 5));
		m->lang = arena_strdup(a, db_col_text(st, 6));
		m->entity = arena_strdup(a, db_col_text(st, 7));
		m->entity_id = db_col_int(st, 8);
		m->unit_id = db_col_int(st, 9);
		m->unit_name = arena_strdup(a, db_col_text(st, 10));
		m->title = arena_strdup(a, db_col_text(st, 11));
		m->detail = arena_strdup(a, db_col_text(st, 12));
		m->secret = arena_strdup(a, db_col_text(st, 13));
		m->unsubscribe = arena_strdup(a, db_col_text(st, 14));
		m->attempts = (int)db_col_int(st, 15);
		m->created_at = db_col_int(st, 16);
	}
	return rc;
}

/* ------------------------------------------------------------- outcomes */

static int attempt(struct dv_ctx *ctx, const struct notify_msg *m, int ok, const char *error)
{
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO notify_attempt (outbox_id, ward_id, at, ok, error) SELECT id, "
		      "ward_id, $2, $3, $4 FROM notify_outbox WHERE id = $1",
		      DB_I(m->id), DB_I(ctx->now), DB_I(ok), DB_T(error));
}

static int sent_tx(struct dv_ctx *ctx, const struct notify_msg *m, const char *provider_id)
{
	int rc = 0;
	if (!rc && !strcmp(m->channel, "inapp"))
		rc = db_run(
			ctx->db, &ctx->err,
			"INSERT INTO notify_inbox (outbox_id, account_id, ward_id, kind, entity, "
			"entity_id, unit_id, title, detail, created_at) SELECT id, account_id, "
			"ward_id, kind, entity, entity_id, unit_id, title, detail, created_at "
			"FROM notify_outbox WHERE id = $1 AND account_id IS NOT NULL "
			"ON CONFLICT DO NOTHING",
			DB_I(m->id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notify_outbox SET state = 'sent', sent_at = $1, secret = '', "
			    "last_error = '', provider_id = COALESCE($3, provider_id) WHERE id = $2",
			    DB_I(ctx->now), DB_I(m->id), provider_id ? DB_T(provider_id) : DB_NULL);
	return rc ? rc : attempt(ctx, m, 1, "");
}

int notify_sent(struct dv_ctx *ctx, const struct notify_msg *m, const char *provider_id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, sent_tx(ctx, m, provider_id));
}

int notify_delivered_tx(struct dv_ctx *ctx, int64_t id, int ok, const char *error,
			struct notify_delivery *d)
{
	struct db_stmt *st;
	memset(d, 0, sizeof(*d));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT kind, entity, entity_id, COALESCE(household_id, 0), "
			  "CASE WHEN delivered_at IS NULL THEN 0 ELSE 1 END FROM notify_outbox "
			  "WHERE id = $1 AND channel = 'sms'",
			  DB_I(id));
	if (!rc && (rc = db_step(st, &ctx->err)) == DB_DONE)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such text message");
	if (rc != DB_ROW)
		return rc;
	d->kind = arena_strdup(ctx->arena, db_col_text(st, 0));
	d->entity = arena_strdup(ctx->arena, db_col_text(st, 1));
	d->entity_id = db_col_int(st, 2);
	d->household_id = db_col_int(st, 3);
	int before = (int)db_col_int(st, 4);
	db_finish(st);
	if (before)
		return 0; /* delivered before: a later report changes nothing */
	d->first = ok;
	if (ok)
		return db_run(ctx->db, &ctx->err,
			      "UPDATE notify_outbox SET delivered_at = $1, state = 'sent', sent_at = "
			      "COALESCE(sent_at, $1), last_error = '' WHERE id = $2",
			      DB_I(ctx->now), DB_I(id));
	return db_run(ctx->db, &ctx->err,
		      "UPDATE notify_outbox SET state = 'failed', last_error = $1 WHERE id = $2",
		      DB_T(error), DB_I(id));
}

static int inapp_tx(struct dv_ctx *ctx, const struct notify_msg *v, size_t n, size_t *done)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++)
		if (!strcmp(v[i].channel, "inapp") && !(rc = sent_tx(ctx, &v[i], NULL)))
			(*done)++;
	return rc;
}

int notify_sent_inapp(struct dv_ctx *ctx, const struct notify_msg *v, size_t n, size_t *done)
{
	*done = 0;
	int rc = ctx_begin(ctx);
	if (!rc && (rc = ctx_end(ctx, inapp_tx(ctx, v, n, done))))
		*done = 0;
	return rc;
}

static int failed_tx(struct dv_ctx *ctx, const struct notify_msg *m, const char *error)
{
	int64_t wait = NOTIFY_BACKOFF_SECONDS;
	for (int i = 1; i < m->attempts && wait < 86400; i++)
		wait *= 2;
	if (wait > 86400)
		wait = 86400;
	int give_up = m->attempts >= NOTIFY_MAX_ATTEMPTS;
	int rc = db_run(
		ctx->db, &ctx->err,
		"UPDATE notify_outbox SET state = $1, next_attempt_at = $2, last_error = $3, "
		"secret = $4, sent_at = NULL WHERE id = $5",
		DB_T(give_up ? "failed" : "pending"), DB_I(ctx->now + wait), DB_T(error),
		DB_T(give_up ? "" : m->secret), DB_I(m->id));
	return rc ? rc : attempt(ctx, m, 0, error);
}

int notify_failed(struct dv_ctx *ctx, const struct notify_msg *m, const char *error)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, failed_tx(ctx, m, error));
}

static int delivered_tx(struct dv_ctx *ctx, int64_t outbox_id, int ok, const char *error)
{
	struct notify_delivery d;
	int added = 0;
	int rc = notify_delivered_tx(ctx, outbox_id, ok, error, &d);
	if (!rc && d.first && d.household_id && !strcmp(d.kind, NOTIFY_NOTICE_SMS))
		rc = reach_by_sms(ctx, d.entity_id, d.household_id, &added);
	return rc;
}

int sms_delivered(struct dv_ctx *ctx, int64_t outbox_id, int ok, const char *error)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, delivered_tx(ctx, outbox_id, ok, error));
}

int notify_counts(struct dv_ctx *ctx, struct notify_counts *c)
{
	struct db_stmt *st;
	memset(c, 0, sizeof(*c));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT state, COUNT(*) FROM notify_outbox GROUP BY state");
	for (; !rc && (rc = db_step(st, &ctx->err)) == DB_ROW; rc = 0) {
		const char *s = db_col_text(st, 0);
		int64_t k = db_col_int(st, 1);
		if (!strcmp(s, "pending"))
			c->pending = k;
		else if (!strcmp(s, "sending"))
			c->sending = k;
		else if (!strcmp(s, "sent"))
			c->sent = k;
		else if (!strcmp(s, "failed"))
			c->failed = k;
		else if (!strcmp(s, "held"))
			c->held = k;
		else if (!strcmp(s, "digested"))
			c->digested = k;
	}
	return rc;
}

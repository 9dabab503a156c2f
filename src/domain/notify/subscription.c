/*
 * E-mail subscriptions: subscribe (with the confirmation mail queued in the
 * same transaction), confirm, unsubscribe.
 */
#include "domain/notify/subscription.h"

#include <string.h>

#include "base/names.h"
#include "base/text.h"
#include "base/token.h"
#include "domain/notify/outbox.h"
#include "domain/registry/unit.h"

DV_ENUM_DEFINE(notify_topic, NT_COUNT, NOTIFY_TOPICS, "topic");

/* One address, as a mail server takes it: local@domain.tld, no spaces,
 * controls or quoting; folded to lower case. */
static int clean_email(struct dv_ctx *ctx, const char *in, const char **out)
{
	const char *e;
	int rc = text_clean(ctx->arena, in, in ? strlen(in) : 0, NOTIFY_EMAIL_MAX, TEXT_REQUIRED,
			    "email", &e, &ctx->err);
	if (rc)
		return dv_fail(&ctx->err, DV_EINVAL, "email", "Give an e-mail address");
	const char *at = strchr(e, '@');
	int ok = at && at != e && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' &&
		 e[strlen(e) - 1] != '.';
	char *low = arena_strdup(ctx->arena, e);
	for (char *p = low; ok && *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= ' ' || ch >= 0x7f || strchr("\"(),:;<>[\\]", ch))
			ok = 0;
		else if (ch >= 'A' && ch <= 'Z')
			*p = (char)(ch - 'A' + 'a');
	}
	if (!ok)
		return dv_fail(&ctx->err, DV_EINVAL, "email", "This is not an e-mail address");
	*out = low;
	return 0;
}

/* The form sends a mail to any address typed into it: an address is asked
 * to confirm at most NOTIFY_SUBSCRIBE_PER_DAY times in 24 hours, so nobody
 * can flood someone else's mailbox through danvan. */
static int not_too_often(struct dv_ctx *ctx, const char *email)
{
	int64_t recent = 0;
	int rc = db_int(ctx->db, &recent, &ctx->err,
			"SELECT COUNT(*) FROM notify_subscription WHERE email = $1 AND created_at > $2",
			DB_T(email), DB_I(ctx->now - 86400));
	if (!rc && recent >= NOTIFY_SUBSCRIBE_PER_DAY)
		rc = dv_fail(&ctx->err, DV_EBUSY, "email",
			     "This address was asked to confirm %d subscriptions in the last 24 "
			     "hours; try again tomorrow",
			     NOTIFY_SUBSCRIBE_PER_DAY);
	return rc;
}

static int subscribe_tx(struct dv_ctx *ctx, const struct unit *u, const char *topic,
			const char *email)
{
	char confirm[TOKEN_TEXT_MAX + 1], unsub[TOKEN_TEXT_MAX + 1], hash[HASH_HEX_LEN + 1];
	token_random(confirm, TOKEN_BYTES);
	token_random(unsub, TOKEN_BYTES);
	hash_hex(hash, confirm, strlen(confirm));
	int64_t id = 0, ward = 0;
	int rc = not_too_often(ctx, email);
	if (rc)
		return rc;
	rc = unit_commune_of(ctx, u->id, &ward);
	if (rc == DV_ENOTFOUND) /* a unit above the wards */
		rc = 0, ward = 0;
	if (!rc)
		rc = db_int(
			ctx->db, &id, &ctx->err,
			"INSERT INTO notify_subscription (ward_id, unit_id, topic, email, lang, "
			"confirm_hash, unsubscribe_token, created_at) VALUES ($1, $2, $3, $4, $5, "
			"$6, $7, $8) RETURNING id",
			DB_ID(ward), DB_I(u->id), DB_T(topic), DB_T(email), DB_T(ctx->lang),
			DB_T(hash), DB_T(unsub), DB_I(ctx->now));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO notify_outbox (ward_id, kind, channel, recipient, "
			    "subscription_id, address, lang, entity, entity_id, unit_id, title, "
			    "detail, secret, next_attempt_at, created_at) VALUES ($1, $2, 'email', "
			    "$3, $4, $5, $6, 'unit', $7, $7, $8, $9, $10, $11, $11)",
			    DB_ID(ward), DB_T(NOTIFY_KIND_CONFIRM),
			    DB_T(arena_printf(ctx->arena, "c%lld", (long long)id)), DB_I(id),
			    DB_T(email), DB_T(ctx->lang), DB_I(u->id), DB_T(u->name), DB_T(topic),
			    DB_T(confirm), DB_I(ctx->now));
	/* the address stays out of the audit trail */
	return rc ? rc
		  : ctx_audit(ctx, "notify.subscribe", "notify_subscription", id, u->id,
			      json_pack("{s:s}", "topic", topic));
}

int notify_subscribe(struct dv_ctx *ctx, int64_t unit_id, const char *topic_in, const char *in)
{
	const char *email = NULL;
	enum notify_topic t;
	struct unit u;
	int rc = notify_topic_parse(topic_in, &t, &ctx->err);
	if (rc || (rc = clean_email(ctx, in, &email)) || (rc = unit_get(ctx, unit_id, &u)))
		return rc;
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, subscribe_tx(ctx, &u, notify_topic_name(t), email));
}

/* The subscription a token names: 0 with *id and *unit_id, or DV_ENOTFOUND. */
static int find(struct dv_ctx *ctx, const char *sql, const char *key, int64_t *id, int64_t *unit_id)
{
	struct db_stmt *st;
	*id = 0;
	int rc = db_query(ctx->db, &st, &ctx->err, sql, DB_T(key));
	for (; !rc && (rc = db_step(st, &ctx->err)) == DB_ROW; rc = 0) {
		*id = db_col_int(st, 0);
		*unit_id = db_col_int(st, 1);
	}
	if (!rc && !*id)
		rc = dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "This link is not valid any more");
	return rc;
}

static int token_ok(struct dv_ctx *ctx, const char *token)
{
	size_t n = token ? strlen(token) : 0;
	if (n < 20 || n > TOKEN_TEXT_MAX)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "This link is not valid any more");
	return 0;
}

static int confirm_tx(struct dv_ctx *ctx, const char *hash, int64_t *unit_id)
{
	int64_t id;
	int rc = find(ctx,
		      "SELECT id, unit_id FROM notify_subscription WHERE confirm_hash = $1 "
		      "AND unsubscribed_at IS NULL",
		      hash, &id, unit_id);
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notify_subscription SET confirmed_at = $1 WHERE id = $2 AND "
			    "confirmed_at IS NULL",
			    DB_I(ctx->now), DB_I(id));
	if (!rc && db_changes(ctx->db))
		rc = ctx_audit(ctx, "notify.confirm", "notify_subscription", id, *unit_id, NULL);
	return rc;
}

int notify_confirm(struct dv_ctx *ctx, const char *token, int64_t *unit_id)
{
	char hash[HASH_HEX_LEN + 1];
	int rc = token_ok(ctx, token);
	if (rc)
		return rc;
	hash_hex(hash, token, strlen(token));
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, confirm_tx(ctx, hash, unit_id));
}

static int unsubscribe_tx(struct dv_ctx *ctx, const char *token, int64_t *unit_id)
{
	int64_t id;
	int rc = find(ctx,
		      "SELECT id, unit_id FROM notify_subscription WHERE unsubscribe_token = "
		      "$1",
		      token, &id, unit_id);
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notify_subscription SET unsubscribed_at = $1 WHERE id = $2 AND "
			    "unsubscribed_at IS NULL",
			    DB_I(ctx->now), DB_I(id));
	if (!rc && db_changes(ctx->db))
		rc = ctx_audit(ctx, "notify.unsubscribe", "notify_subscription", id, *unit_id,
			       NULL);
	return rc;
}

int notify_unsubscribe(struct dv_ctx *ctx, const char *token, int64_t *unit_id)
{
	int rc = token_ok(ctx, token);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, unsubscribe_tx(ctx, token, unit_id));
}

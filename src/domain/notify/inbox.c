/*
 * The acting account's inbox and choices.
 */
#include "domain/notify/inbox.h"

#include <string.h>

#include "domain/registry/unit.h"

static int need_account(struct dv_ctx *ctx)
{
	if (!ctx->actor->account_id)
		return dv_fail(&ctx->err, DV_EPERM, NULL, "Log in first");
	return 0;
}

int notify_inbox_list(struct dv_ctx *ctx, int unread, int limit, int64_t offset,
		      struct notify_item **out, size_t *n, int *more)
{
	struct db_stmt *st;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	int rc = need_account(ctx);
	if (rc)
		return rc;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT i.id, i.kind, i.entity, i.entity_id, i.unit_id, u.name, i.title, "
		      "i.detail, i.created_at, COALESCE(i.read_at, 0) FROM notify_inbox i "
		      "JOIN unit u ON u.id = i.unit_id WHERE i.account_id = $1 AND ($2 = 0 OR "
		      "i.read_at IS NULL) ORDER BY i.id DESC LIMIT $3 OFFSET $4",
		      DB_I(ctx->actor->account_id), DB_I(unread), DB_I(limit + 1), DB_I(offset));
	for (; !rc && (rc = db_step(st, &ctx->err)) == DB_ROW; rc = 0) {
		if ((int)*n == limit) {
			*more = 1;
			continue;
		}
		struct notify_item *it =
			arena_push(ctx->arena, (void **)out, n, &cap, sizeof(**out));
		struct arena *a = ctx->arena;
		it->id = db_col_int(st, 0);
		it->kind = arena_strdup(a, db_col_text(st, 1));
		it->entity = arena_strdup(a, db_col_text(st, 2));
		it->entity_id = db_col_int(st, 3);
		it->unit_id = db_col_int(st, 4);
		it->unit_name = arena_strdup(a, db_col_text(st, 5));
		it->title = arena_strdup(a, db_col_text(st, 6));
		it->detail = arena_strdup(a, db_col_text(st, 7));
		it->created_at = db_col_int(st, 8);
		it->read_at = db_col_int(st, 9);
	}
	return rc;
}

static int read_tx(struct dv_ctx *ctx, int64_t id)
{
	if (id) {
		int64_t mine = 0;
		int rc = db_int(
			ctx->db, &mine, &ctx->err,
			"SELECT COUNT(*) FROM notify_inbox WHERE id = $1 AND account_id = $2",
			DB_I(id), DB_I(ctx->actor->account_id));
		if (rc)
			return rc;
		if (!mine)
			return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such message");
	}
	return db_run(ctx->db, &ctx->err,
		      "UPDATE notify_inbox SET read_at = $1 WHERE account_id = $2 AND read_at IS "
		      "NULL AND ($3 = 0 OR id = $3)",
		      DB_I(ctx->now), DB_I(ctx->actor->account_id), DB_I(id));
}

int notify_inbox_read(struct dv_ctx *ctx, int64_t id)
{
	int rc = need_account(ctx);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, read_tx(ctx, id));
}

int notify_prefs_get(struct dv_ctx *ctx, enum notify_channel out[NK_COUNT])
{
	struct db_stmt *st;
	int ballot_set = 0;
	for (int k = 0; k < NK_COUNT; k++)
		out[k] = k == NK_REPORT_NEAR ? NC_NONE : NC_INAPP; /* outbox.c's AREA_DEFAULT */
	int rc = need_account(ctx);
	if (rc)
		return rc;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT kind, channel FROM notify_pref WHERE account_id = $1",
		      DB_I(ctx->actor->account_id));
	for (; !rc && (rc = db_step(st, &ctx->err)) == DB_ROW; rc = 0) {
		int k = names_find(notify_kind_names, NK_COUNT, db_col_text(st, 0));
		int c = names_find(notify_channel_names, NC_COUNT, db_col_text(st, 1));
		if (k >= 0 && c >= 0)
			out[k] = (enum notify_channel)c;
		if (k == NK_BALLOT)
			ballot_set = 1;
	}
	int64_t phone = 0;
	if (!rc && !ballot_set &&
	    !(rc = db_int(ctx->db, &phone, &ctx->err,
			  "SELECT COUNT(*) FROM account a LEFT JOIN household h ON h.id = "
			  "a.household_id JOIN resident r ON r.id = COALESCE(a.resident_id, "
			  "h.representative_id) WHERE a.id = $1 AND COALESCE(r.phone, '') <> ''",
			  DB_I(ctx->actor->account_id))) &&
	    phone)
		out[NK_BALLOT] = NC_SMS;
	return rc;
}

static int pref_tx(struct dv_ctx *ctx, enum notify_kind kind, enum notify_channel channel)
{
	int64_t ward = 0;
	int rc = db_int(
		ctx->db, &ward, &ctx->err,
		"SELECT COALESCE((SELECT h.ward_id FROM account a JOIN household h ON h.id = "
		"a.household_id WHERE a.id = $1), 0)",
		DB_I(ctx->actor->account_id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "DELETE FROM notify_pref WHERE account_id = $1 AND kind = $2",
			    DB_I(ctx->actor->account_id), DB_T(notify_kind_name(kind)));
	if (!rc)
		rc = db_run(
			ctx->db, &ctx->err,
			"INSERT INTO notify_pref (account_id, kind, channel, ward_id, updated_at) "
			"VALUES ($1, $2, $3, $4, $5)",
			DB_I(ctx->actor->account_id), DB_T(notify_kind_name(kind)),
			DB_T(notify_channel_name(channel)), DB_ID(ward), DB_I(ctx->now));
	return rc ? rc
		  : ctx_audit(ctx, "notify.pref", "account", ctx->actor->account_id, 0,
			      json_pack("{s:s, s:s}", "kind", notify_kind_name(kind), "channel",
					notify_channel_name(channel)));
}

int notify_pref_set(struct dv_ctx *ctx, enum notify_kind kind, enum notify_channel channel)
{
	int rc = need_account(ctx);
	if (rc)
		return rc;
	if ((unsigned)kind >= NK_COUNT || (unsigned)channel >= NC_COUNT)
		return dv_fail(&ctx->err, DV_EINVAL, "channel", "No such choice");
	if (channel == NC_SMS && !NOTIFY_SMS_KIND(kind))
		return dv_fail(&ctx->err, DV_EINVAL, notify_kind_name(kind),
			       "Text messages are sent for ballots only");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, pref_tx(ctx, kind, channel));
}

int notify_lang_get(struct dv_ctx *ctx, const char **lang)
{
	struct db_stmt *st;
	*lang = "vi";
	int rc = need_account(ctx);
	if (!rc)
		rc = db_query(ctx->db, &st, &ctx->err, "SELECT lang FROM account WHERE id = $1",
			      DB_I(ctx->actor->account_id));
	if (!rc && (rc = db_step(st, &ctx->err)) == DB_ROW) {
		*lang = strcmp(db_col_text(st, 0), "en") ? "vi" : "en";
		db_finish(st);
		rc = 0;
	}
	return rc == DB_DONE ? 0 : rc;
}

static int lang_tx(struct dv_ctx *ctx, const char *lang)
{
	int rc = db_run(ctx->db, &ctx->err, "UPDATE account SET lang = $1 WHERE id = $2",
			DB_T(lang), DB_I(ctx->actor->account_id));
	return rc ? rc
		  : ctx_audit(ctx, "notify.lang", "account", ctx->actor->account_id, 0,
			      json_pack("{s:s}", "lang", lang));
}

int notify_lang_set(struct dv_ctx *ctx, const char *lang)
{
	int rc = need_account(ctx);
	if (rc)
		return rc;
	if (!lang || (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0))
		return dv_fail(&ctx->err, DV_EINVAL, "lang", "Choose Vietnamese or English");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, lang_tx(ctx, lang));
}

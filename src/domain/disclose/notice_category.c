/*
 * The disclosure categories and the channels a notice goes through: data a
 * city administrator edits (notice.h).
 */
#include <string.h>

#include "base/i18n.h"
#include "base/names.h"
#include "base/text.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"

/* ------------------------------------------------------------- channels */

DV_ENUM_DEFINE(channel, CH_COUNT, CHANNELS, "channel");

/* ----------------------------------------------------------- categories */

#define CATEGORY_COLS "id, code, law_item, name_vi, name_en, min_days, position, active"

static void read_category(struct dv_ctx *ctx, struct db_stmt *st, struct notice_category *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->code = arena_strdup(ctx->arena, db_col_text(st, 1));
	c->law_item = (int)db_col_int(st, 2);
	c->name_vi = arena_strdup(ctx->arena, db_col_text(st, 3));
	c->name_en = arena_strdup(ctx->arena, db_col_text(st, 4));
	c->name = strcmp(ctx->lang ? ctx->lang : "vi", "en") == 0 ? c->name_en : c->name_vi;
	c->min_days = (int)db_col_int(st, 5);
	c->position = (int)db_col_int(st, 6);
	c->active = (int)db_col_int(st, 7);
}

/* Fill the channel rules of categories v[0..n) (ordered by id or not). */
static int load_rules(struct dv_ctx *ctx, struct notice_category *v, size_t n, int64_t only)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT category_id, channel, days, due_days FROM notice_category_channel "
			  "WHERE CAST($1 AS BIGINT) = 0 OR category_id = $1",
			  DB_I(only));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum channel ch = CH_WEB;
		if (channel_parse(db_col_text(st, 1), &ch, NULL))
			continue;
		for (size_t i = 0; i < n; i++)
			if (v[i].id == db_col_int(st, 0) && v[i].nrules < CH_COUNT)
				v[i].rules[v[i].nrules++] = (struct channel_rule){
					ch, (int)db_col_int(st, 2), (int)db_col_int(st, 3)};
	}
	if (rc < 0)
		return rc;
	/* channel order, so every page lists them alike */
	for (size_t i = 0; i < n; i++)
		for (size_t a = 1; a < v[i].nrules; a++)
			for (size_t b = a; b > 0 && v[i].rules[b - 1].channel > v[i].rules[b].channel;
			     b--) {
				struct channel_rule t = v[i].rules[b];
				v[i].rules[b] = v[i].rules[b - 1];
				v[i].rules[b - 1] = t;
			}
	return 0;
}

int category_list(struct dv_ctx *ctx, int all, struct notice_category **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " CATEGORY_COLS " FROM notice_category WHERE $1 = 1 OR active = 1 "
			  "ORDER BY position, id",
			  DB_I(all ? 1 : 0));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_category(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	return rc < 0 ? rc : load_rules(ctx, *out, *n, 0);
}

int category_get(struct dv_ctx *ctx, int64_t id, struct notice_category *c)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " CATEGORY_COLS " FROM notice_category WHERE id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, "category", "No such category");
	read_category(ctx, st, c);
	db_finish(st);
	return load_rules(ctx, c, 1, id);
}

/* ------------------------------------------------------------- changing */

static int clean_category(struct dv_ctx *ctx, int64_t id, struct category_input *in)
{
	int rc;
	if (!id && (rc = text_clean(ctx->arena, in->code, in->code ? strlen(in->code) : 0,
				    CATEGORY_CODE_MAX, TEXT_REQUIRED, "code", &in->code, &ctx->err)))
		return rc;
	if (!id)
		for (const char *p = in->code; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
				return dv_fail(&ctx->err, DV_EINVAL, "code",
					       "A code uses lower-case letters a-z, digits and _");
	if ((rc = text_clean(ctx->arena, in->name_vi, in->name_vi ? strlen(in->name_vi) : 0,
			     CATEGORY_NAME_MAX, TEXT_REQUIRED, "name_vi", &in->name_vi, &ctx->err)) ||
	    (rc = text_clean(ctx->arena, in->name_en, in->name_en ? strlen(in->name_en) : 0,
			     CATEGORY_NAME_MAX, TEXT_REQUIRED, "name_en", &in->name_en, &ctx->err)))
		return rc;
	if (in->law_item < 0 || in->law_item > 99)
		return dv_fail(&ctx->err, DV_EINVAL, "law_item",
			       "The item of the law is a number from 1 to 99 (or empty)");
	if (in->min_days < 1 || in->min_days > NOTICE_DAYS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "min_days",
			       "The posting period is a number of days from 1 to %d",
			       NOTICE_DAYS_MAX);
	for (size_t i = 0; i < in->nrules; i++) {
		const struct channel_rule *r = &in->rules[i];
		if ((unsigned)r->channel >= CH_COUNT)
			return dv_fail(&ctx->err, DV_EINVAL, "channel", "Unknown channel");
		for (size_t j = 0; j < i; j++)
			if (in->rules[j].channel == r->channel)
				return dv_fail(&ctx->err, DV_EINVAL, channel_name(r->channel),
					       "A channel is listed twice");
		if (r->days < 1 || r->days > 365 || r->due_days < 0 ||
		    r->due_days > NOTICE_DAYS_MAX)
			return dv_fail(&ctx->err, DV_EINVAL, channel_name(r->channel),
				       "Days must be between 1 and 365, and the deadline "
				       "between 0 and %d days",
				       NOTICE_DAYS_MAX);
	}
	return 0;
}

static int save_rules(struct dv_ctx *ctx, int64_t id, const struct category_input *in)
{
	int rc = db_run(ctx->db, &ctx->err,
			"DELETE FROM notice_category_channel WHERE category_id = $1", DB_I(id));
	for (size_t i = 0; !rc && i < in->nrules; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO notice_category_channel (category_id, channel, days, "
			    "due_days) VALUES ($1, $2, $3, $4)",
			    DB_I(id), DB_T(channel_name(in->rules[i].channel)),
			    DB_I(in->rules[i].days), DB_I(in->rules[i].due_days));
	return rc;
}

static int save_tx(struct dv_ctx *ctx, int64_t id, const struct category_input *in,
		   int64_t *id_out)
{
	int rc, created = !id;
	int64_t other = 0;
	if (created) {
		rc = db_int(ctx->db, &other, &ctx->err,
			    "SELECT id FROM notice_category WHERE code = $1", DB_T(in->code));
		if (rc == 0)
			return dv_fail(&ctx->err, DV_ECONFLICT, "code",
				       "Another category already has this code");
		if (rc != DV_ENOTFOUND)
			return rc;
		rc = db_int(ctx->db, &id, &ctx->err,
			    "INSERT INTO notice_category (code, law_item, name_vi, name_en, "
			    "min_days, position, active, updated_at) VALUES ($1, $2, $3, $4, $5, "
			    "(SELECT COALESCE(MAX(position), 0) + 1 FROM notice_category), $6, $7) "
			    "RETURNING id",
			    DB_T(in->code), DB_ID(in->law_item), DB_T(in->name_vi),
			    DB_T(in->name_en), DB_I(in->min_days), DB_I(in->active ? 1 : 0),
			    DB_I(ctx->now));
	} else {
		struct notice_category old;
		if ((rc = category_get(ctx, id, &old)))
			return rc;
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notice_category SET law_item = $1, name_vi = $2, name_en = $3, "
			    "min_days = $4, active = $5, updated_at = $6 WHERE id = $7",
			    DB_ID(in->law_item), DB_T(in->name_vi), DB_T(in->name_en),
			    DB_I(in->min_days), DB_I(in->active ? 1 : 0), DB_I(ctx->now), DB_I(id));
	}
	if (!rc)
		rc = save_rules(ctx, id, in);
	if (!rc)
		rc = ctx_audit(ctx, created ? "notice_category.create" : "notice_category.update",
			       "notice_category", id, 0,
			       json_pack("{s:s, s:s, s:i, s:i}", "name_vi", in->name_vi, "name_en",
					 in->name_en, "min_days", in->min_days, "channels",
					 (int)in->nrules));
	if (!rc)
		*id_out = id;
	return rc;
}

int category_save(struct dv_ctx *ctx, int64_t id, const struct category_input *in_,
		  int64_t *id_out)
{
	struct category_input in = *in_;
	int64_t out = 0;
	if (!perm_may_somewhere(ctx, ACT_CONFIGURE))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only a city administrator may change the disclosure categories");
	int rc = clean_category(ctx, id, &in);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, save_tx(ctx, id, &in, &out));
	if (!rc && id_out)
		*id_out = out;
	return rc;
}

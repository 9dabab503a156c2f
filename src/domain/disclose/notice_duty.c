/*
 * The legal duties of a published notice: a checklist of channels, each
 * ticked with the day it was done and who did it, overdue once its due date
 * has passed (notice.h).
 */
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/disclose/notice_impl.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

int notice_duties(struct dv_ctx *ctx, int64_t id, struct notice_duty **out, size_t *n)
{
	struct notice no;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int32_t today = time_local_date(ctx->now);
	int rc = notice_get(ctx, id, &no);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT d.channel, d.days, d.due_date, d.done_on, a.display_name, "
				 "d.done_at, d.note FROM notice_duty d LEFT JOIN account a "
				 "ON a.id = d.done_by WHERE d.notice_id = $1",
				 DB_I(id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum channel ch = CH_WEB;
		if (channel_parse(db_col_text(st, 0), &ch, NULL))
			continue;
		struct notice_duty *d = ARENA_PUSH(ctx->arena, *out, *n, cap);
		d->channel = ch;
		d->days = (int)db_col_int(st, 1);
		d->due_date = (int32_t)db_col_int(st, 2);
		d->done_on = (int32_t)db_col_int(st, 3);
		d->done_by = arena_strdup(ctx->arena, db_col_text(st, 4));
		d->done_at = db_col_int(st, 5);
		d->note = arena_strdup(ctx->arena, db_col_text(st, 6));
		if (ch == CH_WEB && !d->done_on && no.visible_from <= today)
			d->done_on = no.visible_from; /* on this site since then */
		d->overdue = !d->done_on && d->due_date < today && no.status == NOTICE_PUBLISHED;
	}
	if (rc < 0)
		return rc;
	for (size_t a = 1; a < *n; a++) /* channel order */
		for (size_t b = a; b > 0 && (*out)[b - 1].channel > (*out)[b].channel; b--) {
			struct notice_duty t = (*out)[b];
			(*out)[b] = (*out)[b - 1];
			(*out)[b - 1] = t;
		}
	return 0;
}

static int clean_done_on(struct dv_ctx *ctx, const struct notice *n, int days, const char *in,
			 int32_t *out)
{
	const char *s;
	int32_t today = time_local_date(ctx->now);
	int rc = text_clean(ctx->arena, in, in ? strlen(in) : 0, 20, 0, "done_on", &s, &ctx->err);
	if (rc)
		return rc;
	if (!*s)
		*out = today;
	else if ((rc = date_parse(s, out, &ctx->err))) {
		ctx->err.field = "done_on";
		return rc;
	}
	if (*out > today)
		return dv_fail(&ctx->err, DV_EINVAL, "done_on", "This day has not come yet");
	if (*out < n->visible_from)
		return dv_fail(&ctx->err, DV_EINVAL, "done_on",
			       "This day is before the notice's posting period began");
	if (date_add_days(*out, days - 1) > today)
		return dv_fail(&ctx->err, DV_EINVAL, "done_on",
			       "This channel runs %d consecutive days: record it after the last one",
			       days);
	return 0;
}

static int duty_tx(struct dv_ctx *ctx, int64_t id, enum channel c, const char *done_on,
		   const char *note)
{
	struct notice n;
	int64_t days = 0;
	int32_t day;
	int rc = notice_editable(ctx, id, &n);
	if (rc)
		return rc;
	if (n.status != NOTICE_PUBLISHED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Duties are recorded once the notice is published");
	if (c == CH_WEB)
		return dv_fail(&ctx->err, DV_EINVAL, "channel",
			       "Posting on the web portal is this site's own: it needs no record");
	rc = db_int(ctx->db, &days, &ctx->err,
		    "SELECT days FROM notice_duty WHERE notice_id = $1 AND channel = $2", DB_I(id),
		    DB_T(channel_name(c)));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_EINVAL, "channel",
			       "This notice does not have to go through this channel");
	if (rc || (rc = clean_done_on(ctx, &n, (int)days, done_on, &day)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE notice_duty SET done_on = $1, done_by = $2, done_at = $3, note = $4 "
		    "WHERE notice_id = $5 AND channel = $6",
		    DB_I(day), DB_ID(ctx->actor->account_id), DB_I(ctx->now), DB_T(note), DB_I(id),
		    DB_T(channel_name(c)));
	if (!rc)
		rc = ctx_audit(ctx, "notice.duty", "notice", id, n.unit_id,
			       json_pack("{s:s, s:i, s:s}", "channel", channel_name(c), "done_on",
					 (int)day, "note", note));
	return rc;
}

int notice_duty_done(struct dv_ctx *ctx, int64_t id, enum channel c, const char *done_on,
		     const char *note_in)
{
	const char *note;
	int rc = text_clean(ctx->arena, note_in, note_in ? strlen(note_in) : 0, NOTICE_NOTE_MAX, 0,
			    "note", &note, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, duty_tx(ctx, id, c, done_on, note));
}

/* --------------------------------------------------------------- alerts */

/* The units under which the actor may publish, without one inside another. */
static int publish_roots(struct dv_ctx *ctx, int64_t **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (ctx->actor->system)
		return 0;
	for (size_t i = 0; i < ctx->actor->ngrants; i++) {
		const struct grant *g = &ctx->actor->grants[i];
		int dup = 0;
		if (!role_allows((enum role)g->role, ACT_PUBLISH_NOTICES))
			continue;
		for (size_t j = 0; j < *n; j++)
			dup |= (*out)[j] == g->unit_id;
		if (!dup)
			*ARENA_PUSH(ctx->arena, *out, *n, cap) = g->unit_id;
	}
	return 0;
}

static int alerts_under(struct dv_ctx *ctx, int64_t root, struct notice_alert **out, size_t *n,
			size_t *cap)
{
	struct db_stmt *st = NULL;
	int32_t today = time_local_date(ctx->now);
	/* kind 0: overdue duties; 1: drafts; 2: past the window, archivable */
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT 0, n.id, n.title, u.name, d.channel, d.due_date FROM notice_duty d "
		"JOIN notice n ON n.id = d.notice_id JOIN unit u ON u.id = n.unit_id "
		"JOIN unit_tree t ON t.descendant = n.unit_id AND t.ancestor = $1 "
		"WHERE d.done_on IS NULL AND d.due_date < $2 AND n.status = 'published' "
		"AND d.channel <> 'web' "
		"UNION ALL SELECT 1, n.id, n.title, u.name, '', n.visible_from FROM notice n "
		"JOIN unit u ON u.id = n.unit_id "
		"JOIN unit_tree t ON t.descendant = n.unit_id AND t.ancestor = $1 "
		"WHERE n.status = 'draft' "
		"UNION ALL SELECT 2, n.id, n.title, u.name, '', n.visible_until FROM notice n "
		"JOIN unit u ON u.id = n.unit_id "
		"JOIN unit_tree t ON t.descendant = n.unit_id AND t.ancestor = $1 "
		"WHERE n.status = 'published' AND n.visible_until IS NOT NULL "
		"AND n.visible_until < $2 "
		"ORDER BY 1, 6, 2 LIMIT $3",
		DB_I(root), DB_I(today), DB_I(NOTICE_ALERTS_MAX));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct notice_alert *a = ARENA_PUSH(ctx->arena, *out, *n, *cap);
		a->kind = (int)db_col_int(st, 0);
		a->notice_id = db_col_int(st, 1);
		a->title = arena_strdup(ctx->arena, db_col_text(st, 2));
		a->unit_name = arena_strdup(ctx->arena, db_col_text(st, 3));
		channel_parse(db_col_text(st, 4), &a->channel, NULL);
		a->date = (int32_t)db_col_int(st, 5);
	}
	return rc < 0 ? rc : 0;
}

int notice_alerts(struct dv_ctx *ctx, struct notice_alert **out, size_t *n)
{
	int64_t *roots;
	size_t nroots, cap = 0;
	*out = NULL;
	*n = 0;
	int rc = publish_roots(ctx, &roots, &nroots);
	for (size_t i = 0; !rc && i < nroots && *n < NOTICE_ALERTS_MAX; i++) {
		int inside = 0;
		for (size_t j = 0; j < nroots && !inside; j++)
			if (j != i && (rc = unit_is_within(ctx, roots[i], roots[j], &inside)))
				return rc;
		if (!inside)
			rc = alerts_under(ctx, roots[i], out, n, &cap);
	}
	return rc;
}

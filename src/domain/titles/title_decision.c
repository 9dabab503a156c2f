/*
 * Cultural titles: the chairman's decision by the deadline, the list
 * published as a public notice, the public figures per community, and the
 * titles a household holds.
 */
#include "domain/titles/title.h"
#include "domain/titles/title_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/registry/household.h"
#include "domain/rules.h"

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

static const char *day_text(struct dv_ctx *ctx, int32_t ymd)
{
	struct buf b = BUF_INIT;
	date_format(&b, ymd);
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

/* ------------------------------------------------------------- deciding */

struct clean_decision {
	const char *number, *signer;
	int32_t on;
};

static int check_day(struct dv_ctx *ctx, const struct title_round *r, int32_t on)
{
	if (on > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_EINVAL, "decided_on",
			       "A decision is recorded once it is signed, not before");
	if (on / 10000 != r->year)
		return dv_fail(&ctx->err, DV_EINVAL, "decided_on",
			       "The titles of %d are decided in %d", r->year, r->year);
	if (on > r->deadline)
		return dv_fail(&ctx->err, DV_EINVAL, "decided_on",
			       "The titles of %d are decided by %s (%s; the rule title_deadline)",
			       r->year, day_text(ctx, r->deadline),
			       i18n_get(ctx->err.lang, rule_info(RULE_TITLE_DEADLINE)->basis));
	return 0;
}

/* The figures the public sees: households in each community and how many
 * registered and were awarded; for other titles, per unit of the
 * candidates. */
static int keep_tallies(struct dv_ctx *ctx, const struct title_round *r)
{
	if (r->kind.subject == TS_HOUSEHOLD)
		return db_run(
			ctx->db, &ctx->err,
			"INSERT INTO title_tally (round_id, unit_id, households, registered, awarded) "
			"SELECT $1, u.id, u.households, (SELECT COUNT(*) FROM title_candidate c WHERE "
			"c.round_id = $1 AND c.unit_id = u.id), (SELECT COUNT(*) FROM title_candidate c "
			"WHERE c.round_id = $1 AND c.unit_id = u.id AND c.status = 'awarded') FROM unit "
			"u JOIN unit_tree t ON t.descendant = u.id WHERE t.ancestor = $2 AND u.status = "
			"'active' AND u.kind IN ('neighborhood', 'village', 'residential_group')",
			DB_I(r->id), DB_I(r->unit_id));
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO title_tally (round_id, unit_id, households, registered, awarded) "
		      "SELECT $1, c.unit_id, MAX(u.households), COUNT(*), SUM(CASE WHEN c.status = "
		      "'awarded' THEN 1 ELSE 0 END) FROM title_candidate c JOIN unit u ON u.id = "
		      "c.unit_id WHERE c.round_id = $1 GROUP BY c.unit_id",
		      DB_I(r->id));
}

static int decide_tx(struct dv_ctx *ctx, int64_t round_id, const struct clean_decision *d)
{
	struct title_round r;
	int64_t awarded = 0;
	int rc = title_round_get(ctx, round_id, &r);
	if (rc || (rc = perm_require(ctx, ACT_DECIDE_TITLES, r.unit_id)))
		return rc;
	if (r.status != TR_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The round has been decided already");
	if ((rc = check_day(ctx, &r, d->on)))
		return rc;
	/* households: those their community proposed once its meeting was over */
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE title_candidate SET status = 'awarded' WHERE round_id = $1 AND status = "
		    "'proposed' AND ($2 = 0 OR EXISTS (SELECT 1 FROM title_meeting m WHERE "
		    "m.round_id = $1 AND m.unit_id = title_candidate.unit_id AND m.proposed_at IS NOT "
		    "NULL))",
		    DB_I(round_id), DB_I(r.kind.by_meeting));
	if (rc)
		return rc;
	if (!(awarded = db_changes(ctx->db)))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Nothing has been proposed to decide on");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE title_round SET status = 'decided', decision_no = $1, decided_on = $2, "
		    "signer = $3, decided_at = $4 WHERE id = $5",
		    DB_T(d->number), DB_I(d->on), DB_T(d->signer), DB_I(ctx->now), DB_I(round_id));
	if (!rc)
		rc = keep_tallies(ctx, &r);
	if (!rc)
		rc = ctx_audit(ctx, "title.decide", "title_round", round_id, r.unit_id,
			       json_pack("{s:s, s:i, s:I}", "number", d->number, "decided_on",
					 (int)d->on, "awarded", (json_int_t)awarded));
	return rc;
}

int title_decide(struct dv_ctx *ctx, int64_t round_id, const char *number_in,
		 const char *decided_on, const char *signer_in)
{
	struct clean_decision d;
	int rc = text_clean(ctx->arena, number_in, slen(number_in), TITLE_DECISION_NO_MAX,
			    TEXT_REQUIRED, "number", &d.number, &ctx->err);
	if (rc || (rc = text_clean(ctx->arena, signer_in, slen(signer_in), TITLE_SIGNER_MAX,
				   TEXT_REQUIRED, "signer", &d.signer, &ctx->err)))
		return rc;
	if (!decided_on || !*decided_on || date_parse(decided_on, &d.on, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, "decided_on", "Give the day it was signed");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, decide_tx(ctx, round_id, &d));
}

/* ------------------------------------------------------------ publishing */

/* The list as the notice shows it: the decision, then each community with
 * its awarded households; when the names would not fit in a notice (a
 * large ward), the counts per community, the names being posted at each
 * community's cultural house. Vietnamese, as the ward posts it. */
static int notice_body(struct dv_ctx *ctx, const struct title_round *r, const char **out)
{
	struct db_stmt *st = NULL;
	struct buf head = BUF_INIT, names = BUF_INIT, counts = BUF_INIT;
	int64_t last_unit = -1, k = 0;
	buf_addf(&head,
		 "Quyết định số %s ngày %s của Chủ tịch Ủy ban nhân dân %s công nhận %lld %s đạt "
		 "danh hiệu “%s” năm %d.\n",
		 r->decision_no, day_text(ctx, r->decided_on), r->unit_name, (long long)r->awarded,
		 r->kind.subject == TS_HOUSEHOLD ? "hộ gia đình" : "đơn vị", r->kind.name_vi,
		 r->year);
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT c.unit_id, u.name, c.name FROM title_candidate c JOIN unit u ON "
			  "u.id = c.unit_id WHERE c.round_id = $1 AND c.status = 'awarded' ORDER BY "
			  "u.name, c.unit_id, c.name",
			  DB_I(r->id));
	const char *unit = "";
	while (!rc && (rc = db_step(st, &ctx->err)) == DB_ROW) {
		rc = 0;
		if (db_col_int(st, 0) != last_unit) {
			if (k)
				buf_addf(&counts, "- %s: %lld\n", unit, (long long)k);
			last_unit = db_col_int(st, 0);
			unit = arena_strdup(ctx->arena, db_col_text(st, 1));
			buf_addf(&names, "\n**%s**\n\n", unit);
			k = 0;
		}
		buf_addf(&names, "%lld. %s\n", (long long)++k, db_col_text(st, 2));
	}
	if (k)
		buf_addf(&counts, "- %s: %lld\n", unit, (long long)k);
	if (rc >= 0) {
		rc = 0;
		if (head.len + names.len + 200 <= NOTICE_BODY_MAX) /* bytes: at least as many */
			buf_adds(&head, names.ptr ? names.ptr : "");
		else
			buf_addf(&head,
				 "\nSố hộ được công nhận ở từng khu phố:\n\n%s\nDanh sách từng hộ "
				 "được niêm yết tại nhà văn hóa các khu phố và trụ sở Ủy ban nhân "
				 "dân.\n",
				 counts.ptr ? counts.ptr : "");
	}
	*out = arena_strdup(ctx->arena, head.ptr);
	buf_release(&head);
	buf_release(&names);
	buf_release(&counts);
	return rc < 0 ? rc : 0;
}

static int publish_tx(struct dv_ctx *ctx, int64_t round_id, int *late)
{
	struct title_round r;
	int64_t cat = 0, notice = 0;
	const char *body;
	int rc = title_round_get(ctx, round_id, &r);
	if (rc || (rc = perm_require(ctx, ACT_DECIDE_TITLES, r.unit_id)))
		return rc;
	if (r.status == TR_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The round has not been decided yet");
	if (r.status != TR_DECIDED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The list has been published already");
	if ((rc = db_int(ctx->db, &cat, &ctx->err,
			 "SELECT id FROM notice_category WHERE code = 'titles'")) ||
	    (rc = notice_body(ctx, &r, &body)))
		return rc;
	struct notice_input in = {
		.unit_id = r.unit_id,
		.category_id = cat,
		.title = arena_printf(ctx->arena, "Danh sách công nhận danh hiệu “%s” năm %d",
				      r.kind.name_vi, r.year),
		.body = body};
	/* published on the chairman's behalf, as a meeting's invitation is */
	const struct actor *who = ctx->actor;
	ctx->actor = &actor_system;
	rc = notice_create(ctx, &in, &notice);
	if (!rc)
		rc = notice_publish(ctx, notice);
	ctx->actor = who;
	if (rc)
		return rc;
	int32_t today = time_local_date(ctx->now);
	*late = today > r.publish_by;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE title_round SET status = 'published', notice_id = $1, published_on = $2, "
		    "published_at = $3 WHERE id = $4",
		    DB_I(notice), DB_I(today), DB_I(ctx->now), DB_I(round_id));
	if (!rc)
		rc = ctx_audit(ctx, "title.publish", "title_round", round_id, r.unit_id,
			       json_pack("{s:I, s:i, s:b}", "notice", (json_int_t)notice, "on",
					 (int)today, "late", *late));
	return rc;
}

int title_publish(struct dv_ctx *ctx, int64_t round_id, int *late_out)
{
	int late = 0;
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	rc = ctx_end(ctx, publish_tx(ctx, round_id, &late));
	if (late_out)
		*late_out = !rc && late;
	return rc;
}

/* --------------------------------------------------------------- figures */

int title_tallies(struct dv_ctx *ctx, int64_t round_id, struct title_tally **out, size_t *n)
{
	struct title_round r;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = title_round_get(ctx, round_id, &r);
	if (rc || r.status == TR_OPEN)
		return rc;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT t.unit_id, u.name, t.households, t.registered, t.awarded FROM "
		      "title_tally t JOIN unit u ON u.id = t.unit_id WHERE t.round_id = $1 ORDER BY "
		      "u.name, u.id",
		      DB_I(round_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct title_tally *t = ARENA_PUSH(ctx->arena, *out, *n, cap);
		t->unit_id = db_col_int(st, 0);
		t->unit_name = arena_strdup(ctx->arena, db_col_text(st, 1));
		t->households = db_col_int(st, 2);
		t->registered = db_col_int(st, 3);
		t->awarded = db_col_int(st, 4);
	}
	return rc < 0 ? rc : 0;
}

int title_household(struct dv_ctx *ctx, int64_t household_id, struct title_held **out, size_t *n,
		    int *consecutive)
{
	struct household h;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*consecutive = 0;
	int rc = household_get(ctx, household_id, &h);
	if (rc)
		return rc;
	int en = ctx->lang && strcmp(ctx->lang, "en") == 0;
	int years[64];
	size_t ny = 0;
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT r.year, r.id, k.name_vi, k.name_en, r.decision_no, r.decided_on, "
		      "r.kind FROM title_candidate c JOIN title_round r ON r.id = c.round_id JOIN "
		      "title_kind k ON k.code = r.kind WHERE c.subject = 'household' AND c.ref = $1 "
		      "AND c.status = 'awarded' ORDER BY r.year DESC, r.id DESC",
		      DB_I(household_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct title_held *t = ARENA_PUSH(ctx->arena, *out, *n, cap);
		t->year = (int)db_col_int(st, 0);
		t->round_id = db_col_int(st, 1);
		t->name = arena_strdup(ctx->arena, db_col_text(st, en ? 3 : 2));
		t->decision_no = arena_strdup(ctx->arena, db_col_text(st, 4));
		t->decided_on = (int32_t)db_col_int(st, 5);
		if (!strcmp(db_col_text(st, 6), "family") && ny < ARRAY_LEN(years) &&
		    (!ny || years[ny - 1] != t->year))
			years[ny++] = t->year;
	}
	if (rc < 0)
		return rc;
	/* newest first: the run of years that ends at the latest one */
	for (size_t i = 0; i < ny && (i == 0 || years[i] == years[i - 1] - 1); i++)
		(*consecutive)++;
	return 0;
}

int title_figures(struct dv_ctx *ctx, int64_t unit_id, int year, struct title_figures *f)
{
	struct db_stmt *st = NULL;
	memset(f, 0, sizeof(*f));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT COALESCE(SUM(t.households), 0), COALESCE(SUM(t.registered), 0), "
			  "COALESCE(SUM(t.awarded), 0) FROM title_tally t JOIN title_round r ON r.id = "
			  "t.round_id WHERE r.kind = 'family' AND r.year = $2 AND r.status = "
			  "'published' AND t.unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor "
			  "= $1)",
			  DB_I(unit_id), DB_I(year));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		f->households = db_col_int(st, 0);
		f->registered = db_col_int(st, 1);
		f->awarded = db_col_int(st, 2);
		db_finish(st);
		rc = 0;
	}
	return rc;
}

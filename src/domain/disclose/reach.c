#include "domain/disclose/reach.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/names.h"
#include "base/text.h"
#include "domain/registry/household.h"
#include "domain/disclose/notice_impl.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

DV_ENUM_DEFINE(reach_how, REACH_HOW_COUNT, REACH_HOWS, "how");

/* --------------------------------------------------------------- writing */

/* A published notice that can still be marked. */
static int load_published(struct dv_ctx *ctx, int64_t id, struct notice *n)
{
	int rc = notice_get(ctx, id, n);
	if (rc)
		return rc;
	if (n->status != NOTICE_PUBLISHED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Reach is recorded only for published notices");
	if (n->visible_from > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "This notice is not posted yet");
	return 0;
}

/* Count one more household reached, in its unit and in the notice. */
static int count_reached(struct dv_ctx *ctx, int64_t notice_id, int64_t unit_id)
{
	int rc = db_run(ctx->db, &ctx->err,
			"INSERT INTO notice_reach_count (notice_id, unit_id, reached) "
			"VALUES ($1, $2, 1) ON CONFLICT (notice_id, unit_id) "
			"DO UPDATE SET reached = notice_reach_count.reached + 1",
			DB_I(notice_id), DB_I(unit_id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE notice SET reached = reached + 1 WHERE id = $1", DB_I(notice_id));
	return rc;
}

/* Insert one reach row unless the household was reached already. */
static int insert_reach(struct dv_ctx *ctx, int64_t notice_id, const struct household *h,
			enum reach_how how, int32_t on, int *added)
{
	int rc = db_run(ctx->db, &ctx->err,
			"INSERT INTO notice_reach (notice_id, household_id, unit_id, how, reached_on, "
			"recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
			"ON CONFLICT (notice_id, household_id) DO NOTHING",
			DB_I(notice_id), DB_I(h->id), DB_I(h->unit_id), DB_T(reach_how_name(how)),
			DB_I(on), DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	*added = !rc && db_changes(ctx->db) > 0;
	if (*added)
		rc = count_reached(ctx, notice_id, h->unit_id);
	return rc;
}

int reach_by_sms(struct dv_ctx *ctx, int64_t notice_id, int64_t household_id, int *added)
{
	int rc = db_run(ctx->db, &ctx->err,
			"INSERT INTO notice_reach (notice_id, household_id, unit_id, how, reached_on, "
			"recorded_by, recorded_at) SELECT $1, id, unit_id, $3, $4, NULL, $5 "
			"FROM household WHERE id = $2 ON CONFLICT (notice_id, household_id) DO NOTHING",
			DB_I(notice_id), DB_I(household_id), DB_T(reach_how_name(REACH_SMS)),
			DB_I(time_local_date(ctx->now)), DB_I(ctx->now));
	*added = !rc && db_changes(ctx->db) > 0;
	int64_t unit = 0;
	if (*added &&
	    !(rc = db_int(ctx->db, &unit, &ctx->err, "SELECT unit_id FROM household WHERE id = $1",
			  DB_I(household_id))))
		rc = count_reached(ctx, notice_id, unit);
	return rc;
}

/* Is the household active and within the notice's scope? */
static int covered(struct dv_ctx *ctx, const struct notice *n, const struct household *h,
		   int *yes)
{
	*yes = 0;
	if (strcmp(h->status, "active") != 0)
		return 0;
	return unit_is_within(ctx, h->unit_id, n->unit_id, yes);
}

static int ack_tx(struct dv_ctx *ctx, int64_t notice_id, int *already)
{
	struct notice n;
	struct household h;
	int yes, added = 0;
	int64_t hid = ctx->actor->household_id;
	int rc = load_published(ctx, notice_id, &n);
	if (rc)
		return rc;
	if (!hid || (rc = household_load(ctx, hid, &h)) ||
	    !perm_may_household(ctx, ACT_ACKNOWLEDGE, hid, h.unit_id))
		return rc && rc != DV_ENOTFOUND
			       ? rc
			       : dv_fail(&ctx->err, DV_EPERM, NULL,
					 "Only a household's representative marks a notice as known");
	if ((rc = covered(ctx, &n, &h, &yes)))
		return rc;
	if (!yes)
		return dv_fail(&ctx->err, DV_EINVAL, NULL, "This notice is not for your household");
	rc = insert_reach(ctx, notice_id, &h, REACH_ONLINE, time_local_date(ctx->now), &added);
	*already = !added;
	if (!rc && added)
		rc = ctx_audit(ctx, "notice.ack", "notice", notice_id, h.unit_id,
			       json_pack("{s:I}", "household", (json_int_t)hid));
	return rc;
}

/* A household's "đã biết" is its commune's (ctx_begin_in): households of
 * many communes acknowledge a city's notice without waiting on each other
 * but for the moment each adds one to the notice's count (a row lock). The
 * notice is published and archived in exclusive transactions. */
int reach_ack(struct dv_ctx *ctx, int64_t notice_id, int *already)
{
	int dummy;
	int64_t unit = 0;
	int rc = 0;
	if (ctx->actor->household_id &&
	    (rc = db_int(ctx->db, &unit, &ctx->err, "SELECT unit_id FROM household WHERE id = $1",
			 DB_I(ctx->actor->household_id))) &&
	    rc != DV_ENOTFOUND)
		return rc;
	rc = unit ? ctx_begin_in(ctx, unit) : ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, ack_tx(ctx, notice_id, already ? already : &dummy));
}

static int clean_on(struct dv_ctx *ctx, const struct notice *n, const char *in, int32_t *out)
{
	const char *s;
	int rc = text_clean(ctx->arena, in, in ? strlen(in) : 0, 20, 0, "on", &s, &ctx->err);
	if (rc)
		return rc;
	*out = time_local_date(ctx->now);
	if (*s && (rc = date_parse(s, out, &ctx->err))) {
		ctx->err.field = "on";
		return rc;
	}
	if (*out > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_EINVAL, "on", "This day has not come yet");
	if (*out < n->visible_from)
		return dv_fail(&ctx->err, DV_EINVAL, "on",
			       "This day is before the notice's posting period began");
	return 0;
}

/* Check every household before anything is written: one bad id refuses
 * the whole batch. */
static int check_batch(struct dv_ctx *ctx, const struct notice *n, const int64_t *ids, size_t k,
		       struct household *hs)
{
	for (size_t i = 0; i < k; i++) {
		int yes;
		int rc = household_load(ctx, ids[i], &hs[i]);
		if (rc == DV_ENOTFOUND || (!rc && !perm_may(ctx, ACT_VIEW_HOUSEHOLDS, hs[i].unit_id) &&
					   !perm_may(ctx, ACT_RECORD_REACH, hs[i].unit_id)))
			return dv_fail(&ctx->err, DV_ENOTFOUND, "household", "No such household");
		if (rc || (rc = covered(ctx, n, &hs[i], &yes)))
			return rc;
		if (!yes)
			return dv_fail(&ctx->err, DV_EINVAL, "household",
				       "Household %s is not covered by this notice", hs[i].address);
		if ((rc = perm_require(ctx, ACT_RECORD_REACH, hs[i].unit_id)))
			return rc;
	}
	return 0;
}

static int record_tx(struct dv_ctx *ctx, int64_t notice_id, const int64_t *ids, size_t k,
		     enum reach_how how, const char *on_in, size_t *recorded)
{
	struct notice n;
	int32_t on;
	int rc = load_published(ctx, notice_id, &n);
	if (rc || (rc = clean_on(ctx, &n, on_in, &on)))
		return rc;
	struct household *hs = arena_array(ctx->arena, struct household, k);
	if ((rc = check_batch(ctx, &n, ids, k, hs)))
		return rc;
	for (size_t i = 0; !rc && i < k; i++) {
		int added = 0;
		rc = insert_reach(ctx, notice_id, &hs[i], how, on, &added);
		*recorded += (size_t)added;
	}
	if (!rc && *recorded)
		rc = ctx_audit(ctx, "notice.reach", "notice", notice_id, n.unit_id,
			       json_pack("{s:s, s:i, s:I}", "how", reach_how_name(how), "on",
					 (int)on, "households", (json_int_t)*recorded));
	return rc;
}

int reach_record(struct dv_ctx *ctx, int64_t notice_id, const int64_t *households, size_t n,
		 enum reach_how how, const char *on, size_t *recorded)
{
	size_t dummy = 0;
	recorded = recorded ? recorded : &dummy;
	*recorded = 0;
	if (n == 0)
		return dv_fail(&ctx->err, DV_EINVAL, "household", "Tick at least one household");
	if (n > REACH_BATCH_MAX)
		return dv_fail(&ctx->err, DV_ETOOBIG, "household",
			       "At most %d households at a time", REACH_BATCH_MAX);
	if (!perm_may_somewhere(ctx, ACT_RECORD_REACH))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only a neighborhood head, the front committee or an officer records "
			       "reach");
	if (how == REACH_ONLINE || how == REACH_SMS || (unsigned)how >= REACH_HOW_COUNT)
		return dv_fail(&ctx->err, DV_EINVAL, "how",
			       "Online reading is marked by the household itself, a text message "
			       "by the gateway's delivery report");
	int rc = ctx_begin(ctx);
	if (rc)
		return rc;
	rc = ctx_end(ctx, record_tx(ctx, notice_id, households, n, how, on, recorded));
	if (rc)
		*recorded = 0;
	return rc;
}

/* --------------------------------------------------------------- reading */

int reach_of_household(struct dv_ctx *ctx, int64_t notice_id, int64_t household_id,
		       enum reach_how *how, int32_t *on)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT how, reached_on FROM notice_reach WHERE notice_id = $1 "
			  "AND household_id = $2",
			  DB_I(notice_id), DB_I(household_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : DV_ENOTFOUND;
	reach_how_parse(db_col_text(st, 0), how, NULL);
	*on = (int32_t)db_col_int(st, 1);
	db_finish(st);
	return 0;
}

int reach_by_unit(struct dv_ctx *ctx, int64_t notice_id, struct reach_unit **out, size_t *n,
		  int64_t *households, int64_t *reached)
{
	struct notice no;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = notice_get(ctx, notice_id, &no);
	if (rc)
		return rc;
	*households = no.households;
	*reached = no.reached;
	/* the top communities of the scope (a residential group inside a
	 * neighborhood counts within it) */
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT u.id, u.name, p.name, u.households, "
		      "(SELECT COALESCE(SUM(c.reached), 0) FROM notice_reach_count c "
		      "JOIN unit_tree t2 ON t2.descendant = c.unit_id "
		      "WHERE c.notice_id = $1 AND t2.ancestor = u.id) "
		      "FROM unit_tree t JOIN unit u ON u.id = t.descendant "
		      "LEFT JOIN unit p ON p.id = u.parent_id "
		      "WHERE t.ancestor = $2 AND u.status = 'active' "
		      "AND u.kind IN ('neighborhood', 'village', 'residential_group') "
		      "AND (u.id = $2 OR p.kind NOT IN ('neighborhood', 'village', "
		      "'residential_group')) ORDER BY p.name_folded, u.name_folded, u.id",
		      DB_I(notice_id), DB_I(no.unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct reach_unit *r = ARENA_PUSH(ctx->arena, *out, *n, cap);
		r->unit_id = db_col_int(st, 0);
		r->name = arena_strdup(ctx->arena, db_col_text(st, 1));
		r->parent_name = arena_strdup(ctx->arena, db_col_text(st, 2));
		r->households = db_col_int(st, 3);
		r->reached = db_col_int(st, 4);
	}
	return rc < 0 ? rc : 0;
}

int reach_figures(struct dv_ctx *ctx, int64_t unit_id, int32_t from, int32_t to,
		  struct reach_figures *f)
{
	memset(f, 0, sizeof(*f));
	int rc = db_int(ctx->db, &f->notices, &ctx->err,
			"SELECT COUNT(*) FROM notice n WHERE n.unit_id IN (SELECT descendant FROM "
			"unit_tree WHERE ancestor = $1) AND n.status IN ('published', 'archived') AND "
			"n.visible_from BETWEEN $2 AND $3",
			DB_I(unit_id), DB_I(from), DB_I(to));
	if (!rc)
		rc = db_int(ctx->db, &f->households, &ctx->err,
			    "SELECT households FROM unit WHERE id = $1", DB_I(unit_id));
	if (!rc)
		rc = db_int(ctx->db, &f->reached, &ctx->err,
			    "SELECT COUNT(DISTINCT r.household_id) FROM notice_reach r WHERE "
			    "r.unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = $1) AND "
			    "r.reached_on BETWEEN $2 AND $3",
			    DB_I(unit_id), DB_I(from), DB_I(to));
	return rc == DV_ENOTFOUND ? 0 : rc;
}

/* The deeper of the notice's unit and the asked unit, if one holds the
 * other; DV_EINVAL if they are apart. */
static int missing_scope(struct dv_ctx *ctx, const struct notice *n, int64_t unit_id,
			 int64_t *scope)
{
	int in = 0, around = 0;
	*scope = n->unit_id;
	if (!unit_id || unit_id == n->unit_id)
		return 0;
	int rc = unit_is_within(ctx, unit_id, n->unit_id, &in);
	if (rc || (!in && (rc = unit_is_within(ctx, n->unit_id, unit_id, &around))))
		return rc;
	if (!in && !around)
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "This notice does not cover that unit");
	*scope = in ? unit_id : n->unit_id;
	return 0;
}

int reach_missing(struct dv_ctx *ctx, int64_t notice_id, int64_t unit_id, int64_t offset,
		  int limit, struct reach_household **out, size_t *n, int *more)
{
	struct notice no;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int64_t scope;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > REACH_PAGE_MAX || offset < 0)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	int rc = notice_get(ctx, notice_id, &no);
	if (rc || (rc = missing_scope(ctx, &no, unit_id, &scope)) ||
	    (rc = perm_require(ctx, ACT_RECORD_REACH, scope)))
		return rc;
	int personal = perm_may(ctx, ACT_VIEW_PERSONAL, scope);
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT h.id, h.code, h.address, u.name, r.full_name, r.phone, "
		      "(SELECT COUNT(*) FROM account a WHERE a.household_id = h.id "
		      "AND a.status = 'active') FROM household h "
		      "JOIN unit_tree t ON t.descendant = h.unit_id AND t.ancestor = $1 "
		      "JOIN unit u ON u.id = h.unit_id "
		      "LEFT JOIN resident r ON r.id = h.representative_id "
		      "WHERE h.status = 'active' AND NOT EXISTS (SELECT 1 FROM notice_reach nr "
		      "WHERE nr.notice_id = $2 AND nr.household_id = h.id) "
		      "ORDER BY u.name_folded, h.address_folded, h.id LIMIT $3 OFFSET $4",
		      DB_I(scope), DB_I(notice_id), DB_I(limit + 1), DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		struct reach_household *h = ARENA_PUSH(ctx->arena, *out, *n, cap);
		h->id = db_col_int(st, 0);
		h->code = arena_strdup(ctx->arena, db_col_text(st, 1));
		h->address = arena_strdup(ctx->arena, db_col_text(st, 2));
		h->unit_name = arena_strdup(ctx->arena, db_col_text(st, 3));
		h->representative = arena_strdup(ctx->arena, db_col_text(st, 4));
		h->phone = personal ? arena_strdup(ctx->arena, db_col_text(st, 5)) : "";
		h->has_account = db_col_int(st, 6) > 0;
	}
	return rc < 0 ? rc : 0;
}

int reach_recent(struct dv_ctx *ctx, int64_t unit_id, int limit, struct reach_recent **out,
		 size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT n.id, n.title, n.visible_from, u.households, "
			  "(SELECT COALESCE(SUM(c.reached), 0) FROM notice_reach_count c "
			  "JOIN unit_tree t2 ON t2.descendant = c.unit_id "
			  "WHERE c.notice_id = n.id AND t2.ancestor = $1) "
			  "FROM (SELECT ancestor AS src FROM unit_tree WHERE descendant = $1 "
			  "UNION SELECT predecessor_id FROM unit_lineage WHERE unit_id = $1) s "
			  "JOIN notice n ON n.unit_id = s.src JOIN unit u ON u.id = $1 "
			  "WHERE n.status = 'published' "
			  "AND n.visible_from <= $2 ORDER BY n.visible_from DESC, n.id DESC LIMIT $3",
			  DB_I(unit_id), DB_I(time_local_date(ctx->now)), DB_I(limit));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct reach_recent *r = ARENA_PUSH(ctx->arena, *out, *n, cap);
		r->notice_id = db_col_int(st, 0);
		r->title = arena_strdup(ctx->arena, db_col_text(st, 1));
		r->visible_from = (int32_t)db_col_int(st, 2);
		r->households = db_col_int(st, 3);
		r->reached = db_col_int(st, 4);
	}
	return rc < 0 ? rc : 0;
}

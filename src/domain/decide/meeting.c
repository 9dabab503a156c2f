#include "domain/decide/meeting.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/names.h"
#include "base/text.h"
#include "base/token.h"
#include "domain/decide/election.h"
#include "domain/registry/household.h"
#include "domain/decide/matter_impl.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/disclose/reach.h"
#include "domain/rules.h"
#include "domain/registry/unit.h"

DV_ENUM_DEFINE(meeting_status, MEET_STATUS_COUNT, MEETING_STATUSES, "status");

DV_ENUM_DEFINE(motion_kind, MOTION_KIND_COUNT, MOTION_KINDS, "kind");
DV_ENUM_DEFINE(motion_method, MOTION_METHOD_COUNT, MOTION_METHODS, "method");

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

/* -------------------------------------------------------------- reading */

/* The counts per candidate of the motions counted so, in the options' order. */
static int load_option_votes(struct dv_ctx *ctx, struct meeting *m)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT v.motion_id, o.position, v.votes FROM motion_vote v JOIN motion "
			  "x ON x.id = v.motion_id JOIN matter_option o ON o.matter_id = "
			  "x.matter_id AND o.code = v.option_code WHERE x.matter_id = $1",
			  DB_I(m->matter_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		int64_t id = db_col_int(st, 0), pos = db_col_int(st, 1);
		for (size_t i = 0; i < m->nmotions; i++)
			if (m->motions[i].id == id && pos >= 0 && pos < MATTER_OPTIONS_MAX + 1) {
				m->motions[i].by_option = 1;
				m->motions[i].option_votes[pos] = db_col_int(st, 2);
			}
	}
	return rc < 0 ? rc : 0;
}

static int load_motions(struct dv_ctx *ctx, struct meeting *m)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, kind, text, method, members, yes, no, abstain, present, "
			  "majority, passed FROM motion WHERE matter_id = $1 ORDER BY id",
			  DB_I(m->matter_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW && m->nmotions < MOTIONS_MAX) {
		struct motion *o = &m->motions[m->nmotions++];
		o->id = db_col_int(st, 0);
		if (motion_kind_parse(db_col_text(st, 1), &o->kind, NULL))
			o->kind = MOTION_OTHER;
		o->text = arena_strdup(ctx->arena, db_col_text(st, 2));
		if (motion_method_parse(db_col_text(st, 3), &o->method, NULL))
			o->method = VOTE_HANDS;
		o->members = arena_strdup(ctx->arena, db_col_text(st, 4));
		o->decided = !db_col_null(st, 10);
		o->yes = db_col_int(st, 5);
		o->no = db_col_int(st, 6);
		o->abstain = db_col_int(st, 7);
		o->present = db_col_int(st, 8);
		o->majority = (int)db_col_int(st, 9);
		o->passed = (int)db_col_int(st, 10);
	}
	db_finish(st);
	return rc < 0 ? rc : load_option_votes(ctx, m);
}

int meeting_load(struct dv_ctx *ctx, int64_t matter_id, struct meeting *m)
{
	struct db_stmt *st = NULL;
	memset(m, 0, sizeof(*m));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT starts_at, place, notice_id, status, chair, secretary, eligible, "
			  "present, opened_at, closed_at, quorate, followup_id, (SELECT "
			  "n.published_at FROM notice n WHERE n.id = meeting.notice_id) FROM "
			  "meeting WHERE matter_id = $1",
			  DB_I(matter_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such meeting");
	m->matter_id = matter_id;
	m->starts_at = db_col_int(st, 0);
	m->place = arena_strdup(ctx->arena, db_col_text(st, 1));
	m->notice_id = db_col_int(st, 2);
	const char *status = db_col_text(st, 3);
	m->status = strcmp(status, "open") == 0	    ? MEET_OPEN
		    : strcmp(status, "closed") == 0 ? MEET_CLOSED
						    : MEET_SCHEDULED;
	m->chair = arena_strdup(ctx->arena, db_col_text(st, 4));
	m->secretary = arena_strdup(ctx->arena, db_col_text(st, 5));
	m->eligible = db_col_int(st, 6);
	m->present = db_col_int(st, 7);
	m->opened_at = db_col_int(st, 8);
	m->closed_at = db_col_int(st, 9);
	int closed_quorate = (int)db_col_int(st, 10);
	m->followup_id = db_col_int(st, 11);
	m->called_at = db_col_int(st, 12);
	db_finish(st);
	m->quorum = (int)rule_value(ctx, RULE_MEETING_QUORUM);
	m->quorate = m->status == MEET_CLOSED ? closed_quorate
					      : rule_exceeds(m->present, m->eligible, m->quorum);
	return load_motions(ctx, m);
}

int meeting_get(struct dv_ctx *ctx, int64_t matter_id, struct matter *mt, struct meeting *m)
{
	int rc = matter_get(ctx, matter_id, mt);
	return rc ? rc : meeting_load(ctx, matter_id, m);
}

/* The matter and meeting, for the head of the community. */
static int load_for_head(struct dv_ctx *ctx, int64_t matter_id, struct matter *mt,
			 struct meeting *m, enum meeting_status want)
{
	int rc = meeting_get(ctx, matter_id, mt, m);
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, mt->unit_id)))
		return rc;
	if (m->status != want)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       want == MEET_OPEN ? "The meeting is not in session"
						 : "The meeting has already begun");
	return 0;
}

/* ------------------------------------------------------------ schedule */

/* The invitation, a notice of the community published now: the head
 * convenes, so it is published on the head's behalf. */
static int post_invitation(struct dv_ctx *ctx, const struct matter *mt, int64_t starts_at,
			   const char *place, int64_t *notice_id)
{
	int64_t cat = 0;
	struct buf when = BUF_INIT, until = BUF_INIT;
	int rc = db_int(ctx->db, &cat, &ctx->err,
			"SELECT id FROM notice_category WHERE code = 'meeting'");
	if (rc)
		return rc;
	time_format(&when, starts_at);
	date_format_iso(&until, time_local_date(starts_at));
	struct notice_input in = {
		.unit_id = mt->unit_id,
		.category_id = cat,
		.title = arena_printf(ctx->arena,
				      i18n_get_format(DV_CONTENT_LANG, N_("Community meeting: %s")),
				      mt->title),
		.body = arena_printf(ctx->arena,
				     i18n_get_format(DV_CONTENT_LANG,
						     N_("The community meets on %s at %s. Each "
							"household's representative is invited to "
							"decide:\n\n**%s**\n\n%s")),
				     when.ptr, place, mt->title, mt->body),
		.visible_until = until.ptr};
	const struct actor *head = ctx->actor;
	ctx->actor = &actor_system;
	rc = notice_create(ctx, &in, notice_id);
	if (!rc)
		rc = notice_publish(ctx, *notice_id);
	ctx->actor = head;
	buf_release(&when);
	buf_release(&until);
	return rc;
}

static int schedule_tx(struct dv_ctx *ctx, int64_t id, int64_t starts_at, const char *place)
{
	struct matter mt;
	int64_t notice = 0;
	int rc = matter_get(ctx, id, &mt);
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, mt.unit_id)))
		return rc;
	if (mt.status != MS_DRAFT || mt.form != FORM_MEETING)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Only a draft matter for a meeting is scheduled");
	if (starts_at < ctx->now + 3600 || starts_at > ctx->now + MATTER_DAYS_MAX * 86400LL)
		return dv_fail(&ctx->err, DV_EINVAL, "starts_at",
			       "The meeting must be between an hour and %d days from now",
			       MATTER_DAYS_MAX);
	if (mt.type == MT_HEAD && (rc = election_check_schedule(ctx, id, starts_at)))
		return rc;
	if ((rc = post_invitation(ctx, &mt, starts_at, place, &notice)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO meeting (matter_id, starts_at, place, notice_id) "
		    "VALUES ($1, $2, $3, $4)",
		    DB_I(id), DB_I(starts_at), DB_T(place), DB_I(notice));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE matter SET status = 'open', opened_at = $1, updated_at = $1 "
			    "WHERE id = $2",
			    DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "meeting.schedule", "matter", id, mt.unit_id,
			       json_pack("{s:I, s:s, s:I}", "starts_at", (json_int_t)starts_at,
					 "place", place, "notice", (json_int_t)notice));
	return rc;
}

int meeting_schedule(struct dv_ctx *ctx, int64_t matter_id, int64_t starts_at, const char *place_in)
{
	const char *place;
	int rc = text_clean(ctx->arena, place_in, slen(place_in), MEETING_PLACE_MAX, TEXT_REQUIRED,
			    "place", &place, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, schedule_tx(ctx, matter_id, starts_at, place));
}

/* ------------------------------------------------------------ register */

static int count_households(struct dv_ctx *ctx, int64_t unit, int64_t *n)
{
	return db_int(ctx->db, n, &ctx->err,
		      "SELECT COUNT(*) FROM household h JOIN unit_tree t ON t.descendant = h.unit_id "
		      "WHERE t.ancestor = $1 AND h.status = 'active'",
		      DB_I(unit));
}

static int open_tx(struct dv_ctx *ctx, int64_t id, const char *chair, const char *secretary)
{
	struct matter mt;
	struct meeting m;
	int64_t eligible = 0;
	int rc = load_for_head(ctx, id, &mt, &m, MEET_SCHEDULED);
	if (rc)
		return rc;
	if (ctx->now < m.starts_at - MEETING_EARLY) {
		struct buf b = BUF_INIT;
		time_format(&b, m.starts_at - MEETING_EARLY);
		rc = dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			     "The register opens 12 hours before the meeting, from %s", b.ptr);
		buf_release(&b);
		return rc;
	}
	if ((mt.type == MT_HEAD && (rc = election_check_open(ctx, id))) ||
	    (rc = count_households(ctx, mt.unit_id, &eligible)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE meeting SET status = 'open', chair = $1, secretary = $2, eligible = $3, "
		    "opened_at = $4 WHERE matter_id = $5",
		    DB_T(chair), DB_T(secretary), DB_I(eligible), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err, "UPDATE matter SET eligible = $1 WHERE id = $2",
			    DB_I(eligible), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "meeting.open", "matter", id, mt.unit_id,
			       json_pack("{s:s, s:s, s:I}", "chair", chair, "secretary", secretary,
					 "eligible", (json_int_t)eligible));
	return rc;
}

int meeting_open(struct dv_ctx *ctx, int64_t matter_id, const char *chair_in,
		 const char *secretary_in)
{
	const char *chair, *secretary;
	int rc = text_clean(ctx->arena, chair_in, slen(chair_in), MEETING_NAME_MAX, TEXT_REQUIRED,
			    "chair", &chair, &ctx->err);
	if (rc || (rc = text_clean(ctx->arena, secretary_in, slen(secretary_in), MEETING_NAME_MAX,
				   TEXT_REQUIRED, "secretary", &secretary, &ctx->err)) ||
	    (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, open_tx(ctx, matter_id, chair, secretary));
}

static int check_in_tx(struct dv_ctx *ctx, int64_t id, int64_t hid, const char *how, int *already)
{
	struct matter mt;
	struct meeting m;
	struct household h;
	int in = 0;
	int rc = meeting_get(ctx, id, &mt, &m);
	if (rc || (rc = perm_require(ctx, ACT_RECORD_REACH, mt.unit_id)))
		return rc;
	if (m.status != MEET_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The meeting is not in session");
	rc = household_load(ctx, hid, &h);
	if (!rc && strcmp(h.status, "active") == 0)
		rc = unit_is_within(ctx, h.unit_id, mt.unit_id, &in);
	if (rc == DV_ENOTFOUND || (!rc && !in))
		return dv_fail(&ctx->err, DV_ENOTFOUND, "household",
			       "No such household in this community");
	if (rc || (rc = db_run(ctx->db, &ctx->err,
			       "INSERT INTO meeting_attendance (matter_id, household_id, how, at, "
			       "recorded_by) VALUES ($1, $2, $3, $4, $5) "
			       "ON CONFLICT (matter_id, household_id) DO NOTHING",
			       DB_I(id), DB_I(hid), DB_T(how), DB_I(ctx->now),
			       DB_ID(ctx->actor->account_id))))
		return rc;
	*already = db_changes(ctx->db) == 0;
	if (*already)
		return 0;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE meeting SET present = present + 1 WHERE matter_id = $1", DB_I(id));
	/* being at the meeting is hearing its invitation */
	size_t recorded;
	if (!rc && m.notice_id)
		rc = reach_record(ctx, m.notice_id, &hid, 1, REACH_MEETING, NULL, &recorded);
	if (rc == DV_ECONFLICT) /* the invitation archived meanwhile */
		rc = 0;
	if (!rc)
		rc = ctx_audit(ctx, "meeting.check_in", "matter", id, mt.unit_id,
			       json_pack("{s:I, s:s}", "household", (json_int_t)hid, "how", how));
	return rc;
}

int meeting_check_in(struct dv_ctx *ctx, int64_t matter_id, int64_t household_id, int *already)
{
	int dummy;
	int rc = ctx_begin(ctx);
	return rc ? rc
		  : ctx_end(ctx, check_in_tx(ctx, matter_id, household_id, "register",
					     already ? already : &dummy));
}

int meeting_check_in_code(struct dv_ctx *ctx, int64_t matter_id, const char *code,
			  int64_t *household_id, int *already)
{
	char hash[HASH_HEX_LEN + 1];
	int dummy;
	if (!code || strlen(code) > TOKEN_TEXT_MAX)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "This invitation code is not valid");
	hash_hex(hash, code, strlen(code));
	int rc = db_int(ctx->db, household_id, &ctx->err,
			"SELECT household_id FROM meeting_invite WHERE matter_id = $1 "
			"AND token_hash = $2",
			DB_I(matter_id), DB_T(hash));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "This invitation code is not valid");
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, check_in_tx(ctx, matter_id, *household_id, "code",
					already ? already : &dummy));
}

static int codes_tx(struct dv_ctx *ctx, const struct matter *mt, int64_t **ids,
		    const char ***codes, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0, ccap = 0, k = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT h.id FROM household h JOIN unit_tree t ON t.descendant = h.unit_id "
			  "WHERE t.ancestor = $1 AND h.status = 'active' ORDER BY h.address_folded, "
			  "h.id",
			  DB_I(mt->unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, *ids, *n, cap) = db_col_int(st, 0);
	for (size_t i = 0; rc >= 0 && i < *n; i++) {
		char token[TOKEN_TEXT_MAX + 1], hash[HASH_HEX_LEN + 1];
		token_random(token, 16);
		hash_hex(hash, token, strlen(token));
		*ARENA_PUSH(ctx->arena, *codes, k, ccap) = arena_strdup(ctx->arena, token);
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO meeting_invite (matter_id, household_id, token_hash) "
			    "VALUES ($1, $2, $3) ON CONFLICT (matter_id, household_id) "
			    "DO UPDATE SET token_hash = $3",
			    DB_I(mt->id), DB_I((*ids)[i]), DB_T(hash));
	}
	return rc < 0 ? rc : 0;
}

int meeting_invite_codes(struct dv_ctx *ctx, int64_t matter_id, int64_t **ids, const char ***codes,
			 size_t *n)
{
	struct matter mt;
	struct meeting m;
	*ids = NULL;
	*codes = NULL;
	*n = 0;
	int rc = meeting_get(ctx, matter_id, &mt, &m);
	if (rc || (rc = perm_require(ctx, ACT_CONVENE_MEETINGS, mt.unit_id)))
		return rc;
	if (m.status == MEET_CLOSED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The meeting is over");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, codes_tx(ctx, &mt, ids, codes, n));
}

int meeting_register(struct dv_ctx *ctx, int64_t matter_id, const char *query,
		     struct attendee **out, size_t *n)
{
	struct matter mt;
	struct meeting m;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = meeting_get(ctx, matter_id, &mt, &m);
	if (rc || (rc = perm_require(ctx, ACT_RECORD_REACH, mt.unit_id)))
		return rc;
	const char *pattern = query && *query ? text_like_contains(ctx->arena, query) : "%";
	rc = db_query(ctx->db, &st, &ctx->err,
		      "SELECT h.id, h.address, COALESCE(r.full_name, ''), "
		      "(SELECT COUNT(*) FROM meeting_attendance a WHERE a.matter_id = $2 "
		      "AND a.household_id = h.id) FROM household h "
		      "JOIN unit_tree t ON t.descendant = h.unit_id "
		      "LEFT JOIN resident r ON r.id = h.representative_id "
		      "WHERE t.ancestor = $1 AND h.status = 'active' AND ($3 = '%' "
		      "OR h.address_folded LIKE $3 ESCAPE '\\' OR r.name_folded LIKE $3 ESCAPE '\\') "
		      "ORDER BY h.address_folded, h.id LIMIT 500",
		      DB_I(mt.unit_id), DB_I(matter_id), DB_T(pattern));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct attendee *a = ARENA_PUSH(ctx->arena, *out, *n, cap);
		a->household_id = db_col_int(st, 0);
		a->address = arena_strdup(ctx->arena, db_col_text(st, 1));
		a->representative = arena_strdup(ctx->arena, db_col_text(st, 2));
		a->present = db_col_int(st, 3) > 0;
	}
	return rc < 0 ? rc : 0;
}

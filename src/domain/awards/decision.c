/*
 * Commendation decisions, the awards they make with their signed codes,
 * verification, revocation and the public register.
 */
#include "domain/awards/decision.h"
#include "domain/awards/awards_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "base/token.h"
#include "domain/awards/restriction.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "store/search.h"

#define CODE_MAC_BYTES 15 /* 120 bits: 24 characters of base 32 */

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

/* ------------------------------------------------------------------ codes */

/* The deployment's signing key, or DV_ENOTFOUND when none was made yet
 * (so no code was ever issued). */
static int read_secret(struct dv_ctx *ctx, unsigned char key[MAC_KEY_BYTES])
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err, "SELECT secret FROM award_secret WHERE id = 1");
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : DV_ENOTFOUND;
	size_t len = 0;
	const void *p = db_col_blob(st, 0, &len);
	if (len != MAC_KEY_BYTES) {
		db_finish(st);
		return dv_sysfail(&ctx->err, DV_EINTERNAL, NULL, "The signing key is damaged");
	}
	memcpy(key, p, MAC_KEY_BYTES);
	db_finish(st);
	return 0;
}

/* The key, made at first use (inside the deciding transaction). */
static int secret(struct dv_ctx *ctx, unsigned char key[MAC_KEY_BYTES])
{
	int rc = read_secret(ctx, key);
	if (rc != DV_ENOTFOUND)
		return rc;
	unsigned char fresh[MAC_KEY_BYTES];
	token_bytes(fresh, sizeof(fresh));
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO award_secret (id, secret, created_at) VALUES (1, $1, $2) ON CONFLICT "
		    "(id) DO NOTHING",
		    DB_B(fresh, sizeof(fresh)), DB_I(ctx->now));
	memset(fresh, 0, sizeof(fresh));
	return rc ? rc : read_secret(ctx, key);
}

/* The code of award `id`: its MAC in base 32, grouped by four. */
static void code_of(const unsigned char key[MAC_KEY_BYTES], int64_t id,
		    char out[AWARD_CODE_LEN + 1])
{
	char msg[48];
	unsigned char mac[CODE_MAC_BYTES];
	int len = snprintf(msg, sizeof(msg), "danvan-award:%lld", (long long)id);
	token_mac(mac, sizeof(mac), key, msg, (size_t)len);
	base32_encode(out, mac, sizeof(mac), 1);
}

/* -------------------------------------------------------------- reading */

#define DECISION_COLS                                                                              \
	"d.id, d.round_id, r.name, d.unit_id, u.name, d.number, d.signed_on, d.authority, "       \
	"d.signer_title, d.signer_name, d.place, COALESCE(d.notice_id, 0), d.created_at, "        \
	"(SELECT COUNT(*) FROM award a WHERE a.decision_id = d.id), (SELECT COUNT(*) FROM award " \
	"a WHERE a.decision_id = d.id AND a.revoked_at IS NOT NULL), (SELECT COUNT(*) FROM "       \
	"award_nomination n WHERE n.round_id = d.round_id AND n.status = 'forwarded')"
#define DECISION_FROM                                                                              \
	" FROM award_decision d JOIN award_round r ON r.id = d.round_id JOIN unit u ON u.id = "   \
	"d.unit_id"

static void read_decision(struct dv_ctx *ctx, struct db_stmt *st, int col,
			  struct award_decision *d)
{
	memset(d, 0, sizeof(*d));
	d->id = db_col_int(st, col + 0);
	d->round_id = db_col_int(st, col + 1);
	d->round_name = arena_strdup(ctx->arena, db_col_text(st, col + 2));
	d->unit_id = db_col_int(st, col + 3);
	d->unit_name = arena_strdup(ctx->arena, db_col_text(st, col + 4));
	d->number = arena_strdup(ctx->arena, db_col_text(st, col + 5));
	d->signed_on = (int32_t)db_col_int(st, col + 6);
	d->authority = arena_strdup(ctx->arena, db_col_text(st, col + 7));
	d->signer_title = arena_strdup(ctx->arena, db_col_text(st, col + 8));
	d->signer_name = arena_strdup(ctx->arena, db_col_text(st, col + 9));
	d->place = arena_strdup(ctx->arena, db_col_text(st, col + 10));
	d->notice_id = db_col_int(st, col + 11);
	d->created_at = db_col_int(st, col + 12);
	d->awards = db_col_int(st, col + 13);
	d->revoked = db_col_int(st, col + 14);
	d->forwarded = db_col_int(st, col + 15);
}
#define DECISION_NCOLS 16

int award_decision_get(struct dv_ctx *ctx, int64_t id, struct award_decision *d)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " DECISION_COLS DECISION_FROM " WHERE d.id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such decision");
	read_decision(ctx, st, 0, d);
	db_finish(st);
	d->may_run = perm_may(ctx, ACT_RUN_AWARDS, d->unit_id);
	return 0;
}

int award_decision_list(struct dv_ctx *ctx, int64_t unit_id, int limit,
			struct award_decision **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (limit < 1 || limit > AWARD_PAGE_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "limit", "This page does not exist");
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " DECISION_COLS DECISION_FROM " WHERE CAST($1 AS BIGINT) = 0 OR "
			  "d.unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = $1) OR "
			  "d.unit_id IN (SELECT ancestor FROM unit_tree WHERE descendant = $1) ORDER BY "
			  "d.signed_on DESC, d.id DESC LIMIT $2",
			  DB_I(unit_id), DB_I(limit));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_decision(ctx, st, 0, ARENA_PUSH(ctx->arena, *out, *n, cap));
	return rc < 0 ? rc : 0;
}

#define AWARD_COLS                                                                                 \
	"a.id, a.decision_id, a.nomination_id, a.position, a.kind, COALESCE(a.ref, 0), a.name, "  \
	"a.name_folded, a.detail, a.form, a.achievement, a.code, COALESCE(a.revoked_at, 0), "     \
	"COALESCE(a.revoked_reason, ''), COALESCE(a.ward_id, 0)"
#define AWARD_NCOLS 15

static void read_award(struct dv_ctx *ctx, struct db_stmt *st, struct award *a)
{
	memset(a, 0, sizeof(*a));
	a->id = db_col_int(st, 0);
	a->decision_id = db_col_int(st, 1);
	a->nomination_id = db_col_int(st, 2);
	a->position = (int)db_col_int(st, 3);
	if (subject_kind_parse(db_col_text(st, 4), &a->subject.kind, NULL))
		a->subject.kind = SUBJ_INDIVIDUAL;
	a->subject.ref = db_col_int(st, 5);
	a->subject.name = arena_strdup(ctx->arena, db_col_text(st, 6));
	a->subject.name_folded = arena_strdup(ctx->arena, db_col_text(st, 7));
	a->subject.detail = arena_strdup(ctx->arena, db_col_text(st, 8));
	if (award_form_parse(db_col_text(st, 9), &a->form, NULL))
		a->form = AF_GK_WARD;
	a->achievement = arena_strdup(ctx->arena, db_col_text(st, 10));
	a->code = arena_strdup(ctx->arena, db_col_text(st, 11));
	a->revoked_at = db_col_int(st, 12);
	a->revoked_reason = arena_strdup(ctx->arena, db_col_text(st, 13));
	a->subject.ward_id = db_col_int(st, 14);
}

int award_list(struct dv_ctx *ctx, int64_t decision_id, struct award **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " AWARD_COLS " FROM award a WHERE a.decision_id = $1 ORDER BY "
			  "a.position",
			  DB_I(decision_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_award(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	return rc < 0 ? rc : 0;
}

/* One award by a condition on a (id or code), with its decision. */
static int find_award(struct dv_ctx *ctx, const char *where, struct db_param p, struct award *a)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  arena_printf(ctx->arena, "SELECT " AWARD_COLS " FROM award a WHERE %s",
				       where),
			  p);
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such award");
	read_award(ctx, st, a);
	db_finish(st);
	return award_decision_get(ctx, a->decision_id, &a->decision);
}

int award_get(struct dv_ctx *ctx, int64_t id, struct award *a)
{
	return find_award(ctx, "a.id = $1", DB_I(id), a);
}

int award_verify(struct dv_ctx *ctx, const char *code, struct award *a)
{
	unsigned char key[MAC_KEY_BYTES];
	char expect[AWARD_CODE_LEN + 1];
	if (!code || strlen(code) != AWARD_CODE_LEN)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No certificate has this code");
	int rc = find_award(ctx, "a.code = $1", DB_T(code), a);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No certificate has this code");
	if (rc)
		return rc;
	/* the row must carry the code the key gives its id: a row written by
	 * hand, or a copy under another key, is not a certificate */
	rc = read_secret(ctx, key);
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No certificate has this code");
	if (rc)
		return rc;
	code_of(key, a->id, expect);
	memset(key, 0, sizeof(key));
	if (!token_equal(expect, code))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No certificate has this code");
	return 0;
}

/* ---------------------------------------------------------------- deciding */

struct clean_decision {
	const char *number, *authority, *signer_title, *signer_name, *place;
	int32_t signed_on;
};

static int clean_decision(struct dv_ctx *ctx, const struct decision_input *in,
			  struct clean_decision *c)
{
	struct {
		const char *in, *field;
		const char **out;
		size_t max;
		unsigned flags;
	} f[] = {
		{in->number, "number", &c->number, DECISION_NUMBER_MAX, TEXT_REQUIRED},
		{in->authority, "authority", &c->authority, DECISION_TEXT_MAX, TEXT_REQUIRED},
		{in->signer_title, "signer_title", &c->signer_title, DECISION_TEXT_MAX,
		 TEXT_REQUIRED | TEXT_MULTILINE},
		{in->signer_name, "signer_name", &c->signer_name, DECISION_TEXT_MAX, TEXT_REQUIRED},
		{in->place, "place", &c->place, DECISION_TEXT_MAX, TEXT_REQUIRED},
	};
	for (size_t i = 0; i < ARRAY_LEN(f); i++) {
		int rc = text_clean(ctx->arena, f[i].in, slen(f[i].in), f[i].max, f[i].flags,
				    f[i].field, f[i].out, &ctx->err);
		if (rc)
			return rc;
	}
	if (!in->signed_on || !*in->signed_on || date_parse(in->signed_on, &c->signed_on, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, "signed_on", "Give the day it was signed");
	if (c->signed_on > time_local_date(ctx->now))
		return dv_fail(&ctx->err, DV_EINVAL, "signed_on",
			       "A decision is recorded once it is signed, not before");
	return 0;
}

/* The decision published as a notice of the round's unit. Vietnamese, as
 * the authority posts it. */
static int publish_notice(struct dv_ctx *ctx, const struct award_round *r,
			  const struct clean_decision *c, const struct nomination *v, size_t n,
			  int64_t *notice)
{
	int64_t cat = 0, collectives = 0, people = 0;
	struct buf b = BUF_INIT;
	int rc = db_int(ctx->db, &cat, &ctx->err,
			"SELECT id FROM notice_category WHERE code = 'awards'");
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (v[i].status == NS_AWARDED)
			v[i].subject.kind == SUBJ_INDIVIDUAL ? people++ : collectives++;
	buf_addf(&b, "Quyết định số %s ngày %s của %s: khen thưởng %lld tập thể và %lld cá nhân "
		     "(%s).\n",
		 c->number, day_text(ctx, c->signed_on), r->unit_title, (long long)collectives,
		 (long long)people, r->name);
	for (int pass = 0; pass < 2; pass++) {
		int64_t k = 0;
		for (size_t i = 0; i < n; i++) {
			if (v[i].status != NS_AWARDED ||
			    (v[i].subject.kind == SUBJ_INDIVIDUAL) != pass)
				continue;
			if (!k)
				buf_addf(&b, "\n**%s**\n\n", pass ? "Cá nhân" : "Tập thể");
			buf_addf(&b, "%lld. %s%s%s: %s\n", (long long)++k, v[i].subject.name,
				 *v[i].subject.detail ? ", " : "", v[i].subject.detail,
				 v[i].achievement);
		}
	}
	struct notice_input in = {
		.unit_id = r->unit_id,
		.category_id = cat,
		.title = arena_printf(ctx->arena, "Quyết định số %s: %s", c->number, r->name),
		.body = arena_strdup(ctx->arena, b.ptr)};
	buf_release(&b);
	const struct actor *who = ctx->actor;
	ctx->actor = &actor_system;
	rc = notice_create(ctx, &in, notice);
	if (!rc)
		rc = notice_publish(ctx, *notice);
	ctx->actor = who;
	return rc;
}

/* Award one passed nomination: its row, its signed code, its index. */
static int award_one(struct dv_ctx *ctx, int64_t decision, const struct award_round *r,
		     const unsigned char key[MAC_KEY_BYTES], const struct nomination *nm,
		     int position)
{
	int64_t id = 0;
	char code[AWARD_CODE_LEN + 1];
	int rc = db_int(ctx->db, &id, &ctx->err,
			"INSERT INTO award (decision_id, nomination_id, ward_id, position, kind, ref, "
			"name, name_folded, detail, form, achievement, code) VALUES ($1, $2, $3, $4, "
			"$5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
			DB_I(decision), DB_I(nm->id), DB_ID(nm->subject.ward_id), DB_I(position),
			DB_T(subject_kind_name(nm->subject.kind)), DB_ID(nm->subject.ref),
			DB_T(nm->subject.name), DB_T(nm->subject.name_folded),
			DB_T(nm->subject.detail), DB_T(award_form_name(nm->form)),
			DB_T(nm->achievement),
			DB_T(arena_printf(ctx->arena, "pending-%lld", (long long)nm->id)));
	if (rc)
		return rc;
	code_of(key, id, code);
	if ((rc = db_run(ctx->db, &ctx->err, "UPDATE award SET code = $1 WHERE id = $2",
			 DB_T(code), DB_I(id))))
		return rc;
	const char *body = arena_printf(ctx->arena, "%s %s", nm->subject.detail, nm->achievement);
	return search_put(ctx->db, &ctx->err, "award", id, r->unit_id, nm->subject.name_folded,
			  text_fold_a(ctx->arena, body));
}

static int decide_tx(struct dv_ctx *ctx, const struct decision_input *in,
		     const struct clean_decision *c, int64_t *id)
{
	struct award_round r;
	struct nomination *v;
	size_t n;
	int64_t busy = 0, notice = 0;
	unsigned char key[MAC_KEY_BYTES];
	int rc = award_round_get(ctx, in->round_id, &r);
	if (rc || (rc = perm_require(ctx, ACT_RUN_AWARDS, r.unit_id)))
		return rc;
	if (r.decision_id)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The round has been decided already");
	if (!(rc = db_int(ctx->db, &busy, &ctx->err,
			  "SELECT id FROM council_session WHERE round_id = $1 AND status = 'open'",
			  DB_I(r.id))))
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The council's session is still open: close it first");
	if (rc != DV_ENOTFOUND || (rc = nomination_list(ctx, r.id, &v, &n)))
		return rc;
	size_t passed = 0;
	for (size_t i = 0; i < n; i++) {
		int restricted = 0;
		if (v[i].status != NS_PASSED)
			continue;
		passed++;
		if ((rc = restriction_applies(ctx, &v[i].subject, c->signed_on, &restricted)))
			return rc;
		if (restricted)
			return restriction_refuse(ctx, &v[i].subject);
	}
	if (!passed)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "No nomination has passed the council");
	if ((rc = secret(ctx, key)) ||
	    (rc = db_int(ctx->db, id, &ctx->err,
			 "INSERT INTO award_decision (round_id, unit_id, ward_id, number, signed_on, "
			 "authority, signer_title, signer_name, place, created_by, created_at) "
			 "VALUES ($1, $2, (SELECT ward_id FROM award_round WHERE id = $1), $3, $4, $5, "
			 "$6, $7, $8, $9, $10) RETURNING id",
			 DB_I(r.id), DB_I(r.unit_id), DB_T(c->number), DB_I(c->signed_on),
			 DB_T(c->authority), DB_T(c->signer_title), DB_T(c->signer_name),
			 DB_T(c->place), DB_ID(ctx->actor->account_id), DB_I(ctx->now))))
		return rc;
	int position = 0, forwarded = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		if (v[i].status != NS_PASSED)
			continue;
		int given = award_form_given(v[i].form, r.level) > 0;
		if (given)
			rc = award_one(ctx, *id, &r, key, &v[i], ++position);
		forwarded += !given;
		v[i].status = given ? NS_AWARDED : NS_FORWARDED;
		if (!rc)
			rc = db_run(ctx->db, &ctx->err,
				    "UPDATE award_nomination SET status = $1, updated_at = $2 WHERE "
				    "id = $3",
				    DB_T(nomination_status_name(v[i].status)), DB_I(ctx->now),
				    DB_I(v[i].id));
	}
	memset(key, 0, sizeof(key));
	if (!rc && position)
		rc = publish_notice(ctx, &r, c, v, n, &notice);
	if (!rc && notice)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE award_decision SET notice_id = $1 WHERE id = $2", DB_I(notice),
			    DB_I(*id));
	if (!rc)
		rc = ctx_audit(ctx, "award.decide", "award_decision", *id, r.unit_id,
			       json_pack("{s:s, s:i, s:i, s:i}", "number", c->number, "signed_on",
					 (int)c->signed_on, "awards", position, "forwarded",
					 forwarded));
	return rc;
}

int award_decide(struct dv_ctx *ctx, const struct decision_input *in, int64_t *id_out)
{
	struct clean_decision c;
	int64_t id = 0;
	int rc = clean_decision(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, decide_tx(ctx, in, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* --------------------------------------------------------------- revoking */

static int revoke_tx(struct dv_ctx *ctx, int64_t id, const char *reason)
{
	struct award a;
	int rc = award_get(ctx, id, &a);
	if (rc || (rc = perm_require(ctx, ACT_RUN_AWARDS, a.decision.unit_id)))
		return rc;
	if (a.revoked_at)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The award was revoked already");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE award SET revoked_at = $1, revoked_by = $2, revoked_reason = $3 WHERE "
		    "id = $4",
		    DB_I(ctx->now), DB_ID(ctx->actor->account_id), DB_T(reason), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "award.revoke", "award", id, a.decision.unit_id,
			       json_pack("{s:I, s:s}", "decision", (json_int_t)a.decision_id,
					 "reason", reason));
	return rc;
}

int award_revoke(struct dv_ctx *ctx, int64_t id, const char *reason_in)
{
	const char *reason;
	int rc = text_clean(ctx->arena, reason_in, slen(reason_in), REVOKE_REASON_MAX,
			    TEXT_MULTILINE | TEXT_REQUIRED, "reason", &reason, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, revoke_tx(ctx, id, reason));
}

/* --------------------------------------------------------------- register */

int award_search(struct dv_ctx *ctx, int64_t unit_id, const char *query, int64_t offset,
		 int limit, struct award **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > AWARD_PAGE_MAX || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	const char *terms = NULL;
	if (query && *query &&
	    !(terms = search_terms(ctx->db, ctx->arena, text_fold_a(ctx->arena, query))))
		return 0;
	const char *sql = arena_printf(
		ctx->arena,
		"SELECT " AWARD_COLS ", " DECISION_COLS " FROM award a JOIN award_decision d ON d.id "
		"= a.decision_id JOIN award_round r ON r.id = d.round_id JOIN unit u ON u.id = "
		"d.unit_id %s WHERE (CAST($1 AS BIGINT) = 0 OR d.unit_id IN (SELECT descendant FROM "
		"unit_tree WHERE ancestor = $1) OR d.unit_id IN (SELECT ancestor FROM unit_tree "
		"WHERE descendant = $1)) ORDER BY %s d.signed_on DESC, a.position LIMIT $2 OFFSET $3",
		terms ? arena_printf(ctx->arena, "JOIN (%s) s ON s.ref = a.id",
				     search_sql(ctx->db, 4, 5))
		      : "",
		terms ? "s.score DESC," : "");
	int rc = terms ? db_query(ctx->db, &st, &ctx->err, sql, DB_I(unit_id), DB_I(limit + 1),
				  DB_I(offset), DB_T("award"), DB_T(terms))
		       : db_query(ctx->db, &st, &ctx->err, sql, DB_I(unit_id), DB_I(limit + 1),
				  DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		struct award *a = ARENA_PUSH(ctx->arena, *out, *n, cap);
		read_award(ctx, st, a);
		read_decision(ctx, st, AWARD_NCOLS, &a->decision);
	}
	return rc < 0 ? rc : 0;
}

int award_decisions_of_year(struct dv_ctx *ctx, int64_t unit_id, int year,
			    struct award_decision **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " DECISION_COLS DECISION_FROM " WHERE r.year = $2 AND d.unit_id IN "
			  "(SELECT descendant FROM unit_tree WHERE ancestor = $1) ORDER BY "
			  "d.signed_on, d.id",
			  DB_I(unit_id), DB_I(year));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_decision(ctx, st, 0, ARENA_PUSH(ctx->arena, *out, *n, cap));
	return rc < 0 ? rc : 0;
}

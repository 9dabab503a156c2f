/*
 * Commendation: the forms, rounds of nominations, and nominations with the
 * rules that refuse them.
 */
#include "domain/awards/nomination.h"
#include "domain/awards/awards_impl.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/awards/restriction.h"
#include "domain/emulation/model.h"
#include "domain/emulation/movement.h"
#include "domain/perm.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"
#include "domain/works/work.h"

DV_ENUM_DEFINE(award_form, AF_COUNT, AWARD_FORMS, "form");
DV_ENUM_DEFINE(nomination_status, NS_COUNT, NOMINATION_STATUSES, "status");
DV_ENUM_DEFINE(achievement_source, SRC_COUNT, ACHIEVEMENT_SOURCES, "source");

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

static int32_t today(struct dv_ctx *ctx)
{
	return time_local_date(ctx->now);
}

/* ----------------------------------------------------------------- forms */

#define L(x) (1u << (x))

/* Who gives each form (Law 06/2022/QH15: the chairman of a ward gives its
 * Giấy khen and the titles of advanced workers and collectives, the city's
 * chairman the city's Giấy khen, the province's its Bằng khen). */
static const struct award_form_info forms[] = {
	[AF_GK_CITY] = {"GIẤY KHEN", "Giấy khen", L(AL_CITY), 1, 1},
	[AF_GK_WARD] = {"GIẤY KHEN", "Giấy khen", L(AL_WARD), 1, 1},
	[AF_ADVANCED_WORKER] = {"LAO ĐỘNG TIÊN TIẾN", "Danh hiệu Lao động tiên tiến",
				L(AL_WARD) | L(AL_CITY), 1, 0},
	[AF_ADVANCED_COLLECTIVE] = {"TẬP THỂ LAO ĐỘNG TIÊN TIẾN",
				    "Danh hiệu Tập thể lao động tiên tiến",
				    L(AL_WARD) | L(AL_CITY), 0, 1},
	[AF_BK_PROVINCE] = {"BẰNG KHEN", "Bằng khen", L(AL_PROVINCE), 1, 1},
};
_Static_assert(ARRAY_LEN(forms) == AF_COUNT, "who gives every form");

const struct award_form_info *award_form_info(enum award_form f)
{
	return &forms[(unsigned)f < AF_COUNT ? f : 0];
}

int award_form_given(enum award_form f, enum award_level level)
{
	unsigned levels = award_form_info(f)->levels;
	if (levels & L(level))
		return 1;
	/* above the round's level: its dossier goes up */
	return levels >> (level + 1) ? 0 : -1;
}

static enum award_level level_of(enum unit_kind k)
{
	return k == UNIT_PROVINCE ? AL_PROVINCE : k == UNIT_CITY ? AL_CITY : AL_WARD;
}

/* --------------------------------------------------------------- rounds */

#define ROUND_COLS                                                                                 \
	"r.id, r.unit_id, u.name, u.kind, r.name, r.year, r.closes_on, (SELECT COUNT(*) FROM "    \
	"award_nomination n WHERE n.round_id = r.id AND n.status <> 'withdrawn'), (SELECT "       \
	"COUNT(*) FROM award_nomination n WHERE n.round_id = r.id AND n.status IN ('passed', "    \
	"'awarded', 'forwarded')), (SELECT COUNT(*) FROM award_nomination n WHERE n.round_id = "  \
	"r.id AND n.status = 'awarded'), COALESCE((SELECT d.id FROM award_decision d WHERE "       \
	"d.round_id = r.id), 0)"

static void read_round(struct dv_ctx *ctx, struct db_stmt *st, struct award_round *r)
{
	enum unit_kind kind;
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->unit_id = db_col_int(st, 1);
	r->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	if (unit_kind_parse(db_col_text(st, 3), &kind, NULL))
		kind = UNIT_WARD;
	r->unit_title = subject_unit_title(ctx->arena, kind, r->unit_name);
	r->level = level_of(kind);
	r->name = arena_strdup(ctx->arena, db_col_text(st, 4));
	r->year = (int)db_col_int(st, 5);
	r->closes_on = (int32_t)db_col_int(st, 6);
	r->nominations = db_col_int(st, 7);
	r->passed = db_col_int(st, 8);
	r->awarded = db_col_int(st, 9);
	r->decision_id = db_col_int(st, 10);
	r->open = today(ctx) <= r->closes_on && !r->decision_id;
}

static void round_rights(struct dv_ctx *ctx, struct award_round *r)
{
	r->may_run = perm_may(ctx, ACT_RUN_AWARDS, r->unit_id);
	r->may_nominate = perm_may_within(ctx, ACT_NOMINATE_AWARDS, r->unit_id);
	r->may_vote = perm_may(ctx, ACT_EVALUATE_AWARDS, r->unit_id);
}

int award_round_load(struct dv_ctx *ctx, int64_t id, struct award_round *r)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ROUND_COLS " FROM award_round r JOIN unit u ON u.id = r.unit_id "
			  "WHERE r.id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such round");
	read_round(ctx, st, r);
	db_finish(st);
	round_rights(ctx, r);
	return 0;
}

int award_round_get(struct dv_ctx *ctx, int64_t id, struct award_round *r)
{
	int rc = award_round_load(ctx, id, r);
	if (rc)
		return rc;
	if (!r->may_run && !r->may_nominate && !r->may_vote)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such round");
	return 0;
}

int award_round_list(struct dv_ctx *ctx, int64_t unit_id, struct award_round **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct award_round *all = NULL;
	size_t nall = 0, cap = 0, keep = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ROUND_COLS " FROM award_round r JOIN unit u ON u.id = r.unit_id "
			  "WHERE CAST($1 AS BIGINT) = 0 OR r.unit_id IN (SELECT descendant FROM "
			  "unit_tree WHERE ancestor = $1) OR r.unit_id IN (SELECT ancestor FROM "
			  "unit_tree WHERE descendant = $1) ORDER BY r.id DESC LIMIT 200",
			  DB_I(unit_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_round(ctx, st, ARENA_PUSH(ctx->arena, all, nall, cap));
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < nall; i++) {
		round_rights(ctx, &all[i]);
		if (all[i].may_run || all[i].may_nominate || all[i].may_vote)
			all[keep++] = all[i];
	}
	*out = all;
	*n = keep;
	return 0;
}

static int round_create_tx(struct dv_ctx *ctx, const struct award_round_input *in,
			   const char *name, int32_t closes_on, int64_t *id)
{
	struct unit u;
	int64_t ward = 0;
	int rc = unit_get(ctx, in->unit_id, &u);
	if (rc == DV_ENOTFOUND || (!rc && strcmp(u.status, "active") != 0))
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_RUN_AWARDS, u.id)))
		return rc;
	if (unit_kind_is_community(u.kind))
		return dv_fail(&ctx->err, DV_EINVAL, "unit",
			       "A ward, a commune, a city or a province commends; a community "
			       "proposes");
	if ((rc = unit_commune_of(ctx, u.id, &ward)) == DV_ENOTFOUND)
		ward = 0;
	else if (rc)
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO award_round (unit_id, ward_id, name, year, closes_on, created_by, "
		    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
		    DB_I(u.id), DB_ID(ward), DB_T(name), DB_I(in->year), DB_I(closes_on),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "award.round", "award_round", *id, u.id,
			       json_pack("{s:s, s:i, s:i}", "name", name, "year", in->year,
					 "closes_on", (int)closes_on));
	return rc;
}

int award_round_create(struct dv_ctx *ctx, const struct award_round_input *in, int64_t *id_out)
{
	const char *name;
	int32_t closes_on = 0;
	int64_t id = 0;
	int year_now = today(ctx) / 10000;
	if (!perm_may(ctx, ACT_RUN_AWARDS, in->unit_id))
		return perm_require(ctx, ACT_RUN_AWARDS, in->unit_id);
	int rc = text_clean(ctx->arena, in->name, slen(in->name), ROUND_NAME_MAX, TEXT_REQUIRED,
			    "name", &name, &ctx->err);
	if (rc)
		return rc;
	if (in->year < year_now - 1 || in->year > year_now)
		return dv_fail(&ctx->err, DV_EINVAL, "year",
			       "A round commends the achievements of %d or %d", year_now - 1,
			       year_now);
	if (!in->closes_on || !*in->closes_on || date_parse(in->closes_on, &closes_on, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, "closes_on",
			       "Give the last day nominations are taken");
	if (closes_on < today(ctx))
		return dv_fail(&ctx->err, DV_EINVAL, "closes_on",
			       "The last day for nominations cannot have passed");
	if ((rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, round_create_tx(ctx, in, name, closes_on, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* ---------------------------------------------------------------- sources */

static int check_model(struct dv_ctx *ctx, int64_t id, const char **label)
{
	struct model m;
	int rc = model_get(ctx, id, &m);
	if (rc == DV_ENOTFOUND || (!rc && !m.is_public))
		return dv_fail(&ctx->err, DV_EINVAL, "source_id",
			       "Cite a model the Mass Mobilization Board found effective");
	if (!rc)
		*label = m.name;
	return rc;
}

static int check_entry(struct dv_ctx *ctx, int64_t id, const char **label)
{
	struct movement_entry e;
	struct movement m;
	int rc = movement_entry_get(ctx, id, &e);
	if (!rc)
		rc = movement_get(ctx, e.movement_id, &m);
	if (rc == DV_ENOTFOUND || (!rc && (e.result == RESULT_NONE || e.result == RESULT_NOT_DONE)))
		return dv_fail(&ctx->err, DV_EINVAL, "source_id",
			       "Cite a part in a movement evaluated as completed");
	if (!rc)
		*label = arena_printf(ctx->arena, "%s: %s", m.name, e.subject.name);
	return rc;
}

static int check_grant(struct dv_ctx *ctx, int64_t id, const char **label)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT g.role, u.name, a.display_name FROM role_grant g JOIN unit u ON "
			  "u.id = g.unit_id JOIN account a ON a.id = g.account_id WHERE g.id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc
			      : dv_fail(&ctx->err, DV_EINVAL, "source_id", "No such role held");
	*label = arena_printf(ctx->arena, "%s · %s · %s", db_col_text(st, 2),
			      role_label_of(db_col_text(st, 0)), db_col_text(st, 1));
	db_finish(st);
	return 0;
}

/* A co-funded work (domain/works/) that was completed: accepted on
 * completion, its final accounts published, or closed. */
static int check_work(struct dv_ctx *ctx, int64_t id, const char **label)
{
	struct work w;
	int rc = work_get(ctx, id, &w);
	if (rc == DV_ENOTFOUND ||
	    (!rc && w.status != WS_ACCEPTED && w.status != WS_SETTLED && w.status != WS_CLOSED))
		return dv_fail(&ctx->err, DV_EINVAL, "source_id",
			       "Cite a co-funded work that was completed (accepted)");
	if (!rc)
		*label = w.name;
	return rc;
}

/*
 * What an achievement may cite, each with its check. A source with no
 * check (none now) is kept and shown by its kind and id.
 */
static int (*const sources[])(struct dv_ctx *ctx, int64_t id, const char **label) = {
	[SRC_NONE] = NULL,
	[SRC_MODEL] = check_model,
	[SRC_ENTRY] = check_entry,
	[SRC_GRANT] = check_grant,
	[SRC_WORK] = check_work,
};
_Static_assert(ARRAY_LEN(sources) == SRC_COUNT, "a check (or none) per source");

static int check_source(struct dv_ctx *ctx, enum achievement_source s, int64_t id,
			const char **label)
{
	*label = "";
	if (s == SRC_NONE)
		return id ? dv_fail(&ctx->err, DV_EINVAL, "source", "Say what the record cited is")
			  : 0;
	if (id <= 0)
		return dv_fail(&ctx->err, DV_EINVAL, "source_id", "Give the record cited");
	if (!sources[s]) {
		*label = arena_printf(ctx->arena, "%s #%lld", achievement_source_name(s),
				      (long long)id);
		return 0;
	}
	return sources[s](ctx, id, label);
}

static const char *achievement_key(struct dv_ctx *ctx, enum achievement_source s, int64_t id,
				   int year, const char *achievement)
{
	if (s != SRC_NONE)
		return arena_printf(ctx->arena, "%s:%lld", achievement_source_name(s), (long long)id);
	return arena_printf(ctx->arena, "text:%d:%s", year, text_fold_a(ctx->arena, achievement));
}

/* ---------------------------------------------------------- nominations */

#define NOMINATION_COLS                                                                            \
	"n.id, n.round_id, n.proposer_unit_id, COALESCE(o.name, ''), n.kind, "               \
	"COALESCE(n.ref, 0), n.subject_unit_id, COALESCE(n.ward_id, 0), n.name, n.name_folded, "  \
	"n.detail, n.subject_key, n.form, n.achievement, COALESCE(n.source_kind, ''), "           \
	"COALESCE(n.source_id, 0), n.status, CASE WHEN n.present IS NULL THEN 0 ELSE 1 END, "     \
	"COALESCE(n.yes, 0), COALESCE(n.no, 0), COALESCE(n.abstain, 0), COALESCE(n.present, 0), " \
	"COALESCE(n.majority, 0), n.created_at, pu.kind, ru.kind, pu.name"
#define NOMINATION_FROM                                                                            \
	" FROM award_nomination n JOIN unit pu ON pu.id = n.proposer_unit_id LEFT JOIN "          \
	"organization o ON o.id = n.proposer_org_id JOIN award_round r ON r.id = n.round_id JOIN "  \
	"unit ru ON ru.id = r.unit_id"

static void read_nomination(struct dv_ctx *ctx, struct db_stmt *st, struct nomination *n)
{
	enum unit_kind pk, rk;
	memset(n, 0, sizeof(*n));
	n->id = db_col_int(st, 0);
	n->round_id = db_col_int(st, 1);
	n->proposer_unit_id = db_col_int(st, 2);
	if (unit_kind_parse(db_col_text(st, 24), &pk, NULL))
		pk = UNIT_WARD;
	/* an organization by its name, a unit as papers write it */
	n->proposer = *db_col_text(st, 3)
			      ? arena_strdup(ctx->arena, db_col_text(st, 3))
			      : subject_unit_title(ctx->arena, pk, db_col_text(st, 26));
	if (subject_kind_parse(db_col_text(st, 4), &n->subject.kind, NULL))
		n->subject.kind = SUBJ_INDIVIDUAL;
	n->subject.ref = db_col_int(st, 5);
	n->subject.unit_id = db_col_int(st, 6);
	n->subject.ward_id = db_col_int(st, 7);
	n->subject.name = arena_strdup(ctx->arena, db_col_text(st, 8));
	n->subject.name_folded = arena_strdup(ctx->arena, db_col_text(st, 9));
	n->subject.detail = arena_strdup(ctx->arena, db_col_text(st, 10));
	n->subject_key = arena_strdup(ctx->arena, db_col_text(st, 11));
	if (award_form_parse(db_col_text(st, 12), &n->form, NULL))
		n->form = AF_GK_WARD;
	n->achievement = arena_strdup(ctx->arena, db_col_text(st, 13));
	if (achievement_source_parse(db_col_text(st, 14), &n->source, NULL))
		n->source = SRC_NONE;
	n->source_id = db_col_int(st, 15);
	n->source_label = "";
	if (nomination_status_parse(db_col_text(st, 16), &n->status, NULL))
		n->status = NS_PROPOSED;
	n->voted = db_col_int(st, 17) != 0;
	n->yes = db_col_int(st, 18);
	n->no = db_col_int(st, 19);
	n->abstain = db_col_int(st, 20);
	n->present = db_col_int(st, 21);
	n->majority = (int)db_col_int(st, 22);
	n->created_at = db_col_int(st, 23);
	if (unit_kind_parse(db_col_text(st, 25), &rk, NULL))
		rk = UNIT_WARD;
	n->forwarded_form = award_form_given(n->form, level_of(rk)) == 0;
}

int nomination_load(struct dv_ctx *ctx, int64_t id, struct nomination *n)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " NOMINATION_COLS NOMINATION_FROM " WHERE n.id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such nomination");
	read_nomination(ctx, st, n);
	db_finish(st);
	return 0;
}

int nomination_get(struct dv_ctx *ctx, int64_t id, struct nomination *n)
{
	struct award_round r;
	int rc = nomination_load(ctx, id, n);
	if (rc || (rc = award_round_get(ctx, n->round_id, &r)))
		return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_ENOTFOUND, NULL,
						    "No such nomination")
					  : rc;
	if (n->source != SRC_NONE) {
		const char *label;
		n->source_label = check_source(ctx, n->source, n->source_id, &label) ? "" : label;
		dv_err_clear(&ctx->err);
	}
	return 0;
}

int nomination_list(struct dv_ctx *ctx, int64_t round_id, struct nomination **out, size_t *n)
{
	struct award_round r;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = award_round_get(ctx, round_id, &r);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT " NOMINATION_COLS NOMINATION_FROM " WHERE n.round_id = $1 "
				 "ORDER BY CASE WHEN n.kind = 'individual' THEN 1 ELSE 0 END, n.id "
				 "LIMIT $2",
				 DB_I(round_id), DB_I(NOMINATIONS_MAX))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_nomination(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	return rc < 0 ? rc : 0;
}

struct clean_nomination {
	enum award_form form;
	enum achievement_source source;
	const char *achievement;
};

/* The same achievement of the same subject, proposed or commended already? */
static int check_once(struct dv_ctx *ctx, const char *subject_key, const char *key,
		      const char *name)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT form, status FROM award_nomination WHERE subject_key = $1 AND "
			  "achievement_key = $2 AND status IN ('proposed', 'passed', 'awarded', "
			  "'forwarded') ORDER BY id LIMIT 1",
			  DB_T(subject_key), DB_T(key));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : 0;
	enum award_form f;
	if (award_form_parse(db_col_text(st, 0), &f, NULL))
		f = AF_GK_WARD;
	int done = !strcmp(db_col_text(st, 1), "awarded");
	db_finish(st);
	if (done)
		return dv_fail(&ctx->err, DV_ECONFLICT, "achievement",
			       "This achievement of %s was already commended with %s: one "
			       "achievement earns one form only (Law 06/2022/QH15, Art. 5)",
			       name, award_form_info(f)->name_vi);
	return dv_fail(&ctx->err, DV_ECONFLICT, "achievement",
		       "This achievement of %s is already proposed for %s: one achievement earns "
		       "one form only (Law 06/2022/QH15, Art. 5)",
		       name, award_form_info(f)->name_vi);
}

static int create_tx(struct dv_ctx *ctx, const struct nomination_input *in,
		     const struct clean_nomination *c, int64_t *id)
{
	struct award_round r;
	struct subject s;
	const char *label;
	int in_round = 0, restricted = 0;
	int rc = award_round_get(ctx, in->round_id, &r);
	if (rc)
		return rc;
	if (r.decision_id)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The round has been decided: nominations are closed");
	if (!r.open) {
		struct buf b = BUF_INIT;
		date_format(&b, r.closes_on);
		rc = dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			     "Nominations for this round closed on %s: none is taken after the "
			     "round's last day",
			     b.ptr);
		buf_release(&b);
		return rc;
	}
	if ((rc = unit_is_within(ctx, in->unit_id, r.unit_id, &in_round)) == DV_ENOTFOUND ||
	    (!rc && !in_round))
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "The proposing unit is not in this round");
	if (rc || (rc = perm_require(ctx, ACT_NOMINATE_AWARDS, in->unit_id)))
		return rc;
	if (in->organization_id) {
		struct organization o;
		rc = org_get(ctx, in->organization_id, &o);
		if (rc == DV_ENOTFOUND || (!rc && o.unit_id != in->unit_id))
			return dv_fail(&ctx->err, DV_EINVAL, "organization",
				       "The organization must be the proposing unit's own");
		if (rc)
			return rc;
	}
	if ((rc = subject_resolve(ctx, &in->subject, in->unit_id, &s)))
		return rc;
	const struct award_form_info *fi = award_form_info(c->form);
	if (s.kind == SUBJ_INDIVIDUAL && !fi->individuals)
		return dv_fail(&ctx->err, DV_EINVAL, "form", "This form is for collectives");
	if (s.kind != SUBJ_INDIVIDUAL && !fi->collectives)
		return dv_fail(&ctx->err, DV_EINVAL, "form", "This form is for individuals");
	if (award_form_given(c->form, r.level) < 0)
		return dv_fail(&ctx->err, DV_EINVAL, "form",
			       "This form is given below the level of this round");
	if ((rc = check_source(ctx, c->source, in->source_id, &label)))
		return rc;
	if ((rc = restriction_applies(ctx, &s, today(ctx), &restricted)))
		return rc;
	if (restricted)
		return restriction_refuse(ctx, &s);
	const char *skey = subject_key(ctx->arena, &s);
	const char *akey = achievement_key(ctx, c->source, in->source_id, r.year, c->achievement);
	if ((rc = check_once(ctx, skey, akey, s.name)))
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO award_nomination (round_id, ward_id, proposer_unit_id, "
		    "proposer_org_id, kind, ref, subject_unit_id, name, name_folded, detail, "
		    "subject_key, form, achievement, source_kind, source_id, achievement_key, "
		    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
		    "$10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id",
		    DB_I(r.id), DB_ID(s.ward_id), DB_I(in->unit_id), DB_ID(in->organization_id),
		    DB_T(subject_kind_name(s.kind)), DB_ID(s.ref), DB_I(s.unit_id), DB_T(s.name),
		    DB_T(s.name_folded), DB_T(s.detail), DB_T(skey), DB_T(award_form_name(c->form)),
		    DB_T(c->achievement),
		    c->source ? DB_T(achievement_source_name(c->source)) : DB_NULL,
		    DB_ID(in->source_id), DB_T(akey), DB_ID(ctx->actor->account_id),
		    DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "award.nominate", "award_round", r.id, in->unit_id,
			       json_pack("{s:I, s:s, s:s}", "nomination", (json_int_t)*id, "form",
					 award_form_name(c->form), "kind", subject_kind_name(s.kind)));
	return rc;
}

int nomination_create(struct dv_ctx *ctx, const struct nomination_input *in, int64_t *id_out)
{
	struct clean_nomination c;
	int64_t id = 0;
	if (award_form_parse(in->form, &c.form, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "form", "Choose the form of commendation");
	if (achievement_source_parse(in->source ? in->source : "", &c.source, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "source", "No such kind of record to cite");
	int rc = text_clean(ctx->arena, in->achievement, slen(in->achievement), ACHIEVEMENT_MAX,
			    TEXT_MULTILINE | TEXT_REQUIRED, "achievement", &c.achievement,
			    &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

static int withdraw_tx(struct dv_ctx *ctx, int64_t id)
{
	struct nomination n;
	struct award_round r;
	int rc = nomination_get(ctx, id, &n);
	if (rc || (rc = award_round_get(ctx, n.round_id, &r)))
		return rc;
	if (!r.may_run && !perm_may(ctx, ACT_NOMINATE_AWARDS, n.proposer_unit_id))
		return perm_require(ctx, ACT_NOMINATE_AWARDS, n.proposer_unit_id);
	if (n.status != NS_PROPOSED && n.status != NS_PASSED && n.status != NS_FAILED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "A nomination decided on is not withdrawn");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE award_nomination SET status = 'withdrawn', updated_at = $1 WHERE id = $2",
		    DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "award.withdraw", "award_round", r.id, n.proposer_unit_id,
			       json_pack("{s:I, s:s}", "nomination", (json_int_t)id, "was",
					 nomination_status_name(n.status)));
	return rc;
}

int nomination_withdraw(struct dv_ctx *ctx, int64_t id)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, withdraw_tx(ctx, id));
}

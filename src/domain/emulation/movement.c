/*
 * Emulation movements: launching one, the participants' commitments and
 * progress, and their evaluation at the end.
 */
#include "domain/emulation/movement.h"

#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "domain/perm.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"

DV_ENUM_DEFINE(movement_status, MOV_STATUS_COUNT, MOVEMENT_STATUSES, "status");
DV_ENUM_DEFINE(movement_result, RESULT_COUNT, MOVEMENT_RESULTS, "result");

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

static int32_t today(struct dv_ctx *ctx)
{
	return time_local_date(ctx->now);
}

/* ---------------------------------------------------------------- reading */

#define MOVEMENT_COLS                                                                              \
	"m.id, m.unit_id, u.name, m.organization_id, COALESCE(o.name, ''), m.name, m.criteria, "  \
	"m.participants, m.starts_on, m.ends_on, m.created_at, (SELECT COUNT(*) FROM "            \
	"movement_entry e WHERE e.movement_id = m.id), (SELECT COUNT(*) FROM movement_entry e "   \
	"WHERE e.movement_id = m.id AND e.result IS NOT NULL)"
#define MOVEMENT_FROM                                                                              \
	" FROM movement m JOIN unit u ON u.id = m.unit_id LEFT JOIN organization o ON o.id = "    \
	"m.organization_id"

/* "unit,household" as the bits of the kinds. 0 when a name is unknown. */
static unsigned parse_kinds(const char *s)
{
	unsigned bits = 0;
	while (s && *s) {
		size_t n = strcspn(s, ",");
		char name[32];
		enum subject_kind k;
		if (n == 0 || n >= sizeof(name))
			return 0;
		memcpy(name, s, n);
		name[n] = '\0';
		if (subject_kind_parse(name, &k, NULL))
			return 0;
		bits |= 1u << k;
		s += n + (s[n] == ',');
	}
	return bits;
}

static const char *kinds_text(struct arena *a, unsigned bits)
{
	struct buf b = BUF_INIT;
	for (int k = 0; k < SUBJ_COUNT; k++)
		if (bits & (1u << k))
			buf_addf(&b, "%s%s", b.len ? "," : "", subject_kind_name((enum subject_kind)k));
	const char *s = arena_strdup(a, b.ptr ? b.ptr : "");
	buf_release(&b);
	return s;
}

static void read_movement(struct dv_ctx *ctx, struct db_stmt *st, struct movement *m)
{
	memset(m, 0, sizeof(*m));
	m->id = db_col_int(st, 0);
	m->unit_id = db_col_int(st, 1);
	m->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	m->organization_id = db_col_int(st, 3);
	m->organization_name = arena_strdup(ctx->arena, db_col_text(st, 4));
	m->name = arena_strdup(ctx->arena, db_col_text(st, 5));
	m->criteria = arena_strdup(ctx->arena, db_col_text(st, 6));
	m->participants = parse_kinds(db_col_text(st, 7));
	m->starts_on = (int32_t)db_col_int(st, 8);
	m->ends_on = (int32_t)db_col_int(st, 9);
	m->created_at = db_col_int(st, 10);
	m->entries = db_col_int(st, 11);
	m->evaluated = db_col_int(st, 12);
	int32_t t = today(ctx);
	m->status = t < m->starts_on ? MOV_UPCOMING : t > m->ends_on ? MOV_ENDED : MOV_RUNNING;
}

int movement_get(struct dv_ctx *ctx, int64_t id, struct movement *m)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " MOVEMENT_COLS MOVEMENT_FROM " WHERE m.id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such movement");
	read_movement(ctx, st, m);
	db_finish(st);
	m->may_run = perm_may(ctx, ACT_RUN_MOVEMENTS, m->unit_id);
	m->may_join = m->may_run || perm_may_within(ctx, ACT_JOIN_MOVEMENTS, m->unit_id) ||
		      (ctx->actor->household_id && perm_may_somewhere(ctx, ACT_JOIN_MOVEMENTS));
	return 0;
}

int movement_list(struct dv_ctx *ctx, int64_t unit_id, int status, int64_t offset, int limit,
		  struct movement **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > MOVEMENT_PAGE_MAX || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	int32_t t = today(ctx);
	/* the status from the dates: upcoming starts after today, ended ended
	 * before it */
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT " MOVEMENT_COLS MOVEMENT_FROM " WHERE (CAST($1 AS BIGINT) = 0 OR m.unit_id "
		"IN (SELECT descendant FROM unit_tree WHERE ancestor = $1) OR m.unit_id IN (SELECT "
		"ancestor FROM unit_tree WHERE descendant = $1)) AND ($2 = -1 OR ($2 = 0 AND "
		"m.starts_on > $3) OR ($2 = 1 AND m.starts_on <= $3 AND m.ends_on >= $3) OR ($2 = 2 "
		"AND m.ends_on < $3)) ORDER BY m.starts_on DESC, m.id DESC LIMIT $4 OFFSET $5",
		DB_I(unit_id), DB_I(status), DB_I(t), DB_I(limit + 1), DB_I(offset));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_movement(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap));
	}
	return rc < 0 ? rc : 0;
}

/* -------------------------------------------------------------- launching */

struct clean_movement {
	const char *name, *criteria;
	unsigned participants;
	int32_t starts_on, ends_on;
};

static int clean_movement(struct dv_ctx *ctx, const struct movement_input *in,
			  struct clean_movement *c)
{
	int rc = text_clean(ctx->arena, in->name, slen(in->name), MOVEMENT_NAME_MAX, TEXT_REQUIRED,
			    "name", &c->name, &ctx->err);
	if (rc || (rc = text_clean(ctx->arena, in->criteria, slen(in->criteria),
				   MOVEMENT_CRITERIA_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "criteria",
				   &c->criteria, &ctx->err)))
		return rc;
	c->participants = parse_kinds(in->participants);
	if (!c->participants)
		return dv_fail(&ctx->err, DV_EINVAL, "participants",
			       "Say who may take part: units, organizations, households, "
			       "individuals");
	if (!in->starts_on || !*in->starts_on ||
	    date_parse(in->starts_on, &c->starts_on, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, "starts_on", "Give the day the movement begins");
	if (!in->ends_on || !*in->ends_on || date_parse(in->ends_on, &c->ends_on, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, "ends_on", "Give the day the movement ends");
	if (c->ends_on < c->starts_on)
		return dv_fail(&ctx->err, DV_EINVAL, "ends_on",
			       "The movement cannot end before it begins");
	if (date_diff_days(c->starts_on, c->ends_on) > MOVEMENT_DAYS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "ends_on", "A movement runs at most %d days",
			       MOVEMENT_DAYS_MAX);
	if (c->ends_on < today(ctx))
		return dv_fail(&ctx->err, DV_EINVAL, "ends_on",
			       "A movement launched now cannot have ended already");
	return 0;
}

static int create_tx(struct dv_ctx *ctx, const struct movement_input *in,
		     const struct clean_movement *c, int64_t *id)
{
	struct unit u;
	int64_t ward = 0;
	int rc = unit_get(ctx, in->unit_id, &u);
	if (rc == DV_ENOTFOUND || (!rc && strcmp(u.status, "active") != 0))
		return dv_fail(&ctx->err, DV_EINVAL, "unit", "No such unit");
	if (rc || (rc = perm_require(ctx, ACT_RUN_MOVEMENTS, u.id)))
		return rc;
	if (in->organization_id) {
		struct organization o;
		rc = org_get(ctx, in->organization_id, &o);
		if (rc == DV_ENOTFOUND || (!rc && o.unit_id != u.id))
			return dv_fail(&ctx->err, DV_EINVAL, "organization",
				       "The organization must be the unit's own");
		if (rc)
			return rc;
	}
	if ((rc = unit_commune_of(ctx, u.id, &ward)) == DV_ENOTFOUND)
		ward = 0;
	else if (rc)
		return rc;
	rc = db_int(ctx->db, id, &ctx->err,
		    "INSERT INTO movement (unit_id, ward_id, organization_id, name, name_folded, "
		    "criteria, participants, starts_on, ends_on, created_by, created_at) VALUES ($1, "
		    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
		    DB_I(u.id), DB_ID(ward), DB_ID(in->organization_id), DB_T(c->name),
		    DB_T(text_fold_a(ctx->arena, c->name)), DB_T(c->criteria),
		    DB_T(kinds_text(ctx->arena, c->participants)), DB_I(c->starts_on),
		    DB_I(c->ends_on), DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "movement.create", "movement", *id, u.id,
			       json_pack("{s:s, s:i, s:i}", "name", c->name, "starts_on",
					 (int)c->starts_on, "ends_on", (int)c->ends_on));
	return rc;
}

int movement_create(struct dv_ctx *ctx, const struct movement_input *in, int64_t *id_out)
{
	struct clean_movement c;
	int64_t id = 0;
	if (!perm_may(ctx, ACT_RUN_MOVEMENTS, in->unit_id))
		return perm_require(ctx, ACT_RUN_MOVEMENTS, in->unit_id);
	int rc = clean_movement(ctx, in, &c);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, create_tx(ctx, in, &c, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* -------------------------------------------------------------- taking part */

/* May the actor register or report for this participant? A household's
 * own representative may; otherwise ACT_JOIN_MOVEMENTS on its unit. */
static int may_join_for(struct dv_ctx *ctx, const struct subject *s)
{
	if (s->kind == SUBJ_HOUSEHOLD)
		return perm_may_household(ctx, ACT_JOIN_MOVEMENTS, s->ref, s->unit_id);
	return perm_may(ctx, ACT_JOIN_MOVEMENTS, s->unit_id);
}

static int join_tx(struct dv_ctx *ctx, int64_t movement_id, const struct subject_input *who,
		   const char *commitment, int64_t *entry_id)
{
	struct movement m;
	struct subject s;
	int64_t dup = 0;
	int rc = movement_get(ctx, movement_id, &m);
	if (rc)
		return rc;
	if (m.status == MOV_ENDED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The movement has ended: nobody registers any more");
	if ((rc = subject_resolve(ctx, who, m.unit_id, &s)))
		return rc;
	if (!(m.participants & (1u << s.kind)))
		return dv_fail(&ctx->err, DV_EINVAL, "kind", "This movement does not take %s",
			       subject_kind_label(s.kind));
	if (!may_join_for(ctx, &s))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "You may not register this participant (%s)",
			       action_name(ACT_JOIN_MOVEMENTS));
	rc = db_int(ctx->db, &dup, &ctx->err,
		    "SELECT id FROM movement_entry WHERE movement_id = $1 AND kind = $2 AND "
		    "((ref IS NOT NULL AND ref = $3) OR (ref IS NULL AND name_folded = $4 AND "
		    "unit_id = $5)) LIMIT 1",
		    DB_I(movement_id), DB_T(subject_kind_name(s.kind)), DB_I(s.ref),
		    DB_T(s.name_folded), DB_I(s.unit_id));
	if (!rc)
		return dv_fail(&ctx->err, DV_ECONFLICT, "ref", "%s has registered already", s.name);
	if (rc != DV_ENOTFOUND)
		return rc;
	rc = db_int(ctx->db, entry_id, &ctx->err,
		    "INSERT INTO movement_entry (movement_id, ward_id, kind, ref, unit_id, name, "
		    "name_folded, detail, commitment, registered_by, registered_at) VALUES ($1, $2, "
		    "$3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
		    DB_I(movement_id), DB_ID(s.ward_id), DB_T(subject_kind_name(s.kind)),
		    DB_ID(s.ref), DB_I(s.unit_id), DB_T(s.name), DB_T(s.name_folded),
		    DB_T(s.detail), DB_T(commitment), DB_ID(ctx->actor->account_id),
		    DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "movement.join", "movement", movement_id, s.unit_id,
			       json_pack("{s:I, s:s, s:s}", "entry", (json_int_t)*entry_id, "kind",
					 subject_kind_name(s.kind), "name",
					 s.kind == SUBJ_INDIVIDUAL ? "" : s.name));
	return rc;
}

int movement_join(struct dv_ctx *ctx, int64_t movement_id, const struct subject_input *who,
		  const char *commitment_in, int64_t *entry_id)
{
	const char *commitment;
	int64_t id = 0;
	int rc = text_clean(ctx->arena, commitment_in, slen(commitment_in), COMMITMENT_MAX,
			    TEXT_MULTILINE | TEXT_REQUIRED, "commitment", &commitment, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	rc = ctx_end(ctx, join_tx(ctx, movement_id, who, commitment, &id));
	if (!rc && entry_id)
		*entry_id = id;
	return rc;
}

/* ------------------------------------------------------------- entries */

#define ENTRY_COLS                                                                                 \
	"id, movement_id, kind, COALESCE(ref, 0), unit_id, ward_id, name, name_folded, detail, "  \
	"commitment, COALESCE(result, ''), result_note, registered_at, COALESCE(evaluated_at, 0)"

static void read_entry(struct dv_ctx *ctx, struct db_stmt *st, struct movement_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->id = db_col_int(st, 0);
	e->movement_id = db_col_int(st, 1);
	if (subject_kind_parse(db_col_text(st, 2), &e->subject.kind, NULL))
		e->subject.kind = SUBJ_INDIVIDUAL;
	e->subject.ref = db_col_int(st, 3);
	e->subject.unit_id = db_col_int(st, 4);
	e->subject.ward_id = db_col_int(st, 5);
	e->subject.name = arena_strdup(ctx->arena, db_col_text(st, 6));
	e->subject.name_folded = arena_strdup(ctx->arena, db_col_text(st, 7));
	e->subject.detail = arena_strdup(ctx->arena, db_col_text(st, 8));
	e->commitment = arena_strdup(ctx->arena, db_col_text(st, 9));
	if (movement_result_parse(db_col_text(st, 10), &e->result, NULL))
		e->result = RESULT_NONE;
	e->result_note = arena_strdup(ctx->arena, db_col_text(st, 11));
	e->registered_at = db_col_int(st, 12);
	e->evaluated_at = db_col_int(st, 13);
}

/* Does the public see this participation? Units and organizations, yes;
 * households and individuals only those who run or join there. */
static int entry_public(const struct movement_entry *e)
{
	return e->subject.kind == SUBJ_UNIT || e->subject.kind == SUBJ_ORGANIZATION;
}

int movement_entries(struct dv_ctx *ctx, const struct movement *m, struct movement_entry **out,
		     size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int all = m->may_run || perm_may_within(ctx, ACT_JOIN_MOVEMENTS, m->unit_id);
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ENTRY_COLS " FROM movement_entry WHERE movement_id = $1 "
			  "ORDER BY id LIMIT $2",
			  DB_I(m->id), DB_I(MOVEMENT_ENTRIES_MAX));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct movement_entry e;
		read_entry(ctx, st, &e);
		int own = e.subject.kind == SUBJ_HOUSEHOLD && e.subject.ref &&
			  e.subject.ref == ctx->actor->household_id;
		if (all || own || entry_public(&e))
			*ARENA_PUSH(ctx->arena, *out, *n, cap) = e;
	}
	return rc < 0 ? rc : 0;
}

int movement_entry_movement(struct dv_ctx *ctx, int64_t entry_id, int64_t *movement_id)
{
	int rc = db_int(ctx->db, movement_id, &ctx->err,
			"SELECT movement_id FROM movement_entry WHERE id = $1", DB_I(entry_id));
	return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such participant")
				  : rc;
}

static int load_progress(struct dv_ctx *ctx, struct movement_entry *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT reported_on, text, reported_at FROM movement_progress WHERE "
			  "entry_id = $1 ORDER BY reported_on, id",
			  DB_I(e->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct movement_progress *p = ARENA_PUSH(ctx->arena, e->progress, e->nprogress, cap);
		p->reported_on = (int32_t)db_col_int(st, 0);
		p->text = arena_strdup(ctx->arena, db_col_text(st, 1));
		p->reported_at = db_col_int(st, 2);
	}
	return rc < 0 ? rc : 0;
}

/* The entry and its movement, if the actor may see the entry. */
static int load_entry(struct dv_ctx *ctx, int64_t entry_id, struct movement_entry *e,
		      struct movement *m)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " ENTRY_COLS " FROM movement_entry WHERE id = $1", DB_I(entry_id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such participant");
	read_entry(ctx, st, e);
	db_finish(st);
	if ((rc = movement_get(ctx, e->movement_id, m)))
		return rc;
	if (!entry_public(e) && !m->may_run && !may_join_for(ctx, &e->subject))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such participant");
	return 0;
}

int movement_entry_get(struct dv_ctx *ctx, int64_t entry_id, struct movement_entry *e)
{
	struct movement m;
	int rc = load_entry(ctx, entry_id, e, &m);
	return rc ? rc : load_progress(ctx, e);
}

static int report_tx(struct dv_ctx *ctx, int64_t entry_id, int32_t on, const char *text)
{
	struct movement_entry e;
	struct movement m;
	int rc = load_entry(ctx, entry_id, &e, &m);
	if (rc)
		return rc;
	if (!may_join_for(ctx, &e.subject))
		return perm_require(ctx, ACT_JOIN_MOVEMENTS, e.subject.unit_id);
	if (!on)
		on = today(ctx);
	if (on > today(ctx))
		return dv_fail(&ctx->err, DV_EINVAL, "on", "Progress is reported on a day that has come");
	if (on < m.starts_on || on > m.ends_on)
		return dv_fail(&ctx->err, DV_EINVAL, "on",
			       "Progress is reported within the movement's period");
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO movement_progress (entry_id, reported_on, text, reported_by, "
		    "reported_at) VALUES ($1, $2, $3, $4, $5)",
		    DB_I(entry_id), DB_I(on), DB_T(text), DB_ID(ctx->actor->account_id),
		    DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "movement.report", "movement", m.id, e.subject.unit_id,
			       json_pack("{s:I, s:i}", "entry", (json_int_t)entry_id, "on", (int)on));
	return rc;
}

int movement_report(struct dv_ctx *ctx, int64_t entry_id, const char *on_in, const char *text_in)
{
	const char *text;
	int32_t on = 0;
	int rc = text_clean(ctx->arena, text_in, slen(text_in), PROGRESS_MAX,
			    TEXT_MULTILINE | TEXT_REQUIRED, "text", &text, &ctx->err);
	if (rc)
		return rc;
	if (on_in && *on_in && date_parse(on_in, &on, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, "on", "Give the day as dd/mm/yyyy");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, report_tx(ctx, entry_id, on, text));
}

static int evaluate_tx(struct dv_ctx *ctx, int64_t entry_id, enum movement_result result,
		       const char *note)
{
	struct movement_entry e;
	struct movement m;
	int rc = load_entry(ctx, entry_id, &e, &m);
	if (rc || (rc = perm_require(ctx, ACT_RUN_MOVEMENTS, m.unit_id)))
		return rc;
	if (m.status != MOV_ENDED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Participants are evaluated once the movement has ended");
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE movement_entry SET result = $1, result_note = $2, evaluated_by = $3, "
		    "evaluated_at = $4 WHERE id = $5",
		    DB_T(movement_result_name(result)), DB_T(note), DB_ID(ctx->actor->account_id),
		    DB_I(ctx->now), DB_I(entry_id));
	if (!rc)
		rc = ctx_audit(ctx, "movement.evaluate", "movement", m.id, e.subject.unit_id,
			       json_pack("{s:I, s:s, s:s}", "entry", (json_int_t)entry_id, "result",
					 movement_result_name(result), "was",
					 movement_result_name(e.result)));
	return rc;
}

int movement_evaluate(struct dv_ctx *ctx, int64_t entry_id, const char *result_in,
		      const char *note_in)
{
	enum movement_result result;
	const char *note;
	if (movement_result_parse(result_in, &result, NULL) || result == RESULT_NONE)
		return dv_fail(&ctx->err, DV_EINVAL, "result",
			       "Choose the result: excellently, well, completed or not");
	int rc = text_clean(ctx->arena, note_in, slen(note_in), RESULT_NOTE_MAX, TEXT_MULTILINE,
			    "note", &note, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, evaluate_tx(ctx, entry_id, result, note));
}

int movement_figures(struct dv_ctx *ctx, int64_t unit_id, int year, struct movement_figures *f)
{
	struct db_stmt *st = NULL;
	memset(f, 0, sizeof(*f));
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT COUNT(DISTINCT m.id), COUNT(e.id), COUNT(e.result), "
			  "COALESCE(SUM(CASE WHEN e.result IN ('excellent', 'good') THEN 1 ELSE 0 END), "
			  "0) FROM movement m LEFT JOIN movement_entry e ON e.movement_id = m.id WHERE "
			  "m.unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = $1) AND "
			  "m.starts_on <= $3 AND m.ends_on >= $2",
			  DB_I(unit_id), DB_I(date_ymd(year, 1, 1)), DB_I(date_ymd(year, 12, 31)));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		f->movements = db_col_int(st, 0);
		f->participants = db_col_int(st, 1);
		f->evaluated = db_col_int(st, 2);
		f->excellent = db_col_int(st, 3);
		db_finish(st);
		rc = 0;
	}
	return rc;
}

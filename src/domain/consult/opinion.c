/*
 * Opinions on a consultation's draft, the authority's answers, and the
 * published synthesis (Law 10/2022/QH15, Art. 25-26).
 */
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "domain/consult/consultation.h"
#include "domain/consult/consultation_impl.h"
#include "domain/registry/org.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

/* ------------------------------------------------------------- giving */

struct clean_opinion {
	int section;
	enum stance stance;
	enum opinion_channel channel;
	const char *text, *author;
	int collective;
};

static int clean_opinion(struct dv_ctx *ctx, const struct opinion_input *in,
			 struct clean_opinion *o)
{
	memset(o, 0, sizeof(*o));
	if (stance_parse(in->stance, &o->stance, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "stance",
			       "Say whether you support or oppose it, or give another opinion");
	o->channel = OC_WEB;
	if (in->channel && *in->channel && opinion_channel_parse(in->channel, &o->channel, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "channel", "Choose how the opinion was received");
	o->section = in->section;
	o->collective = in->collective;
	int rc = text_clean(ctx->arena, in->text, in->text ? strlen(in->text) : 0,
			    OPINION_TEXT_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "text", &o->text,
			    &ctx->err);
	if (!rc)
		rc = text_clean(ctx->arena, in->author, in->author ? strlen(in->author) : 0,
				OPINION_AUTHOR_MAX, 0, "author", &o->author, &ctx->err);
	if (!rc && o->channel != OC_WEB && !*o->author)
		return dv_fail(&ctx->err, DV_EINVAL, "author",
			       "Write who gave the opinion (a name, an address or a group)");
	if (!rc && o->channel != OC_WEB && o->collective)
		return dv_fail(&ctx->err, DV_EINVAL, "collective",
			       "A collective opinion is submitted by its organization itself");
	return rc;
}

/* The grant the actor speaks with for a collective opinion in unit_id: an
 * organization officer's organization, or the front work committee. */
static int collective_origin(struct dv_ctx *ctx, int64_t unit_id, const char **origin,
			     int64_t *org_id)
{
	for (size_t i = 0; i < ctx->actor->ngrants; i++) {
		const struct grant *g = &ctx->actor->grants[i];
		int in = 0, out = 0, rc;
		if (!role_allows((enum role)g->role, ACT_COLLECTIVE_OPINION))
			continue;
		if ((rc = unit_is_within(ctx, g->unit_id, unit_id, &in)) ||
		    (rc = unit_is_within(ctx, unit_id, g->unit_id, &out)))
			return rc;
		if (!in && !out)
			continue;
		if (g->organization_id) {
			struct organization o;
			if ((rc = org_get(ctx, g->organization_id, &o)))
				return rc;
			*origin = o.name;
			*org_id = o.id;
			return 0;
		}
		if (g->role == ROLE_FRONT) {
			struct unit u;
			if ((rc = unit_get(ctx, g->unit_id, &u)))
				return rc;
			*origin = arena_printf(ctx->arena, "Ban công tác Mặt trận %s", u.name);
			return 0;
		}
	}
	return dv_fail(&ctx->err, DV_EPERM, NULL,
		       "Collective opinions are submitted by mass organizations and the front "
		       "work committee");
}

/* Who may give this opinion, and the public line it is shown with. */
static int check_giver(struct dv_ctx *ctx, const struct consultation *c,
		       const struct clean_opinion *o, const char **origin, int64_t *org_id)
{
	*org_id = 0;
	if (o->collective)
		return collective_origin(ctx, c->unit_id, origin, org_id);
	if (o->channel != OC_WEB) {
		*origin = "";
		return perm_may(ctx, ACT_CONSULT, c->unit_id)
			       ? 0
			       : dv_fail(&ctx->err, DV_EPERM, NULL,
					 "Opinions received elsewhere are recorded by the officers "
					 "who consult");
	}
	if (!perm_may_within(ctx, ACT_COMMENT, c->unit_id))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only residents of %s comment on this draft", c->unit_name);
	*origin = c->unit_name;
	int64_t hh_unit = 0;
	if (ctx->actor->household_id &&
	    !db_int(ctx->db, &hh_unit, &ctx->err, "SELECT unit_id FROM household WHERE id = $1",
		    DB_I(ctx->actor->household_id))) {
		struct unit u;
		if (!unit_get(ctx, hh_unit, &u))
			*origin = u.name;
	}
	return 0;
}

static int add_tx(struct dv_ctx *ctx, int64_t id, const struct clean_opinion *o, int64_t *out)
{
	struct consultation c;
	const char *origin;
	int64_t org = 0, mine = 0;
	int rc = consultation_get(ctx, id, &c);
	if (rc)
		return rc;
	if (c.status != CS_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL, "The draft is not open for comments");
	if (o->section < 0 || (size_t)o->section >= c.nsections)
		return dv_fail(&ctx->err, DV_EINVAL, "section", "No such section");
	if ((rc = check_giver(ctx, &c, o, &origin, &org)))
		return rc;
	if ((rc = db_int(ctx->db, &mine, &ctx->err,
			 "SELECT COUNT(*) FROM opinion WHERE consultation_id = $1 AND account_id = $2",
			 DB_I(id), DB_ID(ctx->actor->account_id))))
		return rc;
	if (o->channel == OC_WEB && mine >= OPINIONS_PER_ACCOUNT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "You have given %d opinions on this draft, the most one person may",
			       OPINIONS_PER_ACCOUNT);
	const char *author = o->channel != OC_WEB ? o->author : ctx->actor->display_name;
	rc = db_int(ctx->db, out, &ctx->err,
		    "INSERT INTO opinion (consultation_id, section, stance, channel, text, "
		    "collective, organization_id, account_id, household_id, author, origin, "
		    "created_at, ward_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
		    "$12, (SELECT ward_id FROM household WHERE id = $9)) RETURNING id",
		    DB_I(id), DB_I(o->section), DB_T(stance_name(o->stance)),
		    DB_T(opinion_channel_name(o->channel)), DB_T(o->text), DB_I(o->collective), DB_ID(org),
		    DB_ID(ctx->actor->account_id),
		    DB_ID(o->channel == OC_WEB && !o->collective ? ctx->actor->household_id : 0),
		    DB_T(author ? author : ""), DB_T(origin), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "opinion.add", "consultation", id, c.unit_id,
			       json_pack("{s:I, s:i, s:s, s:s, s:b}", "opinion", (json_int_t)*out,
					 "section", o->section, "stance", stance_name(o->stance),
					 "channel", opinion_channel_name(o->channel), "collective",
					 o->collective));
	return rc;
}

/*
 * A resident's own opinion on the web is its household's commune's: it is
 * written under that commune's lock (ctx_begin_in), so comments from many
 * communes on a city's or the nation's draft never wait on each other. What
 * it checks stays true: the draft opens and closes in exclusive
 * transactions, and one account's opinions are all of one commune. An
 * officer's record and an organization's opinion begin exclusively.
 */
static int begin_for(struct dv_ctx *ctx, const struct clean_opinion *o)
{
	int64_t unit = 0;
	if (o->channel == OC_WEB && !o->collective && ctx->actor->household_id) {
		int rc = db_int(ctx->db, &unit, &ctx->err,
				"SELECT unit_id FROM household WHERE id = $1",
				DB_I(ctx->actor->household_id));
		if (rc && rc != DV_ENOTFOUND)
			return rc;
	}
	return unit ? ctx_begin_in(ctx, unit) : ctx_begin(ctx);
}

int opinion_add(struct dv_ctx *ctx, int64_t consultation_id, const struct opinion_input *in,
		int64_t *id_out)
{
	struct clean_opinion o;
	int64_t id = 0;
	int rc = clean_opinion(ctx, in, &o);
	if (rc || (rc = begin_for(ctx, &o)))
		return rc;
	rc = ctx_end(ctx, add_tx(ctx, consultation_id, &o, &id));
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* ------------------------------------------------------------ reading */

/* The public line of an opinion. */
static const char *from_line(struct dv_ctx *ctx, enum opinion_channel ch, int collective,
			     const char *origin)
{
	if (collective)
		return origin;
	if (ch != OC_WEB)
		return i18n_get(ctx->lang, opinion_channel_label(ch));
	return arena_printf(ctx->arena, i18n_get(ctx->lang, N_("A resident of %s")), origin);
}

int opinion_list(struct dv_ctx *ctx, const struct consultation *c, int section,
		 struct opinion **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int answers = c->may_manage || c->status == CS_PUBLISHED;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id, section, stance, channel, text, collective, origin, author, "
			  "account_id, created_at, COALESCE(answer, ''), reason, answered_at FROM "
			  "opinion WHERE consultation_id = $1 AND (CAST($2 AS BIGINT) < 0 OR "
			  "section = $2) ORDER BY section, id",
			  DB_I(c->id), DB_I(section));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct opinion *o = ARENA_PUSH(ctx->arena, *out, *n, cap);
		memset(o, 0, sizeof(*o));
		o->id = db_col_int(st, 0);
		o->section = (int)db_col_int(st, 1);
		if (stance_parse(db_col_text(st, 2), &o->stance, NULL))
			o->stance = ST_OTHER;
		if (opinion_channel_parse(db_col_text(st, 3), &o->channel, NULL))
			o->channel = OC_WEB;
		o->text = arena_strdup(ctx->arena, db_col_text(st, 4));
		o->collective = (int)db_col_int(st, 5);
		o->from = from_line(ctx, o->channel, o->collective,
				    arena_strdup(ctx->arena, db_col_text(st, 6)));
		o->author = c->may_manage ? arena_strdup(ctx->arena, db_col_text(st, 7)) : "";
		o->mine = ctx->actor->account_id && db_col_int(st, 8) == ctx->actor->account_id;
		o->created_at = db_col_int(st, 9);
		int answered = answers && !answer_parse(db_col_text(st, 10), &o->answer, NULL) &&
			       o->answer != ANS_NONE;
		o->answer = answered ? o->answer : ANS_NONE;
		o->reason = answered ? arena_strdup(ctx->arena, db_col_text(st, 11)) : "";
		o->answered_at = answered ? db_col_int(st, 12) : 0;
	}
	return rc < 0 ? rc : 0;
}

/* ----------------------------------------------------------- answering */

/* A consultation the actor answers now: closed, not yet published. */
static int answerable(struct dv_ctx *ctx, int64_t id, struct consultation *c)
{
	int rc = consultation_get(ctx, id, c);
	if (rc || (rc = perm_require(ctx, ACT_CONSULT, c->unit_id)))
		return rc;
	if (c->status == CS_OPEN)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "Opinions are answered once the comments have closed");
	if (c->status != CS_CLOSED)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The synthesis is published: the answers can no longer change");
	return 0;
}

int opinion_consultation(struct dv_ctx *ctx, int64_t opinion_id, int64_t *consultation_id)
{
	int rc = db_int(ctx->db, consultation_id, &ctx->err,
			"SELECT consultation_id FROM opinion WHERE id = $1", DB_I(opinion_id));
	return rc == DV_ENOTFOUND ? dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such opinion") : rc;
}

static int answer_tx(struct dv_ctx *ctx, int64_t opinion_id, enum answer a, const char *reason)
{
	struct consultation c;
	int64_t cid = 0;
	int rc = opinion_consultation(ctx, opinion_id, &cid);
	if (rc || (rc = answerable(ctx, cid, &c)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE opinion SET answer = $1, reason = $2, answered_by = $3, answered_at = $4 "
		    "WHERE id = $5",
		    DB_T(answer_name(a)), DB_T(reason), DB_ID(ctx->actor->account_id),
		    DB_I(ctx->now), DB_I(opinion_id));
	if (!rc)
		rc = ctx_audit(ctx, "opinion.answer", "consultation", cid, c.unit_id,
			       json_pack("{s:I, s:s}", "opinion", (json_int_t)opinion_id, "answer",
					 answer_name(a)));
	return rc;
}

int opinion_answer(struct dv_ctx *ctx, int64_t opinion_id, const char *answer, const char *in)
{
	const char *reason;
	enum answer a;
	if (!answer || !*answer || answer_parse(answer, &a, NULL))
		return dv_fail(&ctx->err, DV_EINVAL, "answer",
			       "Choose: accepted, partly accepted or not accepted");
	int rc = text_clean(ctx->arena, in, in ? strlen(in) : 0, ANSWER_REASON_MAX, TEXT_MULTILINE,
			    "reason", &reason, &ctx->err);
	if (rc)
		return rc;
	if (a != ANS_ACCEPTED && !*reason)
		return dv_fail(&ctx->err, DV_EINVAL, "reason",
			       "Give the reason an opinion is not accepted, or only in part");
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, answer_tx(ctx, opinion_id, (enum answer)a, reason));
}

static int publish_tx(struct dv_ctx *ctx, int64_t id, const char *summary)
{
	struct consultation c;
	int rc = answerable(ctx, id, &c);
	if (rc)
		return rc;
	if (c.answered < c.opinions)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "%lld of %lld opinions are not answered yet",
			       (long long)(c.opinions - c.answered), (long long)c.opinions);
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE consultation SET status = 'published', summary = $1, published_at = $2, "
		    "updated_at = $2 WHERE id = $3",
		    DB_T(summary), DB_I(ctx->now), DB_I(id));
	if (!rc)
		rc = ctx_audit(ctx, "consultation.publish", "consultation", id, c.unit_id,
			       json_pack("{s:I}", "opinions", (json_int_t)c.opinions));
	return rc;
}

int consultation_publish(struct dv_ctx *ctx, int64_t id, const char *in)
{
	const char *summary;
	int rc = text_clean(ctx->arena, in, in ? strlen(in) : 0, SYNTHESIS_SUMMARY_MAX,
			    TEXT_MULTILINE | TEXT_REQUIRED, "summary", &summary, &ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, publish_tx(ctx, id, summary));
}

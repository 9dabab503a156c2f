/*
 * Reviews: reading, the officers' narrative, freezing with a hash,
 * publication, the conference, and the stored content documents read.
 */
#include "domain/plans/review.h"
#include "domain/plans/plans_impl.h"
#include "domain/plans/review_impl.h"

#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/i18n.h"
#include "base/money.h"
#include "base/text.h"
#include "domain/disclose/article.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/rules.h"

DV_ENUM_DEFINE(review_status, RS_COUNT, REVIEW_STATUSES, "status");
DV_ENUM_DEFINE(review_part, RP_COUNT, REVIEW_PARTS, "part");
DV_ENUM_DEFINE(review_line_kind, RL_COUNT, REVIEW_LINES, "kind");

/* ---------------------------------------------------------------- reading */

#define REVIEW_COLS                                                                                \
	"r.id, r.unit_id, u.name, u.kind, r.year, r.status, r.title, r.authority, r.place, "       \
	"r.signer_title, r.signer_name, r.built_at, COALESCE(r.hash, ''), "                        \
	"COALESCE(r.final_on, 0), COALESCE(r.final_at, 0), COALESCE(r.notice_id, 0), "             \
	"COALESCE(r.article_id, 0), COALESCE(r.published_at, 0), (SELECT COUNT(*) FROM "           \
	"review_conference c WHERE c.review_id = r.id)"
#define REVIEW_FROM " FROM review r JOIN unit u ON u.id = r.unit_id"

static void read_review(struct dv_ctx *ctx, struct db_stmt *st, struct review *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->unit_id = db_col_int(st, 1);
	r->unit_name = arena_strdup(ctx->arena, db_col_text(st, 2));
	enum unit_kind k = UNIT_WARD;
	unit_kind_parse(db_col_text(st, 3), &k, NULL);
	r->unit_kind = (int)k;
	r->year = (int)db_col_int(st, 4);
	review_status_parse(db_col_text(st, 5), &r->status, NULL);
	r->title = arena_strdup(ctx->arena, db_col_text(st, 6));
	r->authority = arena_strdup(ctx->arena, db_col_text(st, 7));
	r->place = arena_strdup(ctx->arena, db_col_text(st, 8));
	r->signer_title = arena_strdup(ctx->arena, db_col_text(st, 9));
	r->signer_name = arena_strdup(ctx->arena, db_col_text(st, 10));
	r->built_at = db_col_int(st, 11);
	r->hash = arena_strdup(ctx->arena, db_col_text(st, 12));
	r->final_on = (int32_t)db_col_int(st, 13);
	r->final_at = db_col_int(st, 14);
	r->notice_id = db_col_int(st, 15);
	r->article_id = db_col_int(st, 16);
	r->published_at = db_col_int(st, 17);
	r->has_conference = db_col_int(st, 18) > 0;
	for (int i = 0; i < RP_COUNT; i++)
		r->parts[i] = "";
}

static int read_parts(struct dv_ctx *ctx, struct review *r)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT part, body FROM review_part WHERE review_id = $1", DB_I(r->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum review_part p;
		if (!review_part_parse(db_col_text(st, 0), &p, NULL))
			r->parts[p] = arena_strdup(ctx->arena, db_col_text(st, 1));
	}
	return rc < 0 ? rc : 0;
}

static void finish_review(struct dv_ctx *ctx, struct review *r)
{
	r->may_edit = perm_may(ctx, ACT_REVIEW_YEAR, r->unit_id);
	r->deadline = rule_date_in(rule_value(ctx, RULE_REVIEW_DEADLINE), r->year + 1);
	r->late = r->final_on ? r->final_on > r->deadline : plans_today(ctx) > r->deadline;
}

static int visible(struct dv_ctx *ctx, const struct review *r)
{
	return r->status != RS_DRAFT || r->may_edit || perm_may(ctx, ACT_PLAN_WORK, r->unit_id);
}

int review_load(struct dv_ctx *ctx, int64_t id, struct review *r)
{
	struct db_stmt *st = NULL;
	int rc = db_query(ctx->db, &st, &ctx->err, "SELECT " REVIEW_COLS REVIEW_FROM " WHERE r.id = $1",
			  DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such review");
	read_review(ctx, st, r);
	db_finish(st);
	finish_review(ctx, r);
	return read_parts(ctx, r);
}

int review_get(struct dv_ctx *ctx, int64_t id, struct review *r)
{
	int rc = review_load(ctx, id, r);
	if (!rc && !visible(ctx, r))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such review");
	return rc;
}

int review_find(struct dv_ctx *ctx, int64_t unit_id, int year, struct review *r)
{
	int64_t id = 0;
	int rc = db_int(ctx->db, &id, &ctx->err,
			"SELECT id FROM review WHERE unit_id = $1 AND year = $2", DB_I(unit_id),
			DB_I(year));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such review");
	return rc ? rc : review_get(ctx, id, r);
}

int review_list(struct dv_ctx *ctx, int64_t unit_id, int published, struct review **out,
		size_t *n)
{
	struct db_stmt *st = NULL;
	struct review *v = NULL;
	size_t k = 0, cap = 0, m = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " REVIEW_COLS REVIEW_FROM " WHERE (CAST($1 AS BIGINT) = 0 OR "
			  "r.unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = $1) OR "
			  "r.unit_id IN (SELECT ancestor FROM unit_tree WHERE descendant = $1)) AND "
			  "(CAST($2 AS BIGINT) = 0 OR r.status = 'published') ORDER BY r.year DESC, "
			  "CASE WHEN r.unit_id = $1 THEN 0 ELSE 1 END, u.name LIMIT $3",
			  DB_I(unit_id), DB_I(published), DB_I(REVIEW_LIST_MAX));
	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		read_review(ctx, st, ARENA_PUSH(ctx->arena, v, k, cap));
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < k; i++) {
		finish_review(ctx, &v[i]);
		if (visible(ctx, &v[i]))
			v[m++] = v[i];
	}
	*out = v;
	*n = m;
	return 0;
}

/* ---------------------------------------------------------------- editing */

static int draft_for_change(struct dv_ctx *ctx, int64_t id, struct review *r)
{
	int rc = review_get(ctx, id, r);
	if (rc || (rc = perm_require(ctx, ACT_REVIEW_YEAR, r->unit_id)))
		return rc;
	if (r->status != RS_DRAFT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The review is final: its figures and text no longer change");
	return 0;
}

static int update_tx(struct dv_ctx *ctx, int64_t id, const struct review_input *in)
{
	struct review r;
	int rc = draft_for_change(ctx, id, &r);
	if (rc)
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE review SET title = COALESCE($1, title), authority = COALESCE($2, "
		    "authority), place = COALESCE($3, place), signer_title = COALESCE($4, "
		    "signer_title), signer_name = COALESCE($5, signer_name), updated_at = $6 WHERE "
		    "id = $7",
		    DB_T(in->title), DB_T(in->authority), DB_T(in->place), DB_T(in->signer_title),
		    DB_T(in->signer_name), DB_I(ctx->now), DB_I(id));
	for (int p = 0; !rc && p < RP_COUNT; p++)
		if (in->parts[p])
			rc = db_run(ctx->db, &ctx->err,
				    "INSERT INTO review_part (review_id, part, body) VALUES ($1, $2, "
				    "$3) ON CONFLICT (review_id, part) DO UPDATE SET body = $3",
				    DB_I(id), DB_T(review_part_name((enum review_part)p)),
				    DB_T(in->parts[p]));
	return rc ? rc : ctx_audit(ctx, "review.update", "review", id, r.unit_id, NULL);
}

int review_update(struct dv_ctx *ctx, int64_t id, const struct review_input *in_raw)
{
	struct review_input in = {0};
	struct {
		const char *raw, *field;
		const char **out;
		size_t max;
		unsigned flags;
	} f[] = {
		{in_raw->title, "title", &in.title, REVIEW_TITLE_MAX, TEXT_REQUIRED},
		{in_raw->authority, "authority", &in.authority, REVIEW_LINE_MAX,
		 TEXT_REQUIRED | TEXT_MULTILINE},
		{in_raw->place, "place", &in.place, REVIEW_LINE_MAX, TEXT_REQUIRED},
		{in_raw->signer_title, "signer_title", &in.signer_title, REVIEW_LINE_MAX,
		 TEXT_MULTILINE},
		{in_raw->signer_name, "signer_name", &in.signer_name, REVIEW_LINE_MAX, 0},
	};
	int rc = 0;
	for (size_t i = 0; !rc && i < ARRAY_LEN(f); i++)
		if (f[i].raw)
			rc = text_clean(ctx->arena, f[i].raw, strlen(f[i].raw), f[i].max,
					f[i].flags, f[i].field, f[i].out, &ctx->err);
	for (int p = 0; !rc && p < RP_COUNT; p++)
		if (in_raw->parts[p])
			rc = text_clean(ctx->arena, in_raw->parts[p], strlen(in_raw->parts[p]),
					REVIEW_PART_MAX, TEXT_MULTILINE,
					review_part_name((enum review_part)p), &in.parts[p],
					&ctx->err);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, update_tx(ctx, id, &in));
}

/* --------------------------------------------------------------- content */

int review_doc(struct dv_ctx *ctx, int64_t id, struct review_doc *d)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	memset(d, 0, sizeof(*d));
	int rc = review_get(ctx, id, &d->r);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT kind, position, grp, COALESCE(ref, 0), label, detail FROM "
				 "review_line WHERE review_id = $1 ORDER BY position",
				 DB_I(id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		enum review_line_kind k;
		if (review_line_kind_parse(db_col_text(st, 0), &k, NULL))
			continue;
		struct review_line *l = ARENA_PUSH(ctx->arena, d->lines, d->nlines, cap);
		l->kind = k;
		l->position = (int)db_col_int(st, 1);
		l->grp = arena_strdup(ctx->arena, db_col_text(st, 2));
		l->ref = db_col_int(st, 3);
		l->label = arena_strdup(ctx->arena, db_col_text(st, 4));
		l->detail = arena_strdup(ctx->arena, db_col_text(st, 5));
	}
	if (rc < 0)
		return rc;
	size_t nu;
	const struct review_line *u = review_lines_of(d, RL_UNIT, &nu);
	d->units = arena_array(ctx->arena, struct review_unit, nu + 1);
	d->units[d->nunits++] = (struct review_unit){d->r.unit_id, d->r.unit_name};
	for (size_t i = 0; i < nu; i++)
		d->units[d->nunits++] = (struct review_unit){u[i].ref, u[i].label};
	d->year0 = d->r.year - REVIEW_YEARS + 1;
	d->v = arena_zalloc(ctx->arena, sizeof(*d->v) * d->nunits);
	if ((rc = db_query(ctx->db, &st, &ctx->err,
			   "SELECT unit_id, year, key, value FROM review_figure WHERE review_id = $1",
			   DB_I(id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		int64_t unit = db_col_int(st, 0), y = db_col_int(st, 1) - d->year0;
		enum fig f;
		if (y < 0 || y >= REVIEW_YEARS || fig_parse(db_col_text(st, 2), &f, NULL))
			continue;
		for (size_t i = 0; i < d->nunits; i++)
			if (d->units[i].id == unit)
				d->v[i][y][f] = db_col_int(st, 3);
	}
	return rc < 0 ? rc : 0;
}

int64_t review_fig(const struct review_doc *d, size_t u, int y, enum fig f)
{
	int k = y - d->year0;
	if (u >= d->nunits || k < 0 || k >= REVIEW_YEARS || (unsigned)f >= FIG_COUNT)
		return 0;
	return d->v[u][k][f];
}

const struct review_line *review_lines_of(const struct review_doc *d, enum review_line_kind k,
					  size_t *n)
{
	/* the lines come ordered by position; those of a kind are picked out
	 * into a run of their own the first time they are asked for */
	size_t first = d->nlines, count = 0;
	for (size_t i = 0; i < d->nlines; i++)
		if (d->lines[i].kind == k) {
			if (first == d->nlines)
				first = i;
			count++;
		}
	*n = count;
	if (!count)
		return NULL;
	/* gather them together (stable: lines of other kinds keep their order) */
	struct review_line *v = d->lines;
	size_t w = first;
	for (size_t i = first; i < d->nlines; i++)
		if (v[i].kind == k) {
			struct review_line t = v[i];
			memmove(&v[w + 1], &v[w], (i - w) * sizeof(*v));
			v[w++] = t;
		}
	return &v[first];
}

/* ------------------------------------------------------------------ hash */

static void add_text(struct buf *b, const char *tag, const char *s)
{
	buf_addf(b, "%s:%zu:%s\n", tag, strlen(s), s);
}

/* The content as one text, in an order that does not depend on the
 * engine: the heading, the parts in their order, each unit's figures by
 * year and key, each list in its order. */
static void digest_text(struct review_doc *d, struct buf *b)
{
	const struct review *r = &d->r;
	buf_addf(b, "danvan-review\nunit:%lld\nyear:%d\nfinal_on:%d\n", (long long)r->unit_id,
		 r->year, (int)r->final_on);
	add_text(b, "title", r->title);
	add_text(b, "authority", r->authority);
	add_text(b, "place", r->place);
	add_text(b, "signer_title", r->signer_title);
	add_text(b, "signer_name", r->signer_name);
	for (int p = 0; p < RP_COUNT; p++)
		add_text(b, review_part_name((enum review_part)p), r->parts[p]);
	for (size_t u = 0; u < d->nunits; u++)
		for (int y = 0; y < REVIEW_YEARS; y++)
			for (int f = 0; f < FIG_COUNT; f++)
				buf_addf(b, "fig:%lld:%d:%s=%lld\n", (long long)d->units[u].id,
					 d->year0 + y, fig_name((enum fig)f),
					 (long long)d->v[u][y][f]);
	for (int k = 0; k < RL_COUNT; k++) {
		size_t n;
		const struct review_line *l = review_lines_of(d, (enum review_line_kind)k, &n);
		for (size_t i = 0; i < n; i++) {
			buf_addf(b, "line:%s:%d:%lld\n", review_line_kind_name(l[i].kind),
				 l[i].position, (long long)l[i].ref);
			add_text(b, "grp", l[i].grp);
			add_text(b, "label", l[i].label);
			add_text(b, "detail", l[i].detail);
		}
	}
}

static int digest(struct dv_ctx *ctx, int64_t id, char out[HASH_HEX_LEN + 1],
		  struct review_doc *d)
{
	struct buf b = BUF_INIT;
	int rc = review_doc(ctx, id, d);
	if (rc)
		return rc;
	digest_text(d, &b);
	hash_hex(out, b.ptr, b.len);
	buf_release(&b);
	return 0;
}

int review_verify(struct dv_ctx *ctx, int64_t id, char hash[HASH_HEX_LEN + 1], int *intact)
{
	struct review_doc d;
	int rc = digest(ctx, id, hash, &d);
	if (rc)
		return rc;
	*intact = d.r.status == RS_DRAFT || !strcmp(d.r.hash, hash);
	return 0;
}

static int finalize_tx(struct dv_ctx *ctx, int64_t id, int32_t on)
{
	struct review r;
	struct review_doc d;
	char hash[HASH_HEX_LEN + 1];
	int rc = draft_for_change(ctx, id, &r);
	if (rc)
		return rc;
	if (on / 10000 < r.year)
		return dv_fail(&ctx->err, DV_EINVAL, "on", "A review is made final after its year began");
	/* the day is part of what is frozen */
	if ((rc = db_run(ctx->db, &ctx->err, "UPDATE review SET final_on = $1 WHERE id = $2",
			 DB_I(on), DB_I(id))) ||
	    (rc = digest(ctx, id, hash, &d)))
		return rc;
	rc = db_run(ctx->db, &ctx->err,
		    "UPDATE review SET status = 'final', hash = $1, final_at = $2, final_by = $3, "
		    "updated_at = $2 WHERE id = $4",
		    DB_T(hash), DB_I(ctx->now), DB_ID(ctx->actor->account_id), DB_I(id));
	return rc ? rc
		  : ctx_audit(ctx, "review.final", "review", id, r.unit_id,
			      json_pack("{s:i, s:s, s:i}", "year", r.year, "hash", hash, "on",
					(int)on));
}

int review_finalize(struct dv_ctx *ctx, int64_t id, const char *on)
{
	int32_t day;
	int rc = plans_day(ctx, on, "on", &day);
	if (rc || (rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, finalize_tx(ctx, id, day));
}

/* -------------------------------------------------------------- publish */

static const char *num(struct dv_ctx *ctx, int64_t n)
{
	struct buf b = BUF_INIT;
	money_format_plain(&b, n);
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

static const char *rate(struct dv_ctx *ctx, int64_t a, int64_t b)
{
	return figure_format(ctx->arena, M_PERCENT, (struct figure){a, b});
}

/* The key figures as Markdown, in Vietnamese. */
static const char *summary(struct dv_ctx *ctx, const struct review_doc *d)
{
	int y = d->r.year;
#define F(f) review_fig(d, 0, y, (f))
	struct buf b = BUF_INIT;
	buf_addf(&b, "- Công khai %s thông báo; %s số hộ đã được thông tin đến.\n",
		 num(ctx, F(FIG_NOTICES)), rate(ctx, F(FIG_REACHED), F(FIG_HOUSEHOLDS)));
	buf_addf(&b, "- %s việc Nhân dân bàn và quyết định; %s số hộ tham gia.\n",
		 num(ctx, F(FIG_MATTERS)), rate(ctx, F(FIG_TOOK_PART), F(FIG_ELIGIBLE)));
	buf_addf(&b, "- %s dự thảo lấy ý kiến Nhân dân, %s ý kiến; đã trả lời %s.\n",
		 num(ctx, F(FIG_CONSULTATIONS)), num(ctx, F(FIG_OPINIONS)),
		 rate(ctx, F(FIG_ANSWERED), F(FIG_OPINIONS)));
	buf_addf(&b,
		 "- %s công trình \"Nhà nước và Nhân dân cùng làm\" hoàn thành, %s m đường hẻm; "
		 "huy động %s đồng, trong đó Nhân dân đóng góp %s đồng.\n",
		 num(ctx, F(FIG_WORKS)), num(ctx, F(FIG_ALLEY_M)), num(ctx, F(FIG_MONEY)),
		 num(ctx, F(FIG_MONEY_HOUSEHOLDS)));
	buf_addf(&b, "- Tiếp nhận %s phản ánh, kiến nghị; %s được giải quyết đúng hạn.\n",
		 num(ctx, F(FIG_REPORTS)), rate(ctx, F(FIG_ON_TIME), F(FIG_RESOLVED)));
	buf_addf(&b, "- %s mô hình \"Dân vận khéo\", %s được đánh giá hiệu quả.\n",
		 num(ctx, F(FIG_MODELS)), rate(ctx, F(FIG_EFFECTIVE), F(FIG_MODELS)));
	buf_addf(&b, "- %s tập thể, cá nhân được khen thưởng.\n", num(ctx, F(FIG_AWARDS)));
#undef F
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

static int publish_tx(struct dv_ctx *ctx, int64_t id, const char *pdf_url)
{
	struct review_doc d;
	int64_t cat = 0, notice = 0, article = 0;
	int rc = review_doc(ctx, id, &d);
	if (rc || (rc = perm_require(ctx, ACT_REVIEW_YEAR, d.r.unit_id)))
		return rc;
	if (d.r.status != RS_FINAL)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       d.r.status == RS_DRAFT ? "Make the review final before publishing it"
						      : "The review is published already");
	if ((rc = db_int(ctx->db, &cat, &ctx->err,
			 "SELECT id FROM notice_category WHERE code = 'review'")))
		return rc;
	const char *sum = summary(ctx, &d);
	const char *link = pdf_url ? arena_printf(ctx->arena,
						  "\nToàn văn báo cáo: [Báo cáo tổng kết năm %d "
						  "(PDF)](%s)\n",
						  d.r.year, pdf_url)
				   : "";
	const char *body = arena_printf(ctx->arena,
					"%s\n\n**Một số kết quả chính năm %d**\n\n%s%s\nMã kiểm tra "
					"(BLAKE2b-256): `%s`\n",
					d.r.parts[RP_OPENING], d.r.year, sum, link, d.r.hash);
	struct notice_input ni = {.unit_id = d.r.unit_id,
				  .category_id = cat,
				  .title = arena_printf(ctx->arena, "Báo cáo tổng kết năm %d: %s",
							d.r.year, d.r.unit_name),
				  .body = body};
	struct article_input ai = {
		.unit_id = d.r.unit_id,
		.section = "mobilization",
		.title = arena_printf(ctx->arena, "%s tổng kết công tác dân vận năm %d",
				      d.r.unit_name, d.r.year),
		.lead = arena_printf(ctx->arena,
				     "%s tổng kết công tác dân vận, thực hiện Quy chế dân chủ ở cơ "
				     "sở năm %d và đề ra phương hướng, nhiệm vụ năm %d.",
				     d.r.unit_name, d.r.year, d.r.year + 1),
		.body = body,
		.byline = d.r.authority};
	/* posted by the system on the reviewer's behalf, as a meeting's
	 * invitation is: the reviewer need not publish notices */
	const struct actor *who = ctx->actor;
	ctx->actor = &actor_system;
	rc = notice_create(ctx, &ni, &notice);
	if (!rc)
		rc = notice_publish(ctx, notice);
	if (!rc)
		rc = article_create(ctx, &ai, &article);
	if (!rc)
		rc = article_publish(ctx, article, 1);
	ctx->actor = who;
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE review SET status = 'published', notice_id = $1, article_id = $2, "
			    "published_at = $3, updated_at = $3 WHERE id = $4",
			    DB_I(notice), DB_I(article), DB_I(ctx->now), DB_I(id));
	return rc ? rc
		  : ctx_audit(ctx, "review.publish", "review", id, d.r.unit_id,
			      json_pack("{s:I, s:I}", "notice", (json_int_t)notice, "article",
					(json_int_t)article));
}

int review_publish(struct dv_ctx *ctx, int64_t id, const char *pdf_url)
{
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, publish_tx(ctx, id, pdf_url));
}

/* ------------------------------------------------------------ conference */

int review_conference_get(struct dv_ctx *ctx, int64_t id, struct review_conference *c)
{
	struct review r;
	struct db_stmt *st = NULL;
	size_t cap = 0;
	memset(c, 0, sizeof(*c));
	int rc = review_get(ctx, id, &r);
	if (rc || (rc = db_query(ctx->db, &st, &ctx->err,
				 "SELECT held_on, starts, place, participants, agenda FROM "
				 "review_conference WHERE review_id = $1",
				 DB_I(id))))
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc
			      : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No conference is recorded");
	c->held_on = (int32_t)db_col_int(st, 0);
	c->starts = arena_strdup(ctx->arena, db_col_text(st, 1));
	c->place = arena_strdup(ctx->arena, db_col_text(st, 2));
	c->participants = arena_strdup(ctx->arena, db_col_text(st, 3));
	c->agenda = arena_strdup(ctx->arena, db_col_text(st, 4));
	db_finish(st);
	if ((rc = db_query(ctx->db, &st, &ctx->err,
			   "SELECT award_id FROM review_conference_award WHERE review_id = $1 ORDER "
			   "BY award_id",
			   DB_I(id))))
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		*ARENA_PUSH(ctx->arena, c->award_ids, c->nawards, cap) = db_col_int(st, 0);
	return rc < 0 ? rc : 0;
}

struct clean_conference {
	int32_t held_on;
	const char *starts, *place, *participants, *agenda;
};

static int conference_tx(struct dv_ctx *ctx, int64_t id, const struct clean_conference *c,
			 const struct conference_input *in)
{
	struct review r;
	int rc = review_get(ctx, id, &r);
	if (rc || (rc = perm_require(ctx, ACT_REVIEW_YEAR, r.unit_id)))
		return rc;
	if (r.status == RS_DRAFT)
		return dv_fail(&ctx->err, DV_ECONFLICT, NULL,
			       "The conference reviews a final report: make it final first");
	if (c->held_on / 10000 < r.year)
		return dv_fail(&ctx->err, DV_EINVAL, "held_on",
			       "The conference is held after the year began");
	for (size_t i = 0; i < in->nawards; i++) {
		int64_t there = 0;
		if ((rc = db_int(ctx->db, &there, &ctx->err,
				 "SELECT COUNT(*) FROM review_line WHERE review_id = $1 AND kind = "
				 "'award' AND ref = $2",
				 DB_I(id), DB_I(in->awards[i]))))
			return rc;
		if (!there)
			return dv_fail(&ctx->err, DV_EINVAL, "awards",
				       "Only the certificates the review lists are handed at its "
				       "conference");
	}
	rc = db_run(ctx->db, &ctx->err,
		    "INSERT INTO review_conference (review_id, ward_id, held_on, starts, place, "
		    "participants, agenda, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, "
		    "$7, $8, $9) ON CONFLICT (review_id) DO UPDATE SET held_on = $3, starts = $4, "
		    "place = $5, participants = $6, agenda = $7, recorded_by = $8, recorded_at = $9",
		    DB_I(id), DB_ID(plans_ward_of(ctx, r.unit_id)), DB_I(c->held_on),
		    DB_T(c->starts), DB_T(c->place), DB_T(c->participants), DB_T(c->agenda),
		    DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "DELETE FROM review_conference_award WHERE review_id = $1", DB_I(id));
	for (size_t i = 0; !rc && i < in->nawards; i++)
		rc = db_run(ctx->db, &ctx->err,
			    "INSERT INTO review_conference_award (review_id, award_id) VALUES ($1, $2) "
			    "ON CONFLICT DO NOTHING",
			    DB_I(id), DB_I(in->awards[i]));
	return rc ? rc
		  : ctx_audit(ctx, "review.conference", "review", id, r.unit_id,
			      json_pack("{s:i, s:I}", "held_on", (int)c->held_on, "awards",
					(json_int_t)in->nawards));
}

int review_conference_set(struct dv_ctx *ctx, int64_t id, const struct conference_input *in)
{
	struct clean_conference c;
	int rc;
	if (!in->held_on || !*in->held_on || date_parse(in->held_on, &c.held_on, &ctx->err))
		return dv_fail(&ctx->err, DV_EINVAL, "held_on", "Give the day as dd/mm/yyyy");
	if ((rc = text_clean(ctx->arena, in->starts, plans_len(in->starts), 5, 0, "starts",
			     &c.starts, &ctx->err)))
		return rc;
	if (*c.starts && (strlen(c.starts) != 5 || c.starts[2] != ':' || c.starts[0] < '0' ||
			  c.starts[0] > '2' || c.starts[1] < '0' || c.starts[1] > '9' ||
			  c.starts[3] < '0' || c.starts[3] > '5' || c.starts[4] < '0' ||
			  c.starts[4] > '9' || (c.starts[0] == '2' && c.starts[1] > '3')))
		return dv_fail(&ctx->err, DV_EINVAL, "starts", "Write the hour as hh:mm, such as 08:00");
	if ((rc = text_clean(ctx->arena, in->place, plans_len(in->place), REVIEW_LINE_MAX,
			     TEXT_REQUIRED, "place", &c.place, &ctx->err)) ||
	    (rc = text_clean(ctx->arena, in->participants, plans_len(in->participants),
			     CONFERENCE_TEXT_MAX, TEXT_MULTILINE | TEXT_REQUIRED, "participants",
			     &c.participants, &ctx->err)) ||
	    (rc = text_clean(ctx->arena, in->agenda, plans_len(in->agenda), CONFERENCE_TEXT_MAX,
			     TEXT_MULTILINE | TEXT_REQUIRED, "agenda", &c.agenda, &ctx->err)))
		return rc;
	if (in->nawards > REVIEW_LIST_MAX)
		return dv_fail(&ctx->err, DV_ETOOBIG, "awards", "At most %d certificates",
			       REVIEW_LIST_MAX);
	if ((rc = ctx_begin(ctx)))
		return rc;
	return ctx_end(ctx, conference_tx(ctx, id, &c, in));
}

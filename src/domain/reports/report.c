/*
 * Citizen reports: filing one, reading one as the actor may see it, and
 * the lists. What officers and reporters do to a report is in
 * report_flow.c, its photos in report_photo.c.
 */
#include "domain/reports/report.h"
#include "domain/reports/report_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"
#include "base/token.h"
#include "domain/notify_event.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"
#include "domain/reports/category.h"
#include "domain/rules.h"

DV_ENUM_DEFINE(report_status, RS_COUNT, REPORT_STATUSES, "status");
DV_ENUM_DEFINE(report_source, SRC_COUNT, REPORT_SOURCES, "source");
DV_ENUM_DEFINE(report_action, RA_COUNT, REPORT_ACTIONS, "action");
DV_ENUM_DEFINE(report_event_kind, RE_COUNT, REPORT_EVENTS, "kind");

int report_status_is_open(enum report_status s)
{
	return s == RS_SUBMITTED || s == RS_ACKNOWLEDGED || s == RS_IN_PROGRESS || s == RS_REOPENED;
}

int64_t report_close_after(struct dv_ctx *ctx)
{
	return rule_value(ctx, RULE_REPORT_CLOSE_DAYS) * 86400;
}

int64_t report_reopen_within(struct dv_ctx *ctx)
{
	return rule_value(ctx, RULE_REPORT_REOPEN_DAYS) * 86400;
}

/* ------------------------------------------------------------------ rows */

#define REPORT_COLS                                                                                \
	"r.id, r.ward_id, r.unit_id, w.name, u.name, r.category_id, c.code, c.name_vi, "           \
	"c.name_en, c.private, r.body_id, b.name, b.kind, r.status, r.address, r.lat_e6, "         \
	"r.lon_e6, r.public_description, r.description, r.redacted, r.media_url, r.source, "       \
	"r.ack_due, r.resolve_due, r.acknowledged_at, r.resolved_at, r.closed_at, "                \
	"r.created_at, r.updated_at, r.reopened, r.duplicate_of, r.public_reason, "                \
	"r.supporters, r.rating, r.rating_comment, r.account_id, r.contact_phone, "                \
	"ac.display_name, r.status_notes, COALESCE((SELECT f.file_id FROM report_file f WHERE "    \
	"f.report_id = r.id AND f.removed_at IS NULL ORDER BY f.position LIMIT 1), 0)"

#define REPORT_FROM                                                                                \
	" FROM report r JOIN report_category c ON c.id = r.category_id JOIN unit u ON u.id = "     \
	"r.unit_id JOIN unit w ON w.id = r.ward_id LEFT JOIN report_body b ON b.id = "             \
	"r.body_id LEFT JOIN account ac ON ac.id = r.account_id"

/* The private columns (original text, reporter, phone) are read into a
 * side struct and copied into the report only for those who handle it. */
struct private_cols {
	int64_t account;
	const char *original, *reporter, *phone;
};

static const char *dup(struct dv_ctx *ctx, struct db_stmt *st, int col)
{
	return arena_strdup(ctx->arena, db_col_text(st, col));
}

static void read_row(struct dv_ctx *ctx, struct db_stmt *st, struct report *r,
		     struct private_cols *p)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->ward_id = db_col_int(st, 1);
	r->unit_id = db_col_int(st, 2);
	r->ward_name = dup(ctx, st, 3);
	r->unit_name = dup(ctx, st, 4);
	r->category_id = db_col_int(st, 5);
	r->category_code = dup(ctx, st, 6);
	r->category_vi = dup(ctx, st, 7);
	r->category_en = dup(ctx, st, 8);
	r->is_private = db_col_int(st, 9) != 0;
	r->body_id = db_col_int(st, 10);
	r->body_name = dup(ctx, st, 11);
	if (body_kind_parse(db_col_text(st, 12), &r->body_kind, NULL))
		r->body_kind = BODY_OTHER;
	if (report_status_parse(db_col_text(st, 13), &r->status, NULL))
		r->status = RS_SUBMITTED;
	r->address = dup(ctx, st, 14);
	r->has_position = !db_col_null(st, 15) && !db_col_null(st, 16);
	r->lat_e6 = db_col_int(st, 15);
	r->lon_e6 = db_col_int(st, 16);
	r->description = dup(ctx, st, 17);
	p->original = dup(ctx, st, 18);
	r->redacted = db_col_int(st, 19) != 0;
	r->media_url = dup(ctx, st, 20);
	if (report_source_parse(db_col_text(st, 21), &r->source, NULL))
		r->source = SRC_WEB;
	r->ack_due = (int32_t)db_col_int(st, 22);
	r->resolve_due = (int32_t)db_col_int(st, 23);
	r->acknowledged_at = db_col_int(st, 24);
	r->resolved_at = db_col_int(st, 25);
	r->closed_at = db_col_int(st, 26);
	r->created_at = db_col_int(st, 27);
	r->updated_at = db_col_int(st, 28);
	r->reopened = (int)db_col_int(st, 29);
	r->duplicate_of = db_col_int(st, 30);
	r->public_reason = dup(ctx, st, 31);
	r->supporters = db_col_int(st, 32);
	r->rating = (int)db_col_int(st, 33);
	r->rating_comment = dup(ctx, st, 34);
	p->account = db_col_int(st, 35);
	p->phone = dup(ctx, st, 36);
	p->reporter = dup(ctx, st, 37);
	r->status_notes = dup(ctx, st, 38);
	r->first_photo = db_col_int(st, 39);
	r->original = r->reporter = r->contact_phone = "";
}

/* What changes with the clock: a resolved report left alone long enough
 * reads as closed; overdue flags; whether the deadline was kept. */
static void compute_now(struct dv_ctx *ctx, struct report *r, int64_t close_after)
{
	int32_t today = time_local_date(ctx->now);
	if (r->status == RS_RESOLVED && r->resolved_at &&
	    r->resolved_at + close_after <= ctx->now) {
		r->status = RS_CLOSED;
		r->closed_at = r->resolved_at + close_after;
	}
	int open = report_status_is_open(r->status);
	r->ack_overdue = r->status == RS_SUBMITTED && today > r->ack_due;
	r->overdue = open && today > r->resolve_due;
	r->kept = r->resolved_at && (r->status == RS_RESOLVED || r->status == RS_CLOSED)
			  ? time_local_date(r->resolved_at) <= r->resolve_due
			  : -1;
}

/* ------------------------------------------------------------ who sees it */

static int sees_private(struct dv_ctx *ctx, const struct report *r, int64_t account)
{
	return ctx->actor->system || perm_may(ctx, ACT_VIEW_PRIVATE_REPORTS, r->unit_id) ||
	       report_body_is_officer(ctx, r->body_id) ||
	       (account && account == ctx->actor->account_id);
}

static int handles(struct dv_ctx *ctx, const struct report *r)
{
	return perm_may(ctx, ACT_HANDLE_REPORTS, r->unit_id) ||
	       report_body_is_officer(ctx, r->body_id) ||
	       (r->body_kind == BODY_HEAD && r->body_id &&
		perm_may(ctx, ACT_HANDLE_LOCAL_REPORTS, r->unit_id));
}

int report_load(struct dv_ctx *ctx, int64_t id, struct report *r, int64_t *account)
{
	struct db_stmt *st = NULL;
	struct private_cols p;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT " REPORT_COLS REPORT_FROM " WHERE r.id = $1", DB_I(id));
	if (rc)
		return rc;
	if ((rc = db_step(st, &ctx->err)) != DB_ROW)
		return rc < 0 ? rc : dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such report");
	read_row(ctx, st, r, &p);
	db_finish(st);
	if (r->is_private && !sees_private(ctx, r, p.account))
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such report");
	compute_now(ctx, r, report_close_after(ctx));
	r->mine = p.account && p.account == ctx->actor->account_id;
	r->may_handle = handles(ctx, r);
	if (r->may_handle) {
		r->original = r->redacted ? p.original : "";
		r->reporter = p.reporter;
		r->contact_phone = p.phone;
	}
	if (account)
		*account = p.account;
	return 0;
}

int report_get(struct dv_ctx *ctx, int64_t id, struct report *r)
{
	int rc = report_load(ctx, id, r, NULL);
	if (rc)
		return rc;
	int64_t hh = ctx->actor->household_id, one = 0;
	int open = report_status_is_open(r->status);
	r->may_confirm = r->mine && r->status == RS_RESOLVED;
	r->may_reopen = r->mine && (r->status == RS_RESOLVED || r->status == RS_CLOSED) &&
			r->resolved_at && ctx->now <= r->resolved_at + report_reopen_within(ctx);
	r->may_rate = r->mine && (r->status == RS_RESOLVED || r->status == RS_CLOSED ||
				  r->status == RS_REJECTED);
	if (hh) {
		rc = db_int(
			ctx->db, &one, &ctx->err,
			"SELECT 1 FROM report_support WHERE report_id = $1 AND household_id = $2",
			DB_I(id), DB_I(hh));
		if (rc && rc != DV_ENOTFOUND)
			return rc;
		r->supported = rc == 0;
		dv_err_clear(&ctx->err);
	}
	int64_t own_household = 0;
	if (hh && !r->mine && !r->supported &&
	    (rc = db_int(ctx->db, &own_household, &ctx->err,
			 "SELECT COALESCE(household_id, 0) FROM report WHERE id = $1", DB_I(id))))
		return rc;
	r->may_support = hh && open && !r->mine && !r->supported && own_household != hh;
	return 0;
}

int report_handled(struct dv_ctx *ctx, int64_t id, struct report *r)
{
	int rc = report_load(ctx, id, r, NULL);
	if (rc)
		return rc;
	if (!r->may_handle)
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only the officers who handle this report may do this");
	return 0;
}

int report_by_token(struct dv_ctx *ctx, const char *token, int64_t *id)
{
	struct report r;
	int rc = db_int(ctx->db, id, &ctx->err, "SELECT id FROM report WHERE token = $1",
			DB_T(token ? token : ""));
	if (rc == DV_ENOTFOUND)
		return dv_fail(&ctx->err, DV_ENOTFOUND, NULL, "No such report");
	return rc ? rc : report_load(ctx, *id, &r, NULL);
}

int report_events(struct dv_ctx *ctx, const struct report *r, struct report_event **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT e.id, e.kind, e.status, e.note, COALESCE(b.name, ''), e.at FROM "
			  "report_event e LEFT JOIN report_body b ON b.id = e.body_id WHERE "
			  "e.report_id = $1 ORDER BY e.id",
			  DB_I(r->id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct report_event *e = ARENA_PUSH(ctx->arena, *out, *n, cap);
		e->id = db_col_int(st, 0);
		if (report_event_kind_parse(db_col_text(st, 1), &e->kind, NULL))
			e->kind = RE_NOTE;
		if (report_status_parse(db_col_text(st, 2), &e->status, NULL))
			e->status = RS_SUBMITTED;
		e->note = dup(ctx, st, 3);
		e->body_name = dup(ctx, st, 4);
		e->at = db_col_int(st, 5);
	}
	return rc < 0 ? rc : 0;
}

int report_answers(struct dv_ctx *ctx, const struct report *r, struct report_answer **out,
		   size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(
		ctx->db, &st, &ctx->err,
		"SELECT a.code, a.value FROM report_answer a LEFT JOIN report_question q "
		"ON q.category_id = $2 AND q.code = a.code WHERE a.report_id = $1 ORDER BY "
		"COALESCE(q.position, 999), a.code",
		DB_I(r->id), DB_I(r->category_id));
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct report_answer *a = ARENA_PUSH(ctx->arena, *out, *n, cap);
		a->code = dup(ctx, st, 0);
		a->value = dup(ctx, st, 1);
	}
	return rc < 0 ? rc : 0;
}

int report_event_add(struct dv_ctx *ctx, const struct report *r, enum report_event_kind kind,
		     enum report_status status, const char *note, int64_t body_id)
{
	int rc =
		db_run(ctx->db, &ctx->err,
		       "INSERT INTO report_event (report_id, ward_id, kind, status, note, body_id, "
		       "actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		       DB_I(r->id), DB_I(r->ward_id), DB_T(report_event_kind_name(kind)),
		       DB_T(report_status_name(status)), DB_T(note ? note : ""), DB_ID(body_id),
		       DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	/* the reporter's rating comment is not the authority's response */
	int public_note = note && *note && kind != RE_RATED;
	return rc ? rc
		  : db_run(ctx->db, &ctx->err,
			   "UPDATE report SET updated_at = $1, status_notes = CASE WHEN $2 = 1 "
			   "THEN $3 "
			   "ELSE status_notes END WHERE id = $4",
			   DB_I(ctx->now), DB_I(public_note), DB_T(note ? note : ""), DB_I(r->id));
}

/* ------------------------------------------------------------------ filing */

struct clean_report {
	struct report_category cat;
	struct unit unit;
	int64_t ward_id;
	const char *address, *description, *phone, *media_url;
	int has_position;
	int64_t lat_e6, lon_e6;
	const char **answers; /* one per question of cat, "" for none */
	struct media *photos;
	const char **photo_names;
	size_t nphotos;
};

/* A coordinate in degrees as typed ("10.9123", "-0.5") into millionths;
 * at most 7 decimals are read (a phone sends more than a street needs). */
static int parse_degrees(const char *s, int64_t *e6)
{
	int neg = *s == '-';
	const char *p = s + (neg || *s == '+');
	int64_t whole = 0, frac = 0;
	int digits = 0, fd = 0;
	for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
		whole = whole * 10 + (*p - '0');
	if (!digits)
		return -1;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, fd++)
			if (fd < 6)
				frac = frac * 10 + (*p - '0');
		for (int k = fd; k < 6; k++)
			frac *= 10;
	}
	if (*p)
		return -1;
	*e6 = (whole * 1000000 + frac) * (neg ? -1 : 1);
	return 0;
}

/* Vietnam, its islands included: a position outside is most often the
 * latitude and longitude swapped. */
#define LAT_MIN 7000000
#define LAT_MAX 24000000
#define LON_MIN 102000000
#define LON_MAX 118000000

static int clean_position(struct dv_ctx *ctx, const struct report_input *in, struct clean_report *c)
{
	int has_lat = in->lat && *in->lat, has_lon = in->lon && *in->lon;
	if (!has_lat && !has_lon)
		return 0;
	if (!has_lat || strlen(in->lat) > 20 || parse_degrees(in->lat, &c->lat_e6) ||
	    c->lat_e6 < LAT_MIN || c->lat_e6 > LAT_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "lat",
			       "The latitude is a number of degrees in Vietnam, such as 10.9061");
	if (!has_lon || strlen(in->lon) > 20 || parse_degrees(in->lon, &c->lon_e6) ||
	    c->lon_e6 < LON_MIN || c->lon_e6 > LON_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "long",
			       "The longitude is a number of degrees in Vietnam, such as 106.7706");
	c->has_position = 1;
	return 0;
}

static int clean_text(struct dv_ctx *ctx, const char *in, size_t max, unsigned flags,
		      const char *field, const char **out)
{
	return text_clean(ctx->arena, in, in ? strlen(in) : 0, max, flags, field, out, &ctx->err);
}

static int clean_where(struct dv_ctx *ctx, const struct report_input *in, struct clean_report *c)
{
	int rc = unit_get(ctx, in->unit_id, &c->unit);
	if (rc == DV_ENOTFOUND || (!rc && (!unit_kind_is_community(c->unit.kind) ||
					   strcmp(c->unit.status, "active") != 0)))
		return dv_fail(&ctx->err, DV_EINVAL, "unit",
			       "Choose the neighborhood, village or residential group it is in");
	if (rc || (rc = unit_commune_of(ctx, c->unit.id, &c->ward_id)))
		return rc == DV_ENOTFOUND
			       ? dv_fail(&ctx->err, DV_EINVAL, "unit", "This community has no ward")
			       : rc;
	return 0;
}

static int clean_media_url(struct dv_ctx *ctx, const char *in, const char **out)
{
	int rc = clean_text(ctx, in, REPORT_MEDIA_URL_MAX, 0, "media_url", out);
	if (rc || !**out)
		return rc;
	if (strncmp(*out, "https://", 8) != 0 && strncmp(*out, "http://", 7) != 0)
		return dv_fail(&ctx->err, DV_EINVAL, "media_url",
			       "The media address starts with https:// or http://");
	for (const char *p = *out; *p; p++)
		if (*p == ' ' || *p == '"' || *p == '<' || *p == '>')
			return dv_fail(&ctx->err, DV_EINVAL, "media_url",
				       "The media address is not a valid address");
	return 0;
}

static int clean_answers(struct dv_ctx *ctx, const struct report_input *in, struct clean_report *c)
{
	c->answers = arena_alloc(ctx->arena, (c->cat.nquestions + 1) * sizeof(*c->answers));
	for (size_t i = 0; i < in->nanswers; i++) {
		size_t k = 0;
		while (k < c->cat.nquestions &&
		       strcmp(c->cat.questions[k].code, in->answers[i].code))
			k++;
		if (k == c->cat.nquestions)
			return dv_fail(
				&ctx->err, DV_EINVAL,
				arena_printf(ctx->arena, "attribute[%s]", in->answers[i].code),
				"This category asks no question %s", in->answers[i].code);
	}
	for (size_t k = 0; k < c->cat.nquestions; k++) {
		const char *value = NULL;
		for (size_t i = 0; i < in->nanswers; i++)
			if (!strcmp(c->cat.questions[k].code, in->answers[i].code))
				value = in->answers[i].value;
		int rc = report_question_check(ctx, &c->cat.questions[k], value, &c->answers[k]);
		if (rc)
			return rc;
	}
	return 0;
}

static void release_photos(struct clean_report *c)
{
	for (size_t i = 0; i < c->nphotos; i++)
		media_release(&c->photos[i]);
	c->nphotos = 0;
}

/* Decoded and encoded again before anything is written (slow: the worker
 * pool runs it). */
static int clean_photos(struct dv_ctx *ctx, const struct report_input *in, struct clean_report *c)
{
	if (in->nphotos > REPORT_PHOTOS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "photos", "At most %d photos",
			       REPORT_PHOTOS_MAX);
	c->photos = arena_alloc(ctx->arena, (in->nphotos + 1) * sizeof(*c->photos));
	c->photo_names = arena_alloc(ctx->arena, (in->nphotos + 1) * sizeof(*c->photo_names));
	for (size_t i = 0; i < in->nphotos; i++) {
		int rc = attachment_prepare(ctx, in->photos[i].name, in->photos[i].data,
					    in->photos[i].len, &c->photos[i]);
		if (!rc && strncmp(c->photos[i].mime, "image/", 6) != 0) {
			media_release(&c->photos[i]);
			rc = dv_fail(&ctx->err, DV_EINVAL, "photos",
				     "Only photos (JPEG, PNG, WebP) can be sent with a report");
		}
		if (rc) {
			ctx->err.field = "photos";
			release_photos(c);
			return rc;
		}
		c->photo_names[i] = in->photos[i].name ? in->photos[i].name : "anh";
		c->nphotos = i + 1;
	}
	return 0;
}

static int clean_report(struct dv_ctx *ctx, const struct report_input *in, struct clean_report *c)
{
	memset(c, 0, sizeof(*c));
	int rc = report_category_get(ctx, in->category_id, &c->cat);
	if (rc == DV_ENOTFOUND || (!rc && !c->cat.active))
		return dv_fail(&ctx->err, DV_EINVAL, "category", "Choose what the problem is");
	if (rc || (rc = clean_where(ctx, in, c)) ||
	    (rc = clean_text(ctx, in->address, REPORT_ADDRESS_MAX, 0, "address", &c->address)) ||
	    (rc = clean_position(ctx, in, c)) ||
	    (rc = clean_text(ctx, in->description, REPORT_DESCRIPTION_MAX,
			     TEXT_MULTILINE | TEXT_REQUIRED, "description", &c->description)) ||
	    (rc = clean_media_url(ctx, in->media_url, &c->media_url)))
		return rc;
	if (!*c->address && !c->has_position)
		return dv_fail(&ctx->err, DV_EINVAL, "address",
			       "Give an address or a landmark, or the position");
	c->phone = "";
	if (in->phone && *in->phone && (rc = resident_clean_phone(ctx, in->phone, &c->phone)))
		return rc;
	if ((rc = clean_answers(ctx, in, c)))
		return rc;
	return clean_photos(ctx, in, c);
}

/* Too many anonymous reports from this address, or from this account,
 * lately: DV_EBUSY. */
static int throttle(struct dv_ctx *ctx, const struct report_input *in)
{
	int64_t n = 0;
	int rc;
	if (ctx->actor->system || in->app_id)
		return 0; /* the CLI, the demo, an app a city administrator issued a key to */
	if (ctx->actor->account_id) {
		rc = db_int(ctx->db, &n, &ctx->err,
			    "SELECT COUNT(*) FROM report WHERE account_id = $1 AND created_at > $2",
			    DB_I(ctx->actor->account_id), DB_I(ctx->now - REPORT_ACCOUNT_WINDOW));
		if (!rc && n >= REPORT_ACCOUNT_MAX)
			return dv_fail(&ctx->err, DV_EBUSY, NULL,
				       "You have sent %d reports today: try again tomorrow",
				       REPORT_ACCOUNT_MAX);
		return rc;
	}
	const char *ip = in->ip ? in->ip : "";
	rc = db_int(ctx->db, &n, &ctx->err,
		    "SELECT COUNT(*) FROM report_attempt WHERE ip = $1 AND at > $2", DB_T(ip),
		    DB_I(ctx->now - REPORT_ANON_WINDOW));
	if (!rc && n >= REPORT_ANON_MAX)
		return dv_fail(&ctx->err, DV_EBUSY, NULL,
			       "Too many reports from this connection: log in, or try again in an "
			       "hour");
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "DELETE FROM report_attempt WHERE ip = $1 AND at <= $2", DB_T(ip),
			    DB_I(ctx->now - 86400));
	return rc ? rc
		  : db_run(ctx->db, &ctx->err,
			   "INSERT INTO report_attempt (ip, at) VALUES ($1, $2)", DB_T(ip),
			   DB_I(ctx->now));
}

static int insert_report(struct dv_ctx *ctx, const struct report_input *in,
			 const struct clean_report *c, int64_t body_id, const char *token,
			 int64_t *id)
{
	int32_t today = time_local_date(ctx->now);
	int rc = db_int(
		ctx->db, id, &ctx->err,
		"INSERT INTO report (ward_id, unit_id, category_id, body_id, status, address, "
		"lat_e6, "
		"lon_e6, description, public_description, media_url, account_id, household_id, "
		"contact_phone, source, app_id, token, ack_due, resolve_due, created_at, "
		"updated_at) "
		"VALUES ($1, $2, $3, $4, 'submitted', $5, $6, $7, $8, $8, $9, $10, $11, $12, $13, "
		"$14, $15, $16, $17, $18, $18) RETURNING id",
		DB_I(c->ward_id), DB_I(c->unit.id), DB_I(c->cat.id), DB_ID(body_id),
		DB_T(c->address), c->has_position ? DB_I(c->lat_e6) : DB_NULL,
		c->has_position ? DB_I(c->lon_e6) : DB_NULL, DB_T(c->description),
		DB_T(c->media_url), DB_ID(ctx->actor->account_id), DB_ID(ctx->actor->household_id),
		DB_T(ctx->actor->account_id ? "" : c->phone), DB_T(report_source_name(in->source)),
		DB_ID(in->app_id), DB_T(token), DB_I(date_add_working_days(today, c->cat.ack_days)),
		DB_I(date_add_working_days(today, c->cat.resolve_days)), DB_I(ctx->now));
	for (size_t k = 0; !rc && k < c->cat.nquestions; k++)
		if (*c->answers[k])
			rc = db_run(
				ctx->db, &ctx->err,
				"INSERT INTO report_answer (report_id, code, value) VALUES ($1, "
				"$2, $3)",
				DB_I(*id), DB_T(c->cat.questions[k].code), DB_T(c->answers[k]));
	return rc;
}

static int create_tx(struct dv_ctx *ctx, const struct report_input *in,
		     const struct clean_report *c, const char *token, int64_t *id)
{
	int64_t body_id = 0;
	struct report r;
	int rc = throttle(ctx, in);
	if (rc || (rc = report_rule_find(ctx, c->cat.id, c->unit.id, &body_id)) ||
	    (rc = insert_report(ctx, in, c, body_id, token, id)))
		return rc;
	for (size_t i = 0; !rc && i < c->nphotos; i++)
		rc = attachment_add_prepared(ctx, &report_attach, *id, c->photo_names[i],
					     &c->photos[i], NULL, NULL);
	memset(&r, 0, sizeof(r));
	r.id = *id;
	r.ward_id = c->ward_id;
	if (!rc)
		rc = report_event_add(ctx, &r, RE_SUBMITTED, RS_SUBMITTED, "", body_id);
	/* the area's e-mail subscribers hear of it, unless its category is private */
	if (!rc && !c->cat.is_private)
		rc = notify_event_add(ctx, NOTIFY_REPORT_FILED, c->unit.id, c->ward_id, "report",
				      *id, c->cat.name_vi, "", 0);
	/* no personal data in the audit: who is the actor, the rest is public */
	if (!rc)
		rc = ctx_audit(ctx, "report.create", "report", *id, c->ward_id,
			       json_pack("{s:s, s:I, s:I, s:s, s:I, s:I}", "category", c->cat.code,
					 "unit", (json_int_t)c->unit.id, "body",
					 (json_int_t)body_id, "source",
					 report_source_name(in->source), "photos",
					 (json_int_t)c->nphotos, "app", (json_int_t)in->app_id));
	return rc;
}

int report_create(struct dv_ctx *ctx, const struct report_input *in, int64_t *id_out,
		  const char **token_out)
{
	struct clean_report c;
	char token[TOKEN_TEXT_MAX + 1];
	int64_t id = 0;
	int rc = clean_report(ctx, in, &c);
	if (rc)
		return rc;
	token_random(token, REPORT_TOKEN_BYTES);
	/* a report is its commune's own; the throttle counts the reporter's
	 * reports of every commune, so two communes at the same second may each
	 * let one more through (a limit on floods, not a rule of the law) */
	if (!(rc = ctx_begin_in(ctx, c.unit.id)))
		rc = ctx_end(ctx, create_tx(ctx, in, &c, token, &id));
	release_photos(&c);
	if (!rc && id_out)
		*id_out = id;
	if (!rc && token_out)
		*token_out = arena_strdup(ctx->arena, token);
	return rc;
}

/* ------------------------------------------------------------------- lists */

#define FILTER_CATEGORIES 8

/* May the actor see every private report the list could hold? */
static int private_ok(struct dv_ctx *ctx, const struct report_filter *f)
{
	return ctx->actor->system || (f->mine && ctx->actor->account_id) ||
	       (f->body_id && report_body_is_officer(ctx, f->body_id)) ||
	       (f->unit_id && perm_may(ctx, ACT_VIEW_PRIVATE_REPORTS, f->unit_id));
}

/*
 * A list's WHERE clause holds the filters that are set, and only those: a
 * condition such as "$1 = 0 OR r.unit_id = $1" would leave PostgreSQL's
 * generic plan of the prepared statement unable to use an index (the
 * default Open311 page then scanned every report). The text is made of
 * constant pieces and $N placeholders; every value is a parameter.
 */
struct where {
	struct buf b;
	struct db_param p[DB_MAX_PARAMS + 1];
	int n;
};

static int param(struct where *w, struct db_param v)
{
	w->p[w->n++] = v;
	return w->n;
}

static void cond(struct where *w, const char *text)
{
	buf_adds(&w->b, w->b.len ? " AND " : " WHERE ");
	buf_adds(&w->b, text);
}

static void list_where(struct dv_ctx *ctx, const struct report_filter *f, const int64_t *cats,
		       size_t ncats, struct where *w)
{
	char t[160];
	if (f->unit_id) {
		snprintf(t, sizeof(t),
			 "r.unit_id IN (SELECT descendant FROM unit_tree WHERE ancestor = $%d)",
			 param(w, DB_I(f->unit_id)));
		cond(w, t);
	}
	if (f->body_id) {
		snprintf(t, sizeof(t), "r.body_id = $%d", param(w, DB_I(f->body_id)));
		cond(w, t);
	}
	if (f->head_only)
		cond(w, "b.kind = 'head'");
	if (f->state == REPORT_OPEN || f->state == REPORT_OVERDUE)
		cond(w, "r.status IN " REPORT_OPEN_SQL);
	if (f->state == REPORT_CLOSED)
		cond(w, "r.status NOT IN " REPORT_OPEN_SQL);
	if (f->state == REPORT_OVERDUE) {
		snprintf(t, sizeof(t), "r.resolve_due < $%d",
			 param(w, DB_I(time_local_date(ctx->now))));
		cond(w, t);
	}
	if (f->from) {
		snprintf(t, sizeof(t), "r.created_at >= $%d", param(w, DB_I(f->from)));
		cond(w, t);
	}
	if (f->to) {
		snprintf(t, sizeof(t), "r.created_at < $%d", param(w, DB_I(f->to)));
		cond(w, t);
	}
	if (f->resolved_since) {
		snprintf(t, sizeof(t),
			 "r.status IN ('resolved', 'closed') AND r.resolved_at >= $%d",
			 param(w, DB_I(f->resolved_since)));
		cond(w, t);
	}
	if (!private_ok(ctx, f))
		cond(w, "c.private = 0");
	if (f->mine) {
		snprintf(t, sizeof(t), "r.account_id = $%d", param(w, DB_I(ctx->actor->account_id)));
		cond(w, t);
	}
	if (ncats) {
		buf_adds(&w->b, w->b.len ? " AND r.category_id IN (" : " WHERE r.category_id IN (");
		for (size_t i = 0; i < ncats; i++)
			buf_addf(&w->b, "%s$%d", i ? ", " : "", param(w, DB_I(cats[i])));
		buf_adds(&w->b, ")");
	}
}

int report_list(struct dv_ctx *ctx, const struct report_filter *f, int64_t offset, int limit,
		struct report **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int64_t cats[FILTER_CATEGORIES] = {0};
	size_t ncats = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || limit > REPORT_PAGE_MAX || offset < 0 || offset > 1000000)
		return dv_fail(&ctx->err, DV_EINVAL, "page", "This page does not exist");
	if (f->ncategories > FILTER_CATEGORIES)
		return dv_fail(&ctx->err, DV_EINVAL, "service_code",
			       "At most %d categories at once", FILTER_CATEGORIES);
	if (f->mine && !ctx->actor->account_id)
		return 0;
	for (size_t i = 0; i < f->ncategories; i++)
		cats[ncats++] = f->categories[i];
	if (f->category_id && ncats < FILTER_CATEGORIES)
		cats[ncats++] = f->category_id;
	struct where w = {.b = BUF_INIT};
	list_where(ctx, f, cats, ncats, &w);
	/* newest first reads the index on created_at backwards and stops at
	 * the page's end; the officers' order sorts the (few) open reports of
	 * one unit or body */
	if (f->for_work) {
		char order[256];
		snprintf(order, sizeof(order),
			 " ORDER BY CASE WHEN r.status IN " REPORT_OPEN_SQL
			 " AND r.resolve_due < $%d THEN 0 ELSE 1 END, r.supporters DESC, "
			 "r.resolve_due, r.created_at DESC, r.id DESC",
			 param(&w, DB_I(time_local_date(ctx->now))));
		buf_adds(&w.b, order);
	} else if (f->resolved_since) {
		buf_adds(&w.b, " ORDER BY r.resolved_at DESC, r.id DESC");
	} else {
		buf_adds(&w.b, " ORDER BY r.created_at DESC, r.id DESC");
	}
	buf_addf(&w.b, " LIMIT $%d", param(&w, DB_I(limit + 1)));
	buf_addf(&w.b, " OFFSET $%d", param(&w, DB_I(offset)));
	w.p[w.n] = DB_END;
	const char *sql = arena_printf(ctx->arena, "SELECT " REPORT_COLS REPORT_FROM "%s", w.b.ptr);
	buf_release(&w.b);
	int rc = db_query_(ctx->db, &st, &ctx->err, sql, w.p);
	if (rc)
		return rc;
	int64_t close_after = -1;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct private_cols p;
		if (*n == (size_t)limit) {
			*more = 1;
			db_finish(st);
			break;
		}
		read_row(ctx, st, ARENA_PUSH(ctx->arena, *out, *n, cap), &p);
	}
	if (rc < 0)
		return rc;
	/* rules are read once the query is over (one query at a time) */
	for (size_t i = 0; i < *n; i++) {
		if (close_after < 0)
			close_after = report_close_after(ctx);
		compute_now(ctx, &(*out)[i], close_after);
	}
	return 0;
}

/*
 * Citizen reports (phản ánh, kiến nghị): a resident reports a local
 * problem, the ward routes it to whoever must act, with deadlines the public
 * can see, and the reporter follows it to the end.
 *
 * Anyone may report: a logged-in resident, or anonymously (a contact phone
 * at most; throttled per client address), on the site, through the JSON
 * API or an Open311 app holding a key. A report names its category, its
 * community (a neighborhood, village or residential group: required), an
 * address or landmark and/or a position, a description, the answers to its
 * category's questions, and up to REPORT_PHOTOS_MAX photos (re-encoded
 * without metadata, through domain/disclose/attachment.h).
 *
 * Life: submitted -> acknowledged -> in progress -> resolved -> closed,
 * or rejected (with a public reason), or merged into a duplicate. A
 * resolved report closes when the reporter confirms it, or by itself after
 * RULE_REPORT_CLOSE_DAYS; the reporter may reopen it within
 * RULE_REPORT_REOPEN_DAYS of its resolution, with a reason, and rates the
 * result (1-5, a comment). Other households add "tôi cũng gặp" once each,
 * which orders the officers' queue. Deadlines are working days from the
 * category (to acknowledge, to resolve), counted from the day the report
 * was made (from the day it was reopened, for the resolution).
 *
 * Who sees what. The reporter's name, account, household and phone are
 * never public; nor is what an officer redacted (the original text and
 * photos are kept for the handling officers only). A report of a private
 * category is "not found" for everyone but the system, the ward's officers
 * (ACT_VIEW_PRIVATE_REPORTS), the officers of the body it is routed to
 * (the police) and its reporter, in every list, page and answer.
 *
 * Who handles it: the officers of the body it is routed to, the heads of
 * its community for a body of kind "head", and the ward's officers and
 * city administrators (ACT_HANDLE_REPORTS) for any report they may see.
 */
#ifndef DV_DOMAIN_REPORTS_REPORT_H
#define DV_DOMAIN_REPORTS_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/reports/routing.h"

#define REPORT_ADDRESS_MAX     200
#define REPORT_DESCRIPTION_MAX 2000
#define REPORT_NOTE_MAX	       2000 /* an officer's public response, a reason */
#define REPORT_COMMENT_MAX     1000 /* the reporter's comment with a rating */
#define REPORT_MEDIA_URL_MAX   500
#define REPORT_PHOTOS_MAX      5
#define REPORT_PAGE_MAX	       200
#define REPORT_TOKEN_BYTES     16
/* Anonymous reports from one client address, and reports of one account,
 * per window (DV_EBUSY beyond). */
#define REPORT_ANON_WINDOW    3600
#define REPORT_ANON_MAX	      5
#define REPORT_ACCOUNT_WINDOW 86400
#define REPORT_ACCOUNT_MAX    30

#define REPORT_STATUSES(X)                                                                         \
	X(RS_SUBMITTED, "submitted", N_("Submitted"))                                              \
	X(RS_ACKNOWLEDGED, "acknowledged", N_("Acknowledged"))                                     \
	X(RS_IN_PROGRESS, "in_progress", N_("In progress"))                                        \
	X(RS_REOPENED, "reopened", N_("Reopened"))                                                 \
	X(RS_RESOLVED, "resolved", N_("Resolved"))                                                 \
	X(RS_CLOSED, "closed", N_("Closed"))                                                       \
	X(RS_REJECTED, "rejected", N_("Rejected"))                                                 \
	X(RS_MERGED, "merged", N_("Merged into another report"))
DV_ENUM(report_status, RS_COUNT, REPORT_STATUSES);

/* Still to be acted on (Open311's "open"): submitted, acknowledged, in
 * progress, reopened. */
int report_status_is_open(enum report_status s);

/* How a report came in. */
#define REPORT_SOURCES(X)                                                                          \
	X(SRC_WEB, "web", N_("On the site"))                                                       \
	X(SRC_API, "api", N_("Through the API"))                                                   \
	X(SRC_OPEN311, "open311", N_("Through an Open311 app"))
DV_ENUM(report_source, SRC_COUNT, REPORT_SOURCES);

/* What an officer does to a report (report_act). */
#define REPORT_ACTIONS(X)                                                                          \
	X(RA_ACKNOWLEDGE, "acknowledge", N_("Acknowledge"))                                        \
	X(RA_START, "start", N_("Start the work"))                                                 \
	X(RA_RESOLVE, "resolve", N_("Mark resolved"))                                              \
	X(RA_REJECT, "reject", N_("Reject"))                                                       \
	X(RA_NOTE, "note", N_("Post an update"))
DV_ENUM(report_action, RA_COUNT, REPORT_ACTIONS);

/* The steps of the public history. */
#define REPORT_EVENTS(X)                                                                           \
	X(RE_SUBMITTED, "submitted", N_("Reported"))                                               \
	X(RE_ACKNOWLEDGED, "acknowledged", N_("Acknowledged"))                                     \
	X(RE_STARTED, "started", N_("Work started"))                                               \
	X(RE_RESOLVED, "resolved", N_("Resolved"))                                                 \
	X(RE_REJECTED, "rejected", N_("Rejected"))                                                 \
	X(RE_MERGED, "merged", N_("Merged into another report"))                                   \
	X(RE_CONFIRMED, "confirmed", N_("Confirmed by the reporter"))                              \
	X(RE_REOPENED, "reopened", N_("Reopened by the reporter"))                                 \
	X(RE_ROUTED, "routed", N_("Sent to another body"))                                         \
	X(RE_NOTE, "note", N_("Update"))                                                           \
	X(RE_REDACTED, "redacted", N_("Personal details hidden"))                                  \
	X(RE_RATED, "rated", N_("Rated by the reporter"))
DV_ENUM(report_event_kind, RE_COUNT, REPORT_EVENTS);

struct report {
	int64_t id;
	int64_t ward_id, unit_id;
	const char *ward_name, *unit_name;
	int64_t category_id;
	const char *category_code, *category_vi, *category_en;
	int is_private;
	int64_t body_id; /* 0: the ward itself */
	const char *body_name;
	enum body_kind body_kind;
	enum report_status status; /* as it reads now: resolved long enough is closed */
	const char *address;
	int has_position;
	int64_t lat_e6, lon_e6;	 /* millionths of a degree */
	const char *description; /* what the public sees (redacted, if it was) */
	int redacted;
	const char *media_url; /* a photo's address given by an Open311 app, or "" */
	enum report_source source;
	int32_t ack_due, resolve_due; /* YYYYMMDD */
	int64_t acknowledged_at, resolved_at, closed_at, created_at, updated_at;
	int reopened; /* how many times */
	int64_t duplicate_of;
	const char *public_reason; /* a rejection's reason */
	const char *status_notes;  /* the last public response */
	int64_t first_photo;	   /* the first photo's file, 0 if none */
	int64_t supporters;
	int rating; /* 0: not rated */
	const char *rating_comment;

	/* now */
	int ack_overdue; /* submitted, not acknowledged by ack_due */
	int overdue;	 /* open past resolve_due */
	int kept;	 /* resolved by resolve_due: 1; after it: 0; not resolved: -1 */

	/* the actor */
	int mine;	/* the actor reported it */
	int may_handle; /* the actor may act on it (report_act and the rest) */
	int may_confirm, may_reopen, may_rate, may_support;
	int supported; /* the actor's household said "tôi cũng gặp" */

	/* for those who handle it only ("" otherwise) */
	const char *original;	   /* what the reporter wrote, when redacted */
	const char *reporter;	   /* the reporter's name, or "" when anonymous */
	const char *contact_phone; /* an anonymous reporter's phone */
};

struct report_event {
	int64_t id;
	enum report_event_kind kind;
	enum report_status status; /* after it */
	const char *note;	   /* the public response */
	const char *body_name;	   /* routed: the new body */
	int64_t at;
};

struct report_answer {
	const char *code;
	const char *value;
};

struct report_photo_in {
	const char *name; /* as uploaded, may be NULL */
	const void *data;
	size_t len;
};

struct report_input {
	int64_t category_id;
	int64_t unit_id;
	const char *address;
	const char *lat, *lon; /* as typed or sent; NULL or "" for none */
	const char *description;
	const char *phone;     /* an anonymous reporter's contact, optional */
	const char *media_url; /* Open311: the address of a photo */
	enum report_source source;
	int64_t app_id; /* the Open311 app, or 0 */
	const char *ip; /* the client's address, for throttling */
	const struct report_answer *answers;
	size_t nanswers;
	const struct report_photo_in *photos;
	size_t nphotos;
};

/*
 * File a report as ctx->actor (anonymous allowed). Everything is checked
 * before anything is written, the photos decoded and re-encoded included;
 * then the report, its answers, its photos, its first event and its audit
 * row are written in one transaction. *id and *token (arena; the Open311
 * token, may be NULL) are set. DV_EINVAL naming the field; DV_EBUSY when
 * the client address (anonymous) or the account has filed too many lately.
 */
int report_create(struct dv_ctx *ctx, const struct report_input *in, int64_t *id,
		  const char **token);

/* A report the actor may see (DV_ENOTFOUND otherwise), as it reads now. */
int report_get(struct dv_ctx *ctx, int64_t id, struct report *r);
/* The report an Open311 token names, if the actor may see it. */
int report_by_token(struct dv_ctx *ctx, const char *token, int64_t *id);

/* The public history, oldest first. */
int report_events(struct dv_ctx *ctx, const struct report *r, struct report_event **out, size_t *n);
/* The answers to the category's questions. */
int report_answers(struct dv_ctx *ctx, const struct report *r, struct report_answer **out,
		   size_t *n);

/* Which reports a list holds. */
enum report_state { REPORT_ANY = -1, REPORT_OPEN = 0, REPORT_CLOSED = 1, REPORT_OVERDUE = 2 };

struct report_filter {
	int64_t unit_id;     /* the unit's subtree; 0 everywhere */
	int64_t category_id; /* 0 all */
	int64_t body_id;     /* one body's reports; 0 all */
	int head_only;	     /* reports routed to a body of kind "head" */
	int state;	     /* enum report_state */
	int64_t from, to;    /* made in [from, to); 0 leaves a side open */
	int64_t resolved_since; /* resolved at or after this instant, the latest
				   resolved first; 0: no such condition */
	const int64_t *ids;  /* these reports only (Open311's service_request_id) */
	size_t nids;
	const int64_t *categories; /* these categories only (service_code) */
	size_t ncategories;
	int mine;     /* the actor's own reports */
	int for_work; /* the officers' order: overdue first, then by supporters */
};

/*
 * Reports newest first (or in the officers' order), at most `limit`
 * (REPORT_PAGE_MAX). Private categories are left out unless the actor may
 * see them all in the list: the system; a unit the actor has
 * ACT_VIEW_PRIVATE_REPORTS on; a body the actor is an officer of; its own
 * reports. *more when there are more. Arena array, without the actor's
 * fields (mine, may_*).
 */
int report_list(struct dv_ctx *ctx, const struct report_filter *f, int64_t offset, int limit,
		struct report **out, size_t *n, int *more);

/* ------------------------------------------------------------- handling */

/*
 * An officer acts: acknowledge (from submitted), start (from submitted,
 * acknowledged or reopened), resolve or reject (from any open status; the
 * note, the public response or reason, is required), or post an update
 * (note required, any open status). DV_ECONFLICT for a step out of order;
 * DV_ENOTFOUND when the actor may not see it, DV_EPERM when it may see but
 * not handle it.
 */
int report_act(struct dv_ctx *ctx, int64_t id, enum report_action a, const char *note);
/* report_act with the action's name ("acknowledge", ...): DV_EINVAL
 * naming "action" for another. */
int report_act_text(struct dv_ctx *ctx, int64_t id, const char *action, const char *note);

/* Merge an open report into `into`, an earlier or open report of the same
 * ward that is not itself merged: the public sees where to follow it. */
int report_merge(struct dv_ctx *ctx, int64_t id, int64_t into, const char *note);

/* Send it to another body (0: the ward itself), with a public note. */
int report_route(struct dv_ctx *ctx, int64_t id, int64_t body_id, const char *note);

/* Replace the public text (faces, plates, names an officer hides): the
 * original stays for those who handle it. Audited. DV_EINVAL for an empty
 * text. */
int report_redact_text(struct dv_ctx *ctx, int64_t id, const char *public_text);

/* ------------------------------------------------------------ reporter */

/* The reporter confirms a resolved report: closed. */
int report_confirm(struct dv_ctx *ctx, int64_t id);
/* The reporter reopens a resolved or closed report within the rule's days
 * of its resolution, with a reason (required). */
int report_reopen(struct dv_ctx *ctx, int64_t id, const char *reason);
/* The reporter rates the result (1-5) once it is resolved, closed or
 * rejected; rating again replaces it. */
int report_rate(struct dv_ctx *ctx, int64_t id, int rating, const char *comment);
/* "Tôi cũng gặp": the actor's household, once per report, on an open report
 * it did not make (its reporter's household neither). DV_EPERM without a
 * household; *already when it had. */
int report_support(struct dv_ctx *ctx, int64_t id, int *already);

/* --------------------------------------------------------------- photos */

struct report_photo {
	int64_t file_id;     /* the public one */
	int64_t original_id; /* before a redaction, for handlers; 0 if none */
	int width, height;
	int has_thumb;
};

/* The report's photos (the caller read it). */
int report_photos(struct dv_ctx *ctx, const struct report *r, struct report_photo **out, size_t *n);

/* Read one of the report's photos (thumb: its thumbnail); `original` the
 * one before a redaction, for those who handle it. DV_ENOTFOUND when it is
 * not the report's, or not the actor's to see. */
struct file_data;
int report_photo_read(struct dv_ctx *ctx, int64_t report_id, int64_t file_id, int thumb,
		      int original, struct file_data *out);

/* A region of a photo to cover, in percent of its width and height. */
struct report_region {
	int x, y, w, h;
};
#define REPORT_REGIONS_MAX 8

/* Cover regions of a photo (faces, plates): a new, covered photo is what
 * the public sees, the original is kept for those who handle the report.
 * Audited. DV_EINVAL for a region outside 0..100. */
int report_photo_redact(struct dv_ctx *ctx, int64_t report_id, int64_t file_id,
			const struct report_region *regions, size_t n);

/* Add a photo to one's own open report (the reporter) or any report one
 * handles; at most REPORT_PHOTOS_MAX. */
int report_photo_add(struct dv_ctx *ctx, int64_t report_id, const struct report_photo_in *p,
		     int64_t *file_id);

#endif

/*
 * Public disclosure notices: what the authority must put in front of every
 * household (dân biết, Law 10/2022 Art. 11-13).
 *
 * A notice belongs to a category of the law's disclosure list. The category
 * carries the legal duties: how many days the notice must stay posted and
 * the channels it must go through (posting, loudspeaker for N consecutive
 * days, meetings, a notice to each household, text messages, the web
 * portal). Publishing a notice copies those duties into its checklist; an
 * officer ticks each one with the day it was done, and a duty not done by
 * its due date is overdue.
 *
 * Life cycle: draft -> published -> archived. A draft is edited in place and
 * seen only by those who may publish in its unit. Editing a published notice
 * makes a new version; every published version stays readable by anyone. A
 * notice cannot be archived before its minimum posting period has passed.
 *
 * Writing needs ACT_PUBLISH_NOTICES on the notice's unit; reading a draft
 * too (anyone else gets DV_ENOTFOUND). Published and archived notices are
 * public.
 */
#ifndef DV_DOMAIN_NOTICE_H
#define DV_DOMAIN_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/disclose/attachment.h"

#define NOTICE_TITLE_MAX 200
#define NOTICE_BODY_MAX 20000
#define NOTICE_NOTE_MAX 500
#define NOTICE_DAYS_MAX 3650 /* posting periods and deadlines, in days */
#define NOTICE_PAGE_MAX 100

#define NOTICE_STATUSES(X)                                \
	X(NOTICE_DRAFT, "draft", N_("Draft"))             \
	X(NOTICE_PUBLISHED, "published", N_("Published")) \
	X(NOTICE_ARCHIVED, "archived", N_("Archived"))
DV_ENUM(notice_status, NOTICE_STATUS_COUNT, NOTICE_STATUSES);


/* The channels a notice goes through (Art. 12). */
#define CHANNELS(X)                                                                                                                                 \
	X(CH_WEB, "web", N_("Web portal (this site)")) /* this site, the web portal: done when published */                                         \
	X(CH_POST_COMMITTEE, "post_committee", N_("Posted at the People's Committee")) /* posted at the People's Committee */                       \
	X(CH_POST_COMMUNITY, "post_community", N_("Posted at the community's cultural house")) /* posted at the cultural house of each community */ \
	X(CH_LOUDSPEAKER, "loudspeaker", N_("Loudspeaker system")) /* the loudspeaker system, for `days` consecutive days */                        \
	X(CH_MEETING, "meeting", N_("Read out at community meetings")) /* read out at community or organization meetings */                         \
	X(CH_HOUSEHOLD, "household", N_("Written notice to each household")) /* a written notice to each household */                               \
	X(CH_SMS, "sms", N_("Text message to household representatives")) /* a text message to each household's representative */
DV_ENUM(channel, CH_COUNT, CHANNELS);


/* ------------------------------------------------------------ categories */

struct channel_rule {
	enum channel channel;
	int days;     /* consecutive days it runs (1 but for the loudspeaker) */
	int due_days; /* must be done within this many days of publication */
};

#define CATEGORY_NAME_MAX 200
#define CATEGORY_CODE_MAX 40

struct notice_category {
	int64_t id;
	const char *code;
	int law_item; /* item of Art. 11, 0 for a local category */
	const char *name; /* in the context's language */
	const char *name_vi, *name_en;
	int min_days;
	int position;
	int active;
	size_t nrules;
	struct channel_rule rules[CH_COUNT];
};

/* Every category in list order (inactive ones too when `all`). Arena array. */
int category_list(struct dv_ctx *ctx, int all, struct notice_category **out, size_t *n);
/* DV_ENOTFOUND if there is no such category. */
int category_get(struct dv_ctx *ctx, int64_t id, struct notice_category *c);

struct category_input {
	const char *code; /* only for a new category */
	const char *name_vi, *name_en;
	int law_item;
	int min_days;
	int active;
	size_t nrules;
	struct channel_rule rules[CH_COUNT];
};

/*
 * Create (id 0, *id_out set) or change a category. Needs ACT_CONFIGURE (a
 * city administrator). Strings are cleaned here; DV_EINVAL names the field.
 * Notices already published keep the duties they were published with.
 */
int category_save(struct dv_ctx *ctx, int64_t id, const struct category_input *in,
		  int64_t *id_out);

/* --------------------------------------------------------------- notices */

struct notice {
	int64_t id;
	int64_t unit_id;
	int64_t ward_id; /* its commune, 0 for a notice above the communes */
	const char *unit_name;
	int64_t category_id;
	const char *category_name; /* in the context's language */
	int law_item;
	enum notice_status status;
	int version; /* published versions, 0 for a draft never published */
	const char *title;
	const char *body; /* Markdown */
	int32_t visible_from;  /* YYYYMMDD */
	int32_t visible_until; /* 0 if open-ended */
	int min_days;
	int64_t reached;    /* households reached */
	int64_t households; /* households in the unit's subtree now */
	int64_t created_at, updated_at, published_at, archived_at;
	int may_edit; /* the actor may change it */
};

struct notice_input {
	int64_t unit_id; /* for a new notice */
	int64_t category_id;
	const char *title;
	const char *body;
	const char *visible_from;  /* dd/mm/yyyy or yyyy-mm-dd; NULL or "" for today */
	const char *visible_until; /* NULL or "" for none */
	const char *note;	   /* why a published notice changed; may be NULL */
};

/* Create a draft in in->unit_id. */
int notice_create(struct dv_ctx *ctx, const struct notice_input *in, int64_t *id_out);

/*
 * Change a notice: a draft in place; a published one becomes a new version
 * (its duties stay as they are). An archived notice cannot change
 * (DV_ECONFLICT). `in->unit_id` is ignored: a notice stays in its unit.
 */
int notice_update(struct dv_ctx *ctx, int64_t id, const struct notice_input *in);

/* Publish a draft: version 1, the duty checklist from its category, the web
 * portal duty done at once. DV_ECONFLICT unless it is a draft. */
int notice_publish(struct dv_ctx *ctx, int64_t id);

/* Archive a published notice. DV_ECONFLICT before visible_from + min_days,
 * with the first day it may be archived in the message. */
int notice_archive(struct dv_ctx *ctx, int64_t id);

/* Read a notice the actor may see. */
int notice_get(struct dv_ctx *ctx, int64_t id, struct notice *n);

/* The first day a published notice may be archived. */
int32_t notice_archivable_on(const struct notice *n);

struct notice_filter {
	int64_t unit_id;     /* 0: all; else notices of the unit, its ancestors and its subtree,
				and published ones of the units it carries on (unit_predecessors) */
	int64_t category_id; /* 0: all */
	int32_t from, to;    /* visible_from within [from, to], 0 for open ends */
	const char *query;   /* words to search for, or NULL */
	enum notice_status status; /* drafts only for those who may publish in unit_id */
	int include_scheduled;     /* also those with visible_from after today */
	int with_body;		   /* load the bodies too (feeds) */
};

/*
 * A page of notices, newest first (by relevance when there is a query).
 * Drafts are listed only to an actor who may publish in filter->unit_id
 * (DV_EPERM otherwise); published and archived notices to anyone. *more is
 * set when a next page exists. Arena array; bodies are "" unless asked for.
 */
int notice_list(struct dv_ctx *ctx, const struct notice_filter *f, int64_t offset, int limit,
		struct notice **out, size_t *n, int *more);

/* ------------------------------------------------------------ versions */

struct notice_version {
	int version;
	int64_t category_id;
	const char *title;
	const char *body;
	int32_t visible_from, visible_until;
	const char *files; /* names of the attached files then, one per line */
	const char *note;
	const char *changed_by; /* display name */
	int64_t changed_at;
};

/* Every published version, oldest first. Needs the notice to be readable. */
int notice_versions(struct dv_ctx *ctx, int64_t id, struct notice_version **out, size_t *n);

/* -------------------------------------------------------------- duties */

struct notice_duty {
	enum channel channel;
	int days;
	int32_t due_date;
	int32_t done_on; /* 0 if not done */
	const char *done_by;
	int64_t done_at;
	const char *note;
	int overdue; /* not done and due before today */
};

/* The checklist of a published or archived notice, in channel order. */
int notice_duties(struct dv_ctx *ctx, int64_t id, struct notice_duty **out, size_t *n);

/*
 * Record that a duty was done on `done_on` (dd/mm/yyyy; NULL or "" for
 * today), with a note. The day may not be in the future nor before the
 * notice was published; for a channel that runs several days the last day
 * must have passed. Recording again replaces the record (the audit keeps
 * the old one).
 */
int notice_duty_done(struct dv_ctx *ctx, int64_t id, enum channel c, const char *done_on,
		     const char *note);

/* What needs an officer's attention in the units where the actor may
 * publish: overdue duties, drafts, and notices past their window. */
struct notice_alert {
	int64_t notice_id;
	const char *title;
	const char *unit_name;
	enum {
		ALERT_OVERDUE, /* a duty (channel, due_date) is overdue */
		ALERT_DRAFT,   /* an unpublished draft */
		ALERT_EXPIRED  /* past visible_until and archivable */
	} kind;
	enum channel channel;
	int32_t date; /* the due date, or visible_until */
};

#define NOTICE_ALERTS_MAX 100

int notice_alerts(struct dv_ctx *ctx, struct notice_alert **out, size_t *n);

/* Owner of the files of a notice (domain/disclose/attachment.h): a published
 * notice gets a new version when they change. */
extern const struct attach_owner notice_attach;

#endif

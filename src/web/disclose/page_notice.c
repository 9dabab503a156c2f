/*
 * Public disclosure notices, as residents read them: the list with its
 * filters and search, one notice with its files, duties and reach, and the
 * public history of its versions. The forms officials use are in
 * page_notice_edit.c, the reach pages in page_reach.c.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/diff.h"
#include "base/i18n.h"
#include "domain/disclose/attachment.h"
#include "domain/registry/household.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/disclose/reach.h"
#include "domain/registry/unit.h"
#include "web/registry/registry.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/disclose/disclose_impl.h"

#define LIST_SIZE 20

/* ----------------------------------------------------------- the filters */

/* Read the list's filters from the query: DV_EINVAL naming the parameter
 * for a value that is not one (an empty one, or the id 0, reads as none). */
static int read_filter(struct req *r, struct notice_filter *f)
{
	int status = NOTICE_PUBLISHED;
	memset(f, 0, sizeof(*f));
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &f->unit_id);
	if (!rc)
		rc = req_query_int(r, "category", 0, REQ_ID_MAX, 0, &f->category_id);
	if (!rc)
		rc = req_query_date(r, "from", &f->from);
	if (!rc)
		rc = req_query_date(r, "to", &f->to);
	if (!rc)
		rc = req_query_enum(r, "status", notice_status_names, NOTICE_STATUS_COUNT, &status);
	f->status = (enum notice_status)status;
	f->query = req_query(r, "q");
	f->include_scheduled = f->status == NOTICE_DRAFT;
	return rc;
}

/* The list's address with the filters of f (for the pager and feeds). */
static const char *filter_href(struct req *r, const char *path, const struct notice_filter *f)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, path);
	char sep = '?';
	if (f->unit_id)
		buf_addf(&b, "%cunit=%lld", sep, (long long)f->unit_id), sep = '&';
	if (f->category_id)
		buf_addf(&b, "%ccategory=%lld", sep, (long long)f->category_id), sep = '&';
	if (f->from)
		buf_addf(&b, "%cfrom=%s", sep, page_date_iso(r, f->from)), sep = '&';
	if (f->to)
		buf_addf(&b, "%cto=%s", sep, page_date_iso(r, f->to)), sep = '&';
	if (f->status != NOTICE_PUBLISHED)
		buf_addf(&b, "%cstatus=%s", sep, notice_status_name(f->status)), sep = '&';
	if (f->query && *f->query) {
		buf_addf(&b, "%cq=", sep);
		html_url_arg(&b, f->query);
	}
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

static void filter_form(struct req *r, const struct notice_filter *f, const struct unit *u)
{
	struct buf *b = &r->out;
	html_raw(b, "<form method=\"get\" action=\"/notices\" class=\"filters\" role=\"search\">");
	if (u)
		form_hidden(r, "unit", arena_printf(&r->arena, "%lld", (long long)u->id));
	if (f->status != NOTICE_PUBLISHED)
		form_hidden(r, "status", notice_status_name(f->status));
	form_input(r,
		   &(struct field){.name = "q",
				   .label = T(r, "Search"),
				   .value = f->query,
				   .type = "search",
				   .hint = T(r, "Words from the title or the text, with or without accents"),
				   .maxlength = 100},
		   NULL);
	notice_category_select(r, "category", T(r, "Kind of information"), f->category_id,
			       T(r, "All kinds"), NULL);
	form_input(r,
		   &(struct field){.name = "from",
				   .label = T(r, "Posted from"),
				   .value = page_date_iso(r, f->from),
				   .type = "date"},
		   NULL);
	form_input(r,
		   &(struct field){.name = "to",
				   .label = T(r, "Posted until"),
				   .value = page_date_iso(r, f->to),
				   .type = "date"},
		   NULL);
	form_submit(r, T(r, "Show"));
	html_raw(b, "</form>");
}

/* ---------------------------------------------------------------- lists */

static void notice_item(struct req *r, const struct notice *n)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><article class=\"item\"><p class=\"kicker\">");
	html_txt(b, n->category_name);
	html_raw(b, "</p><h2>");
	html_link(b, link_notice(r, n->id, NULL), n->title);
	html_raw(b, "</h2><p class=\"meta\">");
	html_txt(b, n->unit_name);
	html_raw(b, " · ");
	html_txtf(b, T(r, "posted %s"), page_date(r, n->visible_from));
	if (n->status == NOTICE_PUBLISHED || n->status == NOTICE_ARCHIVED) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "reached %s of households"),
			  page_percent(r, n->reached, n->households));
	}
	if (n->status != NOTICE_PUBLISHED) {
		html_raw(b, " <span class=\"badge\">");
		html_txt(b, T(r, notice_status_label(n->status)));
		html_raw(b, "</span>");
	}
	html_raw(b, "</p></article></li>");
}

static void list_links(struct req *r, const struct notice_filter *f, const struct unit *u)
{
	struct buf *b = &r->out;
	html_raw(b, "<p class=\"links\">");
	html_link(b, filter_href(r, "/feeds/notices.atom", &(struct notice_filter){
							  .unit_id = f->unit_id,
							  .category_id = f->category_id,
							  .status = NOTICE_PUBLISHED}),
		  T(r, "Follow these notices (Atom feed)"));
	if (u) /* the form is the notify family's */
		html_link(b, link_unit(r, u->id, "subscribe"), T(r, "Receive them by e-mail"));
	if (f->status != NOTICE_ARCHIVED) {
		struct notice_filter g = *f;
		g.status = NOTICE_ARCHIVED;
		html_link(b, filter_href(r, "/notices", &g), T(r, "Archived notices"));
	}
	if (u && perm_may(&r->ctx, ACT_PUBLISH_NOTICES, u->id)) {
		struct notice_filter g = *f;
		g.status = NOTICE_DRAFT;
		html_link(b, filter_href(r, "/notices", &g), T(r, "Drafts"));
		html_link(b, link_unit(r, u->id, "notices/new"),
			  T(r, "Write a new notice"));
	}
	html_link(b, "/notice-categories", T(r, "What must be disclosed"));
	html_raw(b, "</p>");
}

int page_notices(struct req *r)
{
	struct notice_filter f;
	struct notice *v;
	struct unit u;
	size_t n;
	int more;
	int64_t page;
	int rc = read_filter(r, &f);
	if (rc || (rc = page_number(r, 10000, &page)))
		return rc;
	if (f.unit_id && unit_get(&r->ctx, f.unit_id, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	rc = notice_list(&r->ctx, &f, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more);
	if (rc == DV_EPERM)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	if (rc)
		return rc;
	const char *title = f.status == NOTICE_DRAFT	  ? T(r, "Draft notices")
			    : f.status == NOTICE_ARCHIVED ? T(r, "Archived notices")
							  : T(r, "Public notices");
	if (f.unit_id)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "What the authorities must make known to every household, by law: plans, "
		       "budgets, land, funds, fees and more."));
	if (f.unit_id && f.status != NOTICE_DRAFT && (rc = registry_predecessors_note(r, u.id)))
		return rc;
	list_links(r, &f, f.unit_id ? &u : NULL);
	filter_form(r, &f, f.unit_id ? &u : NULL);
	if (n) {
		html_raw(&r->out, "<ul class=\"items\">");
		for (size_t i = 0; i < n; i++)
			notice_item(r, &v[i]);
		html_raw(&r->out, "</ul>");
	} else {
		page_note(r, "empty",
			  f.query && *f.query ? T(r, "No notice matches this search.")
					      : T(r, "No notices here yet."));
	}
	page_pager(r, filter_href(r, "/notices", &f), page, more);
	layout_end(r);
	return 0;
}

/* ------------------------------------------------------------ one notice */

static void notice_meta(struct req *r, const struct notice *n)
{
	struct buf *b = &r->out;
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, n->category_name);
	if (n->law_item) {
		html_raw(b, " · ");
		html_txtf(b, T(r, "Art. 11, item %d"), n->law_item);
	}
	html_raw(b, "</p>");
	page_heading(r, n->title);
	html_raw(b, "<p class=\"meta\">");
	html_link(b, link_unit(r, n->unit_id, NULL), n->unit_name);
	html_raw(b, " · ");
	if (n->visible_until)
		html_txtf(b, T(r, "Posted from %s to %s"), page_date(r, n->visible_from),
			  page_date(r, n->visible_until));
	else
		html_txtf(b, T(r, "Posted from %s"), page_date(r, n->visible_from));
	if (n->version > 1) {
		html_raw(b, " · ");
		html_link(b, link_notice(r, n->id, "versions"),
			  arena_printf(&r->arena, T(r, "version %d"), n->version));
	}
	html_raw(b, "</p>");
	if (n->status == NOTICE_DRAFT)
		page_note(r, "banner", T(r, "Draft: not public yet."));
	else if (n->status == NOTICE_ARCHIVED)
		page_note(r, "banner",
			  arena_printf(&r->arena, T(r, "Archived on %s."),
				       page_time(r, n->archived_at)));
}

/* The household's representative, for a notice that covers it. */
static int may_ack(struct req *r, int64_t hid, const struct notice *n)
{
	struct household h;
	int covered = 0;
	return !household_load(&r->ctx, hid, &h) &&
	       perm_may_household(&r->ctx, ACT_ACKNOWLEDGE, hid, h.unit_id) &&
	       !unit_is_within(&r->ctx, h.unit_id, n->unit_id, &covered) && covered;
}

/* The household's "đã biết": done, or a button for its representative. */
static void ack_box(struct req *r, const struct notice *n)
{
	struct buf *b = &r->out;
	int64_t hid = r->ctx.actor->household_id;
	enum reach_how how;
	int32_t on;
	if (!hid || n->status != NOTICE_PUBLISHED)
		return;
	int rc = reach_of_household(&r->ctx, n->id, hid, &how, &on);
	html_raw(b, "<section class=\"ack\" aria-label=\"");
	html_attr(b, T(r, "Your household"));
	html_raw(b, "\">");
	if (!rc) {
		html_raw(b, "<p class=\"done\">");
		html_txtf(b, T(r, "Your household knows this notice (%s, %s)."),
			  T(r, reach_how_label(how)), page_date(r, on));
		html_raw(b, "</p>");
	} else if (may_ack(r, hid, n)) {
		page_note(r, "hint",
			  T(r, "Once your household has read this notice, tell the ward:"));
		form_button(r, link_notice(r, n->id, "ack"),
			    T(r, "My household has read it"), "inline primary");
	}
	html_raw(b, "</section>");
}

static void reach_summary(struct req *r, const struct notice *n)
{
	struct buf *b = &r->out;
	if (n->status == NOTICE_DRAFT)
		return;
	page_section(r, "reach", T(r, "Reach"));
	html_raw(b, "<p><strong>");
	html_txt(b, page_percent(r, n->reached, n->households));
	html_raw(b, "</strong> ");
	html_txtf(b, T(r, "of households know this notice: %lld of %lld."), (long long)n->reached,
		  (long long)n->households);
	html_raw(b, " ");
	html_link(b, link_notice(r, n->id, "reach"), T(r, "Reach by neighborhood"));
	html_raw(b, "</p></section>");
}

int page_notice(struct req *r)
{
	struct notice n;
	struct attachment *files;
	size_t nfiles;
	int rc = notice_get(&r->ctx, r->params[0], &n);
	if (rc || (rc = attachment_list(&r->ctx, &notice_attach, n.id, &files, &nfiles)))
		return rc;
	notice_cache_scope(r, &n);
	layout_begin(r, n.title);
	page_back(r, "/notices", T(r, "Public notices"));
	html_raw(&r->out, "<article class=\"notice-doc\">");
	notice_meta(r, &n);
	html_raw(&r->out, "<div class=\"prose\">");
	html_markdown(&r->out, n.body);
	html_raw(&r->out, "</div>");
	notice_files(r, files, nfiles,
		     n.may_edit ? link_notice(r, n.id, NULL) : NULL);
	html_raw(&r->out, "</article>");
	ack_box(r, &n);
	reach_summary(r, &n);
	if ((rc = notice_duty_section(r, &n)))
		return rc;
	if (n.may_edit)
		notice_officer_tools(r, &n, NULL);
	layout_end(r);
	return 0;
}

/* ------------------------------------------------------------- versions */

static void diff_block(struct req *r, const char *label, const char *before, const char *after)
{
	struct buf *b = &r->out;
	struct diff_line *d;
	size_t n;
	if (strcmp(before, after) == 0)
		return;
	diff_lines(&r->arena, before, after, &d, &n);
	html_raw(b, "<h3>");
	html_txt(b, label);
	html_raw(b, "</h3><div class=\"diff\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, d[i].op == DIFF_ADD   ? "<ins>"
			    : d[i].op == DIFF_DEL ? "<del>"
						  : "<span>");
		html_txt(b, *d[i].text ? d[i].text : " ");
		html_raw(b, d[i].op == DIFF_ADD ? "</ins>" : d[i].op == DIFF_DEL ? "</del>" : "</span>");
	}
	html_raw(b, "</div>");
}

static const char *window_text(struct req *r, const struct notice_version *v)
{
	return v->visible_until ? arena_printf(&r->arena, "%s – %s", page_date(r, v->visible_from),
					       page_date(r, v->visible_until))
				: page_date(r, v->visible_from);
}

static void version_item(struct req *r, const struct notice_version *v,
			 const struct notice_version *prev)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><h2>");
	html_txtf(b, T(r, "Version %d"), v->version);
	html_raw(b, "</h2><p class=\"meta\">");
	html_txt(b, page_time(r, v->changed_at));
	if (*v->changed_by) {
		html_raw(b, " · ");
		html_txt(b, v->changed_by);
	}
	html_raw(b, "</p>");
	if (*v->note)
		page_note(r, "note", v->note);
	if (!prev) {
		page_note(r, "note", T(r, "First published version."));
	} else {
		diff_block(r, T(r, "Title"), prev->title, v->title);
		diff_block(r, T(r, "Posting period"), window_text(r, prev), window_text(r, v));
		diff_block(r, T(r, "Attached files"), prev->files, v->files);
		diff_block(r, T(r, "Text"), prev->body, v->body);
	}
	html_raw(b, "</li>");
}

int page_notice_versions(struct req *r)
{
	struct notice n;
	struct notice_version *v;
	size_t nv;
	int rc = notice_get(&r->ctx, r->params[0], &n);
	if (rc || (rc = notice_versions(&r->ctx, n.id, &v, &nv)))
		return rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "History"), n.title);
	layout_begin(r, title);
	page_back(r, link_notice(r, n.id, NULL), n.title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Every published version stays public. Removed lines are struck "
		       "through, added lines underlined."));
	if (!nv)
		page_note(r, "empty", T(r, "This notice has not been published yet."));
	html_raw(&r->out, "<ol class=\"versions\" reversed>");
	for (size_t i = nv; i-- > 0;)
		version_item(r, &v[i], i ? &v[i - 1] : NULL);
	html_raw(&r->out, "</ol>");
	layout_end(r);
	return 0;
}

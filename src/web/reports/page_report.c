/*
 * Reports on the web: the public list, one report with its photos,
 * history, handling body and deadline, the officers' queue, one's own
 * reports, and the actions posted from a report's page.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/disclose/attachment.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/reports/routing.h"
#include "web/cache.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/reports/reports_impl.h"

#define LIST_SIZE 20

/* The list's status filter: open, closed, overdue. */
static const struct name_label states[] = {
	{"open", N_("Open")},
	{"closed", N_("Closed")},
	{"overdue", N_("Overdue")},
};

/* ------------------------------------------------------------------ list */

static int category_options(struct req *r, const char ***out)
{
	struct report_category *v;
	size_t n;
	int rc = report_category_list(&r->ctx, 0, &v, &n);
	if (rc)
		return rc;
	const char **o = arena_alloc(&r->arena, (2 * n + 3) * sizeof(*o));
	size_t k = 0;
	o[k++] = "";
	o[k++] = T(r, "All kinds");
	for (size_t i = 0; i < n; i++) {
		o[k++] = arena_printf(&r->arena, "%lld", (long long)v[i].id);
		o[k++] = report_category_name(&v[i], r->ctx.lang);
	}
	o[k] = NULL;
	*out = o;
	return 0;
}

static int filters(struct req *r, const struct report_filter *f)
{
	const char **cats;
	int rc = category_options(r, &cats);
	if (rc)
		return rc;
	const char *st[2 * 3 + 3] = {"", T(r, "All")};
	for (int i = 0; i < 3; i++) {
		st[2 + 2 * i] = states[i].name;
		st[3 + 2 * i] = T(r, states[i].label);
	}
	st[8] = NULL;
	html_raw(&r->out, "<form method=\"get\" class=\"filters\" action=\"");
	html_attr(&r->out, link_reports(r, 0, 0, NULL, 0));
	html_raw(&r->out, "\">");
	if (f->unit_id)
		form_hidden(r, "unit", arena_printf(&r->arena, "%lld", (long long)f->unit_id));
	form_select(r, "category", T(r, "Kind"), req_query(r, "category"), cats, NULL);
	form_select(r, "status", T(r, "Status"), req_query(r, "status"), st, NULL);
	form_submit(r, T(r, "Show"));
	html_raw(&r->out, "</form>");
	return 0;
}

int page_reports(struct req *r)
{
	struct report_filter f = {.state = REPORT_ANY};
	struct report *v;
	struct unit u;
	size_t n;
	int more, state = -1;
	int64_t page;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &f.unit_id);
	if (!rc)
		rc = req_query_int(r, "category", 0, REQ_ID_MAX, 0, &f.category_id);
	if (!rc)
		rc = req_query_enum(r, "status", states, 3, &state);
	if (rc || (rc = page_number(r, 10000, &page)))
		return rc;
	f.state = state;
	if (f.unit_id && unit_get(&r->ctx, f.unit_id, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	if ((rc = report_list(&r->ctx, &f, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more)))
		return rc;
	const char *title = T(r, "Residents' reports");
	if (f.unit_id)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	if (f.unit_id)
		page_back(r, link_unit(r, u.id, NULL), u.name);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Problems residents reported: who handles each, by when, and what was "
		       "done. Anyone may report one, from a phone, in a minute."));
	html_raw(&r->out, "<p class=\"links\">");
	html_link(&r->out,
		  link_report_new(r, f.unit_id && unit_kind_is_community(u.kind) ? u.id : 0, 0),
		  T(r, "Report a problem"));
	if (f.unit_id)
		html_link(&r->out, link_report_stats(r, f.unit_id, 0), T(r, "Statistics"));
	html_raw(&r->out, "</p>");
	if ((rc = filters(r, &f)))
		return rc;
	report_items(r, v, n, T(r, "No reports here."));
	page_pager(r,
		   link_reports(r, f.unit_id, f.category_id, state >= 0 ? states[state].name : NULL,
				0),
		   page, more);
	layout_end(r);
	return 0;
}

/* The actor's queue: its bodies' reports, the units where it handles
 * reports, the communities it heads; open ones, overdue first. */
int report_queue_parts(struct req *r, struct queue_part **out, size_t *n)
{
	struct report_body *bodies;
	size_t nb, cap = 0;
	*out = NULL;
	*n = 0;
	int rc = report_body_mine(&r->ctx, &bodies, &nb);
	for (size_t i = 0; !rc && i < nb; i++)
		*ARENA_PUSH(&r->arena, *out, *n, cap) = (struct queue_part){
			.title = bodies[i].name,
			.f = {.body_id = bodies[i].id, .state = REPORT_OPEN, .for_work = 1}};
	const struct actor *a = r->ctx.actor;
	for (size_t i = 0; !rc && i < a->ngrants; i++) {
		int handles = role_allows((enum role)a->grants[i].role, ACT_HANDLE_REPORTS);
		int heads = role_allows((enum role)a->grants[i].role, ACT_HANDLE_LOCAL_REPORTS);
		struct unit u;
		if ((!handles && !heads) || unit_get(&r->ctx, a->grants[i].unit_id, &u))
			continue;
		*ARENA_PUSH(&r->arena, *out, *n, cap) = (struct queue_part){
			.title = arena_printf(&r->arena, "%s", unit_title(&r->arena, r->ctx.lang, u.kind, u.name)),
			.f = {.unit_id = u.id, .state = REPORT_OPEN, .for_work = 1, .head_only = !handles}};
	}
	return rc;
}

int page_report_queue(struct req *r)
{
	struct queue_part *parts;
	size_t np;
	int rc = report_queue_parts(r, &parts, &np);
	if (rc)
		return rc;
	layout_begin(r, T(r, "Reports to handle"));
	page_heading(r, T(r, "Reports to handle"));
	page_note(r, "lead",
		  T(r, "Open reports, overdue first, then those most households have too."));
	for (size_t i = 0; i < np; i++) {
		struct report *v;
		size_t n;
		int more;
		if ((rc = report_list(&r->ctx, &parts[i].f, 0, REPORT_PAGE_MAX, &v, &n, &more)))
			return rc;
		html_raw(&r->out, "<h2>");
		html_txt(&r->out, parts[i].title);
		html_raw(&r->out, "</h2>");
		report_items(r, v, n, T(r, "Nothing to do."));
	}
	if (!np)
		page_note(r, "empty", T(r, "You handle no reports."));
	layout_end(r);
	return 0;
}

int page_reports_mine(struct req *r)
{
	struct report_filter f = {.mine = 1, .state = REPORT_ANY};
	struct report *v;
	size_t n;
	int more;
	int64_t page;
	int rc = page_number(r, 10000, &page);
	if (rc || (rc = report_list(&r->ctx, &f, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more)))
		return rc;
	layout_begin(r, T(r, "My reports"));
	page_heading(r, T(r, "My reports"));
	report_items(r, v, n, T(r, "You have not reported anything yet."));
	page_pager(r, link_reports_mine(r), page, more);
	layout_end(r);
	return 0;
}

/* --------------------------------------------------------------- one */

static void facts(struct req *r, const struct report *rep)
{
	struct buf *b = &r->out;
	html_raw(b, "<dl class=\"facts\"><dt>");
	html_txt(b, T(r, "Where"));
	html_raw(b, "</dt><dd>");
	if (*rep->address) {
		html_txt(b, rep->address);
		html_raw(b, ", ");
	}
	html_txtf(b, "%s, %s", rep->unit_name, rep->ward_name);
	if (rep->has_position)
		html_txtf(b, " (%.6f, %.6f)", (double)rep->lat_e6 / 1e6, (double)rep->lon_e6 / 1e6);
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Handled by"));
	html_raw(b, "</dt><dd>");
	html_txt(b, rep->body_id ? rep->body_name
				 : arena_printf(&r->arena, "%s %s", T(r, "Ward"), rep->ward_name));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Reported on"));
	html_raw(b, "</dt><dd>");
	html_txt(b, page_time(r, rep->created_at));
	html_raw(b, "</dd><dt>");
	html_txt(b, T(r, "Deadline"));
	html_raw(b, "</dt><dd>");
	report_deadline_line(r, rep);
	html_raw(b, "</dd>");
	if (rep->supporters) {
		html_raw(b, "<dt>");
		html_txt(b, T(r, "Also affected"));
		html_raw(b, "</dt><dd>");
		html_txtf(b, T(r, "%lld households have it too"), (long long)rep->supporters);
		html_raw(b, "</dd>");
	}
	if (rep->rating) {
		html_raw(b, "<dt>");
		html_txt(b, T(r, "The reporter's rating"));
		html_raw(b, "</dt><dd>");
		html_txtf(b, "%d/5", rep->rating);
		if (*rep->rating_comment) {
			html_raw(b, " · ");
			html_txt(b, rep->rating_comment);
		}
		html_raw(b, "</dd>");
	}
	html_raw(b, "</dl>");
}

static int answers_block(struct req *r, const struct report *rep)
{
	struct report_answer *v;
	struct report_category c;
	size_t n;
	int rc = report_answers(&r->ctx, rep, &v, &n);
	if (rc || !n || (rc = report_category_get(&r->ctx, rep->category_id, &c)))
		return rc;
	html_raw(&r->out, "<dl class=\"facts\">");
	for (size_t i = 0; i < n; i++) {
		const char *q = v[i].code, *a = v[i].value;
		for (size_t k = 0; k < c.nquestions; k++)
			if (!strcmp(c.questions[k].code, v[i].code)) {
				q = c.questions[k].description;
				for (size_t j = 0; j < c.questions[k].nchoices; j++)
					if (!strcmp(c.questions[k].choices[j].key, a))
						a = c.questions[k].choices[j].name;
			}
		html_raw(&r->out, "<dt>");
		html_txt(&r->out, q);
		html_raw(&r->out, "</dt><dd>");
		html_txt(&r->out, a);
		html_raw(&r->out, "</dd>");
	}
	html_raw(&r->out, "</dl>");
	return 0;
}

static void redact_photo_form(struct req *r, const struct report *rep, const struct report_photo *p,
			      const struct form_errors *fe)
{
	html_raw(&r->out, "<details><summary>");
	html_txt(&r->out, T(r, "Cover a face or a number plate"));
	html_raw(&r->out, "</summary>");
	form_begin(r, link_report_photo(r, rep->id, p->file_id, "redact"), "stacked");
	page_note(r, "hint",
		  T(r, "A region in percent of the photo: from the left, from the top, its width "
		       "and height. The original stays for the officers."));
	static const char *const names[] = {"x", "y", "w", "h"};
	static const char *const labels[] = {N_("From the left (%)"), N_("From the top (%)"),
					     N_("Width (%)"), N_("Height (%)")};
	(void)fe;
	/* ids of their own per photo: several of these forms share the page */
	html_raw(&r->out, "<div class=\"row\">");
	for (int i = 0; i < 4; i++) {
		const char *id =
			arena_printf(&r->arena, "r%s-%lld", names[i], (long long)p->file_id);
		html_raw(&r->out, "<div class=\"field\"><label for=\"");
		html_attr(&r->out, id);
		html_raw(&r->out, "\">");
		html_txt(&r->out, T(r, labels[i]));
		html_raw(&r->out,
			 "</label><input type=\"number\" min=\"0\" max=\"100\" required name=\"");
		html_attr(&r->out, names[i]);
		html_raw(&r->out, "\" id=\"");
		html_attr(&r->out, id);
		html_raw(&r->out, "\"></div>");
	}
	html_raw(&r->out, "</div>");
	form_submit(r, T(r, "Cover it"));
	form_end(r);
	html_raw(&r->out, "</details>");
}

static int photos_block(struct req *r, const struct report *rep, const struct form_errors *fe)
{
	struct report_photo *v;
	size_t n;
	struct buf *b = &r->out;
	int rc = report_photos(&r->ctx, rep, &v, &n);
	if (rc)
		return rc;
	if (n || *rep->media_url) {
		page_section(r, "files", T(r, "Photos"));
		html_raw(b, "<ul>");
	}
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li><figure><a href=\"");
		html_attr(b, link_report_photo(r, rep->id, v[i].file_id, NULL));
		html_raw(b, "\"><img src=\"");
		html_attr(b, link_report_photo(r, rep->id, v[i].file_id,
					       v[i].has_thumb ? "thumb" : NULL));
		html_raw(b, "\" alt=\"");
		html_attr(b, arena_printf(&r->arena, T(r, "Photo %zu of report #%lld"), i + 1,
					  (long long)rep->id));
		html_raw(b, "\" loading=\"lazy\"></a>");
		if (v[i].original_id) {
			html_raw(b, "<figcaption>");
			html_link(b, link_report_photo(r, rep->id, v[i].original_id, "original"),
				  T(r, "The original, for officers"));
			html_raw(b, "</figcaption>");
		}
		html_raw(b, "</figure>");
		if (rep->may_handle)
			redact_photo_form(r, rep, &v[i], fe);
		html_raw(b, "</li>");
	}
	if (*rep->media_url) {
		html_raw(b, "<li>");
		html_link(b, rep->media_url, T(r, "A photo sent by the app"));
		html_raw(b, "</li>");
	}
	if (n || *rep->media_url)
		html_raw(b, "</ul></section>");
	return 0;
}

static int history(struct req *r, const struct report *rep)
{
	struct report_event *v;
	size_t n;
	struct buf *b = &r->out;
	int rc = report_events(&r->ctx, rep, &v, &n);
	if (rc)
		return rc;
	html_raw(b, "<section class=\"history\"><h2>");
	html_txt(b, T(r, "What happened"));
	html_raw(b, "</h2><ol class=\"timeline\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li><strong>");
		html_txt(b, T(r, report_event_kind_label(v[i].kind)));
		html_raw(b, "</strong> <span class=\"meta\">");
		html_txt(b, page_time(r, v[i].at));
		html_raw(b, "</span>");
		if (v[i].kind == RE_ROUTED) {
			html_raw(b, " → ");
			html_txt(b, *v[i].body_name ? v[i].body_name : T(r, "The ward itself"));
		}
		if (*v[i].note && v[i].kind != RE_RATED) {
			html_raw(b, "<br>");
			html_txt(b, v[i].note);
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>");
	return 0;
}

static int report_page(struct req *r, const struct form_errors *fe, int status)
{
	struct report rep;
	struct buf *b = &r->out;
	int rc = report_get(&r->ctx, r->params[0], &rep);
	if (rc)
		return rc;
	/* a report is its commune's: its handling, by whatever office, is
	 * written in the deployment's level, which every page watches */
	page_cache_scope(r, rep.ward_id);
	const char *title = arena_printf(&r->arena, "%s #%lld", report_category_label(r, &rep),
					 (long long)rep.id);
	layout_begin(r, title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_reports(r, rep.unit_id, 0, NULL, 0), rep.unit_name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, "Residents' report"));
	html_raw(b, "</p>");
	page_heading(r, title);
	html_raw(b, "<p class=\"meta\">");
	report_status_badge(r, &rep);
	if (rep.is_private) {
		html_raw(b, " · ");
		html_txt(b, T(r, "Private: seen only by the police and the ward"));
	}
	html_raw(b, "</p>");
	if (rep.status == RS_MERGED) {
		html_raw(b, "<p class=\"banner\">");
		html_txt(b, T(r, "The same problem was reported before: follow it at"));
		html_raw(b, " ");
		html_link(b, link_report(r, rep.duplicate_of, NULL),
			  arena_printf(&r->arena, "#%lld", (long long)rep.duplicate_of));
		html_raw(b, "</p>");
	}
	if (rep.status == RS_REJECTED && *rep.public_reason) {
		html_raw(b, "<p class=\"banner\"><strong>");
		html_txt(b, T(r, "Rejected"));
		html_raw(b, ":</strong> ");
		html_txt(b, rep.public_reason);
		html_raw(b, "</p>");
	}
	html_raw(b, "<div class=\"prose\"><p>");
	html_txt(b, rep.description);
	html_raw(b, "</p></div>");
	facts(r, &rep);
	if ((rc = answers_block(r, &rep)) || (rc = photos_block(r, &rep, fe)) ||
	    (rc = history(r, &rep)))
		return rc;
	report_reporter_tools(r, &rep, fe);
	report_officer_tools(r, &rep, fe);
	if (!r->ctx.actor->account_id && report_status_is_open(rep.status)) {
		html_raw(b, "<p class=\"hint\">");
		html_link(b, link_query(r, "/login", "next", link_report(r, rep.id, NULL)),
			  T(r, "Log in to say your household has this problem too"));
		html_raw(b, "</p>");
	}
	layout_end(r);
	return 0;
}

int page_report(struct req *r)
{
	return report_page(r, NULL, 200);
}

int report_page_after(struct req *r, int rc)
{
	return form_after(r, rc, report_page, link_report(r, r->params[0], NULL));
}

/* ------------------------------------------------------------- actions */

int page_report_act(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = report_act_text(&r->ctx, r->params[0], req_form(r, "action"),
				     req_form(r, "note"));
	return report_page_after(r, rc);
}

int page_report_merge(struct req *r)
{
	int rc = req_form_parse(r);
	const char *into = req_form(r, "into");
	char *end;
	long long id = into && *into ? strtoll(into, &end, 10) : 0;
	if (!rc && (!into || !*into || *end || id <= 0 || id > REQ_ID_MAX))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "into",
			     "Write the number of the other report");
	if (!rc)
		rc = report_merge(&r->ctx, r->params[0], id, req_form(r, "note"));
	return report_page_after(r, rc);
}

int page_report_route(struct req *r)
{
	int rc = req_form_parse(r);
	const char *body = req_form(r, "body");
	char *end;
	long long id = body && *body ? strtoll(body, &end, 10) : -1;
	if (!rc && (!body || !*body || *end || id < 0 || id > REQ_ID_MAX))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "body", "Choose who handles it");
	if (!rc)
		rc = report_route(&r->ctx, r->params[0], id, req_form(r, "route_note"));
	return report_page_after(r, rc);
}

int page_report_redact(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = report_redact_text(&r->ctx, r->params[0], req_form(r, "description"));
	return report_page_after(r, rc);
}

/* A whole number 0..100 from a form field. */
static int percent(struct req *r, const char *name, int *out)
{
	const char *s = req_form(r, name);
	char *end;
	long v = s && *s ? strtol(s, &end, 10) : -1;
	if (!s || !*s || *end || v < 0 || v > 100)
		return dv_fail(&r->ctx.err, DV_EINVAL, "regions",
			       "Each number of the region is a percentage from 0 to 100");
	*out = (int)v;
	return 0;
}

int page_report_photo_redact(struct req *r)
{
	struct report_region reg;
	int rc = req_form_parse(r);
	if (!rc)
		rc = percent(r, "x", &reg.x);
	if (!rc)
		rc = percent(r, "y", &reg.y);
	if (!rc)
		rc = percent(r, "w", &reg.w);
	if (!rc)
		rc = percent(r, "h", &reg.h);
	if (!rc)
		rc = report_photo_redact(&r->ctx, r->params[0], r->params[1], &reg, 1);
	return report_page_after(r, rc);
}

int page_report_photo_add(struct req *r)
{
	const struct mp_part *file;
	int rc = form_upload(r, &file);
	if (!rc)
		rc = report_photo_add(
			&r->ctx, r->params[0],
			&(struct report_photo_in){file->filename, file->data, file->len}, NULL);
	return report_page_after(r, rc);
}

int page_report_confirm(struct req *r)
{
	return report_page_after(r, report_confirm(&r->ctx, r->params[0]));
}

int page_report_reopen(struct req *r)
{
	int rc = req_form_parse(r);
	if (!rc)
		rc = report_reopen(&r->ctx, r->params[0], req_form(r, "reason"));
	return report_page_after(r, rc);
}

int page_report_rate(struct req *r)
{
	int rc = req_form_parse(r);
	const char *s = req_form(r, "rating");
	int v = s && strlen(s) == 1 && s[0] >= '1' && s[0] <= '5' ? s[0] - '0' : 0;
	if (!rc)
		rc = report_rate(&r->ctx, r->params[0], v, req_form(r, "comment"));
	return report_page_after(r, rc);
}

int page_report_support(struct req *r)
{
	return report_page_after(r, report_support(&r->ctx, r->params[0], NULL));
}

/* --------------------------------------------------------------- photos */

static int send_photo(struct req *r, int thumb, int original)
{
	struct file_data f;
	int rc = report_photo_read(&r->ctx, r->params[0], r->params[1], thumb, original, &f);
	if (rc)
		return rc;
	r->status = 200;
	r->content_type = f.mime;
	res_header(r, "Cache-Control", f.is_public ? "public, max-age=86400" : "private, no-store");
	buf_add(&r->out, f.data, f.len);
	return 0;
}

int page_report_photo(struct req *r)
{
	return send_photo(r, 0, 0);
}

int page_report_photo_thumb(struct req *r)
{
	return send_photo(r, 1, 0);
}

int page_report_photo_original(struct req *r)
{
	return send_photo(r, 0, 1);
}

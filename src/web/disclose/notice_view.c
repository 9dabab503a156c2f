/*
 * Pieces of the notice pages that several pages show: the category select,
 * the attached files, the checklist of duties with the forms to tick them,
 * and the officers' tools (publish, archive, attach). The forms post to the
 * handlers of page_notice_edit.c.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/disclose/attachment.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/disclose/reach.h"
#include "domain/registry/unit.h"
#include "web/cache.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/disclose/disclose_impl.h"

/* ---------------------------------------------------------- categories */

static void category_options(struct req *r, const struct notice_category *c, size_t n,
			     const char *first, const char ***out)
{
	const char **opt = arena_array(&r->arena, const char *, 2 * n + 3);
	size_t k = 0;
	opt[k++] = "";
	opt[k++] = first;
	for (size_t i = 0; i < n; i++) {
		opt[k++] = arena_printf(&r->arena, "%lld", (long long)c[i].id);
		opt[k++] = c[i].law_item ? arena_printf(&r->arena, "%d. %s", c[i].law_item, c[i].name)
					 : c[i].name;
	}
	opt[k] = NULL;
	*out = opt;
}

void notice_category_select(struct req *r, const char *name, const char *label, int64_t value,
			    const char *first, const struct form_errors *fe)
{
	struct notice_category *c;
	size_t n, k = 0;
	const char **opt;
	if (category_list(&r->ctx, 1, &c, &n))
		n = 0;
	/* the categories in use, and the one chosen even if it was retired */
	for (size_t i = 0; i < n; i++)
		if (c[i].active || c[i].id == value)
			c[k++] = c[i];
	category_options(r, c, k, first, &opt);
	form_select(r, name, label, value ? arena_printf(&r->arena, "%lld", (long long)value) : "",
		    opt, fe);
}

static const char *size_text(struct req *r, int64_t bytes)
{
	if (bytes >= 1024 * 1024)
		return arena_printf(&r->arena, "%.1f MB", (double)bytes / (1024 * 1024));
	return arena_printf(&r->arena, "%lld KB", (long long)(bytes + 1023) / 1024);
}

/* The files of a notice or an article: photos as thumbnails, PDFs as
 * links; with a remove button for those who may edit (owner_path: the
 * notice's or the article's page). */
void notice_files(struct req *r, const struct attachment *v, size_t n, const char *owner_path)
{
	struct buf *b = &r->out;
	if (!n)
		return;
	page_section(r, "files", T(r, "Attached files"));
	html_raw(b, "<ul>");
	for (size_t i = 0; i < n; i++) {
		const char *href = link_file(r, v[i].file_id, NULL);
		html_raw(b, "<li>");
		if (v[i].has_thumb) {
			html_raw(b, "<figure><a href=\"");
			html_attr(b, href);
			html_raw(b, "\"><img src=\"");
			html_attr(b, link_file(r, v[i].file_id, "thumb"));
			html_raw(b, "\" alt=\"");
			html_attr(b, *v[i].caption ? v[i].caption : v[i].name);
			html_raw(b, "\" loading=\"lazy\"></a>");
			if (*v[i].caption) {
				html_raw(b, "<figcaption>");
				html_txt(b, v[i].caption);
				html_raw(b, "</figcaption>");
			}
			html_raw(b, "</figure>");
		} else {
			html_link(b, href, v[i].name);
			html_raw(b, " <span class=\"meta\">(PDF, ");
			html_txt(b, size_text(r, v[i].size));
			html_raw(b, ")</span>");
		}
		if (owner_path)
			form_button(r, link_file_remove(r, owner_path, v[i].file_id),
				    T(r, "Remove"), "inline secondary");
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
}

/* ---------------------------------------------------- duties and tools */

/* ------------------------------------------------------------ the duties */

static void duty_form(struct req *r, const struct notice *n, const struct notice_duty *d)
{
	form_begin(r,
		   link_notice_duty(r, n->id, channel_name(d->channel)),
		   "duty");
	html_raw(&r->out, "<label>");
	html_txt(&r->out, T(r, "Done on"));
	html_raw(&r->out, " <input type=\"date\" name=\"done_on\" value=\"");
	html_attr(&r->out, page_date_iso(r, time_local_date(r->ctx.now)));
	html_raw(&r->out, "\"></label><label>");
	html_txt(&r->out, T(r, "Note"));
	html_raw(&r->out, " <input name=\"note\" maxlength=\"500\"></label><button type=\"submit\">");
	html_txt(&r->out, T(r, "Mark done"));
	html_raw(&r->out, "</button>");
	form_end(r);
}

static void duty_row(struct req *r, const struct notice *n, const struct notice_duty *d)
{
	struct buf *b = &r->out;
	html_raw(b, d->overdue ? "<tr class=\"overdue\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
	html_txt(b, T(r, channel_label(d->channel)));
	if (d->days > 1) {
		html_raw(b, " <span class=\"meta\">");
		html_txtf(b, T(r, "(%d consecutive days)"), d->days);
		html_raw(b, "</span>");
	}
	html_raw(b, "</th><td><span class=\"m-only\">");
	html_txt(b, T(r, "Due by"));
	html_raw(b, " </span>");
	html_txt(b, page_date(r, d->due_date));
	html_raw(b, "</td><td>");
	if (d->done_on) {
		html_raw(b, "<span class=\"done\"><span class=\"m-only\">");
		html_txt(b, T(r, "Done"));
		html_raw(b, " </span>");
		html_txt(b, d->days > 1 ? arena_printf(&r->arena, "%s – %s", page_date(r, d->done_on),
						       page_date(r, date_add_days(d->done_on,
										  d->days - 1)))
					: page_date(r, d->done_on));
		html_raw(b, "</span>");
		if (*d->done_by) {
			html_raw(b, " · ");
			html_txt(b, d->done_by);
		}
		if (*d->note) {
			html_raw(b, " · ");
			html_txt(b, d->note);
		}
	} else {
		html_raw(b, d->overdue ? "<strong class=\"late\">" : "<span>");
		html_txt(b, d->overdue ? T(r, "Overdue") : T(r, "Not done yet"));
		html_raw(b, d->overdue ? "</strong>" : "</span>");
		if (n->may_edit && n->status == NOTICE_PUBLISHED)
			duty_form(r, n, d);
	}
	if (d->channel == CH_SMS && n->may_edit && n->status == NOTICE_PUBLISHED) {
		html_raw(b, " <a class=\"sms\" href=\"");
		html_attr(b, link_notice(r, n->id, "sms"));
		html_raw(b, "\">");
		html_txt(b, T(r, "Text the households: preview and send"));
		html_raw(b, "</a>");
	}
	html_raw(b, "</td></tr>");
}

int notice_duty_section(struct req *r, const struct notice *n)
{
	struct buf *b = &r->out;
	struct notice_duty *d;
	size_t nd;
	if (n->status == NOTICE_DRAFT)
		return 0;
	int rc = notice_duties(&r->ctx, n->id, &d, &nd);
	if (rc || !nd)
		return rc;
	html_raw(b, "<section class=\"duties\"><h2>");
	html_txt(b, T(r, "Duties of disclosure"));
	html_raw(b, "</h2><p class=\"hint\">");
	html_txtf(b, T(r, "The law asks that this notice stay posted at least %d days and go "
			  "through these channels."),
		  n->min_days);
	html_raw(b, "</p><table class=\"list\"><thead><tr><th scope=\"col\">");
	html_txt(b, T(r, "Channel"));
	html_raw(b, "</th><th scope=\"col\">");
	html_txt(b, T(r, "Due by"));
	html_raw(b, "</th><th scope=\"col\">");
	html_txt(b, T(r, "Done"));
	html_raw(b, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < nd; i++)
		duty_row(r, n, &d[i]);
	html_raw(b, "</tbody></table></section>");
	return 0;
}

/* -------------------------------------------------------- officer tools */

static void upload_form(struct req *r, const struct notice *n, const struct form_errors *fe)
{
	form_begin_upload(r, link_notice(r, n->id, "files"), "stacked upload");
	form_file(r,
		  &(struct field){.name = "file",
				  .label = T(r, "Attach a file"),
				  .hint = T(r, "A PDF or a photo (JPEG, PNG, WebP), up to 20 MB. "
					       "Photos lose their location and camera data."),
				  .required = 1},
		  ".pdf,application/pdf,image/jpeg,image/png,image/webp", fe);
	form_submit(r, T(r, "Attach"));
	form_end(r);
}

static void archive_tool(struct req *r, const struct notice *n)
{
	int32_t first = notice_archivable_on(n);
	if (time_local_date(r->ctx.now) >= first) {
		form_button(r, link_notice(r, n->id, "archive"), T(r, "Archive"),
			    "inline secondary");
		return;
	}
	html_raw(&r->out, "<span class=\"hint\">");
	html_txtf(&r->out, T(r, "It may be archived from %s."), page_date(r, first));
	html_raw(&r->out, "</span>");
}

void notice_officer_tools(struct req *r, const struct notice *n, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	html_raw(b, "<section class=\"tools\"><h2>");
	html_txt(b, T(r, "Manage this notice"));
	html_raw(b, "</h2><div class=\"row\">");
	html_link(b, link_notice(r, n->id, "edit"), T(r, "Edit"));
	if (n->status == NOTICE_DRAFT)
		form_button(r, link_notice(r, n->id, "publish"), T(r, "Publish"),
			    "inline primary");
	else
		archive_tool(r, n);
	html_raw(b, "</div>");
	upload_form(r, n, fe);
	html_raw(b, "</section>");
}

void notice_cache_scope(struct req *r, const struct notice *n)
{
	if (n->ward_id)
		page_cache_scope(r, n->ward_id);
}

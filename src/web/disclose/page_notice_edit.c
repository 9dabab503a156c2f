/*
 * What officials do with a notice: write and edit it, publish and archive
 * it, attach files, tick its duties; and a household's "đã biết". Every
 * refusal shows the notice again with the error next to what caused it.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/disclose/attachment.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/disclose/reach.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/disclose/disclose_impl.h"

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

static void tools(struct req *r, const struct notice *n, const struct form_errors *fe)
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

void notice_officer_tools(struct req *r, const struct notice *n)
{
	tools(r, n, NULL);
}

/* The notice again, with the errors of a refused action on top. */
static int show_with_errors(struct req *r, int64_t id, struct form_errors *fe, int rc)
{
	struct notice n;
	struct attachment *files;
	size_t nfiles;
	int status = dv_err_http_status(rc);
	if (!dv_err_is_user(rc) || rc == DV_ENOTFOUND || rc == DV_EPERM)
		return rc;
	struct dv_err saved = r->ctx.err;
	int rc2 = notice_get(&r->ctx, id, &n);
	if (rc2 || (rc2 = attachment_list(&r->ctx, &notice_attach, id, &files, &nfiles))) {
		r->ctx.err = saved;
		return rc;
	}
	layout_begin(r, n.title);
	r->status = status;
	form_summary(r, fe);
	html_raw(&r->out, "<p class=\"crumbs-back\">");
	html_link(&r->out, link_notice(r, n.id, NULL), n.title);
	html_raw(&r->out, "</p>");
	page_heading(r, n.title);
	notice_files(r, files, nfiles, NULL);
	if ((rc2 = notice_duty_section(r, &n)))
		return rc2;
	if (n.may_edit)
		tools(r, &n, fe);
	layout_end(r);
	return 0;
}

static int refused(struct req *r, int64_t id, int rc)
{
	struct form_errors fe = {0};
	form_domain_error(r, &fe, rc);
	return show_with_errors(r, id, &fe, rc);
}

/* ---------------------------------------------------------------- forms */

static void notice_fields(struct req *r, const struct notice *n, const struct form_errors *fe)
{
	int published = n && n->status == NOTICE_PUBLISHED;
	const char *v;
	int64_t cat = (v = req_form(r, "category")) ? strtoll(v, NULL, 10) : n ? n->category_id : 0;
	if (!published)
		notice_category_select(r, "category", T(r, "Kind of information"), cat,
				       T(r, "Choose…"), fe);
	else
		form_hidden(r, "category", arena_printf(&r->arena, "%lld", (long long)cat));
	form_input(r,
		   &(struct field){.name = "title",
				   .label = T(r, "Title"),
				   .value = (v = req_form(r, "title")) ? v : n ? n->title : "",
				   .required = 1,
				   .maxlength = NOTICE_TITLE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "body",
				      .label = T(r, "Text"),
				      .value = (v = req_form(r, "body")) ? v : n ? n->body : "",
				      .hint = T(r, "Write as in a letter. A line starting with "
						   "# is a heading, with - a list item; "
						   "**word** is bold."),
				      .required = 1,
				      .maxlength = NOTICE_BODY_MAX},
		      14, fe);
	if (!published)
		form_input(r,
			   &(struct field){.name = "visible_from",
					   .label = T(r, "Posted from"),
					   .value = (v = req_form(r, "visible_from"))
							    ? v
							    : page_date_iso(r, n ? n->visible_from
										 : time_local_date(r->ctx.now)),
					   .type = "date",
					   .hint = T(r, "The first day of the posting period")},
			   fe);
	form_input(r,
		   &(struct field){.name = "visible_until",
				   .label = T(r, "Posted until"),
				   .value = (v = req_form(r, "visible_until"))
						    ? v
						    : page_date_iso(r, n ? n->visible_until : 0),
				   .type = "date",
				   .hint = T(r, "Leave empty if it stays posted until it is archived")},
		   fe);
	if (published)
		form_input(r,
			   &(struct field){.name = "note",
					   .label = T(r, "What changed, and why"),
					   .value = req_form(r, "note"),
					   .hint = T(r, "Shown to everyone in the notice's history"),
					   .maxlength = NOTICE_NOTE_MAX},
			   fe);
}

static int new_form(struct req *r, const struct unit *u, const struct form_errors *fe, int status)
{
	const char *title = arena_printf(&r->arena, "%s: %s %s", T(r, "New notice"),
					 T(r, unit_kind_label(u->kind)), u->name);
	layout_begin(r, title);
	r->status = status;
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, link_unit(r, u->id, "notices"), "stacked");
	notice_fields(r, NULL, fe);
	form_submit(r, T(r, "Save the draft"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int publishing_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_PUBLISH_NOTICES, u->id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_notice_new(struct req *r)
{
	struct unit u;
	int rc = publishing_unit(r, &u);
	return rc ? rc : new_form(r, &u, NULL, 200);
}

static void read_input(struct req *r, struct notice_input *in)
{
	const char *cat = req_form(r, "category");
	memset(in, 0, sizeof(*in));
	in->category_id = cat ? strtoll(cat, NULL, 10) : 0;
	in->title = req_form(r, "title");
	in->body = req_form(r, "body");
	in->visible_from = req_form(r, "visible_from");
	in->visible_until = req_form(r, "visible_until");
	in->note = req_form(r, "note");
}

int page_notice_create(struct req *r)
{
	struct unit u;
	struct notice_input in;
	struct form_errors fe = {0};
	int64_t id;
	int rc = publishing_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	in.unit_id = u.id;
	if ((rc = notice_create(&r->ctx, &in, &id))) {
		if (!dv_err_is_user(rc) || rc == DV_EPERM)
			return rc;
		form_domain_error(r, &fe, rc);
		return new_form(r, &u, &fe, dv_err_http_status(rc));
	}
	res_redirect(r, link_notice(r, id, NULL));
	return 0;
}

static int edit_form(struct req *r, const struct notice *n, const struct form_errors *fe,
		     int status)
{
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Edit"), n->title);
	layout_begin(r, title);
	r->status = status;
	page_heading(r, title);
	if (n->status == NOTICE_PUBLISHED)
		page_note(r, "banner",
			  T(r, "This notice is published: saving makes a new version, and the "
			       "old one stays in its public history."));
	form_summary(r, fe);
	form_begin(r, link_notice(r, n->id, NULL), "stacked");
	notice_fields(r, n, fe);
	form_submit(r, n->status == NOTICE_PUBLISHED ? T(r, "Publish the new version")
						      : T(r, "Save the draft"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int editable(struct req *r, struct notice *n)
{
	int rc = notice_get(&r->ctx, r->params[0], n);
	if (rc)
		return rc;
	if (!n->may_edit)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_notice_edit(struct req *r)
{
	struct notice n;
	int rc = editable(r, &n);
	return rc ? rc : edit_form(r, &n, NULL, 200);
}

int page_notice_update(struct req *r)
{
	struct notice n;
	struct notice_input in;
	struct form_errors fe = {0};
	int rc = editable(r, &n);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	if ((rc = notice_update(&r->ctx, n.id, &in))) {
		if (!dv_err_is_user(rc) || rc == DV_EPERM || rc == DV_ENOTFOUND)
			return rc;
		form_domain_error(r, &fe, rc);
		return edit_form(r, &n, &fe, dv_err_http_status(rc));
	}
	res_redirect(r, link_notice(r, n.id, NULL));
	return 0;
}

/* ------------------------------------------------------------- actions */

static int after(struct req *r, int64_t id, int rc)
{
	if (rc)
		return refused(r, id, rc);
	res_redirect(r, link_notice(r, id, NULL));
	return 0;
}

int page_notice_publish(struct req *r)
{
	return after(r, r->params[0], notice_publish(&r->ctx, r->params[0]));
}

int page_notice_archive(struct req *r)
{
	return after(r, r->params[0], notice_archive(&r->ctx, r->params[0]));
}

int page_notice_duty(struct req *r)
{
	enum channel c;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	if (channel_parse(r->sparam, &c, &r->ctx.err))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return after(r, r->params[0],
		     notice_duty_done(&r->ctx, r->params[0], c, req_form(r, "done_on"),
				      req_form(r, "note")));
}

int page_notice_ack(struct req *r)
{
	int already;
	return after(r, r->params[0], reach_ack(&r->ctx, r->params[0], &already));
}

int page_notice_file_add(struct req *r)
{
	const struct mp_part *file;
	int64_t fid;
	int rc = form_upload(r, &file);
	if (!rc)
		rc = attachment_add(&r->ctx, &notice_attach, r->params[0], file->filename,
				    file->data, file->len, NULL, &fid);
	return after(r, r->params[0], rc);
}

int page_notice_file_remove(struct req *r)
{
	return after(r, r->params[0],
		     attachment_remove(&r->ctx, &notice_attach, r->params[0], r->params[1]));
}

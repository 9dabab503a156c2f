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

/* Notice r->params[0] again, with the errors of a refused action on top
 * (a form_page_fn). */
static int notice_again(struct req *r, const struct form_errors *fe, int status)
{
	struct notice n;
	struct attachment *files;
	size_t nfiles;
	int64_t id = r->params[0];
	int rc2 = notice_get(&r->ctx, id, &n);
	if (rc2 || (rc2 = attachment_list(&r->ctx, &notice_attach, id, &files, &nfiles)))
		return rc2;
	layout_begin(r, n.title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_notice(r, n.id, NULL), n.title);
	page_heading(r, n.title);
	notice_files(r, files, nfiles, NULL);
	if ((rc2 = notice_duty_section(r, &n)))
		return rc2;
	if (n.may_edit)
		notice_officer_tools(r, &n, fe);
	layout_end(r);
	return 0;
}

/* ---------------------------------------------------------------- forms */

static void notice_fields(struct req *r, const struct notice *n, const struct form_errors *fe)
{
	int published = n && n->status == NOTICE_PUBLISHED;
	const char *v;
	int64_t cat = n ? n->category_id : 0;
	if (req_form(r, "category"))
		req_form_id(r, "category", &cat); /* shown again as typed: a bad one was refused */
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
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "New notice"),
					 unit_title(&r->arena, r->ctx.lang, u->kind, u->name));
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

/* The form's fields; DV_EINVAL (shown at the field) for a category that is
 * not an id. */
static int read_input(struct req *r, struct notice_input *in)
{
	memset(in, 0, sizeof(*in));
	int rc = req_form_id(r, "category", &in->category_id);
	in->title = req_form(r, "title");
	in->body = req_form(r, "body");
	in->visible_from = req_form(r, "visible_from");
	in->visible_until = req_form(r, "visible_until");
	in->note = req_form(r, "note");
	return rc;
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
	if (!(rc = read_input(r, &in))) {
		in.unit_id = u.id;
		rc = notice_create(&r->ctx, &in, &id);
	}
	int status = form_mendable(r, rc, &fe);
	if (status)
		return new_form(r, &u, &fe, status);
	if (rc)
		return rc;
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
	if (!(rc = read_input(r, &in)))
		rc = notice_update(&r->ctx, n.id, &in);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return edit_form(r, &n, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_notice(r, n.id, NULL));
	return 0;
}

/* ------------------------------------------------------------- actions */

/* After an action on notice r->params[0]: back to it, or it again with
 * the refusal on top. */
static int after(struct req *r, int rc)
{
	return form_after(r, rc, notice_again, link_notice(r, r->params[0], NULL));
}

int page_notice_publish(struct req *r)
{
	return after(r, notice_publish(&r->ctx, r->params[0]));
}

int page_notice_archive(struct req *r)
{
	return after(r, notice_archive(&r->ctx, r->params[0]));
}

int page_notice_duty(struct req *r)
{
	enum channel c;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	if (channel_parse(r->sparam, &c, &r->ctx.err))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return after(r,
		     notice_duty_done(&r->ctx, r->params[0], c, req_form(r, "done_on"),
				      req_form(r, "note")));
}

int page_notice_ack(struct req *r)
{
	int already;
	return after(r, reach_ack(&r->ctx, r->params[0], &already));
}

int page_notice_file_add(struct req *r)
{
	const struct mp_part *file;
	int64_t fid;
	int rc = form_upload(r, &file);
	if (!rc)
		rc = attachment_add(&r->ctx, &notice_attach, r->params[0], file->filename,
				    file->data, file->len, NULL, &fid);
	return after(r, rc);
}

int page_notice_file_remove(struct req *r)
{
	return after(r,
		     attachment_remove(&r->ctx, &notice_attach, r->params[0], r->params[1]));
}

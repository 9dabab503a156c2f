/*
 * News: the list with its search, one article with its photos, and the
 * forms those who write news use.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/disclose/article.h"
#include "domain/disclose/attachment.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/disclose/disclose_impl.h"

#define LIST_SIZE 20

static const char **section_options(struct req *r, const char *first)
{
	const char **opt = arena_array(&r->arena, const char *, 2 * SEC_COUNT + 3);
	size_t k = 0;
	if (first) {
		opt[k++] = "";
		opt[k++] = first;
	}
	for (int s = 0; s < SEC_COUNT; s++) {
		opt[k++] = article_section_name((enum article_section)s);
		opt[k++] = T(r, article_section_label((enum article_section)s));
	}
	opt[k] = NULL;
	return opt;
}

/* ------------------------------------------------------------------ list */

/* Read the list's filters from the query: DV_EINVAL naming the parameter
 * for a value that is not one (an empty one, or the id 0, reads as none). */
static int read_filter(struct req *r, struct article_filter *f)
{
	int64_t drafts = 0;
	memset(f, 0, sizeof(*f));
	f->section = -1;
	int rc = req_query_int(r, "unit", 0, REQ_ID_MAX, 0, &f->unit_id);
	if (!rc)
		rc = req_query_enum(r, "section", article_section_names, SEC_COUNT, &f->section);
	if (!rc)
		rc = req_query_date(r, "from", &f->from);
	if (!rc)
		rc = req_query_date(r, "to", &f->to);
	if (!rc)
		rc = req_query_int(r, "drafts", 0, 1, 0, &drafts);
	f->drafts = drafts == 1;
	f->query = req_query(r, "q");
	return rc;
}

static const char *filter_href(struct req *r, const char *path, const struct article_filter *f)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, path);
	char sep = '?';
	if (f->unit_id)
		buf_addf(&b, "%cunit=%lld", sep, (long long)f->unit_id), sep = '&';
	if (f->section >= 0)
		buf_addf(&b, "%csection=%s", sep,
			 article_section_name((enum article_section)f->section)),
			sep = '&';
	if (f->from)
		buf_addf(&b, "%cfrom=%s", sep, page_date_iso(r, f->from)), sep = '&';
	if (f->to)
		buf_addf(&b, "%cto=%s", sep, page_date_iso(r, f->to)), sep = '&';
	if (f->drafts)
		buf_addf(&b, "%cdrafts=1", sep), sep = '&';
	if (f->query && *f->query) {
		buf_addf(&b, "%cq=", sep);
		html_url_arg(&b, f->query);
	}
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

static void filter_form(struct req *r, const struct article_filter *f)
{
	html_raw(&r->out, "<form method=\"get\" action=\"/news\" class=\"filters\" role=\"search\">");
	if (f->unit_id)
		form_hidden(r, "unit", arena_printf(&r->arena, "%lld", (long long)f->unit_id));
	form_input(r,
		   &(struct field){.name = "q",
				   .label = T(r, "Search"),
				   .value = f->query,
				   .type = "search",
				   .maxlength = 100},
		   NULL);
	form_select(r, "section", T(r, "Section"),
		    f->section >= 0 ? article_section_name((enum article_section)f->section) : "",
		    section_options(r, T(r, "All sections")), NULL);
	form_submit(r, T(r, "Show"));
	html_raw(&r->out, "</form>");
}

static void article_item(struct req *r, const struct article *a)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><article class=\"item news\">");
	if (a->photo_id) {
		html_raw(b, "<img src=\"");
		html_attr(b, link_file(r, a->photo_id, "thumb"));
		html_raw(b, "\" alt=\"\" loading=\"lazy\">");
	}
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, article_section_label(a->section)));
	html_raw(b, "</p><h2>");
	html_link(b, link_article(r, a->id, NULL), a->title);
	html_raw(b, "</h2><p class=\"meta\">");
	html_txt(b, page_time(r, a->published_at ? a->published_at : a->updated_at));
	html_raw(b, " · ");
	html_txt(b, a->unit_name);
	html_raw(b, "</p><p>");
	html_txt(b, a->lead);
	html_raw(b, "</p></article></li>");
}

int page_news(struct req *r)
{
	struct article_filter f;
	struct article *v;
	struct unit u;
	size_t n;
	int more;
	int64_t page;
	int rc = read_filter(r, &f);
	if (rc || (rc = page_number(r, 10000, &page)))
		return rc;
	if (f.unit_id && unit_get(&r->ctx, f.unit_id, &u))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such unit");
	rc = article_list(&r->ctx, &f, (page - 1) * LIST_SIZE, LIST_SIZE, &v, &n, &more);
	if (rc == DV_EPERM)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	if (rc)
		return rc;
	const char *title = f.drafts ? T(r, "Draft articles") : T(r, "News");
	if (f.unit_id)
		title = arena_printf(&r->arena, "%s: %s", title, unit_title(&r->arena, r->ctx.lang, u.kind, u.name));
	layout_begin(r, title);
	page_heading(r, title);
	html_raw(&r->out, "<p class=\"links\">");
	html_link(&r->out,
		  filter_href(r, "/feeds/news.atom",
			      &(struct article_filter){.unit_id = f.unit_id, .section = f.section}),
		  T(r, "Follow the news (Atom feed)"));
	if (f.unit_id && perm_may(&r->ctx, ACT_PUBLISH_NEWS, f.unit_id)) {
		struct article_filter g = f;
		g.drafts = 1;
		html_link(&r->out, filter_href(r, "/news", &g), T(r, "Drafts"));
		html_link(&r->out, link_unit(r, f.unit_id, "news/new"),
			  T(r, "Write an article"));
	}
	html_raw(&r->out, "</p>");
	filter_form(r, &f);
	if (n) {
		html_raw(&r->out, "<ul class=\"items\">");
		for (size_t i = 0; i < n; i++)
			article_item(r, &v[i]);
		html_raw(&r->out, "</ul>");
	} else {
		page_note(r, "empty",
			  f.query && *f.query ? T(r, "No article matches this search.")
					      : T(r, "No articles here yet."));
	}
	page_pager(r, filter_href(r, "/news", &f), page, more);
	layout_end(r);
	return 0;
}

/* ----------------------------------------------------------- one article */

static void photo_form(struct req *r, const struct article *a, const struct form_errors *fe)
{
	form_begin_upload(r, link_article(r, a->id, "files"), "stacked upload");
	form_file(r,
		  &(struct field){.name = "file",
				  .label = T(r, "Add a photo or a PDF"),
				  .hint = T(r, "Up to 20 MB. Photos lose their location and camera "
					       "data."),
				  .required = 1},
		  "image/jpeg,image/png,image/webp,.pdf,application/pdf", fe);
	form_input(r,
		   &(struct field){.name = "caption",
				   .label = T(r, "Caption"),
				   .value = req_form(r, "caption"),
				   .maxlength = ATTACH_CAPTION_MAX},
		   fe);
	form_submit(r, T(r, "Add"));
	form_end(r);
}

static void article_tools(struct req *r, const struct article *a, const struct form_errors *fe)
{
	html_raw(&r->out, "<section class=\"tools\"><h2>");
	html_txt(&r->out, T(r, "Manage this article"));
	html_raw(&r->out, "</h2><div class=\"row\">");
	html_link(&r->out, link_article(r, a->id, "edit"), T(r, "Edit"));
	if (a->published)
		form_button(r, link_article(r, a->id, "withdraw"), T(r, "Withdraw"),
			    "inline secondary");
	else
		form_button(r, link_article(r, a->id, "publish"), T(r, "Publish"),
			    "inline primary");
	html_raw(&r->out, "</div>");
	photo_form(r, a, fe);
	html_raw(&r->out, "</section>");
}

static int article_page(struct req *r, const struct form_errors *fe, int status)
{
	struct article a;
	struct attachment *files;
	size_t nfiles;
	int rc = article_get(&r->ctx, r->params[0], &a);
	if (rc || (rc = attachment_list(&r->ctx, &article_attach, a.id, &files, &nfiles)))
		return rc;
	struct buf *b = &r->out;
	layout_begin(r, a.title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, "/news", T(r, "News"));
	html_raw(b, "<article class=\"news\"><p class=\"kicker\">");
	html_txt(b, T(r, article_section_label(a.section)));
	html_raw(b, "</p>");
	page_heading(r, a.title);
	html_raw(b, "<p class=\"meta\">");
	html_txt(b, page_time(r, a.published_at ? a.published_at : a.updated_at));
	html_raw(b, " · ");
	html_link(b, link_unit(r, a.unit_id, NULL), a.unit_name);
	html_raw(b, "</p>");
	if (!a.published)
		page_note(r, "banner", T(r, "Draft: not public yet."));
	if (*a.lead)
		page_note(r, "lead", a.lead);
	html_raw(b, "<div class=\"prose\">");
	html_markdown(b, a.body);
	html_raw(b, "</div>");
	notice_files(r, files, nfiles,
		     a.may_edit ? link_article(r, a.id, NULL) : NULL);
	html_raw(b, "<p class=\"byline\">");
	html_txt(b, a.byline);
	html_raw(b, "</p></article>");
	if (a.may_edit)
		article_tools(r, &a, fe);
	layout_end(r);
	return 0;
}

int page_article(struct req *r)
{
	return article_page(r, NULL, 200);
}

/* ---------------------------------------------------------------- forms */

static void article_fields(struct req *r, const struct article *a, const struct form_errors *fe)
{
	const char *v;
	form_select(r, "section", T(r, "Section"),
		    (v = req_form(r, "section")) ? v
		    : a			    ? article_section_name(a->section)
					    : "",
		    section_options(r, T(r, "Choose…")), fe);
	form_input(r,
		   &(struct field){.name = "title",
				   .label = T(r, "Title"),
				   .value = (v = req_form(r, "title")) ? v : a ? a->title : "",
				   .required = 1,
				   .maxlength = ARTICLE_TITLE_MAX},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "lead",
				      .label = T(r, "Lead"),
				      .value = (v = req_form(r, "lead")) ? v : a ? a->lead : "",
				      .hint = T(r, "One or two sentences that say what happened"),
				      .maxlength = ARTICLE_LEAD_MAX},
		      3, fe);
	form_textarea(r,
		      &(struct field){.name = "body",
				      .label = T(r, "Text"),
				      .value = (v = req_form(r, "body")) ? v : a ? a->body : "",
				      .required = 1,
				      .maxlength = ARTICLE_BODY_MAX},
		      16, fe);
	form_input(r,
		   &(struct field){.name = "byline",
				   .label = T(r, "Byline"),
				   .value = (v = req_form(r, "byline"))
						    ? v
						    : a ? a->byline : r->ctx.actor->display_name,
				   .required = 1,
				   .maxlength = ARTICLE_BYLINE_MAX},
		   fe);
}

static int article_form(struct req *r, int64_t unit_id, const struct article *a,
			const struct form_errors *fe, int status)
{
	const char *title = a ? arena_printf(&r->arena, "%s: %s", T(r, "Edit"), a->title)
			      : T(r, "Write an article");
	layout_begin(r, title);
	r->status = status;
	page_heading(r, title);
	form_summary(r, fe);
	form_begin(r, a ? link_article(r, a->id, NULL) : link_unit(r, unit_id, "news"),
		   "stacked");
	article_fields(r, a, fe);
	form_submit(r, T(r, "Save"));
	form_end(r);
	layout_end(r);
	return 0;
}

static int writing_unit(struct req *r, struct unit *u)
{
	int rc = unit_get(&r->ctx, r->params[0], u);
	if (rc)
		return rc;
	if (!perm_may(&r->ctx, ACT_PUBLISH_NEWS, u->id))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

static void read_input(struct req *r, struct article_input *in)
{
	memset(in, 0, sizeof(*in));
	in->section = req_form(r, "section");
	in->title = req_form(r, "title");
	in->lead = req_form(r, "lead");
	in->body = req_form(r, "body");
	in->byline = req_form(r, "byline");
}

int page_article_new(struct req *r)
{
	struct unit u;
	int rc = writing_unit(r, &u);
	return rc ? rc : article_form(r, u.id, NULL, NULL, 200);
}

int page_article_create(struct req *r)
{
	struct unit u;
	struct article_input in;
	struct form_errors fe = {0};
	int64_t id;
	int rc = writing_unit(r, &u);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	in.unit_id = u.id;
	rc = article_create(&r->ctx, &in, &id);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return article_form(r, u.id, NULL, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_article(r, id, NULL));
	return 0;
}

static int editable(struct req *r, struct article *a)
{
	int rc = article_get(&r->ctx, r->params[0], a);
	if (rc)
		return rc;
	if (!a->may_edit)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	return 0;
}

int page_article_edit(struct req *r)
{
	struct article a;
	int rc = editable(r, &a);
	return rc ? rc : article_form(r, a.unit_id, &a, NULL, 200);
}

int page_article_update(struct req *r)
{
	struct article a;
	struct article_input in;
	struct form_errors fe = {0};
	int rc = editable(r, &a);
	if (rc || (rc = req_form_parse(r)))
		return rc;
	read_input(r, &in);
	rc = article_update(&r->ctx, a.id, &in);
	int status = form_mendable(r, rc, &fe);
	if (status)
		return article_form(r, a.unit_id, &a, &fe, status);
	if (rc)
		return rc;
	res_redirect(r, link_article(r, a.id, NULL));
	return 0;
}

static int after(struct req *r, int rc)
{
	return form_after(r, rc, article_page, link_article(r, r->params[0], NULL));
}

int page_article_publish(struct req *r)
{
	return after(r, article_publish(&r->ctx, r->params[0], 1));
}

int page_article_withdraw(struct req *r)
{
	return after(r, article_publish(&r->ctx, r->params[0], 0));
}

int page_article_file_add(struct req *r)
{
	const struct mp_part *file, *caption;
	struct mp_part *parts;
	size_t nparts;
	int64_t fid;
	int rc = form_upload(r, &file);
	if (!rc && !(rc = req_multipart(r, &parts, &nparts))) {
		caption = multipart_find(parts, nparts, "caption");
		rc = attachment_add(&r->ctx, &article_attach, r->params[0], file->filename,
				    file->data, file->len, form_part_text(caption), &fid);
	}
	return after(r, rc);
}

int page_article_file_remove(struct req *r)
{
	return after(r, attachment_remove(&r->ctx, &article_attach, r->params[0], r->params[1]));
}

#include "web/layout.h"

#include <string.h>

#include "base/i18n.h"
#include "base/log.h"
#include "domain/notify_event.h"
#include "web/form.h"
#include "web/html.h"
#include "web/link.h"
#include "web/metrics.h"

/* The account menu (or the login link) and a link to the same page in the
 * other language. */
static void site_nav(struct req *r)
{
	struct buf *b = &r->out;
	int vi = strcmp(r->ctx.lang, "vi") == 0;
	html_raw(b, "<nav class=\"site-nav\" aria-label=\"");
	html_attr(b, T(r, "Account and language"));
	html_raw(b, "\">");
	if (r->ctx.actor->account_id) {
		html_link(b, "/me", r->ctx.actor->display_name);
		int64_t unread = notify_unread(&r->ctx, r->ctx.actor->account_id);
		html_raw(b, "<a class=\"notifications\" href=\"");
		html_attr(b, link_me_notifications(r));
		html_raw(b, "\">");
		if (unread) /* "Thông báo (3 chưa đọc)" */
			html_txtf(b, T(r, "Notifications (%lld unread)"), (long long)unread);
		else
			html_txt(b, T(r, "Notifications"));
		html_raw(b, "</a>");
		html_link(b, "/account", T(r, "Account"));
		form_button(r, "/logout", T(r, "Log out"), "inline logout");
	} else if (strcmp(r->path, "/login") != 0) {
		html_link(b, "/login", T(r, "Log in"));
	}
	/* relative to this page: never a path someone else typed */
	html_raw(b, vi ? "<a href=\"?lang=en\" lang=\"en\" hreflang=\"en\">English</a>"
		       : "<a href=\"?lang=vi\" lang=\"vi\" hreflang=\"vi\">Tiếng Việt</a>");
	html_raw(b, "</nav>");
}

/* The public sections of the site. */
static void sections_nav(struct req *r)
{
	struct buf *b = &r->out;
	html_raw(b, "<nav class=\"sections\" aria-label=\"");
	html_attr(b, T(r, "Sections"));
	html_raw(b, "\">");
	html_link(b, "/notices", T(r, "Public notices"));
	html_link(b, "/news", T(r, "News"));
	html_link(b, "/matters", T(r, "Decide together"));
	html_link(b, "/consultations", T(r, "Comment on drafts"));
	html_link(b, "/reports", T(r, "Reports"));
	html_raw(b, "</nav>");
}

void layout_begin(struct req *r, const char *title)
{
	struct buf *b = &r->out;
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	html_raw(b, "<!doctype html>\n<html lang=\"");
	html_attr(b, r->ctx.lang);
	html_raw(b, "\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>");
	html_txt(b, title);
	html_raw(b, " · danvan</title><meta name=\"description\" content=\"");
	html_attr(b, title);
	html_attr(b, " – ");
	html_attr(b, T(r, "danvan: grassroots democracy and community mobilization"));
	html_raw(b, "\"><link rel=\"icon\" href=\"");
	html_attr(b, layout_icon());
	html_raw(b, "\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"");
	html_attr(b, layout_stylesheet());
	html_raw(b, "\"></head>\n<body><header class=\"site\"><a class=\"brand\" "
		    "href=\"/\">danvan</a>");
	/* one menu: folded behind its button on phones (a <details>, so it
	 * works without a script), laid out in the bar on wider screens */
	html_raw(b, "<details class=\"menu\"><summary>");
	html_txt(b, T(r, "Menu"));
	html_raw(b, "</summary><div class=\"menu-body\">");
	sections_nav(r);
	site_nav(r);
	html_raw(b, "</div></details></header>\n<main>");
}

void layout_end(struct req *r)
{
	struct buf *b = &r->out;
	html_raw(b, "</main>\n<footer class=\"site\">");
	html_txt(b, T(r, "danvan: grassroots democracy and community mobilization"));
	html_raw(b, "</footer></body></html>\n");
}

void layout_error_status(struct req *r, int status, const char *message)
{
	const char *title = status == 404   ? T(r, "Page not found")
			    : status == 403 ? T(r, "Not allowed")
			    : status == 405 ? T(r, "Method not allowed")
			    : status < 500  ? T(r, "The request was refused")
					    : T(r, "Something went wrong");
	buf_reset(&r->out);
	layout_begin(r, title);
	r->status = status;
	html_raw(&r->out, "<div class=\"error-page\"><h1>");
	html_txt(&r->out, title);
	html_raw(&r->out, "</h1><p>");
	html_txt(&r->out, message);
	html_raw(&r->out, "</p><p>");
	html_link(&r->out, "/", T(r, "Back to the home page"));
	html_raw(&r->out, "</p></div>");
	layout_end(r);
}

void layout_error(struct req *r, int rc)
{
	int status = dv_err_http_status(rc);
	if (dv_err_is_user(rc)) {
		layout_error_status(r, status, r->ctx.err.msg);
		return;
	}
	log_error("%s %s: %s (%s)", r->method, r->path, r->ctx.err.msg, dv_err_name(rc));
	if (rc == DV_EDB)
		metrics_db_error();
	layout_error_status(r, 500,
			    T(r, "The server could not answer this request. Please try again "
				 "in a moment."));
}

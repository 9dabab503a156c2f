#include "web/layout.h"

#include <string.h>

#include "base/log.h"
#include "web/html.h"

/* A link to the same page in the other language. */
static void language_switch(struct req *r)
{
	int vi = strcmp(r->ctx.lang, "vi") == 0;
	html_raw(&r->body, "<nav aria-label=\"");
	html_attr(&r->body, T(r, "Language"));
	html_raw(&r->body, "\"><a href=\"");
	html_attr(&r->body, r->path);
	html_raw(&r->body, vi ? "?lang=en\" lang=\"en\" hreflang=\"en\">English</a>"
			      : "?lang=vi\" lang=\"vi\" hreflang=\"vi\">Tiếng Việt</a>");
	html_raw(&r->body, "</nav>");
}

void layout_begin(struct req *r, const char *title)
{
	struct buf *b = &r->body;
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	html_raw(b, "<!doctype html>\n<html lang=\"");
	html_attr(b, r->ctx.lang);
	html_raw(b, "\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>");
	html_txt(b, title);
	html_raw(b, " · danvan</title><link rel=\"stylesheet\" href=\"");
	html_attr(b, layout_stylesheet());
	html_raw(b, "\"></head>\n<body><header class=\"site\"><a class=\"brand\" "
		    "href=\"/\">danvan</a>");
	language_switch(r);
	html_raw(b, "</header>\n<main>");
}

void layout_end(struct req *r)
{
	struct buf *b = &r->body;
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
	buf_reset(&r->body);
	layout_begin(r, title);
	r->status = status;
	html_raw(&r->body, "<div class=\"error-page\"><h1>");
	html_txt(&r->body, title);
	html_raw(&r->body, "</h1><p>");
	html_txt(&r->body, message);
	html_raw(&r->body, "</p><p>");
	html_link(&r->body, "/", T(r, "Back to the home page"));
	html_raw(&r->body, "</p></div>");
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
	layout_error_status(r, 500,
			    T(r, "The server could not answer this request. Please try again "
				 "in a moment."));
}

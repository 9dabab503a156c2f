/*
 * Attached files, as stored: a public file may be cached by anyone for a
 * year (a file never changes under its id); a file of a draft is private.
 */
#include <string.h>

#include "domain/disclose/attachment.h"
#include "web/html.h"
#include "web/disclose/disclose_impl.h"

/* Content-Disposition with the name in RFC 5987 form (UTF-8, %-encoded),
 * and an ASCII fallback for old clients. */
static const char *disposition(struct req *r, const char *name)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "inline; filename=\"");
	for (const char *p = name; *p; p++)
		buf_addch(&b, (unsigned char)*p < 0x80 && *p != '"' && *p != '\\' && *p >= 0x20
				      ? *p
				      : '_');
	buf_adds(&b, "\"; filename*=UTF-8''");
	html_url_arg(&b, name);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

static int send_file(struct req *r, int thumb)
{
	struct file_data f;
	int rc = file_read(&r->ctx, r->params[0], thumb, &f);
	if (rc)
		return rc;
	r->status = 200;
	r->content_type = f.mime;
	/* a day, not for ever: an article may be withdrawn, a photo removed */
	res_header(r, "Cache-Control", f.is_public ? "public, max-age=86400" : "private, no-store");
	res_header(r, "Content-Disposition", disposition(r, f.name));
	buf_add(&r->out, f.data, f.len);
	return 0;
}

int page_file(struct req *r)
{
	return send_file(r, 0);
}

int page_file_thumb(struct req *r)
{
	return send_file(r, 1);
}

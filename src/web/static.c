/*
 * Static assets built into the binary, served under names that carry a hash
 * of their content, so browsers may keep them for a year.
 */
#include <stdio.h>
#include <string.h>

#include "base/token.h"
#include "web/layout.h"
#include "web/static.h"

extern const char static_style_css[];
extern const unsigned long static_style_css_len;

static char style_path[64];

const char *layout_stylesheet(void)
{
	if (!style_path[0]) {
		char h[HASH_HEX_LEN + 1];
		hash_hex(h, static_style_css, static_style_css_len);
		snprintf(style_path, sizeof(style_path), "/static/style.%.10s.css", h);
	}
	return style_path;
}

int page_static(struct req *r)
{
	if (strcmp(r->path, layout_stylesheet()) != 0)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
			       "There is no page at this address.");
	r->status = 200;
	r->content_type = "text/css; charset=utf-8";
	res_header(r, "Cache-Control", "public, max-age=31536000, immutable");
	buf_add(&r->out, static_style_css, static_style_css_len);
	return 0;
}

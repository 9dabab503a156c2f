/*
 * Static assets built into the binary (src/web/static/), served under names
 * that carry a hash of their content, so browsers may keep them for a year;
 * and /favicon.ico, which browsers ask for by that name.
 */
#include <stdio.h>
#include <string.h>

#include "base/array.h"
#include "base/token.h"
#include "web/layout.h"
#include "web/static.h"

extern const char static_style_css[], static_icon_svg[], static_favicon_ico[], static_report_js[];
extern const unsigned long static_style_css_len, static_icon_svg_len, static_favicon_ico_len,
	static_report_js_len;

static struct asset {
	const char *stem, *ext, *type;
	const char *data;
	const unsigned long *len;
	char path[64]; /* /static/STEM.HASH.EXT, made once before the loops start */
} assets[] = {
	{"style", "css", "text/css; charset=utf-8", static_style_css, &static_style_css_len, ""},
	{"icon", "svg", "image/svg+xml", static_icon_svg, &static_icon_svg_len, ""},
	/* scripts are files of their own, never inline, so the
	 * Content-Security-Policy holds: the report form's position button */
	{"report", "js", "text/javascript; charset=utf-8", static_report_js, &static_report_js_len,
	 ""},
};

static const struct asset *asset(size_t i)
{
	struct asset *a = &assets[i];
	if (!a->path[0]) {
		char h[HASH_HEX_LEN + 1];
		hash_hex(h, a->data, *a->len);
		snprintf(a->path, sizeof(a->path), "/static/%s.%.10s.%s", a->stem, h, a->ext);
	}
	return a;
}

const char *layout_stylesheet(void)
{
	return asset(0)->path;
}

const char *layout_icon(void)
{
	return asset(1)->path;
}

const char *static_path(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(assets); i++) {
		size_t n = strlen(assets[i].stem);
		if (!strncmp(name, assets[i].stem, n) && name[n] == '.' &&
		    !strcmp(name + n + 1, assets[i].ext))
			return asset(i)->path;
	}
	return "";
}

void static_paths_init(void)
{
	for (size_t i = 0; i < ARRAY_LEN(assets); i++)
		asset(i);
}

int page_static(struct req *r)
{
	for (size_t i = 0; i < ARRAY_LEN(assets); i++) {
		const struct asset *a = asset(i);
		if (strcmp(r->path, a->path) != 0)
			continue;
		r->status = 200;
		r->content_type = a->type;
		res_header(r, "Cache-Control", "public, max-age=31536000, immutable");
		buf_add(&r->out, a->data, *a->len);
		return 0;
	}
	return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
}

int page_favicon(struct req *r)
{
	r->status = 200;
	r->content_type = "image/x-icon";
	res_header(r, "Cache-Control", "public, max-age=86400");
	buf_add(&r->out, static_favicon_ico, static_favicon_ico_len);
	return 0;
}

#include "web/chart.h"

#include "web/html.h"
#include "web/page.h"

/* The drawing's own units; the SVG scales to the width it is given. */
enum { SLOT = 30, BAR = 22, TOP = 18, PLOT = 90, LABEL_Y = TOP + PLOT + 16, HEIGHT = LABEL_Y + 6 };

static void num(struct buf *b, int64_t v)
{
	html_txtf(b, "%lld", (long long)v);
}

static void rect(struct buf *b, const char *cls, int64_t x, int64_t y, int64_t w, int64_t h)
{
	html_raw(b, "<rect class=\"");
	html_attr(b, cls);
	html_raw(b, "\" x=\"");
	num(b, x);
	html_raw(b, "\" y=\"");
	num(b, y);
	html_raw(b, "\" width=\"");
	num(b, w);
	html_raw(b, "\" height=\"");
	num(b, h);
	html_raw(b, "\"/>");
}

static void text(struct buf *b, const char *cls, int64_t x, int64_t y, const char *s)
{
	html_raw(b, "<text class=\"");
	html_attr(b, cls);
	html_raw(b, "\" x=\"");
	num(b, x);
	html_raw(b, "\" y=\"");
	num(b, y);
	html_raw(b, "\" text-anchor=\"middle\">");
	html_txt(b, s);
	html_raw(b, "</text>");
}

/* "Caption: T1 12 (8), T2 30 (30), …" for the screen reader. */
static const char *spoken(struct req *r, const char *caption, const struct chart_bar *v, size_t n)
{
	struct buf s;
	buf_init(&s, 256);
	buf_adds(&s, caption);
	for (size_t i = 0; i < n; i++) {
		buf_addf(&s, "%s %s %lld", i ? "," : ":", v[i].label, (long long)v[i].value);
		if (v[i].part >= 0)
			buf_addf(&s, " (%lld)", (long long)v[i].part);
	}
	const char *out = arena_strdup(&r->arena, s.ptr);
	buf_release(&s);
	return out;
}

static int64_t scaled(int64_t v, int64_t max)
{
	return max > 0 ? v * PLOT / max : 0;
}

void chart_bars(struct req *r, const char *caption, const struct chart_bar *v, size_t n,
		const char *part_label)
{
	struct buf *b = &r->out;
	int64_t max = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].value > max)
			max = v[i].value;
	/* a few bars stay narrow rather than fill the width */
	html_raw(b, n <= 4 ? "<figure class=\"chart few\"><svg viewBox=\"0 0 "
			   : "<figure class=\"chart\"><svg viewBox=\"0 0 ");
	num(b, (int64_t)n * SLOT);
	html_raw(b, " ");
	num(b, HEIGHT);
	html_raw(b, "\" role=\"img\" aria-label=\"");
	html_attr(b, spoken(r, caption, v, n));
	html_raw(b, "\">");
	for (size_t i = 0; i < n; i++) {
		int64_t x = (int64_t)i * SLOT + (SLOT - BAR) / 2, h = scaled(v[i].value, max);
		rect(b, "all", x, TOP + PLOT - h, BAR, h);
		if (v[i].part > 0) {
			int64_t p = scaled(v[i].part, max);
			rect(b, "part", x, TOP + PLOT - p, BAR, p);
		}
		text(b, "value", x + BAR / 2, TOP + PLOT - h - 4,
		     arena_printf(&r->arena, "%lld", (long long)v[i].value));
		text(b, "label", x + BAR / 2, LABEL_Y, v[i].label);
	}
	html_raw(b, "</svg><figcaption>");
	html_txt(b, caption);
	if (part_label) {
		html_raw(b, " <span class=\"key\"><span class=\"swatch\"></span>");
		html_txt(b, part_label);
		html_raw(b, "</span>");
	}
	html_raw(b, "</figcaption></figure>");
}

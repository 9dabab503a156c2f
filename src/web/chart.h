/*
 * Small bar charts as inline SVG, for a portal's key figures: no script, no
 * image request, readable by a screen reader (role="img" with the title and
 * every value in its label), and scaled to the phone's width.
 */
#ifndef DV_WEB_CHART_H
#define DV_WEB_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "web/http.h"

struct chart_bar {
	const char *label;  /* under the bar: "T1", "2025" */
	int64_t value;      /* the bar's height */
	int64_t part;       /* a darker share of it (resolved of received); -1: none */
};

/*
 * A <figure> with the bars of v[0..n) side by side, each value written
 * above its bar, and the caption under it. part_label names the darker
 * share in the legend (NULL when no bar has one).
 */
void chart_bars(struct req *r, const char *caption, const struct chart_bar *v, size_t n,
		const char *part_label);

#endif

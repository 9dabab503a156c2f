/*
 * What a household sees of its cultural titles on /me.
 */
#include "base/i18n.h"
#include "domain/titles/title.h"
#include "web/html.h"
#include "web/link.h"
#include "web/page.h"
#include "web/titles/titles.h"
#include "web/titles/titles_impl.h"

int title_household_section(struct req *r, int64_t household_id)
{
	struct title_held *v;
	size_t n;
	int consecutive;
	int rc = title_household(&r->ctx, household_id, &v, &n, &consecutive);
	if (rc || !n)
		return rc;
	struct buf *b = &r->out;
	page_section(r, "titles", T(r, "Our cultural titles"));
	if (consecutive)
		page_note(r, "lead",
			  arena_printf(&r->arena,
				       T(r, "Gia đình văn hóa %d years in a row, up to %d."),
				       consecutive, v[0].year));
	html_raw(b, "<ul class=\"items compact\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_link(b, link_title_round(r, v[i].round_id, NULL),
			  arena_printf(&r->arena, "%s %d", v[i].name, v[i].year));
		html_raw(b, " <span class=\"meta\">");
		html_txtf(b, T(r, "decision No. %s of %s"), v[i].decision_no,
			  page_date(r, v[i].decided_on));
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul></section>");
	return 0;
}

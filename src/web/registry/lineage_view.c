/*
 * What a reorganization left on the pages: an old unit points to the units
 * it was merged or split into, and a list that carries on the records of
 * the units a unit was made from says so, naming them.
 */
#include "base/i18n.h"
#include "domain/registry/unit.h"
#include "web/html.h"
#include "web/link.h"
#include "web/page.h"
#include "web/registry/registry.h"

/* "Ward An Bình", linked to its page. */
static void unit_named(struct req *r, const struct unit *u)
{
	html_link(&r->out, link_unit(r, u->id, NULL),
		  unit_title(&r->arena, r->ctx.lang, u->kind, u->name));
}

int registry_successors_note(struct req *r, int64_t unit_id)
{
	struct buf *b = &r->out;
	struct unit_link *v;
	size_t n;
	int rc = unit_successors(&r->ctx, unit_id, &v, &n);
	if (rc || !n)
		return rc;
	html_raw(b, "<p class=\"note\" id=\"successors\">");
	html_txt(b, v[0].how[0] == 's' ? T(r, "This unit was split into")
				       : T(r, "This unit was merged into"));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, i ? ", " : " ");
		unit_named(r, &v[i].unit);
	}
	html_raw(b, " ");
	html_txtf(b, T(r, "on %s."), page_date(r, v[0].effective));
	html_raw(b, "</p>");
	return 0;
}

int registry_predecessors_note(struct req *r, int64_t unit_id)
{
	struct buf *b = &r->out;
	struct unit_link *v;
	size_t n;
	int rc = unit_predecessors(&r->ctx, unit_id, &v, &n);
	if (rc || !n)
		return rc;
	html_raw(b, "<p class=\"note\" id=\"predecessors\">");
	html_txt(b, T(r, "Including records of the former units"));
	for (size_t i = 0; i < n; i++) {
		html_raw(b, i ? ", " : " ");
		unit_named(r, &v[i].unit);
		html_raw(b, " (");
		html_txtf(b, v[i].how[0] == 's' ? T(r, "split %s") : T(r, "merged %s"),
			  page_date(r, v[i].effective));
		html_raw(b, ")");
	}
	html_raw(b, ".</p>");
	return 0;
}

/*
 * Pieces the works' pages share: money as people read it, who gave an
 * entry as the public may see it, the money table, a table of entries, a
 * work as an item of a list.
 */
#include <string.h>

#include "base/i18n.h"
#include "base/money.h"
#include "web/html.h"
#include "web/link.h"
#include "web/page.h"
#include "web/works/works_impl.h"

const char *works_money(struct req *r, int64_t v)
{
	struct buf b = BUF_INIT;
	money_format(&b, v);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

const char *works_who(struct req *r, const struct entry *e)
{
	if (!e->household_id)
		return e->party;
	const char *s = *e->household_code
				? arena_printf(&r->arena, "%s · %s", e->household_code, e->house_no)
				: e->house_no;
	return *e->household_name ? arena_printf(&r->arena, "%s · %s", s, e->household_name) : s;
}

const char *works_entry_state(struct req *r, const struct entry *e)
{
	if (e->kind == EK_EXPENSE)
		return T(r, signoff_label(e->signoff));
	return e->kind == EK_PLEDGE ? T(r, "A promise, not money") : T(r, "Counted");
}

/* ------------------------------------------------------------- money */

static void money_row(struct req *r, const char *label, int64_t plan, int64_t v, int strong)
{
	struct buf *b = &r->out;
	html_raw(b, strong ? "<tr class=\"total\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
	html_txt(b, label);
	html_raw(b, "</th><td class=\"num\">");
	if (plan >= 0)
		html_txt(b, works_money(r, plan));
	html_raw(b, "</td><td class=\"num\">");
	html_txt(b, works_money(r, v));
	html_raw(b, "</td></tr>");
}

void works_money_table(struct req *r, const struct work *w)
{
	static const struct page_col cols[] = {
		{N_("Where from, where to")}, {N_("Planned"), 1}, {N_("So far"), 1}};
	const struct work_money *m = &w->money;
	struct buf *b = &r->out;
	int64_t planned = 0;
	page_table_begin(r, "list keep money", NULL, cols, ARRAY_LEN(cols));
	for (int i = 0; i < FUND_COUNT; i++) {
		planned += w->funding[i];
		if (w->funding[i] || m->by_source[i])
			money_row(r, T(r, work_source_label((enum work_source)i)), w->funding[i],
				  m->by_source[i], 0);
	}
	money_row(r, T(r, "Money in"), planned ? planned : w->estimate, m->in, 1);
	if (m->in_kind)
		money_row(r, T(r, "of which in kind"), -1, m->in_kind, 0);
	money_row(r, T(r, "Spent (signed off by the board)"), w->estimate, m->spent, 0);
	if (m->refunded)
		money_row(r, T(r, "Refunded"), -1, m->refunded, 0);
	money_row(r, T(r, "Balance"), -1, m->balance, 1);
	page_table_end(r);
	html_raw(b, "<p class=\"meta\">");
	html_txtf(b, T(r, "Pledged (promises, not money): %s."), works_money(r, m->pledged));
	if (m->corrections) {
		html_raw(b, " ");
		html_txtf(b, T(r, "Corrections so far: %s, included above."),
			  works_money(r, m->corrections));
	}
	if (m->npending) {
		html_raw(b, " <strong class=\"late\">");
		html_txtf(b, T(r, "%lld expenses (%s) wait for the board's sign-off."),
			  (long long)m->npending, works_money(r, m->pending));
		html_raw(b, "</strong>");
	}
	html_raw(b, "</p>");
}

/* ------------------------------------------------------------ entries */

void works_entries_table(struct req *r, const struct work *w, const struct entry *v, size_t n,
			 const char *caption)
{
	static const struct page_col cols[] = {{N_("No.")}, {N_("Day")},       {N_("Kind")},
					       {N_("Who")}, {N_("Amount"), 1}, {N_("State")}};
	struct buf *b = &r->out;
	html_raw(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"");
	html_attr(b, caption ? caption : T(r, "Ledger"));
	html_raw(b, "\">");
	page_table_begin(r, "list ledger", caption, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		const struct entry *e = &v[i];
		int sign = ledger_kind_sign(e->kind);
		/* the ledger's rows are anchors (#e12); a table of some of them
		 * beside it on the same page is not */
		if (caption) {
			html_raw(b, "<tr><td>");
		} else {
			html_raw(b, "<tr id=\"e");
			html_txtf(b, "%lld", (long long)e->seq);
			html_raw(b, "\"><td>");
		}
		html_link(b, link_work_entry(r, w->id, e->id, NULL),
			  arena_printf(&r->arena, "%lld", (long long)e->seq));
		html_raw(b, "</td><td>");
		html_txt(b, page_date(r, e->on_date));
		html_raw(b, "</td><td>");
		html_txt(b, T(r, ledger_kind_label(e->kind)));
		html_raw(b, "</td><td>");
		html_txt(b, works_who(r, e));
		if (*e->item) {
			html_raw(b, " <span class=\"meta\">");
			html_txt(b, e->item);
			html_raw(b, "</span>");
		}
		html_raw(b, "</td><td class=\"num\">");
		if (e->kind == EK_CORRECTION)
			html_txtf(b, "%s%s", e->effect > 0 ? "+" : "", works_money(r, e->effect));
		else
			html_txtf(b, "%s%s", sign < 0 ? "−" : "", works_money(r, e->amount));
		html_raw(b, "</td><td>");
		html_raw(b, e->counted ? "<span>" : "<span class=\"meta\">");
		html_txt(b, works_entry_state(r, e));
		html_raw(b, "</span></td></tr>");
	}
	page_table_end(r);
	html_raw(b, "</div>");
}

/* ---------------------------------------------------------------- items */

void works_item(struct req *r, const struct work *w)
{
	struct buf *b = &r->out;
	html_raw(b, "<li><article class=\"item\"><p class=\"kicker\">");
	html_txt(b, T(r, work_kind_label(w->kind)));
	html_raw(b, "</p><h2>");
	html_link(b, link_work(r, w->id, NULL), w->name);
	html_raw(b, "</h2><p class=\"meta\">");
	html_txt(b, w->place);
	html_raw(b, " · ");
	html_txt(b, T(r, work_status_label(w->status)));
	html_raw(b, "</p><p class=\"meta\">");
	html_txtf(b, T(r, "Raised %s of %s, spent %s, balance %s"), works_money(r, w->money.in),
		  works_money(r, w->estimate), works_money(r, w->money.spent),
		  works_money(r, w->money.balance));
	html_raw(b, " · <progress max=\"100\" value=\"");
	html_txtf(b, "%d", w->progress);
	html_raw(b, "\" aria-label=\"");
	html_attr(b, T(r, "Progress"));
	html_raw(b, "\"></progress> ");
	html_txtf(b, T(r, "built %d%%"), w->progress);
	html_raw(b, "</p></article></li>");
}

/*
 * The public page of a work: its goal and outputs, the decision that
 * approved it with its tally, its money by source, its households, its
 * progress with photos, its supervision board and findings, its ledger
 * (filtered by kind, a page at a time, with the head hash and the ledger as
 * CSV, XLSX and JSON), its final accounts; and below, the forms of those
 * who may act on it (work_tools.c). The households' page is here too.
 */
#include <string.h>

#include "base/i18n.h"
#include "domain/decide/matter.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/works/board.h"
#include "domain/works/progress.h"
#include "web/cache.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/works/works_impl.h"

#define LEDGER_PAGE	50
#define HOUSEHOLDS_PAGE 100

static void fact(struct req *r, const char *label, const char *value)
{
	html_raw(&r->out, "<dt>");
	html_txt(&r->out, label);
	html_raw(&r->out, "</dt><dd>");
	html_txt(&r->out, value);
	html_raw(&r->out, "</dd>");
}

static void heading(struct req *r, const struct work *w)
{
	struct buf *b = &r->out;
	page_back(r, link_works(r, w->unit_id, NULL), w->unit_name);
	html_raw(b, "<p class=\"kicker\">");
	html_txt(b, T(r, work_kind_label(w->kind)));
	html_raw(b, "</p>");
	page_heading(r, w->name);
	html_raw(b, "<p class=\"meta\">");
	html_txt(b, w->place);
	html_raw(b, " · <strong>");
	html_txt(b, T(r, work_status_label(w->status)));
	html_raw(b, "</strong></p><ul class=\"summary\"><li><strong>");
	html_txt(b, works_money(r, w->estimate));
	html_raw(b, "</strong>");
	html_txt(b, T(r, "estimate"));
	html_raw(b, "</li><li><strong>");
	html_txt(b, works_money(r, w->money.in));
	html_raw(b, "</strong>");
	html_txt(b, T(r, "raised"));
	html_raw(b, "</li><li><strong>");
	html_txt(b, works_money(r, w->money.spent));
	html_raw(b, "</strong>");
	html_txt(b, T(r, "spent"));
	html_raw(b, "</li><li><strong id=\"balance\">");
	html_txt(b, works_money(r, w->money.balance));
	html_raw(b, "</strong>");
	html_txt(b, T(r, "balance"));
	html_raw(b, "</li><li><strong>");
	html_txtf(b, "%d%%", w->progress);
	html_raw(b, "</strong>");
	html_txt(b, T(r, "done"));
	html_raw(b, "</li></ul>");
}

static void goal(struct req *r, const struct work *w)
{
	struct buf *b = &r->out;
	if (*w->goal) {
		html_raw(b, "<div class=\"prose\">");
		html_markdown(b, w->goal);
		html_raw(b, "</div>");
	}
	html_raw(b, "<dl class=\"facts\">");
	for (int i = 0; i < OUT_COUNT; i++)
		if (w->quantities[i])
			fact(r, T(r, work_output_label((enum work_output)i)),
			     arena_printf(&r->arena, "%lld", (long long)w->quantities[i]));
	if (w->starts_on || w->ends_on)
		fact(r, T(r, "Schedule"),
		     arena_printf(&r->arena, "%s – %s", page_date(r, w->starts_on),
				  page_date(r, w->ends_on)));
	if (w->treasurer_id)
		fact(r, T(r, "Treasurer"), w->treasurer_name);
	html_raw(b, "</dl>");
	if (w->plan_notice_id) {
		html_raw(b, "<p>");
		html_link(b, link_notice(r, w->plan_notice_id, NULL),
			  T(r, "The plan, as disclosed"));
		html_raw(b, "</p>");
	}
}

/* The matter that decided the contributions, and its tally. */
static void decision(struct req *r, const struct work *w)
{
	struct buf *b = &r->out;
	struct matter m;
	const char *why = NULL;
	page_section(r, "decision", T(r, "The community's decision"));
	int passed = work_decision_passed(&r->ctx, w, &why);
	struct dv_err keep = r->ctx.err;
	int readable = w->matter_id && !matter_get(&r->ctx, w->matter_id, &m);
	r->ctx.err = keep;
	if (readable) {
		html_raw(b, "<p>");
		html_link(b, link_matter(r, m.id, NULL), m.title);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, T(r, matter_form_label(m.form)));
		html_raw(b, "</span></p>");
	}
	html_raw(b, passed ? "<p class=\"big\"><strong class=\"done\">"
			   : "<p class=\"big\"><strong class=\"late\">");
	html_txt(b, passed ? T(r, "Passed: the work may collect from households") : T(r, why));
	html_raw(b, "</strong></p>");
	if (readable && m.has_result && m.result_voted) {
		html_raw(b, "<p>");
		html_txt(b, matter_reason(&r->ctx, &m));
		html_raw(b, "</p><p class=\"meta tally\">");
		html_txtf(b,
			  T(r, "Agree %lld · disagree %lld · no opinion %lld · of %lld households"),
			  (long long)m.result.yes, (long long)m.result.no,
			  (long long)m.result.abstain, (long long)m.result.eligible);
		html_raw(b, "</p>");
	}
	if (w->has_levy) {
		html_raw(b, "<p>");
		html_txt(b, T(r, "Contribution:"));
		html_raw(b, " <strong>");
		html_txt(b, T(r, levy_label(w->levy)));
		if (w->levy_amount)
			html_txtf(b, ", %s", works_money(r, w->levy_amount));
		html_raw(b, "</strong>. ");
		html_txt(b, T(r, "Households the community decided on are exempt or pay less."));
		html_raw(b, "</p>");
	}
	html_raw(b, "</section>");
}

static int households(struct req *r, const struct work *w)
{
	struct share_counts c;
	int rc = share_counts(&r->ctx, w, &c);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	page_section(r, "households", T(r, "Households"));
	html_raw(b, "<p>");
	html_txtf(b,
		  T(r, "%lld households: %lld paid, %lld paid in part, %lld not yet, %lld exempt "
		       "or reduced."),
		  (long long)c.households, (long long)c.paid, (long long)c.partly,
		  (long long)c.unpaid, (long long)c.exempt);
	html_raw(b, "</p><p>");
	html_link(b, link_work_households(r, w->id, 1), T(r, "Each household's share"));
	html_raw(b, "</p></section>");
	return 0;
}

static int progress(struct req *r, const struct work *w)
{
	struct milestone *v;
	size_t n;
	int rc = milestone_list(&r->ctx, w->id, &v, &n);
	if (rc || !n)
		return rc;
	struct buf *b = &r->out;
	html_raw(b, "<section class=\"progress\"><h2>");
	html_txt(b, T(r, "Progress"));
	html_raw(b, "</h2><ol class=\"timeline\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li><strong>");
		html_txtf(b, "%s · %d%%", T(r, milestone_stage_label(v[i].stage)), v[i].percent);
		html_raw(b, "</strong> <span class=\"meta\">");
		html_txt(b, page_date(r, v[i].on_date));
		html_raw(b, "</span><p>");
		html_txt(b, v[i].note);
		html_raw(b, "</p>");
		if (v[i].nfiles) {
			html_raw(b, "<ul class=\"photos\">");
			for (size_t k = 0; k < v[i].nfiles; k++) {
				const struct attachment *a = &v[i].files[k];
				html_raw(b, "<li><a href=\"");
				html_attr(b, link_work_file(r, w->id, a->file_id, 0));
				html_raw(b, "\"><img src=\"");
				html_attr(b, link_work_file(r, w->id, a->file_id, a->has_thumb));
				html_raw(b, "\" alt=\"");
				html_attr(b, *a->caption ? a->caption : v[i].note);
				html_raw(b, "\" loading=\"lazy\"></a></li>");
			}
			html_raw(b, "</ul>");
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>");
	return 0;
}

static int board(struct req *r, const struct work *w)
{
	struct board_member *m;
	struct finding *f;
	size_t n, nf;
	int dissolved;
	int rc = board_list(&r->ctx, w->id, &m, &n, &dissolved);
	if (rc || (rc = finding_list(&r->ctx, w->id, &f, &nf)))
		return rc;
	struct buf *b = &r->out;
	page_section(r, "board", T(r, "Community investment supervision board"));
	if (!n)
		page_note(r, "empty", T(r, "The board is not set up yet."));
	if (dissolved)
		page_note(r, "meta", T(r, "The board dissolved when the work ended."));
	if (n) {
		html_raw(b, "<ul class=\"members\">");
		for (size_t i = 0; i < n; i++) {
			html_raw(b, "<li>");
			html_txt(b, m[i].name);
			html_raw(b, " <span class=\"meta\">");
			html_txtf(b, "%s · %s", T(r, board_role_label(m[i].role)),
				  T(r, board_origin_label(m[i].origin)));
			html_raw(b, "</span></li>");
		}
		html_raw(b, "</ul>");
	}
	if (nf) {
		html_raw(b, "<h3>");
		html_txt(b, T(r, "Findings"));
		html_raw(b, "</h3><ol class=\"findings\">");
		for (size_t i = 0; i < nf; i++) {
			html_raw(b, "<li><p>");
			html_txt(b, f[i].text);
			html_raw(b, "</p><p class=\"meta\">");
			html_txtf(b, "%s · %s", f[i].member, page_time(r, f[i].at));
			html_raw(b, "</p></li>");
		}
		html_raw(b, "</ol>");
	}
	html_raw(b, "</section>");
	return 0;
}

/* The ledger: a filter by kind, a page of entries, the downloads. */
static int ledger(struct req *r, const struct work *w, int kind, int64_t page)
{
	struct entry *v;
	size_t n;
	int more;
	struct entry_filter f = {.kind = kind};
	int rc = entry_list(&r->ctx, w->id, &f, (page - 1) * LEDGER_PAGE, LEDGER_PAGE, &v, &n,
			    &more);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	const char *kname = kind < 0 ? NULL : ledger_kind_name((enum ledger_kind)kind);
	html_raw(b, "<section class=\"ledger\" id=\"ledger\"><h2>");
	html_txt(b, T(r, "Public ledger"));
	html_raw(b, "</h2><p class=\"meta\">");
	html_txtf(b, T(r, "%lld entries. Hash of the last one:"), (long long)w->entries);
	html_raw(b, " <code class=\"token head-hash\">");
	html_txt(b, w->head_hash);
	html_raw(b, "</code></p><form method=\"get\" action=\"");
	html_attr(b, link_work(r, w->id, NULL));
	html_raw(b, "\" class=\"inline-form\">");
	/* its own id: the recording form below has a field "kind" too */
	html_raw(b, "<div class=\"field\"><label for=\"ledger-kind\">");
	html_txt(b, T(r, "Show"));
	html_raw(b, "</label><select id=\"ledger-kind\" name=\"kind\"><option value=\"\">");
	html_txt(b, T(r, "Every entry"));
	html_raw(b, "</option>");
	for (int i = 0; i < EK_COUNT; i++) {
		html_raw(b, i == kind ? "<option selected value=\"" : "<option value=\"");
		html_attr(b, ledger_kind_name((enum ledger_kind)i));
		html_raw(b, "\">");
		html_txt(b, T(r, ledger_kind_label((enum ledger_kind)i)));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div>");
	form_submit(r, T(r, "Show"));
	html_raw(b, "</form>");
	if (n)
		works_entries_table(r, w, v, n, NULL);
	else
		page_note(r, "empty", T(r, "No entries yet."));
	page_pager(r, link_query(r, link_work(r, w->id, NULL), "kind", kname), page, more);
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_work(r, w->id, "ledger.csv"), T(r, "The ledger as CSV"));
	html_link(b, link_work(r, w->id, "ledger.xlsx"), T(r, "As an Excel workbook"));
	html_link(b, link_api(r, "works", w->id, "ledger.json"), T(r, "As JSON"));
	html_raw(b, "</p></section>");
	return 0;
}

static void settlement(struct req *r, const struct work *w)
{
	struct buf *b = &r->out;
	if (w->status == WS_CANCELLED) {
		page_section(r, "settlement", T(r, "Cancelled"));
		html_raw(b, "<p>");
		html_txt(b, w->cancel_reason);
		html_raw(b, "</p></section>");
	}
	if (!w->settlement_notice_id)
		return;
	page_section(r, "settlement", T(r, "Final accounts"));
	html_raw(b, "<p>");
	html_txtf(b, T(r, "Published on %s, with the ledger's head hash:"),
		  page_time(r, w->settled_at));
	html_raw(b, " <code class=\"token\">");
	html_txt(b, w->settled_hash);
	html_raw(b, "</code></p>");
	if (*w->settlement_summary) {
		html_raw(b, "<div class=\"prose\">");
		html_markdown(b, w->settlement_summary);
		html_raw(b, "</div>");
	}
	html_raw(b, "<p>");
	html_link(b, link_notice(r, w->settlement_notice_id, NULL),
		  T(r, "The final accounts, as disclosed"));
	html_raw(b, "</p></section>");
}

static int work_page(struct req *r, const struct form_errors *fe, int status)
{
	struct work w;
	int kind = -1;
	int64_t page = 1;
	int rc = req_query_enum(r, "kind", ledger_kind_names, EK_COUNT, &kind);
	if (rc || (rc = page_number(r, 1000000, &page)) ||
	    (rc = work_get(&r->ctx, r->params[0], &w)))
		return rc;
	/* a work's page shows its commune's records only: its ledger, its
	 * households, its board (written under the commune's lock or
	 * exclusively), and what lies above the communes */
	page_cache_scope(r, w.ward_id);
	layout_begin(r, w.name);
	r->status = status;
	form_summary(r, fe);
	heading(r, &w);
	goal(r, &w);
	decision(r, &w);
	html_raw(&r->out, "<section class=\"money\"><h2>");
	html_txt(&r->out, T(r, "Money"));
	html_raw(&r->out, "</h2>");
	works_money_table(r, &w);
	html_raw(&r->out, "</section>");
	if ((rc = households(r, &w)) || (rc = progress(r, &w)) || (rc = board(r, &w)) ||
	    (rc = ledger(r, &w, kind, page)))
		return rc;
	settlement(r, &w);
	if ((rc = works_tools(r, &w, fe)))
		return rc;
	layout_end(r);
	return 0;
}

int page_work(struct req *r)
{
	return work_page(r, NULL, 200);
}

int work_page_after(struct req *r, int rc, const char *anchor)
{
	const char *back = link_work(r, r->params[0], NULL);
	if (anchor)
		back = arena_printf(&r->arena, "%s#%s", back, anchor);
	return form_after(r, rc, work_page, back);
}

/* ------------------------------------------------------------ households */

int page_work_households(struct req *r)
{
	struct work w;
	struct share *v;
	size_t n;
	int more;
	int64_t page;
	int rc = page_number(r, 100000, &page);
	if (rc || (rc = work_get(&r->ctx, r->params[0], &w)) ||
	    (rc = share_list(&r->ctx, &w, (page - 1) * HOUSEHOLDS_PAGE, HOUSEHOLDS_PAGE, &v, &n,
			     &more)))
		return rc;
	static const struct page_col cols[] = {{N_("Household")},
					       {N_("Share"), 1},
					       {N_("Pledged"), 1},
					       {N_("Given"), 1},
					       {N_("Note")}};
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Households"), w.name);
	struct buf *b = &r->out;
	layout_begin(r, title);
	page_back(r, link_work(r, w.id, NULL), w.name);
	page_heading(r, T(r, "Each household's share"));
	page_note(r, "lead",
		  T(r, "Households are listed by their code and house number; a name only when the "
		       "household agreed. Exemptions and reductions the community decided show "
		       "without their reason."));
	html_raw(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"");
	html_attr(b, T(r, "Households"));
	html_raw(b, "\">");
	page_table_begin(r, "list shares", NULL, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		const struct share *s = &v[i];
		html_raw(b, "<tr><td>");
		html_txt(b, *s->code ? arena_printf(&r->arena, "%s · %s", s->code, s->house_no)
				     : s->house_no);
		if (*s->name) {
			html_raw(b, " <span class=\"meta\">");
			html_txt(b, s->name);
			html_raw(b, "</span>");
		}
		html_raw(b, "</td><td class=\"num\">");
		html_txt(b, s->due ? works_money(r, s->due) : "");
		html_raw(b, "</td><td class=\"num\">");
		html_txt(b, s->pledged ? works_money(r, s->pledged) : "");
		html_raw(b, "</td><td class=\"num\">");
		html_txt(b, works_money(r, s->given - s->refunded));
		html_raw(b, "</td><td>");
		if (s->exemption != XM_NONE)
			html_txt(b, T(r, "Exempt or reduced"));
		if (s->category != EXC_NONE)
			html_txtf(b, " (%s)", T(r, exempt_category_label(s->category)));
		if (w.may_record && *s->code && w.status >= WS_COLLECTING &&
		    w.status <= WS_ACCEPTED) {
			html_raw(b, " ");
			html_link(b, link_work_record(r, w.id, s->code), T(r, "Record"));
		}
		html_raw(b, "</td></tr>");
	}
	page_table_end(r);
	html_raw(b, "</div>");
	page_pager(r, link_work_households(r, w.id, 1), page, more);
	layout_end(r);
	return 0;
}

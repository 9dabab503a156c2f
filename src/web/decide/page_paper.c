/*
 * Paper ballots of household ballots: the head prints anonymous slips, the
 * distribution list records each household that signs for one (so it does
 * not vote online too), and the counting team enters each returned slip
 * (receipt and choice) twice, by two different people; a ballot counts
 * when both entries agree, and a mismatch waits for a third. No page here
 * shows a household next to a receipt: the system does not know the pair.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/decide/matter.h"
#include "domain/perm.h"
#include "print/ballot_pdf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/page.h"
#include "web/decide/decide_impl.h"

/* ------------------------------------------------------- paper ballots */

static const char *paper_state_label(enum paper_state s)
{
	switch (s) {
	case PAPER_WAITING: return N_("waits for a second entry");
	case PAPER_COUNTED: return N_("counted");
	case PAPER_MISMATCH: return N_("the two entries differ: not counted");
	case PAPER_ALREADY: return N_("counted already");
	}
	return "";
}

/* An option by its number in the list (1, 2, ...) or its code. */
static const char *option_code(const struct matter *m, const char *word)
{
	char *end;
	long k = strtol(word, &end, 10);
	if (!*end && k >= 1 && (size_t)k <= m->noptions)
		return m->options[k - 1].code;
	return word;
}

static void paper_lines(struct req *r, const struct matter *m, const char *text)
{
	struct buf *b = &r->out;
	html_raw(b, "<table class=\"list keep\"><tbody>");
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char receipt[32] = "", choice[32] = "";
		char *line = arena_strndup(&r->arena, p, len);
		p += len + (nl != NULL);
		if (sscanf(line, "%31s %31s", receipt, choice) < 1)
			continue;
		enum paper_state st;
		int rc = ballot_paper_enter(&r->ctx, m->id, receipt, option_code(m, choice), &st);
		html_raw(b, "<tr><td><code>");
		html_txt(b, receipt);
		html_raw(b, "</code></td><td>");
		html_txt(b, choice);
		html_raw(b, rc ? "</td><td class=\"late\">" : "</td><td>");
		html_txt(b, rc ? r->ctx.err.msg : T(r, paper_state_label(st)));
		html_raw(b, "</td></tr>");
		if (rc && !dv_err_is_user(rc))
			break;
	}
	html_raw(b, "</tbody></table>");
}

static int paper_page(struct req *r, const char *entered)
{
	struct matter m;
	struct paper_mismatch *v;
	size_t n;
	int64_t waiting;
	struct buf *b = &r->out;
	/* the status is asked first to refuse those who may not enter, and
	 * again below, after what was entered now */
	int rc = matter_get(&r->ctx, r->params[0], &m);
	if (rc || (rc = ballot_paper_status(&r->ctx, m.id, &v, &n, &waiting)))
		return rc == DV_EPERM ? dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
						"There is no page at this address.")
				      : rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Paper ballots"), m.title);
	layout_begin(r, title);
	page_back(r, link_matter(r, m.id, NULL), m.title);
	page_heading(r, title);
	if (entered)
		paper_lines(r, &m, entered);
	page_note(r, "lead",
		  T(r, "Two people of the counting team enter every paper ballot; it counts when "
		       "both entries agree. One ballot per line: its receipt, then the number of "
		       "the choice."));
	html_raw(b, "<ol class=\"options\">");
	for (size_t i = 0; i < m.noptions; i++) {
		html_raw(b, "<li>");
		html_txt(b, option_label(r, &m, &m.options[i]));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
	form_begin(r, link_matter(r, m.id, "paper"), "stacked");
	form_textarea(r,
		      &(struct field){.name = "ballots", .label = T(r, "Ballots"),
				      .hint = T(r, "For example: K7M2Q-9XAZT 1")},
		      10, NULL);
	form_submit(r, T(r, "Enter"));
	form_end(r);
	if (entered && (rc = ballot_paper_status(&r->ctx, m.id, &v, &n, &waiting)))
		return rc;
	html_raw(b, "<h2>");
	html_txt(b, T(r, "Entries that differ"));
	html_raw(b, "</h2>");
	page_note(r, "meta",
		  arena_printf(&r->arena, T(r, "%lld ballots wait for a second entry."),
			       (long long)waiting));
	html_raw(b, "<ul>");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li><code>");
		html_txt(b, v[i].receipt);
		html_raw(b, "</code>: ");
		html_txtf(b, "%s / %s", v[i].first, v[i].second);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
	layout_end(r);
	return 0;
}

int page_matter_paper(struct req *r)
{
	return paper_page(r, NULL);
}

int page_matter_paper_post(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	const char *text = req_form(r, "ballots");
	return paper_page(r, text ? text : "");
}

/* ------------------------------------------------------------ printing */

/* The "count" field of the printing form: 0 (as many as households left)
 * when empty. */
static int print_count(struct req *r, int64_t *count)
{
	const char *c = req_form(r, "count");
	char *end;
	*count = 0;
	if (!c || !*c)
		return 0;
	*count = strtoll(c, &end, 10);
	if (*end || *count < 1 || *count > BALLOT_PRINT_MAX)
		return dv_fail(&r->ctx.err, DV_EINVAL, "count",
			       "Print between 1 and %d paper ballots at a time", BALLOT_PRINT_MAX);
	return 0;
}

int page_matter_ballots_pdf(struct req *r)
{
	struct matter mt;
	struct meeting_paper p;
	const char **v;
	size_t n;
	int64_t count;
	int rc = req_form_parse(r);
	if (rc || (rc = print_count(r, &count)) || (rc = matter_get(&r->ctx, r->params[0], &mt)) ||
	    (rc = matter_papers(r, &mt, &p)) || (rc = ballot_print(&r->ctx, mt.id, count, &v, &n)))
		return rc;
	const char **labels = arena_array(&r->arena, const char *, mt.noptions + 1);
	for (size_t i = 0; i < mt.noptions; i++)
		labels[i] = option_label(r, &mt, &mt.options[i]);
	const char *tally =
		arena_printf(&r->arena, "%s%s", r->public_url, link_matter(r, mt.id, "tally"));
	if ((rc = ballot_slips_pdf(&mt, labels, &p, v, n, tally, r->ctx.lang, &r->out,
				   &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"ballots-%lld.pdf\"",
				(long long)mt.id));
	return 0;
}

/* --------------------------------------------------- distribution list */

static const char *roll_state(const struct roll_row *h)
{
	if (!*h->how)
		return NULL;
	return h->how[0] == 'o' ? N_("voted online: no paper ballot")
				: N_("signed for a paper ballot");
}

static void roll_item(struct req *r, const struct matter *m, const struct roll_row *h,
		      const char *q)
{
	struct buf *b = &r->out;
	const char *state = roll_state(h);
	html_raw(b, state ? "<li class=\"present\"><span>" : "<li><span>");
	html_txt(b, h->address);
	if (*h->representative) {
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, h->representative);
		html_raw(b, "</span>");
	}
	html_raw(b, "</span>");
	if (state) {
		html_raw(b, " <strong class=\"done\">");
		html_txt(b, T(r, state));
		html_raw(b, "</strong></li>");
		return;
	}
	if (m->status != MS_OPEN) {
		html_raw(b, "</li>");
		return;
	}
	form_begin(r, link_matter(r, m->id, "roll"), "inline primary");
	form_hidden(r, "household", arena_printf(&r->arena, "%lld", (long long)h->household_id));
	form_hidden(r, "q", q);
	html_raw(b, "<button type=\"submit\">");
	html_txt(b, T(r, "Record signature"));
	html_raw(b, "</button>");
	form_end(r);
	html_raw(b, "</li>");
}

static void roll_counts(struct req *r, const struct matter *m, const struct paper_counts *c)
{
	page_note(
		r, "counts",
		arena_printf(&r->arena,
			     T(r, "%lld households on the roll: %lld voted online, %lld signed "
				  "for a paper ballot. %lld paper ballots printed, %lld counted."),
			     (long long)m->eligible, (long long)c->online, (long long)c->handed,
			     (long long)c->printed, (long long)c->counted));
}

static void print_tools(struct req *r, const struct matter *m, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_matter(r, m->id, "roll.pdf"), T(r, "The list for signatures (PDF)"));
	html_raw(b, "</p>");
	if (!m->may_manage || m->status != MS_OPEN)
		return;
	form_begin(r, link_matter(r, m->id, "ballots.pdf"), "stacked");
	form_input(r,
		   &(struct field){.name = "count",
				   .label = T(r, "Paper ballots to print"),
				   .hint = T(r, "Empty: one for each household that has neither "
						"voted online nor signed for one."),
				   .type = "number"},
		   fe);
	form_submit(r, T(r, "Print the paper ballots (PDF)"));
	form_end(r);
}

static int roll_page(struct req *r, const struct form_errors *fe, int status)
{
	struct matter m;
	struct roll_row *v;
	struct paper_counts c;
	size_t n;
	struct buf *b = &r->out;
	const char *q = req_form(r, "q") ? req_form(r, "q") : req_query(r, "q");
	int rc = matter_get(&r->ctx, r->params[0], &m);
	if (!rc && m.form != FORM_BALLOT)
		rc = dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	if (rc || (rc = ballot_paper_counts(&r->ctx, m.id, &c)) ||
	    (rc = ballot_roll(&r->ctx, m.id, q, ROLL_PAGE_MAX, &v, &n)))
		return rc == DV_EPERM ? dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
						"There is no page at this address.")
				      : rc;
	const char *title = arena_printf(&r->arena, "%s: %s", T(r, "Distribution list"), m.title);
	layout_begin(r, title);
	r->status = status;
	form_summary(r, fe);
	page_back(r, link_matter(r, m.id, NULL), m.title);
	page_heading(r, title);
	page_note(r, "lead",
		  T(r, "Each household's representative signs the printed list, then draws one "
		       "paper ballot from the shuffled stack; nobody else reads its code. Mark "
		       "here each household that signed, so that it cannot vote online as well. "
		       "Nothing here or anywhere in the system says which ballot a household "
		       "drew."));
	roll_counts(r, &m, &c);
	print_tools(r, &m, fe);
	form_search(r, NULL, T(r, "Find a household by address or name"), q, 100, 0);
	html_raw(b, "<ul class=\"register\">");
	for (size_t i = 0; i < n; i++)
		roll_item(r, &m, &v[i], q);
	html_raw(b, "</ul>");
	layout_end(r);
	return 0;
}

int page_matter_roll(struct req *r)
{
	return roll_page(r, NULL, 200);
}

int page_matter_hand(struct req *r)
{
	int64_t h = 0;
	int rc = req_form_parse(r);
	const char *q = req_form(r, "q");
	if (!rc && !(rc = req_form_id(r, "household", &h)))
		rc = ballot_hand(&r->ctx, r->params[0], h);
	return form_after(r, rc, roll_page,
			  link_query(r, link_matter(r, r->params[0], "roll"), "q", q));
}

int page_matter_roll_pdf(struct req *r)
{
	struct matter mt;
	struct meeting_paper p;
	struct roll_row *v;
	size_t n;
	int rc = matter_get(&r->ctx, r->params[0], &mt);
	if (!rc && mt.form != FORM_BALLOT)
		rc = dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "There is no page at this address.");
	if (rc || (rc = matter_papers(r, &mt, &p)) ||
	    (rc = ballot_roll(&r->ctx, mt.id, NULL, 0, &v, &n)))
		return rc == DV_EPERM ? dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
						"There is no page at this address.")
				      : rc;
	if ((rc = ballot_roll_pdf(&mt, &p, v, n, r->ctx.lang, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"distribution-%lld.pdf\"",
				(long long)mt.id));
	return 0;
}

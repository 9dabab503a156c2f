/*
 * Paper ballots: the counting team enters each paper ballot of a household
 * ballot (receipt and choice) twice, by two different people; a ballot
 * counts when both entries agree, and a mismatch waits for a third.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/decide/matter.h"
#include "domain/perm.h"
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
	case PAPER_ALREADY: return N_("already cast");
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

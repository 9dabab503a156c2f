/*
 * Pieces the family's pages share, and what other pages show of it: the
 * unit's section on its page and the home page (the latest review with
 * its PDF, this year's plans and their key figures), and /me's counts and
 * section for officers.
 */
#include <string.h>

#include "base/array.h"
#include "base/date.h"
#include "base/i18n.h"
#include "domain/perm.h"
#include "domain/plans/figures.h"
#include "domain/registry/unit.h"
#include "web/chart.h"
#include "web/html.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/plans/plans.h"
#include "web/todo.h"
#include "web/plans/plans_impl.h"

#define SECTION_INDICATORS 4
#define ME_LIST 8

/* ---------------------------------------------------------------- pieces */

const char *plans_figure(struct req *r, enum measure m, struct figure f)
{
	return figure_format(&r->arena, m, f);
}

const char *plans_date(struct req *r, int32_t ymd)
{
	return page_date(r, ymd);
}

void plans_trend(struct req *r, int trend)
{
	struct buf *b = &r->out;
	html_raw(b, trend > 0 ? "<span class=\"trend up\" title=\""
			      : trend < 0 ? "<span class=\"trend down\" title=\""
					  : "<span class=\"trend same\" title=\"");
	const char *words = trend > 0 ? T(r, "up") : trend < 0 ? T(r, "down") : T(r, "unchanged");
	html_attr(b, words);
	html_raw(b, "\" aria-hidden=\"true\">");
	html_raw(b, trend > 0 ? "↑" : trend < 0 ? "↓" : "→");
	html_raw(b, "</span><span class=\"sr\">");
	html_txt(b, words);
	html_raw(b, "</span>");
}

void plans_task_state(struct req *r, const struct plan_task *t)
{
	struct buf *b = &r->out;
	html_raw(b, t->overdue ? "<span class=\"late\">"
			       : t->status == TS_DONE ? "<span class=\"done\">" : "<span>");
	html_txt(b, T(r, task_status_label(t->status)));
	if (t->overdue) {
		html_raw(b, " · ");
		html_txt(b, T(r, "overdue"));
	} else if (t->due_soon) {
		html_raw(b, " · ");
		html_txt(b, T(r, "due soon"));
	}
	html_raw(b, "</span>");
}

void plans_periodic_state(struct req *r, enum periodic_state s)
{
	struct buf *b = &r->out;
	html_raw(b, s == PR_ON_TIME   ? "<span class=\"done\">"
		    : s == PR_LATE || s == PR_MISSING ? "<span class=\"late\">"
						       : "<span class=\"meta\">");
	html_txt(b, T(r, periodic_state_label(s)));
	html_raw(b, "</span>");
}

void plans_field(struct req *r, const char *from, const char *to)
{
	if (r->ctx.err.field && !strcmp(r->ctx.err.field, from))
		r->ctx.err.field = to;
}

int plans_send_file(struct req *r, const struct file_data *f)
{
	r->status = 200;
	r->content_type = f->mime;
	res_header(r, "Cache-Control", f->is_public ? "public, max-age=86400" : "private, no-store");
	res_header(r, "Content-Disposition", "inline");
	buf_add(&r->out, f->data, f->len);
	return 0;
}

int plans_attach(struct req *r, const struct attach_owner *owner, int64_t id)
{
	const struct mp_part *file, *caption;
	struct mp_part *parts;
	size_t nparts;
	int64_t fid;
	int rc = form_upload(r, &file);
	if (rc || (rc = req_multipart(r, &parts, &nparts)))
		return rc;
	caption = multipart_find(parts, nparts, "caption");
	return attachment_add(&r->ctx, owner, id, file->filename, file->data, file->len,
			      form_part_text(caption), &fid);
}

void plans_files(struct req *r, const struct attachment *v, size_t n, int64_t owner,
		 const char *(*href)(struct req *, int64_t, int64_t))
{
	struct buf *b = &r->out;
	if (!n)
		return;
	html_raw(b, "<ul class=\"files\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_link(b, href(r, owner, v[i].file_id), v[i].name);
		if (*v[i].caption) {
			html_raw(b, " <span class=\"meta\">");
			html_txt(b, v[i].caption);
			html_raw(b, "</span>");
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

/* ------------------------------------------------------------ the review */

int plans_latest_review(struct req *r, int64_t unit_id, struct plans_review_link *out)
{
	struct review *v;
	size_t n;
	memset(out, 0, sizeof(*out));
	int rc = review_list(&r->ctx, unit_id, 1, &v, &n);
	if (rc || !n)
		return rc;
	/* the unit's own first; else the nearest above (the list holds the
	 * subtree and the ancestors, newest year first) */
	size_t best = 0;
	int found = 0;
	for (size_t i = 0; i < n && !found; i++)
		if (v[i].unit_id == unit_id)
			best = i, found = 1;
	if (!found && unit_id) {
		struct unit *anc;
		size_t na;
		if ((rc = unit_ancestors(&r->ctx, unit_id, &anc, &na)))
			return rc;
		for (size_t k = na; k-- > 0 && !found;)
			for (size_t i = 0; i < n && !found; i++)
				if (v[i].unit_id == anc[k].id)
					best = i, found = 1;
		if (!found)
			return 0; /* only reviews of units below: not this unit's */
	}
	out->found = 1;
	out->review_id = v[best].id;
	out->unit_id = v[best].unit_id;
	out->unit_name = v[best].unit_name;
	out->year = v[best].year;
	out->title = v[best].title;
	out->page = link_review(r, v[best].id, NULL);
	out->pdf = link_review(r, v[best].id, "review.pdf");
	return 0;
}

/* This year's adopted plans of the unit with a few of their indicators. */
static int plans_block(struct req *r, int64_t unit_id)
{
	struct buf *b = &r->out;
	struct plan *v;
	size_t n;
	int y = time_local_date(r->ctx.now) / 10000;
	int rc = plan_list(&r->ctx, unit_id, y, &v, &n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct plan_indicator *iv;
		size_t ni;
		if (v[i].unit_id != unit_id || v[i].status != PS_ADOPTED)
			continue;
		if ((rc = plan_indicators(&r->ctx, &v[i], &iv, &ni)))
			return rc;
		html_raw(b, "<h3>");
		html_link(b, link_plan(r, v[i].id, NULL), v[i].title);
		html_raw(b, "</h3><p class=\"meta\">");
		html_txtf(b, T(r, "%lld tasks, %lld done, %lld overdue"), (long long)v[i].tasks,
			  (long long)v[i].done, (long long)v[i].overdue);
		html_raw(b, "</p>");
		if (!ni)
			continue;
		html_raw(b, "<ul class=\"items compact\">");
		for (size_t k = 0; k < ni && k < SECTION_INDICATORS; k++) {
			html_raw(b, "<li>");
			html_txt(b, iv[k].computed ? T(r, iv[k].name) : iv[k].name);
			html_raw(b, ": <strong>");
			html_txt(b, plans_figure(r, iv[k].measure, iv[k].value));
			html_raw(b, "</strong>");
			if (iv[k].has_target) {
				html_raw(b, " <span class=\"meta\">");
				html_txtf(b, T(r, "target %s"),
					  target_format(&r->arena, iv[k].measure, iv[k].target));
				html_raw(b, "</span>");
			}
			if (iv[k].has_previous) {
				html_raw(b, " ");
				plans_trend(r, iv[k].trend);
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	return 0;
}

/* The year's key figures, each beside last year's, and the money raised
 * for the works over three years as a small chart: read from the modules,
 * as the review reads them, for whoever asks (the page is cached). */
static const enum fig key_figs[] = {FIG_NOTICES, FIG_MATTERS, FIG_CONSULTATIONS,
				    FIG_WORKS,	 FIG_MODELS,  FIG_AWARDS};

static int year_figures(struct req *r, int64_t unit_id)
{
	enum { YEARS = 3 };
	int64_t v[YEARS][FIG_COUNT];
	int y, m, d;
	date_split(time_local_date(r->ctx.now), &y, &m, &d);
	unsigned which = FIGS_DISCLOSE | FIGS_DECIDE | FIGS_CONSULT | FIGS_WORKS |
			 FIGS_EMULATION | FIGS_AWARDS;
	const struct actor *was = r->ctx.actor;
	r->ctx.actor = &actor_anonymous;
	int rc = 0;
	for (int i = 0; !rc && i < YEARS; i++)
		rc = figures_year(&r->ctx, unit_id, y - (YEARS - 1) + i, which, v[i]);
	r->ctx.actor = was;
	if (rc)
		return rc;
	struct buf *b = &r->out;
	html_raw(b, "<p class=\"lead\">");
	html_txtf(b, T(r, "%d in figures, beside %d:"), y, y - 1);
	html_raw(b, "</p><ul class=\"summary\">");
	for (size_t i = 0; i < ARRAY_LEN(key_figs); i++) {
		html_raw(b, "<li><strong>");
		html_int(b, v[YEARS - 1][key_figs[i]]);
		html_raw(b, "</strong>");
		html_txt(b, T(r, fig_label(key_figs[i])));
		html_raw(b, " <span class=\"meta\">(");
		html_int(b, v[YEARS - 2][key_figs[i]]);
		html_raw(b, ")</span></li>");
	}
	html_raw(b, "</ul>");
	struct chart_bar bars[YEARS];
	for (int i = 0; i < YEARS; i++)
		bars[i] = (struct chart_bar){arena_printf(&r->arena, "%d", y - (YEARS - 1) + i),
					     v[i][FIG_MONEY] / 1000000, v[i][FIG_MONEY_HOUSEHOLDS] / 1000000};
	chart_bars(r, T(r, "Money raised for the works each year, in millions of đồng"), bars, YEARS,
		   T(r, "of it from households"));
	return 0;
}

int plans_unit_section(struct req *r, int64_t unit_id)
{
	struct buf *b = &r->out;
	struct plans_review_link rl;
	int rc = plans_latest_review(r, unit_id, &rl);
	if (rc)
		return rc;
	html_raw(b, "<section class=\"recent plans\"><h2>");
	html_txt(b, T(r, "The year's work"));
	html_raw(b, "</h2>");
	if (unit_id && (rc = year_figures(r, unit_id)))
		return rc;
	if (rl.found) {
		html_raw(b, "<p>");
		html_link(b, rl.page,
			  arena_printf(&r->arena, T(r, "Year-end review %d: %s"), rl.year,
				       rl.unit_name));
		html_raw(b, " · ");
		html_link(b, rl.pdf, T(r, "the report (PDF)"));
		html_raw(b, "</p>");
	}
	if (unit_id && (rc = plans_block(r, unit_id)))
		return rc;
	if (unit_id) {
		html_raw(b, "<p class=\"links\">");
		html_link(b, link_unit(r, unit_id, "plans"), T(r, "Plans and tasks"));
		html_link(b, link_unit(r, unit_id, "reviews"), T(r, "Year-end reviews"));
		if (r->ctx.actor->account_id &&
		    (perm_may(&r->ctx, ACT_PLAN_WORK, unit_id) ||
		     perm_may(&r->ctx, ACT_REPORT_WORK, unit_id)))
			html_link(b, link_unit(r, unit_id, "periodic"), T(r, "Periodic reports"));
		html_raw(b, "</p>");
	}
	html_raw(b, "</section>");
	return 0;
}

/* ---------------------------------------------------------------- /me */

int plans_me_counts(struct req *r, struct plans_me *out)
{
	struct plan_task *t;
	struct periodic_pending *d;
	size_t n, nd;
	int64_t missing = 0;
	memset(out, 0, sizeof(*out));
	out->tasks_href = link_tasks(r);
	if (!r->ctx.actor->account_id)
		return 0;
	int rc = task_mine(&r->ctx, TASKS_MAX, &t, &n, &out->tasks_overdue, &out->tasks_soon);
	if (rc || (rc = periodic_pending(&r->ctx, 100, &d, &nd, &missing)))
		return rc;
	out->tasks_open = (int64_t)n;
	out->reports_missing = missing;
	out->reports_due = (int64_t)nd - missing;
	out->reports_href = nd ? link_unit(r, d[0].unit_id, "periodic") : NULL;
	return 0;
}

int plans_todo(struct req *r, struct todo *t)
{
	struct plans_me m;
	int rc = plans_me_counts(r, &m);
	if (rc)
		return rc;
	todo_add(t, N_("%lld tasks past their deadline"), m.tasks_overdue, m.tasks_href, 1);
	todo_add(t, N_("%lld periodic reports past their deadline, not sent"), m.reports_missing,
		 m.reports_href, 1);
	todo_add(t, N_("%lld tasks due soon"), m.tasks_soon, m.tasks_href, 0);
	todo_add(t, N_("%lld periodic reports to send"), m.reports_due, m.reports_href, 0);
	return 0;
}

int plans_me_section(struct req *r)
{
	struct buf *b = &r->out;
	struct plan_task *t;
	struct periodic_pending *d;
	size_t n, nd;
	int64_t overdue, soon, missing;
	if (!r->ctx.actor->account_id)
		return 0;
	int rc = task_mine(&r->ctx, ME_LIST, &t, &n, &overdue, &soon);
	if (rc || (rc = periodic_pending(&r->ctx, ME_LIST, &d, &nd, &missing)))
		return rc;
	if (!n && !nd)
		return 0;
	html_raw(b, "<section class=\"alerts plans\"><h2>");
	html_txt(b, T(r, "Tasks and periodic reports"));
	html_raw(b, "</h2>");
	if (n) {
		html_raw(b, "<p class=\"meta\">");
		html_txtf(b, T(r, "%lld overdue, %lld due soon"), (long long)overdue,
			  (long long)soon);
		html_raw(b, "</p><ul class=\"items compact\">");
		for (size_t i = 0; i < n; i++) {
			html_raw(b, t[i].overdue ? "<li class=\"overdue\">" : "<li>");
			html_link(b, link_task(r, t[i].id, NULL), t[i].title);
			html_raw(b, " <span class=\"meta\">");
			html_txtf(b, "%s · %s · ", t[i].assignee, plans_date(r, t[i].due_on));
			html_raw(b, "</span>");
			plans_task_state(r, &t[i]);
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul><p class=\"links\">");
		html_link(b, link_tasks(r), T(r, "Every task of mine"));
		html_raw(b, "</p>");
	}
	if (nd) {
		html_raw(b, "<ul class=\"items compact\">");
		for (size_t i = 0; i < nd; i++) {
			html_raw(b, d[i].missing ? "<li class=\"overdue\">" : "<li>");
			html_link(b,
				  link_periodic_report(r, d[i].template_id, d[i].unit_id, d[i].year,
						       d[i].period),
				  arena_printf(&r->arena, "%s: %s", d[i].template_name,
					       periodic_label(&r->arena, r->ctx.lang, d[i].kind,
							      d[i].year, d[i].period)));
			html_raw(b, " <span class=\"meta\">");
			html_txtf(b, "%s · %s %s", d[i].unit_name, T(r, "due"),
				  plans_date(r, d[i].due_on));
			html_raw(b, "</span></li>");
		}
		html_raw(b, "</ul>");
	}
	html_raw(b, "</section>");
	return 0;
}

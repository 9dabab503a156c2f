/*
 * Pieces of the consultation pages that several pages show: a section's
 * title and counts, one opinion with its answer form, the officers' tools
 * on a draft, the publish form, and the links to the synthesis. The forms
 * post to the handlers of page_consultation.c and page_consultation_edit.c.
 */
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "domain/consult/consultation.h"
#include "domain/perm.h"
#include "web/form.h"
#include "web/html.h"
#include "web/link.h"
#include "web/page.h"
#include "web/todo.h"
#include "web/consult/consult_impl.h"

/* ------------------------------------------------------------ opinions */

const char *consult_section_title(struct req *r, const struct consult_section *s)
{
	if (s->number == 0)
		return T(r, "The draft as a whole");
	return *s->heading ? s->heading : T(r, "Preamble");
}

void consult_counts(struct req *r, const struct consult_section *s, int answers)
{
	struct buf *b = &r->out;
	if (!s->opinions) {
		page_note(r, "meta counts", T(r, "No opinions yet."));
		return;
	}
	html_raw(b, "<p class=\"meta counts\">");
	html_txtf(b, T(r, "%lld opinions: %lld support, %lld oppose, %lld other"),
		  (long long)s->opinions, (long long)s->support, (long long)s->oppose,
		  (long long)s->other);
	if (s->collective)
		html_txtf(b, T(r, "; %lld collective"), (long long)s->collective);
	if (answers && s->opinions)
		html_txtf(b, T(r, ". Accepted %lld, partly %lld, not accepted %lld"),
			  (long long)s->accepted, (long long)s->partly, (long long)s->rejected);
	html_raw(b, "</p>");
}

/* Each opinion's answer form, with ids of its own (many on one page). */
static void answer_form(struct req *r, const struct opinion *o)
{
	struct buf *b = &r->out;
	long long id = (long long)o->id;
	form_begin(r, link_opinion(r, o->id, "answer"), "stacked answer");
	html_raw(b, "<div class=\"field\"><label for=\"a");
	html_txtf(b, "%lld", id);
	html_raw(b, "\">");
	html_txt(b, T(r, "Answer"));
	html_raw(b, "</label><select id=\"a");
	html_txtf(b, "%lld", id);
	html_raw(b, "\" name=\"answer\">");
	for (int i = ANS_ACCEPTED; i < ANS_COUNT; i++) {
		html_raw(b, "<option value=\"");
		html_attr(b, answer_name((enum answer)i));
		html_raw(b, o->answer == (enum answer)i ? "\" selected>" : "\">");
		html_txt(b, T(r, answer_label((enum answer)i)));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div><div class=\"field\"><label for=\"r");
	html_txtf(b, "%lld", id);
	html_raw(b, "\">");
	html_txt(b, T(r, "Reason"));
	html_raw(b, "</label><p class=\"hint\">");
	html_txt(b, T(r, "Required unless accepted"));
	html_raw(b, "</p><textarea id=\"r");
	html_txtf(b, "%lld", id);
	html_raw(b, "\" name=\"reason\" rows=\"2\" maxlength=\"");
	html_txtf(b, "%d", ANSWER_REASON_MAX);
	html_raw(b, "\">");
	html_txt(b, o->reason);
	html_raw(b, "</textarea></div>");
	form_submit(r, o->answer ? T(r, "Change the answer") : T(r, "Answer"));
	form_end(r);
}

void consult_opinion(struct req *r, const struct consultation *c, const struct opinion *o)
{
	struct buf *b = &r->out;

	html_raw(b, "<li class=\"opinion\" id=\"o");
	html_txtf(b, "%lld", (long long)o->id);
	html_raw(b, "\"><p class=\"meta\"><span class=\"stance ");
	html_attr(b, stance_name(o->stance)); /* support, oppose, other: the CSS classes */
	html_raw(b, "\">");
	html_txt(b, T(r, stance_label(o->stance)));
	html_raw(b, "</span> · ");
	html_txt(b, o->from);
	if (*o->author) {
		html_raw(b, " · ");
		html_txt(b, o->author);
	}
	if (o->mine) {
		html_raw(b, " · ");
		html_txt(b, T(r, "yours"));
	}
	html_raw(b, " · ");
	html_txt(b, page_time(r, o->created_at));
	html_raw(b, "</p><p class=\"text\">");
	html_txt(b, o->text);
	html_raw(b, "</p>");
	if (o->answer) {
		html_raw(b, o->answer == ANS_REJECTED ? "<p class=\"answer late\"><strong>"
						      : "<p class=\"answer done\"><strong>");
		html_txt(b, T(r, answer_label(o->answer)));
		html_raw(b, "</strong> ");
		html_txt(b, o->reason);
		html_raw(b, "</p>");
	}
	if (c->may_manage && c->status == CS_CLOSED)
		answer_form(r, o);
	html_raw(b, "</li>");
}

void consult_draft_tools(struct req *r, const struct consultation *c,
			 const struct form_errors *fe)
{
	struct buf *b = &r->out;
	if (!c->may_manage || c->status != CS_DRAFT)
		return;
	page_note(r, "banner", T(r, "Draft: not public yet. Each part below is one residents "
				    "will comment on."));
	html_raw(b, "<p>");
	html_link(b, link_consultation(r, c->id, "edit"), T(r, "Edit the draft"));
	html_raw(b, "</p><section class=\"tools\"><h2>");
	html_txt(b, T(r, "Open for comments"));
	html_raw(b, "</h2>");
	form_begin(r, link_consultation(r, c->id, "open"), "stacked");
	html_raw(b, "<div class=\"row\">");
	form_input(r,
		   &(struct field){.name = "closes_on", .label = T(r, "Comments close on"),
				   .value = page_date_iso(r, time_local_date(r->ctx.now + 15 * 86400)),
				   .type = "date", .required = 1},
		   fe);
	form_input(r, &(struct field){.name = "closes_time", .label = T(r, "at"), .value = "17:00",
				      .type = "time", .required = 1},
		   fe);
	html_raw(b, "</div>");
	form_submit(r, T(r, "Open for comments"));
	form_end(r);
	html_raw(b, "</section>");
}

void consult_publish_form(struct req *r, const struct consultation *c,
			  const struct form_errors *fe)
{
	struct buf *b = &r->out;
	if (c->status == CS_PUBLISHED) {
		html_raw(b, "<section class=\"summary\"><h2>");
		html_txt(b, T(r, "The authority's conclusion"));
		html_raw(b, "</h2><p class=\"text\">");
		html_txt(b, c->summary);
		html_raw(b, "</p></section>");
		return;
	}
	if (!c->may_manage || c->status != CS_CLOSED)
		return;
	page_section(r, "tools", T(r, "Publish the synthesis"));
	page_note(r, c->answered < c->opinions ? "late" : "done",
		  arena_printf(&r->arena, T(r, "%lld of %lld opinions answered."),
			       (long long)c->answered, (long long)c->opinions));
	form_begin(r, link_consultation(r, c->id, "publish"), "stacked");
	form_textarea(r,
		      &(struct field){.name = "summary", .label = T(r, "The authority's conclusion"),
				      .value = req_form(r, "summary"),
				      .hint = T(r, "What was taken up, what was not and why; published "
						   "with every answer"),
				      .required = 1, .maxlength = SYNTHESIS_SUMMARY_MAX},
		      6, fe);
	form_submit(r, T(r, "Publish the synthesis"));
	form_end(r);
	html_raw(b, "</section>");
}

void consult_synthesis_links(struct req *r, const struct consultation *c)
{
	struct buf *b = &r->out;
	html_raw(b, "<p class=\"links\">");
	html_link(b, link_consultation(r, c->id, "synthesis"),
		  c->status == CS_PUBLISHED ? T(r, "The synthesis")
					    : T(r, "The synthesis (not published yet)"));
	html_link(b, link_consultation(r, c->id, "synthesis.pdf"), T(r, "PDF"));
	html_link(b, link_consultation(r, c->id, "synthesis.xlsx"),
		  T(r, "Excel workbook"));
	html_raw(b, "</p>");
}

/* The opinions still to answer in the closed consultations of a unit the
 * actor consults in, counted over a page of them. */
static int unanswered_in(struct req *r, int64_t unit_id, int64_t *n)
{
	struct consult_filter f = {.unit_id = unit_id, .status = CS_CLOSED};
	struct consultation *v;
	size_t k;
	int more;
	int rc = consultation_list(&r->ctx, &f, 0, 100, &v, &k, &more);
	*n = 0;
	for (size_t i = 0; !rc && i < k; i++)
		if (v[i].unit_id == unit_id || perm_may(&r->ctx, ACT_CONSULT, v[i].unit_id))
			*n += v[i].opinions - v[i].answered;
	return rc;
}

static int unit_todo(struct req *r, struct todo *t, int64_t unit_id)
{
	int64_t n = 0;
	int rc = unanswered_in(r, unit_id, &n);
	if (!rc)
		todo_add(t, N_("%lld opinions on drafts to answer"), n,
			 link_consultations(r, unit_id, "closed"), 1);
	return rc;
}

int consult_todo(struct req *r, struct todo *t)
{
	return todo_each_unit(r, t, ACT_CONSULT, unit_todo);
}

int consult_household_todo(struct req *r, struct todo *t, int64_t unit_id)
{
	struct consult_filter f = {.unit_id = unit_id, .status = CS_OPEN};
	struct consultation *v;
	size_t n;
	int more;
	int rc = consultation_list(&r->ctx, &f, 0, 100, &v, &n, &more);
	if (!rc)
		todo_add(t, N_("%lld drafts open for your comments"), (int64_t)n,
			 n == 1 ? link_consultation(r, v[0].id, NULL)
				: link_consultations(r, unit_id, "open"),
			 0);
	return rc;
}

/* ----------------------------------------------------- for a unit's home */

#define SECTION_CONSULTATIONS 5

int consult_unit_section(struct req *r, int64_t unit_id)
{
	struct consult_filter f = {.unit_id = unit_id, .status = CS_OPEN};
	struct consultation *v;
	size_t n;
	int more;
	int rc = consultation_list(&r->ctx, &f, 0, SECTION_CONSULTATIONS, &v, &n, &more);
	if (rc || !n)
		return rc;
	struct buf *b = &r->out;
	html_raw(b, "<section class=\"recent\"><h2>");
	html_txt(b, T(r, "Drafts open for comments"));
	html_raw(b, "</h2><ul class=\"items compact\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		html_link(b, link_consultation(r, v[i].id, NULL), v[i].title);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, v[i].unit_name);
		html_raw(b, " · ");
		html_txtf(b, T(r, "until %s"), page_time(r, v[i].closes_at));
		html_raw(b, " · ");
		html_txtf(b, T(r, "%lld opinions"), (long long)v[i].opinions);
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul><p class=\"links\">");
	html_link(b, link_consultations(r, unit_id, "open"), T(r, "All drafts open for comments"));
	html_raw(b, "</p></section>");
	return 0;
}

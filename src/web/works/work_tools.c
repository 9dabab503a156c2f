/*
 * The forms under a work's page, each shown only to who may use it: the
 * head and the ward (the decision, the steps, the plan and the final
 * accounts, progress, households' shares, recording entries), the named
 * treasurer (recording contributions), the front work committee and the
 * ward (the board), the board's members (the acceptance, findings, the
 * expenses waiting for them), and a household (its name shown or not).
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/decide/matter.h"
#include "domain/perm.h"
#include "domain/works/board.h"
#include "domain/works/progress.h"
#include "web/html.h"
#include "web/link.h"
#include "web/page.h"
#include "web/works/works_impl.h"

#define BOARD_ROWS	  9   /* rows of the board's form */
#define SELECT_HOUSEHOLDS 500 /* more than this: the code is typed */

static const char *val(struct req *r, const char *name, const char *dflt)
{
	const char *v = req_form(r, name);
	return v ? v : dflt;
}

static void section_begin(struct req *r, const char *id, const char *title)
{
	html_raw(&r->out, "<section class=\"tools\" id=\"");
	html_attr(&r->out, id);
	html_raw(&r->out, "\"><h2>");
	html_txt(&r->out, title);
	html_raw(&r->out, "</h2>");
}

static void section_end(struct req *r)
{
	html_raw(&r->out, "</section>");
}

/* A select over an enum's values with a first empty choice. */
static void select_or_none(struct req *r, const char *name, const char *label, const char *value,
			   const struct name_label *v, int n, const char *none,
			   const struct form_errors *fe)
{
	const char **opts = arena_array(&r->arena, const char *, 2 * (size_t)n + 3);
	size_t k = 0;
	opts[k++] = "";
	opts[k++] = none;
	for (int i = 0; i < n; i++)
		if (*v[i].name) {
			opts[k++] = v[i].name;
			opts[k++] = T(r, v[i].label);
		}
	opts[k] = NULL;
	form_select(r, name, label, value, opts, fe);
}

/* ----------------------------------------------------------- households */

/* The households of the work's unit as choices (code, house number, name
 * for those who manage), or a field to type a code in when there are too
 * many. */
static int household_field(struct req *r, const struct work *w, const char *name, const char *label,
			   const struct form_errors *fe)
{
	struct share *v;
	size_t n;
	int more;
	int rc = share_list(&r->ctx, w, 0, SHARE_PAGE_MAX, &v, &n, &more);
	if (rc)
		return rc;
	const char *value =
		val(r, name, req_query(r, "household") ? req_query(r, "household") : "");
	if (more) {
		form_input(
			r,
			&(struct field){.name = name,
					.label = label,
					.value = value,
					.hint = T(r, "The household's code, as on the households' "
						     "page"),
					.maxlength = 30},
			fe);
		return 0;
	}
	const char **opts = arena_array(&r->arena, const char *, 2 * n + 3);
	size_t k = 0;
	opts[k++] = "";
	opts[k++] = T(r, "Choose…");
	for (size_t i = 0; i < n; i++) {
		const struct share *s = &v[i];
		opts[k++] = *s->code ? s->code
				     : arena_printf(&r->arena, "#%lld", (long long)s->household_id);
		opts[k++] = arena_printf(&r->arena, "%s · %s%s%s", *s->code ? s->code : "—",
					 s->house_no, *s->name ? " · " : "", s->name);
	}
	opts[k] = NULL;
	form_select(r, name, label, value, opts, fe);
	return 0;
}

/* --------------------------------------------------------------- entries */

static int record_form(struct req *r, const struct work *w, const struct form_errors *fe)
{
	const char *kinds[2 * EK_COUNT + 1];
	size_t k = 0;
	for (int i = 0; i < EK_CORRECTION; i++) {
		if (i == EK_EXPENSE && !w->may_manage)
			continue;
		kinds[k++] = ledger_kind_name((enum ledger_kind)i);
		kinds[k++] = T(r, ledger_kind_label((enum ledger_kind)i));
	}
	kinds[k] = NULL;
	section_begin(r, "record", T(r, "Record in the ledger"));
	page_note(r, "hint",
		  T(r, "Nothing is edited or deleted afterwards: a mistake is corrected by a new "
		       "entry, from the entry's own page."));
	form_begin(r, link_work(r, w->id, "entries"), "stacked");
	form_select(r, "kind", T(r, "What"), val(r, "kind", "contribution"), kinds, fe);
	int rc = household_field(r, w, "household", T(r, "Household"), fe);
	if (rc)
		return rc;
	form_input(r,
		   &(struct field){.name = "amount",
				   .label = T(r, "Amount in đồng"),
				   .value = val(r, "amount", ""),
				   .required = 1,
				   .hint = T(r, "Such as 1.500.000"),
				   .maxlength = 30,
				   .autocomplete = "off"},
		   fe);
	select_or_none(r, "method", T(r, "How"), val(r, "method", "cash"), entry_method_names,
		       EM_COUNT, T(r, "Not said"), fe);
	form_input(r,
		   &(struct field){.name = "on_date",
				   .label = T(r, "Day"),
				   .type = "date",
				   .value = val(r, "on_date", "")},
		   fe);
	form_input(r,
		   &(struct field){.name = "receipt_no",
				   .label = T(r, "Receipt number"),
				   .value = val(r, "receipt_no", ""),
				   .hint = T(r, "Leave empty to number it in the ledger's order"),
				   .maxlength = ENTRY_RECEIPT_MAX},
		   fe);
	form_checkbox(r, "show_name", T(r, "The household agrees to show its name"),
		      req_form(r, "show_name") != NULL);
	html_raw(&r->out, "<fieldset><legend>");
	html_txt(&r->out, T(r, "For sponsors, gifts in kind and expenses"));
	html_raw(&r->out, "</legend>");
	select_or_none(r, "source", T(r, "Source"), val(r, "source", ""), work_source_names,
		       FUND_COUNT, T(r, "A household"), fe);
	form_input(r,
		   &(struct field){.name = "party",
				   .label = T(r, "Sponsor, supplier or payee"),
				   .value = val(r, "party", ""),
				   .maxlength = ENTRY_TEXT_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "item",
				   .label = T(r, "What was given or bought"),
				   .value = val(r, "item", ""),
				   .maxlength = ENTRY_TEXT_MAX},
		   fe);
	form_input(r,
		   &(struct field){.name = "quantity",
				   .label = T(r, "Quantity"),
				   .value = val(r, "quantity", ""),
				   .maxlength = ENTRY_QUANTITY_MAX},
		   fe);
	form_input(
		r,
		&(struct field){.name = "advance",
				.label = T(r, "Advanced by"),
				.value = val(r, "advance", ""),
				.hint = T(r, "Who lends the money when an expense is more than the "
					     "balance"),
				.maxlength = ENTRY_TEXT_MAX},
		fe);
	html_raw(&r->out, "</fieldset>");
	form_textarea(r,
		      &(struct field){.name = "note",
				      .label = T(r, "Note"),
				      .value = val(r, "note", ""),
				      .maxlength = ENTRY_NOTE_MAX},
		      2, fe);
	form_submit(r, T(r, "Record"));
	form_end(r);
	section_end(r);
	return 0;
}

/* -------------------------------------------------------------- decision */

static int decision_form(struct req *r, const struct work *w, const struct form_errors *fe)
{
	struct matter *v;
	size_t n;
	int more;
	struct matter_filter f = {.unit_id = w->unit_id, .status = -1};
	int rc = matter_list(&r->ctx, &f, 0, MATTER_PAGE_MAX, &v, &n, &more);
	if (rc)
		return rc;
	const char **opts = arena_array(&r->arena, const char *, 2 * n + 3);
	size_t k = 0;
	opts[k++] = "";
	opts[k++] = T(r, "Choose…");
	for (size_t i = 0; i < n; i++)
		if (v[i].type == MT_CONTRIBUTIONS) {
			opts[k++] = arena_printf(&r->arena, "%lld", (long long)v[i].id);
			opts[k++] = arena_printf(&r->arena, "%s (%s)", v[i].title,
						 T(r, matter_status_label(v[i].status)));
		}
	opts[k] = NULL;
	html_raw(&r->out, "<h3>");
	html_txt(&r->out, T(r, "The decision and the contribution it set"));
	html_raw(&r->out, "</h3>");
	form_begin(r, link_work(r, w->id, "decision"), "stacked");
	form_select(
		r, "matter", T(r, "Matter of contributions (Art. 15, item 1)"),
		val(r, "matter",
		    w->matter_id ? arena_printf(&r->arena, "%lld", (long long)w->matter_id) : ""),
		opts, fe);
	form_select_names(r, "levy", T(r, "Contribution"),
			  val(r, "levy", w->has_levy ? levy_name(w->levy) : "per_household"),
			  levy_names, LEVY_COUNT, fe);
	form_input(
		r,
		&(struct field){.name = "levy_amount",
				.label = T(r, "Amount per household or per metre"),
				.value = val(r, "levy_amount",
					     w->levy_amount ? works_money(r, w->levy_amount) : ""),
				.maxlength = 30},
		fe);
	form_submit(r, T(r, "Save the decision"));
	form_end(r);
	html_raw(&r->out, "<p class=\"links\">");
	html_link(&r->out, link_unit(r, w->unit_id, "matters/new"),
		  T(r, "Put the contribution to the community"));
	html_raw(&r->out, "</p>");
	return 0;
}

/* A one-button step of the life cycle. */
static void step(struct req *r, const struct work *w, const char *to, const char *label)
{
	form_begin(r, link_work(r, w->id, "status"), "inline primary");
	form_hidden(r, "to", to);
	html_raw(&r->out, "<button type=\"submit\">");
	html_txt(&r->out, label);
	html_raw(&r->out, "</button>");
	form_end(r);
}

static int manager_tools(struct req *r, const struct work *w, const struct form_errors *fe)
{
	struct buf *b = &r->out;
	section_begin(r, "manage", T(r, "Manage this work"));
	html_raw(b, "<div class=\"row\">");
	if (w->status == WS_PLANNED) {
		html_link(b, link_work(r, w->id, "edit"), T(r, "Edit the plan"));
		const char *why;
		if (work_decision_passed(&r->ctx, w, &why) && w->has_levy)
			step(r, w, "collecting", T(r, "Start collecting"));
		else
			page_note(r, "hint", T(r, why ? why : "Set the contribution rule"));
	}
	if (w->status == WS_COLLECTING)
		step(r, w, "building", T(r, "Start the construction"));
	if (w->status == WS_SETTLED)
		step(r, w, "closed", T(r, "Close the work"));
	if (!w->plan_notice_id && w->status < WS_SETTLED)
		form_button(r, link_work(r, w->id, "plan"), T(r, "Publish the plan as a notice"),
			    "inline secondary");
	html_raw(b, "</div>");
	int rc = w->status == WS_PLANNED ? decision_form(r, w, fe) : 0;
	if (rc)
		return rc;
	if (w->status == WS_ACCEPTED) {
		html_raw(b, "<h3>");
		html_txt(b, T(r, "Publish the final accounts"));
		html_raw(b, "</h3>");
		form_begin(r, link_work(r, w->id, "settle"), "stacked");
		form_textarea(r,
			      &(struct field){.name = "summary",
					      .label = T(r, "Summary"),
					      .value = val(r, "summary", ""),
					      .hint = T(r, "What the balance will be used for"),
					      .maxlength = WORK_SUMMARY_MAX},
			      3, fe);
		form_submit(r, T(r, "Publish the final accounts"));
		form_end(r);
	}
	if (w->status < WS_SETTLED) {
		html_raw(b, "<h3>");
		html_txt(b, T(r, "Treasurer"));
		html_raw(b, "</h3>");
		form_begin(r, link_work(r, w->id, "treasurer"), "stacked");
		form_input(r,
			   &(struct field){.name = "treasurer",
					   .label = T(r, "Login of the treasurer"),
					   .value = val(r, "treasurer", ""),
					   .hint = T(r, "A phone number or e-mail; empty for none"),
					   .maxlength = 100},
			   fe);
		form_submit(r, T(r, "Name the treasurer"));
		form_end(r);
	}
	section_end(r);
	return 0;
}

static void progress_form(struct req *r, const struct work *w, const struct form_errors *fe)
{
	struct milestone *v;
	size_t n;
	section_begin(r, "milestone", T(r, "Progress"));
	form_begin(r, link_work(r, w->id, "milestones"), "stacked");
	form_select_names(r, "stage", T(r, "Stage"), val(r, "stage", "during"),
			  milestone_stage_names, STAGE_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "percent",
				   .label = T(r, "Done, in percent"),
				   .type = "number",
				   .value = val(r, "percent", ""),
				   .required = 1},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "description",
				      .label = T(r, "What was done"),
				      .value = val(r, "description", ""),
				      .required = 1,
				      .maxlength = MILESTONE_NOTE_MAX},
		      2, fe);
	form_input(r,
		   &(struct field){.name = "milestone_on",
				   .label = T(r, "Day"),
				   .type = "date",
				   .value = val(r, "milestone_on", "")},
		   fe);
	form_submit(r, T(r, "Record the progress"));
	form_end(r);
	if (!milestone_list(&r->ctx, w->id, &v, &n) && n) {
		html_raw(&r->out, "<h3>");
		html_txt(&r->out, T(r, "A photo of the latest step"));
		html_raw(&r->out, "</h3>");
		form_begin_upload(r, link_work_milestone_files(r, w->id, v[n - 1].id), "stacked");
		form_file(r,
			  &(struct field){.name = "file",
					  .label = T(r, "Photo"),
					  .hint = T(r, "Location and camera data are removed")},
			  "image/jpeg,image/png,image/webp", fe);
		form_submit(r, T(r, "Add the photo"));
		form_end(r);
	}
	section_end(r);
}

static int share_form(struct req *r, const struct work *w, const struct form_errors *fe)
{
	section_begin(r, "shares", T(r, "A household's share"));
	page_note(r, "hint",
		  T(r,
		    "The frontage for a contribution per metre; exemptions and reductions for the "
		    "cases the community decided. The reason is never shown publicly."));
	form_begin(r, link_work(r, w->id, "households"), "stacked");
	int rc = household_field(r, w, "share_household", T(r, "Household"), fe);
	if (rc)
		return rc;
	form_input(r,
		   &(struct field){.name = "frontage",
				   .label = T(r, "Frontage in metres"),
				   .value = val(r, "frontage", ""),
				   .maxlength = 10},
		   fe);
	form_select_names(r, "exemption", T(r, "Exempt or reduced"), val(r, "exemption", ""),
			  exemption_names, XM_COUNT, fe);
	form_select_names(r, "category", T(r, "Case"), val(r, "category", ""),
			  exempt_category_names, EXC_COUNT, fe);
	form_input(r,
		   &(struct field){.name = "due",
				   .label = T(r, "Reduced share in đồng"),
				   .value = val(r, "due", ""),
				   .maxlength = 30},
		   fe);
	form_submit(r, T(r, "Save the share"));
	form_end(r);
	section_end(r);
	return 0;
}

static int cancel_form(struct req *r, const struct work *w, const struct form_errors *fe)
{
	html_raw(&r->out, "<details class=\"danger\"><summary>");
	html_txt(&r->out, T(r, "Cancel the work"));
	html_raw(&r->out, "</summary>");
	page_note(r, "hint",
		  T(r, "Every household's contributions must be refunded first, each recorded in "
		       "the ledger."));
	form_begin(r, link_work(r, w->id, "cancel"), "stacked");
	form_textarea(r,
		      &(struct field){.name = "reason",
				      .label = T(r, "Why"),
				      .value = val(r, "reason", ""),
				      .required = 1,
				      .maxlength = WORK_REASON_MAX},
		      2, fe);
	form_submit(r, T(r, "Cancel the work"));
	form_end(r);
	html_raw(&r->out, "</details>");
	return 0;
}

/* ------------------------------------------------------------ the board */

static int election_options(struct req *r, const struct work *w, const char ***out)
{
	struct matter *v;
	size_t n;
	int more;
	struct matter_filter f = {.unit_id = w->unit_id, .status = MS_CLOSED};
	int rc = matter_list(&r->ctx, &f, 0, MATTER_PAGE_MAX, &v, &n, &more);
	if (rc)
		return rc;
	const char **opts = arena_array(&r->arena, const char *, 2 * n + 3);
	size_t k = 0;
	opts[k++] = "";
	opts[k++] = T(r, "None");
	for (size_t i = 0; i < n; i++)
		if (v[i].type == MT_BOARDS && v[i].has_result && v[i].result.passed) {
			opts[k++] = arena_printf(&r->arena, "%lld", (long long)v[i].id);
			opts[k++] = v[i].title;
		}
	opts[k] = NULL;
	*out = opts;
	return 0;
}

static int board_form(struct req *r, const struct work *w, const struct form_errors *fe)
{
	struct board_member *m;
	size_t n;
	int dissolved;
	const char **elections;
	int rc = board_list(&r->ctx, w->id, &m, &n, &dissolved);
	if (rc || (rc = election_options(r, w, &elections)))
		return rc;
	int64_t matter = 0;
	for (size_t i = 0; i < n; i++)
		if (m[i].matter_id)
			matter = m[i].matter_id;
	section_begin(r, "board", T(r, "Set up the supervision board"));
	page_note(r, "hint",
		  T(r, "At least 5 members, one head, at most 2 deputy heads; at most 5 residents, "
		       "elected at a community meeting (a matter of type 5). A member with a login "
		       "signs off expenses and the acceptance in danvan."));
	form_begin(r, link_work(r, w->id, "board"), "stacked");
	form_select(r, "election", T(r, "The meeting that elected the residents"),
		    val(r, "election",
			matter ? arena_printf(&r->arena, "%lld", (long long)matter) : ""),
		    elections, fe);
	html_raw(&r->out, "<fieldset id=\"f-members\"><legend>");
	html_txt(&r->out, T(r, "Members"));
	html_raw(&r->out, "</legend>");
	for (int i = 0; i < BOARD_ROWS; i++) {
		const struct board_member *x = (size_t)i < n && !dissolved ? &m[i] : NULL;
		const char *f_name = arena_printf(&r->arena, "m%d_name", i + 1);
		const char *f_role = arena_printf(&r->arena, "m%d_role", i + 1);
		const char *f_origin = arena_printf(&r->arena, "m%d_origin", i + 1);
		const char *f_login = arena_printf(&r->arena, "m%d_login", i + 1);
		html_raw(&r->out, "<div class=\"row member\">");
		form_input(r,
			   &(struct field){
				   .name = f_name,
				   .label = arena_printf(&r->arena, "%s %d", T(r, "Member"), i + 1),
				   .value = val(r, f_name, x ? x->name : ""),
				   .maxlength = BOARD_NAME_MAX},
			   fe);
		form_select_names(r, f_role, T(r, "Role"),
				  val(r, f_role, x ? board_role_name(x->role) : "member"),
				  board_role_names, BR_COUNT, fe);
		form_select_names(r, f_origin, T(r, "From"),
				  val(r, f_origin, x ? board_origin_name(x->origin) : "resident"),
				  board_origin_names, BO_COUNT, fe);
		form_input(r,
			   &(struct field){.name = f_login,
					   .label = T(r, "Login (optional)"),
					   .value = val(r, f_login, ""),
					   .maxlength = 100},
			   fe);
		html_raw(&r->out, "</div>");
	}
	html_raw(&r->out, "</fieldset>");
	form_submit(r, T(r, "Set up the board"));
	form_end(r);
	section_end(r);
	return 0;
}

/* A member's part: the expenses waiting, the acceptance, a finding. */
static int member_tools(struct req *r, const struct work *w, const struct form_errors *fe)
{
	struct entry *v;
	size_t n;
	int more;
	struct entry_filter f = {.kind = EK_EXPENSE, .oldest_first = 1};
	int rc = entry_list(&r->ctx, w->id, &f, 0, ENTRY_PAGE_MAX, &v, &n, &more);
	if (rc)
		return rc;
	section_begin(r, "member", T(r, "For the supervision board"));
	struct entry *waiting = arena_array(&r->arena, struct entry, n ? n : 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].signoff == SO_PENDING)
			waiting[k++] = v[i];
	if (k)
		works_entries_table(r, w, waiting, k, N_("Expenses waiting for your sign-off"));
	else
		page_note(r, "meta", T(r, "No expense waits for the board."));
	if (w->status == WS_BUILDING) {
		html_raw(&r->out, "<h3>");
		html_txt(&r->out, T(r, "Acceptance"));
		html_raw(&r->out, "</h3>");
		form_begin(r, link_work(r, w->id, "accept"), "stacked");
		form_textarea(
			r,
			&(struct field){.name = "acceptance",
					.label = T(r, "What the board found at the acceptance"),
					.value = val(r, "acceptance", ""),
					.maxlength = WORK_REASON_MAX},
			2, fe);
		form_submit(r, T(r, "Sign the acceptance"));
		form_end(r);
	}
	html_raw(&r->out, "<h3>");
	html_txt(&r->out, T(r, "Record a finding"));
	html_raw(&r->out, "</h3>");
	form_begin(r, link_work(r, w->id, "findings"), "stacked");
	form_textarea(r,
		      &(struct field){.name = "finding",
				      .label = T(r, "Finding"),
				      .value = val(r, "finding", ""),
				      .required = 1,
				      .maxlength = FINDING_TEXT_MAX},
		      3, fe);
	form_submit(r, T(r, "Record the finding"));
	form_end(r);
	section_end(r);
	return 0;
}

int works_tools(struct req *r, const struct work *w, const struct form_errors *fe)
{
	int rc = 0;
	if (!r->ctx.actor->account_id)
		return 0;
	int open = w->status < WS_CLOSED;
	if (w->may_manage && open && (rc = manager_tools(r, w, fe)))
		return rc;
	if (w->may_record && w->status >= WS_COLLECTING && w->status <= WS_ACCEPTED &&
	    (rc = record_form(r, w, fe)))
		return rc;
	if (w->member_id && open && (rc = member_tools(r, w, fe)))
		return rc;
	if (w->may_manage && w->status < WS_SETTLED && w->status != WS_CANCELLED) {
		progress_form(r, w, fe);
		if (w->status < WS_ACCEPTED && (rc = share_form(r, w, fe)))
			return rc;
	}
	if (w->may_form_board && open && (rc = board_form(r, w, fe)))
		return rc;
	if (w->may_manage && w->status <= WS_BUILDING)
		rc = cancel_form(r, w, fe);
	return rc;
}

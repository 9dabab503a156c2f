/*
 * A work's ledger on the web: recording an entry, one entry's public page
 * (with the board's sign-off, a correction and the invoice for those who
 * may), its receipt as a PDF, the whole ledger as CSV and XLSX, and the
 * work's files.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/i18n.h"
#include "base/money.h"
#include "domain/perm.h"
#include "domain/registry/household.h"
#include "domain/registry/unit.h"
#include "domain/works/progress.h"
#include "print/ledger_xlsx.h"
#include "print/receipt_pdf.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/works/works_impl.h"

/* ------------------------------------------------------------ recording */

static int64_t form_num(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	char *end;
	long long x = v && *v ? strtoll(v, &end, 10) : 0;
	return v && *v && !*end && x > 0 ? x : 0;
}

/* The form's fields as an entry; a household chosen by code, or "#id" for
 * one without a code. */
static void read_entry(struct req *r, struct entry_input *in)
{
	const char *h = req_form(r, "household");
	memset(in, 0, sizeof(*in));
	in->kind = req_form(r, "kind");
	if (h && h[0] == '#')
		in->household_id = strtoll(h + 1, NULL, 10);
	else
		in->household = h;
	in->amount = req_form(r, "amount");
	in->effect = req_form(r, "effect");
	in->source = req_form(r, "source");
	in->party = req_form(r, "party");
	in->method = req_form(r, "method");
	in->receipt_no = req_form(r, "receipt_no");
	in->item = req_form(r, "item");
	in->quantity = req_form(r, "quantity");
	in->note = req_form(r, "note");
	in->advance = req_form(r, "advance");
	in->corrects = form_num(r, "corrects");
	in->on_date = req_form(r, "on_date");
	in->show_name = req_form(r, "show_name") != NULL;
}

static int entry_page(struct req *r, const struct form_errors *fe, int status);

int page_work_entry_add(struct req *r)
{
	struct entry_input in;
	int64_t id = 0;
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	read_entry(r, &in);
	rc = entry_record(&r->ctx, r->params[0], &in, &id);
	if (!rc) { /* to the entry: its receipt is printed from there */
		res_redirect(r, link_work_entry(r, r->params[0], id, NULL));
		return 0;
	}
	if (in.corrects > 0) { /* the correction's form is on the corrected entry's page */
		r->params[1] = in.corrects;
		r->nparams = 2;
		return form_after(r, rc, entry_page, "");
	}
	return work_page_after(r, rc, "record");
}

int page_work_signoff(struct req *r)
{
	int rc = req_form_parse(r);
	if (rc)
		return rc;
	const char *d = req_form(r, "decision");
	if (!d || (strcmp(d, "approve") && strcmp(d, "refuse")))
		rc = dv_fail(&r->ctx.err, DV_EINVAL, "decision", "Approve or refuse the expense");
	else
		rc = entry_signoff(&r->ctx, r->params[0], r->params[1], !strcmp(d, "approve"),
				   req_form(r, "reason"));
	return form_after(r, rc, entry_page, link_work_entry(r, r->params[0], r->params[1], NULL));
}

int page_work_entry_file(struct req *r)
{
	struct entry e;
	const struct mp_part *file;
	int64_t fid;
	int rc = entry_get(&r->ctx, r->params[0], r->params[1], &e);
	if (rc)
		return rc;
	if (!(rc = form_upload(r, &file)))
		rc = attachment_add(&r->ctx, &entry_attach, e.id, file->filename, file->data,
				    file->len, NULL, &fid);
	return form_after(r, rc, entry_page, link_work_entry(r, r->params[0], r->params[1], NULL));
}

/* ------------------------------------------------------------ an entry */

static void fact(struct req *r, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	html_raw(&r->out, "<dt>");
	html_txt(&r->out, label);
	html_raw(&r->out, "</dt><dd>");
	html_txt(&r->out, value);
	html_raw(&r->out, "</dd>");
}

static const char *words(struct req *r, int64_t v)
{
	struct buf b = BUF_INIT;
	money_words(&b, v);
	const char *s = arena_strdup(&r->arena, b.ptr);
	buf_release(&b);
	return s;
}

/* May the reader print the entry's receipt: the work's managers, its
 * treasurer, and the household it is for. */
static int may_print(struct req *r, const struct work *w, const struct entry *e)
{
	if (e->kind != EK_CONTRIBUTION && e->kind != EK_IN_KIND)
		return 0;
	return w->may_record || (e->household_id && e->household_id == r->ctx.actor->household_id);
}

static void entry_facts(struct req *r, const struct work *w, const struct entry *e)
{
	struct buf *b = &r->out;
	html_raw(b, "<dl class=\"facts\">");
	fact(r, T(r, "Kind"), T(r, ledger_kind_label(e->kind)));
	fact(r, T(r, "Day"), page_date(r, e->on_date));
	fact(r, e->household_id ? T(r, "Household") : T(r, "Party"), works_who(r, e));
	if (e->kind == EK_CORRECTION) {
		fact(r, T(r, "Effect on the balance"),
		     arena_printf(&r->arena, "%s%s", e->effect > 0 ? "+" : "",
				  works_money(r, e->effect)));
	} else {
		fact(r, T(r, "Amount"), works_money(r, e->amount));
		fact(r, T(r, "In words"), words(r, e->amount));
	}
	if (e->source >= 0 && !e->household_id)
		fact(r, T(r, "Source"), T(r, work_source_label((enum work_source)e->source)));
	if (e->method)
		fact(r, T(r, "How"), T(r, entry_method_label(e->method)));
	fact(r, T(r, "Receipt number"), e->receipt_no);
	fact(r, T(r, "What"), e->item);
	fact(r, T(r, "Quantity"), e->quantity);
	fact(r, T(r, "Advanced by"), e->advance);
	fact(r, T(r, "Note"), e->note);
	fact(r, T(r, "State"), works_entry_state(r, e));
	if (e->kind == EK_EXPENSE && e->signoff != SO_PENDING)
		fact(r, T(r, "Board member"),
		     arena_printf(&r->arena, "%s, %s%s%s", e->signoff_by,
				  page_time(r, e->signoff_at), *e->signoff_reason ? ": " : "",
				  e->signoff_reason));
	fact(r, T(r, "Recorded by"),
	     arena_printf(&r->arena, "%s, %s", *e->recorded_by ? e->recorded_by : "—",
			  page_time(r, e->recorded_at)));
	html_raw(b, "</dl>");
	if (e->corrects) {
		html_raw(b, "<p>");
		html_link(b, link_work_entry(r, w->id, e->corrects, NULL),
			  T(r, "The entry it corrects"));
		html_raw(b, "</p>");
	}
	html_raw(b, "<p class=\"meta\">");
	html_txt(b, T(r, "Hash of the entry before:"));
	html_raw(b, " <code class=\"token\">");
	html_txt(b, e->prev_hash);
	html_raw(b, "</code><br>");
	html_txt(b, T(r, "Hash of this entry:"));
	html_raw(b, " <code class=\"token entry-hash\">");
	html_txt(b, e->hash);
	html_raw(b, "</code></p>");
}

static int entry_files(struct req *r, const struct work *w, const struct entry *e)
{
	struct attachment *v;
	size_t n;
	int rc = attachment_list(&r->ctx, &entry_attach, e->id, &v, &n);
	if (rc || !n)
		return rc;
	html_raw(&r->out, "<section class=\"files\"><h2>");
	html_txt(&r->out, T(r, "Invoice"));
	html_raw(&r->out, "</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		html_raw(&r->out, "<li>");
		html_link(&r->out, link_work_file(r, w->id, v[i].file_id, 0), v[i].name);
		html_raw(&r->out, "</li>");
	}
	html_raw(&r->out, "</ul></section>");
	return 0;
}

static void signoff_form(struct req *r, const struct work *w, const struct entry *e,
			 const struct form_errors *fe)
{
	static const char *const choices[] = {"approve", N_("Sign off: it counts"), "refuse",
					      N_("Refuse"), NULL};
	const char *opts[5];
	for (int i = 0; i < 5; i++)
		opts[i] = choices[i] && i % 2 ? T(r, choices[i]) : choices[i];
	html_raw(&r->out, "<section class=\"tools\" id=\"signoff\"><h2>");
	html_txt(&r->out, T(r, "The board's sign-off"));
	html_raw(&r->out, "</h2>");
	form_begin(r, link_work_entry(r, w->id, e->id, "signoff"), "stacked");
	form_select(r, "decision", T(r, "Decision"), req_form(r, "decision"), opts, fe);
	form_textarea(r,
		      &(struct field){.name = "reason",
				      .label = T(r, "Reason"),
				      .value = req_form(r, "reason"),
				      .hint = T(r, "Required to refuse"),
				      .maxlength = ENTRY_NOTE_MAX},
		      2, fe);
	form_submit(r, T(r, "Record the decision"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static void correction_form(struct req *r, const struct work *w, const struct entry *e,
			    const struct form_errors *fe)
{
	html_raw(&r->out, "<section class=\"tools\" id=\"correct\"><h2>");
	html_txt(&r->out, T(r, "Correct this entry"));
	html_raw(&r->out, "</h2>");
	page_note(r, "hint",
		  T(r, "The entry stays as it is; the correction is a new entry that points at it. "
		       "Write how it changes the balance: -50.000 if too much was recorded as "
		       "received, +50.000 if too much was recorded as spent."));
	form_begin(r, link_work(r, w->id, "entries"), "stacked");
	form_hidden(r, "kind", "correction");
	form_hidden(r, "corrects", arena_printf(&r->arena, "%lld", (long long)e->id));
	form_input(r,
		   &(struct field){.name = "effect",
				   .label = T(r, "Effect on the balance"),
				   .value = req_form(r, "effect"),
				   .required = 1,
				   .maxlength = 30},
		   fe);
	form_textarea(r,
		      &(struct field){.name = "note",
				      .label = T(r, "Why"),
				      .value = req_form(r, "note"),
				      .required = 1,
				      .maxlength = ENTRY_NOTE_MAX},
		      2, fe);
	form_submit(r, T(r, "Record the correction"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static void invoice_form(struct req *r, const struct work *w, const struct entry *e,
			 const struct form_errors *fe)
{
	html_raw(&r->out, "<section class=\"tools\" id=\"invoice\"><h2>");
	html_txt(&r->out, T(r, "Attach the invoice"));
	html_raw(&r->out, "</h2>");
	form_begin_upload(r, link_work_entry(r, w->id, e->id, "files"), "stacked");
	form_file(r,
		  &(struct field){.name = "file",
				  .label = T(r, "A photo or a PDF of the invoice"),
				  .hint = T(r, "Location and camera data are removed from photos")},
		  ".pdf,image/jpeg,image/png,image/webp", fe);
	form_submit(r, T(r, "Attach"));
	form_end(r);
	html_raw(&r->out, "</section>");
}

static int entry_page(struct req *r, const struct form_errors *fe, int status)
{
	struct work w;
	struct entry e;
	int rc = work_get(&r->ctx, r->params[0], &w);
	if (rc || (rc = entry_get(&r->ctx, w.id, r->params[1], &e)))
		return rc;
	const char *title =
		arena_printf(&r->arena, "%s %lld · %s", T(r, "Entry"), (long long)e.seq, w.name);
	layout_begin(r, title);
	r->status = status;
	page_back(r, link_work_ledger(r, w.id, NULL, 1), w.name);
	page_heading(r, arena_printf(&r->arena, "%s %lld: %s", T(r, "Entry"), (long long)e.seq,
				     T(r, ledger_kind_label(e.kind))));
	form_summary(r, fe);
	entry_facts(r, &w, &e);
	if (may_print(r, &w, &e)) {
		html_raw(&r->out, "<p class=\"links\">");
		html_link(&r->out, link_work_entry(r, w.id, e.id, "receipt.pdf"),
			  T(r, "Print the receipt (PDF)"));
		html_raw(&r->out, "</p>");
	}
	if ((rc = entry_files(r, &w, &e)))
		return rc;
	int open = w.status < WS_SETTLED;
	if (open && w.member_id && e.kind == EK_EXPENSE && e.signoff == SO_PENDING)
		signoff_form(r, &w, &e, fe);
	if (open && w.status != WS_PLANNED && e.counted && e.kind != EK_PLEDGE &&
	    e.kind != EK_CORRECTION && (e.kind == EK_EXPENSE ? w.may_manage : w.may_record))
		correction_form(r, &w, &e, fe);
	if (open && e.kind == EK_EXPENSE &&
	    (w.may_manage || e.recorded_by_id == r->ctx.actor->account_id) &&
	    r->ctx.actor->account_id)
		invoice_form(r, &w, &e, fe);
	layout_end(r);
	return 0;
}

int page_work_entry(struct req *r)
{
	return entry_page(r, NULL, 200);
}

/* ------------------------------------------------------------- receipt */

/* "Phường Tân Đông Hiệp" and "Khu phố Đông Tác" for the unit. */
static void places(struct req *r, int64_t unit_id, const char **ward, const char **community)
{
	struct unit *v;
	size_t n;
	*ward = *community = "";
	if (unit_ancestors(&r->ctx, unit_id, &v, &n))
		return;
	for (size_t i = 0; i < n; i++) {
		const char *name = arena_printf(&r->arena, "%s",
						unit_title(&r->arena, r->ctx.lang, v[i].kind, v[i].name));
		if (unit_kind_is_commune(v[i].kind))
			*ward = name;
		else if (i + 1 == n)
			*community = name;
	}
}

int page_work_receipt(struct req *r)
{
	struct work w;
	struct entry e;
	struct household h;
	int rc = work_get(&r->ctx, r->params[0], &w);
	if (rc || (rc = entry_get(&r->ctx, w.id, r->params[1], &e)))
		return rc;
	if (!may_print(r, &w, &e))
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL,
			       "There is no page at this address.");
	const char *address = "";
	if (e.household_id && !household_load(&r->ctx, e.household_id, &h))
		address = h.address;
	struct receipt_paper p = {
		.work = w.name,
		.number = e.receipt_no,
		.date = e.on_date,
		.payer = e.household_id ? e.household_name : e.party,
		.household = e.household_id
				     ? arena_printf(&r->arena, "%s · %s", e.household_code, address)
				     : "",
		.what = e.kind == EK_IN_KIND
				? arena_printf(&r->arena, "%s: %s", T(r, "Given in kind"), e.item)
				: T(r, "Contribution to the work"),
		.amount = e.amount,
		.method = e.method ? T(r, entry_method_label(e.method)) : "",
		.received_by = e.recorded_by,
		.url = arena_printf(&r->arena, "%s%s", r->public_url,
				    link_work_entry(r, w.id, e.id, NULL)),
		.hash = e.hash,
	};
	places(r, w.unit_id, &p.ward, &p.community);
	if ((rc = receipt_pdf(&p, r->ctx.lang, &r->out, &r->ctx.err)))
		return rc;
	r->status = 200;
	r->content_type = "application/pdf";
	res_header(r, "Cache-Control", "private, no-store");
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "inline; filename=\"phieu-thu-%lld-%lld.pdf\"",
				(long long)w.id, (long long)e.seq));
	return 0;
}

/* ------------------------------------------------------- CSV and XLSX */

static void csv_field(struct buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_adds(b, s);
		return;
	}
	buf_addch(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addch(b, '"');
		buf_addch(b, *s);
	}
	buf_addch(b, '"');
}

static int csv_row(const struct entry *e, void *arg)
{
	struct buf *b = arg;
	char day[16];
	int y, m, d;
	date_split(e->on_date, &y, &m, &d);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
	buf_addf(b, "%lld,%s,%s,", (long long)e->seq, day, ledger_kind_name(e->kind));
	csv_field(b, e->household_code);
	buf_addch(b, ',');
	csv_field(b, e->household_id ? e->house_no : "");
	buf_addch(b, ',');
	csv_field(b, e->household_name);
	buf_addf(b, ",%s,", e->source >= 0 ? work_source_name((enum work_source)e->source) : "");
	csv_field(b, e->party);
	buf_addch(b, ',');
	csv_field(b, e->item);
	buf_addch(b, ',');
	csv_field(b, e->quantity);
	buf_addf(b, ",%s,", entry_method_name(e->method));
	csv_field(b, e->receipt_no);
	buf_addf(b, ",%lld,%lld,%d,%s,", (long long)e->amount, (long long)e->effect, e->counted,
		 e->kind == EK_EXPENSE
			 ? (e->signoff == SO_PENDING ? "pending" : signoff_name(e->signoff))
			 : "");
	csv_field(b, e->note);
	buf_addf(b, ",%s\r\n", e->hash);
	return 0;
}

int page_work_ledger_csv(struct req *r)
{
	struct work w;
	int rc = work_get(&r->ctx, r->params[0], &w);
	if (rc)
		return rc;
	buf_adds(&r->out, "seq,day,kind,household,house_no,name,source,party,item,quantity,method,"
			  "receipt,amount,effect,counted,signoff,note,hash\r\n");
	if ((rc = entry_each(&r->ctx, w.id, csv_row, &r->out)))
		return rc;
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"so-thu-chi-%lld.csv\"",
				(long long)w.id));
	return 0;
}

static int xlsx_row(const struct entry *e, void *arg)
{
	ledger_xlsx_row(arg, e);
	return 0;
}

int page_work_ledger_xlsx(struct req *r)
{
	struct work w;
	struct ledger_book *k;
	int rc = work_get(&r->ctx, r->params[0], &w);
	if (rc || (rc = ledger_xlsx_open(&w, r->ctx.lang, &k, &r->ctx.err)))
		return rc;
	rc = entry_each(&r->ctx, w.id, xlsx_row, k);
	struct dv_err keep = r->ctx.err;
	int closed = ledger_xlsx_close(k, &r->out, &r->ctx.err);
	if (rc) {
		r->ctx.err = keep;
		buf_reset(&r->out);
		return rc;
	}
	if (closed)
		return closed;
	r->status = 200;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	res_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"so-thu-chi-%lld.xlsx\"",
				(long long)w.id));
	return 0;
}

/* ---------------------------------------------------------------- files */

static int send_file(struct req *r, int thumb)
{
	struct file_data f;
	int rc = work_file_read(&r->ctx, r->params[0], r->params[1], thumb, &f);
	if (rc)
		return rc;
	r->status = 200;
	r->content_type = f.mime;
	res_header(r, "Cache-Control", "public, max-age=86400");
	res_header(
		r, "Content-Disposition",
		arena_printf(&r->arena, "inline; filename=\"file-%lld\"", (long long)r->params[1]));
	buf_add(&r->out, f.data, f.len);
	return 0;
}

int page_work_file(struct req *r)
{
	return send_file(r, 0);
}

int page_work_thumb(struct req *r)
{
	return send_file(r, 1);
}

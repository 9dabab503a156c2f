/*
 * The synthesis of a consultation, checked the way an officer gets it: the
 * PDF is written to a file and read with poppler (pdfinfo, pdftotext), the
 * workbook is opened as a zip of XML by Python's standard library, as any
 * spreadsheet program would. No database: the consultation is built in
 * memory.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "base/i18n.h"
#include "print/consultation_pdf.h"
#include "print/consultation_xlsx.h"
#include "print/pdf.h"

/* ---------- Files and tools (testlib: test_dir_new, test_shell, ...) ---------- */

/* s with every run of white space made one space, so that text wrapped
 * over lines (or pages) reads as one sentence. */
static void squeeze(struct buf *s)
{
	size_t j = 0;
	int space = 0;
	for (size_t i = 0; i < s->len; i++) {
		char ch = s->ptr[i];
		if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\f' || ch == '\r') {
			space = 1;
			continue;
		}
		if (space && j > 0)
			s->ptr[j++] = ' ';
		space = 0;
		s->ptr[j++] = ch;
	}
	buf_truncate(s, j);
}

#define assert_has(hay, needle)                                                                    \
	do {                                                                                       \
		if (!strstr((hay), (needle)))                                                      \
			fail_msg("\"%s\" not found in:\n%s", (needle), (hay));                     \
	} while (0)

/* ---------- A consultation in memory ---------- */

static const char *const stances_vi[ST_COUNT] = {"Tán thành", "Không tán thành", "Ý kiến khác"};
static const char *const channels_vi[OC_COUNT] = {
	"Trên cổng thông tin", "Tại hội nghị", "Đối thoại",   "Hòm thư góp ý",
	"Đường dây nóng",      "Qua tổ chức",  "Mạng xã hội",
};
static const char *const answers_vi[ANS_COUNT] = {"Chưa trả lời", "Tiếp thu", "Tiếp thu một phần",
						  "Không tiếp thu"};
static const char *const stances_en[ST_COUNT] = {"Support", "Oppose", "Other"};
static const char *const channels_en[OC_COUNT] = {
	"On this site",	  "At a meeting", "At a dialogue",
	"Suggestion box", "Hotline",	  "Through an organization",
	"Social network",
};
static const char *const answers_en[ANS_COUNT] = {"Not answered", "Accepted", "Partly accepted",
						  "Not accepted"};

static const struct synthesis_paper paper_vi = {"ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐÔNG HIỆP",
						"Phường Tân Đông Hiệp",
						"Quy chế thực hiện dân chủ ở cơ sở",
						stances_vi,
						channels_vi,
						answers_vi};
static const struct synthesis_paper paper_en = {"PEOPLE'S COMMITTEE OF TAN DONG HIEP WARD",
						"Tân Đông Hiệp ward",
						"Grassroots democracy regulation",
						stances_en,
						channels_en,
						answers_en};

#define TITLE "Dự thảo Quy chế thực hiện dân chủ ở cơ sở phường Tân Đông Hiệp năm 2026"
#define TEXT3                                                                                                                    \
	"Hội đề nghị Điều 5 ghi rõ thời hạn niêm yết công khai dự toán ngân sách phường tại trụ " \
	"sở và nhà văn hóa các khu phố, ít nhất 30 ngày, để hội viên phụ nữ kịp đọc và góp ý."
#define REASON3 "Nội dung này thuộc thẩm quyền của Ủy ban nhân dân thành phố Dĩ An."
#define REASON2 "Đã bổ sung vào khoản 2 Điều 3; phần còn lại đã có trong Luật."

static struct consult_section sections[4] = {
	{0, "", ""},
	{1, "Chương I. Những quy định chung", ""},
	{2, "Điều 5. Công khai thông tin về ngân sách phường", ""},
	{3, "Điều 9. Hòm thư góp ý", ""},
};

/* Instants of March and April 2026, Vietnam time. */
static int64_t at(int month, int day, int hour)
{
	return time_local_midnight(date_ymd(2026, month, day)) + hour * 3600;
}

/* Six opinions: 3 supporting, 2 opposing, 1 other, 2 collective; 3
 * accepted, 1 partly, 1 not, 1 not answered; none on section 3. */
static struct opinion six[6];

static void make_six(void)
{
	const struct opinion v[6] = {
		{101, 0, ST_SUPPORT, OC_WEB,
		 "Tôi đồng ý với toàn bộ dự thảo, đề nghị sớm ban hành.", 0,
		 "Một người dân khu phố Đông Tác", "", 0, at(3, 2, 9), ANS_ACCEPTED, "", 0},
		{102, 1, ST_OPPOSE, OC_MEETING,
		 "Đề nghị bổ sung việc lấy ý kiến người cao tuổi và người khuyết tật.", 0,
		 "Một người dân khu phố Chiêu Liêu", "", 0, at(3, 5, 19), ANS_PARTLY, REASON2, 0},
		{103, 2, ST_OTHER, OC_BOX, TEXT3, 1, "Hội Liên hiệp Phụ nữ phường Tân Đông Hiệp",
		 "", 0, at(3, 10, 8), ANS_REJECTED, REASON3, 0},
		{104, 2, ST_SUPPORT, OC_HOTLINE,
		 "Nên công khai cả trên loa truyền thanh của khu phố.", 0,
		 "Một người dân khu phố Đông Tác", "", 0, at(3, 12, 14), ANS_ACCEPTED, "", 0},
		{105, 1, ST_SUPPORT, OC_ORGANIZATION, "Đoàn Thanh niên thống nhất với Chương I.", 1,
		 "Đoàn Thanh niên phường Tân Đông Hiệp", "", 0, at(3, 20, 10), ANS_ACCEPTED, "", 0},
		{106, 2, ST_OPPOSE, OC_SOCIAL, "Không nên dán danh sách ở nơi công cộng.", 0,
		 "Một người dân khu phố Chiêu Liêu", "", 0, at(3, 28, 21), ANS_NONE, "", 0},
	};
	memcpy(six, v, sizeof(v));
}

/* The sections' counts from the opinions, as the domain counts them. */
static void tally(struct consultation *c, const struct opinion *ops, size_t n)
{
	for (size_t i = 0; i < c->nsections; i++) {
		struct consult_section *s = &c->sections[i];
		s->opinions = s->support = s->oppose = s->other = s->collective = 0;
		s->accepted = s->partly = s->rejected = 0;
		for (size_t j = 0; j < n; j++) {
			const struct opinion *o = &ops[j];
			if (o->section != s->number)
				continue;
			s->opinions++;
			s->support += o->stance == ST_SUPPORT;
			s->oppose += o->stance == ST_OPPOSE;
			s->other += o->stance == ST_OTHER;
			s->collective += o->collective != 0;
			s->accepted += o->answer == ANS_ACCEPTED;
			s->partly += o->answer == ANS_PARTLY;
			s->rejected += o->answer == ANS_REJECTED;
		}
	}
}

static struct consultation consultation(const struct opinion *ops, size_t n)
{
	struct consultation c = {
		.id = 7,
		.unit_name = "Phường Tân Đông Hiệp",
		.kind = CK_REGULATION,
		.status = CS_PUBLISHED,
		.title = TITLE,
		.opened_at = at(3, 1, 8),
		.closes_at = at(3, 31, 17),
		.published_at = at(4, 5, 10),
		.summary = "Ủy ban nhân dân phường đã tiếp thu các ý kiến hợp lý và hoàn thiện dự "
			   "thảo.\n\nDự thảo đã sửa được trình Hội đồng nhân dân phường.",
		.opinions = (int64_t)n,
		.answered = (int64_t)n,
		.nsections = 4,
		.sections = sections,
	};
	tally(&c, ops, n);
	return c;
}

/* ---------- Making the documents ---------- */

typedef int (*maker)(const struct consultation *, const struct opinion *, size_t,
		     const struct synthesis_paper *, const char *, struct buf *, struct dv_err *);

/* Make a document and write it to dir/name; fails the test on an error. */
static void make(maker f, const char *dir, const char *name, const struct consultation *c,
		 const struct opinion *ops, size_t n, const struct synthesis_paper *p,
		 const char *lang)
{
	struct buf out = BUF_INIT;
	struct dv_err err = {0};
	int rc = f(c, ops, n, p, lang, &out, &err);
	if (rc)
		fail_msg("%s: %d %s", name, rc, err.msg);
	test_write_file(dir, name, out.ptr, out.len);
	buf_release(&out);
}

static int page_count(const char *dir, const char *name)
{
	struct buf out = BUF_INIT;
	assert_int_equal(test_shell(&out, "pdfinfo '%s/%s'", dir, name), 0);
	const char *p = strstr(out.ptr, "\nPages:");
	assert_non_null(p);
	int pages = atoi(p + strlen("\nPages:"));
	buf_release(&out);
	return pages;
}

/* The PDF's text as pdftotext -layout reads it, white space squeezed,
 * without the page numbers: the top 45 of A4's 842 points are left out. */
static void text_of(const char *dir, const char *name, struct buf *out)
{
	assert_int_equal(test_shell(out, "pdftotext -layout -y 45 -W 595 -H 797 '%s/%s' -", dir, name), 0);
	squeeze(out);
}

/* What a spreadsheet program sees in a workbook, one line each: "sheet
 * NAME", "frozen NAME TOPLEFT", "filter NAME RANGE", and "cell NAME!REF[
 * bold][ =FORMULA]: VALUE" with shared strings resolved. */
static const char dump_py[] =
	"import sys, zipfile, xml.etree.ElementTree as ET\n"
	"M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'\n"
	"R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'\n"
	"z = zipfile.ZipFile(sys.argv[1])\n"
	"sst = [''.join(t.text or '' for t in si.iter(M + 't'))\n"
	"       for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(M + 'si')]\n"
	"st = ET.fromstring(z.read('xl/styles.xml'))\n"
	"bold = [f.find(M + 'b') is not None for f in st.find(M + 'fonts')]\n"
	"xfs = [bold[int(x.get('fontId', 0))] for x in st.find(M + 'cellXfs')]\n"
	"rels = {r.get('Id'): r.get('Target')\n"
	"        for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}\n"
	"for sh in ET.fromstring(z.read('xl/workbook.xml')).iter(M + 'sheet'):\n"
	"    name = sh.get('name')\n"
	"    print('sheet', name)\n"
	"    ws = ET.fromstring(z.read('xl/' + rels[sh.get(R + 'id')]))\n"
	"    pane = ws.find('.//' + M + 'pane')\n"
	"    if pane is not None and pane.get('state') == 'frozen':\n"
	"        print('frozen', name, pane.get('topLeftCell'))\n"
	"    af = ws.find(M + 'autoFilter')\n"
	"    if af is not None:\n"
	"        print('filter', name, af.get('ref'))\n"
	"    for c in ws.iter(M + 'c'):\n"
	"        v = c.findtext(M + 'v') or ''\n"
	"        if c.get('t') == 's':\n"
	"            v = sst[int(v)]\n"
	"        f = c.findtext(M + 'f')\n"
	"        print('cell %s!%s%s%s: %s' % (name, c.get('r'),\n"
	"              ' bold' if xfs[int(c.get('s', 0))] else '',\n"
	"              ' =' + f if f is not None else '', v.replace('\\n', '\\\\n')))\n";

/* The dump of dir/name in out, with a line break before its first line so
 * that every line can be found as "\nLINE\n". */
static void dump_xlsx(const char *dir, const char *name, struct buf *out)
{
	struct buf py = BUF_INIT;
	buf_adds(&py, dump_py);
	test_write_file(dir, "dump.py", py.ptr, py.len);
	int rc = test_shell(&py, "PYTHONIOENCODING=utf-8 python3 '%s/dump.py' '%s/%s'", dir, dir, name);
	if (rc)
		fail_msg("python3 could not read %s (exit %d):\n%s", name, rc, py.ptr);
	buf_reset(out);
	buf_addch(out, '\n');
	buf_add(out, py.ptr, py.len);
	buf_release(&py);
}

/* The workbook's dump has this line, whole. */
static void assert_line(const struct buf *dump, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void assert_line(const struct buf *dump, const char *fmt, ...)
{
	struct buf want = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_addch(&want, '\n');
	buf_vaddf(&want, fmt, ap);
	buf_addch(&want, '\n');
	va_end(ap);
	if (!strstr(dump->ptr, want.ptr))
		fail_msg("no line \"%s\" in the workbook:%s", want.ptr + 1, dump->ptr);
	buf_release(&want);
}

static const char *vi(const char *msgid)
{
	return i18n_get("vi", msgid);
}

/* ---------- The PDF ---------- */

static void pdf_reads_in_vietnamese(void **state)
{
	(void)state;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-synthesis-test"), 0);
	make_six();
	struct consultation c = consultation(six, 6);
	make(synthesis_pdf, dir, "vi.pdf", &c, six, 6, &paper_vi, "vi");
	struct buf t = BUF_INIT, want = BUF_INIT;
	text_of(dir, "vi.pdf", &t);
	/* The fixed text goes through the catalog, translated or not yet. */
	assert_has(t.ptr, vi("REPORT ON THE OPINIONS RECEIVED"));
	assert_has(t.ptr, vi("SOCIALIST REPUBLIC OF VIET NAM"));
	assert_has(t.ptr, "ỦY BAN NHÂN DÂN");
	assert_has(t.ptr, "PHƯỜNG TÂN ĐÔNG HIỆP");
	assert_has(t.ptr, TITLE);
	assert_has(t.ptr, "01/03/2026");
	assert_has(t.ptr, "31/03/2026");
	assert_has(t.ptr, "Điều 5. Công khai thông tin về ngân sách phường");
	assert_has(t.ptr, "Điều 9. Hòm thư góp ý");
	assert_has(t.ptr, vi("No opinion was given on this section."));
	assert_has(t.ptr, TEXT3);
	assert_has(t.ptr, REASON3);
	assert_has(t.ptr, REASON2);
	assert_has(t.ptr, "Hội Liên hiệp Phụ nữ phường Tân Đông Hiệp");
	assert_has(t.ptr, "Không tiếp thu");
	assert_has(t.ptr, "Hòm thư góp ý");
	assert_has(t.ptr, "Dự thảo đã sửa được trình Hội đồng nhân dân phường.");
	assert_has(t.ptr, vi("CHAIRPERSON"));
	/* The table: each section's counts, and the totals. */
	buf_addf(&want, "%s 6 3 2 1 2 3 1 1", vi("Total"));
	assert_has(t.ptr, want.ptr);
	buf_reset(&want);
	buf_addf(&want, "%s 1 1 0 0 0 1 0 0", vi("The draft as a whole"));
	assert_has(t.ptr, want.ptr);
	assert_has(t.ptr, "3 Điều 9. Hòm thư góp ý 0 0 0 0 0 0 0 0");
	assert_int_equal(page_count(dir, "vi.pdf"), 2);
	buf_release(&want);
	buf_release(&t);
	test_dir_remove(dir);
}

static void both_in_english(void **state)
{
	(void)state;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-synthesis-test"), 0);
	make_six();
	struct consultation c = consultation(six, 6);
	make(synthesis_pdf, dir, "en.pdf", &c, six, 6, &paper_en, "en");
	struct buf t = BUF_INIT;
	text_of(dir, "en.pdf", &t);
	assert_has(t.ptr, "REPORT ON THE OPINIONS RECEIVED " TITLE);
	assert_has(t.ptr, "Tân Đông Hiệp ward, 05/04/2026");
	assert_has(t.ptr, "Comments on the draft were taken from 01/03/2026 to 31/03/2026.");
	assert_has(t.ptr, "Opinions received: 6, of which 2 collective.");
	assert_has(t.ptr, "Supporting: 3; opposing: 2; other: 1.");
	assert_has(t.ptr, "Accepted: 3; partly accepted: 1; not accepted: 1; not answered yet: 1.");
	assert_has(t.ptr, "The draft as a whole");
	assert_has(t.ptr, "Section 1. Chương I. Những quy định chung");
	assert_has(t.ptr, "3 opinions (1 supporting, 1 opposing, 1 other; 1 collective). Accepted: "
			  "1, partly accepted: 0, not accepted: 1.");
	assert_has(t.ptr, "Hội Liên hiệp Phụ nữ phường Tân Đông Hiệp (collective opinion)");
	assert_has(t.ptr, "Other · Suggestion box · 10/03/2026");
	assert_has(t.ptr, "Answer: Not accepted. " REASON3);
	assert_has(t.ptr, "Answer: Not answered");
	assert_has(t.ptr, "ON BEHALF OF THE PEOPLE'S COMMITTEE CHAIRPERSON");
	buf_release(&t);

	make(synthesis_xlsx, dir, "en.xlsx", &c, six, 6, &paper_en, "en");
	struct buf d = BUF_INIT;
	dump_xlsx(dir, "en.xlsx", &d);
	assert_line(&d, "sheet Summary");
	assert_line(&d, "sheet Opinions");
	assert_line(&d, "cell Summary!A1 bold: REPORT ON THE OPINIONS RECEIVED");
	assert_line(&d, "cell Summary!A3: Grassroots democracy regulation · Phường Tân Đông Hiệp · "
			"01/03/2026 – 31/03/2026");
	assert_line(&d, "cell Opinions!E1 bold: Received through");
	assert_line(&d, "cell Opinions!G4: Yes");
	assert_line(&d, "cell Opinions!J3: Partly accepted");
	buf_release(&d);
	test_dir_remove(dir);
}

/* Five hundred opinions flow over many pages, and none is lost at a page
 * break. */
static void five_hundred_opinions(void **state)
{
	(void)state;
	enum { N = 500 };
	static struct opinion ops[N];
	static char texts[N][400];
	make_six();
	for (int i = 0; i < N; i++) {
		snprintf(texts[i], sizeof(texts[i]),
			 "Ý kiến thứ %d: đề nghị làm rõ trách nhiệm của tổ trưởng tổ dân phố khi "
			 "tổ chức họp%s.",
			 i + 1,
			 i % 7 ? ""
			       : ", niêm yết công khai kết quả tại nhà văn hóa khu phố và báo "
				 "cáo lại Ủy ban nhân dân phường trong vòng mười lăm ngày làm "
				 "việc kể từ ngày kết thúc cuộc họp");
		ops[i] = six[i % 6]; /* its stance, channel, answer and reason */
		ops[i].id = 1000 + i;
		ops[i].section = i % 4;
		ops[i].text = texts[i];
	}
	struct consultation c = consultation(ops, N);
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-synthesis-test"), 0);
	make(synthesis_pdf, dir, "many.pdf", &c, ops, N, &paper_vi, "vi");
	int pages = page_count(dir, "many.pdf");
	if (pages < 20)
		fail_msg("500 opinions on only %d pages", pages);
	struct buf t = BUF_INIT, want = BUF_INIT;
	text_of(dir, "many.pdf", &t);
	for (int i = 0; i < N; i++)
		assert_has(t.ptr, texts[i]);
	buf_addf(&want, "%s %d", vi("Total"), N);
	assert_has(t.ptr, want.ptr);
	assert_has(t.ptr, vi("CHAIRPERSON"));
	/* Numbered at the top from page 2 on. */
	const char *top = "pdftotext -f %d -l %d -y 0 -W 595 -H 45 '%s/many.pdf' -";
	assert_int_equal(test_shell(&t, top, 1, 1, dir), 0);
	squeeze(&t);
	assert_string_equal(t.ptr, "");
	assert_int_equal(test_shell(&t, top, pages, pages, dir), 0);
	squeeze(&t);
	assert_int_equal(atoi(t.ptr), pages);
	buf_release(&want);
	buf_release(&t);

	make(synthesis_xlsx, dir, "many.xlsx", &c, ops, N, &paper_vi, "vi");
	struct buf d = BUF_INIT;
	dump_xlsx(dir, "many.xlsx", &d);
	assert_line(&d, "filter %s A1:K%d", vi("Opinions"), N + 1);
	assert_line(&d, "cell %s!I%d: %s", vi("Opinions"), N + 1, texts[N - 1]);
	assert_line(&d, "cell %s!C10 bold =SUM(C6:C9): %d", vi("Summary"), N);
	buf_release(&d);
	test_dir_remove(dir);
}

/* The longest texts the domain accepts (an opinion of 4000 characters, a
 * summary of 20000) run over pages whole. */
static void long_texts_flow_onto_new_pages(void **state)
{
	(void)state;
	struct buf text = BUF_INIT, summary = BUF_INIT;
	for (int i = 1; text.len < OPINION_TEXT_MAX; i++)
		buf_addf(&text, "Câu %d của ý kiến dài về việc niêm yết công khai. ", i);
	for (int i = 1; summary.len < SYNTHESIS_SUMMARY_MAX; i++)
		buf_addf(&summary, "Kết luận %d: phường tiếp thu và chỉnh sửa dự thảo.%s", i,
			 i % 10 ? " " : "\n\n");
	make_six();
	six[2].text = text.ptr;
	six[2].reason = text.ptr;
	struct consultation c = consultation(six, 6);
	c.summary = summary.ptr;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-synthesis-test"), 0);
	make(synthesis_pdf, dir, "long.pdf", &c, six, 6, &paper_vi, "vi");
	assert_true(page_count(dir, "long.pdf") >= 5);
	struct buf t = BUF_INIT;
	text_of(dir, "long.pdf", &t);
	squeeze(&text);
	squeeze(&summary);
	assert_has(t.ptr, text.ptr);
	assert_has(t.ptr, summary.ptr);
	buf_release(&t);
	buf_release(&text);
	buf_release(&summary);
	test_dir_remove(dir);
}

/* A consultation nobody commented on, with empty and missing texts, still
 * makes both documents. */
static void nothing_to_report(void **state)
{
	(void)state;
	struct consult_section only[1] = {{0, NULL, NULL}};
	struct consultation c = {.title = "", .nsections = 1, .sections = only};
	const struct synthesis_paper bare = {NULL, NULL, NULL, NULL, NULL, NULL};
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-synthesis-test"), 0);
	make(synthesis_pdf, dir, "empty.pdf", &c, NULL, 0, &bare, "en");
	assert_int_equal(page_count(dir, "empty.pdf"), 1);
	struct buf t = BUF_INIT;
	text_of(dir, "empty.pdf", &t);
	assert_has(t.ptr, "Opinions received: 0, of which 0 collective.");
	assert_has(t.ptr, "No opinion was given on this section.");
	assert_has(t.ptr, "No conclusion has been written yet.");
	buf_release(&t);
	make(synthesis_xlsx, dir, "empty.xlsx", &c, NULL, 0, &bare, "en");
	struct buf d = BUF_INIT;
	dump_xlsx(dir, "empty.xlsx", &d);
	assert_line(&d, "cell Summary!C7 bold =SUM(C6:C6): 0");
	assert_line(&d, "filter Opinions A1:K1");

	/* No sections at all: totals of nothing. */
	c.nsections = 0;
	c.sections = NULL;
	make(synthesis_pdf, dir, "none.pdf", &c, NULL, 0, &bare, "vi");
	make(synthesis_xlsx, dir, "none.xlsx", &c, NULL, 0, &bare, "en");
	dump_xlsx(dir, "none.xlsx", &d);
	assert_line(&d, "cell Summary!C6 bold: 0");
	buf_release(&d);
	test_dir_remove(dir);
}

/* ---------- The workbook ---------- */

static void workbook_in_vietnamese(void **state)
{
	(void)state;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-synthesis-test"), 0);
	make_six();
	struct consultation c = consultation(six, 6);
	make(synthesis_xlsx, dir, "vi.xlsx", &c, six, 6, &paper_vi, "vi");
	struct buf d = BUF_INIT;
	dump_xlsx(dir, "vi.xlsx", &d);
	const char *s1 = vi("Summary"), *s2 = vi("Opinions");
	assert_line(&d, "sheet %s", s1);
	assert_line(&d, "sheet %s", s2);
	/* Sheet 1: header bold and frozen, one row per section, SUMs below. */
	assert_line(&d, "cell %s!A2 bold: %s", s1, TITLE);
	assert_line(&d, "cell %s!B5 bold: %s", s1, vi("Section of the draft"));
	assert_line(&d, "frozen %s A6", s1);
	assert_line(&d, "filter %s A5:J9", s1);
	assert_line(&d, "cell %s!B6: %s", s1, vi("The draft as a whole"));
	assert_line(&d, "cell %s!B8: Điều 5. Công khai thông tin về ngân sách phường", s1);
	assert_line(&d, "cell %s!C8: 3", s1);
	assert_line(&d, "cell %s!B10 bold: %s", s1, vi("Total"));
	const char *cols = "CDEFGHIJ";
	const int totals[8] = {6, 3, 2, 1, 2, 3, 1, 1};
	for (int k = 0; k < 8; k++)
		assert_line(&d, "cell %s!%c10 bold =SUM(%c6:%c9): %d", s1, cols[k], cols[k],
			    cols[k], totals[k]);
	/* Sheet 2: one row per opinion in the order given. */
	assert_line(&d, "cell %s!A1 bold: %s", s2, vi("ID"));
	assert_line(&d, "cell %s!K1 bold: %s", s2, vi("Reason"));
	assert_line(&d, "frozen %s A2", s2);
	assert_line(&d, "filter %s A1:K7", s2);
	assert_line(&d, "cell %s!A4: 103", s2);
	assert_line(&d, "cell %s!B4: 2", s2);
	assert_line(&d, "cell %s!C4: Điều 5. Công khai thông tin về ngân sách phường", s2);
	assert_line(&d, "cell %s!D4: Hội Liên hiệp Phụ nữ phường Tân Đông Hiệp", s2);
	assert_line(&d, "cell %s!E4: Hòm thư góp ý", s2);
	assert_line(&d, "cell %s!F4: Ý kiến khác", s2);
	assert_line(&d, "cell %s!G4: %s", s2, vi("Yes"));
	assert_line(&d, "cell %s!G3: %s", s2, vi("No"));
	assert_line(&d, "cell %s!I4: %s", s2, TEXT3);
	assert_line(&d, "cell %s!J4: Không tiếp thu", s2);
	assert_line(&d, "cell %s!K4: %s", s2, REASON3);
	assert_line(&d, "cell %s!J7: Chưa trả lời", s2);
	/* 10/03/2026 08:00 in Vietnam, as an Excel date: 46091 + 8/24. */
	struct buf date = BUF_INIT;
	buf_addf(&date, "\ncell %s!H4: 46091.3333", s2);
	assert_has(d.ptr, date.ptr);
	buf_release(&date);
	buf_release(&d);
	test_dir_remove(dir);
}

/* ---------- Refusals ---------- */

static void assert_refused(const struct consultation *c, const struct opinion *ops, size_t n,
			   int want, const char *why)
{
	maker makers[2] = {synthesis_pdf, synthesis_xlsx};
	for (int i = 0; i < 2; i++) {
		struct buf out = BUF_INIT;
		buf_adds(&out, "kept");
		struct dv_err err = {0};
		int rc = makers[i](c, ops, n, &paper_vi, "vi", &out, &err);
		if (rc != want)
			fail_msg("%s (%s): got %d, want %d", why, i ? "xlsx" : "pdf", rc, want);
		assert_true(err.msg[0] != '\0');
		assert_string_equal(out.ptr, "kept"); /* nothing half-written */
		buf_release(&out);
	}
}

static void bad_input_is_refused_whole(void **state)
{
	(void)state;
	make_six();
	struct consultation c = consultation(six, 6);
	six[3].text = "Nên công khai \xC3\x28 trên loa";
	assert_refused(&c, six, 6, DV_EINVAL, "an opinion not UTF-8");
	make_six();
	six[5].section = 4;
	assert_refused(&c, six, 6, DV_EINVAL, "an opinion on no section");
	make_six();
	six[0].answer = ANS_COUNT;
	assert_refused(&c, six, 6, DV_EINVAL, "an answer out of range");
	make_six();
	c.summary = "\xFF";
	assert_refused(&c, six, 6, DV_EINVAL, "a summary not UTF-8");
}

static void workbook_io_failure(void **state)
{
	(void)state;
	make_six();
	struct consultation c = consultation(six, 6);
	const char *tmp = getenv("TMPDIR");
	char *saved = tmp ? strdup(tmp) : NULL;
	setenv("TMPDIR", "/nonexistent/dv-synthesis", 1);
	struct buf out = BUF_INIT;
	buf_adds(&out, "kept");
	struct dv_err err = {0};
	assert_int_equal(synthesis_xlsx(&c, six, 6, &paper_vi, "vi", &out, &err), DV_EIO);
	assert_non_null(strstr(err.msg, "/nonexistent/dv-synthesis"));
	assert_string_equal(out.ptr, "kept");
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
	buf_release(&out);
}

int main(void)
{
	if (i18n_init() != 0) {
		fprintf(stderr, "i18n_init failed\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pdf_reads_in_vietnamese),
		cmocka_unit_test(both_in_english),
		cmocka_unit_test(five_hundred_opinions),
		cmocka_unit_test(long_texts_flow_onto_new_pages),
		cmocka_unit_test(nothing_to_report),
		cmocka_unit_test(workbook_in_vietnamese),
		cmocka_unit_test(bad_input_is_refused_whole),
		cmocka_unit_test(workbook_io_failure),
	};
	int rc = test_run(tests);
	pdf_shutdown(); /* so that LeakSanitizer sees only leaks */
	return rc;
}

/*
 * Invitation slips, checked the way a printer and a phone see them: the PDF
 * is written to a file and opened with poppler (pdfinfo, pdftotext,
 * pdftoppm), and the QR codes on the rendered pages are decoded with zbar.
 * No database.
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "print/invitation.h"
#include "print/pdf.h"

/* ---------- Files and tools (testlib: test_dir_new, test_shell, ...) ---------- */

/* Make the PDF of slips and write it to dir/name.pdf; fails the test if
 * invitation_pdf fails. */
static void write_pdf(const char *dir, const char *name, const struct invitation_slip *slips,
		      size_t n, const char *lang)
{
	struct buf pdf = BUF_INIT;
	struct dv_err err = {0};
	int rc = invitation_pdf(slips, n, lang, &pdf, &err);
	if (rc)
		fail_msg("invitation_pdf: %d %s", rc, err.msg);
	assert_memory_equal(pdf.ptr, "%PDF-", 5);
	char file[256];
	snprintf(file, sizeof(file), "%s.pdf", name);
	test_write_file(dir, file, pdf.ptr, pdf.len);
	buf_release(&pdf);
}

static int page_count(const char *dir, const char *name)
{
	struct buf out = BUF_INIT;
	assert_int_equal(test_shell(&out, "pdfinfo '%s/%s.pdf'", dir, name), 0);
	const char *p = strstr(out.ptr, "\nPages:");
	assert_non_null(p);
	int pages = atoi(p + strlen("\nPages:"));
	buf_release(&out);
	return pages;
}

/* The text of the PDF as pdftotext -layout lays it out. */
static void text_of(const char *dir, const char *name, struct buf *out)
{
	assert_int_equal(test_shell(out, "pdftotext -layout '%s/%s.pdf' -", dir, name), 0);
}

static void squeeze(struct buf *s);

/* The text pdftotext -layout finds in the quarter of the page where slip i
 * (from 0) belongs, white space squeezed so that wrapped lines read on. */
static void slip_text(const char *dir, const char *name, size_t i, struct buf *out)
{
	int page = (int)(i / 4) + 1, col = (int)(i % 2), row = (int)(i % 4 / 2);
	/* A4 is 595 x 842 points; pdftotext crops in pixels of 72 dpi. */
	assert_int_equal(test_shell(out,
			     "pdftotext -layout -f %d -l %d -x %d -y %d -W 297 -H 420 "
			     "'%s/%s.pdf' -",
			     page, page, col * 298, row * 421, dir, name),
			 0);
	squeeze(out);
}

/* s with every run of white space made one space, to read text that wrapped
 * on a one-slip page as a sentence. */
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

/* s without its white space, so that a link that wrapped reads back whole.
 * (pdftotext does not see the hyphen pango would add at a break inside a
 * word, so it cannot check that none is drawn: pdf.c turns them off.) */
static void unspace(struct buf *s)
{
	squeeze(s);
	size_t j = 0;
	for (size_t i = 0; i < s->len; i++)
		if (s->ptr[i] != ' ')
			s->ptr[j++] = s->ptr[i];
	buf_truncate(s, j);
}

#define assert_has(hay, needle)                                                                    \
	do {                                                                                       \
		if (!strstr((hay), (needle)))                                                      \
			fail_msg("\"%s\" not in the PDF's text:\n%s", (needle), (hay));            \
	} while (0)

#define assert_lacks(hay, needle)                                                                  \
	do {                                                                                       \
		if (strstr((hay), (needle)))                                                       \
			fail_msg("\"%s\" should not be in the PDF's text:\n%s", (needle), (hay));  \
	} while (0)

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Render page `page` (from 1) at 150 dpi, decode its QR codes with zbarimg
 * and check they are exactly `want` (n URLs, in any order). */
static void assert_page_qr(const char *dir, const char *name, int page, const char **want, size_t n)
{
	struct buf out = BUF_INIT;
	assert_int_equal(test_shell(&out,
			     "pdftoppm -r 150 -png -f %d -l %d -singlefile '%s/%s.pdf' "
			     "'%s/%s-p%d'",
			     page, page, dir, name, dir, name, page),
			 0);
	int rc = test_shell(&out, "zbarimg -q --raw --nodbus '%s/%s-p%d.png'", dir, name, page);
	if (rc != 0)
		fail_msg("zbarimg found no code on page %d (exit %d)", page, rc);

	char *got[16];
	size_t ngot = 0;
	for (char *line = strtok(out.ptr, "\n"); line; line = strtok(NULL, "\n")) {
		if (ngot == sizeof(got) / sizeof(got[0]))
			fail_msg("too many codes on page %d", page);
		got[ngot++] = line;
	}
	const char *exp[16];
	assert_true(n <= 16);
	memcpy(exp, want, n * sizeof(*want));
	qsort(got, ngot, sizeof(*got), cmp_str);
	qsort(exp, n, sizeof(*exp), cmp_str);
	if (ngot != n)
		fail_msg("page %d: %zu QR codes decoded, %zu expected", page, ngot, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(got[i], exp[i]);
	buf_release(&out);
}

/* Render the quarter of the page where slip i (from 0) belongs and check
 * that its one QR code holds url. */
static void assert_slip_qr(const char *dir, const char *name, size_t i, const char *url)
{
	int page = (int)(i / 4) + 1, col = (int)(i % 2), row = (int)(i % 4 / 2);
	struct buf out = BUF_INIT;
	/* A4 at 150 dpi is 1240 x 1754 pixels. */
	assert_int_equal(test_shell(&out,
			     "pdftoppm -r 150 -png -f %d -l %d -x %d -y %d -W 620 -H 877 "
			     "-singlefile '%s/%s.pdf' '%s/%s-s%zu'",
			     page, page, col * 620, row * 877, dir, name, dir, name, i),
			 0);
	int rc = test_shell(&out, "zbarimg -q --raw --nodbus '%s/%s-s%zu.png'", dir, name, i);
	if (rc != 0)
		fail_msg("zbarimg found no code on slip %zu (exit %d)", i + 1, rc);
	struct buf want = BUF_INIT;
	buf_addf(&want, "%s\n", url);
	assert_string_equal(out.ptr, want.ptr);
	buf_release(&want);
	buf_release(&out);
}

/* ---------- Slips ---------- */

#define UNIT "Khu phố Đông Tác, phường Tân Đông Hiệp, thành phố Dĩ An"

static const struct invitation_slip nine[] = {
	{UNIT, "Số 12, đường ĐT743", "HK-25948-000123", "Nguyễn Thị Ánh Tuyết",
	 "https://example.vn/claim/7KQ4M2XPA1B2C3D4E5F6G7H8", "7KQ4-M2XP", "27/12/2026"},
	{UNIT, "Số 45/3, hẻm Ụ Ghe", "HK-25948-000124", "Trần Văn Được",
	 "https://example.vn/claim/Q9RT2WZE7YUUI8OPA5SDFGHJ", "Q9RT-2WZE", "27/12/2026"},
	{UNIT, "Tổ 3, ấp Đông Chiêu", "", "", "https://example.vn/claim/XC3VBN6MLKJ5HGF4DSA9POIU",
	 "XC3V-BN6M", "28/12/2026"},
	{UNIT, "Số 8, đường Trần Hưng Đạo", "HK-25948-000126", "Lê Thị Ngọc Hường",
	 "https://example.vn/claim/ZX2CV3BN4M5AS6DF7GH8JK9L", "ZX2C-V3BN", "29/12/2026"},
	{UNIT, "Số 101, đường Lý Thường Kiệt", "HK-25948-000127", "Huỳnh Ngọc Ẩn",
	 "https://example.vn/claim/PL0OK9IJ8UH7YG6TF5RD4ES3", "PL0O-K9IJ", "30/12/2026"},
	{UNIT, "Số 27, đường Nguyễn An Ninh", "HK-25948-000128", "Đặng Thị Mỹ Dung",
	 "https://example.vn/claim/MN2BV3CX4ZA5SQ6WE7RT8YU9", "MN2B-V3CX", "31/12/2026"},
	{UNIT, "Số 5, hẻm 14, đường Bình Đường", "HK-25948-000129", "Võ Thị Kiều Oanh",
	 "https://example.vn/claim/HG7FD6SA5QW4ER3TY2UI1OP0", "HG7F-D6SA", "01/01/2027"},
	{UNIT, "Số 66, đường Số 9", "HK-25948-000130", "Bùi Hữu Nghĩa",
	 "https://example.vn/claim/TY5UI6OP7AS8DF9GH2JK3LZX", "TY5U-I6OP", "02/01/2027"},
	{"Ấp Nội Hóa 1, phường Bình An", "Số 9, khu nhà ở Nội Hóa", "HK-25942-000001",
	 "Phạm Quốc Khánh", "https://example.vn/claim/WE4RT5YU6IO7PA8SD9FG2HJ3", "WE4R-T5YU",
	 "03/01/2027"},
};
#define NINE (sizeof(nine) / sizeof(nine[0]))

static const char *const heading_en = "INVITATION TO ACTIVATE THE HOUSEHOLD ACCOUNT";

static void assert_refused(const struct invitation_slip *slips, size_t n, const char *why)
{
	struct buf pdf = BUF_INIT;
	buf_adds(&pdf, "kept");
	struct dv_err err = {0};
	int rc = invitation_pdf(slips, n, "en", &pdf, &err);
	if (rc != DV_EINVAL)
		fail_msg("%s: got %d, want DV_EINVAL", why, rc);
	assert_true(err.msg[0] != '\0');
	assert_string_equal(pdf.ptr, "kept"); /* nothing half-written */
	buf_release(&pdf);
}

/* ---------- Tests ---------- */

static void four_slips_to_a_page(void **state)
{
	(void)state;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-invitation"), 0);
	write_pdf(dir, "one", nine, 1, "vi");
	write_pdf(dir, "four", nine, 4, "vi");
	write_pdf(dir, "five", nine, 5, "vi");
	write_pdf(dir, "nine", nine, 9, "vi");
	assert_int_equal(page_count(dir, "one"), 1);
	assert_int_equal(page_count(dir, "four"), 1);
	assert_int_equal(page_count(dir, "five"), 2);
	assert_int_equal(page_count(dir, "nine"), 3);

	struct buf out = BUF_INIT;
	assert_int_equal(test_shell(&out, "pdfinfo '%s/nine.pdf'", dir), 0);
	assert_non_null(strstr(out.ptr, "595.276 x 841.89 pts (A4)"));
	buf_release(&out);
	test_dir_remove(dir);
}

/* Every glyph is Noto Sans, embedded: no fallback font that lacks a tone
 * mark, nothing that depends on the fonts of the printing computer. */
static void fonts_are_embedded_noto_sans(void **state)
{
	(void)state;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-invitation"), 0);
	write_pdf(dir, "nine", nine, NINE, "vi");
	struct buf out = BUF_INIT;
	assert_int_equal(test_shell(&out, "pdffonts '%s/nine.pdf'", dir), 0);
	int fonts = 0, line = 0;
	for (char *l = strtok(out.ptr, "\n"); l; l = strtok(NULL, "\n")) {
		if (line++ < 2) /* header and rule */
			continue;
		if (!strstr(l, "+NotoSans-Regular ") && !strstr(l, "+NotoSans-Bold "))
			fail_msg("a font other than Noto Sans: %s", l);
		if (!strstr(l, " yes yes yes "))
			fail_msg("a font not embedded as a subset with a Unicode map: %s", l);
		fonts++;
	}
	assert_true(fonts >= 2);
	buf_release(&out);
	test_dir_remove(dir);
}

static void every_slip_reads_in_vietnamese(void **state)
{
	(void)state;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-invitation"), 0);
	write_pdf(dir, "nine", nine, NINE, "vi");
	struct buf text = BUF_INIT;
	text_of(dir, "nine", &text);
	assert_has(text.ptr, "Số 12, đường ĐT743");
	assert_has(text.ptr, "Nguyễn Thị Ánh Tuyết");
	/* Each slip in its own quarter of its own page. */
	for (size_t i = 0; i < NINE; i++) {
		slip_text(dir, "nine", i, &text);
		assert_has(text.ptr, nine[i].unit_path);
		assert_has(text.ptr, nine[i].address);
		assert_has(text.ptr, nine[i].short_code);
		assert_has(text.ptr, nine[i].expires);
		if (*nine[i].household_code)
			assert_has(text.ptr, nine[i].household_code);
		if (*nine[i].representative)
			assert_has(text.ptr, nine[i].representative);
		/* and nothing of its neighbours */
		size_t other = i % 4 == 3 ? i - 1 : i + 1;
		if (other < NINE)
			assert_lacks(text.ptr, nine[other].short_code);
		unspace(&text);
		assert_has(text.ptr, nine[i].claim_url);
	}
	/* The fixed text goes through the catalog, translated or not yet. */
	slip_text(dir, "nine", 0, &text);
	struct buf want = BUF_INIT;
	buf_adds(&want, i18n_get("vi", "INVITATION\nTO ACTIVATE THE HOUSEHOLD ACCOUNT"));
	squeeze(&want);
	assert_has(text.ptr, want.ptr);
	buf_release(&want);
	buf_release(&text);
	test_dir_remove(dir);
}

static void english_fixed_text(void **state)
{
	(void)state;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-invitation"), 0);
	write_pdf(dir, "en", &nine[0], 1, "en");
	struct buf text = BUF_INIT;
	slip_text(dir, "en", 0, &text);
	assert_has(text.ptr, heading_en);
	assert_has(text.ptr, "Address: Số 12, đường ĐT743");
	assert_has(text.ptr, "Household code: HK-25948-000123");
	assert_has(text.ptr, "Representative: Nguyễn Thị Ánh Tuyết");
	assert_has(text.ptr, "Activation code: 7KQ4-M2XP");
	assert_has(text.ptr, "Valid until: 27/12/2026");
	assert_has(text.ptr, "Scan the QR code");
	assert_has(text.ptr, "ask your neighborhood head");

	/* A household without a code or representative gets no empty lines. */
	write_pdf(dir, "bare", &nine[2], 1, "en");
	slip_text(dir, "bare", 0, &text);
	assert_has(text.ptr, "Address: Tổ 3, ấp Đông Chiêu");
	assert_lacks(text.ptr, "Household code:");
	assert_lacks(text.ptr, "Representative:");
	buf_release(&text);
	test_dir_remove(dir);
}

static void qr_codes_hold_the_claim_links_of_their_page(void **state)
{
	(void)state;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-invitation"), 0);
	write_pdf(dir, "nine", nine, NINE, "vi");
	for (int page = 1; page <= 3; page++) {
		const char *want[4];
		size_t n = 0;
		for (size_t i = (size_t)(page - 1) * 4; i < NINE && n < 4; i++)
			want[n++] = nine[i].claim_url;
		assert_page_qr(dir, "nine", page, want, n);
	}
	/* and each on its own slip: a household that scans its slip claims
	 * its own account, not the neighbour's */
	for (size_t i = 0; i < NINE; i++)
		assert_slip_qr(dir, "nine", i, nine[i].claim_url);
	test_dir_remove(dir);
}

/* The longest links and addresses the slip promises to hold still print,
 * scan and read back whole. */
static void long_addresses_and_links_fit(void **state)
{
	(void)state;
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-invitation"), 0);
	/* 200 characters, the longest address a household may have. */
	struct buf addr = BUF_INIT;
	for (int i = 0; i < 7; i++)
		buf_adds(&addr, "Số 1234/56, hẻm Tân Đông Hiệp ");
	struct buf exact = BUF_INIT;
	size_t chars = 0;
	for (const char *p = addr.ptr; chars < 200; chars++) {
		size_t k = 1;
		while ((p[k] & 0xC0) == 0x80)
			k++;
		buf_add(&exact, p, k);
		p += k;
	}
	/* A link of exactly INVITATION_URL_MAX bytes. */
	struct buf url = BUF_INIT;
	buf_adds(&url, "https://example.vn/claim/");
	while (url.len < INVITATION_URL_MAX)
		buf_addch(&url, "ABCDEFGHJKMNPQRSTVWXYZ23456789"[url.len % 30]);

	struct invitation_slip s[2] = {nine[0], nine[1]};
	s[0].address = exact.ptr;
	s[1].claim_url = url.ptr;
	write_pdf(dir, "long", s, 2, "vi");
	assert_int_equal(page_count(dir, "long"), 1);
	const char *want[] = {s[0].claim_url, url.ptr};
	assert_page_qr(dir, "long", 1, want, 2);
	assert_slip_qr(dir, "long", 1, url.ptr);
	struct buf text = BUF_INIT;
	slip_text(dir, "long", 0, &text);
	assert_has(text.ptr, exact.ptr);
	slip_text(dir, "long", 1, &text);
	unspace(&text);
	assert_has(text.ptr, url.ptr);
	buf_release(&text);

	/* One past the link limit is refused. */
	buf_addch(&url, 'Z');
	s[1].claim_url = url.ptr;
	assert_refused(s, 2, "claim link one byte over the limit");

	buf_release(&url);
	buf_release(&exact);
	buf_release(&addr);
	test_dir_remove(dir);
}

static void refusals(void **state)
{
	(void)state;
	assert_refused(nine, 0, "no slips");

	static struct invitation_slip many[INVITATION_MAX + 1];
	for (size_t i = 0; i < INVITATION_MAX + 1; i++)
		many[i] = nine[i % NINE];
	assert_refused(many, INVITATION_MAX + 1, "one slip over the limit");

	struct invitation_slip s = nine[0];
	s.claim_url = "";
	assert_refused(&s, 1, "no claim link");
	s = nine[0];
	s.short_code = NULL;
	assert_refused(&s, 1, "no short code");
	s = nine[0];
	s.address = "Số 12, \xC3\x28 đường";
	assert_refused(&s, 1, "address not UTF-8");

	/* Text that cannot fit even in the smallest type is refused, not cut. */
	struct buf huge = BUF_INIT;
	for (int i = 0; i < 60; i++)
		buf_adds(&huge, "Số 12, đường ĐT743, ");
	s = nine[0];
	s.address = huge.ptr;
	assert_refused(&s, 1, "address of 1200 characters");
	buf_release(&huge);

	/* The first slip refused is named, counted from 1. */
	struct invitation_slip two[2] = {nine[0], nine[1]};
	two[1].expires = "";
	struct buf pdf = BUF_INIT;
	struct dv_err err = {0};
	assert_int_equal(invitation_pdf(two, 2, "en", &pdf, &err), DV_EINVAL);
	assert_non_null(strstr(err.msg, "Slip 2 "));
	assert_int_equal(pdf.len, 0);
	buf_release(&pdf);
}

/* The upper limit itself is accepted: 2000 slips make 500 pages. */
static void the_limit_itself_prints(void **state)
{
	(void)state;
	static struct invitation_slip many[INVITATION_MAX];
	for (size_t i = 0; i < INVITATION_MAX; i++)
		many[i] = nine[i % NINE];
	char dir[256];
	assert_int_equal(test_dir_new(dir, sizeof(dir), "dv-invitation"), 0);
	write_pdf(dir, "max", many, INVITATION_MAX, "vi");
	assert_int_equal(page_count(dir, "max"), INVITATION_MAX / 4);
	test_dir_remove(dir);
}

int main(void)
{
	if (i18n_init() != 0) {
		fprintf(stderr, "i18n_init failed\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(four_slips_to_a_page),
		cmocka_unit_test(fonts_are_embedded_noto_sans),
		cmocka_unit_test(every_slip_reads_in_vietnamese),
		cmocka_unit_test(english_fixed_text),
		cmocka_unit_test(qr_codes_hold_the_claim_links_of_their_page),
		cmocka_unit_test(long_addresses_and_links_fit),
		cmocka_unit_test(refusals),
		cmocka_unit_test(the_limit_itself_prints),
	};
	int rc = test_run(tests);
	pdf_shutdown(); /* so that LeakSanitizer sees only leaks */
	return rc;
}

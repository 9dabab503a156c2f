/*
 * The papers of commendation, read the way a person reads them: the
 * certificates of a decision written to a file, read back with pdftotext
 * (every part of a Giấy khen there, one landscape page each) and their QR
 * codes decoded from the rendered pages with zbarimg; the council's
 * minutes with every member's vote. No database: built in memory.
 */
#include "testlib.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "print/award_pdf.h"

#define assert_has(hay, needle)                                                                    \
	do {                                                                                       \
		if (!strstr((hay), (needle)))                                                      \
			fail_msg("\"%s\" not found in:\n%s", (needle), (hay));                     \
	} while (0)

static struct certificate cert(const char *name, const char *url, const char *code)
{
	return (struct certificate){
		.authority = "ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN",
		.paper = "GIẤY KHEN",
		.name = name,
		.detail = "Trưởng ban Dân vận Đảng ủy phường Tân Đông Hiệp",
		.achievement = "Xuất sắc trong công tác dân vận năm 2022",
		.decision_no = "125/QĐ-UBND",
		.signed_on = 20230210,
		.place = "Dĩ An",
		.signer_title = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
		.signer_name = "Nguyễn Văn Minh",
		.verify_url = url,
		.code = code};
}

static void certificates_read_back(void **state)
{
	(void)state;
	char dir[256];
	struct buf pdf = BUF_INIT, out = BUF_INIT;
	struct dv_err err = {0};
	struct certificate v[] = {
		cert("Nguyễn Thị Ngọc Hân", "https://danvan.example/verify/ABCD-EFGH-JKMN-PQRS-TVWX-YZ23",
		     "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23"),
		cert("Ban Dân vận Đảng ủy phường Bình An",
		     "https://danvan.example/verify/0123-4567-89AB-CDEF-GHJK-MNPQ",
		     "0123-4567-89AB-CDEF-GHJK-MNPQ"),
	};
	v[1].detail = "";
	v[1].revoked = 1;
	assert_int_equal(certificates_pdf(v, 2, &pdf, &err), 0);
	assert_int_equal(test_dir_new(dir, sizeof(dir), "certs"), 0);
	test_write_file(dir, "c.pdf", pdf.ptr, pdf.len);
	/* two pages, A4 landscape (842 by 595 points) */
	assert_int_equal(test_shell(&out, "pdfinfo '%s/c.pdf'", dir), 0);
	assert_has(out.ptr, "Pages:           2");
	assert_has(out.ptr, "841.89 x 595.276 pts (A4)");
	assert_int_equal(test_shell(&out, "pdftotext -f 1 -l 1 '%s/c.pdf' -", dir), 0);
	assert_has(out.ptr, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	assert_has(out.ptr, "Độc lập - Tự do - Hạnh phúc");
	assert_has(out.ptr, "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN");
	assert_has(out.ptr, "TẶNG GIẤY KHEN");
	assert_has(out.ptr, "Nguyễn Thị Ngọc Hân");
	assert_has(out.ptr, "Đã có thành tích:");
	assert_has(out.ptr, "Xuất sắc trong công tác dân vận năm 2022");
	assert_has(out.ptr, "Quyết định số 125/QĐ-UBND");
	assert_has(out.ptr, "10/02/2023");
	assert_has(out.ptr, "Dĩ An, ngày 10 tháng 02 năm 2023");
	assert_has(out.ptr, "PHÓ CHỦ TỊCH");
	assert_has(out.ptr, "Nguyễn Văn Minh");
	assert_has(out.ptr, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23");
	assert_null(strstr(out.ptr, "THU HỒI"));
	assert_int_equal(test_shell(&out, "pdftotext -f 2 -l 2 '%s/c.pdf' -", dir), 0);
	assert_has(out.ptr, "Ban Dân vận Đảng ủy phường Bình An");
	assert_has(out.ptr, "GIẤY KHEN NÀY ĐÃ BỊ THU HỒI");
	/* the QR code of each page decodes to its own address */
	assert_int_equal(test_shell(&out, "cd '%s' && pdftoppm -r 110 -png c.pdf p && "
					  "for f in p-*.png; do zbarimg -q --raw \"$f\"; done",
				    dir),
			 0);
	assert_has(out.ptr, "https://danvan.example/verify/ABCD-EFGH-JKMN-PQRS-TVWX-YZ23\n"
			    "https://danvan.example/verify/0123-4567-89AB-CDEF-GHJK-MNPQ");
	test_dir_remove(dir);
	/* none, or invalid text: refused, nothing written */
	size_t len = pdf.len;
	assert_int_equal(certificates_pdf(v, 0, &pdf, &err), DV_EINVAL);
	v[0].name = "\xc3\x28";
	assert_int_equal(certificates_pdf(v, 1, &pdf, &err), DV_EINVAL);
	assert_int_equal(pdf.len, len);
	buf_release(&pdf);
	buf_release(&out);
}

static void minutes_name_every_vote(void **state)
{
	(void)state;
	char dir[256];
	struct buf pdf = BUF_INIT, out = BUF_INIT;
	struct dv_err err = {0};
	struct minutes_member m[] = {{"Trần Văn Bình", "Chủ tịch Hội đồng", 1},
				     {"Lê Thị Cúc", "Ủy viên", 1},
				     {"Phạm Văn Dũng", "Ủy viên", 0}};
	struct minutes_item it[] = {
		{"Hội Liên hiệp Phụ nữ phường Tân Đông Hiệp", "", "Giấy khen",
		 "Vận động hội viên hiến đất mở hẻm", 1, 1, 2, 0, 0, "Trần Văn Bình, Lê Thị Cúc",
		 "—", "—"},
		{"Nguyễn Văn Tài", "Công an khu vực", "Giấy khen", "Giữ an ninh trật tự", 1, 0, 1, 1,
		 0, "Trần Văn Bình", "Lê Thị Cúc", "—"},
	};
	struct council_minutes c = {.authority = "Thành phố Dĩ An",
				    .round = "Khen thưởng công tác dân vận năm 2022",
				    .held_on = 20230208,
				    .place = "Hội trường Thành ủy",
				    .members = 3,
				    .present = 2,
				    .quorum = "2/3",
				    .quorate = 1,
				    .majority = 50,
				    .m = m,
				    .nm = 3,
				    .items = it,
				    .ni = 2};
	assert_int_equal(council_minutes_pdf(&c, "en", &pdf, &err), 0);
	assert_int_equal(test_dir_new(dir, sizeof(dir), "minutes"), 0);
	test_write_file(dir, "m.pdf", pdf.ptr, pdf.len);
	assert_int_equal(test_shell(&out, "pdftotext '%s/m.pdf' - | tr -s ' \\n' '  '", dir), 0);
	assert_has(out.ptr, "MINUTES");
	assert_has(out.ptr, "Present: 2 of the council's 3 members");
	assert_has(out.ptr, "at least 2/3");
	assert_has(out.ptr, "Absent: Phạm Văn Dũng (Ủy viên)");
	assert_has(out.ptr, "Agreed: 2 (Trần Văn Bình, Lê Thị Cúc)");
	assert_has(out.ptr, "Disagreed: 1 (Lê Thị Cúc)");
	assert_has(out.ptr, "Not passed.");
	test_dir_remove(dir);
	buf_release(&pdf);
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(certificates_read_back),
		cmocka_unit_test(minutes_name_every_vote),
	};
	return test_run(tests);
}

#include "testlib.h"

#include <string.h>

#include "base/text.h"

static char *fold(const char *s)
{
	static char out[256];
	struct buf b = BUF_INIT;
	text_fold(&b, s, strlen(s));
	snprintf(out, sizeof(out), "%s", b.ptr);
	buf_release(&b);
	return out;
}

static void ascii_keeps_case_drops_marks(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *s = "UBND phường Đông Tác:  Thông báo\nlịch cắt điện “tuần 2” 😀";
	text_ascii(&b, s, strlen(s));
	assert_string_equal(b.ptr, "UBND phuong Dong Tac: Thong bao lich cat dien ?tuan 2? ?");
	buf_release(&b);
}

static void utf8_validation(void **state)
{
	(void)state;
	assert_true(utf8_valid("Tân Đông Hiệp", strlen("Tân Đông Hiệp")));
	assert_true(utf8_valid("", 0));
	assert_false(utf8_valid("\xC3", 1));		 /* truncated */
	assert_false(utf8_valid("\xC0\xAF", 2));	 /* overlong '/' */
	assert_false(utf8_valid("\xED\xA0\x80", 3));	 /* surrogate */
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* beyond U+10FFFF */
	assert_false(utf8_valid("ab\xFF", 3));
	assert_int_equal(utf8_count("Hiệp", strlen("Hiệp")), 4);
}

static void folding_matches_how_people_type(void **state)
{
	(void)state;
	assert_string_equal(fold("Tân Đông Hiệp"), "tan dong hiep");
	assert_string_equal(fold("TÂN ĐÔNG HIỆP"), "tan dong hiep");
	assert_string_equal(fold("  tan   dong hiep "), "tan dong hiep");
	assert_string_equal(fold("Nguyễn Thị Ánh Tuyết"), "nguyen thi anh tuyet");
	assert_string_equal(fold("Đường"), "duong");
	assert_string_equal(fold("Công khai ngân sách"), "cong khai ngan sach");
	/* a line break or a tab separates words like a space (a notice's body) */
	assert_string_equal(fold("năm\nnay\r\nÚy\tban"), "nam nay uy ban");
	assert_string_equal(fold("Thừa Thiên – Huế"), "thua thien – hue");
	/* decomposed input (e + combining marks) folds the same as precomposed */
	assert_string_equal(fold("Hie\xCC\xA3\xCC\x82p"), "hiep");
	/* a combining mark after a space folds to nothing, and so does the space
	 * (found by fuzz_text: folding must be idempotent) */
	assert_string_equal(fold("p 000 \xCC\xA3"), "p 000");
	/* invalid bytes are dropped, not propagated */
	assert_string_equal(fold("ab\xFF"
				 "c"),
			    "abc");
}

static void clean_normalizes_and_limits(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	const char *out;
	/* NFD in, NFC out */
	const char *nfd = "Hie\xCC\xA3\xCC\x82p";
	assert_int_equal(text_clean(&a, nfd, strlen(nfd), 10, 0, "name", &out, &err), 0);
	assert_string_equal(out, "Hiệp");
	/* spaces trimmed and collapsed */
	const char *spaced = "  Khu  phố\tĐông Tác ";
	assert_int_equal(text_clean(&a, spaced, strlen(spaced), 50, 0, "name", &out, &err), 0);
	assert_string_equal(out, "Khu phố Đông Tác");
	/* limits count characters, not bytes: 5 letters with marks fit in 5 */
	assert_int_equal(text_clean(&a, "Hiệpđ", strlen("Hiệpđ"), 5, 0, "name", &out, &err), 0);
	assert_int_equal(text_clean(&a, "Hiệpđa", strlen("Hiệpđa"), 5, 0, "name", &out, &err),
			 DV_EINVAL);
	assert_string_equal(err.field, "name");
	/* malformed UTF-8 refused */
	assert_int_equal(text_clean(&a, "ab\xC3", 3, 10, 0, "x", &out, &err), DV_EINVAL);
	assert_non_null(strstr(err.msg, "UTF-8"));
	/* noncharacters: U+FFFF and U+FDD0 (XML forbids the first; nobody types them) */
	assert_int_equal(text_clean(&a, "a\xEF\xBF\xBF", 4, 10, 0, "x", &out, &err), DV_EINVAL);
	assert_int_equal(text_clean(&a, "a\xEF\xB7\x90", 4, 10, 0, "x", &out, &err), DV_EINVAL);
	assert_int_equal(text_clean(&a, "a\xEF\xBF\xBD", 4, 10, 0, "x", &out, &err), 0);
	/* control characters refused; newlines only in multi-line text */
	assert_int_equal(text_clean(&a,
				    "a\x01"
				    "b",
				    3, 10, 0, "x", &out, &err),
			 DV_EINVAL);
	assert_int_equal(text_clean(&a, "a\nb", 3, 10, 0, "x", &out, &err), DV_EINVAL);
	assert_int_equal(text_clean(&a, "a \r\nb\n\n", 7, 10, TEXT_MULTILINE, "x", &out, &err), 0);
	assert_string_equal(out, "a\nb");
	/* required */
	assert_int_equal(text_clean(&a, "   ", 3, 10, TEXT_REQUIRED, "x", &out, &err), DV_EINVAL);
	assert_int_equal(text_clean(&a, "", 0, 10, 0, "x", &out, &err), 0);
	assert_string_equal(out, "");
	arena_release(&a);
}

static int key_cmp(const char *a, const char *b)
{
	struct buf ka = BUF_INIT, kb = BUF_INIT;
	text_sort_key(&ka, a, strlen(a));
	text_sort_key(&kb, b, strlen(b));
	for (size_t i = 0; i < ka.len; i++)
		assert_true(ka.ptr[i] >= '0' && ka.ptr[i] <= '9');
	int r = strcmp(ka.ptr, kb.ptr);
	buf_release(&ka);
	buf_release(&kb);
	return r;
}

static void controls_are_those_text_clean_refuses(void **state)
{
	(void)state;
	assert_false(text_has_control("Tân Đông Hiệp", strlen("Tân Đông Hiệp"), 0));
	assert_true(text_has_control("a\x01b", 3, 0));
	assert_true(text_has_control("a\x7f", 2, 0));
	assert_true(text_has_control("a\xc2\x85", 3, 0));     /* NEL, a C1 control */
	assert_true(text_has_control("a\xe2\x80\xa8", 4, 0)); /* line separator */
	assert_true(text_has_control("\xef\xbb\xbf", 3, 0));  /* a BOM */
	assert_true(text_has_control("a\xff", 2, 0));	      /* not UTF-8 */
	/* line breaks and tabs only in multi-line text */
	assert_true(text_has_control("a\nb", 3, 0));
	assert_true(text_has_control("a\tb", 3, 0));
	assert_false(text_has_control("a\r\nb\tc", 6, TEXT_MULTILINE));
	assert_true(text_has_control("a\r\nb\x01", 5, TEXT_MULTILINE));
}

static void sort_key_follows_vietnamese_alphabet(void **state)
{
	(void)state;
	/* a < ă < â < b; d < đ < e; o < ô < ơ; u < ư */
	assert_true(key_cmp("an", "ăn") < 0);
	assert_true(key_cmp("ăn", "ân") < 0);
	assert_true(key_cmp("ân", "bạn") < 0);
	assert_true(key_cmp("dung", "đào") < 0); /* d before đ whatever follows */
	assert_true(key_cmp("đức", "em") < 0);
	assert_true(key_cmp("ong", "ông") < 0);
	assert_true(key_cmp("ông", "ơn") < 0);
	assert_true(key_cmp("uống", "ưa") < 0);
	/* tones break ties only: ngang, huyền, hỏi, ngã, sắc, nặng */
	assert_true(key_cmp("ma", "mà") < 0);
	assert_true(key_cmp("mà", "mả") < 0);
	assert_true(key_cmp("mả", "mã") < 0);
	assert_true(key_cmp("mã", "má") < 0);
	assert_true(key_cmp("má", "mạ") < 0);
	assert_true(key_cmp("mạ", "mai") < 0); /* letters before tones */
	/* case ignored; word by word */
	assert_int_equal(key_cmp("AN", "an"), 0);
	assert_true(key_cmp("An", "An Bình") < 0);
	assert_true(key_cmp("An Bình", "Anh") < 0);
}

static void name_sort_key_puts_given_name_first(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	const char *an = text_name_sort_key_a(&a, "Trần Văn An");
	const char *binh = text_name_sort_key_a(&a, "Nguyễn Thị Bình");
	const char *an2 = text_name_sort_key_a(&a, "Lê An");
	assert_true(strcmp(an, binh) < 0); /* An before Bình though Trần after Nguyễn */
	assert_true(strcmp(an2, an) < 0);  /* same given name: Lê before Trần */
	assert_string_equal(text_name_sort_key_a(&a, "Hùng"), text_name_sort_key_a(&a, "Hùng "));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(folding_matches_how_people_type),
		cmocka_unit_test(ascii_keeps_case_drops_marks),
		cmocka_unit_test(clean_normalizes_and_limits),
		cmocka_unit_test(controls_are_those_text_clean_refuses),
		cmocka_unit_test(sort_key_follows_vietnamese_alphabet),
		cmocka_unit_test(name_sort_key_puts_given_name_first),
	};
	return test_run(tests);
}

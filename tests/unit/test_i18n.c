#include "testlib.h"

#include <string.h>

#include "base/err.h"
#include "base/i18n.h"

static void catalog_translates(void **state)
{
	(void)state;
	assert_int_equal(i18n_init(), 0);
	assert_string_equal(i18n_get("vi", "Administrative units"), "Đơn vị hành chính");
	assert_string_equal(i18n_get("vi", "Neighborhood"), "Khu phố");
	assert_string_equal(i18n_get("en", "Neighborhood"), "Neighborhood");
	/* unknown strings come back as they are */
	assert_string_equal(i18n_get("vi", "no such msgid"), "no such msgid");
	assert_string_equal(i18n_get("vi", ""), "");
}

static void formats_keep_their_conversions(void **state)
{
	(void)state;
	assert_int_equal(i18n_init(), 0);
	/* a translated format with the same conversions is used */
	const char *f = "Too long: at most %zu characters";
	assert_string_equal(i18n_get_format("vi", f), "Quá dài: tối đa %zu ký tự");
	/* strings without a translation, or in English, come back as they are */
	assert_string_equal(i18n_get_format("vi", "no %s here"), "no %s here");
	assert_string_equal(i18n_get_format("en", f), f);
	/* the comparison a mistranslation would fail */
	assert_true(i18n_same_conversions("at most %zu of %s", "tối đa %zu trong %s"));
	assert_true(i18n_same_conversions("100%% done", "xong"));
	assert_false(i18n_same_conversions("%s and %d", "%d và %s"));
	assert_false(i18n_same_conversions("an escape", "mã (%) sai"));
	assert_false(i18n_same_conversions("%s", ""));
	assert_false(i18n_same_conversions("%lld minutes", "%d phút"));
}

static void language_tags(void **state)
{
	(void)state;
	assert_string_equal(i18n_pick("en-US,en;q=0.9,vi;q=0.8"), "en");
	assert_string_equal(i18n_pick("en"), "en");
	assert_string_equal(i18n_pick("vi-VN,vi;q=0.9"), "vi");
	assert_string_equal(i18n_pick("english"), "vi");
	assert_string_equal(i18n_pick(NULL), "vi");
	assert_string_equal(i18n_pick("fr"), "vi");
}

static void errors_speak_the_users_language(void **state)
{
	(void)state;
	assert_int_equal(i18n_init(), 0);
	struct dv_err err = {.lang = "vi"};
	dv_fail(&err, DV_EINVAL, "x", "Too long: at most %zu characters", (size_t)100);
	assert_string_equal(err.msg, "Quá dài: tối đa 100 ký tự");
	err.lang = NULL;
	dv_fail(&err, DV_EINVAL, "x", "Too long: at most %zu characters", (size_t)100);
	assert_string_equal(err.msg, "Too long: at most 100 characters");
	err.lang = "vi";
	dv_err_prefix(&err, "line %d: ", 7);
	assert_string_equal(err.msg, "line 7: Too long: at most 100 characters");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalog_translates),
		cmocka_unit_test(formats_keep_their_conversions),
		cmocka_unit_test(language_tags),
		cmocka_unit_test(errors_speak_the_users_language),
	};
	return test_run(tests);
}

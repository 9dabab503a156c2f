#include "testlib.h"

#include <string.h>

#include "base/token.h"

static void tokens_are_random_and_urlsafe(void **state)
{
	(void)state;
	assert_int_equal(token_init(), 0);
	char a[TOKEN_TEXT_MAX + 1], b[TOKEN_TEXT_MAX + 1];
	token_random(a, TOKEN_BYTES);
	token_random(b, TOKEN_BYTES);
	assert_int_equal(strlen(a), 43);
	assert_string_not_equal(a, b);
	for (const char *p = a; *p; p++)
		assert_non_null(strchr(
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p));
	assert_true(token_equal(a, a));
	assert_false(token_equal(a, b));
	assert_false(token_equal(a, "short"));
}

static void blake2b_known_answer(void **state)
{
	(void)state;
	char h[HASH_HEX_LEN + 1];
	/* BLAKE2b-256 of the empty string (RFC 7693 parameters, 32-byte output) */
	hash_hex(h, "", 0);
	assert_string_equal(h, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
	hash_hex(h, "abc", 3);
	assert_string_equal(h, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

static void passwords_hash_with_argon2id(void **state)
{
	(void)state;
	char h[PASSWORD_HASH_MAX];
	struct dv_err err = {0};
	assert_int_equal(password_hash(h, "danvan-demo", &err), 0);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(password_verify(h, "danvan-demo"));
	assert_false(password_verify(h, "danvan-demO"));
	assert_false(password_verify(h, ""));
	char h2[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash(h2, "danvan-demo", &err), 0);
	assert_string_not_equal(h, h2); /* salted */
}

static void codes_use_every_letter_and_only_those(void **state)
{
	(void)state;
	int seen[7] = {0};
	char code[101];
	for (int i = 0; i < 7; i++) {
		token_code(code, 100, "ABCDEFG");
		assert_int_equal(strlen(code), 100);
		for (int j = 0; j < 100; j++) {
			assert_true(code[j] >= 'A' && code[j] <= 'G');
			seen[code[j] - 'A']++;
		}
	}
	/* 700 letters of 7: each about 100 times; under 50 is a broken draw */
	for (int i = 0; i < 7; i++)
		assert_true(seen[i] > 50);
	char r[12];
	receipt_code(r);
	assert_int_equal(strlen(r), 11);
	assert_int_equal(r[5], '-');
	for (int j = 0; j < 11; j++)
		assert_true(j == 5 || strchr("ABCDEFGHJKMNPQRSTVWXYZ23456789", r[j]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokens_are_random_and_urlsafe),
		cmocka_unit_test(blake2b_known_answer),
		cmocka_unit_test(passwords_hash_with_argon2id),
		cmocka_unit_test(codes_use_every_letter_and_only_those),
	};
	return test_run(tests);
}

/*
 * Query strings and form bodies (web/params.c), and the query as the request
 * path checks it before any handler (req_query_parse and the typed readers
 * of web/http.h): every refusal names the parameter at fault.
 */
#include <string.h>

#include "base/text.h"
#include "domain/disclose/notice.h"
#include "testlib.h"
#include "web/http.h"
#include "web/params.h"

#define LIT(s) s, strlen(s)

static int parse(struct arena *a, const char *text, unsigned flags, struct params *p,
		 struct dv_err *err)
{
	dv_err_clear(err);
	return params_parse(a, text, strlen(text), 1024, flags, p, err);
}

static void a_query_decodes_pairs_escapes_and_plus(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct params p;
	struct dv_err err = {0};
	assert_int_equal(parse(&a, "q=t%C3%A2n+an&unit=5&&flag", PARAMS_QUERY, &p, &err), 0);
	assert_int_equal(p.n, 3);
	assert_string_equal(params_get(&p, "q"), "tân an");
	assert_string_equal(params_get(&p, "unit"), "5");
	assert_string_equal(params_get(&p, "flag"), "");
	assert_null(params_get(&p, "other"));
	arena_release(&a);
}

static void a_nul_in_a_query_value_is_refused_naming_it(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct params p;
	struct dv_err err = {0};
	assert_int_equal(parse(&a, "unit=1&q=%00%ff%fe", PARAMS_QUERY, &p, &err), DV_EINVAL);
	assert_string_equal(err.field, "q");
	assert_string_equal(err.msg, "The parameter q holds a control character");
	arena_release(&a);
}

static void invalid_utf8_in_a_query_value_is_refused_naming_it(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct params p;
	struct dv_err err = {0};
	assert_int_equal(parse(&a, "unit=%ff", PARAMS_QUERY, &p, &err), DV_EINVAL);
	assert_string_equal(err.field, "unit");
	assert_string_equal(err.msg, "The parameter unit is not valid UTF-8");
	/* an overlong form of '/' and a lone surrogate are not UTF-8 either */
	assert_int_equal(parse(&a, "q=%c0%af", PARAMS_QUERY, &p, &err), DV_EINVAL);
	assert_int_equal(parse(&a, "q=%ed%a0%80", PARAMS_QUERY, &p, &err), DV_EINVAL);
	arena_release(&a);
}

static void control_characters_are_refused_in_a_query_but_line_breaks_pass_in_a_form(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct params p;
	struct dv_err err = {0};
	static const char *const bad[] = {"q=a%0ab",	"q=a%0db",	 "q=a%09b",    "q=a%7fb",
					  "q=a%c2%85b", "q=a%e2%80%a8b", "q=%ef%bb%bf"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(&a, bad[i], PARAMS_QUERY, &p, &err), DV_EINVAL);
		assert_string_equal(err.field, "q");
	}
	assert_int_equal(parse(&a, "text=line+1%0d%0aline+2%09tab", 0, &p, &err), 0);
	assert_string_equal(params_get(&p, "text"), "line 1\r\nline 2\ttab");
	arena_release(&a);
}

static void a_malformed_escape_names_the_parameter(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct params p;
	struct dv_err err = {0};
	assert_int_equal(parse(&a, "status=%zz", PARAMS_QUERY, &p, &err), DV_EINVAL);
	assert_string_equal(err.field, "status");
	assert_string_equal(err.msg, "The parameter status holds a malformed escape");
	assert_int_equal(parse(&a, "status=%4", PARAMS_QUERY, &p, &err), DV_EINVAL);
	assert_string_equal(err.field, "status");
	arena_release(&a);
}

static void a_key_that_is_no_name_is_refused(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct params p;
	struct dv_err err = {0};
	static const char *const bad[] = {"=1", "%00=1", "%ff=1", "a%0ab=1", "%zz=1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(&a, bad[i], PARAMS_QUERY, &p, &err), DV_EINVAL);
		assert_null(err.field);
	}
	char key[PARAMS_MAX_KEY + 4];
	memset(key, 'k', sizeof(key));
	strcpy(key + PARAMS_MAX_KEY, "=1");
	assert_int_equal(parse(&a, key, PARAMS_QUERY, &p, &err), 0);
	strcpy(key + PARAMS_MAX_KEY, "k=1");
	assert_int_equal(parse(&a, key, PARAMS_QUERY, &p, &err), DV_EINVAL);
	arena_release(&a);
}

static void pairs_and_values_are_capped(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct params p;
	struct dv_err err = {0};
	struct buf b = BUF_INIT;
	for (int i = 0; i < PARAMS_MAX_PAIRS; i++)
		buf_addf(&b, "k%d=1&", i);
	assert_int_equal(parse(&a, b.ptr, PARAMS_QUERY, &p, &err), 0);
	buf_adds(&b, "one=more");
	assert_int_equal(parse(&a, b.ptr, PARAMS_QUERY, &p, &err), DV_ETOOBIG);
	buf_reset(&b);
	buf_adds(&b, "q=");
	for (int i = 0; i < 1024; i++)
		buf_addch(&b, 'a');
	assert_int_equal(parse(&a, b.ptr, PARAMS_QUERY, &p, &err), 0);
	buf_addch(&b, 'a');
	assert_int_equal(parse(&a, b.ptr, PARAMS_QUERY, &p, &err), DV_ETOOBIG);
	assert_string_equal(err.field, "q");
	buf_release(&b);
	arena_release(&a);
}

/* ------------------------------------------------- the request's query */

static struct req *req_with_query(const char *query)
{
	struct req *r = calloc(1, sizeof(*r));
	arena_init(&r->arena);
	buf_init(&r->out, 0);
	r->query = query;
	return r;
}

static void req_free(struct req *r)
{
	buf_release(&r->out);
	arena_release(&r->arena);
	free(r);
}

/* req_query_parse on query: its code, with the field and message kept in
 * r for the caller to look at. */
static int query_rc(struct req **r, const char *query)
{
	if (*r)
		req_free(*r);
	*r = req_with_query(query);
	return req_query_parse(*r);
}

static const char *repeat(struct arena *a, const char *prefix, const char *unit, int n)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, prefix);
	for (int i = 0; i < n; i++)
		buf_adds(&b, unit);
	const char *s = arena_strdup(a, b.ptr);
	buf_release(&b);
	return s;
}

static void a_search_of_200_characters_passes_and_201_is_refused(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct req *r = NULL;
	/* characters, not bytes: 200 "ệ" are 600 bytes, 1,800 escaped */
	assert_int_equal(query_rc(&r, repeat(&a, "q=", "%E1%BB%87", 200)), 0);
	assert_int_equal(utf8_count(req_query(r, "q"), strlen(req_query(r, "q"))), 200);
	assert_int_equal(query_rc(&r, repeat(&a, "q=", "%E1%BB%87", 201)), DV_EINVAL);
	assert_string_equal(r->ctx.err.field, "q");
	assert_string_equal(r->ctx.err.msg, "The parameter q is longer than 200 characters");
	assert_null(req_query(r, "q"));
	/* far over: the same words, not a list of everything */
	assert_int_equal(query_rc(&r, repeat(&a, "q=", "a", 200000)), DV_EINVAL);
	assert_string_equal(r->ctx.err.msg, "The parameter q is longer than 200 characters");
	req_free(r);
	arena_release(&a);
}

static void ids_enumerations_and_unknown_parameters_have_caps_of_their_own(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct req *r = NULL;
	assert_int_equal(query_rc(&r, repeat(&a, "unit=", "1", 20)), 0);
	assert_int_equal(query_rc(&r, repeat(&a, "unit=", "1", 21)), DV_EINVAL);
	assert_string_equal(r->ctx.err.field, "unit");
	assert_int_equal(query_rc(&r, repeat(&a, "status=", "x", 33)), DV_EINVAL);
	assert_string_equal(r->ctx.err.field, "status");
	assert_int_equal(query_rc(&r, repeat(&a, "utm_source=", "x", QUERY_OTHER_MAX)), 0);
	assert_int_equal(query_rc(&r, repeat(&a, "utm_source=", "x", QUERY_OTHER_MAX + 1)),
			 DV_EINVAL);
	assert_string_equal(r->ctx.err.field, "utm_source");
	req_free(r);
	arena_release(&a);
}

/* A query of exactly len bytes: pairs "kN=xxx..." of 200-character values. */
static const char *query_of(struct arena *a, size_t len)
{
	struct buf b = BUF_INIT;
	for (int i = 0; b.len < len; i++) {
		buf_addf(&b, "%sk%d=", i ? "&" : "", i);
		for (int k = 0; k < 200 && b.len < len; k++)
			buf_addch(&b, 'x');
	}
	const char *s = arena_strdup(a, b.ptr);
	buf_release(&b);
	return s;
}

static void the_whole_query_is_capped(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct req *r = NULL;
	assert_int_equal(strlen(query_of(&a, QUERY_MAX)), QUERY_MAX);
	assert_int_equal(query_rc(&r, query_of(&a, QUERY_MAX)), 0);
	assert_int_equal(query_rc(&r, query_of(&a, QUERY_MAX + 1)), DV_EINVAL);
	assert_null(r->ctx.err.field);
	assert_string_equal(r->ctx.err.msg, "The query string is longer than 4096 bytes");
	req_free(r);
	arena_release(&a);
}

static void a_parameter_read_twice_is_refused_one_no_one_reads_is_not(void **state)
{
	(void)state;
	struct req *r = NULL;
	assert_int_equal(query_rc(&r, "unit=1&q=a&unit=2"), DV_EINVAL);
	assert_string_equal(r->ctx.err.field, "unit");
	assert_string_equal(r->ctx.err.msg, "The parameter unit is given more than once");
	assert_int_equal(query_rc(&r, "tag=1&tag=2&unit=1"), 0);
	req_free(r);
}

static void lang_is_vi_or_en(void **state)
{
	(void)state;
	struct req *r = NULL;
	assert_int_equal(query_rc(&r, "lang=en"), 0);
	assert_int_equal(query_rc(&r, "lang=VI"), 0);
	assert_int_equal(query_rc(&r, "lang=fr"), DV_EINVAL);
	assert_string_equal(r->ctx.err.field, "lang");
	assert_string_equal(r->ctx.err.msg, "The parameter lang must be one of: vi, en");
	req_free(r);
}

static void values_reach_handlers_in_nfc(void **state)
{
	(void)state;
	struct req *r = NULL;
	/* "ệ" typed as e + circumflex + dot below */
	assert_int_equal(query_rc(&r, "q=e%CC%82%CC%A3"), 0);
	assert_string_equal(req_query(r, "q"), "\xE1\xBB\x87");
	req_free(r);
}

static void typed_readers_name_the_parameter(void **state)
{
	(void)state;
	struct req *r = NULL;
	int64_t n = 7;
	int32_t day = 1;
	int status = -1;
	query_rc(&r, "unit=abc&page=&from=2026-02-30&status=sent&to=27/11/2026&limit=100");
	assert_int_equal(req_query_int(r, "unit", 1, REQ_ID_MAX, 0, &n), DV_EINVAL);
	assert_string_equal(r->ctx.err.field, "unit");
	assert_int_equal(req_query_int(r, "page", 1, 10, 0, &n), 0); /* empty: the default */
	assert_int_equal(n, 7);
	assert_int_equal(req_query_int(r, "page", 1, 10, 1, &n), DV_EINVAL);
	assert_int_equal(req_query_int(r, "limit", 1, 100, 0, &n), 0);
	assert_int_equal(n, 100);
	assert_int_equal(req_query_int(r, "limit", 1, 99, 0, &n), DV_EINVAL);
	assert_int_equal(req_query_date(r, "from", &day), DV_EINVAL);
	assert_string_equal(r->ctx.err.msg, "The parameter from must be a day such as 2026-11-27");
	assert_int_equal(req_query_date(r, "to", &day), 0);
	assert_int_equal(day, 20261127);
	assert_int_equal(
		req_query_enum(r, "status", notice_status_names, NOTICE_STATUS_COUNT, &status),
		DV_EINVAL);
	assert_string_equal(r->ctx.err.msg,
			    "The parameter status must be one of: draft, published, archived");
	assert_int_equal(status, -1);
	query_rc(&r, "status=archived");
	assert_int_equal(
		req_query_enum(r, "status", notice_status_names, NOTICE_STATUS_COUNT, &status), 0);
	assert_int_equal(status, NOTICE_ARCHIVED);
	req_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_query_decodes_pairs_escapes_and_plus),
		cmocka_unit_test(a_nul_in_a_query_value_is_refused_naming_it),
		cmocka_unit_test(invalid_utf8_in_a_query_value_is_refused_naming_it),
		cmocka_unit_test(
			control_characters_are_refused_in_a_query_but_line_breaks_pass_in_a_form),
		cmocka_unit_test(a_malformed_escape_names_the_parameter),
		cmocka_unit_test(a_key_that_is_no_name_is_refused),
		cmocka_unit_test(pairs_and_values_are_capped),
		cmocka_unit_test(a_search_of_200_characters_passes_and_201_is_refused),
		cmocka_unit_test(ids_enumerations_and_unknown_parameters_have_caps_of_their_own),
		cmocka_unit_test(the_whole_query_is_capped),
		cmocka_unit_test(a_parameter_read_twice_is_refused_one_no_one_reads_is_not),
		cmocka_unit_test(lang_is_vi_or_en),
		cmocka_unit_test(values_reach_handlers_in_nfc),
		cmocka_unit_test(typed_readers_name_the_parameter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

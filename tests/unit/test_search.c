#include "testlib.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/text.h"
#include "store/db.h"
#include "store/search.h"

/* Every test runs on a fresh migrated database with an arena. */
struct fx {
	struct db *db;
	struct arena a;
	struct dv_err err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->db = test_db_open();
	arena_init(&f->a);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	test_db_close(f->db);
	arena_release(&f->a);
	free(f);
	return 0;
}

/* Index a document from plain Vietnamese text, folded as the domain does. */
static void put(struct fx *f, const char *kind, int64_t ref, const char *title, const char *body)
{
	assert_int_equal(search_put(f->db, &f->err, kind, ref, 0, text_fold_a(&f->a, title),
				    text_fold_a(&f->a, body)),
			 0);
}

/* Run a query text from search_sql() and list the refs it yields, "3 1"
 * ("" for none). */
static const char *refs(struct fx *f, const char *sql, const struct db_param *params)
{
	struct db_stmt *st;
	struct buf out = BUF_INIT;
	assert_int_equal(db_query_(f->db, &st, &f->err, sql, params), 0);
	int rc;
	while ((rc = db_step(st, &f->err)) == DB_ROW)
		buf_addf(&out, "%s%lld", out.len ? " " : "", (long long)db_col_int(st, 0));
	assert_int_equal(rc, DB_DONE);
	const char *s = arena_strdup(&f->a, out.ptr);
	buf_release(&out);
	return s;
}

/* The refs of kind's documents matching a plain query: in ref order, or
 * best first; "-" if the query has no word. */
static const char *search_in(struct fx *f, const char *kind, const char *query, int ranked)
{
	const char *terms = search_terms(f->db, &f->a, text_fold_a(&f->a, query));
	if (!terms)
		return "-";
	const char *sql =
		arena_printf(&f->a, "SELECT s.ref FROM (%s) s ORDER BY %s", search_sql(f->db, 1, 2),
			     ranked ? "s.score DESC, s.ref DESC" : "s.ref");
	return refs(f, sql, DB_PARAMS_(DB_T(kind), DB_T(terms)));
}

static const char *found(struct fx *f, const char *query)
{
	return search_in(f, "notice", query, 0);
}

/* ---------------------------------------------------------------- matching */

static void every_word_must_match(void **state)
{
	struct fx *f = *state;
	put(f, "notice", 1, "Công khai ngân sách xã năm 2026", "Dự toán thu chi");
	put(f, "notice", 2, "Công khai", "Danh sách hộ nghèo");
	put(f, "notice", 3, "Lịch tiếp dân", "Công khai tại nhà văn hóa");
	assert_string_equal(found(f, "cong khai ngan sach"), "1");
	assert_string_equal(found(f, "Công khai ngân sách"), "1");
	assert_string_equal(found(f, "cong khai"), "1 2 3");
	assert_string_equal(found(f, "ngan sach 2025"), "");
	/* words across title and body count together */
	assert_string_equal(found(f, "lich tiep van hoa"), "3");
	/* whole words: no prefix, no stemming */
	assert_string_equal(found(f, "cong kha"), "");
	assert_string_equal(found(f, "ngansach"), "");
}

static void punctuation_and_marks_separate_words(void **state)
{
	struct fx *f = *state;
	put(f, "notice", 1, "Đường hẻm-5 (khu phố Nội Hóa)", "");
	put(f, "notice", 2, "Kinh phí: 250 triệu đồng", "");
	put(f, "notice", 3, "Hỗ trợ 1.250.000 đồng/hộ", "");
	put(f, "notice", 4, "Số 12A, QL13", "tổ 3e10x");
	assert_string_equal(found(f, "duong"), "1");
	assert_string_equal(found(f, "Đường"), "1");
	assert_string_equal(found(f, "hem 5"), "1");
	assert_string_equal(found(f, "hẻm-5"), "1");
	assert_string_equal(found(f, "hem5"), "");
	assert_string_equal(found(f, "noi hoa"), "1");
	assert_string_equal(found(f, "250"), "2 3");
	assert_string_equal(found(f, "250 trieu"), "2");
	assert_string_equal(found(f, "1.250.000"), "3");
	assert_string_equal(found(f, "1250000"), "");
	assert_string_equal(found(f, "dong/ho"), "3");
	/* letters and digits together are one word, upper case lowered */
	assert_string_equal(found(f, "12a ql13"), "4");
	assert_string_equal(found(f, "12"), "");
	/* where PostgreSQL's parser reads a number and a word, so do both */
	assert_string_equal(found(f, "3e10"), "4");
	assert_string_equal(found(f, "x"), "4");
}

/* The stored text is the words, the same on both engines. */
static void documents_store_their_words(void **state)
{
	struct fx *f = *state;
	assert_int_equal(search_put(f->db, &f->err, "notice", 7, 0, "  Hem-5, 1.250.000  ",
				    "3E10X; 'a\"b' NEAR(c) x9 ~!@#$%^&*()_+ viet nam"),
			 0);
	struct db_stmt *st;
	assert_int_equal(
		db_query(f->db, &st, &f->err, "SELECT title, body, unit_id FROM search_doc"), 0);
	assert_int_equal(db_step(st, &f->err), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "hem 5 1 250 000");
	assert_string_equal(db_col_text(st, 1), "3e10 x a b near c x9 viet nam");
	assert_true(db_col_null(st, 2)); /* unit 0 is none */
	db_finish(st);
}

static void the_title_weighs_more(void **state)
{
	struct fx *f = *state;
	/* the title match has the lower ref, so only its score puts it first */
	put(f, "notice", 1, "Lịch cắt điện", "Khu phố 1");
	put(f, "notice", 2, "Thông báo", "Ngày mai cắt điện, điện về lúc 17 giờ");
	put(f, "notice", 3, "Điện", "");
	put(f, "notice", 4, "Thông báo", "Không liên quan");
	assert_string_equal(search_in(f, "notice", "dien", 1), "3 1 2");
	assert_string_equal(search_in(f, "notice", "cat dien", 1), "1 2");
}

/* -------------------------------------------------------------- documents */

static void put_again_replaces(void **state)
{
	struct fx *f = *state;
	put(f, "notice", 1, "Họp tổ dân phố", "Tối thứ bảy");
	assert_int_equal(search_put(f->db, &f->err, "notice", 1, 42, "tiem chung", "chu nhat"), 0);
	assert_string_equal(found(f, "hop"), "");
	assert_string_equal(found(f, "thu bay"), "");
	assert_string_equal(found(f, "tiem chung chu nhat"), "1");
	int64_t n = 0, unit = 0;
	assert_int_equal(db_int(f->db, &n, &f->err, "SELECT COUNT(*) FROM search_doc"), 0);
	assert_int_equal(n, 1);
	assert_int_equal(db_int(f->db, &unit, &f->err, "SELECT unit_id FROM search_doc"), 0);
	assert_int_equal(unit, 42);
}

static void delete_removes(void **state)
{
	struct fx *f = *state;
	put(f, "notice", 1, "Phòng chống dịch", "");
	put(f, "notice", 2, "Phòng cháy", "");
	assert_int_equal(search_delete(f->db, &f->err, "notice", 1), 0);
	assert_string_equal(found(f, "phong"), "2");
	assert_string_equal(found(f, "dich"), "");
	/* deleting what is not there is no error */
	assert_int_equal(search_delete(f->db, &f->err, "notice", 1), 0);
	assert_int_equal(search_delete(f->db, &f->err, "nothing", 9), 0);
	/* a deleted key can be indexed again */
	put(f, "notice", 1, "Phòng chống dịch", "");
	assert_string_equal(found(f, "dich"), "1");
}

static void kinds_are_separate(void **state)
{
	struct fx *f = *state;
	put(f, "notice", 1, "Ngày hội đại đoàn kết", "");
	put(f, "article", 1, "Ngày hội đại đoàn kết", "");
	put(f, "article", 2, "Đoàn kết", "");
	assert_string_equal(search_in(f, "notice", "doan ket", 0), "1");
	assert_string_equal(search_in(f, "article", "doan ket", 0), "1 2");
	assert_int_equal(search_delete(f->db, &f->err, "notice", 1), 0);
	assert_string_equal(search_in(f, "notice", "doan ket", 0), "");
	assert_string_equal(search_in(f, "article", "doan ket", 0), "1 2");
}

static void the_index_follows_the_transaction(void **state)
{
	struct fx *f = *state;
	put(f, "notice", 1, "Tiêm chủng", "");
	assert_int_equal(db_begin(f->db, &f->err), 0);
	put(f, "notice", 2, "Tiêm chủng mở rộng", "");
	assert_int_equal(search_delete(f->db, &f->err, "notice", 1), 0);
	assert_string_equal(found(f, "tiem chung"), "2");
	db_rollback(f->db);
	assert_string_equal(found(f, "tiem chung"), "1");
}

/* ---------------------------------------------------------------- queries */

static void queries_without_words(void **state)
{
	struct fx *f = *state;
	static const char *const none[] = {"",	  "   ",	"?!...", "--- “” «»",
					   "'\"", "()*&|!:<->", "—",	 NULL};
	for (const char *const *q = none; *q; q++)
		assert_null(search_terms(f->db, &f->a, *q));
	assert_null(search_terms(f->db, &f->a, NULL));
	/* a word of 100 characters is a word; of 101, noise */
	char w[102];
	memset(w, 'a', 101);
	w[101] = '\0';
	assert_null(search_terms(f->db, &f->a, w));
	assert_int_equal(search_put(f->db, &f->err, "notice", 1, 0, w, ""), 0);
	w[100] = '\0';
	assert_non_null(search_terms(f->db, &f->a, w));
	assert_string_equal(found(f, w), "");
	assert_int_equal(search_put(f->db, &f->err, "notice", 2, 0, w, ""), 0);
	assert_string_equal(found(f, w), "2");
}

static void query_text_per_engine(void **state)
{
	struct fx *f = *state;
	const char *t = search_terms(f->db, &f->a, "cong-khai, \"ngan\" OR sach*");
	if (strcmp(test_backend(), "sqlite") == 0)
		assert_string_equal(t, "\"cong\" \"khai\" \"ngan\" \"or\" \"sach\"");
	else
		assert_string_equal(t, "cong & khai & ngan & or & sach");
}

/* Input meant to break out of the query language finds words or nothing,
 * and never fails. */
static void hostile_queries_are_only_words(void **state)
{
	struct fx *f = *state;
	put(f, "notice", 1, "or and not near", "drop table search doc");
	put(f, "notice", 2, "a b", "");
	static const char *const queries[] = {
		"'; DROP TABLE search_doc; --",
		"a\"b",
		"NEAR(",
		"NEAR(a b, 2)",
		"OR",
		"AND",
		"NOT",
		"*",
		"a*",
		"a OR b",
		"\"",
		"'",
		"(",
		")",
		"a & b | !c",
		"a:*",
		"title:a",
		"{title body}: a",
		"a <-> b",
		"^a",
		"+a -b",
		"\\",
		"a\\'b",
		"$1",
		"%_",
		"a\"\" OR \"\"b",
		"!!!a",
		"a:1",
		"a:A",
		NULL,
	};
	for (const char *const *q = queries; *q; q++) {
		const char *r = found(f, *q);
		assert_non_null(r);
	}
	assert_string_equal(found(f, "OR"), "1");
	assert_string_equal(found(f, "NEAR("), "1");
	assert_string_equal(found(f, "'; DROP TABLE search_doc; --"), "1");
	assert_string_equal(found(f, "a\"b"), "2");
	assert_string_equal(found(f, "a OR b"), "");
	assert_string_equal(found(f, "a & b | !c"), "");
	assert_string_equal(found(f, "+a -b"), "2");
	assert_string_equal(found(f, "*"), "-");
	int64_t n = 0;
	assert_int_equal(db_int(f->db, &n, &f->err, "SELECT COUNT(*) FROM search_doc"), 0);
	assert_int_equal(n, 2);
}

/* A caller composes the subquery into its own query, with its own
 * parameters around it, as domain/notice.c does. */
static void composed_into_a_query(void **state)
{
	struct fx *f = *state;
	assert_int_equal(db_exec_script(f->db,
					"CREATE TABLE note (id BIGINT PRIMARY KEY, "
					"status TEXT NOT NULL)",
					&f->err),
			 0);
	const char *ins = "INSERT INTO note (id, status) VALUES ($1, $2)";
	for (int i = 1; i <= 4; i++)
		assert_int_equal(
			db_run(f->db, &f->err, ins, DB_I(i), DB_T(i == 3 ? "draft" : "published")),
			0);
	put(f, "notice", 1, "Nước sạch", "Cúp nước sáng mai");
	put(f, "notice", 2, "Lịch cúp nước", "");
	put(f, "notice", 3, "Cúp nước", "");
	put(f, "notice", 4, "Thông báo", "Không có nước");
	const char *terms = search_terms(f->db, &f->a, "cup nuoc");
	const char *sql = arena_printf(&f->a,
				       "SELECT n.id FROM note n JOIN (%s) s ON s.ref = n.id "
				       "WHERE n.status = $1 ORDER BY s.score DESC, n.id DESC",
				       search_sql(f->db, 2, 3));
	assert_string_equal(
		refs(f, sql, DB_PARAMS_(DB_T("published"), DB_T("notice"), DB_T(terms))), "2 1");
	/* the parameter numbers are the caller's choice */
	sql = arena_printf(&f->a,
			   "SELECT n.id FROM note n JOIN (%s) s ON s.ref = n.id "
			   "WHERE n.status <> $2 ORDER BY n.id",
			   search_sql(f->db, 3, 1));
	assert_string_equal(refs(f, sql, DB_PARAMS_(DB_T(terms), DB_T("draft"), DB_T("notice"))),
			    "1 2");
}

static void subquery_texts_are_constant(void **state)
{
	struct fx *f = *state;
	const char *a = search_sql(f->db, 10, 11);
	assert_non_null(a);
	assert_ptr_equal(search_sql(f->db, 10, 11), a);
	assert_ptr_not_equal(search_sql(f->db, 11, 10), a);
	assert_non_null(strstr(a, "$10"));
	assert_non_null(strstr(a, "$11"));
	assert_int_equal(db_count_params(a), 11);
	assert_non_null(search_sql(f->db, 1, DB_MAX_PARAMS));
	assert_null(search_sql(f->db, 0, 1));
	assert_null(search_sql(f->db, 1, DB_MAX_PARAMS + 1));
	assert_null(search_sql(f->db, 3, 3));
}

/* Threads asking for the same text at once all get the one kept. */
struct race {
	struct db *db;
	const char *got[DB_MAX_PARAMS];
};

static void *race_run(void *arg)
{
	struct race *r = arg;
	for (int i = 0; i < DB_MAX_PARAMS; i++)
		r->got[i] = search_sql(r->db, i + 1, (i + 1) % DB_MAX_PARAMS + 1);
	return NULL;
}

static void subquery_texts_are_thread_safe(void **state)
{
	struct fx *f = *state;
	struct race r[8];
	pthread_t t[8];
	for (int i = 0; i < 8; i++) {
		r[i].db = f->db; /* only its engine is read */
		assert_int_equal(pthread_create(&t[i], NULL, race_run, &r[i]), 0);
	}
	for (int i = 0; i < 8; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < DB_MAX_PARAMS; j++)
			assert_ptr_equal(r[i].got[j], r[0].got[j]);
}

/* -------------------------------------------------- the engines' own words */

/* The words the engine indexed for document id, sorted and distinct. */
static const char *engine_words(struct fx *f, int64_t id)
{
	const char *sql =
		strcmp(test_backend(), "sqlite") == 0
			? "SELECT DISTINCT term FROM temp.search_vocab WHERE doc = $1 ORDER BY term"
			: "SELECT DISTINCT w COLLATE \"C\" FROM search_doc, "
			  "unnest(tsvector_to_array(tsv)) w WHERE id = $1 ORDER BY 1";
	struct db_stmt *st;
	struct buf out = BUF_INIT;
	assert_int_equal(db_query(f->db, &st, &f->err, sql, DB_I(id)), 0);
	int rc;
	while ((rc = db_step(st, &f->err)) == DB_ROW)
		buf_addf(&out, "%s%s", out.len ? " " : "", db_col_text(st, 0));
	assert_int_equal(rc, DB_DONE);
	const char *s = arena_strdup(&f->a, out.ptr);
	buf_release(&out);
	return s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The words of the stored text of document id, sorted and distinct. */
static const char *stored_words(struct fx *f, int64_t id)
{
	struct db_stmt *st;
	assert_int_equal(db_query(f->db, &st, &f->err,
				  "SELECT title || ' ' || body FROM search_doc WHERE id = $1",
				  DB_I(id)),
			 0);
	assert_int_equal(db_step(st, &f->err), DB_ROW);
	char *text = arena_strdup(&f->a, db_col_text(st, 0));
	db_finish(st);
	char *words[200];
	size_t n = 0;
	for (char *save, *w = strtok_r(text, " ", &save); w; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	qsort(words, n, sizeof(words[0]), cmp_str);
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(words[i], words[i - 1]) != 0)
			buf_addf(&out, "%s%s", out.len ? " " : "", words[i]);
	const char *s = arena_strdup(&f->a, out.ptr);
	buf_release(&out);
	return s;
}

/* Random runs of digits, e, other letters and separators: what the engine
 * indexed is exactly the words the store wrote, whichever the engine. */
static void engines_index_the_stored_words(void **state)
{
	struct fx *f = *state;
	assert_int_equal(db_exec_script(f->db,
					"-- @sqlite\n"
					"CREATE VIRTUAL TABLE temp.search_vocab "
					"USING fts5vocab(main, search_fts, instance);\n"
					"-- @end\n",
					&f->err),
			 0);
	static const char alphabet[] = "0123456789012345eeeeEaxz .-/,'\"";
	uint32_t x = 12345;
	for (int doc = 1; doc <= 300; doc++) {
		char body[64];
		int len = 1 + doc % 40;
		for (int i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			body[i] = alphabet[(x >> 16) % (sizeof(alphabet) - 1)];
		}
		body[len] = '\0';
		assert_int_equal(search_put(f->db, &f->err, "notice", doc, 0, "t", body), 0);
		int64_t id = 0;
		assert_int_equal(
			db_int(f->db, &id, &f->err,
			       "SELECT id FROM search_doc WHERE kind = 'notice' AND ref = $1",
			       DB_I(doc)),
			0);
		const char *want = stored_words(f, id);
		const char *got = engine_words(f, id);
		if (strcmp(want, got) != 0)
			fail_msg("'%s' is stored as '%s' but indexed as '%s'", body, want, got);
	}
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(every_word_must_match),
		T(punctuation_and_marks_separate_words),
		T(documents_store_their_words),
		T(the_title_weighs_more),
		T(put_again_replaces),
		T(delete_removes),
		T(kinds_are_separate),
		T(the_index_follows_the_transaction),
		T(queries_without_words),
		T(query_text_per_engine),
		T(hostile_queries_are_only_words),
		T(composed_into_a_query),
		T(subquery_texts_are_constant),
		T(subquery_texts_are_thread_safe),
		T(engines_index_the_stored_words),
	};
	return test_run(tests);
}

#include "testlib.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit.h"

static void append_n(struct db *db, int n)
{
	struct dv_err err = {0};
	assert_int_equal(db_begin(db, &err), 0);
	for (int i = 0; i < n; i++) {
		struct audit_entry e = {.at = 1700000000 + i,
					.actor_id = i % 3,
					.action = "unit.create",
					.entity = "unit",
					.entity_id = i + 1,
					.unit_id = 0,
					.details = "{\"name\":\"Tân Đông Hiệp\"}"};
		int64_t id = 0;
		assert_int_equal(audit_append(db, &e, &id, &err), 0);
		assert_true(id > 0);
	}
	assert_int_equal(db_commit(db, &err), 0);
}

static void chain_verifies(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.rows, 0);
	assert_int_equal(r.first_bad, 0);
	append_n(db, 25);
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.rows, 25);
	assert_int_equal(r.first_bad, 0);
	int64_t seq;
	char head[HASH_HEX_LEN + 1];
	assert_int_equal(audit_head(db, &seq, head, &err), 0);
	assert_int_equal(seq, 25);
	assert_string_equal(head, r.head);
	/* the stored hash is the definition applied to the stored fields */
	struct db_stmt *st;
	assert_int_equal(
		db_query(db, &st, &err, "SELECT prev_hash, hash, details FROM audit WHERE id = 3"),
		0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	struct audit_entry e = {.at = 1700000002,
				.actor_id = 2,
				.action = "unit.create",
				.entity = "unit",
				.entity_id = 3,
				.details = db_col_text(st, 2)};
	char h[HASH_HEX_LEN + 1];
	audit_row_hash(h, db_col_text(st, 0), 3, &e);
	assert_string_equal(h, db_col_text(st, 1));
	db_finish(st);
	test_db_close(db);
}

static void append_needs_a_transaction(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	struct audit_entry e = {.at = 1, .action = "x", .entity = "y", .details = "{}"};
	assert_int_equal(audit_append(db, &e, NULL, &err), DV_EINTERNAL);
	test_db_close(db);
}

static void edited_row_is_named(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	append_n(db, 10);
	/* someone edits row 7 behind the program's back */
	assert_int_equal(db_run(db, &err, "UPDATE audit SET details = $1 WHERE id = 7",
				DB_T("{\"name\":\"Bình An\"}")),
			 0);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 7);
	assert_non_null(strstr(r.reason, "content"));
	test_db_close(db);
}

static void rehashed_row_breaks_the_link(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	append_n(db, 5);
	/* a forger edits row 2 and recomputes its own hash: row 3 no longer links */
	struct audit_entry e = {.at = 1700000001,
				.actor_id = 1,
				.action = "unit.delete",
				.entity = "unit",
				.entity_id = 2,
				.details = "{}"};
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, &err, "SELECT prev_hash FROM audit WHERE id = 2"), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	char h[HASH_HEX_LEN + 1];
	audit_row_hash(h, db_col_text(st, 0), 2, &e);
	db_finish(st);
	assert_int_equal(
		db_run(db, &err,
		       "UPDATE audit SET action = 'unit.delete', details = '{}', hash = $1 "
		       "WHERE id = 2",
		       DB_T(h)),
		0);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 3);
	test_db_close(db);
}

static void removed_rows_are_noticed(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	append_n(db, 6);
	assert_int_equal(db_run(db, &err, "DELETE FROM audit WHERE id = 6"), 0);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 6);
	assert_int_equal(db_run(db, &err, "DELETE FROM audit WHERE id = 3"), 0);
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 3);
	test_db_close(db);
}

/* A server appending while verify runs: rows beyond the head read first are
 * left for the next run, not reported as broken. */
static void rows_beyond_the_head_are_not_judged(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	append_n(db, 4);
	assert_int_equal(db_run(db, &err,
				"INSERT INTO audit (id, at, action, entity, details, prev_hash, hash) "
				"VALUES (5, 1, 'x', 'y', '{}', 'half-written', 'not yet')"),
			 0);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 0);
	assert_int_equal(r.rows, 4);
	test_db_close(db);
}

/* Append n rows in one transaction of commune `commune` (0: the deployment's). */
static void append_in(struct db *db, int64_t commune, int n)
{
	struct dv_err err = {0};
	assert_int_equal(commune ? db_begin_shared(db, &err) : db_begin(db, &err), 0);
	if (commune)
		assert_int_equal(db_lock_commune(db, commune, &err), 0);
	for (int i = 0; i < n; i++) {
		struct audit_entry e = {.at = 1700000000 + i,
					.action = "ballot.cast",
					.entity = "matter",
					.entity_id = commune * 10 + i,
					.unit_id = commune,
					.details = "{}"};
		assert_int_equal(audit_append(db, &e, NULL, &err), 0);
	}
	assert_int_equal(db_commit(db, &err), 0);
}

static int64_t one_int(struct db *db, const char *sql)
{
	struct dv_err err = {0};
	int64_t v = -1;
	assert_int_equal(db_int(db, &v, &err, sql), 0);
	return v;
}

static void each_commune_has_its_chain_anchored_in_the_deployments(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	append_in(db, 100, 3);
	append_in(db, 200, 2);
	append_in(db, 0, 2);
	append_in(db, 100, 1);
	assert_int_equal(one_int(db, "SELECT MAX(seq) FROM audit WHERE chain = 100"), 4);
	assert_int_equal(one_int(db, "SELECT MAX(seq) FROM audit WHERE chain = 200"), 2);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 0);
	assert_int_equal(r.rows, 8);
	assert_int_equal(r.chains, 3);
	assert_int_equal(r.anchors, 0);

	int anchored = -1;
	assert_int_equal(audit_anchor(db, 1700001000, &anchored, &err), 0);
	assert_int_equal(anchored, 2);
	assert_int_equal(audit_anchor(db, 1700001060, &anchored, &err), 0);
	assert_int_equal(anchored, 0); /* nothing moved since */
	append_in(db, 200, 1);
	assert_int_equal(audit_anchor(db, 1700001120, &anchored, &err), 0);
	assert_int_equal(anchored, 1);
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 0);
	assert_int_equal(r.rows, 12); /* 9 rows and 3 anchors */
	assert_int_equal(r.anchors, 3);
	int64_t seq;
	char head[HASH_HEX_LEN + 1];
	assert_int_equal(audit_head(db, &seq, head, &err), 0);
	assert_int_equal(seq, 5);
	assert_string_equal(head, r.head);
	test_db_close(db);
}

/* A forger rewrites commune 100's last anchored row and every hash after it,
 * head included, so the commune's chain is sound on its own: the
 * deployment's anchor still names the old hash. */
static void a_rewritten_commune_chain_breaks_its_anchor(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	append_in(db, 100, 3);
	assert_int_equal(audit_anchor(db, 1700001000, NULL, &err), 0);
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, &err,
				  "SELECT id, prev_hash FROM audit WHERE chain = 100 AND seq = 3"),
			 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	int64_t id = db_col_int(st, 0);
	struct audit_entry e = {.at = 1700000002,
				.action = "ballot.cast",
				.entity = "matter",
				.entity_id = 1002,
				.unit_id = 100,
				.details = "{\"forged\":1}",
				.chain = 100};
	char h[HASH_HEX_LEN + 1];
	audit_row_hash(h, db_col_text(st, 1), 3, &e);
	db_finish(st);
	assert_int_equal(db_run(db, &err, "UPDATE audit SET details = $1, hash = $2 WHERE id = $3",
				DB_T(e.details), DB_T(h), DB_I(id)),
			 0);
	assert_int_equal(db_run(db, &err, "UPDATE audit_head SET hash = $1 WHERE id = 100",
				DB_T(h)),
			 0);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, id);
	assert_int_equal(r.bad_chain, 100);
	assert_non_null(strstr(r.reason, "anchored"));
	test_db_close(db);
}

/* A row moved from one commune's chain to another's no longer hashes. */
static void a_row_belongs_to_its_chain(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	append_in(db, 100, 1);
	append_in(db, 200, 1);
	assert_int_equal(db_run(db, &err, "DELETE FROM audit WHERE chain = 200"), 0);
	assert_int_equal(db_run(db, &err, "UPDATE audit SET chain = 200 WHERE chain = 100"), 0);
	/* both heads made to agree with the rows as they now are */
	assert_int_equal(db_run(db, &err, "UPDATE audit_head SET hash = "
					  "(SELECT hash FROM audit WHERE chain = 200) WHERE id = 200"),
			 0);
	assert_int_equal(db_run(db, &err, "UPDATE audit_head SET seq = 0, hash = $1 WHERE id = 100",
				DB_T("0000000000000000000000000000000000000000000000000000000000000000")),
			 0);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.bad_chain, 200);
	assert_non_null(strstr(r.reason, "content"));
	test_db_close(db);
}

/* ------------------------------------------- writers of several communes */

/* PostgreSQL: each connection waits at most a moment for a lock, so a wait
 * shows as an error instead of a hang. */
static struct db *impatient(struct db *db)
{
	struct dv_err err = {0};
	struct db *other = test_db_connect(db);
	assert_int_equal(db_exec_script(other, "SET lock_timeout = '300ms'", &err), 0);
	return other;
}

static void writers_of_two_communes_never_wait(void **state)
{
	(void)state;
	if (strcmp(test_backend(), "postgres") != 0)
		skip(); /* SQLite has one writer at a time by design */
	struct db *db = test_db_open();
	struct db *a = impatient(db), *b = impatient(db);
	struct dv_err err = {0};
	/* a writes in commune 1 and keeps its transaction open */
	assert_int_equal(db_begin_shared(a, &err), 0);
	assert_int_equal(db_lock_commune(a, 1, &err), 0);
	/* b writes in commune 2 meanwhile, and commits */
	append_in(b, 2, 2);
	/* b's writer of commune 1 waits for a (here: gives up after 300 ms) */
	assert_int_equal(db_begin_shared(b, &err), 0);
	assert_int_equal(db_lock_commune(b, 1, &err), DV_EDB);
	db_rollback(b);
	/* and so does a writer that needs every other writer out */
	assert_int_equal(db_begin(b, &err), DV_EDB);
	assert_false(db_in_tx(b));
	/* a writer holding commune 2 only tries commune 1: "try again" */
	assert_int_equal(db_begin_shared(b, &err), 0);
	assert_int_equal(db_lock_commune(b, 2, &err), 0);
	assert_int_equal(db_lock_commune(b, 1, &err), DV_EBUSY);
	db_rollback(b);
	/* the batcher's shared transaction only tries the exclusive lock for a
	 * change that names no commune */
	assert_int_equal(db_begin_shared(b, &err), 0);
	assert_int_equal(db_begin(b, &err), DV_EBUSY);
	db_rollback(b);
	assert_int_equal(db_commit(a, &err), 0);
	/* a has finished: commune 1 is free */
	append_in(b, 1, 1);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 0);
	assert_int_equal(r.rows, 3);
	db_close(a);
	db_close(b);
	test_db_close(db);
}

static int64_t cache_seq(struct db *db, int64_t chain)
{
	struct dv_err err = {0};
	struct audit_seq *v;
	size_t n;
	int64_t seq = -1;
	assert_int_equal(audit_heads(db, &v, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		if (v[i].chain == chain)
			seq = v[i].seq;
	free(v);
	return seq;
}

/* The caches read chain 0 less its anchors: an anchor changes no page. */
static void anchors_are_not_changes_for_the_caches(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	append_in(db, 0, 2);
	append_in(db, 100, 3);
	int64_t before = cache_seq(db, 0);
	uint64_t commits = db_commits_in(100);
	assert_int_equal(audit_anchor(db, 1700001000, NULL, &err), 0);
	assert_int_equal(one_int(db, "SELECT seq FROM audit_head WHERE id = 0"), 3);
	assert_int_equal(cache_seq(db, 0), before);
	assert_true(db_commits_in(100) == commits); /* nor counted as a commit */
	append_in(db, 0, 1);
	assert_int_equal(cache_seq(db, 0), before + 1);
	append_in(db, 100, 1);
	assert_int_equal(audit_anchor(db, 1700001060, NULL, &err), 0);
	assert_int_equal(cache_seq(db, 0), before + 1);
	assert_int_equal(cache_seq(db, 100), 4);
	test_db_close(db);
}

/* One change of a group commit: a level of commune `commune` inside the
 * open transaction, n rows, in a savepoint kept or rolled back. */
static void change_in(struct db *db, int64_t commune, int n, int keep)
{
	struct dv_err err = {0};
	assert_int_equal(db_savepoint(db, &err), 0);
	assert_int_equal(db_begin_shared(db, &err), 0);
	assert_int_equal(db_lock_commune(db, commune, &err), 0);
	for (int i = 0; i < n; i++) {
		struct audit_entry e = {.at = 1700000000 + i,
					.action = "ballot.cast",
					.entity = "matter",
					.entity_id = commune * 100 + i,
					.unit_id = commune,
					.details = "{}"};
		assert_int_equal(audit_append(db, &e, NULL, &err), 0);
	}
	assert_int_equal(db_commit(db, &err), 0);
	assert_int_equal(keep ? db_savepoint_release(db, &err) : db_savepoint_rollback(db, &err),
			 0);
}

static int64_t head_seq(struct db *db, int64_t chain)
{
	struct dv_err err = {0};
	int64_t v = -1;
	int rc = db_int(db, &v, &err, "SELECT seq FROM audit_head WHERE id = $1", DB_I(chain));
	return rc == DV_ENOTFOUND ? 0 : v;
}

/* A transaction keeps the heads it moves and writes them at its commit:
 * rows rolled back to a savepoint leave no gap and no head behind. */
static void heads_follow_the_changes_kept(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	assert_int_equal(db_begin_shared(db, &err), 0);
	change_in(db, 100, 2, 1);
	change_in(db, 100, 1, 0); /* after rows of its chain */
	change_in(db, 200, 3, 0); /* the first of its chain */
	change_in(db, 100, 1, 1);
	change_in(db, 200, 1, 1);
	assert_int_equal(db_commit(db, &err), 0);
	assert_int_equal(head_seq(db, 100), 3);
	assert_int_equal(head_seq(db, 200), 1);
	assert_int_equal(one_int(db, "SELECT COUNT(*) FROM audit WHERE chain = 200"), 1);
	/* more chains in one transaction than it keeps heads for */
	assert_int_equal(db_begin_shared(db, &err), 0);
	for (int64_t c = 1; c <= 70; c++)
		change_in(db, 1000 + c, 1 + (int)(c % 3), 1);
	change_in(db, 100, 2, 1);
	assert_int_equal(db_commit(db, &err), 0);
	for (int64_t c = 1; c <= 70; c++)
		assert_int_equal(head_seq(db, 1000 + c), 1 + c % 3);
	assert_int_equal(head_seq(db, 100), 5);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 0);
	assert_int_equal(r.chains, 73); /* and the deployment's */
	assert_int_equal(audit_anchor(db, 1700001000, NULL, &err), 0);
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 0);
	assert_int_equal(r.anchors, 72);
	test_db_close(db);
}

/* Many writers of many communes at once, each appending to its own chain
 * from its own thread: every chain is whole and holds. */
struct writer {
	struct db *db;
	int64_t commune;
	int rc;
};

static void *write_many(void *arg)
{
	struct writer *w = arg;
	struct dv_err err = {0};
	for (int i = 0; i < 20 && !w->rc; i++) {
		if ((w->rc = db_begin_shared(w->db, &err)) ||
		    (w->rc = db_lock_commune(w->db, w->commune, &err)))
			break;
		struct audit_entry e = {.at = 1700000000 + i,
					.action = "ballot.cast",
					.entity = "matter",
					.entity_id = i,
					.unit_id = w->commune,
					.details = "{}"};
		if ((w->rc = audit_append(w->db, &e, NULL, &err))) {
			db_rollback(w->db);
			break;
		}
		w->rc = db_commit(w->db, &err);
	}
	return NULL;
}

static void concurrent_writers_keep_every_chain_whole(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	enum { N = 4 };
	struct writer w[N];
	pthread_t t[N];
	for (int i = 0; i < N; i++) {
		/* two writers per commune: they take turns; the communes do not */
		w[i] = (struct writer){test_db_connect(db), 1 + i % 2, 0};
		pthread_create(&t[i], NULL, write_many, &w[i]);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].rc, 0);
		db_close(w[i].db);
	}
	struct dv_err err = {0};
	assert_int_equal(audit_anchor(db, 1700001000, NULL, &err), 0);
	struct audit_report r;
	assert_int_equal(audit_verify(db, &r, &err), 0);
	assert_int_equal(r.first_bad, 0);
	assert_int_equal(r.rows, N * 20 + 2);
	assert_int_equal(one_int(db, "SELECT MAX(seq) FROM audit WHERE chain = 1"), 40);
	test_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chain_verifies),
		cmocka_unit_test(append_needs_a_transaction),
		cmocka_unit_test(edited_row_is_named),
		cmocka_unit_test(rehashed_row_breaks_the_link),
		cmocka_unit_test(removed_rows_are_noticed),
		cmocka_unit_test(rows_beyond_the_head_are_not_judged),
		cmocka_unit_test(each_commune_has_its_chain_anchored_in_the_deployments),
		cmocka_unit_test(a_rewritten_commune_chain_breaks_its_anchor),
		cmocka_unit_test(a_row_belongs_to_its_chain),
		cmocka_unit_test(writers_of_two_communes_never_wait),
		cmocka_unit_test(concurrent_writers_keep_every_chain_whole),
		cmocka_unit_test(heads_follow_the_changes_kept),
		cmocka_unit_test(anchors_are_not_changes_for_the_caches),
	};
	return test_run(tests);
}

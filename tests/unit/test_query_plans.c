/*
 * PostgreSQL's plans for the searches a ward leans on, with the generic
 * plan a prepared statement ends up with (plan_cache_mode =
 * force_generic_plan), on 20,000 households of three wards with 60,000
 * residents and 40,000 search documents: no sequential scan of
 * households, residents, notices or search documents. Each check runs
 * the domain's own function and reads the plans its queries got
 * (db_explain_into).
 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/registry/household.h"

#define HOUSEHOLDS 20000

/* 20,000 households in four neighborhoods of three wards, three residents
 * each, 500 notices of each ward and 40 of each of 500 more wards, written
 * in bulk. */
static void city(struct dv_ctx *ctx, struct test_tree *t)
{
	test_tree_build(ctx, t);
	const int64_t places[][2] = {{t->dong_tac, t->tdh},
				     {t->chieu_lieu, t->tdh},
				     {t->noi_hoa, t->binh_an},
				     {t->other_nb, t->other_ward}};
	for (int i = 0; i < 4; i++) {
		assert_ok(ctx, db_run(ctx->db, &ctx->err,
				      "INSERT INTO household (unit_id, ward_id, origin_unit_id, code, "
				      "address, address_folded, status, created_at, updated_at) SELECT "
				      "CAST($1 AS BIGINT), CAST($2 AS BIGINT), CAST($1 AS BIGINT), 'H' || "
				      "g, 'Số ' || g || ' đường Đông Tác', 'so ' || g || ' duong dong "
				      "tac', 'active', 1, 1 FROM generate_series(1, CAST($3 AS INTEGER)) g",
				      DB_I(places[i][0]), DB_I(places[i][1]), DB_I(HOUSEHOLDS / 4)));
		assert_ok(ctx, db_run(ctx->db, &ctx->err,
				      "INSERT INTO notice (unit_id, ward_id, category_id, status, "
				      "version, title, body, visible_from, min_days, created_at, "
				      "updated_at, published_at) SELECT CAST($1 AS BIGINT), CAST($1 AS "
				      "BIGINT), (SELECT MIN(id) FROM notice_category), 'published', 1, "
				      "'Thông báo số ' || g, 'Nội dung', 20260101, 30, 1, 1, 1 FROM "
				      "generate_series(1, 500) g",
				      DB_I(places[i][1])));
	}
	/* a province's 500 other wards, each with its 40 notices: the sizes a
	 * plan is chosen by (a unit is one of many, its notices few) */
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "INSERT INTO unit (parent_id, kind, name, name_folded, created_at, "
			      "updated_at) SELECT CAST($1 AS BIGINT), 'ward', 'Phường ' || g, "
			      "'phuong ' || g, 1, 1 FROM generate_series(1, 500) g",
			      DB_I(t->city)));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "INSERT INTO unit_tree (ancestor, descendant, depth) SELECT u.id, u.id, "
			      "0 FROM unit u WHERE u.name LIKE 'Phường %' UNION ALL SELECT "
			      "t.ancestor, u.id, t.depth + 1 FROM unit u JOIN unit_tree t ON "
			      "t.descendant = u.parent_id WHERE u.name LIKE 'Phường %'"));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "INSERT INTO notice (unit_id, ward_id, category_id, status, version, "
			      "title, body, visible_from, min_days, created_at, updated_at, "
			      "published_at) SELECT u.id, u.id, (SELECT MIN(id) FROM "
			      "notice_category), 'published', 1, 'Thông báo ' || g, 'Nội dung', "
			      "20260101, 30, 1, 1, 1 FROM unit u, generate_series(1, 40) g WHERE "
			      "u.name LIKE 'Phường %'"));
	/* and 20 neighborhoods each: 10,000 units, as a province has */
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "INSERT INTO unit (parent_id, kind, name, name_folded, created_at, "
			      "updated_at) SELECT u.id, 'neighborhood', 'KP ' || g, "
			      "'kp ' || g, 1, 1 FROM unit u, generate_series(1, 20) g "
			      "WHERE u.name LIKE 'Phường %'"));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "INSERT INTO unit_tree (ancestor, descendant, depth) SELECT u.id, u.id, "
			      "0 FROM unit u WHERE u.name LIKE 'KP %' UNION ALL SELECT "
			      "t.ancestor, u.id, t.depth + 1 FROM unit u JOIN unit_tree t ON "
			      "t.descendant = u.parent_id WHERE u.name LIKE 'KP %'"));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "INSERT INTO resident (household_id, ward_id, full_name, name_folded, "
			      "sort_key, gender, relation, status, created_at, updated_at) SELECT "
			      "h.id, h.ward_id, CASE k WHEN 1 THEN 'Nguyễn Văn An' WHEN 2 THEN 'Trần "
			      "Thị Bình' ELSE 'Lê Minh ' || h.id END, CASE k WHEN 1 THEN 'nguyen van "
			      "an' WHEN 2 THEN 'tran thi binh' ELSE 'le minh ' || h.id END, 'x', "
			      "'male', 'Con', 'present', 1, 1 FROM household h, generate_series(1, 3) "
			      "k"));
	/* every notice's search document, as notice_publish writes it, and as
	 * many documents of another kind: 40,000 in all */
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "INSERT INTO search_doc (kind, ref, unit_id, title, body) SELECT "
			      "'notice', n.id, n.unit_id, 'thong bao so ' || n.id, 'noi dung' FROM "
			      "notice n"));
	assert_ok(ctx, db_run(ctx->db, &ctx->err,
			      "INSERT INTO search_doc (kind, ref, unit_id, title, body) SELECT "
			      "'report', g, NULL, 'den duong hong ' || g, 'thong bao' FROM "
			      "generate_series(1, 20000) g"));
	assert_ok(ctx, db_exec_script(ctx->db, "ANALYZE", &ctx->err));
	assert_ok(ctx, db_exec_script(ctx->db, "SET plan_cache_mode = force_generic_plan",
				      &ctx->err));
}

/* The plans the queries of `what` got hold no sequential scan of table. */
static void no_seq_scan(const struct buf *plans, const char *table, const char *what)
{
	char needle[64];
	snprintf(needle, sizeof(needle), "Seq Scan on %s ", table);
	if (!plans->ptr || !strstr(plans->ptr, needle))
		return;
	if (getenv("DANVAN_PLANS"))
		fprintf(stderr, "%s", plans->ptr);
	fail_msg("%s scans %s (DANVAN_PLANS=1 shows the plans)", what, table);
}

static void searches_use_their_indexes(void **state)
{
	(void)state;
	if (strcmp(test_backend(), "postgres") != 0)
		skip(); /* the plans checked are PostgreSQL's */
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	city(ctx, &t);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	struct buf plans = BUF_INIT;
	struct household *h;
	size_t n;
	int more;
	/* household search in a ward and in a neighborhood, by a resident's name */
	db_explain_into(ctx->db, &plans);
	assert_ok(ctx, household_list(ctx, t.tdh, "nguyen", 0, 20, &h, &n, &more));
	assert_int_equal(n, 20);
	assert_ok(ctx, household_list(ctx, t.dong_tac, "tran thi", 0, 20, &h, &n, &more));
	assert_ok(ctx, household_list(ctx, t.tdh, NULL, 100, 20, &h, &n, &more));
	db_explain_into(ctx->db, NULL);
	assert_non_null(strstr(plans.ptr, "Index")); /* the capture read plans */
	no_seq_scan(&plans, "household", "household search");
	no_seq_scan(&plans, "resident", "household search");
	/* notices of the ward, searched and listed */
	buf_reset(&plans);
	struct notice_filter f = {.unit_id = t.tdh, .status = NOTICE_PUBLISHED};
	struct notice *v;
	db_explain_into(ctx->db, &plans);
	assert_ok(ctx, notice_list(ctx, &f, 0, 20, &v, &n, &more));
	assert_int_equal(n, 20);
	int64_t last = 0;
	assert_ok(ctx, db_int(ctx->db, &last, &ctx->err,
			      "SELECT MAX(id) FROM notice WHERE unit_id = $1", DB_I(t.tdh)));
	f.query = arena_printf(ctx->arena, "thong bao so %lld", (long long)last);
	assert_ok(ctx, notice_list(ctx, &f, 0, 20, &v, &n, &more));
	assert_int_equal(n, 1);
	db_explain_into(ctx->db, NULL);
	/* the search read the documents: through the words' index, or by
	 * key for each of the ward's notices (fewer than its words' matches) */
	assert_non_null(strstr(plans.ptr, "on search_doc d"));
	no_seq_scan(&plans, "notice", "notice list");
	no_seq_scan(&plans, "household", "notice list");
	no_seq_scan(&plans, "search_doc", "notice search");
	no_seq_scan(&plans, "unit", "notice list");
	buf_release(&plans);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(searches_use_their_indexes),
	};
	return cmocka_run_group_tests_name(test_suite_name(__FILE__), tests, NULL, NULL);
}

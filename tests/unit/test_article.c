#include "testlib.h"

#include <string.h>

#include "domain/disclose/article.h"
#include "domain/perm.h"

static int64_t write(struct dv_ctx *ctx, int64_t unit, const char *section, const char *title,
		     const char *body)
{
	struct article_input in = {.unit_id = unit,
				   .section = section,
				   .title = title,
				   .lead = "Tóm tắt",
				   .body = body,
				   .byline = "Ban Dân vận"};
	int64_t id = 0;
	assert_ok(ctx, article_create(ctx, &in, &id));
	return id;
}

static size_t count(struct dv_ctx *ctx, struct article_filter *f, int64_t *first)
{
	struct article *v;
	size_t n;
	int more;
	assert_ok(ctx, article_list(ctx, f, 0, 50, &v, &n, &more));
	*first = n ? v[0].id : 0;
	return n;
}

static void writing_and_publishing_news(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct article_input in = {.unit_id = t.tdh,
				   .section = "politics",
				   .title = "Tổng kết",
				   .body = "Nội dung",
				   .byline = "Phóng viên"};
	int64_t id;
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, t.dong_tac, 0);
	assert_int_equal(article_create(ctx, &in, &id), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_ORG_OFFICER, t.binh_an, 0);
	assert_int_equal(article_create(ctx, &in, &id), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_ORG_OFFICER, t.tdh, 0);
	in.section = "sports";
	assert_int_equal(article_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "section");
	in.section = "politics";
	in.byline = " ";
	assert_int_equal(article_create(ctx, &in, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "byline");
	in.byline = "Phóng viên";
	assert_ok(ctx, article_create(ctx, &in, &id));
	struct article a;
	ctx->actor = &actor_anonymous;
	assert_int_equal(article_get(ctx, id, &a), DV_ENOTFOUND);
	ctx->actor = test_actor(ctx, ROLE_ORG_OFFICER, t.tdh, 0);
	assert_ok(ctx, article_publish(ctx, id, 1));
	assert_int_equal(article_publish(ctx, id, 1), DV_ECONFLICT);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, article_get(ctx, id, &a));
	assert_true(a.published);
	assert_true(a.published_at > 0);
	assert_false(a.may_edit);
	/* withdrawn, it is a draft again and leaves the search index */
	ctx->actor = test_actor(ctx, ROLE_ORG_OFFICER, t.tdh, 0);
	assert_ok(ctx, article_publish(ctx, id, 0));
	ctx->actor = &actor_anonymous;
	assert_int_equal(article_get(ctx, id, &a), DV_ENOTFOUND);
	struct article_filter f = {.section = -1, .query = "tong ket"};
	int64_t first;
	assert_int_equal(count(ctx, &f, &first), 0);
	test_ctx_free(ctx);
}

static void lists_filter_and_search(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t road = write(ctx, t.tdh, "mobilization", "Hẻm mới ở Đông Tác", "Bê tông hóa");
	int64_t meet = write(ctx, t.tdh, "politics", "Hội nghị tổng kết", "Đường lối");
	int64_t other = write(ctx, t.binh_an, "politics", "Bình An tổng kết", "Nội dung");
	write(ctx, t.tdh, "politics", "Bản nháp", "Chưa đăng");
	assert_ok(ctx, article_publish(ctx, road, 1));
	assert_ok(ctx, article_publish(ctx, meet, 1));
	assert_ok(ctx, article_publish(ctx, other, 1));
	struct article_filter f = {.section = -1};
	int64_t first;
	assert_int_equal(count(ctx, &f, &first), 3);
	f.unit_id = t.dong_tac;
	assert_int_equal(count(ctx, &f, &first), 2);
	f.section = SEC_MOBILIZATION;
	assert_int_equal(count(ctx, &f, &first), 1);
	assert_int_equal(first, road);
	f.section = -1;
	f.unit_id = 0;
	f.query = "hem moi";
	assert_int_equal(count(ctx, &f, &first), 1);
	assert_int_equal(first, road);
	f.query = "duong"; /* in a body: "Đường lối" */
	assert_int_equal(count(ctx, &f, &first), 1);
	assert_int_equal(first, meet);
	f.query = "tong ket"; /* titles of two wards */
	assert_int_equal(count(ctx, &f, &first), 2);
	f.query = NULL;
	f.drafts = 1;
	f.unit_id = t.tdh;
	assert_int_equal(count(ctx, &f, &first), 1);
	struct article *v;
	size_t n;
	int more;
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(article_list(ctx, &f, 0, 50, &v, &n, &more), DV_EPERM);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writing_and_publishing_news),
		cmocka_unit_test(lists_filter_and_search),
	};
	return test_run(tests);
}

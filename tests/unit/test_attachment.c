#include "testlib.h"

#include <string.h>
#include <vips/vips.h>

#include "base/date.h"
#include "base/media.h"
#include "domain/disclose/article.h"
#include "domain/disclose/attachment.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"

static const char pdf[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
			  "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
			  "trailer<</Root 1 0 R>>\n%%EOF\n";

/* A small photo made by libvips: ".png" or ".jpg". g_free it. */
static void *photo(const char *suffix, size_t *len)
{
	VipsImage *im;
	void *buf = NULL;
	assert_int_equal(vips_black(&im, 40, 30, "bands", 3, NULL), 0);
	assert_int_equal(vips_image_write_to_buffer(im, suffix, &buf, len, NULL), 0);
	g_object_unref(im);
	return buf;
}

static int64_t notice_draft(struct dv_ctx *ctx, int64_t unit)
{
	int64_t cat = 0, id = 0;
	assert_ok(ctx, db_int(ctx->db, &cat, &ctx->err,
			      "SELECT id FROM notice_category WHERE code = 'budget'"));
	struct notice_input in = {
		.unit_id = unit, .category_id = cat, .title = "Dự toán", .body = "Nội dung"};
	assert_ok(ctx, notice_create(ctx, &in, &id));
	return id;
}

static void files_of_a_draft_are_private_until_published(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t id = notice_draft(ctx, t.tdh), fid = 0;
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_ok(ctx, attachment_add(ctx, &notice_attach, id, "Dự toán 2027.PDF", pdf,
				      sizeof(pdf) - 1, NULL, &fid));
	struct attachment *v;
	size_t n;
	assert_ok(ctx, attachment_list(ctx, &notice_attach, id, &v, &n));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "Dự toán 2027.pdf");
	assert_string_equal(v[0].mime, "application/pdf");
	assert_false(v[0].has_thumb);
	struct file_data f;
	assert_ok(ctx, file_read(ctx, fid, 0, &f));
	assert_false(f.is_public);
	assert_int_equal(f.len, sizeof(pdf) - 1);
	assert_memory_equal(f.data, pdf, f.len);
	ctx->actor = &actor_anonymous;
	assert_int_equal(file_read(ctx, fid, 0, &f), DV_ENOTFOUND);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(file_read(ctx, fid, 0, &f), DV_ENOTFOUND);
	ctx->actor = &actor_system;
	assert_ok(ctx, notice_publish(ctx, id));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, file_read(ctx, fid, 0, &f));
	assert_true(f.is_public);
	assert_int_equal(file_read(ctx, fid, 1, &f), DV_ENOTFOUND); /* a PDF has no thumbnail */
	assert_int_equal(file_read(ctx, 987654, 0, &f), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void photos_are_stored_with_a_thumbnail(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	size_t len;
	test_tree_build(ctx, &t);
	assert_ok(ctx, media_init(&ctx->err));
	void *png = photo(".png", &len);
	int64_t id = notice_draft(ctx, t.tdh), fid = 0;
	assert_ok(ctx, attachment_add(ctx, &notice_attach, id, "C:\\ảnh\\hẻm.png", png, len, NULL,
				      &fid));
	struct attachment *v;
	size_t n;
	assert_ok(ctx, attachment_list(ctx, &notice_attach, id, &v, &n));
	assert_string_equal(v[0].name, "hẻm.png"); /* no path kept */
	assert_int_equal(v[0].width, 40);
	assert_true(v[0].has_thumb);
	struct file_data f;
	assert_ok(ctx, file_read(ctx, fid, 1, &f));
	assert_string_equal(f.mime, "image/jpeg");
	assert_true(f.len > 100);
	g_free(png);
	test_ctx_free(ctx);
}

static void the_content_decides_and_a_lying_name_is_refused(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	size_t len;
	test_tree_build(ctx, &t);
	assert_ok(ctx, media_init(&ctx->err));
	void *png = photo(".png", &len);
	int64_t id = notice_draft(ctx, t.tdh), fid = 0;
	assert_int_equal(attachment_add(ctx, &notice_attach, id, "bao-cao.pdf", png, len, NULL, &fid),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "file");
	assert_non_null(strstr(ctx->err.msg, "PNG"));
	assert_int_equal(attachment_add(ctx, &notice_attach, id, "bao-cao.jpg", pdf, sizeof(pdf) - 1,
					NULL, &fid),
			 DV_EINVAL);
	assert_int_equal(attachment_add(ctx, &notice_attach, id, "ghi-chu.txt", "xin chào", 9, NULL,
					&fid),
			 DV_EINVAL);
	assert_int_equal(attachment_add(ctx, &notice_attach, id, "rỗng.pdf", "", 0, NULL, &fid),
			 DV_EINVAL);
	/* without an extension the content names it */
	assert_ok(ctx, attachment_add(ctx, &notice_attach, id, "anh", png, len, NULL, &fid));
	struct attachment *v;
	size_t n;
	assert_ok(ctx, attachment_list(ctx, &notice_attach, id, &v, &n));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "anh.png");
	g_free(png);
	test_ctx_free(ctx);
}

static void who_may_attach(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t id = notice_draft(ctx, t.tdh), fid = 0;
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(attachment_add(ctx, &notice_attach, id, "a.pdf", pdf, sizeof(pdf) - 1, NULL,
					&fid),
			 DV_ENOTFOUND); /* a draft it cannot even see */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(attachment_add(ctx, &notice_attach, id, "a.pdf", pdf, sizeof(pdf) - 1, NULL,
					&fid),
			 DV_ENOTFOUND);
	ctx->actor = &actor_system;
	assert_ok(ctx, notice_publish(ctx, id));
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(attachment_add(ctx, &notice_attach, id, "a.pdf", pdf, sizeof(pdf) - 1, NULL,
					&fid),
			 DV_EPERM);
	int64_t files = -1;
	assert_ok(ctx, db_int(ctx->db, &files, &ctx->err, "SELECT COUNT(*) FROM file"));
	assert_int_equal(files, 0);
	test_ctx_free(ctx);
}

static void files_of_a_published_notice_change_by_versions(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t id = notice_draft(ctx, t.tdh), a = 0, b = 0;
	assert_ok(ctx, attachment_add(ctx, &notice_attach, id, "a.pdf", pdf, sizeof(pdf) - 1, NULL, &a));
	assert_ok(ctx, notice_publish(ctx, id));
	assert_ok(ctx, attachment_add(ctx, &notice_attach, id, "b.pdf", pdf, sizeof(pdf) - 1, NULL, &b));
	assert_ok(ctx, attachment_remove(ctx, &notice_attach, id, a));
	assert_int_equal(attachment_remove(ctx, &notice_attach, id, a), DV_ENOTFOUND);
	struct notice_version *v;
	size_t n;
	assert_ok(ctx, notice_versions(ctx, id, &v, &n));
	assert_int_equal(n, 3);
	assert_string_equal(v[0].files, "a.pdf");
	assert_string_equal(v[1].files, "a.pdf\nb.pdf");
	assert_string_equal(v[2].files, "b.pdf");
	/* a removed file stays readable: the history names it */
	struct file_data f;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, file_read(ctx, a, 0, &f));
	/* but one removed from a draft never was public, and stays private */
	ctx->actor = &actor_system;
	int64_t other = notice_draft(ctx, t.tdh), secret = 0;
	assert_ok(ctx, attachment_add(ctx, &notice_attach, other, "mat.pdf", pdf, sizeof(pdf) - 1,
				      NULL, &secret));
	assert_ok(ctx, attachment_remove(ctx, &notice_attach, other, secret));
	ctx->now += 5;
	assert_ok(ctx, notice_publish(ctx, other));
	ctx->actor = &actor_anonymous;
	assert_int_equal(file_read(ctx, secret, 0, &f), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void articles_carry_captioned_photos(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	size_t len;
	test_tree_build(ctx, &t);
	assert_ok(ctx, media_init(&ctx->err));
	struct article_input in = {.unit_id = t.tdh,
				   .section = "mobilization",
				   .title = "Hẻm mới",
				   .body = "Nội dung",
				   .byline = "Ban Dân vận"};
	int64_t id = 0, fid = 0;
	assert_ok(ctx, article_create(ctx, &in, &id));
	void *jpg = photo(".jpg", &len);
	assert_ok(ctx, attachment_add(ctx, &article_attach, id, "hem.jpg", jpg, len,
				      "  Hẻm sau khi  bê tông ", &fid));
	struct attachment *v;
	size_t n;
	assert_ok(ctx, attachment_list(ctx, &article_attach, id, &v, &n));
	assert_string_equal(v[0].caption, "Hẻm sau khi bê tông");
	struct article a;
	assert_ok(ctx, article_get(ctx, id, &a));
	assert_int_equal(a.photo_id, fid);
	struct file_data f;
	ctx->actor = &actor_anonymous;
	assert_int_equal(file_read(ctx, fid, 0, &f), DV_ENOTFOUND);
	ctx->actor = &actor_system;
	assert_ok(ctx, article_publish(ctx, id, 1));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, file_read(ctx, fid, 0, &f));
	g_free(jpg);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(files_of_a_draft_are_private_until_published),
		cmocka_unit_test(photos_are_stored_with_a_thumbnail),
		cmocka_unit_test(the_content_decides_and_a_lying_name_is_refused),
		cmocka_unit_test(who_may_attach),
		cmocka_unit_test(files_of_a_published_notice_change_by_versions),
		cmocka_unit_test(articles_carry_captioned_photos),
	};
	int rc = test_run(tests);
	media_shutdown();
	return rc;
}

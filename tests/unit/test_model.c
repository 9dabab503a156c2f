/*
 * "Dân vận khéo" models (domain/emulation/model.h): registering, the Mass
 * Mobilization Board's yearly verdict deciding the public library, folded
 * search, replication by another unit, the figures per field and year, and
 * the files of a model private until it is in the library.
 */
#include "testlib.h"

#include <string.h>
#include <vips/vips.h>

#include "base/date.h"
#include "domain/emulation/model.h"
#include "domain/perm.h"

static int this_year(struct dv_ctx *ctx)
{
	return time_local_date(ctx->now) / 10000;
}

static int64_t add_model(struct dv_ctx *ctx, int64_t unit, const char *field, const char *name,
			 int64_t origin)
{
	int64_t id = 0;
	struct model_input in = {.unit_id = unit,
				 .origin_id = origin,
				 .field = field,
				 .name = name,
				 .description = "Mỗi tháng tổ chức một buổi ra quân làm sạch hẻm.",
				 .since = "01/03/2021",
				 .runner = "Chi hội Phụ nữ khu phố",
				 .reached = "1.250",
				 .results = "12 hẻm sạch; 320 hộ tham gia"};
	assert_ok(ctx, model_create(ctx, &in, &id));
	return id;
}

static void registering_and_the_library(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	int64_t a = add_model(ctx, t.dong_tac, "culture", "Hẻm xanh – sạch – đẹp", 0);
	int64_t b = add_model(ctx, t.tdh, "economy", "Tổ hợp tác nuôi cá", 0);
	struct model m;
	assert_ok(ctx, model_get(ctx, a, &m));
	assert_int_equal(m.reached, 1250);
	assert_int_equal(m.year, this_year(ctx));
	assert_false(m.is_public);
	/* bad input at its field */
	struct model_input bad = {.unit_id = t.tdh, .field = "sport", .name = "X",
				  .description = "Y", .since = "01/01/2020", .runner = "Z"};
	int64_t x;
	assert_int_equal(model_create(ctx, &bad, &x), DV_EINVAL);
	assert_string_equal(ctx->err.field, "field");
	bad.field = "economy";
	bad.since = "31/02/2020";
	assert_int_equal(model_create(ctx, &bad, &x), DV_EINVAL);
	assert_string_equal(ctx->err.field, "since");
	bad.since = "01/01/2020";
	bad.reached = "nhiều";
	assert_int_equal(model_create(ctx, &bad, &x), DV_EINVAL);
	assert_string_equal(ctx->err.field, "reached");
	/* not in the library yet: the public does not see it */
	ctx->actor = &actor_anonymous;
	assert_int_equal(model_get(ctx, a, &m), DV_ENOTFOUND);
	/* a ward officer does not evaluate: the board does */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_int_equal(model_evaluate(ctx, a, this_year(ctx), "effective", "", "Xem hiện trường"),
			 DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_MASS_MOBILIZATION, t.city, 0);
	assert_int_equal(model_evaluate(ctx, a, this_year(ctx) + 1, "effective", "", "x"),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "year");
	assert_int_equal(model_evaluate(ctx, a, this_year(ctx) - 1, "effective", "", "x"),
			 DV_EINVAL); /* before it was registered */
	assert_int_equal(model_evaluate(ctx, a, this_year(ctx), "effective", "", ""), DV_EINVAL);
	assert_string_equal(ctx->err.field, "evidence");
	assert_ok(ctx, model_evaluate(ctx, a, this_year(ctx), "effective", "Nhân rộng được",
				      "Biên bản kiểm tra, ảnh hẻm"));
	assert_ok(ctx, model_evaluate(ctx, b, this_year(ctx), "not_yet", "", "Chưa có số liệu"));
	/* the library: folded search finds it without accents */
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, model_get(ctx, a, &m));
	assert_true(m.is_public);
	assert_int_equal(model_get(ctx, b, &m), DV_ENOTFOUND);
	struct model_filter f = {.field = -1, .library = 1, .query = "hem xanh"};
	struct model *v;
	size_t n;
	int more;
	assert_ok(ctx, model_list(ctx, &f, 0, 20, &v, &n, &more));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a);
	f.query = "ca";
	assert_ok(ctx, model_list(ctx, &f, 0, 20, &v, &n, &more));
	assert_int_equal(n, 0); /* the fish farm is not in the library */
	f.library = 0;
	assert_int_equal(model_list(ctx, &f, 0, 20, &v, &n, &more), DV_EPERM);
	/* a verdict changed for the year takes it out again */
	ctx->actor = test_actor(ctx, ROLE_MASS_MOBILIZATION, t.tdh, 0);
	assert_ok(ctx, model_evaluate(ctx, a, this_year(ctx), "not_yet", "", "Ngừng hoạt động"));
	ctx->actor = &actor_anonymous;
	assert_int_equal(model_get(ctx, a, &m), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void another_unit_replicates_and_the_figures_count(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int y = this_year(ctx);
	int64_t a = add_model(ctx, t.dong_tac, "culture", "Hẻm xanh", 0);
	add_model(ctx, t.chieu_lieu, "defence", "Camera an ninh", 0);
	/* a model not effective cannot be replicated, nor one's own */
	struct model_input in = {.unit_id = t.noi_hoa, .origin_id = a, .field = "culture",
				 .name = "Hẻm xanh Nội Hóa", .description = "Làm theo Đông Tác",
				 .since = "01/01/2024", .runner = "Tổ dân phố"};
	int64_t r;
	assert_int_equal(model_create(ctx, &in, &r), DV_EINVAL);
	assert_string_equal(ctx->err.field, "origin");
	assert_ok(ctx, model_evaluate(ctx, a, y, "effective", "", "Kiểm tra thực tế"));
	in.unit_id = t.dong_tac;
	assert_int_equal(model_create(ctx, &in, &r), DV_EINVAL);
	in.unit_id = t.noi_hoa;
	assert_ok(ctx, model_create(ctx, &in, &r));
	struct model m, *v;
	size_t n;
	assert_ok(ctx, model_get(ctx, r, &m));
	assert_int_equal(m.origin_id, a);
	assert_string_equal(m.origin_name, "Hẻm xanh");
	assert_ok(ctx, model_replications(ctx, a, &v, &n));
	assert_int_equal(n, 1);
	/* figures: the city has three, one effective, one replicated; the
	 * ward of Tân Đông Hiệp two, one effective */
	struct model_figures by[FIELD_COUNT], all;
	assert_ok(ctx, model_figures(ctx, t.city, y, by, &all));
	assert_int_equal(all.registered, 3);
	assert_int_equal(all.effective, 1);
	assert_int_equal(all.replicated, 1);
	assert_int_equal(by[FIELD_CULTURE].registered, 2);
	assert_int_equal(by[FIELD_DEFENCE].effective, 0);
	assert_ok(ctx, model_figures(ctx, t.tdh, y, by, &all));
	assert_int_equal(all.registered, 2);
	assert_int_equal(all.evaluated, 1);
	/* last year nothing was registered yet */
	assert_ok(ctx, model_figures(ctx, t.city, y - 1, by, &all));
	assert_int_equal(all.registered, 0);
	test_ctx_free(ctx);
}

static void files_follow_the_model(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	assert_int_equal(VIPS_INIT("test"), 0);
	VipsImage *im;
	void *png;
	size_t len;
	assert_int_equal(vips_black(&im, 40, 30, "bands", 3, NULL), 0);
	assert_int_equal(vips_image_write_to_buffer(im, ".png", &png, &len, NULL), 0);
	g_object_unref(im);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	int64_t a = add_model(ctx, t.dong_tac, "culture", "Hẻm xanh", 0);
	int64_t fid;
	assert_ok(ctx, attachment_add(ctx, &model_attach, a, "hem.png", png, len, "Hẻm sau khi làm",
				      &fid));
	g_free(png);
	struct file_data f;
	assert_ok(ctx, model_file_read(ctx, a, fid, 1, &f));
	assert_string_equal(f.mime, "image/jpeg");
	assert_false(f.is_public);
	ctx->actor = &actor_anonymous;
	assert_int_equal(model_file_read(ctx, a, fid, 0, &f), DV_ENOTFOUND);
	ctx->actor = &actor_system;
	assert_ok(ctx, model_evaluate(ctx, a, this_year(ctx), "effective", "", "x"));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, model_file_read(ctx, a, fid, 0, &f));
	assert_true(f.is_public);
	assert_int_equal(model_file_read(ctx, a, fid + 1000, 0, &f), DV_ENOTFOUND);
	/* a head may not add files to the ward's model */
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_int_equal(attachment_add(ctx, &model_attach, a, "x.pdf", "%PDF-1.4\n", 9, NULL, &fid),
			 DV_EPERM);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(registering_and_the_library),
		cmocka_unit_test(another_unit_replicates_and_the_figures_count),
		cmocka_unit_test(files_follow_the_model),
	};
	return test_run(tests);
}

#include "testlib.h"

#include "domain/registry/org.h"
#include "domain/perm.h"

static void create_and_list(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t a, b;
	assert_ok(ctx, org_create(ctx, t.tdh, ORG_FRONT,
				  "Ủy ban MTTQ Việt Nam phường Tân Đông Hiệp", &a));
	assert_ok(ctx,
		  org_create(ctx, t.tdh, ORG_WOMENS_UNION, "Hội LHPN phường Tân Đông Hiệp", &b));
	struct organization *v;
	size_t n;
	assert_ok(ctx, org_list(ctx, t.tdh, &v, &n));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].kind, ORG_FRONT);
	assert_string_equal(v[1].name, "Hội LHPN phường Tân Đông Hiệp");
	struct organization o;
	assert_ok(ctx, org_get(ctx, b, &o));
	assert_int_equal(o.unit_id, t.tdh);
	assert_int_equal(org_get(ctx, 9999, &o), DV_ENOTFOUND);
	enum org_kind k;
	assert_int_equal(org_kind_parse("veterans", &k, NULL), 0);
	assert_int_equal(k, ORG_VETERANS);
	assert_int_equal(org_kind_parse("party", &k, NULL), DV_EINVAL);
	test_ctx_free(ctx);
}

static void refusals(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t id;
	assert_int_equal(org_create(ctx, t.tdh, ORG_FRONT, "", &id), DV_EINVAL);
	assert_int_equal(org_create(ctx, 4242, ORG_FRONT, "X", &id), DV_EINVAL);
	assert_int_equal(org_create(ctx, t.tdh, ORG_KIND_COUNT, "X", &id), DV_EINVAL);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.binh_an, 0);
	assert_int_equal(org_create(ctx, t.tdh, ORG_FRONT, "X", &id), DV_EPERM);
	assert_ok(ctx, org_create(ctx, t.binh_an, ORG_VETERANS, "Hội CCB phường Bình An", &id));
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_and_list),
		cmocka_unit_test(refusals),
	};
	return test_run(tests);
}

#include "testlib.h"

#include <string.h>

#include "base/buf.h"
#include "domain/consult/consultation.h"
#include "domain/registry/org.h"
#include "domain/perm.h"

static const char *draft =
	"Dự thảo quy chế thực hiện dân chủ ở cơ sở của phường.\n"
	"\n"
	"**Điều 1. Phạm vi điều chỉnh**\n"
	"Quy chế này quy định việc công khai thông tin.\n"
	"\n"
	"## Điều 2. Đối tượng áp dụng\n"
	"Cán bộ, công chức phường và Nhân dân.\n"
	"\n"
	"Điều 3. Hiệu lực\n"
	"Có hiệu lực từ ngày ký.\n";

struct place {
	struct test_tree t;
	int64_t hh;
	const struct actor *officer, *resident, *outsider, *women, *front;
	int64_t id;
};

static void place_build(struct dv_ctx *ctx, struct place *p)
{
	test_tree_build(ctx, &p->t);
	ctx->now = 1793000000;
	p->hh = test_household(ctx, p->t.dong_tac, "Số 1 Đông Tác", 2);
	int64_t org = 0;
	assert_ok(ctx, org_create(ctx, p->t.tdh, ORG_WOMENS_UNION, "Hội Liên hiệp Phụ nữ phường Tân Đông Hiệp",
				  &org));
	p->officer = test_actor(ctx, ROLE_WARD_OFFICER, p->t.tdh, 0);
	p->resident = test_actor(ctx, ROLE_REPRESENTATIVE, p->t.dong_tac, p->hh);
	p->outsider = test_actor(ctx, ROLE_REPRESENTATIVE, p->t.noi_hoa, 0);
	struct actor *w = (struct actor *)test_actor(ctx, ROLE_ORG_OFFICER, p->t.tdh, 0);
	w->grants[0].organization_id = org;
	p->women = w;
	p->front = test_actor(ctx, ROLE_FRONT, p->t.dong_tac, 0);
	ctx->actor = p->officer;
	struct consult_input in = {.unit_id = p->t.tdh,
				   .kind = "regulation",
				   .title = "Quy chế dân chủ ở cơ sở phường Tân Đông Hiệp",
				   .body = draft};
	assert_ok(ctx, consultation_create(ctx, &in, &p->id));
}

/* PostgreSQL: residents of two communes comment on a city's draft at
 * once; a writer holding one commune delays only that commune's. */
static void comments_from_two_communes_never_wait(void **state)
{
	(void)state;
	if (strcmp(test_backend(), "postgres") != 0)
		skip(); /* SQLite has one writer at a time by design */
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, p.t.city, 0);
	int64_t hh2 = test_household(ctx, p.t.noi_hoa, "Số 2 Nội Hóa", 1), id = 0;
	const struct actor *there = test_actor(ctx, ROLE_REPRESENTATIVE, p.t.noi_hoa, hh2);
	struct consult_input cin = {.unit_id = p.t.city, .kind = "regulation",
				    .title = "Quy chế của thành phố", .body = draft};
	assert_ok(ctx, consultation_create(ctx, &cin, &id));
	assert_ok(ctx, consultation_open(ctx, id, ctx->now + 86400));
	struct dv_err err = {0};
	struct db *mine = ctx->db, *a = test_db_connect(mine), *b = test_db_connect(mine);
	assert_int_equal(db_exec_script(b, "SET lock_timeout = '300ms'", &err), 0);
	int64_t tdh_commune = p.t.tdh;
	/* a writer of Tân Đông Hiệp keeps its transaction open */
	assert_int_equal(db_begin_shared(a, &err), 0);
	assert_int_equal(db_lock_commune(a, tdh_commune, &err), 0);
	struct opinion_input in = {.section = 1, .stance = "support", .text = "Đồng ý."};
	ctx->db = b;
	ctx->actor = there; /* Bình An's resident: no wait */
	assert_ok(ctx, opinion_add(ctx, id, &in, NULL));
	ctx->actor = p.resident; /* Tân Đông Hiệp's waits (here: gives up after 300 ms) */
	assert_int_equal(opinion_add(ctx, id, &in, NULL), DV_EDB);
	ctx->err = (struct dv_err){0};
	assert_int_equal(db_commit(a, &err), 0);
	assert_ok(ctx, opinion_add(ctx, id, &in, NULL));
	ctx->db = mine;
	int64_t n = 0;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err,
			      "SELECT COUNT(DISTINCT ward_id) FROM opinion WHERE consultation_id = $1",
			      DB_I(id)));
	assert_int_equal(n, 2); /* each carries its commune */
	db_close(a);
	db_close(b);
	test_ctx_free(ctx);
}

static void a_draft_is_split_into_sections(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct consult_section *v;
	size_t n;
	assert_ok(ctx, consultation_split(ctx->arena, draft, &v, &n, &ctx->err));
	assert_int_equal(n, 4);
	assert_string_equal(v[0].heading, ""); /* the preamble */
	assert_string_equal(v[0].body, "Dự thảo quy chế thực hiện dân chủ ở cơ sở của phường.");
	assert_int_equal(v[0].number, 1); /* numbered from 1: 0 is the whole draft */
	assert_int_equal(v[1].number, 2);
	assert_string_equal(v[1].heading, "Điều 1. Phạm vi điều chỉnh");
	assert_string_equal(v[1].body, "Quy chế này quy định việc công khai thông tin.");
	assert_string_equal(v[2].heading, "Điều 2. Đối tượng áp dụng");
	assert_string_equal(v[3].heading, "Điều 3. Hiệu lực");
	assert_string_equal(v[3].body, "Có hiệu lực từ ngày ký.");
	/* no heading at all: one section; a heading on the last line: kept */
	assert_ok(ctx, consultation_split(ctx->arena, "Một đoạn.", &v, &n, &ctx->err));
	assert_int_equal(n, 1);
	assert_ok(ctx, consultation_split(ctx->arena, "Mở đầu\n# Phụ lục", &v, &n, &ctx->err));
	assert_int_equal(n, 2);
	assert_string_equal(v[1].heading, "Phụ lục");
	assert_string_equal(v[1].body, "");
	/* "Điều" not followed by a number, "#hashtag": not headings */
	assert_ok(ctx, consultation_split(ctx->arena, "Điều kiện\n#tag\nĐiềux 1", &v, &n, &ctx->err));
	assert_int_equal(n, 1);
	/* too many sections */
	struct buf b = BUF_INIT;
	for (int i = 1; i <= CONSULT_SECTIONS_MAX + 1; i++)
		buf_addf(&b, "## Điều %d\nNội dung\n", i);
	assert_int_equal(consultation_split(ctx->arena, b.ptr, &v, &n, &ctx->err), DV_EINVAL);
	buf_release(&b);
	test_ctx_free(ctx);
}

static void drafts_are_the_officers_until_opened(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	struct consultation c;
	ctx->actor = p.resident;
	assert_int_equal(consultation_get(ctx, p.id, &c), DV_ENOTFOUND);
	struct consult_input in = {.unit_id = p.t.tdh, .kind = "plan", .title = "X", .body = "Y"};
	assert_int_equal(consultation_create(ctx, &in, NULL), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, p.t.binh_an, 0); /* another ward */
	assert_int_equal(consultation_get(ctx, p.id, &c), DV_ENOTFOUND);
	assert_int_equal(consultation_open(ctx, p.id, ctx->now + 86400), DV_ENOTFOUND);
	ctx->actor = p.officer;
	in.kind = "nonsense";
	assert_int_equal(consultation_create(ctx, &in, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "kind");
	/* the period: an hour to 90 days */
	assert_int_equal(consultation_open(ctx, p.id, ctx->now + 3599), DV_EINVAL);
	assert_int_equal(consultation_open(ctx, p.id, ctx->now + 90 * 86400 + 1), DV_EINVAL);
	assert_ok(ctx, consultation_open(ctx, p.id, ctx->now + 15 * 86400));
	in.kind = "plan";
	assert_int_equal(consultation_update(ctx, p.id, &in), DV_ECONFLICT);
	ctx->actor = p.resident;
	assert_ok(ctx, consultation_get(ctx, p.id, &c));
	assert_int_equal(c.status, CS_OPEN);
	assert_int_equal(c.nsections, 5); /* the whole, and four */
	assert_string_equal(c.sections[2].heading, "Điều 1. Phạm vi điều chỉnh");
	assert_false(c.may_manage);
	test_ctx_free(ctx);
}

static void who_may_comment(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	struct opinion_input in = {.section = 2, .stance = "oppose", .text = "Nên thêm quy định về loa."};
	/* not open yet */
	ctx->actor = p.resident;
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_ENOTFOUND);
	ctx->actor = p.officer;
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_ECONFLICT);
	assert_ok(ctx, consultation_open(ctx, p.id, ctx->now + 86400));
	/* a resident of the ward, in a neighborhood below it */
	ctx->actor = p.resident;
	assert_ok(ctx, opinion_add(ctx, p.id, &in, NULL));
	/* a resident of another ward */
	ctx->actor = p.outsider;
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_EPERM);
	/* bad input */
	ctx->actor = p.resident;
	in.section = 5;
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_EINVAL);
	in.section = 0;
	in.stance = "maybe";
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_EINVAL);
	in.stance = "support";
	in.text = "  ";
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_EINVAL);
	in.text = "\xc3\x28";
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_EINVAL);
	/* a resident cannot speak for an organization, nor record for others */
	in.text = "Đồng ý toàn bộ.";
	in.collective = 1;
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_EPERM);
	in.collective = 0;
	in.channel = "box";
	in.author = "Ông Tám";
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_EPERM);
	/* collective opinions: the women's union, the front */
	in.channel = NULL;
	in.author = NULL;
	in.collective = 1;
	ctx->actor = p.women;
	assert_ok(ctx, opinion_add(ctx, p.id, &in, NULL));
	ctx->actor = p.front;
	assert_ok(ctx, opinion_add(ctx, p.id, &in, NULL));
	/* the officer records one from the suggestion box, with who gave it */
	ctx->actor = p.officer;
	in.collective = 0;
	in.channel = "box";
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_EINVAL); /* no author */
	assert_string_equal(ctx->err.field, "author");
	in.author = "Ông Lê Văn Tám, tổ 5";
	assert_ok(ctx, opinion_add(ctx, p.id, &in, NULL));
	/* what the public sees: no names */
	struct consultation c;
	struct opinion *o;
	size_t n;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, consultation_get(ctx, p.id, &c));
	assert_int_equal(c.opinions, 4);
	assert_int_equal(c.sections[2].opinions, 1);
	assert_int_equal(c.sections[2].oppose, 1);
	assert_int_equal(c.sections[0].opinions, 3);
	assert_int_equal(c.sections[0].collective, 2);
	assert_ok(ctx, opinion_list(ctx, &c, -1, &o, &n));
	assert_int_equal(n, 4);
	assert_string_equal(o[0].from, "Hội Liên hiệp Phụ nữ phường Tân Đông Hiệp");
	assert_string_equal(o[1].from, "Ban công tác Mặt trận Đông Tác");
	assert_string_equal(o[2].author, "");
	assert_null(strstr(o[2].from, "Tám"));
	assert_non_null(strstr(o[3].from, "Đông Tác")); /* a resident of Đông Tác */
	/* the officer sees who */
	ctx->actor = p.officer;
	assert_ok(ctx, consultation_get(ctx, p.id, &c));
	assert_ok(ctx, opinion_list(ctx, &c, 0, &o, &n));
	assert_int_equal(n, 3);
	assert_string_equal(o[2].author, "Ông Lê Văn Tám, tổ 5");
	/* after the deadline nobody comments */
	ctx->now += 86400;
	ctx->actor = p.resident;
	in = (struct opinion_input){.section = 1, .stance = "support", .text = "Muộn"};
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_ECONFLICT);
	test_ctx_free(ctx);
}

static void one_person_has_a_limit(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	assert_ok(ctx, consultation_open(ctx, p.id, ctx->now + 86400));
	ctx->actor = p.resident;
	struct opinion_input in = {.section = 1, .stance = "other", .text = "Ý kiến"};
	for (int i = 0; i < OPINIONS_PER_ACCOUNT; i++)
		assert_ok(ctx, opinion_add(ctx, p.id, &in, NULL));
	assert_int_equal(opinion_add(ctx, p.id, &in, NULL), DV_ECONFLICT);
	test_ctx_free(ctx);
}

static void every_opinion_is_answered_before_the_synthesis(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	int64_t a = 0, b = 0;
	place_build(ctx, &p);
	assert_ok(ctx, consultation_open(ctx, p.id, ctx->now + 86400));
	ctx->actor = p.resident;
	struct opinion_input in = {.section = 1, .stance = "oppose", .text = "Sửa câu chữ."};
	assert_ok(ctx, opinion_add(ctx, p.id, &in, &a));
	in.section = 3;
	in.stance = "support";
	assert_ok(ctx, opinion_add(ctx, p.id, &in, &b));
	/* not while open; not by a resident */
	ctx->actor = p.officer;
	assert_int_equal(opinion_answer(ctx, a, "accepted", ""), DV_ECONFLICT);
	ctx->now += 86400;
	ctx->actor = p.resident;
	assert_int_equal(opinion_answer(ctx, a, "accepted", ""), DV_EPERM);
	ctx->actor = p.officer;
	assert_int_equal(opinion_answer(ctx, a, "maybe", ""), DV_EINVAL);
	assert_int_equal(opinion_answer(ctx, a, "rejected", ""), DV_EINVAL); /* no reason */
	assert_string_equal(ctx->err.field, "reason");
	assert_int_equal(opinion_answer(ctx, 999999, "accepted", ""), DV_ENOTFOUND);
	assert_ok(ctx, opinion_answer(ctx, a, "partly", "Sửa một phần câu chữ."));
	/* answers are not public before the synthesis */
	struct consultation c;
	struct opinion *o;
	size_t n;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, consultation_get(ctx, p.id, &c));
	assert_int_equal(c.status, CS_CLOSED);
	assert_ok(ctx, opinion_list(ctx, &c, -1, &o, &n));
	assert_int_equal(o[0].answer, ANS_NONE);
	assert_string_equal(o[0].reason, "");
	ctx->actor = p.officer;
	assert_int_equal(consultation_publish(ctx, p.id, "Tiếp thu ý kiến."), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "1"));
	assert_ok(ctx, opinion_answer(ctx, b, "accepted", ""));
	assert_int_equal(consultation_publish(ctx, p.id, ""), DV_EINVAL);
	assert_ok(ctx, consultation_publish(ctx, p.id, "Tiếp thu ý kiến."));
	assert_int_equal(opinion_answer(ctx, b, "rejected", "Đổi ý"), DV_ECONFLICT);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, consultation_get(ctx, p.id, &c));
	assert_int_equal(c.status, CS_PUBLISHED);
	assert_string_equal(c.summary, "Tiếp thu ý kiến.");
	assert_int_equal(c.sections[1].partly, 1);
	assert_int_equal(c.sections[3].accepted, 1);
	assert_ok(ctx, opinion_list(ctx, &c, -1, &o, &n));
	assert_int_equal(o[0].answer, ANS_PARTLY);
	assert_string_equal(o[0].reason, "Sửa một phần câu chữ.");
	/* listed for the ward and for a neighborhood within it, not elsewhere */
	struct consultation *v;
	int more;
	assert_ok(ctx, consultation_list(ctx, &(struct consult_filter){.unit_id = p.t.dong_tac,
								       .status = -1},
					 0, 10, &v, &n, &more));
	assert_int_equal(n, 1);
	assert_ok(ctx, consultation_list(ctx, &(struct consult_filter){.unit_id = p.t.binh_an,
								       .status = -1},
					 0, 10, &v, &n, &more));
	assert_int_equal(n, 0);
	assert_ok(ctx, consultation_list(ctx, &(struct consult_filter){.status = CS_PUBLISHED}, 0,
					 10, &v, &n, &more));
	assert_int_equal(n, 1);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(comments_from_two_communes_never_wait),
		cmocka_unit_test(a_draft_is_split_into_sections),
		cmocka_unit_test(drafts_are_the_officers_until_opened),
		cmocka_unit_test(who_may_comment),
		cmocka_unit_test(one_person_has_a_limit),
		cmocka_unit_test(every_opinion_is_answered_before_the_synthesis),
	};
	return test_run(tests);
}

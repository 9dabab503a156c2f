/*
 * The demo's plans: the city's plans of mass mobilization work for 2022
 * and 2023 with their indicators and the tasks given to the seven wards
 * and to each ward's Front committee, the wards' plans derived from them
 * and the tasks carried out (one ward leaves one undone); the quarterly
 * report the city asks of its wards, four quarters of 2022 sent (one ward
 * late in the second quarter); and the 2022 year-end review built from
 * the modules, made final and published as a notice and a news article,
 * with its conference on 17 February 2023 where the certificates of the
 * council's decision were handed.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_impl.h"
#include "domain/disclose/notice.h"
#include "domain/plans/periodic.h"
#include "domain/plans/plan.h"
#include "domain/plans/review.h"
#include "domain/plans/task.h"

static int64_t at(int32_t ymd, int hour)
{
	return time_local_midnight(ymd) + hour * 3600;
}

static const char *const directions_2022 =
	"Tiếp tục đổi mới nội dung, phương thức công tác dân vận; thực hiện tốt Quy chế dân chủ "
	"ở cơ sở theo phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân "
	"thụ hưởng”; đẩy mạnh phong trào thi đua “Dân vận khéo” và Đề án xây dựng nếp sống văn "
	"hóa, văn minh đô thị.";

/* The city's plan of a year: indicators, a task to every ward and one to
 * every ward's Front committee; adopted in January. */
static int city_plan(struct dv_ctx *ctx, struct demo_awards *d, int year, int64_t *plan)
{
	ctx->now = at(year * 10000 + 110, 9);
	struct plan_input in = {
		.unit_id = d->city,
		.year = year,
		.kind = "mobilization",
		.title = arena_printf(ctx->arena, "Kế hoạch công tác dân vận năm %d", year),
		.directions = directions_2022};
	int rc = plan_create(ctx, &in, plan);
	static const struct indicator_input ind[] = {
		{.code = "reach", .target = "90"},
		{.code = "turnout", .target = "80"},
		{.code = "works", .target = "7"},
		{.code = "reports_on_time", .target = "85"},
		{.code = "tasks_done", .target = "95"},
		{.name = "Buổi tiếp xúc, đối thoại với Nhân dân",
		 .measure = "count",
		 .target = "28"},
	};
	int64_t iid;
	for (size_t i = 0; !rc && i < ARRAY_LEN(ind); i++)
		rc = plan_indicator_add(ctx, *plan, &ind[i], &iid);
	int64_t *ids;
	size_t n;
	struct task_input t1 = {
		.plan_id = *plan,
		.title = "Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
		.detail = "Ít nhất một lần mỗi quý; báo cáo kết quả kèm biên bản.",
		.units = d->ward,
		.nunits = d->nwards,
		.owner = "Trưởng ban Dân vận Đảng ủy phường",
		.due_on = arena_printf(ctx->arena, "15/12/%d", year)};
	struct task_input t2 = {
		.plan_id = *plan,
		.title = "Vận động Nhân dân cùng làm hẻm, đèn chiếu sáng và camera an ninh",
		.detail = "Mỗi phường ít nhất một công trình Nhà nước và Nhân dân cùng làm.",
		.organizations = d->ward_front,
		.norganizations = d->nwards,
		.owner = "Chủ tịch Ủy ban MTTQ phường",
		.due_on = arena_printf(ctx->arena, "30/11/%d", year)};
	if (!rc)
		rc = task_create(ctx, &t1, &ids, &n);
	if (!rc)
		rc = task_create(ctx, &t2, &ids, &n);
	ctx->now = at(year * 10000 + 120, 9);
	if (!rc)
		rc = plan_adopt(ctx, *plan, arena_printf(ctx->arena, "20/01/%d", year));
	return rc;
}

/* Each ward's plan derived from the city's, adopted; the tasks done in
 * the year, except one ward's dialogue task. */
static int ward_plans(struct dv_ctx *ctx, struct demo_awards *d, int year, int64_t city_plan_id,
		      int carry_out)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < d->nwards; i++) {
		int64_t id;
		ctx->now = at(year * 10000 + 125, 9);
		struct plan_input in = {
			.unit_id = d->ward[i],
			.year = year,
			.kind = "mobilization",
			.title = arena_printf(ctx->arena,
					      "Kế hoạch công tác dân vận năm %d của phường %s",
					      year, d->ward_name[i])};
		if ((rc = plan_create(ctx, &in, &id)))
			break;
		rc = plan_adopt(ctx, id, arena_printf(ctx->arena, "25/01/%d", year));
	}
	if (rc || !carry_out)
		return rc;
	struct plan *p;
	size_t np;
	if ((rc = plan_list(ctx, d->city, year, &p, &np)))
		return rc;
	ctx->now = at(year * 10000 + 1110, 16);
	int64_t last = d->ward[d->nwards - 1];
	for (size_t i = 0; !rc && i < np; i++) {
		struct plan_task *t;
		size_t n;
		if ((rc = task_list(ctx, p[i].id, &t, &n)))
			break;
		for (size_t k = 0; !rc && k < n; k++) {
			int undone = t[k].organization_id == 0 && t[k].unit_id == last;
			rc = task_progress(
				ctx, t[k].id, undone ? "in_progress" : "done",
				undone ? "Mới tổ chức được hai buổi đối thoại do thay đổi nhân sự."
				       : "Đã thực hiện; biên bản kèm theo.",
				arena_printf(ctx->arena, "10/11/%d", year));
		}
	}
	(void)city_plan_id;
	return rc;
}

/* The quarterly report the city asks of its wards, four quarters sent;
 * the second ward sends its second quarter late. */
static int quarterly(struct dv_ctx *ctx, struct demo_awards *d, int year)
{
	static const struct periodic_item_input items[] = {
		{.code = "reach"},
		{.code = "works"},
		{.name = "Buổi tiếp xúc, đối thoại với Nhân dân", .measure = "count"},
		{.name = "Hộ đăng ký xây dựng Gia đình văn hóa", .measure = "percent"},
	};
	int64_t tid;
	ctx->now = at(year * 10000 + 115, 9);
	struct periodic_template_input in = {
		.unit_id = d->city,
		.kind = "quarterly",
		.name = "Báo cáo công tác dân vận hằng quý",
		.sections = "Kết quả nổi bật\nKhó khăn, vướng mắc\nKiến nghị, đề xuất",
		.items = items,
		.nitems = ARRAY_LEN(items)};
	int rc = periodic_template_create(ctx, &in, &tid);
	for (int q = 1; !rc && q <= 4; q++) {
		int32_t end = year * 10000 + q * 300 + (q == 1 || q == 4 ? 31 : 30);
		for (size_t i = 0; !rc && i < d->nwards; i++) {
			int late = q == 2 && i == 1;
			ctx->now = at(date_add_days(end, late ? 25 : 3 + (int)i % 4), 10);
			int64_t households = 400 + (int64_t)((d->rng >> (i * 3)) % 300);
			const char *entered[4] = {
				NULL, NULL, arena_printf(ctx->arena, "%d", 2 + (q + (int)i) % 3),
				arena_printf(ctx->arena, "%lld/%lld",
					     (long long)(households * (80 + (int)i) / 100),
					     (long long)households)};
			const char *texts[3] = {
				arena_printf(
					ctx->arena,
					"Phường %s tổ chức đối thoại, vận động Nhân dân tham gia "
					"các phong trào trong quý %d.",
					d->ward_name[i], q),
				i % 3 == 0 ? "Kinh phí vận động công trình còn chậm." : "",
				q == 4 ? "Đề nghị thành phố hỗ trợ kinh phí đèn chiếu sáng." : ""};
			int64_t id;
			rc = periodic_report_save(ctx, tid, d->ward[i], year, q, entered, 4, texts,
						  3, 1, &id);
		}
	}
	return rc;
}

/* The 2022 review: built once the council's decision is signed, its
 * narrative written, made final and published, then its conference. */
static int review_2022(struct dv_ctx *ctx, struct demo_awards *d)
{
	int64_t id;
	ctx->now = at(20230213, 9);
	int rc = review_build(ctx, d->city, 2022, &id);
	struct review_input in = {
		.signer_name = demo_person(ctx, d, 1),
		.parts = {
			[RP_MOBILIZATION] =
				"Công tác dân vận của hệ thống chính trị được triển khai đồng bộ; "
				"phong trào thi đua “Dân vận khéo” có nhiều mô hình hay, thiết "
				"thực.",
			[RP_URBAN] = "Các phường vận động Nhân dân cùng làm hẻm bê tông, đèn chiếu "
				     "sáng và camera an ninh; nếp sống văn minh đô thị có chuyển "
				     "biến.",
			[RP_DEMOCRACY] = "Quy chế dân chủ ở cơ sở được thực hiện nghiêm; Nhân dân "
					 "được biết, được bàn và quyết định những việc thiết thân.",
			[RP_SHORTFALLS] =
				"Một số nơi tổ chức đối thoại chưa đều; tỷ lệ hộ xác nhận "
				"đã biết thông báo công khai còn thấp.",
			[RP_DIRECTIONS] =
				"Năm 2023 tiếp tục nâng cao chất lượng đối thoại, công khai "
				"thông tin và vận động Nhân dân cùng làm công trình.",
		}};
	if (!rc)
		rc = review_update(ctx, id, &in);
	ctx->now = at(20230214, 10);
	if (!rc)
		rc = review_finalize(ctx, id, "14/02/2023");
	if (!rc)
		rc = review_publish(
			ctx, id,
			arena_printf(ctx->arena, "/reviews/%lld/review.pdf", (long long)id));
	struct review_doc doc;
	if (!rc)
		rc = review_doc(ctx, id, &doc);
	if (rc)
		return rc;
	size_t na;
	const struct review_line *aw = review_lines_of(&doc, RL_AWARD, &na);
	int64_t *awards = arena_array(ctx->arena, int64_t, na + 1);
	size_t n = 0;
	for (size_t i = 0; i < na && n < REVIEW_LIST_MAX; i++)
		if (aw[i].ref)
			awards[n++] = aw[i].ref;
	ctx->now = at(20230217, 11);
	struct conference_input c = {
		.held_on = "17/02/2023",
		.starts = "08:00",
		.place = "Hội trường Thành ủy Dĩ An",
		.participants = "Lãnh đạo Thành ủy, Ban Dân vận Thành ủy, Ủy ban MTTQ thành phố, "
				"các đoàn thể và Ban Dân vận Đảng ủy bảy phường",
		.agenda = "Báo cáo tổng kết công tác dân vận năm 2022; tham luận của các phường; "
			  "trao Giấy khen; phát động thi đua năm 2023",
		.awards = awards,
		.nawards = n};
	rc = review_conference_set(ctx, id, &c);
	/* its notice archived once posted long enough, years ago */
	ctx->now = at(20230320, 9);
	if (!rc && doc.r.notice_id)
		rc = notice_archive(ctx, doc.r.notice_id);
	return rc;
}

int demo_plans(struct dv_ctx *ctx, struct demo_awards *d)
{
	int64_t now = ctx->now, p22 = 0, p23 = 0;
	if (!d->nwards)
		return 0;
	int rc = city_plan(ctx, d, 2022, &p22);
	if (!rc)
		rc = ward_plans(ctx, d, 2022, p22, 1);
	if (!rc)
		rc = quarterly(ctx, d, 2022);
	if (!rc)
		rc = review_2022(ctx, d);
	if (!rc)
		rc = city_plan(ctx, d, 2023, &p23);
	if (!rc)
		rc = ward_plans(ctx, d, 2023, p23, 0);
	ctx->now = now;
	return rc;
}

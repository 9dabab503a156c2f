/*
 * The demo's emulation: the city's "Dân vận khéo" movement of 2022, which
 * the seven wards' Mass Mobilization Boards took part in and were
 * evaluated on (the achievements the 2022 commendation cites), and this
 * year's, under way; and the models of the seven wards: 131 registered,
 * 86 of them found effective for 2022 (Dĩ An's order of magnitude), a few
 * replicated from another ward. The texts are the demo's own.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_impl.h"
#include "domain/emulation/model.h"
#include "domain/emulation/movement.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"

#define MODELS 131
#define EFFECTIVE 86
#define REPLICATIONS 12

static int64_t at(int32_t ymd, int hour)
{
	return time_local_midnight(ymd) + hour * 3600;
}

/* ------------------------------------------------------------- the movements */

/* The 2022 movement of the city: the wards' Mass Mobilization Boards take
 * part, each evaluated at the end; out->mm_entries keeps their entries. */
static int movement_2022(struct dv_ctx *ctx, struct demo_awards *d)
{
	int64_t id = 0;
	static const char *const results[] = {"excellent", "excellent", "good", "excellent",
					      "good",	   "excellent", "excellent"};
	ctx->now = at(20220105, 9);
	struct movement_input in = {
		.unit_id = d->city,
		.organization_id = d->city_board,
		.name = "Phong trào thi đua “Dân vận khéo” năm 2022",
		.criteria = "Mỗi phường có ít nhất hai mô hình “Dân vận khéo” được đánh giá hiệu "
			    "quả; mỗi khu phố có một việc làm cụ thể giúp dân;\n"
			    "cán bộ, đảng viên gương mẫu, gần dân, trọng dân, có trách nhiệm với "
			    "dân.",
		.participants = "unit,organization",
		.starts_on = "01/01/2022",
		.ends_on = "31/12/2022"};
	int rc = movement_create(ctx, &in, &id);
	for (size_t w = 0; !rc && w < d->nwards; w++) {
		struct subject_input who = {.kind = "organization", .ref = d->ward_board[w]};
		rc = movement_join(ctx, id, &who,
				   "Xây dựng và nhân rộng ít nhất ba mô hình “Dân vận khéo”; vận "
				   "động 100% khu phố thực hiện quy chế dân chủ ở cơ sở.",
				   &d->mm_entry[w]);
	}
	ctx->now = at(20220705, 9);
	for (size_t w = 0; !rc && w < d->nwards; w++)
		rc = movement_report(ctx, d->mm_entry[w], NULL,
				     "Đã đăng ký hai mô hình mới; các khu phố tổ chức hội nghị "
				     "nhân dân đúng quy định.");
	ctx->now = at(20230105, 9);
	for (size_t w = 0; !rc && w < d->nwards; w++)
		rc = movement_evaluate(ctx, d->mm_entry[w], results[w % 7],
				       "Theo báo cáo tổng kết của Ban Dân vận Thành ủy.");
	return rc;
}

/* This year's movement, under way: Tân Đông Hiệp and Đông Tác take part. */
static int movement_now(struct dv_ctx *ctx, struct demo_awards *d, int64_t now)
{
	int64_t id = 0, e = 0;
	int y = time_local_date(now) / 10000;
	ctx->now = at(y * 10000 + 105, 9);
	struct movement_input in = {
		.unit_id = d->city,
		.organization_id = d->city_board,
		.name = arena_printf(ctx->arena, "Phong trào thi đua “Dân vận khéo” năm %d", y),
		.criteria = "Mỗi khu phố có một mô hình giúp dân; mọi khoản đóng góp của Nhân dân "
			    "được công khai thu chi.",
		.participants = "unit,organization,household",
		.starts_on = arena_printf(ctx->arena, "01/01/%d", y),
		.ends_on = arena_printf(ctx->arena, "31/12/%d", y)};
	int rc = movement_create(ctx, &in, &id);
	struct subject_input ward = {.kind = "unit", .ref = d->out->ward_id};
	struct subject_input nb = {.kind = "unit", .ref = d->out->neighborhood_id};
	if (!rc)
		rc = movement_join(ctx, id, &ward,
				   "Bê tông hóa toàn bộ hẻm còn lại bằng hình thức Nhà nước và "
				   "Nhân dân cùng làm.",
				   &e);
	if (!rc)
		rc = movement_join(ctx, id, &nb,
				   "Lắp camera an ninh tại các ngã ba, công khai thu chi hằng "
				   "tháng.",
				   &e);
	ctx->now = now - 10 * 86400 > at(y * 10000 + 105, 10) ? now - 10 * 86400
							      : at(y * 10000 + 105, 10);
	if (!rc)
		rc = movement_report(ctx, e, NULL, "Đã lắp 6 camera tại các ngã ba chính.");
	return rc;
}

/* ---------------------------------------------------------------- models */

static const struct {
	const char *field;
	const char *name;
	const char *what;
	const char *runner;
} kinds[] = {
	{"defence", "Tổ tự quản an ninh trật tự", "Các hộ luân phiên tuần tra, báo tin cho "
	 "công an khu vực; mỗi tháng họp rút kinh nghiệm.", "Ban công tác Mặt trận khu phố"},
	{"culture", "Hẻm xanh – sạch – đẹp", "Mỗi tháng một buổi ra quân làm sạch hẻm, trồng "
	 "cây, vẽ tranh tường; các hộ tự quản đoạn hẻm trước nhà.", "Chi hội Phụ nữ"},
	{"defence", "Camera an ninh kết nối", "Nhân dân đóng góp lắp camera tại các ngã ba, kết "
	 "nối về trụ sở công an phường.", "Ban điều hành khu phố"},
	{"culture", "Quỹ khuyến học khu phố", "Vận động các hộ và doanh nghiệp đóng góp học bổng "
	 "cho học sinh nghèo học giỏi.", "Chi hội Khuyến học"},
	{"culture", "Bữa cơm nghĩa tình", "Mỗi tuần nấu cơm tặng người lao động nghèo và người "
	 "già neo đơn.", "Hội Liên hiệp Phụ nữ"},
	{"politics", "Tủ sách pháp luật tại nhà văn hóa", "Sách, tài liệu về quy chế dân chủ và "
	 "pháp luật cho Nhân dân mượn đọc; sinh hoạt chuyên đề hằng quý.", "Đoàn Thanh niên"},
	{"economy", "Tổ tiết kiệm giúp nhau làm kinh tế", "Hội viên góp vốn xoay vòng, không "
	 "lãi, giúp nhau buôn bán nhỏ.", "Hội Liên hiệp Phụ nữ"},
	{"politics", "Dân vận khéo trong giải phóng mặt bằng", "Cán bộ đến từng hộ đối thoại, "
	 "công khai phương án bồi thường trước khi thu hồi đất.", "Ban Dân vận Đảng ủy"},
	{"economy", "Nhà trọ văn minh", "Chủ nhà trọ ký cam kết giữ an ninh, vệ sinh; công nhân "
	 "thuê trọ được hỗ trợ đăng ký tạm trú.", "Công an phường và Hội Cựu chiến binh"},
	{"politics", "Tổ hòa giải giỏi", "Hòa giải mâu thuẫn trong khu dân cư ngay từ cơ sở, "
	 "không để khiếu kiện vượt cấp.", "Ban công tác Mặt trận"},
	{"economy", "Cựu chiến binh giúp nhau thoát nghèo", "Hội viên góp công, góp vốn giúp hội "
	 "viên khó khăn làm kinh tế.", "Hội Cựu chiến binh"},
	{"culture", "Điểm sáng văn hóa khu phố", "Sân chơi thể thao, sinh hoạt văn nghệ hằng "
	 "tuần cho thiếu nhi và người cao tuổi.", "Đoàn Thanh niên"},
};

/* A model's name: its kind's and its ward's, or a neighborhood's of the
 * ward when that is taken: never the same name twice. */
static const char *model_name(struct dv_ctx *ctx, struct demo_awards *d, size_t w,
			      const char *kind, const char **taken, int ntaken)
{
	struct unit *kids;
	size_t nkids = 0;
	unit_children(ctx, d->ward[w], &kids, &nkids);
	for (size_t j = 0; j <= nkids; j++) {
		char *where = arena_strdup(
			ctx->arena, j ? unit_title(ctx->arena, DV_CONTENT_LANG, kids[j - 1].kind,
						   kids[j - 1].name)
				      : arena_printf(ctx->arena, "phường %s", d->ward_name[w]));
		if (where[0] >= 'A' && where[0] <= 'Z')
			where[0] = (char)(where[0] + 32); /* "khu phố 3" */
		const char *name = arena_printf(ctx->arena, "%s %s", kind, where);
		int seen = 0;
		for (int i = 0; !seen && i < ntaken; i++)
			seen = strcmp(taken[i], name) == 0;
		if (!seen)
			return name;
	}
	return arena_printf(ctx->arena, "%s (%d)", kind, ntaken + 1);
}

static int models(struct dv_ctx *ctx, struct demo_awards *d)
{
	int64_t ids[MODELS];
	const char *names[MODELS] = {0};
	int n = 0, rc = 0;
	int originals = MODELS - REPLICATIONS;
	/* registered in 2021, each with a field, a ward, an organization or
	 * the ward itself */
	ctx->now = at(20210301, 9);
	for (int i = 0; !rc && i < originals; i++) {
		size_t w = (size_t)i % d->nwards, k = (size_t)(i * 7 + i / 7) % ARRAY_LEN(kinds);
		char since[16];
		snprintf(since, sizeof(since), "%02d/%02d/%d", 1 + i % 28, 1 + i % 12,
			 2018 + i % 3);
		struct model_input in = {
			.unit_id = d->ward[w],
			.organization_id = i % 3 ? 0 : d->ward_board[w],
			.field = kinds[k].field,
			.name = names[i] = model_name(ctx, d, w, kinds[k].name, names, i),
			.description = kinds[k].what,
			.since = since,
			.runner = kinds[k].runner,
			.reached = arena_printf(ctx->arena, "%d", 120 + (i * 37) % 900),
			.results = arena_printf(ctx->arena, "%d hộ tham gia; %d việc làm cụ thể "
							    "trong năm.",
						40 + (i * 13) % 300, 3 + i % 9)};
		rc = model_create(ctx, &in, &ids[n++]);
	}
	/* the first originals found effective for 2021, so others replicate them */
	ctx->now = at(20211215, 9);
	for (int i = 0; !rc && i < REPLICATIONS; i++)
		rc = model_evaluate(ctx, ids[i], 2021, "effective", "",
				    "Kiểm tra thực tế tại địa bàn; ý kiến của Nhân dân.");
	ctx->now = at(20220301, 9);
	for (int i = 0; !rc && i < REPLICATIONS; i++) {
		struct model m;
		size_t w = ((size_t)i + 3) % d->nwards;
		if ((rc = model_get(ctx, ids[i], &m)))
			break;
		if (m.unit_id == d->ward[w])
			w = (w + 1) % d->nwards;
		struct model_input in = {.unit_id = d->ward[w],
					 .origin_id = ids[i],
					 .field = model_field_name(m.field),
					 .name = arena_printf(ctx->arena, "%s (nhân rộng tại %s)",
							      m.name, d->ward_name[w]),
					 .description = m.description,
					 .since = "01/02/2022",
					 .runner = m.runner,
					 .reached = "150"};
		rc = model_create(ctx, &in, &ids[n++]);
	}
	/* 2022: the board's verdict on each, 86 effective */
	ctx->now = at(20221215, 9);
	for (int i = 0; !rc && i < n; i++)
		rc = model_evaluate(ctx, ids[i], 2022,
				    (i * 86) / MODELS != ((i + 1) * 86) / MODELS ? "effective"
										   : "not_yet",
				    (i * 86) / MODELS != ((i + 1) * 86) / MODELS
					    ? "Duy trì đều, được Nhân dân đồng tình."
					    : "Mới triển khai, chưa có số liệu đánh giá.",
				    "Báo cáo của đơn vị; kiểm tra thực tế; ý kiến của Nhân dân.");
	return rc;
}

int demo_emulation(struct dv_ctx *ctx, struct demo_awards *d)
{
	int64_t now = ctx->now;
	int rc = movement_2022(ctx, d);
	if (!rc)
		rc = models(ctx, d);
	if (!rc)
		rc = movement_now(ctx, d, now);
	ctx->now = now;
	return rc;
}

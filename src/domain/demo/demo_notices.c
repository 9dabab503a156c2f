/*
 * The demo's public notices and news: a few of each in Tân Đông Hiệp and
 * the city, written for the demo (synthetic, like its residents), some
 * published weeks ago with part of their duties done and part of the
 * households reached, so every page has something true to show.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/media.h"
#include "domain/disclose/article.h"
#include "domain/disclose/attachment.h"
#include "domain/demo/demo.h"
#include "domain/disclose/notice.h"
#include "domain/disclose/reach.h"

struct demo_notice {
	const char *category; /* code */
	int city;	      /* for the whole city, else for the ward */
	int days_ago;	      /* posted that many days ago; -1 stays a draft */
	const char *title;
	const char *body;
};

static const struct demo_notice notices[] = {
	{"budget", 0, 12, "Công khai dự toán ngân sách phường Tân Đông Hiệp năm 2027",
	 "Ủy ban nhân dân phường công khai dự toán thu, chi ngân sách năm 2027 đã được Hội đồng "
	 "nhân dân phường thông qua.\n\n"
	 "# Tổng hợp\n"
	 "- Tổng thu ngân sách trên địa bàn: 48.600.000.000 ₫\n"
	 "- Tổng chi ngân sách phường: 31.250.000.000 ₫, trong đó chi đầu tư phát triển "
	 "9.800.000.000 ₫\n"
	 "- Dự phòng ngân sách: 620.000.000 ₫\n\n"
	 "Bảng chi tiết theo từng lĩnh vực được niêm yết tại trụ sở Ủy ban nhân dân phường và "
	 "đính kèm dưới đây. Mọi ý kiến góp ý xin gửi về bộ phận một cửa của phường hoặc trưởng "
	 "khu phố trước ngày 31/12."},
	{"funds", 0, 20, "Công khai thu, chi đóng góp làm đường hẻm và lắp camera khu phố Đông Tác",
	 "Ban điều hành khu phố Đông Tác công khai kết quả vận động và sử dụng tiền đóng góp "
	 "của các hộ gia đình cho công trình bê tông hóa hẻm, lắp đèn chiếu sáng và camera an "
	 "ninh.\n\n"
	 "- Tổng giá trị công trình: 250.000.000 ₫\n"
	 "- Nhân dân đóng góp: 106.500.000 ₫\n"
	 "- Ngân sách phường hỗ trợ: 143.500.000 ₫\n\n"
	 "Sổ thu chi được để tại nhà văn hóa khu phố; hộ nào cần xem chi tiết xin liên hệ "
	 "trưởng khu phố."},
	{"zoning", 1, 30, "Kế hoạch sử dụng đất năm 2027 của thành phố Dĩ An",
	 "Ủy ban nhân dân thành phố công khai kế hoạch sử dụng đất năm 2027 đã được phê duyệt, "
	 "gồm danh mục công trình, dự án và diện tích đất dự kiến chuyển mục đích sử dụng.\n\n"
	 "Bản đồ kế hoạch sử dụng đất được niêm yết tại trụ sở Ủy ban nhân dân các phường."},
	{"fees", 0, 5, "Mức thu giá dịch vụ thu gom rác thải sinh hoạt năm 2027",
	 "Phường thông báo mức thu giá dịch vụ thu gom, vận chuyển rác thải sinh hoạt áp dụng "
	 "từ ngày 01/01/2027:\n\n"
	 "- Hộ gia đình ở mặt tiền đường: 45.000 ₫/tháng\n"
	 "- Hộ gia đình ở trong hẻm: 35.000 ₫/tháng\n\n"
	 "Hộ nghèo, hộ cận nghèo được miễn theo danh sách đã công khai."},
	{"election", 0, -1, "Kế hoạch bầu trưởng khu phố Đông Chiêu nhiệm kỳ 2027–2029",
	 "Dự thảo kế hoạch tổ chức bầu trưởng khu phố: thời gian, địa điểm, tổ bầu cử và danh "
	 "sách hộ gia đình tham dự."},
};

struct demo_article {
	enum article_section section;
	int days_ago;
	const char *title, *lead, *body, *byline;
	const char *caption; /* a photo with this caption heads the article; NULL: none */
};

static const struct demo_article articles[] = {
	{SEC_MOBILIZATION, 3, "Hẻm mới, đèn sáng, camera an ninh ở khu phố Đông Tác",
	 "Sau bốn tháng vận động, các hộ dân khu phố Đông Tác đã cùng Nhà nước bê tông hóa tuyến "
	 "hẻm dài 320 mét, lắp 14 bóng đèn và 6 camera an ninh.",
	 "Công trình được bàn bạc tại hai cuộc họp khu phố; mức đóng góp do chính các hộ quyết "
	 "định, hộ khó khăn được miễn.\n\n"
	 "Ban giám sát đầu tư của cộng đồng theo dõi từ khi khởi công đến khi nghiệm thu. Sổ "
	 "thu chi được công khai tại nhà văn hóa và trên trang thông tin của phường.\n\n"
	 "Người dân trong hẻm cho biết đi lại thuận tiện hơn, nhất là vào mùa mưa.",
	 "Ban Dân vận phường Tân Đông Hiệp",
	 "Tuyến hẻm 7 sau khi bê tông hóa, đèn chiếu sáng và camera đã lắp xong."},
	{SEC_POLITICS, 8, "Phường Tân Đông Hiệp tổng kết công tác dân vận năm 2026",
	 "Hội nghị đánh giá kết quả thực hiện quy chế dân chủ ở cơ sở và đề ra phương hướng cho "
	 "năm 2027.",
	 "Năm qua, phường đã công khai đầy đủ các nội dung theo quy định, tổ chức lấy ý kiến "
	 "Nhân dân về kế hoạch phát triển kinh tế – xã hội và dự toán ngân sách.\n\n"
	 "Hội nghị khen thưởng các tập thể và cá nhân có thành tích trong phong trào thi đua "
	 "\"Dân vận khéo\".",
	 "Văn phòng Ủy ban nhân dân phường"},
	{SEC_FRONT, 15, "Ra mắt mô hình \"Tổ tự quản an toàn giao thông\" khu phố Chiêu Liêu",
	 "Đoàn viên thanh niên và các hộ dân cùng điều tiết giao thông giờ tan trường.",
	 "Mô hình do Đoàn phường phối hợp Ban công tác Mặt trận khu phố thực hiện, với 12 thành "
	 "viên thay phiên nhau mỗi chiều.",
	 "Đoàn phường Tân Đông Hiệp"},
};

static int notice_category_id(struct dv_ctx *ctx, const char *code, int64_t *id)
{
	return db_int(ctx->db, id, &ctx->err, "SELECT id FROM notice_category WHERE code = $1",
		      DB_T(code));
}

/* Every other household of the demo neighborhood heard the budget at a
 * meeting, but resident@demo's: it still has something to acknowledge. */
static int demo_reach(struct dv_ctx *ctx, int64_t notice_id, const struct demo_result *out,
		      int32_t on)
{
	struct db_stmt *st = NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, done = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT id FROM household WHERE unit_id = $1 AND status = 'active' "
			  "AND id <> $2 ORDER BY id",
			  DB_I(out->neighborhood_id), DB_I(out->household_id));
	if (rc)
		return rc;
	int64_t i = 0;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		if (i++ % 2 == 0)
			*ARENA_PUSH(ctx->arena, ids, n, cap) = db_col_int(st, 0);
	if (rc < 0)
		return rc;
	struct buf day = BUF_INIT;
	date_format_iso(&day, on);
	for (size_t k = 0; !rc && k < n; k += REACH_BATCH_MAX) {
		size_t batch = n - k < REACH_BATCH_MAX ? n - k : REACH_BATCH_MAX;
		rc = reach_record(ctx, notice_id, ids + k, batch, REACH_MEETING, day.ptr, &done);
	}
	buf_release(&day);
	return rc;
}

/* Written and published dn->days_ago days ago (the clock turned back while
 * it is made), with the committee's posting done two days later. */
static int demo_notice(struct dv_ctx *ctx, const struct demo_notice *dn,
		       const struct demo_result *out, int64_t now)
{
	struct notice_input in = {0};
	int64_t id;
	int days = dn->days_ago > 0 ? dn->days_ago : 0;
	int rc = notice_category_id(ctx, dn->category, &in.category_id);
	if (rc)
		return rc;
	ctx->now = now - (int64_t)days * 86400;
	in.unit_id = dn->city ? out->city_id : out->ward_id;
	in.title = dn->title;
	in.body = dn->body;
	if (!(rc = notice_create(ctx, &in, &id)) && dn->days_ago >= 0)
		rc = notice_publish(ctx, id);
	if (!rc && dn->days_ago >= 2) {
		ctx->now += 2 * 86400;
		rc = notice_duty_done(ctx, id, CH_POST_COMMITTEE, NULL, "Niêm yết tại bảng tin");
	}
	if (!rc && strcmp(dn->category, "budget") == 0) {
		ctx->now = now - (int64_t)(days - 3) * 86400;
		rc = demo_reach(ctx, id, out, time_local_date(ctx->now));
	}
	ctx->now = now;
	return rc;
}

/* A made-up photo of the place, as an officer would upload it. */
static int demo_article_photo(struct dv_ctx *ctx, int64_t article_id, const char *caption)
{
	unsigned char *data;
	size_t len;
	int64_t fid;
	int rc = media_sample_jpeg((unsigned)article_id, 960, 540, &data, &len, &ctx->err);
	if (rc)
		return rc;
	rc = attachment_add(ctx, &article_attach, article_id, "hem-7.jpg", data, len, caption, &fid);
	free(data);
	return rc;
}

static int demo_article(struct dv_ctx *ctx, const struct demo_article *da,
			const struct demo_result *out)
{
	struct article_input in = {.unit_id = out->ward_id,
				   .section = article_section_name(da->section),
				   .title = da->title,
				   .lead = da->lead,
				   .body = da->body,
				   .byline = da->byline};
	int64_t id;
	int rc = article_create(ctx, &in, &id);
	if (!rc && da->caption)
		rc = demo_article_photo(ctx, id, da->caption);
	if (rc || (rc = article_publish(ctx, id, 1)))
		return rc;
	/* a publication date in the past, as if written over the last weeks */
	return db_run(ctx->db, &ctx->err,
		      "UPDATE article SET published_at = $1, created_at = $1, updated_at = $1 "
		      "WHERE id = $2",
		      DB_I(ctx->now - (int64_t)da->days_ago * 86400), DB_I(id));
}

int demo_notices(struct dv_ctx *ctx, const struct demo_result *out)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof(notices) / sizeof(notices[0]); i++)
		rc = demo_notice(ctx, &notices[i], out, ctx->now);
	for (size_t i = 0; !rc && i < sizeof(articles) / sizeof(articles[0]); i++)
		rc = demo_article(ctx, &articles[i], out);
	return rc;
}

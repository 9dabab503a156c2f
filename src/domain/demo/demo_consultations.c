/*
 * The demo's consultations, in the demo ward: the ward's grassroots
 * democracy regulation open for comments now (a few opinions in, one of
 * them collective), and last year's plan whose synthesis is published
 * (every opinion answered). The texts are the demo's own.
 */
#include <string.h>

#include "domain/consult/consultation.h"
#include "domain/demo/demo.h"
#include "domain/perm.h"

static const char *regulation =
	"Quy chế này cụ thể hóa Luật Thực hiện dân chủ ở cơ sở tại phường Tân Đông Hiệp.\n\n"
	"**Điều 1. Phạm vi điều chỉnh**\n"
	"Quy chế quy định những nội dung phường công khai, những việc Nhân dân bàn và quyết "
	"định, những việc Nhân dân tham gia ý kiến và cách Nhân dân kiểm tra, giám sát.\n\n"
	"**Điều 2. Công khai thông tin**\n"
	"Ủy ban nhân dân phường niêm yết tại trụ sở, tại nhà văn hóa các khu phố, đăng trên "
	"cổng thông tin và đọc trên hệ thống loa ít nhất ba ngày liên tiếp đối với các nội "
	"dung về đất đai, đầu tư và thu chi ngân sách.\n\n"
	"**Điều 3. Hội nghị khu phố**\n"
	"Mỗi năm khu phố tổ chức ít nhất một hội nghị; giấy mời gửi đến từng hộ trước ít nhất "
	"năm ngày.\n\n"
	"**Điều 4. Tiếp nhận và trả lời ý kiến**\n"
	"Mọi ý kiến gửi qua cổng thông tin, hòm thư góp ý hoặc đường dây nóng đều được trả lời "
	"trong mười lăm ngày làm việc.\n\n"
	"**Điều 5. Hiệu lực**\n"
	"Quy chế có hiệu lực từ ngày ký ban hành.\n";

static const char *plan =
	"## Mục tiêu\n"
	"Giữ tốc độ tăng thu ngân sách trên địa bàn, hoàn thành bê tông hóa các hẻm còn lại.\n\n"
	"## Hạ tầng\n"
	"Bê tông hóa 12 hẻm, lắp 150 đèn chiếu sáng, nạo vét cống thoát nước khu phố Đông Tác.\n\n"
	"## An ninh trật tự\n"
	"Lắp camera tại các ngã ba, ngã tư trong khu dân cư theo hình thức xã hội hóa.\n";

/* Act as someone else for one opinion. */
static int give(struct dv_ctx *ctx, int64_t id, int role, int64_t unit, int64_t org,
		int64_t household, const struct opinion_input *in, int64_t *oid)
{
	const struct actor *was = ctx->actor;
	struct grant g = {.role = role, .unit_id = unit, .organization_id = org};
	struct actor a = {.household_id = household, .display_name = "Cư dân", .ngrants = 1,
			  .grants = &g};
	ctx->actor = &a;
	int rc = opinion_add(ctx, id, in, oid);
	ctx->actor = was;
	return rc;
}

static int open_regulation(struct dv_ctx *ctx, const struct demo_result *out, int64_t youth)
{
	int64_t id = 0, now = ctx->now;
	struct consult_input in = {.unit_id = out->ward_id,
				   .kind = "regulation",
				   .title = "Dự thảo Quy chế thực hiện dân chủ ở cơ sở phường Tân "
					    "Đông Hiệp",
				   .body = regulation};
	ctx->now = now - 5 * 86400;
	int rc = consultation_create(ctx, &in, &id);
	if (!rc)
		rc = consultation_open(ctx, id, now + 10 * 86400);
	ctx->now = now - 2 * 86400;
	struct opinion_input a = {.section = 3, .stance = "support",
				  .text = "Nên đọc trên loa cả buổi sáng và buổi chiều để người đi "
					  "làm về muộn cũng nghe được."};
	struct opinion_input b = {.section = 4, .stance = "oppose",
				  .text = "Năm ngày là quá gấp với hộ đi làm ca; đề nghị gửi giấy mời "
					  "trước bảy ngày."};
	struct opinion_input c = {.section = 0, .stance = "support", .collective = 1,
				  .text = "Đoàn phường thống nhất với dự thảo và đề nghị bổ sung việc "
					  "đăng thông tin trên trang mạng xã hội của phường."};
	if (!rc)
		rc = give(ctx, id, ROLE_REPRESENTATIVE, out->neighborhood_id, 0, out->household_id,
			  &a, NULL);
	if (!rc)
		rc = give(ctx, id, ROLE_RESIDENT, out->neighborhood_id, 0, 0, &b, NULL);
	if (!rc && youth)
		rc = give(ctx, id, ROLE_ORG_OFFICER, out->ward_id, youth, 0, &c, NULL);
	ctx->now = now;
	return rc;
}

static int published_plan(struct dv_ctx *ctx, const struct demo_result *out)
{
	int64_t id = 0, o1 = 0, o2 = 0, now = ctx->now;
	struct consult_input in = {.unit_id = out->ward_id,
				   .kind = "plan",
				   .title = "Kế hoạch phát triển kinh tế – xã hội phường Tân Đông Hiệp "
					    "năm 2027",
				   .body = plan};
	ctx->now = now - 40 * 86400;
	int rc = consultation_create(ctx, &in, &id);
	if (!rc)
		rc = consultation_open(ctx, id, now - 20 * 86400);
	ctx->now = now - 30 * 86400;
	struct opinion_input a = {.section = 2, .stance = "support",
				  .text = "Đề nghị ưu tiên hẻm 15 vì mùa mưa ngập sâu."};
	struct opinion_input b = {.section = 3, .stance = "oppose",
				  .text = "Không nên thu thêm tiền camera của hộ nghèo."};
	if (!rc)
		rc = give(ctx, id, ROLE_REPRESENTATIVE, out->neighborhood_id, 0, out->household_id,
			  &a, &o1);
	if (!rc)
		rc = give(ctx, id, ROLE_RESIDENT, out->neighborhood_id, 0, 0, &b, &o2);
	ctx->now = now - 15 * 86400;
	if (!rc)
		rc = opinion_answer(ctx, o1, "accepted", "");
	if (!rc)
		rc = opinion_answer(ctx, o2, "partly",
				    "Hộ nghèo được miễn đóng góp; các hộ khác đóng theo mức hội "
				    "nghị khu phố quyết định.");
	if (!rc)
		rc = consultation_publish(ctx, id,
					  "Ủy ban nhân dân phường tiếp thu việc ưu tiên hẻm 15 và "
					  "miễn đóng góp cho hộ nghèo; kế hoạch được điều chỉnh "
					  "tương ứng.");
	ctx->now = now;
	return rc;
}

int demo_consultations(struct dv_ctx *ctx, const struct demo_result *out)
{
	int64_t youth = 0;
	int rc = db_int(ctx->db, &youth, &ctx->err,
			"SELECT id FROM organization WHERE unit_id = $1 AND kind = 'youth_union'",
			DB_I(out->ward_id));
	if (rc && rc != DV_ENOTFOUND)
		return rc;
	rc = published_plan(ctx, out);
	return rc ? rc : open_regulation(ctx, out, youth);
}

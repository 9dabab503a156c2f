/*
 * The demo as of a day after the 2025 reform (`danvan demo --as-of`):
 * Dĩ An is built as of 2023 first, then the reorganization of 1 July 2025
 * is replayed through the same domain functions a city administrator uses:
 *
 *  - the district level goes: the city of Dĩ An merges into Bình Dương,
 *    its wards moving directly under the province;
 *  - Bình Dương merges into Hồ Chí Minh City (a new top-level unit, code 79);
 *  - the new phường Dĩ An takes in the old Dĩ An and An Bình wards (An
 *    Bình's numbered neighborhoods renumbered after Dĩ An's, as merged
 *    wards do) and six of Tân Đông Hiệp's seven neighborhoods; Tân An
 *    stays in Tân Đông Hiệp, whose other wards and records stay as they are.
 *
 * The new phường Dĩ An has no official code here: 25942 stays with the old
 * ward that held it. A notice published in An Bình before the reform shows
 * what stays attached to an old unit; the demo's city administrator and
 * council are granted Hồ Chí Minh City, since the city they served is gone.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/demo/demo.h"
#include "domain/disclose/notice.h"
#include "domain/identity/account.h"
#include "domain/identity/grant.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

#define REFORM_DAY 20250701

static const char *const moving[] = {"Đông Tác", "Đông Chiêu", "Chiêu Liêu",
				     "Đông Thành", "Tân Long", "Đông An"};

struct reform {
	struct dv_ctx *ctx;
	int64_t province, city, di_an, an_binh, tdh, hcmc, new_di_an;
};

static int by_code(struct dv_ctx *ctx, const char *code, int64_t *id)
{
	struct unit u;
	int rc = unit_find_code(ctx, code, &u);
	if (!rc)
		*id = u.id;
	return rc;
}

/* A notice the old ward published before the reform: 40 days before the
 * day it took effect, at nine in the morning. */
static int an_binh_notice(struct reform *f)
{
	struct dv_ctx *ctx = f->ctx;
	int64_t now = ctx->now, id = 0;
	struct notice_input in = {
		.unit_id = f->an_binh,
		.title = "Kế hoạch chỉnh trang vỉa hè các tuyến đường phường An Bình",
		.body = "Ủy ban nhân dân phường An Bình công khai kế hoạch chỉnh trang vỉa hè, "
			"trồng cây xanh và lắp đèn chiếu sáng trên các tuyến đường nội ô.\n\n"
			"Hồ sơ chi tiết được niêm yết tại trụ sở Ủy ban nhân dân phường.",
	};
	int rc = db_int(ctx->db, &in.category_id, &ctx->err,
			"SELECT id FROM notice_category WHERE code = 'investment'");
	ctx->now = time_local_midnight(date_add_days(REFORM_DAY, -40)) + 9 * 3600;
	if (!rc && !(rc = notice_create(ctx, &in, &id)))
		rc = notice_publish(ctx, id);
	ctx->now = now;
	return rc;
}

/* An Bình's "Khu phố N" becomes "Khu phố 9+N" beside Dĩ An's nine. */
static int renumber_an_binh(struct reform *f)
{
	struct dv_ctx *ctx = f->ctx;
	struct unit *v;
	size_t n;
	int rc = unit_children(ctx, f->an_binh, &v, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		int k;
		char name[32];
		if (sscanf(v[i].name, "Khu phố %d", &k) != 1)
			continue;
		snprintf(name, sizeof(name), "Khu phố %d", k + 9);
		rc = unit_rename_on(ctx, v[i].id, name, REFORM_DAY);
	}
	return rc;
}

static int move_neighborhoods(struct reform *f)
{
	struct dv_ctx *ctx = f->ctx;
	struct unit *v;
	size_t n;
	int rc = unit_children(ctx, f->tdh, &v, &n);
	for (size_t i = 0; !rc && i < n; i++)
		for (size_t k = 0; !rc && k < sizeof(moving) / sizeof(moving[0]); k++)
			if (strcmp(v[i].name, moving[k]) == 0)
				rc = unit_move_on(ctx, v[i].id, f->new_di_an, REFORM_DAY);
	return rc;
}

/* The demo's city-wide accounts serve the new city. */
static int regrant(struct reform *f)
{
	static const struct {
		const char *login;
		enum role role;
	} who[] = {{"admin@demo", ROLE_CITY_ADMIN}, {"council@demo", ROLE_COUNCIL}};
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof(who) / sizeof(who[0]); i++) {
		struct account a;
		if (!(rc = account_find(f->ctx, who[i].login, &a)))
			rc = grant_add(f->ctx, a.id, who[i].role, f->hcmc, 0, NULL);
	}
	return rc;
}

int demo_reform(struct dv_ctx *ctx, int32_t as_of)
{
	struct reform f = {.ctx = ctx};
	if (as_of < REFORM_DAY)
		return 0;
	int rc = by_code(ctx, "74", &f.province);
	if (!rc && !(rc = by_code(ctx, "724", &f.city)) && !(rc = by_code(ctx, "25942", &f.di_an)) &&
	    !(rc = by_code(ctx, "25960", &f.an_binh)) && !(rc = by_code(ctx, "25948", &f.tdh)))
		rc = an_binh_notice(&f);
	if (!rc)
		rc = unit_create_on(ctx, 0, UNIT_CITY, "Hồ Chí Minh", "79", REFORM_DAY, &f.hcmc);
	if (!rc)
		rc = unit_merge_on(ctx, f.city, f.province, REFORM_DAY);
	if (!rc)
		rc = unit_merge_on(ctx, f.province, f.hcmc, REFORM_DAY);
	if (!rc)
		rc = unit_create_on(ctx, f.hcmc, UNIT_WARD, "Dĩ An", NULL, REFORM_DAY, &f.new_di_an);
	if (!rc)
		rc = unit_merge_on(ctx, f.di_an, f.new_di_an, REFORM_DAY);
	if (!rc && !(rc = renumber_an_binh(&f)))
		rc = unit_merge_on(ctx, f.an_binh, f.new_di_an, REFORM_DAY);
	if (!rc)
		rc = move_neighborhoods(&f);
	return rc ? rc : regrant(&f);
}

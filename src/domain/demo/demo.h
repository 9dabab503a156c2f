/*
 * The demo city: Dĩ An (Bình Dương) as of 2023, with its seven wards and
 * their official codes, Tân Đông Hiệp's real neighborhoods and numbered ones
 * elsewhere, organizations, synthetic households and residents, and one
 * account per role. The same seed always gives the same data.
 */
#ifndef DV_DOMAIN_DEMO_H
#define DV_DOMAIN_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"

#define DEMO_PASSWORD		"danvan-demo"
#define DEMO_HOUSEHOLDS_DEFAULT 5000
#define DEMO_HOUSEHOLDS_MAX	1000000 /* bench/scale.sh measures a province at this size */
#define DEMO_ACCOUNTS		10
#define DEMO_OFFICERS		3 /* officers of handling bodies, without a role */
#define DEMO_REPORTS_MAX	1000000 /* extra reports, for benchmarks */

struct demo_options {
	int64_t households; /* 1..DEMO_HOUSEHOLDS_MAX */
	uint64_t seed;
	int32_t as_of; /* YYYYMMDD: replay the reorganizations in force that day (0: none) */
	int64_t reports; /* reports added in bulk over the last 90 days (0..DEMO_REPORTS_MAX) */
};

struct demo_account {
	const char *login;
	const char *role;  /* role name, as in `danvan user grant` */
	const char *where; /* the unit it is granted on */
	const char *name;  /* display name */
};

struct demo_result {
	int64_t city_id;
	int64_t ward_id;	 /* Tân Đông Hiệp */
	int64_t neighborhood_id; /* Đông Tác, the demo neighborhood */
	int64_t household_id;	 /* resident@demo's household */
	int64_t households;
	int64_t residents;
	size_t naccounts;
	struct demo_account accounts[DEMO_ACCOUNTS];
	/* the officers of handling bodies: police@demo, dothi@demo, moitruong@demo */
	size_t nofficers;
	struct demo_account officers[DEMO_OFFICERS];
	/* the receipt resident@demo's household kept from the closed household
	 * ballot: the system keeps no copy tied to the household */
	const char *receipt;
	/* the matter that decided the contributions of hẻm 15 (demo_matters), which
	 * the demo's collecting work is linked to */
	int64_t contributions_matter;
};

/*
 * Build the demo in an empty database (DV_ECONFLICT if it holds units).
 * Runs as one transaction; strings in *out live in ctx->arena.
 */
int demo_generate(struct dv_ctx *ctx, const struct demo_options *opt, struct demo_result *out);

/* The demo's notices and news (demo_notices.c), in demo_generate's
 * transaction, once the map, households and accounts exist. */
int demo_notices(struct dv_ctx *ctx, const struct demo_result *out);
/* The demo's matters (demo_matters.c): one closed by ballots, one open;
 * sets out->receipt. */
int demo_matters(struct dv_ctx *ctx, struct demo_result *out);
/* The demo's consultations (demo_consultations.c): one open, one published. */
int demo_consultations(struct dv_ctx *ctx, const struct demo_result *out);
/* The demo's community works (demo_works.c), in Đông Tác: a finished
 * alley, settled, with its board and ledger (resident@demo's household paid
 * into it); hẻm 15 collecting now under out->contributions_matter, about
 * half of the households paid; drains planned, waiting for their decision. */
int demo_works(struct dv_ctx *ctx, const struct demo_result *out);
/* The demo's citizen reports and People's Inspection Board
 * (demo_reports.c): handling bodies and routing, a few hundred reports over
 * the past year in every state, Tân Đông Hiệp's board with its cases, and
 * opt->reports more in bulk. */
int demo_reports(struct dv_ctx *ctx, struct demo_result *out, const struct demo_options *opt);
/* The demo's emulation, cultural titles and commendation (demo_awards.c,
 * demo_emulation.c, demo_titles.c): the 2022 movement and this year's, 131
 * "Dân vận khéo" models (86 effective for 2022), a year of Gia đình văn hóa
 * in Tân Đông Hiệp, the 2022 commendation of the city with its council
 * session, decision and certificates, the ward's open round. */
int demo_commendation(struct dv_ctx *ctx, struct demo_result *out);
/* The reorganizations in force on as_of (demo_reform.c), replayed on the
 * 2023 map through the domain's own functions: from 1 July 2025 the district
 * level gone, Bình Dương merged into Hồ Chí Minh City, the new phường Dĩ An.
 * Nothing before that day. */
int demo_reform(struct dv_ctx *ctx, int32_t as_of);

#endif

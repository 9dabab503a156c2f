/*
 * What the demo's emulation, titles and awards files share (the demo's
 * own, private to domain/demo).
 */
#ifndef DV_DOMAIN_DEMO_IMPL_H
#define DV_DOMAIN_DEMO_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"
#include "domain/demo/demo.h"

#define DEMO_WARDS_MAX 16

struct demo_awards {
	struct demo_result *out;
	int64_t city;
	int64_t city_board; /* Ban Dân vận Thành ủy: an agency of the city */
	size_t nwards;
	int64_t ward[DEMO_WARDS_MAX];
	const char *ward_name[DEMO_WARDS_MAX];
	int64_t ward_board[DEMO_WARDS_MAX];  /* each ward's Mass Mobilization Board */
	int64_t ward_front[DEMO_WARDS_MAX];  /* Front committee */
	int64_t ward_women[DEMO_WARDS_MAX];  /* Women's Union */
	int64_t ward_youth[DEMO_WARDS_MAX];  /* Youth Union */
	int64_t mm_entry[DEMO_WARDS_MAX];    /* the boards in the 2022 movement */
	uint64_t rng;
};

/* The movements and the models (demo_emulation.c). */
int demo_emulation(struct dv_ctx *ctx, struct demo_awards *d);
/* A year of cultural titles in Tân Đông Hiệp (demo_titles.c). */
int demo_titles(struct dv_ctx *ctx, struct demo_awards *d);
/* The 2022 and 2023 plans, the quarterly reports of 2022 and the 2022
 * year-end review with its conference (demo_plans.c); after the 2022
 * commendation, whose awards the review lists. */
int demo_plans(struct dv_ctx *ctx, struct demo_awards *d);
/* A synthetic full name, deterministic from d->rng; arena string. */
const char *demo_person(struct dv_ctx *ctx, struct demo_awards *d, int male);

#endif

#include "domain/demo/demo.h"

#include <stdio.h>
#include <string.h>

#include "domain/identity/account.h"
#include "domain/demo/demo_names.h"
#include "domain/registry/household.h"
#include "domain/registry/org.h"
#include "domain/identity/grant.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"

/* ------------------------------------------------------------ randomness */

/* splitmix64: small, fast, and the same sequence on every machine. */
struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (unsigned)(hi - lo + 1));
}

static int rng_percent(struct rng *r, unsigned p)
{
	return rng_below(r, 100) < p;
}

static const char *pick(struct rng *r, struct word_list *l)
{
	if (!l->total)
		for (size_t i = 0; i < l->n; i++)
			l->total += l->items[i].weight;
	unsigned x = rng_below(r, l->total);
	for (size_t i = 0; i < l->n; i++) {
		if (x < l->items[i].weight)
			return l->items[i].text;
		x -= l->items[i].weight;
	}
	return l->items[0].text;
}

/* ------------------------------------------------------------------ map */

static const struct demo_ward {
	const char *name;
	const char *code;
	int neighborhoods;
} wards[] = {
	{"Dĩ An", "25942", 9},	 {"Tân Bình", "25945", 6},   {"Tân Đông Hiệp", "25948", 7},
	{"Bình An", "25951", 6}, {"Bình Thắng", "25954", 5}, {"Đông Hòa", "25957", 8},
	{"An Bình", "25960", 7},
};
#define N_WARDS (sizeof(wards) / sizeof(wards[0]))
#define TDH	2

static const char *tdh_neighborhoods[] = {"Đông Tác", "Đông Chiêu", "Chiêu Liêu", "Đông Thành",
					  "Tân Long", "Đông An",    "Tân An"};

#define MAX_NEIGHBORHOODS 64

struct neighborhood {
	int64_t id;
	int64_t ward_id;
	const char *ward_code;
	int64_t households; /* to generate */
};

struct demo {
	struct dv_ctx *ctx;
	struct rng rng;
	struct demo_result *out;
	int64_t province, city;
	int64_t ward_ids[N_WARDS];
	struct neighborhood nb[MAX_NEIGHBORHOODS];
	size_t nnb;
	size_t tdh_first;      /* index in nb of Đông Tác, the demo neighborhood */
	int64_t seq;	       /* household number, for codes */
	int64_t tdh_youth_org; /* for org@demo */
};

static int build_map(struct demo *d)
{
	struct dv_ctx *ctx = d->ctx;
	int rc = unit_create(ctx, 0, UNIT_PROVINCE, "Bình Dương", "74", &d->province);
	if (!rc)
		rc = unit_create(ctx, d->province, UNIT_CITY, "Dĩ An", "724", &d->city);
	for (size_t w = 0; !rc && w < N_WARDS; w++) {
		rc = unit_create(ctx, d->city, UNIT_WARD, wards[w].name, wards[w].code,
				 &d->ward_ids[w]);
		if (w == TDH)
			d->tdh_first = d->nnb;
		for (int k = 0; !rc && k < wards[w].neighborhoods; k++) {
			char numbered[32];
			snprintf(numbered, sizeof(numbered), "Khu phố %d", k + 1);
			struct neighborhood *nb = &d->nb[d->nnb++];
			nb->ward_id = d->ward_ids[w];
			nb->ward_code = wards[w].code;
			rc = unit_create(ctx, d->ward_ids[w], UNIT_NEIGHBORHOOD,
					 w == TDH ? tdh_neighborhoods[k] : numbered, NULL, &nb->id);
		}
	}
	return rc;
}

static int build_orgs(struct demo *d)
{
	static const struct {
		enum org_kind kind;
		const char *city_name, *ward_prefix;
	} orgs[] = {
		{ORG_FRONT, "Ủy ban MTTQ Việt Nam thành phố Dĩ An", "Ủy ban MTTQ Việt Nam phường"},
		{ORG_YOUTH_UNION, "Thành Đoàn Dĩ An", "Đoàn phường"},
		{ORG_WOMENS_UNION, "Hội Liên hiệp Phụ nữ thành phố Dĩ An",
		 "Hội Liên hiệp Phụ nữ phường"},
		{ORG_VETERANS, "Hội Cựu chiến binh thành phố Dĩ An", "Hội Cựu chiến binh phường"},
		{ORG_FARMERS, "Hội Nông dân thành phố Dĩ An", NULL},
		{ORG_TRADE_UNION, "Liên đoàn Lao động thành phố Dĩ An", NULL},
		{ORG_AGENCY, "Ban Dân vận Thành ủy Dĩ An", NULL},
	};
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof(orgs) / sizeof(orgs[0]); i++) {
		rc = org_create(d->ctx, d->city, orgs[i].kind, orgs[i].city_name, NULL);
		for (size_t w = 0; !rc && orgs[i].ward_prefix && w < N_WARDS; w++) {
			char name[ORG_NAME_MAX];
			int64_t id;
			snprintf(name, sizeof(name), "%s %s", orgs[i].ward_prefix, wards[w].name);
			rc = org_create(d->ctx, d->ward_ids[w], orgs[i].kind, name, &id);
			if (w == TDH && orgs[i].kind == ORG_YOUTH_UNION)
				d->tdh_youth_org = id;
		}
	}
	return rc;
}

/* Share `total` households among the neighborhoods, each weighted 60-140%,
 * so the counts add up exactly; the demo neighborhood always gets one. */
static void share_households(struct demo *d, int64_t total)
{
	unsigned weight[MAX_NEIGHBORHOODS], sum = 0;
	total--;
	for (size_t i = 0; i < d->nnb; i++)
		sum += weight[i] = 60 + rng_below(&d->rng, 81);
	int64_t given = 0;
	for (size_t i = 0; i < d->nnb; i++)
		given += d->nb[i].households = total * weight[i] / sum;
	for (size_t i = 0; given < total; i = (i + 1) % d->nnb, given++)
		d->nb[i].households++;
	d->nb[d->tdh_first].households++;
}

/* --------------------------------------------------------------- people */

struct person {
	char name[96];
	char birth[16];
	char phone[16];
	char national_id[16];
	const char *gender;
	const char *relation;
	int year;
};

static void make_person(struct demo *d, struct person *p, const char *family, int male, int year,
			const char *relation)
{
	struct rng *r = &d->rng;
	snprintf(p->name, sizeof(p->name), "%s %s %s", family,
		 pick(r, male ? &demo_male_middle : &demo_female_middle),
		 pick(r, male ? &demo_male_given : &demo_female_given));
	p->gender = gender_name(male ? GENDER_MALE : GENDER_FEMALE);
	p->relation = relation;
	p->year = year;
	snprintf(p->birth, sizeof(p->birth), "%02d/%02d/%04d", rng_range(r, 1, 28),
		 rng_range(r, 1, 12), year);
	p->phone[0] = p->national_id[0] = '\0';
	if (2023 - year >= 16 && rng_percent(r, 75))
		snprintf(p->phone, sizeof(p->phone), "%s%07u", pick(r, &demo_phone_prefixes),
			 rng_below(r, 10000000));
	/* citizen ID layout: province 074, century and sex digit, year, serial */
	if (2023 - year >= 14 && rng_percent(r, 90))
		snprintf(p->national_id, sizeof(p->national_id), "074%d%02d%06u",
			 (year >= 2000 ? 2 : 0) + !male, year % 100, rng_below(r, 1000000));
}

/* A household of 1-7 people: a head, often a spouse, children, sometimes an
 * elderly parent. Wives keep their family names; children take the father's. */
static size_t make_family(struct demo *d, struct person *out)
{
	static const unsigned size_weights[] = {10, 15, 22, 28, 15, 7, 3}; /* 1..7 people */
	struct rng *r = &d->rng;
	unsigned x = rng_below(r, 100), size = 1;
	for (unsigned acc = 0, i = 0; i < 7; i++) {
		acc += size_weights[i];
		if (x < acc) {
			size = i + 1;
			break;
		}
	}
	size_t n = 0;
	int head_male = rng_percent(r, 72);
	int head_year = rng_range(r, 1950, 1995);
	const char *family = pick(r, &demo_family_names);
	make_person(d, &out[n++], family, head_male, head_year, "Chủ hộ");
	const char *father = head_male ? family : NULL;
	int youngest_parent = head_year;
	if (size >= 2 && rng_percent(r, 85)) {
		int year = head_year + rng_range(r, -3, 6) * (head_male ? 1 : -1);
		const char *sfamily = pick(r, &demo_family_names);
		make_person(d, &out[n++], sfamily, !head_male, year, head_male ? "Vợ" : "Chồng");
		if (!head_male)
			father = sfamily;
		if (year > youngest_parent)
			youngest_parent = year;
	}
	if (size >= 5 && rng_percent(r, 40) && head_year - 22 >= 1925) {
		int male = rng_percent(r, 30);
		make_person(
			d, &out[n++], male ? family : pick(r, &demo_family_names), male,
			rng_range(r, head_year - 35 < 1925 ? 1925 : head_year - 35, head_year - 22),
			male ? "Cha" : "Mẹ");
	}
	while (n < size) {
		int lo = youngest_parent + 20, hi = youngest_parent + 38;
		if (lo > 2023)
			break;
		make_person(d, &out[n++], father ? father : family, rng_percent(r, 51),
			    rng_range(r, lo, hi > 2023 ? 2023 : hi), "Con");
	}
	return n;
}

static int insert_household(struct demo *d, const struct neighborhood *nb, int64_t *hid,
			    int64_t *members)
{
	struct dv_ctx *ctx = d->ctx;
	struct rng *r = &d->rng;
	char address[160], code[32];
	if (rng_percent(r, 35))
		snprintf(address, sizeof(address), "Số %d/%d, đường %s", rng_range(r, 1, 400),
			 rng_range(r, 1, 60), pick(r, &demo_streets));
	else
		snprintf(address, sizeof(address), "Số %d, đường %s", rng_range(r, 1, 600),
			 pick(r, &demo_streets));
	snprintf(code, sizeof(code), "HK-%s-%06lld", nb->ward_code, (long long)++d->seq);
	int rc = household_insert(ctx, nb->id, nb->ward_id, code, address, hid);
	struct person people[8];
	size_t n = rc ? 0 : make_family(d, people);
	int64_t head = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		struct resident_input in = {.household_id = *hid,
					    .full_name = people[i].name,
					    .birth_date = people[i].birth,
					    .gender = people[i].gender,
					    .relation = people[i].relation,
					    .phone = people[i].phone,
					    .national_id = people[i].national_id};
		struct resident_clean c;
		int64_t rid;
		/* the demo's data passes the same checks as typed data */
		rc = resident_clean_input(ctx, &in, &c);
		if (!rc)
			rc = resident_insert(ctx, *hid, nb->ward_id, &c, &rid);
		if (!rc && i == 0)
			head = rid;
	}
	if (!rc)
		rc = db_run(ctx->db, &ctx->err,
			    "UPDATE household SET representative_id = $1 WHERE id = $2", DB_I(head),
			    DB_I(*hid));
	*members = (int64_t)n;
	return rc;
}

static int build_households(struct demo *d)
{
	struct dv_ctx *ctx = d->ctx;
	struct arena *keep = ctx->arena;
	struct arena scratch = ARENA_INIT;
	int rc = 0;
	ctx->arena = &scratch;
	for (size_t i = 0; !rc && i < d->nnb; i++) {
		for (int64_t k = 0; !rc && k < d->nb[i].households; k++) {
			int64_t hid = 0, members = 0;
			rc = insert_household(d, &d->nb[i], &hid, &members);
			d->out->households++;
			d->out->residents += members;
			if (i == d->tdh_first && k == 0)
				d->out->household_id = hid;
			arena_release(&scratch);
		}
	}
	ctx->arena = keep;
	if (rc)
		ctx->err.field = NULL;
	return rc;
}

/* ------------------------------------------------------------- accounts */

static int add_account(struct demo *d, const char *login, const char *name, enum role role,
		       int64_t unit, int64_t household, int64_t org, const char *where)
{
	struct dv_ctx *ctx = d->ctx;
	int64_t id;
	int rc = account_create(ctx, login, name, DEMO_PASSWORD, household, &id);
	if (!rc)
		rc = grant_add(ctx, id, role, unit, org, NULL);
	if (!rc && d->out->naccounts < DEMO_ACCOUNTS)
		d->out->accounts[d->out->naccounts++] = (struct demo_account){
			.login = login, .role = role_name(role), .where = where, .name = name};
	return rc;
}

static int build_accounts(struct demo *d)
{
	struct dv_ctx *ctx = d->ctx;
	int64_t nb = d->nb[d->tdh_first].id;
	int64_t hid = d->out->household_id;
	struct household h;
	int rc = household_load(ctx, hid, &h);
	if (rc)
		return rc;
	const char *rep = arena_strdup(ctx->arena, h.representative_name);
	struct {
		const char *login, *name;
		enum role role;
		int64_t unit, household, org;
		const char *where;
	} a[] = {
		{"admin@demo", "Quản trị thành phố Dĩ An", ROLE_CITY_ADMIN, d->city, 0, 0, "Dĩ An"},
		{"ward@demo", "Cán bộ phường Tân Đông Hiệp", ROLE_WARD_OFFICER, d->ward_ids[TDH], 0,
		 0, "Tân Đông Hiệp"},
		{"head@demo", "Trưởng khu phố Đông Tác", ROLE_HEAD, nb, 0, 0, "Đông Tác"},
		{"front@demo", "Ban công tác Mặt trận khu phố Đông Tác", ROLE_FRONT, nb, 0, 0,
		 "Đông Tác"},
		{"resident@demo", rep, ROLE_REPRESENTATIVE, nb, hid, 0, "Đông Tác"},
		{"member@demo", "Thành viên hộ gia đình", ROLE_RESIDENT, nb, hid, 0, "Đông Tác"},
		{"org@demo", "Cán bộ Đoàn phường Tân Đông Hiệp", ROLE_ORG_OFFICER, d->ward_ids[TDH],
		 0, d->tdh_youth_org, "Tân Đông Hiệp"},
		{"inspector@demo", "Ban Thanh tra nhân dân phường Tân Đông Hiệp", ROLE_INSPECTOR,
		 d->ward_ids[TDH], 0, 0, "Tân Đông Hiệp"},
		{"council@demo", "Hội đồng Thi đua – Khen thưởng thành phố Dĩ An", ROLE_COUNCIL,
		 d->city, 0, 0, "Dĩ An"},
		{"board@demo", "Ban Dân vận Thành ủy Dĩ An", ROLE_MASS_MOBILIZATION, d->city, 0, 0,
		 "Dĩ An"},
	};
	for (size_t i = 0; !rc && i < sizeof(a) / sizeof(a[0]); i++)
		rc = add_account(d, a[i].login, a[i].name, a[i].role, a[i].unit, a[i].household,
				 a[i].org, a[i].where);
	return rc;
}

/* ---------------------------------------------------------------- whole */

static int generate_tx(struct demo *d, const struct demo_options *opt)
{
	struct dv_ctx *ctx = d->ctx;
	int64_t units = 0;
	int rc = db_int(ctx->db, &units, &ctx->err, "SELECT COUNT(*) FROM unit");
	if (rc)
		return rc;
	if (units)
		return dv_fail(
			&ctx->err, DV_ECONFLICT, NULL,
			"The database holds units already: the demo needs an empty database");
	if ((rc = build_map(d)) || (rc = build_orgs(d)))
		return rc;
	share_households(d, opt->households);
	ctx->defer_counts = 1;
	rc = build_households(d);
	ctx->defer_counts = 0;
	if (rc || (rc = unit_recount(ctx)) || (rc = build_accounts(d)))
		return rc;
	d->out->city_id = d->city;
	d->out->ward_id = d->ward_ids[TDH];
	d->out->neighborhood_id = d->nb[d->tdh_first].id;
	if ((rc = demo_notices(ctx, d->out)) || (rc = demo_matters(ctx, d->out)) ||
	    (rc = demo_consultations(ctx, d->out)) || (rc = demo_works(ctx, d->out)) ||
	    (rc = demo_reports(ctx, d->out, opt)) || (rc = demo_commendation(ctx, d->out)) ||
	    (rc = demo_reform(ctx, opt->as_of)))
		return rc;
	return ctx_audit(ctx, "demo.generate", "unit", d->city, d->city,
			 json_pack("{s:I, s:I, s:I}", "households", (json_int_t)d->out->households,
				   "residents", (json_int_t)d->out->residents, "seed",
				   (json_int_t)opt->seed));
}

int demo_generate(struct dv_ctx *ctx, const struct demo_options *opt, struct demo_result *out)
{
	if (opt->households < 1 || opt->households > DEMO_HOUSEHOLDS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "households",
			       "The demo holds between 1 and %d households", DEMO_HOUSEHOLDS_MAX);
	if (opt->reports < 0 || opt->reports > DEMO_REPORTS_MAX)
		return dv_fail(&ctx->err, DV_EINVAL, "reports",
			       "The demo adds between 0 and %d reports", DEMO_REPORTS_MAX);
	struct demo *d = arena_new(ctx->arena, struct demo);
	memset(out, 0, sizeof(*out));
	d->ctx = ctx;
	d->out = out;
	d->rng.s = opt->seed * 0x2545F4914F6CDD1DULL + 1;
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, generate_tx(d, opt));
}

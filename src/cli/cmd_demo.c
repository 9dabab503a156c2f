/*
 * `danvan demo`: create the schema if needed and fill it with the demo city.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/date.h"
#include "cli/cli.h"
#include "domain/demo/demo.h"
#include "store/migrate.h"

static int parse_count(const char *s, const char *what, int64_t max, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v < 1 || v > max)
		return cli_fail(-1, "%s must be a number from 1 to %lld, not '%s'", what,
				(long long)max, s);
	*out = v;
	return 0;
}

int cmd_demo(struct cli *cli)
{
	static const struct option opts[] = {
		{"households", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 's'},
		{"as-of", required_argument, NULL, 'a'},
		{"reports", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	struct demo_options opt = {.households = DEMO_HOUSEHOLDS_DEFAULT, .seed = 1};
	int64_t seed = 1;
	int c;
	optind = 0; /* 0 makes glibc start over */
	while ((c = getopt_long(cli->argc, cli->argv, "", opts, NULL)) != -1) {
		if (c == 'n' &&
		    !parse_count(optarg, "--households", DEMO_HOUSEHOLDS_MAX, &opt.households))
			continue;
		if (c == 's' && !parse_count(optarg, "--seed", INT64_MAX, &seed))
			continue;
		if (c == 'a' && date_parse(optarg, &opt.as_of, NULL) == 0)
			continue;
		if (c == 'r' && !parse_count(optarg, "--reports", DEMO_REPORTS_MAX, &opt.reports))
			continue;
		if (c == 'a')
			return cli_fail(EXIT_USAGE, "--as-of must be a day such as 2025-07-01, not '%s'",
					optarg);
		return cli_usage("demo");
	}
	if (optind != cli->argc)
		return cli_usage("demo");
	opt.seed = (uint64_t)seed;

	struct db *db;
	struct dv_err err = {0};
	if (db_open(cli->db_url, &db, &err))
		return cli_fail(EXIT_DB, "%s", err.msg);
	if (migrate_apply(db, NULL, &err)) {
		db_close(db);
		return cli_fail(EXIT_DB, "%s", err.msg);
	}
	struct arena a;
	struct dv_ctx ctx;
	cli_ctx(&ctx, db, &a);
	struct demo_result r;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = demo_generate(&ctx, &opt, &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc) {
		rc = cli_domain_fail(&ctx, rc, "cannot build the demo");
	} else {
		double secs =
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		printf("demo city of Dĩ An in %s: %lld households, %lld residents (seed %llu, %.1f "
		       "s)\n",
		       cli->db_url, (long long)r.households, (long long)r.residents,
		       (unsigned long long)opt.seed, secs);
		if (opt.as_of >= 20250701)
			printf("as of the reorganization of 01/07/2025: no district level, Bình Dương "
			       "in Hồ Chí Minh City, the new ward Dĩ An\n");
		printf("\naccounts (password %s):\n", DEMO_PASSWORD);
		for (size_t i = 0; i < r.naccounts; i++) {
			printf("  %-16s %-15s ", r.accounts[i].login, r.accounts[i].role);
			cli_pad(r.accounts[i].where, 15);
			printf(" %s\n", r.accounts[i].name);
		}
		printf("\nofficers of handling bodies (password %s):\n", DEMO_PASSWORD);
		for (size_t i = 0; i < r.nofficers; i++)
			printf("  %-16s %s\n", r.officers[i].login, r.officers[i].name);
		if (opt.reports)
			printf("\n%lld more reports over the last 90 days, for benchmarks\n",
			       (long long)opt.reports);
		if (r.receipt)
			printf("\nresident@demo's household kept the receipt %s of the closed "
			       "household ballot\n",
			       r.receipt);
	}
	arena_release(&a);
	db_close(db);
	return rc;
}

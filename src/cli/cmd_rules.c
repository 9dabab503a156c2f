/*
 * danvan rules: the thresholds and time limits in force, and changing one
 * for this deployment (the legal default is kept beside it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/rules.h"

static int print_rules(struct dv_ctx *ctx)
{
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule_info *ri = rule_info((enum rule)i);
		cli_pad(ri->key, 23);
		if (strcmp(ri->unit, "fraction") == 0 || strcmp(ri->unit, "date") == 0) {
			/* 2/3, 25/11: written as they are typed to `rules set` */
			printf("%6s  (law: %s, %s)\n",
			       rule_format(ctx->arena, "en", (enum rule)i,
					   rule_value(ctx, (enum rule)i)),
			       rule_format(ctx->arena, "en", (enum rule)i, ri->legal), ri->unit);
			continue;
		}
		printf("%6lld  (law: %lld, %s %lld to %lld)\n",
		       (long long)rule_value(ctx, (enum rule)i), (long long)ri->legal, ri->unit,
		       (long long)ri->min, (long long)ri->max);
	}
	return EXIT_OK;
}

static int set_rule(struct dv_ctx *ctx, const char *key, const char *value)
{
	int rc = rule_set_text(ctx, key, value);
	return rc ? cli_domain_fail(ctx, rc, key) : print_rules(ctx);
}

int cmd_rules(struct cli *cli)
{
	int set = cli->argc == 4 && !strcmp(cli->argv[1], "set");
	if (cli->argc != 1 && !set)
		return cli_usage("rules");
	struct db *db;
	if (cli_open(cli, &db))
		return EXIT_DB;
	struct arena a;
	struct dv_ctx ctx;
	cli_ctx(&ctx, db, &a);
	int rc = set ? set_rule(&ctx, cli->argv[2], cli->argv[3]) : print_rules(&ctx);
	arena_release(&a);
	db_close(db);
	return rc;
}

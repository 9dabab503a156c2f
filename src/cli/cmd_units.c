/*
 * `danvan units`: the tree of administrative units, for finding ids.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "domain/registry/unit.h"

static int print_tree(struct dv_ctx *ctx, int64_t root, int depth)
{
	struct unit *v;
	size_t n;
	if (unit_subtree(ctx, root, depth, &v, &n))
		return cli_fail(EXIT_INPUT, "%s", ctx->err.msg);
	for (size_t i = 0; i < n; i++) {
		printf("%*s%-6lld %-18s %-8s ", v[i].depth * 2, "", (long long)v[i].id,
		       unit_kind_name(v[i].kind), *v[i].code ? v[i].code : "-");
		cli_pad(v[i].name, 32);
		printf(" %8lld households\n", (long long)v[i].households);
	}
	return EXIT_OK;
}

int cmd_units(struct cli *cli)
{
	static const struct option opts[] = {
		{"under", required_argument, NULL, 'u'},
		{"depth", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	const char *under = NULL;
	int depth = 3, c;
	optind = 0; /* 0 makes glibc start over */
	while ((c = getopt_long(cli->argc, cli->argv, "", opts, NULL)) != -1) {
		if (c == 'u')
			under = optarg;
		else if (c == 'd')
			depth = atoi(optarg);
		else
			return cli_usage("units");
	}
	if (optind < cli->argc || depth < 0)
		return cli_usage("units");
	struct db *db;
	if (cli_open(cli, &db))
		return EXIT_DB;
	struct arena a;
	struct dv_ctx ctx;
	cli_ctx(&ctx, db, &a);
	int rc = EXIT_OK;
	if (under) {
		int64_t id;
		if (cli_parse_unit(&ctx, under, &id))
			rc = EXIT_USAGE;
		else
			rc = print_tree(&ctx, id, depth);
	} else {
		struct unit *roots;
		size_t n;
		if (unit_roots(&ctx, &roots, &n))
			rc = cli_fail(EXIT_FAIL, "%s", ctx.err.msg);
		else
			for (size_t i = 0; !rc && i < n; i++)
				rc = print_tree(&ctx, roots[i].id, depth);
	}
	arena_release(&a);
	db_close(db);
	return rc;
}

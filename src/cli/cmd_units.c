/*
 * `danvan units`: the tree of administrative units (for finding ids), the
 * official list imported from CSV, and the changes a reorganization makes:
 * add, rename, move, merge, split, each on the day it takes effect.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "cli/cli.h"
#include "domain/registry/unit.h"
#include "domain/registry/unit_import.h"

/* ------------------------------------------------------------------ tree */

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

static int units_list(struct cli *cli, struct dv_ctx *ctx)
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
	if (under) {
		int64_t id;
		return cli_parse_unit(ctx, under, &id) ? EXIT_USAGE : print_tree(ctx, id, depth);
	}
	struct unit *roots;
	size_t n;
	int rc = EXIT_OK;
	if (unit_roots(ctx, &roots, &n))
		return cli_fail(EXIT_FAIL, "%s", ctx->err.msg);
	for (size_t i = 0; !rc && i < n; i++)
		rc = print_tree(ctx, roots[i].id, depth);
	return rc;
}

/* ------------------------------------------------------- shared options */

/* What every change takes: --date D, and the options of its own. */
struct change_opts {
	int32_t effective; /* 0: today */
	const char *under, *code;
	const char **into; /* split parts, as typed */
	size_t ninto;
};

/* Parse the options of a change; positional arguments are left in
 * cli->argv[optind..]. Returns 0 or EXIT_USAGE. */
static int change_options(struct cli *cli, struct dv_ctx *ctx, struct change_opts *o,
			  const char *allowed)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'D'}, {"under", required_argument, NULL, 'u'},
		{"code", required_argument, NULL, 'c'}, {"into", required_argument, NULL, 'i'},
		{NULL, 0, NULL, 0},
	};
	size_t cap = 0;
	int c;
	memset(o, 0, sizeof(*o));
	optind = 0;
	while ((c = getopt_long(cli->argc, cli->argv, "", opts, NULL)) != -1) {
		if (c == '?' || !strchr(allowed, c))
			return cli_usage("units");
		if (c == 'D' && unit_effective_parse(ctx, optarg, &o->effective))
			return cli_fail(EXIT_USAGE, "--date: %s", ctx->err.msg);
		if (c == 'u')
			o->under = optarg;
		if (c == 'c')
			o->code = optarg;
		if (c == 'i')
			*ARENA_PUSH(ctx->arena, o->into, o->ninto, cap) = optarg;
	}
	return 0;
}

/* "01/07/2025" for a change's day (0: today). Arena string. */
static const char *day_text(struct dv_ctx *ctx, int32_t ymd)
{
	struct buf b = BUF_INIT;
	date_format(&b, ymd ? ymd : time_local_date(ctx->now));
	const char *s = arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return s;
}

/* A unit argument: 0, or EXIT_INPUT with the reason printed. */
static int unit_arg(struct dv_ctx *ctx, const char *spec, struct unit *u)
{
	int64_t id;
	if (cli_parse_unit(ctx, spec, &id) || unit_get(ctx, id, u))
		return EXIT_INPUT;
	return 0;
}

/* ---------------------------------------------------------------- import */

static void print_import_errors(const char *path, const struct unit_import_report *rep)
{
	size_t kept = rep->nerrors < UNIT_IMPORT_MAX_ERRORS ? rep->nerrors : UNIT_IMPORT_MAX_ERRORS;
	for (size_t i = 0; i < kept; i++)
		fprintf(stderr, "%s:%zu: %s\n", path, rep->errors[i].line, rep->errors[i].message);
	if (rep->nerrors > kept)
		fprintf(stderr, "%s: %zu more errors not shown\n", path, rep->nerrors - kept);
}

static int units_import(struct cli *cli, struct dv_ctx *ctx)
{
	struct change_opts o;
	char *data = NULL;
	size_t len = 0;
	int code = change_options(cli, ctx, &o, "D");
	if (code)
		return code;
	if (optind != cli->argc - 1)
		return cli_usage("units");
	const char *path = cli->argv[optind];
	if ((code = cli_read_file(path, UNIT_IMPORT_MAX_BYTES, &data, &len)))
		return code;
	struct unit_import_report rep;
	int rc = unit_import(ctx, data, len, o.effective, &rep);
	free(data);
	print_import_errors(path, &rep);
	if (rc == DV_EINVAL || rc == DV_ETOOBIG)
		return cli_fail(EXIT_INPUT, "%s: %s", path, ctx->err.msg);
	if (rc)
		return cli_domain_fail(ctx, rc, "import failed, nothing was imported");
	if (!rep.created)
		printf("nothing to import: the %zu units of %s are already there\n", rep.rows, path);
	else
		printf("imported %zu units (%zu already there) from %s\n", rep.created,
		       rep.unchanged, path);
	return EXIT_OK;
}

/* -------------------------------------------------------- add and rename */

static int units_add(struct cli *cli, struct dv_ctx *ctx)
{
	struct change_opts o;
	struct unit parent = {.name = "the top of the tree"};
	enum unit_kind kind;
	int64_t id = 0;
	int code = change_options(cli, ctx, &o, "Duc");
	if (code)
		return code;
	if (optind != cli->argc - 2)
		return cli_usage("units");
	if (unit_kind_parse(cli->argv[optind], &kind, &ctx->err))
		return cli_fail(EXIT_USAGE, "%s", ctx->err.msg);
	if (o.under && (code = unit_arg(ctx, o.under, &parent)))
		return code;
	int rc = unit_create_on(ctx, parent.id, kind, cli->argv[optind + 1], o.code, o.effective,
				&id);
	if (rc)
		return cli_domain_fail(ctx, rc, "cannot add the unit");
	printf("added %s %lld: %s under %s, on %s\n", unit_kind_name(kind), (long long)id,
	       cli->argv[optind + 1], parent.name, day_text(ctx, o.effective));
	return EXIT_OK;
}

static int units_rename(struct cli *cli, struct dv_ctx *ctx)
{
	struct change_opts o;
	struct unit u, after;
	int code = change_options(cli, ctx, &o, "D");
	if (code)
		return code;
	if (optind != cli->argc - 2)
		return cli_usage("units");
	if ((code = unit_arg(ctx, cli->argv[optind], &u)))
		return code;
	int rc = unit_rename_on(ctx, u.id, cli->argv[optind + 1], o.effective);
	if (!rc)
		rc = unit_get(ctx, u.id, &after);
	if (rc)
		return cli_domain_fail(ctx, rc, "cannot rename the unit");
	printf("renamed unit %lld: %s is now %s, on %s\n", (long long)u.id, u.name, after.name,
	       day_text(ctx, o.effective));
	return EXIT_OK;
}

/* ---------------------------------------------------------- move, merge */

static int units_move(struct cli *cli, struct dv_ctx *ctx)
{
	struct change_opts o;
	struct unit u, to;
	int code = change_options(cli, ctx, &o, "D");
	if (code)
		return code;
	if (optind != cli->argc - 2)
		return cli_usage("units");
	if ((code = unit_arg(ctx, cli->argv[optind], &u)) ||
	    (code = unit_arg(ctx, cli->argv[optind + 1], &to)))
		return code;
	int rc = unit_move_on(ctx, u.id, to.id, o.effective);
	if (rc)
		return cli_domain_fail(ctx, rc, "cannot move the unit");
	printf("moved unit %lld %s under %lld %s, on %s\n", (long long)u.id, u.name,
	       (long long)to.id, to.name, day_text(ctx, o.effective));
	return EXIT_OK;
}

static int units_merge(struct cli *cli, struct dv_ctx *ctx)
{
	struct change_opts o;
	struct unit from, into;
	int code = change_options(cli, ctx, &o, "D");
	if (code)
		return code;
	if (optind != cli->argc - 2)
		return cli_usage("units");
	if ((code = unit_arg(ctx, cli->argv[optind], &from)) ||
	    (code = unit_arg(ctx, cli->argv[optind + 1], &into)))
		return code;
	int rc = unit_merge_on(ctx, from.id, into.id, o.effective);
	if (rc)
		return cli_domain_fail(ctx, rc, "cannot merge the units");
	printf("merged unit %lld %s into %lld %s, on %s\n", (long long)from.id, from.name,
	       (long long)into.id, into.name, day_text(ctx, o.effective));
	return EXIT_OK;
}

/* ----------------------------------------------------------------- split */

/* A part being read from the command line. */
struct part_spec {
	int64_t *units, *households;
	size_t nunits, nhouseholds, capu, caph;
	int rest;
};

/* One member of a part: a unit (id or code:CODE), household:ID, or '*'.
 * 0, EXIT_USAGE or EXIT_INPUT (printed). */
static int split_member(struct dv_ctx *ctx, const char *m, struct part_spec *ps)
{
	int64_t id;
	if (strcmp(m, "*") == 0) {
		ps->rest = 1;
		return 0;
	}
	if (strncmp(m, "household:", 10) == 0) {
		if (cli_parse_id(m + 10, "household:ID", &id))
			return EXIT_USAGE;
		*ARENA_PUSH(ctx->arena, ps->households, ps->nhouseholds, ps->caph) = id;
		return 0;
	}
	if (cli_parse_unit(ctx, m, &id))
		return EXIT_INPUT;
	*ARENA_PUSH(ctx->arena, ps->units, ps->nunits, ps->capu) = id;
	return 0;
}

/* "NAME[#CODE]=MEMBER,MEMBER,..." into a part. */
static int split_part(struct dv_ctx *ctx, const char *spec, struct unit_part *p)
{
	char *s = arena_strdup(ctx->arena, spec), *members = strchr(s, '='), *save = NULL;
	struct part_spec ps = {0};
	int code = 0;
	memset(p, 0, sizeof(*p));
	if (members)
		*members++ = '\0';
	char *hash = strrchr(s, '#');
	if (hash) {
		*hash = '\0';
		p->code = hash + 1;
	}
	p->name = s;
	for (char *m = members ? strtok_r(members, ",", &save) : NULL; !code && m;
	     m = strtok_r(NULL, ",", &save)) {
		while (*m == ' ')
			m++;
		code = *m ? split_member(ctx, m, &ps) : 0;
	}
	p->units = ps.units;
	p->nunits = ps.nunits;
	p->households = ps.households;
	p->nhouseholds = ps.nhouseholds;
	p->rest = ps.rest;
	return code;
}

static int units_split(struct cli *cli, struct dv_ctx *ctx)
{
	struct change_opts o;
	struct unit u;
	int code = change_options(cli, ctx, &o, "Di");
	if (code)
		return code;
	if (optind != cli->argc - 1 || o.ninto < 2)
		return cli_usage("units");
	if ((code = unit_arg(ctx, cli->argv[optind], &u)))
		return code;
	struct unit_part *parts = arena_array(ctx->arena, struct unit_part, o.ninto);
	for (size_t i = 0; !code && i < o.ninto; i++)
		code = split_part(ctx, o.into[i], &parts[i]);
	if (code)
		return code;
	int64_t *ids = arena_array(ctx->arena, int64_t, o.ninto);
	int rc = unit_split(ctx, u.id, parts, o.ninto, o.effective, ids);
	if (rc)
		return cli_domain_fail(ctx, rc, "cannot split the unit");
	printf("split unit %lld %s, on %s, into:\n", (long long)u.id, u.name,
	       day_text(ctx, o.effective));
	for (size_t i = 0; i < o.ninto; i++) {
		struct unit part;
		if (unit_get(ctx, ids[i], &part))
			return cli_fail(EXIT_FAIL, "%s", ctx->err.msg);
		printf("  %-6lld %s\n", (long long)part.id, part.name);
	}
	return EXIT_OK;
}

/* ------------------------------------------------------------------ whole */

static const struct {
	const char *name;
	int (*run)(struct cli *cli, struct dv_ctx *ctx);
} subcommands[] = {
	{"import", units_import}, {"add", units_add},	  {"rename", units_rename},
	{"move", units_move},	  {"merge", units_merge}, {"split", units_split},
};

int cmd_units(struct cli *cli)
{
	int (*run)(struct cli *, struct dv_ctx *) = units_list;
	struct cli args = *cli;
	if (cli->argc > 1 && cli->argv[1][0] != '-') {
		run = NULL;
		for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
			if (strcmp(cli->argv[1], subcommands[i].name) == 0)
				run = subcommands[i].run;
		if (!run)
			return cli_usage("units");
		args.argc--; /* argv[0] becomes the subcommand */
		args.argv++;
	}
	struct db *db;
	if (cli_open(cli, &db))
		return EXIT_DB;
	struct arena a;
	struct dv_ctx ctx;
	cli_ctx(&ctx, db, &a);
	int rc = run(&args, &ctx);
	arena_release(&a);
	db_close(db);
	return rc;
}

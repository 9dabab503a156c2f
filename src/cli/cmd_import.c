/*
 * `danvan import households FILE.csv`: a ward's household list from Excel.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "domain/registry/import.h"

static int write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return cli_fail(EXIT_FAIL, "cannot write %s: %s", path, strerror(errno));
	size_t n = fwrite(b->ptr, 1, b->len, f);
	if (fclose(f) != 0 || n != b->len)
		return cli_fail(EXIT_FAIL, "cannot write %s", path);
	return 0;
}

static void print_errors(const char *path, const struct import_report *rep)
{
	size_t kept = rep->nerrors < IMPORT_MAX_ERRORS ? rep->nerrors : IMPORT_MAX_ERRORS;
	for (size_t i = 0; i < kept; i++) {
		const struct import_error *e = &rep->errors[i];
		if (e->field)
			fprintf(stderr, "%s:%zu: %s (%s)\n", path, e->line, e->message, e->field);
		else
			fprintf(stderr, "%s:%zu: %s\n", path, e->line, e->message);
	}
	if (rep->nerrors > kept)
		fprintf(stderr, "%s: %zu more errors not shown\n", path, rep->nerrors - kept);
}

/* What the import did, and the exit code it deserves. */
static int report(struct dv_ctx *ctx, int rc, const char *path, const char *rejects_path,
		  const struct import_report *rep, const struct buf *rejects)
{
	print_errors(path, rep);
	if (rc == DV_EINVAL || rc == DV_ETOOBIG)
		return cli_fail(EXIT_INPUT, "%s: %s", path, ctx->err.msg);
	if (rc)
		return cli_domain_fail(ctx, rc, "import failed, nothing was imported");
	printf("imported %zu households, %zu residents from %zu rows\n", rep->households,
	       rep->residents, rep->rows);
	if (rep->rejected_rows) {
		if (write_file(rejects_path, rejects))
			return EXIT_FAIL;
		printf("rejected %zu rows, written with their reasons to %s\n", rep->rejected_rows,
		       rejects_path);
	}
	return rep->households || !rep->rejected_rows ? EXIT_OK : EXIT_INPUT;
}

static int import_file(struct cli *cli, const char *path, const char *unit, int skip_bad,
		       const char *rejects_path)
{
	char *data = NULL;
	size_t len = 0;
	int code = cli_read_file(path, IMPORT_MAX_BYTES, &data, &len);
	if (code)
		return code;
	struct db *db;
	if (cli_open(cli, &db)) {
		free(data);
		return EXIT_DB;
	}
	struct arena a;
	struct dv_ctx ctx;
	cli_ctx(&ctx, db, &a);
	struct import_options opt = {.skip_bad = skip_bad};
	struct import_report rep;
	struct buf rejects = BUF_INIT;
	if (unit && cli_parse_unit(&ctx, unit, &opt.scope_unit_id)) {
		code = EXIT_USAGE;
	} else {
		int rc = import_households(&ctx, data, len, &opt, &rep, &rejects);
		code = report(&ctx, rc, path, rejects_path, &rep, &rejects);
	}
	buf_release(&rejects);
	arena_release(&a);
	db_close(db);
	free(data);
	return code;
}

int cmd_import(struct cli *cli)
{
	static const struct option opts[] = {
		{"unit", required_argument, NULL, 'u'},
		{"skip-bad", no_argument, NULL, 's'},
		{"rejects", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	const char *unit = NULL, *rejects = NULL;
	int skip_bad = 0, c;
	optind = 0; /* glibc: start over, forgetting any earlier getopt state */
	while ((c = getopt_long(cli->argc, cli->argv, "", opts, NULL)) != -1) {
		if (c == 'u')
			unit = optarg;
		else if (c == 's')
			skip_bad = 1;
		else if (c == 'r')
			rejects = optarg;
		else
			return cli_usage("import");
	}
	if (optind != cli->argc - 2 || strcmp(cli->argv[optind], "households") != 0)
		return cli_usage("import");
	const char *path = cli->argv[optind + 1];
	char *fallback = NULL;
	if (!rejects) {
		size_t n = strlen(path);
		fallback = malloc(n + sizeof(".rejects.csv"));
		if (!fallback)
			return cli_fail(EXIT_FAIL, "out of memory");
		/* people.csv -> people.rejects.csv */
		if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
			n -= 4;
		snprintf(fallback, n + sizeof(".rejects.csv"), "%.*s.rejects.csv", (int)n, path);
		rejects = fallback;
	}
	int code = import_file(cli, path, unit, skip_bad, rejects);
	free(fallback);
	return code;
}

#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>
#include <sys/stat.h>

#include "base/text.h"
#include "domain/registry/unit.h"
#include "store/migrate.h"

int cli_fail(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("danvan: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return code;
}

int cli_open(struct cli *cli, struct db **db)
{
	struct dv_err err = {0};
	int version = 0;
	if (db_open(cli->db_url, db, &err))
		return cli_fail(EXIT_DB, "%s", err.msg);
	if (migrate_version(*db, &version, &err)) {
		db_close(*db);
		return cli_fail(EXIT_DB, "cannot read the schema version: %s", err.msg);
	}
	if (version != migrate_latest()) {
		db_close(*db);
		if (version == 0)
			return cli_fail(EXIT_DB,
					"%s holds no danvan database: run `danvan init --db %s` "
					"(or `danvan demo`)",
					cli->db_url, cli->db_url);
		return cli_fail(EXIT_DB,
				"%s is at schema version %d, this danvan expects %d: run "
				"`danvan migrate --db %s`",
				cli->db_url, version, migrate_latest(), cli->db_url);
	}
	return 0;
}

void cli_ctx(struct dv_ctx *ctx, struct db *db, struct arena *arena)
{
	arena_init(arena);
	ctx_init(ctx, db, arena, &actor_system);
	ctx_set_lang(ctx, "en"); /* the command line speaks English */
}

int cli_domain_fail(struct dv_ctx *ctx, int rc, const char *doing)
{
	const char *field = ctx->err.field;
	if (field)
		cli_fail(0, "%s: %s (%s)", doing, ctx->err.msg, field);
	else
		cli_fail(0, "%s: %s", doing, ctx->err.msg);
	return dv_err_is_user(rc) ? EXIT_INPUT : EXIT_FAIL;
}

int cli_parse_id(const char *s, const char *what, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || v <= 0) {
		cli_fail(0, "%s must be a positive number, not '%s'", what, s ? s : "");
		return -1;
	}
	*out = v;
	return 0;
}

int cli_parse_unit(struct dv_ctx *ctx, const char *spec, int64_t *unit_id)
{
	struct unit u;
	if (spec && strncmp(spec, "code:", 5) == 0) {
		if (unit_find_code(ctx, spec + 5, &u)) {
			cli_fail(0, "no active unit has the official code %s", spec + 5);
			return -1;
		}
		*unit_id = u.id;
		return 0;
	}
	if (cli_parse_id(spec, "UNIT", unit_id))
		return -1;
	if (unit_get(ctx, *unit_id, &u)) {
		cli_fail(0, "no unit has the id %s (see `danvan units`)", spec);
		return -1;
	}
	return 0;
}

void cli_pad(const char *s, int width)
{
	int n = (int)utf8_count(s, strlen(s));
	fputs(s, stdout);
	for (; n < width; n++)
		fputc(' ', stdout);
}

int cli_read_file(const char *path, size_t max, char **data, size_t *len)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	if (!f)
		return cli_fail(EXIT_INPUT, "cannot open %s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return cli_fail(EXIT_INPUT, "%s is not a regular file", path);
	}
	if ((unsigned long long)st.st_size > max) {
		fclose(f);
		return cli_fail(EXIT_INPUT, "%s is larger than %zu MB: split it", path, max >> 20);
	}
	*data = malloc((size_t)st.st_size + 1);
	if (!*data) {
		fclose(f);
		return cli_fail(EXIT_FAIL, "out of memory reading %s", path);
	}
	*len = fread(*data, 1, (size_t)st.st_size, f);
	int bad = ferror(f) || *len != (size_t)st.st_size;
	fclose(f);
	if (bad) {
		free(*data);
		return cli_fail(EXIT_FAIL, "cannot read %s", path);
	}
	(*data)[*len] = '\0';
	return 0;
}

/*
 * The command line: `danvan <command> [options]`. main.c holds the command
 * table; each command lives in a cmd_*.c file and returns an exit code.
 *
 * Exit codes (also printed by `danvan help`):
 *   0 success
 *   1 the operation failed (a database or system error; the message says which)
 *   2 usage error: unknown command or option, missing argument
 *   3 the database cannot be opened, or its schema is not current
 *   4 the input was refused (an invalid value, a CSV file with bad rows)
 *   5 `verify` found the audit chain broken
 */
#ifndef DV_CLI_CLI_H
#define DV_CLI_CLI_H

#include "base/arena.h"
#include "domain/ctx.h"
#include "store/db.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_DB = 3, EXIT_INPUT = 4, EXIT_VERIFY = 5 };

struct cli {
	const char *db_url; /* from --db, $DANVAN_DB or the default */
	int argc;	    /* the command's own arguments, argv[0] is the command */
	char **argv;
	int clock_pinned;   /* DANVAN_NOW moved the clock (base/date.h) */
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *cli);
	const char *summary;
	const char *usage; /* full help text */
};

/* Open the database and check that its schema is current; on failure print
 * the reason and the fix, and return EXIT_DB. */
int cli_open(struct cli *cli, struct db **db);

/* A context over db acting as the system, with a fresh arena. */
void cli_ctx(struct dv_ctx *ctx, struct db *db, struct arena *arena);

/* Print "danvan: MESSAGE" to stderr and return code. */
int cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Report a domain error (ctx->err) and map it to an exit code. */
int cli_domain_fail(struct dv_ctx *ctx, int rc, const char *doing);

/* Print the usage of a command to stderr and return EXIT_USAGE. */
int cli_usage(const char *command);

/* Parse a positive integer argument; 0 and an error message if it is not one. */
int cli_parse_id(const char *s, const char *what, int64_t *out);

/* Resolve a unit argument: a numeric id or code:OFFICIAL_CODE. Prints the
 * problem and returns -1 if there is no such unit. */
int cli_parse_unit(struct dv_ctx *ctx, const char *spec, int64_t *unit_id);

/* Read a whole regular file into a malloc'd, NUL-terminated buffer (the
 * caller frees it), refusing one over max bytes before reading it. 0, or
 * an exit code with the reason printed. */
int cli_read_file(const char *path, size_t max, char **data, size_t *len);

/* Print s left-aligned in `width` columns, counting characters, not bytes
 * (printf's %-20s misaligns "Tân Đông Hiệp"). */
void cli_pad(const char *s, int width);

/* Commands, one per file. */
int cmd_init(struct cli *cli);
int cmd_migrate(struct cli *cli);
int cmd_verify(struct cli *cli);
int cmd_backup(struct cli *cli);
int cmd_demo(struct cli *cli);
int cmd_serve(struct cli *cli);
int cmd_user(struct cli *cli);
int cmd_units(struct cli *cli);
int cmd_import(struct cli *cli);
int cmd_rules(struct cli *cli);

#endif

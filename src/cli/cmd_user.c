/*
 * `danvan user add|grant|passwd`: accounts and roles from the command line,
 * for the first administrator and for scripts.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/identity/account.h"
#include "domain/identity/grant.h"
#include "domain/perm.h"

/* Read a password: prompted twice without echo on a terminal, else the
 * first line of standard input. */
static int read_password(char *out, size_t cap)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	char again[PASSWORD_MAX + 2];
	for (int round = 0; round < (tty ? 2 : 1); round++) {
		char *dst = round ? again : out;
		size_t dcap = round ? sizeof(again) : cap;
		if (tty) {
			fputs(round ? "Password again: " : "Password: ", stderr);
			tcgetattr(STDIN_FILENO, &old);
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
		}
		char *got = fgets(dst, (int)dcap, stdin);
		if (tty) {
			tcsetattr(STDIN_FILENO, TCSANOW, &old);
			fputc('\n', stderr);
		}
		if (!got)
			return cli_fail(-1, "no password given");
		dst[strcspn(dst, "\r\n")] = '\0';
	}
	if (tty && strcmp(out, again) != 0)
		return cli_fail(-1, "the two passwords differ");
	return 0;
}

static int user_add(struct cli *cli, struct dv_ctx *ctx)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"password", required_argument, NULL, 'p'},
		{"household", required_argument, NULL, 'h'},
		{"admin", no_argument, NULL, 'a'},
		{NULL, 0, NULL, 0},
	};
	const char *name = NULL, *password = NULL;
	char typed[PASSWORD_MAX + 2];
	int64_t household = 0, id = 0;
	int c, admin = 0;
	optind = 0; /* 0 makes glibc start over */
	while ((c = getopt_long(cli->argc, cli->argv, "", opts, NULL)) != -1) {
		if (c == 'n')
			name = optarg;
		else if (c == 'p')
			password = optarg;
		else if (c == 'h' && cli_parse_id(optarg, "--household", &household) == 0)
			continue;
		else if (c == 'a')
			admin = 1;
		else
			return cli_usage("user");
	}
	if (optind != cli->argc - 1 || !name)
		return cli_usage("user");
	if (!password) {
		if (read_password(typed, sizeof(typed)))
			return EXIT_INPUT;
		password = typed;
	}
	/* the account and its flag in one transaction */
	int rc = ctx_begin(ctx);
	if (!rc) {
		rc = account_create(ctx, cli->argv[optind], name, password, household, &id);
		if (!rc && admin)
			rc = account_set_admin(ctx, id, 1);
		rc = ctx_end(ctx, rc);
	}
	if (rc)
		return cli_domain_fail(ctx, rc, "cannot add the account");
	printf("added account %lld: %s%s\n", (long long)id, cli->argv[optind],
	       admin ? " (deployment administrator)" : "");
	return EXIT_OK;
}

static int user_grant(struct cli *cli, struct dv_ctx *ctx)
{
	static const struct option opts[] = {
		{"org", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	int64_t org = 0, unit = 0, gid = 0;
	enum role role;
	struct account a;
	int c;
	optind = 0; /* 0 makes glibc start over */
	while ((c = getopt_long(cli->argc, cli->argv, "", opts, NULL)) != -1)
		if (c != 'o' || cli_parse_id(optarg, "--org", &org))
			return cli_usage("user");
	if (optind != cli->argc - 3)
		return cli_usage("user");
	char **arg = cli->argv + optind;
	if (role_parse(arg[1], &role, &ctx->err))
		return cli_fail(EXIT_USAGE, "%s", ctx->err.msg);
	if (account_find(ctx, arg[0], &a))
		return cli_fail(EXIT_INPUT, "no account with the login %s", arg[0]);
	if (cli_parse_unit(ctx, arg[2], &unit))
		return EXIT_INPUT;
	int rc = grant_add(ctx, a.id, role, unit, org, &gid);
	if (rc)
		return cli_domain_fail(ctx, rc, "cannot grant the role");
	printf("granted %s on unit %lld to %s\n", role_name(role), (long long)unit, a.login);
	return EXIT_OK;
}

static int user_passwd(struct cli *cli, struct dv_ctx *ctx)
{
	static const struct option opts[] = {
		{"password", required_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	const char *password = NULL;
	char typed[PASSWORD_MAX + 2];
	struct account a;
	int c;
	optind = 0; /* 0 makes glibc start over */
	while ((c = getopt_long(cli->argc, cli->argv, "", opts, NULL)) != -1)
		if (c == 'p')
			password = optarg;
		else
			return cli_usage("user");
	if (optind != cli->argc - 1)
		return cli_usage("user");
	if (account_find(ctx, cli->argv[optind], &a))
		return cli_fail(EXIT_INPUT, "no account with the login %s", cli->argv[optind]);
	if (!password) {
		if (read_password(typed, sizeof(typed)))
			return EXIT_INPUT;
		password = typed;
	}
	int rc = account_set_password(ctx, a.id, password);
	if (rc)
		return cli_domain_fail(ctx, rc, "cannot set the password");
	printf("password changed for %s\n", a.login);
	return EXIT_OK;
}

int cmd_user(struct cli *cli)
{
	if (cli->argc < 2)
		return cli_usage("user");
	int (*sub)(struct cli *, struct dv_ctx *) = NULL;
	if (strcmp(cli->argv[1], "add") == 0)
		sub = user_add;
	else if (strcmp(cli->argv[1], "grant") == 0)
		sub = user_grant;
	else if (strcmp(cli->argv[1], "passwd") == 0)
		sub = user_passwd;
	else
		return cli_usage("user");
	struct db *db;
	if (cli_open(cli, &db))
		return EXIT_DB;
	struct arena a;
	struct dv_ctx ctx;
	cli_ctx(&ctx, db, &a);
	struct cli args = *cli; /* argv[0] becomes the subcommand */
	args.argc--;
	args.argv++;
	int rc = sub(&args, &ctx);
	arena_release(&a);
	db_close(db);
	return rc;
}

/*
 * danvan's entry point: the command table and the options every command
 * shares (--db URL).
 */
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/date.h"
#include "base/log.h"
#include "base/token.h"
#include "cli/cli.h"
#include "store/migrate.h"

static int cmd_help(struct cli *cli);

#define DB_HELP                                                                                    \
	"  --db URL   the database: sqlite:PATH (default sqlite:danvan.db) or\n"                   \
	"             postgres://USER@HOST:PORT/NAME; $DANVAN_DB when not given\n"

static const struct cli_command commands[] = {
	{"init", cmd_init, "create a new database (apply every migration)",
	 "usage: danvan init [--db URL]\n\n"
	 "Create the schema in a new database. An existing danvan database is left\n"
	 "as it is (use `danvan migrate` to upgrade it).\n\n" DB_HELP},
	{"migrate", cmd_migrate, "apply pending schema migrations",
	 "usage: danvan migrate [--db URL]\n\n"
	 "Apply every migration newer than the database, each in its own transaction.\n\n" DB_HELP},
	{"demo", cmd_demo, "fill a new database with the demo city of Dĩ An",
	 "usage: danvan demo [--households N] [--seed S] [--as-of DAY] [--reports R]\n"
	 "                   [--db URL]\n\n"
	 "Build Dĩ An city (Bình Dương) as of 2023: its seven wards with their\n"
	 "official codes, their neighborhoods, N synthetic households (default 5000,\n"
	 "at most 1000000) with residents, organizations, and one account per role,\n"
	 "printed with the password danvan-demo. The same seed gives the same data.\n"
	 "--as-of DAY (2025-07-01 or later) then replays the reorganization of\n"
	 "1 July 2025 through the same functions as `danvan units`: the district level\n"
	 "removed, Bình Dương merged into Hồ Chí Minh City, the new ward Dĩ An made\n"
	 "of the old Dĩ An and An Bình wards and six of Tân Đông Hiệp's seven\n"
	 "neighborhoods (Tân An stays). An earlier DAY changes nothing.\n"
	 "The demo also holds a few hundred citizen reports over the past year, the\n"
	 "bodies that handle them (their officers police@demo, dothi@demo,\n"
	 "moitruong@demo) and Tân Đông Hiệp's People's Inspection Board; --reports R\n"
	 "adds R more (at most 1000000) over the last 90 days, written in bulk, for\n"
	 "bench/open311.sh.\n"
	 "The database must hold no units yet.\n\n" DB_HELP},
	{"serve", cmd_serve, "serve the web interface",
	 "usage: danvan serve [--port P] [--listen ADDR] [--threads T] [--public-url URL]\n"
	 "                    [--batch-max N] [--smtp URL] [--smtp-from ADDR] [--sms URL] [--db URL]\n"
	 "                    [--db-read URL]\n\n"
	 "  --port P       TCP port (default 8080)\n"
	 "  --listen ADDR  address to bind (default 127.0.0.1; 0.0.0.0 for all)\n"
	 "  --threads T    event loops, one per core by default\n"
	 "  --public-url URL  the site's address for links printed on paper\n"
	 "                 (https://danvan.example.vn); default: what browsers use\n"
	 "  --db-read URL  a PostgreSQL streaming replica for public reads that may\n"
	 "                 lag; writes, and a browser's reads in the 10 s after its\n"
	 "                 write, go to the primary (--db)\n"
	 "  --batch-max N  ballots committed together in one transaction (group\n"
	 "                 commit), at most (default 1024; 1 commits each alone)\n"
	 "  --smtp URL     send notifications by e-mail through this server:\n"
	 "                 smtp://[USER:PASSWORD@]HOST[:PORT] (STARTTLS when offered;\n"
	 "                 DANVAN_SMTP_STARTTLS=required insists) or smtps://... (TLS);\n"
	 "                 default $DANVAN_SMTP; without either, in-app only\n"
	 "  --smtp-from ADDR  the mails' sender (default $DANVAN_SMTP_FROM, else\n"
	 "                 danvan@ the public URL's host)\n"
	 "  --sms URL      send text messages through this gateway (eSMS.vn's JSON API,\n"
	 "                 e.g. https://rest.esms.vn/MainService.svc/json/\n"
	 "                 SendMultipleMessage_V4_post_json/); default $DANVAN_SMS. Keys:\n"
	 "                 $DANVAN_SMS_KEY_FILE (ApiKey=, SecretKey=, Brandname= lines) or\n"
	 "                 $DANVAN_SMS_API_KEY, _SECRET_KEY, _BRANDNAME; $DANVAN_SMS_PRICE\n"
	 "                 (dong per part, default 800), $DANVAN_SMS_TIMEOUT_MS (15000)\n"
	 "SIGTERM or SIGINT stops accepting, lets requests in flight finish, exits 0.\n\n" DB_HELP},
	{"user", cmd_user, "add accounts, grant roles, set passwords",
	 "usage: danvan user add LOGIN --name NAME [--password P] [--household ID] [--admin]\n"
	 "       danvan user grant LOGIN ROLE UNIT [--org ID]\n"
	 "       danvan user passwd LOGIN [--password P]\n\n"
	 "LOGIN is a phone number or an e-mail address. Without --password the\n"
	 "password is asked for (or read from the first line of standard input).\n"
	 "ROLE is one of resident, representative, head, front, ward_officer,\n"
	 "org_officer, inspector, council, city_admin; UNIT is a unit id (see\n"
	 "`danvan units`) or code:OFFICIAL_CODE.\n"
	 "--admin makes the account a deployment administrator: a city administrator\n"
	 "on every unit, those imported later too, who may also add top-level units.\n\n" DB_HELP},
	{"units", cmd_units, "the tree of units: list, import, add, rename, move, merge, split",
	 "usage: danvan units [--under UNIT] [--depth N]\n"
	 "       danvan units import FILE.csv [--date D]\n"
	 "       danvan units add KIND NAME [--under UNIT] [--code CODE] [--date D]\n"
	 "       danvan units rename UNIT NAME [--date D]\n"
	 "       danvan units move UNIT NEW_PARENT [--date D]\n"
	 "       danvan units merge UNIT INTO [--date D]\n"
	 "       danvan units split UNIT --into SPEC --into SPEC... [--date D]\n\n"
	 "Without a subcommand, print units with their id, kind, official code and\n"
	 "household count (--depth levels, default 3).\n"
	 "  import  load the official list: a UTF-8 CSV file with the header\n"
	 "          code,name,kind,parent_code (parent_code empty for a top-level\n"
	 "          unit; a parent may come after its children). Units already\n"
	 "          there as listed are left alone; nothing is imported unless every\n"
	 "          line is valid, and each bad line is reported as FILE:LINE.\n"
	 "  add     a unit of KIND (province, city, ward, commune, neighborhood,\n"
	 "          village, residential_group) under UNIT, or at the top\n"
	 "  rename  give UNIT a new name; the old one stays in its history\n"
	 "  move    put UNIT (with everything in it) under NEW_PARENT\n"
	 "  merge   UNIT's units and households go to INTO; UNIT keeps its page and\n"
	 "          its records, marked merged into INTO\n"
	 "  split   UNIT becomes the new units given by --into, each\n"
	 "          \"NAME[#CODE]=MEMBER,MEMBER...\": a MEMBER is a unit inside UNIT\n"
	 "          (an id or code:CODE), household:ID for a household living\n"
	 "          directly in it, or * for everything not listed elsewhere; UNIT\n"
	 "          keeps its page and records, marked split into the new units\n"
	 "  --date D  the day the change takes effect (01/07/2025 or 2025-07-01;\n"
	 "          default today, never after today)\n"
	 "UNIT is a unit id (as printed) or code:OFFICIAL_CODE. Exits 4 when the\n"
	 "change is refused (a kind not allowed there, a unit merged into itself...).\n\n" DB_HELP},
	{"import", cmd_import, "import households from a CSV file",
	 "usage: danvan import households FILE.csv [--unit UNIT] [--skip-bad]\n"
	 "                                         [--rejects FILE] [--db URL]\n\n"
	 "Read a UTF-8 CSV file (\"CSV UTF-8\" in Excel; commas or semicolons) with a\n"
	 "header row, one resident per row; rows with the same household key form\n"
	 "one household. Columns (English or Vietnamese names, any case, with or\n"
	 "without diacritics): household/ma_ho, unit/khu_pho (a unit name or id),\n"
	 "address/dia_chi, full_name/ho_ten, gender/gioi_tinh, relation/quan_he, and\n"
	 "optionally birth_date/ngay_sinh, phone/dien_thoai, national_id/cccd.\n"
	 "A bad row is reported as FILE:LINE with the reason, and nothing is imported\n"
	 "unless every row is valid.\n"
	 "  --unit UNIT    resolve unit names inside this unit (an id or code:CODE)\n"
	 "  --skip-bad     import the good households, write the bad ones (with an\n"
	 "                 error column) to the rejects file\n"
	 "  --rejects FILE where rejected rows go (default FILE.rejects.csv)\n"
	 "Exits 4 when nothing was imported.\n\n" DB_HELP},
	{"rules", cmd_rules, "list or change the thresholds and time limits in force",
	 "usage: danvan rules [--db URL]\n"
	 "       danvan rules set KEY VALUE [--db URL]\n\n"
	 "The thresholds of the Law on Grassroots Democracy and Decree 59/2023 (a\n"
	 "meeting's quorum, a motion's majority, the validity of household ballots,\n"
	 "the counting committee, the head election's time limits), each with its\n"
	 "legal default. `set` changes one for this deployment within its range;\n"
	 "every page that applies it shows the new value.\n\n" DB_HELP},
	{"verify", cmd_verify, "recompute the audit chain and the works' ledgers",
	 "usage: danvan verify [--db URL]\n\n"
	 "Recompute every audit row's hash, then every work's ledger: each entry's\n"
	 "hash from the one before, the board's sign-offs and the totals the pages\n"
	 "show. Prints the audit chain's head hash when everything holds; names the\n"
	 "first broken audit row or ledger entry and exits 5 when not.\n\n" DB_HELP},
	{"backup", cmd_backup, "copy the database to a file",
	 "usage: danvan backup FILE [--db URL]\n\n"
	 "SQLite: a consistent copy made with the online backup API while danvan\n"
	 "keeps serving. PostgreSQL: prints the pg_dump command to use.\n\n" DB_HELP},
	{"help", cmd_help, "show help for a command", "usage: danvan help [COMMAND]\n"},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int cli_usage(const char *command)
{
	const struct cli_command *c = find_command(command);
	if (c)
		fputs(c->usage, stderr);
	return EXIT_USAGE;
}

static void overview(FILE *f)
{
	fputs("usage: danvan COMMAND [options]\n\ncommands:\n", f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\nexit codes: 0 ok, 1 failed, 2 usage error, 3 database unavailable or not\n"
	      "current, 4 input refused, 5 audit chain broken\n"
	      "`danvan help COMMAND` shows a command's options.\n"
	      "$DANVAN_NOW (2026-12-01T09:00:00+07:00) starts the clock at that instant.\n",
	      f);
}

static int cmd_help(struct cli *cli)
{
	if (cli->argc < 2) {
		overview(stdout);
		return EXIT_OK;
	}
	const struct cli_command *c = find_command(cli->argv[1]);
	if (!c)
		return cli_fail(EXIT_USAGE, "no command '%s' (see `danvan help`)", cli->argv[1]);
	fputs(c->usage, stdout);
	return EXIT_OK;
}

/* Take --db URL / --db=URL out of argv, wherever it stands. */
static int take_db_option(int *argc, char **argv, const char **url)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= *argc)
				return cli_fail(EXIT_USAGE, "--db needs a URL");
			*url = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			*url = argv[i] + 5;
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

int main(int argc, char **argv)
{
	const char *url = NULL;
	setlocale(LC_ALL, "C.UTF-8");
	signal(SIGPIPE, SIG_IGN);
	if (take_db_option(&argc, argv, &url))
		return EXIT_USAGE;
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		overview(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	const struct cli_command *c = find_command(argv[1]);
	if (!c)
		return cli_fail(EXIT_USAGE, "no command '%s' (see `danvan help`)", argv[1]);
	if (token_init() != 0)
		return cli_fail(EXIT_FAIL, "libsodium could not start (no entropy source?)");
	if (i18n_init() != 0) /* what commands write for people is in Vietnamese */
		return cli_fail(EXIT_FAIL, "the built-in Vietnamese catalog is damaged");
	struct dv_err err = {0};
	int pinned = clock_from_env(&err);
	if (pinned < 0)
		return cli_fail(EXIT_USAGE, "%s", err.msg);
	struct cli cli = {.db_url = db_default_url(url), .argc = argc - 1, .argv = argv + 1,
			  .clock_pinned = pinned};
	for (int i = 1; i < cli.argc; i++)
		if (strcmp(cli.argv[i], "--help") == 0 || strcmp(cli.argv[i], "-h") == 0) {
			fputs(c->usage, stdout);
			return EXIT_OK;
		}
	return c->run(&cli);
}

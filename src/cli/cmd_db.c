/*
 * Database commands: init, migrate, verify, backup.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/works/ledger.h"
#include "store/audit.h"
#include "store/migrate.h"

static int open_raw(struct cli *cli, struct db **db)
{
	struct dv_err err = {0};
	if (db_open(cli->db_url, db, &err))
		return cli_fail(EXIT_DB, "%s", err.msg);
	return 0;
}

int cmd_init(struct cli *cli)
{
	struct db *db;
	struct dv_err err = {0};
	int version = 0, applied = 0;
	if (cli->argc > 1)
		return cli_usage("init");
	if (open_raw(cli, &db))
		return EXIT_DB;
	int rc = migrate_version(db, &version, &err);
	if (!rc && version > 0) {
		printf("%s already holds a danvan database (schema version %d)%s\n", cli->db_url,
		       version, version < migrate_latest() ? "; run `danvan migrate`" : "");
		db_close(db);
		return EXIT_OK;
	}
	if (!rc)
		rc = migrate_apply(db, &applied, &err);
	db_close(db);
	if (rc)
		return cli_fail(EXIT_DB, "%s", err.msg);
	printf("created %s (schema version %d)\n", cli->db_url, migrate_latest());
	return EXIT_OK;
}

int cmd_migrate(struct cli *cli)
{
	struct db *db;
	struct dv_err err = {0};
	int applied = 0;
	if (cli->argc > 1)
		return cli_usage("migrate");
	if (open_raw(cli, &db))
		return EXIT_DB;
	int rc = migrate_apply(db, &applied, &err);
	db_close(db);
	if (rc)
		return cli_fail(EXIT_DB, "%s", err.msg);
	if (applied)
		printf("applied %d migration%s; schema version %d\n", applied,
		       applied > 1 ? "s" : "", migrate_latest());
	else
		printf("schema version %d: nothing to do\n", migrate_latest());
	return EXIT_OK;
}

/* Every work's ledger (domain/works/ledger.h): 0 if they hold, else
 * EXIT_VERIFY with the first broken entry named. */
static int verify_ledgers(struct db *db)
{
	struct dv_ctx ctx;
	struct arena arena;
	struct ledger_report r;
	cli_ctx(&ctx, db, &arena);
	int rc = ledger_verify(&ctx, &r);
	if (rc) {
		cli_fail(0, "cannot read the works' ledgers: %s", ctx.err.msg);
		arena_release(&arena);
		return EXIT_FAIL;
	}
	arena_release(&arena);
	if (r.work_id) {
		if (r.entry_id)
			printf("ledger of work %lld BROKEN at entry %lld (no. %lld of the work): %s\n",
			       (long long)r.work_id, (long long)r.entry_id, (long long)r.seq,
			       r.reason);
		else
			printf("ledger of work %lld BROKEN: %s\n", (long long)r.work_id, r.reason);
		printf("%lld works, %lld entries checked\n", (long long)r.works,
		       (long long)r.entries);
		return EXIT_VERIFY;
	}
	printf("works' ledgers hold: %lld works, %lld entries\n", (long long)r.works,
	       (long long)r.entries);
	return EXIT_OK;
}

int cmd_verify(struct cli *cli)
{
	struct db *db;
	struct dv_err err = {0};
	struct audit_report r;
	if (cli->argc > 1)
		return cli_usage("verify");
	if (cli_open(cli, &db))
		return EXIT_DB;
	int rc = audit_verify(db, &r, &err);
	if (rc) {
		db_close(db);
		return cli_fail(EXIT_FAIL, "cannot read the audit log: %s", err.msg);
	}
	int status = EXIT_OK;
	if (r.first_bad) {
		printf("audit chain BROKEN at row %lld (chain %lld): %s\n", (long long)r.first_bad,
		       (long long)r.bad_chain, r.reason);
		printf("%lld rows checked\n", (long long)r.rows);
		status = EXIT_VERIFY;
	} else {
		printf("audit chain holds: %lld rows\nhead %s\n", (long long)r.rows, r.head);
		printf("%lld chains (the deployment's and one per commune that wrote), "
		       "%lld anchors checked\n",
		       (long long)r.chains, (long long)r.anchors);
	}
	/* the ledgers are checked whatever the audit chain says: each names its
	 * own first broken entry */
	int ledgers = verify_ledgers(db);
	db_close(db);
	return status != EXIT_OK ? status : ledgers;
}

/* The online backup API copies a consistent snapshot while writers go on. */
static int sqlite_backup(const char *src_path, const char *dst_path)
{
	sqlite3 *src = NULL, *dst = NULL;
	const char *failed = src_path;
	int rc = sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK) {
		failed = dst_path;
		rc = sqlite3_open(dst_path, &dst);
	}
	if (rc != SQLITE_OK) {
		cli_fail(0, "cannot open %s: %s", failed, sqlite3_errstr(rc));
		sqlite3_close(src);
		sqlite3_close(dst);
		return EXIT_FAIL;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		cli_fail(0, "cannot back up to %s: %s", dst_path, sqlite3_errmsg(dst));
		sqlite3_close(src);
		sqlite3_close(dst);
		return EXIT_FAIL;
	}
	do {
		rc = sqlite3_backup_step(b, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	int ok = rc == SQLITE_DONE;
	if (!ok)
		cli_fail(0, "backup failed: %s", sqlite3_errstr(rc));
	sqlite3_close(src);
	sqlite3_close(dst);
	return ok ? EXIT_OK : EXIT_FAIL;
}

int cmd_backup(struct cli *cli)
{
	struct db *db;
	if (cli->argc != 2 || cli->argv[1][0] == '-')
		return cli_usage("backup");
	const char *out = cli->argv[1];
	if (cli_open(cli, &db))
		return EXIT_DB;
	enum db_kind kind = db_kind(db);
	db_close(db);
	if (kind == DB_POSTGRES) {
		printf("PostgreSQL keeps its own backups; run:\n"
		       "  pg_dump --format=custom --file='%s' '%s'\n"
		       "and restore with pg_restore --dbname=URL '%s'\n",
		       out, cli->db_url, out);
		return EXIT_OK;
	}
	FILE *probe = fopen(out, "r");
	if (probe) {
		fclose(probe);
		return cli_fail(EXIT_FAIL, "%s exists already: choose a new file name", out);
	}
	const char *path = strncmp(cli->db_url, "sqlite:", 7) == 0 ? cli->db_url + 7 : cli->db_url;
	int rc = sqlite_backup(path, out);
	if (rc == EXIT_OK)
		printf("backed up %s to %s\n", path, out);
	return rc;
}

#include "store/migrate.h"

#include "base/date.h"

/* Generated from src/store/migrations/NNN_name.sql by tools/embed.c. */
extern const char mig_001_foundation[];
extern const char mig_002_sessions[];
extern const char mig_003_household_codes[];
extern const char mig_004_search[];
extern const char mig_005_notices[];
extern const char mig_006_matters[];
extern const char mig_007_meetings[];
extern const char mig_008_paper_ballots[];
extern const char mig_009_elections[];
extern const char mig_010_consultations[];
extern const char mig_011_ballot_secrecy[];
extern const char mig_012_reorganization[];
extern const char mig_013_works[];
extern const char mig_014_reports[];
extern const char mig_015_emulation[];
extern const char mig_016_titles[];
extern const char mig_017_awards[];
extern const char mig_018_plans[];
extern const char mig_019_notify[];
extern const char mig_020_list_indexes[];
extern const char mig_021_audit_chains[];
extern const char mig_022_notify_claims[];
extern const char mig_023_notify_sms[];
extern const char mig_024_opinion_ward[];
extern const char mig_025_audit_anchors[];
extern const char mig_026_outbox_pending[];

static const struct migration {
	int version;
	const char *name;
	const char *sql;
} migrations[] = {
	{1, "foundation", mig_001_foundation},
	{2, "sessions", mig_002_sessions},
	{3, "household_codes", mig_003_household_codes},
	{4, "search", mig_004_search},
	{5, "notices", mig_005_notices},
	{6, "matters", mig_006_matters},
	{7, "meetings", mig_007_meetings},
	{8, "paper_ballots", mig_008_paper_ballots},
	{9, "elections", mig_009_elections},
	{10, "consultations", mig_010_consultations},
	{11, "ballot_secrecy", mig_011_ballot_secrecy},
	{12, "reorganization", mig_012_reorganization},
	{13, "works", mig_013_works},
	{14, "reports", mig_014_reports},
	{15, "emulation", mig_015_emulation},
	{16, "titles", mig_016_titles},
	{17, "awards", mig_017_awards},
	{18, "plans", mig_018_plans},
	{19, "notify", mig_019_notify},
	{20, "list_indexes", mig_020_list_indexes},
	{21, "audit_chains", mig_021_audit_chains},
	{22, "notify_claims", mig_022_notify_claims},
	{23, "notify_sms", mig_023_notify_sms},
	{24, "opinion_ward", mig_024_opinion_ward},
	{25, "audit_anchors", mig_025_audit_anchors},
	{26, "outbox_pending", mig_026_outbox_pending},
};

#define N_MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

int migrate_count(void)
{
	return N_MIGRATIONS;
}

int migrate_latest(void)
{
	return migrations[N_MIGRATIONS - 1].version;
}

static int ensure_version_table(struct db *db, struct dv_err *err)
{
	return db_exec_script(db,
			      "CREATE TABLE IF NOT EXISTS schema_version ("
			      " version INTEGER PRIMARY KEY,"
			      " name TEXT NOT NULL,"
			      " applied_at BIGINT NOT NULL)",
			      err);
}

int migrate_version(struct db *db, int *version, struct dv_err *err)
{
	int rc = ensure_version_table(db, err);
	if (rc)
		return rc;
	int64_t v = 0;
	rc = db_int(db, &v, err, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
	if (rc)
		return rc;
	*version = (int)v;
	return 0;
}

int migrate_apply(struct db *db, int *applied, struct dv_err *err)
{
	int current = 0, n = 0;
	if (applied)
		*applied = 0;
	int rc = migrate_version(db, &current, err);
	if (rc)
		return rc;
	if (current > migrate_latest())
		return dv_sysfail(err, DV_ECONFLICT, "db",
			       "The database is at schema version %d, newer than this danvan "
			       "(version %d): upgrade danvan",
			       current, migrate_latest());
	for (int i = 0; i < N_MIGRATIONS; i++) {
		const struct migration *m = &migrations[i];
		int64_t there = 0;
		/* numbers are given out to modules built side by side, so a
		 * database may hold a later one than a migration it lacks: each
		 * is applied unless it is recorded, not by the highest alone */
		if (m->version <= current &&
		    (rc = db_int(db, &there, err,
				 "SELECT COUNT(*) FROM schema_version WHERE version = $1",
				 DB_I(m->version))))
			return rc;
		if (m->version <= current && there)
			continue;
		if ((rc = db_begin(db, err)))
			return rc;
		rc = db_exec_script(db, m->sql, err);
		if (!rc)
			rc = db_run(db, err,
				    "INSERT INTO schema_version (version, name, applied_at) "
				    "VALUES ($1, $2, $3)",
				    DB_I(m->version), DB_T(m->name), DB_I(time_now()));
		if (rc) {
			db_rollback(db);
			dv_err_prefix(err, "migration %03d_%s failed: ", m->version, m->name);
			return rc;
		}
		if ((rc = db_commit(db, err)))
			return rc;
		n++;
	}
	if (applied)
		*applied = n;
	return 0;
}

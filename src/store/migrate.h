/*
 * Schema migrations: numbered SQL files under src/store/migrations/, built
 * into the binary and listed in order in migrate.c. The applied version is
 * kept in the schema_version table; each migration runs in a transaction of
 * its own, so a failure leaves the database at the previous version.
 */
#ifndef DV_STORE_MIGRATE_H
#define DV_STORE_MIGRATE_H

#include "store/db.h"

/* Apply every migration the database has not recorded, in order (numbers
 * are handed to modules built side by side, so one may land after a later
 * one was applied). *applied (may be NULL) gets how many ran. DV_EDB if one fails; DV_ECONFLICT if the database
 * was migrated by a newer danvan than this one. */
int migrate_apply(struct db *db, int *applied, struct dv_err *err);

/* The database's schema version (0 for an empty database). */
int migrate_version(struct db *db, int *version, struct dv_err *err);

/* The newest version this program knows. */
int migrate_latest(void);
/* How many migrations this program knows (numbers may have gaps). */
int migrate_count(void);

#endif

/*
 * The audit chain: an append-only table where each row holds the BLAKE2b
 * hash of the row before it, so rewriting history breaks the chain and
 * `danvan verify` finds the first broken row.
 *
 * A row is appended in the same transaction as the change it records:
 * audit_append() refuses to run outside a transaction.
 */
#ifndef DV_STORE_AUDIT_H
#define DV_STORE_AUDIT_H

#include <stdint.h>

#include "base/token.h"
#include "store/db.h"

struct audit_entry {
	int64_t at;	     /* UTC epoch seconds */
	int64_t actor_id;    /* account, or 0 for the system (CLI, demo) */
	const char *action;  /* "unit.merge", "household.create", ... */
	const char *entity;  /* "unit", "household", ... */
	int64_t entity_id;   /* 0 if none */
	int64_t unit_id;     /* the unit the change belongs to, 0 if none */
	const char *details; /* JSON object text, "{}" if nothing more */
};

/* Append one row; *id_out (may be NULL) gets its sequence number. */
int audit_append(struct db *db, const struct audit_entry *e, int64_t *id_out, struct dv_err *err);

struct audit_report {
	int64_t rows;		     /* rows checked */
	int64_t first_bad;	     /* id of the first broken row, 0 if the chain holds */
	char reason[200];	     /* why that row is broken */
	char head[HASH_HEX_LEN + 1]; /* hash of the last row (or the genesis hash) */
};

/* Recompute the whole chain. Returns 0 whether or not the chain holds (read
 * report->first_bad); an error only if the database cannot be read. */
int audit_verify(struct db *db, struct audit_report *report, struct dv_err *err);

/* The current head: number of rows and hash of the last one. */
int audit_head(struct db *db, int64_t *seq, char hash[HASH_HEX_LEN + 1], struct dv_err *err);

/* The hash of a row given its fields and the previous hash (exposed so a test
 * can check the definition against an independent computation). */
void audit_row_hash(char out[HASH_HEX_LEN + 1], const char *prev_hash, int64_t id,
		    const struct audit_entry *e);

#endif

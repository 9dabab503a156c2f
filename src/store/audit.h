/*
 * The audit chain: an append-only table where each row holds the BLAKE2b
 * hash of the row before it, so rewriting history breaks the chain and
 * `danvan verify` finds the first broken row.
 *
 * A row is appended in the same transaction as the change it records:
 * audit_append() refuses to run outside a transaction. There is one chain
 * per commune and one for the deployment, which anchors the others.
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
	int64_t chain;	     /* the chain it is in (audit_append sets it) */
};

/* Append one row to the chain of the transaction's level (db_chain: its
 * commune's, or the deployment's); *id_out (may be NULL) gets the row's id,
 * unique across chains. Appenders of one chain are serialized by its head
 * row's lock; those of different chains never wait on each other. */
int audit_append(struct db *db, const struct audit_entry *e, int64_t *id_out, struct dv_err *err);

/*
 * Record the head of every commune chain that moved since its last anchor in
 * the deployment's chain (chain 0), one row each (action "audit.anchor"), in
 * a transaction of its own, acted by the system at `now`. *anchored (may be
 * NULL) gets how many chains were anchored. The server runs it every minute.
 */
int audit_anchor(struct db *db, int64_t now, int *anchored, struct dv_err *err);

struct audit_report {
	int64_t rows;		     /* rows checked, all chains */
	int64_t chains;		     /* chains checked */
	int64_t anchors;	     /* anchors checked against their chains */
	int64_t first_bad;	     /* id of the first broken row (for a missing row, its
				      * place in its chain), 0 if every chain holds */
	int64_t bad_chain;	     /* its chain */
	char reason[200];	     /* why that row is broken */
	char head[HASH_HEX_LEN + 1]; /* hash of the deployment chain's last row */
};

/* Recompute every chain, and check each anchor against the chain it names.
 * Returns 0 whether or not the chains hold (read report->first_bad); an
 * error only if the database cannot be read. */
int audit_verify(struct db *db, struct audit_report *report, struct dv_err *err);

/* The deployment chain's head: number of rows and hash of the last one. */
int audit_head(struct db *db, int64_t *seq, char hash[HASH_HEX_LEN + 1], struct dv_err *err);

/* Every chain's head seq less its anchor rows (chain 0's, which change no
 * page), by chain id ascending, into *out (malloc'd, *n of them): a page
 * cache compares a commune's own and the deployment's. */
struct audit_seq {
	int64_t chain, seq;
};
int audit_heads(struct db *db, struct audit_seq **out, size_t *n, struct dv_err *err);

/* The hash of a row given its fields, its place in its chain and the
 * previous hash (exposed so a test can check the definition against an
 * independent computation). Rows of chain 0 hash as they did before there
 * were several chains. */
void audit_row_hash(char out[HASH_HEX_LEN + 1], const char *prev_hash, int64_t seq,
		    const struct audit_entry *e);

#endif

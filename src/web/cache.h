/*
 * Rendered public pages kept in memory (DESIGN.md, "Speed by design"): the
 * unit tree and unit homes that anyone may read are rendered once per loop
 * thread and language, and served from memory until a write may have changed
 * them.
 *
 * A page is fresh while no transaction that changed rows has committed
 * since it was rendered and the day has not changed (notices come into view
 * at midnight): in this process commits are known at once (db_commits);
 * writes by other processes sharing a PostgreSQL database are noticed
 * through the audit chains' heads, read at most every PAGE_CACHE_CHECK_MS.
 * A page of one commune's records (page_cache_scope) watches only that
 * commune's commits and chain, and the deployment's.
 */
#ifndef DV_WEB_CACHE_H
#define DV_WEB_CACHE_H

#include <stdint.h>

#include "web/http.h"

#define PAGE_CACHE_CHECK_MS 250
#define PAGE_CACHE_ENTRIES 1024 /* per loop thread; a full cache starts over */

struct cache_gen {
	uint64_t commits;
	int64_t audit_seq;
	int32_t day;   /* the local date it was rendered on */
	uint64_t snap; /* which reading of the chains' heads it was judged by */
};

/* May this request be answered from (and stored in) the cache? An anonymous
 * GET or HEAD without a query string. */
int page_cache_eligible(struct req *r);

/*
 * Serve r from the cache if a fresh copy exists (1), or leave it alone (0)
 * and fill *gen with the generation to store the page under once rendered.
 */
int page_cache_lookup(struct req *r, struct cache_gen *gen);

/* Keep r's response (a 200 without extra headers) under gen. */
void page_cache_store(struct req *r, const struct cache_gen *gen);

/*
 * The page being rendered shows the records of one commune only (and what
 * lies above the communes: units, a city's notices). It then stays fresh
 * while that commune and the deployment's level are unchanged, whatever
 * other communes write (db_commits_in, the two chains' heads). A page that
 * shows anything a transaction of another commune may change (a count of
 * opinions from a whole city) must not call it.
 */
void page_cache_scope(struct req *r, int64_t commune);

/* Free this thread's cache (a loop thread on its way out). */
void page_cache_release(void);

#endif

#include "web/cache.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/log.h"
#include "store/audit.h"

struct entry {
	char *key; /* lang '\n' path */
	char *body;
	size_t len;
	const char *content_type; /* a literal from the handler */
	struct cache_gen gen;
	/* a page of one commune's records: that commune, and its commits and
	 * heads (with the deployment's) when it was rendered */
	int64_t commune;
	uint64_t commune_commits;
	int64_t commune_seq;
};

struct page_cache {
	struct entry slots[2 * PAGE_CACHE_ENTRIES]; /* open addressing, half full at most */
	size_t n;
	int64_t audit_seq;     /* the sum of the heads, -1 when unknown */
	struct audit_seq *heads; /* by chain ascending */
	size_t nheads;
	uint64_t snap;
	int64_t checked_ms;
};

/* One per loop thread: no locks. Workers never serve cached pages. */
static _Thread_local struct page_cache *tl_cache;

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void clear(struct page_cache *c)
{
	for (size_t i = 0; i < 2 * PAGE_CACHE_ENTRIES; i++) {
		free(c->slots[i].key);
		free(c->slots[i].body);
		c->slots[i] = (struct entry){0};
	}
	c->n = 0;
}

static struct entry *slot(struct page_cache *c, const char *key)
{
	size_t mask = 2 * PAGE_CACHE_ENTRIES - 1;
	for (size_t i = hash(key) & mask;; i = (i + 1) & mask)
		if (!c->slots[i].key || strcmp(c->slots[i].key, key) == 0)
			return &c->slots[i];
}

int page_cache_eligible(struct req *r)
{
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0)
		return 0;
	if (*r->query || req_header(r, "authorization"))
		return 0;
	const char *cookies = req_cookies(r);
	return !cookies || !cookie_get(&r->arena, cookies, "sid");
}

static const char *key_of(struct req *r)
{
	return arena_printf(&r->arena, "%s\n%s", r->ctx.lang, r->path);
}

/* A chain's head seq in the last reading (0 if it has none yet). */
static int64_t head_of(const struct page_cache *c, int64_t chain)
{
	size_t lo = 0, hi = c->nheads;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->heads[mid].chain < chain)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nheads && c->heads[lo].chain == chain ? c->heads[lo].seq : 0;
}

/* Read the chains' heads again (at most every PAGE_CACHE_CHECK_MS). */
static void read_heads(struct page_cache *c, struct req *r)
{
	struct dv_err err = {0};
	struct audit_seq *v;
	size_t n;
	free(c->heads);
	c->heads = NULL;
	c->nheads = 0;
	c->audit_seq = -1; /* unknown: nothing counts as fresh */
	c->snap++;
	if (audit_heads(r->ctx.db, &v, &n, &err)) {
		log_warn("page cache: %s", err.msg);
		return;
	}
	c->heads = v;
	c->nheads = n;
	c->audit_seq = 0;
	for (size_t i = 0; i < n; i++)
		c->audit_seq += v[i].seq;
}

static int fresh(const struct page_cache *c, const struct entry *e, const struct cache_gen *gen)
{
	if (!e->key || e->gen.day != gen->day)
		return 0;
	if (e->commune)
		return e->commune_commits == db_commits_in(e->commune) &&
		       e->commune_seq == head_of(c, e->commune) + head_of(c, 0);
	return e->gen.commits == gen->commits && e->gen.audit_seq == gen->audit_seq;
}

int page_cache_lookup(struct req *r, struct cache_gen *gen)
{
	if (!tl_cache && !(tl_cache = calloc(1, sizeof(*tl_cache))))
		return 0;
	struct page_cache *c = tl_cache;
	int64_t now = now_ms();
	if (now - c->checked_ms >= PAGE_CACHE_CHECK_MS) {
		read_heads(c, r);
		c->checked_ms = now;
	}
	gen->commits = db_commits();
	gen->audit_seq = c->audit_seq;
	gen->day = time_local_date(r->ctx.now);
	gen->snap = c->snap;
	if (gen->audit_seq < 0)
		return 0;
	struct entry *e = slot(c, key_of(r));
	if (!fresh(c, e, gen))
		return 0;
	r->status = 200;
	r->content_type = e->content_type;
	buf_add(&r->out, e->body, e->len);
	res_header(r, "x-page-cache", "hit");
	return 1;
}

void page_cache_scope(struct req *r, int64_t commune)
{
	r->cache_commune = commune > 0 ? commune : 0;
}

void page_cache_store(struct req *r, const struct cache_gen *gen)
{
	struct page_cache *c = tl_cache;
	if (!c || r->status != 200 || r->nheaders || gen->audit_seq < 0)
		return;
	/* a commune's page is judged by that commune's counts, read now: only
	 * if nothing committed, and the heads were not read again, meanwhile */
	if (r->cache_commune && (gen->commits != db_commits() || gen->snap != c->snap))
		return;
	const char *key = key_of(r);
	struct entry *e = slot(c, key);
	if (!e->key) {
		if (c->n >= PAGE_CACHE_ENTRIES) {
			clear(c);
			e = slot(c, key);
		}
		e->key = strdup(key);
		c->n++;
	}
	free(e->body);
	e->body = malloc(r->out.len ? r->out.len : 1);
	if (!e->key || !e->body) {
		clear(c);
		return;
	}
	memcpy(e->body, r->out.ptr, r->out.len);
	e->len = r->out.len;
	e->content_type = r->content_type;
	e->gen = *gen;
	e->commune = r->cache_commune;
	if (e->commune) {
		e->commune_commits = db_commits_in(e->commune);
		e->commune_seq = head_of(c, e->commune) + head_of(c, 0);
	}
}

void page_cache_release(void)
{
	if (!tl_cache)
		return;
	clear(tl_cache);
	free(tl_cache->heads);
	free(tl_cache);
	tl_cache = NULL;
}

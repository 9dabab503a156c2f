/*
 * bench/ballots.c: households voting over HTTP, for bench/ballots.sh and
 * the durability test (tests/http/test_ballots_kill.sh).
 *
 *   ballots setup --db URL --out FILE
 *       As the system: open a yes/no household ballot in every community
 *       that has households (unless one is open there), and give every
 *       household of those communities a representative account with an
 *       API token. FILE gets one "MATTER TOKEN" line per household.
 *   ballots run --url http://127.0.0.1:PORT --tokens FILE [--connections C]
 *               [--log FILE] [--limit N]
 *       C connections (keep-alive HTTP/1.1) cast one ballot per line of
 *       FILE, all as fast as the server answers; prints how many were
 *       acknowledged (200) and the rate. With --log, each acknowledged
 *       receipt is written (and flushed) as its answer arrives, so a test
 *       that kills the server knows exactly what it was told.
 *   ballots check --db URL --log FILE
 *       Every receipt in FILE is in the database as a cast ballot, and for
 *       every matter the count of cast ballots equals the ballots in its
 *       box, and its online ballots the households marked on its roll as
 *       voting online: what was acknowledged survived, and nothing is
 *       counted twice. Exit 1 if not.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/token.h"
#include "domain/identity/account.h"
#include "domain/ctx.h"
#include "domain/decide/matter.h"
#include "domain/identity/grant.h"
#include "domain/perm.h"
#include "domain/identity/session.h"
#include "store/db.h"
#include "store/migrate.h"

static int usage(void)
{
	fprintf(stderr, "usage: ballots setup --db URL --out FILE\n"
			"       ballots run --url http://127.0.0.1:PORT --tokens FILE "
			"[--connections C] [--log FILE] [--limit N]\n"
			"       ballots check --db URL --log FILE\n");
	return 2;
}

/* ----------------------------------------------------------------- setup */

struct pair {
	int64_t unit, household;
};

static int communities(struct dv_ctx *ctx, struct pair **v, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc = db_query(ctx->db, &st, &ctx->err,
			  "SELECT h.unit_id, h.id FROM household h WHERE h.status = 'active' "
			  "ORDER BY h.unit_id, h.id");
	if (rc)
		return rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW) {
		struct pair *p = ARENA_PUSH(ctx->arena, *v, *n, cap);
		p->unit = db_col_int(st, 0);
		p->household = db_col_int(st, 1);
	}
	return rc < 0 ? rc : 0;
}

/* An open household ballot in the community nobody has voted in yet (the
 * demo's own may have votes, or be a meeting), or a new one. */
static int64_t open_matter(struct dv_ctx *ctx, int64_t unit, int *rc)
{
	int64_t id = 0;
	*rc = db_int(ctx->db, &id, &ctx->err,
		     "SELECT id FROM matter WHERE unit_id = $1 AND status = 'open' AND form = "
		     "'ballot' AND cast_count = 0 LIMIT 1",
		     DB_I(unit));
	if (*rc != DV_ENOTFOUND)
		return id;
	struct matter_input in = {.unit_id = unit,
				  .type = MT_OTHER,
				  .form = "ballot",
				  .title = "Giờ tắt loa phát thanh buổi tối",
				  .body = "Đề nghị tắt loa phát thanh lúc 21 giờ."};
	if (!(*rc = matter_create(ctx, &in, &id)))
		*rc = matter_open(ctx, id, ctx->now + 86400);
	return id;
}

/* An account for household h sharing one precomputed password hash (the
 * slow argon2id runs once), its representative grant, and a token. */
static int voter(struct dv_ctx *ctx, const struct account_new *proto, const struct pair *p,
		 char token[TOKEN_TEXT_MAX + 1])
{
	struct account_new a = *proto;
	int64_t account = 0, grant, tid;
	a.login = arena_printf(ctx->arena, "voter-%lld@bench", (long long)p->household);
	int rc = account_insert(ctx, &a, p->household, &account);
	if (!rc)
		rc = grant_insert(ctx, account, ROLE_REPRESENTATIVE, p->unit, 0, &grant);
	if (rc)
		return rc;
	const struct actor *was = ctx->actor;
	struct actor me = {.account_id = account, .display_name = a.name};
	ctx->actor = &me;
	rc = api_token_create(ctx, "bench", token, &tid);
	ctx->actor = was;
	return rc;
}

static int setup(const char *url, const char *out)
{
	struct db *db;
	struct arena a;
	struct dv_ctx ctx;
	struct account_new proto;
	struct pair *v = NULL;
	size_t n = 0;
	int64_t matter = 0, unit = 0;
	FILE *f = fopen(out, "w");
	if (!f || token_init() || db_open(url, &db, &ctx.err)) {
		fprintf(stderr, "ballots: cannot open %s or %s\n", out, url);
		return 1;
	}
	arena_init(&a);
	ctx_init(&ctx, db, &a, &actor_system);
	int rc = account_prepare(&ctx, "voter@bench", "Đại diện hộ (bench)", "bench-password",
				 &proto);
	if (!rc)
		rc = communities(&ctx, &v, &n);
	if (!rc)
		rc = db_begin(db, &ctx.err);
	for (size_t i = 0; !rc && i < n; i++) {
		char token[TOKEN_TEXT_MAX + 1];
		if (v[i].unit != unit) {
			unit = v[i].unit;
			matter = open_matter(&ctx, unit, &rc);
		}
		if (!rc && !(rc = voter(&ctx, &proto, &v[i], token)))
			fprintf(f, "%lld %s\n", (long long)matter, token);
	}
	if (!rc)
		rc = db_commit(db, &ctx.err);
	if (rc)
		fprintf(stderr, "ballots: setup failed: %s\n", ctx.err.msg);
	else
		fprintf(stderr, "ballots: %zu voters ready\n", n);
	fclose(f);
	db_close(db);
	arena_release(&a);
	return rc ? 1 : 0;
}

/* ----------------------------------------------------------------- check */

static int check(const char *url, const char *logpath)
{
	struct db *db;
	struct dv_err err = {0};
	FILE *f = fopen(logpath, "r");
	long long matter;
	char receipt[16];
	long found = 0, missing = 0, drift = 0;
	if (!f || db_open(url, &db, &err)) {
		fprintf(stderr, "ballots: cannot open %s or %s\n", logpath, url);
		return 1;
	}
	while (fscanf(f, "%lld %15s", &matter, receipt) == 2) {
		int64_t n = 0;
		if (db_int(db, &n, &err,
			   "SELECT COUNT(*) FROM ballot_box WHERE matter_id = $1 AND receipt = $2 "
			   "AND kind = 'online' AND choice = 'yes'",
			   DB_I(matter), DB_T(receipt)) ||
		    n != 1) {
			missing++;
			fprintf(stderr, "ballots: acknowledged %lld %s is not there\n", matter, receipt);
		} else {
			found++;
		}
	}
	fclose(f);
	int64_t bad = 0;
	/* the box's ballots, the matter's count and the roll's online voters
	 * agree: no ballot without its household marked, and none twice */
	if (db_int(db, &bad, &err,
		   "SELECT COUNT(*) FROM matter m WHERE m.form <> 'meeting' AND (m.cast_count <> "
		   "(SELECT COUNT(*) FROM ballot_box b WHERE b.matter_id = m.id "
		   "AND b.choice IS NOT NULL) "
		   "OR (SELECT COUNT(*) FROM ballot_box b WHERE b.matter_id = m.id "
		   "AND b.kind = 'online') <> "
		   "(SELECT COUNT(*) FROM ballot_roll r WHERE r.matter_id = m.id "
		   "AND r.how = 'online'))"))
		bad = -1;
	drift = (long)bad;
	db_close(db);
	printf("%ld acknowledged ballots found, %ld missing; %ld matters whose count is off\n",
	       found, missing, drift);
	return missing || drift ? 1 : 0;
}

/* ------------------------------------------------------------------- run */

struct voter_line {
	long long matter;
	char token[TOKEN_TEXT_MAX + 1];
};

struct runner {
	struct sockaddr_in addr;
	const struct voter_line *v;
	size_t n, stride, first;
	FILE *log;
	pthread_mutex_t *log_mu;
	long acked, other, failed;
};

static int connect_to(const struct sockaddr_in *addr)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	if (fd < 0)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (const struct sockaddr *)addr, sizeof(*addr))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Read one response: its status, and its body into body (NUL-terminated). */
static int read_response(int fd, char *buf, size_t cap, int *status, const char **body)
{
	size_t len = 0;
	char *end = NULL;
	while (!end) {
		if (len + 1 >= cap)
			return -1;
		ssize_t k = read(fd, buf + len, cap - 1 - len);
		if (k <= 0)
			return -1;
		len += (size_t)k;
		buf[len] = '\0';
		end = strstr(buf, "\r\n\r\n");
	}
	const char *cl = strcasestr(buf, "\r\ncontent-length:");
	size_t want = cl ? strtoul(cl + 17, NULL, 10) : 0, head = (size_t)(end + 4 - buf);
	while (len < head + want) {
		if (len + 1 >= cap)
			return -1;
		ssize_t k = read(fd, buf + len, cap - 1 - len);
		if (k <= 0)
			return -1;
		len += (size_t)k;
	}
	buf[head + want] = '\0';
	*status = atoi(buf + 9);
	*body = buf + head;
	return 0;
}

static void *run_one(void *arg)
{
	struct runner *r = arg;
	char req[512], resp[8192];
	const char *body;
	int status, fd = -1;
	for (size_t i = r->first; i < r->n; i += r->stride) {
		if (fd < 0 && (fd = connect_to(&r->addr)) < 0) {
			r->failed++;
			continue;
		}
		int len = snprintf(req, sizeof(req),
				   "POST /api/v1/matters/%lld/ballot HTTP/1.1\r\nHost: bench\r\n"
				   "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
				   "Content-Length: 16\r\n\r\n{\"choice\":\"yes\"}",
				   r->v[i].matter, r->v[i].token);
		if (write(fd, req, (size_t)len) != len ||
		    read_response(fd, resp, sizeof(resp), &status, &body)) {
			close(fd);
			fd = -1;
			r->failed++; /* no answer: not acknowledged */
			continue;
		}
		if (status != 200) {
			r->other++;
			continue;
		}
		r->acked++;
		const char *rc = strstr(body, "\"receipt\":\"");
		if (r->log && rc) {
			pthread_mutex_lock(r->log_mu);
			fprintf(r->log, "%lld %.11s\n", r->v[i].matter, rc + 11);
			fflush(r->log);
			pthread_mutex_unlock(r->log_mu);
		}
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int run(const char *url, const char *tokens, int conns, const char *logpath, long limit)
{
	int port = 0;
	if (sscanf(url, "http://127.0.0.1:%d", &port) != 1 || conns < 1 || conns > 1024)
		return usage();
	FILE *f = fopen(tokens, "r");
	if (!f)
		return fprintf(stderr, "ballots: cannot read %s\n", tokens), 1;
	struct voter_line *v = NULL;
	size_t n = 0, cap = 0;
	struct voter_line line;
	while ((limit <= 0 || (long)n < limit) &&
	       fscanf(f, "%lld %64s", &line.matter, line.token) == 2) {
		if (n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 1024) * sizeof(*v))))
			return 1;
		v[n++] = line;
	}
	fclose(f);
	FILE *log = logpath ? fopen(logpath, "w") : NULL;
	pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	struct runner *r = calloc((size_t)conns, sizeof(*r));
	pthread_t *t = calloc((size_t)conns, sizeof(*t));
	double t0 = now_s();
	for (int i = 0; i < conns; i++) {
		r[i] = (struct runner){.v = v, .n = n, .stride = (size_t)conns, .first = (size_t)i,
				       .log = log, .log_mu = &mu};
		r[i].addr.sin_family = AF_INET;
		r[i].addr.sin_port = htons((uint16_t)port);
		r[i].addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		pthread_create(&t[i], NULL, run_one, &r[i]);
	}
	long acked = 0, other = 0, failed = 0;
	for (int i = 0; i < conns; i++) {
		pthread_join(t[i], NULL);
		acked += r[i].acked, other += r[i].other, failed += r[i].failed;
	}
	double secs = now_s() - t0;
	printf("%ld acknowledged, %ld refused, %ld unanswered in %.2f s: %.0f ballots/s "
	       "(%d connections)\n",
	       acked, other, failed, secs, secs > 0 ? (double)acked / secs : 0.0, conns);
	if (log)
		fclose(log);
	free(v);
	free(r);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	const char *db = NULL, *out = NULL, *url = NULL, *tokens = NULL, *log = NULL;
	int conns = 64;
	long limit = 0;
	if (argc < 2)
		return usage();
	for (int i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--out"))
			out = argv[i + 1];
		else if (!strcmp(argv[i], "--url"))
			url = argv[i + 1];
		else if (!strcmp(argv[i], "--tokens"))
			tokens = argv[i + 1];
		else if (!strcmp(argv[i], "--log"))
			log = argv[i + 1];
		else if (!strcmp(argv[i], "--connections"))
			conns = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--limit"))
			limit = atol(argv[i + 1]);
		else
			return usage();
	}
	if (!strcmp(argv[1], "setup") && db && out)
		return setup(db, out);
	if (!strcmp(argv[1], "run") && url && tokens)
		return run(url, tokens, conns, log, limit);
	if (!strcmp(argv[1], "check") && db && log)
		return check(db, log);
	return usage();
}

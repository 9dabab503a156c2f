/*
 * `danvan serve`: the web server.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cli/cli.h"
#include "web/http.h"
#include "web/notify/notify.h"
#include "web/server.h"

/* The site's address for links in mails, and a sender's address on its host. */
static const char *site_url(const struct server_config *cfg, char *buf, size_t n)
{
	if (cfg->public_url)
		return cfg->public_url;
	snprintf(buf, n, "http://%s:%d", strcmp(cfg->listen, "0.0.0.0") ? cfg->listen : "127.0.0.1",
		 cfg->port);
	return buf;
}

/* One "Name=value" line of the SMS key file into *out (strdup'd). */
static void key_line(const char *line, const char *name, char **out)
{
	size_t n = strlen(name);
	if (strncmp(line, name, n) != 0 || line[n] != '=')
		return;
	free(*out);
	*out = strndup(line + n + 1, strcspn(line + n + 1, "\r\n"));
}

/*
 * The SMS gateway of --sms URL: the keys from DANVAN_SMS_KEY_FILE (lines
 * ApiKey=..., SecretKey=..., Brandname=...) or from DANVAN_SMS_API_KEY,
 * DANVAN_SMS_SECRET_KEY and DANVAN_SMS_BRANDNAME; DANVAN_SMS_PRICE (đồng
 * per part, for the preview) and DANVAN_SMS_TIMEOUT_MS. 0, or EXIT_USAGE
 * said on stderr.
 */
static int sms_setup(const char *url)
{
	static struct sms_config c;
	static char *api, *secret, *brand;
	if (!url || !*url)
		return 0;
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return cli_fail(EXIT_USAGE, "--sms must start with https:// or http://");
	const char *file = getenv("DANVAN_SMS_KEY_FILE");
	if (file && *file) {
		FILE *f = fopen(file, "r");
		char line[512];
		if (!f)
			return cli_fail(EXIT_USAGE, "DANVAN_SMS_KEY_FILE cannot be read");
		while (fgets(line, sizeof(line), f)) {
			key_line(line, "ApiKey", &api);
			key_line(line, "SecretKey", &secret);
			key_line(line, "Brandname", &brand);
		}
		fclose(f);
	}
	const char *e;
	if (!api && (e = getenv("DANVAN_SMS_API_KEY")))
		api = strdup(e);
	if (!secret && (e = getenv("DANVAN_SMS_SECRET_KEY")))
		secret = strdup(e);
	if (!brand && (e = getenv("DANVAN_SMS_BRANDNAME")))
		brand = strdup(e);
	if (!api || !*api || !secret || !*secret || !brand || !*brand)
		return cli_fail(EXIT_USAGE, "--sms needs ApiKey, SecretKey and Brandname "
					    "(DANVAN_SMS_KEY_FILE, or DANVAN_SMS_API_KEY, "
					    "DANVAN_SMS_SECRET_KEY and DANVAN_SMS_BRANDNAME)");
	const char *price = getenv("DANVAN_SMS_PRICE"), *ms = getenv("DANVAN_SMS_TIMEOUT_MS");
	c = (struct sms_config){.url = url, .api_key = api, .secret_key = secret,
				.brandname = brand, .price = price ? atol(price) : 800,
				.timeout_ms = ms ? atol(ms) : 15000};
	if (c.price < 0 || c.price > 100000 || c.timeout_ms < 100 || c.timeout_ms > 600000)
		return cli_fail(EXIT_USAGE, "DANVAN_SMS_PRICE must be 0..100000 and "
					    "DANVAN_SMS_TIMEOUT_MS 100..600000");
	sms_configure(&c);
	return 0;
}

static int serve_with_sender(struct server_config *cfg, const char *smtp, const char *from)
{
	char url[300], addr[300];
	const char *site = site_url(cfg, url, sizeof(url));
	if (!from) {
		const char *host = strstr(site, "://") + 3;
		size_t len = strcspn(host, ":/");
		snprintf(addr, sizeof(addr), "danvan@%.*s", (int)len, host);
		from = addr;
	}
	const char *ms = getenv("DANVAN_NOTIFY_INTERVAL_MS");
	const char *tls = getenv("DANVAN_SMTP_STARTTLS");
	struct sender_config sc = {
		.db_url = cfg->db_url,
		.smtp_url = smtp,
		.starttls = tls && !strcmp(tls, "required"),
		.from = from,
		.public_url = site,
		.interval_ms = ms ? atoi(ms) : 1000,
	};
	/* (a database that is not current stops serve at once, and the sender with it) */
	struct sender *s = sender_start(&sc);
	if (!s)
		return EXIT_DB;
	int rc = server_run(cfg);
	sender_stop(s);
	switch (rc) {
	case 0: return EXIT_OK;
	case SERVER_EDB: return EXIT_DB;
	default: return EXIT_FAIL;
	}
}

int cmd_serve(struct cli *cli)
{
	static const struct option opts[] = {
		{"port", required_argument, NULL, 'p'},
		{"listen", required_argument, NULL, 'l'},
		{"threads", required_argument, NULL, 't'},
		{"public-url", required_argument, NULL, 'u'},
		{"batch-max", required_argument, NULL, 'b'},
		{"smtp", required_argument, NULL, 's'},
		{"smtp-from", required_argument, NULL, 'f'},
		{"db-read", required_argument, NULL, 'r'},
		{"sms", required_argument, NULL, 'm'},
		{NULL, 0, NULL, 0},
	};
	struct server_config cfg = {
		.db_url = cli->db_url,
		.listen = "127.0.0.1",
		.port = 8080,
		.threads = 0,
		.max_body = UPLOAD_MAX, /* routes without ROUTE_UPLOAD take 1 MB */
		.drain_seconds = 10,
	};
	const char *smtp = getenv("DANVAN_SMTP"), *from = getenv("DANVAN_SMTP_FROM");
	const char *sms = getenv("DANVAN_SMS");
	int64_t v;
	int c;
	optind = 0; /* 0 makes glibc start over */
	while ((c = getopt_long(cli->argc, cli->argv, "", opts, NULL)) != -1) {
		if (c == 'l') {
			cfg.listen = optarg;
		} else if (c == 'u') {
			if (strncmp(optarg, "http://", 7) != 0 && strncmp(optarg, "https://", 8) != 0)
				return cli_fail(EXIT_USAGE, "--public-url must start with http:// or https://");
			size_t n = strlen(optarg);
			while (n > 8 && optarg[n - 1] == '/')
				optarg[--n] = '\0';
			cfg.public_url = optarg;
		} else if (c == 'r') {
			if (strncmp(optarg, "postgres://", 11) != 0 &&
			    strncmp(optarg, "postgresql://", 13) != 0)
				return cli_fail(EXIT_USAGE, "--db-read must be a postgres:// URL");
			cfg.db_read_url = optarg;
		} else if (c == 's') {
			smtp = optarg;
		} else if (c == 'f') {
			from = optarg;
		} else if (c == 'm') {
			sms = optarg;
		} else if (c == 'b' && cli_parse_id(optarg, "--batch-max", &v) == 0) {
			if (v > 100000)
				return cli_fail(EXIT_USAGE, "--batch-max must be at most 100000");
			cfg.batch_max = (int)v;
		} else if ((c == 'p' || c == 't') &&
			   cli_parse_id(optarg, c == 'p' ? "--port" : "--threads", &v) == 0) {
			if (c == 'p' && v > 65535)
				return cli_fail(EXIT_USAGE, "--port must be at most 65535");
			if (c == 't' && v > 256)
				return cli_fail(EXIT_USAGE, "--threads must be at most 256");
			*(c == 'p' ? &cfg.port : &cfg.threads) = (int)v;
		} else {
			return cli_usage("serve");
		}
	}
	if (optind != cli->argc)
		return cli_usage("serve");
	if (cli->clock_pinned)
		log_warn("DANVAN_NOW=%s: the clock started at that instant, not the real time",
			 getenv("DANVAN_NOW"));
	if (smtp && *smtp && strncmp(smtp, "smtp://", 7) != 0 && strncmp(smtp, "smtps://", 8) != 0)
		return cli_fail(EXIT_USAGE, "--smtp must start with smtp:// or smtps://");
	if (from && (!*from || !strchr(from, '@') || strpbrk(from, "<>\r\n \t")))
		return cli_fail(EXIT_USAGE, "--smtp-from must be an e-mail address");
	int rc = sms_setup(sms);
	return rc ? rc : serve_with_sender(&cfg, smtp, from);
}

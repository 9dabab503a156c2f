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
#include "web/server.h"

int cmd_serve(struct cli *cli)
{
	static const struct option opts[] = {
		{"port", required_argument, NULL, 'p'},
		{"listen", required_argument, NULL, 'l'},
		{"threads", required_argument, NULL, 't'},
		{"public-url", required_argument, NULL, 'u'},
		{"batch-max", required_argument, NULL, 'b'},
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
	switch (server_run(&cfg)) {
	case 0: return EXIT_OK;
	case SERVER_EDB: return EXIT_DB;
	default: return EXIT_FAIL;
	}
}

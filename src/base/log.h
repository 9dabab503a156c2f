/*
 * The logger: one line per event on stderr,
 *   2026-11-27T16:05:00Z info  message
 * written with a single write() so lines from loop threads never interleave.
 * log_level_set() drops lines below a level (tests run quietly).
 */
#ifndef DV_BASE_LOG_H
#define DV_BASE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_OFF };

void log_level_set(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif

/*
 * Dates and times. Instants are stored as UTC epoch seconds (int64) and shown
 * in Vietnam's time, UTC+7 all year (no daylight saving). Calendar dates
 * (birth dates, deadlines stated as days) are stored as integers YYYYMMDD,
 * readable in any database tool and ordered correctly. People read and type
 * dates as dd/mm/yyyy.
 */
#ifndef DV_BASE_DATE_H
#define DV_BASE_DATE_H

#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

#define DV_UTC_OFFSET (7 * 3600)

/* 1 if y-m-d is a real day of the Gregorian calendar, years 1800..9999. */
int date_valid(int y, int m, int d);
int32_t date_ymd(int y, int m, int d);
void date_split(int32_t ymd, int *y, int *m, int *d);

/*
 * Parse "27/11/2026" (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or the ISO form
 * "2026-11-27" that HTML date inputs send, into *ymd. DV_EINVAL on anything
 * else, including impossible days like 30/02/2026.
 */
int date_parse(const char *s, int32_t *ymd, struct dv_err *err);

/* Append "05/03/2023". */
void date_format(struct buf *out, int32_t ymd);
/* Append "2023-03-05". */
void date_format_iso(struct buf *out, int32_t ymd);

/* Days since 1970-01-01 for a date, and back. */
int64_t date_to_days(int32_t ymd);
int32_t date_from_days(int64_t days);
int32_t date_add_days(int32_t ymd, int64_t n);
/* b - a in days. */
int64_t date_diff_days(int32_t a, int32_t b);

/*
 * Working days: Monday to Friday (public holidays are not known here; a
 * deadline that falls on one is the officer's to explain). Deadlines the
 * law or a deployment states in working days count from the day after the
 * event: a report made on a Friday with one working day to acknowledge is
 * due on the Monday.
 */
/* The ISO day of the week: 1 Monday ... 7 Sunday. */
int date_weekday(int32_t ymd);
/* 1 from Monday to Friday, 0 on Saturday and Sunday. */
int date_is_working_day(int32_t ymd);
/* The day that ends n working days after ymd (ymd itself not counted); ymd
 * for n <= 0. */
int32_t date_add_working_days(int32_t ymd, int64_t n);
/* The working days after a, up to and including b; 0 when b <= a. */
int64_t date_working_days_between(int32_t a, int32_t b);

/*
 * The clock: UTC epoch seconds. Every "now" in danvan comes from here, through
 * the context (ctx->now is read once per request or command). DANVAN_NOW
 * moves it: the clock starts at that instant and runs on from there, so a
 * server started "on 1 December" sees deadlines pass as usual.
 */
int64_t time_now(void);
/* Make the clock read `at` now (and run on). Call before threads start. */
void clock_start_at(int64_t at);
/* Read DANVAN_NOW: 0 when it is not set, 1 when the clock was moved,
 * DV_EINVAL with a message when it is not an instant. */
int clock_from_env(struct dv_err *err);

/* "2026-12-05T13:00:00Z", with an offset ("+07:00"), or without a zone as
 * Vietnam's time; seconds may be left out. 0 when malformed. */
int64_t time_parse_iso(const char *s);
/* The calendar date in Vietnam at instant t. */
int32_t time_local_date(int64_t t);
/* The instant of local midnight starting day ymd. */
int64_t time_local_midnight(int32_t ymd);
/* Append "27/11/2026 23:05" in Vietnam time. */
void time_format(struct buf *out, int64_t t);
/* Append "2026-11-27T16:05:00Z". */
void time_format_iso(struct buf *out, int64_t t);

#endif

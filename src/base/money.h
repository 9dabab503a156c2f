/*
 * Money is whole đồng in a signed 64-bit integer. Offices write amounts as
 * "1.250.000", "1250000 đ", "1.250.000 ₫" or "1.250.000 VNĐ"; all of them
 * parse. Output is "1.250.000 ₫".
 */
#ifndef DV_BASE_MONEY_H
#define DV_BASE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

/* Largest amount accepted: a trillion-trillion đồng is not a ward budget. */
#define MONEY_MAX INT64_C(999999999999999)

/*
 * Parse s into *out. Accepts an optional sign, digits grouped by '.' (or ',' or
 * spaces) in threes, and an optional currency mark (đ, ₫, đồng, VND, VNĐ, any case).
 * Refuses decimals ("1,5" is ambiguous in Vietnamese usage), bad grouping,
 * empty input and amounts beyond MONEY_MAX, with DV_EINVAL.
 */
int money_parse(const char *s, int64_t *out, struct dv_err *err);

/* Append "1.250.000 ₫" (or "-5.000 ₫") to out. */
void money_format(struct buf *out, int64_t amount);

/* Append "1.250.000" with no currency mark. */
void money_format_plain(struct buf *out, int64_t amount);

#endif

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

/*
 * Append a whole number in Vietnamese words, lower case, as receipts and
 * cheques write it: 100000 "một trăm nghìn", 21 "hai mươi mốt", 15 "mười
 * lăm", 105 "một trăm linh năm", 1005000 "một triệu không trăm linh năm
 * nghìn", 2000000000 "hai tỷ"; "không" for 0, "âm ..." below 0. Groups of
 * three that are all zeros are not read; a group after the first is read
 * with its hundreds ("không trăm") so the digits stay where they belong.
 * Up to MONEY_MAX ("... nghìn tỷ").
 */
void number_words(struct buf *out, int64_t n);

/* An amount in words for a receipt, capitalized, with the currency:
 * 100000 -> "Một trăm nghìn đồng". */
void money_words(struct buf *out, int64_t amount);

#endif

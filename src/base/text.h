/*
 * Vietnamese text: UTF-8 validation, NFC normalization (utf8proc), cleaning of
 * form input, search folding and sort keys.
 *
 * Every string that comes from outside passes text_clean() before it reaches
 * the domain: it must be well-formed UTF-8, it is normalized to NFC (a phone
 * keyboard may send "ệ" as e + two combining marks), trimmed, checked against
 * a length limit counted in characters, and refused if it holds control
 * characters.
 */
#ifndef DV_BASE_TEXT_H
#define DV_BASE_TEXT_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

/* 1 if s[0..len) is well-formed UTF-8 (no overlong forms, no surrogates). */
int utf8_valid(const char *s, size_t len);

/* Number of code points in valid UTF-8. */
size_t utf8_count(const char *s, size_t len);

enum {
	TEXT_MULTILINE = 1 << 0,  /* keep line breaks and tabs; otherwise refuse them */
	TEXT_REQUIRED = 1 << 1,	  /* refuse an empty result */
	TEXT_KEEP_SPACES = 1 << 2 /* do not collapse runs of spaces (single-line) */
};

/* 1 if s[0..len) holds a control character: one text_clean() refuses (C0
 * and C1 controls, DEL, line and paragraph separators, the BOM,
 * noncharacters) or an invalid UTF-8 byte; without TEXT_MULTILINE, line
 * breaks and tabs too. */
int text_has_control(const char *s, size_t len, unsigned flags);

/*
 * Validate and normalize `in` into an arena string in *out.
 * Single-line text is trimmed and runs of white space become one space;
 * multi-line text keeps its lines, with CRLF turned into LF and each line's
 * trailing spaces removed. Returns DV_EINVAL with a message naming `field` if
 * the input is not UTF-8, holds control characters, is empty when required,
 * or is longer than max_chars characters after cleaning.
 */
int text_clean(struct arena *a, const char *in, size_t len, size_t max_chars, unsigned flags,
	       const char *field, const char **out, struct dv_err *err);

/* The lines of s ('\n' separated; NULL reads as "") as arena strings in
 * out, at most max of them; returns how many. An empty s has no lines. */
size_t text_lines(struct arena *a, const char *s, const char **out, size_t max);

/* Valid UTF-8 in capitals ("Phường Tân Đông Hiệp" -> "PHƯỜNG TÂN ĐÔNG
 * HIỆP"), as official headings write names; an arena string. */
char *text_upper_a(struct arena *a, const char *s);

/* NFC form of valid UTF-8 as an arena string. */
char *text_nfc(struct arena *a, const char *s, size_t len);

/*
 * Append the search form of valid UTF-8 `s` to out: tones and vowel marks
 * removed, đ/Đ to d, lower case, white space runs collapsed to one space and
 * trimmed. "Tân Đông Hiệp", "tan dong hiep" and "TÂN ĐÔNG HIỆP" all fold to
 * "tan dong hiep". Invalid UTF-8 bytes are dropped.
 */
void text_fold(struct buf *out, const char *s, size_t len);
char *text_fold_a(struct arena *a, const char *s);

/*
 * Append valid UTF-8 `s` without its marks, case kept, for a text message
 * in the GSM alphabet: "Thông báo Đông Tác" becomes "Thong bao Dong Tac";
 * white space runs collapse to one space, trimmed; a character with no
 * plain-letter form becomes '?', invalid bytes are dropped.
 */
void text_ascii(struct buf *out, const char *s, size_t len);

/* A SQL LIKE pattern (with ESCAPE '\\') for "contains the folded query":
 * the query folded, LIKE's own % _ \\ escaped, wrapped in %. Arena string. */
char *text_like_contains(struct arena *a, const char *query);

/*
 * Append a sort key for `s` to out: a string of ASCII digits whose byte order
 * (and order under any database collation) is Vietnamese alphabetical order:
 * a < ă < â < b ... d < đ ..., then tones (none, huyền, hỏi, ngã, sắc, nặng)
 * break ties. Case is ignored.
 */
void text_sort_key(struct buf *out, const char *s, size_t len);

/* Sort key for a person's full name: given name (last word) first, then
 * family and middle names, as lists of people are ordered in Vietnam. */
void text_name_sort_key(struct buf *out, const char *full_name);
char *text_name_sort_key_a(struct arena *a, const char *full_name);

#endif

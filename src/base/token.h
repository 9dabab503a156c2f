/*
 * Secrets: random tokens, hashes and password hashing, all from libsodium.
 * Call token_init() once at start-up (it initializes libsodium).
 */
#ifndef DV_BASE_TOKEN_H
#define DV_BASE_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define TOKEN_BYTES	  32  /* 256-bit session and link tokens */
#define TOKEN_TEXT_MAX	  64  /* base64url of 32 bytes is 43 chars */
#define HASH_HEX_LEN	  64  /* BLAKE2b-256 as hex */
#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */

/* 0, or -1 if libsodium cannot start (no entropy source). */
int token_init(void);

/* Write a fresh random token of `nbytes` bytes as unpadded base64url into
 * out (room for TOKEN_TEXT_MAX + 1 bytes; nbytes <= 45). */
void token_random(char *out, size_t nbytes);

/* n characters drawn uniformly from alphabet (at most 256 letters) into
 * out, NUL-terminated (n + 1 bytes): one read of the generator for them all. */
void token_code(char *out, size_t n, const char *alphabet);

/* BLAKE2b-256 of data as 64 lowercase hex digits plus NUL (out: 65 bytes). */
void hash_hex(char out[HASH_HEX_LEN + 1], const void *data, size_t len);

/* SHA-256 of data as 64 lowercase hex digits plus NUL (for what others
 * check with sha256sum: a published tally). */
void sha256_hex(char out[HASH_HEX_LEN + 1], const void *data, size_t len);

/* A ballot receipt: two groups of five characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L, U), "K7M2Q-9XAZT", NUL-terminated (12 bytes). */
void receipt_code(char out[12]);

/* n random bytes from the system's generator into out (a secret key). */
void token_bytes(void *out, size_t n);

#define MAC_KEY_BYTES 32 /* a keyed BLAKE2b's key */

/* Keyed BLAKE2b of data[0..len) under key (MAC_KEY_BYTES) into out, outlen
 * bytes (16 to 64): whoever lacks the key can neither compute nor predict
 * it, so it signs what a server hands out (a certificate's code). */
void token_mac(unsigned char *out, size_t outlen, const unsigned char key[MAC_KEY_BYTES],
	       const void *data, size_t len);

/* bin[0..len) in base 32 without look-alikes (Crockford's alphabet,
 * 0-9 A-Z without I L O U), 5 bits a character, groups of 4 joined by '-'
 * when `grouped`; out needs (len * 8 + 4) / 5 * 5 / 4 + 1 bytes. */
void base32_encode(char *out, const unsigned char *bin, size_t len, int grouped);

/* Lowercase hex of bin into out (2*len + 1 bytes). */
void hex_encode(char *out, const unsigned char *bin, size_t len);

/* Constant-time equality of two NUL-terminated strings of the same length. */
int token_equal(const char *a, const char *b);

/*
 * argon2id password hashing (crypto_pwhash_str, interactive limits).
 * password_hash writes the encoded hash into out (PASSWORD_HASH_MAX bytes);
 * DV_ENOMEM if the machine lacks the memory the hash needs.
 * password_verify returns 1 on a match, 0 otherwise.
 */
int password_hash(char out[PASSWORD_HASH_MAX], const char *password, struct dv_err *err);
int password_verify(const char *hash, const char *password);

#endif

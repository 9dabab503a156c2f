#include "base/token.h"

#include <sodium.h>
#include <string.h>

int token_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void token_random(char *out, size_t nbytes)
{
	unsigned char raw[48];
	if (nbytes > 45)
		nbytes = 45;
	randombytes_buf(raw, nbytes);
	sodium_bin2base64(out, TOKEN_TEXT_MAX + 1, raw, nbytes,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void hex_encode(char *out, const unsigned char *bin, size_t len)
{
	sodium_bin2hex(out, len * 2 + 1, bin, len);
}

void hash_hex(char out[HASH_HEX_LEN + 1], const void *data, size_t len)
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), data, len, NULL, 0);
	hex_encode(out, h, sizeof(h));
}

int token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

int password_hash(char out[PASSWORD_HASH_MAX], const char *password, struct dv_err *err)
{
	_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return dv_fail(err, DV_ENOMEM, NULL, "Not enough memory to hash the password");
	return 0;
}

int password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void sha256_hex(char out[HASH_HEX_LEN + 1], const void *data, size_t len)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	hex_encode(out, h, sizeof(h));
}

void token_code(char *out, size_t n, const char *alphabet)
{
	size_t k = strlen(alphabet), limit = 256 - 256 % k, i = 0;
	unsigned char raw[64];
	while (i < n) {
		randombytes_buf(raw, sizeof(raw));
		/* bytes past the last whole multiple of k are dropped: no letter
		 * is likelier than another */
		for (size_t j = 0; j < sizeof(raw) && i < n; j++)
			if (raw[j] < limit)
				out[i++] = alphabet[raw[j] % k];
	}
	out[n] = '\0';
	sodium_memzero(raw, sizeof(raw));
}

void receipt_code(char out[12])
{
	char letters[11];
	token_code(letters, 10, "ABCDEFGHJKMNPQRSTVWXYZ23456789");
	memcpy(out, letters, 5);
	out[5] = '-';
	memcpy(out + 6, letters + 5, 5);
	out[11] = '\0';
}

void token_bytes(void *out, size_t n)
{
	randombytes_buf(out, n);
}

void token_mac(unsigned char *out, size_t outlen, const unsigned char key[MAC_KEY_BYTES],
	       const void *data, size_t len)
{
	crypto_generichash(out, outlen, data, len, key, MAC_KEY_BYTES);
}

void base32_encode(char *out, const unsigned char *bin, size_t len, int grouped)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned acc = 0;
	int bits = 0;
	size_t n = 0, k = 0;
	for (size_t i = 0; i < len || bits > 0;) {
		if (bits < 5 && i < len) {
			acc = (acc << 8) | bin[i++];
			bits += 8;
		}
		int take = bits < 5 ? bits : 5;
		unsigned v = (acc >> (bits - take)) & ((1u << take) - 1);
		v <<= 5 - take;
		bits -= take;
		if (grouped && n && n % 4 == 0)
			out[k++] = '-';
		out[k++] = alphabet[v];
		n++;
	}
	out[k] = '\0';
}

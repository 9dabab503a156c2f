/*
 * Commendation decisions and the awards they make: the decision on a
 * round (its number, the day it was signed, the authority, the signer and
 * the place) awards every nomination the council passed for a form the
 * round's unit gives, and sends the dossier of those for a higher form up.
 * It is published as a public notice (category "awards", so its reach
 * counts) and on the unit's pages; the register of awards is public and
 * searched with folded text.
 *
 * Each award carries a code printed on its certificate with a QR code to
 * /verify/{code}: 24 characters of a keyed BLAKE2b (libsodium) of the
 * award's id under the deployment's secret (made at first use and kept in
 * the database), so a code can be neither guessed nor forged; a code that
 * was never issued, or one altered by a character, is not found. An award
 * may be revoked, with a reason, in the audit; its page then says so.
 *
 * Deciding and revoking need ACT_RUN_AWARDS on the round's unit.
 */
#ifndef DV_DOMAIN_AWARDS_DECISION_H
#define DV_DOMAIN_AWARDS_DECISION_H

#include <stddef.h>
#include <stdint.h>

#include "domain/awards/nomination.h"
#include "domain/ctx.h"

#define DECISION_NUMBER_MAX 50
#define DECISION_TEXT_MAX 200
#define REVOKE_REASON_MAX 1000
#define AWARD_CODE_LEN 29 /* six groups of four, "K7M2-Q9XA-ZT3B-HN4P-8RWC-D5EF" */
#define AWARD_PAGE_MAX 100

struct award_decision {
	int64_t id;
	int64_t round_id;
	const char *round_name;
	int64_t unit_id;
	const char *unit_name;
	const char *number;
	int32_t signed_on;
	const char *authority;	  /* "ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN" */
	const char *signer_title; /* "CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" */
	const char *signer_name;
	const char *place; /* "Dĩ An" */
	int64_t notice_id;
	int64_t awards, revoked, forwarded;
	int may_run;
	int64_t created_at;
};

struct decision_input {
	int64_t round_id;
	const char *number;
	const char *signed_on; /* dd/mm/yyyy, not after today */
	const char *authority;
	const char *signer_title;
	const char *signer_name;
	const char *place;
};

/* Decide a round, once: every passed nomination is awarded (or its dossier
 * forwarded for a higher form). DV_ECONFLICT while a session of the
 * council is open, when nothing passed, or when a subject is found under
 * discipline, investigation or inspection (withdraw it first). */
int award_decide(struct dv_ctx *ctx, const struct decision_input *in, int64_t *id);
/* A decision (public). */
int award_decision_get(struct dv_ctx *ctx, int64_t id, struct award_decision *d);
/* The decisions of unit_id's subtree and of the units above it (0: all),
 * newest first, at most limit. Public. */
int award_decision_list(struct dv_ctx *ctx, int64_t unit_id, int limit,
			struct award_decision **out, size_t *n);

struct award {
	int64_t id;
	int64_t decision_id;
	int64_t nomination_id;
	int position;
	struct subject subject;
	enum award_form form;
	const char *achievement;
	const char *code;
	int64_t revoked_at;
	const char *revoked_reason;
	struct award_decision decision; /* filled by award_get and award_verify */
};

/* The awards of a decision, in its list's order (collectives first).
 * Public. */
int award_list(struct dv_ctx *ctx, int64_t decision_id, struct award **out, size_t *n);
/* One award with its decision. */
int award_get(struct dv_ctx *ctx, int64_t id, struct award *a);
/* The award a certificate's code names (exactly as issued), its signature
 * checked; DV_ENOTFOUND for any other text. Public. */
int award_verify(struct dv_ctx *ctx, const char *code, struct award *a);
/* Revoke an award with a reason; it stays, marked revoked. */
int award_revoke(struct dv_ctx *ctx, int64_t id, const char *reason);

/* The public register: awards of decisions of unit_id's subtree (0: all)
 * whose commended or achievement match `query` (folded words; NULL or ""
 * for all), newest first. */
int award_search(struct dv_ctx *ctx, int64_t unit_id, const char *query, int64_t offset,
		 int limit, struct award **out, size_t *n, int *more);

/* The decisions on rounds of `year` made by unit_id or a unit of its
 * subtree, oldest first: what the year-end review lists as the year's
 * commendation. Public. Arena array. */
int award_decisions_of_year(struct dv_ctx *ctx, int64_t unit_id, int year,
			    struct award_decision **out, size_t *n);

#endif

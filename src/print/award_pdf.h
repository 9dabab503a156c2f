/*
 * The papers of commendation: certificates of merit (Giấy khen) laid out
 * as the real ones are, A4 landscape inside a decorative border (the
 * national motto, the authority, "TẶNG GIẤY KHEN", the name, the
 * achievement, the decision's number and date, place and date, the
 * signer's title and name), each with a QR code to its verification page;
 * one page per award, so a whole decision prints at once. And the minutes
 * of a session of the emulation and commendation council, A4 portrait:
 * members present and absent, the quorum, each nomination with each
 * member's vote and the result, ready to sign.
 */
#ifndef DV_PRINT_AWARD_PDF_H
#define DV_PRINT_AWARD_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

#define CERTIFICATES_MAX 2000 /* printed at once */

/* One certificate. Strings are UTF-8 and live for the call. A certificate
 * is in Vietnamese, as the authority issues it. */
struct certificate {
	const char *authority;	  /* "ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN" */
	const char *paper;	  /* "GIẤY KHEN", or a title: "LAO ĐỘNG TIÊN TIẾN" */
	const char *name;	  /* the commended */
	const char *detail;	  /* an individual's position and workplace, or "" */
	const char *achievement;
	const char *decision_no;
	int32_t signed_on; /* YYYYMMDD */
	const char *place; /* "Dĩ An" */
	const char *signer_title; /* "CHỦ TỊCH"; lines separated by '\n' */
	const char *signer_name;
	const char *verify_url; /* what the QR code holds */
	const char *code;	/* printed under it, for typing */
	int revoked;		/* printed across: "ĐÃ THU HỒI" */
};

/* The certificates, one A4 landscape page each, appended to out.
 * DV_EINVAL for none or more than CERTIFICATES_MAX, DV_EIO if cairo
 * fails (out unchanged). */
int certificates_pdf(const struct certificate *v, size_t n, struct buf *out, struct dv_err *err);

struct minutes_member {
	const char *name, *position;
	int present;
};

struct minutes_item {
	const char *name, *detail; /* the commended */
	const char *form;	   /* the form proposed */
	const char *achievement;
	int voted, passed;
	int64_t yes, no, abstain;
	const char *yes_names, *no_names, *abstain_names; /* "A, B, C" */
};

/* A session of the council. */
struct council_minutes {
	const char *authority; /* the unit whose council it is: "Thành phố Dĩ An" */
	const char *round;     /* the round's name */
	int32_t held_on;
	const char *place;
	int64_t members, present;
	const char *quorum; /* "2/3" */
	int quorate;
	int majority; /* percent */
	const struct minutes_member *m;
	size_t nm;
	const struct minutes_item *items;
	size_t ni;
};

/* The minutes, appended to out; lang picks the language of the fixed text.
 * DV_EIO if cairo fails (out unchanged). */
int council_minutes_pdf(const struct council_minutes *c, const char *lang, struct buf *out,
			struct dv_err *err);

#endif

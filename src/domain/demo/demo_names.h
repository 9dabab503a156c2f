/*
 * Word lists for the demo generator: common Vietnamese family, middle and
 * given names with rough frequencies, street names and phone prefixes. All
 * combinations are synthetic; no real person's data is used.
 */
#ifndef DV_DOMAIN_DEMO_NAMES_H
#define DV_DOMAIN_DEMO_NAMES_H

#include <stddef.h>

struct weighted {
	const char *text;
	unsigned weight;
};

struct word_list {
	const struct weighted *items;
	size_t n;
	unsigned total; /* sum of weights, filled in on first use */
};

extern struct word_list demo_family_names;
extern struct word_list demo_male_middle;
extern struct word_list demo_female_middle;
extern struct word_list demo_male_given;
extern struct word_list demo_female_given;
extern struct word_list demo_streets;
extern struct word_list demo_phone_prefixes;

#endif

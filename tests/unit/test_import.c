#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "domain/registry/household.h"
#include "domain/registry/import.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"

#define UTF8_MSG "Not valid UTF-8: save the file as 'CSV UTF-8' in Excel"
#define DATE_MSG "Enter a real date as dd/mm/yyyy, such as 17/02/2023"
#define HEADER	 "household,unit,address,full_name,birth_date,gender,relation\n"

/* ---------------------------------------------------------------- helpers */

static char *fixture(const char *name, size_t *len)
{
	return test_fixture(name, len);
}

static int import_text(struct dv_ctx *ctx, const char *csv, int skip_bad, int64_t scope,
		       struct import_report *rep, struct buf *rejects)
{
	struct import_options opt = {.scope_unit_id = scope, .skip_bad = skip_bad};
	return import_households(ctx, csv, strlen(csv), &opt, rep, rejects);
}

static int import_fixture(struct dv_ctx *ctx, const char *name, int skip_bad,
			  struct import_report *rep, struct buf *rejects)
{
	size_t len;
	char *data = fixture(name, &len);
	struct import_options opt = {.skip_bad = skip_bad};
	int rc = import_households(ctx, data, len, &opt, rep, rejects);
	free(data);
	return rc;
}

static void check_error(const struct import_report *rep, size_t i, size_t line, const char *field,
			const char *message)
{
	if (i >= rep->nerrors)
		fail_msg("error %zu expected, only %zu reported", i, rep->nerrors);
	const struct import_error *e = &rep->errors[i];
	if (e->line != line || strcmp(e->message, message) != 0 ||
	    (field ? !e->field || strcmp(field, e->field) != 0 : e->field != NULL))
		fail_msg("error %zu: got line %zu (%s) '%s', expected line %zu (%s) '%s'", i,
			 e->line, e->field ? e->field : "-", e->message, line, field ? field : "-",
			 message);
}

static int64_t count(struct dv_ctx *ctx, const char *table)
{
	char sql[64];
	int64_t n = -1;
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, sql));
	return n;
}

struct totals {
	int64_t households, residents, audit, ward_households;
};

static struct totals totals(struct dv_ctx *ctx, int64_t ward)
{
	struct unit u;
	assert_ok(ctx, unit_get(ctx, ward, &u));
	return (struct totals){count(ctx, "household"), count(ctx, "resident"), count(ctx, "audit"),
			       u.households};
}

static void assert_unchanged(struct dv_ctx *ctx, int64_t ward, struct totals before)
{
	struct totals now = totals(ctx, ward);
	assert_int_equal(now.households, before.households);
	assert_int_equal(now.residents, before.residents);
	assert_int_equal(now.audit, before.audit);
	assert_int_equal(now.ward_households, before.ward_households);
}

static int64_t find(struct dv_ctx *ctx, int64_t ward, const char *code)
{
	int64_t id = 0;
	int rc = household_find_code(ctx, ward, code, &id);
	return rc == 0 ? id : rc == DV_ENOTFOUND ? 0 : -1;
}

static void assert_counts(struct dv_ctx *ctx, int64_t unit, int64_t households, int64_t residents)
{
	struct unit u;
	assert_ok(ctx, unit_get(ctx, unit, &u));
	assert_int_equal(u.households, households);
	assert_int_equal(u.residents, residents);
}

/* ------------------------------------------------------------- good files */

static void vietnamese_file_imports(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t audit = count(ctx, "audit");
	struct import_report rep;
	struct buf rejects = BUF_INIT;
	assert_ok(ctx, import_fixture(ctx, "import_vi.csv", 0, &rep, &rejects));
	assert_int_equal(rep.rows, 6);
	assert_int_equal(rep.households, 3);
	assert_int_equal(rep.residents, 6);
	assert_int_equal(rep.rejected_rows, 0);
	assert_int_equal(rep.nerrors, 0);
	assert_int_equal(rejects.len, 0);
	assert_int_equal(count(ctx, "audit"), audit + 9); /* one per household and resident */
	assert_counts(ctx, t.dong_tac, 1, 3);
	assert_counts(ctx, t.chieu_lieu, 1, 2);
	assert_counts(ctx, t.tdh, 2, 5);
	assert_counts(ctx, t.binh_an, 1, 1);
	assert_counts(ctx, t.city, 3, 6);

	/* HK001's rows are not adjacent; its Chủ hộ is its second row */
	struct household h;
	assert_ok(ctx, household_get(ctx, find(ctx, t.tdh, "HK001"), &h));
	assert_int_equal(h.unit_id, t.dong_tac);
	assert_string_equal(h.address, "Số 12, đường ĐT743");
	assert_string_equal(h.representative_name, "Nguyễn Văn Hùng");
	assert_int_equal(h.members, 3);
	struct resident *m;
	size_t n;
	assert_ok(ctx, resident_list(ctx, h.id, &m, &n));
	assert_int_equal(n, 3);
	assert_string_equal(m[0].full_name, "Trần Thị Lan");
	assert_string_equal(m[0].gender, "female");
	assert_int_equal(m[0].birth_date, 19820305);
	assert_string_equal(m[1].relation, "Chủ hộ");
	assert_string_equal(m[1].phone, "0912345678");
	assert_string_equal(m[1].national_id, "074080001234");
	assert_int_equal(m[1].is_representative, 1);
	assert_int_equal(m[2].birth_date, 20101020);

	/* the quoted two-line address became one line; +84 became 0 */
	assert_ok(ctx, household_get(ctx, find(ctx, t.tdh, "HK002"), &h));
	assert_int_equal(h.unit_id, t.chieu_lieu);
	assert_string_equal(h.address, "Số 5 hẻm 3");
	assert_string_equal(h.representative_name, "Lê Thị Hồng");
	assert_ok(ctx, resident_list(ctx, h.id, &m, &n));
	assert_int_equal(n, 2);
	assert_string_equal(m[0].phone, "0987654321");
	assert_int_equal(m[0].birth_date, 19751130);
	assert_ok(ctx, household_get(ctx, find(ctx, t.binh_an, "HK003"), &h));
	assert_int_equal(h.unit_id, t.noi_hoa);
	assert_ok(ctx, resident_list(ctx, h.id, &m, &n));
	assert_string_equal(m[0].phone, "02743123456");
	assert_int_equal(ctx->defer_counts, 0);
	buf_release(&rejects);
	test_ctx_free(ctx);
}

static void english_headers_and_unit_ids(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct buf csv = BUF_INIT;
	buf_addf(&csv,
		 "Full-Name,HOUSEHOLD,Unit,Address,Gender,Relation,Phone,National_ID,Notes\n"
		 "Võ Văn Kiệt,E1,%lld,1 Lê Lợi,male,Chủ hộ,0912345678,,x\n"
		 "Võ Thị Sáu,E1,%lld,1 Lê Lợi,female,Con,,,\n"
		 "Mai Văn Tâm,E2,Dong Tac,2 Lê Lợi,m,Chủ hộ,,123456789,\n",
		 (long long)t.chieu_lieu, (long long)t.chieu_lieu);
	struct import_report rep;
	assert_ok(ctx, import_text(ctx, csv.ptr, 0, 0, &rep, NULL));
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.households, 2);
	assert_int_equal(rep.residents, 3);
	assert_counts(ctx, t.chieu_lieu, 1, 2);
	assert_counts(ctx, t.dong_tac, 1, 1);
	struct household h;
	assert_ok(ctx, household_get(ctx, find(ctx, t.tdh, "E2"), &h));
	assert_int_equal(h.unit_id, t.dong_tac);
	buf_release(&csv);
	test_ctx_free(ctx);
}

static void semicolons_bom_crlf_blank_lines(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	/* Excel in a Vietnamese locale: ';' with ',' inside values, a BOM, CRLF,
	 * an empty line and a row of empty cells */
	const char *csv = "\xEF\xBB\xBFho_ten;ma_ho;thon;dia_chi;gioi_tinh;quan_he;ngay_sinh\r\n"
			  "Đỗ Văn Nam;S1;Đông Tác;Số 9, hẻm 1;Nam;Chủ hộ;02/09/1945\r\n"
			  "\r\n"
			  ";;;;;;\r\n"
			  "Đỗ Thị Na;S1;Đông Tác;Số 9, hẻm 1;Nữ;Con;\r\n"
			  "Hà Văn Bé;S2;Đông Tác;\"Số 10; hẻm 1\";Nam;Chủ hộ;\r\n";
	struct import_report rep;
	assert_ok(ctx, import_text(ctx, csv, 0, 0, &rep, NULL));
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.households, 2);
	assert_int_equal(rep.residents, 3);
	struct household h;
	assert_ok(ctx, household_get(ctx, find(ctx, t.tdh, "S1"), &h));
	assert_string_equal(h.address, "Số 9, hẻm 1");
	assert_string_equal(h.representative_name, "Đỗ Văn Nam");
	assert_int_equal(h.members, 2);
	assert_ok(ctx, household_get(ctx, find(ctx, t.tdh, "S2"), &h));
	assert_string_equal(h.address, "Số 10; hẻm 1");
	/* the same file with a bad row: the line numbers count the blank lines
	 * and the CRLF inside a quoted cell */
	const char *bad = "\xEF\xBB\xBFho_ten;ma_ho;thon;dia_chi;gioi_tinh;quan_he\r\n"
			  "\r\n"
			  ";;;;;\r\n"
			  "Lý Văn Một;S3;Đông Tác;\"Số 11\r\nhẻm 4\";Nam;Chủ hộ\r\n"
			  "Lý Văn Hai;S3;Đông Tác;Số 11 hẻm 4;?;Con\r\n";
	assert_int_equal(import_text(ctx, bad, 0, 0, &rep, NULL), DV_EINVAL);
	assert_int_equal(rep.rows, 2);
	assert_int_equal(rep.nerrors, 1);
	check_error(&rep, 0, 6, "gender", "Choose male (nam) or female (nữ)");
	test_ctx_free(ctx);
}

/* --------------------------------------------------------------- bad rows */

static void bad_rows_name_their_lines(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	test_household(ctx, t.dong_tac, "1 Đông Tác", 2);
	struct totals before = totals(ctx, t.tdh);
	struct import_report rep;
	struct buf rejects = BUF_INIT;
	assert_int_equal(import_fixture(ctx, "import_bad.csv", 0, &rep, &rejects), DV_EINVAL);
	assert_int_equal(rep.rows, 6);
	assert_int_equal(rep.nerrors, 5);
	check_error(&rep, 0, 5, "birth_date", DATE_MSG);
	check_error(&rep, 1, 6, "gender", "Choose male (nam) or female (nữ)");
	check_error(&rep, 2, 7, "unit", "The unit differs from line 6 of the same household");
	check_error(&rep, 3, 8, "full_name", "A name holds only letters and spaces");
	check_error(&rep, 4, 8, "phone", "Enter a Vietnamese phone number, such as 0912 345 678");
	assert_string_equal(ctx->err.msg, "4 of 6 rows are invalid: nothing was imported");
	/* all or nothing: H4 and H1's good row were not written either */
	assert_int_equal(rep.households, 0);
	assert_int_equal(rep.residents, 0);
	assert_int_equal(rep.rejected_rows, 6);
	assert_unchanged(ctx, t.tdh, before);
	assert_int_equal(find(ctx, t.tdh, "H4"), 0);
	/* the rejects hold the five rows of H1, H2, H3, not H4 */
	assert_non_null(strstr(rejects.ptr, "\"Trần Thị Bình\""));
	assert_null(strstr(rejects.ptr, "Hồ Văn Em"));
	buf_release(&rejects);
	test_ctx_free(ctx);
}

static void refused_file_changes_nothing(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	test_household(ctx, t.dong_tac, "1 Đông Tác", 3);
	struct totals before = totals(ctx, t.tdh);
	assert_int_equal(before.households, 1);
	assert_int_equal(before.residents, 3);
	/* 99 good households, then one bad row at the very end */
	struct buf csv = BUF_INIT;
	buf_adds(&csv, HEADER);
	for (int i = 1; i <= 99; i++)
		buf_addf(&csv, "G%d,Đông Tác,Số %d,Ngô Văn Bảy,,Nam,Chủ hộ\n", i, i);
	buf_adds(&csv, "G100,Đông Tác,Số 100,Ngô Văn Tám,32/13/1990,Nam,Chủ hộ\n");
	struct import_report rep;
	assert_int_equal(import_text(ctx, csv.ptr, 0, 0, &rep, NULL), DV_EINVAL);
	assert_int_equal(rep.nerrors, 1);
	check_error(&rep, 0, 101, "birth_date", DATE_MSG);
	assert_unchanged(ctx, t.tdh, before);
	/* the same file with the row fixed goes in whole */
	buf_truncate(&csv, csv.len - strlen("32/13/1990,Nam,Chủ hộ\n"));
	buf_adds(&csv, "31/12/1990,Nam,Chủ hộ\n");
	assert_ok(ctx, import_text(ctx, csv.ptr, 0, 0, &rep, NULL));
	assert_int_equal(rep.households, 100);
	assert_counts(ctx, t.dong_tac, 101, 103);
	buf_release(&csv);
	test_ctx_free(ctx);
}

static void skip_bad_rejects_whole_households(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	const char *csv = "household,unit,address,full_name,gender,relation,Ghi chú\n"
			  "K1,Đông Tác,Số 1,Bùi Văn Một,Nam,Chủ hộ,\n"
			  "K2,Đông Tác,Số 2,Bùi Văn Hai,Nam,Chủ hộ,\"có \"\"dấu\"\" nháy\"\n"
			  "K1,Đông Tác,Số 1,Bùi Thị Ba,Nữ,Vợ,\n"
			  "K2,Đông Tác,Số 2,Bùi Thị Bốn,Nữ,,\n"
			  ",Đông Tác,Số 5,Bùi Văn Năm,Nam,Chủ hộ,\n"
			  "K3,Chiêu Liêu,Số 6,Bùi Văn Sáu,Nam,Chủ hộ,\n";
	struct import_report rep;
	struct buf rejects = BUF_INIT;
	assert_ok(ctx, import_text(ctx, csv, 1, 0, &rep, &rejects));
	assert_int_equal(rep.rows, 6);
	assert_int_equal(rep.households, 2);
	assert_int_equal(rep.residents, 3);
	assert_int_equal(rep.rejected_rows, 3);
	assert_int_equal(rep.nerrors, 2);
	check_error(&rep, 0, 5, "relation", "This field is required");
	check_error(&rep, 1, 6, "household",
		    "Enter the household code: rows with the same code form one household");
	assert_counts(ctx, t.dong_tac, 1, 2);
	assert_counts(ctx, t.chieu_lieu, 1, 1);
	assert_int_equal(find(ctx, t.tdh, "K2"), 0);
	assert_true(find(ctx, t.tdh, "K1") > 0);
	assert_string_equal(
		rejects.ptr,
		"\xEF\xBB\xBF"
		"\"household\",\"unit\",\"address\",\"full_name\",\"gender\",\"relation\","
		"\"Ghi chú\",\"error\"\r\n"
		"\"K2\",\"Đông Tác\",\"Số 2\",\"Bùi Văn Hai\",\"Nam\",\"Chủ hộ\","
		"\"có \"\"dấu\"\" nháy\",\"Line 5 of the same household is invalid\"\r\n"
		"\"K2\",\"Đông Tác\",\"Số 2\",\"Bùi Thị Bốn\",\"Nữ\",\"\",\"\","
		"\"relation: This field is required\"\r\n"
		"\"\",\"Đông Tác\",\"Số 5\",\"Bùi Văn Năm\",\"Nam\",\"Chủ hộ\",\"\","
		"\"household: Enter the household code: rows with the same code form one "
		"household\"\r\n");
	/* the rejects file, fixed, imports */
	buf_reset(&rejects);
	const char *fixed = "\xEF\xBB\xBF\"household\";\"unit\";\"address\";\"full_name\";"
			    "\"gender\";\"relation\";\"error\"\r\n"
			    "\"K2\";\"Đông Tác\";\"Số 2\";\"Bùi Thị Bốn\";\"Nữ\";\"Con\";\"\"\r\n";
	assert_ok(ctx, import_text(ctx, fixed, 1, 0, &rep, &rejects));
	assert_int_equal(rep.households, 1);
	assert_int_equal(rejects.len, 0);
	/* skip_bad with every row bad imports nothing and says so */
	assert_ok(ctx, import_text(ctx, HEADER "Z1,Đông Tác,Số 1,Tô Văn A,,?,Con\n", 1, 0, &rep,
				   &rejects));
	assert_int_equal(rep.households, 0);
	assert_int_equal(rep.rejected_rows, 1);
	buf_release(&rejects);
	test_ctx_free(ctx);
}

static void skip_bad_with_the_bad_fixture(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct import_report rep;
	struct buf rejects = BUF_INIT;
	assert_ok(ctx, import_fixture(ctx, "import_bad.csv", 1, &rep, &rejects));
	assert_int_equal(rep.households, 1);
	assert_int_equal(rep.residents, 1);
	assert_int_equal(rep.rejected_rows, 5);
	assert_int_equal(rep.nerrors, 5);
	assert_true(find(ctx, t.tdh, "H4") > 0);
	assert_int_equal(find(ctx, t.tdh, "H1"), 0);
	/* the multi-line cell is written back as it was read */
	assert_non_null(strstr(rejects.ptr, "\"H1\",\"Đông Tác\",\"Số 1\nhẻm 2\",\"Nguyễn Văn An\","
					    "\"01/01/1980\",\"Nam\",\"Chủ hộ\",\"\","
					    "\"Line 5 of the same household is invalid\"\r\n"));
	buf_release(&rejects);
	test_ctx_free(ctx);
}

static void rows_of_a_household_must_agree(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	const char *csv = HEADER "A1,Đông Tác,Số 1,Trịnh Văn A,,Nam,Chủ hộ\n"
				 "A1,Đông Tác,Số 2,Trịnh Thị B,,Nữ,Vợ\n"
				 "A1,Nội Hóa 1,Số 1,Trịnh Văn C,,Nam,Con\n";
	struct import_report rep;
	assert_int_equal(import_text(ctx, csv, 0, 0, &rep, NULL), DV_EINVAL);
	assert_int_equal(rep.nerrors, 2);
	check_error(&rep, 0, 3, "address", "The address differs from line 2 of the same household");
	check_error(&rep, 1, 4, "unit", "The unit differs from line 2 of the same household");
	test_ctx_free(ctx);
}

/* --------------------------------------------------------------- encoding */

static void latin1_bytes_are_reported_on_their_line(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	/* "Nguyễn Văn A" as Windows-1258 writes it: ê = 0xEA, ă = 0xE3, then the
	 * tone as a combining byte 0xDE */
	const char *csv = HEADER "L1,Đông Tác,Số 1,Hoàng Văn Một,,Nam,Chủ hộ\n"
				 "L2,Đông Tác,Số 2,Nguy\xEA\xDEn V\xE3n A,,Nam,Chủ hộ\n"
				 "L2,Đông Tác,Số 2,Nguyễn Thị B,,Nữ,Vợ\n"
				 "L3,Đông Tác,S\xF4 3,Tạ Văn C,,Nam,Chủ hộ\n";
	struct import_report rep;
	struct buf rejects = BUF_INIT;
	assert_int_equal(import_text(ctx, csv, 0, 0, &rep, NULL), DV_EINVAL);
	assert_int_equal(rep.nerrors, 2);
	check_error(&rep, 0, 3, "full_name", UTF8_MSG);
	check_error(&rep, 1, 5, "address", UTF8_MSG);
	/* with skip_bad, L2 goes whole (its good row too), L1 comes in */
	assert_ok(ctx, import_text(ctx, csv, 1, 0, &rep, &rejects));
	assert_int_equal(rep.households, 1);
	assert_int_equal(rep.rejected_rows, 3);
	assert_int_equal(find(ctx, t.tdh, "L2"), 0);
	const char *raw = "\"Nguy\xEA\xDEn V\xE3n A\"";
	assert_non_null(memmem(rejects.ptr, rejects.len, raw, strlen(raw)));
	/* an invalid header is refused at once */
	assert_int_equal(import_text(ctx,
				     "household,unit,address,full_name,gender,quan h\xEA\n"
				     "X,Đông Tác,Số 1,Ai Đó,Nam,Con\n",
				     0, 0, &rep, NULL),
			 DV_EINVAL);
	assert_int_equal(rep.nerrors, 1);
	check_error(&rep, 0, 1, NULL, UTF8_MSG);
	buf_release(&rejects);
	test_ctx_free(ctx);
}

static void utf16_is_refused(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	static const char le[] = "\xFF\xFEh\0o\0u\0s\0e\0h\0o\0l\0d\0\n\0";
	static const char be[] = "\xFE\xFF\0h\0o\0u\0s\0e\0h\0o\0l\0d\0\n";
	static const char nobom[] = "h\0o\0u\0s\0e\0h\0o\0l\0d\0\n\0";
	const char *msg = "This file is UTF-16 text: save it as 'CSV UTF-8' in Excel";
	struct import_report rep;
	struct import_options opt = {.skip_bad = 1};
	assert_int_equal(import_households(ctx, le, sizeof(le) - 1, &opt, &rep, NULL), DV_EINVAL);
	assert_int_equal(rep.nerrors, 1);
	check_error(&rep, 0, 1, NULL, msg);
	assert_int_equal(import_households(ctx, be, sizeof(be) - 1, &opt, &rep, NULL), DV_EINVAL);
	check_error(&rep, 0, 1, NULL, msg);
	assert_int_equal(import_households(ctx, nobom, sizeof(nobom) - 1, &opt, &rep, NULL),
			 DV_EINVAL);
	check_error(&rep, 0, 1, NULL,
		    "This file is not UTF-8 text: save it as 'CSV UTF-8' in Excel");
	test_ctx_free(ctx);
}

/* ----------------------------------------------------------- file shape */

static void missing_columns_and_other_file_problems(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct import_report rep;
	assert_int_equal(import_text(ctx,
				     "Mã hộ,Khu phố,Địa chỉ,Họ tên,Ngày sinh\n"
				     "M1,Đông Tác,Số 1,Lương Văn A,01/01/1990\n",
				     1, 0, &rep, NULL),
			 DV_EINVAL);
	assert_int_equal(rep.rows, 0);
	assert_int_equal(rep.nerrors, 2);
	check_error(&rep, 0, 1, "gender", "The required column gender (gioi tinh) is missing");
	check_error(&rep, 1, 1, "relation", "The required column relation (quan he) is missing");
	assert_int_equal(count(ctx, "household"), 0);
	/* the same column twice */
	assert_int_equal(import_text(ctx, "ho ten," HEADER "A,X,Đông Tác,Số 1,B,,Nam,Con\n", 0, 0,
				     &rep, NULL),
			 DV_EINVAL);
	check_error(&rep, 0, 1, "full_name", "Two columns are full_name: keep one");
	/* a quote opened on line 3 and never closed */
	assert_int_equal(import_text(ctx,
				     HEADER "Q1,Đông Tác,Số 1,Lương Văn A,,Nam,Chủ hộ\n"
					    "Q1,Đông Tác,\"Số 1,Lương Thị B,,Nữ,Vợ\n"
					    "Q2,Đông Tác,Số 2,Lương Văn C,,Nam,Chủ hộ\n",
				     1, 0, &rep, NULL),
			 DV_EINVAL);
	assert_int_equal(rep.nerrors, 1);
	check_error(&rep, 0, 3, NULL,
		    "A quoted cell starting on this line is never closed (a \" is missing)");
	/* nothing at all, or only a header */
	assert_int_equal(import_text(ctx, "\xEF\xBB\xBF\r\n\r\n", 0, 0, &rep, NULL), DV_EINVAL);
	check_error(&rep, 0, 1, NULL, "The file is empty");
	assert_int_equal(import_text(ctx, "\n" HEADER "\n", 0, 0, &rep, NULL), DV_EINVAL);
	check_error(&rep, 0, 2, NULL, "The file holds a header but no rows below it");
	/* no final line break is fine */
	assert_ok(ctx, import_text(ctx, HEADER "N1,Đông Tác,Số 1,Lương Văn A,,Nam,Chủ hộ", 0, 0,
				   &rep, NULL));
	assert_int_equal(rep.residents, 1);
	assert_int_equal(count(ctx, "household"), 1);
	test_ctx_free(ctx);
}

/* ------------------------------------------------------------ households */

static void household_already_registered(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct household_input in = {.unit_id = t.dong_tac, .code = "HK9", .address = "Số 9"};
	assert_ok(ctx, household_create(ctx, &in, NULL));
	/* the ward is what counts: Chiêu Liêu is in the same ward */
	const char *csv = HEADER "HK9,Chiêu Liêu,Số 9,Cao Văn A,,Nam,Chủ hộ\n"
				 "HK9,Chiêu Liêu,Số 9,Cao Thị B,,Nữ,Vợ\n";
	struct import_report rep;
	assert_int_equal(import_text(ctx, csv, 0, 0, &rep, NULL), DV_EINVAL);
	assert_int_equal(rep.nerrors, 1);
	check_error(&rep, 0, 2, "household",
		    "The household HK9 is already registered in this ward");
	/* in another ward the same code is another household */
	const char *elsewhere = HEADER "HK9,Nội Hóa 1,Số 9,Cao Văn A,,Nam,Chủ hộ\n";
	assert_ok(ctx, import_text(ctx, elsewhere, 0, 0, &rep, NULL));
	assert_true(find(ctx, t.binh_an, "HK9") > 0);
	/* and importing the same file twice refuses the second time */
	assert_int_equal(import_text(ctx, elsewhere, 0, 0, &rep, NULL), DV_EINVAL);
	assert_int_equal(count(ctx, "household"), 2);
	test_ctx_free(ctx);
}

static void unknown_and_ambiguous_units(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t twin;
	assert_ok(ctx, unit_create(ctx, t.binh_an, UNIT_NEIGHBORHOOD, "Đông Tác", NULL, &twin));
	const char *csv = HEADER "U1,dong tac,Số 1,Kiều Văn A,,Nam,Chủ hộ\n"
				 "U2,Khu phố 99,Số 2,Kiều Văn B,,Nam,Chủ hộ\n"
				 "U3,Tân Đông Hiệp,Số 3,Kiều Văn C,,Nam,Chủ hộ\n"
				 "U4,987654,Số 4,Kiều Văn D,,Nam,Chủ hộ\n"
				 "U5,,Số 5,Kiều Văn E,,Nam,Chủ hộ\n";
	struct import_report rep;
	assert_int_equal(import_text(ctx, csv, 0, 0, &rep, NULL), DV_EINVAL);
	assert_int_equal(rep.nerrors, 5);
	check_error(&rep, 0, 2, "unit",
		    "2 units are named 'dong tac': write the unit's id instead");
	check_error(&rep, 1, 3, "unit",
		    "No neighborhood, village or residential group here is named 'Khu phố 99'");
	check_error(&rep, 2, 4, "unit", /* a ward is not a community */
		    "No neighborhood, village or residential group here is named 'Tân Đông Hiệp'");
	check_error(&rep, 3, 5, "unit",
		    "No neighborhood, village or residential group here has the id 987654");
	check_error(&rep, 4, 6, "unit", "This field is required");
	/* inside the ward, the name is unique */
	assert_ok(ctx, import_text(ctx, HEADER "U1,dong tac,Số 1,Kiều Văn A,,Nam,Chủ hộ\n", 0,
				   t.tdh, &rep, NULL));
	assert_counts(ctx, t.dong_tac, 1, 1);
	assert_counts(ctx, twin, 0, 0);
	/* a scope that does not exist */
	assert_int_equal(
		import_text(ctx, HEADER "U9,x,y,Kiều Văn A,,Nam,Con\n", 0, 987654, &rep, NULL),
		DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void head_imports_only_into_its_neighborhood(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	struct buf csv = BUF_INIT;
	buf_addf(&csv,
		 HEADER "P1,Đông Tác,Số 1,Lâm Văn A,,Nam,Chủ hộ\n"
			"P2,Chiêu Liêu,Số 2,Lâm Văn B,,Nam,Chủ hộ\n"
			"P3,%lld,Số 3,Lâm Văn C,,Nam,Chủ hộ\n",
		 (long long)t.chieu_lieu);
	struct import_report rep;
	assert_int_equal(import_text(ctx, csv.ptr, 0, 0, &rep, NULL), DV_EINVAL);
	assert_int_equal(rep.nerrors, 2);
	check_error(&rep, 0, 3, "unit",
		    "No neighborhood, village or residential group here is named 'Chiêu Liêu'");
	char msg[128];
	snprintf(msg, sizeof(msg),
		 "No neighborhood, village or residential group here has the id %lld",
		 (long long)t.chieu_lieu);
	check_error(&rep, 1, 4, "unit", msg);
	/* its own neighborhood it may fill */
	assert_ok(ctx, import_text(ctx, HEADER "P1,Đông Tác,Số 1,Lâm Văn A,,Nam,Chủ hộ\n", 0, 0,
				   &rep, NULL));
	assert_int_equal(rep.households, 1);
	ctx->actor = &actor_system;
	assert_counts(ctx, t.dong_tac, 1, 1);
	assert_counts(ctx, t.chieu_lieu, 0, 0);
	buf_release(&csv);
	test_ctx_free(ctx);
}

/* ----------------------------------------------------------------- limits */

static void limits(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct import_report rep;
	struct buf csv = BUF_INIT;
	/* a cell of exactly 1000 bytes is read (and the domain finds it too long);
	 * one byte more refuses the file */
	buf_adds(&csv, HEADER "B1,Đông Tác,Số 1,Ông Văn A,,Nam,Chủ hộ\n\nB2,Đông Tác,");
	size_t at = csv.len;
	for (int i = 0; i < 1000; i++)
		buf_addch(&csv, 'x');
	buf_adds(&csv, ",Ông Văn B,,Nam,Chủ hộ\n");
	assert_int_equal(import_text(ctx, csv.ptr, 1, 0, &rep, NULL), 0);
	assert_int_equal(rep.nerrors, 1);
	check_error(&rep, 0, 4, "address", "Too long: at most 200 characters");
	assert_int_equal(rep.households, 1);
	buf_truncate(&csv, at);
	for (int i = 0; i < 1001; i++)
		buf_addch(&csv, 'x');
	buf_adds(&csv, ",Ông Văn B,,Nam,Chủ hộ\n");
	assert_int_equal(import_text(ctx, csv.ptr, 1, 0, &rep, NULL), DV_ETOOBIG);
	assert_int_equal(rep.nerrors, 1);
	check_error(&rep, 0, 4, "address", "A cell is longer than 1000 bytes");
	assert_int_equal(rep.households, 0);
	assert_int_equal(count(ctx, "household"), 1);
	/* 200,000 rows are read (each with a bad unit: every error counted,
	 * the first 1000 kept); 200,001 are too many */
	buf_reset(&csv);
	buf_adds(&csv, HEADER);
	for (int i = 0; i < IMPORT_MAX_ROWS; i++)
		buf_adds(&csv, "R,Nowhere,Số 1,Ông Văn A,,Nam,Con\n");
	assert_int_equal(import_text(ctx, csv.ptr, 0, 0, &rep, NULL), DV_EINVAL);
	assert_int_equal(rep.rows, IMPORT_MAX_ROWS);
	assert_int_equal(rep.nerrors, IMPORT_MAX_ROWS);
	check_error(&rep, IMPORT_MAX_ERRORS - 1, IMPORT_MAX_ERRORS + 1, "unit",
		    "No neighborhood, village or residential group here is named 'Nowhere'");
	buf_adds(&csv, "R,Nowhere,Số 1,Ông Văn A,,Nam,Con\n");
	assert_int_equal(import_text(ctx, csv.ptr, 0, 0, &rep, NULL), DV_ETOOBIG);
	assert_int_equal(rep.nerrors, 1);
	check_error(&rep, 0, IMPORT_MAX_ROWS + 2, NULL, "More than 200000 rows: split the file");
	buf_release(&csv);
	/* 50 MB and one byte: refused before reading */
	char *big = calloc(1, IMPORT_MAX_BYTES + 1);
	struct import_options opt = {0};
	assert_int_equal(import_households(ctx, big, IMPORT_MAX_BYTES + 1, &opt, &rep, NULL),
			 DV_ETOOBIG);
	assert_string_equal(ctx->err.msg, "The file is larger than 50 MB: split it");
	free(big);
	assert_int_equal(count(ctx, "household"), 1);
	test_ctx_free(ctx);
}

/* ------------------------------------------------------------------ speed */

static void many_rows_in_one_go(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct buf csv = BUF_INIT;
	buf_adds(&csv, HEADER);
	const int households = 500;
	for (int i = 0; i < households; i++) {
		const char *unit = i % 2 ? "Đông Tác" : "Chiêu Liêu";
		buf_addf(&csv, "T%d,%s,Số %d,Dương Văn Hải,01/02/1970,Nam,Chủ hộ\n", i, unit, i);
		buf_addf(&csv, "T%d,%s,Số %d,Dương Thị Hà,03/04/1972,Nữ,Vợ\n", i, unit, i);
		buf_addf(&csv, "T%d,%s,Số %d,Dương Văn Hòa,05/06/2000,Nam,Con\n", i, unit, i);
		buf_addf(&csv, "T%d,%s,Số %d,Dương Thị Hoa,07/08/2005,Nữ,Con\n", i, unit, i);
	}
	struct import_report rep;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_ok(ctx, import_text(ctx, csv.ptr, 0, 0, &rep, NULL));
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_int_equal(rep.households, households);
	assert_int_equal(rep.residents, households * 4);
	assert_counts(ctx, t.dong_tac, households / 2, households * 2);
	assert_counts(ctx, t.province, households, households * 4);
	double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	print_message("    %d rows in %.2f s\n", households * 4, secs);
	buf_release(&csv);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vietnamese_file_imports),
		cmocka_unit_test(english_headers_and_unit_ids),
		cmocka_unit_test(semicolons_bom_crlf_blank_lines),
		cmocka_unit_test(bad_rows_name_their_lines),
		cmocka_unit_test(refused_file_changes_nothing),
		cmocka_unit_test(skip_bad_rejects_whole_households),
		cmocka_unit_test(skip_bad_with_the_bad_fixture),
		cmocka_unit_test(rows_of_a_household_must_agree),
		cmocka_unit_test(latin1_bytes_are_reported_on_their_line),
		cmocka_unit_test(utf16_is_refused),
		cmocka_unit_test(missing_columns_and_other_file_problems),
		cmocka_unit_test(household_already_registered),
		cmocka_unit_test(unknown_and_ambiguous_units),
		cmocka_unit_test(head_imports_only_into_its_neighborhood),
		cmocka_unit_test(limits),
		cmocka_unit_test(many_rows_in_one_go),
	};
	return test_run(tests);
}

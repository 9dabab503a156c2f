#include "print/xlsx_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int xlsx_file_make(char path[XLSX_PATH_MAX], char dir[XLSX_PATH_MAX], struct dv_err *err)
{
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	int n = snprintf(path, XLSX_PATH_MAX, "%s/dv-book.XXXXXX", tmp);
	if (n < 0 || n >= XLSX_PATH_MAX || strlen(tmp) >= XLSX_PATH_MAX)
		return dv_sysfail(err, DV_EIO, NULL, "The temporary directory's name is too long");
	strcpy(dir, tmp);
	int fd = mkstemp(path);
	if (fd < 0)
		return dv_sysfail(err, DV_EIO, NULL, "Could not make a temporary file in %s: %s",
				  tmp, strerror(errno));
	close(fd);
	return 0;
}

int xlsx_file_take(const char *path, struct buf *out, struct dv_err *err)
{
	FILE *f = fopen(path, "rb");
	int rc = 0;
	if (!f) {
		rc = dv_sysfail(err, DV_EIO, NULL, "Could not read the workbook back: %s",
				strerror(errno));
	} else {
		size_t start = out->len, n;
		char chunk[16384];
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(out, chunk, n);
		if (ferror(f)) {
			buf_truncate(out, start);
			rc = dv_sysfail(err, DV_EIO, NULL, "Could not read the workbook back");
		}
		fclose(f);
	}
	unlink(path);
	return rc;
}

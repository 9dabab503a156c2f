/*
 * Where a workbook is written: libxlsxwriter writes to a file, and danvan
 * answers with bytes. A temporary file under $TMPDIR (or /tmp), read back
 * into a buffer and removed.
 */
#ifndef DV_PRINT_XLSX_FILE_H
#define DV_PRINT_XLSX_FILE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

#define XLSX_PATH_MAX 4096

/* Make an empty temporary file: its path in path, its directory in dir
 * (for libxlsxwriter's own temporary files). DV_EIO when it cannot. */
int xlsx_file_make(char path[XLSX_PATH_MAX], char dir[XLSX_PATH_MAX], struct dv_err *err);

/* Append the file's bytes to out (out as it was on an error, DV_EIO) and
 * remove the file in every case. */
int xlsx_file_take(const char *path, struct buf *out, struct dv_err *err);

#endif

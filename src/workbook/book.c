/*
 * book.c - one workbook being written: its error state.
 */
#include "stagecheck/workbook/book.h"

void sc_book_check(sc_book *b, lxw_error err)
{
    if (err != LXW_NO_ERROR && b->status == SC_OK) {
        b->status = SC_ERROR_WORKBOOK;
        b->lxw = err;
    }
}

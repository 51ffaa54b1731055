/*
 * main.c - stagecheck's entry point: the user's locale (for the C
 * library's character classes), then sc_main (stagecheck.c), which the
 * tests call alike.
 */
#include <locale.h>
#include "stagecheck/stagecheck.h"

int main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "");
    return sc_main(argc, argv);
}

/*
 * main.c - stagecheck's entry point: everything happens in sc_main.
 */
#include <locale.h>
#include "stagecheck/app.h"

int main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "");
    return sc_main(argc, argv);
}

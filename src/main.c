/*
 * main.c - stagecheck's entry point: everything happens in sc_run_main.
 */
#include <locale.h>
#include "stagecheck/run.h"

int main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "");
    return sc_run_main(argc, argv);
}

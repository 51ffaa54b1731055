#!/bin/sh
# Writes the sample lycée's tracking sheet as the spreadsheets secretaries
# keep, converted by LibreOffice Calc from samples/stages.csv (French
# locale: dates become real dates, ="…" cells become formulas with their
# values, as when the CSV is opened in Calc and saved):
#
#   samples/suivi.xlsx                  what `make demo` drops in its folder
#   tests/exports/suivi-formats.csv     the same rows with ="…" written plain
#   tests/exports/suivi-formats.{xlsx,ods,xls}
#                                       the same sheet in each format, read
#                                       by tests/e2e/test_exports.py, which
#                                       wants one workbook from all four
#                                       (the .xls cannot hold ="…": freexl
#                                       reads no formula)
#
# Needs libreoffice-calc-nogui (Debian). The outputs are committed: tests
# and `make demo` never run LibreOffice. Run from the repository root:
#   sh tools/make-sheet-samples.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
filter='CSV:59,34,76,1,,1036'
convert() { # FILE FORMAT
    soffice --headless -env:UserInstallation="file://$work/profile" \
        --infilter="$filter" --convert-to "$2" --outdir "$work" "$1" >/dev/null
}
cp samples/stages.csv "$work/suivi-stages.csv"
convert "$work/suivi-stages.csv" xlsx
cp "$work/suivi-stages.xlsx" samples/suivi.xlsx
# ="0725062557D" -> 0725062557D: a text every format keeps as it is.
sed 's/="\([^"]*\)"/\1/g' samples/stages.csv > tests/exports/suivi-formats.csv
cp tests/exports/suivi-formats.csv "$work/suivi-formats.csv"
for f in xlsx ods xls; do
    convert "$work/suivi-formats.csv" "$f"
    cp "$work/suivi-formats.$f" "tests/exports/suivi-formats.$f"
done
echo samples/suivi.xlsx tests/exports/suivi-formats.csv \
    tests/exports/suivi-formats.xlsx tests/exports/suivi-formats.ods \
    tests/exports/suivi-formats.xls

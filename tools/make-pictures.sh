#!/bin/sh
# Usage: make-pictures.sh CLASSEUR.xlsx DOSSIER
# Prints CLASSEUR to PDF with headless LibreOffice, then writes into
# DOSSIER one PNG per sheet, its first page, named after the sheet
# ("Synthèse" -> synthese.png, "2nde 1" -> 2nde-1.png). Each page's header
# names its sheet (workbook/page.c), which is how pages are told apart.
set -eu
book=$1
dest=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
soffice --headless "-env:UserInstallation=file://$work/profil" \
    --convert-to pdf --outdir "$work" "$book" >/dev/null 2>&1
pdf="$work/$(basename "${book%.*}").pdf"
[ -s "$pdf" ] || { echo "LibreOffice n'a pas produit de PDF" >&2; exit 1; }
mkdir -p "$dest"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
seen=""
n=1
while [ "$n" -le "$pages" ]; do
    sheet=$(pdftotext -f "$n" -l "$n" -layout "$pdf" - | sed -n '/[^ ]/{s/^ *//;s/ *$//;p;q}')
    case "|$seen|" in
    *"|$sheet|"*) ;;
    *)
        seen="$seen|$sheet"
        name=$(printf '%s' "$sheet" | iconv -f UTF-8 -t ASCII//TRANSLIT |
               tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '-' | sed 's/--*/-/g; s/^-//; s/-$//')
        pdftoppm -png -r 75 -f "$n" -l "$n" -singlefile "$pdf" "$dest/$name"
        echo "$dest/$name.png : $sheet"
        ;;
    esac
    n=$((n + 1))
done

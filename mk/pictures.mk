# mk/pictures.mk - `make pictures`: a PNG thumbnail of the first printed
# page of every sheet of the sample workbook (make demo's
# out/suivi-stages.xlsx), through headless LibreOffice and pdftoppm, into
# doc/pictures/ (committed, shown by README.md).

.PHONY: pictures
pictures: demo
	@sh tools/install-deps.sh libreoffice-calc-nogui poppler-utils
	@sh tools/make-pictures.sh out/suivi-stages.xlsx doc/pictures

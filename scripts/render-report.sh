#!/usr/bin/env bash
# Renders a report file (DOCX or XLSX) to PDF with LibreOffice, then each page to PNG with
# pdftoppm, for a human look at the layout the Văn phòng will print.
#
#   scripts/render-report.sh <report.docx|report.xlsx> [out-dir] [dpi]
#
# Needs: soffice (libreoffice-writer, libreoffice-calc) and pdftoppm (poppler-utils).
# Times New Roman is not packaged in Debian; fonts-liberation's Liberation Serif has the same
# metrics and fontconfig substitutes it, so line breaks and page breaks match Word's.
# Exit status 3 when LibreOffice or pdftoppm is missing (CI skips the step then).
set -euo pipefail

input="${1:?usage: scripts/render-report.sh <report.docx|report.xlsx> [out-dir] [dpi]}"
out="${2:-$(dirname "$input")/rendered}"
dpi="${3:-80}"

for tool in soffice pdftoppm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "render-report: $tool not found (apt-get install -y libreoffice-writer libreoffice-calc poppler-utils fonts-liberation)" >&2
    exit 3
  fi
done
if ! fc-match 'Times New Roman' | grep -qiE 'times|liberation serif|tinos'; then
  echo "render-report: warning: no Times New Roman or metric-compatible font (fonts-liberation)" >&2
fi

mkdir -p "$out"
name="$(basename "${input%.*}")"
# A private LibreOffice profile: no clash with a desktop session or another render running at once.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
soffice --headless "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$out" "$input" >/dev/null
pdftoppm -r "$dpi" -png "$out/$name.pdf" "$out/$name"
echo "$out/$name.pdf"
ls "$out/$name"*.png

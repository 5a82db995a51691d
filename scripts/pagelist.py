#!/usr/bin/env python3
"""pagelist.py BOOK.epub BOOK.pdf

Print page equivalence (EPUB Accessibility 1.1, 'page navigation'): the EPUB's page-list must
have exactly one entry per page of the PDF edition, and the text that follows page-break marker
N in the EPUB must begin on page N of the PDF (pdftotext of that one page). Exits 1 on any
mismatch, 2 on unusable input."""
import html
import re
import subprocess
import sys
import unicodedata
import zipfile
from posixpath import dirname, join, normpath
from xml.etree import ElementTree as ET

SNIPPET = 24
TOP = 48  # characters the PDF may draw before it: a list's bullet or number


def fold(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def pdf_pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def pdf_page_text(pdf, n):
    return fold(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", pdf, "-"],
                               capture_output=True, text=True, check=True).stdout)


def text_after(doc, frag):
    m = re.search(r'\bid="%s"' % re.escape(frag), doc)
    if not m:
        return None
    rest = doc[doc.find(">", m.end()) + 1:]
    rest = re.sub(r"<(script|style)\b.*?</\1>", " ", rest, flags=re.S)
    return fold(html.unescape(re.sub(r"<[^>]+>", " ", rest)))


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    epub, pdf = sys.argv[1], sys.argv[2]
    z = zipfile.ZipFile(epub)
    opf_path = ET.fromstring(z.read("META-INF/container.xml")).find(".//{*}rootfile").get("full-path")
    opf = ET.fromstring(z.read(opf_path))
    nav_href = next(i.get("href") for i in opf.find("{*}manifest")
                    if "nav" in (i.get("properties") or "").split())
    nav_path = normpath(join(dirname(opf_path), nav_href))
    nav = z.read(nav_path).decode("utf-8")
    m = re.search(r'<nav\b[^>]*epub:type="[^"]*\bpage-list\b[^"]*"[^>]*>(.*?)</nav>', nav, re.S)
    if not m:
        print(f"pagelist FAIL {epub}: no page-list nav")
        sys.exit(1)
    entries = re.findall(r'<a\b[^>]*href="([^"]+)"[^>]*>(.*?)</a>', m.group(1), re.S)
    pages = pdf_pages(pdf)
    problems = []
    if len(entries) != pages:
        problems.append(f"page-list has {len(entries)} entries, the PDF {pages} pages")
    docs = {}
    for n, (href, label) in enumerate(entries, 1):
        if fold(re.sub(r"<[^>]+>", "", label)) != str(n):
            problems.append(f"entry {n} is labelled {label!r}")
        f, _, frag = href.partition("#")
        path = normpath(join(dirname(nav_path), f))
        if path not in docs:
            docs[path] = z.read(path).decode("utf-8")
        after = text_after(docs[path], frag)
        if after is None:
            problems.append(f"page {n}: no marker #{frag} in {path}")
            continue
        if n > pages:
            continue
        snippet = after[:SNIPPET]
        page = pdf_page_text(pdf, n)
        # The marker's text must open the page: a list marker that the PDF
        # draws but the EPUB's CSS generates may stand before it.
        at = page.find(snippet) if snippet else -1
        if at < 0 or at > TOP:
            problems.append(f"page {n}: EPUB text after the marker {snippet!r} does not open "
                            f"PDF page {n} (which begins {page[:SNIPPET]!r})")
    if problems:
        print(f"pagelist FAIL {epub}: " + "; ".join(problems[:5]) +
              (f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""))
        sys.exit(1)
    print(f"pagelist OK {epub}: {pages}/{pages} pages match {pdf}")


main()

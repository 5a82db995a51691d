#!/usr/bin/env python3
"""largeprint_rules.py BODY_PT FILE.pdf...

Measures the large-print rules (UKAAF, RNIB, APH; see README) on finished PDFs with PyMuPDF,
from the drawn text alone: no text smaller than the body size, no italics, line spacing of
body text at least 1.5, ragged right (not justified), no line ending in a hyphenated word
break, and all text inside 20 mm side and 15 mm top/bottom margins. One verdict line per
file; exit 1 when any rule is broken."""
import statistics
import sys

import pymupdf

MM = 72 / 25.4


def lines_of(page):
    for block in page.get_text("dict")["blocks"]:
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            spans = [s for s in line["spans"] if s["text"].strip()]
            if spans:
                yield line["bbox"], spans


def measure(path, body):
    problems = []
    smallest = None
    italic = 0
    leading = []
    rights = []
    hyphen_ends = 0
    outside = 0
    doc = pymupdf.open(path)
    for page in doc:
        width, height = page.rect.width, page.rect.height
        body_lines = []
        for (x0, y0, x1, y1), spans in lines_of(page):
            for s in spans:
                smallest = s["size"] if smallest is None else min(smallest, s["size"])
                if s["flags"] & 2 or "italic" in s["font"].lower() or "oblique" in s["font"].lower():
                    italic += len(s["text"].strip())
            if x0 < 20 * MM - 0.5 or x1 > width - 20 * MM + 0.5 or y0 < 15 * MM - 0.5 or y1 > height - 15 * MM + 0.5:
                outside += 1
            size = max(s["size"] for s in spans)
            text = "".join(s["text"] for s in spans).rstrip()
            if abs(size - body) < 0.5:
                body_lines.append((spans[0]["origin"][1], x1, text))
        body_lines.sort()
        for (ya, _, _), (yb, _, _) in zip(body_lines, body_lines[1:]):
            gap = yb - ya
            if 0 < gap < 2.5 * body:
                leading.append(gap / body)
        for _, x1, text in body_lines:
            if len(text) > 20:
                rights.append(x1)
                if len(text) > 1 and text.endswith("-") and text[-2].isalpha():
                    hyphen_ends += 1
    if smallest is None:
        return ["no text at all"], "no text"
    if smallest < body - 0.05:
        problems.append(f"text at {smallest:.1f} pt is smaller than the {body:g} pt body")
    if italic:
        problems.append(f"{italic} characters in italics")
    if not leading:
        problems.append("no two consecutive body lines to measure the spacing of")
    elif statistics.median(leading) < 1.45:
        problems.append(f"line spacing {statistics.median(leading):.2f} is below 1.5")
    if len(rights) > 8 and max(rights) - min(rights) < 2 * body:
        problems.append("right edges line up: the text looks justified")
    if hyphen_ends:
        problems.append(f"{hyphen_ends} lines end in a hyphen")
    if outside:
        problems.append(f"{outside} lines reach into the margins")
    summary = (f"{len(doc)} pages, smallest text {smallest:.1f} pt, "
               f"spacing {statistics.median(leading):.2f}" if leading else f"{len(doc)} pages")
    return problems, summary


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    body = float(sys.argv[1])
    bad = False
    for path in sys.argv[2:]:
        problems, summary = measure(path, body)
        if problems:
            bad = True
            print(f"largeprint FAIL {path}: " + "; ".join(problems))
        else:
            print(f"largeprint OK {path} ({summary})")
    sys.exit(1 if bad else 0)


main()

# `make proof`: renders pages 1 and 2 of every sample's PDF, at 18 and 32 pt, to PNG in
# proof/ for a person to look at (issue 3). Included by the top-level Makefile.
#
#   proof/<sample>-18pt-1.png, proof/<sample>-18pt-2.png, proof/<sample>-32pt-1.png, ...
#
# Needs pdftoppm (poppler-utils, installed by scripts/install-tools.sh).

PROOF_DIR ?= proof
PROOF_SIZES ?= 18 32
PROOF_DPI ?= 50
PROOF_SAMPLES := $(wildcard samples/*/index.html)

.PHONY: proof
proof:
	@command -v pdftoppm >/dev/null 2>&1 || scripts/install-tools.sh >/dev/null
	cargo build --release --quiet
	@rm -rf $(PROOF_DIR) && mkdir -p $(PROOF_DIR)/pdf
	@set -e; for page in $(PROOF_SAMPLES); do \
	  name=$$(basename $$(dirname $$page)); \
	  for size in $(PROOF_SIZES); do \
	    out=$(PROOF_DIR)/pdf/$$name-$${size}pt; \
	    target/release/largeprint convert "$$page" -o "$$out" --format pdf --size $$size --quiet; \
	    pdf=$$(find "$$out" -name '*.pdf' -print -quit); \
	    test -n "$$pdf" || { echo "proof: no PDF for $$page at $$size pt" >&2; exit 1; }; \
	    pdftoppm -r $(PROOF_DPI) -png -f 1 -l 2 "$$pdf" "$(PROOF_DIR)/$$name-$${size}pt"; \
	  done; \
	done
	@echo "proof: $$(ls $(PROOF_DIR)/*.png 2>/dev/null | wc -l) page images in $(PROOF_DIR)/"

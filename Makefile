# largeprint: the README's commands. One build profile (release) is shared by the binary,
# the tests and the benchmark, so nothing is compiled twice.
CARGO ?= cargo
BIN := target/release/largeprint
OUT ?= out

.PHONY: all build samples test tools unit conformance proof bench lint clean

all: build

build:
	$(CARGO) build --release --locked

# The main job: convert every bundled sample into $(OUT)/ (PDF + EPUB + report.json).
samples: build
	$(BIN) convert samples -o $(OUT)

# Installs the validators (EPUBCheck 5.3.0, DAISY Ace 1.4.6, outloud, poppler, qpdf) into
# .tools/ and the system when missing.
tools:
	bash scripts/install-tools.sh

# The whole test suite: unit, golden, property and CLI tests, then the external validators
# on every sample's editions at 18 and 32 pt.
test: tools build unit conformance

unit:
	$(CARGO) test --release --locked

conformance: build
	bash scripts/conformance.sh

-include mk/proof.mk

bench: build
	bash scripts/bench.sh

# Formatting and lints, as the code is kept: rustfmt clean, clippy with warnings as errors.
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --release --all-targets --locked -- -D warnings

clean:
	rm -rf $(OUT) proof target/conformance

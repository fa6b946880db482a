# Panel Papers — one way to build, test, run and package.
#
#   make run     build and open the window on the bundled sample pack
#   make test    everything CI runs: vet, the import rule, the tests
#   make bench   compare speed with pdftotext, pdfgrep and recoll

GO      ?= go
BIN     := bin/panelpapers
SAMPLE  := $(CURDIR)/.sample-library
export LANG := en_GB.UTF-8

# What a fresh Debian machine lacks: C/GL headers for Fyne's cgo, Xvfb for
# window tests, poppler-utils for the text-quality test, a TrueType font for
# generated test packs.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb poppler-utils fonts-dejavu-core

.PHONY: run test deps vet importrule build bench clean sample

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	$(GO) mod download

build: deps
	$(GO) build -o $(BIN) .

run: build
	@mkdir -p $(SAMPLE)
	@$(BIN) --data $(SAMPLE) add assets/sample-pack.pdf >/dev/null || true
	PANELPAPERS_DATA=$(SAMPLE) $(BIN)

vet:
	$(GO) vet ./...

# docs/ and search/ never import Fyne: imports point main → ui → search → docs.
importrule:
	@if $(GO) list -deps ./docs/... ./search/... | grep -q '^fyne.io/'; then \
		echo "docs/ or search/ depends on Fyne"; exit 1; fi
	@if $(GO) list -deps ./docs/... | grep -q '^github.com/blevesearch/'; then \
		echo "docs/ depends on Bleve"; exit 1; fi

test: deps vet importrule
	$(GO) test -race -timeout 20m ./...
	# The corpus-wide text quality test runs PDFium hard: without -race.
	$(GO) test -count=1 -timeout 15m -run 'Quality|Corpus' -v ./docs/

bench: build
	bench/extract.sh
	bench/search.sh

sample:
	$(GO) run ./docs/packgen/cmd/samplepack assets/sample-pack.pdf

clean:
	rm -rf bin $(SAMPLE)

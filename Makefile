# Panel Papers — one way to build, test, run and package.
#
#   make run     build and open the window on the bundled sample pack
#   make test    everything CI runs: vet, the import rule, the packages (built
#                twice, to check they are reproducible), the tests
#   make bench   compare speed with pdftotext, pdfgrep and recoll

GO      ?= go
BIN     := bin/panelpapers
SAMPLE  := $(CURDIR)/.sample-library
export LANG := en_GB.UTF-8

# What a fresh Debian machine lacks: C/GL headers for Fyne's cgo, Xvfb for
# window tests, poppler-utils for the text-quality test, a TrueType font for
# generated test packs; the MinGW-w64 C compiler, NSIS and xz to build and wrap
# the Windows and Linux packages; GTK 3 (loaded at run time, so no -dev
# package is needed to build), xdotool and ImageMagick to drive and
# photograph the system's file dialogs under Xvfb.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb poppler-utils fonts-dejavu-core python3 \
	gcc-mingw-w64-x86-64 nsis xz-utils libgtk-3-0 xdotool imagemagick

.PHONY: run test deps vet importrule build cli bench clean sample dialogs

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

# The command line alone, without the window: no Fyne, so no Fyne start-up
# work and no locale warning from it. For scripts and servers.
cli: deps
	$(GO) build -tags nowindow -o bin/panelpapers-cli .

run: build
	@mkdir -p $(SAMPLE)
	@$(BIN) --data $(SAMPLE) add assets/sample-pack.pdf >/dev/null || true
	PANELPAPERS_DATA=$(SAMPLE) $(BIN)

vet:
	$(GO) vet ./...
	$(GO) vet -tags nowindow .

# The import rules (README, "Architecture"): a deny-list over each package's
# whole dependency graph (go list -deps is transitive, so a forbidden package
# reached through an allowed one is caught too). Imports point one way:
# main → ui → search → docs.
define rule
	@bad=$$($(GO) list -deps $(1) | grep -E '$(2)' | sort -u); \
	if [ -n "$$bad" ]; then echo "$(1) must not depend on: $$bad"; exit 1; fi
endef
PURE := ./docs/agenda ./docs/notes ./docs/questions ./docs/words

importrule:
	$(call rule,./docs/...,^(fyne\.io/|github\.com/blevesearch/|panelpapers/(search|ui)(/|$$)))
	$(call rule,./search/...,^(fyne\.io/|panelpapers/(ui|docs/(library|pdf|fetch))(/|$$)))
	$(call rule,$(PURE) ./docs/pdf/...,^(go\.etcd\.io/bbolt|net/http$$|panelpapers/docs/(library|fetch)(/|$$)))
	$(call rule,$(PURE),^(github\.com/(tetratelabs|klippa-app|dslipak)/|panelpapers/docs/pdf(/|$$)))
	$(call rule,./docs/library,^(net/http$$|github\.com/(tetratelabs|klippa-app|dslipak)/|panelpapers/docs/(pdf|fetch)(/|$$)))
	$(call rule,./docs/fetch ./docs/packgen,^panelpapers/docs/(library|pdf)(/|$$))
	$(call rule,./ui/cli/... ./ui/session/...,^fyne\.io/)
	$(call rule,./ui/filedialog,^(fyne\.io/|panelpapers/(docs|search|ui/(cli|session|widgets))(/|$$)|panelpapers/ui$$))
	$(call rule,./ui,^(panelpapers/ui/cli|fyne\.io/fyne/v2/app)$$)
	@if [ -d ui/widgets ]; then bad=$$($(GO) list -f '{{join .Deps "\n"}}' ./ui/widgets/... | grep '^panelpapers/'); \
		[ -z "$$bad" ] || { echo "ui/widgets must not depend on: $$bad"; exit 1; }; fi
	@bad=$$($(GO) list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' ./docs | grep -v '^panelpapers/docs$$'); \
	if [ -n "$$bad" ]; then echo "docs (the vocabulary) must import only the standard library: $$bad"; exit 1; fi
	@echo "import rules hold"

test: deps vet importrule darwin-vet windows package-linux reproducible
	$(GO) test -race -timeout 20m ./...
	# The corpus-wide text quality test runs PDFium hard: without -race.
	$(GO) test -count=1 -timeout 15m -run 'Quality|Corpus' -v ./docs/...
	$(MAKE) dialogs

# The system's file dialogs (GTK) on a virtual display, driven as a member
# would; DIALOG_SHOTS=DIR keeps screenshots of them.
dialogs:
	GSETTINGS_BACKEND=memory PANELPAPERS_SCREENSHOTS=$(DIALOG_SHOTS) xvfb-run -a $(GO) test -count=1 -run OnScreen -v ./ui/filedialog

bench: build
	bench/extract.sh
	bench/search.sh
	bench/memory.sh

sample:
	$(GO) run ./docs/packgen/cmd/samplepack assets/sample-pack.pdf

clean:
	rm -rf bin dist $(SAMPLE)

# ---- Packages -------------------------------------------------------------
#
#   make windows   cross-build bin/windows/panelpapers.exe and panelpapersw.exe
#                  (part of `make test`, so the Windows build cannot rot)
#   make package   dist/panelpapers-VERSION-linux-amd64.tar.xz and
#                  dist/PanelPapers-VERSION-setup.exe, from this Linux machine
#   make package-macos   the .app, on a Mac (fyne package)
#
# The name, ID, version and build number live in FyneApp.toml only. Release
# builds are what `fyne package -release` makes: -trimpath, stripped, tags
# `release` (Fyne's release mode) and `migrated_fynedo` (FyneApp.toml's
# [Migrations]: no thread checks). Archive times are the last commit's, so one
# commit packs to the same bytes.

toml = $(shell sed -n 's/^[[:space:]]*$(1)[[:space:]]*=[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$$/\1/p' FyneApp.toml)
VERSION      := $(call toml,Version)
BUILD_NUMBER := $(call toml,Build)
APP_ID       := $(call toml,ID)
comma        := ,
VERSION4     := $(VERSION).$(BUILD_NUMBER)
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
endif
export SOURCE_DATE_EPOCH

RELEASE_FLAGS   := -trimpath -tags release,migrated_fynedo
RELEASE_LDFLAGS := -s -w -X main.version=$(VERSION)
PKG     := assets/packaging
DIST    := dist
WIN     := bin/windows
WIN_ENV := GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc
LINUX_NAME  := panelpapers-$(VERSION)-linux-amd64
LINUX_STAGE := bin/stage/$(LINUX_NAME)
LINUX_TAR   := $(DIST)/$(LINUX_NAME).tar.xz
WIN_SETUP   := $(DIST)/PanelPapers-$(VERSION)-setup.exe
ICON_SIZES  := 16 24 32 48 64 128 256

.PHONY: windows darwin-vet package package-linux package-windows package-macos icons

# win-exe NAME,DESCRIPTION,SUBSYSTEM: one Windows executable with the icon,
# manifest and version resource linked in. The resource object goes straight
# to MinGW's linker, so nothing is written into the source tree; its absolute
# path would leak into Go's build ID, so the build ID is left empty and the
# .exe is the same wherever the repository is checked out. The objdump check
# proves the subsystem, which is the whole point of having two.
define win-exe
	sed -e 's/@VERSION@/$(VERSION)/g' -e 's/@VERSION_COMMAS@/$(subst .,$(comma),$(VERSION4))/g' \
		-e 's/@EXE@/$(1)/g' -e 's/@DESCRIPTION@/$(2)/g' $(PKG)/windows/panelpapers.rc.in >$(WIN)/res/$(1).rc
	x86_64-w64-mingw32-windres -I $(WIN)/res -I $(PKG)/icons -O coff -o $(WIN)/res/$(1).o $(WIN)/res/$(1).rc
	$(WIN_ENV) $(GO) build $(RELEASE_FLAGS) -o $(WIN)/$(1).exe \
		-ldflags '$(RELEASE_LDFLAGS) -buildid= -H=$(3) -linkmode=external -extldflags=$(CURDIR)/$(WIN)/res/$(1).o' .
	x86_64-w64-mingw32-objdump -p $(WIN)/$(1).exe | grep -Eq '^Subsystem.*\($(if $(filter windowsgui,$(3)),Windows GUI,Windows CUI)\)'
endef

# Two executables from one build (the second only relinks): panelpapers.exe is
# a console program, so the command line prints, pipes and returns exit codes
# as on Linux; panelpapersw.exe is a GUI program, opened by the Start menu
# without a console window.
windows: deps
	@mkdir -p $(WIN)/res
	sed 's/@VERSION4@/$(VERSION4)/g' $(PKG)/windows/panelpapers.manifest.in >$(WIN)/res/panelpapers.manifest
	$(call win-exe,panelpapers,Panel Papers command line,windows)
	$(call win-exe,panelpapersw,Panel Papers,windowsgui)
	$(if $(WIN_SIGN),$(WIN_SIGN) $(WIN)/panelpapers.exe && $(WIN_SIGN) $(WIN)/panelpapersw.exe)

# docs/ and search/ are pure Go, so vet them for macOS here; the app itself
# needs a Mac to build (package-macos).
darwin-vet:
	GOOS=darwin GOARCH=arm64 $(GO) vet ./docs/... ./search/...

package: package-linux package-windows
	cd $(DIST) && sha256sum $(notdir $(LINUX_TAR)) $(notdir $(WIN_SETUP)) >SHA256SUMS
	@ls -l $(DIST)

# The tarball runs in place (bin/panelpapers) or installs with its Makefile.
# Before it is kept, the packed binary must report the packed version.
package-linux: deps
	CGO_ENABLED=1 $(GO) build $(RELEASE_FLAGS) -ldflags '$(RELEASE_LDFLAGS)' -o bin/linux/panelpapers .
	rm -rf bin/stage
	install -Dm755 bin/linux/panelpapers $(LINUX_STAGE)/bin/panelpapers
	install -Dm644 $(PKG)/linux/Makefile $(LINUX_STAGE)/Makefile
	sed 's/@VERSION@/$(VERSION)/g' $(PKG)/linux/README.txt >$(LINUX_STAGE)/README.txt
	install -Dm644 $(PKG)/linux/$(APP_ID).desktop $(LINUX_STAGE)/share/applications/$(APP_ID).desktop
	for s in $(ICON_SIZES); do \
		install -Dm644 $(PKG)/icons/panelpapers-$$s.png $(LINUX_STAGE)/share/icons/hicolor/$${s}x$$s/apps/$(APP_ID).png; \
	done
	install -Dm644 assets/icon.png $(LINUX_STAGE)/share/icons/hicolor/512x512/apps/$(APP_ID).png
	@mkdir -p $(DIST)
	tar --sort=name --format=gnu --mtime=@$(SOURCE_DATE_EPOCH) --owner=0 --group=0 --numeric-owner \
		--mode=u+rwX,go+rX,go-w -C bin/stage -cf - $(LINUX_NAME) | xz -6 -T1 >$(LINUX_TAR).tmp
	rm -rf bin/stage/check && mkdir -p bin/stage/check && tar -xJf $(LINUX_TAR).tmp -C bin/stage/check
	test "$$(bin/stage/check/$(LINUX_NAME)/bin/panelpapers --version)" = "panelpapers $(VERSION)"
	mv $(LINUX_TAR).tmp $(LINUX_TAR)

# NSIS wraps both executables: Program Files, a Start-menu shortcut, an
# uninstaller, and PATH only if the user ticks the box.
#
# Signing, a release step: WIN_SIGN=CMD runs `CMD FILE` to sign FILE in place,
# on both executables, the uninstaller and the installer (see README).
package-windows: windows
	@mkdir -p $(DIST)
	makensis -V2 -DVERSION=$(VERSION) -DVERSION4=$(VERSION4) -DAPP_ID=$(APP_ID) $(if $(WIN_SIGN),'-DSIGN=$(WIN_SIGN)') \
		-DBIN=$(CURDIR)/$(WIN) -DPKG=$(CURDIR)/$(PKG) -DOUTFILE=$(CURDIR)/$(WIN_SETUP) $(PKG)/windows/installer.nsi
	file $(WIN_SETUP) | grep -q 'PE32+ executable (GUI) x86-64.*MS Windows'
	grep -qa NullsoftInst $(WIN_SETUP)

# On a Mac with Go and Xcode's command line tools: Panel Papers.app, zipped.
# Signing and notarising are release steps (see README).
package-macos:
	@[ "$$(uname -s)" = Darwin ] || { echo "package-macos needs macOS"; exit 2; }
	GOFLAGS=-ldflags=-X=main.version=$(VERSION) $(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os darwin -release
	@mkdir -p $(DIST)
	ditto -c -k --keepParent "Panel Papers.app" $(DIST)/PanelPapers-$(VERSION)-macos-$$(uname -m).zip

# ---- Reproducibility ------------------------------------------------------
#
#   make reproducible   both packages, built here and again from a clone of
#                       HEAD in another folder with its own output, must have
#                       the same SHA-256 (README, "Reproducible"); part of
#                       `make test`
#
# It compares builds of a commit, so it refuses a working tree with changes
# not committed (they would be in one build and not the other). The second
# build shares the Go build cache with the first, so what it checks is that
# nothing of the folder, the clock or the run reaches the bytes (paths:
# -trimpath and the Windows build ID; archive dates, owners and order; NSIS),
# not that the Go compiler gives the same objects from a cold cache, which is
# Go's own promise: a cold build takes some 15 minutes on this machine, and
# CI has no room for a second one. Never with WIN_SIGN: signatures carry
# timestamps.
REPRO_TMP ?= $(or $(TMPDIR),/tmp)
REPRO_FILES := $(LINUX_TAR) $(WIN_SETUP) bin/linux/panelpapers $(WIN)/panelpapers.exe $(WIN)/panelpapersw.exe

.PHONY: reproducible
reproducible: package
	@if [ -n "$$(git status --porcelain)" ]; then \
		echo "reproducible: the working tree has changes not committed; commit or stash them first"; exit 2; fi
	$(if $(WIN_SIGN),@echo "reproducible: not with WIN_SIGN (signatures carry timestamps)"; exit 2)
	@set -e; tmp=$$(mktemp -d "$(REPRO_TMP)/panelpapers-repro.XXXXXX"); trap 'rm -rf "$$tmp"' EXIT; \
	dir="$$tmp/another/folder/panelpapers"; \
	git clone -q --no-hardlinks "$(CURDIR)" "$$dir"; \
	echo "reproducible: building $$(git -C "$$dir" rev-parse --short HEAD) again in $$dir"; \
	start=$$(date +%s); \
	$(MAKE) -C "$$dir" package >"$$tmp/build.log" 2>&1 || { tail -n 30 "$$tmp/build.log"; exit 1; }; \
	sha256sum $(REPRO_FILES) >"$$tmp/here.sums"; \
	(cd "$$dir" && sha256sum $(REPRO_FILES)) >"$$tmp/there.sums"; \
	cat "$$tmp/here.sums"; \
	if ! diff "$$tmp/here.sums" "$$tmp/there.sums"; then \
		echo "reproducible: two builds of one commit differ (< here, > the clone)"; exit 1; \
	fi; \
	echo "reproducible: same bytes from both builds (the second took $$(( $$(date +%s) - start )) s)"

# Only when assets/icon.png changes; needs ImageMagick.
icons:
	$(PKG)/icons.sh

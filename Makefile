# pcmt — build, check and test the site. GNU make.
#
#   make deps     install what is missing (npm packages, Debian's chromium, Go modules)
#   make site     build the site into public/
#   make check    validate data/ and content/ without building
#   make serve    build and serve the site locally
#   make test     gofmt, go vet, go test (all packages, browser tests included), go test -race
#   make fuzz     run every Fuzz* target under internal/ for FUZZTIME (default 30s) each
#   make lighthouse  Lighthouse scores of the home, a province and a commune page (bench/)
#   make clean    remove build output

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := site

GO        ?= go
NPM       ?= npm
CHROMIUM  := /usr/bin/chromium
FUZZTIME  ?= 30s
TEST_TIMEOUT ?= 20m
# Packages left out of the -race run (space-separated import paths). The
# browser tests mostly wait on Chromium, and cdproto is slow to build under -race.
RACE_EXCLUDE ?= github.com/pcmt/pcmt/internal/browsertest
# Extra flags for go test, e.g. make test TESTFLAGS=-v
TESTFLAGS ?=

# Hugo is used in-process as a library; it needs no cgo.
export CGO_ENABLED := 0

.PHONY: deps deps-npm deps-chromium deps-go site check serve test fmt-check vet unit race fuzz lighthouse clean distclean

## deps: everything the build and the tests need; quick when all is there.
deps: deps-npm deps-chromium deps-go

deps-npm: node_modules/.package-lock.json node_modules/.pcmt/echarts.min.js

# npm writes node_modules/.package-lock.json on every install: it is missing
# when node_modules is, and older than package-lock.json when that changed.
node_modules/.package-lock.json: package-lock.json package.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

# The ECharts parts the site uses, bundled with esbuild (bench/README.md).
node_modules/.pcmt/echarts.min.js: scripts/echarts-entry.js scripts/bundle-echarts.sh node_modules/.package-lock.json
	./scripts/bundle-echarts.sh

deps-chromium:
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "make deps: $(CHROMIUM) is missing, and installing it needs root (apt-get install chromium); run as root or install sudo" >&2; exit 1; fi; \
	echo "installing Debian's chromium (for the browser tests)"; \
	$$sudo apt-get update; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

deps-go:
	$(GO) mod download

## site: build into public/.
site: deps-npm deps-go
	CGO_ENABLED=0 $(GO) run ./cmd/pcmt build

check: deps-go
	$(GO) run ./cmd/pcmt check

serve: deps-npm deps-go
	$(GO) run ./cmd/pcmt serve

## test: what CI runs (.ci/run).
test: deps fmt-check vet unit race

fmt-check:
	@files=$$(find . \( -name node_modules -o -name public -o -name resources -o -name '.pcmt-*' -o -name .git \) -prune \
		-o -name '*.go' -print | xargs -r gofmt -l); \
	if [ -n "$$files" ]; then echo "gofmt needed on:"; echo "$$files"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	CGO_ENABLED=0 $(GO) test -timeout $(TEST_TIMEOUT) $(TESTFLAGS) ./...

race:
	@pkgs=$$(RACE_EXCLUDE="$(RACE_EXCLUDE)" ./scripts/race-packages.sh); \
	if [ -z "$$pkgs" ]; then echo "race: no package to test"; exit 0; fi; \
	echo "go test -race on:" $$pkgs; \
	CGO_ENABLED=1 $(GO) test -race -timeout $(TEST_TIMEOUT) $(TESTFLAGS) $$pkgs

fuzz: deps-npm deps-go
	FUZZTIME=$(FUZZTIME) ./scripts/fuzz.sh

## lighthouse: not part of test; Lighthouse (~185 MB) has its own package.json.
lighthouse: deps-npm deps-chromium deps-go bench/lighthouse/node_modules/.package-lock.json
	./bench/lighthouse.sh

bench/lighthouse/node_modules/.package-lock.json: bench/lighthouse/package-lock.json bench/lighthouse/package.json
	$(NPM) ci --prefix bench/lighthouse --no-audit --no-fund --ignore-scripts
	@touch $@

clean:
	rm -rf public resources .hugo_build.lock pcmt .pcmt-* bench-*.txt *.prof *.pprof
	find . -name node_modules -prune -o -name '*.test' -type f -print | xargs -r rm -f

## distclean: clean, and drop node_modules too.
distclean: clean
	rm -rf node_modules bench/lighthouse/node_modules

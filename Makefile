GO ?= go
POLICYC := $(GO) run ./cmd/policyc

.PHONY: build run test bench bench-hugo limits fuzz lint mutation update-golden tools debian-tools man install-man screenshots

build:
	$(GO) build -o bin/policyc ./cmd/policyc

# build checks the policies first and prints what check would; it writes
# nothing if any policy has an error.
run:
	$(POLICYC) build policies --out out
	@echo
	@echo "Open out/index.html: every policy in nl, en and fr (HTML, Markdown, JSON) is in out/<lang>/<id>.{html,md,json}."

# The render package drives Chromium, Hugo, Jekyll and Eleventy; on a
# loaded machine it can pass go test's default limit of 10 minutes.
test: lint
	$(GO) test -timeout 25m ./...

BENCH_DIR ?= $(CURDIR)/bin/bench

# Benchmarks (with their CPU time per operation, cpu-ms/op), then the
# policyc command itself on the generated policy of 1,000, 10,000 and
# 100,000 tracker rows: CPU time, wall time and peak memory (resident set)
# of build, check and diff, and the 10k/1k and 100k/10k ratios, which a
# benchmark cannot show. About 10 minutes on 2 idle cores.
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	internal/gen/bench.sh bin/policyc $(BENCH_DIR)

# The 10,000-row html-only build against Hugo on the same rows and against
# parsing the YAML and writing the bytes (needs hugo and ../shared/perf, or
# PERF=folder of gen_hugo.py).
bench-hugo: build
	internal/gen/bench.sh bin/policyc $(BENCH_DIR) hugo


LIMITS_DIR ?= $(CURDIR)/bin/limits

# Pathological input, measured on the command itself: the alias
# amplification policy (one 4 MiB text aliased by 1,999 trackers) for check
# and build, with GNU time's wall time and peak memory.
limits: build
	$(GO) test ./model -run '^TestAliasAmplification$$' -count 1 -amplify $(LIMITS_DIR)
	@test -x /usr/bin/time || { echo "install GNU time (Debian: apt-get install time)"; exit 1; }
	@for cmd in check build; do \
	  /usr/bin/time -o $(LIMITS_DIR).time -f "policyc $$cmd, alias amplification: %e s, peak %M KB" \
	    bin/policyc $$cmd $(LIMITS_DIR) $$( [ $$cmd = build ] && echo --out $(LIMITS_DIR)-out ) >/dev/null 2>&1; \
	  rc=$$?; cat $(LIMITS_DIR).time; \
	  test $$rc -eq 1 || { echo "policyc $$cmd exited $$rc, want 1 (the alias error)"; exit 1; }; \
	done


FUZZTIME ?= 10m
# A new input that widens coverage is shrunk for at most this long; the
# default (60 s) spends most of a run shrinking when one call is slow
# (rendering a whole policy).
FUZZMINIMIZE ?= 5s

# Each fuzz target, one at a time, for FUZZTIME; plain go test runs their
# corpora (testdata/fuzz and f.Add seeds) as regression tests. A package
# may hold several targets: each runs on its own, anchored by name.
fuzz:
	@set -e; grep -rHoE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]+\(' . \
	  | sed -E 's|^(.*)/[^/]*:func (Fuzz[A-Za-z0-9_]+)\($$|\1 \2|' | sort -u \
	  | while read -r pkg t; do \
	    echo "$$pkg $$t"; $(GO) test $$pkg -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE); \
	  done

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

SCREENSHOT_DIR ?= $(CURDIR)/bin/screenshots

# PNGs of one policy per language at 390 and 1280 px, for reviewers; the
# same Chromium run as the browser test (needs chromium and make tools).
screenshots:
	$(GO) test ./render -run '^TestBrowser$$' -count 1 -browser-pages '^(nl|en|fr)/kimsufi\.html$$' -screenshots $(SCREENSHOT_DIR)
	@ls $(SCREENSHOT_DIR)/*.png

# Deleting any one materiality rule of diff, analyzer of the registry or
# column of a generated table must fail a test; this makes each such mutant
# in a copy of the tree and runs the tests that should catch it.
mutation:
	.ci/mutation

update-golden:
	$(GO) test ./model ./model/diff ./render ./cmd/policyc -update

# Tools some tests run, installed once into .tools (npm) — the Debian
# programs (chromium, hugo, nvim, GNU time) come from `make debian-tools`.
# Locally a test skips without its tool; in CI (CI=true) it fails.
NPM_TOOLS := html-validate@9.7.1 axe-core@4.11.0 puppeteer-core@24.31.0 \
	@11ty/eleventy@3.1.2 markdown-it@14.1.0 vanilla-cookieconsent@3.1.0 \
	klaro@0.7.22 jsonld@8.3.3

tools:
	npm install --prefix .tools --no-save --no-audit --no-fund $(NPM_TOOLS)

DEBIAN_TOOLS := chromium hugo jekyll neovim time python3-openpyxl python3-feedparser

debian-tools:
	@missing=; for p in $(DEBIAN_TOOLS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

# Man pages, one per command, into man/man1: "man policyc-check" finds them
# when bin/ is on PATH (man looks beside it), or with MANPATH="$(CURDIR)/man:".
# install-man puts them where man looks by default.
MANDIR ?= man
man:
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 0) $(POLICYC) man --dir $(MANDIR)/man1
	@echo "Read them with: MANPATH=\"$(abspath $(MANDIR)):\" man policyc-check"

install-man:
	$(MAKE) man MANDIR=/usr/local/share/man
	-mandb -q

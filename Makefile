GO ?= go
POLICYC := $(GO) run ./cmd/policyc

.PHONY: build run test bench lint update-golden tools

build:
	$(GO) build -o bin/policyc ./cmd/policyc

run:
	$(POLICYC) check policies
	$(POLICYC) build policies --out out
	@echo
	@echo "Open out/index.html: every policy in nl, en and fr (HTML, Markdown, JSON) is in out/<lang>/<id>.{html,md,json}."

test: lint
	$(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

update-golden:
	$(GO) test ./model ./render ./cmd/policyc -update

# Tools some tests run: html-validate checks the HTML pages (WCAG rules
# included). CI installs them; locally the test is skipped without them.
tools:
	npm install --prefix .tools --no-save --no-audit --no-fund html-validate@9.7.1

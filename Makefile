# wat: the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/wat
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: build console run test check bench generate image clean

# The binary, with the web console embedded (built first when npm is here;
# without npm the binary serves the API and a page saying how to build it).
build: console
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/wat

# The web console (React + Cloudscape), built into web/dist/console.
console:
	@bash scripts/console.sh

# Serves the API with the embedded SQLite database in ./data, on
# 127.0.0.1:8080 unless `make run LISTEN=host:port` or WAT_LISTEN says
# otherwise. wat serve reads WAT_LISTEN and WAT_DATA_DIR itself, so its
# defaults live in one place (cmd/wat/config.go), not here too.
run: build
	./$(BIN) serve $(if $(LISTEN),--listen '$(LISTEN)')

# Every test, on SQLite and on a throw-away PostgreSQL it starts itself.
test:
	bash scripts/test.sh

# Formatting, vet, staticcheck and the race detector.
check:
	bash scripts/check.sh

# Go benchmarks and HTTP load runs; see BENCHMARKS.md.
bench: build
	bash scripts/bench.sh

# Regenerates the wire layer and the built-in lens; CI fails if they are stale.
generate:
	$(GO) generate ./...

# The container image of deploy/Containerfile (CONTAINER=podman to use
# Podman); says what it needs when there is no container engine.
CONTAINER ?= docker
IMAGE     ?= wat:$(VERSION)
image:
	@command -v $(CONTAINER) >/dev/null 2>&1 && $(CONTAINER) info >/dev/null 2>&1 || { \
	  echo "make image needs a running container engine ($(CONTAINER), or CONTAINER=podman); it would run:" >&2; \
	  echo "  $(CONTAINER) build -f deploy/Containerfile --build-arg VERSION=$(VERSION) -t $(IMAGE) ." >&2; exit 1; }
	$(CONTAINER) build -f deploy/Containerfile --build-arg VERSION=$(VERSION) -t $(IMAGE) .

clean:
	rm -rf bin web/dist/console

# wat: the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/wat
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: build console run test check bench generate clean

# The binary, with the web console embedded (built first when npm is here;
# without npm the binary serves the API and a page saying how to build it).
build: console
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/wat

# The web console (React + Cloudscape), built into web/dist/console.
console:
	@bash scripts/console.sh

# Serves the API on 127.0.0.1:8080 with the embedded SQLite database in ./data.
run: build
	./$(BIN) serve --listen 127.0.0.1:8080 --data-dir ./data

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

clean:
	rm -rf bin web/dist/console

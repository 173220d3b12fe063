#!/usr/bin/env bash
# make check: formatting, vet, staticcheck, the tests under the race detector,
# then a bounded run of the fuzz targets of the parsers of untrusted input.
set -euo pipefail
cd "$(dirname "$0")/.."
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...
go tool staticcheck ./...
go test -race -count=1 -timeout 30m ./...

# The fuzz targets of the scanner (templates and plans: anyone's files) and
# of lens documents, FUZZTIME each (35s: about 4 minutes in all). `go test
# -fuzz` takes one target of one package at a time, hence the list, which
# must name every target of the two packages. A failure leaves its input in
# the package's testdata/fuzz/<target>/: commit it with the fix, as a seed
# that `go test` then runs every time.
targets=(scan:FuzzRead scan:FuzzNormalise scan:FuzzResolved scan:FuzzJSONMatchesYAML
  lens:FuzzDocument lens:FuzzParseCondition lens:FuzzNormalizeURL)
found=$(go test -list '^Fuzz' ./scan ./lens |
  awk '/^Fuzz/ { names[++n] = $1; next }
       /^ok/ { pkg = $2; sub(/.*\//, "", pkg); for (i = 1; i <= n; i++) print pkg ":" names[i]; n = 0 }' | sort)
if [ "$found" != "$(printf '%s\n' "${targets[@]}" | sort)" ]; then
  echo "scripts/check.sh fuzzes ${targets[*]}; the packages have:"; echo "$found"; exit 1
fi
fuzztime=${FUZZTIME:-35s}
for target in "${targets[@]}"; do
  pkg=${target%%:*} name=${target#*:}
  echo "fuzz ./$pkg $name for $fuzztime"
  go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "./$pkg"
done

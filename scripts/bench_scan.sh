#!/usr/bin/env bash
# bench_scan.sh: the whole `wat scan` process on the corpus of the Go
# benchmark BenchmarkScan300 (scan/bench_test.go): 300 generated
# CloudFormation templates, 44 resources each, in YAML (2.75 MB) and the same
# in JSON as CDK writes it (5.6 MB), plus 3,000 templates to show the time is
# linear in the input. It prints the load average it ran under, time
# (hyperfine when installed, else a loop) and peak RSS (GNU time) per output
# format, and, when cfn-guard is there, cfn-guard on the same corpus.
#
# cfn-guard is not downloaded here. It ships in the npm package
# @cdklabs/cdk-validator-cfnguard with AWS Control Tower's proactive-control
# rules; to compare, unpack it and point CFN_GUARD_PACKAGE at it:
#   (cd /tmp && npm pack @cdklabs/cdk-validator-cfnguard && mkdir -p cfnguard &&
#    tar xzf cdklabs-cdk-validator-cfnguard-*.tgz -C cfnguard)
#   CFN_GUARD_PACKAGE=/tmp/cfnguard/package bash scripts/bench_scan.sh
# (or set CFN_GUARD to a cfn-guard binary; CFN_GUARD_RULES to a rules
# directory). BENCH_SCAN_RUNS sets the runs per measurement (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${BENCH_SCAN_RUNS:-10}
work=$(mktemp -d /tmp/wat-bench-scan.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== wat scan: corpus and binary"
WAT_SCAN_CORPUS=$work/corpus go test -count=1 -run '^TestBenchCorpus$' ./scan/ >/dev/null
WAT_SCAN_CORPUS=$work/corpus10 WAT_SCAN_CORPUS_N=3000 go test -count=1 -run '^TestBenchCorpus$' ./scan/ >/dev/null
go build -o "$work/wat" ./cmd/wat
for d in corpus/yaml corpus/json corpus10/yaml; do
  echo "  $d: $(find "$work/$d" -type f | wc -l) files, $(du -sb "$work/$d" | cut -f1) bytes"
done
echo "  $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME CMD...: time and peak RSS of a command, its output discarded;
# RUNS=1 measures one run with GNU time alone.
measure() {
  local name=$1; shift
  if [ "$RUNS" -gt 1 ] && command -v hyperfine >/dev/null; then
    hyperfine -N -w 2 -r "$RUNS" -i --style none --export-csv "$work/h.csv" "$*" >/dev/null 2>&1
    # command,mean,stddev,median,user,system,min,max (seconds)
    awk -F, -v n="$name" 'NR == 2 { printf "  %-38s mean %5.0f ms  min %5.0f ms  user %5.0f ms  sys %4.0f ms", n, $2*1e3, $7*1e3, $5*1e3, $6*1e3 }' "$work/h.csv"
  elif [ "$RUNS" -gt 1 ]; then
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$RUNS"); do "$@" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    printf '  %-38s mean %5d ms' "$name" $(((end - start) / RUNS / 1000000))
  fi
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %U %S %M' -o "$work/t.txt" "$@" >/dev/null 2>&1 || true
    if [ "$RUNS" -gt 1 ]; then
      awk '{ printf "  peak RSS %4.0f MB\n", $4/1024 }' "$work/t.txt" | tail -n 1
    else
      tail -n 1 "$work/t.txt" | awk -v n="$name" '{ printf "  %-38s one run %5.0f ms  user %5.0f ms  sys %4.0f ms  peak RSS %4.0f MB\n", n, $1*1e3, $2*1e3, $3*1e3, $4/1024 }'
    fi
  else
    echo
  fi
}

echo "== wat scan, all $("$work/wat" scan --list-rules | tail -n +2 | wc -l) rules, whole process"
for f in table json sarif markdown; do
  measure "300 YAML templates, --format $f" "$work/wat" scan --format $f "$work/corpus/yaml"
done
measure "300 JSON templates, --format table" "$work/wat" scan --format table "$work/corpus/json"
measure "300 JSON templates, --format json" "$work/wat" scan --format json "$work/corpus/json"
measure "3,000 YAML templates, --format table" "$work/wat" scan --format table "$work/corpus10/yaml"
measure "3,000 YAML templates, --format json" "$work/wat" scan --format json "$work/corpus10/yaml"

guard=${CFN_GUARD:-}
pkg=${CFN_GUARD_PACKAGE:-/tmp/cfnguard/package}
if [ -z "$guard" ] && [ -x "$pkg/bin/ubuntu/x86_64/cfn-guard" ]; then
  guard=$pkg/bin/ubuntu/x86_64/cfn-guard
fi
if [ -z "$guard" ] && command -v cfn-guard >/dev/null; then
  guard=$(command -v cfn-guard)
fi
if [ -z "$guard" ]; then
  echo "== cfn-guard: not found (see the head of this script), not compared"
  exit 0
fi
echo "== $("$guard" --version) on the same 300 YAML templates (JSON output, its fastest)"
# Seven of wat's rules as Guard rules: the same property of the same
# resources (wat reads the same properties, through its normalised model).
mkdir -p "$work/guard"
cat >"$work/guard/wat-equivalents.guard" <<'EOF'
let buckets   = Resources.*[ Type == 'AWS::S3::Bucket' ]
let tables    = Resources.*[ Type == 'AWS::DynamoDB::Table' ]
let functions = Resources.*[ Type == 'AWS::Lambda::Function' ]
let logs      = Resources.*[ Type == 'AWS::Logs::LogGroup' ]
let dbs       = Resources.*[ Type == 'AWS::RDS::DBInstance' ]
rule s3_versioning when %buckets !empty {
    %buckets { Properties.VersioningConfiguration.Status == 'Enabled' }
}
rule dynamodb_pitr when %tables !empty {
    %tables { Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled == true }
}
rule lambda_tracing when %functions !empty {
    %functions { Properties.TracingConfig.Mode == 'Active' }
}
rule lambda_arm64 when %functions !empty {
    %functions {
        Properties.Architectures exists
        Properties.Architectures[*] == 'arm64'
    }
}
rule log_group_retention when %logs !empty {
    %logs {
        Properties.RetentionInDays exists
        Properties.RetentionInDays >= 1
    }
}
rule rds_storage_encrypted when %dbs !empty {
    %dbs { Properties.StorageEncrypted == true }
}
rule rds_multi_az when %dbs !empty {
    %dbs { Properties.MultiAZ == true }
}
EOF
measure "7 rules written for wat's 7" "$guard" validate -r "$work/guard" -d "$work/corpus/yaml" -o json -z -S none
rules=${CFN_GUARD_RULES:-$pkg/rules/control-tower/cfn-guard}
if [ -d "$rules" ]; then
  n=$(find "$rules" -name '*.guard' | wc -l)
  RUNS=1 measure "$n Control Tower rule files (bundled)" "$guard" validate -r "$rules" -d "$work/corpus/yaml" -o json -z -S none
fi
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

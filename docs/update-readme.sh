#!/usr/bin/env bash
# Regenerates the figures in README.md that come from commands, between their <!-- name --> markers:
#   metrics:pandalm, metrics:alpacaeval  from `metrics --markdown` on the sample projects
#   bench                               from the benchmark commands (slow: pass --bench to include them)
# Needs the built jar and a JDK 21+ as java or JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
wb() { "$java" --enable-native-access=ALL-UNNAMED -jar target/rlaif-workbench.jar "$@" 2>/dev/null; }

replace() { # replace <!-- $1 --> … <!-- /$1 --> in README.md with the contents of file $2
  python3 - "$1" "$2" <<'PY'
import sys, re
name, path = sys.argv[1], sys.argv[2]
body = open(path).read().rstrip("\n")
readme = open("README.md").read()
pattern = re.compile(r"(<!-- %s -->\n).*?(<!-- /%s -->)" % (re.escape(name), re.escape(name)), re.S)
if not pattern.search(readme):
    sys.exit("README.md has no <!-- %s --> block" % name)
readme = pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), readme)
open("README.md", "w").write(readme)
PY
}

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
wb metrics --project sample-projects/pandalm.rlaif --markdown > "$tmp/pandalm.md"
replace metrics:pandalm "$tmp/pandalm.md"
wb metrics --project sample-projects/alpacaeval-gpt4.rlaif --markdown > "$tmp/alpaca.md"
replace metrics:alpacaeval "$tmp/alpaca.md"

if [ "${1:-}" = "--bench" ]; then
  {
    echo '```'
    echo '$ java -jar target/rlaif-workbench.jar bench import'
    wb bench import
    echo
    echo '$ java -jar target/rlaif-workbench.jar bench metrics'
    wb bench metrics
    echo
    echo '$ java -jar target/rlaif-workbench.jar bench label'
    wb bench label
    echo
    echo '$ xvfb-run -a java -jar target/rlaif-workbench.jar bench ui'
    xvfb-run -a "$java" --enable-native-access=ALL-UNNAMED -jar target/rlaif-workbench.jar bench ui 2>/dev/null
    echo '```'
  } > "$tmp/bench.md"
  replace bench "$tmp/bench.md"
fi
echo "README.md updated"

#!/usr/bin/env bash
# Builds a native installer with jpackage (JDK 21+): .deb on Linux, .msi on Windows (needs WiX), .dmg on macOS.
#   installer/package.sh [app-image|deb|rpm|msi|dmg]      (default: the platform's installer)
# The installer bundles a trimmed Java runtime, the application jar and the sample projects.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
jpackage="$JAVA_HOME/bin/jpackage"
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)

case "$(uname -s)" in
  Linux*) default=deb; icon=installer/icons/rlaif-workbench.png ;;
  Darwin*) default=dmg; icon=installer/icons/rlaif-workbench.icns ;;
  *) default=msi; icon=installer/icons/rlaif-workbench.ico ;;
esac
type=${1:-$default}

[ -f target/rlaif-workbench.jar ] || ./mvnw -q -B package -DskipTests

input=$(mktemp -d)
trap 'rm -rf "$input"' EXIT
cp target/rlaif-workbench.jar "$input/"
mkdir -p "$input/sample-projects"
cp sample-projects/*.rlaif "$input/sample-projects/" 2>/dev/null || true

if [ "$type" = dmg ] && [ ! -f "$icon" ]; then
  # macOS: build the .icns from the PNG with the system's own tools
  set_dir=$(mktemp -d)/rlaif.iconset; mkdir -p "$set_dir"
  for s in 16 32 128 256 512; do sips -z $s $s installer/icons/rlaif-workbench.png --out "$set_dir/icon_${s}x${s}.png" >/dev/null; done
  iconutil -c icns "$set_dir" -o "$icon"
fi

mkdir -p target/installer
linux_opts=()
[ "$type" = deb ] || [ "$type" = rpm ] && linux_opts=(--linux-shortcut --linux-menu-group Science --linux-app-category science)

"$jpackage" --type "$type" \
  --name "RLAIF Workbench" \
  --app-version "$version" \
  --vendor "RLAIF Workbench" \
  --description "Study AI preference labels against human ones" \
  --input "$input" \
  --main-jar rlaif-workbench.jar \
  --main-class org.rlaif.workbench.Launcher \
  --java-options "--enable-native-access=ALL-UNNAMED -Dai.djl.offline=true" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.unsupported,jdk.zipfs \
  --icon "$icon" \
  --dest target/installer \
  "${linux_opts[@]}"

echo "installer written to $root/target/installer/"
ls -la target/installer

#!/usr/bin/env bash
# Builds a self-contained app image (and a .deb with --deb) with jpackage from JDK 17.
# javafx:jlink cannot be used: Smile is not modular, so the app runs from the classpath.
#   installer/build.sh [--deb] [--no-maven]
# --no-maven packages what `mvn package` already left in target/ (the installer profile uses it).
set -euo pipefail
cd "$(dirname "$0")/.."
deb=false
maven=true
for arg in "$@"; do
  case "$arg" in
    --deb) deb=true ;;
    --no-maven) maven=false ;;
    *) echo "error: unknown argument $arg (expected --deb, --no-maven)" >&2; exit 2 ;;
  esac
done
if $maven; then
  mvn -q -B package -DskipTests
fi
if [ ! -f target/neuron-workbench.jar ] || [ ! -d target/lib ]; then
  echo "error: target/neuron-workbench.jar or target/lib is missing: run mvn package first" >&2
  exit 2
fi
out=target/installer
rm -rf "$out" target/jpackage-input
mkdir -p target/jpackage-input "$out"
cp target/neuron-workbench.jar target/jpackage-input/
cp -r target/lib target/jpackage-input/lib
# The package is for this machine's platform only (jpackage bundles this JDK, and the libtorch jar
# is linux-x86_64), but three jars carry natives for every platform: ONNX Runtime (with Windows
# debug symbols, 300 MB unpacked), DuckDB and the DJL tokenizers. The copies packaged here keep
# only linux-x86_64; target/lib is left whole.
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
  if ! command -v zip >/dev/null; then
    echo "error: zip is missing (apt-get install zip): it leaves other platforms' natives out of the package" >&2
    exit 2
  fi
  before=$(du -sb target/jpackage-input/lib | cut -f1)
  strip_natives() { # jar-glob pattern...
    local jars=(target/jpackage-input/lib/$1)
    shift
    [ -f "${jars[0]}" ] || { echo "error: no ${jars[0]##*/} in target/lib to strip" >&2; exit 2; }
    zip -q -d "${jars[0]}" "$@"
  }
  strip_natives 'onnxruntime-*.jar' 'ai/onnxruntime/native/win-*' 'ai/onnxruntime/native/osx-*' \
    'ai/onnxruntime/native/linux-aarch64/*'
  strip_natives 'duckdb_jdbc-*.jar' 'libduckdb_java.so_windows_*' 'libduckdb_java.so_osx_*' \
    'libduckdb_java.so_linux_arm64'
  strip_natives 'tokenizers-*.jar' 'native/lib/win-*' 'native/lib/osx-*' 'native/lib/linux-aarch64/*'
  after=$(du -sb target/jpackage-input/lib | cut -f1)
  echo "other platforms' natives left out: $(( (before - after) / 1000000 )) MB"
fi
common=(--name neuron-workbench --app-version 0.1.0
        --input target/jpackage-input --main-jar neuron-workbench.jar
        --main-class org.neuronworkbench.Main
        --java-options "-Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Xmx8g"
        --description "Find out what individual neurons of a transformer do"
        --icon installer/neuron-workbench.png
        --dest "$out")
jpackage --type app-image "${common[@]}"
echo "app image: $out/neuron-workbench/bin/neuron-workbench"
if $deb; then
  # JavaFX loads GTK 3 and fontconfig at run time (dlopen), which jpackage's library scan cannot
  # see, so they are named here; without fonts every label renders as empty boxes.
  # installer/deb holds postinst/prerm that do not fail on machines without a desktop menu.
  # gzip instead of dpkg's default xz: the payload is mostly jars, which are zip-compressed already.
  DPKG_DEB_COMPRESSOR_TYPE=gzip \
  jpackage --type deb "${common[@]}" --resource-dir installer/deb \
    --linux-shortcut --linux-menu-group Science \
    --linux-app-category science \
    --linux-package-deps "libgtk-3-0, fontconfig, fonts-dejavu-core" \
    --vendor "Neuron Workbench" --license-file README.md
  echo "debian package: $(ls "$out"/*.deb)"
fi

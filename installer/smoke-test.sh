#!/usr/bin/env bash
# Installs the .deb from installer/build.sh --deb, starts the installed app under Xvfb with a fresh
# home folder, waits for the main window, saves a screenshot, runs CLI commands through the
# installed launcher (probe, index, top, export-svg), fails on any exception in the logs, and uninstalls. Needs root (apt-get),
# xvfb-run, xwininfo (x11-utils) and import (imagemagick).
#   installer/smoke-test.sh [PATH.deb]     results in target/smoke/
set -euo pipefail
cd "$(dirname "$0")/.."
deb="${1:-$(ls target/installer/*.deb 2>/dev/null | head -n 1)}"
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "error: no .deb given and none in target/installer: run installer/build.sh --deb first" >&2
  exit 2
fi
for tool in apt-get dpkg xvfb-run xwininfo import; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install xvfb x11-utils imagemagick)" >&2; exit 2; }
done
out=target/smoke
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
launcher=/opt/neuron-workbench/bin/neuron-workbench

if dpkg -s neuron-workbench >/dev/null 2>&1; then
  echo "error: neuron-workbench is already installed; remove it first for a clean test" >&2
  exit 2
fi
uninstall() { apt-get remove -y --purge neuron-workbench >"$out/uninstall.log" 2>&1 || true; }
trap uninstall EXIT

echo "== installing $(basename "$deb") ($(du -h "$deb" | cut -f1))"
DEBIAN_FRONTEND=noninteractive apt-get install -y "$(realpath "$deb")" >"$out/install.log" 2>&1
dpkg -s neuron-workbench | grep -E '^(Version|Depends|Installed-Size):' | tee "$out/package.txt"
test -x "$launcher"
desktop=$(dpkg -L neuron-workbench | grep -E '\.desktop$' | head -n 1)
test -n "$desktop" && grep -q '^Icon=' "$desktop" && echo "desktop entry: $desktop"

# A fresh home: no workspace, no model cache, no DJL cache, nothing from an earlier run.
home="$out/home"
mkdir -p "$home"
export HOME="$home"
# No network namespace when the kernel allows it, to show the app needs none.
nonet=()
if unshare --net true 2>/dev/null; then
  nonet=(unshare --net)
  echo "network: none (separate network namespace)"
fi

echo "== starting the app under Xvfb"
cat >"$out/gui.sh" <<EOF
#!/usr/bin/env bash
set -u
start=\$(date +%s.%N)
${nonet[*]} "$launcher" >"$out/app.log" 2>&1 &
app=\$!
shown=""
for i in \$(seq 1 600); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"Neuron Workbench"'; then shown=yes; break; fi
  if ! kill -0 \$app 2>/dev/null; then break; fi
  sleep 0.2
done
elapsed() { awk -v a="\$start" -v b="\$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
loaded=""
if [ -n "\$shown" ]; then
  echo "main window after \$(elapsed) s" | tee "$out/start-time.txt"
  # The app opens on the embedded model and logs one "loaded:" line when it is ready.
  for i in \$(seq 1 900); do
    if grep -q '^loaded: ' "$out/app.log"; then loaded=yes; break; fi
    if ! kill -0 \$app 2>/dev/null; then break; fi
    sleep 0.2
  done
  if [ -n "\$loaded" ]; then
    echo "embedded model loaded after \$(elapsed) s: \$(grep '^loaded: ' "$out/app.log")" | tee -a "$out/start-time.txt"
    sleep 1
  fi
  import -window root "$out/screenshot.png"
fi
kill \$app 2>/dev/null; wait \$app 2>/dev/null
test -n "\$shown" && test -n "\$loaded"
EOF
chmod +x "$out/gui.sh"
if ! xvfb-run -a -s "-screen 0 1400x900x24" "$out/gui.sh"; then
  echo "error: the main window did not appear or the embedded model did not load; see $out/app.log" >&2
  exit 1
fi

echo "== CLI commands through the installed launcher"
"${nonet[@]}" "$launcher" probe --text "The cat sat on the mat." --layer 3 --neuron 42 --json \
  >"$out/cli.json" 2>"$out/cli.log"
grep -q '"blocks.3.mlp.hook_post"' "$out/cli.json"
echo "probe: $(grep -c '"index"' "$out/cli.json") tokens"
# The package keeps only linux-x86_64 natives of ONNX Runtime, DuckDB and the tokenizers
# (installer/build.sh): an index (DuckDB) and an SVG of a typed line (ONNX Runtime) show they load.
corpus="$out/corpus.txt"
for i in $(seq 1 12); do
  echo "The cat sat on the mat number $i. Rain fell on the river while the dog slept." >>"$corpus"
done
"${nonet[@]}" "$launcher" index --corpus "$corpus" --sentences --out "$out/index" >"$out/index.log" 2>&1
"${nonet[@]}" "$launcher" top --index "$out/index" --layer 4 --neuron 1253 --k 2 >"$out/top.txt" 2>>"$out/cli.log"
grep -q 'cat sat' "$out/top.txt"
echo "index and top: $(grep -c . "$out/top.txt") lines"
"${nonet[@]}" "$launcher" export-svg --layer 4 --neuron 1253 --index "$out/index" --text "The cat sat." \
  -o "$out/cat.svg" >"$out/svg.log" 2>&1
grep -q '<svg' "$out/cat.svg"
# The model loads without ONNX Runtime too (a warning, typed lines on libtorch): that must not
# pass here, where the package's own ONNX Runtime natives are what is being tested.
if grep -h 'warning: ONNX Runtime' "$out/svg.log" "$out/app.log"; then
  echo "error: the installed app could not load ONNX Runtime's native library" >&2
  exit 1
fi
echo "export-svg: $(wc -c <"$out/cat.svg") bytes, ONNX Runtime loaded"

if grep -nE 'Exception|Error:|at [a-z]+\.[A-Za-z.$]+\(' "$out/app.log" "$out/cli.log" "$out/index.log" "$out/svg.log"; then
  echo "error: exceptions in the logs above" >&2
  exit 1
fi
trap - EXIT
uninstall
if [ -e "$launcher" ]; then
  echo "error: $launcher is still there after uninstall" >&2
  exit 1
fi
echo "== uninstalled; smoke test passed (screenshot: $out/screenshot.png)"

#!/bin/sh
# Rebuilds assets/static/vendor/payvand-editor.min.js and its licence file from
# entry.js with the exact versions in package-lock.json. Needs Node + npm; only
# whoever upgrades the editor runs this: `go build` uses the committed bundle.
set -eu
cd "$(dirname "$0")"
OUT=../static/vendor/payvand-editor.min.js
LIC=../static/vendor/payvand-editor.LICENSE.txt

# Exact versions from the lock file; no install scripts (esbuild's binary comes
# from its platform package, @esbuild/<os>-<arch>, and needs none).
npm ci --ignore-scripts --no-audit --no-fund

ESBUILD=./node_modules/.bin/esbuild
TIPTAP=$(node -p 'require("./node_modules/@tiptap/core/package.json").version')
echo "esbuild $($ESBUILD --version), @tiptap/core $TIPTAP"

"$ESBUILD" entry.js \
  --bundle --minify --format=iife --platform=browser --target=es2020 \
  --define:process.env.NODE_ENV='"production"' \
  --legal-comments=none \
  --banner:js="/*! payvand-editor: TipTap $TIPTAP + ProseMirror, MIT licensed; see payvand-editor.LICENSE.txt */" \
  --metafile=node_modules/.payvand-meta.json \
  --outfile="$OUT"

# The licence file: every package that ended up in the bundle, grouped by
# identical licence text. Fails if a bundled package ships no licence file.
node - "$LIC" <<'JS'
const fs = require('fs'), path = require('path');
const meta = JSON.parse(fs.readFileSync('node_modules/.payvand-meta.json', 'utf8'));
const pkgs = new Map();
for (const input of Object.keys(meta.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) pkgs.set(m[1], path.join('node_modules', m[1]));
}
const groups = new Map();
for (const [name, dir] of [...pkgs].sort()) {
  const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e)(\.(md|txt))?$/i.test(f));
  if (!file) { console.error('no licence file in ' + name); process.exit(1); }
  const text = fs.readFileSync(path.join(dir, file), 'utf8').trim();
  if (!groups.has(text)) groups.set(text, []);
  groups.get(text).push(`${name}@${pj.version} (${pj.license})`);
}
let out = 'payvand-editor.min.js bundles the following third-party packages.\n' +
  'It is built from assets/editor/ (entry.js, package-lock.json, build.sh).\n';
for (const [text, names] of groups) {
  out += '\n' + '='.repeat(78) + '\n' + names.join('\n') + '\n' + '-'.repeat(78) + '\n' + text + '\n';
}
fs.writeFileSync(process.argv[2], out);
console.log(`licences: ${pkgs.size} packages, ${groups.size} distinct texts -> ${process.argv[2]}`);
JS

SIZE=$(wc -c < "$OUT")
GZ=$(gzip -9c "$OUT" | wc -c)
echo "$OUT: $SIZE bytes ($((SIZE / 1024)) KiB), gzip -9: $GZ bytes"

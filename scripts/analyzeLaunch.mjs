// `npm run analyze -- …`: runs the analyze CLI (scripts/analyze.ts) as one esbuild bundle of plain
// JavaScript, dist/analyze/analyze.js, instead of compiling TypeScript through the tsx loader at every
// run — tsx keeps function names (`__name` wrapped around every closure), which cost about a third of a
// million-row run (docs/BENCHMARKS.md "analyze"). The bundle is rebuilt only when it is stale: when any
// file it was built from (listed by esbuild's metafile in dist/analyze/inputs.json), or this launcher,
// is newer than it. A fresh bundle costs a few stat calls; a rebuild about a tenth of a second.
// Packages are bundled too: the statistics packages (@stdlib) are hundreds of small CommonJS modules,
// and resolving and loading them from node_modules cost ~0.3 s of CPU at every start (0.1 s bundled).
// Their files are among the inputs, so an `npm ci` that changes them rebuilds the bundle as well.
// ANALYZE_BUNDLE_DIR puts the bundle elsewhere (the launcher's test uses it).
// Plain JavaScript because it must run before any TypeScript loader is registered.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = process.env.ANALYZE_BUNDLE_DIR ? path.resolve(process.env.ANALYZE_BUNDLE_DIR) : path.join(ROOT, 'dist', 'analyze');
const BUNDLE = path.join(OUT_DIR, 'analyze.js');
const INPUTS = path.join(OUT_DIR, 'inputs.json');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function isFresh() {
  const built = mtime(BUNDLE);
  if (!Number.isFinite(built) || mtime(INPUTS) === Number.POSITIVE_INFINITY) return false;
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(INPUTS, 'utf8'));
  } catch {
    return false;
  }
  return [import.meta.filename, ...inputs.map((file) => path.join(ROOT, file))].every((file) => mtime(file) <= built);
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // Written beside the final names and renamed, so two runs building at once never read half a bundle.
  const temporary = path.join(OUT_DIR, `analyze.${process.pid}.js`);
  const result = await esbuild({
    entryPoints: [path.join(ROOT, 'scripts', 'analyze.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // CommonJS packages require Node's modules (tty, util …); an ESM bundle has no `require` of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    keepNames: false,
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => path.relative(ROOT, path.resolve(ROOT, file)));
  fs.renameSync(`${temporary}.map`, `${BUNDLE}.map`);
  // The source map's name is in the bundle's last line; point it at the final name.
  const code = fs.readFileSync(temporary, 'utf8').replace(/sourceMappingURL=analyze\.\d+\.js\.map\s*$/, 'sourceMappingURL=analyze.js.map\n');
  fs.writeFileSync(temporary, code);
  fs.renameSync(temporary, BUNDLE);
  fs.writeFileSync(`${INPUTS}.${process.pid}`, JSON.stringify(inputs));
  fs.renameSync(`${INPUTS}.${process.pid}`, INPUTS);
}

if (!isFresh()) await build();
process.setSourceMapsEnabled(true);
await import(pathToFileURL(BUNDLE).href);

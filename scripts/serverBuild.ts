/**
 * `npm run build:server`: bundles `npm start` (scripts/start.ts with the API, migrations and demo
 * seed) into dist/start.js, so production runs plain JavaScript instead of compiling TypeScript
 * through the tsx loader at every start. Packages stay in node_modules (imported, not bundled).
 *
 * Modules find the repository by their own location (`import.meta.dirname`, e.g. config.ts's
 * defaults for data/ and web/build) and server.ts tells "run directly" by `import.meta.url`; in one
 * bundle both would point at dist/. Each module's `import.meta.dirname` and `import.meta.url` are
 * therefore rewritten to the source file's place, resolved at run time from the bundle's own
 * location, so the bundle behaves as the sources do wherever the repository lives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_FILE = path.join(ROOT, 'dist', 'start.js');

const BANNER = [
  "import { join as __sourceJoin } from 'node:path';",
  "import { pathToFileURL as __sourceToUrl } from 'node:url';",
  "const __sourceRoot = __sourceJoin(import.meta.dirname, '..');",
  'const __sourceDir = (dir) => __sourceJoin(__sourceRoot, dir);',
  'const __sourceUrl = (file) => __sourceToUrl(__sourceJoin(__sourceRoot, file)).href;',
].join('\n');

const sourceLocations: Plugin = {
  name: 'source-locations',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const file = path.relative(ROOT, args.path).split(path.sep).join('/');
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.dirname', `__sourceDir(${JSON.stringify(path.posix.dirname(file))})`)
        .replaceAll('import.meta.url', `__sourceUrl(${JSON.stringify(file)})`);
      return { contents, loader: 'ts' };
    });
  },
};

const result = await build({
  entryPoints: [path.join(ROOT, 'scripts', 'start.ts')],
  outfile: OUT_FILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  banner: { js: BANNER },
  plugins: [sourceLocations],
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`Built ${path.relative(ROOT, OUT_FILE)} (${Math.round(bytes / 1024)} KiB with its source map).`);

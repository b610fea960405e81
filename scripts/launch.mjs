// `npm start`: under NODE_ENV=production the compiled bundle (dist/start.js, from `npm run
// build:server`), otherwise the TypeScript sources through the tsx loader, both in this process.
// Plain JavaScript because it must run before any TypeScript loader is registered.
import fs from 'node:fs';

if (process.env.NODE_ENV === 'production') {
  const bundle = new URL('../dist/start.js', import.meta.url);
  if (!fs.existsSync(bundle)) {
    console.error('NODE_ENV=production but dist/start.js is missing: run "npm run build:server" first.');
    process.exit(1);
  }
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./start.ts');
}

import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // Every page renders in the browser from 200.html; Fastify sends it for every non-/api GET (STACK.md).
    // precompress: a .br and a .gz beside each file, at the best ratio, sent by @fastify/static (app.ts).
    adapter: adapter({ fallback: '200.html', precompress: true }),
    // Root-relative asset URLs, so /s/<id>/ and /app/… deep links load /_app/… and not s/_app/….
    paths: { relative: false },
  },
};

export default config;

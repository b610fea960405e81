import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // Every page renders in the browser from 200.html; Fastify sends it for every non-/api GET (STACK.md).
    adapter: adapter({ fallback: '200.html' }),
    // Root-relative asset URLs, so /s/<id>/ and /app/… deep links load /_app/… and not s/_app/….
    paths: { relative: false },
  },
};

export default config;

import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// API_URL lets the dev server talk to an API on another port (e.g. a second checkout).
const api = { '/api': process.env.API_URL ?? 'http://localhost:3000' };

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: api },
  preview: { proxy: api },
});

import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const api = { '/api': 'http://localhost:3000' };

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: api },
  preview: { proxy: api },
});

// Every page renders in the browser from build/200.html (adapter-static fallback); the API is the only server.
export const ssr = false;
export const prerender = false;

// A small static server for the demo page: serves the repository root on
// localhost with the right MIME types (application/wasm for streaming
// compilation) and the page's Content-Security-Policy. No dependencies.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const port = Number(process.env.PORT ?? process.argv[2] ?? 8080);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
// 'wasm-unsafe-eval' lets the page compile WebAssembly; nothing else is loosened.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors *";

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path === '/') { res.writeHead(302, { location: '/www/' }); res.end(); return; }
    let file = normalize(join(root, path));
    // Only the page and the package it loads are served, never the rest of
    // the repository (.git included).
    const served = ['www', 'pkg/web'].map((dir) => join(root, dir) + '/');
    if (!served.some((dir) => file.startsWith(dir) || file + '/' === dir)) { res.writeHead(404); res.end('not found'); return; }
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`market-validation demo: http://localhost:${server.address().port}/www/`);
});

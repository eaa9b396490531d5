// The package tests' harness (tests/package/run.mjs, consumers.mjs): one
// line per check, commands run with a timeout, fresh projects installing the
// packed tarball, a static server for the browser checks.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PKG = path.resolve(process.env.MV_PKG_DIR || path.join(ROOT, 'pkg'));
export const TOOLS = path.join(ROOT, 'tools');
export const toolsRequire = createRequire(path.join(TOOLS, 'package.json'));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
export const NPM_INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

// ---------------------------------------------------------------- harness

/** The checks' counts, for the summary line. */
export const tally = { passed: 0, failed: 0 };
export function record(name, ok, detail = '') {
  if (ok) tally.passed++; else tally.failed++;
  const line = `${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? ` -- ${detail}` : ''}`;
  console.log(line);
}
/** Runs one check; an exception (or a false return with a message) fails it. */
export async function check(name, fn) {
  try {
    const r = await fn();
    if (typeof r === 'string') record(name, false, r);
    else record(name, true);
  } catch (e) {
    record(name, false, (e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : String(e)));
  }
}
export function assert(cond, msg) { if (!cond) throw new Error(msg); }
export function indent(text) { return String(text).trim().split('\n').map((l) => `        ${l}`).join('\n'); }

/** Runs a command; resolves {code, stdout, stderr}; never rejects (except spawn errors). */
export function run(cmd, args, { cwd, timeout = 120_000, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { stderr += `\n[timed out after ${timeout} ms]`; child.kill('SIGKILL'); }, timeout);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}
/** npm's output minus its harmless config warning. */
export function npmNoise(text) {
  return text.split('\n').filter((l) => l.trim() && !/Unknown (user|project|env) config "nodedir"/.test(l)).join('\n');
}

/** Entries of a .tgz: [{name, size, type, data}] (ustar, as npm writes it). */
export function readTgz(file) {
  const buf = zlib.gunzipSync(fs.readFileSync(file));
  const out = [];
  let longName = null;
  for (let off = 0; off + 512 <= buf.length;) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    let name = str(0, 100);
    const prefix = str(345, 500);
    if (prefix) name = `${prefix}/${name}`;
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = str(156, 157) || '0';
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') { longName = data.toString('utf8').replace(/\0.*$/s, ''); continue; }
    if (type === 'x' || type === 'g') continue; // pax headers
    if (longName) { name = longName; longName = null; }
    out.push({ name, size, type, data });
  }
  return out;
}

export function writeFiles(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

export async function makeProject(tmp, name, type, tarball) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  writeFiles(dir, { 'package.json': `${JSON.stringify({ name: `mv-test-${name}`, version: '1.0.0', private: true, type }, null, 2)}\n` });
  const r = await run('npm', [...NPM_INSTALL, tarball], { cwd: dir });
  if (r.code !== 0) throw new Error(`npm install in ${name} failed (exit ${r.code}):\n${indent(npmNoise(r.stderr + r.stdout))}`);
  return dir;
}

export function serve(root) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.map': 'application/json' };
  const log = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      log.push(`404 ${url.pathname}`);
      res.writeHead(404).end('not found');
      return;
    }
    log.push(`200 ${url.pathname}`);
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, log, port: server.address().port })));
}


/** Headless Chromium (Debian's), through playwright-core. */
export function launchChromium() {
  const { chromium } = toolsRequire('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens `url` and waits for the page to set its title to `done:...` or `error:...`; returns the
 * title and what went wrong on the way (page errors, console errors and warnings, failed requests).
 */
export async function openPage(browser, url, timeout = 30_000) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  try {
    await page.goto(url);
    await page.waitForFunction(() => /^(done|error):/.test(document.title), null, { timeout })
      .catch((e) => { problems.push(e.message.split('\n')[0]); });
    return { title: await page.title(), problems };
  } finally {
    await page.close();
  }
}

/** True when `got` and `want` are the same JSON, else what differs. */
export const same = (got, want) => JSON.stringify(got) === JSON.stringify(want) || `got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;

// The page suites' shared set-up, apart from support.mjs so that scripts
// outside the test runner (bench/page.mjs) can use support.mjs without
// loading node:test.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, CHROMIUM, LAUNCH_ARGS, openPage, resultsDir, startServer, stopServer } from './support.mjs';

/**
 * Registers, in the calling describe(), a before() that starts the demo
 * server and Chromium and an after() that stops them. Returns the suite:
 * `suite.origin` (set once started) and `suite.open(contextOptions)`, which
 * opens a recording page (see openPage) against that origin.
 */
export function pageSuite() {
  const suite = {
    origin: null,
    browser: null,
    server: null,
    open: (contextOptions) => openPage(suite.browser, contextOptions, suite.origin),
  };
  before(async () => {
    assert.ok(existsSync(new URL('../../pkg/web/market_validation.js', import.meta.url)),
      'pkg/web is missing: run bash scripts/build.sh first');
    await mkdir(resultsDir, { recursive: true });
    ({ child: suite.server, origin: suite.origin } = await startServer());
    suite.browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });
  after(async () => {
    await suite.browser?.close().catch(() => {});
    await stopServer(suite.server);
  });
  return suite;
}

// The command line of the events benchmarks: arguments read and checked,
// the run under `node --expose-gc`, and the closing summary. Shared by
// bench/events.mjs and bench/event-names.mjs.
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/**
 * The command line of `script` (its path), whose usage line is `usageText`:
 * `known` are its options, `withValue` those that take a value.
 */
export function commandLine(script, usageText, known, withValue) {
  const name = `bench/${path.basename(script)}`;
  const argv = process.argv.slice(2);
  const usage = (message) => {
    console.error(`${name}: ${message}\n${usageText}`);
    process.exit(2);
  };
  const flag = (option) => argv.includes(`--${option}`);
  const opt = (option, fallback) => {
    const i = argv.indexOf(`--${option}`);
    if (i < 0) return fallback;
    if (i + 1 >= argv.length) usage(`--${option} needs a value`);
    return argv[i + 1];
  };
  const int = (option, fallback, min) => {
    const raw = opt(option, undefined);
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min) usage(`--${option} needs a whole number >= ${min}`);
    return v;
  };
  /** Runs `main` when the script is the one Node was started with. */
  const start = (main) => {
    if (!process.argv[1] || path.resolve(process.argv[1]) !== script) return;
    if (flag('help')) {
      console.log(usageText);
      process.exit(0);
    }
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (!a.startsWith('--') || !known.has(a.slice(2))) usage(`unknown argument ${a}`);
      if (withValue.has(a.slice(2))) i++;
    }
    if (typeof globalThis.gc !== 'function') {
      // Run again with gc() exposed (collected before each call).
      const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', script, ...argv], { stdio: 'inherit' });
      process.exit(r.status ?? 1);
    }
    main().catch((e) => {
      console.error(e?.stack ?? e);
      process.exit(1);
    });
  };
  return { name, argv, flag, opt, int, usage, start };
}

/** Prints each size's goals and problems; exits 1 when there were problems. */
export function summarize(name, all, fmtInt) {
  console.log('\nsummary:');
  let failed = false;
  for (const { size, problems, goals } of all) {
    const met = goals.filter((g) => g.met).length;
    console.log(`  ${fmtInt(size.events)} events: goals met ${met}/${goals.length}` +
      (goals.some((g) => g.met === false) ? ` (missed: ${goals.filter((g) => g.met === false).map((g) => g.text).join('; ')})` : '') +
      (problems.length ? `; PROBLEMS: ${problems.join('; ')}` : '; no problems'));
    if (problems.length) failed = true;
  }
  if (failed) {
    console.error(`${name}: FAILED (see the problems above)`);
    process.exit(1);
  }
}

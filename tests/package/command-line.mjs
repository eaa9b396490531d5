// `npx market-validation` in a project that installed the packed tarball: a
// survey's report, events as --json, the SQL, and each exit code with its
// message.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT, check, indent, run, same } from './harness.mjs';

/** `npx market-validation`: a report, --json, the SQL, and each exit code with its message. */
export async function commandLine(dir, want) {
  const npx = async (...args) => run('npx', ['--no-install', 'market-validation', ...args], { cwd: dir });
  const fixture = (f) => path.join(ROOT, 'tests/fixtures', f);
  await check('npx market-validation <survey export>: a report with NPS, Sean Ellis, CSAT, the columns read and the score inputs', async () => {
    const r = await npx(fixture('exports/surveymonkey.csv'));
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr)}`;
    for (const words of ['a surveymonkey export', 'NPS', '+20.0, 95% interval', 'Sean Ellis', 'CSAT', 'Columns read', 'surveyData.npsScore']) {
      if (!r.stdout.includes(words)) return `no "${words}" in:\n${indent(r.stdout)}`;
    }
  });
  await check('npx market-validation <Parquet events> --json: the analysis, the same users as the API', async () => {
    const r = await npx(fixture('parquet/duckdb-snappy.parquet'), '--json');
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr)}`;
    const out = JSON.parse(r.stdout);
    return same([out.kind, out.analysis.users], ['events', want.users]);
  });
  await check('npx market-validation sql --dialect bigquery ...: the statements', async () => {
    const r = await npx('sql', '--dialect', 'bigquery', '--table', 'analytics.events', '--user', 'user_id', '--time', 'ts');
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr)}`;
    if ((r.stdout.match(/^-- \w+: /gm) ?? []).length < 6 || !r.stdout.includes('`analytics`.`events`')) return r.stdout.slice(0, 400);
  });
  const unusable = path.join(dir, 'unusable.csv');
  fs.writeFileSync(unusable, 'How likely are you to recommend us?\nnope\nx\n');
  for (const [what, args, code, words] of [
    ['a file with nothing usable exits 1, naming the file', [unusable], 1, 'unusable.csv: survey not usable'],
    ['a bad --sus-coding exits 2, naming the flag, the value and the codings', [fixture('usability/task-table.csv'), '--sus-coding', '0-10'], 2,
      '--sus-coding (options.susCoding): "0-10"; expected'],
    ['a missing file exits 2', [path.join(dir, 'missing.csv')], 2, 'missing.csv: cannot be read (no such file)'],
    ['a directory exits 2', [path.join(dir, 'src')], 2, 'src: cannot be read'],
    ['an unknown flag exits 2 with the usage', ['--bogus', unusable], 2, 'Usage:'],
    ['a column named wrong exits 2, naming the option', [fixture('exports/surveymonkey.csv'), '--column', 'nps=Nope'], 2, 'options.columns.nps'],
    ['sql without its table exits 2', ['sql', '--dialect', 'duckdb'], 2, 'sql needs --table, --user, --time'],
  ]) {
    await check(`npx market-validation: ${what}`, async () => {
      const r = await npx(...args);
      if (r.code !== code) return `exit ${r.code}, expected ${code}\n${indent(r.stderr)}`;
      if (!r.stderr.includes(words)) return `no "${words}" in:\n${indent(r.stderr)}`;
    });
  }
}

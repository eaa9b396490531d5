#!/usr/bin/env node
// market-validation on the command line: `npx market-validation <file>` reads
// a survey or usage-events export (the kind detected as the page does) and
// prints a readable report, or `--json`; `npx market-validation sql ...`
// prints the warehouse statements. Exit codes: 0 done, 1 the file was read
// but held nothing usable, 2 bad arguments or an unreadable file, 70 an
// internal error.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { eventsReport, surveyReport } from './report.mjs';

const require = createRequire(import.meta.url);
const mv = require('../node/market_validation.js');

const USAGE = `Usage:
  market-validation <file> [--json] [--kind survey|events] [--column role=header ...]
                           [--delimiter c] [--confidence 0.95] [--no-progress]
                           [--cohort-period day|week|month] [--as-of YYYY-MM-DD] (events)
  market-validation sql --dialect duckdb|clickhouse|spark|bigquery|snowflake|postgres
                        --table name --user column --time column [--event column]
                        [--session column] [--time-unit seconds|milliseconds|microseconds|nanoseconds]
                        [--cohort-period day|week|month] [--as-of YYYY-MM-DD]

Reads a survey export (SurveyMonkey, Typeform, Qualtrics, Google Forms, ...) or
usage events (PostHog, Mixpanel, Amplitude, GA4, CSV, JSON, Parquet, zip, gzip)
and prints what it found: NPS, the Sean Ellis test and CSAT, or actives,
stickiness and retention; the columns chosen; the score inputs; warnings.
--column names a column by its header: survey roles nps, pmf, csat, segment,
date; events roles user, time, event, session (e.g. --column user=person_id).

Exit codes: 0 done; 1 the file was read but held nothing usable;
2 bad arguments or an unreadable file.`;

class Usage extends Error {}

/** Exits with `code` after printing `message` to stderr. */
function exit(code, message) {
  if (message) process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The library's input error as lines: its message names the file's lines and fields. */
function explain(file, e) {
  const problems = e.problems ?? [];
  const lines = problems.length
    ? problems.map((p) => `  ${p.path}: ${p.value}; expected ${p.expected}${p.hint ? ` (${p.hint})` : ''}`)
    : [`  ${e.message}`];
  return `${file}: ${e.subject ?? 'input'} not usable\n${lines.join('\n')}`;
}

/** Reads a file, showing a progress bar on stderr for big files on a terminal. */
function readFile(file, progress) {
  const size = fs.statSync(file).size;
  if (!progress || size < 32 * 1024 * 1024 || !process.stderr.isTTY) return fs.readFileSync(file);
  const bytes = new Uint8Array(size);
  const fd = fs.openSync(file, 'r');
  try {
    for (let at = 0; at < size;) {
      const n = fs.readSync(fd, bytes, at, Math.min(8 * 1024 * 1024, size - at), at);
      if (n === 0) break;
      at += n;
      const done = Math.round((30 * at) / size);
      process.stderr.write(`\rreading ${file} [${'#'.repeat(done)}${' '.repeat(30 - done)}] ${Math.round((100 * at) / size)}%`);
    }
  } finally {
    fs.closeSync(fd);
  }
  process.stderr.write('\ranalysing…'.padEnd(60) + '\r');
  return bytes;
}

/** `--column role=header` pairs as an object. */
function columns(pairs) {
  const out = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Usage(`--column ${pair}: expected role=header, e.g. --column nps="How likely are you to recommend us?"`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

function analyseFile(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' }, kind: { type: 'string' }, column: { type: 'string', multiple: true },
      delimiter: { type: 'string' }, confidence: { type: 'string' }, 'no-progress': { type: 'boolean' },
      'cohort-period': { type: 'string' }, 'as-of': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new Usage(positionals.length ? `one file at a time (given: ${positionals.join(', ')})` : 'which file? give its path');
  const file = positionals[0];
  if (values.kind !== undefined && !['survey', 'events'].includes(values.kind)) throw new Usage(`--kind ${values.kind}: expected survey or events`);
  const confidence = values.confidence === undefined ? undefined : Number(values.confidence);
  if (confidence !== undefined && !(confidence >= 0.5 && confidence <= 0.999)) throw new Usage(`--confidence ${values.confidence}: expected 0.5 to 0.999`);
  let bytes;
  try {
    bytes = readFile(file, !values['no-progress']);
  } catch (e) {
    return exit(2, `${file}: cannot be read (${e.code === 'ENOENT' ? 'no such file' : e.message})`);
  }
  const named = columns(values.column);
  let kind = values.kind;
  let options;
  try {
    if (!kind) {
      const info = mv.readExport(bytes, values.delimiter ? { delimiter: values.delimiter } : undefined);
      if (info.kind === 'unknown') {
        return exit(1, `${file}: cannot tell whether it holds survey answers or usage events; its columns: ${info.columns.slice(0, 12).map((c) => c.header).join(' | ')}\nsay which with --kind survey or --kind events`);
      }
      if (info.kind === 'usability') {
        return exit(1, `${file}: holds a usability test (a task table, the SUS or UMUX-Lite), which the command line does not report yet: drop it on the page, or call analyzeUsability\nsay --kind survey to read its survey questions`);
      }
      kind = info.kind;
    }
    // The events analysis has no confidence level option: its intervals are at 95%.
    options = {
      ...(values.delimiter ? { delimiter: values.delimiter } : {}),
      ...(confidence && kind === 'survey' ? { confidenceLevel: confidence } : {}),
      ...(Object.keys(named).length ? { columns: named } : {}),
      ...(kind === 'events' && values['cohort-period'] ? { cohortPeriod: values['cohort-period'] } : {}),
      ...(kind === 'events' && values['as-of'] ? { asOf: values['as-of'] } : {}),
    };
    const result = kind === 'survey' ? mv.analyzeSurvey(bytes, options) : mv.analyzeEventsCsv(bytes, options);
    process.stdout.write(`${values.json ? JSON.stringify({ kind, ...result }, null, 2) : (kind === 'survey' ? surveyReport(file, result) : eventsReport(file, result))}\n`);
    return exit(0);
  } catch (e) {
    if (!mv.isMarketValidationError(e)) throw e;
    // Problems with an option the command line set are bad arguments; any
    // other (an option's default the file does not suit) is the file's.
    const given = Object.keys(options ?? {}).map((k) => `options.${k}`);
    const fromArguments = e.problems.length > 0
      && e.problems.every((p) => given.some((g) => p.path === g || p.path.startsWith(`${g}.`) || p.path.startsWith(`${g}[`)));
    return exit(fromArguments ? 2 : 1, explain(file, e));
  }
}

function sql(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dialect: { type: 'string' }, table: { type: 'string' }, user: { type: 'string' }, time: { type: 'string' },
      event: { type: 'string' }, session: { type: 'string' }, 'time-unit': { type: 'string' },
      'cohort-period': { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' },
    },
  });
  if (positionals.length) throw new Usage(`sql takes no file (given: ${positionals.join(', ')})`);
  const missing = ['dialect', 'table', 'user', 'time'].filter((k) => values[k] === undefined);
  if (missing.length) throw new Usage(`sql needs ${missing.map((k) => `--${k}`).join(', ')}`);
  const cols = { user: values.user, time: values.time, ...(values.event ? { event: values.event } : {}), ...(values.session ? { session: values.session } : {}) };
  const options = {
    table: values.table, columns: cols,
    ...(values['time-unit'] ? { timeUnit: values['time-unit'] } : {}),
    ...(values['cohort-period'] ? { cohortPeriod: values['cohort-period'] } : {}),
    ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
  };
  try {
    const out = mv.eventsSql(values.dialect, options);
    const text = values.json ? JSON.stringify(out, null, 2)
      : out.statements.map((s) => `-- ${s.name}: ${s.description}\n${s.sql.trimEnd()};\n`).join('\n');
    process.stdout.write(`${text}\n`);
    return exit(0);
  } catch (e) {
    if (!mv.isMarketValidationError(e)) throw e;
    return exit(2, explain('sql', e));
  }
}

const argv = process.argv.slice(2);
try {
  if (argv.length === 0) exit(2, USAGE);
  else if (argv.includes('-h') || argv.includes('--help')) process.stdout.write(`${USAGE}\n`);
  else if (argv[0] === '--version') process.stdout.write(`${mv.version()}\n`);
  else if (argv[0] === 'sql') sql(argv.slice(1));
  else analyseFile(argv);
} catch (e) {
  // parseArgs' errors (an unknown flag, a missing value) are bad arguments.
  if (e instanceof Usage || e?.code?.startsWith?.('ERR_PARSE_ARGS')) exit(2, `${e.message}\n\n${USAGE}`);
  // Anything else is the program's fault, not the file's: a code of its own.
  exit(70, `market-validation: internal error (please report it): ${e?.stack ?? e}`);
}

#!/usr/bin/env node
// market-validation on the command line: `npx market-validation <file>` reads
// a survey, usage-events or usability-test export (the kind detected as the
// page does) and prints a readable report, or `--json`;
// `npx market-validation sql ...` prints the warehouse statements. Exit
// codes: 0 done, 1 the file was read but held nothing usable, 2 bad
// arguments or an unreadable file, 70 an internal error.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { eventsReport, surveyReport, usabilityReport } from './report.mjs';

const require = createRequire(import.meta.url);
const mv = require('../node/market_validation.js');

const USAGE = `Usage:
  market-validation <file> [--json] [--kind survey|events|usability] [--column role=header ...]
                           [--delimiter c] [--confidence 0.95] [--no-progress]
                           [--cohort-period day|week|month] [--as-of YYYY-MM-DD] (events)
                           [--time-unit seconds|milliseconds|minutes] [--times successes|all]
                           [--partial failure|success] [--sus-version standard|all-positive]
                           [--sus-coding 1-5|0-4] (usability)
  market-validation sql --dialect duckdb|clickhouse|spark|bigquery|snowflake|postgres
                        --table name --user column --time column [--event column]
                        [--session column] [--time-unit seconds|milliseconds|microseconds|nanoseconds]
                        [--cohort-period day|week|month] [--as-of YYYY-MM-DD]

Reads a survey export (SurveyMonkey, Typeform, Qualtrics, Google Forms, ...),
usage events (PostHog, Mixpanel, Amplitude, GA4, CSV, JSON, Parquet, zip, gzip)
or a usability test (a task table, the SUS or UMUX-Lite) and prints what it
found: NPS, the Sean Ellis test, CSAT and feature requests; actives,
stickiness and retention; or the SUS, UMUX-Lite and each task's completion,
time on task and SEQ; the columns chosen; the score inputs; warnings.
--column names a column by its header: survey roles nps, pmf, csat, segment,
date, requests; events roles user, time, event, session (e.g. --column
user=person_id); usability roles participant, task, success, time, seq, and
sus and umuxLite given once per column, in order (ten times for the SUS).

Exit codes: 0 done; 1 the file was read but held nothing usable;
2 bad arguments or an unreadable file.`;

class Usage extends Error {}

/** Exits with `code` after printing `message` to stderr. */
function exit(code, message) {
  if (message) process.stderr.write(`${message}\n`);
  process.exit(code);
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

/** The roles that take several columns, in order: each `--column role=header` adds one. */
const LISTS = new Set(['segments', 'features', 'sus', 'umuxLite']);

/** `--column role=header` pairs as an object. */
function columns(pairs) {
  const out = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Usage(`--column ${pair}: expected role=header, e.g. --column nps="How likely are you to recommend us?"`);
    const [role, header] = [pair.slice(0, at), pair.slice(at + 1)];
    out[role] = LISTS.has(role) ? [...(out[role] ?? []), header] : header;
  }
  return out;
}

const KINDS = ['survey', 'events', 'usability'];

/**
 * The analyses' options set by a flag of their own: the flag, the option
 * and the kinds it applies to (for any other kind it is not passed on).
 * The library checks the values, but --confidence's is checked first, as a
 * number; --column is read apart.
 */
const FLAGS = [
  ['delimiter', 'delimiter', KINDS],
  // The events analysis has no confidence level option: its intervals are at 95%.
  ['confidence', 'confidenceLevel', ['survey', 'usability']],
  ['cohort-period', 'cohortPeriod', ['events']],
  ['as-of', 'asOf', ['events']],
  ['time-unit', 'timeUnit', ['usability']],
  ['times', 'times', ['usability']],
  ['partial', 'partial', ['usability']],
  ['sus-version', 'susVersion', ['usability']],
  ['sus-coding', 'susCoding', ['usability']],
];

/** The flag that sets an option path for a file of this kind (`options.columns.nps` is `--column nps`), if any. */
function flagOf(path, kind) {
  if (!KINDS.includes(kind)) return undefined;
  const column = path.match(/^options\.columns(?:\.(\w+))?/);
  if (column) return column[1] ? `--column ${column[1]}` : '--column role=header';
  const flag = FLAGS.find(([, option, kinds]) => path === `options.${option}` && kinds.includes(kind));
  return flag && `--${flag[0]}`;
}

/** The library's words with the options the command line sets named by their flags. */
const inFlagWords = (text, kind) => text.replace(/`?options\.[\w.]*\w`?/g, (path) => flagOf(path.replaceAll('`', ''), kind) ?? path);

/**
 * The library's input error as lines: its message names the file's lines and fields. For a
 * file's analysis (`kind`), an option the command line sets is named by its flag too.
 */
function explain(file, e, kind) {
  const problems = e.problems ?? [];
  const named = (path) => {
    const flag = flagOf(path, kind);
    return flag ? `${flag} (${path})` : path;
  };
  const words = (text) => inFlagWords(text, kind);
  const lines = problems.length
    ? problems.map((p) => `  ${named(p.path)}: ${p.value}; expected ${words(p.expected)}${p.hint ? ` (${words(p.hint)})` : ''}`)
    : [`  ${words(e.message)}`];
  return `${file}: ${e.subject ?? 'input'} not usable\n${lines.join('\n')}`;
}

/** The options the flags set for `kind`. */
function flagOptions(values, confidence, kind) {
  const out = {};
  for (const [flag, option, kinds] of FLAGS) {
    const value = flag === 'confidence' ? confidence : values[flag];
    if (value !== undefined && kinds.includes(kind)) out[option] = value;
  }
  return out;
}

/** Each kind's analysis and its readable report. */
const ANALYSES = {
  survey: [(bytes, options) => mv.analyzeSurvey(bytes, options), surveyReport],
  events: [(bytes, options) => mv.analyzeEventsCsv(bytes, options), eventsReport],
  usability: [(bytes, options) => mv.analyzeUsability(bytes, options), usabilityReport],
};

function analyseFile(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' }, kind: { type: 'string' }, column: { type: 'string', multiple: true },
      delimiter: { type: 'string' }, confidence: { type: 'string' }, 'no-progress': { type: 'boolean' },
      'cohort-period': { type: 'string' }, 'as-of': { type: 'string' }, 'time-unit': { type: 'string' },
      times: { type: 'string' }, partial: { type: 'string' }, 'sus-version': { type: 'string' }, 'sus-coding': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new Usage(positionals.length ? `one file at a time (given: ${positionals.join(', ')})` : 'which file? give its path');
  const file = positionals[0];
  if (values.kind !== undefined && !KINDS.includes(values.kind)) throw new Usage(`--kind ${values.kind}: expected survey, events or usability`);
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
        return exit(1, `${file}: cannot tell whether it holds survey answers, usage events or a usability test; its columns: ${info.columns.slice(0, 12).map((c) => c.header).join(' | ')}\nsay which with --kind survey, --kind events or --kind usability`);
      }
      kind = info.kind;
      if (info.alsoHolds?.includes('usability')) process.stderr.write(`${file}: also holds a usability test (the SUS or UMUX-Lite): --kind usability reports it\n`);
    }
    options = {
      ...flagOptions(values, confidence, kind),
      ...(Object.keys(named).length ? { columns: named } : {}),
    };
    const [analyse, report] = ANALYSES[kind];
    const result = analyse(bytes, options);
    process.stdout.write(`${values.json ? JSON.stringify({ kind, ...result }, null, 2) : inFlagWords(report(file, result, options), kind)}\n`);
    return exit(0);
  } catch (e) {
    if (!mv.isMarketValidationError(e)) throw e;
    // Problems with an option the command line set are bad arguments; any
    // other (an option's default the file does not suit) is the file's.
    const given = Object.keys(options ?? {}).map((k) => `options.${k}`);
    const fromArguments = e.problems.length > 0
      && e.problems.every((p) => given.some((g) => p.path === g || p.path.startsWith(`${g}.`) || p.path.startsWith(`${g}[`)));
    return exit(fromArguments ? 2 : 1, explain(file, e, kind));
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

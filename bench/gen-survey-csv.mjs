#!/usr/bin/env node
// Writes a realistic survey export CSV, the kind Typeform or SurveyMonkey
// produce, for bench/survey.mjs. Deterministic: the same --rows and --seed
// give the same bytes. Beside it, a small JSON sidecar with the true counts
// (what a correct reader must find), so the benchmark can check its answers.
//
//   node bench/gen-survey-csv.mjs [OUT.csv] [--rows N] [--seed S]
//
// Defaults: 1,000,000 rows (~103 MB: ~100 bytes a row, most of it the ID,
// the timestamp and the Ellis answer's text), seed 20240601, OUT =
// bench/out/survey-<N>.csv (bench/out is gitignored); sidecar OUT with .csv
// replaced by .counts.json. Prints the byte size.
//
// Columns (the questions as the tools export them):
//   Response ID, Submitted At (ISO 8601, UTC),
//   NPS "How likely are you to recommend Acme to a friend or colleague?":
//     0..10, ~2% blank, ~1.5% of 0/9/10 with their label ("9 - Very likely"),
//   Sean Ellis "How would you feel if you could no longer use Acme?":
//     very / somewhat / not disappointed / no longer use at ~35/40/20/5,
//     ~1.5% blank, ~1% in odd case or whitespace,
//   "Overall, how satisfied are you with Acme?": 1..5, ~1% blank, a few
//     with their label ("4 - Satisfied"),
//   "What is your role?": 6 roles, skewed, ~1% blank,
//   "Rate: Search", "Rate: Dashboards": 1..5, ~10% blank each,
//   a free-text comment: ~60% blank, ~10% with commas and double quotes
//     (CSV-quoted, quotes doubled), a quarter of those with embedded line
//     breaks, a few with non-ASCII punctuation.
// Rows end in CRLF; line breaks inside quoted comments are LF, as Excel-style
// exports write them.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prng } from './prng.mjs';

export const GENERATOR_VERSION = 1;
export const DEFAULT_ROWS = 1_000_000;
export const DEFAULT_SEED = 20240601;

export const COLUMNS = {
  id: 'Response ID',
  submitted: 'Submitted At',
  nps: 'How likely are you to recommend Acme to a friend or colleague?',
  pmf: 'How would you feel if you could no longer use Acme?',
  csat: 'Overall, how satisfied are you with Acme?',
  segment: 'What is your role?',
  features: ['Rate: Search', 'Rate: Dashboards'],
  comment: 'Anything else you would like to tell us about Acme?',
};

const ELLIS = [
  ['very', 'Very disappointed', 0.35],
  ['somewhat', 'Somewhat disappointed', 0.40],
  ['not', "Not disappointed (it isn't really that useful)", 0.20],
  ['noLongerUse', 'N/A - I no longer use Acme', 0.05],
];
const ROLES = [
  ['Founder / CEO', 0.30],
  ['Product manager', 0.25],
  ['Engineer', 0.20],
  ['Designer', 0.10],
  ['Marketing', 0.08],
  ['Other', 0.07],
];
// Likelihood to recommend, 0..10: 25% detractors, 35% passives, 40% promoters.
const NPS_P = [0.02, 0.01, 0.02, 0.03, 0.03, 0.06, 0.08, 0.15, 0.20, 0.18, 0.22];
const NPS_LABEL = { 0: '0 - Not at all likely', 9: '9 - Very likely', 10: '10 - Extremely likely' };
const CSAT_P = [0.04, 0.08, 0.18, 0.42, 0.28];
const CSAT_LABEL = { 1: '1 - Very dissatisfied', 2: '2 - Dissatisfied', 3: '3 - Neutral', 4: '4 - Satisfied', 5: '5 - Very satisfied' };
const FEATURE_P = [0.05, 0.10, 0.25, 0.35, 0.25];

const PLAIN = [
  'Love the product',
  'Search could be faster',
  'Dashboards are great for our weekly review',
  'Please add SSO',
  'Pricing is a bit high for small teams',
  'Support was quick to answer',
  'The mobile app needs work',
  'We use it every day',
  'Exports to CSV would help',
  'Onboarding took longer than expected',
];
const CLAUSES = [
  'search is slow on large projects',
  'the "Dashboards" tab times out',
  'I\'d pay more for an API',
  'our team of 12 uses it daily',
  'the "share" button is hidden',
  'filters reset when I go back',
  'we tried "Competitor X", it was worse',
  'charts, tables and exports all work',
  'it said "error 500" twice this week',
  'keep it simple, please',
];
const FANCY = ['great tool — thanks', 'the “new” editor is nice', 'café-style UI, très bien', 'naïve search, but fast'];


function pick(rand, weights) {
  let u = rand();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** RFC 4180 quoting: quote when the field has a comma, quote, CR or LF. */
function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Odd case and whitespace, as hand-edited or re-exported answers have. */
function mangle(rand, s) {
  switch (Math.floor(rand() * 5)) {
    case 0: return s.toUpperCase();
    case 1: return s.toLowerCase();
    case 2: return `  ${s} `;
    case 3: return s.replace(' ', '   ');
    default: return `\t${s.toLowerCase()}`;
  }
}

/**
 * Writes the CSV and its sidecar; returns the sidecar object.
 * @param {{ rows?: number, seed?: number, out: string }} opts
 */
export function generate({ rows = DEFAULT_ROWS, seed = DEFAULT_SEED, out }) {
  const rand = prng(seed);
  const counts = {
    nps: { answered: 0, blank: 0, labelled: 0, promoters: 0, passives: 0, detractors: 0, byScore: new Array(11).fill(0) },
    pmf: { very: 0, somewhat: 0, not: 0, noLongerUse: 0, blank: 0, mangled: 0, answered: 0, users: 0 },
    csat: { answered: 0, blank: 0, labelled: 0, top2: 0, byScore: new Array(5).fill(0) },
    features: Object.fromEntries(COLUMNS.features.map((f) => [f, { answered: 0, blank: 0 }])),
    segments: Object.fromEntries(ROLES.map(([r]) => [r, 0])),
    segmentBlank: 0,
    comments: { blank: 0, plain: 0, quoted: 0, withNewline: 0, nonAscii: 0 },
  };

  fs.mkdirSync(path.dirname(out), { recursive: true });
  const fd = fs.openSync(out, 'w');
  let bytes = 0;
  const write = (s) => {
    const buf = Buffer.from(s, 'utf8');
    fs.writeSync(fd, buf);
    bytes += buf.length;
  };

  const header = [COLUMNS.id, COLUMNS.submitted, COLUMNS.nps, COLUMNS.pmf, COLUMNS.csat, COLUMNS.segment,
    ...COLUMNS.features, COLUMNS.comment];
  write(header.map(csvField).join(',') + '\r\n');

  let t = Date.UTC(2024, 0, 1, 8, 0, 0);
  const CHUNK = 10_000;
  let lines = [];
  for (let i = 0; i < rows; i++) {
    // Response ID: 16 base-36 characters.
    let id = '';
    for (let k = 0; k < 16; k++) id += B36[Math.floor(rand() * 36)];
    t += 1000 * (1 + Math.floor(rand() * 60));
    const submitted = new Date(t).toISOString().replace('.000Z', 'Z');

    // NPS
    let nps = '';
    if (rand() < 0.02) {
      counts.nps.blank++;
    } else {
      const s = pick(rand, NPS_P);
      counts.nps.answered++;
      counts.nps.byScore[s]++;
      if (s >= 9) counts.nps.promoters++;
      else if (s >= 7) counts.nps.passives++;
      else counts.nps.detractors++;
      if (NPS_LABEL[s] && rand() < 0.015) {
        nps = NPS_LABEL[s];
        counts.nps.labelled++;
      } else {
        nps = String(s);
      }
    }

    // Sean Ellis
    let pmf = '';
    if (rand() < 0.015) {
      counts.pmf.blank++;
    } else {
      const e = pick(rand, ELLIS.map((x) => x[2]));
      const [key, text] = ELLIS[e];
      counts.pmf[key]++;
      counts.pmf.answered++;
      if (key !== 'noLongerUse') counts.pmf.users++;
      if (rand() < 0.01) {
        pmf = mangle(rand, text);
        counts.pmf.mangled++;
      } else {
        pmf = text;
      }
    }

    // CSAT
    let csat = '';
    if (rand() < 0.01) {
      counts.csat.blank++;
    } else {
      const s = pick(rand, CSAT_P) + 1;
      counts.csat.answered++;
      counts.csat.byScore[s - 1]++;
      if (s >= 4) counts.csat.top2++;
      if (rand() < 0.005) {
        csat = CSAT_LABEL[s];
        counts.csat.labelled++;
      } else {
        csat = String(s);
      }
    }

    // Role
    let role = '';
    if (rand() < 0.01) {
      counts.segmentBlank++;
    } else {
      role = ROLES[pick(rand, ROLES.map((r) => r[1]))][0];
      counts.segments[role]++;
    }

    // Feature ratings
    const feats = COLUMNS.features.map((f) => {
      if (rand() < 0.10) {
        counts.features[f].blank++;
        return '';
      }
      counts.features[f].answered++;
      return String(pick(rand, FEATURE_P) + 1);
    });

    // Comment
    let comment = '';
    const u = rand();
    if (u < 0.60) {
      counts.comments.blank++;
    } else if (u < 0.90) {
      comment = PLAIN[Math.floor(rand() * PLAIN.length)];
      if (rand() < 0.02) {
        comment += ` (${FANCY[Math.floor(rand() * FANCY.length)]})`;
        counts.comments.nonAscii++;
      }
      counts.comments.plain++;
    } else {
      // Commas and quotes; a quarter with line breaks inside.
      const a = CLAUSES[Math.floor(rand() * CLAUSES.length)];
      const b = CLAUSES[Math.floor(rand() * CLAUSES.length)];
      const nl = rand() < 0.25;
      comment = nl ? `Two things:\n- ${a}\n- ${b}` : `${a[0].toUpperCase()}${a.slice(1)}, and ${b}.`;
      if (!/[",]/.test(comment)) comment = `"${comment}", I said`;
      counts.comments.quoted++;
      if (nl) counts.comments.withNewline++;
    }

    lines.push([id, submitted, nps, pmf, csat, role, ...feats, comment].map(csvField).join(','));
    if (lines.length === CHUNK) {
      write(lines.join('\r\n') + '\r\n');
      lines = [];
    }
  }
  if (lines.length) write(lines.join('\r\n') + '\r\n');
  fs.closeSync(fd);

  const sidecar = {
    generator: 'bench/gen-survey-csv.mjs',
    version: GENERATOR_VERSION,
    rows,
    seed,
    bytes,
    lineEnding: 'CRLF',
    columns: COLUMNS,
    counts,
    notes: [
      'nps.answered counts non-blank answers (all valid, 0..10); promoters 9-10, passives 7-8, detractors 0-6.',
      'pmf.users = very + somewhat + not (N/A "no longer use" left out); pmf.answered also counts N/A.',
      'csat.top2 counts answers of 4 or 5.',
    ],
  };
  fs.writeFileSync(sidecarPath(out), JSON.stringify(sidecar, null, 2) + '\n');
  return sidecar;
}

export function sidecarPath(csvPath) {
  return csvPath.replace(/\.csv$/i, '') + '.counts.json';
}

export function defaultPath(rows, root) {
  return path.join(root, 'bench', 'out', `survey-${rows}.csv`);
}

// ------------------------------------------------------------ CLI

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  let rows = DEFAULT_ROWS;
  let seed = DEFAULT_SEED;
  let out = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--rows' || a === '--seed') {
      const v = Number(args[++i]);
      if (!Number.isInteger(v) || v < (a === '--rows' ? 1 : 0)) {
        console.error(`${a} needs a whole number`);
        process.exit(2);
      }
      if (a === '--rows') rows = v; else seed = v;
    } else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/gen-survey-csv.mjs [OUT.csv] [--rows N] [--seed S]');
      return;
    } else if (a.startsWith('-')) {
      console.error(`unknown option ${a}`);
      process.exit(2);
    } else {
      out = path.resolve(a);
    }
  }
  out ??= defaultPath(rows, root);
  const t0 = process.hrtime.bigint();
  const s = generate({ rows, seed, out });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${out}: ${s.rows.toLocaleString('en-US')} rows, ${s.bytes.toLocaleString('en-US')} bytes ` +
    `(${(s.bytes / 1e6).toFixed(1)} MB), seed ${seed}, ${secs.toFixed(1)} s`);
  console.log(`${sidecarPath(out)}: true counts (NPS answered ${s.counts.nps.answered.toLocaleString('en-US')}, ` +
    `Ellis users ${s.counts.pmf.users.toLocaleString('en-US')}, CSAT answered ${s.counts.csat.answered.toLocaleString('en-US')})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();

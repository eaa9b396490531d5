// `npx market-validation` in a project that installed the packed tarball: a
// survey's report (with its feature requests), events as --json, the SQL, a
// usability test's report and --json, and each exit code with its message.
// The usability and feature-request figures are checked against the
// fixtures' expected.json (computed by their make_fixtures.py, apart from
// the library); the SUS grade, percentile and adjective from the published
// tables below.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT, check, indent, run, same } from './harness.mjs';

const fixture = (f) => path.join(ROOT, 'tests/fixtures', f);
const expected = (dir) => JSON.parse(fs.readFileSync(fixture(`${dir}/expected.json`), 'utf8'));

// Sauro and Lewis's curved grading scale (Quantifying the User Experience, 2nd ed., 2016,
// Table 8.5): each grade's lowest mean, best first.
const GRADES = [['A+', 84.1], ['A', 80.8], ['A-', 78.9], ['B+', 77.2], ['B', 74.1], ['B-', 72.6], ['C+', 71.1], ['C', 65], ['C-', 62.7], ['D', 51.7], ['F', 0]];
// Bangor, Kortum and Miller (2009, Table 3): each adjective's mean SUS score.
const ADJECTIVES = [['worst imaginable', 12.5], ['awful', 20.3], ['poor', 35.7], ['OK', 50.9], ['good', 71.4], ['excellent', 85.5], ['best imaginable', 90.9]];
// The SUS database's study means (Sauro 2011): mean 68, sd 12.5; the published SEQ average 5.5 (Sauro 2012).
const SUS_MEAN = 68;
const SUS_SD = 12.5;
const SEQ_AVERAGE = 5.5;

/** The standard normal CDF (Abramowitz and Stegun 26.2.17, error below 7.5e-8). */
function normalCdf(z) {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
  return z >= 0 ? 1 - upper : upper;
}
/** A SUS mean's grade, percentile rank (whole) and nearest adjective (a tie goes to the better). */
function susReading(mean) {
  const adjective = ADJECTIVES.reduce((best, a) => (Math.abs(a[1] - mean) <= Math.abs(best[1] - mean) ? a : best))[0];
  return { grade: GRADES.find(([, lowest]) => mean >= lowest)[0], percentile: Math.round(100 * normalCdf((mean - SUS_MEAN) / SUS_SD)), adjective };
}
/** Where an interval lies against an average, in the report's words. */
const against = ([lo, hi], average) => (lo > average ? 'above' : hi < average ? 'below' : 'not distinguishable from');

/** True when `printed` is `want` rounded to the digits printed ("70.8" for 70.833). */
function near(printed, want) {
  const digits = (String(printed).split('.')[1] ?? '').length;
  return Math.abs(Number(printed) - want) <= 0.5 * 10 ** -digits + 1e-9;
}
/** Problems with printed figures: each [what, printed, want] not `near`. */
const far = (pairs) => pairs.filter(([, printed, want]) => !near(printed, want)).map(([what, printed, want]) => `${what}: printed ${printed}, expected ${want}`);
/** Problems with exact figures: each [what, got, want] more than 1e-9 apart. */
const apart = (pairs) => pairs.filter(([, got, want]) => !(Math.abs(got - want) <= 1e-9)).map(([what, got, want]) => `${what}: ${got}, expected ${want}`);
/** Nothing when `got` is `want`, else what differs. */
const differs = (what, got, want) => (same(got, want) === true ? [] : [`${what}: ${same(got, want)}`]);
/** The text's match for `re`, or a message naming what is missing. */
function find(text, re, what) {
  const m = text.match(re);
  if (!m) throw new Error(`no ${what} (${re}) in:\n${indent(text)}`);
  return m;
}
/** The line `title` and the lines after it that `within` keeps (by default, up to a blank line). */
function section(text, title, within = (line) => line.trim() !== '') {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(title));
  if (at < 0) throw new Error(`no "${title}" in:\n${indent(text)}`);
  const end = lines.findIndex((l, i) => i > at && !within(l));
  return lines.slice(at, end < 0 ? undefined : end).join('\n');
}

/** The SUS line's figures against the expected ones: mean, interval, respondents, grade, percentile, adjective. */
function susText(text, want) {
  const m = find(text, /^ {2}SUS +([\d.]+), 95% interval ([\d.]+) to ([\d.]+) \(n = (\d+)/m, 'SUS line');
  const r = find(text, /^ +grade (\S+), (\d+)(?:st|nd|rd|th) percentile, "([^"]+)"; (above|below|not distinguishable from) the average 68$/m, 'SUS reading');
  const reading = susReading(want.mean);
  return [
    ...far([['SUS mean', m[1], want.mean], ['SUS interval from', m[2], want.interval[0]], ['SUS interval to', m[3], want.interval[1]]]),
    ...differs('respondents', Number(m[4]), want.n),
    ...differs('grade, percentile, adjective, against 68', [r[1], Number(r[2]), r[3], r[4]],
      [reading.grade, reading.percentile, reading.adjective, against(want.interval, SUS_MEAN)]),
  ];
}

/** One task's lines against its expected completion, time and SEQ. */
function taskText(text, t) {
  // The task's name, then its rows, indented by four.
  const block = section(text, `  ${t.task}`, (line) => line.startsWith('    '));
  const c = find(block, /completion +([\d.]+)%, 95% interval ([\d.]+)% to ([\d.]+)% \(Agresti–Coull\), (\d+) of (\d+) attempts.*$/m, `${t.task}: completion`);
  const time = find(block, /time on task +([\d.]+) s, 95% interval ([\d.]+) s to ([\d.]+) s \(geometric mean of (\d+) times, successful attempts\)/, `${t.task}: time`);
  const seq = find(block, /SEQ +([\d.]+), 95% interval ([\d.]+) to ([\d.]+) \(n = (\d+)\); (.+) the average 5\.5$/m, `${t.task}: SEQ`);
  const counts = [
    ['successes', c[4], t.completion.successes], ['attempts', c[5], t.completion.attempts], ['times', time[4], t.time.times], ['ratings', seq[4], t.seq.n],
  ].filter(([, got, want]) => Number(got) !== want).map(([what, got, want]) => `${t.task}: ${what} ${got}, expected ${want}`);
  const aside = [...(t.partial ? [`, ${t.partial} partial (counted as failures)`] : []), ...(t.notAttempted ? [`, ${t.notAttempted} not attempted`] : [])]
    .filter((words) => !c[0].includes(words)).map((words) => `${t.task}: no "${words}"`);
  const side = differs(`${t.task}: SEQ against the average`, seq[5], against(t.seq.interval, SEQ_AVERAGE));
  return [...far([
    [`${t.task}: completion`, c[1], 100 * t.completion.rate], [`${t.task}: completion from`, c[2], 100 * t.completion.interval[0]],
    [`${t.task}: completion to`, c[3], 100 * t.completion.interval[1]], [`${t.task}: time`, time[1], t.time.geometricMean],
    [`${t.task}: time from`, time[2], t.time.interval[0]], [`${t.task}: time to`, time[3], t.time.interval[1]],
    [`${t.task}: SEQ`, seq[1], t.seq.mean], [`${t.task}: SEQ from`, seq[2], t.seq.interval[0]], [`${t.task}: SEQ to`, seq[3], t.seq.interval[1]],
  ]), ...counts, ...aside, ...side];
}

/** A report's JSON task against its expected figures. */
function taskJson(got, t) {
  if (!got) return [`no task "${t.task}"`];
  const c = got.completion;
  return [
    ...apart([
      ['successes', c.successes, t.completion.successes], ['attempts', c.attempts, t.completion.attempts], ['rate', c.rate, t.completion.rate],
      ['completion from', c.interval[0], t.completion.interval[0]], ['completion to', c.interval[1], t.completion.interval[1]],
      ['partial', got.partial, t.partial], ['not attempted', got.notAttempted, t.notAttempted],
      ['times', got.time.times, t.time.times], ['time', got.time.geometricMean, t.time.geometricMean],
      ['time from', got.time.interval[0], t.time.interval[0]], ['time to', got.time.interval[1], t.time.interval[1]],
      ['ratings', got.seq.responses, t.seq.n], ['SEQ', got.seq.mean, t.seq.mean],
      ['SEQ from', got.seq.interval[0], t.seq.interval[0]], ['SEQ to', got.seq.interval[1], t.seq.interval[1]],
    ]).map((p) => `${t.task}: ${p}`),
    ...(c.method === 'agresti-coull' ? [] : [`${t.task}: method ${c.method}`]),
  ];
}

/** The planted theme (its keywords, whole words) an example holds: the one whose keywords it holds. */
function plantedTheme(example, keywords) {
  const words = example.toLowerCase().split(/[^a-z]+/);
  const held = Object.entries(keywords).filter(([, ks]) => ks.some((k) => words.includes(k))).map(([name]) => name);
  return held.length === 1 ? held[0] : undefined;
}

/** `npx market-validation`: the reports, --json, the SQL, and each exit code with its message. */
export async function commandLine(dir, want) {
  const npx = async (...args) => run('npx', ['--no-install', 'market-validation', ...args], { cwd: dir });
  /** Runs the command line; its stdout when it exits 0, else throws with its stderr. */
  const out = async (...args) => {
    const r = await npx(...args);
    if (r.code !== 0) throw new Error(`exit ${r.code}\n${indent(r.stderr)}`);
    return r.stdout;
  };
  const problems = (list) => (list.length ? list.join('\n') : undefined);
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
    const json = JSON.parse(r.stdout);
    return same([json.kind, json.analysis.users], ['events', want.users]);
  });
  await check('npx market-validation sql --dialect bigquery ...: the statements', async () => {
    const r = await npx('sql', '--dialect', 'bigquery', '--table', 'analytics.events', '--user', 'user_id', '--time', 'ts');
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr)}`;
    if ((r.stdout.match(/^-- \w+: /gm) ?? []).length < 6 || !r.stdout.includes('`analytics`.`events`')) return r.stdout.slice(0, 400);
  });

  const usability = expected('usability');
  const table = usability['task-table'];
  await check('npx market-validation <task table>: the SUS with its grade, percentile and adjective, each task\'s completion, time and SEQ, the rows not used (usability/expected.json)', async () => {
    const text = await out(fixture('usability/task-table.csv'));
    const head = find(text, /^\S*task-table\.csv: .*?(\d+) participants, (\d+) tasks$/m, 'heading');
    const skipped = find(text, /^Rows not used: (\d+) \(.*\)\n +line \d+: /m, 'rows not used with their lines');
    return problems([
      ...differs('participants, tasks, rows not used', [Number(head[1]), Number(head[2]), Number(skipped[1])], [table.participants, table.tasks.length, table.skipped]),
      ...susText(text, table.sus),
      ...table.tasks.flatMap((t) => taskText(section(text, 'Tasks'), t)),
      ...['Participant', 'Task success', 'Time on task', 'SEQ', 'SUS statements', 'surveyData.susScore'].filter((w) => !text.includes(w)).map((w) => `no "${w}"`),
    ]);
  });
  await check('npx market-validation <task table> --json: kind usability, the SUS and every task\'s figures (usability/expected.json)', async () => {
    const r = JSON.parse(await out(fixture('usability/task-table.csv'), '--json'));
    const s = r.sus.summary;
    return problems([
      ...differs('kind, participants, rows not used, tasks', [r.kind, r.participants, r.skipped.count, r.tasks.map((t) => t.task)],
        ['usability', table.participants, table.skipped, table.tasks.map((t) => t.task)]),
      ...apart([['SUS mean', s.mean, table.sus.mean], ['SUS sd', s.sd, table.sus.sd], ['SUS from', s.interval[0], table.sus.interval[0]],
        ['SUS to', s.interval[1], table.sus.interval[1]], ['respondents', s.respondents, table.sus.n]]),
      ...table.tasks.flatMap((t) => taskJson(r.tasks.find((g) => g.task === t.task), t)),
    ]);
  });
  const qualtrics = usability['qualtrics-sus'];
  await check('npx market-validation <Qualtrics SUS and UMUX-Lite survey>: detected as a usability test; the SUS, the incomplete questionnaire, UMUX-Lite on its scale and the SUS\'s (usability/expected.json)', async () => {
    const text = await out(fixture('usability/qualtrics-sus.csv'));
    const u = find(text, /^ {2}UMUX-Lite +([\d.]+), 95% interval ([\d.]+) to ([\d.]+) \(n = (\d+)\); ([\d.]+) on the SUS scale/m, 'UMUX-Lite line');
    const want = qualtrics.umuxLite;
    return problems([
      ...(text.startsWith(`${fixture('usability/qualtrics-sus.csv')}: a qualtrics export`) ? [] : ['no "a qualtrics export" heading']),
      ...susText(text, qualtrics.sus),
      ...(text.includes(`(n = ${qualtrics.sus.n}; ${qualtrics.sus.incomplete} incomplete questionnaire, not scored)`) ? [] : ['no incomplete questionnaire']),
      ...far([['UMUX-Lite', u[1], want.mean], ['UMUX-Lite from', u[2], want.interval[0]], ['UMUX-Lite to', u[3], want.interval[1]], ['on the SUS scale', u[5], want.susEstimate]]),
      ...(Number(u[4]) === want.n ? [] : [`UMUX-Lite respondents ${u[4]}, expected ${want.n}`]),
      ...(text.includes('Tasks') ? ['a Tasks section without a task'] : []),
    ]);
  });
  await check('npx market-validation <Qualtrics SUS and UMUX-Lite survey> --json: the SUS and UMUX-Lite figures (usability/expected.json)', async () => {
    const r = JSON.parse(await out(fixture('usability/qualtrics-sus.csv'), '--json'));
    const [s, u, want] = [r.sus.summary, r.umuxLite, qualtrics];
    return problems([
      ...(r.kind === 'usability' && r.tasks.length === 0 ? [] : [`kind ${r.kind}, ${r.tasks.length} tasks`]),
      ...apart([['SUS mean', s.mean, want.sus.mean], ['SUS from', s.interval[0], want.sus.interval[0]], ['SUS to', s.interval[1], want.sus.interval[1]],
        ['respondents', s.respondents, want.sus.n], ['incomplete', r.sus.incomplete, want.sus.incomplete],
        ['UMUX-Lite', u.mean, want.umuxLite.mean], ['UMUX-Lite from', u.interval[0], want.umuxLite.interval[0]], ['UMUX-Lite to', u.interval[1], want.umuxLite.interval[1]],
        ['UMUX-Lite respondents', u.respondents, want.umuxLite.n], ['on the SUS scale', u.susEstimate, want.umuxLite.susEstimate]]),
    ]);
  });
  await check('npx market-validation <task table> --kind usability --confidence 0.9 with every column named (--column sus= ten times): the same SUS mean, 90% intervals inside the 95% ones', async () => {
    const named = ['participant=Participant ID', 'task=Task', 'success=Task success', 'time=Time on task (s)', 'seq=SEQ',
      ...Array.from({ length: 10 }, (_, i) => `sus=SUS${i + 1}`)].flatMap((c) => ['--column', c]);
    const r = JSON.parse(await out(fixture('usability/task-table.csv'), '--kind', 'usability', '--confidence', '0.9', '--json', ...named));
    const s = r.sus.summary;
    const notNamed = Object.entries(r.columns).filter(([, c]) => c.detectedBy !== 'option').map(([role]) => role);
    return problems([
      ...apart([['confidence level', r.confidenceLevel, 0.9], ['SUS mean', s.mean, table.sus.mean]]),
      ...(s.interval[0] > table.sus.interval[0] && s.interval[1] < table.sus.interval[1] ? [] : [`90% interval ${s.interval} not inside ${table.sus.interval}`]),
      ...(notNamed.length ? [`columns not named: ${notNamed.join(', ')}`] : []),
    ]);
  });

  await check('npx market-validation <survey that also asks the SUS>: the survey\'s report and a note naming --kind usability, which reports the SUS', async () => {
    // Standard SUS scoring: odd statements give answer − 1, even ones 5 − answer; the sum × 2.5.
    const answers = [[4, 2, 4, 1, 4, 2, 5, 2, 4, 1], [3, 3, 3, 2, 3, 3, 3, 3, 3, 3]];
    const scores = answers.map((a) => 2.5 * a.reduce((sum, x, i) => sum + (i % 2 === 0 ? x - 1 : 5 - x), 0));
    const file = path.join(dir, 'nps-and-sus.csv');
    fs.writeFileSync(file, `How likely are you to recommend Acme?,${Array.from({ length: 10 }, (_, i) => `SUS${i + 1}`).join(',')}\n`
      + `9,${answers[0].join(',')}\n6,${answers[1].join(',')}\n`);
    const survey = await npx(file);
    if (survey.code !== 0 || !survey.stdout.includes('NPS') || !survey.stderr.includes('also holds a usability test (the SUS or UMUX-Lite): --kind usability reports it')) {
      return `exit ${survey.code}\n${indent(survey.stdout)}\n${indent(survey.stderr)}`;
    }
    const text = await out(file, '--kind', 'usability');
    const m = find(text, /^ {2}SUS +([\d.]+), 95% interval [\d.]+ to [\d.]+ \(n = (\d+)\)$/m, 'SUS line');
    return problems([...far([['SUS mean', m[1], (scores[0] + scores[1]) / 2]]), ...(m[2] === '2' ? [] : [`n = ${m[2]}`])]);
  });

  const requests = expected('requests');
  const planted = requests['qualtrics-requests.csv'];
  await check('npx market-validation <survey with feature requests>: the request column, each theme\'s count and share with an example, the Sean Ellis groups\' top themes (requests/expected.json)', async () => {
    const text = await out(fixture('requests/qualtrics-requests.csv'));
    const block = text.slice(text.indexOf('Feature requests:'), text.indexOf('\nScore inputs'));
    const head = find(block, /^Feature requests: (\d+) answers in "([^"]+)" \(found by its header\): (.+)$/m, 'heading');
    const found = {};
    const errors = [];
    for (const m of block.matchAll(/^ {2}(.+?) +(\d+) \(([\d.]+)%\), e\.g\. "(.+)"$/gm)) {
      // A theme of the fillers ("Nothing") is no planted theme's; two themes of one planted theme are wrong.
      const name = plantedTheme(m[4], requests.keywords);
      if (name && found[name]) errors.push(`two themes for "${name}": "${found[name].label}" and "${m[1]}"`);
      if (name) found[name] = { label: m[1], count: Number(m[2]), share: m[3] };
    }
    for (const [name, count] of Object.entries(planted.all.themes)) {
      if (!found[name]) errors.push(`no theme for "${name}"`);
      else if (found[name].count !== count || !near(found[name].share, (100 * count) / planted.all.answers)) errors.push(`${name}: ${found[name].count} (${found[name].share}%), expected ${count}`);
    }
    const ellis = [['Very disappointed', 'veryDisappointed'], ['Somewhat disappointed', 'somewhatDisappointed'], ['Not disappointed', 'notDisappointed']];
    for (const [words, key] of ellis) {
      const g = planted.byEllis[key];
      const line = find(block, new RegExp(`^ {2}${words} \\((\\d+)\\) +(.+)$`, 'm'), `${words} line`);
      if (Number(line[1]) !== g.answers) errors.push(`${words}: ${line[1]} answers, expected ${g.answers}`);
      const top = [...line[2].matchAll(/(?:^|, )(.+?) (\d+) \(([\d.]+)%\)/g)];
      if (top.length !== Math.min(3, Object.keys(g.themes).length)) errors.push(`${words}: ${top.length} themes listed`);
      for (const [, label, count] of top) {
        const name = Object.keys(found).find((n) => found[n].label === label);
        if (!name || g.themes[name] !== Number(count)) errors.push(`${words}: "${label}" ${count}, expected ${name ? g.themes[name] : '(no planted theme)'}`);
      }
      const counts = Object.values(g.themes).sort((a, b) => b - a).slice(0, 3);
      if (!same(top.map((t) => Number(t[2])), counts)) errors.push(`${words}: top counts ${top.map((t) => t[2])}, expected ${counts}`);
    }
    if (Number(head[1]) !== planted.all.answers || head[2] !== planted.column.header || head[3] !== planted.column.question) errors.push(`heading: ${head[0]}`);
    if (block.includes('improvement question')) errors.push('said to be the improvement question');
    return problems(errors);
  });
  await check('npx market-validation <survey with feature requests> --json: featureRequests, each planted theme once with its count, overall and by Sean Ellis group (requests/expected.json)', async () => {
    const r = JSON.parse(await out(fixture('requests/qualtrics-requests.csv'), '--json')).featureRequests;
    const groups = [['all', r, planted.all], ...['veryDisappointed', 'somewhatDisappointed', 'notDisappointed'].map((k) => [k, r.byEllis[k], planted.byEllis[k]])];
    return problems([
      ...differs('column, fromImprove, ungrouped', [r.column.header, r.fromImprove, r.byEllis.ungrouped], [planted.column.header, planted.fromImprove, planted.byEllis.ungrouped]),
      ...groups.flatMap(([what, g, w]) => [
        ...(g.answers === w.answers ? [] : [`${what}: ${g.answers} answers, expected ${w.answers}`]),
        ...Object.entries(w.themes).flatMap(([name, count]) => {
          const held = g.themes.filter((t) => t.examples.length && t.examples.every((e) => plantedTheme(e, requests.keywords) === name));
          return held.length === 1 && held[0].count === count && Math.abs(held[0].share - count / w.answers) < 1e-12 ? []
            : [`${what}: "${name}" ${held.map((t) => t.count).join(', ') || 'absent'}, expected ${count}`];
        }),
      ]),
    ]);
  });

  const unusable = path.join(dir, 'unusable.csv');
  fs.writeFileSync(unusable, 'How likely are you to recommend us?\nnope\nx\n');
  for (const [what, args, code, words] of [
    ['a file with nothing usable exits 1, naming the file', [unusable], 1, 'unusable.csv: survey not usable'],
    ['--kind usability on a survey without usability questions exits 1, naming the file', [fixture('exports/surveymonkey.csv'), '--kind', 'usability'], 1, 'surveymonkey.csv: usability test not usable'],
    ['a missing file exits 2', [path.join(dir, 'missing.csv')], 2, 'missing.csv: cannot be read (no such file)'],
    ['a directory exits 2', [path.join(dir, 'src')], 2, 'src: cannot be read'],
    ['an unknown flag exits 2 with the usage', ['--bogus', unusable], 2, 'Usage:'],
    ['an unknown --kind exits 2, naming the three', [unusable, '--kind', 'tasks'], 2, '--kind tasks: expected survey, events or usability'],
    ['a column named wrong exits 2, naming the option', [fixture('exports/surveymonkey.csv'), '--column', 'nps=Nope'], 2, '--column nps (options.columns.nps): '],
    ['a bad --sus-coding exits 2, naming the flag, the value and the codings', [fixture('usability/task-table.csv'), '--sus-coding', '0-10'], 2,
      '--sus-coding (options.susCoding): "0-10"; expected'],
    ['--column sus given once, not ten times, exits 2, naming the count', [fixture('usability/task-table.csv'), '--column', 'sus=SUS1'], 2,
      '--column sus (options.columns.sus): 1 headers; expected an array of 10 column headers'],
    ['sql without its table exits 2', ['sql', '--dialect', 'duckdb'], 2, 'sql needs --table, --user, --time'],
  ]) {
    await check(`npx market-validation: ${what}`, async () => {
      const r = await npx(...args);
      if (r.code !== code) return `exit ${r.code}, expected ${code}\n${indent(r.stderr)}`;
      if (!r.stderr.includes(words)) return `no "${words}" in:\n${indent(r.stderr)}`;
    });
  }
}

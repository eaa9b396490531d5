// The CSV upload panel: a drop zone that is also a keyboard-usable file
// picker, a choice of what the file holds (detected by default), options for
// usage events and surveys, a progress bar with a Cancel button, and errors
// shown as text beside the zone. Files are read and analysed in a worker
// (lib/files.js), so the page stays responsive; nothing leaves the browser.
import { h } from '../lib/dom.js';
import { analyzeFile, guessKind, headerCells, readFirstLine, formatBytes } from '../lib/files.js';

const KIND_NAMES = { survey: 'survey answers', events: 'usage events' };
let mounts = 0;

/** UTC offsets in 15-minute steps, -14:00..+14:00, as the library accepts them. */
function offsetOptions(selected) {
  const here = -new Date().getTimezoneOffset();
  const out = [];
  for (let m = -840; m <= 840; m += 15) {
    const sign = m < 0 ? '−' : '+';
    const a = Math.abs(m);
    const text = m === 0 ? 'UTC' : `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
    out.push(h('option', { value: m, selected: m === selected }, m === here ? `${text} (this browser)` : text));
  }
  return out;
}

/**
 * Mounts the upload panel into `container` (its children are replaced).
 * @param {HTMLElement} container
 * @param {object} handlers
 * @param {(result: object, info: UploadInfo) => void} [handlers.onSurvey] a SurveyAnalysis arrived
 * @param {(result: object, info: UploadInfo) => void} [handlers.onEvents] an EventsCsvAnalysis arrived
 *   (render it with `renderEvents(el, result.analysis, { csv: result })`)
 * @param {(error: Error & { problems?: object[] }, info: UploadInfo) => void} [handlers.onError] after the
 *   error is shown beside the zone (it is shown either way)
 * @param {boolean} [handlers.pageDrop] also take files dropped anywhere on the page (default true),
 *   rather than letting the browser navigate to them
 * @returns {{ element: HTMLElement, handleFiles: (files: FileList | File[]) => Promise<void>, cancel: () => void, destroy: () => void }}
 *
 * @typedef {{ file: File, name: string, size: number, kind: 'survey' | 'events', timings?: { readMs: number, analyseMs: number } }} UploadInfo
 */
export function mountUpload(container, { onSurvey, onEvents, onError, pageDrop = true } = {}) {
  const id = `mv-upload-${++mounts}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  // ---- the zone and the picker
  const input = h('input', {
    type: 'file', id: `${id}-file`, class: 'mv-file-input', multiple: true, 'data-testid': 'upload-input',
    accept: '.csv,.tsv,.txt,.tab,text/csv,text/tab-separated-values,text/plain',
    'aria-describedby': `${hintId} ${errorId}`,
  });
  const zone = h('div', { class: 'mv-drop', 'data-testid': 'upload-drop' },
    h('p', { class: 'mv-drop-title', text: 'Drop CSV files here' }),
    h('label', { class: 'mv-file-label', for: input.id, text: 'or choose CSV files' }),
    input,
    h('p', { class: 'mv-hint', id: hintId, text: 'Survey answers (NPS, Sean Ellis, CSAT, feature ratings) or usage events (a user id and a time per row). Several files at once are analysed one after the other.' }));

  // ---- what the file holds
  const kindName = `${id}-kind`;
  const kindRadio = (value, label) => h('label', { class: 'mv-radio' },
    h('input', { type: 'radio', name: kindName, value, checked: value === 'auto', 'data-testid': `upload-kind-${value}` }), ` ${label}`);
  const kindSet = h('fieldset', { class: 'mv-kind' },
    h('legend', { text: 'What the file holds' }),
    kindRadio('auto', 'Detect from the header'), kindRadio('survey', 'Survey answers'), kindRadio('events', 'Usage events'));
  const chosenKind = () => kindSet.querySelector('input:checked')?.value ?? 'auto';

  // ---- options
  const field = (label, control, hint) => {
    control.id = `${id}-${control.name}`;
    return h('div', { class: 'mv-field' }, h('label', { for: control.id, text: label }), control,
      hint ? h('p', { class: 'mv-hint', text: hint }) : null);
  };
  const text = (name, placeholder) => h('input', { type: 'text', name, placeholder, autocomplete: 'off', spellcheck: 'false', maxlength: 200 });
  const select = (name, options) => h('select', { name }, options.map(([v, t]) => h('option', { value: v }, t)));
  const number = (name, value, min, max, step = 1) => h('input', { type: 'number', name, value, min, max, step, inputmode: 'decimal' });

  const ev = {
    user: text('user', 'detected'), time: text('time', 'detected'), signup: text('signup', 'none'),
    offset: h('select', { name: 'utcOffsetMinutes' }, offsetOptions(0)),
    weekStart: select('weekStart', [['monday', 'Monday'], ['sunday', 'Sunday']]),
    period: select('cohortPeriod', [['week', 'Week'], ['day', 'Day'], ['month', 'Month']]),
    window: select('window', [['calendar', 'Calendar periods'], ['24h', '24-hour blocks from each user\'s start']]),
    powerDays: number('powerUserDays', 14, 1, 28),
    asOf: h('input', { type: 'date', name: 'asOf' }),
  };
  const eventsOptions = h('details', { class: 'mv-options', 'data-testid': 'upload-events-options' },
    h('summary', { text: 'Usage event options' }),
    h('div', { class: 'mv-options-grid' },
      field('User id column', ev.user, 'Header text; empty: detected (user_id, distinct_id…).'),
      field('Time column', ev.time, 'Empty: detected (timestamp, time, date…).'),
      field('Signup time column', ev.signup, 'Optional: users are then new on their signup day.'),
      field('Day boundaries', ev.offset, 'The time zone days and weeks are counted in.'),
      field('Weeks start on', ev.weekStart),
      field('Cohort period', ev.period, 'Also the period of growth accounting.'),
      field('Retention windows', ev.window),
      field('Power user from (days of 28)', ev.powerDays),
      field('Analyse up to (as-of date)', ev.asOf, 'Empty: the day of the last event.')));

  const sv = {
    segment: text('segment', 'detected'),
    level: select('confidenceLevel', [['0.95', '95%'], ['0.9', '90%'], ['0.99', '99%']]),
    bar: number('pmfBar', 40, 1, 99),
    minSegment: number('minSegmentSize', 40, 1, 1000000),
  };
  const surveyOptions = h('details', { class: 'mv-options', 'data-testid': 'upload-survey-options' },
    h('summary', { text: 'Survey options' }),
    h('div', { class: 'mv-options-grid' },
      field('Segment column', sv.segment, 'Header text of the column to break results down by.'),
      field('Confidence level', sv.level),
      field('Sean Ellis bar (%)', sv.bar),
      field('Smallest segment ranked (answers)', sv.minSegment)));

  /** Only what differs from the library's defaults, so its own messages apply to the rest. */
  function readOptions(kind) {
    const num = (el) => (el.value.trim() === '' ? undefined : Number(el.value));
    if (kind === 'events') {
      const columns = {};
      for (const k of ['user', 'time', 'signup']) if (ev[k].value.trim()) columns[k] = ev[k].value.trim();
      const o = {};
      if (Object.keys(columns).length) o.columns = columns;
      if (ev.offset.value !== '0') o.utcOffsetMinutes = Number(ev.offset.value);
      if (ev.weekStart.value !== 'monday') o.weekStart = ev.weekStart.value;
      if (ev.period.value !== 'week') o.cohortPeriod = ev.period.value;
      if (ev.window.value !== 'calendar') o.window = ev.window.value;
      if (num(ev.powerDays) !== undefined && num(ev.powerDays) !== 14) o.powerUserDays = num(ev.powerDays);
      if (ev.asOf.value) o.asOf = ev.asOf.value;
      return o;
    }
    const o = {};
    if (sv.segment.value.trim()) o.columns = { segment: sv.segment.value.trim() };
    if (sv.level.value !== '0.95') o.confidenceLevel = Number(sv.level.value);
    if (num(sv.bar) !== undefined && num(sv.bar) !== 40) o.pmfBar = num(sv.bar) / 100;
    if (num(sv.minSegment) !== undefined && num(sv.minSegment) !== 40) o.minSegmentSize = num(sv.minSegment);
    return o;
  }

  // ---- progress, cancel, status and errors
  const progress = h('progress', { class: 'mv-progress', max: 1, value: 0, 'data-testid': 'upload-progress', 'aria-label': 'Progress of the file analysis' });
  const phase = h('p', { class: 'mv-phase', 'data-testid': 'upload-phase', text: 'Choose or drop a file to analyse it.' });
  const live = h('p', { class: 'mv-visually-hidden', role: 'status' }); // phase changes only, not every chunk
  const cancelButton = h('button', { type: 'button', class: 'mv-cancel', disabled: true, 'data-testid': 'upload-cancel' }, 'Cancel');
  const errors = h('div', { class: 'mv-upload-error', id: errorId, role: 'alert', 'data-testid': 'upload-error', hidden: true });
  const progressRow = h('div', { class: 'mv-progress-row', 'data-state': 'idle', 'data-testid': 'upload-status' },
    h('div', { class: 'mv-progress-text' }, progress, phase), cancelButton, live);

  const element = h('div', { class: 'mv-upload' }, zone, errors, progressRow, kindSet, eventsOptions, surveyOptions);
  container.replaceChildren(element);

  const say = (visible, announce) => {
    phase.textContent = visible;
    if (announce) live.textContent = announce;
  };
  const setState = (state) => {
    progressRow.dataset.state = state;
    zone.dataset.state = state;
    cancelButton.disabled = state !== 'running';
  };

  function clearErrors() { errors.replaceChildren(); errors.hidden = true; }
  /** Shows an error as text: the message, then each problem as `path: expected`. */
  function showError(fileName, error) {
    const problems = Array.isArray(error.problems) ? error.problems : [];
    errors.append(h('div', { class: 'mv-error-block' },
      h('p', { class: 'mv-error-message' }, fileName ? [h('strong', { text: fileName }), ': '] : null, error.message || String(error)),
      problems.length ? h('ul', { class: 'mv-problems' }, problems.map((p) => h('li', {},
        h('code', { text: p.path || 'input' }), `: ${p.expected}`,
        p.value != null && p.value !== '' ? h('span', { class: 'mv-muted', text: ` (got ${p.value})` }) : null,
        p.hint ? h('span', { class: 'mv-hint-inline', text: ` ${p.hint}` }) : null))) : null));
    errors.hidden = false;
  }

  // ---- running jobs, one file at a time
  let current = null;
  let generation = 0;
  let undetected = null; // a file whose kind could not be told: analysed once a kind is chosen
  let ticker = 0;

  async function runOne(file, gen, total, index) {
    const count = total > 1 ? ` (file ${index + 1} of ${total})` : '';
    if (!file.size) { showError(file.name, new Error('The file is empty.')); return true; }
    let kind = chosenKind();
    if (kind === 'auto') {
      const line = await readFirstLine(file).catch(() => '');
      if (gen !== generation) return false;
      kind = guessKind(line);
      if (!kind) {
        undetected = file;
        const cols = headerCells(line).filter(Boolean).slice(0, 12);
        showError(file.name, new Error(`Could not tell from its header whether it holds survey answers or usage events${cols.length ? ` (columns: ${cols.join(' | ')})` : ''}. Choose what it holds under "What the file holds" and it will be analysed.`));
        return true;
      }
    }
    const info = { file, name: file.name, size: file.size, kind };
    const size = formatBytes(file.size);
    setState('running');
    progress.max = Math.max(1, file.size);
    progress.value = 0;
    say(`Reading ${file.name}${count}…`, `Reading ${file.name}`);
    const started = performance.now();
    current = analyzeFile(file, kind, readOptions(kind), (p) => {
      if (gen !== generation) return;
      if (p.phase === 'reading') {
        progress.max = Math.max(1, p.total);
        progress.value = p.loaded;
        say(`Reading ${formatBytes(p.loaded)} of ${formatBytes(p.total)}${count}…`);
      } else if (p.phase === 'analysing') {
        progress.removeAttribute('value'); // indeterminate: the analysis reports no steps
        const analysing = `Analysing ${size} of ${KIND_NAMES[kind]}${count}…`;
        say(analysing, analysing);
        const t0 = performance.now();
        clearInterval(ticker);
        ticker = setInterval(() => say(`${analysing} ${Math.round((performance.now() - t0) / 1000)} s`), 1000);
      }
    });
    try {
      const result = await current.promise;
      if (gen !== generation) return false;
      info.timings = result.timings;
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      progress.max = 1;
      progress.value = 1;
      setState('done');
      say(`Analysed ${file.name} (${size}, ${KIND_NAMES[kind]}) in ${secs} s.`, `Analysed ${file.name}`);
      try {
        (kind === 'survey' ? onSurvey : onEvents)?.(result, info);
      } catch (e) {
        console.error(e);
        showError(file.name, new Error(`Analysed, but the result could not be shown: ${e?.message ?? e}`));
      }
      return true;
    } catch (e) {
      if (e?.name === 'AbortError') return false;
      if (gen !== generation) return false;
      setState('error');
      progress.value = 0;
      say(`Could not analyse ${file.name}.`, `Could not analyse ${file.name}`);
      showError(file.name, e);
      try { onError?.(e, info); } catch (err) { console.error(err); }
      return true;
    } finally {
      clearInterval(ticker);
      if (gen === generation) current = null;
    }
  }

  /** Analyses the files one after the other; a new call cancels the running one. */
  async function handleFiles(fileList) {
    const files = [...(fileList ?? [])];
    if (!files.length) return;
    const gen = ++generation;
    current?.cancel();
    current = null;
    undetected = null;
    clearErrors();
    for (let i = 0; i < files.length; i++) {
      if (gen !== generation) return;
      const goOn = await runOne(files[i], gen, files.length, i);
      if (!goOn) return;
    }
  }

  function cancel() {
    if (!current) return;
    generation++;
    current.cancel();
    current = null;
    clearInterval(ticker);
    progress.value = 0;
    setState('cancelled');
    say('Cancelled.', 'Analysis cancelled');
  }

  // ---- events
  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = ''; // so that choosing the same file again analyses it again
    handleFiles(files);
  });
  cancelButton.addEventListener('click', cancel);
  kindSet.addEventListener('change', () => {
    const kind = chosenKind();
    if (undetected && kind !== 'auto') handleFiles([undetected]);
  });

  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  let depth = 0; // dragenter/leave fire for every child: count them
  zone.addEventListener('dragenter', (e) => { if (!hasFiles(e)) return; e.preventDefault(); depth++; zone.classList.add('mv-drag-over'); });
  zone.addEventListener('dragover', (e) => { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
  zone.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) zone.classList.remove('mv-drag-over'); });
  zone.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    depth = 0;
    zone.classList.remove('mv-drag-over');
    handleFiles(e.dataTransfer.files);
  });
  // A file dropped beside the zone would make the browser open it and lose the page.
  const onPageDragOver = (e) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } };
  const onPageDrop = (e) => {
    if (!hasFiles(e) || e.defaultPrevented) return;
    e.preventDefault();
    handleFiles(e.dataTransfer.files);
  };
  if (pageDrop) {
    window.addEventListener('dragover', onPageDragOver);
    window.addEventListener('drop', onPageDrop);
  }

  return {
    element,
    handleFiles,
    cancel,
    destroy() {
      cancel();
      window.removeEventListener('dragover', onPageDragOver);
      window.removeEventListener('drop', onPageDrop);
      element.remove();
    },
  };
}

// Embed mode (embed.html): only the compact score card, for an iframe.
// A state with `tab: 'launch'` shows the launch-readiness card instead
// (lib/launch-card.js), from `state.launch = { plan, options }` checked by
// checkLaunch; every other state shows the validation score card.
//
// Data comes from the URL fragment (the share-link format of lib/share.js)
// or from the parent page:
//   parent -> embed: { type: 'market-validation:data', product, options?, title?, theme? }
//                    { type: 'market-validation:data', tab: 'launch', launch: { plan, options? }, title?, theme? }
//   embed -> parent: { type: 'market-validation:ready' }            once listening
//                    { type: 'market-validation:resize', height }   whenever the content height changes
// Posted data is accepted only when the host opts in: the embed URL names the
// parent's origin, `embed.html?host=https://host.example#…`, and messages from
// any other origin (or with no `host`) are ignored; the card says where its
// data came from (the link, or that host). Messages are only ever scored and
// shown as text (never evaluated; shape checked).
import { analyze, sampleProduct } from '../pkg/web/market_validation_score.js';
import { loadScore, loadAnalyses } from './lib/engine.js';
import { $ } from './lib/dom.js';
import { decodeState, encodeState, checkState, useSampleProduct } from './lib/share.js';
import { renderScoreCard, renderCardError, renderCardStatus } from './lib/card.js';
import { renderLaunchCard } from './lib/launch-card.js';
import { errorMessage, errorProblems } from './lib/errors.js';

/** @import { AnalyzeOptions, LaunchOptions, LaunchPlan } from '../pkg/web/market_validation.js' */
/** @import { ShareState } from './lib/share.js' */
/** @import { Theme } from './lib/card.js' */

const root = $('#card-root');
const frame = $('#embed');
const openLink = $('#open-full', HTMLAnchorElement);
const footer = $('#embed-footer');
const sourceNote = $('#data-source');
const heading = document.querySelector('#embed h1');
const framed = window.parent !== window;

const params = new URLSearchParams(location.search);
/** The origin allowed to post data (`?host=`), or null: then only the link's data is shown. */
const hostOrigin = (() => {
  const host = params.get('host');
  if (!host) return null;
  try {
    const origin = new URL(host).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
})();
const compact = params.get('compact') !== '0';
/** @param {unknown} value @returns {value is Theme} */
const isTheme = (value) => value === 'light' || value === 'dark';
const themeParam = params.get('theme');
/** The scheme the host asked for (else the reader's). @type {Theme | null} */
let theme = isTheme(themeParam) ? themeParam : null;
applyTheme();

// Loaded once; a failure is shown as an error card when data arrives.

// Most cards are score cards: scoring starts loading at once, in parallel
// with reading the fragment.
loadScore().catch(() => {});

let generation = 0;

function applyTheme() {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

/** @param {HTMLElement} card */
function setCard(card) {
  card.append(footer); // the link to the full page, inside the card
  root.replaceChildren(card);
}

/**
 * Scores a checked state and shows its card; `fragment` is the share fragment for the full-page
 * link, if known; `from` the origin that posted the data (null: the link's own data).
 * @param {ShareState} state @param {string | null} fragment @param {string | null} [from]
 */
async function show(state, fragment, from = null) {
  const run = ++generation;
  sourceNote.textContent = from ? `Data from ${from}. ` : 'Data from this link. ';
  const title = state.title;
  const launch = state.tab === 'launch';
  /** @type {import('./lib/engine.js').Analyses | null} */
  let analyses = null;
  try {
    // A launch card needs the analyses part too; a score card only scoring.
    if (launch) analyses = await loadAnalyses();
    else await loadScore();
  } catch (error) {
    if (run === generation) setCard(renderCardError(`Could not load the scoring engine: ${errorMessage(error)}`, [], { title, theme }));
    return;
  }
  if (run !== generation) return; // newer data arrived meanwhile
  let card;
  if (analyses) {
    card = launchCard(state, analyses.checkLaunch);
  } else {
    try {
      // The options are as the link gave them: analyze judges them (an unknown preset throws).
      const result = analyze(state.product, /** @type {AnalyzeOptions} */ (state.options ?? {}));
      card = renderScoreCard(result, { compact, title, asOf: state.asOf, theme });
    } catch (error) {
      card = renderCardError(errorMessage(error), errorProblems(error), { title, theme });
    }
  }
  document.title = launch ? 'market-validation · launch readiness card' : 'market-validation · score card';
  if (heading) heading.textContent = launch ? 'Launch readiness card' : 'Market validation score card';
  setCard(card);
  // The full page opens with the same state.
  try {
    openLink.href = `index.html${fragment ?? (await encodeState(state))}`;
  } catch {
    openLink.href = 'index.html'; // too large for a link: open the empty page
  }
}

/**
 * The launch-readiness card of a state with `tab: 'launch'` (or the card saying what is wrong).
 * @param {ShareState} state @param {import('./lib/engine.js').Analyses['checkLaunch']} checkLaunch
 */
function launchCard(state, checkLaunch) {
  const { title } = state;
  const errorHeading = 'Could not check this launch plan';
  const launch = state.launch;
  if (launch == null || typeof launch !== 'object' || Array.isArray(launch)) {
    return renderCardError('This link opens the launch tab but holds no launch plan ("launch": { plan, options }).', [], { title, theme, heading: errorHeading });
  }
  try {
    // The plan is as the link gave it (any JSON object): checkLaunch judges it, and throws its problems.
    const { plan, options } = /** @type {{ plan: LaunchPlan, options?: LaunchOptions }} */ (launch);
    const report = checkLaunch(plan, options ?? {});
    return renderLaunchCard(report, { title, theme });
  } catch (error) {
    return renderCardError(errorMessage(error), errorProblems(error), { title, theme, heading: errorHeading });
  }
}

async function fromFragment() {
  const run = ++generation;
  let state;
  try {
    // A link may name the built-in sample's groups instead of carrying them.
    if (/^#v\d/.test(location.hash)) {
      await loadScore();
      useSampleProduct(sampleProduct());
    }
    state = await decodeState(location.hash);
  } catch (error) {
    if (run === generation) setCard(renderCardError(errorMessage(error), [], { theme }));
    return;
  }
  if (run !== generation) return; // the parent's data arrived meanwhile
  if (state) {
    show(state, location.hash);
  } else if (!framed) {
    setCard(renderCardStatus('No data to score. Open this page with a share link (…/embed.html#v1.…).', { theme }));
  } else {
    setCard(renderCardStatus('Waiting for data from the host page…', { theme }));
  }
}

window.addEventListener('message', (event) => {
  // Only the embedding page feeds the card (not other frames of that page),
  // and only when the embed URL names its origin.
  if (!framed || event.source !== window.parent || hostOrigin === null || event.origin !== hostOrigin) return;
  const message = event.data;
  if (message == null || typeof message !== 'object' || message.type !== 'market-validation:data') return;
  if (isTheme(message.theme) || message.theme === null) {
    theme = message.theme;
    applyTheme();
  }
  let state;
  try {
    const launch = message.tab === 'launch';
    state = checkState({
      product: launch ? (message.product ?? {}) : message.product,
      options: message.options ?? undefined,
      title: message.title ?? undefined,
      tab: launch ? 'launch' : undefined,
      launch: launch ? message.launch : undefined,
    }, "The host page's message");
  } catch (error) {
    generation++;
    setCard(renderCardError(errorMessage(error), [], { theme }));
    return;
  }
  show(state, null, hostOrigin);
});
window.addEventListener('hashchange', fromFragment);

// Height to the parent, so it can size the iframe to the card (no scrollbars).
if (framed) {
  let lastHeight = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(frame.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    window.parent.postMessage({ type: 'market-validation:resize', height }, hostOrigin ?? '*');
  }).observe(frame);
  // "ready" invites data: only a host that opted in is told.
  if (hostOrigin) window.parent.postMessage({ type: 'market-validation:ready' }, hostOrigin);
}

fromFragment();

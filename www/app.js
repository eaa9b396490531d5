// The market-validation workbench page: loads the library's scoring part,
// then the product-validation view (views/validation/) and, when its tab is
// first opened, the launch-readiness view (views/launch/) with the analyses
// part (lib/engine.js). It keeps the share link
// and the embed links current with both views' state, which lives in the URL
// fragment (never sent to a server), restores a shared state from the
// fragment, and exports the result as JSON or PNG. Its static imports are
// what the first score needs (index.html preloads them all); the rest
// (export, launch view, files tab) is imported when first used.
import { version, sampleProduct } from '../pkg/web/market_validation_score.js';
import { loadScore, loadAnalyses } from './lib/engine.js';
import { $, h, fmt, setupTabs, tabPairs } from './lib/dom.js';
import { errorMessage, asSentence } from './lib/errors.js';
import { encodeState, decodeState, useSampleProduct } from './lib/share.js';
import { mountValidation } from './views/validation/index.js';
import { setStatus } from './views/validation/results.js';

/** @import { ShareState } from './lib/share.js' */
/** @import { ValidationView } from './views/validation/index.js' */
/** @typedef {ReturnType<typeof import('./views/launch/index.js').mountLaunch>} LaunchView */

/**
 * The page's state.
 * @typedef {object} PageState
 * @property {'validation' | 'launch'} view  the view shown
 * @property {ValidationView | null} validation  set once the library is loaded
 * @property {LaunchView | null} launchView  mounted the first time its tab opens (its module loads only then)
 * @property {object | null} launchState  the launch view's plan and options, also before it is mounted (from a share link)
 * @property {boolean} shareStale  the embed links are older than the last change
 * @property {number} shareTimer  the pending update of the embed links
 * @property {((tabId: string) => void) | null} selectView  switches between the views (set up in main)
 */

/** @type {PageState} */
const page = {
  view: 'validation', validation: null, launchView: null, launchState: null, shareStale: true, shareTimer: 0, selectView: null,
};

/** Mounts the launch view the first time it is needed (its module loads only then). */
async function ensureLaunchView() {
  if (page.launchView) return page.launchView;
  const [{ mountLaunch }, { droppedFiles }, { checkLaunch, sampleLaunchPlan, reviewLaunch }] = await Promise.all([
    import('./views/launch/index.js'), import('./lib/dropped.js'), loadAnalyses(),
  ]);
  page.launchView ??= mountLaunch($('#launch'), {
    checkLaunch,
    sampleLaunchPlan,
    reviewLaunch,
    // The survey and events files dropped in the validation view: the launch review uses them.
    files: droppedFiles,
    state: page.launchState ?? undefined,
    onChange: (state) => { page.launchState = state; scheduleShareUpdate(); },
  });
  page.launchState = page.launchView.getState();
  return page.launchView;
}

/** @param {string} tabId the view tab selected */
async function showView(tabId) {
  page.view = tabId === 'view-tab-launch' ? 'launch' : 'validation';
  if (page.view === 'launch') await ensureLaunchView();
  scheduleShareUpdate();
}

/** What a share link carries: both views' state and the view shown. @returns {ShareState} */
function shareState() {
  const title = page.validation?.cardTitle();
  const { name, asOf } = page.validation?.meta() ?? {};
  return {
    product: page.validation?.getProduct() ?? {},
    options: page.validation?.currentOptions(),
    tab: page.view,
    // The sample is labelled as such on every card a link makes.
    ...(title ? { title } : {}),
    ...(name ? { name } : {}),
    ...(asOf ? { asOf } : {}),
    ...(page.launchState ? { launch: page.launchState } : {}),
  };
}

/** Keeps the embed links current, a little after each change. */
function scheduleShareUpdate() {
  page.shareStale = true;
  clearTimeout(page.shareTimer);
  page.shareTimer = setTimeout(async () => {
    try {
      // The state as the share link carries it: when that cannot be made (too large), the embed links stay as they were.
      await encodeState(shareState());
      $('#embed-link', HTMLAnchorElement).href = `embed.html${await encodeState({ ...shareState(), tab: 'validation' })}`;
      if (page.launchState) $('#launch-embed-link', HTMLAnchorElement).href = `embed.html${await encodeState({ ...shareState(), tab: 'launch' })}`;
      page.shareStale = false;
    } catch {
      // Too large to share: the links keep their last state.
    }
  }, 150);
}

/**
 * A click on the embed link before it caught up with the last change opens the current state.
 * @param {Event} event @param {'validation' | 'launch'} tab
 */
async function openEmbed(event, tab) {
  if (!page.shareStale) return;
  event.preventDefault();
  const fragment = await encodeState({ ...shareState(), tab });
  window.open(`embed.html${fragment}`, '_blank', 'noopener');
}

/** The share bar's status line, in the view shown. @param {string} text */
function setShareStatus(text) {
  $(page.view === 'launch' ? '#launch-share-status' : '#share-status').textContent = text;
}

async function copyShareLink() {
  if (page.view === 'validation' && !page.validation?.getResult()) { setShareStatus('Nothing to share yet: fix the data first.'); return; }
  const fragment = await encodeState(shareState());
  const url = `${location.origin}${location.pathname}${fragment}`;
  history.replaceState(null, '', fragment);
  try {
    await navigator.clipboard.writeText(url);
    setShareStatus(`Link copied (${fmt(url.length)} characters). The data is in the link itself; nothing was uploaded.`);
  } catch {
    setShareStatus('The address bar now holds the share link; copy it from there.');
  }
}

/**
 * Shows the state a share link in the address bar carries, if it does.
 * @returns {Promise<boolean>} whether a state was restored
 */
async function applyFragment() {
  if (!location.hash || location.hash === '#') return false;
  let state;
  try {
    state = await decodeState(location.hash);
  } catch (e) {
    page.validation?.setNotice(`The link could not be read: ${asSentence(errorMessage(e))} Showing the sample instead.`);
    return false;
  }
  if (!state) return false;
  page.validation?.restore(state);
  if (state.launch && typeof state.launch === 'object') {
    page.launchState = state.launch;
    page.launchView?.setState(state.launch);
  }
  if (state.tab === 'launch') page.selectView?.('view-tab-launch');
  return true;
}

/**
 * Downloads `value` as a JSON file (the export module loads on the first export: the first score does not need it).
 * @param {unknown} value @param {string} filename
 */
function exportJson(value, filename) {
  import('./lib/export.js').then(({ downloadJson }) => downloadJson(value, filename))
    .catch((e) => setShareStatus(`Could not export: ${errorMessage(e)}`));
}

async function exportPng() {
  const result = page.validation?.getResult();
  if (!result) { setShareStatus('Nothing to export yet: fix the data first.'); return; }
  const { downloadBlob, scoreCardPng } = await import('./lib/export.js');
  const scheme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  const blob = await scoreCardPng(result, { scheme, title: page.validation?.cardTitle() ?? undefined, asOf: page.validation?.meta().asOf });
  downloadBlob(blob, 'market-validation-score.png');
  setShareStatus('Saved the score card as PNG.');
}

async function main() {
  try {
    await loadScore();
    // Links name the sample's groups instead of carrying them.
    useSampleProduct(sampleProduct());
  } catch (e) {
    setStatus('error', `Could not load the scoring engine (WebAssembly): ${errorMessage(e)}`);
    document.body.dataset.state = 'error';
    return;
  }
  $('#version').textContent = `v${version()}`;
  const validation = mountValidation({ onScored: scheduleShareUpdate });
  page.validation = validation;
  const selectViewTab = setupTabs(tabPairs($('.view-tabs')), (tab) => {
    showView(tab.id).catch((e) => { $('#launch').replaceChildren(h('p', { class: 'status', 'data-kind': 'error', text: `Could not load the launch check: ${errorMessage(e)}` })); });
  });
  page.selectView = (tabId) => selectViewTab($(`#${tabId}`));
  const fromLink = await applyFragment();
  window.addEventListener('hashchange', async () => { if (await applyFragment()) validation.rescore(); });
  validation.start(fromLink);

  $('#share-link').addEventListener('click', () => copyShareLink().catch((e) => setShareStatus(`Could not make the link: ${errorMessage(e)}`)));
  $('#export-json').addEventListener('click', () => {
    const result = validation.getResult();
    if (!result) return;
    const data = { product: validation.getProduct(), options: validation.currentOptions(), result };
    exportJson(data, 'market-validation-result.json');
  });
  $('#launch-share-link').addEventListener('click', () => copyShareLink().catch((e) => setShareStatus(`Could not make the link: ${errorMessage(e)}`)));
  $('#launch-export-json').addEventListener('click', () => {
    const state = page.launchView?.getState();
    const report = page.launchView?.getReport();
    if (!state || !report) { setShareStatus('Nothing to export yet: fix the plan first.'); return; }
    exportJson({ ...state, report }, 'market-validation-launch.json');
  });
  $('#launch-embed-link').addEventListener('click', (e) => { openEmbed(e, 'launch').catch((err) => setShareStatus(`Could not open the card: ${errorMessage(err)}`)); });
  $('#embed-link').addEventListener('click', (e) => { openEmbed(e, 'validation').catch((err) => setShareStatus(`Could not open the card: ${errorMessage(err)}`)); });
  $('#export-png').addEventListener('click', () => exportPng().catch((e) => setShareStatus(`Could not draw the PNG: ${errorMessage(e)}`)));
  // Offline once loaded: the service worker caches the page's own files.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('sw.js').catch(() => { /* offline use is a bonus, not a requirement */ });
  }
}

main().catch((e) => {
  setStatus('error', `Something went wrong: ${errorMessage(e)}`);
  document.body.dataset.state = 'error';
});

// The demo host page's script (host.html). A real host page needs none of
// this for <market-validation-card> beyond setting `.data` / `.options`; the
// iframe parts show the embed's two feeds and its resize message.
import { $ } from '../lib/dom.js';
import { encodeState } from '../lib/share.js';

/** @typedef {import('../card.js').MarketValidationCard} MarketValidationCard */
/** @import { ValidationResult } from '../../pkg/web/market_validation.js' */

// The library's sample product (sampleProduct()): an AI-database company.
const AI_DATABASE = {
  usageMetrics: { dailyActiveUsers: 4200, weeklyActiveUsers: 9800, monthlyActiveUsers: 15000, sessionDuration: 34, retentionRate: 0.78 },
  adoptionData: { totalUsers: 21000, powerUsers: 3900, casualUsers: 9400, adoptionRate: 0.46, featureAdoptionRates: { aiAssistant: 0.29, autoIndexing: 0.33, sqlConsole: 0.52, vectorSearch: 0.71 }, timeToAdoption: 2.5 },
  surveyData: { npsScore: 52, satisfactionScore: 4.8, feedbackVolume: 412, seanEllis: { veryDisappointed: 171, somewhatDisappointed: 148, notDisappointed: 71, noLongerUse: 22 } },
  marketResearch: { targetMarketSize: 25e9, marketPenetration: 0.001, growthRate: 0.28, marketTrends: ['AI-native applications need vector search', 'Consolidation of the data stack'] },
  competitiveData: { marketPosition: 3, competitiveAdvantage: 7.5, differentiationScore: 8, competitorCount: 8, winRate: 0.85 },
  unitEconomics: { averageRevenuePerAccount: 450, grossMargin: 0.78, monthlyChurn: 0.01, customerAcquisitionCost: 3200 },
};
const ANALYTICS_ADDON = {
  usageMetrics: { dailyActiveUsers: 900, weeklyActiveUsers: 2600, monthlyActiveUsers: 6100, retentionRate: 0.52 },
  adoptionData: { adoptionRate: 0.38, timeToAdoption: 6 },
  surveyData: { npsScore: 31, feedbackVolume: 95 },
};
const FIELD_SERVICE = {
  usageMetrics: { dailyActiveUsers: 620, weeklyActiveUsers: 1100, monthlyActiveUsers: 1400, retentionRate: 0.88 },
  surveyData: { npsScore: 44, csatShare: 0.86, feedbackVolume: 58 },
  competitiveData: { marketPosition: 2, competitorCount: 6, winRate: 0.41, differentiationScore: 6.5 },
  unitEconomics: { averageRevenuePerAccount: 2400, grossMargin: 0.72, monthlyChurn: 0.008, customerAcquisitionCost: 21000 },
};

const embedUrl = new URL('../embed.html', import.meta.url);
const fragmentFrame = $('#embed-fragment', HTMLIFrameElement);
const messageFrame = $('#embed-message', HTMLIFrameElement);
const frames = [fragmentFrame, messageFrame];

// Listen before either iframe loads, so no "ready" or "resize" is missed.
window.addEventListener('message', (event) => {
  if (event.origin !== embedUrl.origin) return; // only our embed talks to this page
  const message = event.data;
  if (message == null || typeof message !== 'object') return;
  const frame = frames.find((f) => f.contentWindow === event.source);
  if (!frame) return;
  if (message.type === 'market-validation:resize' && Number.isFinite(message.height)) {
    // Size the iframe to the card: no inner scrollbar, no empty space.
    frame.style.height = `${Math.min(Math.max(Math.ceil(message.height), 40), 4000)}px`;
  } else if (message.type === 'market-validation:ready' && frame === messageFrame) {
    messageFrame.contentWindow?.postMessage({
      type: 'market-validation:data', product: ANALYTICS_ADDON, options: { preset: 'b2b-saas' }, title: 'Analytics add-on',
    }, embedUrl.origin);
  }
});

// (a) Data in the URL fragment, in the share-link format of lib/share.js.
fragmentFrame.src = embedUrl.href + await encodeState({
  product: AI_DATABASE, options: { preset: 'b2b-saas' }, title: 'The AI database',
});
// (b) Data by postMessage, sent when the embed says it is ready.
// The embed accepts posted data only from the origin its URL names.
const withHost = new URL(embedUrl);
withHost.searchParams.set('host', location.origin);
messageFrame.src = withHost.href;

// The custom element fed by property; the select re-scores it with another preset.
// card.js (its own script tag) defines the element; this page only sets its properties.
const propertyCard = /** @type {MarketValidationCard} */ ($('#card-property'));
const presetSelect = $('#property-preset', HTMLSelectElement);
propertyCard.title = 'Field-service app';
propertyCard.options = { preset: presetSelect.value };
propertyCard.data = FIELD_SERVICE;
presetSelect.addEventListener('change', () => { propertyCard.options = { preset: presetSelect.value }; });

// The cards' events, as a host page would use them.
const log = $('#event-log');
const scores = new Map();
document.addEventListener('market-validation-result', (event) => {
  if (!(event instanceof CustomEvent) || !(event.target instanceof Element)) return; // the cards' events are both
  /** @type {ValidationResult} */
  const result = event.detail;
  scores.set(event.target.id, `${event.target.getAttribute('title')}: ${result.score.toFixed(1)} (${result.verdict.replace(/_/g, ' ')})`);
  log.textContent = `Scored in this browser: ${[...scores.values()].join(' · ')}`;
});
document.addEventListener('market-validation-error', (event) => {
  if (!(event instanceof CustomEvent)) return;
  /** @type {{ message: string }} */
  const error = event.detail;
  log.textContent = `A card could not score its data: ${error.message}`;
});

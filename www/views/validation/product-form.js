// The product form, built from the library's schema(): a group per dimension
// (with its score as a chip), a field per metric with its unit, range and
// help. It reads the product data back, fills itself from product data, and
// shows the library's problems next to the fields their paths name.
import { h, humanize, fmt1 } from '../../lib/dom.js';
import { numberField, mapField, linesField } from './fields.js';
import { descriptionInPageUnits, isShare, problemInPageUnits } from '../../lib/units.js';

/** @import { Dimension, JsonSchema, JsonSchemaNode, Problem, ValidationResult } from '../../../pkg/web/market_validation.js' */
/** @import { FormField, FieldContext } from './fields.js' */

/**
 * Form groups, in the order of the five dimensions, then unit economics.
 * @type {Record<string, { title: string, dimension: Dimension, note?: string }>}
 */
const GROUPS = {
  usageMetrics: { title: 'Usage', dimension: 'usage' },
  adoptionData: { title: 'Adoption', dimension: 'adoption' },
  surveyData: { title: 'Survey', dimension: 'survey' },
  marketResearch: { title: 'Market', dimension: 'market' },
  competitiveData: { title: 'Competitive', dimension: 'competitive' },
  unitEconomics: { title: 'Unit economics', dimension: 'market', note: 'scored in the market dimension' },
};
/** Friendlier labels than the camel-case field names. @type {Record<string, string>} */
const LABELS = {
  dailyActiveUsers: 'Daily active users (DAU)', weeklyActiveUsers: 'Weekly active users (WAU)',
  monthlyActiveUsers: 'Monthly active users (MAU)', sessionDuration: 'Session length',
  retentionHorizonMonths: 'Retention horizon', adoptionRate: 'Activation rate',
  timeToAdoption: 'Time to activation', featureAdoptionRates: 'Feature adoption',
  npsScore: 'Net Promoter Score', csatShare: 'CSAT share', satisfactionScore: 'Satisfaction',
  feedbackVolume: 'Survey responses', seanEllis: 'Sean Ellis answers', npsResponses: 'NPS answers',
  susScore: 'SUS score (mean)', susResponses: 'SUS respondents',
  targetMarketSize: 'Target market size (yearly)', growthRate: 'Market growth (yearly)',
  customerSegmentation: 'Customer segments', competitiveBenchmarks: "Best competitor's figures",
  marketPosition: 'Market position (rank)', competitorCount: 'Direct competitors',
  averageRevenuePerAccount: 'Revenue per account (monthly)', customerAcquisitionCost: 'Acquisition cost (CAC)',
};

/**
 * A schema description as the form's help text: field names (`retentionHorizonMonths`,
 * npsScore) become their labels, the "Count, 0..1e15" the unit line already gives goes,
 * numbers are written out (25e9), and shares lose their range in fractions.
 * @param {string} description @param {unknown} unit
 */
function hintText(description, unit) {
  const text = description
    .replace(/\s*\(e\.g\. `[^`]*`\)/g, '')
    .replace(/`?\b([a-z]+[A-Z][A-Za-z]*)\b`?/g, (_, name) => (LABELS[name] ?? humanize(name)).toLowerCase())
    .replace(/Count, 0\.\.1e15(?:\.\s*|;\s*)/g, '')
    .replace(/,\s*0\.\.1e15/g, '')
    .replace(/\b25e9\b/g, '25000000000')
    .replace(/(\.\s+)([a-z])/g, (_, stop, c) => `${stop}${c.toUpperCase()}`)
    .trim();
  return descriptionInPageUnits(text, unit);
}

/** Product data as the form holds it: groups of values, by the schema's keys. @typedef {Record<string, unknown>} ProductObject */
/** A subgroup's <details>, its "n set" count, the path prefix of its fields and its label. @typedef {{ details: HTMLDetailsElement, count: HTMLElement, prefix: string, label: string }} Subgroup */

/** A short description doubles as the label (competitor benchmark entries). @param {JsonSchemaNode} node */
const shortDescription = (node) => node.description && node.description.length <= 40 && !node.description.includes('.');

/**
 * Sets a value at a path, making the objects on the way.
 * @param {ProductObject} obj @param {string[]} path @param {unknown} value
 */
function setPath(obj, path, value) {
  let o = obj;
  for (const k of path.slice(0, -1)) o = /** @type {ProductObject} */ (o[k] ??= {});
  o[path[path.length - 1]] = value;
}
/**
 * The value at a path, or undefined where it leads nowhere.
 * @param {unknown} obj @param {string[]} path
 * @returns {unknown}
 */
const getPath = (obj, path) => path.reduce((o, k) => (o == null ? undefined : /** @type {Record<string, unknown>} */ (o)[k]), obj);

/** Opens every <details> around an element, so that it shows. @param {Element} el */
function openAround(el) {
  for (let p = el.parentElement; p; p = p.parentElement) if (p instanceof HTMLDetailsElement) p.open = true;
}

/**
 * One problem in words: "Got …; expected … (hint)".
 * @param {Problem} p
 */
export function problemText(p) {
  const given = p.value === 'nothing' ? 'Nothing given' : `Got ${p.value}`;
  return `${given}; expected ${p.expected}${p.hint ? ` (${p.hint})` : ''}`;
}

/**
 * Builds the product form.
 * @param {object} o
 * @param {JsonSchema} o.schema the library's schema()
 * @param {HTMLElement} o.container where the groups go
 * @param {HTMLElement} o.problemsBox where the problems no field owns go
 * @param {() => void} o.rescoreSoon an edit that fires no input event (a map row removed, a suggested value used)
 */
export function createProductForm({ schema, container, problemsBox, rescoreSoon }) {
  /** Every editable field. @type {FormField[]} */
  const fields = [];
  /** @type {Subgroup[]} */
  const subgroups = [];
  /** Each group's dimension-score chip. @type {Map<string, HTMLElement>} */
  const chips = new Map();
  /** Each group's source label ("the sample", a file's name...). @type {Map<string, HTMLElement>} */
  const sourceLabels = new Map();
  /** Where each group's data came from; absent for groups typed in the form. @type {Map<string, string>} */
  const sources = new Map();
  /** @type {FieldContext} */
  const build = { add: (field) => { fields.push(field); }, rescoreSoon };

  /**
   * The field (or subgroup) for a schema node.
   * @param {string[]} path @param {JsonSchemaNode} node
   * @returns {HTMLElement}
   */
  function buildField(path, node) {
    const key = path[path.length - 1];
    const useDescription = shortDescription(node);
    const label = useDescription ? String(node.description) : LABELS[key] ?? humanize(key);
    const unit = node['x-unit'] ?? node.additionalProperties?.['x-unit'];
    const hint = useDescription || !node.description ? null : hintText(node.description, unit);
    if (node.type === 'object' && node.properties) return subgroup(path, node.properties, label, hint);
    if (node.type === 'object') return mapField(build, path, node, label, hint);
    if (node.type === 'array') return linesField(build, path, node, label, hint);
    return numberField(build, path, node, label, hint);
  }

  /**
   * A <details> of related fields (Sean Ellis answers, NPS answers), with how many are set.
   * @param {string[]} path @param {Record<string, JsonSchemaNode>} properties @param {string} label @param {string | null | undefined} hint
   */
  function subgroup(path, properties, label, hint) {
    const count = h('span', { class: 'count' });
    const keys = Object.keys(properties);
    const details = h('details', { class: 'subgroup', open: keys.length <= 6 },
      h('summary', {}, h('span', { text: label }), count),
      hint ? h('p', { class: 'hint', text: hint }) : null,
      h('div', { class: 'subgroup-body' }, keys.map((k) => buildField([...path, k], properties[k]))));
    subgroups.push({ details, count, prefix: `${path.join('.')}.`, label });
    return details;
  }

  const groups = schema.properties ?? {};
  const keys = [...Object.keys(GROUPS).filter((k) => groups[k]), ...Object.keys(groups).filter((k) => !GROUPS[k])];
  for (const key of keys) {
    const properties = groups[key].properties ?? {};
    /** @type {{ title: string, dimension?: Dimension, note?: string }} */
    const meta = GROUPS[key] ?? { title: humanize(key) };
    const chip = h('span', { class: 'chip', id: `group-score-${key}`, 'data-dimension': meta.dimension ?? '' });
    chips.set(key, chip);
    const sourceLabel = h('span', { class: 'group-source', 'data-testid': `group-source-${key}`, hidden: true });
    sourceLabels.set(key, sourceLabel);
    const details = h('details', { class: 'group', open: true, id: `group-${key}` },
      h('summary', {},
        h('span', { class: 'group-title' }, h('span', { text: meta.title }),
          meta.note ? h('span', { class: 'group-note', text: meta.note }) : null, sourceLabel),
        chip),
      h('div', { class: 'group-body' }, Object.keys(properties).map((k) => buildField([key, k], properties[k]))));
    container.append(details);
  }

  /** Shows each group's source next to its title. */
  function showSources() {
    for (const [group, label] of sourceLabels) {
      const source = sources.get(group);
      label.textContent = source ? `from ${source}` : '';
      label.hidden = !source;
    }
  }

  /**
   * The field a path concerns: the one with the longest path that is it or holds it.
   * @param {string} path
   * @returns {FormField | null}
   */
  function fieldFor(path) {
    let best = null;
    for (const f of fields) {
      const p = f.pathText;
      if (path === p || path.startsWith(`${p}[`) || path.startsWith(`${p}.`)) {
        if (!best || p.length > best.pathText.length) best = f;
      }
    }
    // A subgroup's path (surveyData.seanEllis): its first field.
    return best ?? (path ? fields.find((f) => f.pathText.startsWith(`${path}.`)) ?? null : null);
  }

  /**
   * A path as people read it: its field's label, with the entry of a map
   * ("Feature adoption: aiAssistant"); the path itself when no field has it.
   * @param {string} path
   */
  function labelFor(path) {
    const group = subgroups.find((g) => g.prefix === `${path}.`);
    if (group) return group.label;
    const f = fieldFor(path);
    if (!f) return path;
    const rest = path.slice(f.pathText.length);
    if (!rest) return f.label;
    let entry = rest.replace(/^\./, '');
    if (/^\[".*"\]$/.test(rest)) { try { entry = JSON.parse(rest.slice(1, -1)); } catch { /* shown as written */ } }
    return `${f.label}: ${entry}`;
  }

  /**
   * The library's text with the field paths in it as their labels: "no data: give
   * marketResearch.targetMarketSize" -> "no data: give Target market size (yearly)".
   * @param {string} text
   */
  function inWords(text) {
    return text.replace(/\b(?:usageMetrics|adoptionData|surveyData|marketResearch|competitiveData|unitEconomics)(?:\.[A-Za-z]+)+/g, (path) => labelFor(path));
  }

  return {
    fieldFor,
    labelFor,

    inWords,

    /** Shows product data in the fields (each empty where it has nothing). @param {unknown} product */
    fill(product) {
      for (const f of fields) f.write(getPath(product, f.path));
    },

    /**
     * Says where each group's data came from: every group `product` holds gets `source`
     * (null: typed here, no label), the others none.
     * @param {object} product @param {string | null} source
     */
    setSources(product, source) {
      sources.clear();
      for (const [group, value] of Object.entries(product)) if (source && value != null) sources.set(group, source);
      showSources();
    },

    /** Sets one group's source (null: none). @param {string} group @param {string | null} source */
    setSource(group, source) {
      if (source) sources.set(group, source);
      else sources.delete(group);
      showSources();
    },

    /** The groups still holding the built-in sample's data. @param {string} sampleSource @returns {string[]} */
    groupsFrom(sampleSource) {
      return [...sources].filter(([, s]) => s === sampleSource).map(([g]) => g);
    },

    /** Where a group's data came from, if it came from somewhere. @param {string} group */
    sourceOf(group) {
      return sources.get(group) ?? null;
    },

    /**
     * The product data the fields hold, and the problems they found reading it.
     * @returns {{ product: ProductObject, problems: Problem[] }}
     */
    collect() {
      /** @type {ProductObject} */
      const product = {};
      /** @type {Problem[]} */
      const problems = [];
      for (const f of fields) {
        const r = f.read();
        if (r.problem) problems.push(r.problem);
        if (r.problems) problems.push(...r.problems);
        if (r.value !== undefined) setPath(product, f.path, r.value);
      }
      return { product, problems };
    },

    /** Opens, focuses and scrolls to the input for a path. @param {string} path */
    focusPath(path) {
      const f = fieldFor(path);
      if (!f) return;
      // From the JSON or the files tab too: the form's tab is shown first.
      const formPanel = document.getElementById('panel-form');
      if (formPanel?.hidden) document.getElementById('tab-form')?.click();
      openAround(f.input);
      const target = f.input.matches('input, textarea') ? f.input : f.input.querySelector('input');
      target?.focus();
      target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },

    /**
     * Shows problems next to their fields (with a "Use 0.45" button where the
     * library suggests a number), the rest in the box above the fields.
     * @param {Problem[]} problems
     */
    showProblems(problems) {
      for (const f of fields) { f.clear(); f.error.replaceChildren(); f.error.hidden = true; }
      problemsBox.replaceChildren();
      for (const raw of problems) {
        const f = fieldFor(raw.path);
        // Shares in percent, as the field shows them ("did you mean 45%?").
        const p = f ? problemInPageUnits(raw, f) : raw;
        const target = f?.mark(p);
        const entry = f && f.pathText !== p.path ? `${labelFor(p.path).slice(f.label.length + 2)}: ` : '';
        const line = h('p', {}, entry, problemText(p));
        const suggestion = 'suggestion' in p ? p.suggestion : undefined;
        if (suggestion != null && target instanceof HTMLInputElement && target.type === 'number') {
          const text = String(suggestion);
          line.append(' ', h('button', {
            type: 'button', class: 'fix-button',
            onclick: () => { target.value = text; target.focus(); rescoreSoon(); },
          }, `Use ${text}${isShare(f?.unit) ? '%' : ''}`));
        }
        if (f) {
          f.error.append(line);
          f.error.hidden = false;
          openAround(f.error);
        } else {
          problemsBox.append(h('p', {}, p.path && p.path !== 'input' ? `${labelFor(p.path)}: ` : '', problemText(p)));
        }
      }
      problemsBox.hidden = !problemsBox.childElementCount;
    },

    /**
     * The result's warnings that name a field, next to that field (after
     * `showProblems`, which clears them): a contradiction such as daily users
     * above monthly ones shows at the count that is too large.
     * @param {ValidationResult['warnings']} warnings
     */
    showWarnings(warnings) {
      for (const w of warnings) {
        const f = w.path ? fieldFor(w.path) : null;
        if (!f) continue;
        f.error.append(h('p', { class: 'field-warning', 'data-testid': 'field-warning', 'data-code': w.code }, inWords(w.message)));
        f.error.hidden = false;
      }
    },

    /** Each subgroup's "n set" count. @param {ProductObject} product */
    updateSubgroupCounts(product) {
      for (const { count, prefix } of subgroups) {
        const value = getPath(product, prefix.slice(0, -1).split('.'));
        const n = value ? Object.keys(value).length : 0;
        count.textContent = n ? `${n} set` : 'none set';
      }
    },

    /** Each group's chip: its dimension's score (unit economics has none of its own). @param {ValidationResult} r */
    showDimensionScores(r) {
      for (const [key, meta] of Object.entries(GROUPS)) {
        const chip = chips.get(key);
        if (!chip) continue;
        const d = r.dimensions[meta.dimension];
        chip.textContent = key === 'unitEconomics' ? '' : d?.score != null ? fmt1(d.score) : 'no data';
        chip.hidden = !chip.textContent;
      }
    },
  };
}

/** @typedef {ReturnType<typeof createProductForm>} ProductForm */

// A chart's interaction: the tooltip box (on hover, tap and keyboard focus,
// kept inside the viewport), the polite live region that announces it, the
// keyboard hint, and the pointer and key handlers (arrows, Home, End, Page
// Up, Page Down, Escape) that move between a drawing's marks. Each chart
// builder in charts.js says what its marks are (Marks) and binds every fresh
// drawing to its tooltip.
import { h, uniqueId as uid } from './dom.js';
import { clamp } from './chart-frame.js';

/**
 * What a drawing tells its tooltip about its marks (points, bars, rows).
 * @typedef {object} Marks
 * @property {number} count how many
 * @property {string} unit what one is called, plural ("points", "bars", "rows")
 * @property {(vx: number, vy: number) => number | null} at the mark at a point of the viewBox (null: none)
 * @property {(i: number) => { x: number, y: number }} anchor where the tooltip points, in viewBox units
 * @property {(i: number) => string} text the tooltip's text
 * @property {(i: number | null) => void} highlight marks mark i (null: none)
 */

/**
 * A chart's tooltip: the box (shown on hover, tap and keyboard focus), the
 * live region that announces it to screen readers, and the keyboard hint.
 * `bind` wires a freshly drawn SVG to them; the index the keyboard is on
 * survives a redraw.
 */
export function tooltip() {
  const box = h('div', { class: 'mv-tip', 'aria-hidden': 'true', hidden: true });
  const live = h('p', { class: 'mv-visually-hidden mv-live', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const hint = h('p', { class: 'mv-visually-hidden', id: uid('hint') });
  let active = -1;
  /** @type {() => void} */
  let hideCurrent = () => {};

  /**
   * Places the box next to `anchor`, inside the viewport.
   * @param {SVGSVGElement} svg @param {number} width the viewBox width @param {{ x: number, y: number }} anchor
   */
  const place = (svg, width, anchor) => {
    const host = box.offsetParent ?? box.parentElement;
    if (!host) return;
    const r = svg.getBoundingClientRect();
    const hr = host.getBoundingClientRect();
    const k = r.width / width || 1;
    const ax = r.left + anchor.x * k;
    const ay = r.top + anchor.y * k;
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    const bw = box.offsetWidth;
    const bh = box.offsetHeight;
    // Inside the chart when it fits there, else inside the viewport.
    const lo = Math.max(4, hr.left);
    const hi = Math.min(vw - 4, hr.right);
    const left = hi - lo >= bw ? clamp(ax - bw / 2, lo, hi - bw) : clamp(ax - bw / 2, 4, Math.max(4, vw - bw - 4));
    let top = ay - bh - 10;
    if (top < 4) top = ay + 14;
    top = clamp(top, 4, Math.max(4, vh - bh - 4));
    box.style.left = `${Math.round(left - hr.left)}px`;
    box.style.top = `${Math.round(top - hr.top)}px`;
  };

  return {
    box, live, hint,
    /** Hides the box (before a redraw). */
    hide: () => hideCurrent(),
    /**
     * Makes `svg` one tab stop whose marks the pointer and the arrow keys reach.
     * @param {SVGSVGElement} svg @param {number} width the viewBox width @param {Marks} m
     */
    bind(svg, width, m) {
      hideCurrent();
      if (!m.count) return;
      svg.setAttribute('tabindex', '0');
      svg.removeAttribute('focusable');
      svg.setAttribute('aria-describedby', hint.id);
      svg.classList.add('mv-interactive');
      hint.textContent = `${m.count} ${m.unit}: the arrow keys move between them, Home and End go to the first and last; the data table lists them all.`;
      if (active >= m.count) active = m.count - 1;
      let shown = -1;
      /** What showed the tooltip: "mouse", "touch", "pen" or "key". */
      let by = '';
      /** @param {number} i @param {string} source @param {boolean} [announce] */
      const show = (i, source, announce = source !== 'mouse') => {
        shown = i;
        by = source;
        m.highlight(i);
        const text = m.text(i);
        box.textContent = text;
        box.hidden = false;
        svg.dataset.active = String(i);
        place(svg, width, m.anchor(i));
        if (announce) live.textContent = text;
      };
      const hide = () => {
        if (shown < 0 && box.hidden) return;
        shown = -1;
        box.hidden = true;
        delete svg.dataset.active;
        m.highlight(null);
      };
      hideCurrent = hide;
      /** @param {PointerEvent} e */
      const markAt = (e) => {
        const r = svg.getBoundingClientRect();
        if (!r.width) return null;
        const k = width / r.width;
        return m.at((e.clientX - r.left) * k, (e.clientY - r.top) * k);
      };
      svg.addEventListener('pointermove', (e) => {
        const i = markAt(e);
        if (i == null) { if (e.pointerType === 'mouse') hide(); return; }
        if (i !== shown) show(i, e.pointerType);
      });
      svg.addEventListener('pointerdown', (e) => {
        const i = markAt(e);
        if (i == null) return;
        active = i;
        show(i, e.pointerType);
      });
      // A finger lifted keeps the tooltip (pointerleave follows every tap): tapping elsewhere blurs
      // the chart, which hides it. The mouse leaving hides what the mouse showed.
      svg.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse' && by === 'mouse') hide(); });
      svg.addEventListener('focus', () => { if (shown < 0) show(active < 0 ? 0 : active, 'key'); });
      svg.addEventListener('blur', hide);
      svg.addEventListener('keydown', (e) => {
        const from = shown >= 0 ? shown : Math.max(0, active);
        /** @type {Record<string, number>} */
        const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
        let to = -1;
        if (e.key in moves) to = clamp(from + (shown >= 0 ? moves[e.key] : 0), 0, m.count - 1);
        else if (e.key === 'Home') to = 0;
        else if (e.key === 'End') to = m.count - 1;
        else if (e.key === 'Escape' && shown >= 0) { e.preventDefault(); hide(); return; }
        if (to < 0) return;
        e.preventDefault();
        active = to;
        show(to, 'key');
      });
    },
  };
}

/** @typedef {ReturnType<typeof tooltip>} Tooltip */

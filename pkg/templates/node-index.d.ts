export * from './market_validation.js';

/** Nothing to do in Node: the module is ready once imported. Present so browser code runs unchanged. */
export default function init(input?: unknown): Promise<void>;

/** Nothing to do in Node: the module is ready once imported. Present so browser code runs unchanged. */
export function initSync(input?: unknown): void;

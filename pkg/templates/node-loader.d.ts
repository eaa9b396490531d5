
/** Nothing to do in Node: each part loads itself when first used. Here so browser code runs unchanged. */
export function init(input?: unknown): Promise<void>;
/** The same init, as the default export (`import init from 'market-validation'`). */
export default init;
/** Nothing to do in Node, as init. */
export function initSync(input?: unknown): void;
/** Whether `e` is what market-validation throws on bad input (narrows `catch (e)` to MarketValidationError). */
export function isMarketValidationError(e: unknown): e is MarketValidationError;

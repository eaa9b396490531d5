/** One product's outcome in `analyzeMany`: its result, or its error. */
export type PortfolioEntry =
    | { index: number; ok: true; result: ValidationResult }
    | { index: number; ok: false; error: { message: string; problems: Problem[]; cause?: unknown } };

/**
 * Options for `analyzeMany`: those of `analyze`, and how much of each result to give:
 * `"full"` (the default: every result whole) or `"summary"` (score, interval, verdict and
 * dimension scores, several times faster; the sources cited come once per call).
 */
export interface AnalyzeManyOptions extends AnalyzeOptions {
    detail?: 'full' | 'summary';
}

/** One product's outcome in `analyzeMany(products, { detail: 'summary' })`. */
export type PortfolioSummaryEntry =
    | { index: number; ok: true; result: ProductSummary }
    | { index: number; ok: false; error: { message: string; problems: Problem[]; cause?: unknown } };

/** What `analyzeMany(products, { detail: 'summary' })` returns: the summaries, and each source they cite by id, once. */
export interface PortfolioSummary {
    results: PortfolioSummaryEntry[];
    sources: Source[];
}

/** Scores a portfolio: one entry per product, its result or its error (see below). */
export function analyzeMany(products: ProductData[], options?: (AnalyzeManyOptions & { detail?: 'full' }) | null): PortfolioEntry[];
/** Scores a portfolio and gives each product's summary: score, interval, verdict, dimension scores. */
export function analyzeMany(products: ProductData[], options: AnalyzeManyOptions & { detail: 'summary' }): PortfolioSummary;

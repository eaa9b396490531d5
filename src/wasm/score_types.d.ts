/** One product's outcome in `analyzeMany`: its result, or its error. */
export type PortfolioEntry =
    | { index: number; ok: true; result: ValidationResult }
    | { index: number; ok: false; error: { message: string; problems: Problem[]; cause?: unknown } };

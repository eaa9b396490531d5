/** A benchmark preset: B2B SaaS (SMB and mid-market; the default), enterprise SaaS, consumer subscription, consumer social. */
export type PresetId = "b2b-saas" | "enterprise-saas" | "consumer-subscription" | "consumer-social";
/** The id of a scored metric. */
export type MetricName = "retentionRate" | "dauMauRatio" | "dauWauRatio" | "adoptionRate" | "featureAdoption" | "timeToAdoption" | "seanEllisShare" | "npsScore" | "csatShare" | "featureSatisfaction" | "susScore" | "targetMarketSize" | "growthRate" | "ltvToCac" | "cacPaybackMonths" | "headToHead" | "marketPosition" | "winRate" | "competitiveAdvantage" | "differentiationScore";
/** A benchmark band that `options.benchmarks` can move. */
export type BenchmarkBandName = "average" | "good" | "great";
/** What every function throws on bad input: a standard `Error` whose message lists every problem, with the same problems as data. */
export interface MarketValidationError extends Error {
    name: "InputError";
    /** What was being read: "product data", "options", "product data and options", "portfolio", "launch plan", ... */
    subject: string;
    /** Every problem, with its field path, the value given, what was expected and a hint. */
    problems: Problem[];
    /**
     * When the input could not be read because one of the caller's own objects threw (a getter,
     * a Proxy trap): what it threw. `problems[0].path` says where it was read.
     */
    cause?: unknown;
}
/** Survey answers given as arrays, one item per respondent; every array must have the same length. */
export interface SurveyAnswers {
    /** 0..10 answers to "how likely are you to recommend": numbers, or text such as "9 - Very likely". */
    nps?: (number | string | null)[];
    /** Sean Ellis answers: "Very disappointed", "Somewhat disappointed", "Not disappointed", "N/A, I no longer use it" (any case, common variants). */
    pmf?: (string | null)[];
    /** 1..5 satisfaction answers: numbers, or labels from "Very dissatisfied" to "Very satisfied". */
    csat?: (number | string | null)[];
    /** Segment names (role, plan, company size...). */
    segment?: (string | number | null)[];
    /** Feature name -> 1..5 ratings. */
    features?: Record<string, (number | string | null)[]>;
    /** With `options.behaviour`: each respondent's user id, as `behaviour.userIds` holds them. */
    user?: (string | number | null)[];
    /** With `options.behaviour`: each answer's date, ms since the epoch or text such as "2026-11-03" (`11/03/2026` is read by `options.dateOrder`, month first by default). */
    date?: (string | number | null)[];
}
/** Events as arrays for `analyzeEvents({ ... }, options)`: one item per event in each. */
export interface EventArrays {
    /** Who did each event: a Uint32Array, or numbers or strings (interned: 7 and "7" are one user). */
    userIds: Uint32Array | ArrayLike<number> | ArrayLike<string>;
    /** When, milliseconds since the epoch (UTC). */
    timestamps: Float64Array | ArrayLike<number>;
    /**
     * What: each event's name, or the names dictionary-encoded as an Arrow dictionary column
     * holds them (`codes[i]` indexes `dictionary`; far cheaper for millions of events).
     */
    eventNames?: ArrayLike<string> | { codes: Uint32Array | ArrayLike<number>; dictionary: string[] };
    /** Each event's session id (null, "" or -1: none; Uint32Array: 0xFFFFFFFF for none). */
    sessionIds?: Uint32Array | ArrayLike<string | number | null>;
    /** Signup times, one per user. */
    signups?: EventSignups;
}
/** Signup times for `analyzeEvents`: one per user, ids from the same id space as the events' (numbers, or strings interned together with the events' ids). */
export interface EventSignups {
    /** The users' ids. */
    userIds: Uint32Array | ArrayLike<number> | ArrayLike<string>;
    /** Their signup times, milliseconds since the epoch (UTC), one per id. */
    timestamps: Float64Array | ArrayLike<number>;
}
/** A node of a JSON Schema (draft 2020-12). */
export interface JsonSchemaNode {
    type?: "object" | "number" | "integer" | "array" | "string";
    description?: string;
    minimum?: number;
    maximum?: number;
    properties?: Record<string, JsonSchemaNode>;
    additionalProperties?: JsonSchemaNode;
    items?: JsonSchemaNode;
    maxItems?: number;
    maxProperties?: number;
    maxLength?: number;
    /** The field's unit, e.g. "fraction 0..1", "minutes". */
    "x-unit"?: string;
    [keyword: string]: unknown;
}
/** The JSON Schema of the product data model. */
export interface JsonSchema extends JsonSchemaNode {
    $schema: string;
    $id: string;
    title: string;
}

// One good call per entry point, whose result must not change however many
// hostile or fuzzed calls came before it.
import { mv } from './load.mjs';

const SURVEY_CSV = [
  'How likely are you to recommend us?,How would you feel if you could no longer use it?',
  '10,Very disappointed',
  '9,Somewhat disappointed',
  '3,Not disappointed',
  '8,Very disappointed',
].join('\n');
const SURVEY_CSV_LATER = SURVEY_CSV.replace('3,Not', '9,Very');
const day = (/** @type {number} */ d) => Date.UTC(2026, 0, d, 12);
const EVENTS_CSV = 'user_id,timestamp\n1,2026-01-01T10:00:00Z\n2,2026-01-02T10:00:00Z\n1,2026-01-09T10:00:00Z\n';

/** @type {Array<[string, () => unknown]>} */
export const goodCalls = [
  ['analyze', () => mv.analyze(mv.sampleProduct())],
  ['validate', () => mv.validate(mv.sampleProduct())],
  ['analyzeMany', () => mv.analyzeMany([mv.sampleProduct(), { usageMetrics: { retentionRate: 0.4 } }])],
  ['analyzeSurvey', () => mv.analyzeSurvey(SURVEY_CSV)],
  ['compareSurveys', () => mv.compareSurveys(SURVEY_CSV, new TextEncoder().encode(SURVEY_CSV_LATER))],
  ['analyzeEvents', () => mv.analyzeEvents(new Uint32Array([1, 2, 1, 3]), new Float64Array([day(1), day(2), day(9), day(9)]))],
  ['analyzeEventsCsv', () => mv.analyzeEventsCsv(new TextEncoder().encode(EVENTS_CSV))],
  ['readExport', () => mv.readExport(new TextEncoder().encode(SURVEY_CSV))],
  ['checkLaunch', () => {
    const { plan, options } = mv.sampleLaunchPlan();
    return mv.checkLaunch(plan, options);
  }],
];

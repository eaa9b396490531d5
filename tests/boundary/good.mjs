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

/** eventsSql's options for a table of events. */
export const SQL_OPTIONS = { table: 'analytics.events', columns: { user: 'user_id', time: 'event_ts' }, cohortPeriod: 'week' };
/** Result tables of eventsSql's statements: 2 users on 2026-01-05 (day 20458), one back the next day. */
export const aggregateTables = () => ({
  summary: [{ format: 2, dialect: 'duckdb', utc_offset_minutes: 0, cohort_period: 'day', week_start: 'monday', window_kind: 'calendar', as_of_option: null, ignore_events: '', session_gap_minutes: 30, session_ids: 0, event_names: 0, features: '', activation_event: null, activation_window_days: 7, first_day: 20458, as_of_day: 20459, events: 3, events_after_as_of: 0, users: 2, table_rows: 3 }],
  daily: 'day,active,new_users,weekly_active,monthly_active\n20458,2,2,2,2\n20459,1,0,2,2\n',
  active_days: [{ days: 1, users: 1 }, { days: 2, users: 1 }],
  growth: [{ period: 20458, new_users: 2, retained: 0, resurrected: 0, churned: 0 }, { period: 20459, new_users: 0, retained: 1, resurrected: 0, churned: 1 }],
  cohorts: [{ cohort: 20458, period_offset: 0, users: 2 }, { cohort: 20458, period_offset: 1, users: 1 }],
  cohort_last: [{ cohort: 20458, mature: null, last_offset: 0, users: 1 }, { cohort: 20458, mature: null, last_offset: 1, users: 1 }],
});

/** @type {Array<[string, () => unknown]>} */
export const goodCalls = [
  ['analyze', () => mv.analyze(mv.sampleProduct())],
  ['validate', () => mv.validate(mv.sampleProduct())],
  ['analyzeMany', () => mv.analyzeMany([mv.sampleProduct(), { usageMetrics: { retentionRate: 0.4 } }])],
  ['analyzeSurvey', () => mv.analyzeSurvey(SURVEY_CSV)],
  ['compareSurveys', () => mv.compareSurveys(SURVEY_CSV, new TextEncoder().encode(SURVEY_CSV_LATER))],
  ['analyzeUsability', () => mv.analyzeUsability('Participant,Task,Success,Seconds\np1,Checkout,1,34\np2,Checkout,0,120\n')],
  ['analyzeEvents', () => mv.analyzeEvents(new Uint32Array([1, 2, 1, 3]), new Float64Array([day(1), day(2), day(9), day(9)]))],
  ['analyzeEventsCsv', () => mv.analyzeEventsCsv(new TextEncoder().encode(EVENTS_CSV))],
  ['readExport', () => mv.readExport(new TextEncoder().encode(SURVEY_CSV))],
  ['fitRetention', () => mv.fitRetention([1000, 631, 468, 382, 326, 289, 262, 241], { replicates: 20 })],
  ['eventsSql', () => mv.eventsSql('clickhouse', SQL_OPTIONS)],
  ['analyzeEventAggregates', () => mv.analyzeEventAggregates(aggregateTables())],
  ['checkLaunch', () => {
    const { plan, options } = mv.sampleLaunchPlan();
    return mv.checkLaunch(plan, options);
  }],
];

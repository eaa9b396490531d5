//! Importing what users' tools export (a home, empty of logic for now).
//!
//! This is where the import layer of the real-exports issues will live:
//! file containers (xlsx, zip, gzip, Parquet) turned into what the analyses
//! read (text, bytes or typed columns); one source per vendor export
//! (SurveyMonkey, Typeform, Google Forms, Qualtrics, Delighted, Microsoft
//! Forms, Hotjar; PostHog, Mixpanel, Amplitude, Segment, GA4, Heap) that
//! knows its header rows, codes and identity columns; and the detection that
//! picks the source and says what it chose. The CSV readers of the survey
//! and events analyses will read through it.

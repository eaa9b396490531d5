//! The events exports: analyzeEvents (typed arrays or plain arrays, with
//! signup times) and analyzeEventsCsv.

use super::error::JsInputError;
use super::intrinsics;
use super::js_reader::{read_options, wrong_value};
use super::typed;
use super::typed_arrays::{self, check_lengths, file_bytes, Column};
use crate::events::{self, EventsAnalysis, EventsConfig, EventsOptions};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Analyses raw usage events, in any order: `analyzeEvents({ userIds, timestamps, eventNames,
/// sessionIds, signups }, options)`, or `analyzeEvents(userIds, timestamps, options, signups)`.
/// One user id and one timestamp (ms since the epoch, UTC) per event. Daily actives, stickiness,
/// the L28 curve, cohort retention, growth accounting, and `usageMetrics` / `adoptionData` ready
/// for `analyze`. With `signups` (a signup time per user, ids from the same id space as the
/// events'), a user is new on their signup day and cohorts are signup cohorts. With
/// `eventNames`, events that are not activity are left out, and `features`, `activation`
/// (`options.activationEvent`) and `sessions` say what users did; `sessionIds` define sessions
/// (else a 30-minute gap does).
#[wasm_bindgen(js_name = analyzeEvents)]
pub fn analyze_events(
    #[wasm_bindgen(
        unchecked_param_type = "EventArrays | Uint32Array | ArrayLike<number> | ArrayLike<string>"
    )]
    events: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "EventsOptions | Float64Array | ArrayLike<number> | null"
    )]
    second: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EventsOptions | null")] third: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EventSignups | null")] fourth: JsValue,
) -> Result<Ts<EventsAnalysis>, JsValue> {
    let (given, options) = if is_plain_object(&events) {
        if !(third.is_undefined() && fourth.is_undefined()) {
            return Err(JsInputError::problem(
                "events",
                "input",
                "arguments after the options",
                "analyzeEvents({ userIds, timestamps, ... }, options): signups go inside the first object",
            )
            .into());
        }
        (Given::of_object(&events)?, second)
    } else {
        let given = Given {
            user_ids: events,
            timestamps: second,
            names: JsValue::UNDEFINED,
            sessions: JsValue::UNDEFINED,
            signups: fourth,
        };
        (given, third)
    };
    let config = EventsConfig::from_raw(&options_of(&options)?)?;
    typed(&given.analyse(&config)?)
}

/// The events' arrays as the caller gave them, not yet read.
struct Given {
    user_ids: JsValue,
    timestamps: JsValue,
    names: JsValue,
    sessions: JsValue,
    signups: JsValue,
}

impl Given {
    /// The object form's arrays: `{ userIds, timestamps, eventNames?, sessionIds?, signups? }`.
    fn of_object(arrays: &JsValue) -> Result<Given, JsInputError> {
        check_keys(arrays)?;
        let get = |key: &str| {
            intrinsics::get_str(arrays, key)
                .map_err(|thrown| JsInputError::thrown("events", key, thrown))
        };
        Ok(Given {
            user_ids: get("userIds")?,
            timestamps: get("timestamps")?,
            names: get("eventNames")?,
            sessions: get("sessionIds")?,
            signups: get("signups")?,
        })
    }

    /// Every length is checked before anything is copied; then the arrays
    /// are copied once and analysed.
    fn analyse(self, config: &EventsConfig) -> Result<EventsAnalysis, JsValue> {
        let (columns, signups, _) = self.read()?;
        let signups = signups
            .as_ref()
            .map(|(user_ids, timestamps_ms)| events::Signups {
                user_ids,
                timestamps_ms,
            });
        Ok(events::analyze_event_columns(
            columns,
            signups.as_ref(),
            config,
        )?)
    }

    /// The arrays, copied once every length is checked: the events' columns,
    /// the signups' (ids and times) when given, and the ids' texts when they
    /// were given as text.
    #[allow(clippy::type_complexity)]
    fn read(
        self,
    ) -> Result<
        (
            events::EventColumns,
            Option<(Vec<u32>, Vec<f64>)>,
            Option<crate::input::ids::Interner>,
        ),
        JsInputError,
    > {
        let signup_arrays = signup_columns(&self.signups)?;
        let ids = Column::measure(&self.user_ids, "userIds", IDS_EXPECTED)?;
        let times = Column::measure(&self.timestamps, "timestamps", TIMES_EXPECTED)?;
        let signup_measured = match &signup_arrays {
            Some((i, t)) => Some((
                Column::measure(i, "signups.userIds", IDS_EXPECTED)?,
                Column::measure(t, "signups.timestamps", TIMES_EXPECTED)?,
            )),
            None => None,
        };
        check_lengths(&ids, &times, signup_measured.as_ref().map(|(i, t)| (i, t)))?;
        let names = typed_arrays::EventNameColumn::measure(&self.names)?;
        let sessions = if self.sessions.is_undefined() || self.sessions.is_null() {
            None
        } else {
            Some(Column::measure(
                &self.sessions,
                "sessionIds",
                SESSIONS_EXPECTED,
            )?)
        };
        typed_arrays::check_same_length(
            ids.len,
            names.as_ref().map(|n| n.len()),
            sessions.as_ref().map(|s| s.len),
        )?;
        let (id_values, signup_ids, texts) =
            typed_arrays::user_ids(&ids, signup_measured.as_ref().map(|(i, _)| i))?;
        let time_values = typed_arrays::timestamps(&times)?;
        let signup_times = match &signup_measured {
            Some((_, t)) => Some(typed_arrays::timestamps(t)?),
            None => None,
        };
        let columns = events::EventColumns {
            user_ids: id_values,
            timestamps_ms: time_values,
            names: names.map(|n| n.read()).transpose()?,
            session_ids: sessions
                .map(|s| typed_arrays::session_ids(&s))
                .transpose()?,
        };
        Ok((columns, signup_ids.zip(signup_times), texts))
    }
}

/// The event arrays of another function's input (`reviewLaunch`'s
/// `options.events`, `analyzeSurvey`'s `options.behaviour`): the object form,
/// without signups, with the ids' texts when they were text. Problems are
/// named under `path`.
#[cfg(any(feature = "launch", feature = "survey"))]
pub(crate) fn event_columns(
    arrays: &JsValue,
    path: &str,
    subject: &str,
) -> Result<(events::EventColumns, Option<Vec<String>>), JsInputError> {
    if !is_plain_object(arrays) {
        return Err(JsInputError::problem(
            subject,
            path,
            "not an object of arrays",
            "{ userIds, timestamps, eventNames } as analyzeEvents takes them",
        ));
    }
    let read = || {
        let given = Given::of_object(arrays)?;
        if !(given.signups.is_undefined() || given.signups.is_null()) {
            return Err(JsInputError::problem(
                "events",
                "signups",
                "signups",
                "no signups: users are counted by their events",
            ));
        }
        let (columns, _, texts) = given.read()?;
        Ok((columns, texts.map(crate::input::ids::Interner::into_texts)))
    };
    read().map_err(|e: JsInputError| JsInputError {
        error: e.error.under(subject, path),
        cause: e.cause,
    })
}

/// The keys the object form reads.
const ARRAY_KEYS: [&str; 5] = [
    "userIds",
    "timestamps",
    "eventNames",
    "sessionIds",
    "signups",
];

/// An object of event arrays with a key it does not read: a misspelling
/// is named, with the key meant.
fn check_keys(arrays: &JsValue) -> Result<(), JsInputError> {
    let keys = intrinsics::keys(arrays)
        .map_err(|thrown| JsInputError::thrown("events", "input", thrown))?;
    let mut problems = Vec::new();
    for key in keys.iter() {
        let Some(key) = key.as_string() else { continue };
        if !ARRAY_KEYS.contains(&key.as_str()) {
            let hint = crate::input::suggest::did_you_mean(&key, ARRAY_KEYS.iter().copied())
                .map(|k| format!("did you mean {k}?"));
            problems.push(
                crate::input::problem::Problem::new(
                    key.clone(),
                    "an unknown key",
                    format!("one of {}", ARRAY_KEYS.join(", ")),
                )
                .with_hint(hint),
            );
        }
    }
    for required in ["userIds", "timestamps"] {
        let present = keys
            .iter()
            .any(|k| k.as_string().as_deref() == Some(required));
        if !present {
            problems.push(crate::input::problem::Problem::new(
                required,
                "missing",
                if required == "userIds" {
                    IDS_EXPECTED
                } else {
                    TIMES_EXPECTED
                },
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(crate::input::problem::InputError::new("events", problems).into())
    }
}

/// An object that is not an array, a typed array or a function.
fn is_plain_object(value: &JsValue) -> bool {
    value.is_object()
        && !value.is_function()
        && intrinsics::typed_array(value).is_none()
        && !intrinsics::is_array(value).unwrap_or(true)
}

/// Options given as a JS value (absent: none).
fn options_of(options: &JsValue) -> Result<crate::input::raw::RawValue, JsInputError> {
    if options.is_undefined() || options.is_null() {
        return Ok(crate::input::raw::RawValue::Undefined);
    }
    super::js_reader::read_arg(options, "events options", "options")
}

const SESSIONS_EXPECTED: &str =
    "a Uint32Array, or an array of session ids (strings or numbers; null for none)";
const IDS_EXPECTED: &str = "a Uint32Array, or an array of numbers or strings";
const TIMES_EXPECTED: &str = "a Float64Array (or array) of milliseconds since the epoch";

/// The signups' two arrays, when signups are given: an object with
/// `userIds` and `timestamps`.
fn signup_columns(signups: &JsValue) -> Result<Option<(JsValue, JsValue)>, JsInputError> {
    if signups.is_undefined() || signups.is_null() {
        return Ok(None);
    }
    if !signups.is_object() || signups.is_function() {
        return Err(wrong_value(
            "events",
            "signups",
            signups,
            "{ userIds, timestamps }: a signup time per user, or nothing",
        ));
    }
    let get = |key: &str| {
        intrinsics::get_str(signups, key)
            .map_err(|thrown| JsInputError::thrown("events", &format!("signups.{key}"), thrown))
    };
    Ok(Some((get("userIds")?, get("timestamps")?)))
}

/// Analyses a CSV export of events (a user id and a timestamp per row; ISO-8601 or epoch seconds
/// or milliseconds), text or bytes. Unreadable rows are counted and reported by line.
#[wasm_bindgen(js_name = analyzeEventsCsv)]
pub fn analyze_events_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    options: Option<Ts<EventsOptions>>,
) -> Result<Ts<events::EventsCsvAnalysis>, JsValue> {
    let raw = read_options(options, "events options")?;
    let config = EventsConfig::from_raw(&raw)?;
    let Some(bytes) = file_bytes(&input, "events")? else {
        return Err(wrong_value(
            "events",
            "input",
            &input,
            "CSV text, or its bytes: a Uint8Array or an ArrayBuffer",
        )
        .into());
    };
    typed(&events::analyze_events_csv(&bytes, &config)?)
}

/// Fits the shifted-beta-geometric model (Fader & Hardie 2007) and a power law with a floor to a
/// survivor curve by maximum likelihood: `survivors[0]` users at the start, `survivors[t]` still
/// active after t periods ("on or after" retention: it never rises), or shares from 1 down with
/// `options.cohortSize`. Returns α, β, the log-likelihoods, the forecast survival at 12, 24 and 36
/// periods (or `options.horizons`) with seeded parametric-bootstrap intervals, the half-life, the
/// power law's floor with its interval, and which model fits better by AIC. Throws a
/// `MarketValidationError` listing every problem.
#[wasm_bindgen(js_name = fitRetention)]
pub fn fit_retention(
    #[wasm_bindgen(unchecked_param_type = "number[]")] survivors: JsValue,
    options: Option<Ts<crate::retention::FitRetentionOptions>>,
) -> Result<Ts<crate::retention::RetentionFit>, JsValue> {
    let raw = super::js_reader::read_arg(&survivors, "survivor curve", "survivors")?;
    let opts = read_options(options, "fitRetention options")?;
    typed(&crate::retention::fit_retention(&raw, &opts)?)
}

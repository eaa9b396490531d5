//! The analyzer: scores product data (usage, adoption, survey, market,
//! competitive) into an explainable product-market-fit result.
//!
//! The data flows one way through its modules:
//!
//! 1. **input**: [`model`] is the data model; [`fields`] reads a loose
//!    [`RawValue`](crate::RawValue) into it, checking each field's type and range;
//!    [`options`] reads the options into a [`Config`](options::Config).
//! 2. **validate**: [`validate`](mod@validate) checks the fields against each other and
//!    requires at least one metric (`metric_inputs` says which metrics
//!    the data yields), giving a [`ValidProduct`].
//! 3. **analyse**: warnings about values that do not fit together, and the
//!    head-to-head comparison with competitors' figures.
//! 4. **score**: [`scoring`] puts each metric on its benchmark curve
//!    ([`benchmarks`], [`curve`]), weighs the sub-scores into dimension and
//!    overall scores and sizes the intervals.
//! 5. **explain**: the verdict, recommendations found by re-scoring, the
//!    figures reported but not scored, and the sources cited, all in a
//!    [`ValidationResult`](result::ValidationResult) ([`result`]).
//!
//! The data model, the metric ids ([`metric_id`]) and the benchmark table
//! are the vocabulary every part shares (the survey and events analyses fill
//! parts of the model; launch targets are benchmark values), so they are
//! always built; the rest is the `score` feature. [`schema`] and [`catalog`]
//! describe the model and the presets for forms and documentation.

pub mod benchmarks;
pub mod curve;
pub mod fields;
pub mod metric_id;
pub mod model;

/// Declares the scorer's modules: the `score` feature.
macro_rules! scorer_modules {
    ($($vis:vis mod $name:ident;)*) => {
        $(
            #[cfg(feature = "score")]
            $vis mod $name;
        )*
    };
}

scorer_modules! {
    pub mod catalog;
    mod compose;
    mod consistency;
    mod contradictions;
    mod explain;
    pub(crate) mod metric_inputs;
    pub mod options;
    mod pipeline;
    mod recommend;
    pub mod result;
    pub mod schema;
    pub mod scoring;
    pub mod validate;
}

#[cfg(feature = "score")]
pub use pipeline::{
    analyze, analyze_json, analyze_many, sample_product, sample_product_json, MAX_PORTFOLIO,
};
#[cfg(feature = "score")]
pub use validate::{validate, ValidProduct, ValidationReport};

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
    pub(crate) mod pipeline;
    mod recommend;
    pub mod result;
    pub mod schema;
    pub mod scoring;
    pub mod validate;
}

#[cfg(feature = "score")]
pub use pipeline::{
    analyze, analyze_json, analyze_many, sample_product, sample_product_json, summarize_many,
    PortfolioSummary, MAX_PORTFOLIO,
};
#[cfg(feature = "score")]
pub use validate::{validate, ValidProduct, ValidationReport};

/// A stable sort for the scorer's short lists (a curve's points, the
/// recommendations: 20 items at most), by insertion: the standard library's
/// sort is built once per element type and added ~4 KB of gzip to the score
/// part. Same order as `sort_by` with the same comparison.
pub(crate) fn sort_short<T>(items: &mut [T], mut order: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && order(&items[j - 1], &items[j]) == std::cmp::Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(all(test, feature = "score"))]
mod tests {
    #[test]
    fn sort_short_orders_as_the_stable_sort_does() {
        let mut seed = 0x2545_F491u32;
        for len in 0..30 {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    (seed % 5, i)
                })
                .collect();
            let (mut ours, mut std) = (items.clone(), items);
            super::sort_short(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std);
        }
    }
}

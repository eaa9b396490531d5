//! Free-text answers: phrases and themes, shared by the product-market-fit
//! engine (`survey.engine`) and the feature-request report
//! (`survey.featureRequests`), so both group and count phrases the same
//! way. English only; no model: words are normalised, stop words dropped,
//! stemmed by Porter's algorithm ([`stem`]) and joined through a small
//! table of product-feedback synonyms ([`words`]); themes are phrases of one
//! to three words weighed by class-based TF-IDF against the other answers
//! ([`themes`]); answers in groups get each group's themes with their
//! counts, shares and example answers ([`groups`]).

pub mod groups;
pub mod stem;
pub mod themes;
pub mod words;

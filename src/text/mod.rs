//! Free-text answers (a home, empty of logic for now).
//!
//! Phrase extraction from open answers ("what is the main benefit you get?",
//! feature requests) will live here, shared by the product-market-fit engine
//! and the feature-request loop, so both group and count phrases the same
//! way.

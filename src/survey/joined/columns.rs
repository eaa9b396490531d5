//! The survey's column of user ids, for the join with behaviour: named in
//! `columns.user`, else the first whose header is one the survey tools write
//! for a respondent's identity (an id before an email).

use crate::input::csv::{header_list, named_column, normalize_header, DetectedColumn};
use crate::input::problem::{InputError, Problem};

/// Headers of a respondent's identity, most specific first: the ids
/// analytics tools send (and survey tools carry as hidden fields or custom
/// data: Typeform's hidden fields, SurveyMonkey's custom variables,
/// Qualtrics' embedded data and `ExternalReference`), then emails
/// (SurveyMonkey's `Email Address`, Qualtrics' `RecipientEmail`).
const USER_HEADERS: [&str; 16] = [
    "user_id",
    "userid",
    "user id",
    "distinct_id",
    "person_id",
    "customer_id",
    "customer id",
    "uid",
    "externalreference",
    "external data reference",
    "external_id",
    "user",
    "email",
    "email address",
    "recipientemail",
    "e-mail",
];

/// The user id column: named, else found by its header.
pub(crate) fn user_column(
    headers: &[String],
    named: Option<&str>,
) -> Result<DetectedColumn, InputError> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    if let Some(name) = named {
        let mut problems = Vec::new();
        return match named_column(headers, &normalized, "user", name, &mut problems) {
            Some(i) => Ok(DetectedColumn::new(&headers[i], i, "option")),
            None => Err(InputError::new("survey", problems)),
        };
    }
    USER_HEADERS
        .iter()
        .find_map(|wanted| normalized.iter().position(|h| h == wanted))
        .map(|i| DetectedColumn::new(&headers[i], i, "header"))
        .ok_or_else(|| {
            InputError::new(
                "survey",
                vec![Problem::new(
                    "options.columns.user",
                    format!("nothing (no column of user ids among {})", header_list(headers)),
                    "the column of each respondent's user id, as options.behaviour.userIds holds them: name it in options.columns.user",
                )],
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_id_is_preferred_to_an_email_and_a_name_wins() {
        let h = headers(&["Email Address", "How likely...", "User ID"]);
        assert_eq!(user_column(&h, None).unwrap().header, "User ID");
        let named = user_column(&h, Some("email address")).unwrap();
        assert_eq!((named.index, named.detected_by.as_str()), (0, "option"));
        let err = user_column(&h, Some("mail")).unwrap_err();
        assert_eq!(err.problems[0].path, "options.columns.user");
        assert!(user_column(&headers(&["Q1", "Q2"]), None).is_err());
    }
}

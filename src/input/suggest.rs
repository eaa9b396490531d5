//! "Did you mean ...?" for names that are near misses of real ones.

/// Longest name compared for suggestions.
const MAX_NAME_LEN: usize = 64;

/// The known name closest to `given`, if it is close enough to be a likely
/// typo: the same name in another case or with `_`/`-`/spaces, its
/// initials or its first word (`dau` for `dailyActiveUsers`, `nps` for
/// `npsScore`, as people abbreviate them), or within a small edit distance.
/// Ties go to the earliest known name. Case is folded for ASCII letters
/// only: the known names are ASCII, and Unicode's case tables would add
/// about 10 KB to every part.
///
/// ```
/// use market_validation::input::suggest::did_you_mean;
/// let known = ["retentionRate", "sessionDuration"];
/// assert_eq!(did_you_mean("retention_rate", known.into_iter()), Some("retentionRate"));
/// assert_eq!(did_you_mean("retentionRat", known.into_iter()), Some("retentionRate"));
/// assert_eq!(did_you_mean("revenue", known.into_iter()), None);
/// let usage = ["dailyActiveUsers", "monthlyActiveUsers"];
/// assert_eq!(did_you_mean("MAU", usage.into_iter()), Some("monthlyActiveUsers"));
/// ```
pub fn did_you_mean<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // Field names are short; a long key is no typo, and comparing it would
    // cost time quadratic in its length.
    if given.len() > MAX_NAME_LEN {
        return None;
    }
    let given_norm = normalize(given);
    let budget = (given_norm.chars().count() / 4).clamp(1, 3);
    let mut best: Option<(usize, &'a str)> = None;
    for name in known {
        let name_norm = normalize(name);
        let distance = if name_norm == given_norm {
            0
        } else if given_norm.chars().count() >= 2
            && (initials(name) == given_norm || first_word(name) == given_norm)
        {
            // An abbreviation people write ("dau", "cac", "nps").
            1
        } else if given_norm.chars().count() >= 4
            && (name_norm.starts_with(&given_norm) || given_norm.starts_with(&name_norm))
        {
            // A shortened or extended name ("enterprise" for "enterprise-saas").
            1
        } else {
            edit_distance(&given_norm, &name_norm)
        };
        if distance <= budget && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, name));
        }
    }
    best.map(|(_, name)| name)
}

/// The first letter of each camelCase word, lowercased: "dau" for
/// "dailyActiveUsers".
fn initials(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i == 0 || c.is_ascii_uppercase() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The first camelCase word, lowercased: "nps" for "npsScore".
fn first_word(name: &str) -> String {
    name.chars()
        .enumerate()
        .take_while(|(i, c)| *i == 0 || !c.is_ascii_uppercase())
        .map(|(_, c)| c.to_ascii_lowercase())
        .collect()
}

fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions
/// and swaps of two neighbours each cost one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, cell) in d.iter_mut().step_by(width).enumerate() {
        *cell = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn suggests_case_and_typo_variants() {
        let known = ["npsScore", "satisfactionScore", "feedbackVolume"];
        assert_eq!(
            did_you_mean("NPSScore", known.into_iter()),
            Some("npsScore")
        );
        assert_eq!(
            did_you_mean("feedbakVolume", known.into_iter()),
            Some("feedbackVolume")
        );
        assert_eq!(did_you_mean("churn", known.into_iter()), None);
        let presets = ["b2b-saas", "enterprise-saas"];
        assert_eq!(
            did_you_mean("enterprise", presets.into_iter()),
            Some("enterprise-saas")
        );
        // Abbreviations: initials and first words, in any case.
        let usage = [
            "dailyActiveUsers",
            "weeklyActiveUsers",
            "monthlyActiveUsers",
        ];
        assert_eq!(
            did_you_mean("dau", usage.into_iter()),
            Some("dailyActiveUsers")
        );
        assert_eq!(
            did_you_mean("WAU", usage.into_iter()),
            Some("weeklyActiveUsers")
        );
        assert_eq!(did_you_mean("nps", known.into_iter()), Some("npsScore"));
        let economics = ["averageRevenuePerAccount", "customerAcquisitionCost"];
        assert_eq!(
            did_you_mean("cac", economics.into_iter()),
            Some("customerAcquisitionCost")
        );
        assert_eq!(
            did_you_mean("arpa", economics.into_iter()),
            Some("averageRevenuePerAccount")
        );
        assert_eq!(did_you_mean("x", usage.into_iter()), None);
    }
}

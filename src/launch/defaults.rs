//! The default timeline and its dependencies, for plans that give no
//! milestones (the original design's), and the review day the success
//! metrics are measured on.

/// A milestone of the default timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultMilestone {
    /// Its name.
    pub name: &'static str,
    /// Days from the launch day.
    pub offset_days: i64,
    /// Whether it is critical.
    pub critical: bool,
    /// What it is (the original design's words).
    pub description: &'static str,
}

/// The timeline used when a plan gives no milestones (the original design's):
/// feature freeze two weeks before the launch, the marketing campaign one
/// week before, the launch, and a review 30 days after it. All but the review
/// are critical: the launch cannot happen without them.
pub const DEFAULT_TIMELINE: [DefaultMilestone; 4] = [
    DefaultMilestone {
        name: "Feature freeze",
        offset_days: -14,
        critical: true,
        description: "No more feature changes allowed",
    },
    DefaultMilestone {
        name: "Marketing campaign",
        offset_days: -7,
        critical: true,
        description: "Start pre-launch marketing activities",
    },
    DefaultMilestone {
        name: "Launch",
        offset_days: 0,
        critical: true,
        description: "Official product launch",
    },
    DefaultMilestone {
        name: "Launch review",
        offset_days: LAUNCH_REVIEW_DAYS,
        critical: false,
        description: "Comprehensive launch performance review",
    },
];

/// Days after the launch at which it is reviewed and its success metrics
/// measured: the default timeline's review.
pub const LAUNCH_REVIEW_DAYS: i64 = 30;

/// The default timeline's dependencies, used when the plan gives neither
/// milestones nor dependencies: each default milestone depends on the one
/// before, as (milestone, depends on).
pub const DEFAULT_DEPENDENCIES: [(&str, &str); 3] = [
    ("Marketing campaign", "Feature freeze"),
    ("Launch", "Marketing campaign"),
    ("Launch review", "Launch"),
];

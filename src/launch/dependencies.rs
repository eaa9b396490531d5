//! Dependency checks: every "milestone depends on milestone" pair is checked
//! for names not in the plan (with "did you mean"), loops (the loop named),
//! and a dependency scheduled after what depends on it; then the critical
//! path is the longest chain of critical milestones along sound
//! dependencies.
//!
//! Every step is linear in milestones plus pairs (strongly connected
//! components by Tarjan's algorithm, one breadth-first search per loop, one
//! pass in topological order), and deterministic: ties go to plan order.

use super::plan::{DependencyPair, Milestone};
use super::shapes::LaunchDependencyType;
use super::{days, quoted, Positions};
use crate::calendar::iso_date;
use crate::input::suggest::did_you_mean;
use serde::Serialize;
use std::collections::VecDeque;

/// Most distinct unknown names looked up for "did you mean": each lookup
/// compares against every milestone name, so this bounds the work a plan
/// full of unknown names can cause. Later ones get no hint.
pub const MAX_HINTED_NAMES: usize = 20;

/// What a dependency check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LaunchDependencyStatus {
    /// Both milestones exist and the one depended on comes first (or on the same day).
    Ok,
    /// A name is not a milestone of the plan.
    UnknownMilestone,
    /// The two milestones depend on each other, directly or through others.
    Cycle,
    /// The milestone depended on is scheduled after the one that depends on it.
    Misordered,
    /// An `approval` the dependent milestone waits for is not done, and the dependent's date has
    /// come (on or before `asOf`): the launch is blocked until it is given.
    AwaitingApproval,
}

/// One "milestone depends on dependsOn" pair, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchDependencyCheck {
    /// The dependent milestone.
    pub milestone: String,
    /// The milestone it depends on.
    pub depends_on: String,
    /// `timeline` (it comes first) or `approval` (it must be done first).
    #[serde(rename = "type")]
    pub kind: LaunchDependencyType,
    /// What the check found. A pair in a loop is reported as `cycle` even if also misordered.
    pub status: LaunchDependencyStatus,
    /// True when a broken pair would block the launch: either milestone is critical, or neither
    /// is in the plan (nothing says it is not critical).
    pub critical: bool,
    /// The finding in words.
    pub message: String,
    /// For `unknown_milestone`: the names that are not milestones of the plan.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// For an unknown name: the milestone probably meant ("did you mean ...?").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// For a pair in a loop: the index of the loop in `cycles`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycle: Option<u32>,
    /// Where the depended-on name is in the input (`dependencies[1].dependsOn[2]`); absent for the
    /// default timeline's dependencies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// Milestones that depend on each other in a loop, so none can be done first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchCycle {
    /// One loop, read "depends on": it starts and ends at the loop's milestone listed first in
    /// the plan, and is the shortest such loop (`["A", "B", "A"]`: A depends on B, which depends
    /// on A).
    pub path: Vec<String>,
    /// Every milestone caught in loops with it (its strongly connected component), in plan order.
    pub members: Vec<String>,
    /// True when any member is critical.
    pub critical: bool,
}

/// The longest chain of critical milestones, each depending on the one before.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchCriticalPath {
    /// The chain, first milestone first. Empty when no milestone is critical.
    pub milestones: Vec<String>,
    /// The first milestone's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The last milestone's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Days from the first milestone to the last: the chain's length.
    pub days: i64,
}

/// Everything the dependency checks found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DependencyReport {
    pub checks: Vec<LaunchDependencyCheck>,
    pub cycles: Vec<LaunchCycle>,
    pub critical_path: LaunchCriticalPath,
}

/// Checks every pair (approvals against `as_of`, when given) and finds the
/// loops and the critical path.
pub(crate) fn check(
    milestones: &[Milestone],
    pairs: &[DependencyPair],
    as_of: Option<i64>,
) -> DependencyReport {
    let index = Positions::of(milestones.iter().map(|m| m.name.as_str()));
    let resolved: Vec<(Option<usize>, Option<usize>)> = pairs
        .iter()
        .map(|p| (index.get(&p.milestone), index.get(&p.depends_on)))
        .collect();
    // adjacency[m] lists the milestones m depends on, in plan order.
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); milestones.len()];
    for (dependent, dependency) in &resolved {
        if let (Some(a), Some(b)) = (dependent, dependency) {
            if let Some(list) = adjacency.get_mut(*a) {
                list.push(*b);
            }
        }
    }
    let component = strongly_connected(&adjacency);
    let loops_found = loops(milestones, &adjacency, &component);
    let mut hints = Hints::new(milestones);
    let mut checks = Vec::with_capacity(pairs.len());
    let mut sound: Vec<(usize, usize)> = Vec::new();
    for (pair, (dependent, dependency)) in pairs.iter().zip(&resolved) {
        let known = |i: &Option<usize>| i.and_then(|i| milestones.get(i).map(|m| (i, m)));
        let found = match (known(dependent), known(dependency)) {
            (Some((a, m)), Some((b, d))) => {
                // The loop both are in, if any.
                let in_loop = component
                    .get(a)
                    .filter(|c| component.get(b) == Some(c))
                    .and_then(|&c| loops_found.by_component.get(c).copied().flatten());
                let found = known_pair(m, d, a == b, in_loop, &loops_found.cycles);
                let found = match pair.kind {
                    LaunchDependencyType::Approval
                        if found.status == LaunchDependencyStatus::Ok =>
                    {
                        approval(m, d, as_of)
                    }
                    _ => found,
                };
                if found.status == LaunchDependencyStatus::Ok {
                    sound.push((b, a));
                }
                found
            }
            (m, d) => unknown_pair(pair, m.map(|(_, m)| m), d.map(|(_, d)| d), &mut hints),
        };
        checks.push(LaunchDependencyCheck {
            milestone: pair.milestone.clone(),
            depends_on: pair.depends_on.clone(),
            kind: pair.kind,
            status: found.status,
            critical: found.critical,
            message: found.message,
            unknown: found.unknown,
            hint: found.hint,
            cycle: found.cycle,
            path: pair.path.clone(),
        });
    }
    DependencyReport {
        checks,
        cycles: loops_found.cycles,
        critical_path: critical_path(milestones, &sound),
    }
}

/// A pair of known milestones, `m` depending on `d`: in a loop, scheduled
/// in the wrong order, or sound.
fn known_pair(
    m: &Milestone,
    d: &Milestone,
    same: bool,
    in_loop: Option<usize>,
    cycles: &[LaunchCycle],
) -> Found {
    let critical = m.critical || d.critical;
    let (status, message, cycle) = if let Some(cycle) = in_loop {
        let back = if same {
            "itself".to_string()
        } else {
            format!(
                "{}, which depends back on it, directly or through others",
                quoted(&d.name)
            )
        };
        let path = cycles
            .get(cycle)
            .map(|c| c.path.join(" → "))
            .unwrap_or_default();
        let message = format!(
            "{} depends on {back} (loop: {path}): neither can be done first",
            quoted(&m.name),
        );
        (
            LaunchDependencyStatus::Cycle,
            message,
            u32::try_from(cycle).ok(),
        )
    } else if d.day > m.day {
        let message = format!(
            "{} ({}) depends on {}, which is scheduled {} after it ({})",
            quoted(&m.name),
            iso_date(m.day),
            quoted(&d.name),
            days(d.day - m.day),
            iso_date(d.day)
        );
        (LaunchDependencyStatus::Misordered, message, None)
    } else {
        let gap = if d.day == m.day {
            "on the same day as".to_string()
        } else {
            format!("{} after", days(m.day - d.day))
        };
        let message = format!(
            "{} ({}) comes {gap} {} ({}), which it depends on",
            quoted(&m.name),
            iso_date(m.day),
            quoted(&d.name),
            iso_date(d.day)
        );
        (LaunchDependencyStatus::Ok, message, None)
    };
    Found {
        status,
        critical,
        message,
        unknown: Vec::new(),
        hint: None,
        cycle,
    }
}

/// An approval `m` waits for, from `d` (scheduled in order): blocking once
/// `m`'s date has come without it; otherwise sound, the message saying
/// whether it was given and when.
fn approval(m: &Milestone, d: &Milestone, as_of: Option<i64>) -> Found {
    let waits = format!(
        "{} ({}) waits for the approval of {}",
        quoted(&m.name),
        iso_date(m.day),
        quoted(&d.name)
    );
    let (status, message) = match (d.done, d.done_on, as_of) {
        (true, Some(on), _) if on > m.day => (
            LaunchDependencyStatus::Ok,
            format!(
                "{waits}, given on {}, {} after its date",
                iso_date(on),
                days(on - m.day)
            ),
        ),
        (true, Some(on), _) => (
            LaunchDependencyStatus::Ok,
            format!("{waits}, given on {}", iso_date(on)),
        ),
        (true, None, _) => (LaunchDependencyStatus::Ok, format!("{waits}, given")),
        (false, _, Some(today)) if today >= m.day => (
            LaunchDependencyStatus::AwaitingApproval,
            format!(
                "{waits}, not given {}",
                if today == m.day {
                    "on its date".to_string()
                } else {
                    format!("{} after its date", days(today - m.day))
                }
            ),
        ),
        (false, _, Some(today)) => (
            LaunchDependencyStatus::Ok,
            format!("{waits}, not given yet ({} left)", days(m.day - today)),
        ),
        (false, _, None) => (
            LaunchDependencyStatus::Ok,
            format!("{waits}, not given yet (without asOf, whether it is late is not checked)"),
        ),
    };
    Found {
        status,
        critical: m.critical || d.critical,
        message,
        unknown: Vec::new(),
        hint: None,
        cycle: None,
    }
}

/// A pair naming a milestone the plan does not have, with "did you mean"
/// for the unknown names. Critical unless both names are known to be
/// otherwise: an unknown milestone may be critical.
fn unknown_pair(
    pair: &DependencyPair,
    m: Option<&Milestone>,
    d: Option<&Milestone>,
    hints: &mut Hints,
) -> Found {
    let known_critical = [m, d].iter().flatten().any(|x| x.critical);
    let none_known = m.is_none() && d.is_none();
    let message = match (m, d) {
        (Some(_), None) => format!(
            "{} depends on {}, which is not a milestone of the plan",
            quoted(&pair.milestone),
            quoted(&pair.depends_on)
        ),
        (None, Some(_)) => format!(
            "{} is not a milestone of the plan, so its dependency on {} cannot be checked",
            quoted(&pair.milestone),
            quoted(&pair.depends_on)
        ),
        _ => format!(
            "neither {} nor {} is a milestone of the plan",
            quoted(&pair.milestone),
            quoted(&pair.depends_on)
        ),
    };
    let unknown: Vec<&str> = [
        (m.is_none(), pair.milestone.as_str()),
        (d.is_none(), pair.depends_on.as_str()),
    ]
    .into_iter()
    .filter(|(missing, _)| *missing)
    .map(|(_, name)| name)
    .collect();
    let hint: Vec<String> = unknown.iter().filter_map(|n| hints.lookup(n)).collect();
    Found {
        status: LaunchDependencyStatus::UnknownMilestone,
        critical: known_critical || none_known,
        message,
        unknown: unknown.iter().map(|n| n.to_string()).collect(),
        hint: (!hint.is_empty()).then(|| hint.join("; ")),
        cycle: None,
    }
}

/// What the check of one pair found.
struct Found {
    status: LaunchDependencyStatus,
    critical: bool,
    message: String,
    unknown: Vec<String>,
    hint: Option<String>,
    cycle: Option<u32>,
}

/// "Did you mean" for unknown names, looked up once per name and for at
/// most [`MAX_HINTED_NAMES`] names.
struct Hints<'a> {
    names: Vec<&'a str>,
    /// (unknown name, its hint), at most [`MAX_HINTED_NAMES`] of them, so
    /// a list needs no map.
    found: Vec<(String, Option<String>)>,
}

impl<'a> Hints<'a> {
    fn new(milestones: &'a [Milestone]) -> Self {
        Hints {
            names: milestones.iter().map(|m| m.name.as_str()).collect(),
            found: Vec::new(),
        }
    }

    fn lookup(&mut self, unknown: &str) -> Option<String> {
        if let Some((_, hint)) = self.found.iter().find(|(name, _)| name == unknown) {
            return hint.clone();
        }
        if self.found.len() >= MAX_HINTED_NAMES {
            return None;
        }
        let hint = did_you_mean(unknown, self.names.iter().copied())
            .map(|name| format!("did you mean {}?", quoted(name)));
        self.found.push((unknown.to_string(), hint.clone()));
        hint
    }
}

/// The strongly connected component of each node (Tarjan, iterative so a
/// long chain cannot overflow the stack).
fn strongly_connected(adjacency: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = adjacency.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut component = vec![UNSEEN; n];
    let (mut next, mut components) = (0usize, 0usize);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        order[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        // (node, index of its next edge to follow)
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(top) = calls.last_mut() {
            let v = top.0;
            let edge = adjacency[v].get(top.1).copied();
            if let Some(w) = edge {
                top.1 += 1;
                if order[w] == UNSEEN {
                    order[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
            } else {
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == order[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component[w] = components;
                        if w == v {
                            break;
                        }
                    }
                    components += 1;
                }
            }
        }
    }
    component
}

struct Loops {
    cycles: Vec<LaunchCycle>,
    /// Component id -> index in `cycles` (component ids are node indices or
    /// less).
    by_component: Vec<Option<usize>>,
}

/// The loops: components with more than one milestone, or one that depends
/// on itself; ordered by their first member in plan order.
fn loops(milestones: &[Milestone], adjacency: &[Vec<usize>], component: &[usize]) -> Loops {
    let n = component.len();
    // Component id -> its nodes, pushed in index order: nodes[0] is the
    // first in the plan.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (node, &c) in component.iter().enumerate() {
        if let Some(list) = members.get_mut(c) {
            list.push(node);
        }
    }
    // Components by their first node, in plan order.
    let looping = component.iter().enumerate().filter_map(|(node, &c)| {
        let nodes = members.get(c)?;
        let first = nodes.first() == Some(&node);
        let looped = match nodes.as_slice() {
            [only] => adjacency.get(*only).is_some_and(|e| e.contains(only)),
            _ => true,
        };
        (first && looped).then_some((c, nodes))
    });
    let name = |i: usize| {
        milestones
            .get(i)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let mut out = Loops {
        cycles: Vec::new(),
        by_component: vec![None; n],
    };
    // Each search stays within its component, and components do not
    // overlap, so one parent list serves them all.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    for (c, nodes) in looping {
        let Some(&start) = nodes.first() else {
            continue;
        };
        let path = shortest_loop(start, c, adjacency, component, &mut parent);
        if let Some(slot) = out.by_component.get_mut(c) {
            *slot = Some(out.cycles.len());
        }
        out.cycles.push(LaunchCycle {
            path: path.into_iter().map(name).collect(),
            members: nodes.iter().map(|&i| name(i)).collect(),
            critical: nodes
                .iter()
                .any(|&i| milestones.get(i).is_some_and(|m| m.critical)),
        });
    }
    out
}

/// The shortest loop from `start` back to it within its component, by
/// breadth-first search following edges in plan order; `[start, ..., start]`.
/// `parent` (node -> node it was reached from) is unset for the component's
/// nodes on entry.
fn shortest_loop(
    start: usize,
    c: usize,
    adjacency: &[Vec<usize>],
    component: &[usize],
    parent: &mut [Option<usize>],
) -> Vec<usize> {
    let mut queue = VecDeque::from([start]);
    let mut last = None;
    'search: while let Some(v) = queue.pop_front() {
        for &w in adjacency.get(v).map(Vec::as_slice).unwrap_or_default() {
            if w == start {
                last = Some(v);
                break 'search;
            }
            if component.get(w) == Some(&c) {
                if let Some(slot @ None) = parent.get_mut(w) {
                    *slot = Some(v);
                    queue.push_back(w);
                }
            }
        }
    }
    let mut path = vec![start];
    let mut node = last;
    let mut back = Vec::new();
    // Walk the parents back to the start; bounded by the component's size.
    while let Some(v) = node.filter(|&v| v != start) {
        back.push(v);
        node = parent.get(v).copied().flatten();
        if back.len() > component.len() {
            break;
        }
    }
    path.extend(back.into_iter().rev());
    path.push(start);
    path
}

/// The longest chain of critical milestones along sound dependencies
/// (`edges` are (depended on, dependent) pairs that are neither unknown,
/// looped nor misordered, so they go forward in time and form no loop).
///
/// Length is days from the chain's first milestone to its last; ties go to
/// the chain with more milestones, then to the one ending at the milestone
/// listed first in the plan, then whose milestone before the last is listed
/// first, and so on back.
fn critical_path(milestones: &[Milestone], edges: &[(usize, usize)]) -> LaunchCriticalPath {
    let n = milestones.len();
    let critical = |i: usize| milestones.get(i).is_some_and(|m| m.critical);
    let day = |i: usize| milestones.get(i).map_or(0, |m| m.day);
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut waiting = vec![0usize; n];
    for &(from, to) in edges {
        if critical(from) && critical(to) {
            next[from].push(to);
            waiting[to] += 1;
        }
    }
    // Best chain ending at each node: (first day, milestones, node before).
    let mut best: Vec<(i64, usize, Option<usize>)> = (0..n).map(|i| (day(i), 1, None)).collect();
    // Nodes whose predecessors are all done. Any topological order gives
    // the same chains: each node's best is the least of its candidates in a
    // total order (the node before breaks every tie), whatever the order
    // they come in; so a plain stack will do.
    let mut ready: Vec<usize> = (0..n).filter(|&i| critical(i) && waiting[i] == 0).collect();
    while let Some(v) = ready.pop() {
        let (first, count, _) = best[v];
        for &w in &next[v] {
            let (w_first, w_count, w_before) = best[w];
            // Earlier first day = longer chain (w's day is fixed).
            let better = (first, std::cmp::Reverse(count + 1), v)
                < (
                    w_first,
                    std::cmp::Reverse(w_count),
                    w_before.unwrap_or(usize::MAX),
                );
            if better {
                best[w] = (first, count + 1, Some(v));
            }
            waiting[w] -= 1;
            if waiting[w] == 0 {
                ready.push(w);
            }
        }
    }
    let end = (0..n)
        .filter(|&i| critical(i))
        .max_by_key(|&i| (day(i) - best[i].0, best[i].1, std::cmp::Reverse(i)));
    let mut chain = Vec::new();
    let mut node = end;
    while let Some(v) = node {
        chain.push(v);
        node = best[v].2;
        if chain.len() > n {
            break;
        }
    }
    chain.reverse();
    let first = chain.first().map(|&i| day(i));
    let last = chain.last().map(|&i| day(i));
    LaunchCriticalPath {
        milestones: chain
            .iter()
            .filter_map(|&i| milestones.get(i).map(|m| m.name.clone()))
            .collect(),
        start: first.map(iso_date),
        end: last.map(iso_date),
        days: match (first, last) {
            (Some(a), Some(b)) => b - a,
            _ => 0,
        },
    }
}

//! Rule: resources must not depend on each other in a cycle.

use std::collections::BTreeSet;

use crate::diagnostic::Collector;
use crate::synth::references::Graph;
use crate::synth::walk;

/// Reports each dependency cycle once, at its smallest logical id, naming the whole loop.
pub(crate) fn check(graph: &Graph, found: &mut Collector) {
    let mut reported: BTreeSet<BTreeSet<String>> = BTreeSet::new();
    for start in graph.keys() {
        if let Some(cycle) = cycle_through(graph, start) {
            let members: BTreeSet<String> = cycle.iter().cloned().collect();
            if reported.insert(members) {
                let mut path = cycle.clone();
                path.push(start.clone());
                found.error(
                    "core/dependency-cycle",
                    Some(start),
                    format!("/Resources/{}", walk::token(start)),
                    format!(
                        "resources depend on each other in a cycle: {}; CloudFormation cannot order them. Break the loop by removing a Ref, Fn::GetAtt or DependsOn.",
                        path.join(" -> ")
                    ),
                );
            }
        }
    }
}

/// The shortest cycle from `start` back to itself, found breadth-first, as the list of
/// nodes starting with `start`.
fn cycle_through(graph: &Graph, start: &str) -> Option<Vec<String>> {
    let mut parent: std::collections::BTreeMap<&str, &str> = Default::default();
    let mut queue = std::collections::VecDeque::from([start]);
    let mut seen = BTreeSet::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in graph.get(node).into_iter().flatten() {
            if next == start {
                let mut path = vec![node.to_owned()];
                let mut at = node;
                while let Some(p) = parent.get(at) {
                    path.push((*p).to_owned());
                    at = p;
                }
                path.reverse();
                return Some(path);
            }
            if seen.insert(next) {
                parent.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

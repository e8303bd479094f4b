//! Small graph algorithms over nodes numbered `0..n`, iterative so that a chain of 20,000
//! files or states cannot overflow the stack.

/// The strongly connected component of each node (Tarjan's algorithm): two nodes share a
/// component exactly when each reaches the other.
pub fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![UNSEEN; n];
    let mut next_index = 0;
    let mut next_component = 0;
    // (node, how many of its edges were followed)
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        work.push((root, 0));
        while let Some(top) = work.last_mut() {
            let (v, followed) = *top;
            if followed == 0 && index[v] == UNSEEN {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(followed) {
                top.1 += 1;
                if w >= n {
                    continue;
                }
                if index[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// The edges reversed: `reverse(edges)[w]` lists every `v` with an edge `v → w`.
pub fn reverse(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut reversed = vec![Vec::new(); edges.len()];
    for (v, targets) in edges.iter().enumerate() {
        for &w in targets {
            if let Some(into) = reversed.get_mut(w) {
                into.push(v);
            }
        }
    }
    reversed
}

/// Shortest ways to `to` from every node that has one, in one breadth-first search over the
/// reversed edges: `next[v]` is the step after `v` (`usize::MAX`: no way). One search serves
/// every path into `to`.
pub fn ways_to(reversed: &[Vec<usize>], to: usize) -> Vec<usize> {
    let mut next = vec![usize::MAX; reversed.len()];
    let mut seen = vec![false; reversed.len()];
    let Some(s) = seen.get_mut(to) else {
        return next;
    };
    *s = true;
    let mut queue = std::collections::VecDeque::from([to]);
    while let Some(w) = queue.pop_front() {
        for &v in &reversed[w] {
            if !seen[v] {
                seen[v] = true;
                next[v] = w;
                queue.push_back(v);
            }
        }
    }
    next
}

/// The path from `from` to `to` along [`ways_to`]`(…, to)` (both ends included).
pub fn follow(next: &[usize], from: usize, to: usize) -> Option<Vec<usize>> {
    let mut path = vec![from];
    let mut at = from;
    while at != to {
        at = *next.get(at).filter(|&&n| n != usize::MAX)?;
        path.push(at);
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_share_a_component_and_chains_do_not() {
        // 0 → 1 → 2 → 0, 2 → 3, 4 → 4
        let edges = vec![vec![1], vec![2], vec![0, 3], vec![], vec![4]];
        let c = components(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[2], c[3]);
        assert_ne!(c[3], c[4]);
        let next = ways_to(&reverse(&edges), 0);
        assert_eq!(follow(&next, 1, 0), Some(vec![1, 2, 0]));
        assert_eq!(follow(&next, 0, 0), Some(vec![0]));
        assert_eq!(follow(&next, 3, 0), None);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        let c = components(&edges);
        assert!(c.iter().all(|&x| x == c[0]));
    }
}

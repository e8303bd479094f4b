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

/// A shortest path from `from` to `to` (both included), if there is one.
pub fn path(edges: &[Vec<usize>], from: usize, to: usize) -> Option<Vec<usize>> {
    let n = edges.len();
    let mut came_from = vec![usize::MAX; n];
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen = vec![false; n];
    *seen.get_mut(from)? = true;
    while let Some(v) = queue.pop_front() {
        for &w in &edges[v] {
            if w == to {
                let mut path = vec![to, v];
                let mut at = v;
                while at != from {
                    at = came_from[at];
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            if w < n && !seen[w] {
                seen[w] = true;
                came_from[w] = v;
                queue.push_back(w);
            }
        }
    }
    None
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
        assert_eq!(path(&edges, 1, 0), Some(vec![1, 2, 0]));
        assert_eq!(path(&edges, 4, 4), Some(vec![4, 4]));
        assert_eq!(path(&edges, 3, 0), None);
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

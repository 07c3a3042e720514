//! Deterministic test inputs for the equivalence tests that hold hand-written matchers
//! to the regexes and library calls they replaced: strings glued from pieces chosen
//! to reach both the matching and the non-matching paths.

/// An endless run of texts of 0 to `max` pieces, drawn by a xorshift generator from
/// `seed`, so every test sees the same inputs on every run.
pub(crate) fn texts<'a>(
    seed: u64,
    pieces: &'a [&'a str],
    max: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    std::iter::repeat(()).map(move |()| {
        let len = (next() % (max as u64 + 1)) as usize;
        (0..len)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect()
    })
}

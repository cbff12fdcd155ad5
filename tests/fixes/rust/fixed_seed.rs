use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

// A fixed seed is deterministic on purpose or by mistake; which one is a design question: guidance.
pub fn reset_token() -> u64 {
    let mut token_rng = StdRng::seed_from_u64(42);
    token_rng.gen()
}

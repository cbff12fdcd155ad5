use rand::distributions::Alphanumeric;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

pub fn session_token() -> String {
    let token_rng = SmallRng::from_entropy();
    token_rng.sample_iter(&Alphanumeric).take(32).map(char::from).collect()
}

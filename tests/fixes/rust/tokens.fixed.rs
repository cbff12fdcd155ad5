use rand::distributions::Alphanumeric;
use rand::{Rng, SeedableRng};

pub fn session_token() -> String {
    let token_rng = rand::rngs::StdRng::from_entropy();
    token_rng.sample_iter(&Alphanumeric).take(32).map(char::from).collect()
}

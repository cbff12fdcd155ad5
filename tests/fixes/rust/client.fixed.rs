use cookie::Cookie;

fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().danger_accept_invalid_certs(false).build()
}

fn session(id: String) -> Cookie<'static> {
    Cookie::build("session", id).secure(true).finish()
}

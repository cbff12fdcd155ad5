use cookie::Cookie;

fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().danger_accept_invalid_certs(true).build()
}

fn session(id: String) -> Cookie<'static> {
    Cookie::build("session", id).secure(false).finish()
}

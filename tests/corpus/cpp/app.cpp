#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace app {

const char *const kBanner = "ready";

std::string generate_session_token()
{
    std::mt19937 gen(std::random_device{}()); // expect: cpp-insecure-random-engine
    std::uniform_int_distribution<int> dist(0, 61);
    std::string out;
    for (int i = 0; i < 32; ++i) out += "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[dist(gen)];
    return out;
}

std::string make_api_key()
{
    std::default_random_engine eng(42); // expect: cpp-insecure-random-engine
    return std::to_string(eng());
}

unsigned make_password_salt()
{
    std::minstd_rand r(std::random_device{}()); // expect: cpp-insecure-random-engine
    return r();
}

int roll_dice()
{
    std::mt19937 gen(std::random_device{}()); // ok: cpp-insecure-random-engine
    std::uniform_int_distribution<int> d(1, 6);
    return d(gen);
}

void shuffle_playlist(std::vector<int> &v)
{
    std::mt19937_64 rng(1234); // ok: cpp-insecure-random-engine
    std::shuffle(v.begin(), v.end(), rng);
}

void simulate_noise()
{
    std::default_random_engine noise; // ok: cpp-insecure-random-engine
    (void)noise();
}

void handle(const std::string &host, const char *name, char **argv)
{
    char buf[32];
    std::string cmd = "ping -c 1 " + host;
    std::system(cmd.c_str()); // expect: c-command-injection
    std::system("uptime"); // ok: c-command-injection
    std::strcpy(buf, name); // expect: c-unbounded-copy
    std::strcpy(buf, kBanner); // ok: c-unbounded-copy
    std::printf(host.c_str()); // expect: c-format-string
    std::printf("%s\n", host.c_str()); // ok: c-format-string
    gets(buf); // expect: c-gets
}

}  // namespace app

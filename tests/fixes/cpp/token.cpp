#include <random>
#include <string>

std::string make_token(std::size_t length)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device rd;
    std::mt19937 gen(rd());
    std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 2);
    std::string token;
    for (std::size_t i = 0; i < length; ++i)
        token += alphabet[pick(gen)];
    return token;
}
